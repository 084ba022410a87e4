/* activity-test-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fp-activity-page.h"
#include "fp-cache-activity.h"
#include "fp-cache-annotations.h"
#include "fp-categories.h"
#include "fp-transaction-details.h"
#include "fp-transaction-row.h"
#include "fp-ui-test.h"

#include "activity-test-rows.h"

static const struct {
  const char *merchant;
  const char *category;
} merchants[] = {
  { "Corner Bakery", "dining" },
  { "FreshMart", "groceries" },
  { "City Transit", "transport" },
  { "Skyways Airlines", "travel" },
  { "Bookworm & Co", "shopping" },
  { "Cinema Paradiso", "entertainment" },
  { "Green Cross Pharmacy", "health" },
  { "Northern Power", "utilities" },
  { "Harbor Rentals", "housing" },
  { "Evening Classes", "education" },
  { "QuickFix Repairs", "services" },
  { "SafeHome Insurance", "insurance" },
  { "Tax Office", "government" },
  { "Red Cross", "giving" },
  { "ATM Main Street", "cash" },
  { "Account Fee", "fees" },
  { "Payroll ACME Ltd", "income" },
};

static const char * const account_ids[] = { "acc_1", "acc_2", "acc_3" };

Row *rows;          /* N_ROWS generated rows */
Row **sorted;       /* the same, in the list's order */
static char *parent_dir;

static guint32
mix (guint32 x)
{
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

/* A merchant code of @category_id's category, so that each row shows
 * the category it was made with; 0 when none maps to it (the bank's code
 * decides then). */
static gint32
mcc_of_category (const char *category_id)
{
  FpCategory category;

  if (!fp_category_from_id (category_id, &category))
    return 0;
  for (guint mcc = 1; mcc < 10000; mcc++)
    if (fp_category_mcc_is_mapped (mcc) && fp_category_for_mcc (mcc) == category)
      return (gint32) mcc;
  return 0;
}

static void
make_rows (void)
{
  GDate date;
  gint32 mccs[G_N_ELEMENTS (merchants)];

  for (guint m = 0; m < G_N_ELEMENTS (merchants); m++)
    mccs[m] = mcc_of_category (merchants[m].category);
  rows = g_new0 (Row, N_ROWS);
  for (guint i = 0; i < N_ROWS; i++)
    {
      Row *r = &rows[i];
      guint32 h = mix (i + 1);
      guint m = h % G_N_ELEMENTS (merchants);
      gboolean credit = g_str_equal (merchants[m].category, "income") || (h >> 8) % 25 == 0;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2019);
      g_date_add_days (&date, (h >> 4) % 365);

      g_snprintf (r->id, sizeof r->id, "tx-%06u", i);
      r->change = (FpTxnChange) {
        .kind = FP_TXN_CREATED,
        .id = r->id,
        .account_id = account_ids[(h >> 12) % G_N_ELEMENTS (account_ids)],
        .day = (gint32) g_date_get_year (&date) * 10000 + (gint32) g_date_get_month (&date) * 100
               + (gint32) g_date_get_day (&date),
        /* Few distinct minutes, so that ties are broken by the id. */
        .minute = (gint32) ((h >> 20) % 6) * 240,
        .amount_minor = credit ? (gint64) (h >> 10) % 300000 + 100 : -((gint64) (h >> 10) % 25000 + 1),
        .currency = "USD",
        .mcc = mccs[m],
        .merchant = merchants[m].merchant,
        .city = "Springfield",
        .is_fraud = (h >> 24) % 150 == 0,
        .category = merchants[m].category,
      };
    }
}

static int
compare_list_order (gconstpointer a,
                    gconstpointer b)
{
  const FpTxnChange *x = &(*(Row * const *) a)->change;
  const FpTxnChange *y = &(*(Row * const *) b)->change;

  if (x->day != y->day)
    return x->day > y->day ? -1 : 1;
  if (x->minute != y->minute)
    return x->minute > y->minute ? -1 : 1;
  return strcmp (x->id, y->id);
}

static void
sort_rows (void)
{
  sorted = g_new (Row *, N_ROWS);
  for (guint i = 0; i < N_ROWS; i++)
    sorted[i] = &rows[i];
  qsort (sorted, N_ROWS, sizeof *sorted, compare_list_order);
}

/* The filter's meaning, written independently of the store's SQL. */
static gboolean
matches (const FpTxnChange *c,
         const FpTxnFilter *f)
{
  if (f->account_id != NULL && !g_str_equal (c->account_id, f->account_id))
    return FALSE;
  /* The category the row shows (the merchant code's, else the bank's). */
  if (f->category != NULL &&
      !g_str_equal (fp_category_get_id (fp_category_for_transaction (c->category, (guint) MAX (c->mcc, 0))),
                    f->category))
    return FALSE;
  if (f->day_from > 0 && c->day < f->day_from)
    return FALSE;
  if (f->day_to > 0 && c->day > f->day_to)
    return FALSE;
  if (f->use_amount_min && c->amount_minor < f->amount_min)
    return FALSE;
  if (f->use_amount_max && c->amount_minor > f->amount_max)
    return FALSE;
  /* The merchant's id, its name from the bank, or its city. */
  if (f->merchant != NULL && *f->merchant != '\0')
    {
      const char *texts[] = { c->merchant, c->merchant_name, c->city };
      g_autofree char *needle = g_ascii_strdown (f->merchant, -1);
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (texts) && !found; i++)
        {
          g_autofree char *haystack = texts[i] != NULL ? g_ascii_strdown (texts[i], -1) : NULL;

          found = haystack != NULL && strstr (haystack, needle) != NULL;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* The rows matching @filter in list order. */
GPtrArray *
expected_rows (const FpTxnFilter *filter)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < N_ROWS; i++)
    if (filter == NULL || matches (&sorted[i]->change, filter))
      g_ptr_array_add (out, sorted[i]);
  return out;
}

FpCache *
new_cache (guint n_rows)
{
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_new_ephemeral (parent_dir, &error);
  const char *jsons[] = {
    "{\"accountId\":\"acc_1\",\"status\":\"Enabled\",\"currency\":\"USD\",\"nickname\":\"Everyday\",\"maskedIdentification\":\"****4821\"}",
    "{\"accountId\":\"acc_2\",\"status\":\"Enabled\",\"currency\":\"USD\",\"nickname\":\"Savings\",\"maskedIdentification\":\"****1177\"}",
    "{\"accountId\":\"acc_3\",\"status\":\"Enabled\",\"currency\":\"USD\",\"accountSubType\":\"CreditCard\",\"maskedIdentification\":\"****9035\",\"cardId\":\"crd_1\"}",
  };

  const char *card_ids[] = { "crd_1" };
  const char *cards[] = {
    "{\"cardId\":\"crd_1\",\"accountId\":\"acc_3\",\"brand\":\"Visa\",\"lastFour\":\"9035\",\"frozen\":false}",
  };

  g_assert_no_error (error);
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_ACCOUNTS, account_ids, jsons,
                                             G_N_ELEMENTS (jsons), NULL, &error));
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_CARDS, card_ids, cards,
                                             G_N_ELEMENTS (cards), NULL, &error));
  g_assert_no_error (error);

  for (guint start = 0; start < n_rows; start += 1000)
    {
      g_autofree FpTxnChange *changes = g_new (FpTxnChange, 1000);
      guint n = MIN (1000, n_rows - start);

      for (guint i = 0; i < n; i++)
        changes[i] = rows[start + i].change;
      g_assert_true (fp_cache_apply_changes (cache, "transactions", changes, n, "c", &error));
      g_assert_no_error (error);
    }

  return cache;
}

void
wait_counted (FpTransactionModel *model)
{
  gint64 deadline = fp_ui_test_deadline (20);

  while (fp_transaction_model_get_loading (model))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

FpTransaction *
get_loaded_item (FpTransactionModel *model,
                 guint               position)
{
  FpTransaction *item = g_list_model_get_item (G_LIST_MODEL (model), position);
  gint64 deadline = fp_ui_test_deadline (20);

  g_assert_nonnull (item);
  while (!fp_transaction_get_loaded (item))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  return item;
}


void
activity_rows_setup (void)
{
  g_autoptr(GError) error = NULL;

  make_rows ();
  sort_rows ();
  /* On the first screen of the screenshots: a declined attempt and a
   * payment online at merchants known only by a number (as in TabFormer),
   * one with the bank's name for it, a pending one, and a fraud-flagged
   * payment by card. */
  sorted[1]->change.merchant = "-792227525922014876";
  sorted[1]->change.mcc = 5411;
  sorted[1]->change.city = "Boise";
  sorted[1]->change.state = "ID";
  sorted[1]->change.zip = "83702";
  sorted[1]->change.errors = "Insufficient Balance";
  sorted[1]->change.txn_state = FP_TXN_STATE_DECLINED;
  sorted[1]->change.category = "card";
  sorted[1]->change.amount_minor = -89999;
  sorted[1]->change.use_chip = "chip";
  sorted[2]->change.merchant = "7063484755188710920";
  sorted[2]->change.mcc = 5812;
  sorted[2]->change.city = "ONLINE";
  sorted[2]->change.use_chip = "online";
  sorted[3]->change.merchant = "-77";
  sorted[3]->change.merchant_name = "Green Basket Grocers";
  sorted[4]->change.txn_state = FP_TXN_STATE_PENDING;
  sorted[5]->change.is_fraud = TRUE;
  sorted[5]->change.account_id = "acc_3";
  sorted[5]->change.card_id = "crd_1";
  sorted[5]->change.amount_minor = -26460;
  parent_dir = g_dir_make_tmp ("fp-activity-XXXXXX", &error);
  g_assert_no_error (error);
}

void
activity_rows_teardown (void)
{
  g_rmdir (parent_dir);
  g_free (parent_dir);
  g_free (sorted);
  g_free (rows);
}
