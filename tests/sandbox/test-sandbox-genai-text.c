/* test-sandbox-genai-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox's template generator writes sentences, in English and
 * German, from the facts the app sends: a Time Machine scenario's (as
 * fp_simulation_facts() names them), the assistant's (fp-assistant.h),
 * and facts it knows nothing about. Deterministic.
 */

#include <locale.h>
#include <string.h>

#include "fp-sandbox-genai.h"

static const FpSandboxFact simulation[] = {
  { "horizon_years", "30.0", NULL },
  { "paths", "10000", NULL },
  { "currency", "USD", NULL },
  { "money_basis", "today", NULL },
  { "current_age", "35", NULL },
  { "retirement_age", "67", NULL },
  { "start_net_worth", "50000", NULL },
  { "median_net_worth_end", "412000", NULL },
  { "p5_net_worth_end", "120000", NULL },
  { "p95_net_worth_end", "905000", NULL },
  { "median_net_worth_at_retirement", "398000", NULL },
  { "probability_run_out", "3", NULL },
  { "spending_change_percent", "-10", NULL },
  { "goal_0_kind", "retire", NULL },
  { "goal_0_probability", "82", NULL },
  { "goal_0_median_years", "25.5", NULL },
  { "event_0_kind", "home_purchase", NULL },
  { "event_0_years", "5.0", NULL },
};

static void
test_simulation (void)
{
  g_autofree char *en = fp_sandbox_genai_compose ("simulation_summary", "en", simulation, G_N_ELEMENTS (simulation));
  g_autofree char *de = fp_sandbox_genai_compose ("simulation_summary", "de-DE", simulation, G_N_ELEMENTS (simulation));
  g_autofree char *again = fp_sandbox_genai_compose ("simulation_summary", "en", simulation, G_N_ELEMENTS (simulation));

  g_test_message ("%s", en);
  g_test_message ("%s", de);
  g_assert_cmpstr (en, ==,
                   "Over the next 30 years your net worth goes from about $50,000 to a median of about $412,000. "
                   "All amounts are in today's money. "
                   "In the weakest 5% of the 10,000 simulated paths it ends below $120,000, in the strongest 5% "
                   "above $905,000. "
                   "You are 35 today and plan to retire at 67. "
                   "At retirement the median is about $398,000. "
                   "The chance of running out of money is 3%. "
                   "You plan to spend 10% less than today. "
                   "Your goal of retirement is reached in 82% of the paths, after 25.5 years in the median. "
                   "The home purchase is planned in 5 years. "
                   "This text was written by the sandbox's template generator, not by a language model.");
  g_assert_cmpstr (en, ==, again);
  /* The old generator's "The paths is 10000." is gone: every fact is in a sentence. */
  g_assert_null (strstr (en, "The paths is"));
  g_assert_nonnull (strstr (de, "In den nächsten 30 Jahren entwickelt sich Ihr Vermögen von etwa 50.000\302\240$ "
                                "auf im Median etwa 412.000\302\240$."));
  g_assert_nonnull (strstr (de, "Die Wahrscheinlichkeit, dass das Geld ausgeht, liegt bei 3\302\240%."));
  g_assert_nonnull (strstr (de, "Ihr Ziel Ruhestand wird in 82\302\240% der Verläufe erreicht, im Median nach 25,5 Jahren."));
  g_assert_nonnull (strstr (de, "Hauskauf ist in 5 Jahren geplant."));
  g_assert_true (g_str_has_suffix (de, "Dieser Text stammt vom Vorlagengenerator der Sandbox, nicht von einem Sprachmodell."));
}

static void
test_assistant (void)
{
  static const FpSandboxFact afford[] = {
    { "question_kind", "afford", NULL },
    { "currency", "USD", NULL },
    { "monthly_income", "3000", NULL },
    { "monthly_spending", "2700", NULL },
    { "monthly_surplus", "300", NULL },
    { "asked_monthly", "600", NULL },
    { "surplus_after", "-300", NULL },
  };
  static const FpSandboxFact spending[] = {
    { "question_kind", "spending", NULL },
    { "currency", "EUR", NULL },
    { "month", "2026-10", NULL },
    { "month_spending", "770", NULL },
    { "previous_average", "470", NULL },
    { "previous_months", "3", NULL },
    { "change_percent", "64", NULL },
    { "category_1", "dining", NULL },
    { "category_1_amount", "500", NULL },
    { "category_1_change", "300", NULL },
  };
  g_autofree char *a_en = fp_sandbox_genai_compose (NULL, "en", afford, G_N_ELEMENTS (afford));
  g_autofree char *a_de = fp_sandbox_genai_compose (NULL, "de", afford, G_N_ELEMENTS (afford));
  g_autofree char *s_en = fp_sandbox_genai_compose (NULL, "en", spending, G_N_ELEMENTS (spending));
  g_autofree char *s_de = fp_sandbox_genai_compose (NULL, "de", spending, G_N_ELEMENTS (spending));

  g_test_message ("%s\n%s\n%s\n%s", a_en, a_de, s_en, s_de);
  g_assert_true (g_str_has_prefix (a_en, "You earn about $3,000 a month and spend about $2,700. "
                                         "That leaves about $300 a month. With $600 more a month you would spend "
                                         "about $300 a month more than you earn, so it does not look affordable"));
  g_assert_true (g_str_has_prefix (a_de, "Sie verdienen etwa 3.000\302\240$ im Monat und geben etwa 2.700\302\240$ aus."));
  g_assert_true (g_str_has_prefix (s_en, "In October 2026 you spent about \342\202\254770. That is 64% more than on "
                                         "average in the 3 months before (about \342\202\254470). Most of the rise "
                                         "came from dining out: \342\202\254500, about \342\202\254300 more than usual."));
  g_assert_true (g_str_has_prefix (s_de, "Im Oktober 2026 haben Sie etwa 770\302\240\342\202\254 ausgegeben."));
  /* An amount said by a sentence is not said again as a bare figure. */
  g_assert_null (strstr (s_en, "Your "));
}

static void
test_unknown_facts (void)
{
  static const FpSandboxFact facts[] = {
    { "monthly_income", "4200", "USD" },
    { "savings_rate", "12.5", "percent" },
    { "segment", "careful-saver", NULL },
  };
  g_autofree char *text = fp_sandbox_genai_compose ("health_explanation", "en", facts, G_N_ELEMENTS (facts));

  g_assert_cmpstr (text, ==, "You earn about $4,200 a month. Your savings rate is 12.5%. Your segment is "
                             "careful-saver. This text was written by the sandbox's template generator, not by a "
                             "language model.");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/genai-text/simulation", test_simulation);
  g_test_add_func ("/sandbox/genai-text/assistant", test_assistant);
  g_test_add_func ("/sandbox/genai-text/unknown-facts", test_unknown_facts);

  return g_test_run ();
}
