/* fp-cli-insights-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dashboard as JSON (`finpersona --headless insights --json`): amounts
 * are integers in minor units ("…Minor"), days ISO 8601 dates, texts the
 * engine's translated sentences. Besides the figures it says when the data
 * ends ("freshness": "today", "asOf", "lastDay", "stale", "note", and the
 * period of each figure), when it was last synced ("lastSynced"), what is
 * missing where a figure is not shown ("availability" of the score, the
 * forecast's "band", "segmentAvailability"), and what links each
 * recommendation to its transactions ("link").
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include "fp-cli-insights.h"

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
add_coverage (JsonBuilder      *b,
              const char       *name,
              const FpCoverage *c)
{
  json_builder_set_member_name (b, name);
  if (c->first_day == FP_DAY_NONE)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  add_day (b, "from", c->first_day);
  add_day (b, "to", c->last_day);
  add_int (b, "days", c->n_days);
  add_bool (b, "complete", c->complete);
  json_builder_end_object (b);
}

static void
add_availability (JsonBuilder          *b,
                  const char           *name,
                  const FpAvailability *a)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  add_bool (b, "available", a->available);
  add_str (b, "reason", a->available ? NULL : a->reason);
  add_day (b, "from", a->available ? FP_DAY_NONE : a->from_day);
  json_builder_end_object (b);
}

/* The link of a recommendation to its transactions, in the terms of the
 * cache's transaction filter (merchant text, account id, dates). */
static void
add_link (JsonBuilder            *b,
          const FpDashboardData  *data,
          const FpRecommendation *r)
{
  const FpInsightsInput *in = data->input;

  json_builder_set_member_name (b, "link");
  json_builder_begin_object (b);
  add_str (b, "category", r->category != FP_CATEGORY_OTHER ? fp_category_get_id (r->category) : NULL);
  add_str (b, "merchantKey", r->merchant_id > 0 && r->merchant_id <= in->merchants->len
                             ? g_ptr_array_index (in->merchants, r->merchant_id - 1) : NULL);
  add_str (b, "accountId", r->account_id > 0 && r->account_id <= in->account_ids->len
                           ? g_ptr_array_index (in->account_ids, r->account_id - 1) : NULL);
  add_day (b, "from", r->first_day);
  add_day (b, "to", r->last_day);
  json_builder_end_object (b);
}

static void
add_freshness (JsonBuilder           *b,
               const FpDashboardData *data)
{
  const FpFreshness *f = data->dashboard != NULL ? fp_dashboard_get_freshness (data->dashboard) : NULL;
  gint32 today = data->input->today;

  json_builder_set_member_name (b, "freshness");
  json_builder_begin_object (b);
  add_day (b, "today", today);
  add_day (b, "asOf", data->as_of_day);
  add_day (b, "firstDay", data->first_day);
  add_day (b, "lastDay", data->last_day);
  add_int (b, "daysWithoutData", data->last_day != FP_DAY_NONE ? today - data->last_day : 0);
  add_bool (b, "stale", data->stale_note != NULL);
  add_str (b, "note", data->stale_note);
  if (f != NULL)
    {
      add_coverage (b, "recent", &f->recent);
      add_coverage (b, "trendMonth", &f->trend_month);
      add_coverage (b, "trendBase", &f->trend_base);
    }
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
      add_bool (b, "partial", m->partial);
      add_day (b, "dataFrom", m->data_first_day);
      add_day (b, "dataTo", m->data_last_day);
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
      add_str (b, "merchant", a->merchant_name);
      add_str (b, "category", fp_category_get_id (a->category));
      add_double (b, "score", a->score);
      add_int (b, "typicalMinor", a->typical_minor);
      add_str (b, "reason", a->reason);
      add_str (b, "why", a->why);
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
  add_coverage (b, "history", &f->history);
  add_availability (b, "band", &f->band);
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
  json_builder_set_member_name (b, "score");
  if (fp_dashboard_get_health_score (d) >= 0)
    json_builder_add_int_value (b, fp_dashboard_get_health_score (d));
  else
    json_builder_add_null_value (b);
  add_availability (b, "availability", fp_dashboard_get_health_availability (d));
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
      add_link (b, data, &recs[i]);
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
  add_availability (b, "segmentAvailability", fp_dashboard_get_segment_availability (d));
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
  add_str (b, "homeCurrency", data->home_currency);
  json_builder_set_member_name (b, "lastSynced");
  if (data->last_synced > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (data->last_synced);
      g_autofree char *text = when != NULL ? g_date_time_format_iso8601 (when) : NULL;

      if (text != NULL)
        json_builder_add_string_value (b, text);
      else
        json_builder_add_null_value (b);
    }
  else
    json_builder_add_null_value (b);
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

  add_freshness (b, data);

  json_builder_set_member_name (b, "recent");
  json_builder_begin_object (b);
  add_day (b, "from", data->recent_first_day);
  add_day (b, "to", data->as_of_day);
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

