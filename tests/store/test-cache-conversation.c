/* test-cache-conversation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The assistant's conversation in the cache's local-only table: add, list
 * in order with the facts, survive reopening and a re-sync of the bank's
 * data, be in "Download my data", be cleared, go with erase; bad input is
 * refused and the oldest messages go beyond the cap.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fp-cache-conversation.h"
#include "fp-cache-dump.h"
#include "fp-cache-key.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x11, 0x42, 0x9c, 0x17, 0xe3, 0x6a, 0xd1, 0x48, 0xbf, 0x20, 0x75, 0x3e, 0xc9, 0x84, 0x1d, 0x66,
  0x0a, 0xf7, 0x33, 0x5b, 0x92, 0xce, 0x41, 0x18, 0x6d, 0xa5, 0x2f, 0xe0, 0x79, 0x04, 0xbb, 0x57,
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
test_conversation (void)
{
  static const char *const facts[] = { "question_kind", "spending", "month_spending", "770", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fp-conversation-XXXXXX", &error);
  g_autofree char *out_dir = g_dir_make_tmp ("fp-conversation-out-XXXXXX", &error);
  g_autoptr(GFile) folder = g_file_new_for_path (out_dir);
  g_autofree char *export_path = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const FpConversationMessage *m;
  const char *ids[] = { "acc_1" };
  const char *jsons[] = { "{\"accountId\":\"acc_1\",\"nickname\":\"Everyday\"}" };

  g_assert_no_error (error);
  cache = open_cache (dir);
  g_assert_cmpint (fp_cache_add_assistant_message (cache, "user", "Why did my spending go up in October?",
                                                   NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (fp_cache_add_assistant_message (cache, "assistant", "In October 2026 you spent about $770.",
                                                   "device", facts, &error), >, 0);
  g_assert_no_error (error);

  /* Bad input is refused and nothing is kept. */
  g_assert_cmpint (fp_cache_add_assistant_message (cache, "system", "x", NULL, NULL, &error), ==, 0);
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    static const char *const bad[] = { "Key", "1", NULL };

    g_assert_cmpint (fp_cache_add_assistant_message (cache, "assistant", "x", NULL, bad, &error), ==, 0);
    g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* A re-sync of the bank's data leaves it alone. */
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_ACCOUNTS, ids, jsons, 1, NULL, &error));
  g_assert_no_error (error);

  fp_cache_close (cache);
  g_clear_object (&cache);
  cache = open_cache (dir);
  list = fp_cache_list_assistant_messages (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  m = g_ptr_array_index (list, 0);
  g_assert_cmpstr (m->role, ==, "user");
  g_assert_cmpstr (m->text, ==, "Why did my spending go up in October?");
  g_assert_null (m->source);
  g_assert_null (m->facts);
  m = g_ptr_array_index (list, 1);
  g_assert_cmpstr (m->role, ==, "assistant");
  g_assert_cmpstr (m->source, ==, "device");
  g_assert_cmpstrv (m->facts, facts);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* "Download my data" has it. */
  g_assert_true (fp_cache_dump_to_folder (cache, folder, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  export_path = g_build_filename (out_dir, "assistant_messages.csv", NULL);
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "Why did my spending go up in October?"));
  g_assert_nonnull (strstr (exported, "In October 2026 you spent about $770."));

  /* Clear conversation */
  g_assert_true (fp_cache_clear_conversation (cache, &error));
  g_assert_no_error (error);
  list = fp_cache_list_assistant_messages (cache, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Erase takes it with the cache. */
  g_assert_cmpint (fp_cache_add_assistant_message (cache, "user", "Still here?", NULL, NULL, &error), >, 0);
  fp_cache_close (cache);
  g_clear_object (&cache);
  g_assert_true (fp_cache_erase (dir, NULL, &error));
  g_assert_no_error (error);
  cache = open_cache (dir);
  list = fp_cache_list_assistant_messages (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);

  fp_cache_close (cache);
  fp_test_rm_rf (dir);
  fp_test_rm_rf (out_dir);
}

static void
test_cap (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fp-conversation-XXXXXX", &error);
  g_autoptr(FpCache) cache = open_cache (dir);
  g_autoptr(GPtrArray) list = NULL;

  for (guint i = 0; i < FP_CACHE_CONVERSATION_MAX + 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("question %u", i);

      g_assert_cmpint (fp_cache_add_assistant_message (cache, "user", text, NULL, NULL, &error), >, 0);
    }
  list = fp_cache_list_assistant_messages (cache, &error);
  g_assert_cmpuint (list->len, ==, FP_CACHE_CONVERSATION_MAX);
  g_assert_cmpstr (((FpConversationMessage *) g_ptr_array_index (list, 0))->text, ==, "question 5");
  fp_cache_close (cache);
  fp_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/conversation/round-trip", test_conversation);
  g_test_add_func ("/cache/conversation/cap", test_cap);

  return g_test_run ();
}
