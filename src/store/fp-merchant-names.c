/* fp-merchant-names.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that names a merchant for people. Card networks know many
 * merchants only by a number (TabFormer's merchant "name" is a signed
 * 64-bit integer); a number means nothing to a customer, so it is never
 * shown. In its place comes the kind of place, from the merchant category
 * code (ISO 18245), and where it is: "Grocery store in Boise", "Online
 * grocery store". The Activity list, the transaction details and the
 * insights' explanations (FpMerchantNameFunc) all call
 * fp_merchant_display_name().
 */

#define G_LOG_DOMAIN "fp-merchant-names"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-categories.h"
#include "fp-merchant-names.h"

typedef struct {
  const char *name;     /* in a city, or when the city is unknown */
  const char *online;   /* card not present */
} Kind;

/* Codes common in card data whose kind says more than their category. */
static const struct {
  guint lo;
  guint hi;
  Kind  kind;
} mcc_kinds[] = {
  { 3000, 3299, { N_("Airline"), N_("Airline booked online") } },
  { 4121, 4121, { N_("Taxi"), N_("Ride booked online") } },
  { 4511, 4511, { N_("Airline"), N_("Airline booked online") } },
  { 4784, 4784, { N_("Toll road"), N_("Toll paid online") } },
  { 4829, 4829, { N_("Money transfer service"), N_("Online money transfer") } },
  { 5300, 5300, { N_("Wholesale club"), N_("Online wholesale club") } },
  { 5310, 5311, { N_("Department store"), N_("Online department store") } },
  { 5411, 5411, { N_("Grocery store"), N_("Online grocery store") } },
  { 5541, 5542, { N_("Gas station"), N_("Fuel bought online") } },
  { 5732, 5732, { N_("Electronics store"), N_("Online electronics store") } },
  { 5812, 5812, { N_("Restaurant"), N_("Online food order") } },
  { 5814, 5814, { N_("Fast food restaurant"), N_("Online food order") } },
  { 5912, 5912, { N_("Pharmacy"), N_("Online pharmacy") } },
  { 5942, 5942, { N_("Book store"), N_("Online book store") } },
  { 7011, 7011, { N_("Hotel"), N_("Hotel booked online") } },
  { 7538, 7538, { N_("Car repair shop"), N_("Car repair booked online") } },
};

/* Every other code by its category. */
static const Kind category_kinds[FP_N_CATEGORIES] = {
  [FP_CATEGORY_DINING] = { N_("Restaurant"), N_("Online food order") },
  [FP_CATEGORY_GROCERIES] = { N_("Grocery store"), N_("Online grocery store") },
  [FP_CATEGORY_TRANSPORT] = { N_("Transport service"), N_("Online transport service") },
  [FP_CATEGORY_TRAVEL] = { N_("Travel company"), N_("Online travel agency") },
  [FP_CATEGORY_SHOPPING] = { N_("Shop"), N_("Online shop") },
  [FP_CATEGORY_ENTERTAINMENT] = { N_("Entertainment venue"), N_("Online entertainment") },
  [FP_CATEGORY_HEALTH] = { N_("Health care provider"), N_("Online health service") },
  [FP_CATEGORY_UTILITIES] = { N_("Utility company"), N_("Utility bill paid online") },
  [FP_CATEGORY_HOUSING] = { N_("Home services"), N_("Online home services") },
  [FP_CATEGORY_EDUCATION] = { N_("School"), N_("Online course") },
  [FP_CATEGORY_SERVICES] = { N_("Service provider"), N_("Online service") },
  [FP_CATEGORY_INSURANCE] = { N_("Insurance company"), N_("Online insurance") },
  [FP_CATEGORY_GOVERNMENT] = { N_("Government office"), N_("Online government service") },
  [FP_CATEGORY_GIVING] = { N_("Charity"), N_("Online donation") },
  [FP_CATEGORY_CASH] = { N_("Cash machine"), N_("Online cash service") },
  [FP_CATEGORY_FEES] = { N_("Bank"), N_("Online bank") },
  [FP_CATEGORY_TRANSFERS] = { N_("Transfer"), N_("Online transfer") },
  [FP_CATEGORY_INCOME] = { N_("Income"), N_("Income") },
  [FP_CATEGORY_OTHER] = { N_("Shop"), N_("Online shop") },
};

/* The bank's own items (no merchant code), by the API's `category`. */
static const struct {
  const char *code;
  const char *name;
} bank_items[] = {
  { "salary", N_("Salary") },
  { "interest", N_("Interest") },
  { "rent", N_("Rent") },
  { "utilities", N_("Utility bill") },
  { "card_repayment", N_("Card repayment") },
  { "transfer", N_("Transfer") },
  { "savings", N_("Transfer to savings") },
  { "loan_payment", N_("Loan payment") },
  { "investment", N_("Investment") },
  { "subscription", N_("Subscription") },
};

/**
 * fp_merchant_text_is_name:
 * @text: (nullable): a text from the bank
 *
 * Returns: %TRUE if @text can be shown as a name: valid UTF-8 without
 *   control characters, not blank, and not a bare number (an id)
 */
gboolean
fp_merchant_text_is_name (const char *text)
{
  const char *p;
  gboolean has_letter = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        return FALSE;
      if (!g_unichar_isspace (c) && !g_unichar_isdigit (c) && c != '-' && c != '+')
        has_letter = TRUE;
    }

  return has_letter;
}

static const Kind *
kind_for (const char *bank_category,
          guint       mcc)
{
  for (guint i = 0; mcc > 0 && i < G_N_ELEMENTS (mcc_kinds); i++)
    if (mcc >= mcc_kinds[i].lo && mcc <= mcc_kinds[i].hi)
      return &mcc_kinds[i].kind;

  return &category_kinds[fp_category_for_transaction (bank_category, mcc)];
}

/**
 * fp_merchant_display_name:
 * @bank_name: (nullable): the merchant's name as the bank gives it
 *   (`merchant.name`)
 * @merchant: (nullable): what else the feed calls it: the description of
 *   the bank's own items, or the merchant's id (a number, never shown)
 * @bank_category: (nullable): the API's `category` of the transaction
 * @mcc: the merchant category code, 0 if none
 * @city: (nullable): the merchant's city; TabFormer writes `ONLINE`
 * @online: whether the card was not present
 *
 * The name of the merchant for people, in this order: the bank's name;
 * the description of a bank item; the kind of place from the merchant
 * code with its city ("Grocery store in Boise") or, online, without one
 * ("Online grocery store"); what the bank's item is ("Salary"). Texts that
 * are bare numbers are never used.
 *
 * Returns: (transfer full): the name, translated
 */
char *
fp_merchant_display_name (const char *bank_name,
                          const char *merchant,
                          const char *bank_category,
                          guint       mcc,
                          const char *city,
                          gboolean    online)
{
  const Kind *kind;
  g_autofree char *stripped_city = NULL;

  if (fp_merchant_text_is_name (bank_name))
    return g_strstrip (g_strdup (bank_name));
  if (fp_merchant_text_is_name (merchant))
    return g_strstrip (g_strdup (merchant));

  if (mcc == 0 && bank_category != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (bank_items); i++)
      if (strcmp (bank_items[i].code, bank_category) == 0)
        return g_strdup (_(bank_items[i].name));

  kind = kind_for (bank_category, mcc);
  if (online || g_strcmp0 (city, "ONLINE") == 0)
    return g_strdup (_(kind->online));

  if (fp_merchant_text_is_name (city))
    stripped_city = g_strstrip (g_strdup (city));
  if (stripped_city != NULL && *stripped_city != '\0')
    /* TRANSLATORS: a merchant known only by its kind and city, such as
     * "Grocery store in Boise" */
    return g_strdup_printf (_("%1$s in %2$s"), _(kind->name), stripped_city);

  if (mcc == 0 && g_strcmp0 (bank_category, "card") == 0)
    return g_strdup (_("Card payment"));
  return g_strdup (_(kind->name));
}
