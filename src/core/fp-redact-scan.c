/* fp-redact-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The infrastructure of the redaction: folding, cutting the clean text
 * into units and tokens, the token helpers the detectors share, and the
 * linear substring search over the letters and digits.
 */

#define G_LOG_DOMAIN "fp-redact"

#include "config.h"

#include <string.h>

#include "fp-redact-private.h"

/* Look-alikes folded to the Latin letter they imitate, sorted by code point.
 * Uppercase forms are listed by what they look like in uppercase (Greek Eta
 * looks like H), lowercase forms by their lowercase look. */
static const struct {
  gunichar from;
  gunichar to;
} confusables[] = {
  { 0x00D8, 'o' }, { 0x00F8, 'o' }, { 0x0110, 'd' }, { 0x0111, 'd' },
  { 0x0127, 'h' }, { 0x0131, 'i' }, { 0x0141, 'l' }, { 0x0142, 'l' },
  { 0x0391, 'a' }, { 0x0392, 'b' }, { 0x0395, 'e' }, { 0x0396, 'z' },
  { 0x0397, 'h' }, { 0x0399, 'i' }, { 0x039A, 'k' }, { 0x039C, 'm' },
  { 0x039D, 'n' }, { 0x039F, 'o' }, { 0x03A1, 'p' }, { 0x03A4, 't' },
  { 0x03A5, 'y' }, { 0x03A7, 'x' }, { 0x03B1, 'a' }, { 0x03B2, 'b' },
  { 0x03B3, 'y' }, { 0x03B5, 'e' }, { 0x03B7, 'n' }, { 0x03B9, 'i' },
  { 0x03BA, 'k' }, { 0x03BD, 'v' }, { 0x03BF, 'o' }, { 0x03C1, 'p' },
  { 0x03C2, 'c' }, { 0x03C4, 't' }, { 0x03C5, 'u' }, { 0x03C7, 'x' },
  { 0x03C9, 'w' }, { 0x0405, 's' }, { 0x0406, 'i' }, { 0x0408, 'j' },
  { 0x0410, 'a' }, { 0x0412, 'b' }, { 0x0415, 'e' }, { 0x041A, 'k' },
  { 0x041C, 'm' }, { 0x041D, 'h' }, { 0x041E, 'o' }, { 0x0420, 'p' },
  { 0x0421, 'c' }, { 0x0422, 't' }, { 0x0423, 'y' }, { 0x0425, 'x' },
  { 0x0430, 'a' }, { 0x0432, 'b' }, { 0x0433, 'r' }, { 0x0435, 'e' },
  { 0x043A, 'k' }, { 0x043C, 'm' }, { 0x043D, 'h' }, { 0x043E, 'o' },
  { 0x043F, 'n' }, { 0x0440, 'p' }, { 0x0441, 'c' }, { 0x0442, 't' },
  { 0x0443, 'y' }, { 0x0445, 'x' }, { 0x0455, 's' }, { 0x0456, 'i' },
  { 0x0458, 'j' }, { 0x04BA, 'h' }, { 0x04BB, 'h' }, { 0x04C0, 'l' },
  { 0x04CF, 'l' }, { 0x0501, 'd' }, { 0x051B, 'q' }, { 0x051D, 'w' },
};

/* Folding */

static gunichar
confusable (gunichar c)
{
  gsize lo = 0;
  gsize hi = G_N_ELEMENTS (confusables);

  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;

      if (confusables[mid].from == c)
        return confusables[mid].to;
      if (confusables[mid].from < c)
        lo = mid + 1;
      else
        hi = mid;
    }

  return 0;
}

static gunichar
fold_char (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gunichar mapped;
  gsize n;
  int digit;

  if (c < 0x80)
    return g_ascii_tolower ((char) c);

  digit = g_unichar_digit_value (c);
  if (digit >= 0)
    return '0' + (gunichar) digit;

  if ((mapped = confusable (c)) != 0)
    return mapped;

  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  if (n > 0)
    c = decomposed[0];
  c = g_unichar_tolower (c);
  if (c < 0x80)
    return c;

  if ((mapped = confusable (c)) != 0)
    return mapped;

  if (g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION || c == 0x2212)
    return '-';
  if (c == 0x00B7 || c == 0x2022 || c == 0x2219 || c == 0x30FB || c == 0x2027)
    return '.';
  if (g_unichar_isspace (c))
    return ' ';

  return c;
}

/* Characters that render as nothing but are not in the format category. */
static gboolean
is_invisible_filler (gunichar c)
{
  return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 ||
         c == 0x2800 || c == 0x17B4 || c == 0x17B5;
}

/* Folds a whole string the same way as the text: the needles of the
 * context. Combining marks and invisible characters are dropped. */
GArray *
fp_redact_fold_string (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *nfkc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gunichar));

  if (nfkc == NULL)
    return out;

  for (const char *p = nfkc; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar f;

      switch ((int) g_unichar_type (c))
        {
        case G_UNICODE_FORMAT:
        case G_UNICODE_CONTROL:
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          continue;
        default:
          break;
        }
      if (is_invisible_filler (c))
        continue;

      f = fold_char (c);
      g_array_append_val (out, f);
    }

  return out;
}

GArray *
fp_redact_alnum_only (GArray *folded)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gunichar));

  for (guint i = 0; i < folded->len; i++)
    {
      gunichar f = g_array_index (folded, gunichar, i);

      if (is_digit (f) || is_letter (f))
        g_array_append_val (out, f);
    }

  return out;
}

/* Scan setup */

static void
scan_build_units (Scan       *s,
                  const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *nfkc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  const char *src = nfkc != NULL ? nfkc : valid;

  s->clean = g_string_sized_new (strlen (src));
  s->units = g_array_sized_new (FALSE, FALSE, sizeof (Unit), strlen (src));

  for (const char *p = src; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      Unit unit;

      switch ((int) g_unichar_type (c))
        {
        case G_UNICODE_FORMAT:
          continue;
        case G_UNICODE_CONTROL:
          if (c != '\n' && c != '\t' && c != '\r')
            continue;
          break;
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          if (s->units->len > 0)
            {
              g_string_append_unichar (s->clean, c);
              g_array_index (s->units, Unit, s->units->len - 1).end = s->clean->len;
              continue;
            }
          break;
        default:
          break;
        }
      if (is_invisible_filler (c))
        continue;

      unit.start = s->clean->len;
      g_string_append_unichar (s->clean, c);
      unit.end = s->clean->len;
      unit.f = fold_char (c);
      g_array_append_val (s->units, unit);
    }
}

static void
scan_build_tokens (Scan *s)
{
  guint n = n_units (s);
  gboolean space = FALSE;
  guint i = 0;

  s->tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  s->alnum = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), n);
  s->alnum_map = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  s->word_start = g_new (guint, n + 1);
  s->word_end = g_new (guint, n + 1);

  for (guint k = 0; k < n; k++)
    {
      gunichar f = unit_f (s, k);

      if (is_digit (f) || is_letter (f))
        {
          g_array_append_val (s->alnum, f);
          g_array_append_val (s->alnum_map, k);
        }
    }

  for (guint k = 0; k < n;)
    {
      guint start = k;

      while (k < n && (is_digit (unit_f (s, k)) || is_letter (unit_f (s, k))))
        k++;
      if (k == start)
        k++;
      for (guint u = start; u < k; u++)
        {
          s->word_start[u] = start;
          s->word_end[u] = k;
        }
    }

  while (i < n)
    {
      gunichar f = unit_f (s, i);
      Token tok = { TOK_PUNCT, i, i + 1, space };

      if (is_space (f))
        {
          space = TRUE;
          i++;
          continue;
        }

      if (is_letter (f))
        {
          tok.type = TOK_WORD;
          while (tok.end < n && is_letter (unit_f (s, tok.end)))
            tok.end++;
        }
      else if (is_digit (f))
        {
          tok.type = TOK_NUMBER;
          while (tok.end < n && is_digit (unit_f (s, tok.end)))
            tok.end++;
        }

      g_array_append_val (s->tokens, tok);
      space = FALSE;
      i = tok.end;
    }
}

void
fp_redact_add_span (Scan       *s,
                    guint       start,
                    guint       end,
                    FpPiiKind   kind,
                    char       *replacement)
{
  Span span = { 0, 0, kind, replacement };

  g_assert (start < end);
  g_assert (end <= n_units (s));

  /* A span never cuts a word of letters and digits: what would be left of
   * it ("x.com" of "x.com4111…") could read as something new when the
   * redacted text is scanned again. */
  span.start = s->word_start[start];
  span.end = s->word_end[end - 1];

  /* A year standing for a date of birth no longer stands for the wider
   * span: the placeholder does. */
  if ((span.start != start || span.end != end) && replacement != NULL)
    g_clear_pointer (&span.replacement, g_free);

  g_array_append_val (s->spans, span);
}

static void
span_clear (gpointer data)
{
  Span *span = data;

  g_clear_pointer (&span->replacement, g_free);
}

void
fp_redact_scan_clear (Scan *s)
{
  if (s->clean != NULL)
    g_string_free (s->clean, TRUE);
  g_clear_pointer (&s->units, g_array_unref);
  g_clear_pointer (&s->tokens, g_array_unref);
  g_clear_pointer (&s->alnum, g_array_unref);
  g_clear_pointer (&s->alnum_map, g_array_unref);
  g_clear_pointer (&s->spans, g_array_unref);
  g_clear_pointer (&s->word_start, g_free);
  g_clear_pointer (&s->word_end, g_free);
}

/* Token helpers */

gboolean
fp_redact_is_number_tok (Scan  *s,
                         guint  t,
                         guint  min_len,
                         guint  max_len)
{
  return t < s->tokens->len && tok_at (s, t)->type == TOK_NUMBER &&
         tok_len (s, t) >= min_len && tok_len (s, t) <= max_len;
}

/* Whether the folded units [start, end) spell @ascii, a UTF-8 keyword. */
gboolean
fp_redact_units_equal (Scan       *s,
                       guint       start,
                       guint       end,
                       const char *word)
{
  guint i = start;

  for (const char *p = word; *p; p = g_utf8_next_char (p))
    {
      if (i >= end || unit_f (s, i) != g_utf8_get_char (p))
        return FALSE;
      i++;
    }

  return i == end;
}

gboolean
fp_redact_tok_is (Scan       *s,
                  guint       t,
                  const char *word)
{
  Token *tok;

  if (t >= s->tokens->len)
    return FALSE;
  tok = tok_at (s, t);

  return fp_redact_units_equal (s, tok->start, tok->end, word);
}

gboolean
fp_redact_tok_is_punct (Scan     *s,
                        guint     t,
                        gunichar  c)
{
  return t < s->tokens->len &&
         tok_at (s, t)->type == TOK_PUNCT &&
         unit_f (s, tok_at (s, t)->start) == c;
}

gboolean
fp_redact_tok_in (Scan               *s,
                  guint               t,
                  const char * const *list)
{
  if (t >= s->tokens->len || tok_at (s, t)->type != TOK_WORD)
    return FALSE;

  for (guint i = 0; list[i] != NULL; i++)
    if (fp_redact_tok_is (s, t, list[i]))
      return TRUE;

  return FALSE;
}

/* Whether the token or unit before @unit (skipping one space) is a
 * currency symbol. */
gboolean
fp_redact_currency_before (Scan  *s,
                           guint  unit)
{
  for (guint back = 1; back <= 2 && back <= unit; back++)
    {
      gunichar f = unit_f (s, unit - back);

      if (g_unichar_type (f) == G_UNICODE_CURRENCY_SYMBOL)
        return TRUE;
      if (!is_space (f) && f != '-' && f != '+')
        return FALSE;
    }

  return FALSE;
}

gboolean
fp_redact_percent_after (Scan  *s,
                         guint  unit)
{
  guint n = n_units (s);

  if (unit < n && unit_f (s, unit) == '%')
    return TRUE;
  if (unit + 1 < n && is_space (unit_f (s, unit)) && unit_f (s, unit + 1) == '%')
    return TRUE;

  return FALSE;
}

/* Whether the word in units [start, end) is part of a placeholder such as
 * `[ACCOUNT]` or `[BIRTH_DATE]`, which must not act as a keyword when
 * redacted text is scanned again. */
gboolean
fp_redact_is_placeholder (Scan  *s,
                          guint  start,
                          guint  end)
{
  gunichar before = start > 0 ? unit_f (s, start - 1) : 0;
  gunichar after = end < n_units (s) ? unit_f (s, end) : 0;

  return (before == '[' || before == '_') && (after == ']' || after == '_');
}

/* Knuth–Morris–Pratt over the folded letters and digits (@haystack, one
 * entry per entry of s->alnum), so that a known value is found however it is
 * spaced or punctuated. */
void
fp_redact_find_in (Scan      *s,
                   GArray    *haystack,
                   GArray    *needle,
                   FpPiiKind  kind)
{
  const gunichar *hay = (const gunichar *) (gpointer) haystack->data;
  const gunichar *pat = (const gunichar *) (gpointer) needle->data;
  guint m = needle->len;
  guint n = haystack->len;
  g_autofree guint *fail = NULL;
  guint k = 0;

  if (m == 0 || m > n)
    return;

  fail = g_new0 (guint, m);
  for (guint i = 1; i < m; i++)
    {
      while (k > 0 && pat[i] != pat[k])
        k = fail[k - 1];
      if (pat[i] == pat[k])
        k++;
      fail[i] = k;
    }

  k = 0;
  for (guint i = 0; i < n; i++)
    {
      while (k > 0 && hay[i] != pat[k])
        k = fail[k - 1];
      if (hay[i] == pat[k])
        k++;
      if (k == m)
        {
          guint first = g_array_index (s->alnum_map, guint, i + 1 - m);
          guint last = g_array_index (s->alnum_map, guint, i);

          fp_redact_add_span (s, first, last + 1, kind, NULL);
          k = fail[k - 1];
        }
    }
}

void
fp_redact_find_in_alnum (Scan      *s,
                         GArray    *needle,
                         FpPiiKind  kind)
{
  fp_redact_find_in (s, s->alnum, needle, kind);
}

/* Prepares @s for the detectors: the clean text, its units and tokens, and
 * an empty list of spans. Undone by fp_redact_scan_clear(). */
void
fp_redact_scan_begin (Scan                  *s,
                      const char            *text,
                      const FpRedactContext *ctx)
{
  s->ctx = ctx;
  s->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_array_set_clear_func (s->spans, span_clear);

  scan_build_units (s, text);
  scan_build_tokens (s);
}
