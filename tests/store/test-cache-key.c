/* test-cache-key.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache key and the refresh token in the keyring, through libsecret's
 * file backend (no D-Bus): SECRET_BACKEND=file with a throwaway keyring
 * file and password, set up by main() before libsecret is first used.
 */

#include "config.h"

#include "fp-cache-private.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

/* libsecret 0.20.5's file backend leaks the ETag string of every write of
 * its keyring file (a g_strdup() inside GIO's replace-contents under
 * secret_file_collection_write()). Not our allocation; suppressed here
 * only, for the two calls that write the file, which needs full stacks. */
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
         "leak:secret_password_clearv_sync\n";
}

static char *keyring_dir;
static char *keyring_path;

static void
test_random_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCacheKey) a = fp_cache_key_new_random (&error);
  g_autoptr(FpCacheKey) b = fp_cache_key_new_random (&error);
  g_autoptr(FpCacheKey) c = NULL;
  guint zeros = 0;

  g_assert_no_error (error);
  g_assert_false (fp_cache_key_equal (a, b));
  for (guint i = 0; i < FP_CACHE_KEY_SIZE; i++)
    zeros += fp_cache_key_get_bytes (a)[i] == 0;
  /* 32 random bytes are practically never mostly zero. */
  g_assert_cmpuint (zeros, <, 8);

  c = fp_cache_key_copy (a);
  g_assert_true (fp_cache_key_equal (a, c));
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (&error);
  g_autoptr(FpCacheKey) found = NULL;
  g_autoptr(FpCacheKey) other = NULL;

  found = fp_cache_key_lookup ("/tmp/cache-one", FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  g_assert_true (fp_cache_key_store ("/tmp/cache-one", key, FP_KEYRING_NONE, NULL, &error));
  g_assert_no_error (error);
  found = fp_cache_key_lookup ("/tmp/cache-one", FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_true (fp_cache_key_equal (found, key));

  /* Another cache id has its own key. */
  other = fp_cache_key_lookup ("/tmp/cache-two", FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (other);

  /* The keyring file holds the key encrypted, not in the clear. */
  g_assert_true (g_file_test (keyring_path, G_FILE_TEST_EXISTS));
  g_assert_false (fp_test_file_contains (keyring_path, fp_cache_key_get_bytes (key), FP_CACHE_KEY_SIZE));

  g_assert_true (fp_cache_key_clear ("/tmp/cache-one", FP_KEYRING_NONE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&found, fp_cache_key_free);
  found = fp_cache_key_lookup ("/tmp/cache-one", FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* Clearing what is not there is fine. */
  g_assert_true (fp_cache_key_clear ("/tmp/cache-one", FP_KEYRING_NONE, NULL, &error));
  g_assert_no_error (error);
}

static void
test_load_or_create (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCacheKey) first = NULL;
  g_autoptr(FpCacheKey) second = NULL;
  g_autoptr(FpCacheKey) missing = NULL;

  first = fp_cache_key_load_or_create ("/tmp/cache-three", FALSE, FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  second = fp_cache_key_load_or_create ("/tmp/cache-three", TRUE, FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fp_cache_key_equal (first, second));

  /* A cache that exists without its key: an error, never a new key. */
  missing = fp_cache_key_load_or_create ("/tmp/cache-four", TRUE, FP_KEYRING_NONE, NULL, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_KEY_MISSING);
  g_assert_null (missing);
  g_assert_nonnull (fp_store_error_get_hint (error));
  g_clear_error (&error);
  missing = fp_cache_key_lookup ("/tmp/cache-four", FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (missing);
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCacheKey) key = NULL;
  g_autoptr(FpCacheKey) again = NULL;
  GAsyncResult *result = NULL;
  char *token;

  fp_cache_key_load_or_create_async ("/tmp/cache-async", FALSE, FP_KEYRING_NONE, NULL,
                                     async_done_cb, &result);
  key = fp_cache_key_load_or_create_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_clear_object (&result);

  again = fp_cache_key_lookup ("/tmp/cache-async", FP_KEYRING_NONE, NULL, &error);
  g_assert_true (fp_cache_key_equal (key, again));

  fp_keyring_save_refresh_token_async ("issuer|alice", "rt-async-1", FP_KEYRING_NONE, NULL,
                                       async_done_cb, &result);
  g_assert_true (fp_keyring_save_refresh_token_finish (wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  fp_keyring_load_refresh_token_async ("issuer|alice", FP_KEYRING_NONE, NULL, async_done_cb, &result);
  token = fp_keyring_load_refresh_token_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "rt-async-1");
  fp_keyring_free_token (token);
  g_clear_object (&result);
}

static void
test_refresh_token (void)
{
  g_autoptr(GError) error = NULL;
  char *token;

  token = fp_keyring_load_refresh_token ("issuer|bob", FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  g_assert_true (fp_keyring_save_refresh_token ("issuer|bob", "rt-first", FP_KEYRING_NONE, NULL, &error));
  g_assert_true (fp_keyring_save_refresh_token ("issuer|bob", "rt-rotated", FP_KEYRING_NONE, NULL, &error));
  g_assert_true (fp_keyring_save_refresh_token ("issuer|carol", "rt-carol", FP_KEYRING_NONE, NULL, &error));
  g_assert_no_error (error);

  /* Rotation replaces the old token. */
  token = fp_keyring_load_refresh_token ("issuer|bob", FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "rt-rotated");
  fp_keyring_free_token (token);
  g_assert_false (fp_test_file_contains (keyring_path, "rt-rotated", strlen ("rt-rotated")));

  /* Sign-out. */
  g_assert_true (fp_keyring_clear_refresh_token ("issuer|bob", FP_KEYRING_NONE, NULL, &error));
  token = fp_keyring_load_refresh_token ("issuer|bob", FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  token = fp_keyring_load_refresh_token ("issuer|carol", FP_KEYRING_NONE, NULL, &error);
  g_assert_cmpstr (token, ==, "rt-carol");
  fp_keyring_free_token (token);
}

static void
test_open_with_keyring (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autofree char *cache_id = fp_cache_dir_to_cache_id (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  GAsyncResult *result = NULL;
  guint64 count = 0;
  FpTxnChange change = {
    .kind = FP_TXN_CREATED, .id = "t1", .account_id = "a1", .day = 20200101,
    .minute = 0, .amount_minor = 5, .currency = "EUR",
  };

  /* First run: a key is made and kept in the keyring. */
  cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fp_cache_apply_changes (cache, "transactions", &change, 1, "c1", &error));
  g_clear_object (&cache);

  /* Next run, asynchronously: the same key opens it. */
  fp_cache_open_with_keyring_async (dir, FP_KEYRING_NONE, NULL, async_done_cb, &result);
  cache = fp_cache_open_with_keyring_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (fp_cache_count_transactions (cache, NULL, &count, &error));
  g_assert_cmpuint (count, ==, 1);
  g_clear_object (&cache);

  /* The keyring lost the key: say so, touch nothing ... */
  g_assert_true (fp_cache_key_clear (cache_id, FP_KEYRING_NONE, NULL, &error));
  cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_KEY_MISSING);
  g_assert_null (cache);
  g_clear_error (&error);
  g_assert_true (fp_cache_dir_exists (dir));

  /* ... the keyring holds another key: wrong key ... */
  {
    g_autoptr(FpCacheKey) other = fp_cache_key_new_random (&error);

    g_assert_true (fp_cache_key_store (cache_id, other, FP_KEYRING_NONE, NULL, &error));
  }
  cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);

  /* ... until the customer chooses to erase it and start again. */
  g_assert_true (fp_cache_destroy (dir, &error));
  cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fp_cache_count_transactions (cache, NULL, &count, &error));
  g_assert_cmpuint (count, ==, 0);

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  keyring_dir = fp_test_make_tmpdir ();
  keyring_path = g_build_filename (keyring_dir, "keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring_path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "fp-test-keyring-password", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keyring/file/random-keys", test_random_keys);
  g_test_add_func ("/keyring/file/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/keyring/file/load-or-create", test_load_or_create);
  g_test_add_func ("/keyring/file/async", test_async);
  g_test_add_func ("/keyring/file/refresh-token", test_refresh_token);
  g_test_add_func ("/keyring/file/open-with-keyring", test_open_with_keyring);

  ret = g_test_run ();

  fp_test_rm_rf (keyring_dir);
  g_free (keyring_dir);
  g_free (keyring_path);
  return ret;
}
