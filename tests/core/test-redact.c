/* test-redact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected outputs below were written by hand from the rules in
 * fp-redact.h, not copied from the function's output. The card and IBAN
 * numbers are the networks' and ECBS's published test numbers.
 */

#include <locale.h>
#include <string.h>

#include "fp-redact.h"

static const char * const names[] = { "John Smith", "Zoë Ångström", NULL };
static const char * const addresses[] = { "742 Evergreen Terrace, Springfield", NULL };
static const char * const accounts[] = { "12345678", NULL };

static const FpRedactContext profile = {
  .names = names,
  .addresses = addresses,
  .account_numbers = accounts,
  .birth_date = "1984-03-07",
};

typedef struct {
  const char *input;
  const char *expected;
  FpPiiKind   kinds;
} Case;

static void
check_cases (const Case            *cases,
             gsize                  n,
             const FpRedactContext *ctx)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *out = NULL;
      FpPiiKind found = 0xffff;

      out = fp_redact_text (cases[i].input, ctx, &found);
      g_test_message ("case %" G_GSIZE_FORMAT ": «%s» → «%s»", i, cases[i].input, out);
      g_assert_nonnull (out);
      g_assert_true (g_utf8_validate (out, -1, NULL));
      g_assert_cmpstr (out, ==, cases[i].expected);
      g_assert_cmphex (found, ==, cases[i].kinds);
      g_assert_cmphex (fp_redact_scan (cases[i].input, ctx) & cases[i].kinds, ==, cases[i].kinds);
      if (cases[i].kinds == FP_PII_NONE)
        g_assert_cmphex (fp_redact_scan (cases[i].input, ctx), ==, FP_PII_NONE);
    }
}

static void
test_cards (void)
{
  static const Case cases[] = {
    { "4111 1111 1111 1111", "[CARD]", FP_PII_CARD_NUMBER },
    { "4111-1111-1111-1111", "[CARD]", FP_PII_CARD_NUMBER },
    { "4111.1111.1111.1111", "[CARD]", FP_PII_CARD_NUMBER },
    { "4111/1111/1111/1111", "[CARD]", FP_PII_CARD_NUMBER },
    { "4111_1111_1111_1111", "[CARD]", FP_PII_CARD_NUMBER },
    { "4111111111111111", "[CARD]", FP_PII_CARD_NUMBER },
    { "4111 - 1111 - 1111 - 1111", "[CARD]", FP_PII_CARD_NUMBER },
    { "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "[CARD]", FP_PII_CARD_NUMBER },
    { "41 11 11 11 11 11 11 11", "[CARD]", FP_PII_CARD_NUMBER },
    /* zero-width space, joiner, word joiner, soft hyphen, BOM */
    { "card 4111\u200B1111\u200D1111\u20601111 declined", "card [CARD] declined", FP_PII_CARD_NUMBER },
    { "4111\u00AD1111\uFEFF1111 1111", "[CARD]", FP_PII_CARD_NUMBER },
    /* fullwidth and Arabic-Indic digits */
    { "\uFF14\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11",
      "[CARD]", FP_PII_CARD_NUMBER },
    { "\u0664\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661",
      "[CARD]", FP_PII_CARD_NUMBER },
    /* en dash and non-breaking spaces between groups */
    { "5500\u20130000\u00A00000\u20090004", "[CARD]", FP_PII_CARD_NUMBER },
    /* American Express, 15 digits in 4-6-5 */
    { "Amex 3782 822463 10005 ok", "Amex [CARD] ok", FP_PII_CARD_NUMBER },
    /* Luhn fails: still a long digit run */
    { "paid with 4111-1111-1111-1112 today", "paid with [ACCOUNT] today", FP_PII_ACCOUNT_NUMBER },
    { "x 41111111111111111111111 y", "x [ACCOUNT] y", FP_PII_ACCOUNT_NUMBER },
    /* a card next to other digits or signs is still found */
    { "$4111 1111 1111 1111", "$[CARD]", FP_PII_CARD_NUMBER },
    { "4111 1111 1111 1111 %", "[CARD] %", FP_PII_CARD_NUMBER },
    { "7 4111 1111 1111 1111", "7 [CARD]", FP_PII_CARD_NUMBER },
    /* Mastercard 2-series */
    { "2223 0000 4841 0010", "[CARD]", FP_PII_CARD_NUMBER },
    /* glued to a word: the whole word goes, so "x.com" is not left behind */
    { "mail x.com4111111111111111 now", "mail x.[CARD] now", FP_PII_CARD_NUMBER },
  };

  check_cases (cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_accounts_phones (void)
{
  static const Case cases[] = {
    { "IBAN DE89 3704 0044 0532 0130 00", "IBAN [ACCOUNT]", FP_PII_ACCOUNT_NUMBER },
    { "to GB82WEST12345698765432.", "to [ACCOUNT].", FP_PII_ACCOUNT_NUMBER },
    { "de89370400440532013000", "[ACCOUNT]", FP_PII_ACCOUNT_NUMBER },
    { "routing 021000021", "routing [ACCOUNT]", FP_PII_ACCOUNT_NUMBER },
    { "SSN 123-45-6789", "SSN [ACCOUNT]", FP_PII_ACCOUNT_NUMBER },
    { "account no. 004512", "account no. [ACCOUNT]", FP_PII_ACCOUNT_NUMBER },
    { "call (555) 123-4567 now", "call [PHONE] now", FP_PII_PHONE },
    { "call 555-123-4567", "call [PHONE]", FP_PII_PHONE },
    { "+44 20 7946 0958", "[PHONE]", FP_PII_PHONE },
    { "tel 1 800 555 0199", "tel [PHONE]", FP_PII_PHONE },
    /* an IBAN with a wrong check digit is still an account number */
    { "DE89 3704 0044 0532 0130 01", "[ACCOUNT]", FP_PII_ACCOUNT_NUMBER },
  };

  check_cases (cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_known_profile (void)
{
  static const Case cases[] = {
    { "JOHN SMITH PLUMBING", "[NAME] PLUMBING", FP_PII_NAME },
    { "Paid John Smith $40.00", "Paid [NAME] $40.00", FP_PII_NAME },
    { "SMITH, JOHN", "[NAME]", FP_PII_NAME },
    { "JOHNSMITH PLUMBING LLC", "[NAME] PLUMBING LLC", FP_PII_NAME },
    { "SQ *SMITHJOHN", "SQ *[NAME]", FP_PII_NAME },
    { "S M I T H", "[NAME]", FP_PII_NAME },
    { "j.o.h.n s.m.i.t.h", "[NAME]", FP_PII_NAME },
    /* Cyrillic о and і, Greek Ο, Η, Ν */
    { "Payment to J\u043Ehn Sm\u0456th", "Payment to [NAME]", FP_PII_NAME },
    { "J\u039F\u0397\u039D'S GARAGE", "[NAME]'S GARAGE", FP_PII_NAME },
    /* digits for letters */
    { "J0HN 5M1TH", "[NAME]", FP_PII_NAME },
    /* inside a word with digits, the word goes whole */
    { "ID 12012JOHN ok", "ID [NAME] ok", FP_PII_NAME },
    { "SMITHFIELD FOODS", "[NAME] FOODS", FP_PII_NAME },
    /* diacritics, case, and a decomposed ö */
    { "coffee with ZOE ANGSTROM", "coffee with [NAME]", FP_PII_NAME },
    { "Zoe\u0308 Angstro\u0308m", "[NAME]", FP_PII_NAME },
    /* fullwidth letters */
    { "\uFF2A\uFF4F\uFF48\uFF4E", "[NAME]", FP_PII_NAME },
    { "lives at 742 Evergreen Terrace, Springfield",
      "lives at [ADDRESS], Springfield", FP_PII_ADDRESS },
    { "at 7 4 2 Ever\u200Bgreen Ter-race", "at [ADDRESS]", FP_PII_ADDRESS },
    { "acct 1234 5678", "acct [ACCOUNT]", FP_PII_ACCOUNT_NUMBER },
    { "ref 1234\u200B5678 ok", "ref [ACCOUNT] ok", FP_PII_ACCOUNT_NUMBER },
    /* the known date of birth, whatever the format, without a keyword */
    { "on 1984-03-07 it", "on 1984 it", FP_PII_BIRTH_DATE },
    { "March 7, 1984", "1984", FP_PII_BIRTH_DATE },
    { "07.03.1984", "1984", FP_PII_BIRTH_DATE },
    /* not the customer's names or date */
    { "Johnson & Johnson on 1984-03-08", "Johnson & Johnson on 1984-03-08", FP_PII_NONE },
  };

  check_cases (cases, G_N_ELEMENTS (cases), &profile);
}

static void
test_emails (void)
{
  static const Case cases[] = {
    { "mail john.doe+bank@example.com now", "mail [EMAIL] now", FP_PII_EMAIL },
    { "jane_d@mail.example.co.uk.", "[EMAIL].", FP_PII_EMAIL },
    { "jane\uFF20example.com", "[EMAIL]", FP_PII_EMAIL },
    { "write to jane at example dot com", "write to [EMAIL]", FP_PII_EMAIL },
    { "jane[at]example[dot]org", "[EMAIL]", FP_PII_EMAIL },
    { "jane (at) example (dot) co (dot) uk", "[EMAIL]", FP_PII_EMAIL },
    { "jane.doe {at} example.com", "[EMAIL]", FP_PII_EMAIL },
    { "jane @ example . com", "[EMAIL]", FP_PII_EMAIL },
    { "jane\u200B@\u200Bexample\u200B.com", "[EMAIL]", FP_PII_EMAIL },
  };

  check_cases (cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_addresses (void)
{
  static const Case cases[] = {
    { "12 Oak St.", "[ADDRESS]", FP_PII_ADDRESS },
    { "1600 Pennsylvania Ave NW", "[ADDRESS] NW", FP_PII_ADDRESS },
    { "221B Baker Street, Apt 4, London", "[ADDRESS], London", FP_PII_ADDRESS },
    { "at 350 5th Avenue", "at [ADDRESS]", FP_PII_ADDRESS },
    { "99 North Forest Lane", "[ADDRESS]", FP_PII_ADDRESS },
    { "8 Elm Rd #5", "[ADDRESS]", FP_PII_ADDRESS },
    { "Hauptstra\u00DFe 5, Berlin", "[ADDRESS], Berlin", FP_PII_ADDRESS },
    { "Berliner Str. 12a", "[ADDRESS]", FP_PII_ADDRESS },
    /* fullwidth house number */
    { "\uFF11\uFF12 Oak Street", "[ADDRESS]", FP_PII_ADDRESS },
  };

  check_cases (cases, G_N_ELEMENTS (cases), NULL);
}

static void
test_birth_dates (void)
{
  static const Case cases[] = {
    { "born 1984-03-07", "born 1984", FP_PII_BIRTH_DATE },
    { "Date of birth: 07/03/1984.", "Date of birth: 1984.", FP_PII_BIRTH_DATE },
    { "DOB March 7, 1984", "DOB 1984", FP_PII_BIRTH_DATE },
    { "born on the 7th of March 1984", "born on the 1984", FP_PII_BIRTH_DATE },
    { "geboren am 7. M\u00E4rz 1984", "geboren am 1984", FP_PII_BIRTH_DATE },
    { "birthday: March 7", "birthday: [BIRTH_DATE]", FP_PII_BIRTH_DATE },
    { "born \u0661\u0669\u0668\u0664-\u0660\u0663-\u0660\u0667", "born 1984", FP_PII_BIRTH_DATE },
    /* the year alone is kept */
    { "born in 1984", "born in 1984", FP_PII_NONE },
    { "DOB 19840307", "DOB 1984", FP_PII_BIRTH_DATE },
    { "born: 3/7/84", "born: 84", FP_PII_BIRTH_DATE },
  };

  check_cases (cases, G_N_ELEMENTS (cases), NULL);
}

/* What must survive untouched: amounts, years, rates, codes, dates. */
static void
test_negatives (void)
{
  static const char * const kept[] = {
    "Spent $1,234.56 on groceries",
    "Rent is 1.234,56 EUR",
    "Salary 1,234,567.00 USD",
    "Balance 98765.43",
    "amounts 100 200 3000",
    "FY24 Q1 results 2024 12",
    "in 2024 and 2025",
    "years 2023 2024 2025 2026",
    "from 1999 2000 2001 2002 2003",
    "years 2019-2024",
    "savings rate 12.5%",
    "APR 19.99 %",
    "MCC 5812 restaurants",
    "MCC codes 5411, 5812, 5999",
    /* one a line: not one number, though 5411581259994128 passes Luhn */
    "5411\n5812\n5999\n4128",
    "transaction on 2024-01-15 at MAIN STREET DELI",
    "45 at Main Street Deli",
    "$45 Main Street",
    "3 transactions, total 120.00",
    "12 payments of $99.00 from 01/02/2024 to 12/01/2024",
    "Top merchants: WALMART, TARGET, SHELL OIL 57442",
    "health score 72/100, up 5 points",
    "Москва", /* Cyrillic text stays Cyrillic */
    "Café crème",
    "",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *out = NULL;
      FpPiiKind found = 0xffff;

      out = fp_redact_text (kept[i], &profile, &found);
      g_test_message ("kept %" G_GSIZE_FORMAT ": «%s» → «%s»", i, kept[i], out);
      g_assert_cmpstr (out, ==, kept[i]);
      g_assert_cmphex (found, ==, FP_PII_NONE);
      g_assert_cmphex (fp_redact_scan (kept[i], &profile), ==, FP_PII_NONE);
    }
}

static void
test_facts (void)
{
  static const char * const facts[] = {
    "date_of_birth", "1984-03-07",
    "period_start", "2024-01-01",
    "period_end", "03/31/2024",
    "top_merchant", "JOHN SMITH PLUMBING",
    "customer_name", "Whoever",
    "email", "",
    "monthly_spend", "$1,234.56",
    "savings_rate", "12.5%",
    "mcc", "5812",
    "goal_year", "2030",
    NULL
  };
  static const char * const expected[] = {
    "date_of_birth", "1984",
    "period_start", "2024-01-01",
    "period_end", "03/31/2024",
    "top_merchant", "[NAME] PLUMBING",
    "customer_name", "[NAME]",
    "email", "",
    "monthly_spend", "$1,234.56",
    "savings_rate", "12.5%",
    "mcc", "5812",
    "goal_year", "2030",
    NULL
  };
  static const char * const odd[] = { "key", NULL };
  g_auto(GStrv) out = NULL;
  FpPiiKind found = FP_PII_NONE;

  out = fp_redact_facts (facts, &profile, &found);
  g_assert_nonnull (out);
  g_assert_cmpuint (g_strv_length (out), ==, G_N_ELEMENTS (expected) - 1);
  for (gsize i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (out[i], ==, expected[i]);
  g_assert_cmphex (found, ==, FP_PII_BIRTH_DATE | FP_PII_NAME);

  /* Without a profile, the birth date key still generalizes its value. */
  g_clear_pointer (&out, g_strfreev);
  out = fp_redact_facts ((const char * const []) { "dob", "March 7, 1984", NULL }, NULL, &found);
  g_assert_cmpstr (out[1], ==, "1984");
  g_assert_cmphex (found, ==, FP_PII_BIRTH_DATE);

  if (g_test_undefined ())
    {
      char **none;

      g_test_expect_message ("fp-redact", G_LOG_LEVEL_CRITICAL, "*n % 2 == 0*");
      none = fp_redact_facts (odd, NULL, NULL);
      g_test_assert_expected_messages ();
      g_assert_null (none);
    }
}

static void
test_invalid_utf8 (void)
{
  static const char input[] = "\xff\xfe 4111 1111 1111 1111 \xc3 john\xe2\x82";
  g_autofree char *out = NULL;
  FpPiiKind found = FP_PII_NONE;

  out = fp_redact_text (input, &profile, &found);
  g_assert_true (g_utf8_validate (out, -1, NULL));
  g_assert_null (strstr (out, "4111"));
  g_assert_nonnull (strstr (out, "[CARD]"));
  g_assert_nonnull (strstr (out, "[NAME]"));
  g_assert_cmphex (found, ==, FP_PII_CARD_NUMBER | FP_PII_NAME);
}

static void
test_kind_to_string (void)
{
  g_autofree char *none = fp_pii_kind_to_string (FP_PII_NONE);
  g_autofree char *two = fp_pii_kind_to_string (FP_PII_EMAIL | FP_PII_NAME);

  g_assert_cmpstr (none, ==, "none");
  g_assert_cmpstr (two, ==, "name,email");
}

/* Very long hostile inputs complete and give what the rules say; the
 * linear-time design is measured by the fuzz target, not timed here. */
static void
test_long_inputs (void)
{
  static const char * const units[] = {
    "1 ", "a@", "4111", "\u200B", "at ", "j", "12 Oak ", "-", "\uFF11", ".",
  };

  for (gsize u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr(GString) big = g_string_new (NULL);
      g_autofree char *out = NULL;

      while (big->len < 256 * 1024)
        g_string_append (big, units[u]);
      out = fp_redact_text (big->str, &profile, NULL);
      g_assert_true (g_utf8_validate (out, -1, NULL));
      g_assert_cmpuint (strlen (out), <=, big->len + 16);
    }
}

/* Random bytes, random UTF-8 and random mixes of the characters the
 * detectors care about, with a fixed seed: no crash, valid UTF-8 out, and a
 * card number planted anywhere never survives. */
static void
test_fuzz (void)
{
  static const char * const pieces[] = {
    "4", "1", "0", " ", "-", ".", "/", "@", "at", "dot", "born", "1984",
    "\u200B", "\u00AD", "\uFF14", "\u0661", "\u043E", "\u0301", "St", "Street",
    "john", "SMITH", "(", ")", "+", "$", "%", ",", "[", "]", "\n", "\xff",
    "\xc3", "\xe2\x80", "DE89", "#", "Apt", "March", "7th", "of",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  guint iterations = g_test_slow () ? 20000 : 3000;

  for (guint it = 0; it < iterations; it++)
    {
      g_autoptr(GString) input = g_string_new (NULL);
      g_autofree char *out = NULL;
      guint len = (guint) g_rand_int_range (rand, 0, 200);
      guint mode = it % 3;
      gboolean plant = mode == 2 && g_rand_boolean (rand);
      FpPiiKind found;

      for (guint i = 0; i < len; i++)
        {
          if (mode == 0)
            g_string_append_c (input, (char) g_rand_int_range (rand, 1, 256));
          else if (mode == 1)
            {
              gunichar c = (gunichar) g_rand_int_range (rand, 1, 0x30000);

              if (g_unichar_validate (c))
                g_string_append_unichar (input, c);
            }
          else
            g_string_append (input, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
        }
      if (plant)
        g_string_insert (input, g_rand_int_range (rand, 0, (gint32) input->len + 1),
                         " 4111 1111 1111 1111 ");

      out = fp_redact_text (input->str, &profile, &found);
      g_assert_nonnull (out);
      g_assert_true (g_utf8_validate (out, -1, NULL));
      /* What the GenAI client sends passes the sandbox's check. */
      g_assert_cmphex (fp_redact_scan (out, &profile), ==, FP_PII_NONE);
      g_assert_cmphex (fp_redact_scan (out, NULL), ==, FP_PII_NONE);
      (void) fp_redact_scan (input->str, &profile);
      (void) fp_redact_scan (input->str, NULL);
      if (plant)
        {
          g_assert_null (strstr (out, "4111 1111 1111 1111"));
          g_assert_true (found != FP_PII_NONE);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/redact/cards", test_cards);
  g_test_add_func ("/redact/accounts-phones", test_accounts_phones);
  g_test_add_func ("/redact/known-profile", test_known_profile);
  g_test_add_func ("/redact/emails", test_emails);
  g_test_add_func ("/redact/addresses", test_addresses);
  g_test_add_func ("/redact/birth-dates", test_birth_dates);
  g_test_add_func ("/redact/negatives", test_negatives);
  g_test_add_func ("/redact/facts", test_facts);
  g_test_add_func ("/redact/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/redact/kind-to-string", test_kind_to_string);
  g_test_add_func ("/redact/long-inputs", test_long_inputs);
  g_test_add_func ("/redact/fuzz", test_fuzz);

  return g_test_run ();
}
