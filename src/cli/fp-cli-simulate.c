/* fp-cli-simulate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `finpersona --headless simulate SCENARIO.json [--json] [--paths N]
 * [--threads N]`: runs the Financial Time Machine on a scenario file and
 * prints the result.
 *
 * The scenario file
 * -----------------
 * One JSON object, at most 1 MiB and 16 levels deep (checked before it is
 * parsed). Every member is optional unless marked; unknown members are
 * errors, so that a typo never silently falls back to a default.
 *
 * Amounts of money are JSON *strings* holding a decimal number of major
 * units with at most two decimals, "1234.56" (exact, never a binary
 * float); they are in today's money. Rates and shares are JSON numbers,
 * 0.07 for 7 %. Months count from today (month 0); the simulation covers
 * months 1 … horizon_months, and further to the latest goal when a goal
 * lies after it (a retirement goal's age, another goal's by_month), so
 * that every goal is judged at its own date.
 *
 *   currency              (locale)   ISO 4217 code, three capital letters;
 *                                    the locale's currency when left out
 *   horizon_months        360        1 … 600
 *   paths                 10000      1 … 1,000,000 (--paths overrides)
 *   seed                  1          integer ≥ 0; same seed, same result
 *   nominal               false      true: results in future (nominal) money
 *   current_age           40         0 … 130
 *   retirement_age        67         0 … 130
 *   cash                  "0"        liquid cash today
 *   cash_annual_rate      0          interest on positive cash
 *   monthly_income        "0"        net income until retirement
 *   income_real_growth    0          yearly, above inflation
 *   retirement_income     "0"        monthly pension after retirement
 *   monthly_contribution  "0"        moved from cash to investments
 *   extra_savings         "0"        the scenario's extra monthly savings
 *   rebalance_yearly      true
 *   categories  [ { "id": "groceries", "monthly": "600", "change": -0.1 } ]
 *   debts       [ { "id": "car", "balance": "8000", "annual_rate": 0.05,
 *                   "payment": "0" (0: the annuity payment),
 *                   "remaining_months": 36 } ]
 *   assets      [ { "id": "equities", "expected_return": 0.07,
 *                   "volatility": 0.16, "start": "25000",
 *                   "allocation": 0.6 } ]    allocations sum to 1
 *   correlations [ { "a": "equities", "b": "bonds", "rho": 0.2 } ]
 *   inflation   { "mean": 0.02, "start": 0.02, "volatility": 0.003,
 *                 "persistence": 0.95 }
 *   events      [ { "kind": "home_purchase" | "child" | "career_break" |
 *                   "windfall" | "loan_payoff",
 *                   "month": 48 (required), "amount": "40000",
 *                   "mortgage": "250000", "rate": 0.035,
 *                   "duration_months": 300, "debt": 0 (index into debts) } ]
 *   goals       [ { "kind": "retire" | "emergency_fund" | "down_payment",
 *                   "amount": "2500" (monthly income, or the down payment),
 *                   "months": 6, "age": 67, "by_month": 48 (0 … 600),
 *                   "withdrawal_rate": 0.04 } ]
 * Historical bootstrapping is not available from a file: returns always
 * follow the capital-market assumptions of the assets.
 *
 * The output (--json)
 * -------------------
 *   { "currency", "nominal", "paths", "horizon_months",
 *     "net_worth": { "p5": [...], "p25", "p50", "p75", "p95" },
 *     "cash":      { the same },
 *     "goals": [ { "kind", "probability", "median_month" } ],
 *     "probability_ruin", "median_ruin_month", "retirement_month",
 *     "narrative" }
 * "horizon_months" is the horizon simulated (extended to the latest goal).
 * Percentile arrays hold horizon_months + 1 integers (month 0 is today),
 * in minor units (cents); probabilities are numbers in [0, 1]; a month
 * that is never reached is null.
 *
 * Exit status: 0 on success, 1 for an unreadable or invalid scenario,
 * 2 for a usage error.
 */

#define G_LOG_DOMAIN "fp-cli-simulate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "fp-cli-private.h"
#include "fp-format.h"
#include "fp-json-strict.h"
#include "fp-money.h"
#include "fp-scenario-json.h"
#include "fp-simulator.h"

#define MAX_FILE_SIZE FP_SCENARIO_JSON_MAX_SIZE

/* ------------------------------------------------------------------ */
/* Reading the file                                                    */
/* ------------------------------------------------------------------ */

static char *
read_capped (const char  *path,
             gsize       *length,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *data = g_malloc (MAX_FILE_SIZE + 1);
  gsize n = 0;

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data, MAX_FILE_SIZE + 1, &n, NULL, error))
    return NULL;

  if (n > MAX_FILE_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("the file is larger than %u KiB"), MAX_FILE_SIZE / 1024);
      return NULL;
    }

  data[n] = '\0';
  *length = n;
  return g_steal_pointer (&data);
}

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

static void
add_percentiles (JsonBuilder *builder,
                 const char  *name,
                 gint64     **series,
                 guint        n_points)
{
  static const char * const names[FP_SIM_N_PERCENTILES] = { "p5", "p25", "p50", "p75", "p95" };

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (guint p = 0; p < FP_SIM_N_PERCENTILES; p++)
    {
      json_builder_set_member_name (builder, names[p]);
      json_builder_begin_array (builder);
      for (guint m = 0; m < n_points; m++)
        json_builder_add_int_value (builder, series[p][m]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static void
add_month (JsonBuilder *builder,
           const char  *name,
           gint         month)
{
  json_builder_set_member_name (builder, name);
  if (month < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, month);
}

static char *
result_to_json (const FpScenario         *s,
                const FpSimulationResult *r,
                const char               *narrative)
{
  static const char * const goal_kinds[] = { "retire", "emergency_fund", "down_payment" };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, s->currency);
  json_builder_set_member_name (builder, "nominal");
  json_builder_add_boolean_value (builder, r->nominal);
  json_builder_set_member_name (builder, "paths");
  json_builder_add_int_value (builder, r->n_paths);
  json_builder_set_member_name (builder, "horizon_months");
  json_builder_add_int_value (builder, r->n_points - 1);
  add_percentiles (builder, "net_worth", (gint64 **) r->net_worth, r->n_points);
  add_percentiles (builder, "cash", (gint64 **) r->cash, r->n_points);

  json_builder_set_member_name (builder, "goals");
  json_builder_begin_array (builder);
  for (guint i = 0; i < r->n_goals; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, (guint) s->goals[i].kind < G_N_ELEMENTS (goal_kinds)
                                                ? goal_kinds[s->goals[i].kind] : "unknown");
      json_builder_set_member_name (builder, "probability");
      json_builder_add_double_value (builder, r->goals[i].probability);
      add_month (builder, "median_month", r->goals[i].median_month);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "probability_ruin");
  json_builder_add_double_value (builder, r->probability_ruin);
  add_month (builder, "median_ruin_month", r->median_ruin_month);
  add_month (builder, "retirement_month", r->retirement_month);
  json_builder_set_member_name (builder, "narrative");
  json_builder_add_string_value (builder, narrative);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  /* json-glib 1.6 writes 1e-08 as "1e-08.0": stdout stays JSON. */
  return fp_json_fix_exponents (json_generator_to_data (generator, NULL));
}

static void
print_text (const FpScenario         *s,
            const FpSimulationResult *r,
            const char               *narrative)
{
  guint last = r->n_points - 1;
  g_autofree char *median = fp_money_format (r->net_worth[FP_SIM_P50][last], s->currency);
  g_autofree char *low = fp_money_format (r->net_worth[FP_SIM_P5][last], s->currency);
  g_autofree char *high = fp_money_format (r->net_worth[FP_SIM_P95][last], s->currency);

  g_autofree char *band = fp_format_percent (0.90, 0, FP_FORMAT_NONE);
  g_autofree char *ruin = fp_format_percent (r->probability_ruin, 1, FP_FORMAT_NONE);

  g_print (_("Net worth after %u months: median %s, %s between %s and %s\n"), last, median, band, low, high);
  for (guint i = 0; i < r->n_goals; i++)
    {
      g_autofree char *chance = fp_format_percent (r->goals[i].probability, 1, FP_FORMAT_NONE);

      g_print (_("Goal %u: reached with probability %s\n"), i + 1, chance);
    }
  g_print (_("Probability of running out of money: %s\n"), ruin);
  g_print ("\n%s\n", narrative);
}

/* ------------------------------------------------------------------ */
/* The command                                                         */
/* ------------------------------------------------------------------ */

/**
 * fp_cli_simulate:
 * @argc: arguments, argv[0] being "simulate"
 * @argv: the arguments
 *
 * Returns: the exit status
 */
int
fp_cli_simulate (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(FpSimulationResult) result = NULL;
  g_autofree char *data = NULL;
  g_autofree char *narrative = NULL;
  g_auto(GStrv) args = NULL;
  gboolean json = FALSE;
  int paths = -1;
  int threads = 0;
  gsize length = 0;
  FpScenario scenario;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { "paths", 0, 0, G_OPTION_ARG_INT, &paths, N_("Simulate N paths instead of the file’s"), "N" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, N_("Use N threads (0: one per core)"), "N" },
    { NULL }
  };

  context = g_option_context_new (_("SCENARIO.json — simulate a scenario"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("simulate: %s\n", error->message);
      return FP_CLI_EXIT_USAGE;
    }
  if (g_strv_length (args) != 2)
    {
      g_printerr ("%s\n", _("Usage: finpersona --headless simulate SCENARIO.json [--json] [--paths N] [--threads N]"));
      return FP_CLI_EXIT_USAGE;
    }
  if (paths != -1 && (paths < 1 || paths > FP_SIM_MAX_PATHS))
    {
      g_printerr (_("simulate: --paths must be from 1 to %u\n"), FP_SIM_MAX_PATHS);
      return FP_CLI_EXIT_USAGE;
    }
  if (threads < 0 || threads > 256)
    {
      g_printerr ("%s\n", _("simulate: --threads must be from 0 to 256"));
      return FP_CLI_EXIT_USAGE;
    }

  data = read_capped (args[1], &length, &error);
  if (data == NULL || !fp_scenario_json_check_text (data, length, &error))
    {
      g_printerr (_("simulate: cannot read %s: %s\n"), args[1], error->message);
      return FP_CLI_EXIT_FAILURE;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &error))
    {
      g_printerr (_("simulate: %s is not valid JSON: %s\n"), args[1], error->message);
      return FP_CLI_EXIT_FAILURE;
    }

  if (!fp_scenario_from_json_node (json_parser_get_root (parser), &scenario, &error))
    {
      g_printerr (_("simulate: %s: %s\n"), args[1], error->message);
      return FP_CLI_EXIT_FAILURE;
    }
  if (paths != -1)
    scenario.n_paths = (guint) paths;

  if (!fp_scenario_validate (&scenario, &error))
    {
      g_printerr (_("simulate: %s: invalid scenario: %s\n"), args[1], error->message);
      return FP_CLI_EXIT_FAILURE;
    }

  result = fp_simulation_run (&scenario, (guint) threads, NULL, NULL, NULL, &error);
  if (result == NULL)
    {
      g_printerr (_("simulate: the simulation failed: %s\n"), error->message);
      return FP_CLI_EXIT_FAILURE;
    }

  narrative = fp_simulation_narrate (&scenario, result);
  if (json)
    {
      g_autofree char *text = result_to_json (&scenario, result, narrative);

      g_print ("%s\n", text);
    }
  else
    {
      print_text (&scenario, result, narrative);
    }

  return FP_CLI_EXIT_OK;
}
