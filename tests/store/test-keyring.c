/* test-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keyring through a real secret service: run by tests/fp-test-session
 * --keyring, which starts gnome-keyring with an unlocked login keyring in a
 * private D-Bus session. Ends by locking that keyring and checking that a
 * non-interactive caller gets KEYRING_LOCKED instead of a prompt.
 */

#include "config.h"

#include <libsecret/secret.h>

#include "fp-cache-private.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

static void
test_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (&error);
  g_autoptr(FpCacheKey) found = NULL;
  char *token;

  g_assert_true (fp_cache_key_store ("/keyring-test/a", key, FP_KEYRING_NONE, NULL, &error));
  g_assert_no_error (error);
  found = fp_cache_key_lookup ("/keyring-test/a", FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_true (fp_cache_key_equal (key, found));
  g_assert_true (fp_cache_key_clear ("/keyring-test/a", FP_KEYRING_NONE, NULL, &error));
  g_clear_pointer (&found, fp_cache_key_free);
  found = fp_cache_key_lookup ("/keyring-test/a", FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  g_assert_true (fp_keyring_save_refresh_token ("issuer|dave", "rt-1", FP_KEYRING_NONE, NULL, &error));
  g_assert_true (fp_keyring_save_refresh_token ("issuer|dave", "rt-2", FP_KEYRING_NONE, NULL, &error));
  g_assert_no_error (error);
  token = fp_keyring_load_refresh_token ("issuer|dave", FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "rt-2");
  fp_keyring_free_token (token);
  g_assert_true (fp_keyring_clear_refresh_token ("issuer|dave", FP_KEYRING_NONE, NULL, &error));
  token = fp_keyring_load_refresh_token ("issuer|dave", FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);
}

static void
test_open_with_keyring (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  FpTxnChange change = {
    .kind = FP_TXN_CREATED, .id = "t1", .account_id = "a1", .day = 20200101,
    .minute = 0, .amount_minor = 5, .currency = "EUR",
  };
  guint64 count = 0;

  cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fp_cache_apply_changes (cache, "transactions", &change, 1, "c", &error));
  g_clear_object (&cache);

  cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fp_cache_count_transactions (cache, NULL, &count, &error));
  g_assert_cmpuint (count, ==, 1);

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static void
test_locked (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(FpCacheKey) key = NULL;
  g_autofree char *cache_id = NULL;
  g_autolist(GObject) locked = NULL;
  GList objects = { NULL, NULL, NULL };
  char *token;

  /* A cache and a token from while the keyring was open. */
  cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&cache);
  g_assert_true (fp_keyring_save_refresh_token ("issuer|erin", "rt-erin", FP_KEYRING_NONE, NULL, &error));

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  objects.data = collection;
  g_assert_cmpint (secret_service_lock_sync (service, &objects, NULL, &locked, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (secret_collection_get_locked (collection));

  cache_id = fp_cache_dir_to_cache_id (dir);
  key = fp_cache_key_lookup (cache_id, FP_KEYRING_NONE, NULL, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_KEYRING_LOCKED);
  g_assert_null (key);
  g_assert_nonnull (fp_store_error_get_hint (error));
  g_clear_error (&error);

  cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_KEYRING_LOCKED);
  g_assert_null (cache);
  g_clear_error (&error);

  token = fp_keyring_load_refresh_token ("issuer|erin", FP_KEYRING_NONE, NULL, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_KEYRING_LOCKED);
  g_assert_null (token);
  g_clear_error (&error);

  /* Storing into a locked keyring would prompt: refused as well. */
  g_assert_false (fp_keyring_save_refresh_token ("issuer|erin", "rt-new", FP_KEYRING_NONE, NULL, &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_KEYRING_LOCKED);
  g_clear_error (&error);

  /* A new cache cannot get a key either, and nothing is created. */
  {
    g_autofree char *fresh = g_build_filename (dir, "fresh", NULL);

    cache = fp_cache_open_with_keyring (fresh, FP_KEYRING_NONE, NULL, &error);
    g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_KEYRING_LOCKED);
    g_assert_false (fp_cache_dir_exists (fresh));
  }

  fp_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_message ("needs a D-Bus session with a secret service (tests/fp-test-session --keyring)");
      return 77;
    }
  g_unsetenv ("SECRET_BACKEND");

  g_test_add_func ("/keyring/service/roundtrip", test_roundtrip);
  g_test_add_func ("/keyring/service/open-with-keyring", test_open_with_keyring);
  /* Last: it leaves the keyring locked. */
  g_test_add_func ("/keyring/service/locked", test_locked);

  return g_test_run ();
}
