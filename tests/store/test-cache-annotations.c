/* test-cache-annotations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the feed says of a transaction beyond its amount (booked, pending,
 * declined; the merchant's name; the card), names a person recognizes,
 * and what the customer says about it (a category, a note, "this was me",
 * "freeze my card"), kept on this device and queued for the bank together
 * with the local state.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fp-cache-annotations.h"
#include "fp-cache-dump.h"
#include "fp-cache-insights.h"
#include "fp-cache-private.h"
#include "fp-merchant-names.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x3c, 0x91, 0x0e, 0xd7, 0x62, 0xaf, 0x15, 0x48, 0xbb, 0x20, 0x7d, 0xc6, 0x09, 0x54, 0xe1, 0x3a,
  0x86, 0xf3, 0x2b, 0x70, 0xcd, 0x18, 0x5f, 0xa2, 0x37, 0xe4, 0x99, 0x06, 0x4b, 0xd0, 0x6e, 0x13,
};

static FpCache *
open_cache (const char *dir)
{
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_open (dir, key, &error);

  g_assert_no_error (error);
  return cache;
}

/* Every row of @sql as "a|b|c" lines. */
static char *
dump (FpCache    *cache,
      const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_fp_cache_get_db (cache), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", text != NULL ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* A card payment of @cents at a grocery store in Boise on 2026-10-@day. */
static FpTxnChange
card_payment (const char *id,
              gint32      day,
              gint64      cents)
{
  FpTxnChange c = {
    .kind = FP_TXN_CREATED,
    .id = id,
    .account_id = "acc_1",
    .day = 20261000 + day,
    .minute = 600,
    .amount_minor = cents,
    .currency = "USD",
    .mcc = 5411,
    .merchant = "7063484755188710920",
    .city = "Boise",
    .state = "ID",
    .zip = "83702",
    .use_chip = "chip",
    .category = "card",
    .card_id = "crd_1",
  };

  return c;
}

static const FpCachedTxn *
find_row (GPtrArray  *rows,
          const char *id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((FpCachedTxn *) g_ptr_array_index (rows, i))->id, id))
      return g_ptr_array_index (rows, i);
  g_assert_not_reached ();
}

/* Booked, pending, declined by status and by errors: what each counts. */
static void
test_states (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(FpInsightsInput) input = NULL;
  g_autofree char *totals = NULL;
  FpTxnChange changes[4];

  changes[0] = card_payment ("txn_1", 1, -89999);
  changes[1] = card_payment ("txn_2", 1, -89999);
  changes[1].errors = "Insufficient Balance";        /* declined by its errors */
  changes[2] = card_payment ("txn_3", 2, -1500);
  changes[2].txn_state = FP_TXN_STATE_DECLINED;      /* declined by its status */
  changes[3] = card_payment ("txn_4", 3, -2500);
  changes[3].txn_state = FP_TXN_STATE_PENDING;
  g_assert_true (fp_cache_apply_changes (cache, "transactions", changes, 4, "c1", &error));
  g_assert_no_error (error);

  /* The totals hold what moved money: 899.99 once, plus the pending 25. */
  totals = dump (cache, "SELECT month, total_minor, count FROM monthly_totals");
  g_assert_cmpstr (totals, ==, "202610|-92499|2\n");

  rows = fp_cache_list_transactions (cache, NULL, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (find_row (rows, "txn_1")->txn_state, ==, FP_TXN_STATE_BOOKED);
  g_assert_cmpint (find_row (rows, "txn_2")->txn_state, ==, FP_TXN_STATE_DECLINED);
  g_assert_cmpint (find_row (rows, "txn_3")->txn_state, ==, FP_TXN_STATE_DECLINED);
  g_assert_cmpint (find_row (rows, "txn_4")->txn_state, ==, FP_TXN_STATE_PENDING);
  g_assert_cmpstr (find_row (rows, "txn_1")->card_id, ==, "crd_1");

  /* The engine's input: flags from the one rule, balances without the
   * declined attempts. */
  input = fp_cache_load_insights_input (cache, 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (input->txns->len, ==, 4);
  for (guint i = 0; i < input->txns->len; i++)
    {
      const FpTxn *t = &g_array_index (input->txns, FpTxn, i);
      gboolean declined = t->id == 2 || t->id == 3;

      g_assert_cmpint (fp_txn_is_declined (t), ==, declined);
      g_assert_cmpint ((t->flags & FP_TXN_PENDING) != 0, ==, t->id == 4);
    }
  g_assert_cmpint (g_array_index (input->accounts, FpAccountSnapshot, 0).balance_minor, ==, -89999 - 2500);

  /* The bank books the declined attempt after all (an update): it counts
   * now; then deletes the pending one: it is gone from the totals. */
  changes[0] = card_payment ("txn_3", 2, -1500);
  changes[0].kind = FP_TXN_UPDATED;
  changes[1] = (FpTxnChange) { .kind = FP_TXN_DELETED, .id = "txn_4" };
  changes[2] = (FpTxnChange) { .kind = FP_TXN_DELETED, .id = "txn_2" };
  g_assert_true (fp_cache_apply_changes (cache, "transactions", changes, 3, "c2", &error));
  g_assert_no_error (error);
  g_clear_pointer (&totals, g_free);
  totals = dump (cache, "SELECT month, total_minor, count FROM monthly_totals");
  g_assert_cmpstr (totals, ==, "202610|-91499|2\n");

  /* And the rebuild agrees with the running totals. */
  g_assert_true (fp_cache_rebuild_rollups (cache, &error));
  g_clear_pointer (&totals, g_free);
  totals = dump (cache, "SELECT month, total_minor, count FROM monthly_totals");
  g_assert_cmpstr (totals, ==, "202610|-91499|2\n");

  fp_cache_close (cache);
  fp_test_rm_rf (dir);
}

static void
test_display_names (void)
{
  struct {
    const char *bank_name;
    const char *merchant;
    const char *category;
    guint mcc;
    const char *city;
    gboolean online;
    const char *expected;
  } cases[] = {
    /* The bank's name first. */
    { "Fresh Market", "-77", "card", 5411, "Boise", FALSE, "Fresh Market" },
    { "  Blue Door Bistro ", NULL, "card", 5812, "Boise", FALSE, "Blue Door Bistro" },
    /* TabFormer: an id only. */
    { NULL, "7063484755188710920", "card", 5411, "Boise", FALSE, "Grocery store in Boise" },
    { NULL, "-792227525922014876", "card", 5411, "ONLINE", FALSE, "Online grocery store" },
    { NULL, "-792227525922014876", "card", 5411, "Boise", TRUE, "Online grocery store" },
    { NULL, "123", "card", 5812, "Rome", FALSE, "Restaurant in Rome" },
    { NULL, "123", "card", 5541, "Fresno", FALSE, "Gas station in Fresno" },
    { NULL, "123", "card", 3005, "", FALSE, "Airline" },
    /* A category without a code of its own: its kind. */
    { NULL, "123", "card", 8011, "Austin", FALSE, "Health care provider in Austin" },
    /* A number where a name should be is never shown, nor as a city. */
    { "4242", "4242", "card", 5999, "8000", FALSE, "Shop" },
    /* The bank's own items: their description, else what they are. */
    { "Salary ACME Corp", "Salary ACME Corp", "salary", 0, NULL, FALSE, "Salary ACME Corp" },
    { NULL, NULL, "rent", 0, NULL, FALSE, "Rent" },
    { NULL, NULL, "card", 0, NULL, FALSE, "Card payment" },
    { NULL, NULL, NULL, 0, NULL, FALSE, "Shop" },
    /* Not text: skipped. */
    { "\x01\x02", "caf\xc3", "card", 5411, "Boise", FALSE, "Grocery store in Boise" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = fp_merchant_display_name (cases[i].bank_name, cases[i].merchant,
                                                        cases[i].category, cases[i].mcc,
                                                        cases[i].city, cases[i].online);

      g_assert_cmpstr (name, ==, cases[i].expected);
    }

  g_assert_false (fp_merchant_text_is_name ("-792227525922014876"));
  g_assert_false (fp_merchant_text_is_name (" 12 34 "));
  g_assert_true (fp_merchant_text_is_name ("7-Eleven"));
}

/* Names in the list and in the insights' explanations are the same, and
 * never a number. */
static void
test_names_in_reads (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(FpInsightsInput) input = NULL;
  FpTxnChange changes[3];

  changes[0] = card_payment ("txn_1", 1, -26460);
  changes[1] = card_payment ("txn_2", 2, -1000);
  changes[1].merchant = "-5";
  changes[1].merchant_name = "Green Basket Grocers";
  changes[2] = card_payment ("txn_3", 3, -500);
  changes[2].merchant = "-6";
  changes[2].city = "ONLINE";
  g_assert_true (fp_cache_apply_changes (cache, "transactions", changes, 3, "c", &error));
  g_assert_no_error (error);

  rows = fp_cache_list_transactions (cache, NULL, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (find_row (rows, "txn_1")->display_name, ==, "Grocery store in Boise");
  g_assert_cmpstr (find_row (rows, "txn_2")->display_name, ==, "Green Basket Grocers");
  g_assert_cmpstr (find_row (rows, "txn_3")->display_name, ==, "Online grocery store");

  input = fp_cache_load_insights_input (cache, 0, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < input->txns->len; i++)
    {
      const FpTxn *t = &g_array_index (input->txns, FpTxn, i);
      const char *name = fp_insights_input_merchant_name (t->merchant_id, input);

      g_assert_cmpstr (name, ==, find_row (rows, t->id == 1 ? "txn_1" : t->id == 2 ? "txn_2" : "txn_3")->display_name);
    }

  /* Search finds the bank's name and the city. */
  {
    FpTxnFilter filter = { .merchant = "basket" };
    guint64 n = 0;

    g_assert_true (fp_cache_count_transactions (cache, &filter, &n, &error));
    g_assert_cmpuint (n, ==, 1);
    filter.merchant = "boise";
    g_assert_true (fp_cache_count_transactions (cache, &filter, &n, &error));
    g_assert_cmpuint (n, ==, 2);
  }

  fp_cache_close (cache);
  fp_test_rm_rf (dir);
}

/* A category and a note: kept across re-syncs, used by the insights,
 * exported, and checked strictly. */
static void
test_category_and_note (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autofree char *out_dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(FpInsightsInput) input = NULL;
  g_autoptr(FpTxnDetails) details = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (out_dir);
  g_autofree char *export_path = g_build_filename (out_dir, "txn_annotations.csv", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *long_note = g_strnfill (FP_CACHE_NOTE_MAX_CHARS + 1, 'x');
  FpTxnChange changes[2];

  changes[0] = card_payment ("txn_1", 1, -4000);
  changes[1] = card_payment ("txn_2", 2, -6000);
  g_assert_true (fp_cache_apply_changes (cache, "transactions", changes, 2, "c", &error));
  g_assert_no_error (error);

  g_assert_true (fp_cache_set_txn_category (cache, "txn_1", "dining", &error));
  g_assert_no_error (error);
  g_assert_true (fp_cache_set_txn_note (cache, "txn_1", "  Team lunch, paid back by Sam\n", &error));
  g_assert_no_error (error);

  /* Refused: an unknown category or transaction, a note too long or with
   * control characters; nothing changes. */
  g_assert_false (fp_cache_set_txn_category (cache, "txn_1", "yachts", &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fp_cache_set_txn_category (cache, "txn_9", "dining", &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fp_cache_set_txn_note (cache, "txn_1", long_note, &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fp_cache_set_txn_note (cache, "txn_1", "bell\a", &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The bank sends the row again (a re-sync): the annotation stays. */
  changes[0].kind = FP_TXN_UPDATED;
  changes[0].minute = 601;
  g_assert_true (fp_cache_apply_changes (cache, "transactions", changes, 1, "c2", &error));
  g_assert_no_error (error);

  rows = fp_cache_list_transactions (cache, NULL, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (find_row (rows, "txn_1")->category_override, ==, "dining");
  g_assert_cmpstr (find_row (rows, "txn_1")->note, ==, "Team lunch, paid back by Sam");
  g_assert_cmpint (fp_cached_txn_get_category (find_row (rows, "txn_1")), ==, FP_CATEGORY_DINING);
  g_assert_cmpint (fp_cached_txn_get_category (find_row (rows, "txn_2")), ==, FP_CATEGORY_GROCERIES);
  g_assert_null (find_row (rows, "txn_2")->note);

  /* A category filter finds what the list shows: the customer's category,
   * else the one of the merchant code (the bank's code here is "card"). */
  {
    FpTxnFilter dining = { .category = "dining" };
    FpTxnFilter groceries = { .category = "groceries" };
    FpTxnFilter card = { .category = "card" };
    g_autoptr(GPtrArray) found = NULL;
    guint64 count = 0;

    found = fp_cache_list_transactions (cache, &dining, 0, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (((FpCachedTxn *) g_ptr_array_index (found, 0))->id, ==, "txn_1");
    g_clear_pointer (&found, g_ptr_array_unref);
    found = fp_cache_list_transactions (cache, &groceries, 0, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (((FpCachedTxn *) g_ptr_array_index (found, 0))->id, ==, "txn_2");
    g_assert_true (fp_cache_count_transactions (cache, &groceries, &count, &error));
    g_assert_cmpuint (count, ==, 1);
    g_assert_true (fp_cache_count_transactions (cache, &card, &count, &error));
    g_assert_cmpuint (count, ==, 0);
  }

  /* The engine sees a dining code for it, a grocery code for the other. */
  input = fp_cache_load_insights_input (cache, 0, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < input->txns->len; i++)
    {
      const FpTxn *t = &g_array_index (input->txns, FpTxn, i);

      g_assert_cmpint (fp_category_for_mcc (t->mcc), ==, t->id == 1 ? FP_CATEGORY_DINING : FP_CATEGORY_GROCERIES);
    }

  /* As transfers it leaves spending (a flag, not a code). */
  g_assert_true (fp_cache_set_txn_category (cache, "txn_2", "transfers", &error));
  g_clear_pointer (&input, fp_insights_input_free);
  input = fp_cache_load_insights_input (cache, 0, 0, NULL, &error);
  for (guint i = 0; i < input->txns->len; i++)
    {
      const FpTxn *t = &g_array_index (input->txns, FpTxn, i);

      g_assert_cmpint ((t->flags & FP_TXN_TRANSFER) != 0, ==, t->id == 2);
    }

  details = fp_cache_get_txn_details (cache, "txn_1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (details->category, ==, FP_CATEGORY_DINING);
  g_assert_cmpstr (details->txn->note, ==, "Team lunch, paid back by Sam");
  g_assert_cmpint (details->txn->minute, ==, 601);

  /* Back to the merchant's category; the note goes when blank. */
  g_assert_true (fp_cache_set_txn_category (cache, "txn_1", NULL, &error));
  g_assert_true (fp_cache_set_txn_note (cache, "txn_2", "Rent share", &error));
  g_assert_true (fp_cache_set_txn_note (cache, "txn_1", "   ", &error));
  g_clear_pointer (&details, fp_txn_details_free);
  details = fp_cache_get_txn_details (cache, "txn_1", &error);
  g_assert_cmpint (details->category, ==, FP_CATEGORY_GROCERIES);
  g_assert_null (details->txn->note);

  /* "Download my data" has them. */
  g_assert_true (fp_cache_dump_to_folder (cache, folder, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "txn_2,transfers,Rent share,"));

  g_assert_null (fp_cache_get_txn_details (cache, "txn_9", &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);

  fp_cache_close (cache);
  fp_test_rm_rf (dir);
  fp_test_rm_rf (out_dir);
}

static void
add_card (FpCache *cache)
{
  const char *ids[] = { "crd_1" };
  const char *jsons[] = { "{\"cardId\":\"crd_1\",\"accountId\":\"acc_1\",\"lastFour\":\"3985\",\"frozen\":false}" };
  const char *account_ids[] = { "acc_1" };
  const char *accounts[] = { "{\"accountId\":\"acc_1\",\"nickname\":\"Amex Credit Card\"}" };
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_CARDS, ids, jsons, 1, NULL, &error));
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_ACCOUNTS, account_ids, accounts, 1, NULL, &error));
  g_assert_no_error (error);
}

/* "Not me" and "Freeze card": the local state and the outbox item in one
 * database transaction, with the bank's paths and bodies. */
static void
test_actions (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(FpTxnDetails) details = NULL;
  g_autoptr(FpCardRequest) request = NULL;
  FpTxnChange change = card_payment ("txn_1", 1, -26460);
  FpOutboxItem *item;
  gint64 verdict_id, again, freeze_id;

  change.is_fraud = TRUE;
  g_assert_true (fp_cache_apply_changes (cache, "transactions", &change, 1, "c", &error));
  add_card (cache);

  verdict_id = fp_cache_report_txn (cache, "txn_1", FP_TXN_VERDICT_NOT_MINE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (verdict_id, >, 0);
  /* Asked twice (a double click): one item. */
  again = fp_cache_report_txn (cache, "txn_1", FP_TXN_VERDICT_NOT_MINE, &error);
  g_assert_cmpint (again, ==, verdict_id);

  freeze_id = fp_cache_request_card_freeze (cache, "crd_1", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fp_cache_request_card_freeze (cache, "crd_1", TRUE, &error), ==, freeze_id);

  pending = fp_cache_outbox_list_pending (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 2);
  item = g_ptr_array_index (pending, 0);
  g_assert_cmpstr (item->method, ==, "POST");
  g_assert_cmpstr (item->path, ==, "v1/transactions/txn_1/verdict");
  g_assert_cmpstr (item->body, ==, "{\"verdict\":\"not_mine\"}");
  item = g_ptr_array_index (pending, 1);
  g_assert_cmpstr (item->path, ==, "v1/cards/crd_1/freeze");
  g_assert_cmpstr (item->body, ==, "{}");

  details = fp_cache_get_txn_details (cache, "txn_1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (details->verdict, ==, FP_TXN_VERDICT_NOT_MINE);
  g_assert_cmpint (details->verdict_at, >, 0);
  g_assert_cmpint (details->verdict_delivery, ==, FP_DELIVERY_WAITING);
  g_assert_null (details->verdict_reason);
  g_assert_nonnull (strstr (details->card_json, "\"lastFour\":\"3985\""));
  g_assert_nonnull (strstr (details->account_json, "Amex Credit Card"));
  g_assert_nonnull (details->card_request);
  g_assert_true (details->card_request->frozen);
  g_assert_cmpint (details->card_request->delivery, ==, FP_DELIVERY_WAITING);

  /* Offline: the reason is kept and told. */
  g_assert_true (fp_cache_outbox_note_waiting (cache, "offline", &error));
  request = fp_cache_get_card_request (cache, "crd_1", &error);
  g_assert_cmpstr (request->reason, ==, "This computer is offline.");

  /* Delivered; the bank refuses the freeze. */
  g_assert_true (fp_cache_outbox_mark (cache, verdict_id, FP_OUTBOX_DELIVERED, NULL, &error));
  g_assert_true (fp_cache_outbox_mark (cache, freeze_id, FP_OUTBOX_FAILED, "refused:422", &error));
  g_clear_pointer (&details, fp_txn_details_free);
  details = fp_cache_get_txn_details (cache, "txn_1", &error);
  g_assert_cmpint (details->verdict_delivery, ==, FP_DELIVERY_DELIVERED);
  g_assert_cmpint (details->card_request->delivery, ==, FP_DELIVERY_FAILED);
  g_assert_cmpstr (details->card_request->reason, ==, "Your bank refused it (error 422).");

  /* A refused request may be asked again: a new item, a new key. */
  again = fp_cache_request_card_freeze (cache, "crd_1", TRUE, &error);
  g_assert_cmpint (again, >, freeze_id);
  /* A change of mind is a new item too. */
  g_assert_cmpint (fp_cache_report_txn (cache, "txn_1", FP_TXN_VERDICT_MINE, &error), >, again);

  /* Refused: ids that cannot be paths, unknown transactions and cards. */
  g_assert_cmpint (fp_cache_report_txn (cache, "txn_1/../x", FP_TXN_VERDICT_MINE, &error), ==, -1);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (fp_cache_report_txn (cache, "txn_2", FP_TXN_VERDICT_MINE, &error), ==, -1);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (fp_cache_request_card_freeze (cache, "crd_2", TRUE, &error), ==, -1);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  fp_cache_close (cache);
  fp_test_rm_rf (dir);
}

static void
crash_hook (const char *point)
{
  if (g_strcmp0 (point, "before-outbox") == 0)
    _exit (3);
}

/* A crash between the local state and the outbox item leaves neither. */
static void
test_actions_atomic (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  FpTxnChange change = card_payment ("txn_1", 1, -26460);

  {
    g_autoptr(FpCache) cache = open_cache (dir);
    g_autoptr(GError) error = NULL;

    g_assert_true (fp_cache_apply_changes (cache, "transactions", &change, 1, "c", &error));
    add_card (cache);
    fp_cache_close (cache);
  }

  for (guint round = 0; round < 2; round++)
    {
      pid_t pid = fork ();
      int status = 0;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          FpCache *cache = open_cache (dir);

          _fp_cache_annotations_set_test_hook (crash_hook);
          if (round == 0)
            fp_cache_report_txn (cache, "txn_1", FP_TXN_VERDICT_NOT_MINE, NULL);
          else
            fp_cache_request_card_freeze (cache, "crd_1", TRUE, NULL);
          _exit (0);
        }
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 3);
    }

  {
    g_autoptr(FpCache) cache = open_cache (dir);
    g_autofree char *state = dump (cache, "SELECT (SELECT count(*) FROM outbox),"
                                          " (SELECT count(*) FROM txn_annotations WHERE verdict IS NOT NULL),"
                                          " (SELECT count(*) FROM card_requests)");

    g_assert_cmpstr (state, ==, "0|0|0\n");
    fp_cache_close (cache);
  }
  fp_test_rm_rf (dir);
}

/* "Erase this device's data": the customer's annotations go with it. */
static void
test_gone_after_erase (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autofree char *keyring = g_build_filename (dir, "..", "fp-annotations-keyring", NULL);
  g_autofree char *cache_dir = g_build_filename (dir, "cache", NULL);
  g_autoptr(GError) error = NULL;
  FpTxnChange change = card_payment ("txn_1", 1, -4000);

  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  {
    g_autoptr(FpCache) cache = open_cache (cache_dir);

    g_assert_true (fp_cache_apply_changes (cache, "transactions", &change, 1, "c", &error));
    g_assert_true (fp_cache_set_txn_note (cache, "txn_1", "private", &error));
    g_assert_true (fp_cache_set_txn_category (cache, "txn_1", "dining", &error));
    g_assert_no_error (error);
    fp_cache_close (cache);
  }

  g_assert_true (fp_cache_erase (cache_dir, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (cache_dir, G_FILE_TEST_EXISTS));

  /* The same transaction synced into a new cache: nothing of the old. */
  {
    g_autoptr(FpCache) cache = open_cache (cache_dir);
    g_autoptr(FpTxnDetails) details = NULL;

    g_assert_true (fp_cache_apply_changes (cache, "transactions", &change, 1, "c", &error));
    details = fp_cache_get_txn_details (cache, "txn_1", &error);
    g_assert_no_error (error);
    g_assert_null (details->txn->note);
    g_assert_null (details->txn->category_override);
    fp_cache_close (cache);
  }
  g_unlink (keyring);
  fp_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/txn/states", test_states);
  g_test_add_func ("/cache/txn/display-names", test_display_names);
  g_test_add_func ("/cache/txn/names-in-reads", test_names_in_reads);
  g_test_add_func ("/cache/annotations/category-and-note", test_category_and_note);
  g_test_add_func ("/cache/annotations/actions", test_actions);
  g_test_add_func ("/cache/annotations/actions-atomic", test_actions_atomic);
  g_test_add_func ("/cache/annotations/gone-after-erase", test_gone_after_erase);

  return g_test_run ();
}
