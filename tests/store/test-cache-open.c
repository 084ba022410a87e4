/* test-cache-open.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening the encrypted cache: pragmas, encryption on disk, and the error
 * for each way opening can fail, none of which may touch the files.
 */

#include "config.h"

#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fp-cache-private.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

static const guint8 key_a_bytes[FP_CACHE_KEY_SIZE] = {
  0x3c, 0x91, 0x5e, 0x07, 0xa2, 0x44, 0xd8, 0x1b, 0x6f, 0xe0, 0x29, 0x83, 0x5a, 0xc7, 0x12, 0x9d,
  0x70, 0x0e, 0xbb, 0x36, 0xf4, 0x58, 0x21, 0x8c, 0xd3, 0x67, 0x19, 0xae, 0x4b, 0xf2, 0x05, 0x9e,
};
static const guint8 key_b_bytes[FP_CACHE_KEY_SIZE] = {
  0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01,
  0x12, 0x23, 0x34, 0x45, 0x56, 0x67, 0x78, 0x89, 0x9a, 0xab, 0xbc, 0xcd, 0xde, 0xef, 0xf0, 0x02,
};

static FpCacheKey *
key_a (void)
{
  return fp_cache_key_new_from_bytes (key_a_bytes, sizeof key_a_bytes);
}

static FpCacheKey *
key_b (void)
{
  return fp_cache_key_new_from_bytes (key_b_bytes, sizeof key_b_bytes);
}

static gint64
pragma_int (FpCache    *cache,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_fp_cache_get_db (cache), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
apply_canary (FpCache    *cache,
              const char *merchant)
{
  g_autoptr(GError) error = NULL;
  FpTxnChange change = {
    .kind = FP_TXN_CREATED,
    .id = "t-canary-1",
    .account_id = "acc-1",
    .day = 20190315,
    .minute = 12 * 60 + 5,
    .amount_minor = 13409,
    .currency = "USD",
    .mcc = 5411,
    .merchant = merchant,
    .city = "QUOKKAVILLE",
    .state = "CA",
    .zip = "91750",
    .use_chip = "Chip Transaction",
    .category = "groceries",
  };

  g_assert_true (fp_cache_apply_changes (cache, "transactions", &change, 1, "cursor-1", &error));
  g_assert_no_error (error);
}

static void
test_open_pragmas (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCacheKey) key = key_a ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cache);

  g_assert_nonnull (fp_cache_get_cipher_version (cache));
  g_assert_cmpstr (fp_cache_get_cipher_version (cache), !=, "");
  /* SQLCipher 3.4.1 supports WAL. */
  g_assert_cmpstr (fp_cache_get_journal_mode (cache), ==, "wal");
  g_assert_cmpint (pragma_int (cache, "PRAGMA cipher_page_size"), ==, 4096);
  g_assert_cmpint (pragma_int (cache, "PRAGMA page_size"), ==, 4096);
  g_assert_cmpint (pragma_int (cache, "PRAGMA temp_store"), ==, 2);
  g_assert_cmpint (pragma_int (cache, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (pragma_int (cache, "PRAGMA cache_size"), ==, -65536);
  g_assert_cmpint (pragma_int (cache, "PRAGMA user_version"), ==, fp_cache_get_latest_schema_version ());
  g_assert_cmpint (fp_cache_get_schema_version (cache), ==, fp_cache_get_latest_schema_version ());
  g_assert_cmpint (fp_cache_get_latest_schema_version (), >=, 3);
  g_assert_false (fp_cache_is_ephemeral (cache));

  /* A second open of the same cache with the same key works. */
  fp_cache_close (cache);
  g_clear_object (&cache);
  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fp_cache_get_schema_version (cache), ==, fp_cache_get_latest_schema_version ());

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static gboolean
any_file_contains (const char    *dir,
                   gconstpointer  needle,
                   gsize          len,
                   guint         *out_n_files)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  gboolean found = FALSE;

  fp_test_list_files (dir, files);
  *out_n_files = files->len;
  for (guint i = 0; i < files->len; i++)
    if (fp_test_file_contains (g_ptr_array_index (files, i), needle, len))
      {
        g_test_message ("found in %s", (const char *) g_ptr_array_index (files, i));
        found = TRUE;
      }
  return found;
}

static void
assert_nothing_readable (const char       *dir,
                         const FpCacheKey *key)
{
  static const char *needles[] = {
    "ZEBRAFISH-CANARY", "ZEBRAFISH", "QUOKKAVILLE", "Ottoline Pemberton-Quaile",
    "refresh-token-canary", "groceries", "CREATE TABLE",
  };
  const guint8 *bytes = fp_cache_key_get_bytes (key);
  g_autofree char *hex_lower = NULL;
  g_autofree char *hex_upper = NULL;
  GString *hex = g_string_new (NULL);
  guint n_files = 0;

  for (guint i = 0; i < FP_CACHE_KEY_SIZE; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  hex_lower = g_string_free (hex, FALSE);
  hex_upper = g_ascii_strup (hex_lower, -1);

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    g_assert_false (any_file_contains (dir, needles[i], strlen (needles[i]), &n_files));
  g_assert_false (any_file_contains (dir, bytes, FP_CACHE_KEY_SIZE, &n_files));
  /* Half the key is already too much. */
  g_assert_false (any_file_contains (dir, bytes, FP_CACHE_KEY_SIZE / 2, &n_files));
  g_assert_false (any_file_contains (dir, bytes + FP_CACHE_KEY_SIZE / 2, FP_CACHE_KEY_SIZE / 2, &n_files));
  g_assert_false (any_file_contains (dir, hex_lower, strlen (hex_lower), &n_files));
  g_assert_false (any_file_contains (dir, hex_upper, strlen (hex_upper), &n_files));
  g_assert_cmpuint (n_files, >=, 1);
}

static void
test_encrypted_on_disk (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCacheKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  const char *account_json = "{\"id\":\"acc-1\",\"holder\":\"Ottoline Pemberton-Quaile\"}";
  const char *account_id = "acc-1";
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  gboolean saw_wal = FALSE;

  key = fp_cache_key_new_random (&error);
  g_assert_no_error (error);

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  apply_canary (cache, "ZEBRAFISH-CANARY");
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_ACCOUNTS, &account_id, &account_json, 1,
                                             "\"etag-1\"", &error));
  g_assert_no_error (error);
  g_assert_cmpint (fp_cache_outbox_enqueue (cache, "POST", "/feedback",
                                            "{\"text\":\"refresh-token-canary\"}", "idem-1", &error), >, 0);
  g_assert_no_error (error);

  /* While open, the committed pages sit in the WAL: grep it too. */
  fp_test_list_files (dir, files);
  for (guint i = 0; i < files->len; i++)
    if (g_str_has_suffix (g_ptr_array_index (files, i), "-wal"))
      saw_wal = TRUE;
  g_assert_true (saw_wal);
  assert_nothing_readable (dir, key);

  fp_cache_close (cache);
  assert_nothing_readable (dir, key);

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static void
test_unreadable_without_key (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, FP_CACHE_DB_NAME, NULL);
  g_autoptr(FpCacheKey) key = key_a ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autofree char *contents = NULL;
  sqlite3 *db = NULL;
  gsize size = 0;
  int rc;

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  apply_canary (cache, "ZEBRAFISH-CANARY");
  fp_cache_close (cache);

  /* Not an SQLite file to anyone without the key ... */
  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpuint (size, >=, 4096);
  g_assert_cmpint (size % 4096, ==, 0);
  g_assert_false (memcmp (contents, "SQLite format 3", 16) == 0);

  /* ... and SQLCipher without a key cannot read it either. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  g_assert_cmpint (rc, ==, SQLITE_NOTADB);
  sqlite3_close (db);

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static void
create_cache (const char       *dir,
              const FpCacheKey *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  apply_canary (cache, "ZEBRAFISH-CANARY");
  fp_cache_close (cache);
}

static void
test_wrong_key (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autofree char *keycheck = g_build_filename (dir, "cache.keycheck", NULL);
  g_autoptr(FpCacheKey) a = key_a ();
  g_autoptr(FpCacheKey) b = key_b ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  create_cache (dir, a);
  before = fp_test_dir_fingerprint (dir);

  cache = fp_cache_open (dir, b, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_WRONG_KEY);
  g_assert_null (cache);
  g_assert_nonnull (fp_store_error_get_hint (error));
  g_clear_error (&error);

  after = fp_test_dir_fingerprint (dir);
  g_assert_cmpstr (before, ==, after);

  /* Without the key check, a wrong key is still reported as such. */
  g_assert_cmpint (g_unlink (keycheck), ==, 0);
  cache = fp_cache_open (dir, b, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_WRONG_KEY);
  g_assert_null (cache);
  g_clear_error (&error);

  /* The right key still opens it: nothing was reset. */
  cache = fp_cache_open (dir, a, &error);
  g_assert_no_error (error);
  {
    guint64 count = 0;

    g_assert_true (fp_cache_count_transactions (cache, NULL, &count, &error));
    g_assert_cmpuint (count, ==, 1);
  }

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
}

static void
copy_file (const char *from_dir,
           const char *to_dir,
           const char *name)
{
  g_autofree char *from = g_build_filename (from_dir, name, NULL);
  g_autofree char *to = g_build_filename (to_dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (from, &contents, &size, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) size, NULL));
}

/* The files a crash leaves (database with a WAL not yet checkpointed): a
 * wrong key touches none of them, the right key recovers the data. */
static void
test_wrong_key_after_crash (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autofree char *crashed = fp_test_make_tmpdir ();
  g_autoptr(FpCacheKey) a = key_a ();
  g_autoptr(FpCacheKey) b = key_b ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint64 count = 0;

  cache = fp_cache_open (dir, a, &error);
  g_assert_no_error (error);
  apply_canary (cache, "ZEBRAFISH-CANARY");
  /* Copied while open, as kill -9 would leave them. */
  copy_file (dir, crashed, FP_CACHE_DB_NAME);
  copy_file (dir, crashed, FP_CACHE_DB_NAME "-wal");
  copy_file (dir, crashed, "cache.keycheck");
  g_clear_object (&cache);

  before = fp_test_dir_fingerprint (crashed);
  cache = fp_cache_open (crashed, b, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_WRONG_KEY);
  g_assert_null (cache);
  g_clear_error (&error);
  after = fp_test_dir_fingerprint (crashed);
  g_assert_cmpstr (before, ==, after);

  /* Without the key check, SQLite itself finds the key wrong, on a
   * read-only connection that cannot checkpoint the WAL on close. */
  {
    g_autofree char *keycheck = g_build_filename (crashed, "cache.keycheck", NULL);
    g_autofree char *shm = g_build_filename (crashed, FP_CACHE_DB_NAME "-shm", NULL);
    g_autofree char *wal = g_build_filename (crashed, FP_CACHE_DB_NAME "-wal", NULL);
    g_autofree char *db_path = g_build_filename (crashed, FP_CACHE_DB_NAME, NULL);
    g_autofree char *db_before = fp_test_file_checksum (db_path);
    g_autofree char *wal_before = fp_test_file_checksum (wal);
    g_autofree char *db_after = NULL;
    g_autofree char *wal_after = NULL;

    g_assert_cmpint (g_unlink (keycheck), ==, 0);
    cache = fp_cache_open (crashed, b, &error);
    g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_WRONG_KEY);
    g_assert_null (cache);
    g_clear_error (&error);
    db_after = fp_test_file_checksum (db_path);
    wal_after = fp_test_file_checksum (wal);
    g_assert_cmpstr (db_before, ==, db_after);
    g_assert_cmpstr (wal_before, ==, wal_after);
    /* SQLite may have rebuilt its WAL index (-shm): derived, no data. */
    if (g_file_test (shm, G_FILE_TEST_EXISTS))
      g_assert_false (fp_test_file_contains (shm, "ZEBRAFISH", strlen ("ZEBRAFISH")));
  }

  cache = fp_cache_open (crashed, a, &error);
  g_assert_no_error (error);
  g_assert_true (fp_cache_count_transactions (cache, NULL, &count, &error));
  g_assert_cmpuint (count, ==, 1);

  g_clear_object (&cache);
  fp_test_rm_rf (dir);
  fp_test_rm_rf (crashed);
}

static void
garble (const char *path,
        long        offset,
        gsize       len)
{
  FILE *file = fopen (path, "r+b");

  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, offset, SEEK_SET), ==, 0);
  for (gsize i = 0; i < len; i++)
    fputc ((int) (0xa5 ^ i), file);
  fclose (file);
}

static void
test_corrupt (void)
{
  g_autoptr(FpCacheKey) key = key_a ();

  /* Truncated, damaged header, damaged salt. */
  for (guint kind = 0; kind < 3; kind++)
    {
      g_autofree char *dir = fp_test_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, FP_CACHE_DB_NAME, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(FpCache) cache = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      guint64 count = 0;

      create_cache (dir, key);

      switch (kind)
        {
        case 0:
          g_assert_cmpint (truncate (path, 1000), ==, 0);
          break;
        case 1:
          garble (path, 100, 200);
          break;
        case 2:
          garble (path, 0, 16);
          break;
        default:
          g_assert_not_reached ();
        }

      before = fp_test_dir_fingerprint (dir);
      cache = fp_cache_open (dir, key, &error);
      g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_CORRUPT);
      g_assert_null (cache);
      g_clear_error (&error);
      after = fp_test_dir_fingerprint (dir);
      g_assert_cmpstr (before, ==, after);

      /* The way forward: erase, then start again empty. */
      g_assert_true (fp_cache_destroy (dir, &error));
      g_assert_no_error (error);
      g_assert_false (fp_cache_dir_exists (dir));
      cache = fp_cache_open (dir, key, &error);
      g_assert_no_error (error);
      g_assert_true (fp_cache_count_transactions (cache, NULL, &count, &error));
      g_assert_cmpuint (count, ==, 0);

      g_clear_object (&cache);
      fp_test_rm_rf (dir);
    }
}

static void
test_plaintext_refused (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, FP_CACHE_DB_NAME, NULL);
  g_autoptr(FpCacheKey) key = key_a ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;

  /* An unencrypted database where the cache should be. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  /* The control for the grep of the encryption tests: plain text shows. */
  g_assert_true (fp_test_file_contains (path, "CREATE TABLE t", strlen ("CREATE TABLE t")));

  before = fp_test_dir_fingerprint (dir);
  cache = fp_cache_open (dir, key, &error);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_CORRUPT);
  g_assert_null (cache);
  after = fp_test_dir_fingerprint (dir);
  g_assert_cmpstr (before, ==, after);

  fp_test_rm_rf (dir);
}

static void
test_ephemeral (void)
{
  g_autofree char *parent = fp_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autofree char *dir = NULL;
  guint64 count = 0;

  cache = fp_cache_new_ephemeral (parent, &error);
  g_assert_no_error (error);
  g_assert_true (fp_cache_is_ephemeral (cache));
  dir = g_strdup (fp_cache_get_dir (cache));
  g_assert_true (g_str_has_prefix (dir, parent));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));

  apply_canary (cache, "ZEBRAFISH-CANARY");
  g_assert_true (fp_cache_count_transactions (cache, NULL, &count, &error));
  g_assert_cmpuint (count, ==, 1);
  /* No key check is written for a key that is never stored. */
  {
    g_autofree char *keycheck = g_build_filename (dir, "cache.keycheck", NULL);

    g_assert_false (g_file_test (keycheck, G_FILE_TEST_EXISTS));
  }

  fp_cache_close (cache);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_clear_object (&cache);

  /* Finalizing without closing removes it as well. */
  cache = fp_cache_new_ephemeral (parent, &error);
  g_assert_no_error (error);
  g_free (dir);
  dir = g_strdup (fp_cache_get_dir (cache));
  apply_canary (cache, "ZEBRAFISH-CANARY");
  g_clear_object (&cache);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  /* Nothing else is left behind. */
  {
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

    fp_test_list_files (parent, files);
    g_assert_cmpuint (files->len, ==, 0);
  }

  fp_test_rm_rf (parent);
}

static void
test_ephemeral_stale (void)
{
  g_autofree char *parent = fp_test_make_tmpdir ();
  g_autofree char *stale = NULL;
  g_autofree char *stale_db = NULL;
  g_autofree char *name = NULL;
  g_autofree char *live = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  pid_t pid;
  int status;

  /* A session that crashed: its pid is gone. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

  name = g_strdup_printf ("ephemeral-%d-0", (int) pid);
  stale = g_build_filename (parent, name, NULL);
  g_assert_cmpint (g_mkdir (stale, 0700), ==, 0);
  stale_db = g_build_filename (stale, FP_CACHE_DB_NAME, NULL);
  g_assert_true (g_file_set_contents (stale_db, "left over", -1, NULL));

  /* A session still running (this one, under another counter) is kept. */
  g_free (name);
  name = g_strdup_printf ("ephemeral-%d-999", (int) getppid ());
  live = g_build_filename (parent, name, NULL);
  g_assert_cmpint (g_mkdir (live, 0700), ==, 0);

  cache = fp_cache_new_ephemeral (parent, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_IS_DIR));

  g_clear_object (&cache);
  fp_test_rm_rf (parent);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/open/pragmas", test_open_pragmas);
  g_test_add_func ("/cache/open/encrypted-on-disk", test_encrypted_on_disk);
  g_test_add_func ("/cache/open/unreadable-without-key", test_unreadable_without_key);
  g_test_add_func ("/cache/open/wrong-key", test_wrong_key);
  g_test_add_func ("/cache/open/wrong-key-after-crash", test_wrong_key_after_crash);
  g_test_add_func ("/cache/open/corrupt", test_corrupt);
  g_test_add_func ("/cache/open/plaintext-refused", test_plaintext_refused);
  g_test_add_func ("/cache/ephemeral/removed", test_ephemeral);
  g_test_add_func ("/cache/ephemeral/stale", test_ephemeral_stale);

  return g_test_run ();
}
