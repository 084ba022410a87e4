/* fp-time-machine-loader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Time Machine reads from the cache, in a worker thread: the
 * bank's capital-market assumptions and inflation from the market-data
 * catalogue (the bank's, no consent needed; they came from the network,
 * so they pass the same guards again), the starting point from the
 * customer's accounts and the insights engine (only with the consent to
 * personalization), and the kept scenarios of the local-only `scenarios`
 * table, each simulated again.
 */

#define G_LOG_DOMAIN "fp-time-machine-loader"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-cache-scenarios.h"
#include "fp-cli-insights.h"
#include "fp-http-client.h"
#include "fp-money.h"
#include "fp-scenario-json.h"
#include "fp-time-machine-loader.h"
#include "fp-wealth-start.h"

/* The largest market-data document read from the catalogue. */
#define MAX_MARKET_JSON (256 * 1024)

typedef struct
{
  FpCache  *cache;
  gboolean  personalized;
  guint     max_saved;
} LoadJob;

static gboolean
get_number (JsonObject *object,
            const char *name,
            double      min,
            double      max,
            double     *out)
{
  JsonNode *node = json_object_get_member (object, name);
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;

  value = json_node_get_double (node);
  if (!isfinite (value) || value < min || value > max)
    return FALSE;

  *out = value;
  return TRUE;
}

static const char *
get_text (JsonObject *object,
          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A market-data document of the catalogue: it was validated at sync, but
 * it came from the network, so it passes the same guards again. */
static JsonObject *
load_market_doc (FpCache    *cache,
                 const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = fp_cache_get_catalogue_item (cache, FP_CACHE_MARKET_DATA, id, &error);
  g_autoptr(JsonNode) root = NULL;
  gsize len;

  if (text == NULL)
    {
      if (error != NULL)
        g_debug ("No market data %s: %s", id, error->message);
      return NULL;
    }

  len = strlen (text);
  root = fp_json_parse_guarded (text, len, MAX_MARKET_JSON, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("Market data %s is not usable: %s", id, error != NULL ? error->message : "not an object");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* The index of the asset class named like one of @names, else the first
 * whose name contains @part; -1 when none. */
static int
find_class (JsonArray          *classes,
            const char * const *names,
            const char         *part)
{
  guint n = json_array_get_length (classes);

  for (guint k = 0; names[k] != NULL; k++)
    for (guint i = 0; i < n; i++)
      {
        JsonNode *node = json_array_get_element (classes, i);
        const char *name = NULL;

        if (JSON_NODE_HOLDS_OBJECT (node))
          name = get_text (json_node_get_object (node), "assetClass");
        else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
          name = json_node_get_string (node);
        if (name != NULL && g_ascii_strcasecmp (name, names[k]) == 0)
          return (int) i;
      }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (classes, i);
      const char *name = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        name = get_text (json_node_get_object (node), "assetClass");
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        name = json_node_get_string (node);
      if (name != NULL && strstr (name, part) != NULL)
        return (int) i;
    }

  return -1;
}

static gboolean
is_iso_date (const char *text)
{
  static const char pattern[] = "dddd-dd-dd";

  if (text == NULL || strlen (text) != sizeof pattern - 1)
    return FALSE;
  for (guint i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;
  return TRUE;
}

/* The page has two asset classes, shares and bonds (the share slider):
 * it takes the bank's figures of its equity and bond classes and their
 * correlation. Anything missing or out of range: the built-in ones. */
static void
read_assumptions (JsonObject *root,
                  FpMarketAssumptions *market)
{
  static const char * const equity_names[] = { "equity", "equities", "global_equity", NULL };
  static const char * const bond_names[] = { "bond", "bonds", "government_bond", NULL };
  JsonNode *classes_node = json_object_get_member (root, "assetClasses");
  JsonNode *correlation_node = json_object_get_member (root, "correlation");
  const char *as_of = get_text (root, "asOf");
  JsonArray *classes, *names, *matrix;
  JsonObject *correlation, *equity, *bond;
  JsonNode *names_node, *matrix_node, *row_node;
  int e, b, ce, cb;
  FpMarketAssumptions m = *market;

  if (classes_node == NULL || !JSON_NODE_HOLDS_ARRAY (classes_node) ||
      correlation_node == NULL || !JSON_NODE_HOLDS_OBJECT (correlation_node) || !is_iso_date (as_of))
    return;

  classes = json_node_get_array (classes_node);
  e = find_class (classes, equity_names, "equit");
  b = find_class (classes, bond_names, "bond");
  if (e < 0 || b < 0 || e == b ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (classes, (guint) e)) ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (classes, (guint) b)))
    return;
  equity = json_array_get_object_element (classes, (guint) e);
  bond = json_array_get_object_element (classes, (guint) b);
  if (!get_number (equity, "expectedReturn", -0.5, 0.5, &m.equity_return) ||
      !get_number (equity, "volatility", 0.0, 1.0, &m.equity_volatility) ||
      !get_number (bond, "expectedReturn", -0.5, 0.5, &m.bond_return) ||
      !get_number (bond, "volatility", 0.0, 1.0, &m.bond_volatility))
    return;

  correlation = json_node_get_object (correlation_node);
  names_node = json_object_get_member (correlation, "assetClasses");
  matrix_node = json_object_get_member (correlation, "matrix");
  if (names_node == NULL || !JSON_NODE_HOLDS_ARRAY (names_node) ||
      matrix_node == NULL || !JSON_NODE_HOLDS_ARRAY (matrix_node))
    return;
  names = json_node_get_array (names_node);
  matrix = json_node_get_array (matrix_node);
  ce = find_class (names, (const char * const []) { get_text (equity, "assetClass"), NULL }, "\x01");
  cb = find_class (names, (const char * const []) { get_text (bond, "assetClass"), NULL }, "\x01");
  if (ce < 0 || cb < 0 || (guint) ce >= json_array_get_length (matrix))
    return;
  row_node = json_array_get_element (matrix, (guint) ce);
  if (!JSON_NODE_HOLDS_ARRAY (row_node) || (guint) cb >= json_array_get_length (json_node_get_array (row_node)))
    return;
  {
    JsonNode *cell = json_array_get_element (json_node_get_array (row_node), (guint) cb);

    if (!JSON_NODE_HOLDS_VALUE (cell) ||
        (json_node_get_value_type (cell) != G_TYPE_DOUBLE && json_node_get_value_type (cell) != G_TYPE_INT64))
      return;
    m.rho = json_node_get_double (cell);
    /* Below 1 in magnitude, so that the 2 × 2 matrix stays positive definite. */
    if (!isfinite (m.rho) || fabs (m.rho) > 0.999)
      return;
  }

  m.have_assets = TRUE;
  g_strlcpy (m.assets_as_of, as_of, sizeof m.assets_as_of);
  *market = m;
}

/* The bank's inflation assumption: today's expected rate, the long-term
 * target it returns to, and its volatility, read as the stationary
 * standard deviation of the annual rate (the simulator's monthly shock is
 * that times √(1 − persistence²)). */
static void
read_inflation (JsonObject *root,
                FpMarketAssumptions *market)
{
  JsonNode *node = json_object_get_member (root, "assumption");
  JsonObject *a;
  double expected, target, volatility;
  FpSimInflation inflation;
  FpScenario defaults;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  a = json_node_get_object (node);
  if (!get_number (a, "expectedAnnual", -0.2, 0.5, &expected) ||
      !get_number (a, "longTermTarget", -0.2, 0.5, &target) ||
      !get_number (a, "volatility", 0.0, 0.5, &volatility))
    return;

  fp_scenario_init (&defaults);
  inflation = defaults.inflation;
  inflation.start = expected;
  inflation.mean = target;
  inflation.volatility = MIN (0.1, volatility * sqrt (1.0 - inflation.persistence * inflation.persistence));
  market->inflation = inflation;
  market->have_inflation = TRUE;
}

static guint
debt_months (gint64 balance_minor,
             double annual_rate,
             gint64 payment_minor)
{
  double balance = fp_money_to_double (balance_minor);
  double payment = fp_money_to_double (payment_minor);
  double r = annual_rate / 12.0;
  double n;

  /* No payment known: the simulator repays it as an annuity over five years. */
  if (payment_minor <= 0)
    return 60;
  if (r <= 0.0)
    n = ceil (balance / payment);
  else if (1.0 - r * balance / payment <= 0.0)
    return FP_SIM_MAX_MONTHS;   /* the payment does not cover the interest */
  else
    n = ceil (-log (1.0 - r * balance / payment) / log1p (r));

  return (guint) CLAMP (n, 1.0, (double) FP_SIM_MAX_MONTHS);
}

/* The starting point from the engine's figures (worker thread). */
static gboolean
read_start (FpDashboardData *data,
            FpAccountsStart      *sp)
{
  const FpDashboard *d = data->dashboard;
  GArray *accounts = data->input->accounts;
  const FpMonthSummary *months;
  gsize n_months = 0;
  gint64 by_category[FP_N_CATEGORIES] = { 0 };
  gint64 share_total = 0;
  gint64 allocated = 0;
  guint n_cards = 0, n_loans = 0;
  gboolean any_complete = FALSE;

  memset (sp, 0, sizeof *sp);
  if (d == NULL || (data->input->txns->len == 0 && accounts->len == 0))
    return FALSE;

  /* The figures are in the currency of the transactions (the home
   * currency for customers whose accounts are all in one). */
  if (data->input->currency != NULL && strlen (data->input->currency) == 3)
    g_strlcpy (sp->currency, data->input->currency, sizeof sp->currency);
  else if (data->home_currency != NULL && strlen (data->home_currency) == 3)
    g_strlcpy (sp->currency, data->home_currency, sizeof sp->currency);
  else
    return FALSE;
  sp->as_of_day = fp_dashboard_get_today (d);
  sp->income_minor = MAX (0, fp_dashboard_get_monthly_income (d));
  sp->spending_minor = MAX (0, fp_dashboard_get_monthly_spending (d));

  for (guint i = 0; i < accounts->len; i++)
    {
      const FpAccountSnapshot *a = &g_array_index (accounts, FpAccountSnapshot, i);

      switch (a->kind)
        {
        case FP_ACCOUNT_CURRENT:
        case FP_ACCOUNT_SAVINGS:
          sp->cash_minor += a->balance_minor;
          break;

        case FP_ACCOUNT_INVESTMENT:
          sp->investments_minor += MAX (0, a->balance_minor);
          break;

        case FP_ACCOUNT_CREDIT_CARD:
        case FP_ACCOUNT_LOAN:
          if (a->balance_minor < 0 && sp->n_debts < FP_SIM_MAX_DEBTS)
            {
              FpSimDebt *debt = &sp->debts[sp->n_debts++];
              gboolean card = a->kind == FP_ACCOUNT_CREDIT_CARD;

              g_snprintf (debt->id, sizeof debt->id, "%s-%u", card ? "card" : "loan",
                          card ? ++n_cards : ++n_loans);
              debt->balance_minor = -a->balance_minor;
              debt->annual_rate = CLAMP (a->apr_bps, 0, 10000) / 10000.0;
              debt->payment_minor = MAX (0, a->min_payment_minor);
              debt->remaining_months = debt_months (debt->balance_minor, debt->annual_rate,
                                                    debt->payment_minor);
              sp->debt_minor += debt->balance_minor;
            }
          break;

        default:
          break;
        }
    }
  /* An overdraft larger than the savings: no cash to start with. */
  sp->cash_minor = MAX (0, sp->cash_minor);

  /* The engine's monthly spending, split by the shares of its categories
   * over the complete months (the current month if none is complete);
   * largest remainders, so that the categories add up to it exactly. */
  months = fp_dashboard_get_months (d, &n_months);
  for (gsize m = 0; m < n_months; m++)
    any_complete |= months[m].complete;
  for (gsize m = 0; m < n_months; m++)
    if (months[m].complete || !any_complete)
      for (guint c = 0; c < FP_N_CATEGORIES; c++)
        by_category[c] += MAX (0, months[m].by_category_minor[c]);
  for (guint c = 0; c < FP_N_CATEGORIES; c++)
    share_total += by_category[c];

  if (share_total > 0 && sp->spending_minor > 0)
    {
      double remainder[FP_N_CATEGORIES] = { 0 };

      for (guint c = 0; c < FP_N_CATEGORIES && sp->n_categories < FP_SIM_MAX_CATEGORIES; c++)
        {
          FpSimCategory *cat;
          double exact;

          if (by_category[c] <= 0)
            continue;
          exact = (double) sp->spending_minor * (double) by_category[c] / (double) share_total;
          cat = &sp->categories[sp->n_categories];
          g_strlcpy (cat->id, fp_category_get_id ((FpCategory) c), sizeof cat->id);
          cat->monthly_minor = (gint64) floor (exact);
          remainder[sp->n_categories] = exact - floor (exact);
          allocated += cat->monthly_minor;
          sp->n_categories++;
        }
      while (allocated < sp->spending_minor && sp->n_categories > 0)
        {
          guint best = 0;

          for (guint i = 1; i < sp->n_categories; i++)
            if (remainder[i] > remainder[best])
              best = i;
          sp->categories[best].monthly_minor++;
          remainder[best] = -1.0;
          allocated++;
        }
    }

  return TRUE;
}

/* The customer's home currency from the accounts catalogue: which
 * currency the customer counts in is no analysis of their data, so it
 * needs no consent (the balances show without one too). */
static char *
accounts_home_currency (FpCache *cache)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = fp_cache_list_catalogue (cache, FP_CACHE_ACCOUNTS, &error);
  g_autoptr(GArray) holdings = g_array_new (FALSE, TRUE, sizeof (FpCurrencyBalance));
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  if (accounts == NULL)
    g_debug ("No accounts for the currency: %s", error->message);
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      const char *text = g_ptr_array_index (accounts, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) root = fp_json_parse_guarded (text, strlen (text), MAX_MARKET_JSON, &local_error);
      JsonObject *o = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
      const char *currency = o != NULL ? get_text (o, "currency") : NULL;
      FpCurrencyBalance h = { NULL, 0 };

      if (currency == NULL || strlen (currency) != 3 || g_strcmp0 (get_text (o, "status"), "Deleted") == 0)
        continue;
      g_ptr_array_add (codes, g_strdup (currency));
      h.currency = g_ptr_array_index (codes, codes->len - 1);
      g_array_append_val (holdings, h);
    }
  return fp_money_home_currency ((const FpCurrencyBalance *) (gconstpointer) holdings->data, holdings->len);
}

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->cache);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  FpTimeMachineLoad *result = g_new0 (FpTimeMachineLoad, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  JsonObject *doc;

  /* Market data: the bank's, not the customer's; no consent needed. */
  if ((doc = load_market_doc (job->cache, "capital-market-assumptions")) != NULL)
    {
      read_assumptions (doc, &result->market);
      json_object_unref (doc);
    }
  if ((doc = load_market_doc (job->cache, "inflation")) != NULL)
    {
      read_inflation (doc, &result->market);
      json_object_unref (doc);
    }

  {
    g_autofree char *home = accounts_home_currency (job->cache);

    g_strlcpy (result->currency, home, sizeof result->currency);
  }

  /* The starting point: the customer's transactions and balances, only
   * with the consent to personalization. */
  result->source = job->personalized ? FP_START_BY_HAND : FP_START_NO_CONSENT;
  if (job->personalized)
    {
      g_autoptr(FpDashboardData) data = fp_dashboard_data_load (job->cache, 0, 0, TRUE, cancellable, &error);

      if (data != NULL && read_start (data, &result->start))
        {
          result->source = FP_START_FROM_ACCOUNTS;
          /* And what the customer added by hand (the Offers page). */
          fp_wealth_start_add_manual (job->cache, result->start.currency, &result->start.cash_minor,
                                      &result->start.investments_minor, &result->start.debt_minor,
                                      result->start.debts, &result->start.n_debts);
        }
      else if (data == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No starting point from the cache: %s", error->message);
      g_clear_error (&error);
    }

  /* Saved scenarios: what the customer kept, simulated again. */
  result->saved = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_kept_scenario_free);
  rows = fp_cache_list_scenarios (job->cache, &error);
  if (rows == NULL)
    g_debug ("No saved scenarios: %s", error->message);
  for (guint i = 0; rows != NULL && i < rows->len && result->saved->len < job->max_saved; i++)
    {
      FpSavedScenario *row = g_ptr_array_index (rows, i);
      g_autoptr(GError) local_error = NULL;
      FpKeptScenario *saved;

      /* Figures from the customer's accounts: only with the consent. */
      if (!job->personalized && g_str_has_prefix (row->id, FP_TIME_MACHINE_ACCOUNTS_PREFIX))
        continue;

      saved = g_new0 (FpKeptScenario, 1);

      if (!fp_scenario_from_json (row->json, -1, &saved->scenario, &local_error) ||
          !fp_scenario_validate (&saved->scenario, &local_error) ||
          !(saved->result = fp_simulation_run (&saved->scenario, 0, cancellable, NULL, NULL, &local_error)))
        {
          g_debug ("Saved scenario %s not shown: %s", row->id, local_error->message);
          fp_kept_scenario_free (saved);
          if (g_cancellable_is_cancelled (cancellable))
            break;
          continue;
        }
      saved->id = g_strdup (row->id);
      saved->number = result->saved->len + 1;
      g_ptr_array_add (result->saved, saved);
    }

  if (g_task_return_error_if_cancelled (task))
    {
      fp_time_machine_load_free (result);
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) fp_time_machine_load_free);
}


/**
 * fp_kept_scenario_free:
 * @kept: a kept scenario
 *
 * Frees @kept; its card is the page's.
 */
void
fp_kept_scenario_free (FpKeptScenario *kept)
{
  g_clear_pointer (&kept->result, fp_simulation_result_unref);
  g_free (kept->id);
  g_free (kept);
}

/**
 * fp_time_machine_load_async:
 * @source_object: the page that asks
 * @cache: the cache
 * @personalized: whether the customer consented to personalization
 * @max_saved: the most kept scenarios to read
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the market data, the starting point and the kept scenarios in a
 * worker thread.
 */
void
fp_time_machine_load_async (gpointer             source_object,
                            FpCache             *cache,
                            gboolean             personalized,
                            guint                max_saved,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (FP_IS_CACHE (cache));

  job = g_new0 (LoadJob, 1);
  job->cache = g_object_ref (cache);
  job->personalized = personalized;
  job->max_saved = max_saved;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_time_machine_load_async);
  g_task_set_name (task, "[finpersona] time machine start");
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * fp_time_machine_load_finish:
 * @result: the result given to the callback
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): what was read, or %NULL when
 *   cancelled
 */
FpTimeMachineLoad *
fp_time_machine_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fp_time_machine_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * fp_time_machine_load_free:
 * @load: what was read
 */
void
fp_time_machine_load_free (FpTimeMachineLoad *load)
{
  g_clear_pointer (&load->saved, g_ptr_array_unref);
  g_free (load);
}
