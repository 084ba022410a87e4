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
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "fp-cache.h"
#include "fp-cache-consent.h"
#include "fp-cli-insights.h"
#include "fp-cli-private.h"
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
 * "Today" is @day_to when given; else the latest of the last booking day
 * and the day of the bank's balances (but not after the real date), so
 * that quiet days after the last payment still count; without any of
 * these, the real date (UTC). Not simply the wall clock: a cache that was
 * not synced for a while shows the figures as of its data.
 *
 * Returns: (transfer full) (nullable): the input
 */
FpInsightsInput *
fp_insights_input_load (FpCache       *cache,
                        gint32         day_from,
                        gint32         day_to,
                        GCancellable  *cancellable,
                        GPtrArray    **out_account_names,
                        GError       **error)
{
  g_autoptr(FpInsightsInput) input = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) balances = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GArray) compromised = NULL;
  gint32 real_today;

  g_return_val_if_fail (FP_IS_CACHE (cache), NULL);

  input = fp_cache_load_insights_input (cache, day_from, day_to, cancellable, error);
  if (input == NULL)
    return NULL;

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    real_today = fp_cache_day_from_yyyymmdd (g_date_time_get_year (now) * 10000 +
                                             g_date_time_get_month (now) * 100 +
                                             g_date_time_get_day_of_month (now));
  }
  if (input->today == G_MININT32)
    input->today = real_today;

  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < input->account_ids->len; i++)
    g_ptr_array_add (names, g_strdup (g_ptr_array_index (input->account_ids, i)));

  if (!(accounts = fp_cache_list_catalogue (cache, FP_CACHE_ACCOUNTS, error)) ||
      !(balances = fp_cache_list_catalogue (cache, FP_CACHE_BALANCES, error)) ||
      !(cards = fp_cache_list_catalogue (cache, FP_CACHE_CARDS, error)))
    return NULL;

  for (guint i = 0; i < accounts->len; i++)
    {
      g_autoptr(JsonObject) o = parse_object (g_ptr_array_index (accounts, i));
      const char *id = get_string (o, "accountId");
      const char *nickname = get_string (o, "nickname");
      const char *status = get_string (o, "status");
      const char *currency = get_string (o, "currency");
      FpAccountSnapshot *a;
      JsonNode *node;
      guint32 index;
      gint64 v;

      if (id == NULL || g_strcmp0 (status, "Deleted") == 0 ||
          (input->currency != NULL && currency != NULL && g_strcmp0 (currency, input->currency) != 0))
        continue;
      if (input->currency == NULL && currency != NULL)
        input->currency = g_strdup (currency);

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
      /* Until the balances say otherwise: the opening balance plus the
       * transactions of the range. */
      if (day_from == 0 && get_money (o, "openingBalance", &v))
        a->balance_minor += v;
    }

  for (guint i = 0; i < balances->len; i++)
    {
      g_autoptr(JsonObject) o = parse_object (g_ptr_array_index (balances, i));
      const char *id = get_string (o, "accountId");
      JsonNode *node = o != NULL ? json_object_get_member (o, "balances") : NULL;
      JsonArray *list;
      gint32 index;

      if (id == NULL || node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
          (index = fp_insights_input_find_account (input, id)) < 0)
        continue;
      list = json_node_get_array (node);
      for (guint j = 0; j < json_array_get_length (list); j++)
        {
          JsonNode *b = json_array_get_element (list, j);
          gint64 v;

          if (!JSON_NODE_HOLDS_OBJECT (b) ||
              g_strcmp0 (get_string (json_node_get_object (b), "type"), "InterimBooked") != 0)
            continue;
          /* A balance is of the latest day; a range that ends earlier keeps
           * the sum of its transactions. */
          if (day_to == 0 && get_money (json_node_get_object (b), "amount", &v))
            {
              const char *when = get_string (json_node_get_object (b), "dateTime");
              int y, m, d;

              g_array_index (input->accounts, FpAccountSnapshot, index).balance_minor = v;
              /* The balances' day is "today" when it is later than the
               * last booking (quiet days), but never in the future. */
              if (when != NULL && sscanf (when, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
                  g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
                {
                  gint32 day = fp_cache_day_from_yyyymmdd (y * 10000 + m * 100 + d);

                  if (day > input->today && day <= real_today)
                    input->today = day;
                }
            }
          break;
        }
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
          t->mcc != 0 && t->amount_minor < 0 && t->day > input->today - COMPROMISED_DAYS)
        t->flags |= FP_TXN_CARD_COMPROMISED;
    }

  if (out_account_names != NULL)
    *out_account_names = g_steal_pointer (&names);
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
 * Loads the input and the totals of the last 30 days, and computes the
 * insights when @personalized. Safe in a worker thread.
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
  data->input = fp_insights_input_load (cache, day_from, day_to, cancellable, &data->account_names, error);
  if (data->input == NULL)
    return NULL;

  for (guint i = 0; i < data->input->txns->len; i++)
    {
      const FpTxn *t = &g_array_index (data->input->txns, FpTxn, i);

      if (t->day <= data->input->today - RECENT_DAYS || t->day > data->input->today)
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

/* JSON */

static void
add_day (JsonBuilder *b,
         const char  *name,
         gint32       day)
{
  json_builder_set_member_name (b, name);
  if (day == FP_DAY_NONE || day == G_MININT32)
    json_builder_add_null_value (b);
  else
    {
      g_autofree char *text = fp_dashboard_format_day (day);

      json_builder_add_string_value (b, text);
    }
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_str (JsonBuilder *b,
         const char  *name,
         const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

static void
add_double (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_category_map (JsonBuilder  *b,
                  const char   *name,
                  const gint64 *by_category)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (FpCategory c = 0; c < FP_N_CATEGORIES; c++)
    if (by_category[c] != 0)
      add_int (b, fp_category_get_id (c), by_category[c]);
  json_builder_end_object (b);
}

static void
add_action (JsonBuilder          *b,
            const FpHealthAction *action)
{
  json_builder_begin_object (b);
  add_str (b, "text", action->text);
  add_int (b, "amountMinor", action->amount_minor);
  add_int (b, "points", action->points);
  json_builder_end_object (b);
}

static void
add_personalized (JsonBuilder           *b,
                  const FpDashboardData *data)
{
  const FpDashboard *d = data->dashboard;
  const FpMonthSummary *months;
  const FpCategoryTrend *trends;
  const FpCategoryTrend *const *changes;
  const FpRecurring *recurring;
  const FpOverlap *overlaps;
  const FpAnomaly *anomalies;
  const FpForecast *f = fp_dashboard_get_forecast (d);
  const FpHealthComponentScore *components;
  const FpHealthAction *const *plan;
  const FpRecommendation *recs;
  const FpSegmentMatch *seg = fp_dashboard_get_segment (d);
  gsize n_months, n_trends, n_changes, n_recurring, n_overlaps, n_anomalies, n_components, n_plan, n_recs;
  const FpMonthSummary *last_complete = NULL;

  months = fp_dashboard_get_months (d, &n_months);
  trends = fp_dashboard_get_trends (d, &n_trends);
  changes = fp_dashboard_get_largest_changes (d, &n_changes);
  recurring = fp_dashboard_get_recurring (d, &n_recurring);
  overlaps = fp_dashboard_get_overlaps (d, &n_overlaps);
  anomalies = fp_dashboard_get_anomalies (d, &n_anomalies);
  components = fp_dashboard_get_health_components (d, &n_components);
  plan = fp_dashboard_get_health_plan (d, &n_plan);
  recs = fp_dashboard_get_recommendations (d, &n_recs);

  add_int (b, "netWorthMinor", fp_dashboard_get_net_worth (d));
  add_int (b, "liquidMinor", fp_dashboard_get_liquid (d));
  add_str (b, "balancesExplanation", fp_dashboard_get_balances_explanation (d));
  add_int (b, "monthlyIncomeMinor", fp_dashboard_get_monthly_income (d));
  add_str (b, "incomeExplanation", fp_dashboard_get_income_explanation (d));
  add_int (b, "monthlySpendingMinor", fp_dashboard_get_monthly_spending (d));
  add_str (b, "spendingExplanation", fp_dashboard_get_spending_explanation (d));
  add_day (b, "firstDay", fp_dashboard_get_first_day (d));

  json_builder_set_member_name (b, "months");
  json_builder_begin_array (b);
  for (gsize i = 0; i < n_months; i++)
    {
      const FpMonthSummary *m = &months[i];
      g_autofree char *month = g_strdup_printf ("%04d-%02d", m->year, m->month);

      if (m->complete)
        last_complete = m;
      json_builder_begin_object (b);
      add_str (b, "month", month);
      add_bool (b, "complete", m->complete);
      add_int (b, "spendingMinor", m->spending_minor);
      add_int (b, "incomeMinor", m->income_minor);
      add_int (b, "otherInflowsMinor", m->other_inflows_minor);
      add_category_map (b, "byCategoryMinor", m->by_category_minor);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_str (b, "monthsExplanation", fp_dashboard_get_months_explanation (d));

  /* The chart of the dashboard: the last complete month by category. */
  json_builder_set_member_name (b, "spendingByCategory");
  json_builder_begin_object (b);
  if (last_complete != NULL)
    {
      g_autofree char *month = g_strdup_printf ("%04d-%02d", last_complete->year, last_complete->month);

      add_str (b, "month", month);
      add_int (b, "totalMinor", last_complete->spending_minor);
      add_category_map (b, "byCategoryMinor", last_complete->by_category_minor);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "trends");
  json_builder_begin_array (b);
  for (gsize i = 0; i < n_trends; i++)
    {
      json_builder_begin_object (b);
      add_str (b, "category", fp_category_get_id (trends[i].category));
      add_int (b, "monthMinor", trends[i].month_minor);
      add_int (b, "averageMinor", trends[i].average_minor);
      add_int (b, "averageMonths", trends[i].n_average_months);
      add_int (b, "changeMinor", trends[i].change_minor);
      add_double (b, "changePercent", trends[i].change_percent);
      add_str (b, "explanation", trends[i].explanation);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "largestChanges");
  json_builder_begin_array (b);
  for (gsize i = 0; i < n_changes; i++)
    json_builder_add_string_value (b, fp_category_get_id (changes[i]->category));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "recurring");
  json_builder_begin_array (b);
  for (gsize i = 0; i < n_recurring; i++)
    {
      const FpRecurring *r = &recurring[i];

      json_builder_begin_object (b);
      add_str (b, "merchant", r->merchant_name);
      add_str (b, "category", fp_category_get_id (r->category));
      add_str (b, "period", fp_period_get_id (r->period));
      add_int (b, "occurrences", r->n_occurrences);
      add_day (b, "lastDay", r->last_day);
      add_int (b, "lastAmountMinor", r->last_amount_minor);
      add_day (b, "nextDay", r->next_day);
      add_int (b, "nextAmountMinor", r->next_amount_minor);
      add_int (b, "monthlyMinor", r->monthly_minor);
      add_bool (b, "income", r->is_income);
      add_bool (b, "subscription", r->is_subscription);
      add_bool (b, "priceRise", r->price_rise);
      if (r->price_rise)
        {
          add_int (b, "previousAmountMinor", r->previous_amount_minor);
          add_day (b, "riseDay", r->rise_day);
        }
      add_str (b, "explanation", r->explanation);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "overlaps");
  json_builder_begin_array (b);
  for (gsize i = 0; i < n_overlaps; i++)
    {
      json_builder_begin_object (b);
      add_str (b, "category", fp_category_get_id (overlaps[i].category));
      add_int (b, "monthlyMinor", overlaps[i].monthly_minor);
      json_builder_set_member_name (b, "merchants");
      json_builder_begin_array (b);
      for (guint j = 0; j < overlaps[i].n_items; j++)
        if (overlaps[i].items[j] < n_recurring)
          json_builder_add_string_value (b, recurring[overlaps[i].items[j]].merchant_name);
      json_builder_end_array (b);
      add_str (b, "explanation", overlaps[i].explanation);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "alerts");
  json_builder_begin_array (b);
  for (gsize i = 0; i < n_anomalies; i++)
    {
      const FpAnomaly *a = &anomalies[i];

      json_builder_begin_object (b);
      add_str (b, "kind", fp_anomaly_kind_get_id (a->kind));
      add_int (b, "transaction", a->txn_id);
      add_day (b, "day", a->day);
      add_int (b, "amountMinor", a->amount_minor);
      add_str (b, "merchant", fp_insights_input_merchant_name (a->merchant_id, data->input));
      add_str (b, "category", fp_category_get_id (a->category));
      add_double (b, "score", a->score);
      add_int (b, "typicalMinor", a->typical_minor);
      add_str (b, "reason", a->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "forecast");
  json_builder_begin_object (b);
  add_day (b, "startDay", f->start_day);
  add_int (b, "startBalanceMinor", f->n_days > 0 ? f->expected_minor[0] : 0);
  add_int (b, "thresholdMinor", f->threshold_minor);
  add_day (b, "firstRiskDay", f->first_risk_day);
  add_day (b, "firstPossibleRiskDay", f->first_possible_risk_day);
  add_int (b, "dailyDiscretionaryMinor", f->daily_discretionary_minor);
  add_str (b, "explanation", f->explanation);
  json_builder_set_member_name (b, "days");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->n_days; i++)
    {
      json_builder_begin_object (b);
      add_day (b, "day", f->start_day + (gint32) i);
      add_int (b, "expectedMinor", f->expected_minor[i]);
      add_int (b, "lowMinor", f->low_minor[i]);
      add_int (b, "highMinor", f->high_minor[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "health");
  json_builder_begin_object (b);
  add_int (b, "score", fp_dashboard_get_health_score (d));
  json_builder_set_member_name (b, "components");
  json_builder_begin_array (b);
  for (gsize i = 0; i < n_components; i++)
    {
      const FpHealthComponentScore *c = &components[i];

      json_builder_begin_object (b);
      add_str (b, "id", c->id);
      add_str (b, "name", c->name);
      add_double (b, "value", c->value);
      add_int (b, "weight", c->weight);
      add_int (b, "points", c->points);
      add_str (b, "explanation", c->explanation);
      json_builder_set_member_name (b, "action");
      if (c->action.text != NULL)
        add_action (b, &c->action);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "plan");
  json_builder_begin_array (b);
  for (gsize i = 0; i < n_plan; i++)
    add_action (b, plan[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "recommendations");
  json_builder_begin_array (b);
  for (gsize i = 0; i < n_recs; i++)
    {
      json_builder_begin_object (b);
      add_str (b, "kind", fp_recommendation_kind_get_id (recs[i].kind));
      add_str (b, "category", fp_category_get_id (recs[i].category));
      add_int (b, "monthlySavingMinor", recs[i].monthly_saving_minor);
      add_int (b, "points", recs[i].points);
      add_str (b, "text", recs[i].text);
      add_str (b, "explanation", recs[i].explanation);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "segment");
  if (seg != NULL && seg->segment != NULL)
    {
      const FpSegment *s = seg->segment;

      json_builder_begin_object (b);
      add_str (b, "id", s->id);
      add_str (b, "name", seg->segment_name);
      add_double (b, "distance", seg->distance);
      add_int (b, "typicalIncomeMinor", s->typical_income_minor);
      add_int (b, "typicalSpendingMinor", s->typical_spending_minor);
      add_int (b, "typicalSavingsRateBps", s->typical_savings_rate_bps);
      add_int (b, "typicalHealthScore", s->typical_health_score);
      add_category_map (b, "typicalCategoryMinor", s->typical_category_minor);
      add_str (b, "explanation", seg->explanation);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  add_str (b, "modelId", fp_dashboard_get_model_id (d));
}

/**
 * fp_dashboard_data_to_json:
 * @data: the data
 *
 * Returns: (transfer full): the whole dashboard as a JSON object
 */
JsonNode *
fp_dashboard_data_to_json (const FpDashboardData *data)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  const FpInsightsInput *in;

  g_return_val_if_fail (data != NULL && data->input != NULL, NULL);
  in = data->input;

  json_builder_begin_object (b);
  add_day (b, "today", in->today);
  add_str (b, "currency", in->currency);
  add_int (b, "transactionCount", in->txns->len);
  add_day (b, "firstBookingDay", in->first_day);
  add_day (b, "lastBookingDay", in->last_day);
  add_bool (b, "personalized", data->personalized && data->dashboard != NULL);
  add_int (b, "totalBalanceMinor", data->total_balance_minor);

  json_builder_set_member_name (b, "accounts");
  json_builder_begin_array (b);
  for (guint i = 0; i < in->accounts->len; i++)
    {
      const FpAccountSnapshot *a = &g_array_index (in->accounts, FpAccountSnapshot, i);

      json_builder_begin_object (b);
      add_str (b, "id", g_ptr_array_index (in->account_ids, i));
      add_str (b, "name", g_ptr_array_index (data->account_names, i));
      add_str (b, "kind", fp_account_kind_get_id (a->kind));
      add_int (b, "balanceMinor", a->balance_minor);
      add_int (b, "creditLimitMinor", a->credit_limit_minor);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "recent");
  json_builder_begin_object (b);
  add_int (b, "days", data->recent_days);
  add_int (b, "count", (gint64) data->recent_count);
  add_int (b, "inMinor", data->recent_in_minor);
  add_int (b, "outMinor", data->recent_out_minor);
  json_builder_end_object (b);

  if (data->dashboard != NULL)
    add_personalized (b, data);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The command */

static gboolean
parse_date (const char *text,
            gint32     *out_ymd)
{
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen (text) != 10 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  *out_ymd = y * 10000 + m * 100 + d;
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
