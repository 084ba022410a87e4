/* test-cache-scenarios.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saved scenarios in the cache's local-only table: save, replace, list in
 * order, delete, refuse bad input, and survive closing and reopening.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fp-cache-key.h"
#include "fp-cache-scenarios.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x21, 0x42, 0x9c, 0x17, 0xe3, 0x6a, 0xd1, 0x48, 0xbf, 0x20, 0x75, 0x3e, 0xc9, 0x84, 0x1d, 0x66,
  0x0a, 0xf7, 0x33, 0x5b, 0x92, 0xce, 0x41, 0x18, 0x6d, 0xa5, 0x2f, 0xe0, 0x79, 0x04, 0xbb, 0x58,
};

static FpCache *
open_cache (const char *dir)
{
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_open (dir, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cache);
  return cache;
}

static void
remove_dir (const char *dir)
{
  fp_test_rm_rf (dir);
}

static void
test_save_list_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fp-scenarios-XXXXXX", &error);
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(GPtrArray) list = NULL;
  FpSavedScenario *s;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);
  cache = open_cache (dir);

  list = fp_cache_list_scenarios (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (fp_cache_save_scenario (cache, "a", "Scenario 1", "{\"cash\":\"1.00\"}", &error));
  g_assert_no_error (error);
  g_assert_true (fp_cache_save_scenario (cache, "b", "Scenario 2", "{\"cash\":\"2.00\"}", &error));
  g_assert_no_error (error);

  list = fp_cache_list_scenarios (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  s = g_ptr_array_index (list, 0);
  g_assert_cmpstr (s->id, ==, "a");
  g_assert_cmpstr (s->name, ==, "Scenario 1");
  g_assert_cmpstr (s->json, ==, "{\"cash\":\"1.00\"}");
  g_assert_cmpint (s->created, >=, before);
  g_assert_cmpint (s->updated, ==, s->created);
  s = g_ptr_array_index (list, 1);
  g_assert_cmpstr (s->id, ==, "b");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The same id replaces, keeping its place. */
  g_assert_true (fp_cache_save_scenario (cache, "a", "Renamed", "{\"cash\":\"3.00\"}", &error));
  g_assert_no_error (error);
  list = fp_cache_list_scenarios (cache, &error);
  g_assert_cmpuint (list->len, ==, 2);
  s = g_ptr_array_index (list, 0);
  g_assert_cmpstr (s->id, ==, "a");
  g_assert_cmpstr (s->name, ==, "Renamed");
  g_assert_cmpstr (s->json, ==, "{\"cash\":\"3.00\"}");
  g_assert_cmpint (s->updated, >=, s->created);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (fp_cache_delete_scenario (cache, "a", &error));
  g_assert_no_error (error);
  /* An unknown id is not an error. */
  g_assert_true (fp_cache_delete_scenario (cache, "nope", &error));
  g_assert_no_error (error);
  list = fp_cache_list_scenarios (cache, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((FpSavedScenario *) g_ptr_array_index (list, 0))->id, ==, "b");
  g_clear_pointer (&list, g_ptr_array_unref);

  fp_cache_close (cache);
  g_clear_object (&cache);
  remove_dir (dir);
}

static void
test_refuses_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fp-scenarios-XXXXXX", &error);
  g_autoptr(FpCache) cache = NULL;
  g_autofree char *long_id = g_strnfill (65, 'x');
  g_autoptr(GPtrArray) list = NULL;

  cache = open_cache (dir);

  g_assert_false (fp_cache_save_scenario (cache, "", "n", "{}", &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fp_cache_save_scenario (cache, long_id, "n", "{}", &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fp_cache_save_scenario (cache, "x", "n", "\xff\xfe", &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  list = fp_cache_list_scenarios (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);

  fp_cache_close (cache);
  g_clear_object (&cache);
  remove_dir (dir);
}

static void
test_survives_reopen (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fp-scenarios-XXXXXX", &error);
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GPtrArray) list = NULL;

  g_assert_true (fp_cache_save_scenario (cache, "kept", "Scenario 1", "{\"seed\":7}", &error));
  g_assert_no_error (error);
  fp_cache_close (cache);
  g_clear_object (&cache);

  cache = open_cache (dir);
  list = fp_cache_list_scenarios (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((FpSavedScenario *) g_ptr_array_index (list, 0))->json, ==, "{\"seed\":7}");

  /* A closed cache refuses. */
  fp_cache_close (cache);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = fp_cache_list_scenarios (cache, &error);
  g_assert_null (list);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (fp_cache_save_scenario (cache, "x", "n", "{}", &error));
  g_assert_nonnull (error);

  g_clear_object (&cache);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache-scenarios/save-list-delete", test_save_list_delete);
  g_test_add_func ("/cache-scenarios/refuses-bad-input", test_refuses_bad_input);
  g_test_add_func ("/cache-scenarios/survives-reopen", test_survives_reopen);

  return g_test_run ();
}
