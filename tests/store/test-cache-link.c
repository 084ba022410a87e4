/* test-cache-link.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The link order (DESIGN.md): libsoup links the system libsqlite3, and the
 * first library providing a sqlite3_* symbol wins. This program links
 * libsoup after the store, like the application does, and checks that
 * every SQLite entry point the cache uses resolves to SQLCipher and that
 * what the cache writes is encrypted.
 */

#define _GNU_SOURCE 1

#include "config.h"

#include <dlfcn.h>
#include <link.h>

#include <libsoup/soup.h>

#include "fp-cache-private.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

static int
find_system_sqlite_cb (struct dl_phdr_info *info,
                       size_t               size,
                       void                *data)
{
  gboolean *found = data;

  if (info->dlpi_name != NULL && strstr (info->dlpi_name, "libsqlite3.so") != NULL)
    *found = TRUE;
  return 0;
}

static void
assert_from_sqlcipher (const char *name,
                       void       *symbol)
{
  Dl_info info = { 0 };

  g_assert_true (dladdr (symbol, &info) != 0);
  g_test_message ("%s from %s", name, info.dli_fname);
  g_assert_nonnull (strstr (info.dli_fname, "sqlcipher"));
}

static void
test_link_order (void)
{
  gboolean system_sqlite_loaded = FALSE;

  /* libsoup is really here, and brought the system SQLite with it. */
  g_assert_cmpuint (soup_get_major_version (), ==, 3);
  dl_iterate_phdr (find_system_sqlite_cb, &system_sqlite_loaded);
  if (!system_sqlite_loaded)
    g_test_message ("libsoup does not load libsqlite3 here; the check below still holds");

  assert_from_sqlcipher ("sqlite3_open_v2", (void *) sqlite3_open_v2);
  assert_from_sqlcipher ("sqlite3_key", (void *) sqlite3_key);
  assert_from_sqlcipher ("sqlite3_prepare_v2", (void *) sqlite3_prepare_v2);
  assert_from_sqlcipher ("sqlite3_step", (void *) sqlite3_step);
  assert_from_sqlcipher ("sqlite3_exec", (void *) sqlite3_exec);
}

static void
test_encrypted_with_libsoup (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (&error);
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  FpTxnChange change = {
    .kind = FP_TXN_CREATED, .id = "t1", .account_id = "a1", .day = 20200101,
    .minute = 0, .amount_minor = 5, .currency = "EUR", .merchant = "ZEBRAFISH-CANARY",
  };

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fp_cache_get_cipher_version (cache), !=, "");
  g_assert_true (fp_cache_apply_changes (cache, "transactions", &change, 1, "c", &error));
  fp_cache_close (cache);

  fp_test_list_files (dir, files);
  g_assert_cmpuint (files->len, >=, 1);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);

      g_assert_false (fp_test_file_contains (path, "ZEBRAFISH-CANARY", strlen ("ZEBRAFISH-CANARY")));
      g_assert_false (fp_test_file_contains (path, fp_cache_key_get_bytes (key), FP_CACHE_KEY_SIZE));
    }

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/link/sqlcipher-before-libsoup", test_link_order);
  g_test_add_func ("/cache/link/encrypted-with-libsoup", test_encrypted_with_libsoup);

  return g_test_run ();
}
