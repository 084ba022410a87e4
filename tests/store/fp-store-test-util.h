/* fp-store-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

static inline char *
fp_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("fp-store-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
fp_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_unlink (path);
      return;
    }

  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        fp_test_rm_rf (child);
      }
  g_rmdir (path);
}

/* Every regular file below @path, recursively. */
static inline void
fp_test_list_files (const char *path,
                    GPtrArray  *out)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if ((dir = g_dir_open (path, 0, NULL)) == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          fp_test_list_files (child, out);
          g_free (child);
        }
      else
        g_ptr_array_add (out, child);
    }
}

static inline gboolean
fp_test_file_contains (const char   *path,
                       gconstpointer needle,
                       gsize         len)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  if (len == 0)
    return TRUE;
  for (gsize i = 0; i + len <= size; i++)
    if (contents[i] == *(const char *) needle && memcmp (contents + i, needle, len) == 0)
      return TRUE;
  return FALSE;
}

static inline char *
fp_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &contents, &size, NULL))
    return g_strdup ("(missing)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, size);
}

static inline int
fp_test_compare_paths (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A fingerprint of every file in @dir: names, sizes and contents. */
static inline char *
fp_test_dir_fingerprint (const char *dir)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  GString *print = g_string_new (NULL);

  fp_test_list_files (dir, files);
  g_ptr_array_sort (files, fp_test_compare_paths);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *sum = fp_test_file_checksum (path);

      g_string_append_printf (print, "%s %s\n", path, sum);
    }
  return g_string_free (print, FALSE);
}
