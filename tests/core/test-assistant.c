/* test-assistant.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The assistant's questions, the facts picked for each, and the answer
 * written on the device. The history is test-insights.c's steady one;
 * the figures expected are worked out by hand in the comments.
 */

#include <locale.h>
#include <string.h>

#include "fp-assistant.h"
#include "fp-insights.h"

#define MCC_DINING 5812
#define MCC_GROCERIES 5411
#define MCC_STREAMING 4899

static gint32
D (int y,
   int m,
   int d)
{
  return fp_day_from_date (y, m, d);
}

static void
add_txn (GArray  *txns,
         gint32   day,
         gint64   amount,
         guint16  mcc,
         guint32  merchant)
{
  FpTxn t = { 0 };

  t.id = txns->len + 1;
  t.day = day;
  t.minute_of_day = 12 * 60;
  t.amount_minor = amount;
  t.mcc = mcc;
  t.merchant_id = merchant;
  t.account_id = 1;
  g_array_append_val (txns, t);
}

static const char *
merchant_name (guint32  id,
               gpointer user_data)
{
  switch (id)
    {
    case 10: return "Trattoria";
    case 11: return "Bistro";
    case 200: return "StreamFlix";
    default: return NULL;
    }
}

static const FpInsightsOptions options = { "USD", 0, merchant_name, NULL };

/* Salary 3,000.00 on the 1st of Jul..Nov 2026; groceries 250.00 a month
 * Jul..Oct; dining (Trattoria) Jul 100, Aug 200, Sep 300, Oct 100, and
 * 400 more at Bistro in Oct; StreamFlix 15.99 on the 5th of each month;
 * today is 15 November 2026. Spending: Jul 365.99, Aug 465.99,
 * Sep 565.99, Oct 765.99. */
static FpDashboard *
steady (void)
{
  g_autoptr(GArray) txns = g_array_new (FALSE, TRUE, sizeof (FpTxn));
  static const gint64 trattoria[] = { 10000, 20000, 30000, 10000 };
  static const FpAccountSnapshot accounts[] = {
    { 1, FP_ACCOUNT_CURRENT, 500000, 0, 0, 0, 0 },
    { 2, FP_ACCOUNT_SAVINGS, 1000000, 0, 350, 0, 0 },
  };
  g_autoptr(GError) error = NULL;
  FpDashboard *d;

  for (int m = 7; m <= 11; m++)
    {
      add_txn (txns, D (2026, m, 1), 300000, 0, 99);
      add_txn (txns, D (2026, m, 5), -1599, MCC_STREAMING, 200);
    }
  for (int m = 7; m <= 10; m++)
    {
      add_txn (txns, D (2026, m, 3), -12500, MCC_GROCERIES, 20);
      add_txn (txns, D (2026, m, 17), -12500, MCC_GROCERIES, 20);
      add_txn (txns, D (2026, m, 10), -trattoria[m - 7], MCC_DINING, 10);
    }
  add_txn (txns, D (2026, 10, 20), -40000, MCC_DINING, 11);
  add_txn (txns, D (2026, 11, 15), 0, 0, 0);
  d = fp_dashboard_compute ((const FpTxn *) (gpointer) txns->data, txns->len, accounts, 2, NULL,
                            &options, D (2026, 11, 15), &error);
  g_assert_no_error (error);
  return d;
}

static void
test_parse (void)
{
  static const struct {
    const char    *text;
    FpQuestionKind kind;
    gint64         amount;
    gint32         month;
  } cases[] = {
    { "Can I afford $600 more rent a month?", FP_QUESTION_AFFORD, 60000, 0 },
    { "Can I afford 1,250.50 a month for a car?", FP_QUESTION_AFFORD, 125050, 0 },
    { "Kann ich mir 1.200 € mehr Miete leisten?", FP_QUESTION_AFFORD, 120000, 0 },
    { "Why did my spending go up in October?", FP_QUESTION_SPENDING, 0, 10 },
    { "Warum habe ich im März mehr ausgegeben?", FP_QUESTION_SPENDING, 0, 3 },
    { "What drives my health score?", FP_QUESTION_HEALTH, 0, 0 },
    { "Will I run low before payday?", FP_QUESTION_FORECAST, 0, 0 },
    { "What do my subscriptions cost?", FP_QUESTION_RECURRING, 0, 0 },
    { "Should I take the loan?", FP_QUESTION_DEBT, 0, 0 },
    /* The Spanish suggestions, as po/es.po has them. */
    { "¿Puedo permitirme 600 $ más de alquiler al mes?", FP_QUESTION_AFFORD, 60000, 0 },
    { "¿Por qué subió mi gasto en octubre?", FP_QUESTION_SPENDING, 0, 10 },
    { "¿De qué depende mi puntuación de salud?", FP_QUESTION_HEALTH, 0, 0 },
    { "¿Me quedaré sin dinero antes del día de cobro?", FP_QUESTION_FORECAST, 0, 0 },
    { "¿Cuánto me cuestan mis suscripciones?", FP_QUESTION_RECURRING, 0, 0 },
    { "¿Debería pedir un préstamo?", FP_QUESTION_DEBT, 0, 0 },
    { "Hello", FP_QUESTION_GENERAL, 0, 0 },
    { "", FP_QUESTION_GENERAL, 0, 0 },
    { "\xff\xfe afford 600", FP_QUESTION_GENERAL, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FpQuestion q;

      fp_question_parse (cases[i].text, &q);
      g_assert_cmpint (q.kind, ==, cases[i].kind);
      g_assert_cmpint (q.amount_minor, ==, cases[i].amount);
      g_assert_cmpint (q.month, ==, cases[i].month);
    }
}

/* Only aggregates: every key is of the contract's alphabet, every value a
 * number, a category id, a month, a kind or a currency — never a
 * merchant's name or a long run of digits. */
static void
assert_aggregates_only (const char * const *facts)
{
  g_assert_nonnull (facts);
  g_assert_cmpuint (g_strv_length ((char **) facts) % 2, ==, 0);
  for (guint i = 0; facts[i] != NULL; i += 2)
    {
      const char *value = facts[i + 1];
      FpCategory category;

      g_assert_true (g_regex_match_simple ("^[a-z0-9_]{1,64}$", facts[i], 0, 0));
      g_assert_null (strstr (value, "Trattoria"));
      g_assert_null (strstr (value, "Bistro"));
      g_assert_null (strstr (value, "StreamFlix"));
      if (g_regex_match_simple ("^-?[0-9]{1,9}$", value, 0, 0)
          || g_regex_match_simple ("^[0-9]{4}-[0-9]{2}$", value, 0, 0)
          || g_str_equal (value, "USD") || g_str_equal (value, "false")
          || fp_category_from_id (value, &category))
        continue;
      /* Kinds and health components: lower-case words. */
      g_assert_true (g_regex_match_simple ("^[a-z_]{1,32}$", value, 0, 0));
    }
}

static char **
pick (const FpDashboard *d,
      const char        *text)
{
  FpQuestion q;

  fp_question_parse (text, &q);
  return fp_assistant_pick_facts (d, &q, "USD", NULL);
}

static void
test_spending_facts (void)
{
  g_autoptr(FpDashboard) d = steady ();
  g_auto(GStrv) facts = pick (d, "Why did my spending go up in October?");
  const char * const *f = (const char * const *) facts;
  g_autofree char *text = NULL;

  assert_aggregates_only (f);
  g_assert_cmpstr (fp_assistant_fact_lookup (f, "question_kind"), ==, "spending");
  g_assert_cmpstr (fp_assistant_fact_lookup (f, "month"), ==, "2026-10");
  /* 765.99 to the nearest ten */
  g_assert_cmpstr (fp_assistant_fact_lookup (f, "month_spending"), ==, "770");
  /* (365.99 + 465.99 + 565.99) / 3 = 465.99 -> 470 */
  g_assert_cmpstr (fp_assistant_fact_lookup (f, "previous_average"), ==, "470");
  g_assert_cmpstr (fp_assistant_fact_lookup (f, "previous_months"), ==, "3");
  /* 300 / 465.99 = 64.4 % */
  g_assert_cmpstr (fp_assistant_fact_lookup (f, "change_percent"), ==, "64");
  /* dining 500 against 200 on average; groceries and streaming did not move */
  g_assert_cmpstr (fp_assistant_fact_lookup (f, "category_1"), ==, "dining");
  g_assert_cmpstr (fp_assistant_fact_lookup (f, "category_1_change"), ==, "300");
  g_assert_null (fp_assistant_fact_lookup (f, "category_2"));
  /* Nothing of the other kinds */
  g_assert_null (fp_assistant_fact_lookup (f, "health_score"));
  g_assert_null (fp_assistant_fact_lookup (f, "liquid_savings"));

  text = fp_assistant_write_local (f);
  g_assert_nonnull (strstr (text, "October 2026"));
  g_assert_nonnull (strstr (text, "$770"));
  g_assert_nonnull (strstr (text, "64% more than the 3 months before"));
  g_assert_nonnull (strstr (text, "Dining: about $300 more."));
}

static void
test_afford_facts (void)
{
  g_autoptr(FpDashboard) d = steady ();
  g_auto(GStrv) facts = pick (d, "Can I afford $600 more rent a month?");
  const char * const *f = (const char * const *) facts;
  g_autofree char *text = NULL;
  gint64 income, spending, surplus, after;

  assert_aggregates_only (f);
  g_assert_cmpstr (fp_assistant_fact_lookup (f, "question_kind"), ==, "afford");
  g_assert_cmpstr (fp_assistant_fact_lookup (f, "asked_monthly"), ==, "600");
  income = g_ascii_strtoll (fp_assistant_fact_lookup (f, "monthly_income"), NULL, 10);
  spending = g_ascii_strtoll (fp_assistant_fact_lookup (f, "monthly_spending"), NULL, 10);
  surplus = g_ascii_strtoll (fp_assistant_fact_lookup (f, "monthly_surplus"), NULL, 10);
  after = g_ascii_strtoll (fp_assistant_fact_lookup (f, "surplus_after"), NULL, 10);
  /* The salary is 3,000 a month, spending well under 1,000 */
  g_assert_cmpint (income, ==, 3000);
  g_assert_cmpint (spending, >, 300);
  g_assert_cmpint (spending, <, 1000);
  /* Rounded each on its own: within one rounding step of each other */
  g_assert_cmpint (ABS (income - spending - surplus), <=, 100);
  g_assert_cmpint (ABS (surplus - 600 - after), <=, 100);
  /* 15,000 in the accounts */
  g_assert_cmpstr (fp_assistant_fact_lookup (f, "liquid_savings"), ==, "15000");
  g_assert_nonnull (fp_assistant_fact_lookup (f, "forecast_low_point"));
  g_assert_null (fp_assistant_fact_lookup (f, "category_1"));

  text = fp_assistant_write_local (f);
  g_assert_nonnull (strstr (text, "With $600 more a month you would still keep about"));
  g_assert_nonnull (strstr (text, "looks affordable"));
}

static void
test_other_kinds (void)
{
  static const char *const questions[] = {
    "What drives my health score?", "Will I run low before payday?",
    "What do my subscriptions cost?", "Should I take the loan?", "Hello",
  };
  static const char *const must[] = {
    "health_score", "forecast_low_point", "subscription_count", "debt_to_income_percent", "monthly_income",
  };
  g_autoptr(FpDashboard) d = steady ();

  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      g_auto(GStrv) facts = pick (d, questions[i]);
      g_autofree char *text = NULL;

      assert_aggregates_only ((const char * const *) facts);
      g_assert_nonnull (fp_assistant_fact_lookup ((const char * const *) facts, must[i]));
      text = fp_assistant_write_local ((const char * const *) facts);
      g_assert_cmpstr (text, !=, "");
    }
  {
    g_auto(GStrv) facts = pick (d, "What do my subscriptions cost?");
    g_autofree char *text = fp_assistant_write_local ((const char * const *) facts);

    /* StreamFlix, 15.99 a month, rounded to 20 */
    g_assert_cmpstr (fp_assistant_fact_lookup ((const char * const *) facts, "subscription_count"), ==, "1");
    g_assert_cmpstr (fp_assistant_fact_lookup ((const char * const *) facts, "subscription_monthly"), ==, "20");
    g_assert_nonnull (strstr (text, "1 of them is a subscription (about $20 a month)."));
  }
}

/* The customer's profile redacts what slips through: a name that happens
 * to be a category id is not sent. */
static void
test_redacted (void)
{
  static const char *const names[] = { "Dining", NULL };
  FpRedactContext ctx = { .names = names };
  g_autoptr(FpDashboard) d = steady ();
  FpQuestion q;
  g_auto(GStrv) facts = NULL;

  fp_question_parse ("Why did my spending go up in October?", &q);
  facts = fp_assistant_pick_facts (d, &q, "USD", &ctx);
  g_assert_cmpstr (fp_assistant_fact_lookup ((const char * const *) facts, "category_1"), !=, "dining");
  g_assert_cmpstr (fp_assistant_fact_lookup ((const char * const *) facts, "month_spending"), ==, "770");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assistant/parse", test_parse);
  g_test_add_func ("/assistant/spending", test_spending_facts);
  g_test_add_func ("/assistant/afford", test_afford_facts);
  g_test_add_func ("/assistant/other-kinds", test_other_kinds);
  g_test_add_func ("/assistant/redacted", test_redacted);

  return g_test_run ();
}
