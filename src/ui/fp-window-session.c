/* fp-window-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's view of the session: which main page shows (welcome on the
 * first run, a spinner while the cache opens, a way forward when it cannot
 * be opened, the pages otherwise), the sync bar under the header (progress
 * in counts, offline, errors with a retry), and the cache handed to every
 * page that has a `cache` property. Pages that install a `page.refresh`
 * action get it after each sync.
 */

#define G_LOG_DOMAIN "fp-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fp-activity-page.h"
#include "fp-onboarding-consent.h"
#include "fp-simulator.h"
#include "fp-time-machine-page.h"
#include "fp-window-private.h"

static char *
format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

/* "just now", "5 minutes ago", "at 14:05", "on 3 March" */
static char *
format_last_synced (gint64 unix_seconds)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 ago;

  if (unix_seconds <= 0)
    return g_strdup (_("never"));

  then = g_date_time_new_from_unix_local (unix_seconds);
  ago = g_date_time_to_unix (now) - unix_seconds;

  if (ago < 60)
    return g_strdup (_("just now"));
  if (ago < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", (gulong) (ago / 60)),
                            (int) (ago / 60));
  if (ago < 24 * 3600)
    /* Translators: a time of day, as in "updated at 14:05" */
    return g_date_time_format (then, _("at %H:%M"));

  /* Translators: a date, as in "updated on 3 March" */
  return g_date_time_format (then, _("on %e %B"));
}

static FpTimeMachinePage *
time_machine_page (FpWindow *self)
{
  GtkWidget *page = adw_view_stack_get_child_by_name (self->stack, "time-machine");

  return page != NULL && FP_IS_TIME_MACHINE_PAGE (page) ? FP_TIME_MACHINE_PAGE (page) : NULL;
}

static void
narrated_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FpTimeMachinePage) page = user_data;
  g_autoptr(FpGenaiText) text = NULL;
  g_autoptr(GError) error = NULL;

  text = fp_session_narrate_finish (FP_SESSION (object), result, &error);
  if (text == NULL)
    {
      /* The on-device narrative stays; it is never wrong to show it. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No GenAI narrative: %s", error->message);
      return;
    }

  fp_time_machine_page_set_narrative (page, text->text, FP_NARRATIVE_GENAI);
}

/* With the GenAI consent, the Time Machine's narrative comes from the
 * GenAI proxy, written from the aggregated facts only (redacted again by
 * the client); without it, nothing is asked and the page keeps its own. */
static void
request_narrative (FpWindow *self)
{
  FpTimeMachinePage *page = time_machine_page (self);
  g_autoptr(GPtrArray) facts = NULL;
  g_auto(GStrv) pairs = NULL;

  if (self->narrate_cancellable != NULL)
    g_cancellable_cancel (self->narrate_cancellable);
  g_clear_object (&self->narrate_cancellable);

  if (page == NULL || self->session == NULL ||
      fp_session_get_state (self->session) != FP_SESSION_STATE_READY ||
      !fp_consent_policy_allows (fp_session_get_consent_policy (self->session), FP_PURPOSE_GENAI))
    return;

  facts = fp_time_machine_page_dup_facts (page);
  if (facts == NULL)
    return;

  pairs = fp_genai_facts_from_pairs (facts);
  self->narrate_cancellable = g_cancellable_new ();
  fp_session_narrate_async (self->session, (const char * const *) pairs, self->narrate_cancellable,
                            narrated_cb, g_object_ref (page));
}

static void
genai_consent_changed_cb (FpConsentPolicy *policy,
                          FpPurpose        purpose,
                          FpConsentState   state,
                          FpWindow        *self)
{
  FpTimeMachinePage *page = time_machine_page (self);

  if (state == FP_CONSENT_GRANTED)
    {
      /* The bank learns of the consent with the next sync; the narrative
       * follows it (see session_synced_cb). */
      if (self->session != NULL)
        fp_session_sync_now (self->session);
      return;
    }

  if (self->narrate_cancellable != NULL)
    g_cancellable_cancel (self->narrate_cancellable);
  if (page != NULL)
    fp_time_machine_page_reset_narrative (page);
}

static void
watch_genai_consent (FpWindow *self)
{
  FpConsentPolicy *policy = self->session != NULL ? fp_session_get_consent_policy (self->session) : NULL;

  /* Erasing the device's data gives the session a new policy. */
  if (policy == self->watched_policy)
    return;

  if (self->watched_policy != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_policy, self);
  g_set_object (&self->watched_policy, policy);
  if (policy != NULL)
    g_signal_connect_object (policy, "changed::genai", G_CALLBACK (genai_consent_changed_cb), self, 0);
}

static void
refresh_pages (FpWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      gtk_widget_activate_action (adw_view_stack_page_get_child (page), "page.refresh", NULL);
    }
}

static void
update_sync_bar (FpWindow *self)
{
  FpSyncState state;
  g_autofree char *text = NULL;
  const char *icon = "emblem-synchronizing-symbolic";
  gboolean reveal = TRUE;
  gboolean show_retry = FALSE;
  gboolean show_progress = FALSE;

  if (self->engine == NULL)
    {
      gtk_revealer_set_reveal_child (self->sync_revealer, FALSE);
      return;
    }

  state = fp_sync_engine_get_state (self->engine);
  switch (state)
    {
    case FP_SYNC_STATE_SYNCING:
      {
        guint64 received = fp_sync_engine_get_received (self->engine);
        guint64 estimated = fp_sync_engine_get_estimated (self->engine);

        show_progress = TRUE;
        if (estimated > 0)
          {
            g_autofree char *r = format_count (MIN (received, estimated));
            g_autofree char *e = format_count (estimated);

            /* Translators: the counts are of transactions received and expected */
            text = g_strdup_printf (_("Updating from your bank: %s of %s transactions"), r, e);
            gtk_progress_bar_set_fraction (self->sync_progress, (double) MIN (received, estimated) / estimated);
          }
        else
          {
            text = g_strdup (_("Updating from your bank…"));
            gtk_progress_bar_pulse (self->sync_progress);
          }
      }
      break;

    case FP_SYNC_STATE_OFFLINE:
      {
        g_autofree char *when = format_last_synced (fp_sync_engine_get_last_synced (self->engine));

        icon = "network-offline-symbolic";
        /* Translators: %s is "5 minutes ago", "at 14:05" or "on 3 March" */
        text = g_strdup_printf (_("Offline. Your data was last updated %s."), when);
      }
      break;

    case FP_SYNC_STATE_ERROR:
    case FP_SYNC_STATE_CIRCUIT_OPEN:
      {
        const char *message = fp_sync_engine_get_error_message (self->engine);

        icon = "dialog-warning-symbolic";
        show_retry = TRUE;
        text = g_strdup (message != NULL ? message : _("Your data could not be updated."));

        /* A toast once per new error; the bar keeps saying it. */
        if (g_strcmp0 (self->last_error, text) != 0)
          {
            g_free (self->last_error);
            self->last_error = g_strdup (text);
            fp_window_add_toast (self, text);
          }
      }
      break;

    case FP_SYNC_STATE_IDLE:
    default:
      reveal = FALSE;
      g_clear_pointer (&self->last_error, g_free);
      break;
    }

  gtk_image_set_from_icon_name (self->sync_icon, icon);
  gtk_label_set_label (self->sync_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sync_progress), show_progress);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), show_retry);
  gtk_revealer_set_reveal_child (self->sync_revealer, reveal);
}

static void
engine_notify_cb (FpSyncEngine *engine,
                  GParamSpec   *pspec,
                  FpWindow     *self)
{

  update_sync_bar (self);
}

static void
set_engine (FpWindow     *self,
            FpSyncEngine *engine)
{
  if (self->engine == engine)
    return;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (self->engine != NULL)
    g_signal_connect_object (self->engine, "notify", G_CALLBACK (engine_notify_cb), self, 0);

  update_sync_bar (self);
}

static void
update_welcome (FpWindow *self)
{
  gboolean demo = self->session == NULL || fp_session_get_is_demo (self->session);

  gtk_button_set_label (self->welcome_button,
                        demo ? _("_Explore the Demo Bank") : _("_Sign In to Your Bank"));
  gtk_label_set_label (self->welcome_hint,
                       demo ? _("No bank address is set, so FinPersona starts the demo bank on this computer and signs in its demo customer. Set your bank’s address in Preferences.")
                            : _("Your bank’s sign-in page opens in your browser. Your data is then kept encrypted on this computer."));
}

static void
onboarding_done_cb (FpWindow *self)
{
  /* The session's notification removes the step and shows the pages. */
  if (self->session != NULL)
    fp_session_finish_onboarding (self->session);
}

static void
update_onboarding (FpWindow *self)
{
  GtkWidget *onboarding = gtk_stack_get_child_by_name (self->main_stack, "onboarding");
  gboolean wanted = self->session != NULL &&
                    fp_session_get_state (self->session) == FP_SESSION_STATE_READY &&
                    fp_session_get_needs_onboarding (self->session);

  if (wanted && onboarding == NULL)
    {
      onboarding = fp_onboarding_consent_new (fp_session_get_consent_policy (self->session));
      g_object_bind_property (self, "narrow", onboarding, "narrow", G_BINDING_SYNC_CREATE);
      g_signal_connect_object (onboarding, "done", G_CALLBACK (onboarding_done_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->main_stack, onboarding, "onboarding");
    }
  else if (!wanted && onboarding != NULL)
    gtk_stack_remove (self->main_stack, onboarding);
}

static void
session_notify_cb (FpSession  *session,
                   GParamSpec *pspec,
                   FpWindow   *self)
{
  if (fp_session_get_state (session) == FP_SESSION_STATE_FAILED)
    {
      const char *message = fp_session_get_error_message (session);
      const char *hint = fp_session_get_error_hint (session);
      g_autofree char *description = hint != NULL ? g_strdup_printf ("%s\n\n%s", message, hint)
                                                  : g_strdup (message);

      adw_status_page_set_description (self->failed_page, description);
    }

  adw_status_page_set_description (self->opening_page,
                                   fp_session_get_status (session) != NULL
                                   ? fp_session_get_status (session)
                                   : _("The key comes from your keyring; it may ask you to unlock it."));

  set_engine (self, fp_session_get_sync_engine (session));
  update_onboarding (self);
  watch_genai_consent (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out",
                                 fp_session_get_state (session) == FP_SESSION_STATE_READY);
  update_welcome (self);
  _fp_window_update_main_stack (self);
}

static void
session_synced_cb (FpWindow *self)
{
  refresh_pages (self);
  request_narrative (self);
}

static void
bind_cache_to_pages (FpWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (child), "cache");

      if (pspec != NULL && g_type_is_a (pspec->value_type, FP_TYPE_CACHE))
        g_ptr_array_add (self->cache_bindings,
                         g_object_bind_property (self->session, "cache", child, "cache",
                                                 G_BINDING_SYNC_CREATE));

      pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (child), "consent-policy");
      if (pspec != NULL && g_type_is_a (pspec->value_type, FP_TYPE_CONSENT_POLICY))
        g_ptr_array_add (self->cache_bindings,
                         g_object_bind_property (self->session, "consent-policy", child, "consent-policy",
                                                 G_BINDING_SYNC_CREATE));

      /* A page that acts at the bank for the customer (Offers) gets the session. */
      pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (child), "session");
      if (pspec != NULL && g_type_is_a (pspec->value_type, FP_TYPE_SESSION))
        g_object_set (child, "session", self->session, NULL);

      if (FP_IS_TIME_MACHINE_PAGE (child))
        g_signal_connect_object (child, "results-settled", G_CALLBACK (request_narrative), self,
                                 G_CONNECT_SWAPPED);

      /* A page that erased this device's data (Privacy) ends the session. */
      if (g_signal_lookup ("erased", G_OBJECT_TYPE (child)) != 0)
        g_signal_connect_object (child, "erased", G_CALLBACK (fp_session_forget), self->session,
                                 G_CONNECT_SWAPPED);
    }
}

static void
get_started_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FpWindow *self = FP_WINDOW (widget);

  if (self->session != NULL)
    fp_session_open (self->session);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FpWindow *self = FP_WINDOW (widget);

  if (self->session != NULL)
    fp_session_sync_now (self->session);
}

static void
start_over_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        FpWindow         *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "start-over") || self->session == NULL)
    return;

  if (!fp_session_reset (self->session, &error))
    fp_window_add_toast (self, error->message);
}

static void
start_over_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  FpWindow *self = FP_WINDOW (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Start Over from the Bank?"),
                                                       _("The data on this computer and its key are removed, and everything is downloaded again from your bank. Changes that were not sent to the bank yet are lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "start-over", _("_Start Over"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "start-over", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (start_over_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FpWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fp_session_sign_out_finish (FP_SESSION (object), result, &error))
    fp_window_add_toast (self, error->message);
  else
    fp_window_add_toast (self, _("Signed out"));
}

static void
sign_out_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      FpWindow         *self)
{
  if (self->session == NULL || g_str_equal (response, "cancel"))
    return;

  fp_session_sign_out_async (self->session, g_str_equal (response, "erase"),
                             signed_out_cb, g_object_ref (self));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FpWindow *self = FP_WINDOW (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Sign Out?"),
                                                       _("Your bank stops accepting this computer’s sign-in. You can also erase the encrypted copy of your data from this computer; it can always be downloaded again.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "erase", _("Sign Out and _Erase"),
                                    "keep", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_out_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  if (!fp_window_show_page (FP_WINDOW (widget), g_variant_get_string (parameter, NULL)))
    gtk_widget_error_bell (widget);
}

/* The Activity page, filtered: (search, account id, category id, first
 * day, last day as yyyymmdd; "" and 0 for none). A recommendation's link
 * to the transactions behind it. */
static void
show_transactions_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  FpWindow *self = FP_WINDOW (widget);
  GtkWidget *page = adw_view_stack_get_child_by_name (self->stack, "activity");
  const char *merchant, *account_id, *category;
  FpTxnFilter filter = { 0 };

  if (page == NULL || !FP_IS_ACTIVITY_PAGE (page))
    return;
  g_variant_get (parameter, "(&s&s&sii)", &merchant, &account_id, &category, &filter.day_from, &filter.day_to);
  filter.merchant = *merchant != '\0' ? merchant : NULL;
  filter.account_id = *account_id != '\0' ? account_id : NULL;
  filter.category = *category != '\0' ? category : NULL;
  fp_activity_page_set_filter (FP_ACTIVITY_PAGE (page), &filter);
  fp_window_show_page (self, "activity");
}

static gboolean
clock_cb (gpointer user_data)
{
  /* "Last updated 5 minutes ago" must not go stale while offline. */
  update_sync_bar (FP_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

void
_fp_window_session_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, FpWindow, welcome_button);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, welcome_hint);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, opening_page);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, sync_revealer);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, sync_icon);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, sync_progress);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, sync_button);

  gtk_widget_class_install_action (widget_class, "win.get-started", NULL, get_started_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.start-over", NULL, start_over_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-transactions", "(sssii)", show_transactions_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
}

void
_fp_window_session_init (FpWindow *self)
{
  self->cache_bindings = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", FALSE);
  update_welcome (self);
  self->clock_id = g_timeout_add_seconds (60, clock_cb, self);
}

void
_fp_window_session_dispose (FpWindow *self)
{
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->narrate_cancellable != NULL)
    g_cancellable_cancel (self->narrate_cancellable);
  g_clear_object (&self->narrate_cancellable);
  if (self->watched_policy != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_policy, self);
  g_clear_object (&self->watched_policy);
  if (self->cache_bindings != NULL)
    {
      for (guint i = 0; i < self->cache_bindings->len; i++)
        g_binding_unbind (g_ptr_array_index (self->cache_bindings, i));
      g_clear_pointer (&self->cache_bindings, g_ptr_array_unref);
    }
  set_engine (self, NULL);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->last_error, g_free);
}

/*
 * Returns: the main page the session asks for, or %NULL to show the pages
 */
const char *
_fp_window_session_stack_name (FpWindow *self)
{
  if (self->session == NULL)
    return NULL;

  switch (fp_session_get_state (self->session))
    {
    case FP_SESSION_STATE_FIRST_RUN:
      return "welcome";
    case FP_SESSION_STATE_OPENING:
      return "opening";
    case FP_SESSION_STATE_FAILED:
      return "failed";
    case FP_SESSION_STATE_READY:
    default:
      return fp_session_get_needs_onboarding (self->session) ? "onboarding" : NULL;
    }
}

/**
 * fp_window_set_session:
 * @self: a #FpWindow
 * @session: the application's session
 *
 * Shows @session: the welcome page on the first run, its failures with a
 * way forward, its sync state, and its cache in every page.
 */
void
fp_window_set_session (FpWindow  *self,
                       FpSession *session)
{
  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (FP_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  g_signal_connect_object (session, "notify", G_CALLBACK (session_notify_cb), self, 0);
  g_signal_connect_object (session, "synced", G_CALLBACK (session_synced_cb), self, G_CONNECT_SWAPPED);
  bind_cache_to_pages (self);
  session_notify_cb (session, NULL, self);
}

/**
 * fp_window_get_session:
 * @self: a #FpWindow
 *
 * Returns: (transfer none) (nullable): the session shown
 */
FpSession *
fp_window_get_session (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);

  return self->session;
}
