/* test-json-strict.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one strict JSON rule (src/core/fp-json-strict.c): what it accepts,
 * what it refuses with which error, and that the error names the byte.
 * The hostile cases are those of issue 15: a duplicate amount, a NUL in a
 * signed receipt, 2^64 and 1e999.
 */

#include "config.h"

#include <string.h>

#include "fp-json-strict.h"

static void
assert_ok_len (const char *text,
               gsize       len,
               guint       depth)
{
  g_autoptr(GError) error = NULL;

  if (!fp_json_strict_check (text, len, depth, &error))
    g_error ("refused %s: %s", text, error->message);
}

static void
assert_ok (const char *text)
{
  assert_ok_len (text, strlen (text), 64);
}

/* Refused with @code, and the message names byte @offset. */
static void
assert_refused_len (const char *text,
                    gsize       len,
                    guint       depth,
                    gint        code,
                    gsize       offset)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *where = g_strdup_printf ("byte %" G_GSIZE_FORMAT, offset);

  g_assert_false (fp_json_strict_check (text, len, depth, &error));
  g_assert_error (error, FP_JSON_STRICT_ERROR, code);
  if (strstr (error->message, where) == NULL)
    g_error ("%s: “%s” does not name %s", text, error->message, where);
}

static void
assert_refused (const char *text,
                gint        code,
                gsize       offset)
{
  assert_refused_len (text, strlen (text), 64, code, offset);
}

static void
test_accepts (void)
{
  static const char * const good[] = {
    "{}", "[]", "0", "-0", "\"x\"", "true", "false", "null", " \t\r\n[ ] \n",
    "{\"a\":1,\"b\":[true,false,null],\"c\":{\"a\":2}}",
    "[{\"a\":1},{\"a\":1}]",
    "-9223372036854775808", "9223372036854775807", "1.7976931348623157e308",
    "1e-400", "0.5E+2", "-0.0",
    "\"\\ud83d\\ude00 \\u20ac \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"",
    "\"Zoë 😀\"",
    "{\"\\u0061\":1,\"b\":{\"a\":2}}",
    "{\"\":1,\" \":2}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    assert_ok (good[i]);
}

static void
test_duplicates (void)
{
  GString *big = g_string_new ("{");

  /* Issue 15: json-glib keeps the last, so -99,999.00 was booked. */
  assert_refused ("{\"amount\":\"-1.00\",\"amount\":\"-99999.00\"}",
                  FP_JSON_STRICT_ERROR_DUPLICATE, 18);
  /* The same name spelled with an escape. */
  assert_refused ("{\"a\":1,\"\\u0061\":2}", FP_JSON_STRICT_ERROR_DUPLICATE, 7);
  assert_refused ("{\"\\u00e9\":1,\"é\":2}", FP_JSON_STRICT_ERROR_DUPLICATE, 12);
  /* Deep inside, after the same name in another object. */
  assert_refused ("[{\"a\":1},{\"b\":{\"a\":1,\"a\":1}}]", FP_JSON_STRICT_ERROR_DUPLICATE, 21);

  /* A large object (the hash set): 1000 names, then the 3rd again. */
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (big, "\"m%u\":%u,", i, i);
  {
    gsize at = big->len;

    g_string_append (big, "\"m2\":0}");
    assert_refused (big->str, FP_JSON_STRICT_ERROR_DUPLICATE, at);
    g_string_truncate (big, at);
    g_string_append (big, "\"m1000\":0}");
    assert_ok (big->str);
  }
  g_string_free (big, TRUE);
}

static void
test_nul (void)
{
  static const char raw[] = "{\"receipt\":\"v1\0evil\"}";

  assert_refused ("{\"receipt\":\"v1\\u0000evil\"}", FP_JSON_STRICT_ERROR_NUL, 14);
  assert_refused_len (raw, sizeof raw - 1, 64, FP_JSON_STRICT_ERROR_NUL, 14);
  assert_refused_len ("{}\0", 3, 64, FP_JSON_STRICT_ERROR_NUL, 2);
}

static void
test_numbers (void)
{
  assert_refused ("18446744073709551616", FP_JSON_STRICT_ERROR_NUMBER, 0);
  assert_refused ("{\"fact\":18446744073709551616}", FP_JSON_STRICT_ERROR_NUMBER, 8);
  assert_refused ("9223372036854775808", FP_JSON_STRICT_ERROR_NUMBER, 0);
  assert_refused ("-9223372036854775809", FP_JSON_STRICT_ERROR_NUMBER, 0);
  assert_refused ("123456789012345678901234567890", FP_JSON_STRICT_ERROR_NUMBER, 0);
  assert_refused ("[1e999]", FP_JSON_STRICT_ERROR_NUMBER, 1);
  assert_refused ("-1E400", FP_JSON_STRICT_ERROR_NUMBER, 0);

  g_assert_true (fp_json_strict_number_ok ("12", 2));
  g_assert_true (fp_json_strict_number_ok ("-3.5", 4));
  g_assert_true (fp_json_strict_number_ok ("0.72", 4));
  g_assert_true (fp_json_strict_number_ok ("9223372036854775807", 19));
  g_assert_false (fp_json_strict_number_ok ("18446744073709551616", 20));
  g_assert_false (fp_json_strict_number_ok ("1e999", 5));
  g_assert_false (fp_json_strict_number_ok ("007", 3));
  g_assert_false (fp_json_strict_number_ok ("+1", 2));
  g_assert_false (fp_json_strict_number_ok ("1 ", 2));
  g_assert_false (fp_json_strict_number_ok ("", 0));
  g_assert_false (fp_json_strict_number_ok ("inf", 3));
}

static void
test_encoding (void)
{
  assert_refused ("\"\\ud800\"", FP_JSON_STRICT_ERROR_ENCODING, 1);
  assert_refused ("\"\\udc00\"", FP_JSON_STRICT_ERROR_ENCODING, 1);
  assert_refused ("\"\\ud800\\u0041\"", FP_JSON_STRICT_ERROR_ENCODING, 1);
  assert_refused ("\"\\ud800x\"", FP_JSON_STRICT_ERROR_ENCODING, 1);
  assert_refused ("[\"ok\",\"\xff\"]", FP_JSON_STRICT_ERROR_ENCODING, 7);
  /* Overlong, and a surrogate written as UTF-8. */
  assert_refused ("\"\xc0\xaf\"", FP_JSON_STRICT_ERROR_ENCODING, 1);
  assert_refused ("\"\xed\xa0\x80\"", FP_JSON_STRICT_ERROR_ENCODING, 1);
}

static void
test_depth (void)
{
  GString *deep = g_string_new (NULL);

  assert_ok_len ("[[]]", 4, 2);
  assert_refused_len ("[[[]]]", 6, 2, FP_JSON_STRICT_ERROR_DEPTH, 2);
  assert_refused_len ("{\"a\":{\"b\":[1]}}", 15, 2, FP_JSON_STRICT_ERROR_DEPTH, 10);

  /* A million brackets: refused at the limit, without recursion. */
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (deep, '[');
  assert_refused_len (deep->str, deep->len, 64, FP_JSON_STRICT_ERROR_DEPTH, 64);
  g_string_free (deep, TRUE);
}

static void
test_syntax (void)
{
  static const struct {
    const char *text;
    gsize offset;
  } bad[] = {
    { "", 0 }, { "  ", 2 }, { "{", 1 }, { "[1,]", 3 }, { "{\"a\":1,}", 7 },
    { "01", 1 }, { "1.", 2 }, { ".5", 0 }, { "+1", 0 }, { "-", 1 }, { "1e", 2 },
    { "NaN", 0 }, { "Infinity", 0 }, { "// c\n{}", 0 }, { "/* c */ {}", 0 },
    { "{} x", 3 }, { "{}{}", 2 }, { "'a'", 0 }, { "\"\\x\"", 1 }, { "\"\\u12\"", 1 },
    { "tru", 0 }, { "nul", 0 }, { "[1 2]", 3 }, { "{\"a\" 1}", 5 }, { "{1:2}", 1 },
    { "\"a\tb\"", 2 }, { "\"open", 5 }, { "[1,,2]", 3 }, { "\xef\xbb\xbf{}", 0 },
    { "{\"a\":1]", 6 }, { "[1}", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_refused (bad[i].text, FP_JSON_STRICT_ERROR_SYNTAX, bad[i].offset);
}

static void
test_wide_object (void)
{
  GString *wide = g_string_new ("{");

  /* Linear however many members (the hash set takes over). */
  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (wide, "%s\"k%u\":0", i > 0 ? "," : "", i);
  g_string_append_c (wide, '}');
  assert_ok_len (wide->str, wide->len, 64);
  g_string_free (wide, TRUE);
}

static void
test_fix_exponents (void)
{
  static const struct {
    const char *in, *out;
  } cases[] = {
    /* What json-glib 1.6 writes for 1e-8, 1e-300 and -2e-7. */
    { "[1e-08.0,1e-300.0,-2e-07.0]", "[1e-08,1e-300,-2e-07]" },
    { "{\"a\":1E+20.0}", "{\"a\":1E+20}" },
    /* Everything else stays. */
    { "[1.0,2.5e-08,1e-08.05,\"1e-08.0\",true,false,null]",
      "[1.0,2.5e-08,1e-08.05,\"1e-08.0\",true,false,null]" },
    { "{\"e\\\"1e5.0\":\"x\"}", "{\"e\\\"1e5.0\":\"x\"}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup (cases[i].in);

      g_assert_cmpstr (fp_json_fix_exponents (text), ==, cases[i].out);
    }
  assert_ok ("[1e-08,1e-300,-2e-07]");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-strict/accepts", test_accepts);
  g_test_add_func ("/json-strict/duplicate-names", test_duplicates);
  g_test_add_func ("/json-strict/nul", test_nul);
  g_test_add_func ("/json-strict/numbers", test_numbers);
  g_test_add_func ("/json-strict/encoding", test_encoding);
  g_test_add_func ("/json-strict/depth", test_depth);
  g_test_add_func ("/json-strict/syntax", test_syntax);
  g_test_add_func ("/json-strict/wide-object", test_wide_object);
  g_test_add_func ("/json-strict/fix-exponents", test_fix_exponents);

  return g_test_run ();
}
