/* fp-redact-words.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Detectors of words: the customer's known names, addresses and account
 * numbers, e-mail addresses (also spelled out), street addresses and
 * dates of birth.
 */

#define G_LOG_DOMAIN "fp-redact"

#include "config.h"

#include <string.h>

#include "fp-redact-private.h"

static const char * const street_suffixes[] = {
  "street", "st", "avenue", "ave", "av", "road", "rd", "boulevard", "blvd",
  "lane", "ln", "drive", "dr", "court", "ct", "way", "place", "pl",
  "terrace", "ter", "circle", "cir", "highway", "hwy", "parkway", "pkwy",
  "square", "sq", "trail", "trl", "crescent", "cres", "alley", "plaza",
  "pike", "strasse", "straße", "str", "gasse", "allee", "weg", "platz",
  NULL
};

/* Words that end a street name: "45 at Main Street" is an amount, not an
 * address. */
static const char * const street_stopwords[] = {
  "at", "on", "in", "to", "for", "from", "of", "and", "or", "by", "per",
  "with", "the", "a", "an", "is", "was", "x", "times", "months", "days",
  "years", "weeks", "items", "transactions", "payments", "visits",
  NULL
};

static const char * const unit_designators[] = {
  "apt", "apartment", "suite", "ste", "unit", "flat", "fl", "floor", "room",
  NULL
};

static const char * const german_street_endings[] = {
  "strasse", "straße", "str", "gasse", "allee", "weg", "platz",
  NULL
};

static const char * const birth_triggers[] = {
  "born", "birth", "birthday", "birthdate", "dob", "geboren", "geb",
  "geburtsdatum", "geburtstag",
  NULL
};

static const char * const top_level_domains[] = {
  "com", "org", "net", "edu", "gov", "mil", "io", "co", "uk", "de", "fr",
  "us", "ca", "au", "info", "biz", "me", "eu", "ch", "at", "nl", "es", "it",
  NULL
};

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december",
};

static const char * const month_abbrevs[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
  "nov", "dec",
};

static const char * const month_german[] = {
  "januar", "februar", "marz", "april", "mai", "juni", "juli", "august",
  "september", "oktober", "november", "dezember",
};

/* Known names, addresses and account numbers */

/* For names only: digits that stand in for letters ("J0HN", "5MITH") and
 * the i/l/1 confusion fold to one letter, in the name and in the text. */
static gunichar
leet_fold (gunichar f)
{
  switch (f)
    {
    case '0':
      return 'o';
    case '1':
    case 'l':
      return 'i';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '8':
      return 'b';
    default:
      return f;
    }
}

static GArray *
leet_copy (GArray *folded)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), folded->len);

  for (guint i = 0; i < folded->len; i++)
    {
      gunichar f = leet_fold (g_array_index (folded, gunichar, i));

      g_array_append_val (out, f);
    }

  return out;
}

/* Whether the units [start, end) spell @part once both are leet-folded. */
static gboolean
units_match_part (Scan   *s,
                  guint   start,
                  guint   end,
                  GArray *part)
{
  if (part->len != end - start)
    return FALSE;

  for (guint k = 0; k < part->len; k++)
    if (g_array_index (part, gunichar, k) != leet_fold (unit_f (s, start + k)))
      return FALSE;

  return TRUE;
}

void
fp_redact_detect_names (Scan *s)
{
  const char * const *names = s->ctx != NULL ? s->ctx->names : NULL;
  g_autoptr(GArray) leet_alnum = NULL;
  g_autoptr(GArray) words = NULL;   /* pairs of units: start, end */

  if (names == NULL || names[0] == NULL)
    return;

  leet_alnum = leet_copy (s->alnum);

  /* Words of letters and digits with a letter: candidates for a whole
   * name part ("J0HN"). */
  words = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint k = 0; k < n_units (s);)
    {
      guint start = k;
      gboolean letter = FALSE;

      while (k < n_units (s) && (is_letter (unit_f (s, k)) || is_digit (unit_f (s, k))))
        letter |= is_letter (unit_f (s, k++));
      if (k == start)
        k++;
      else if (letter)
        {
          g_array_append_val (words, start);
          g_array_append_val (words, k);
        }
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GArray) folded = fp_redact_fold_string (names[i]);
      g_autoptr(GArray) letters = g_array_new (FALSE, FALSE, sizeof (gunichar));
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      GArray *part = NULL;

      for (guint k = 0; k <= folded->len; k++)
        {
          gunichar f = k < folded->len ? g_array_index (folded, gunichar, k) : 0;

          if (k < folded->len && is_letter (f))
            {
              f = leet_fold (f);
              if (part == NULL)
                {
                  part = g_array_new (FALSE, FALSE, sizeof (gunichar));
                  g_ptr_array_add (parts, part);
                }
              g_array_append_val (part, f);
              g_array_append_val (letters, f);
            }
          else
            part = NULL;
        }

      /* Each part as a whole word of letters ("12012JOHN" holds one)... */
      for (guint t = 0; t < s->tokens->len; t++)
        {
          Token *tok = tok_at (s, t);

          if (tok->type != TOK_WORD)
            continue;

          for (guint p = 0; p < parts->len; p++)
            {
              GArray *pa = g_ptr_array_index (parts, p);

              if (pa->len >= 2 && units_match_part (s, tok->start, tok->end, pa))
                {
                  fp_redact_add_span (s, tok->start, tok->end, FP_PII_NAME, NULL);
                  break;
                }
            }
        }

      /* ... or of letters and digits ("J0HN"). */
      for (guint w = 0; w < words->len; w += 2)
        {
          guint start = g_array_index (words, guint, w);
          guint end = g_array_index (words, guint, w + 1);

          for (guint p = 0; p < parts->len; p++)
            {
              GArray *pa = g_ptr_array_index (parts, p);

              if (pa->len >= 2 && units_match_part (s, start, end, pa))
                {
                  fp_redact_add_span (s, start, end, FP_PII_NAME, NULL);
                  break;
                }
            }
        }

      /* Long parts and the whole name inside longer words, or spelled
       * with spaces between the letters. */
      for (guint p = 0; p < parts->len; p++)
        {
          GArray *pa = g_ptr_array_index (parts, p);

          if (pa->len >= 5)
            fp_redact_find_in (s, leet_alnum, pa, FP_PII_NAME);
        }
      if (parts->len > 1 && letters->len >= 6)
        {
          fp_redact_find_in (s, leet_alnum, letters, FP_PII_NAME);

          if (parts->len == 2)
            {
              GArray *first = g_ptr_array_index (parts, 0);
              GArray *last = g_ptr_array_index (parts, 1);
              g_autoptr(GArray) reversed = g_array_new (FALSE, FALSE, sizeof (gunichar));

              g_array_append_vals (reversed, last->data, last->len);
              g_array_append_vals (reversed, first->data, first->len);
              fp_redact_find_in (s, leet_alnum, reversed, FP_PII_NAME);
            }
        }
    }
}

static gboolean
has_digit_and_letter (GArray *key)
{
  gboolean digit = FALSE, letter = FALSE;

  for (guint i = 0; i < key->len; i++)
    {
      gunichar f = g_array_index (key, gunichar, i);

      digit |= is_digit (f);
      letter |= is_letter (f);
    }

  return digit && letter;
}

/* Known values found whatever separates their letters and digits. For
 * addresses (@split_lines) only the lines with both a number and a name
 * count: "742 Evergreen Terrace" is personal, "Springfield" alone is not. */
void
fp_redact_detect_known_lines (Scan               *s,
                              const char * const *values,
                              gboolean            split_lines,
                              FpPiiKind           kind)
{
  if (values == NULL)
    return;

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_auto(GStrv) lines = NULL;

      if (split_lines)
        lines = g_strsplit_set (values[i], ",;\n", -1);
      else
        {
          lines = g_new0 (char *, 2);
          lines[0] = g_strdup (values[i]);
        }

      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autoptr(GArray) folded = fp_redact_fold_string (lines[l]);
          g_autoptr(GArray) key = fp_redact_alnum_only (folded);

          if (key->len >= 6 && (!split_lines || has_digit_and_letter (key)))
            fp_redact_find_in_alnum (s, key, kind);
        }
    }
}

/* E-mail addresses */

static inline gboolean
is_local_char (gunichar f)
{
  return is_digit (f) || is_letter (f) || f == '.' || f == '_' || f == '%' ||
         f == '+' || f == '-' || f == '\'';
}

static inline gboolean
is_domain_char (gunichar f)
{
  return is_digit (f) || is_letter (f) || f == '-' || f == '.';
}

void
fp_redact_detect_emails (Scan *s)
{
  guint n = n_units (s);
  guint floor_unit = 0;

  for (guint i = 0; i < n; i++)
    {
      guint start = i;
      guint end = i + 1;
      guint last_dot = 0;
      guint tld_letters = 0;

      if (unit_f (s, i) != '@')
        continue;

      while (start > floor_unit && is_local_char (unit_f (s, start - 1)))
        start--;
      while (end < n && is_domain_char (unit_f (s, end)))
        end++;
      while (end > i + 1 && (unit_f (s, end - 1) == '.' || unit_f (s, end - 1) == '-'))
        end--;

      for (guint k = i + 1; k < end; k++)
        if (unit_f (s, k) == '.')
          last_dot = k;
      if (last_dot > 0)
        for (guint k = last_dot + 1; k < end && is_letter (unit_f (s, k)); k++)
          tld_letters++;

      if (start < i && last_dot > i + 1 && tld_letters >= 2)
        fp_redact_add_span (s, start, end, FP_PII_EMAIL, NULL);

      floor_unit = i + 1;
    }
}

/* The contiguous group (no space inside) of words, numbers and @extra
 * punctuation that ends with token @t. Returns its first token. */
static guint
group_back (Scan       *s,
            guint       t,
            const char *extra,
            gboolean   *has_letter)
{
  guint first = t;

  *has_letter = tok_at (s, t)->type == TOK_WORD;
  while (first > 0 && t - first < 32 && !tok_at (s, first)->space_before)
    {
      Token *prev = tok_at (s, first - 1);

      if (prev->type == TOK_PUNCT)
        {
          gunichar f = unit_f (s, prev->start);

          if (f >= 0x80 || strchr (extra, (int) f) == NULL)
            break;
        }
      else if (prev->type == TOK_WORD)
        *has_letter = TRUE;
      first--;
    }

  while (first < t && tok_at (s, first)->type == TOK_PUNCT)
    first++;

  return first;
}

static guint
group_forward (Scan  *s,
               guint  t)
{
  guint end = t;

  for (guint steps = 0; steps < 32 && end < s->tokens->len; steps++)
    {
      Token *tok = tok_at (s, end);

      if (end > t && tok->space_before)
        break;
      if (tok->type == TOK_PUNCT && unit_f (s, tok->start) != '-')
        break;
      end++;
    }

  return end;
}

/* Length in tokens of a spelled-out marker such as "[at]", "(dot)" or a
 * bare "at" between spaces; 0 if there is none at @t. */
static guint
marker_len (Scan       *s,
            guint       t,
            const char *word,
            gunichar    symbol,
            gboolean   *bare)
{
  static const gunichar open[] = { '[', '(', '{', '<' };
  static const gunichar close[] = { ']', ')', '}', '>' };

  *bare = FALSE;
  if (t >= s->tokens->len)
    return 0;

  if (fp_redact_tok_is_punct (s, t, symbol))
    return 1;

  if (fp_redact_tok_is (s, t, word) && tok_at (s, t)->space_before &&
      t + 1 < s->tokens->len && tok_at (s, t + 1)->space_before)
    {
      *bare = TRUE;
      return 1;
    }

  for (guint k = 0; k < G_N_ELEMENTS (open); k++)
    if (fp_redact_tok_is_punct (s, t, open[k]) && fp_redact_tok_is (s, t + 1, word) &&
        fp_redact_tok_is_punct (s, t + 2, close[k]))
      return 3;

  return 0;
}

void
fp_redact_detect_spelled_emails (Scan *s)
{
  guint ntok = s->tokens->len;

  for (guint t = 1; t < ntok; t++)
    {
      gboolean bare_at, bare_dot = FALSE, has_letter;
      guint at = marker_len (s, t, "at", '@', &bare_at);
      guint first, p, best = 0;

      if (at == 0)
        continue;
      if (tok_at (s, t - 1)->type == TOK_PUNCT)
        continue;

      first = group_back (s, t - 1, "._-+", &has_letter);
      if (!has_letter)
        continue;

      p = t + at;
      if (p >= ntok || tok_at (s, p)->type == TOK_PUNCT)
        continue;
      p = group_forward (s, p);

      /* The longest run of labels that ends with a plausible top-level
       * domain, whatever follows it. */
      for (guint labels = 0; labels < 16 && p < ntok; labels++)
        {
          gboolean bare;
          guint dot = marker_len (s, p, "dot", '.', &bare);
          guint last;

          if (dot == 0 || p + dot >= ntok || tok_at (s, p + dot)->type != TOK_WORD)
            break;
          p = group_forward (s, p + dot);
          bare_dot |= bare;
          last = p - 1;

          if (tok_at (s, last)->type == TOK_WORD && tok_len (s, last) >= 2 &&
              tok_len (s, last) <= 24 &&
              (!(bare_at || bare_dot) || fp_redact_tok_in (s, last, top_level_domains)))
            best = last;
        }

      if (best != 0)
        fp_redact_add_span (s, tok_at (s, first)->start, tok_at (s, best)->end,
                            FP_PII_EMAIL, NULL);
    }
}

/* Street addresses */

static guint
skip_abbrev_dot (Scan  *s,
                 guint  t)
{
  if (t + 1 < s->tokens->len && fp_redact_tok_is_punct (s, t + 1, '.') &&
      !tok_at (s, t + 1)->space_before)
    return t + 1;
  return t;
}

/* Whether number token @t goes on with decimals: "5,50", "12.00". */
static gboolean
is_decimal_after (Scan  *s,
                  guint  t)
{
  return (fp_redact_tok_is_punct (s, t + 1, '.') || fp_redact_tok_is_punct (s, t + 1, ',')) &&
         t + 2 < s->tokens->len && tok_at (s, t + 2)->type == TOK_NUMBER &&
         !tok_at (s, t + 1)->space_before && !tok_at (s, t + 2)->space_before;
}

static gboolean
word_ends_with (Scan       *s,
                guint       t,
                const char *suffix)
{
  Token *tok = tok_at (s, t);
  glong len = g_utf8_strlen (suffix, -1);

  if (tok->type != TOK_WORD || (glong) (tok->end - tok->start) < len)
    return FALSE;

  return fp_redact_units_equal (s, tok->end - (guint) len, tok->end, suffix);
}

void
fp_redact_detect_addresses (Scan *s)
{
  guint ntok = s->tokens->len;

  for (guint t = 0; t < ntok; t++)
    {
      Token *tok = tok_at (s, t);
      guint j, end_tok = 0, words = 0;

      /* German order: "Hauptstraße 5", "Berliner Str. 12a". */
      if (tok->type == TOK_WORD)
        {
          for (guint k = 0; german_street_endings[k] != NULL; k++)
            {
              guint num;

              if (!word_ends_with (s, t, german_street_endings[k]))
                continue;
              num = skip_abbrev_dot (s, t) + 1;
              if (num < ntok && tok_at (s, num)->type == TOK_NUMBER &&
                  tok_at (s, num)->space_before && tok_len (s, num) <= 4 &&
                  !is_decimal_after (s, num) && !fp_redact_percent_after (s, tok_at (s, num)->end))
                {
                  guint first = t;
                  guint last = num;

                  if (tok_len (s, t) == g_utf8_strlen (german_street_endings[k], -1) &&
                      t > 0 && tok_at (s, t - 1)->type == TOK_WORD)
                    first = t - 1;
                  if (last + 1 < ntok && tok_at (s, last + 1)->type == TOK_WORD &&
                      !tok_at (s, last + 1)->space_before && tok_len (s, last + 1) == 1)
                    last++;
                  fp_redact_add_span (s, tok_at (s, first)->start, tok_at (s, last)->end,
                                      FP_PII_ADDRESS, NULL);
                }
              break;
            }
          continue;
        }

      if (tok->type != TOK_NUMBER || tok_len (s, t) > 6)
        continue;
      if (t > 0 && !tok->space_before && tok_at (s, t - 1)->type != TOK_PUNCT)
        continue;
      if (fp_redact_currency_before (s, tok->start) || fp_redact_percent_after (s, tok->end))
        continue;
      if (is_decimal_after (s, t))
        continue;

      j = t + 1;
      /* 12B, 12-14 */
      if (j < ntok && !tok_at (s, j)->space_before && tok_at (s, j)->type == TOK_WORD &&
          tok_len (s, j) == 1)
        j++;
      else if (fp_redact_tok_is_punct (s, j, '-') && !tok_at (s, j)->space_before &&
               fp_redact_is_number_tok (s, j + 1, 1, 6))
        j += 2;

      while (j < ntok && words < 5)
        {
          Token *w = tok_at (s, j);

          if (!w->space_before)
            break;
          if (w->type == TOK_NUMBER && j + 1 < ntok && tok_at (s, j + 1)->type == TOK_WORD &&
              !tok_at (s, j + 1)->space_before)
            {
              /* "5th" */
              j += 2;
              words++;
              continue;
            }
          if (w->type != TOK_WORD || fp_redact_tok_in (s, j, street_stopwords))
            break;
          if (words >= 1 && fp_redact_tok_in (s, j, street_suffixes))
            {
              end_tok = skip_abbrev_dot (s, j) + 1;
              break;
            }
          j = skip_abbrev_dot (s, j) + 1;
          words++;
        }

      if (end_tok == 0)
        continue;

      /* ", Apt 4B", " Suite 200", " #5" */
      {
        guint u = end_tok;

        if (fp_redact_tok_is_punct (s, u, ','))
          u++;
        if (u < ntok && (fp_redact_tok_in (s, u, unit_designators) || fp_redact_tok_is_punct (s, u, '#')))
          {
            u = skip_abbrev_dot (s, u) + 1;
            if (u < ntok && (tok_at (s, u)->type == TOK_NUMBER ||
                             (tok_at (s, u)->type == TOK_WORD && tok_len (s, u) <= 2)))
              {
                end_tok = u + 1;
                if (end_tok < ntok && tok_at (s, end_tok)->type == TOK_WORD &&
                    !tok_at (s, end_tok)->space_before && tok_len (s, end_tok) == 1)
                  end_tok++;
              }
          }
      }

      fp_redact_add_span (s, tok->start, tok_at (s, end_tok - 1)->end, FP_PII_ADDRESS, NULL);
    }
}

/* Dates of birth */

typedef struct {
  guint year;    /* 0 when the date has none */
  guint month;
  guint day;
  guint first;   /* tokens, end exclusive */
  guint end;
  guint year_tok;
} ParsedDate;

static guint
tok_number (Scan  *s,
            guint  t)
{
  Token *tok = tok_at (s, t);
  guint value = 0;

  for (guint i = tok->start; i < tok->end && i - tok->start < 9; i++)
    value = value * 10 + (unit_f (s, i) - '0');

  return value;
}

static guint
tok_month (Scan  *s,
           guint  t)
{
  if (t >= s->tokens->len || tok_at (s, t)->type != TOK_WORD)
    return 0;

  for (guint m = 0; m < 12; m++)
    if (fp_redact_tok_is (s, t, month_names[m]) || fp_redact_tok_is (s, t, month_abbrevs[m]) ||
        fp_redact_tok_is (s, t, month_german[m]) || (m == 8 && fp_redact_tok_is (s, t, "sept")))
      return m + 1;

  return 0;
}

/* A day number with an optional ordinal ("7", "7th", "7."), returns the
 * token after it. */
static guint
skip_day (Scan  *s,
          guint  t)
{
  guint next = t + 1;

  if (next < s->tokens->len && !tok_at (s, next)->space_before &&
      (fp_redact_tok_is (s, next, "st") || fp_redact_tok_is (s, next, "nd") || fp_redact_tok_is (s, next, "rd") ||
       fp_redact_tok_is (s, next, "th") || fp_redact_tok_is_punct (s, next, '.')))
    next++;

  return next;
}

static gboolean
parse_date (Scan       *s,
            guint       t,
            ParsedDate *d)
{
  guint ntok = s->tokens->len;

  memset (d, 0, sizeof *d);
  d->first = t;

  /* 19840307 */
  if (fp_redact_is_number_tok (s, t, 8, 8))
    {
      guint value = tok_number (s, t);

      d->year = value / 10000;
      d->month = value / 100 % 100;
      d->day = value % 100;
      d->year_tok = t;
      d->end = t + 1;
      return d->year >= 1900 && d->year <= 2099 && d->month >= 1 && d->month <= 12 &&
             d->day >= 1 && d->day <= 31;
    }

  /* 1984-03-07, 1984/3/7, 1984.03.07 */
  if (fp_redact_is_number_tok (s, t, 4, 4) && t + 4 < ntok &&
      tok_at (s, t + 1)->type == TOK_PUNCT && fp_redact_is_number_tok (s, t + 2, 1, 2) &&
      tok_at (s, t + 3)->type == TOK_PUNCT && fp_redact_is_number_tok (s, t + 4, 1, 2) &&
      !tok_at (s, t + 1)->space_before && !tok_at (s, t + 2)->space_before &&
      !tok_at (s, t + 3)->space_before && !tok_at (s, t + 4)->space_before)
    {
      gunichar sep = unit_f (s, tok_at (s, t + 1)->start);

      if ((sep == '-' || sep == '/' || sep == '.') &&
          unit_f (s, tok_at (s, t + 3)->start) == sep)
        {
          d->year = tok_number (s, t);
          d->month = tok_number (s, t + 2);
          d->day = tok_number (s, t + 4);
          d->year_tok = t;
          d->end = t + 5;
          return d->month >= 1 && d->month <= 12 && d->day >= 1 && d->day <= 31;
        }
    }

  /* 07/03/1984, 3/7/1984, 07.03.1984 (day or month first) */
  if (fp_redact_is_number_tok (s, t, 1, 2) && t + 4 < ntok &&
      tok_at (s, t + 1)->type == TOK_PUNCT && fp_redact_is_number_tok (s, t + 2, 1, 2) &&
      tok_at (s, t + 3)->type == TOK_PUNCT && fp_redact_is_number_tok (s, t + 4, 2, 4) &&
      tok_len (s, t + 4) != 3 &&
      !tok_at (s, t + 1)->space_before && !tok_at (s, t + 2)->space_before &&
      !tok_at (s, t + 3)->space_before && !tok_at (s, t + 4)->space_before)
    {
      gunichar sep = unit_f (s, tok_at (s, t + 1)->start);
      guint a = tok_number (s, t), b = tok_number (s, t + 2);

      if ((sep == '-' || sep == '/' || sep == '.') &&
          unit_f (s, tok_at (s, t + 3)->start) == sep && a >= 1 && b >= 1 &&
          a <= 31 && b <= 31 && (a <= 12 || b <= 12))
        {
          /* Ambiguous orders keep both readings: day first for '.',
           * month first for '/' and '-' unless that is impossible. */
          if (sep == '.' || b > 12)
            {
              d->day = a;
              d->month = b;
            }
          else
            {
              d->month = a;
              d->day = b;
            }
          d->year = tok_number (s, t + 4);
          d->year_tok = t + 4;
          d->end = t + 5;
          return TRUE;
        }
    }

  /* March 7, 1984; Mar. 7th 1984; March 7 */
  if (tok_month (s, t) != 0)
    {
      guint k = skip_abbrev_dot (s, t) + 1;

      if (fp_redact_is_number_tok (s, k, 1, 2))
        {
          d->month = tok_month (s, t);
          d->day = tok_number (s, k);
          k = skip_day (s, k);
          d->end = k;
          if (fp_redact_tok_is_punct (s, k, ','))
            k++;
          if (fp_redact_is_number_tok (s, k, 4, 4))
            {
              d->year = tok_number (s, k);
              d->year_tok = k;
              d->end = k + 1;
            }
          return d->day >= 1 && d->day <= 31;
        }
    }

  /* 7 March 1984, 7th of March, 1984; 7. März 1984 */
  if (fp_redact_is_number_tok (s, t, 1, 2))
    {
      guint k = skip_day (s, t);

      if (fp_redact_tok_is (s, k, "of"))
        k++;
      if (tok_month (s, k) != 0)
        {
          d->day = tok_number (s, t);
          d->month = tok_month (s, k);
          k = skip_abbrev_dot (s, k) + 1;
          d->end = k;
          if (fp_redact_tok_is_punct (s, k, ','))
            k++;
          if (fp_redact_is_number_tok (s, k, 4, 4))
            {
              d->year = tok_number (s, k);
              d->year_tok = k;
              d->end = k + 1;
            }
          return d->day >= 1 && d->day <= 31;
        }
    }

  return FALSE;
}

static void
add_birth_span (Scan       *s,
                ParsedDate *d)
{
  char *replacement;

  if (d->year >= 100)
    replacement = g_strdup_printf ("%u", d->year);
  else if (d->year != 0 || d->year_tok != 0)
    replacement = g_strdup_printf ("%02u", d->year);
  else
    replacement = g_strdup ("[BIRTH_DATE]");

  fp_redact_add_span (s, tok_at (s, d->first)->start, tok_at (s, d->end - 1)->end,
                      FP_PII_BIRTH_DATE, replacement);
}

static gboolean
parse_iso_date (const char *text,
                guint      *year,
                guint      *month,
                guint      *day)
{
  guint y = 0, m = 0, dd = 0;

  if (text == NULL || strlen (text) < 10)
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        {
          if (text[i] != '-')
            return FALSE;
          continue;
        }
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  dd = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  *year = y;
  *month = m;
  *day = dd;

  return m >= 1 && m <= 12 && dd >= 1 && dd <= 31;
}

void
fp_redact_detect_birth_dates (Scan *s)
{
  guint ntok = s->tokens->len;
  guint by = 0, bm = 0, bd = 0;
  gboolean known = s->ctx != NULL && parse_iso_date (s->ctx->birth_date, &by, &bm, &bd);

  for (guint t = 0; t < ntok; t++)
    {
      ParsedDate d;

      if (fp_redact_tok_in (s, t, birth_triggers) &&
          !fp_redact_is_placeholder (s, tok_at (s, t)->start, tok_at (s, t)->end))
        {
          for (guint k = t + 1; k < ntok && k <= t + 6; k++)
            {
              /* What a placeholder replaced is unknown: stop there, as a
               * second scan of redacted text must find nothing new. */
              if (fp_redact_tok_is_punct (s, k, '['))
                break;
              if (parse_date (s, k, &d))
                {
                  add_birth_span (s, &d);
                  break;
                }
              if (fp_redact_is_number_tok (s, k, 4, 4))
                break;   /* "born in 1984" says only the year */
            }
          continue;
        }

      if ((known || s->dates_are_birth) && parse_date (s, t, &d))
        {
          gboolean two_digit = d.year != 0 && d.year < 100;
          /* Without a year, "March 7" is not the customer's alone. */
          gboolean same = known && d.month == bm && d.day == bd &&
                          (d.year == by || (two_digit && d.year == by % 100));

          /* A day and month written either way round. */
          if (known && !same && d.day <= 12 && d.day == bm && d.month == bd &&
              (d.year == by || (two_digit && d.year == by % 100)))
            same = TRUE;

          if (same || s->dates_are_birth)
            add_birth_span (s, &d);
        }
    }
}
