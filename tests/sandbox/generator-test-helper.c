/* generator-test-helper.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fp-generator.h"
#include "generator-test-helper.h"

FpBankData *
generate (guint   customers,
          guint   years,
          guint64 seed)
{
  g_autoptr(GError) error = NULL;
  FpBankData *data = fp_bank_data_new_generated (customers, years, seed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("fp-generator-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}
