/* fp-json-strict.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_JSON_STRICT_ERROR (fp_json_strict_error_quark ())

/**
 * FpJsonStrictError:
 * @FP_JSON_STRICT_ERROR_SYNTAX: not RFC 8259 JSON (also: empty text,
 *   trailing bytes, comments, a leading zero)
 * @FP_JSON_STRICT_ERROR_ENCODING: invalid UTF-8, raw or as an escaped lone
 *   surrogate
 * @FP_JSON_STRICT_ERROR_NUL: a NUL character, raw or as `\u0000`
 * @FP_JSON_STRICT_ERROR_DUPLICATE: one object names a member twice
 *   (RFC 7493 I-JSON), also when the names are spelled with different
 *   escapes
 * @FP_JSON_STRICT_ERROR_NUMBER: an integer literal outside gint64, or a
 *   number that is not a finite double (1e999)
 * @FP_JSON_STRICT_ERROR_DEPTH: arrays and objects nested deeper than the
 *   caller allows
 *
 * Why fp_json_strict_check() refused a text. The message names the byte
 * offset (from 0) and never the text itself.
 */
typedef enum {
  FP_JSON_STRICT_ERROR_SYNTAX,
  FP_JSON_STRICT_ERROR_ENCODING,
  FP_JSON_STRICT_ERROR_NUL,
  FP_JSON_STRICT_ERROR_DUPLICATE,
  FP_JSON_STRICT_ERROR_NUMBER,
  FP_JSON_STRICT_ERROR_DEPTH,
} FpJsonStrictError;

GQuark   fp_json_strict_error_quark (void);

gboolean fp_json_strict_check       (const char  *data,
                                     gsize        len,
                                     guint        max_depth,
                                     GError     **error);
gboolean fp_json_strict_number_ok   (const char  *text,
                                     gsize        len);
char    *fp_json_fix_exponents      (char        *text);

G_END_DECLS
