/* fp-redact-numbers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Detectors of numbers: digit runs joined across separators (cards,
 * account numbers, phones), card numbers hidden among other digits, and
 * IBANs.
 */

#define G_LOG_DOMAIN "fp-redact"

#include "config.h"

#include <string.h>

#include "fp-redact-private.h"

static const char * const number_keywords[] = {
  "account", "acct", "acc", "iban", "card", "routing", "ssn", "konto",
  "kontonummer", "number", "no", "nr", "ref",
  NULL
};

/* Digit runs: cards, account numbers, phones */

#define MAX_GROUPS 8

typedef struct {
  guint    start;
  guint    end;
  guint    ndigits;
  guint    ngroups;
  guint    glen[MAX_GROUPS];   /* the first groups' lengths */
  guint    last_glen;
  gunichar first_sep;
  gunichar last_sep;
  gboolean mixed_seps;
  gboolean middle_thousands;   /* every group but the first and last is 3 long */
} NumWord;

typedef struct {
  guint    start;
  guint    end;
  guint    nwords;
  guint    ndigits;
  guint    ngroups;
  guint    glen[MAX_GROUPS];
  gboolean paren;
  gboolean any_long_word;
} NumRun;

static inline gboolean
is_joiner (gunichar f)
{
  return f == '-' || f == '.' || f == '/' || f == '_' || f == ',';
}

static void
read_numword (Scan    *s,
              guint    i,
              NumWord *w,
              GString *digits)
{
  guint n = n_units (s);
  guint j = i;

  memset (w, 0, sizeof *w);
  w->start = i;
  w->middle_thousands = TRUE;

  for (;;)
    {
      guint g = 0;

      while (j < n && is_digit (unit_f (s, j)))
        {
          g_string_append_c (digits, (char) unit_f (s, j));
          g++;
          j++;
        }

      if (w->ngroups < MAX_GROUPS)
        w->glen[w->ngroups] = g;
      if (w->ngroups >= 2 && w->last_glen != 3)
        w->middle_thousands = FALSE;
      w->ngroups++;
      w->last_glen = g;
      w->ndigits += g;

      if (j + 1 < n && is_joiner (unit_f (s, j)) && is_digit (unit_f (s, j + 1)))
        {
          gunichar sep = unit_f (s, j);

          if (w->first_sep == 0)
            w->first_sep = sep;
          else if (sep != w->last_sep)
            w->mixed_seps = TRUE;
          w->last_sep = sep;
          j++;
          continue;
        }
      break;
    }

  w->end = j;
}

/* Amounts, percentages and dates are not personal numbers. */
static gboolean
numword_is_protected (Scan    *s,
                      NumWord *w)
{
  guint first = w->glen[0];

  if (fp_redact_currency_before (s, w->start) || fp_redact_percent_after (s, w->end))
    return TRUE;

  if (w->ngroups < 2)
    return FALSE;

  /* 1234.56, 1,234.56, 1.234,56 */
  if ((w->last_sep == '.' || w->last_sep == ',') && w->last_glen <= 2)
    {
      if (w->ngroups == 2 && first <= 9)
        return TRUE;
      if (first <= 3 && w->middle_thousands && w->ngroups <= 6 &&
          w->first_sep != w->last_sep)
        return TRUE;
    }

  /* 1,234,567 */
  if (w->first_sep == ',' && !w->mixed_seps && first <= 3 &&
      w->middle_thousands && w->last_glen == 3 && w->ngroups <= 5)
    return TRUE;

  /* 2024-01-15, 15/01/2024, 15.01.24 */
  if (w->ngroups == 3 && !w->mixed_seps &&
      (w->first_sep == '-' || w->first_sep == '/' || w->first_sep == '.'))
    {
      guint g1 = w->glen[1], g2 = w->glen[2];

      if (first == 4 && g1 <= 2 && g2 <= 2)
        return TRUE;
      if (first <= 2 && g1 <= 2 && (g2 == 4 || g2 == 2))
        return TRUE;
    }

  return FALSE;
}

static gboolean
luhn_valid (const char *digits,
            gsize       len)
{
  guint sum = 0;
  gboolean twice = FALSE;

  for (gsize i = len; i > 0; i--)
    {
      guint d = (guint) (digits[i - 1] - '0');

      if (twice)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
      twice = !twice;
    }

  return sum % 10 == 0;
}

/* Whether the first digits could start a card number: 3 to 6, or the 2
 * series of Mastercard (2221–2720) and Mir (2200–2204). Years such as
 * "2023 2024 2025 2026" then never read as a card. */
static gboolean
plausible_issuer (const char *digits)
{
  int prefix;

  if (digits[0] >= '3' && digits[0] <= '6')
    return TRUE;
  if (digits[0] != '2')
    return FALSE;

  prefix = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 +
           (digits[2] - '0') * 10 + (digits[3] - '0');

  return (prefix >= 2200 && prefix <= 2204) || (prefix >= 2221 && prefix <= 2720);
}

static gboolean
keyword_before (Scan  *s,
                guint  unit)
{
  guint i = unit;
  guint end;

  /* Skip separators such as ": #" between the keyword and the number. */
  while (i > 0 && unit - i < 4)
    {
      gunichar f = unit_f (s, i - 1);

      if (is_letter (f))
        break;
      if (!is_space (f) && f != ':' && f != '#' && f != '.' && f != '-' && f != '(')
        return FALSE;
      i--;
    }

  end = i;
  while (i > 0 && end - i < 16 && is_letter (unit_f (s, i - 1)))
    i--;
  if (i == end)
    return FALSE;

  if (fp_redact_is_placeholder (s, i, end))
    return FALSE;

  for (guint k = 0; number_keywords[k] != NULL; k++)
    if (fp_redact_units_equal (s, i, end, number_keywords[k]))
      return TRUE;

  return FALSE;
}

static gboolean
groups_are (const NumRun *run,
            const guint  *shape,
            guint         n)
{
  if (run->ngroups != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (run->glen[i] != shape[i])
      return FALSE;
  return TRUE;
}

static void
classify_run (Scan    *s,
              NumRun  *run,
              GString *digits)
{
  static const guint phone10[] = { 3, 3, 4 };
  static const guint phone11[] = { 1, 3, 3, 4 };
  static const guint phone7[] = { 3, 4 };
  guint d = run->ndigits;
  gboolean plus = FALSE;
  guint start = run->start;
  FpPiiKind kind = FP_PII_NONE;

  if (run->start > 0)
    {
      guint b = run->start - 1;

      if (unit_f (s, b) == '(')
        {
          start = b;
          if (b > 0)
            b--;
        }
      plus = unit_f (s, b) == '+';
      if (plus)
        start = b;
    }

  if (d >= 13 && d <= 19 && plausible_issuer (digits->str) &&
      luhn_valid (digits->str, digits->len))
    kind = FP_PII_CARD_NUMBER;
  else if ((plus && d >= 8 && d <= 15) ||
           (run->paren && d >= 10 && d <= 11) ||
           (d == 10 && groups_are (run, phone10, 3) && digits->str[0] >= '2') ||
           (d == 11 && groups_are (run, phone11, 4) && digits->str[0] == '1') ||
           (d == 7 && run->nwords == 1 && groups_are (run, phone7, 2)))
    kind = FP_PII_PHONE;
  else if (run->nwords == 1 && d >= 9)
    kind = FP_PII_ACCOUNT_NUMBER;
  else if (run->nwords > 1 && d >= 9 && run->ngroups >= 4 && d < 3 * run->ngroups)
    kind = FP_PII_ACCOUNT_NUMBER;   /* digits spaced out one or two at a time */
  else if (run->any_long_word)
    kind = FP_PII_ACCOUNT_NUMBER;
  else if (d >= 6 && keyword_before (s, run->start))
    kind = FP_PII_ACCOUNT_NUMBER;

  if (kind == FP_PII_PHONE)
    fp_redact_add_span (s, start, run->end, kind, NULL);
  else if (kind != FP_PII_NONE)
    fp_redact_add_span (s, run->start, run->end, kind, NULL);
}

void
fp_redact_detect_numbers (Scan *s)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  guint n = n_units (s);
  guint i = 0;

  while (i < n)
    {
      NumWord w;
      NumRun run;
      guint next;

      if (!is_digit (unit_f (s, i)))
        {
          i++;
          continue;
        }

      g_string_truncate (digits, 0);
      read_numword (s, i, &w, digits);
      if (numword_is_protected (s, &w))
        {
          i = w.end;
          continue;
        }

      memset (&run, 0, sizeof run);
      run.start = w.start;
      run.end = w.end;
      run.nwords = 1;
      run.ndigits = w.ndigits;
      run.any_long_word = w.ndigits >= 9;
      for (guint g = 0; g < w.ngroups && g < MAX_GROUPS; g++)
        run.glen[g] = w.glen[g];
      run.ngroups = w.ngroups;
      next = w.end;

      /* Join the words separated by a short gap of spaces, dashes and
       * parentheses: "4111 1111 1111 1111", "(555) 123-4567". */
      for (;;)
        {
          guint k = run.end;
          guint gap = 0;
          gboolean spaced = FALSE;
          gboolean paren = FALSE;
          NumWord w2;
          gsize before = digits->len;

          while (k < n && gap < 3)
            {
              gunichar f = unit_f (s, k);

              /* A line break ends a number: lists of codes, one a line,
               * are not one long number. */
              if (f == '\n' || f == '\r')
                break;
              if (is_space (f))
                spaced = TRUE;
              else if (f == '(' || f == ')')
                paren = TRUE;
              else if (f != '-')
                break;
              k++;
              gap++;
            }

          if (!spaced || k >= n || !is_digit (unit_f (s, k)))
            break;

          read_numword (s, k, &w2, digits);
          if (numword_is_protected (s, &w2))
            {
              g_string_truncate (digits, before);
              next = w2.end;
              break;
            }

          for (guint g = 0; g < w2.ngroups; g++)
            {
              if (run.ngroups < MAX_GROUPS)
                run.glen[run.ngroups] = g < MAX_GROUPS ? w2.glen[g] : 0;
              run.ngroups++;
            }
          run.paren |= paren;
          run.end = w2.end;
          run.nwords++;
          run.ndigits += w2.ndigits;
          run.any_long_word |= w2.ndigits >= 9;
          next = w2.end;
        }

      classify_run (s, &run, digits);
      i = MAX (next, run.end);
    }
}

/* A card number next to other digits or behind an amount sign escapes the
 * run rules above, so every window of whole digit groups (separated by one
 * to three other characters) with 13 to 19 digits in a card layout is
 * Luhn-checked too. Each window spans at most 19 groups: linear. */
typedef struct {
  guint start;
  guint end;
  guint len;
  gboolean linked;   /* to the previous group by a short separator */
} DigitGroup;

static gboolean
card_layout (const DigitGroup *g,
             guint             n)
{
  gboolean small = TRUE;
  gboolean fours = TRUE;

  if (n == 1)
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      if (g[i].len > 2)
        small = FALSE;
      if (g[i].len != 4 && !(i == n - 1 && g[i].len <= 4))
        fours = FALSE;
    }

  if (small || fours)
    return TRUE;

  return n == 3 && g[0].len == 4 && g[1].len == 6 && (g[2].len == 5 || g[2].len == 4);
}

static gboolean
luhn_units (Scan  *s,
            guint  start,
            guint  end)
{
  guint sum = 0;
  gboolean twice = FALSE;

  for (guint i = end; i > start; i--)
    {
      gunichar f = unit_f (s, i - 1);
      guint d;

      if (!is_digit (f))
        continue;
      d = f - '0';
      if (twice)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
      twice = !twice;
    }

  return sum % 10 == 0;
}

void
fp_redact_detect_card_windows (Scan *s)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (DigitGroup));
  guint n = n_units (s);
  guint i = 0;
  guint last_end = 0;

  while (i < n)
    {
      DigitGroup g;
      gboolean linked = groups->len > 0 && i - last_end <= 3;

      if (!is_digit (unit_f (s, i)))
        {
          i++;
          continue;
        }

      for (guint k = last_end; linked && k < i; k++)
        if (is_letter (unit_f (s, k)) || unit_f (s, k) == '\n')
          linked = FALSE;

      g.start = i;
      while (i < n && is_digit (unit_f (s, i)))
        i++;
      g.end = i;
      g.len = g.end - g.start;
      g.linked = linked;
      last_end = i;
      g_array_append_val (groups, g);
    }

  for (guint a = 0; a < groups->len; a++)
    {
      const DigitGroup *g = &g_array_index (groups, DigitGroup, 0);
      guint digits = 0;
      guint best = G_MAXUINT;

      char first[4];
      guint nfirst = 0;

      for (guint b = a; b < groups->len && (b == a || g[b].linked); b++)
        {
          for (guint k = g[b].start; k < g[b].end && nfirst < 4; k++)
            first[nfirst++] = (char) unit_f (s, k);
          digits += g[b].len;
          if (digits > 19)
            break;
          if (digits >= 13 && plausible_issuer (first) &&
              card_layout (g + a, b - a + 1) && luhn_units (s, g[a].start, g[b].end))
            best = b;
        }

      if (best != G_MAXUINT)
        {
          fp_redact_add_span (s, g[a].start, g[best].end, FP_PII_CARD_NUMBER, NULL);
          a = best;
        }
    }
}

/* IBANs: two letters, two check digits, up to 30 letters and digits,
 * grouped or not, with a valid ISO 7064 mod 97-10 check. */
void
fp_redact_detect_ibans (Scan *s)
{
  guint n = n_units (s);

  for (guint i = 0; i + 4 < n; i++)
    {
      guint tail;
      guint remainder = 0;
      guint count = 4;
      guint best_end = 0;
      guint shape_end = 0;
      guint group_len = 4;
      guint max_group = 4;
      guint ndigits = 2;
      gboolean spaced = FALSE;
      gboolean group_digit = TRUE;
      guint j;

      if (!is_ascii_letter (unit_f (s, i)) || !is_ascii_letter (unit_f (s, i + 1)) ||
          !is_digit (unit_f (s, i + 2)) || !is_digit (unit_f (s, i + 3)))
        continue;
      if (i > 0 && (is_letter (unit_f (s, i - 1)) || is_digit (unit_f (s, i - 1))))
        continue;

      /* The country code as digits (A = 10) followed by the check digits,
       * moved to the end: a six-digit number. */
      tail = ((unit_f (s, i) - 'a' + 10) * 100 + (unit_f (s, i + 1) - 'a' + 10)) * 100 +
             (unit_f (s, i + 2) - '0') * 10 + (unit_f (s, i + 3) - '0');

      j = i + 4;
      while (j < n && count < 34)
        {
          gunichar f = unit_f (s, j);

          gboolean boundary;

          if ((f == ' ' || f == '-') && j + 1 < n &&
              (is_digit (unit_f (s, j + 1)) || is_ascii_letter (unit_f (s, j + 1))))
            {
              spaced = TRUE;
              group_len = 0;
              group_digit = FALSE;
              j++;
              continue;
            }
          if (is_digit (f))
            {
              remainder = (remainder * 10 + (f - '0')) % 97;
              group_digit = TRUE;
              ndigits++;
            }
          else if (is_ascii_letter (f))
            remainder = (remainder * 100 + (f - 'a' + 10)) % 97;
          else
            break;

          count++;
          j++;
          group_len++;
          max_group = MAX (max_group, group_len);

          boundary = j >= n || !(is_digit (unit_f (s, j)) || is_letter (unit_f (s, j)));
          if (count >= 15 && boundary && (remainder * 1000000 + tail) % 97 == 1)
            best_end = j;
          /* A mistyped IBAN is still an account number: the shape alone
           * counts when printed in groups of four, mostly digits. (Written
           * without spaces, its digits are a long run anyway.) */
          if (count >= 15 && boundary && group_digit && 2 * ndigits >= count &&
              spaced && max_group <= 4)
            shape_end = j;
        }

      if (best_end == 0)
        best_end = shape_end;
      if (best_end > 0)
        {
          fp_redact_add_span (s, i, best_end, FP_PII_ACCOUNT_NUMBER, NULL);
          i = best_end - 1;
        }
    }
}
