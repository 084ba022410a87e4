/* fp-cli-insights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `finpersona --headless insights --json [--cache-dir DIR]
 * [--from YYYY-MM-DD --to YYYY-MM-DD]`: the whole dashboard as JSON, and
 * the loading code the dashboard page and the benchmark share. Like the
 * dashboard page, the command follows the consent to personalization kept
 * in the cache: without it, only balances and totals ("personalized":
 * false), and a note on stderr on how to change it.
 *
 * Amounts are integers in minor units ("…Minor"), days ISO 8601 dates.
 * "today" is the real day (fp_clock_today(), or --to); every period ends on
 * the newest booked transaction ("freshness"."asOf"), so data that stopped
 * is never shown as days without spending; declined attempts count nowhere.
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "fp-booking.h"
#include "fp-cache.h"
#include "fp-cache-consent.h"
#include "fp-cli-insights.h"
#include "fp-cli-private.h"
#include "fp-clock.h"
#include "fp-json-strict.h"
#include "fp-money.h"
#include "fp-store-error.h"

#define RECENT_DAYS 30
/* Card transactions this many days before today on an account whose card
 * the bank reports compromised are flagged. */
#define COMPROMISED_DAYS 30

/**
 * fp_account_kind_get_id:
 * @kind: a kind of account
 *
 * Returns: the bank API's id of @kind (`current`, `credit_card`…)
 */
const char *
fp_account_kind_get_id (FpAccountKind kind)
{
  switch (kind)
    {
    case FP_ACCOUNT_CURRENT: return "current";
    case FP_ACCOUNT_SAVINGS: return "savings";
    case FP_ACCOUNT_CREDIT_CARD: return "credit_card";
    case FP_ACCOUNT_LOAN: return "loan";
    case FP_ACCOUNT_INVESTMENT: return "investment";
    default: g_return_val_if_reached ("current");
    }
}

static gboolean
kind_from_id (const char    *id,
              FpAccountKind *out)
{
  for (FpAccountKind k = FP_ACCOUNT_CURRENT; k <= FP_ACCOUNT_INVESTMENT; k++)
    if (g_strcmp0 (id, fp_account_kind_get_id (k)) == 0)
      {
        *out = k;
        return TRUE;
      }
  return FALSE;
}

/**
 * fp_dashboard_format_day:
 * @day: days since 1970-01-01
 *
 * Returns: (transfer full): the day as YYYY-MM-DD
 */
char *
fp_dashboard_format_day (gint32 day)
{
  gint32 ymd = fp_cache_day_to_yyyymmdd (day);

  return g_strdup_printf ("%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

/* A Money object's amount in minor units. */
static gboolean
get_money (JsonObject *object,
           const char *member,
           gint64     *out_minor)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  JsonObject *money;
  JsonNode *amount;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  money = json_node_get_object (node);
  amount = json_object_get_member (money, "amount");
  if (amount == NULL || json_node_get_value_type (amount) != G_TYPE_STRING)
    return FALSE;
  return fp_money_parse (json_node_get_string (amount), out_minor, NULL);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static guint32
account_index (FpInsightsInput *input,
               GPtrArray       *names,
               const char      *id)
{
  gint32 i = fp_insights_input_find_account (input, id);
  FpAccountSnapshot a = { 0 };

  if (i >= 0)
    return (guint32) i;

  /* An account without transactions in the range (a loan, savings). */
  g_ptr_array_add (input->account_ids, g_strdup (id));
  g_ptr_array_add (names, g_strdup (id));
  a.account_id = input->account_ids->len;
  a.kind = FP_ACCOUNT_CURRENT;
  g_array_append_val (input->accounts, a);
  return input->account_ids->len - 1;
}

/**
 * fp_insights_input_load:
 * @cache: the cache
 * @day_from: first day (yyyymmdd), 0 for none
 * @day_to: last day and "today" (yyyymmdd), 0 for the latest booking day
 * @cancellable: (nullable): a #GCancellable
 * @out_account_names: (out) (optional) (element-type utf8): display names
 * @out_home_currency: (out) (optional): the customer's home currency
 * @error: return location for an error
 *
 * fp_cache_load_insights_input() and the accounts' kinds, balances, limits,
 * rates and payments from the accounts and balances catalogues. Balances
 * are the bank's InterimBooked balance (the sum of the transactions when
 * the bank sent none). A credit card's monthly payment is not in the API:
 * it is taken as 3% of what is owed, at least 25.00, at most what is owed.
 * Card payments of the last 30 days on an account whose card the bank
 * reports on the dark web get %FP_TXN_CARD_COMPROMISED.
 *
 * "Today" is @day_to when given, else the real day (fp_clock_today(),
 * which FP_TODAY pins). Where the data stops earlier, the engine's periods
 * end on the newest booked transaction and the dashboard says so.
 *
 * The home currency (@input->currency when the cache has no transactions,
 * and the dashboard's "homeCurrency") is fp_money_home_currency() of the
 * accounts: the currency of the most accounts, then the largest balances.
 * Declined attempts never move a balance computed from the transactions.
 *
 * Returns: (transfer full) (nullable): the input
 */
FpInsightsInput *
fp_insights_input_load (FpCache       *cache,
                        gint32         day_from,
                        gint32         day_to,
                        GCancellable  *cancellable,
                        GPtrArray    **out_account_names,
                        char         **out_home_currency,
                        GError       **error)
{
  g_autoptr(FpInsightsInput) input = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) balances = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GArray) compromised = NULL;
  g_autoptr(GArray) holdings = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GHashTable) booked = NULL;
  g_autofree char *home = NULL;

  g_return_val_if_fail (FP_IS_CACHE (cache), NULL);

  input = fp_cache_load_insights_input (cache, day_from, day_to, cancellable, error);
  if (input == NULL)
    return NULL;

  input->today = day_to > 0 ? fp_cache_day_from_yyyymmdd (day_to) : fp_clock_today ();

  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < input->account_ids->len; i++)
    g_ptr_array_add (names, g_strdup (g_ptr_array_index (input->account_ids, i)));

  if (!(accounts = fp_cache_list_catalogue (cache, FP_CACHE_ACCOUNTS, error)) ||
      !(balances = fp_cache_list_catalogue (cache, FP_CACHE_BALANCES, error)) ||
      !(cards = fp_cache_list_catalogue (cache, FP_CACHE_CARDS, error)))
    return NULL;

  /* The bank's booked balance of each account, by id. */
  booked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < balances->len; i++)
    {
      g_autoptr(JsonObject) o = parse_object (g_ptr_array_index (balances, i));
      const char *id = get_string (o, "accountId");
      JsonNode *node = o != NULL ? json_object_get_member (o, "balances") : NULL;
      JsonArray *list;

      if (id == NULL || node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        continue;
      list = json_node_get_array (node);
      for (guint j = 0; j < json_array_get_length (list); j++)
        {
          JsonNode *b = json_array_get_element (list, j);
          gint64 v;

          if (!JSON_NODE_HOLDS_OBJECT (b) ||
              g_strcmp0 (get_string (json_node_get_object (b), "type"), "InterimBooked") != 0)
            continue;
          if (get_money (json_node_get_object (b), "amount", &v))
            g_hash_table_replace (booked, g_strdup (id), g_memdup2 (&v, sizeof v));
          break;
        }
    }

  /* One home currency, from the accounts. */
  holdings = g_array_new (FALSE, TRUE, sizeof (FpCurrencyBalance));
  codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < accounts->len; i++)
    {
      g_autoptr(JsonObject) o = parse_object (g_ptr_array_index (accounts, i));
      const char *id = get_string (o, "accountId");
      const gint64 *balance = id != NULL ? g_hash_table_lookup (booked, id) : NULL;
      FpCurrencyBalance h = { NULL, balance != NULL ? *balance : 0 };

      if (id == NULL || g_strcmp0 (get_string (o, "status"), "Deleted") == 0)
        continue;
      h.currency = get_string (o, "currency");
      g_ptr_array_add (codes, g_strdup (h.currency));
      h.currency = g_ptr_array_index (codes, codes->len - 1);
      g_array_append_val (holdings, h);
    }
  home = fp_money_home_currency ((const FpCurrencyBalance *) (gpointer) holdings->data, holdings->len);
  /* The figures are in the currency of the transactions the cache loaded
   * (the one of most transactions); without any, the home currency. */
  if (input->currency == NULL)
    input->currency = g_strdup (home);

  for (guint i = 0; i < accounts->len; i++)
    {
      g_autoptr(JsonObject) o = parse_object (g_ptr_array_index (accounts, i));
      const char *id = get_string (o, "accountId");
      const char *nickname = get_string (o, "nickname");
      const char *status = get_string (o, "status");
      const char *currency = get_string (o, "currency");
      const gint64 *balance;
      FpAccountSnapshot *a;
      JsonNode *node;
      guint32 index;
      gint64 v;

      if (id == NULL || g_strcmp0 (status, "Deleted") == 0 ||
          (currency != NULL && g_strcmp0 (currency, input->currency) != 0))
        continue;

      index = account_index (input, names, id);
      a = &g_array_index (input->accounts, FpAccountSnapshot, index);
      if (nickname != NULL && *nickname != '\0')
        {
          g_free (g_ptr_array_index (names, index));
          g_ptr_array_index (names, index) = g_strdup (nickname);
        }
      kind_from_id (get_string (o, "kind"), &a->kind);
      if (get_money (o, "creditLimit", &v))
        a->credit_limit_minor = ABS (v);
      if ((node = json_object_get_member (o, "interestRateBps")) != NULL &&
          json_node_get_value_type (node) == G_TYPE_INT64)
        a->apr_bps = (gint32) CLAMP (json_node_get_int (node), 0, 100000);
      if ((node = json_object_get_member (o, "loan")) != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
          get_money (json_node_get_object (node), "monthlyPayment", &v))
        a->min_payment_minor = ABS (v);
      /* The bank's balance is of the latest day; a range that ends earlier
       * keeps the opening balance plus the transactions of the range (the
       * cache's sums, without declined attempts). */
      if (day_to == 0 && (balance = g_hash_table_lookup (booked, id)) != NULL)
        a->balance_minor = *balance;
      else if (day_from == 0 && get_money (o, "openingBalance", &v))
        a->balance_minor += v;
    }

  compromised = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_array_set_size (compromised, input->accounts->len + 1);
  for (guint i = 0; i < cards->len; i++)
    {
      g_autoptr(JsonObject) o = parse_object (g_ptr_array_index (cards, i));
      const char *id = get_string (o, "accountId");
      JsonNode *node = o != NULL ? json_object_get_member (o, "onDarkWeb") : NULL;
      gint32 index;

      if (id != NULL && node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
          json_node_get_boolean (node) && (index = fp_insights_input_find_account (input, id)) >= 0)
        g_array_index (compromised, gboolean, index + 1) = TRUE;
    }

  for (guint i = 0; i < input->accounts->len; i++)
    {
      FpAccountSnapshot *a = &g_array_index (input->accounts, FpAccountSnapshot, i);

      if (a->kind == FP_ACCOUNT_CREDIT_CARD && a->balance_minor < 0 && a->min_payment_minor == 0)
        a->min_payment_minor = MIN (-a->balance_minor, MAX (2500, -a->balance_minor * 3 / 100));
    }

  for (guint i = 0; i < input->txns->len; i++)
    {
      FpTxn *t = &g_array_index (input->txns, FpTxn, i);

      if (t->account_id < compromised->len && g_array_index (compromised, gboolean, t->account_id) &&
          t->mcc != 0 && t->amount_minor < 0 && t->day > input->today - COMPROMISED_DAYS && fp_txn_counts (t))
        t->flags |= FP_TXN_CARD_COMPROMISED;
    }

  if (out_account_names != NULL)
    *out_account_names = g_steal_pointer (&names);
  if (out_home_currency != NULL)
    *out_home_currency = g_steal_pointer (&home);
  return g_steal_pointer (&input);
}

void
fp_dashboard_data_free (FpDashboardData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->input, fp_insights_input_free);
  g_clear_pointer (&data->account_names, g_ptr_array_unref);
  g_clear_pointer (&data->dashboard, fp_dashboard_free);
  g_free (data->home_currency);
  g_free (data->stale_note);
  g_free (data);
}

/**
 * fp_dashboard_data_load:
 * @cache: the cache
 * @day_from: first day (yyyymmdd), 0 for none
 * @day_to: last day and "today" (yyyymmdd), 0 for the latest booking day
 * @personalized: whether to compute the personalized insights
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Loads the input and the totals of the 30 days up to the newest booked
 * transaction (not up to today: data that stopped is not 30 days without
 * money moving), and computes the insights when @personalized. Safe in a
 * worker thread.
 *
 * Returns: (transfer full) (nullable): the data
 */
FpDashboardData *
fp_dashboard_data_load (FpCache       *cache,
                        gint32         day_from,
                        gint32         day_to,
                        gboolean       personalized,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(FpDashboardData) data = g_new0 (FpDashboardData, 1);
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (FP_IS_CACHE (cache), NULL);

  data->personalized = personalized;
  data->recent_days = RECENT_DAYS;
  data->input = fp_insights_input_load (cache, day_from, day_to, cancellable, &data->account_names,
                                        &data->home_currency, error);
  if (data->input == NULL)
    return NULL;

  fp_insights_history_bounds ((const FpTxn *) (gconstpointer) data->input->txns->data, data->input->txns->len,
                              data->input->today, &data->first_day, &data->last_day);
  data->as_of_day = data->last_day != FP_DAY_NONE ? data->last_day : data->input->today;
  data->recent_first_day = data->as_of_day - RECENT_DAYS + 1;
  data->stale_note = fp_insights_stale_note (data->last_day, data->input->today);
  if (!fp_cache_get_last_synced (cache, "transactions", &data->last_synced, NULL))
    data->last_synced = 0;

  for (guint i = 0; i < data->input->txns->len; i++)
    {
      const FpTxn *t = &g_array_index (data->input->txns, FpTxn, i);

      if (t->day < data->recent_first_day || t->day > data->as_of_day || !fp_txn_counts (t))
        continue;
      data->recent_count++;
      if (t->amount_minor > 0)
        data->recent_in_minor += t->amount_minor;
      else
        data->recent_out_minor -= t->amount_minor;
    }
  for (guint i = 0; i < data->input->accounts->len; i++)
    data->total_balance_minor += g_array_index (data->input->accounts, FpAccountSnapshot, i).balance_minor;
  data->load_usec = g_get_monotonic_time () - start;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (personalized && !fp_dashboard_data_compute (data, error))
    return NULL;

  return g_steal_pointer (&data);
}

/**
 * fp_dashboard_data_compute:
 * @data: loaded data
 * @error: return location for an error
 *
 * (Re)computes @data->dashboard with the default model.
 *
 * Returns: whether it worked
 */
gboolean
fp_dashboard_data_compute (FpDashboardData  *data,
                           GError          **error)
{
  FpInsightsOptions options = { 0 };
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (data != NULL && data->input != NULL, FALSE);

  options.currency = data->input->currency;
  options.risk_threshold_minor = 0;
  options.merchant_name = fp_insights_input_merchant_name;
  options.merchant_name_data = data->input;

  g_clear_pointer (&data->dashboard, fp_dashboard_free);
  data->dashboard = fp_dashboard_compute ((const FpTxn *) (gconstpointer) data->input->txns->data,
                                          data->input->txns->len,
                                          (const FpAccountSnapshot *) (gconstpointer) data->input->accounts->data,
                                          data->input->accounts->len,
                                          fp_insights_model_get_default (),
                                          &options, data->input->today, error);
  data->compute_usec = g_get_monotonic_time () - start;
  return data->dashboard != NULL;
}

/* The command */

/* The one strict date rule of the app (fp_clock_parse_date()). */
static gboolean
parse_date (const char *text,
            gint32     *out_ymd)
{
  gint32 day;

  if (!fp_clock_parse_date (text, &day))
    return FALSE;
  *out_ymd = fp_cache_day_to_yyyymmdd (day);
  return TRUE;
}

int
fp_cli_insights (int    argc,
                 char **argv)
{
  g_autofree char *cache_dir = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the dashboard as JSON"), NULL },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir, N_("Folder of the encrypted cache"), N_("DIR") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the history to use"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the history, the day the dashboard is for"),
      N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(FpDashboardData) data = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(FpConsentPolicy) policy = NULL;
  gboolean personalized;
  gint32 day_from = 0, day_to = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Compute the personalized dashboard from the encrypted cache."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_USAGE;
    }
  if (!json || argc > 1)
    {
      g_printerr ("%s\n", _("Usage: finpersona --headless insights --json [--cache-dir DIR] "
                            "[--from YYYY-MM-DD] [--to YYYY-MM-DD]"));
      return FP_CLI_EXIT_USAGE;
    }
  if ((from != NULL && !parse_date (from, &day_from)) || (to != NULL && !parse_date (to, &day_to)))
    {
      g_printerr ("%s\n", _("Dates are written YYYY-MM-DD, for example 2026-11-22."));
      return FP_CLI_EXIT_USAGE;
    }
  if (day_from != 0 && day_to != 0 && day_from > day_to)
    {
      g_printerr ("%s\n", _("The first day (--from) must not be after the last day (--to)."));
      return FP_CLI_EXIT_USAGE;
    }

  if (cache_dir == NULL)
    cache_dir = fp_cache_get_default_dir ();
  if (!fp_cache_dir_exists (cache_dir))
    {
      g_printerr ("%s\n", _("There is no cache yet: the dashboard appears after the first sync. "
                            "Run finpersona --headless sync first."));
      return FP_CLI_EXIT_FAILURE;
    }
  cache = fp_cache_open_with_keyring (cache_dir, FP_KEYRING_NONE, NULL, &error);
  if (cache == NULL)
    {
      const char *hint = error->domain == FP_STORE_ERROR ? fp_store_error_get_hint (error) : NULL;

      g_printerr ("%s\n", error->message);
      if (hint != NULL)
        g_printerr ("%s\n", hint);
      return FP_CLI_EXIT_FAILURE;
    }

  policy = fp_consent_policy_new (NULL);
  if (!fp_cache_consent_load (cache, policy, &error))
    {
      g_printerr ("%s\n", error->message);
      fp_cache_close (cache);
      return FP_CLI_EXIT_FAILURE;
    }
  personalized = fp_consent_policy_allows (policy, FP_PURPOSE_PERSONALIZATION);
  if (!personalized)
    g_printerr ("%s\n", _("Personalized insights are off: only balances and totals are shown. "
                          "Give the consent to personalization on the Privacy page of FinPersona "
                          "to see your health score, forecast, alerts and recommendations."));

  data = fp_dashboard_data_load (cache, day_from, day_to, personalized, NULL, &error);
  fp_cache_close (cache);
  if (data == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_FAILURE;
    }

  root = fp_dashboard_data_to_json (data);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  /* json-glib 1.6 writes 1e-08 as "1e-08.0": stdout stays JSON. */
  text = fp_json_fix_exponents (json_generator_to_data (generator, NULL));
  g_print ("%s\n", text);
  return FP_CLI_EXIT_OK;
}
