/* fp-cli-loan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `finpersona --headless loan (--amount AMOUNT | --payment AMOUNT)
 * [--purpose PURPOSE] --json [--cache-dir DIR]`: loan structures fitted to
 * the bank's pricing grid and, with the consent to personalization, to the
 * customer's cash flow, each with its whole schedule; or the refusal in
 * words. Amounts are major units with at most two decimals (`15000`,
 * `399.99`); purposes are car, home_improvement, debt_consolidation,
 * education and other (the default).
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-cli-private.h"
#include "fp-offers-data.h"
#include "fp-offers-json.h"

int
fp_cli_loan (int    argc,
             char **argv)
{
  g_autofree char *cache_dir = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *payment = NULL;
  g_autofree char *purpose = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the structures as JSON"), NULL },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_("The amount to borrow"), N_("AMOUNT") },
    { "payment", 0, 0, G_OPTION_ARG_STRING, &payment, N_("The monthly payment you can afford"), N_("AMOUNT") },
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &purpose, N_("What the loan is for"), N_("PURPOSE") },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir, N_("Folder of the encrypted cache"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpOffersData) data = NULL;
  g_autoptr(FpLoanFit) fit = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  FpLoanRequest request = { 0 };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Fit a loan to the bank’s prices and your cash flow."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_USAGE;
    }
  if (!json || argc > 1 || (amount == NULL) == (payment == NULL))
    {
      g_printerr ("%s\n", _("Usage: finpersona --headless loan (--amount AMOUNT | --payment AMOUNT) "
                            "[--purpose PURPOSE] --json [--cache-dir DIR]"));
      return FP_CLI_EXIT_USAGE;
    }
  request.mode = amount != NULL ? FP_LOAN_FIT_AMOUNT : FP_LOAN_FIT_PAYMENT;
  if (!fp_cli_parse_amount (amount != NULL ? amount : payment,
                            amount != NULL ? &request.amount_minor : &request.payment_minor))
    {
      g_printerr ("%s\n", _("An amount is a positive number with at most two decimals, for example 15000 or "
                            "399.99."));
      return FP_CLI_EXIT_USAGE;
    }
  request.purpose = FP_LOAN_PURPOSE_OTHER;
  if (purpose != NULL && !fp_loan_purpose_from_id (purpose, &request.purpose))
    {
      g_printerr ("%s\n", _("The purpose is one of car, home_improvement, debt_consolidation, education or "
                            "other."));
      return FP_CLI_EXIT_USAGE;
    }

  if ((status = fp_cli_load_offers_data (cache_dir, &data)) != FP_CLI_EXIT_OK)
    return status;
  fit = fp_offers_data_fit_loan (data, &request, &error);
  if (fit == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_FAILURE;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "personalized");
  json_builder_add_boolean_value (b, data->personalization);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, data->currency);
  json_builder_set_member_name (b, "offerId");
  json_builder_add_string_value (b, data->pricing.offer_id);
  json_builder_set_member_name (b, "fit");
  fp_offers_json_loan_fit (b, fit, TRUE);
  json_builder_end_object (b);
  fp_offers_json_print (b);
  return FP_CLI_EXIT_OK;
}
