/* test-first-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first hour of a new customer, through the window: the welcome page,
 * Explore the Demo Bank (the real finpersona-sandbox, a real keyring), the
 * consent step with nothing ticked, the pages filled by the first sync,
 * the Time Machine's narrative from the GenAI proxy only while the GenAI
 * consent is given, then Sign Out and Erase, which leaves no file and no
 * key behind.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fp-activity-page.h"
#include "fp-cache-key.h"
#include "fp-time-machine-page-private.h"
#include "fp-transaction-model.h"
#include "fp-ui-test.h"
#include "fp-window.h"

typedef struct
{
  FpWindow  *window;
  FpSession *session;
} Fixture;

static const char *
main_page (FpWindow *window)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_WINDOW, "main_stack"));

  return gtk_stack_get_visible_child_name (stack);
}

static gboolean
shows_onboarding (gpointer data)
{
  return g_strcmp0 (main_page (data), "onboarding") == 0;
}

static gboolean
shows_pages (gpointer data)
{
  return g_strcmp0 (main_page (data), "pages") == 0;
}

static gboolean
shows_welcome (gpointer data)
{
  return g_strcmp0 (main_page (data), "welcome") == 0;
}

static gboolean
activity_has_rows (gpointer data)
{
  FpActivityPage *page = FP_ACTIVITY_PAGE (data);
  GListModel *model = G_LIST_MODEL (fp_activity_page_get_model (page));

  return model != NULL && g_list_model_get_n_items (model) > 100;
}

static gboolean
narrative_by_genai (gpointer data)
{
  GtkLabel *label = fp_time_machine_page_find_child (data, "narrative_source_label");

  return strstr (gtk_label_get_label (label), "AI") != NULL;
}

static gboolean
session_idle (gpointer data)
{
  FpSyncEngine *engine = fp_session_get_sync_engine (data);

  return engine == NULL || fp_sync_engine_get_state (engine) != FP_SYNC_STATE_SYNCING;
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (fp_session_sign_out_finish (FP_SESSION (object), result, NULL));
  *done = TRUE;
}

static void
test_first_run (void)
{
  g_autofree char *home = g_dir_make_tmp ("fp-first-run-XXXXXX", NULL);
  g_autofree char *cache_dir = g_build_filename (home, "cache", NULL);
  g_autoptr(FpSession) session = fp_session_new ("", cache_dir, FP_SESSION_NONE);
  FpWindow *window = g_object_new (FP_TYPE_WINDOW, "remember-size", FALSE, NULL);
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_WINDOW, "stack"));
  GtkWidget *activity = adw_view_stack_get_child_by_name (stack, "activity");
  GtkWidget *time_machine = adw_view_stack_get_child_by_name (stack, "time-machine");
  GtkWidget *onboarding;
  g_autofree char *cache_id = NULL;
  g_autoptr(GError) error = NULL;
  FpCacheKey *key;
  gboolean signed_out = FALSE;

  fp_window_set_session (window, session);
  gtk_window_present (GTK_WINDOW (window));

  /* A new customer sees the welcome page; nothing is created yet. */
  fp_session_start (session);
  g_assert_cmpstr (main_page (window), ==, "welcome");
  g_assert_false (g_file_test (cache_dir, G_FILE_TEST_EXISTS));

  /* Explore the Demo Bank: the sandbox starts, the cache is created with a
   * key in the keyring, and the consent step comes first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.get-started", NULL));
  fp_ui_test_wait_for (shows_onboarding, window, TRUE);
  g_assert_true (g_file_test (cache_dir, G_FILE_TEST_IS_DIR));
  cache_id = fp_cache_dir_to_cache_id (cache_dir);
  key = fp_cache_key_lookup (cache_id, FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_clear_pointer (&key, fp_cache_key_free);

  /* Continue with none: the app is useful without any consent. */
  onboarding = gtk_stack_get_child_by_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_WINDOW, "main_stack")), "onboarding");
  g_assert_true (gtk_widget_activate_action (onboarding, "onboarding.continue", NULL));
  fp_ui_test_wait_for (shows_pages, window, TRUE);
  for (guint i = 0; i < FP_N_PURPOSES; i++)
    g_assert_false (fp_consent_policy_allows (fp_session_get_consent_policy (session), i));

  /* The first sync fills the pages. */
  fp_ui_test_wait_for (activity_has_rows, activity, TRUE);
  fp_ui_test_wait_for (session_idle, session, TRUE);

  /* With the GenAI consent, the Time Machine's narrative comes from the
   * demo bank's proxy and says so; withdrawn, the page writes its own. */
  g_assert_false (narrative_by_genai (time_machine));
  g_assert_true (fp_consent_policy_set (fp_session_get_consent_policy (session), FP_PURPOSE_GENAI,
                                        FP_CONSENT_GRANTED, g_get_real_time ()));
  fp_ui_test_wait_for (narrative_by_genai, time_machine, TRUE);
  g_assert_true (fp_consent_policy_set (fp_session_get_consent_policy (session), FP_PURPOSE_GENAI,
                                        FP_CONSENT_REVOKED, g_get_real_time ()));
  g_assert_false (narrative_by_genai (time_machine));
  fp_ui_test_wait_for (session_idle, session, TRUE);

  /* Sign out and erase: back to the welcome page, no file of the customer. */
  fp_session_sign_out_async (session, TRUE, signed_out_cb, &signed_out);
  fp_ui_test_wait ((const gboolean *) &signed_out);
  fp_ui_test_wait_for (shows_welcome, window, TRUE);
  g_assert_false (g_file_test (cache_dir, G_FILE_TEST_EXISTS));
  key = fp_cache_key_lookup (cache_id, FP_KEYRING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);

  gtk_window_destroy (GTK_WINDOW (window));
  fp_session_shutdown (session);
  g_rmdir (home);
}

int
main (int   argc,
      char *argv[])
{
  fp_ui_test_init (&argc, &argv);

  g_test_add_func ("/first-run/welcome-demo-consent-sync-sign-out", test_first_run);

  return g_test_run ();
}
