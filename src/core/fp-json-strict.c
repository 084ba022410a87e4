/* fp-json-strict.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one rule for JSON that crosses the wire, in both directions and on
 * both sides (the client's replies, the feed reader, the GenAI client, the
 * scenario files, the sandbox's requests): RFC 8259 syntax and the I-JSON
 * profile of RFC 7493, checked on the raw bytes before any parser sees
 * them. json-glib 1.6 keeps the last of two equal member names, cuts a
 * string at `\u0000`, wraps integers beyond 64 bits and reads 1e999 as
 * infinity; a text that passes here has none of that, so every reader
 * reads it the same way.
 *
 * One linear pass with an explicit stack (no recursion, however deep the
 * input), no allocation per value; UTF-8 is validated where it may occur,
 * inside strings. Member names are compared unescaped,
 * in a list for small objects and in a hash set for large ones, so a
 * hostile object of a million members stays linear.
 */

#define G_LOG_DOMAIN "fp-json-strict"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "fp-json-strict.h"

G_DEFINE_QUARK (fp-json-strict-error-quark, fp_json_strict_error)

/* Objects with more members than this get a hash set. */
#define LINEAR_MEMBERS 16

typedef struct {
  const char *name;    /* unescaped; into the input or Checker.scratch */
  gsize       len;
} Key;

typedef struct {
  gboolean    object;
  guint       first_key;   /* index into Checker.keys */
  GHashTable *set;         /* of GBytes, once the object is large */
} Level;

typedef struct {
  const char *data;
  const char *p;
  const char *end;
  guint       max_depth;
  GArray     *keys;      /* of Key: the names of the open objects */
  GArray     *levels;    /* of Level */
  GPtrArray  *scratch;   /* unescaped member names */
  GString    *name;
  GError    **error;
} Checker;

typedef enum {
  VALUE_DONE,     /* a scalar, or an empty array or object */
  VALUE_OPENED,   /* an array or object whose first value follows */
  VALUE_FAILED,
} ValueResult;

static gboolean
fail (Checker           *c,
      FpJsonStrictError  code,
      const char        *at)
{
  gulong offset = (gulong) (at - c->data);

  /* Outside strings every byte is ASCII: a NUL or a stray byte of a
   * multi-byte sequence there is named for what it is. */
  if (code == FP_JSON_STRICT_ERROR_SYNTAX && at < c->end && *at == '\0')
    code = FP_JSON_STRICT_ERROR_NUL;
  else if (code == FP_JSON_STRICT_ERROR_SYNTAX && at < c->end && (guchar) *at >= 0x80
           && !g_utf8_validate_len (at, (gsize) (c->end - at), NULL))
    {
      const char *bad = NULL;

      g_utf8_validate_len (at, (gsize) (c->end - at), &bad);
      if (bad == at)
        code = FP_JSON_STRICT_ERROR_ENCODING;
    }

  switch (code)
    {
    case FP_JSON_STRICT_ERROR_ENCODING:
      g_set_error (c->error, FP_JSON_STRICT_ERROR, code,
                   _("invalid UTF-8 at byte %lu"), offset);
      break;
    case FP_JSON_STRICT_ERROR_NUL:
      g_set_error (c->error, FP_JSON_STRICT_ERROR, code,
                   _("a NUL character at byte %lu"), offset);
      break;
    case FP_JSON_STRICT_ERROR_DUPLICATE:
      g_set_error (c->error, FP_JSON_STRICT_ERROR, code,
                   _("a member name given twice in one object, at byte %lu"), offset);
      break;
    case FP_JSON_STRICT_ERROR_NUMBER:
      g_set_error (c->error, FP_JSON_STRICT_ERROR, code,
                   _("a number out of range at byte %lu"), offset);
      break;
    case FP_JSON_STRICT_ERROR_DEPTH:
      g_set_error (c->error, FP_JSON_STRICT_ERROR, code,
                   _("nested more than %u levels deep at byte %lu"), c->max_depth, offset);
      break;
    case FP_JSON_STRICT_ERROR_SYNTAX:
    default:
      g_set_error (c->error, FP_JSON_STRICT_ERROR, FP_JSON_STRICT_ERROR_SYNTAX,
                   _("not valid JSON at byte %lu"), offset);
      break;
    }
  return FALSE;
}

/* The bytes that end a run of plain ASCII string characters: 1 for the
 * controls, the quote and the backslash, 2 for the bytes of multi-byte
 * UTF-8 sequences. */
static const guint8 string_stop[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

static inline void
skip_ws (Checker *c)
{
  const char *p = c->p;

  while (p < c->end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  c->p = p;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* At the opening quote; leaves c->p after the closing one. With @collect,
 * a string with escapes is unescaped into c->name and *out_escaped set. */
static gboolean
scan_string (Checker  *c,
             gboolean  collect,
             gboolean *out_escaped)
{
  const char *start = c->p + 1;
  const char *p = start;
  const char *end = c->end;
  gboolean escaped = FALSE;

  if (collect)
    g_string_truncate (c->name, 0);

  for (;;)
    {
      const char *run = p;
      guchar ch = 0;

      while (p < end && string_stop[(guchar) *p] != 1)
        {
          if (string_stop[(guchar) *p] == 2)
            {
              /* A run of non-ASCII bytes ends at a character boundary. */
              const char *q = p;
              const char *bad = NULL;

              while (q < end && (guchar) *q >= 0x80)
                q++;
              if (!g_utf8_validate_len (p, (gsize) (q - p), &bad))
                return fail (c, FP_JSON_STRICT_ERROR_ENCODING, bad);
              p = q;
            }
          else
            p++;
        }
      if (collect && escaped)
        g_string_append_len (c->name, run, p - run);
      if (p >= end)
        return fail (c, FP_JSON_STRICT_ERROR_SYNTAX, p);
      ch = (guchar) *p;
      if (ch == '"')
        break;
      if (ch < 0x20)
        return fail (c, ch == 0 ? FP_JSON_STRICT_ERROR_NUL : FP_JSON_STRICT_ERROR_SYNTAX, p);

      /* A backslash */
      if (collect && !escaped)
        g_string_append_len (c->name, start, p - start);
      escaped = TRUE;
      if (end - p < 2)
        return fail (c, FP_JSON_STRICT_ERROR_SYNTAX, p);
      switch (p[1])
        {
        case '"':
        case '\\':
        case '/':
          if (collect)
            g_string_append_c (c->name, p[1]);
          p += 2;
          break;
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          if (collect)
            g_string_append_c (c->name, p[1] == 'b' ? '\b' : p[1] == 'f' ? '\f'
                                        : p[1] == 'n' ? '\n' : p[1] == 'r' ? '\r' : '\t');
          p += 2;
          break;
        case 'u':
          {
            gunichar u;
            int hi, lo;

            if (end - p < 6 || (hi = hex4 (p + 2)) < 0)
              return fail (c, FP_JSON_STRICT_ERROR_SYNTAX, p);
            if (hi == 0)
              return fail (c, FP_JSON_STRICT_ERROR_NUL, p);
            if (hi >= 0xdc00 && hi <= 0xdfff)
              return fail (c, FP_JSON_STRICT_ERROR_ENCODING, p);
            if (hi >= 0xd800 && hi <= 0xdbff)
              {
                if (end - p < 12 || p[6] != '\\' || p[7] != 'u'
                    || (lo = hex4 (p + 8)) < 0xdc00 || lo > 0xdfff)
                  return fail (c, FP_JSON_STRICT_ERROR_ENCODING, p);
                u = 0x10000 + (((gunichar) hi - 0xd800) << 10) + ((gunichar) lo - 0xdc00);
                p += 12;
              }
            else
              {
                u = (gunichar) hi;
                p += 6;
              }
            if (collect)
              g_string_append_unichar (c->name, u);
            break;
          }
        default:
          return fail (c, FP_JSON_STRICT_ERROR_SYNTAX, p);
        }
    }

  c->p = p + 1;
  if (out_escaped != NULL)
    *out_escaped = escaped;
  return TRUE;
}

/* Whether the number literal @text (grammar already checked) is in range:
 * an integer fits gint64, anything else is a finite double. */
static gboolean
number_in_range (const char *text,
                 gsize       len,
                 gboolean    integer)
{
  if (integer)
    {
      gboolean negative = text[0] == '-';
      const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
      gsize n = len - (negative ? 1 : 0);

      /* No leading zeros: the number of digits orders the magnitudes. */
      if (n != 19)
        return n < 19;
      return memcmp (text + (negative ? 1 : 0), limit, 19) <= 0;
    }
  else
    {
      char buf[64];
      char *copy = len < sizeof buf ? buf : g_malloc (len + 1);
      double v;

      memcpy (copy, text, len);
      copy[len] = '\0';
      v = g_ascii_strtod (copy, NULL);
      if (copy != buf)
        g_free (copy);
      return isfinite (v);
    }
}

static gboolean
scan_number (Checker *c)
{
  const char *start = c->p;
  const char *p = c->p;
  const char *end = c->end;
  gboolean integer = TRUE;

  if (*p == '-')
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    return fail (c, FP_JSON_STRICT_ERROR_SYNTAX, p);
  if (*p == '0')
    {
      p++;
      if (p < end && g_ascii_isdigit (*p))
        return fail (c, FP_JSON_STRICT_ERROR_SYNTAX, p);
    }
  else
    while (p < end && g_ascii_isdigit (*p))
      p++;
  if (p < end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return fail (c, FP_JSON_STRICT_ERROR_SYNTAX, p);
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return fail (c, FP_JSON_STRICT_ERROR_SYNTAX, p);
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  c->p = p;
  if (!number_in_range (start, (gsize) (p - start), integer))
    return fail (c, FP_JSON_STRICT_ERROR_NUMBER, start);
  return TRUE;
}

static gboolean
scan_literal (Checker    *c,
              const char *word,
              gsize       n)
{
  if ((gsize) (c->end - c->p) < n || memcmp (c->p, word, n) != 0)
    return fail (c, FP_JSON_STRICT_ERROR_SYNTAX, c->p);
  c->p += n;
  return TRUE;
}

static Level *
top (Checker *c)
{
  return &g_array_index (c->levels, Level, c->levels->len - 1);
}

static void
pop (Checker *c)
{
  Level *level = top (c);

  if (level->object)
    g_array_set_size (c->keys, level->first_key);
  g_clear_pointer (&level->set, g_hash_table_unref);
  g_array_set_size (c->levels, c->levels->len - 1);
}

/* Records a member name of the innermost object; fails on a repeat. */
static gboolean
add_name (Checker    *c,
          const char *name,
          gsize       len,
          const char *at)
{
  Level *level = top (c);
  Key key = { name, len };

  if (level->set != NULL)
    {
      if (!g_hash_table_add (level->set, g_bytes_new_static (name, len)))
        return fail (c, FP_JSON_STRICT_ERROR_DUPLICATE, at);
      return TRUE;
    }

  for (guint i = level->first_key; i < c->keys->len; i++)
    {
      const Key *k = &g_array_index (c->keys, Key, i);

      if (k->len == len && memcmp (k->name, name, len) == 0)
        return fail (c, FP_JSON_STRICT_ERROR_DUPLICATE, at);
    }
  g_array_append_val (c->keys, key);

  if (c->keys->len - level->first_key > LINEAR_MEMBERS)
    {
      level->set = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                          (GDestroyNotify) g_bytes_unref, NULL);
      for (guint i = level->first_key; i < c->keys->len; i++)
        {
          const Key *k = &g_array_index (c->keys, Key, i);

          g_hash_table_add (level->set, g_bytes_new_static (k->name, k->len));
        }
    }
  return TRUE;
}

/* After `{` or `,` inside an object: the member's name and its colon. */
static gboolean
member_name (Checker *c)
{
  const char *at;
  gboolean escaped = FALSE;

  skip_ws (c);
  at = c->p;
  if (c->p >= c->end || *c->p != '"')
    return fail (c, FP_JSON_STRICT_ERROR_SYNTAX, c->p);
  if (!scan_string (c, TRUE, &escaped))
    return FALSE;
  if (escaped)
    {
      char *copy = g_strndup (c->name->str, c->name->len);

      g_ptr_array_add (c->scratch, copy);
      if (!add_name (c, copy, c->name->len, at))
        return FALSE;
    }
  else if (!add_name (c, at + 1, (gsize) (c->p - at - 2), at))
    return FALSE;

  skip_ws (c);
  if (c->p >= c->end || *c->p != ':')
    return fail (c, FP_JSON_STRICT_ERROR_SYNTAX, c->p);
  c->p++;
  return TRUE;
}

static ValueResult
value_start (Checker *c)
{
  skip_ws (c);
  if (c->p >= c->end)
    {
      fail (c, FP_JSON_STRICT_ERROR_SYNTAX, c->p);
      return VALUE_FAILED;
    }

  switch (*c->p)
    {
    case '{':
    case '[':
      {
        Level level = { *c->p == '{', c->keys->len, NULL };
        char close = level.object ? '}' : ']';

        if (c->levels->len >= c->max_depth)
          {
            fail (c, FP_JSON_STRICT_ERROR_DEPTH, c->p);
            return VALUE_FAILED;
          }
        g_array_append_val (c->levels, level);
        c->p++;
        skip_ws (c);
        if (c->p < c->end && *c->p == close)
          {
            c->p++;
            pop (c);
            return VALUE_DONE;
          }
        if (level.object && !member_name (c))
          return VALUE_FAILED;
        return VALUE_OPENED;
      }
    case '"':
      return scan_string (c, FALSE, NULL) ? VALUE_DONE : VALUE_FAILED;
    case 't':
      return scan_literal (c, "true", 4) ? VALUE_DONE : VALUE_FAILED;
    case 'f':
      return scan_literal (c, "false", 5) ? VALUE_DONE : VALUE_FAILED;
    case 'n':
      return scan_literal (c, "null", 4) ? VALUE_DONE : VALUE_FAILED;
    default:
      if (*c->p == '-' || g_ascii_isdigit (*c->p))
        return scan_number (c) ? VALUE_DONE : VALUE_FAILED;
      fail (c, FP_JSON_STRICT_ERROR_SYNTAX, c->p);
      return VALUE_FAILED;
    }
}

static gboolean
check_text (Checker *c)
{
  for (;;)
    {
      ValueResult r = value_start (c);

      if (r == VALUE_FAILED)
        return FALSE;
      if (r == VALUE_OPENED)
        continue;

      /* After a complete value: a separator, the end of its container (and
       * so of a value of the one around it), or the end of the text. */
      for (;;)
        {
          Level *level;

          skip_ws (c);
          if (c->levels->len == 0)
            return c->p == c->end ? TRUE : fail (c, FP_JSON_STRICT_ERROR_SYNTAX, c->p);
          if (c->p >= c->end)
            return fail (c, FP_JSON_STRICT_ERROR_SYNTAX, c->p);
          level = top (c);
          if (*c->p == ',')
            {
              c->p++;
              if (level->object && !member_name (c))
                return FALSE;
              break;
            }
          if (*c->p != (level->object ? '}' : ']'))
            return fail (c, FP_JSON_STRICT_ERROR_SYNTAX, c->p);
          c->p++;
          pop (c);
        }
    }
}

/**
 * fp_json_strict_check:
 * @data: (array length=len): the bytes, not necessarily NUL-terminated
 * @len: their length
 * @max_depth: the deepest nesting of arrays and objects allowed (1 allows
 *   `{"a": 1}` but not `{"a": []}`)
 * @error: return location for a %FP_JSON_STRICT_ERROR
 *
 * Checks that @data is one JSON text (RFC 8259) within the I-JSON profile
 * (RFC 7493): UTF-8 without NUL (raw or escaped) and without escaped lone
 * surrogates, no member name twice in one object, integer literals within
 * gint64 and every other number a finite double, and no nesting deeper
 * than @max_depth. Reads the bytes once; builds nothing.
 *
 * Returns: %TRUE if @data may be handed to a JSON parser
 */
gboolean
fp_json_strict_check (const char  *data,
                      gsize        len,
                      guint        max_depth,
                      GError     **error)
{
  Checker c = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  c.data = data;
  c.p = data;
  c.end = data + len;
  c.max_depth = max_depth;
  c.error = error;

  c.keys = g_array_new (FALSE, FALSE, sizeof (Key));
  c.levels = g_array_new (FALSE, FALSE, sizeof (Level));
  c.scratch = g_ptr_array_new_with_free_func (g_free);
  c.name = g_string_new (NULL);

  ok = check_text (&c);

  while (c.levels->len > 0)
    pop (&c);
  g_array_unref (c.keys);
  g_array_unref (c.levels);
  g_ptr_array_unref (c.scratch);
  g_string_free (c.name, TRUE);
  return ok;
}

/**
 * fp_json_strict_number_ok:
 * @text: (array length=len): a candidate number
 * @len: its length
 *
 * Whether @text is exactly one JSON number that fp_json_strict_check()
 * accepts: for writers that must send only what readers accept.
 *
 * Returns: %TRUE for a JSON number in range
 */
gboolean
fp_json_strict_number_ok (const char *text,
                          gsize       len)
{
  Checker c = { 0 };

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (len == 0 || (*text != '-' && !g_ascii_isdigit (*text)))
    return FALSE;
  c.data = text;
  c.p = text;
  c.end = text + len;
  return scan_number (&c) && c.p == c.end;
}

/**
 * fp_json_fix_exponents:
 * @text: (inout): JSON text written by json-glib 1.6, changed in place
 *
 * json-glib 1.6 writes a double whose shortest form has an exponent and
 * no point with ".0" appended — `1e-08.0` — which is not JSON, and which
 * fp_json_strict_check() rightly refuses when the text comes back. This
 * removes that ".0" wherever it follows the digits of an exponent outside
 * strings; nothing else changes. Use it on whatever json-glib writes that
 * is stored or printed.
 *
 * Returns: (transfer none): @text
 */
char *
fp_json_fix_exponents (char *text)
{
  const char *r = text;
  char *w = text;
  gboolean in_string = FALSE;
  int exponent = 0;   /* 1: after a digit's 'e', 2: its sign, 3: its digits */
  gboolean after_digit = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  while (*r != '\0')
    {
      char c = *r;

      if (in_string)
        {
          *w++ = *r++;
          if (c == '\\' && *r != '\0')
            *w++ = *r++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '.' && exponent == 3 && r[1] == '0' && !g_ascii_isdigit (r[2]))
        {
          r += 2;
          exponent = 0;
          continue;
        }
      if ((c == 'e' || c == 'E') && after_digit)
        exponent = 1;
      else if ((c == '+' || c == '-') && exponent == 1)
        exponent = 2;
      else if (g_ascii_isdigit (c) && exponent > 0)
        exponent = 3;
      else if (!g_ascii_isdigit (c))
        exponent = 0;
      after_digit = g_ascii_isdigit (c);
      in_string = c == '"';
      *w++ = *r++;
    }
  *w = '\0';
  return text;
}
