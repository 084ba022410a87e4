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
 *
 * And the first run on 7 December 2026 (the bank's day) with the consent to
 * personalization: right after the consent step the Privacy page says
 * what was chosen, on which device, and that the bank has it; the
 * dashboard's alerts are answered ("Not Me") and the card frozen through
 * the session, each shown as the bank has it after the sync; a
 * recommendation opens Activity on its transactions. The welcome page,
 * the consent step, the dashboard and the Privacy page right after are
 * saved in tests/ui/first-run-screenshots for review.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fp-activity-page.h"
#include "fp-cache-key.h"
#include "fp-consent-row.h"
#include "fp-dashboard-page.h"
#include "fp-onboarding-consent.h"
#include "fp-privacy-page.h"
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

/* Renders the window into first-run-screenshots/NAME.png, as
 * src/ui/fp-screenshot.c does. */
static void
save_shot (FpWindow   *window,
           const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "ui", "first-run-screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  int width, height;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  /* A page switch crossfades: let it end and draw. */
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      fp_ui_test_spin (250);
      width = gtk_widget_get_width (GTK_WIDGET (window));
      height = gtk_widget_get_height (GTK_WIDGET (window));
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0 && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

static char *
widget_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_text (widget, out);
  return g_string_free (out, FALSE);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (FP_IS_CONSENT_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_rows (c, rows);
}

/* Every purpose says the bank has the choice (delivered or confirmed). */
static gboolean
bank_has_choices (gpointer data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (data, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *text = fp_consent_row_get_status_text (g_ptr_array_index (rows, i));

      if (text == NULL || (!g_str_has_suffix (text, "Your bank has it.") &&
                           !g_str_has_suffix (text, "Your bank confirmed it.")))
        return FALSE;
    }
  return rows->len == FP_N_PURPOSES;
}

static gboolean
shows_alert_buttons (gpointer data)
{
  return find_named (data, "verdict-buttons") != NULL;
}

static gboolean
answer_delivered (gpointer data)
{
  g_autofree char *text = widget_text (data);

  return strstr (text, "You said this was not you. Your bank has it.") != NULL;
}

static gboolean
card_frozen (gpointer data)
{
  g_autofree char *text = widget_text (data);

  return strstr (text, " is frozen.") != NULL;
}

static gboolean
outbox_empty (gpointer data)
{
  g_autoptr(GPtrArray) pending = fp_cache_outbox_list_pending (fp_session_get_cache (data), NULL);

  return pending != NULL && pending->len == 0 && session_idle (data);
}

static gboolean
activity_filtered (gpointer data)
{
  FpActivityPage *page = FP_ACTIVITY_PAGE (data);
  FpTransactionModel *model = fp_activity_page_get_model (page);

  return !fp_txn_filter_is_empty (fp_transaction_model_get_filter (model)) &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

static void
test_consent_step_then_answers (void)
{
  g_autofree char *home = g_dir_make_tmp ("fp-first-run-XXXXXX", NULL);
  g_autofree char *cache_dir = g_build_filename (home, "cache", NULL);
  g_autoptr(FpSession) session = NULL;
  FpWindow *window;
  AdwViewStack *stack;
  GtkWidget *dashboard, *privacy, *activity, *onboarding, *buttons, *not_me, *freeze, *link;
  const char *device;
  g_autofree char *chosen_on = NULL;
  gboolean signed_out = FALSE;

  /* The live demo on the day of the issue: its history ends today. */
  g_setenv ("FP_TODAY", "2026-12-07", TRUE);
  session = fp_session_new ("", cache_dir, FP_SESSION_NONE);
  window = g_object_new (FP_TYPE_WINDOW, "remember-size", FALSE, NULL);
  stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_WINDOW, "stack"));
  dashboard = adw_view_stack_get_child_by_name (stack, "dashboard");
  privacy = adw_view_stack_get_child_by_name (stack, "privacy");
  activity = adw_view_stack_get_child_by_name (stack, "activity");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  fp_window_set_session (window, session);
  gtk_window_present (GTK_WINDOW (window));
  fp_session_start (session);
  save_shot (window, "welcome");

  /* The consent step, answered with personalization only. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    chosen_on = g_date_time_format (now, "%-d %B");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.get-started", NULL));
  fp_ui_test_wait_for (shows_onboarding, window, TRUE);
  onboarding = gtk_stack_get_child_by_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_WINDOW, "main_stack")), "onboarding");
  fp_onboarding_consent_set_chosen (FP_ONBOARDING_CONSENT (onboarding), FP_PURPOSE_PERSONALIZATION, TRUE);
  save_shot (window, "consent-step");
  g_assert_true (gtk_widget_activate_action (onboarding, "onboarding.continue", NULL));
  fp_ui_test_wait_for (shows_pages, window, TRUE);
  fp_ui_test_wait_for (activity_has_rows, activity, TRUE);
  fp_ui_test_wait_for (outbox_empty, session, TRUE);

  /* Right after it, online: what was chosen, when, where, and that the
   * bank has it; nothing "not asked" or "waiting". */
  device = fp_session_get_device_name (session);
  g_assert_nonnull (device);
  fp_ui_test_wait_for (bank_has_choices, privacy, TRUE);
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    collect_rows (privacy, rows);
    g_assert_cmpuint (rows->len, ==, FP_N_PURPOSES);
    for (guint i = 0; i < rows->len; i++)
      {
        FpConsentRow *row = g_ptr_array_index (rows, i);
        const char *text = fp_consent_row_get_status_text (row);
        const char *state = fp_consent_row_get_purpose (row) == FP_PURPOSE_PERSONALIZATION ? "On" : "Off";
        /* The choice is dated by the real clock (FP_TODAY moves only the
         * bank's history): the day it was made, or the next one if the
         * test ran across midnight. */
        g_autofree char *expected = g_strdup_printf ("%s, chosen on %s on %s. Your bank", state, chosen_on, device);
        g_autofree char *expected_now = NULL;

        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *day = g_date_time_format (now, "%-d %B");

          expected_now = g_strdup_printf ("%s, chosen on %s on %s. Your bank", state, day, device);
        }
        g_test_message ("%s: %s", fp_purpose_to_id (fp_consent_row_get_purpose (row)), text);
        g_assert_true (g_str_has_prefix (text, expected) || g_str_has_prefix (text, expected_now));
        g_assert_null (strstr (text, "not been asked"));
        g_assert_null (strstr (text, "waiting"));
        g_assert_null (strstr (text, "Being sent"));
        if (g_strcmp0 (device, g_get_host_name ()) != 0)
          g_assert_null (strstr (text, g_get_host_name ()));
      }
  }
  fp_window_show_page (window, "privacy");
  save_shot (window, "privacy-after-consent");

  /* The dashboard with the alerts of the demo customer. */
  fp_window_show_page (window, "dashboard");
  fp_ui_test_wait_for (shows_alert_buttons, dashboard, TRUE);
  save_shot (window, "dashboard-after-consent");

  /* "Not Me" on the first alert: kept, sent at once, shown as the bank
   * has it after the sync. */
  buttons = find_named (dashboard, "verdict-buttons");
  not_me = gtk_widget_get_last_child (buttons);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (not_me)), ==, "_Not Me");
  g_assert_true (gtk_widget_is_sensitive (not_me));
  g_signal_emit_by_name (not_me, "clicked");
  fp_ui_test_wait_for (answer_delivered, dashboard, TRUE);
  fp_ui_test_wait_for (outbox_empty, session, TRUE);

  /* Not them: "Freeze Card" is offered; after the sync the card is
   * frozen at the bank and says so. */
  freeze = find_named (dashboard, "freeze-button");
  g_assert_nonnull (freeze);
  g_signal_emit_by_name (freeze, "clicked");
  fp_ui_test_wait_for (card_frozen, dashboard, TRUE);
  fp_ui_test_wait_for (outbox_empty, session, TRUE);
  save_shot (window, "dashboard-answered");

  /* A recommendation opens Activity on the transactions behind it. */
  link = find_named (dashboard, "transactions-link");
  g_assert_nonnull (link);
  g_signal_emit_by_name (link, "clicked");
  g_assert_true (adw_view_stack_get_visible_child (stack) == activity);
  fp_ui_test_wait_for (activity_filtered, activity, TRUE);
  save_shot (window, "activity-from-recommendation");

  fp_session_sign_out_async (session, TRUE, signed_out_cb, &signed_out);
  fp_ui_test_wait ((const gboolean *) &signed_out);
  gtk_window_destroy (GTK_WINDOW (window));
  fp_session_shutdown (session);
  g_rmdir (home);
  g_setenv ("FP_TODAY", "2026-10-31", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  fp_ui_test_init (&argc, &argv);

  g_test_add_func ("/first-run/welcome-demo-consent-sync-sign-out", test_first_run);
  g_test_add_func ("/first-run/consent-step-answers-and-alerts", test_consent_step_then_answers);

  return g_test_run ();
}
