/* fp-cli-insights.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dashboard's data as the UI, the `insights` command and the benchmark
 * share it: the cache's input enriched from the catalogues (JSON), the
 * engine's result, and its JSON form.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "fp-cache.h"
#include "fp-cache-insights.h"
#include "fp-insights.h"

G_BEGIN_DECLS

/**
 * FpDashboardData:
 * @input: the engine's input (accounts filled from the catalogues)
 * @account_names: (element-type utf8): a display name per account, in the
 *   order of @input's accounts
 * @dashboard: (nullable): the engine's result; %NULL when not personalized
 * @personalized: whether the customer consented to personalization
 * @recent_days: the days the totals cover (30, ending on @as_of_day)
 * @recent_in_minor: money in during @recent_days, transfers included
 * @recent_out_minor: money out during @recent_days, positive
 * @recent_count: transactions during @recent_days (declined ones not)
 * @total_balance_minor: the balances of all accounts together
 * @load_usec: time spent reading the cache
 * @compute_usec: time spent in the engine
 * @home_currency: the customer's home currency (fp_money_home_currency()
 *   of the accounts; the locale's without accounts)
 * @first_day: the oldest booked transaction, or %FP_DAY_NONE
 * @last_day: the newest booked transaction up to today, or %FP_DAY_NONE
 * @as_of_day: the day the totals (and every period of the dashboard) end:
 *   @last_day, or today without data
 * @recent_first_day: the first day of the totals: @as_of_day - 29
 * @stale_note: (nullable): "No transactions since 31 October 2026: …"
 *   when more than %FP_STALE_DAYS days passed since @last_day
 * @last_synced: when the transactions were last synced (Unix time, UTC),
 *   0 if never: the dashboard's "last updated"
 */
typedef struct {
  FpInsightsInput *input;
  GPtrArray       *account_names;
  FpDashboard     *dashboard;
  gboolean         personalized;
  guint            recent_days;
  gint64           recent_in_minor;
  gint64           recent_out_minor;
  guint64          recent_count;
  gint64           total_balance_minor;
  gint64           load_usec;
  gint64           compute_usec;
  char            *home_currency;
  gint32           first_day;
  gint32           last_day;
  gint32           as_of_day;
  gint32           recent_first_day;
  char            *stale_note;
  gint64           last_synced;
} FpDashboardData;

FpInsightsInput *fp_insights_input_load         (FpCache               *cache,
                                                 gint32                 day_from,
                                                 gint32                 day_to,
                                                 GCancellable          *cancellable,
                                                 GPtrArray            **out_account_names,
                                                 char                 **out_home_currency,
                                                 GError               **error);
FpDashboardData *fp_dashboard_data_load         (FpCache               *cache,
                                                 gint32                 day_from,
                                                 gint32                 day_to,
                                                 gboolean               personalized,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
gboolean         fp_dashboard_data_compute      (FpDashboardData       *data,
                                                 GError               **error);
void             fp_dashboard_data_free         (FpDashboardData       *data);
JsonNode        *fp_dashboard_data_to_json      (const FpDashboardData *data);
char            *fp_dashboard_format_day        (gint32                 day);
const char      *fp_account_kind_get_id         (FpAccountKind          kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpDashboardData, fp_dashboard_data_free)

G_END_DECLS
