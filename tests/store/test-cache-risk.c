/* test-cache-risk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The risk questionnaire's answers in the local-only `risk_answers` table:
 * none at first, kept and replaced, refused when invalid without changing
 * what was kept, still there after closing and opening the cache, in
 * "Download my data", and gone after erase.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fp-cache-risk.h"
#include "fp-store.h"
#include "fp-store-test-util.h"

typedef struct {
  guint    rows;
  gboolean saw_horizon;
} ExportState;

static gboolean
export_cb (const char        *table,
           guint              n_columns,
           const char *const *names,
           const char *const *values,
           gpointer           user_data)
{
  ExportState *s = user_data;

  if (!g_str_equal (table, "risk_answers"))
    return TRUE;
  s->rows++;
  for (guint i = 0; i < n_columns; i++)
    if (g_str_equal (names[i], "horizon") && g_strcmp0 (values[i], "over_10_years") == 0)
      s->saw_horizon = TRUE;
  return TRUE;
}

static void
test_keep_export_erase (void)
{
  g_autofree char *tmp = fp_test_make_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "cache", NULL);
  g_autofree char *keyring = g_build_filename (tmp, "keyring", NULL);
  g_autoptr(GError) error = NULL;
  FpRiskAnswers first = { FP_HORIZON_3_TO_5_YEARS, FP_LOSS_SELL_SOME, FP_EXPERIENCE_NONE };
  FpRiskAnswers second = { FP_HORIZON_OVER_10_YEARS, FP_LOSS_BUY_MORE, FP_EXPERIENCE_EXPERIENCED };
  FpRiskAnswers bad = { (FpRiskHorizon) 9, FP_LOSS_HOLD, FP_EXPERIENCE_SOME };
  FpRiskAnswers got;
  gboolean found;
  ExportState state = { 0 };

  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);

  {
    g_autoptr(FpCache) cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (fp_cache_get_risk_answers (cache, &got, &found, &error));
    g_assert_false (found);
    g_assert_true (fp_cache_save_risk_answers (cache, &first, &error));
    g_assert_true (fp_cache_save_risk_answers (cache, &second, &error));
    g_assert_false (fp_cache_save_risk_answers (cache, &bad, &error));
    g_assert_error (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID);
    g_clear_error (&error);
    fp_cache_close (cache);
  }
  {
    g_autoptr(FpCache) cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (fp_cache_get_risk_answers (cache, &got, &found, &error));
    g_assert_true (found);
    g_assert_cmpint (got.horizon, ==, FP_HORIZON_OVER_10_YEARS);
    g_assert_cmpint (got.loss_reaction, ==, FP_LOSS_BUY_MORE);
    g_assert_cmpint (got.experience, ==, FP_EXPERIENCE_EXPERIENCED);
    g_assert_true (fp_cache_export (cache, export_cb, &state, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (state.rows, ==, 1);
    g_assert_true (state.saw_horizon);
    fp_cache_close (cache);
  }

  g_assert_true (fp_cache_erase (dir, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(FpCache) cache = fp_cache_open_with_keyring (dir, FP_KEYRING_NONE, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (fp_cache_get_risk_answers (cache, &got, &found, &error));
    g_assert_false (found);
    fp_cache_close (cache);
  }
  fp_test_rm_rf (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cache/risk/keep-export-erase", test_keep_export_erase);
  return g_test_run ();
}
