/* fp-redact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How it works: the input is made valid, NFKC-normalized and stripped of
 * invisible characters into the "clean" text, which is cut into units (one
 * character plus the combining marks after it). Each unit carries a folded
 * character: lowercase, without diacritics, digits as ASCII, look-alikes as
 * Latin. The detectors read only the folded units (directly, as tokens, or as
 * the stream of letters and digits alone) and record spans of units with a
 * kind, widened to whole words. Overlapping spans are resolved (the
 * earliest, then the longest, wins) and the clean text is copied with the
 * spans replaced; the result is scanned again until nothing is found. Every
 * detector looks a bounded distance ahead of each position, so the whole is
 * linear.
 *
 * This file resolves the spans, writes the output and holds the public API;
 * see fp-redact-private.h for where the rest lives.
 */

#define G_LOG_DOMAIN "fp-redact"

#include "config.h"

#include <string.h>

#include "fp-redact-private.h"

/* Fact keys whose value is personal whatever it looks like. */
static const struct {
  const char *key;
  FpPiiKind   kind;
} pii_fact_keys[] = {
  { "name", FP_PII_NAME },
  { "full_name", FP_PII_NAME },
  { "first_name", FP_PII_NAME },
  { "last_name", FP_PII_NAME },
  { "given_name", FP_PII_NAME },
  { "family_name", FP_PII_NAME },
  { "surname", FP_PII_NAME },
  { "customer_name", FP_PII_NAME },
  { "email", FP_PII_EMAIL },
  { "e_mail", FP_PII_EMAIL },
  { "phone", FP_PII_PHONE },
  { "phone_number", FP_PII_PHONE },
  { "mobile", FP_PII_PHONE },
  { "address", FP_PII_ADDRESS },
  { "street", FP_PII_ADDRESS },
  { "street_address", FP_PII_ADDRESS },
  { "home_address", FP_PII_ADDRESS },
  { "card_number", FP_PII_CARD_NUMBER },
  { "pan", FP_PII_CARD_NUMBER },
  { "account_number", FP_PII_ACCOUNT_NUMBER },
  { "iban", FP_PII_ACCOUNT_NUMBER },
  { "ssn", FP_PII_ACCOUNT_NUMBER },
};

/* Passes of redaction after the first before giving up on a text. */
#define MAX_PASSES 3

/* Resolution and output */

static int
span_compare (gconstpointer a,
              gconstpointer b)
{
  const Span *sa = a;
  const Span *sb = b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  if (sa->end != sb->end)
    return sa->end > sb->end ? -1 : 1;
  /* The same range found twice: an arbitrary but fixed order. */
  return (int) sa->kind - (int) sb->kind;
}

static void
scan_run (Scan                  *s,
          const char            *text,
          const FpRedactContext *ctx)
{
  fp_redact_scan_begin (s, text, ctx);

  fp_redact_detect_birth_dates (s);
  fp_redact_detect_names (s);
  if (ctx != NULL)
    {
      fp_redact_detect_known_lines (s, ctx->addresses, TRUE, FP_PII_ADDRESS);
      fp_redact_detect_known_lines (s, ctx->account_numbers, FALSE, FP_PII_ACCOUNT_NUMBER);
    }
  fp_redact_detect_ibans (s);
  fp_redact_detect_emails (s);
  fp_redact_detect_spelled_emails (s);
  fp_redact_detect_addresses (s);
  fp_redact_detect_numbers (s);
  fp_redact_detect_card_windows (s);

  g_array_sort (s->spans, span_compare);
}

static FpPiiKind
scan_kinds (Scan *s)
{
  FpPiiKind kinds = FP_PII_NONE;

  for (guint i = 0; i < s->spans->len; i++)
    kinds |= g_array_index (s->spans, Span, i).kind;

  return kinds;
}

static const char *
placeholder (FpPiiKind kind)
{
  switch (kind)
    {
    case FP_PII_NAME:
      return "[NAME]";
    case FP_PII_CARD_NUMBER:
      return "[CARD]";
    case FP_PII_ACCOUNT_NUMBER:
      return "[ACCOUNT]";
    case FP_PII_EMAIL:
      return "[EMAIL]";
    case FP_PII_ADDRESS:
      return "[ADDRESS]";
    case FP_PII_PHONE:
      return "[PHONE]";
    case FP_PII_BIRTH_DATE:
      return "[BIRTH_DATE]";
    case FP_PII_NONE:
    default:
      return "[REDACTED]";
    }
}

static gboolean
only_spaces_between (Scan  *s,
                     guint  from,
                     guint  to)
{
  for (guint i = from; i < to; i++)
    {
      gunichar f = unit_f (s, i);

      if (!is_space (f) && f != ',' && f != '.' && f != '-')
        return FALSE;
    }

  return TRUE;
}

static char *
scan_render (Scan      *s,
             FpPiiKind *out_found)
{
  GString *out = g_string_sized_new (s->clean->len);
  FpPiiKind found = FP_PII_NONE;
  guint pos = 0;   /* units copied or replaced so far */
  guint i = 0;

  while (i < s->spans->len)
    {
      Span *span = &g_array_index (s->spans, Span, i);
      guint end = span->end;
      guint j = i + 1;

      if (span->end <= pos)
        {
          i++;
          continue;
        }

      /* Spans inside this one, and names that follow one another
       * ("John Smith", "SMITH, JOHN"), become one placeholder. */
      for (;;)
        {
          Span *next;

          /* Spans that end beyond this one are replaced on their own
           * from where this one ends. */
          while (j < s->spans->len && g_array_index (s->spans, Span, j).start < end &&
                 g_array_index (s->spans, Span, j).end <= end)
            j++;
          if (j >= s->spans->len || span->kind != FP_PII_NAME)
            break;
          next = &g_array_index (s->spans, Span, j);
          if (next->kind != FP_PII_NAME || !only_spaces_between (s, end, next->start))
            break;
          end = next->end;
          j++;
        }

      /* A span that began inside the previous one is replaced from where
       * that one ended, so no part of it leaks. */
      if (span->start > pos)
        {
          gsize from = g_array_index (s->units, Unit, pos).start;
          gsize to = g_array_index (s->units, Unit, span->start).start;

          g_string_append_len (out, s->clean->str + from, (gssize) (to - from));
        }

      g_string_append (out, span->replacement != NULL ? span->replacement
                                                      : placeholder (span->kind));
      found |= span->kind;
      pos = end;
      i = j;
    }

  if (pos < n_units (s))
    {
      gsize from = g_array_index (s->units, Unit, pos).start;

      g_string_append_len (out, s->clean->str + from, (gssize) (s->clean->len - from));
    }

  if (out_found != NULL)
    *out_found = found;

  return g_string_free (out, FALSE);
}

static char *
redact_full (const char            *text,
             const FpRedactContext *ctx,
             gboolean               dates_are_birth,
             FpPiiKind             *out_found)
{
  g_autofree char *current = NULL;
  FpPiiKind found = FP_PII_NONE;

  /* Replacing can change what the rest reads as (a label glued to digits
   * becomes a domain once the digits are gone), so the output is scanned
   * again, and redacted again, until nothing is found: what comes out
   * never makes fp_redact_scan() report anything. In practice one pass
   * does; garbage that does not settle is replaced whole. */
  for (guint pass = 0; pass <= MAX_PASSES; pass++)
    {
      Scan s = { 0 };
      FpPiiKind pass_found = FP_PII_NONE;
      gboolean clean;

      s.dates_are_birth = dates_are_birth;
      scan_run (&s, current != NULL ? current : text, ctx);
      clean = s.spans->len == 0;

      if (clean && current != NULL)
        {
          fp_redact_scan_clear (&s);
          break;
        }

      if (pass == MAX_PASSES)
        {
          g_debug ("Redaction did not settle; replacing the whole text");
          found |= scan_kinds (&s);
          fp_redact_scan_clear (&s);
          g_free (current);
          current = g_strdup ("[REDACTED]");
          break;
        }

      g_free (current);
      current = scan_render (&s, &pass_found);
      found |= pass_found;
      fp_redact_scan_clear (&s);

      if (clean)
        break;
    }

  if (out_found != NULL)
    *out_found = found;

  return g_steal_pointer (&current);
}

/**
 * fp_redact_text:
 * @text: any text, even invalid UTF-8
 * @ctx: (nullable): what the profile says about the customer
 * @out_found: (out) (optional): the kinds of PII that were replaced
 *
 * Removes or generalizes the personal data in @text (see the table at the
 * top of `fp-redact.h`). The result is NFKC-normalized, valid UTF-8 without
 * invisible characters; text that is not personal is kept as it was.
 *
 * Returns: (transfer full): the redacted text
 */
char *
fp_redact_text (const char            *text,
                const FpRedactContext *ctx,
                FpPiiKind             *out_found)
{
  g_return_val_if_fail (text != NULL, NULL);

  return redact_full (text, ctx, FALSE, out_found);
}

/**
 * fp_redact_scan:
 * @text: any text, even invalid UTF-8
 * @ctx: (nullable): what the profile says about the customer
 *
 * Detects without redacting: the sandbox bank rejects a GenAI request whose
 * body gives anything but %FP_PII_NONE.
 *
 * Returns: the kinds of PII found in @text
 */
FpPiiKind
fp_redact_scan (const char            *text,
                const FpRedactContext *ctx)
{
  Scan s = { 0 };
  FpPiiKind kinds;

  g_return_val_if_fail (text != NULL, FP_PII_NONE);

  scan_run (&s, text, ctx);
  kinds = scan_kinds (&s);
  fp_redact_scan_clear (&s);

  return kinds;
}

static FpPiiKind
fact_key_kind (const char *key,
               gboolean   *is_birth)
{
  g_autoptr(GArray) folded = fp_redact_fold_string (key);
  g_autoptr(GString) norm = g_string_new (NULL);

  for (guint i = 0; i < folded->len; i++)
    {
      gunichar f = g_array_index (folded, gunichar, i);

      if (is_ascii_letter (f) || is_digit (f))
        g_string_append_c (norm, (char) f);
      else if (norm->len > 0 && norm->str[norm->len - 1] != '_')
        g_string_append_c (norm, '_');
    }
  while (norm->len > 0 && norm->str[norm->len - 1] == '_')
    g_string_truncate (norm, norm->len - 1);

  *is_birth = strstr (norm->str, "birth") != NULL || g_str_equal (norm->str, "dob");

  for (guint i = 0; i < G_N_ELEMENTS (pii_fact_keys); i++)
    if (g_str_equal (norm->str, pii_fact_keys[i].key))
      return pii_fact_keys[i].kind;

  return FP_PII_NONE;
}

/**
 * fp_redact_facts:
 * @facts: (array zero-terminated=1): keys and values alternating: `key1,
 *   value1, key2, value2, …, NULL` — the simulator's aggregated facts
 * @ctx: (nullable): what the profile says about the customer
 * @out_found: (out) (optional): the kinds of PII that were replaced
 *
 * Redacts a fact list for the GenAI proxy in one call. Keys and values go
 * through fp_redact_text(); in addition a value whose key says what it is
 * (`name`, `email`, `phone`, `address`, `iban`, `card_number`…) is replaced
 * whole by its placeholder, and every date in a value whose key mentions a
 * birth (`date_of_birth`, `birthdate`, `dob`) becomes its year. Other dates
 * (`period_start: 2024-01-01`) are kept.
 *
 * Returns: (transfer full) (nullable): the redacted list, same shape, or
 *   %NULL if @facts has an odd number of entries
 */
char **
fp_redact_facts (const char * const    *facts,
                 const FpRedactContext *ctx,
                 FpPiiKind             *out_found)
{
  g_autoptr(GPtrArray) out = NULL;
  FpPiiKind found = FP_PII_NONE;
  guint n;

  g_return_val_if_fail (facts != NULL, NULL);

  n = g_strv_length ((char **) facts);
  g_return_val_if_fail (n % 2 == 0, NULL);

  out = g_ptr_array_new_full (n + 1, g_free);
  for (guint i = 0; i < n; i += 2)
    {
      FpPiiKind key_found = FP_PII_NONE;
      FpPiiKind value_found = FP_PII_NONE;
      gboolean is_birth = FALSE;
      FpPiiKind whole = fact_key_kind (facts[i], &is_birth);
      char *key = redact_full (facts[i], ctx, FALSE, &key_found);
      char *value;

      if (whole != FP_PII_NONE && facts[i + 1][0] != '\0')
        {
          value = g_strdup (placeholder (whole));
          value_found = whole;
        }
      else
        value = redact_full (facts[i + 1], ctx, is_birth, &value_found);

      g_ptr_array_add (out, key);
      g_ptr_array_add (out, value);
      found |= key_found | value_found;
    }
  g_ptr_array_add (out, NULL);

  if (out_found != NULL)
    *out_found = found;

  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/**
 * fp_pii_kind_to_string:
 * @kinds: flags
 *
 * For logs and problem details: the kinds as stable ids separated by commas,
 * such as `name,card_number`, or `none`. Never contains the data itself.
 *
 * Returns: (transfer full): a string
 */
char *
fp_pii_kind_to_string (FpPiiKind kinds)
{
  static const struct {
    FpPiiKind   kind;
    const char *id;
  } ids[] = {
    { FP_PII_NAME, "name" },
    { FP_PII_CARD_NUMBER, "card_number" },
    { FP_PII_ACCOUNT_NUMBER, "account_number" },
    { FP_PII_EMAIL, "email" },
    { FP_PII_ADDRESS, "address" },
    { FP_PII_PHONE, "phone" },
    { FP_PII_BIRTH_DATE, "birth_date" },
  };
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (kinds & ids[i].kind)
      {
        if (str->len > 0)
          g_string_append_c (str, ',');
        g_string_append (str, ids[i].id);
      }

  if (str->len == 0)
    g_string_append (str, "none");

  return g_string_free (str, FALSE);
}
