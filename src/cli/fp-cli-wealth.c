/* fp-cli-wealth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `finpersona --headless wealth --json [--emergency-months N]
 * [--cache-dir DIR]`: the Holistic Wealth Optimizer. Everything the
 * customer owns and owes (the synced accounts and holdings, and the assets
 * and debts added by hand), the net worth, and, with the consent to
 * personalization, the suggestions in the order to act on them, each with
 * its computation. The emergency fund holds --emergency-months months of
 * spending (6 by default, 1 to 24); investing is expected to earn the net
 * return of the balanced model portfolio (5 % without one); one holding
 * above 40 % of the investments is a concentration.
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "fp-cli-private.h"
#include "fp-offers-data.h"
#include "fp-offers-json.h"

#define DEFAULT_EMERGENCY_MONTHS 6
#define CONCENTRATION_BPS 4000
#define DEFAULT_EXPECTED_RETURN_BPS 500

/* What investing is expected to earn: the balanced model's net return. */
static gint32
expected_return_bps (FpOffersData *data)
{
  const FpModelPortfolio *model;
  FpPortfolioStats stats;

  if (!data->has_cma || data->models->len == 0)
    return DEFAULT_EXPECTED_RETURN_BPS;
  model = fp_portfolio_recommend ((const FpModelPortfolio *) (gconstpointer) data->models->data,
                                  data->models->len, 4, FALSE);
  if (!fp_portfolio_stats (model->allocations, model->n_allocations, model->management_fee_bps,
                           (const FpFund *) (gconstpointer) data->funds->data, data->funds->len, &data->cma,
                           &stats, NULL))
    return DEFAULT_EXPECTED_RETURN_BPS;
  return (gint32) lround (stats.net_return * 10000.0);
}

int
fp_cli_wealth (int    argc,
               char **argv)
{
  g_autofree char *cache_dir = NULL;
  gint months = DEFAULT_EMERGENCY_MONTHS;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the wealth view as JSON"), NULL },
    { "emergency-months", 0, 0, G_OPTION_ARG_INT, &months, N_("Months of spending the emergency fund holds"),
      N_("N") },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir, N_("Folder of the encrypted cache"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpOffersData) data = NULL;
  g_autoptr(GArray) items = NULL;
  g_autoptr(FpWealth) wealth = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  FpWealthContext ctx = { 0 };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Everything you own and owe, and what to do first."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_USAGE;
    }
  if (!json || argc > 1)
    {
      g_printerr ("%s\n", _("Usage: finpersona --headless wealth --json [--emergency-months N] [--cache-dir DIR]"));
      return FP_CLI_EXIT_USAGE;
    }
  if (months < 1 || months > 24)
    {
      g_printerr ("%s\n", _("The emergency fund holds 1 to 24 months of spending."));
      return FP_CLI_EXIT_USAGE;
    }
  if ((status = fp_cli_load_offers_data (cache_dir, &data)) != FP_CLI_EXIT_OK)
    return status;

  items = fp_offers_data_wealth_items (data);
  ctx.currency = data->currency;
  /* The suggestions read the customer's figures: only with the consent. */
  ctx.suggest = data->personalization && data->dashboard->dashboard != NULL;
  ctx.monthly_spending_minor = data->personalization && data->dashboard->dashboard != NULL
                               ? fp_dashboard_get_monthly_spending (data->dashboard->dashboard) : 0;
  ctx.emergency_months = (guint) months;
  ctx.savings_rate_bps = data->savings_rate_bps;
  ctx.expected_return_bps = expected_return_bps (data);
  ctx.concentration_bps = CONCENTRATION_BPS;
  ctx.funds = (const FpFund *) (gconstpointer) data->funds->data;
  ctx.n_funds = data->funds->len;
  wealth = fp_wealth_compute ((const FpWealthItem *) (gconstpointer) items->data, items->len, &ctx, &error);
  if (wealth == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_FAILURE;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "personalized");
  json_builder_add_boolean_value (b, data->personalization);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, data->currency);
  json_builder_set_member_name (b, "emergencyMonths");
  json_builder_add_int_value (b, months);
  json_builder_set_member_name (b, "expectedReturnBps");
  json_builder_add_int_value (b, ctx.expected_return_bps);
  json_builder_set_member_name (b, "wealth");
  fp_offers_json_wealth (b, wealth, (const FpWealthItem *) (gconstpointer) items->data, items->len);
  json_builder_end_object (b);
  fp_offers_json_print (b);
  return FP_CLI_EXIT_OK;
}
