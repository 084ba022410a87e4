/* fp-sim-narrative.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a simulation says, in words: the on-device narrative, and the
 * aggregated, rounded facts that alone may be sent to the GenAI proxy for
 * its narrative (never names, accounts, merchants or transactions).
 */

#define G_LOG_DOMAIN "fp-sim-narrative"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "fp-format.h"
#include "fp-money.h"
#include "fp-simulator.h"

/* Rounds @minor to @step major units. */
static gint64
round_to (gint64 minor,
          gint64 step)
{
  gint64 unit = step * 100;
  gint64 half = unit / 2;

  if (minor >= 0)
    return minor > G_MAXINT64 - half ? minor : ((minor + half) / unit) * unit;
  return minor < G_MININT64 + half ? minor : -(((-minor + half) / unit) * unit);
}

/* An amount for prose: rounded to the nearest thousand (ten below ten
 * thousand), in whole units, written as every other amount of the app. */
static char *
format_rounded (gint64      minor,
                const char *currency)
{
  gint64 step = ABS (minor) >= 1000000 ? 1000 : 10;

  return fp_format_money (round_to (minor, step), currency, FP_FORMAT_WHOLE);
}

static gint
percent (double probability)
{
  return (gint) floor (probability * 100.0 + 0.5);
}

static char *
format_chance (double probability)
{
  if (probability > 0.0 && probability < 0.005)
    {
      g_autofree char *one = fp_format_percent (0.01, 0, FP_FORMAT_NONE);

      /* TRANSLATORS: a probability: "less than 1%" */
      return g_strdup_printf (_("less than %s"), one);
    }
  if (probability < 1.0 && probability > 0.995)
    {
      g_autofree char *most = fp_format_percent (0.99, 0, FP_FORMAT_NONE);

      /* TRANSLATORS: a probability: "more than 99%" */
      return g_strdup_printf (_("more than %s"), most);
    }
  return fp_format_percent (percent (probability) / 100.0, 0, FP_FORMAT_NONE);
}

static char *
describe_goal (const FpScenario *scenario,
               const FpSimGoal  *goal)
{
  g_autofree char *amount = format_rounded (goal->amount_minor, scenario->currency);

  switch (goal->kind)
    {
    case FP_SIM_GOAL_RETIRE:
      /* TRANSLATORS: completes "Your chance of …": an age and an amount a month */
      return g_strdup_printf (_("retiring at %u with %s a month"), goal->age, amount);
    case FP_SIM_GOAL_EMERGENCY_FUND:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* TRANSLATORS: completes "Your chance of …" */
                                           "building an emergency fund of %u month of spending",
                                           "building an emergency fund of %u months of spending",
                                           goal->months),
                              goal->months);
    case FP_SIM_GOAL_DOWN_PAYMENT:
      /* TRANSLATORS: completes "Your chance of …" */
      return g_strdup_printf (_("saving a down payment of %s"), amount);
    default:
      return g_strdup (_("reaching your goal"));
    }
}

/**
 * fp_simulation_narrate:
 * @scenario: the scenario that was simulated
 * @result: its result
 *
 * Writes three to five short sentences about @result, with its figures,
 * in the current locale: where net worth ends in the middle and at the
 * edges, at retirement, the chance of the first goals, and of running out
 * of money. Computed on the device, for when the GenAI narrative is not
 * consented to or not available.
 *
 * Returns: (transfer full): the narrative
 */
char *
fp_simulation_narrate (const FpScenario         *scenario,
                       const FpSimulationResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint last;
  guint years;
  guint sentences = 0;
  g_autofree char *median = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (result->n_points > 0, NULL);

  last = result->n_points - 1;
  years = (last + 6) / 12;
  median = format_rounded (result->net_worth[FP_SIM_P50][last], scenario->currency);
  low = format_rounded (result->net_worth[FP_SIM_P5][last], scenario->currency);
  high = format_rounded (result->net_worth[FP_SIM_P95][last], scenario->currency);

  if (result->nominal)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         /* TRANSLATORS: a number of years, then an amount */
                                         "In %u year, your net worth is most likely around %s (in the money of that time).",
                                         "In %u years, your net worth is most likely around %s (in the money of that time).",
                                         years),
                            years, median);
  else
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         /* TRANSLATORS: a number of years, then an amount */
                                         "In %u year, your net worth is most likely around %s in today's money.",
                                         "In %u years, your net worth is most likely around %s in today's money.",
                                         years),
                            years, median);
  sentences++;

  g_string_append_c (text, ' ');
  /* TRANSLATORS: two amounts, a bad and a good outcome */
  g_string_append_printf (text, _("In one future in twenty it is below %s, and in one in twenty above %s."),
                          low, high);
  sentences++;

  if (result->retirement_month > 0 && (guint) result->retirement_month < last &&
      scenario->retirement_age > scenario->current_age)
    {
      g_autofree char *at_retirement =
        format_rounded (result->net_worth[FP_SIM_P50][result->retirement_month], scenario->currency);

      g_string_append_c (text, ' ');
      /* TRANSLATORS: an age, then an amount */
      g_string_append_printf (text, _("When you retire at %u, the middle outcome is %s."),
                              scenario->retirement_age, at_retirement);
      sentences++;
    }

  for (guint g = 0; g < result->n_goals && g < scenario->n_goals && sentences < 4; g++)
    {
      g_autofree char *goal = describe_goal (scenario, &scenario->goals[g]);
      g_autofree char *chance = format_chance (result->goals[g].probability);

      g_string_append_c (text, ' ');
      /* TRANSLATORS: "Your chance of saving a down payment of $20,000 is 75 %." */
      g_string_append_printf (text, _("Your chance of %s is %s."), goal, chance);
      sentences++;
    }

  g_string_append_c (text, ' ');
  if (result->probability_ruin <= 0.0)
    g_string_append (text, _("In none of the simulated futures does your money run out."));
  else
    {
      g_autofree char *chance = format_chance (result->probability_ruin);

      /* TRANSLATORS: a probability such as "3 %" */
      g_string_append_printf (text, _("The chance that your money runs out is %s."), chance);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * fp_sim_fact_free:
 * @fact: (transfer full): a fact
 */
void
fp_sim_fact_free (FpSimFact *fact)
{
  if (fact == NULL)
    return;
  g_free (fact->key);
  g_free (fact->value);
  g_free (fact);
}

static void
add_fact (GPtrArray  *facts,
          char       *key,
          char       *value)
{
  FpSimFact *fact = g_new (FpSimFact, 1);

  fact->key = key;
  fact->value = value;
  g_ptr_array_add (facts, fact);
}

/* Major units rounded to the nearest thousand, as plain digits. */
static char *
thousands (gint64 minor)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, round_to (minor, 1000) / 100);
}

static char *
years_text (gint months)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", months / 12.0));
}

static const char *
goal_kind_name (FpSimGoalKind kind)
{
  switch (kind)
    {
    case FP_SIM_GOAL_RETIRE:
      return "retire";
    case FP_SIM_GOAL_EMERGENCY_FUND:
      return "emergency_fund";
    case FP_SIM_GOAL_DOWN_PAYMENT:
      return "down_payment";
    default:
      return "unknown";
    }
}

static const char *
event_kind_name (FpSimEventKind kind)
{
  switch (kind)
    {
    case FP_SIM_EVENT_HOME_PURCHASE:
      return "home_purchase";
    case FP_SIM_EVENT_CHILD:
      return "child";
    case FP_SIM_EVENT_CAREER_BREAK:
      return "career_break";
    case FP_SIM_EVENT_WINDFALL:
      return "windfall";
    case FP_SIM_EVENT_LOAN_PAYOFF:
      return "loan_payoff";
    default:
      return "unknown";
    }
}

/**
 * fp_simulation_facts:
 * @scenario: the scenario that was simulated
 * @result: its result
 *
 * The aggregated facts of a simulation, rounded so that they describe a
 * situation rather than a person: amounts to the nearest thousand in major
 * units, probabilities in whole percent, dates in years from now. Ages
 * are kept in whole years. No ids, names or transactions: category and
 * asset names are left out too. Keys are stable ASCII (`horizon_years`,
 * `money_basis`, `start_net_worth`, `median_net_worth_end`,
 * `p5_net_worth_end`, `p95_net_worth_end`, `median_net_worth_at_retirement`,
 * `probability_run_out`, `probability_retire_goal`, `goal_N_kind`,
 * `goal_N_probability`, `goal_N_median_years`, `event_N_kind`,
 * `event_N_years`, …), values are C-locale text.
 *
 * Returns: (transfer full) (element-type FpSimFact): the facts
 */
GPtrArray *
fp_simulation_facts (const FpScenario         *scenario,
                     const FpSimulationResult *result)
{
  g_autoptr(GPtrArray) facts = NULL;
  guint last;
  gint64 baseline = 0;
  gboolean retire_goal_seen = FALSE;

  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (result->n_points > 0, NULL);

  facts = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_sim_fact_free);
  last = result->n_points - 1;

  add_fact (facts, g_strdup ("horizon_years"), years_text ((gint) last));
  add_fact (facts, g_strdup ("paths"), g_strdup_printf ("%u", result->n_paths));
  add_fact (facts, g_strdup ("currency"), g_strdup (scenario->currency));
  add_fact (facts, g_strdup ("money_basis"), g_strdup (result->nominal ? "nominal" : "today"));
  add_fact (facts, g_strdup ("current_age"), g_strdup_printf ("%u", scenario->current_age));
  add_fact (facts, g_strdup ("retirement_age"), g_strdup_printf ("%u", scenario->retirement_age));
  add_fact (facts, g_strdup ("start_net_worth"), thousands (result->net_worth[FP_SIM_P50][0]));
  add_fact (facts, g_strdup ("median_net_worth_end"), thousands (result->net_worth[FP_SIM_P50][last]));
  add_fact (facts, g_strdup ("p5_net_worth_end"), thousands (result->net_worth[FP_SIM_P5][last]));
  add_fact (facts, g_strdup ("p95_net_worth_end"), thousands (result->net_worth[FP_SIM_P95][last]));
  if (result->retirement_month > 0 && (guint) result->retirement_month <= last)
    add_fact (facts, g_strdup ("median_net_worth_at_retirement"),
              thousands (result->net_worth[FP_SIM_P50][result->retirement_month]));
  add_fact (facts, g_strdup ("probability_run_out"),
            g_strdup_printf ("%d", percent (result->probability_ruin)));

  for (guint i = 0; i < scenario->n_categories; i++)
    baseline += scenario->categories[i].monthly_minor;
  if (baseline > 0)
    {
      double change = (double) (fp_scenario_monthly_spending (scenario) - baseline) / (double) baseline;

      add_fact (facts, g_strdup ("spending_change_percent"),
                g_strdup_printf ("%d", (gint) floor (change * 100.0 + 0.5)));
    }
  if (scenario->extra_savings_minor > 0)
    add_fact (facts, g_strdup ("extra_savings_monthly"),
              g_strdup_printf ("%" G_GINT64_FORMAT, round_to (scenario->extra_savings_minor, 10) / 100));

  for (guint g = 0; g < result->n_goals && g < scenario->n_goals; g++)
    {
      const FpSimGoalOutcome *outcome = &result->goals[g];

      add_fact (facts, g_strdup_printf ("goal_%u_kind", g), g_strdup (goal_kind_name (scenario->goals[g].kind)));
      add_fact (facts, g_strdup_printf ("goal_%u_probability", g),
                g_strdup_printf ("%d", percent (outcome->probability)));
      add_fact (facts, g_strdup_printf ("goal_%u_median_years", g),
                outcome->median_month >= 0 ? years_text (outcome->median_month) : g_strdup ("never"));
      if (scenario->goals[g].kind == FP_SIM_GOAL_RETIRE && !retire_goal_seen)
        {
          retire_goal_seen = TRUE;
          add_fact (facts, g_strdup ("probability_retire_goal"),
                    g_strdup_printf ("%d", percent (outcome->probability)));
        }
    }

  for (guint e = 0; e < scenario->n_events; e++)
    {
      add_fact (facts, g_strdup_printf ("event_%u_kind", e), g_strdup (event_kind_name (scenario->events[e].kind)));
      add_fact (facts, g_strdup_printf ("event_%u_years", e), years_text ((gint) scenario->events[e].month));
    }

  return g_steal_pointer (&facts);
}
