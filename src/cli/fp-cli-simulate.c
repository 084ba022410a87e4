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
 * months 1 … horizon_months.
 *
 *   currency              "EUR"      ISO 4217 code, three capital letters
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
 *                   "months": 6, "age": 67, "by_month": 48,
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
#include "fp-money.h"
#include "fp-simulator.h"

#define MAX_FILE_SIZE (1024 * 1024)
#define MAX_DEPTH     16

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

/* json-glib 1.6 parses recursively and overflows its stack on deep
 * nesting, so the depth is checked on the raw text first. */
static gboolean
check_text (const char  *data,
            gsize        length,
            GError     **error)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;

  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, (gssize) length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("the file is not UTF-8 text"));
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("the JSON is nested more than %u levels deep"), MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          depth--;
        }
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Typed members, with the field named in every error                  */
/* ------------------------------------------------------------------ */

static gboolean
field_error (GError     **error,
             const char  *prefix,
             const char  *name,
             const char  *expected)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("field “%s%s”: expected %s"), prefix, name, expected);
  return FALSE;
}

static gboolean
check_members (JsonObject         *object,
               const char         *prefix,
               const char * const *allowed,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("field “%s%s” is not part of a scenario"), prefix, (const char *) l->data);
        return FALSE;
      }

  return TRUE;
}

static JsonNode *
member_value (JsonObject *object,
              const char *name,
              GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

static gboolean
get_int (JsonObject  *object,
         const char  *prefix,
         const char  *name,
         gint64       min,
         gint64       max,
         gboolean     required,
         gint64      *out,
         GError     **error)
{
  JsonNode *node;
  g_autofree char *min_text = g_strdup_printf ("%" G_GINT64_FORMAT, min);
  g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max);
  g_autofree char *expected = g_strdup_printf (_("an integer from %s to %s"), min_text, max_text);

  if (!json_object_has_member (object, name))
    return required ? field_error (error, prefix, name, expected) : TRUE;

  node = member_value (object, name, G_TYPE_INT64);
  if (node == NULL || json_node_get_int (node) < min || json_node_get_int (node) > max)
    return field_error (error, prefix, name, expected);

  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_uint (JsonObject  *object,
          const char  *prefix,
          const char  *name,
          guint        min,
          guint        max,
          gboolean     required,
          guint       *out,
          GError     **error)
{
  gint64 value = *out;

  if (!get_int (object, prefix, name, min, max, required, &value, error))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static gboolean
get_double (JsonObject  *object,
            const char  *prefix,
            const char  *name,
            double       min,
            double       max,
            double      *out,
            GError     **error)
{
  JsonNode *node;
  double value;
  g_autofree char *expected = g_strdup_printf (_("a number from %g to %g"), min, max);

  if (!json_object_has_member (object, name))
    return TRUE;

  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    return field_error (error, prefix, name, expected);

  value = json_node_get_double (node);
  if (!(value >= min && value <= max))
    return field_error (error, prefix, name, expected);

  *out = value;
  return TRUE;
}

static gboolean
get_bool (JsonObject  *object,
          const char  *prefix,
          const char  *name,
          gboolean    *out,
          GError     **error)
{
  JsonNode *node;

  if (!json_object_has_member (object, name))
    return TRUE;

  node = member_value (object, name, G_TYPE_BOOLEAN);
  if (node == NULL)
    return field_error (error, prefix, name, _("true or false"));

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *prefix,
            const char  *name,
            gboolean     required,
            const char **out,
            GError     **error)
{
  JsonNode *node;

  if (!json_object_has_member (object, name))
    return required ? field_error (error, prefix, name, _("a string")) : TRUE;

  node = member_value (object, name, G_TYPE_STRING);
  if (node == NULL)
    return field_error (error, prefix, name, _("a string"));

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_amount (JsonObject  *object,
            const char  *prefix,
            const char  *name,
            gboolean     allow_negative,
            gint64      *out,
            GError     **error)
{
  const char *text = NULL;
  const char *expected = allow_negative ? _("an amount as a string, such as \"-1234.56\"")
                                        : _("a positive amount as a string, such as \"1234.56\"");
  gint64 minor;

  if (!json_object_has_member (object, name))
    return TRUE;

  if (!get_string (object, prefix, name, FALSE, &text, NULL) || text == NULL ||
      strlen (text) > 24 || !fp_money_parse (text, &minor, NULL) || (!allow_negative && minor < 0))
    return field_error (error, prefix, name, expected);

  *out = minor;
  return TRUE;
}

static gboolean
get_id (JsonObject  *object,
        const char  *prefix,
        char        *out,
        GError     **error)
{
  const char *id = NULL;

  if (!get_string (object, prefix, "id", FALSE, &id, error))
    return FALSE;
  if (id == NULL)
    return TRUE;
  if (*id == '\0' || strlen (id) >= FP_SIM_ID_LEN)
    return field_error (error, prefix, "id", _("a name of 1 to 31 bytes"));

  g_strlcpy (out, id, FP_SIM_ID_LEN);
  return TRUE;
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *name,
           guint        max,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *expected = g_strdup_printf (_("a list of at most %u objects"), max);
  JsonArray *array;

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) > max)
    {
      field_error (error, "", name, expected);
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      {
        g_autofree char *field = g_strdup_printf ("%s[%u]", name, i);

        field_error (error, "", field, _("an object"));
        return NULL;
      }

  return array;
}

/* ------------------------------------------------------------------ */
/* The scenario                                                        */
/* ------------------------------------------------------------------ */

static gboolean
parse_categories (JsonObject  *root,
                  FpScenario  *s,
                  GError     **error)
{
  static const char * const allowed[] = { "id", "monthly", "change", NULL };
  g_autoptr(GError) local_error = NULL;
  JsonArray *array = get_array (root, "categories", FP_SIM_MAX_CATEGORIES, &local_error);

  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autofree char *p = g_strdup_printf ("categories[%u].", i);
      FpSimCategory c = { "category", 0, 0.0 };

      if (!check_members (o, p, allowed, error) ||
          !get_id (o, p, c.id, error) ||
          !get_amount (o, p, "monthly", FALSE, &c.monthly_minor, error) ||
          !get_double (o, p, "change", -1.0, 100.0, &c.change, error))
        return FALSE;
      fp_scenario_add_category (s, c.id, c.monthly_minor, c.change);
    }

  return TRUE;
}

static gboolean
parse_debts (JsonObject  *root,
             FpScenario  *s,
             GError     **error)
{
  static const char * const allowed[] = { "id", "balance", "annual_rate", "payment", "remaining_months", NULL };
  g_autoptr(GError) local_error = NULL;
  JsonArray *array = get_array (root, "debts", FP_SIM_MAX_DEBTS, &local_error);

  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autofree char *p = g_strdup_printf ("debts[%u].", i);
      FpSimDebt d = { "debt", 0, 0.0, 0, 12 };

      if (!check_members (o, p, allowed, error) ||
          !get_id (o, p, d.id, error) ||
          !get_amount (o, p, "balance", FALSE, &d.balance_minor, error) ||
          !get_double (o, p, "annual_rate", 0.0, 1.0, &d.annual_rate, error) ||
          !get_amount (o, p, "payment", FALSE, &d.payment_minor, error) ||
          !get_uint (o, p, "remaining_months", 1, FP_SIM_MAX_MONTHS, TRUE, &d.remaining_months, error))
        return FALSE;
      fp_scenario_add_debt (s, d.id, d.balance_minor, d.annual_rate, d.payment_minor, d.remaining_months);
    }

  return TRUE;
}

static gboolean
parse_assets (JsonObject  *root,
              FpScenario  *s,
              GError     **error)
{
  static const char * const allowed[] = { "id", "expected_return", "volatility", "start", "allocation", NULL };
  static const char * const correlation_allowed[] = { "a", "b", "rho", NULL };
  g_autoptr(GError) local_error = NULL;
  JsonArray *array = get_array (root, "assets", FP_SIM_MAX_ASSETS, &local_error);
  JsonArray *correlations;

  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autofree char *p = g_strdup_printf ("assets[%u].", i);
      FpSimAsset a = { "asset", 0.0, 0.0, 0, 0.0 };

      if (!check_members (o, p, allowed, error) ||
          !get_id (o, p, a.id, error) ||
          !get_double (o, p, "expected_return", -0.99, 1.0, &a.expected_return, error) ||
          !get_double (o, p, "volatility", 0.0, 2.0, &a.volatility, error) ||
          !get_amount (o, p, "start", FALSE, &a.start_minor, error) ||
          !get_double (o, p, "allocation", 0.0, 1.0, &a.allocation, error))
        return FALSE;
      fp_scenario_add_asset (s, a.id, a.expected_return, a.volatility, a.start_minor, a.allocation);
    }

  correlations = get_array (root, "correlations", FP_SIM_MAX_ASSETS * FP_SIM_MAX_ASSETS, &local_error);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;

  for (guint i = 0; correlations != NULL && i < json_array_get_length (correlations); i++)
    {
      JsonObject *o = json_array_get_object_element (correlations, i);
      g_autofree char *p = g_strdup_printf ("correlations[%u].", i);
      const char *names[2] = { NULL, NULL };
      guint index[2] = { G_MAXUINT, G_MAXUINT };
      double rho = 0;

      if (!check_members (o, p, correlation_allowed, error) ||
          !get_string (o, p, "a", TRUE, &names[0], error) ||
          !get_string (o, p, "b", TRUE, &names[1], error) ||
          !get_double (o, p, "rho", -1.0, 1.0, &rho, error))
        return FALSE;

      for (guint k = 0; k < 2; k++)
        {
          for (guint j = 0; j < s->n_assets; j++)
            if (g_str_equal (s->assets[j].id, names[k]))
              index[k] = j;
          if (index[k] == G_MAXUINT)
            return field_error (error, p, k == 0 ? "a" : "b", _("the id of one of the assets"));
        }
      if (index[0] == index[1])
        return field_error (error, p, "b", _("an asset other than “a”"));
      fp_scenario_set_correlation (s, index[0], index[1], rho);
    }

  return TRUE;
}

static gboolean
parse_inflation (JsonObject  *root,
                 FpScenario  *s,
                 GError     **error)
{
  static const char * const allowed[] = { "mean", "start", "volatility", "persistence", NULL };
  JsonNode *node = json_object_get_member (root, "inflation");
  JsonObject *o;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return field_error (error, "", "inflation", _("an object"));

  o = json_node_get_object (node);
  return check_members (o, "inflation.", allowed, error) &&
         get_double (o, "inflation.", "mean", -0.5, 1.0, &s->inflation.mean, error) &&
         get_double (o, "inflation.", "start", -0.5, 1.0, &s->inflation.start, error) &&
         get_double (o, "inflation.", "volatility", 0.0, 0.5, &s->inflation.volatility, error) &&
         get_double (o, "inflation.", "persistence", 0.0, 0.999999, &s->inflation.persistence, error);
}

static gboolean
parse_events (JsonObject  *root,
              FpScenario  *s,
              GError     **error)
{
  static const char * const allowed[] = {
    "kind", "month", "amount", "mortgage", "rate", "duration_months", "debt", NULL
  };
  static const char * const kinds[] = {
    [FP_SIM_EVENT_HOME_PURCHASE] = "home_purchase",
    [FP_SIM_EVENT_CHILD] = "child",
    [FP_SIM_EVENT_CAREER_BREAK] = "career_break",
    [FP_SIM_EVENT_WINDFALL] = "windfall",
    [FP_SIM_EVENT_LOAN_PAYOFF] = "loan_payoff",
  };
  g_autoptr(GError) local_error = NULL;
  JsonArray *array = get_array (root, "events", FP_SIM_MAX_EVENTS, &local_error);

  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autofree char *p = g_strdup_printf ("events[%u].", i);
      const char *kind = NULL;
      FpSimEvent e;
      guint k;

      memset (&e, 0, sizeof e);
      if (!check_members (o, p, allowed, error) ||
          !get_string (o, p, "kind", TRUE, &kind, error))
        return FALSE;
      for (k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (g_str_equal (kind, kinds[k]))
          break;
      if (k == G_N_ELEMENTS (kinds))
        return field_error (error, p, "kind",
                            _("home_purchase, child, career_break, windfall or loan_payoff"));
      e.kind = (FpSimEventKind) k;

      if (!get_uint (o, p, "month", 1, s->horizon_months, TRUE, &e.month, error) ||
          !get_amount (o, p, "amount", FALSE, &e.amount_minor, error) ||
          !get_amount (o, p, "mortgage", FALSE, &e.mortgage_minor, error) ||
          !get_double (o, p, "rate", 0.0, 1.0, &e.rate, error) ||
          !get_uint (o, p, "duration_months", 0, FP_SIM_MAX_MONTHS, FALSE, &e.duration_months, error) ||
          !get_uint (o, p, "debt", 0, FP_SIM_MAX_DEBTS - 1, FALSE, &e.debt_index, error))
        return FALSE;
      if (e.kind == FP_SIM_EVENT_LOAN_PAYOFF && e.debt_index >= s->n_debts)
        return field_error (error, p, "debt", _("the index of one of the debts"));
      fp_scenario_add_event (s, &e);
    }

  return TRUE;
}

static gboolean
parse_goals (JsonObject  *root,
             FpScenario  *s,
             GError     **error)
{
  static const char * const allowed[] = {
    "kind", "amount", "months", "age", "by_month", "withdrawal_rate", NULL
  };
  static const char * const kinds[] = {
    [FP_SIM_GOAL_RETIRE] = "retire",
    [FP_SIM_GOAL_EMERGENCY_FUND] = "emergency_fund",
    [FP_SIM_GOAL_DOWN_PAYMENT] = "down_payment",
  };
  g_autoptr(GError) local_error = NULL;
  JsonArray *array = get_array (root, "goals", FP_SIM_MAX_GOALS, &local_error);

  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autofree char *p = g_strdup_printf ("goals[%u].", i);
      const char *kind = NULL;
      FpSimGoal g;
      guint k;

      memset (&g, 0, sizeof g);
      if (!check_members (o, p, allowed, error) ||
          !get_string (o, p, "kind", TRUE, &kind, error))
        return FALSE;
      for (k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (g_str_equal (kind, kinds[k]))
          break;
      if (k == G_N_ELEMENTS (kinds))
        return field_error (error, p, "kind", _("retire, emergency_fund or down_payment"));
      g.kind = (FpSimGoalKind) k;

      if (!get_amount (o, p, "amount", FALSE, &g.amount_minor, error) ||
          !get_uint (o, p, "months", 0, 240, FALSE, &g.months, error) ||
          !get_uint (o, p, "age", 0, 130, g.kind == FP_SIM_GOAL_RETIRE, &g.age, error) ||
          !get_uint (o, p, "by_month", 0, s->horizon_months, FALSE, &g.by_month, error) ||
          !get_double (o, p, "withdrawal_rate", 0.0, 1.0, &g.withdrawal_rate, error))
        return FALSE;
      fp_scenario_add_goal (s, &g);
    }

  return TRUE;
}

static gboolean
parse_scenario (JsonNode    *root_node,
                FpScenario  *s,
                GError     **error)
{
  static const char * const allowed[] = {
    "currency", "horizon_months", "paths", "seed", "nominal", "current_age",
    "retirement_age", "cash", "cash_annual_rate", "monthly_income",
    "income_real_growth", "retirement_income", "monthly_contribution",
    "extra_savings", "rebalance_yearly", "categories", "debts", "assets",
    "correlations", "inflation", "events", "goals", NULL
  };
  JsonObject *root;
  const char *currency = NULL;
  gint64 seed = 1;

  fp_scenario_init (s);

  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("the scenario must be a JSON object"));
      return FALSE;
    }
  root = json_node_get_object (root_node);

  if (!check_members (root, "", allowed, error) ||
      !get_string (root, "", "currency", FALSE, &currency, error))
    return FALSE;
  if (currency != NULL)
    {
      if (strlen (currency) != 3 || !g_ascii_isupper (currency[0]) ||
          !g_ascii_isupper (currency[1]) || !g_ascii_isupper (currency[2]))
        return field_error (error, "", "currency", _("an ISO 4217 code such as \"EUR\""));
      g_strlcpy (s->currency, currency, sizeof s->currency);
    }

  if (!get_uint (root, "", "horizon_months", 1, FP_SIM_MAX_MONTHS, FALSE, &s->horizon_months, error) ||
      !get_uint (root, "", "paths", 1, FP_SIM_MAX_PATHS, FALSE, &s->n_paths, error) ||
      !get_int (root, "", "seed", 0, G_MAXINT64, FALSE, &seed, error) ||
      !get_bool (root, "", "nominal", &s->results_nominal, error) ||
      !get_uint (root, "", "current_age", 0, 130, FALSE, &s->current_age, error) ||
      !get_uint (root, "", "retirement_age", 0, 130, FALSE, &s->retirement_age, error) ||
      !get_amount (root, "", "cash", TRUE, &s->start_cash_minor, error) ||
      !get_double (root, "", "cash_annual_rate", -0.1, 1.0, &s->cash_annual_rate, error) ||
      !get_amount (root, "", "monthly_income", FALSE, &s->monthly_income_minor, error) ||
      !get_double (root, "", "income_real_growth", -0.5, 0.5, &s->income_real_growth, error) ||
      !get_amount (root, "", "retirement_income", FALSE, &s->retirement_income_minor, error) ||
      !get_amount (root, "", "monthly_contribution", FALSE, &s->monthly_contribution_minor, error) ||
      !get_amount (root, "", "extra_savings", FALSE, &s->extra_savings_minor, error) ||
      !get_bool (root, "", "rebalance_yearly", &s->rebalance_yearly, error) ||
      !parse_categories (root, s, error) ||
      !parse_debts (root, s, error) ||
      !parse_assets (root, s, error) ||
      !parse_inflation (root, s, error) ||
      !parse_events (root, s, error) ||
      !parse_goals (root, s, error))
    return FALSE;

  s->seed = (guint64) seed;
  return TRUE;
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
  return json_generator_to_data (generator, NULL);
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

  g_print (_("Net worth after %u months: median %s, 90 %% between %s and %s\n"), last, median, low, high);
  for (guint i = 0; i < r->n_goals; i++)
    g_print (_("Goal %u: reached with probability %.1f %%\n"), i + 1, r->goals[i].probability * 100);
  g_print (_("Probability of running out of money: %.1f %%\n"), r->probability_ruin * 100);
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
  if (data == NULL || !check_text (data, length, &error))
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

  if (!parse_scenario (json_parser_get_root (parser), &scenario, &error))
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
