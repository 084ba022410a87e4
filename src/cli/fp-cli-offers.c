/* fp-cli-offers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `finpersona --headless offers --json [--cache-dir DIR]`: the synced offer
 * catalogue ranked for the customer on the device, each offer with its
 * factors (contribution and the data it came from), and the Adaptive
 * Credit Line explained. Like the Offers page, it follows the consents
 * kept in the cache: without the consent to personalization the catalogue
 * in the bank's order and no credit line; without the consent to marketing
 * nothing "made for you".
 *
 * Also the loading code the loan, portfolio and wealth commands share.
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-cli-private.h"
#include "fp-money.h"
#include "fp-offers-data.h"
#include "fp-offers-json.h"
#include "fp-store-error.h"

/**
 * fp_cli_load_offers_data:
 * @cache_dir: (nullable): the cache's folder, %NULL for the default
 * @out_data: (out): the data
 *
 * Opens the cache with the keyring's key and loads the offers' data under
 * the consents kept in it; prints what went wrong.
 *
 * Returns: %FP_CLI_EXIT_OK or %FP_CLI_EXIT_FAILURE
 */
int
fp_cli_load_offers_data (const char    *cache_dir,
                         FpOffersData **out_data)
{
  g_autofree char *dir = cache_dir != NULL ? g_strdup (cache_dir) : fp_cache_get_default_dir ();
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(GError) error = NULL;

  if (!fp_cache_dir_exists (dir))
    {
      g_printerr ("%s\n", _("There is no cache yet: offers appear after the first sync. "
                            "Run finpersona --headless sync first."));
      return FP_CLI_EXIT_FAILURE;
    }
  cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);
  if (cache == NULL)
    {
      const char *hint = error->domain == FP_STORE_ERROR ? fp_store_error_get_hint (error) : NULL;

      g_printerr ("%s\n", error->message);
      if (hint != NULL)
        g_printerr ("%s\n", hint);
      return FP_CLI_EXIT_FAILURE;
    }
  *out_data = fp_offers_data_load_with_policy (cache, NULL, &error);
  fp_cache_close (cache);
  if (*out_data == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_FAILURE;
    }
  if (!(*out_data)->personalization)
    g_printerr ("%s\n", _("Personalization is off: nothing is computed from your accounts. Give the consent "
                          "to personalization on the Privacy page of FinPersona to have offers fitted to you."));
  return FP_CLI_EXIT_OK;
}

/**
 * fp_cli_parse_amount:
 * @text: an amount of major units such as `15000` or `399.99`
 * @out_minor: (out): minor units
 *
 * Digits with at most two decimals, positive, at most 1,000,000,000: what
 * the commands accept on the command line (no signs, symbols or grouping).
 *
 * Returns: whether @text is such an amount
 */
gboolean
fp_cli_parse_amount (const char *text,
                     gint64     *out_minor)
{
  return text != NULL && g_regex_match_simple ("^[0-9]{1,10}(\\.[0-9]{1,2})?$", text, 0, 0) &&
         fp_money_parse (text, out_minor, NULL) && *out_minor > 0 && *out_minor <= FP_LOAN_MAX_AMOUNT_MINOR;
}

int
fp_cli_offers (int    argc,
               char **argv)
{
  g_autofree char *cache_dir = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the offers as JSON"), NULL },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir, N_("Folder of the encrypted cache"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpOffersData) data = NULL;
  g_autoptr(FpOfferRanking) ranking = NULL;
  g_autoptr(FpCreditLineResult) line = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Rank the bank’s offers for you from the encrypted cache."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_USAGE;
    }
  if (!json || argc > 1)
    {
      g_printerr ("%s\n", _("Usage: finpersona --headless offers --json [--cache-dir DIR]"));
      return FP_CLI_EXIT_USAGE;
    }
  if ((status = fp_cli_load_offers_data (cache_dir, &data)) != FP_CLI_EXIT_OK)
    return status;

  ranking = fp_offers_data_rank (data, 0, FALSE, &error);
  if (ranking == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_FAILURE;
    }
  if (data->personalization && data->has_credit_model)
    line = fp_offers_data_credit_line (data, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "personalized");
  json_builder_add_boolean_value (b, data->personalization);
  json_builder_set_member_name (b, "marketing");
  json_builder_add_boolean_value (b, data->marketing);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, data->currency);
  json_builder_set_member_name (b, "ranking");
  fp_offers_json_ranking (b, ranking);
  json_builder_set_member_name (b, "creditLine");
  if (line != NULL)
    fp_offers_json_credit_line (b, line);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  fp_offers_json_print (b);
  return FP_CLI_EXIT_OK;
}
