/* test-cache-offers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local-only data of the Offers page: manual assets (saved, refused
 * when invalid with nothing changed, kept across a restart and a sync of
 * the catalogues, in the export, gone after erase) and offer feedback (a
 * dismissal stays; feedback is queued for the bank in the same transaction
 * only when asked to).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fp-cache-assets.h"
#include "fp-cache-key.h"
#include "fp-cache-offers.h"
#include "fp-offer-rank.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

/* libsecret 0.20.5's file backend leaks a string of GIO's on every write,
 * read and clear of its keyring file (see tests/cli/test-insights.c):
 * suppressed for those calls only. */
const char *__lsan_default_suppressions (void);
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions (void)
{
  return "leak:secret_password_storev_binary_sync\n"
         "leak:secret_password_lookupv_binary_sync\n"
         "leak:secret_password_clearv_sync\n";
}

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x3c, 0x81, 0x0e, 0x5a, 0x97, 0xd4, 0x22, 0x6f, 0xb8, 0x13, 0x4d, 0xe6, 0x71, 0x0a, 0xc5, 0x38,
  0x9f, 0x26, 0x54, 0xe1, 0x0b, 0x7a, 0xad, 0x43, 0xf8, 0x1c, 0x65, 0x92, 0x2e, 0xd7, 0x80, 0x49,
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

/* The assets as "id|name|kind|value|currency|rate" lines. */
static char *
dump_assets (FpCache *cache)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = fp_cache_list_manual_assets (cache, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      FpManualAsset *a = g_ptr_array_index (list, i);

      g_string_append_printf (out, "%s|%s|%s|%" G_GINT64_FORMAT "|%s|%d\n", a->id, a->name,
                              fp_wealth_kind_to_id (a->kind), a->value_minor, a->currency, a->rate_bps);
    }
  return g_string_free (out, FALSE);
}

static guint
count_pending (FpCache *cache)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = fp_cache_outbox_list_pending (cache, &error);

  g_assert_no_error (error);
  return pending->len;
}

static void
test_assets (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  static const char *const offers_ids[] = { "loan-personal" };
  static const char *const offers_jsons[] = { "{\"offerId\":\"loan-personal\"}" };

  g_assert_true (fp_cache_save_manual_asset (cache, "home", "Flat in Leipzig – Südvorstadt", FP_WEALTH_HOME,
                                             32000000, "EUR", 0, &error));
  g_assert_true (fp_cache_save_manual_asset (cache, "mortgage", "Mortgage", FP_WEALTH_MORTGAGE,
                                             -21000000, "EUR", 390, &error));
  g_assert_true (fp_cache_save_manual_asset (cache, "pension", "Company pension", FP_WEALTH_PENSION,
                                             4500000, "EUR", 0, &error));
  g_assert_no_error (error);
  /* Replacing keeps the place and the first save. */
  g_assert_true (fp_cache_save_manual_asset (cache, "home", "Flat in Leipzig – Südvorstadt", FP_WEALTH_HOME,
                                             33000000, "EUR", 0, &error));
  before = dump_assets (cache);
  g_assert_cmpstr (before, ==,
                   "home|Flat in Leipzig – Südvorstadt|home|33000000|EUR|0\n"
                   "mortgage|Mortgage|mortgage|-21000000|EUR|390\n"
                   "pension|Company pension|pension|4500000|EUR|0\n");
  /* Nothing is queued for the bank. */
  g_assert_cmpuint (count_pending (cache), ==, 0);

  /* Invalid input is refused and changes nothing. */
  {
    static const struct {
      const char *id;
      const char *name;
      FpWealthKind kind;
      gint64 value;
      const char *currency;
      gint32 rate;
    } bad[] = {
      { "", "x", FP_WEALTH_HOME, 1, "EUR", 0 },
      { "a b", "x", FP_WEALTH_HOME, 1, "EUR", 0 },
      { "x", "", FP_WEALTH_HOME, 1, "EUR", 0 },
      { "x", "tab\there", FP_WEALTH_HOME, 1, "EUR", 0 },
      { "x", "x", FP_WEALTH_CASH, 1, "EUR", 0 },          /* the bank's own kind */
      { "x", "x", FP_WEALTH_HOME, -1, "EUR", 0 },         /* an asset worth less than nothing */
      { "x", "x", FP_WEALTH_MORTGAGE, 1, "EUR", 0 },      /* a debt owed to the customer */
      { "x", "x", FP_WEALTH_HOME, 1, "eur", 0 },
      { "x", "x", FP_WEALTH_HOME, 1, "EURO", 0 },
      { "x", "x", FP_WEALTH_HOME, 1, "EUR", -1 },
      { "home", "x", FP_WEALTH_HOME, -5, "EUR", 0 },      /* nor an update */
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (fp_cache_save_manual_asset (cache, bad[i].id, bad[i].name, bad[i].kind, bad[i].value,
                                                    bad[i].currency, bad[i].rate, &error));
        g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
        g_clear_error (&error);
      }
    after = dump_assets (cache);
    g_assert_cmpstr (after, ==, before);
    g_clear_pointer (&after, g_free);
  }

  /* A sync replaces the catalogues; the assets stay. */
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_OFFERS, offers_ids, offers_jsons, 1, "\"e\"", &error));
  g_assert_no_error (error);
  after = dump_assets (cache);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* A restart. */
  fp_cache_close (cache);
  g_clear_object (&cache);
  cache = open_cache (dir);
  after = dump_assets (cache);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  g_assert_true (fp_cache_delete_manual_asset (cache, "pension", &error));
  g_assert_true (fp_cache_delete_manual_asset (cache, "nothing", &error));
  after = dump_assets (cache);
  g_assert_null (strstr (after, "pension"));
  fp_cache_close (cache);
  fp_test_rm_rf (dir);
}

typedef struct {
  guint n_assets;
  gboolean saw_name;
} ExportState;

static gboolean
export_cb (const char        *table,
           guint              n_columns,
           const char *const *names,
           const char *const *values,
           gpointer           user_data)
{
  ExportState *s = user_data;

  if (!g_str_equal (table, "manual_assets"))
    return TRUE;
  s->n_assets++;
  for (guint i = 0; i < n_columns; i++)
    if (g_str_equal (names[i], "name") && g_strcmp0 (values[i], "Car") == 0)
      s->saw_name = TRUE;
  return TRUE;
}

/* In "Download my data"; gone after "erase this device's data". */
static void
test_assets_export_erase (void)
{
  g_autofree char *tmp = fp_test_make_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "cache", NULL);
  g_autofree char *keyring = g_build_filename (tmp, "keyring", NULL);
  g_autoptr(GError) error = NULL;
  ExportState state = { 0 };

  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);

  {
    g_autoptr(FpCache) cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (fp_cache_save_manual_asset (cache, "car", "Car", FP_WEALTH_CAR, 1200000, "USD", 0, &error));
    g_assert_true (fp_cache_save_manual_asset (cache, "loan", "Family loan", FP_WEALTH_OTHER_DEBT, -300000,
                                               "USD", 0, &error));
    g_assert_true (fp_cache_export (cache, export_cb, &state, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (state.n_assets, ==, 2);
    g_assert_true (state.saw_name);
    fp_cache_close (cache);
  }

  g_assert_true (fp_cache_erase (dir, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  /* A cache made there again starts empty, with a new key. */
  {
    g_autoptr(FpCache) cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);
    g_autofree char *assets = NULL;

    g_assert_no_error (error);
    assets = dump_assets (cache);
    g_assert_cmpstr (assets, ==, "");
    fp_cache_close (cache);
  }
  fp_test_rm_rf (tmp);
}

static const FpOfferInfo catalogue[] = {
  { "loan-personal", FP_OFFER_PERSONAL_LOAN, "Personal Loan", 1, 749, 0, 0 },
  { "savings-goal", FP_OFFER_SAVINGS, "Goal Saver", 2, 375, 0, 0 },
  { "ecoinvest", FP_OFFER_ESG_PORTFOLIO, "EcoInvest", 3, 0, 5, 45 },
};

/* The offers shown, as the ranking sees the cache's feedback. */
static char *
shown (FpCache *cache)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = fp_cache_list_offer_feedback (cache, &error);
  g_autofree FpOfferFeedback *fb = g_new0 (FpOfferFeedback, rows->len + 1);
  FpOfferConsent consent = { FALSE, FALSE };
  g_autoptr(FpOfferRanking) r = NULL;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      FpCachedOfferFeedback *row = g_ptr_array_index (rows, i);

      fb[i].offer_id = row->offer_id;
      fb[i].reaction = row->reaction;
      fb[i].reasons = row->reasons;
      fb[i].seq = row->seq;
    }
  r = fp_offer_rank (catalogue, G_N_ELEMENTS (catalogue), NULL, fb, rows->len, &consent, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < r->n_offers; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", r->offers[i].offer->offer_id);
  return g_string_free (out, FALSE);
}

static void
test_feedback (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  static const char *const offers_ids[] = { "loan-personal", "savings-goal", "ecoinvest" };
  static const char *const offers_jsons[] = { "{}", "{}", "{}" };
  g_autofree char *list = NULL;
  g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("test device");

  /* Without the marketing consent (nothing is pre-ticked), and without a
   * policy at all: recorded, not queued. */
  g_assert_cmpint (fp_cache_add_offer_feedback (cache, "loan-personal", FP_OFFER_NOT_FOR_ME,
                                                FP_OFFER_REASON_RATE_TOO_HIGH | FP_OFFER_REASON_TERM_NOT_SUITABLE,
                                                policy, &error), >, 0);
  g_assert_cmpint (fp_cache_add_offer_feedback (cache, "ecoinvest", FP_OFFER_INTERESTED, 0, NULL, &error), >, 0);
  g_assert_cmpuint (count_pending (cache), ==, 0);
  /* With it: queued too, in the same transaction. */
  g_assert_true (fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, g_get_real_time ()));
  g_assert_cmpint (fp_cache_add_offer_feedback (cache, "savings-goal", FP_OFFER_DISMISSED, 0, policy, &error), >, 0);
  g_assert_no_error (error);
  pending = fp_cache_outbox_list_pending (cache, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  {
    FpOutboxItem *item = g_ptr_array_index (pending, 0);

    g_assert_cmpstr (item->method, ==, "POST");
    g_assert_cmpstr (item->path, ==, "v1/feedback");
    g_assert_cmpstr (item->body, ==, "{\"offerId\":\"savings-goal\",\"reaction\":\"dismissed\",\"reasons\":[]}");
    g_assert_cmpuint (strlen (item->idempotency_key), ==, 36);
  }

  /* Invalid feedback is refused and changes nothing. */
  g_assert_cmpint (fp_cache_add_offer_feedback (cache, "Loan Personal", FP_OFFER_INTERESTED, 0, policy, &error), ==, -1);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (fp_cache_add_offer_feedback (cache, "ecoinvest", FP_OFFER_INTERESTED, 1u << 12, policy, &error),
                   ==, -1);
  g_clear_error (&error);
  g_assert_cmpint (fp_cache_add_offer_feedback (cache, "ecoinvest", (FpOfferReaction) 7, 0, policy, &error), ==, -1);
  g_clear_error (&error);
  g_assert_cmpuint (count_pending (cache), ==, 1);

  rows = fp_cache_list_offer_feedback (cache, &error);
  g_assert_cmpuint (rows->len, ==, 3);
  {
    FpCachedOfferFeedback *first = g_ptr_array_index (rows, 0);
    FpCachedOfferFeedback *second = g_ptr_array_index (rows, 2);

    g_assert_cmpstr (first->offer_id, ==, "loan-personal");
    g_assert_cmpint (first->reaction, ==, FP_OFFER_NOT_FOR_ME);
    g_assert_cmpuint (first->reasons, ==, FP_OFFER_REASON_RATE_TOO_HIGH | FP_OFFER_REASON_TERM_NOT_SUITABLE);
    g_assert_false (first->sent);
    g_assert_true (second->sent);
    g_assert_cmpint (second->seq, >, first->seq);
  }

  /* Dismissed: out of the list, and it stays out after a sync of the
   * catalogue, a restart, and interest shown later. */
  list = shown (cache);
  g_assert_cmpstr (list, ==, "loan-personal,ecoinvest");
  g_clear_pointer (&list, g_free);
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_OFFERS, offers_ids, offers_jsons, 3, "\"2\"", &error));
  g_assert_cmpint (fp_cache_add_offer_feedback (cache, "savings-goal", FP_OFFER_INTERESTED, 0, NULL, &error), >, 0);
  fp_cache_close (cache);
  g_clear_object (&cache);
  cache = open_cache (dir);
  list = shown (cache);
  g_assert_cmpstr (list, ==, "loan-personal,ecoinvest");

  fp_cache_close (cache);
  fp_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/offers/assets", test_assets);
  g_test_add_func ("/cache/offers/assets-export-erase", test_assets_export_erase);
  g_test_add_func ("/cache/offers/feedback", test_feedback);

  return g_test_run ();
}
