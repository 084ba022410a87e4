/* test-cache-private.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 15, on disk: the cache's folder is 0700 and every file in it 0600
 * (the database, its -wal, -shm and journal, the key check), also when an
 * older version left a 0755 folder and 0644 files; exports are 0600; and
 * damage in the middle of the file, which opening does not read, is found
 * by fp_cache_check_integrity() with the way forward in the message.
 */

#include "config.h"

#include <stdio.h>
#include <sys/stat.h>

#include "fp-cache-dump.h"
#include "fp-cache-private.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x5b, 0x13, 0xe8, 0x22, 0x9a, 0x41, 0x7c, 0x0d, 0xf6, 0x38, 0xa1, 0x6e, 0x04, 0xc9, 0x57, 0xb2,
  0x8f, 0x20, 0xd5, 0x63, 0x1e, 0xaa, 0x79, 0x34, 0xc0, 0x0b, 0x95, 0x4d, 0xe7, 0x52, 0x86, 0x19,
};

static FpCacheKey *
test_key (void)
{
  return fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
}

/* @n transactions in pages of 500, as a first sync writes them. */
static void
fill (FpCache *cache,
      guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) page = g_array_new (FALSE, TRUE, sizeof (FpTxnChange));

  for (guint i = 0; i < n; i++)
    {
      FpTxnChange c = { 0 };
      char *id = g_strdup_printf ("txn_%06u", i);
      char *merchant = g_strdup_printf ("Merchant number %u of the test", i % 97);

      g_ptr_array_add (strings, id);
      g_ptr_array_add (strings, merchant);
      c.kind = FP_TXN_CREATED;
      c.id = id;
      c.account_id = i % 2 ? "acc_1" : "acc_2";
      c.day = 20200101 + (gint32) (i % 28);
      c.minute = (gint32) (i % 1440);
      c.amount_minor = -(gint64) (i % 9000) - 1;
      c.currency = "USD";
      c.merchant = merchant;
      c.category = "groceries";
      g_array_append_val (page, c);
      if (page->len == 500 || i + 1 == n)
        {
          g_autofree char *cursor = g_strdup_printf ("c%u", i);

          g_assert_true (fp_cache_apply_changes (cache, "transactions",
                                                 (const FpTxnChange *) (gpointer) page->data,
                                                 page->len, cursor, &error));
          g_assert_no_error (error);
          g_array_set_size (page, 0);
        }
    }
  g_assert_true (_fp_cache_end_bulk_load (cache, &error));
  g_assert_no_error (error);
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* Every file of @dir is 0600 and @dir is 0700; returns how many files. */
static guint
assert_private (const char *dir)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (mode_of (dir), ==, 0700);
  fp_test_list_files (dir, files);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);

      g_test_message ("%s: %o", path, mode_of (path));
      g_assert_cmpuint (mode_of (path), ==, 0600);
    }
  return files->len;
}

static void
test_new_cache_private (void)
{
  g_autofree char *parent = fp_test_make_tmpdir ();
  g_autofree char *dir = g_build_filename (parent, "finpersona", NULL);
  g_autofree char *wal = g_build_filename (dir, FP_CACHE_DB_NAME "-wal", NULL);
  g_autofree char *shm = g_build_filename (dir, FP_CACHE_DB_NAME "-shm", NULL);
  g_autoptr(FpCacheKey) key = test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  mode_t old_umask = umask (022);

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  fill (cache, 100);
  /* Open and written: the database, its WAL and its index exist now. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (assert_private (dir), >=, 4);

  fp_cache_close (cache);
  umask (old_umask);
  fp_test_rm_rf (parent);
}

static void
test_existing_cache_made_private (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autoptr(FpCacheKey) key = test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *journal = g_build_filename (dir, FP_CACHE_DB_NAME "-journal", NULL);

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  fill (cache, 100);
  fp_cache_close (cache);
  g_clear_object (&cache);

  /* As an older version left them: a readable folder, readable files. */
  g_assert_true (g_file_set_contents (journal, "", 0, NULL));
  fp_test_list_files (dir, files);
  for (guint i = 0; i < files->len; i++)
    g_assert_cmpint (g_chmod (g_ptr_array_index (files, i), 0644), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  assert_private (dir);
  fill (cache, 10);
  assert_private (dir);

  fp_cache_close (cache);
  fp_test_rm_rf (dir);
}

static void
test_export_private (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autofree char *out = fp_test_make_tmpdir ();
  g_autofree char *json = g_build_filename (out, FP_CACHE_DUMP_JSON_NAME, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  g_autoptr(FpCacheKey) key = test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint64 rows = 0;

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  fill (cache, 10);

  /* Over an older, readable export of the same name. */
  g_assert_true (g_file_set_contents (json, "old", -1, NULL));
  g_assert_cmpint (g_chmod (json, 0644), ==, 0);
  g_assert_true (fp_cache_dump_to_folder (cache, folder, NULL, NULL, &rows, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, >=, 10);
  fp_test_list_files (out, files);
  g_assert_cmpuint (files->len, >=, 2);
  for (guint i = 0; i < files->len; i++)
    g_assert_cmpuint (mode_of (g_ptr_array_index (files, i)), ==, 0600);

  fp_cache_close (cache);
  fp_test_rm_rf (dir);
  fp_test_rm_rf (out);
}

static void
flip_bytes (const char *path,
            goffset     offset,
            guint       n)
{
  FILE *file = g_fopen (path, "r+b");
  guint8 bytes[16];

  g_assert_nonnull (file);
  g_assert_cmpuint (n, <=, sizeof bytes);
  g_assert_cmpint (fseek (file, offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fread (bytes, 1, n, file), ==, n);
  for (guint i = 0; i < n; i++)
    bytes[i] ^= 0xff;
  g_assert_cmpint (fseek (file, offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (bytes, 1, n, file), ==, n);
  fclose (file);
}

static void
test_damage_found (void)
{
  g_autofree char *dir = fp_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, FP_CACHE_DB_NAME, NULL);
  g_autoptr(FpCacheKey) key = test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  GStatBuf st;
  guint64 count = 0;

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  fill (cache, 20000);
  g_assert_true (fp_cache_check_integrity (cache, &error));
  g_assert_no_error (error);
  fp_cache_close (cache);
  g_clear_object (&cache);

  /* Eight bytes in the middle of the file: inside a page that opening
   * does not read. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 1024 * 1024);
  flip_bytes (path, st.st_size / 2 + 1000, 8);

  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  /* Small reads may well miss it. */
  g_assert_true (fp_cache_count_transactions (cache, NULL, &count, NULL) || count == 0);

  g_assert_false (fp_cache_check_integrity (cache, &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "finpersona --headless erase"));
  g_assert_nonnull (fp_store_error_get_hint (error));

  fp_cache_close (cache);
  fp_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/private/new-cache", test_new_cache_private);
  g_test_add_func ("/cache/private/existing-cache", test_existing_cache_made_private);
  g_test_add_func ("/cache/private/export", test_export_private);
  g_test_add_func ("/cache/integrity/damage-found", test_damage_found);

  return g_test_run ();
}
