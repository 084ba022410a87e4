/* fp-cli-portfolio.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `finpersona --headless portfolio --json [--horizon H] [--loss-reaction R]
 * [--experience E] [--monthly AMOUNT] [--contribution AMOUNT]
 * [--exclude TAGS] [--favour THEMES] [--cache-dir DIR]`:
 *
 *  - the risk profile: the questionnaire's answers (defaults when not
 *    given: 6_to_10_years, hold, some; "answersGiven" says which) capped by
 *    the capacity from the customer's accounts (only with the consent to
 *    personalization);
 *  - the recommended model portfolio with its expected return and
 *    volatility from the bank's capital-market assumptions, and the range
 *    of outcomes over the profile's horizon from the simulator (the
 *    holdings' value invested today plus --monthly every month; 2,000
 *    paths, seed 1);
 *  - the holdings against that target: drift in the 5 point / 25 % bands
 *    and the trades, --contribution of new money invested first;
 *  - with --exclude (fossil_fuels, weapons, tobacco, gambling) or --favour
 *    (climate, social), the EcoInvest portfolio filtered by those values
 *    and its cost against the recommendation.
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-cli-private.h"
#include "fp-offers-data.h"
#include "fp-offers-json.h"

#define OUTCOME_PATHS 2000
#define OUTCOME_SEED 1

/* A comma-separated list of ids as flags, through @from_id. */
static gboolean
parse_flags (const char *text,
             gboolean  (*from_id) (const char *id, guint32 *flag),
             guint32    *out)
{
  g_auto(GStrv) parts = NULL;

  *out = 0;
  if (text == NULL)
    return TRUE;
  parts = g_strsplit (text, ",", -1);
  if (parts[0] == NULL)
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint32 flag;

      if (!from_id (parts[i], &flag))
        return FALSE;
      *out |= flag;
    }
  return TRUE;
}

static gboolean
tag_from_id (const char *id,
             guint32    *flag)
{
  FpEsgTag tag;

  if (!fp_esg_tag_from_id (id, &tag))
    return FALSE;
  *flag = tag;
  return TRUE;
}

static gboolean
theme_from_id (const char *id,
               guint32    *flag)
{
  FpEsgTheme theme;

  if (!fp_esg_theme_from_id (id, &theme))
    return FALSE;
  *flag = theme;
  return TRUE;
}

static int
usage (const char *sentence)
{
  g_printerr ("%s\n", sentence);
  return FP_CLI_EXIT_USAGE;
}

int
fp_cli_portfolio (int    argc,
                  char **argv)
{
  g_autofree char *cache_dir = NULL;
  g_autofree char *horizon = NULL;
  g_autofree char *reaction = NULL;
  g_autofree char *experience = NULL;
  g_autofree char *monthly = NULL;
  g_autofree char *contribution = NULL;
  g_autofree char *exclude = NULL;
  g_autofree char *favour = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the portfolio as JSON"), NULL },
    { "horizon", 0, 0, G_OPTION_ARG_STRING, &horizon, N_("When you will need the money"), N_("HORIZON") },
    { "loss-reaction", 0, 0, G_OPTION_ARG_STRING, &reaction, N_("What you would do after a fall of 20 percent"),
      N_("REACTION") },
    { "experience", 0, 0, G_OPTION_ARG_STRING, &experience, N_("Your experience with investing"),
      N_("EXPERIENCE") },
    { "monthly", 0, 0, G_OPTION_ARG_STRING, &monthly, N_("What you would invest every month"), N_("AMOUNT") },
    { "contribution", 0, 0, G_OPTION_ARG_STRING, &contribution, N_("New money to invest now"), N_("AMOUNT") },
    { "exclude", 0, 0, G_OPTION_ARG_STRING, &exclude, N_("Activities to keep out, comma-separated"),
      N_("TAGS") },
    { "favour", 0, 0, G_OPTION_ARG_STRING, &favour, N_("Themes to favour, comma-separated"), N_("THEMES") },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir, N_("Folder of the encrypted cache"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpOffersData) data = NULL;
  g_autoptr(FpRiskProfile) profile = NULL;
  g_autoptr(FpRebalance) rebalance = NULL;
  g_autoptr(FpEsgPortfolio) esg = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree FpHoldingValue *held = NULL;
  FpRiskAnswers answers = { FP_HORIZON_6_TO_10_YEARS, FP_LOSS_HOLD, FP_EXPERIENCE_SOME };
  FpRiskCapacityInputs capacity;
  FpEsgValues values = { 0 };
  FpPortfolioStats stats;
  FpPortfolioOutcomes outcomes;
  const FpModelPortfolio *model;
  gint64 monthly_minor = 0, contribution_minor = 0, invested = 0;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Recommend a portfolio for your risk profile and values."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (error->message);
  if (!json || argc > 1)
    return usage (_("Usage: finpersona --headless portfolio --json [--horizon HORIZON] [--loss-reaction REACTION] "
                    "[--experience EXPERIENCE] [--monthly AMOUNT] [--contribution AMOUNT] [--exclude TAGS] "
                    "[--favour THEMES] [--cache-dir DIR]"));
  if (horizon != NULL && !fp_risk_horizon_from_id (horizon, &answers.horizon))
    return usage (_("The horizon is one of under_3_years, 3_to_5_years, 6_to_10_years or over_10_years."));
  if (reaction != NULL && !fp_loss_reaction_from_id (reaction, &answers.loss_reaction))
    return usage (_("The reaction to a loss is one of sell_all, sell_some, hold or buy_more."));
  if (experience != NULL && !fp_invest_experience_from_id (experience, &answers.experience))
    return usage (_("The experience is one of none, some or experienced."));
  if ((monthly != NULL && !fp_cli_parse_amount (monthly, &monthly_minor)) ||
      (contribution != NULL && !fp_cli_parse_amount (contribution, &contribution_minor)))
    return usage (_("An amount is a positive number with at most two decimals, for example 15000 or 399.99."));
  if (!parse_flags (exclude, tag_from_id, &values.exclude))
    return usage (_("The activities to exclude are fossil_fuels, weapons, tobacco or gambling, comma-separated."));
  if (!parse_flags (favour, theme_from_id, &values.favour))
    return usage (_("The themes to favour are climate or social, comma-separated."));

  if ((status = fp_cli_load_offers_data (cache_dir, &data)) != FP_CLI_EXIT_OK)
    return status;
  if (!data->has_cma || data->models->len == 0)
    {
      g_printerr ("%s\n", _("The bank’s portfolios or market assumptions are not in the cache yet: sync first."));
      return FP_CLI_EXIT_FAILURE;
    }

  if (data->personalization && data->dashboard->dashboard != NULL)
    fp_risk_capacity_from_dashboard (&capacity, data->dashboard->dashboard, data->currency);
  profile = fp_risk_profile_compute (&answers, data->personalization && data->dashboard->dashboard != NULL
                                               ? &capacity : NULL, &error);
  model = fp_portfolio_recommend ((const FpModelPortfolio *) (gconstpointer) data->models->data,
                                  data->models->len, profile->score, FALSE);

  held = g_new0 (FpHoldingValue, data->holdings->len + 1);
  for (guint i = 0; i < data->holdings->len; i++)
    {
      const FpOffersHolding *h = &g_array_index (data->holdings, FpOffersHolding, i);

      held[i].fund_id = h->fund != NULL ? h->fund->fund_id : h->holding_id;
      held[i].value_minor = h->value_minor;
      invested += h->value_minor;
    }

  if (!fp_portfolio_stats (model->allocations, model->n_allocations, model->management_fee_bps,
                           (const FpFund *) (gconstpointer) data->funds->data, data->funds->len, &data->cma,
                           &stats, &error) ||
      !fp_portfolio_outcomes (&stats, &data->cma, invested + contribution_minor, monthly_minor,
                              profile->horizon_years, OUTCOME_PATHS, OUTCOME_SEED, &outcomes, &error) ||
      !(rebalance = fp_portfolio_rebalance (held, data->holdings->len, model->allocations, model->n_allocations,
                                            contribution_minor, NULL, data->currency, &error)))
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_FAILURE;
    }
  if (values.exclude != 0 || values.favour != 0)
    {
      const FpModelPortfolio *eco = fp_portfolio_recommend ((const FpModelPortfolio *) (gconstpointer) data->models->data,
                                                            data->models->len, profile->score, TRUE);

      esg = fp_esg_build (model, (const FpFund *) (gconstpointer) data->funds->data, data->funds->len, &values,
                          eco != NULL && eco->esg ? eco->management_fee_bps : model->management_fee_bps,
                          &data->cma, &error);
      if (esg == NULL)
        {
          g_printerr ("%s\n", error->message);
          return FP_CLI_EXIT_FAILURE;
        }
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "personalized");
  json_builder_add_boolean_value (b, data->personalization);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, data->currency);
  json_builder_set_member_name (b, "answersGiven");
  json_builder_add_boolean_value (b, horizon != NULL && reaction != NULL && experience != NULL);
  json_builder_set_member_name (b, "profile");
  fp_offers_json_risk_profile (b, profile);
  json_builder_set_member_name (b, "recommended");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "offerId");
  json_builder_add_string_value (b, model->offer_id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, model->name);
  json_builder_set_member_name (b, "riskLevel");
  json_builder_add_int_value (b, model->risk_level);
  json_builder_set_member_name (b, "allocation");
  json_builder_begin_array (b);
  for (gsize i = 0; i < model->n_allocations; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "fundId");
      json_builder_add_string_value (b, model->allocations[i].fund_id);
      json_builder_set_member_name (b, "weightBps");
      json_builder_add_int_value (b, model->allocations[i].weight_bps);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "figures");
  fp_offers_json_stats (b, &stats, &data->cma);
  json_builder_set_member_name (b, "outcomes");
  fp_offers_json_outcomes (b, &outcomes);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "drift");
  fp_offers_json_rebalance (b, rebalance);
  json_builder_set_member_name (b, "ecoInvest");
  if (esg != NULL)
    fp_offers_json_esg (b, esg);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  fp_offers_json_print (b);
  return FP_CLI_EXIT_OK;
}
