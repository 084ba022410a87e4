/* fp-sandbox-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A small streaming JSON writer over a GString. The sandbox serves pages of
 * up to a thousand transactions; writing them straight into a string is
 * several times faster than building a JsonNode tree and generating it.
 * The writer inserts commas itself; nesting is tracked up to 32 levels.
 */
typedef struct {
  GString *out;
  guint    depth;
  gboolean need_comma[32];
} FpJsonWriter;

void  fp_json_writer_init       (FpJsonWriter *w,
                                 GString      *out);
void  fp_json_begin_object      (FpJsonWriter *w);
void  fp_json_end_object        (FpJsonWriter *w);
void  fp_json_begin_array       (FpJsonWriter *w);
void  fp_json_end_array         (FpJsonWriter *w);
void  fp_json_key               (FpJsonWriter *w,
                                 const char   *key);
void  fp_json_string            (FpJsonWriter *w,
                                 const char   *value);
void  fp_json_int               (FpJsonWriter *w,
                                 gint64        value);
void  fp_json_double            (FpJsonWriter *w,
                                 double        value);
void  fp_json_bool              (FpJsonWriter *w,
                                 gboolean      value);
void  fp_json_null              (FpJsonWriter *w);
void  fp_json_raw               (FpJsonWriter *w,
                                 const char   *json);
void  fp_json_money             (FpJsonWriter *w,
                                 gint64        minor,
                                 const char   *currency);

/* Shorthands: key + value. */
void  fp_json_kv_string         (FpJsonWriter *w,
                                 const char   *key,
                                 const char   *value);
void  fp_json_kv_int            (FpJsonWriter *w,
                                 const char   *key,
                                 gint64        value);
void  fp_json_kv_double         (FpJsonWriter *w,
                                 const char   *key,
                                 double        value);
void  fp_json_kv_bool           (FpJsonWriter *w,
                                 const char   *key,
                                 gboolean      value);

void  fp_json_escape_append     (GString      *out,
                                 const char   *value);

char *fp_json_format_timestamp  (gint64        unix_seconds);

G_END_DECLS
