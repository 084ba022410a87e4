/* fp-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "fp-application.h"
#include "fp-kiosk.h"
#include "fp-preferences-window.h"
#include "fp-screenshot.h"
#include "fp-ui-util.h"
#include "fp-session.h"
#include "fp-window.h"

struct _FpApplication
{
  AdwApplication  parent_instance;

  /* Owned references */
  GSettings      *settings;
  FpSession      *session;
  FpKiosk        *kiosk;

  /* Command-line state */
  char           *screenshot_dir;
  int             screenshot_width;
  int             screenshot_height;
  gboolean        screenshot_consents;
  guint           screenshot_granted;
  AdwColorScheme  forced_scheme;
  int             exit_status;
  gboolean        kiosk_mode;
  gboolean        explicit_size;
  guint           signal_ids[3];
};

G_DEFINE_FINAL_TYPE (FpApplication, fp_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "screenshot-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Render every page to a PNG file in DIR and exit"), N_("DIR") },
  { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Window size for --screenshot-dir, such as 1280x800 or 360x640"), N_("WIDTHxHEIGHT") },
  { "screenshot-consents", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("For --screenshot-dir: answer the consent step first, allowing these purposes"),
    N_("PURPOSE,…|all|none") },
  { "style", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Use the light or dark style for this run"), N_("light|dark") },
  { "kiosk", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run as a branch kiosk: full screen, sign-in with a phone, nothing kept after a session"), NULL },
  { NULL }
};

static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  g_auto(GStrv) parts = NULL;
  guint64 w, h;

  parts = g_strsplit (text, "x", 0);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 200, 8192, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 200, 8192, &h, NULL))
    return FALSE;

  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static int
fp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  FpApplication *self = FP_APPLICATION (app);
  const char *size = NULL;
  const char *style = NULL;
  const char *consents = NULL;
  GSettingsSchema *schema;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "finpersona", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "screenshot-dir", "^ay", &self->screenshot_dir);

  if (g_variant_dict_lookup (options, "size", "&s", &size) &&
      !parse_size (size, &self->screenshot_width, &self->screenshot_height))
    {
      g_printerr (_("“%s” is not a window size. Give it as WIDTHxHEIGHT, for example 1280x800 (each between 200 and 8192).\n"),
                  size);
      return 2;
    }
  self->explicit_size = size != NULL;

  self->kiosk_mode = g_variant_dict_contains (options, "kiosk");
  if (self->kiosk_mode && self->screenshot_dir != NULL)
    {
      g_printerr (_("--kiosk and --screenshot-dir cannot be used together.\n"));
      return 2;
    }
  if (size != NULL && self->screenshot_dir == NULL && !self->kiosk_mode)
    {
      g_printerr (_("--size only applies to --screenshot-dir and --kiosk.\n"));
      return 2;
    }
  /* Before anything of a customer is in memory. */
  if (self->kiosk_mode)
    fp_kiosk_harden_process ();

  if (g_variant_dict_lookup (options, "screenshot-consents", "&s", &consents))
    {
      g_autoptr(GError) error = NULL;

      if (self->screenshot_dir == NULL)
        {
          g_printerr (_("--screenshot-consents only applies to --screenshot-dir.\n"));
          return 2;
        }
      if (!fp_screenshot_parse_consents (consents, &self->screenshot_granted, &error))
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      self->screenshot_consents = TRUE;
    }

  if (g_variant_dict_lookup (options, "style", "&s", &style))
    {
      if (g_strcmp0 (style, "light") == 0)
        self->forced_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
      else if (g_strcmp0 (style, "dark") == 0)
        self->forced_scheme = ADW_COLOR_SCHEME_FORCE_DARK;
      else
        {
          g_printerr (_("“%s” is not a style. Use light or dark.\n"), style);
          return 2;
        }
    }

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                           APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("FinPersona is not completely installed: its settings schema %s is missing.\n"
                    "From a build tree, start it with: meson devenv -C _build finpersona\n"),
                  APPLICATION_ID);
      return 1;
    }
  g_settings_schema_unref (schema);

  if (!gtk_init_check ())
    {
      g_printerr (_("FinPersona needs a graphical display, and none is available.\n"
                    "Start it from a desktop session, run it under xvfb-run to take screenshots with --screenshot-dir, "
                    "or use the commands that need no display: finpersona --headless help\n"));
      return 1;
    }

  /* A screenshot run is a batch job: it must not hand its work to a
   * running instance, nor be one that others talk to. */
  if (self->screenshot_dir != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  /* A kiosk never hands itself over to a FinPersona already running. */
  if (self->kiosk_mode)
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        {
          g_printerr (_("FinPersona is already running for this user. Quit it before starting the kiosk.\n"));
          return 1;
        }
    }

  return -1;
}

static void start_screenshots (FpApplication *self,
                               FpWindow      *window);

static void
screenshots_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FpApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fp_screenshot_pages_finish (FP_WINDOW (object), result, &error))
    {
      g_printerr (_("Could not save the screenshots: %s\n"), error->message);
      self->exit_status = 1;
    }

  gtk_window_destroy (GTK_WINDOW (object));
  g_application_release (G_APPLICATION (self));
}

static void
fp_application_activate (GApplication *app)
{
  FpApplication *self = FP_APPLICATION (app);
  GtkWindow *window;

  if (self->kiosk_mode)
    {
      if (self->kiosk == NULL)
        {
          self->kiosk = fp_kiosk_new (GTK_APPLICATION (self), NULL);
          if (self->screenshot_width > 0 && self->explicit_size)
            fp_kiosk_set_size (self->kiosk, self->screenshot_width, self->screenshot_height);
        }
      fp_kiosk_present (self->kiosk);
      return;
    }

  if (self->screenshot_dir != NULL)
    {
      FpWindow *shot_window = fp_window_new (ADW_APPLICATION (self), FALSE);

      gtk_window_set_default_size (GTK_WINDOW (shot_window),
                                   self->screenshot_width, self->screenshot_height);
      fp_window_set_session (shot_window, self->session);
      g_application_hold (app);
      fp_session_start (self->session);
      start_screenshots (self, shot_window);
      return;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (fp_window_new (ADW_APPLICATION (self), TRUE));
      fp_window_set_session (FP_WINDOW (window), self->session);
      fp_session_start (self->session);
    }

  gtk_window_present (window);
}

/* Screenshot runs show the demo customer: they wait until the first sync
 * has landed (or failed, which is then what the pictures show). */
#define SCREENSHOT_WAIT_SECONDS 120

typedef struct
{
  FpApplication *self;
  FpWindow      *window;
  guint          poll_id;
  gint64         deadline;
  gboolean       answered;
} ShotWait;

/* Whatever the customer changed here (the consent step) has gone to the
 * bank, or failed. */
static gboolean
outbox_empty (FpSession *session)
{
  FpCache *cache = fp_session_get_cache (session);
  g_autoptr(GPtrArray) pending = NULL;

  if (cache == NULL)
    return TRUE;
  pending = fp_cache_outbox_list_pending (cache, NULL);
  return pending == NULL || pending->len == 0;
}

static gboolean
session_settled (FpSession *session)
{
  FpSyncEngine *engine;

  switch (fp_session_get_state (session))
    {
    case FP_SESSION_STATE_FAILED:
      return TRUE;
    case FP_SESSION_STATE_READY:
      engine = fp_session_get_sync_engine (session);
      if (engine == NULL)
        return FALSE;
      switch (fp_sync_engine_get_state (engine))
        {
        case FP_SYNC_STATE_IDLE:
          return fp_sync_engine_get_last_synced (engine) > 0 && outbox_empty (session) &&
                 !fp_session_get_needs_onboarding (session);
        case FP_SYNC_STATE_ERROR:
        case FP_SYNC_STATE_OFFLINE:
        case FP_SYNC_STATE_CIRCUIT_OPEN:
          return TRUE;
        case FP_SYNC_STATE_SYNCING:
        default:
          return FALSE;
        }
    case FP_SESSION_STATE_FIRST_RUN:
    case FP_SESSION_STATE_OPENING:
    default:
      return FALSE;
    }
}

static gboolean
shot_wait_cb (gpointer user_data)
{
  ShotWait *wait = user_data;
  FpSession *session = wait->self->session;

  /* The consent step, answered as the customer would; the pictures show
   * the app after it, once the choices reached the bank. */
  if (wait->self->screenshot_consents && !wait->answered &&
      fp_session_get_state (session) == FP_SESSION_STATE_READY && fp_session_get_needs_onboarding (session))
    wait->answered = fp_screenshot_answer_consent_step (wait->window, wait->self->screenshot_granted);

  if (!session_settled (session) && g_get_monotonic_time () < wait->deadline)
    return G_SOURCE_CONTINUE;

  if (!session_settled (wait->self->session))
    g_printerr (_("The demo bank did not finish syncing within %d seconds; the pictures show what there is.\n"),
                SCREENSHOT_WAIT_SECONDS);

  fp_screenshot_pages_async (wait->window, wait->self->screenshot_dir, NULL,
                             screenshots_done_cb, g_object_ref (wait->self));
  wait->poll_id = 0;
  return G_SOURCE_REMOVE;
}

static void
start_screenshots (FpApplication *self,
                   FpWindow      *window)
{
  ShotWait *wait = g_new0 (ShotWait, 1);

  wait->self = self;
  wait->window = window;
  wait->deadline = g_get_monotonic_time () + SCREENSHOT_WAIT_SECONDS * G_USEC_PER_SEC;
  wait->poll_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 100, shot_wait_cb, wait, g_free);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows lets each one save its state. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (app);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The FinPersona developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-icon", APPLICATION_ID,
                        "application-name", _("FinPersona"),
                        "developer-name", _("The FinPersona developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/finpersona/finpersona",
                        "issue-url", "https://github.com/finpersona/finpersona/issues",
                        "comments", _("Your bank's app for the Linux desktop: understand your money, simulate your future, and decide how your data is used."),
                        "copyright", "© 2026 The FinPersona developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your name/year. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  fp_ui_name_dialog (about, PACKAGE_VERSION);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FpApplication *self = user_data;
  FpPreferencesWindow *preferences;

  preferences = fp_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                           self->settings);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

/* Kiosk mode: the customer's way in and out, also for the branch's
 * tooling and the tests on the session bus (org.gtk.Actions). No
 * Preferences, no About, and no shortcut quits; `app.quit` stays for the
 * branch. */
static void
kiosk_start_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FpApplication *self = user_data;

  if (self->kiosk != NULL)
    fp_kiosk_start (self->kiosk);
}

static void
kiosk_sign_out_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  FpApplication *self = user_data;

  if (self->kiosk != NULL)
    fp_kiosk_sign_out (self->kiosk);
}

static const GActionEntry kiosk_actions[] = {
  { "quit", quit_action },
  { "kiosk-start", kiosk_start_action },
  { "kiosk-sign-out", kiosk_sign_out_action },
};

/* SIGTERM from the service manager, SIGINT, SIGHUP: the session ends
 * properly (data removed, tokens revoked) before the kiosk exits. */
static gboolean
kiosk_signal_cb (gpointer user_data)
{
  g_debug ("stopping on a signal");
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

/**
 * fp_application_add_accels:
 * @app: the application
 *
 * Gives the application's actions their keyboard shortcuts (not in kiosk
 * mode). The shortcuts window (data/gtk/help-overlay.ui) shows each of
 * them; tests/ui/test-shortcuts.c holds the two together.
 */
void
fp_application_add_accels (GtkApplication *app)
{
  static const char *quit_accels[] = { "<primary>q", NULL };
  static const char *preferences_accels[] = { "<primary>comma", NULL };
  static const char *close_accels[] = { "<primary>w", NULL };

  gtk_application_set_accels_for_action (app, "app.quit", quit_accels);
  gtk_application_set_accels_for_action (app, "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (app, "window.close", close_accels);
}

static void
fp_application_startup (GApplication *app)
{
  FpApplication *self = FP_APPLICATION (app);
  AdwStyleManager *style_manager;

  G_APPLICATION_CLASS (fp_application_parent_class)->startup (app);
  fp_ui_install_accessibility_fixes ();

  self->settings = g_settings_new (APPLICATION_ID);

  if (self->kiosk_mode)
    {
      static const int signals[] = { SIGTERM, SIGINT, SIGHUP };

      g_action_map_add_action_entries (G_ACTION_MAP (app), kiosk_actions,
                                       G_N_ELEMENTS (kiosk_actions), self);
      for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
        self->signal_ids[i] = g_unix_signal_add (signals[i], kiosk_signal_cb, self);
      style_manager = adw_style_manager_get_default ();
      if (self->forced_scheme != ADW_COLOR_SCHEME_DEFAULT)
        adw_style_manager_set_color_scheme (style_manager, self->forced_scheme);
      return;
    }

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  fp_application_add_accels (GTK_APPLICATION (app));

  {
    g_autofree char *bank_url = g_settings_get_string (self->settings, "bank-api-url");

    g_autofree char *genai_url = g_settings_get_string (self->settings, "genai-proxy-url");

    /* Screenshot runs never touch the customer's cache or keyring. */
    FpSessionFlags flags = FP_SESSION_NONE;

    if (self->screenshot_dir != NULL)
      flags |= FP_SESSION_EPHEMERAL;
    if (self->screenshot_consents)
      flags |= FP_SESSION_ASK_CONSENT;
    self->session = fp_session_new (bank_url, NULL, flags);
    fp_session_set_genai_url (self->session, genai_url);
  }

  style_manager = adw_style_manager_get_default ();
  if (self->forced_scheme != ADW_COLOR_SCHEME_DEFAULT)
    adw_style_manager_set_color_scheme (style_manager, self->forced_scheme);
  else
    g_settings_bind (self->settings, "color-scheme", style_manager, "color-scheme",
                     G_SETTINGS_BIND_GET);
}

static void
fp_application_shutdown (GApplication *app)
{
  FpApplication *self = FP_APPLICATION (app);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_ids); i++)
    g_clear_handle_id (&self->signal_ids[i], g_source_remove);
  if (self->kiosk != NULL)
    fp_kiosk_shutdown (self->kiosk);
  g_clear_object (&self->kiosk);
  if (self->session != NULL)
    fp_session_shutdown (self->session);

  G_APPLICATION_CLASS (fp_application_parent_class)->shutdown (app);
}

static void
fp_application_finalize (GObject *object)
{
  FpApplication *self = FP_APPLICATION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->screenshot_dir, g_free);

  G_OBJECT_CLASS (fp_application_parent_class)->finalize (object);
}

static void
fp_application_class_init (FpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = fp_application_finalize;

  app_class->handle_local_options = fp_application_handle_local_options;
  app_class->startup = fp_application_startup;
  app_class->activate = fp_application_activate;
  app_class->shutdown = fp_application_shutdown;
}

static void
fp_application_init (FpApplication *self)
{
  self->screenshot_width = 1280;
  self->screenshot_height = 800;
  self->forced_scheme = ADW_COLOR_SCHEME_DEFAULT;

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Your bank on your desktop. Commands that need no display: finpersona --headless help"));
}

FpApplication *
fp_application_new (void)
{
  return g_object_new (FP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/finpersona/FinPersona",
                       NULL);
}

/**
 * fp_application_get_settings:
 * @self: a #FpApplication
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
fp_application_get_settings (FpApplication *self)
{
  g_return_val_if_fail (FP_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * fp_application_get_exit_status:
 * @self: a #FpApplication
 *
 * Returns: non-zero when a batch run (screenshots) failed
 */
int
fp_application_get_exit_status (FpApplication *self)
{
  g_return_val_if_fail (FP_IS_APPLICATION (self), 1);

  return self->exit_status;
}
