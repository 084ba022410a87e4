/* fp-kiosk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kiosk mode (`finpersona --kiosk`): one full-screen window at a time,
 * with the kiosk's screens over it (attract, sign-in with the device
 * grant, the inactivity warning) and, once a customer is signed in, the
 * app's pages under a header with Sign Out and Show Balances. When the
 * session ends (sign-out, inactivity, erase), the window with everything
 * the customer saw is destroyed and a fresh one takes its place, the
 * clipboard is emptied, and the FpKioskSession removes the data and
 * revokes the tokens.
 *
 * The branch configures it with GSettings (schema
 * io.github.finpersona.FinPersona.Kiosk, lockable with dconf): the bank's
 * address, the inactivity timeout and warning, hidden balances.
 */

#define G_LOG_DOMAIN "fp-kiosk"

#include "config.h"

#include <glib/gi18n.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "fp-kiosk.h"

/* Time given to revocation when the kiosk stops. */
#define SHUTDOWN_WAIT_SECONDS 12

struct _FpKiosk
{
  GObject             parent_instance;

  GtkApplication     *application;   /* weak */
  GSettings          *settings;
  FpKioskSession     *kiosk_session;
  FpKioskIdle        *idle;
  GSimpleActionGroup *actions;

  FpWindow           *window;
  FpKioskScreen      *screen;
  GtkWidget          *balances_button;

  int                 width;
  int                 height;
  gboolean            shutting_down;
  guint               note_id;
};

G_DEFINE_FINAL_TYPE (FpKiosk, fp_kiosk, G_TYPE_OBJECT)

static void update (FpKiosk *self);

static void
set_enabled (FpKiosk    *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_balances_button (FpKiosk *self)
{
  gboolean hidden = fp_window_get_hide_balances (self->window);

  gtk_button_set_label (GTK_BUTTON (self->balances_button),
                        hidden ? _("Show _Balances") : _("Hide _Balances"));
}

static void
watch_idle (FpKiosk  *self,
            gboolean  warn)
{
  guint timeout = g_settings_get_uint (self->settings, "idle-timeout");
  guint warning = g_settings_get_uint (self->settings, "idle-warning");

  fp_kiosk_idle_watch (self->idle, GTK_WIDGET (self->window), timeout, warn ? warning : 0);
}

/* A window of an exact size (tests, screenshots, trying it on a
 * desktop): the default size counts client-side decorations' margins,
 * which are known only once shown, so correct by what is missing. */
static gboolean
fit_size_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  FpKiosk *self = user_data;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int default_width, default_height;
  guint tries = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "fp-kiosk-fit-tries"));

  if (width <= 0 || height <= 0)
    return G_SOURCE_CONTINUE;
  if ((width == self->width && height == self->height) || tries >= 5)
    return G_SOURCE_REMOVE;
  gtk_window_get_default_size (GTK_WINDOW (widget), &default_width, &default_height);
  gtk_window_set_default_size (GTK_WINDOW (widget), default_width + self->width - width,
                               default_height + self->height - height);
  g_object_set_data (G_OBJECT (widget), "fp-kiosk-fit-tries", GUINT_TO_POINTER (tries + 1));
  return G_SOURCE_CONTINUE;
}

static FpWindow *
new_window (FpKiosk *self)
{
  FpWindow *window;
  GtkWidget *sign_out;

  window = g_object_new (FP_TYPE_WINDOW,
                         "application", self->application,
                         "remember-size", FALSE,
                         "kiosk", TRUE,
                         "hide-balances", g_settings_get_boolean (self->settings, "hide-balances"),
                         NULL);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "kiosk", G_ACTION_GROUP (self->actions));

  self->screen = FP_KIOSK_SCREEN (fp_kiosk_screen_new ());
  fp_window_add_overlay (window, GTK_WIDGET (self->screen));
  fp_kiosk_sign_in_set_kiosk_session (fp_kiosk_screen_get_sign_in (self->screen), self->kiosk_session);
  fp_kiosk_attract_set_timeouts (fp_kiosk_screen_get_attract (self->screen),
                                 g_settings_get_uint (self->settings, "idle-timeout"),
                                 g_settings_get_boolean (self->settings, "hide-balances"));

  /* Packed at the end: the last one packed is leftmost. */
  sign_out = gtk_button_new_with_mnemonic (_("_Sign Out"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (sign_out), "kiosk.sign-out");
  gtk_widget_add_css_class (sign_out, "destructive-action");
  gtk_widget_add_css_class (sign_out, "pill");
  fp_window_add_header_widget (window, sign_out);
  self->balances_button = gtk_button_new_with_mnemonic ("");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->balances_button), "kiosk.toggle-balances");
  gtk_widget_add_css_class (self->balances_button, "pill");
  fp_window_add_header_widget (window, self->balances_button);
  g_signal_connect_object (window, "notify::hide-balances", G_CALLBACK (update_balances_button), self,
                           G_CONNECT_SWAPPED);

  if (self->width > 0 && self->height > 0)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), self->width, self->height);
      gtk_widget_add_tick_callback (GTK_WIDGET (window), fit_size_cb, self, NULL);
    }
  else
    gtk_window_fullscreen (GTK_WINDOW (window));

  self->window = window;
  update_balances_button (self);
  return window;
}

static gboolean
clear_note_cb (gpointer user_data)
{
  FpKiosk *self = user_data;

  self->note_id = 0;
  if (self->screen != NULL)
    fp_kiosk_attract_set_note (fp_kiosk_screen_get_attract (self->screen), NULL);
  return G_SOURCE_REMOVE;
}

/* Nothing the customer copied stays for the next one. */
static void
empty_clipboards (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);

  gdk_clipboard_set_content (gdk_display_get_clipboard (display), NULL);
  gdk_clipboard_set_content (gdk_display_get_primary_clipboard (display), NULL);
}

/* The session is over: the window that showed it goes, with every widget
 * that held the customer's data, and a fresh one shows the attract
 * screen. */
static void
replace_window (FpKiosk *self)
{
  FpWindow *old = self->window;

  fp_kiosk_idle_stop (self->idle);
  empty_clipboards (GTK_WIDGET (old));
  self->window = NULL;
  self->screen = NULL;
  self->balances_button = NULL;
  if (!self->shutting_down)
    {
      new_window (self);
      update (self);
      gtk_window_present (GTK_WINDOW (self->window));
    }
  gtk_window_destroy (GTK_WINDOW (old));
}

static void
synced_cb (FpSession *session,
           FpKiosk   *self)
{
  g_debug ("the customer's data is synced");
}

static void
session_cb (FpKioskSession *kiosk_session,
            GParamSpec     *pspec,
            FpKiosk        *self)
{
  FpSession *session = fp_kiosk_session_get_session (kiosk_session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "synced", G_CALLBACK (synced_cb), self, 0);
      fp_window_set_session (self->window, session);
      fp_window_show_page (self->window, "dashboard");
      watch_idle (self, TRUE);
      update (self);
    }
  else if (self->window != NULL && fp_window_get_session (self->window) != NULL)
    replace_window (self);
}

static void
ended_cb (FpKioskSession *kiosk_session,
          int             reason,
          FpKiosk        *self)
{
  const char *note;

  if (self->screen == NULL)
    return;
  if (reason == FP_KIOSK_END_INACTIVITY)
    note = _("You were signed out because nobody touched the screen for a while. Everything of yours was erased from this kiosk.");
  else
    note = _("You are signed out. Everything of yours was erased from this kiosk.");
  fp_kiosk_attract_set_note (fp_kiosk_screen_get_attract (self->screen), note);
  g_clear_handle_id (&self->note_id, g_source_remove);
  self->note_id = g_timeout_add_seconds (60, clear_note_cb, self);
}

static void
update (FpKiosk *self)
{
  FpKioskState state = fp_kiosk_session_get_state (self->kiosk_session);
  gboolean warning = fp_kiosk_idle_get_warning (self->idle);
  const char *shown = NULL;

  set_enabled (self, "start", state == FP_KIOSK_STATE_IDLE || state == FP_KIOSK_STATE_DENIED
                              || state == FP_KIOSK_STATE_EXPIRED || state == FP_KIOSK_STATE_FAILED);
  set_enabled (self, "cancel", state == FP_KIOSK_STATE_STARTING || state == FP_KIOSK_STATE_WAITING
                               || state == FP_KIOSK_STATE_DENIED || state == FP_KIOSK_STATE_EXPIRED
                               || state == FP_KIOSK_STATE_FAILED);
  set_enabled (self, "sign-out", state == FP_KIOSK_STATE_SIGNED_IN);
  set_enabled (self, "stay", state == FP_KIOSK_STATE_SIGNED_IN);
  set_enabled (self, "toggle-balances", state == FP_KIOSK_STATE_SIGNED_IN);

  if (self->screen == NULL)
    return;

  switch (state)
    {
    case FP_KIOSK_STATE_IDLE:
    case FP_KIOSK_STATE_ENDING:
      shown = "attract";
      fp_kiosk_attract_set_ending (fp_kiosk_screen_get_attract (self->screen), state == FP_KIOSK_STATE_ENDING);
      if (fp_kiosk_idle_get_watching (self->idle))
        fp_kiosk_idle_stop (self->idle);
      break;

    case FP_KIOSK_STATE_STARTING:
    case FP_KIOSK_STATE_WAITING:
      shown = "sign-in";
      g_clear_handle_id (&self->note_id, g_source_remove);
      fp_kiosk_attract_set_note (fp_kiosk_screen_get_attract (self->screen), NULL);
      /* The code's own expiry bounds the wait. */
      if (fp_kiosk_idle_get_watching (self->idle))
        fp_kiosk_idle_stop (self->idle);
      break;

    case FP_KIOSK_STATE_DENIED:
    case FP_KIOSK_STATE_EXPIRED:
    case FP_KIOSK_STATE_FAILED:
      shown = "sign-in";
      /* Back to the attract screen if nobody answers. */
      if (!fp_kiosk_idle_get_watching (self->idle))
        watch_idle (self, FALSE);
      break;

    case FP_KIOSK_STATE_SIGNED_IN:
    default:
      shown = warning ? "idle" : NULL;
      break;
    }

  fp_kiosk_screen_show (self->screen, shown);
  fp_window_set_covered (self->window, shown != NULL);
}

static void
idle_warning_cb (FpKioskIdle *idle,
                 GParamSpec  *pspec,
                 FpKiosk     *self)
{
  if (self->screen != NULL)
    fp_kiosk_idle_warning_set_seconds_left (fp_kiosk_screen_get_idle_warning (self->screen),
                                            fp_kiosk_idle_get_seconds_left (idle));
  update (self);
}

static void
timed_out_cb (FpKioskIdle *idle,
              FpKiosk     *self)
{
  if (fp_kiosk_session_get_state (self->kiosk_session) == FP_KIOSK_STATE_SIGNED_IN)
    fp_kiosk_session_end (self->kiosk_session, FP_KIOSK_END_INACTIVITY);
  else
    fp_kiosk_session_cancel (self->kiosk_session);
}

static void
settings_changed_cb (GSettings  *settings,
                     const char *key,
                     FpKiosk    *self)
{
  if (g_str_equal (key, "hide-balances") && self->window != NULL)
    fp_window_set_hide_balances (self->window, g_settings_get_boolean (settings, key));
  if (self->screen != NULL)
    fp_kiosk_attract_set_timeouts (fp_kiosk_screen_get_attract (self->screen),
                                   g_settings_get_uint (settings, "idle-timeout"),
                                   g_settings_get_boolean (settings, "hide-balances"));
}

static void
start_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  fp_kiosk_start (user_data);
}

static void
cancel_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  FpKiosk *self = user_data;

  fp_kiosk_session_cancel (self->kiosk_session);
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  fp_kiosk_sign_out (user_data);
}

static void
stay_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  FpKiosk *self = user_data;

  fp_kiosk_idle_reset (self->idle);
}

static void
toggle_balances_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FpKiosk *self = user_data;

  fp_window_set_hide_balances (self->window, !fp_window_get_hide_balances (self->window));
}

static const GActionEntry actions[] = {
  { "start", start_action },
  { "cancel", cancel_action },
  { "sign-out", sign_out_action },
  { "stay", stay_action },
  { "toggle-balances", toggle_balances_action },
};

static void
fp_kiosk_dispose (GObject *object)
{
  FpKiosk *self = FP_KIOSK (object);

  g_clear_handle_id (&self->note_id, g_source_remove);
  if (self->idle != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->idle, self);
      fp_kiosk_idle_stop (self->idle);
    }
  if (self->kiosk_session != NULL)
    g_signal_handlers_disconnect_by_data (self->kiosk_session, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->window));
  self->window = NULL;
  self->screen = NULL;
  g_clear_object (&self->idle);
  g_clear_object (&self->kiosk_session);
  g_clear_object (&self->actions);
  g_clear_object (&self->settings);
  if (self->application != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
  self->application = NULL;

  G_OBJECT_CLASS (fp_kiosk_parent_class)->dispose (object);
}

static void
fp_kiosk_class_init (FpKioskClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = fp_kiosk_dispose;
}

static void
fp_kiosk_init (FpKiosk *self)
{
}

/**
 * fp_kiosk_harden_process:
 *
 * What a crash of a kiosk may not leave: a core dump holds the tokens, the
 * cache's key and the customer's data in the clear. No core dumps, and no
 * other process of the same user may read this one's memory (ptrace).
 */
void
fp_kiosk_harden_process (void)
{
  struct rlimit none = { 0, 0 };

  if (setrlimit (RLIMIT_CORE, &none) != 0)
    g_debug ("could not turn core dumps off");
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_debug ("could not make the process undumpable");
}

/**
 * fp_kiosk_new:
 * @application: (nullable): the application the windows belong to
 * @settings: (nullable): the kiosk's settings; %NULL for
 *   %FP_KIOSK_SCHEMA_ID
 *
 * Cleans up after an earlier kiosk that crashed, starts the embedded demo
 * bank if no bank is configured, and makes the first window (not shown
 * yet: fp_kiosk_present()).
 *
 * Returns: (transfer full): the kiosk
 */
FpKiosk *
fp_kiosk_new (GtkApplication *application,
              GSettings      *settings)
{
  FpKiosk *self = g_object_new (FP_TYPE_KIOSK, NULL);
  g_autofree char *bank_url = NULL;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  if (application != NULL)
    {
      self->application = application;
      g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
    }
  self->settings = settings != NULL ? g_object_ref (settings) : g_settings_new (FP_KIOSK_SCHEMA_ID);
  g_signal_connect (self->settings, "changed", G_CALLBACK (settings_changed_cb), self);

  /* GTK keeps no list of recently used files on a kiosk. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);

  fp_kiosk_session_clean_up_after_crash ();
  bank_url = g_settings_get_string (self->settings, "bank-api-url");
  self->kiosk_session = fp_kiosk_session_new (bank_url);
  g_signal_connect_swapped (self->kiosk_session, "notify::state", G_CALLBACK (update), self);
  g_signal_connect (self->kiosk_session, "notify::session", G_CALLBACK (session_cb), self);
  g_signal_connect (self->kiosk_session, "ended", G_CALLBACK (ended_cb), self);

  self->idle = fp_kiosk_idle_new ();
  g_signal_connect (self->idle, "notify::warning", G_CALLBACK (idle_warning_cb), self);
  g_signal_connect (self->idle, "notify::seconds-left", G_CALLBACK (idle_warning_cb), self);
  g_signal_connect (self->idle, "timed-out", G_CALLBACK (timed_out_cb), self);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), actions, G_N_ELEMENTS (actions), self);

  new_window (self);
  update (self);
  fp_kiosk_session_prepare (self->kiosk_session);
  return self;
}

/**
 * fp_kiosk_set_size:
 * @self: a #FpKiosk
 * @width: the window's width, 0 for full screen
 * @height: the window's height
 *
 * For screenshots and tests: windows of this size instead of full screen.
 */
void
fp_kiosk_set_size (FpKiosk *self,
                   int      width,
                   int      height)
{
  g_return_if_fail (FP_IS_KIOSK (self));

  self->width = width;
  self->height = height;
  if (self->window != NULL && width > 0 && height > 0)
    {
      gtk_window_unfullscreen (GTK_WINDOW (self->window));
      gtk_window_set_default_size (GTK_WINDOW (self->window), width, height);
      gtk_widget_add_tick_callback (GTK_WIDGET (self->window), fit_size_cb, self, NULL);
    }
}

void
fp_kiosk_present (FpKiosk *self)
{
  g_return_if_fail (FP_IS_KIOSK (self));

  gtk_window_present (GTK_WINDOW (self->window));
  g_debug ("the kiosk is ready");
}

/**
 * fp_kiosk_start:
 * @self: a #FpKiosk
 *
 * A customer tapped Start: ask the bank for a sign-in code.
 */
void
fp_kiosk_start (FpKiosk *self)
{
  g_return_if_fail (FP_IS_KIOSK (self));

  fp_kiosk_session_begin (self->kiosk_session);
}

/**
 * fp_kiosk_sign_out:
 * @self: a #FpKiosk
 *
 * Ends the customer's session at once; a sign-in in progress is cancelled.
 */
void
fp_kiosk_sign_out (FpKiosk *self)
{
  g_return_if_fail (FP_IS_KIOSK (self));

  fp_kiosk_session_end (self->kiosk_session, FP_KIOSK_END_SIGN_OUT);
}

/**
 * fp_kiosk_shutdown:
 * @self: a #FpKiosk
 *
 * The kiosk stops: ends a customer's session (data removed, tokens
 * revoked, waiting for that up to 12 s) and destroys the window.
 */
void
fp_kiosk_shutdown (FpKiosk *self)
{
  gint64 deadline = g_get_monotonic_time () + SHUTDOWN_WAIT_SECONDS * G_USEC_PER_SEC;

  g_return_if_fail (FP_IS_KIOSK (self));

  self->shutting_down = TRUE;
  fp_kiosk_idle_stop (self->idle);
  fp_kiosk_session_end (self->kiosk_session, FP_KIOSK_END_SHUTDOWN);
  while (fp_kiosk_session_get_state (self->kiosk_session) == FP_KIOSK_STATE_ENDING
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (self->window != NULL)
    {
      empty_clipboards (GTK_WIDGET (self->window));
      gtk_window_destroy (GTK_WINDOW (self->window));
      self->window = NULL;
      self->screen = NULL;
    }
}

/**
 * fp_kiosk_get_window:
 * @self: a #FpKiosk
 *
 * Returns: (transfer none) (nullable): the window shown now
 */
FpWindow *
fp_kiosk_get_window (FpKiosk *self)
{
  g_return_val_if_fail (FP_IS_KIOSK (self), NULL);

  return self->window;
}

/**
 * fp_kiosk_get_screen:
 * @self: a #FpKiosk
 *
 * Returns: (transfer none) (nullable): the kiosk's screens over the window
 */
FpKioskScreen *
fp_kiosk_get_screen (FpKiosk *self)
{
  g_return_val_if_fail (FP_IS_KIOSK (self), NULL);

  return self->screen;
}

/**
 * fp_kiosk_get_kiosk_session:
 * @self: a #FpKiosk
 *
 * Returns: (transfer none): the customers' sessions
 */
FpKioskSession *
fp_kiosk_get_kiosk_session (FpKiosk *self)
{
  g_return_val_if_fail (FP_IS_KIOSK (self), NULL);

  return self->kiosk_session;
}

/**
 * fp_kiosk_get_idle:
 * @self: a #FpKiosk
 *
 * Returns: (transfer none): the inactivity monitor (tests move its clock)
 */
FpKioskIdle *
fp_kiosk_get_idle (FpKiosk *self)
{
  g_return_val_if_fail (FP_IS_KIOSK (self), NULL);

  return self->idle;
}
