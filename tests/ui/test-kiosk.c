/* test-kiosk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kiosk mode end to end in its window, against the sandbox bank on a
 * thread: the attract screen, the QR sign-in (the QR code read back from
 * the picture by zbarimg, an independent decoder), approval on the "phone"
 * over HTTP, the dashboard with balances hidden until tapped, touch
 * targets, no file dialog, the inactivity warning and the end of the
 * session by itself (the idle clock moved by its test hook), sign-out. The
 * pictures of every step at 1080×1920 and 1920×1080 are saved in the build
 * directory (tests/ui/kiosk-screenshots) to be looked at.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fp-dashboard-page.h"
#include "fp-figure.h"
#include "fp-http-client.h"
#include "fp-keyring.h"
#include "fp-kiosk.h"
#include "fp-net-error.h"
#include "fp-sandbox-oauth.h"
#include "fp-test-browser.h"
#include "fp-ui-test.h"
#include "net/net-test-sandbox.h"

static char *shot_dir;

typedef struct {
  TestSandbox *sandbox;
  GSettings   *settings;
  FpKiosk     *kiosk;
  int          width;
  int          height;
  int          ended;
  gboolean     updated;
  gboolean     synced;
} Fixture;

/* Pictures */

static void
save_png (GtkWidget  *window,
          const char *name,
          Fixture    *f)
{
  g_autofree char *file = g_strdup_printf ("%s-%dx%d.png", name, f->width, f->height);
  g_autofree char *path = g_build_filename (shot_dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  double x = 0, y = 0;

  g_assert_cmpint (width, ==, f->width);
  g_assert_cmpint (height, ==, f->height);

  /* At its own size, not scaled: the paintable includes the margins of
   * client-side decorations (none when full screen), the picture not. */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &x, &y);
  gdk_paintable_snapshot (paintable, snapshot, gdk_paintable_get_intrinsic_width (paintable),
                          gdk_paintable_get_intrinsic_height (paintable));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (x, y, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static char *
shot_path (const char *name,
           Fixture    *f)
{
  g_autofree char *file = g_strdup_printf ("%s-%dx%d.png", name, f->width, f->height);

  return g_build_filename (shot_dir, file, NULL);
}

/* Reads the QR code in a picture with zbarimg. */
static char *
decode_qr (const char *path)
{
  const char *argv[] = { "zbarimg", "--raw", "-q", path, NULL };
  g_autofree char *out = NULL;
  int status = 0;
  g_autoptr(GError) error = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("zbarimg (package zbar-tools) could not run: %s", error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strdup (g_strstrip (out));
}

/* Waiting */

static FpKioskState wanted_state;

static gboolean
in_state (gpointer data)
{
  return fp_kiosk_session_get_state (fp_kiosk_get_kiosk_session (data)) == wanted_state;
}

static void
wait_state (Fixture      *f,
            FpKioskState  state)
{
  wanted_state = state;
  fp_ui_test_wait_for (in_state, f->kiosk, TRUE);
}

static gboolean
window_sized (gpointer data)
{
  Fixture *f = data;
  GtkWidget *window = GTK_WIDGET (fp_kiosk_get_window (f->kiosk));

  if (g_test_verbose ())
    g_test_message ("window %d x %d", gtk_widget_get_width (window), gtk_widget_get_height (window));
  return gtk_widget_get_mapped (window) && gtk_widget_get_width (window) == f->width
         && gtk_widget_get_height (window) == f->height;
}

static void collect (GtkWidget *widget,
                     GType      type,
                     GPtrArray *out);

static gboolean
transitions_done (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  collect (GTK_WIDGET (fp_kiosk_get_window (f->kiosk)), GTK_TYPE_STACK, stacks);
  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_transition_running (g_ptr_array_index (stacks, i)))
      return FALSE;
  return TRUE;
}

static void
painted_cb (GdkFrameClock *clock,
            guint         *frames)
{
  (*frames)++;
}

static gboolean
two_frames (gpointer data)
{
  return *(guint *) data >= 2;
}

/* Lets layout and transitions settle, and two frames be painted, before a
 * picture (a loaded machine paints a tall window slowly). */
static void
settle (Fixture *f)
{
  GtkWidget *window = GTK_WIDGET (fp_kiosk_get_window (f->kiosk));
  guint frames = 0;
  gulong handler;

  fp_ui_test_wait_for (window_sized, f, TRUE);
  fp_ui_test_wait_for (transitions_done, f, TRUE);
  handler = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (painted_cb), &frames);
  gtk_widget_queue_draw (window);
  fp_ui_test_wait_for (two_frames, &frames, TRUE);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), handler);
  fp_ui_test_wait_for (transitions_done, f, TRUE);
}

static gboolean
dashboard_updated (gpointer data)
{
  Fixture *f = data;

  return f->synced && f->updated;
}

static gboolean
has_ended (gpointer data)
{
  return ((Fixture *) data)->ended >= 0;
}

static void
updated_cb (FpDashboardPage *page,
            Fixture         *f)
{
  f->updated = TRUE;
}

static void
synced_cb (FpSession *session,
           Fixture   *f)
{
  f->synced = TRUE;
  f->updated = FALSE;
}

static void
ended_cb (FpKioskSession *kiosk_session,
          int             reason,
          Fixture        *f)
{
  f->ended = reason;
}

/* The widget tree */

static GtkWidget *
template_child (FpWindow   *window,
                const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_WINDOW, name));
}

static GtkWidget *
page (FpWindow   *window,
      const char *name)
{
  return adw_view_stack_get_child_by_name (ADW_VIEW_STACK (template_child (window, "stack")), name);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

/* Whether a label on the screen (mapped: not in a closed popover) shows
 * @text: what someone behind the customer sees. */
static gboolean
window_shows (FpWindow   *window,
              const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (GTK_WIDGET (window), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (label)) && strstr (gtk_label_get_label (label), text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static GPtrArray *
balance_figures (FpWindow *window)
{
  g_autoptr(GPtrArray) figures = g_ptr_array_new ();
  GPtrArray *balances = g_ptr_array_new ();

  collect (GTK_WIDGET (window), FP_TYPE_FIGURE, figures);
  for (guint i = 0; i < figures->len; i++)
    {
      gboolean balance = FALSE;

      g_object_get (g_ptr_array_index (figures, i), "balance", &balance, NULL);
      if (balance)
        g_ptr_array_add (balances, g_ptr_array_index (figures, i));
    }
  return balances;
}

/* What a finger must hit: at least 44 × 44 pixels, or inside a list row
 * that is itself at least 44 high and activates it. */
static void
assert_touch_targets (GtkWidget  *widget,
                      const char *where)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if ((GTK_IS_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget)
       || GTK_IS_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
      && gtk_widget_get_sensitive (widget))
    {
      GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
      int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

      if (row != NULL && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)))
        h = MAX (h, gtk_widget_get_height (row)), w = MAX (w, gtk_widget_get_width (row));
      if (w < 44 || h < 44)
        {
          GString *path = g_string_new (NULL);

          for (GtkWidget *p = gtk_widget_get_parent (widget); p != NULL && path->len < 200; p = gtk_widget_get_parent (p))
            g_string_append_printf (path, " in %s", G_OBJECT_TYPE_NAME (p));
          g_error ("%s: a %s (%s) is %d × %d pixels, less than 44 × 44 for a finger;%s", where,
                   G_OBJECT_TYPE_NAME (widget),
                   GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL
                   ? gtk_button_get_label (GTK_BUTTON (widget)) : "", w, h, path->str);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_touch_targets (child, where);
}

/* The fixture: the sandbox, the kiosk's settings, the kiosk */

static void
fixture_set_up (Fixture *f,
                int      width,
                int      height)
{
  f->sandbox = test_sandbox_start (1, NULL);
  f->settings = g_settings_new (FP_KIOSK_SCHEMA_ID);
  g_settings_set_string (f->settings, "bank-api-url", f->sandbox->url);
  g_settings_set_uint (f->settings, "idle-timeout", 120);
  g_settings_set_uint (f->settings, "idle-warning", 30);
  g_settings_set_boolean (f->settings, "hide-balances", TRUE);
  f->width = width;
  f->height = height;
  f->ended = -1;
  f->kiosk = fp_kiosk_new (NULL, f->settings);
  fp_kiosk_set_size (f->kiosk, width, height);
  g_signal_connect (fp_kiosk_get_kiosk_session (f->kiosk), "ended", G_CALLBACK (ended_cb), f);
  fp_kiosk_present (f->kiosk);
}

static void
fixture_tear_down (Fixture *f)
{
  fp_kiosk_shutdown (f->kiosk);
  g_object_add_weak_pointer (G_OBJECT (f->kiosk), (gpointer *) &f->kiosk);
  g_object_unref (f->kiosk);
  g_assert_null (f->kiosk);
  g_clear_object (&f->settings);
  fp_ui_test_spin (50);
  test_sandbox_stop (f->sandbox);
}

/* Start on the attract screen, scan, approve on the phone, until the
 * dashboard shows the synced data. */
static void
sign_in (Fixture *f,
         gboolean take_pictures)
{
  FpKioskSession *ks = fp_kiosk_get_kiosk_session (f->kiosk);
  FpKioskScreen *screen = fp_kiosk_get_screen (f->kiosk);
  FpKioskSignIn *sign_in_screen = fp_kiosk_screen_get_sign_in (screen);
  FpWindow *window = fp_kiosk_get_window (f->kiosk);
  g_autoptr(FpTestBrowserResult) approved = NULL;
  g_autofree char *otp = fp_sandbox_one_time_code ("demo");
  FpSession *session;

  settle (f);
  g_assert_cmpstr (fp_kiosk_screen_get_shown (screen), ==, "attract");
  g_assert_false (gtk_widget_get_sensitive (template_child (window, "toast_overlay")));
  if (take_pictures)
    save_png (GTK_WIDGET (window), "attract", f);

  /* A tap on the attract screen starts. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fp_kiosk_screen_get_attract (screen)), "kiosk.start", NULL));
  wait_state (f, FP_KIOSK_STATE_WAITING);
  g_assert_cmpstr (fp_kiosk_screen_get_shown (screen), ==, "sign-in");
  g_assert_cmpstr (fp_kiosk_sign_in_get_page (sign_in_screen), ==, "waiting");
  g_assert_cmpstr (fp_kiosk_sign_in_get_qr_text (sign_in_screen), ==,
                   fp_kiosk_session_get_verification_uri_complete (ks));
  /* The bank's code lives 600 s: a countdown from 10:00. */
  g_assert_true (g_str_equal (fp_kiosk_sign_in_get_countdown (sign_in_screen), "This code expires in 10:00")
                 || g_str_has_prefix (fp_kiosk_sign_in_get_countdown (sign_in_screen), "This code expires in 9:5"));
  g_assert_true (window_shows (window, fp_kiosk_session_get_user_code (ks)));
  if (take_pictures)
    {
      g_autofree char *path = shot_path ("sign-in", f);
      g_autofree char *read = NULL;

      settle (f);
      save_png (GTK_WIDGET (window), "sign-in", f);
      /* What a phone's camera reads is the address with the code. */
      read = decode_qr (path);
      g_assert_cmpstr (read, ==, fp_kiosk_session_get_verification_uri_complete (ks));
    }

  approved = fp_test_browser_submit (fp_kiosk_session_get_verification_uri_complete (ks), "approve",
                                     "username", "demo", "password", "sandbox", "otp", otp, NULL);
  g_assert_cmpuint (approved->status, ==, 200);
  wait_state (f, FP_KIOSK_STATE_SIGNED_IN);
  session = fp_kiosk_session_get_session (ks);
  g_assert_nonnull (session);
  g_signal_connect (session, "synced", G_CALLBACK (synced_cb), f);
  g_signal_connect (page (window, "dashboard"), "updated", G_CALLBACK (updated_cb), f);
  g_assert_null (fp_kiosk_screen_get_shown (screen));
  g_assert_true (gtk_widget_get_sensitive (template_child (window, "toast_overlay")));
  fp_ui_test_wait_for (dashboard_updated, f, TRUE);

  /* As the customer would on the Privacy page: the whole dashboard. */
  f->updated = FALSE;
  fp_consent_policy_set (fp_session_get_consent_policy (session), FP_PURPOSE_PERSONALIZATION,
                         FP_CONSENT_GRANTED, g_get_real_time ());
  fp_ui_test_wait_for (dashboard_updated, f, TRUE);
  settle (f);
}

/* The whole walk at one size, with its pictures. */
static void
test_walk (gconstpointer data)
{
  const int *size = data;
  Fixture f = { 0 };
  FpKioskIdle *idle;
  FpWindow *window;
  FpKioskScreen *screen;
  g_autoptr(GPtrArray) balances = NULL;
  g_autofree char *total = NULL;
  g_autofree char *access = NULL, *refresh = NULL;
  g_autofree char *cache_dir = NULL;
  gint64 expires = 0;
  FpSession *session;

  fixture_set_up (&f, size[0], size[1]);
  sign_in (&f, TRUE);
  window = fp_kiosk_get_window (f.kiosk);
  screen = fp_kiosk_get_screen (f.kiosk);
  session = fp_kiosk_session_get_session (fp_kiosk_get_kiosk_session (f.kiosk));
  cache_dir = g_strdup (fp_cache_get_dir (fp_session_get_cache (session)));

  /* Balances are dots until tapped: their text is nowhere in the window. */
  balances = balance_figures (window);
  g_assert_cmpuint (balances->len, >=, 3);
  for (guint i = 0; i < balances->len; i++)
    {
      FpFigure *figure = g_ptr_array_index (balances, i);

      g_assert_true (fp_figure_get_concealed (figure));
      g_assert_false (window_shows (window, fp_figure_get_text (figure)));
    }
  total = g_strdup (fp_figure_get_text (g_ptr_array_index (balances, 0)));
  save_png (GTK_WIDGET (window), "dashboard-hidden", &f);

  /* Tapping one shows that one. */
  {
    FpFigure *figure = g_ptr_array_index (balances, 0);
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    collect (GTK_WIDGET (figure), GTK_TYPE_BUTTON, buttons);
    g_assert_cmpuint (buttons->len, ==, 1);
    g_signal_emit_by_name (g_ptr_array_index (buttons, 0), "clicked");
    g_assert_false (fp_figure_get_concealed (figure));
    g_assert_true (window_shows (window, total));
    g_assert_true (fp_figure_get_concealed (g_ptr_array_index (balances, 1)));
  }

  /* "Show Balances" in the header shows all of them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.toggle-balances", NULL));
  for (guint i = 0; i < balances->len; i++)
    g_assert_false (fp_figure_get_concealed (g_ptr_array_index (balances, i)));
  settle (&f);
  save_png (GTK_WIDGET (window), "dashboard-shown", &f);

  /* Every page is usable with a finger. */
  {
    static const char *const names[] = { "dashboard", "activity", "time-machine", "privacy" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *where = g_strdup_printf ("%s at %dx%d", names[i], f.width, f.height);

        g_assert_true (fp_window_show_page (window, names[i]));
        settle (&f);
        assert_touch_targets (GTK_WIDGET (window), where);
      }
    g_assert_true (fp_window_show_page (window, "dashboard"));
  }

  /* Inactivity: the warning counts down over the dimmed session. */
  idle = fp_kiosk_get_idle (f.kiosk);
  g_assert_true (fp_kiosk_idle_get_watching (idle));
  /* Counted from a touch now; the test's own time is not the customer's. */
  fp_kiosk_idle_reset (idle);
  fp_kiosk_idle_advance (idle, 115);
  g_assert_null (fp_kiosk_screen_get_shown (screen));
  g_assert_false (fp_kiosk_idle_get_warning (idle));
  fp_kiosk_idle_advance (idle, 5);
  g_assert_true (fp_kiosk_idle_get_warning (idle));
  g_assert_cmpstr (fp_kiosk_screen_get_shown (screen), ==, "idle");
  g_assert_cmpint (fp_kiosk_idle_get_seconds_left (idle), ==, 30);
  fp_kiosk_idle_advance (idle, 5);
  g_assert_cmpint (fp_kiosk_idle_get_seconds_left (idle), ==, 25);
  g_assert_nonnull (strstr (fp_kiosk_idle_warning_get_message (fp_kiosk_screen_get_idle_warning (screen)),
                            "signed out in 25 seconds"));
  settle (&f);
  save_png (GTK_WIDGET (window), "idle-warning", &f);

  /* "I'm still here" (as any touch): the warning goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.stay", NULL));
  g_assert_false (fp_kiosk_idle_get_warning (idle));
  g_assert_null (fp_kiosk_screen_get_shown (screen));

  /* Nobody comes back: the session ends by itself. */
  fp_sync_engine_export_tokens (fp_session_get_sync_engine (session), &access, &refresh, &expires);
  fp_kiosk_idle_reset (idle);
  fp_kiosk_idle_advance (idle, 120);
  g_assert_cmpstr (fp_kiosk_screen_get_shown (screen), ==, "idle");
  fp_kiosk_idle_advance (idle, 30);
  /* At once: the customer's window is gone, its cache too. */
  g_assert_true (fp_kiosk_get_window (f.kiosk) != window);
  g_assert_false (g_file_test (cache_dir, G_FILE_TEST_EXISTS));
  fp_ui_test_wait_for (has_ended, &f, TRUE);
  g_assert_cmpint (f.ended, ==, FP_KIOSK_END_INACTIVITY);
  g_assert_cmpstr (fp_kiosk_screen_get_shown (fp_kiosk_get_screen (f.kiosk)), ==, "attract");
  g_assert_nonnull (fp_kiosk_attract_get_note (fp_kiosk_screen_get_attract (fp_kiosk_get_screen (f.kiosk))));
  g_assert_false (window_shows (fp_kiosk_get_window (f.kiosk), total));
  {
    g_autoptr(FpHttpClient) http = fp_http_client_new (f.sandbox->url, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) accounts = NULL;

    /* The session's token was revoked at the bank. */
    fp_http_client_set_access_token (http, access);
    fp_http_client_set_retry (http, 1, 0, 0);
    accounts = fp_http_client_get_json (http, "v1/accounts", NULL, 1 << 20, NULL, NULL, NULL, &error);
    g_assert_null (accounts);
    g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED);
  }
  fp_keyring_free_token (g_steal_pointer (&access));
  fp_keyring_free_token (g_steal_pointer (&refresh));

  fixture_tear_down (&f);
}

/* The kiosk's window: no window controls, no menu, and it does not close. */
static void
test_chrome (void)
{
  Fixture f = { 0 };
  FpWindow *window;

  fixture_set_up (&f, 1920, 1080);
  window = fp_kiosk_get_window (f.kiosk);
  settle (&f);
  g_assert_true (fp_window_get_kiosk (window));
  g_assert_false (gtk_window_get_deletable (GTK_WINDOW (window)));
  g_assert_false (gtk_widget_get_visible (template_child (window, "menu_button")));
  g_assert_false (adw_header_bar_get_show_end_title_buttons (ADW_HEADER_BAR (template_child (window, "header_bar"))));
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  gtk_window_close (GTK_WINDOW (window));
  fp_ui_test_spin (100);
  g_assert_true (fp_kiosk_get_window (f.kiosk) == window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  fixture_tear_down (&f);
}

/* Sign Out: one tap, and nothing of the customer stays: not the window,
 * not the clipboard, not the cache. "Download my data" saves no file. */
static void
test_sign_out (void)
{
  Fixture f = { 0 };
  FpWindow *window;
  FpSession *session;
  g_autofree char *cache_dir = NULL;
  GdkClipboard *clipboard;
  GListModel *toplevels;
  gboolean dialog = FALSE;

  fixture_set_up (&f, 1920, 1080);
  sign_in (&f, FALSE);
  window = fp_kiosk_get_window (f.kiosk);
  session = fp_kiosk_session_get_session (fp_kiosk_get_kiosk_session (f.kiosk));
  cache_dir = g_strdup (fp_cache_get_dir (fp_session_get_cache (session)));

  /* Download my data explains itself instead of opening a file chooser. */
  g_assert_true (fp_window_show_page (window, "privacy"));
  g_assert_true (gtk_widget_activate_action (page (window, "privacy"), "privacy.export", NULL));
  fp_ui_test_spin (200);
  toplevels = gtk_window_get_toplevels ();  /* not ours */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) top = g_list_model_get_item (toplevels, i);

      g_assert_false (GTK_IS_FILE_CHOOSER (top));
      if (ADW_IS_MESSAGE_DIALOG (top))
        {
          g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (top)), ==,
                           "Download Your Data at Home");
          dialog = TRUE;
          gtk_window_destroy (GTK_WINDOW (top));
        }
    }
  g_assert_true (dialog);

  /* Something the customer copied. */
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  gdk_clipboard_set_text (clipboard, "a merchant's name");
  g_assert_true (gdk_clipboard_is_local (clipboard));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.sign-out", NULL));
  g_assert_true (fp_kiosk_get_window (f.kiosk) != window);
  g_assert_false (g_file_test (cache_dir, G_FILE_TEST_EXISTS));
  g_assert_null (gdk_clipboard_get_content (clipboard));
  fp_ui_test_wait_for (has_ended, &f, TRUE);
  g_assert_cmpint (f.ended, ==, FP_KIOSK_END_SIGN_OUT);
  g_assert_cmpstr (fp_kiosk_screen_get_shown (fp_kiosk_get_screen (f.kiosk)), ==, "attract");

  /* The next customer can start. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fp_kiosk_get_window (f.kiosk)), "kiosk.start", NULL));
  wait_state (&f, FP_KIOSK_STATE_WAITING);
  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  static const int portrait[] = { 1080, 1920 };
  static const int landscape[] = { 1920, 1080 };

  fp_ui_test_init (&argc, &argv);
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    /* What AdwApplication loads from the resources in the app. */
    gtk_css_provider_load_from_resource (css, "/io/github/finpersona/FinPersona/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      "/io/github/finpersona/FinPersona/icons");
  }
  shot_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "ui", "kiosk-screenshots", NULL);
  g_mkdir_with_parents (shot_dir, 0755);

  g_test_add_func ("/ui/kiosk/chrome", test_chrome);
  g_test_add_func ("/ui/kiosk/sign-out", test_sign_out);
  g_test_add_data_func ("/ui/kiosk/walk/portrait", portrait, test_walk);
  g_test_add_data_func ("/ui/kiosk/walk/landscape", landscape, test_walk);
  return g_test_run ();
}
