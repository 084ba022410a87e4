/* fp-scenario-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scenario of the Financial Time Machine as JSON: the schema of the
 * `simulate` command (described in fp-cli-simulate.c), read and written.
 * The Time Machine page stores its saved scenarios in the cache in the
 * same form.
 */

#define G_LOG_DOMAIN "fp-scenario-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-json-strict.h"
#include "fp-money.h"
#include "fp-scenario-json.h"

/**
 * fp_scenario_json_check_text:
 * @data: the text
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Checks what must hold before json-glib sees the text: at most 1 MiB,
 * UTF-8 without NUL bytes, and the strict JSON rule of everything that
 * crosses a border (fp_json_strict_check(): no member name twice, numbers
 * in range, at most 16 levels deep — json-glib 1.6 parses recursively).
 *
 * Returns: whether the text may be parsed
 */
gboolean
fp_scenario_json_check_text (const char  *data,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(GError) strict = NULL;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length > FP_SCENARIO_JSON_MAX_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("the file is larger than %u KiB"), FP_SCENARIO_JSON_MAX_SIZE / 1024);
      return FALSE;
    }
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, (gssize) length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("the file is not UTF-8 text"));
      return FALSE;
    }
  if (!fp_json_strict_check (data, length, FP_SCENARIO_JSON_MAX_DEPTH, &strict))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, strict->message);
      return FALSE;
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
          !get_uint (o, p, "by_month", 0, FP_SIM_MAX_MONTHS, FALSE, &g.by_month, error) ||
          !get_double (o, p, "withdrawal_rate", 0.0, 1.0, &g.withdrawal_rate, error))
        return FALSE;
      fp_scenario_add_goal (s, &g);
    }

  return TRUE;
}

/**
 * fp_scenario_from_json_node:
 * @root_node: (nullable): the parsed scenario file
 * @s: (out caller-allocates): the scenario
 * @error: return location for a #GError
 *
 * Reads a scenario in the schema of the `simulate` command (see the top of
 * this file). It is not validated: call fp_scenario_validate().
 *
 * Returns: whether @root_node is a scenario
 */
gboolean
fp_scenario_from_json_node (JsonNode    *root_node,
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
/* Writing                                                             */
/* ------------------------------------------------------------------ */

static void
add_amount (JsonBuilder *builder,
            const char  *name,
            gint64       minor)
{
  g_autofree char *text = fp_money_to_decimal (minor);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/**
 * fp_scenario_to_json_node:
 * @s: a scenario
 *
 * Writes a scenario in the schema that fp_scenario_from_json_node() reads
 * back to the same scenario (historical returns are not written).
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
fp_scenario_to_json_node (const FpScenario *s)
{
  static const char * const event_kinds[] = {
    [FP_SIM_EVENT_HOME_PURCHASE] = "home_purchase",
    [FP_SIM_EVENT_CHILD] = "child",
    [FP_SIM_EVENT_CAREER_BREAK] = "career_break",
    [FP_SIM_EVENT_WINDFALL] = "windfall",
    [FP_SIM_EVENT_LOAN_PAYOFF] = "loan_payoff",
  };
  static const char * const goal_kinds[] = {
    [FP_SIM_GOAL_RETIRE] = "retire",
    [FP_SIM_GOAL_EMERGENCY_FUND] = "emergency_fund",
    [FP_SIM_GOAL_DOWN_PAYMENT] = "down_payment",
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (s != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, s->currency);
  add_int (builder, "horizon_months", s->horizon_months);
  add_int (builder, "paths", s->n_paths);
  add_int (builder, "seed", (gint64) MIN (s->seed, (guint64) G_MAXINT64));
  json_builder_set_member_name (builder, "nominal");
  json_builder_add_boolean_value (builder, s->results_nominal);
  add_int (builder, "current_age", s->current_age);
  add_int (builder, "retirement_age", s->retirement_age);
  add_amount (builder, "cash", s->start_cash_minor);
  add_double (builder, "cash_annual_rate", s->cash_annual_rate);
  add_amount (builder, "monthly_income", s->monthly_income_minor);
  add_double (builder, "income_real_growth", s->income_real_growth);
  add_amount (builder, "retirement_income", s->retirement_income_minor);
  add_amount (builder, "monthly_contribution", s->monthly_contribution_minor);
  add_amount (builder, "extra_savings", s->extra_savings_minor);
  json_builder_set_member_name (builder, "rebalance_yearly");
  json_builder_add_boolean_value (builder, s->rebalance_yearly);

  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (s->n_categories, FP_SIM_MAX_CATEGORIES); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, s->categories[i].id);
      add_amount (builder, "monthly", s->categories[i].monthly_minor);
      add_double (builder, "change", s->categories[i].change);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "debts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (s->n_debts, FP_SIM_MAX_DEBTS); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, s->debts[i].id);
      add_amount (builder, "balance", s->debts[i].balance_minor);
      add_double (builder, "annual_rate", s->debts[i].annual_rate);
      add_amount (builder, "payment", s->debts[i].payment_minor);
      add_int (builder, "remaining_months", s->debts[i].remaining_months);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "assets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (s->n_assets, FP_SIM_MAX_ASSETS); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, s->assets[i].id);
      add_double (builder, "expected_return", s->assets[i].expected_return);
      add_double (builder, "volatility", s->assets[i].volatility);
      add_amount (builder, "start", s->assets[i].start_minor);
      add_double (builder, "allocation", s->assets[i].allocation);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "correlations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (s->n_assets, FP_SIM_MAX_ASSETS); i++)
    for (guint j = i + 1; j < MIN (s->n_assets, FP_SIM_MAX_ASSETS); j++)
      {
        if (s->correlation[i][j] == 0.0)
          continue;
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "a");
        json_builder_add_string_value (builder, s->assets[i].id);
        json_builder_set_member_name (builder, "b");
        json_builder_add_string_value (builder, s->assets[j].id);
        add_double (builder, "rho", s->correlation[i][j]);
        json_builder_end_object (builder);
      }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "inflation");
  json_builder_begin_object (builder);
  add_double (builder, "mean", s->inflation.mean);
  add_double (builder, "start", s->inflation.start);
  add_double (builder, "volatility", s->inflation.volatility);
  add_double (builder, "persistence", s->inflation.persistence);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (s->n_events, FP_SIM_MAX_EVENTS); i++)
    {
      const FpSimEvent *e = &s->events[i];

      if ((guint) e->kind >= G_N_ELEMENTS (event_kinds))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, event_kinds[e->kind]);
      add_int (builder, "month", e->month);
      add_amount (builder, "amount", e->amount_minor);
      add_amount (builder, "mortgage", e->mortgage_minor);
      add_double (builder, "rate", e->rate);
      add_int (builder, "duration_months", e->duration_months);
      add_int (builder, "debt", e->debt_index);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "goals");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (s->n_goals, FP_SIM_MAX_GOALS); i++)
    {
      const FpSimGoal *g = &s->goals[i];

      if ((guint) g->kind >= G_N_ELEMENTS (goal_kinds))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, goal_kinds[g->kind]);
      add_amount (builder, "amount", g->amount_minor);
      add_int (builder, "months", g->months);
      add_int (builder, "age", g->age);
      add_int (builder, "by_month", g->by_month);
      add_double (builder, "withdrawal_rate", g->withdrawal_rate);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * fp_scenario_to_json:
 * @s: a scenario
 *
 * Returns: (transfer full): fp_scenario_to_json_node() as compact text
 */
char *
fp_scenario_to_json (const FpScenario *s)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (s != NULL, NULL);

  node = fp_scenario_to_json_node (s);
  /* json-glib 1.6 writes 1e-08 as "1e-08.0", which would not read back. */
  return fp_json_fix_exponents (json_to_string (node, FALSE));
}

/**
 * fp_scenario_from_json:
 * @data: the scenario as JSON text
 * @length: its length, or -1 if it ends with a NUL byte
 * @s: (out caller-allocates): the scenario
 * @error: return location for a #GError
 *
 * fp_scenario_json_check_text(), then json-glib, then
 * fp_scenario_from_json_node().
 *
 * Returns: whether @data holds a scenario
 */
gboolean
fp_scenario_from_json (const char  *data,
                       gssize       length,
                       FpScenario  *s,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  gsize n;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (s != NULL, FALSE);

  n = length < 0 ? strlen (data) : (gsize) length;
  if (!fp_scenario_json_check_text (data, n, error))
    return FALSE;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) n, error))
    return FALSE;

  return fp_scenario_from_json_node (json_parser_get_root (parser), s, error);
}
