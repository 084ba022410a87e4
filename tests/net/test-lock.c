/* test-lock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app lock's non-UI half (SECURITY.md: "locking closes the database
 * and drops the key from memory, not just hides the window"): a desktop
 * session on the embedded demo bank, its cache key in libsecret's file
 * backend, is locked. Then no query on the cache works, and the key's 32
 * bytes (raw or as the hex literal given to SQLCipher) are nowhere in the
 * process's memory: heap, stacks, data. Before the lock they are, in
 * SQLCipher's codec, which shows that the search finds them. Unlocking
 * reads the key from the keyring again and the same data is back.
 *
 * The key is made and stored by a subprocess, so that this process only
 * ever reads it through the session, and the test keeps it XOR-masked.
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fp-session.h"
#include "fp-store.h"

#define MASK 0xa7

/* libsecret 0.20.5's file backend leaks the ETag of the keyring file it
 * reads (a g_strdup() inside GIO), as in tests/cli/test-insights.c:
 * suppressed for that call only, which needs full stacks. */
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
  return "leak:secret_password_lookupv_binary_sync\nleak:secret_password_storev_binary_sync\n";
}

static char *tmp;

static char *
cache_dir (void)
{
  return g_build_filename (tmp, "cache", NULL);
}

static char *
masked_path (void)
{
  return g_build_filename (tmp, "masked-key", NULL);
}

/* In a subprocess (FP_LOCK_TEST_SETUP): a cache with a random key, the key in the keyring, and
 * the key XOR MASK in a file for the parent. */
static void
setup_in_subprocess (void)
{
  g_autofree char *dir = cache_dir ();
  g_autofree char *id = fp_cache_dir_to_cache_id (dir);
  g_autofree char *path = masked_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (&error);
  g_autoptr(FpCache) cache = NULL;
  guint8 masked[FP_CACHE_KEY_SIZE];

  g_assert_no_error (error);
  g_assert_true (fp_cache_key_store (id, key, FP_KEYRING_NONE, NULL, &error));
  g_assert_no_error (error);
  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  fp_cache_close (cache);
  for (guint i = 0; i < FP_CACHE_KEY_SIZE; i++)
    masked[i] = fp_cache_key_get_bytes (key)[i] ^ MASK;
  g_assert_true (g_file_set_contents (path, (const char *) masked, sizeof masked, &error));
}

/* Counts @needle in every writable mapping of this process, except at
 * @needle itself. The bytes are read through /proc/self/mem into a
 * buffer of its own mapping (skipped), so that a mapping that goes away
 * meanwhile (a thread's stack) is an error to skip rather than a crash,
 * and so that freed and poisoned memory is read too under
 * AddressSanitizer: exactly where a key must not linger. */
#define CHUNK (1 << 20)

static guint
count_in_memory (const guint8 *needle,
                 gsize         len)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  guint8 *buf;
  int fd;
  guint found = 0;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  fd = g_open ("/proc/self/mem", O_RDONLY | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  buf = mmap (NULL, CHUNK + len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  g_assert_true (buf != MAP_FAILED);

  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 start, end;
      char perms[5] = { 0 };
      char name[512] = { 0 };

      if (sscanf (lines[i], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %4s %*s %*s %*s %511s",
                  &start, &end, perms, name) < 3)
        continue;
      /* Writable mappings hold everything a program made at run time;
       * huge ones are sanitizer shadow and allocator reservations. */
      if (perms[0] != 'r' || perms[1] != 'w' || end - start > (G_GUINT64_CONSTANT (1) << 30)
          || start == GPOINTER_TO_SIZE (buf))
        continue;
      for (guint64 at = start; at < end; at += CHUNK)
        {
          gsize want = (gsize) MIN ((guint64) CHUNK + len - 1, end - at);
          gssize got = pread (fd, buf, want, (off_t) at);

          if (got < (gssize) len)
            continue;
          for (gsize k = 0; k + len <= (gsize) got && k < CHUNK; k++)
            if (buf[k] == needle[0] && memcmp (buf + k, needle, len) == 0
                && at + k != GPOINTER_TO_SIZE (needle))
              found++;
        }
    }
  explicit_bzero (buf, CHUNK + len);
  munmap (buf, CHUNK + len);
  close (fd);
  return found;
}

/* How often the key, raw or as lower-case hex, is in memory. */
static guint
key_copies (const guint8 *masked)
{
  guint8 raw[FP_CACHE_KEY_SIZE];
  char hex[2 * FP_CACHE_KEY_SIZE + 1];
  guint n;

  for (guint i = 0; i < FP_CACHE_KEY_SIZE; i++)
    {
      raw[i] = masked[i] ^ MASK;
      g_snprintf (hex + 2 * i, 3, "%02x", raw[i]);
    }
  n = count_in_memory (raw, sizeof raw) + count_in_memory ((const guint8 *) hex, 2 * FP_CACHE_KEY_SIZE);
  explicit_bzero (raw, sizeof raw);
  explicit_bzero (hex, sizeof hex);
  return n;
}

static void
wait_until (gboolean (*done) (FpSession *), FpSession *session, int seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!done (session))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static gboolean
is_synced (FpSession *session)
{
  FpSyncEngine *engine = fp_session_get_sync_engine (session);

  g_assert_cmpint (fp_session_get_state (session), !=, FP_SESSION_STATE_FAILED);
  return engine != NULL && fp_sync_engine_get_state (engine) == FP_SYNC_STATE_IDLE
         && fp_sync_engine_get_last_synced (engine) > 0;
}

static void
unlocked_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_lock (void)
{
  g_autofree char *dir = cache_dir ();
  g_autofree char *path = masked_path ();
  g_autofree char *masked = NULL;
  g_autoptr(FpSession) session = NULL;
  g_autoptr(FpCache) held = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  guint64 before = 0, count = 0;
  gsize len = 0;

  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
    g_autoptr(GSubprocess) child = NULL;
    g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

    g_subprocess_launcher_setenv (launcher, "FP_LOCK_TEST_SETUP", "1", TRUE);
    child = g_subprocess_launcher_spawn (launcher, &error, self, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (child, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_get_contents (path, &masked, &len, NULL));
  g_assert_cmpuint (len, ==, FP_CACHE_KEY_SIZE);

  session = fp_session_new ("", dir, FP_SESSION_NONE);
  fp_session_start (session);
  wait_until (is_synced, session, 120);
  held = g_object_ref (fp_session_get_cache (session));
  g_assert_true (fp_cache_count_transactions (held, NULL, &before, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (before, >, 100);

  /* Unlocked, SQLCipher holds the key: the search finds it. */
  g_assert_cmpuint (key_copies ((const guint8 *) masked), >=, 1);

  fp_session_lock (session);
  g_assert_true (fp_session_get_locked (session));
  g_assert_null (fp_session_get_cache (session));
  g_assert_null (fp_session_get_sync_engine (session));

  /* No query works on a cache someone still holds. */
  g_assert_false (fp_cache_count_transactions (held, NULL, &count, &error));
  g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (fp_cache_list_transactions (held, NULL, 0, 10, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&held);

  /* And the key is gone from every buffer of the process. */
  g_assert_cmpuint (key_copies ((const guint8 *) masked), ==, 0);

  /* Unlocking reads it from the keyring again. */
  fp_session_unlock_async (session, NULL, unlocked_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (fp_session_unlock_finish (session, result, &error));
  g_assert_no_error (error);
  g_object_unref (result);
  g_assert_false (fp_session_get_locked (session));
  g_assert_true (fp_cache_count_transactions (fp_session_get_cache (session), NULL, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, before);
  wait_until (is_synced, session, 120);

  fp_session_shutdown (session);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The subprocess inherits the directory through the environment. */
  if (g_getenv ("FP_LOCK_TEST_DIR") == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("fp-lock-XXXXXX", NULL);
      g_autofree char *keyring = g_build_filename (dir, "keyring", NULL);

      g_setenv ("FP_LOCK_TEST_DIR", dir, TRUE);
      g_setenv ("SECRET_BACKEND", "file", TRUE);
      g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
    }
  tmp = g_strdup (g_getenv ("FP_LOCK_TEST_DIR"));
  if (g_getenv ("FP_LOCK_TEST_SETUP") != NULL)
    {
      setup_in_subprocess ();
      g_free (tmp);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/net/lock/closes-cache-and-wipes-key", test_lock);

  status = g_test_run ();
  rm_rf (tmp);
  g_free (tmp);
  return status;
}
