/* fp-sandbox-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-sandbox-json.h"

void
fp_json_writer_init (FpJsonWriter *w,
                     GString      *out)
{
  g_return_if_fail (w != NULL);
  g_return_if_fail (out != NULL);

  memset (w, 0, sizeof *w);
  w->out = out;
}

static void
before_value (FpJsonWriter *w)
{
  if (w->need_comma[w->depth])
    g_string_append_c (w->out, ',');
  w->need_comma[w->depth] = TRUE;
}

void
fp_json_begin_object (FpJsonWriter *w)
{
  before_value (w);
  g_string_append_c (w->out, '{');
  g_assert (w->depth + 1 < G_N_ELEMENTS (w->need_comma));
  w->depth++;
  w->need_comma[w->depth] = FALSE;
}

void
fp_json_end_object (FpJsonWriter *w)
{
  g_assert (w->depth > 0);
  w->depth--;
  g_string_append_c (w->out, '}');
}

void
fp_json_begin_array (FpJsonWriter *w)
{
  before_value (w);
  g_string_append_c (w->out, '[');
  g_assert (w->depth + 1 < G_N_ELEMENTS (w->need_comma));
  w->depth++;
  w->need_comma[w->depth] = FALSE;
}

void
fp_json_end_array (FpJsonWriter *w)
{
  g_assert (w->depth > 0);
  w->depth--;
  g_string_append_c (w->out, ']');
}

void
fp_json_escape_append (GString    *out,
                       const char *value)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) value; *p; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

void
fp_json_key (FpJsonWriter *w,
             const char   *key)
{
  before_value (w);
  fp_json_escape_append (w->out, key);
  g_string_append_c (w->out, ':');
  /* The value that follows must not add another comma. */
  w->need_comma[w->depth] = FALSE;
}

static void
after_key_value (FpJsonWriter *w)
{
  w->need_comma[w->depth] = TRUE;
}

void
fp_json_string (FpJsonWriter *w,
                const char   *value)
{
  before_value (w);
  if (value == NULL)
    g_string_append (w->out, "null");
  else
    fp_json_escape_append (w->out, value);
}

void
fp_json_int (FpJsonWriter *w,
             gint64        value)
{
  before_value (w);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

void
fp_json_double (FpJsonWriter *w,
                double        value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  before_value (w);
  if (!isfinite (value))
    {
      g_string_append (w->out, "null");
      return;
    }
  /* %.10g keeps the documents short and is exact enough for rates. */
  g_ascii_formatd (buf, sizeof buf, "%.10g", value);
  g_string_append (w->out, buf);
}

void
fp_json_bool (FpJsonWriter *w,
              gboolean      value)
{
  before_value (w);
  g_string_append (w->out, value ? "true" : "false");
}

void
fp_json_null (FpJsonWriter *w)
{
  before_value (w);
  g_string_append (w->out, "null");
}

void
fp_json_raw (FpJsonWriter *w,
             const char   *json)
{
  before_value (w);
  g_string_append (w->out, json);
}

void
fp_json_money (FpJsonWriter *w,
               gint64        minor,
               const char   *currency)
{
  guint64 abs_minor = minor < 0 ? (guint64) 0 - (guint64) minor : (guint64) minor;

  /* As fp_money_to_decimal(), without the allocation. */
  fp_json_begin_object (w);
  fp_json_key (w, "amount");
  before_value (w);
  g_string_append_printf (w->out, "\"%s%" G_GUINT64_FORMAT ".%02u\"",
                          minor < 0 ? "-" : "", abs_minor / 100, (guint) (abs_minor % 100));
  after_key_value (w);
  fp_json_kv_string (w, "currency", currency);
  fp_json_end_object (w);
}

void
fp_json_kv_string (FpJsonWriter *w,
                   const char   *key,
                   const char   *value)
{
  fp_json_key (w, key);
  fp_json_string (w, value);
  after_key_value (w);
}

void
fp_json_kv_int (FpJsonWriter *w,
                const char   *key,
                gint64        value)
{
  fp_json_key (w, key);
  fp_json_int (w, value);
  after_key_value (w);
}

void
fp_json_kv_double (FpJsonWriter *w,
                   const char   *key,
                   double        value)
{
  fp_json_key (w, key);
  fp_json_double (w, value);
  after_key_value (w);
}

void
fp_json_kv_bool (FpJsonWriter *w,
                 const char   *key,
                 gboolean      value)
{
  fp_json_key (w, key);
  fp_json_bool (w, value);
  after_key_value (w);
}

char *
fp_json_format_timestamp (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00Z");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}
