/* fp-categories.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-categories"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "fp-categories.h"
#include "fp-categories-private.h"
#include "fp-categories-resources.h"

#define MCC_TABLE_SIZE FP_MCC_TABLE_SIZE
#define MCC_UNMAPPED 0xff
#define MAPPING_PATH "/io/github/finpersona/FinPersona/core/mcc-categories.csv"

static const struct {
  const char *id;
  const char *name;
} categories[FP_N_CATEGORIES] = {
  [FP_CATEGORY_DINING] = { "dining", N_("Dining") },
  [FP_CATEGORY_GROCERIES] = { "groceries", N_("Groceries") },
  [FP_CATEGORY_TRANSPORT] = { "transport", N_("Transport") },
  [FP_CATEGORY_TRAVEL] = { "travel", N_("Travel") },
  [FP_CATEGORY_SHOPPING] = { "shopping", N_("Shopping") },
  [FP_CATEGORY_ENTERTAINMENT] = { "entertainment", N_("Entertainment") },
  [FP_CATEGORY_HEALTH] = { "health", N_("Health") },
  [FP_CATEGORY_UTILITIES] = { "utilities", N_("Utilities") },
  [FP_CATEGORY_HOUSING] = { "housing", N_("Housing") },
  [FP_CATEGORY_EDUCATION] = { "education", N_("Education") },
  [FP_CATEGORY_SERVICES] = { "services", N_("Services") },
  [FP_CATEGORY_INSURANCE] = { "insurance", N_("Insurance") },
  [FP_CATEGORY_GOVERNMENT] = { "government", N_("Taxes and government") },
  [FP_CATEGORY_GIVING] = { "giving", N_("Giving") },
  [FP_CATEGORY_CASH] = { "cash", N_("Cash") },
  [FP_CATEGORY_FEES] = { "fees", N_("Fees") },
  [FP_CATEGORY_TRANSFERS] = { "transfers", N_("Transfers") },
  [FP_CATEGORY_INCOME] = { "income", N_("Income") },
  [FP_CATEGORY_OTHER] = { "other", N_("Other") },
};

static guint8 *
load_mapping (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  /* The raw table, then the same with unmapped codes resolved to other. */
  guint8 *table = g_malloc (2 * MCC_TABLE_SIZE);
  gsize len = 0;
  const char *data;

  memset (table, MCC_UNMAPPED, MCC_TABLE_SIZE);

  bytes = g_resource_lookup_data (fp_categories_get_resource (), MAPPING_PATH,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_critical ("The built-in MCC mapping is missing: %s", error->message);
      memset (table + MCC_TABLE_SIZE, FP_CATEGORY_OTHER, MCC_TABLE_SIZE);
      return table;
    }

  data = g_bytes_get_data (bytes, &len);
  text = g_strndup (data, len);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      const char *comma = strchr (line, ',');
      g_autofree char *codes = NULL;
      const char *dash;
      char *end = NULL;
      guint64 lo, hi;
      FpCategory category;

      if (*line == '\0' || *line == '#' || g_str_has_prefix (line, "mcc,"))
        continue;

      if (comma == NULL || !fp_category_from_id (comma + 1, &category))
        {
          g_critical ("Bad row in the MCC mapping: %s", line);
          continue;
        }

      codes = g_strndup (line, comma - line);
      dash = strchr (codes, '-');
      lo = g_ascii_strtoull (codes, &end, 10);
      if (dash != NULL)
        hi = g_ascii_strtoull (dash + 1, &end, 10);
      else
        hi = lo;

      if (end == NULL || *end != '\0' || lo > hi || hi >= MCC_TABLE_SIZE)
        {
          g_critical ("Bad codes in the MCC mapping: %s", line);
          continue;
        }

      for (guint64 mcc = lo; mcc <= hi; mcc++)
        table[mcc] = (guint8) category;
    }

  for (guint i = 0; i < MCC_TABLE_SIZE; i++)
    table[MCC_TABLE_SIZE + i] = table[i] == MCC_UNMAPPED ? FP_CATEGORY_OTHER : table[i];

  return table;
}

static const guint8 *
get_mapping (void)
{
  static guint8 *table;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, load_mapping ());

  return table;
}

const guint8 *
fp_category_table (void)
{
  return get_mapping () + MCC_TABLE_SIZE;
}

/**
 * fp_category_get_id:
 * @category: a category
 *
 * Returns: the stable string id of @category, such as `dining`
 */
const char *
fp_category_get_id (FpCategory category)
{
  g_return_val_if_fail ((guint) category < FP_N_CATEGORIES, "other");

  return categories[category].id;
}

/**
 * fp_category_get_display_name:
 * @category: a category
 *
 * Returns: the translated name of @category for people
 */
const char *
fp_category_get_display_name (FpCategory category)
{
  g_return_val_if_fail ((guint) category < FP_N_CATEGORIES, _("Other"));

  return _(categories[category].name);
}

/**
 * fp_category_from_id:
 * @id: a stable category id
 * @out_category: (out): where to store the category
 *
 * Returns: %TRUE if @id names a category
 */
gboolean
fp_category_from_id (const char *id,
                     FpCategory *out_category)
{
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (out_category != NULL, FALSE);

  for (guint i = 0; i < FP_N_CATEGORIES; i++)
    {
      if (strcmp (categories[i].id, id) == 0)
        {
          *out_category = (FpCategory) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * fp_category_for_transaction:
 * @bank_code: (nullable): the bank's own kind of the transaction (the API's
 *   `category`: card, subscription, salary, rent, utilities,
 *   card_repayment, transfer, savings, loan_payment, interest, investment),
 *   or one of our category ids
 * @mcc: the merchant category code, 0 if none
 *
 * The category a customer sees for one transaction: card payments by their
 * merchant's code, the bank's own items by what they are.
 *
 * Returns: the category
 */
FpCategory
fp_category_for_transaction (const char *bank_code,
                             guint       mcc)
{
  static const struct {
    const char *code;
    FpCategory  category;
  } bank_codes[] = {
    { "salary", FP_CATEGORY_INCOME },
    { "interest", FP_CATEGORY_INCOME },
    { "rent", FP_CATEGORY_HOUSING },
    { "utilities", FP_CATEGORY_UTILITIES },
    { "card_repayment", FP_CATEGORY_TRANSFERS },
    { "transfer", FP_CATEGORY_TRANSFERS },
    { "savings", FP_CATEGORY_TRANSFERS },
    { "loan_payment", FP_CATEGORY_TRANSFERS },
    { "investment", FP_CATEGORY_TRANSFERS },
  };
  FpCategory category;

  if (mcc > 0)
    return fp_category_for_mcc (mcc);

  if (bank_code == NULL)
    return FP_CATEGORY_OTHER;

  for (guint i = 0; i < G_N_ELEMENTS (bank_codes); i++)
    if (strcmp (bank_codes[i].code, bank_code) == 0)
      return bank_codes[i].category;

  if (fp_category_from_id (bank_code, &category))
    return category;

  return FP_CATEGORY_OTHER;
}

/**
 * fp_category_mcc_is_mapped:
 * @mcc: a merchant category code
 *
 * Returns: %TRUE if the mapping table names a category for @mcc, %FALSE if
 *   it falls back to "other" because the code is unknown
 */
gboolean
fp_category_mcc_is_mapped (guint mcc)
{
  return mcc < MCC_TABLE_SIZE && get_mapping ()[mcc] != MCC_UNMAPPED;
}

/**
 * fp_category_for_mcc:
 * @mcc: a merchant category code
 *
 * Maps @mcc with the built-in table `data/categories/mcc-categories.csv`.
 * Unknown codes map to %FP_CATEGORY_OTHER.
 *
 * Returns: the category of @mcc
 */
FpCategory
fp_category_for_mcc (guint mcc)
{
  guint8 c;

  if (mcc >= MCC_TABLE_SIZE)
    return FP_CATEGORY_OTHER;

  c = get_mapping ()[mcc];
  return c == MCC_UNMAPPED ? FP_CATEGORY_OTHER : (FpCategory) c;
}

/**
 * fp_category_is_spending:
 * @category: a category
 *
 * Returns: %TRUE unless @category is money moved between own accounts or
 *   money coming in
 */
gboolean
fp_category_is_spending (FpCategory category)
{
  return category != FP_CATEGORY_TRANSFERS && category != FP_CATEGORY_INCOME;
}

/**
 * fp_category_is_essential:
 * @category: a category
 *
 * Returns: %TRUE for the categories of costs hard to avoid in the short run
 */
gboolean
fp_category_is_essential (FpCategory category)
{
  switch (category)
    {
    case FP_CATEGORY_GROCERIES:
    case FP_CATEGORY_TRANSPORT:
    case FP_CATEGORY_HEALTH:
    case FP_CATEGORY_UTILITIES:
    case FP_CATEGORY_HOUSING:
    case FP_CATEGORY_EDUCATION:
    case FP_CATEGORY_INSURANCE:
    case FP_CATEGORY_GOVERNMENT:
      return TRUE;
    case FP_CATEGORY_DINING:
    case FP_CATEGORY_TRAVEL:
    case FP_CATEGORY_SHOPPING:
    case FP_CATEGORY_ENTERTAINMENT:
    case FP_CATEGORY_SERVICES:
    case FP_CATEGORY_GIVING:
    case FP_CATEGORY_CASH:
    case FP_CATEGORY_FEES:
    case FP_CATEGORY_TRANSFERS:
    case FP_CATEGORY_INCOME:
    case FP_CATEGORY_OTHER:
    default:
      return FALSE;
    }
}

/**
 * fp_category_is_discretionary:
 * @category: a category
 *
 * Returns: %TRUE for the categories where spending less is a choice:
 *   dining, travel, shopping and entertainment
 */
gboolean
fp_category_is_discretionary (FpCategory category)
{
  return category == FP_CATEGORY_DINING || category == FP_CATEGORY_TRAVEL ||
         category == FP_CATEGORY_SHOPPING || category == FP_CATEGORY_ENTERTAINMENT;
}
