/* test-no-secret-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No D-Bus session at all: every keyring operation gives
 * FP_STORE_ERROR_NO_SECRET_SERVICE, and no cache is created without a key.
 */

#include "config.h"

#include "fp-store.h"
#include "fp-store-test-util.h"

static char *tmpdir;

static void
test_no_service (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (&error);
  g_autoptr(FpCacheKey) found = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autofree char *dir = g_build_filename (tmpdir, "cache", NULL);
  char *token;

  found = fp_cache_key_lookup ("/no-service/a", FP_KEYRING_NONE, NULL, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_NO_SECRET_SERVICE);
  g_assert_null (found);
  g_assert_nonnull (fp_store_error_get_hint (error));
  g_clear_error (&error);

  g_assert_false (fp_cache_key_store ("/no-service/a", key, FP_KEYRING_NONE, NULL, &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_NO_SECRET_SERVICE);
  g_clear_error (&error);

  token = fp_keyring_load_refresh_token ("issuer|frank", FP_KEYRING_INTERACTIVE, NULL, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_NO_SECRET_SERVICE);
  g_assert_null (token);
  g_clear_error (&error);

  g_assert_false (fp_keyring_save_refresh_token ("issuer|frank", "rt", FP_KEYRING_NONE, NULL, &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_NO_SECRET_SERVICE);
  g_clear_error (&error);

  /* Never an unencrypted cache or a key on disk instead. */
  cache = fp_cache_open_with_keyring (dir, FP_KEYRING_INTERACTIVE, NULL, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_NO_SECRET_SERVICE);
  g_assert_null (cache);
  g_assert_false (fp_cache_dir_exists (dir));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *address = NULL;
  int ret;

  tmpdir = fp_test_make_tmpdir ();
  address = g_strdup_printf ("unix:path=%s/no-such-bus", tmpdir);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  g_unsetenv ("SECRET_BACKEND");
  g_unsetenv ("DISPLAY");

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/keyring/no-secret-service", test_no_service);
  ret = g_test_run ();

  fp_test_rm_rf (tmpdir);
  g_free (tmpdir);
  return ret;
}
