/* fp-privacy-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Privacy page: one consent row per purpose (FpConsentRow, bound to
 * the policy), the history of every change with the bank's receipt,
 * "download my data", "erase this device's data" and "ask the bank to
 * erase my data". The rows only record the choice in the policy;
 * persisting, queuing for the bank and dropping derived data is the
 * store's job (FpConsentStore), connected to the same policy by the
 * session, which sends a change at once when online. Each row says what
 * was chosen, when and on which device, and where it stands with the bank
 * (fp_cache_consent_list_status(): read again after every change and
 * every sync, `page.refresh`), with the reason when it could not be sent.
 */

#define G_LOG_DOMAIN "fp-privacy-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-cache-consent.h"
#include "fp-cache-dump.h"
#include "fp-cache-key.h"
#include "fp-consent-row.h"
#include "fp-privacy-page.h"
#include "fp-ui-util.h"

/* The history can be long; the page shows the latest entries. */
#define MAX_HISTORY_ROWS 200

struct _FpPrivacyPage
{
  AdwBin parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *state_stack;
  GtkScrolledWindow   *scroller;
  GtkBox              *content_box;
  AdwPreferencesGroup *purposes_group;
  GtkListBox          *history_list;
  AdwActionRow        *export_row;
  AdwActionRow        *export_progress_row;
  GtkProgressBar      *export_progress;

  /* Owned references */
  FpCache             *cache;
  FpConsentPolicy     *policy;
  GCancellable        *cancellable;
  GCancellable        *export_cancellable;
  GtkFileChooserNative *chooser;

  FpConsentRow        *purpose_rows[FP_N_PURPOSES];
  GPtrArray           *statuses;
  gulong               history_id;
  gulong               conflict_id;
  guint                progress_id;
  int                  export_rows;    /* atomic */
  gboolean             narrow;
  gboolean             exporting;
};

G_DEFINE_FINAL_TYPE (FpPrivacyPage, fp_privacy_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CACHE,
  PROP_CONSENT_POLICY,
  PROP_NARROW,
  N_PROPS
};

enum {
  ERASED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Text */

static char *
format_time (gint64 when_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when_us / G_USEC_PER_SEC);

  if (dt == NULL)
    return g_strdup ("");
  /* Translators: a date and time in the consent history, see strftime */
  return g_date_time_format (dt, _("%-d %b %Y, %H:%M"));
}

/* Where the latest choice for a purpose stands with the bank, as a
 * history entry says it. */
static char *
delivery_outcome (const FpConsentStatus *status)
{
  switch (status->delivery)
    {
    case FP_DELIVERY_WAITING:
      if (status->reason != NULL)
        /* Translators: %s says why, such as "This computer is offline." */
        return g_strdup_printf (_("Not sent yet: %s"), status->reason);
      return g_strdup (_("Being sent to your bank"));
    case FP_DELIVERY_DELIVERED:
      return g_strdup (_("Your bank has it"));
    case FP_DELIVERY_FAILED:
      return g_strdup (status->reason != NULL ? status->reason : _("Your bank refused it"));
    case FP_DELIVERY_CONFIRMED:
    case FP_DELIVERY_NONE:
    default:
      return NULL;
    }
}

/* What became of a local change: the bank's later entry for the same
 * purpose says; for the latest change of a purpose, where its delivery
 * stands. */
static char *
change_outcome (FpPrivacyPage         *self,
                guint                  index,
                const FpConsentChange *change)
{
  FpConsentPolicy *policy = self->policy;
  guint n = fp_consent_policy_get_n_changes (policy);

  if (change->receipt != NULL)
    /* Translators: %s is the bank's receipt number, like rcp_123 */
    return g_strdup_printf (_("Receipt %s"), change->receipt);

  for (guint i = index + 1; i < n; i++)
    {
      const FpConsentChange *later = fp_consent_policy_get_change (policy, i);

      if (later->purpose != change->purpose)
        continue;
      if (later->origin == FP_CONSENT_ORIGIN_LOCAL)
        break;
      if (later->old_state == later->new_state && later->receipt != NULL)
        return g_strdup_printf (_("Receipt %s"), later->receipt);
      return g_strdup (_("Overridden by your bank’s records"));
    }

  if (index + 1 < n)
    {
      for (guint i = index + 1; i < n; i++)
        if (fp_consent_policy_get_change (policy, i)->purpose == change->purpose)
          return g_strdup (_("Replaced by a later change"));
    }

  if (self->statuses != NULL && (guint) change->purpose < self->statuses->len)
    {
      char *outcome = delivery_outcome (g_ptr_array_index (self->statuses, change->purpose));

      if (outcome != NULL)
        return outcome;
    }
  return g_strdup (_("Being sent to your bank"));
}

static const char *
change_title (const FpConsentChange *change)
{
  if (change->old_state == change->new_state)
    return _("Recorded by your bank");
  if (change->new_state == FP_CONSENT_GRANTED)
    return change->origin == FP_CONSENT_ORIGIN_LOCAL ? _("Allowed") : _("Allowed by your bank’s records");
  return change->origin == FP_CONSENT_ORIGIN_LOCAL ? _("Not allowed") : _("Not allowed by your bank’s records");
}

/* Updating the widgets */

/* Where each purpose stands, from the cache, for the rows and the
 * history. */
static void
update_statuses (FpPrivacyPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  if (self->cache != NULL && self->policy != NULL)
    {
      self->statuses = fp_cache_consent_list_status (self->cache, self->policy, &error);
      if (self->statuses == NULL)
        g_debug ("Could not read where the consents stand: %s", error->message);
    }
  for (guint i = 0; i < FP_N_PURPOSES; i++)
    fp_consent_row_set_status (self->purpose_rows[i],
                               self->statuses != NULL && i < self->statuses->len
                               ? g_ptr_array_index (self->statuses, i) : NULL);
}

static void
update_history (FpPrivacyPage *self)
{
  GtkWidget *child;
  guint n, shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  if (self->policy == NULL)
    return;

  n = fp_consent_policy_get_n_changes (self->policy);
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No changes yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Nothing is allowed until you allow it."));
      gtk_list_box_append (self->history_list, row);
      return;
    }

  for (guint i = n; i > 0 && shown < MAX_HISTORY_ROWS; i--, shown++)
    {
      const FpConsentChange *change = fp_consent_policy_get_change (self->policy, i - 1);
      g_autofree char *title = NULL;
      g_autofree char *when = format_time (change->when);
      g_autofree char *outcome = change_outcome (self, i - 1, change);
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped_title = NULL;
      g_autofree char *escaped_subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: "Purpose: what happened", e.g. "AI explanations: Allowed" */
      title = g_strdup_printf (_("%s: %s"), fp_purpose_get_title (change->purpose),
                               change_title (change));
      if (change->device != NULL && change->origin == FP_CONSENT_ORIGIN_LOCAL)
        /* Translators: when · on which device · the bank's receipt or status */
        subtitle = g_strdup_printf (_("%s · on %s · %s"), when, change->device, outcome);
      else
        subtitle = g_strdup_printf ("%s · %s", when, outcome);

      escaped_title = g_markup_escape_text (title, -1);
      escaped_subtitle = g_markup_escape_text (subtitle, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
      gtk_list_box_append (self->history_list, row);
    }
}

static void
update_actions (FpPrivacyPage *self)
{
  gboolean ready = self->cache != NULL && self->policy != NULL;

  gtk_stack_set_visible_child_name (self->state_stack, ready ? "content" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "privacy.export", ready && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "privacy.cancel-export", self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "privacy.erase-device", ready && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "privacy.request-erasure", ready);
}

static void
toast (FpPrivacyPage *self,
       const char    *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* Signal handlers */

static void
history_appended_cb (FpPrivacyPage         *self,
                     const FpConsentChange *change,
                     FpConsentPolicy       *policy)
{
  update_statuses (self);
  update_history (self);
}

/* After a sync (the window's `page.refresh`): the bank may have the
 * changes now, or its records changed. */
static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FpPrivacyPage *self = FP_PRIVACY_PAGE (widget);

  update_statuses (self);
  update_history (self);
}

static void
conflict_cb (FpPrivacyPage   *self,
             FpPurpose        purpose,
             const char      *message,
             FpConsentPolicy *policy)
{
  toast (self, message);
}

/* Export */

typedef struct {
  FpCache *cache;
  GFile   *folder;
  int     *rows;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->cache);
  g_clear_object (&data->folder);
  g_free (data);
}

static void
export_progress_cb (guint64     rows,
                    const char *table,
                    gpointer    user_data)
{
  int *counter = user_data;

  g_atomic_int_set (counter, (int) MIN (rows, (guint64) G_MAXINT));
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_make_directory_with_parents (data->folder, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!fp_cache_dump_to_folder (data->cache, data->folder, export_progress_cb, data->rows,
                                NULL, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_object_ref (data->folder), g_object_unref);
}

static gboolean
export_progress_tick_cb (gpointer user_data)
{
  FpPrivacyPage *self = FP_PRIVACY_PAGE (user_data);
  int rows = g_atomic_int_get (&self->export_rows);
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d row written", "%d rows written", (gulong) rows),
                          rows);
  gtk_progress_bar_pulse (self->export_progress);
  gtk_progress_bar_set_text (self->export_progress, text);
  return G_SOURCE_CONTINUE;
}

static void
set_exporting (FpPrivacyPage *self,
               gboolean       exporting)
{
  self->exporting = exporting;
  gtk_widget_set_visible (GTK_WIDGET (self->export_progress_row), exporting);
  if (exporting && self->progress_id == 0)
    self->progress_id = g_timeout_add (100, export_progress_tick_cb, self);
  else if (!exporting)
    g_clear_handle_id (&self->progress_id, g_source_remove);
  update_actions (self);
}

/**
 * fp_privacy_page_export_async:
 * @self: a page with a cache
 * @parent_folder: the folder the customer chose
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Writes everything in the cache into a new folder inside @parent_folder
 * (`FinPersona data YYYY-MM-DD HH.MM.SS`), in a worker thread, with the
 * progress shown on the page.
 */
void
fp_privacy_page_export_async (FpPrivacyPage       *self,
                              GFile               *parent_folder,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H.%M.%S");
  g_autofree char *name = NULL;
  ExportData *data;

  g_return_if_fail (FP_IS_PRIVACY_PAGE (self));
  g_return_if_fail (G_IS_FILE (parent_folder));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_privacy_page_export_async);

  if (self->cache == NULL || self->exporting)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("Your data cannot be downloaded right now."));
      return;
    }

  /* Translators: the name of the folder of an export; %s is a date and time */
  name = g_strdup_printf (_("FinPersona data %s"), stamp);
  data = g_new0 (ExportData, 1);
  data->cache = g_object_ref (self->cache);
  data->folder = g_file_get_child (parent_folder, name);
  data->rows = &self->export_rows;
  g_atomic_int_set (&self->export_rows, 0);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  set_exporting (self, TRUE);
  g_task_run_in_thread (task, export_thread);
}

/**
 * fp_privacy_page_export_finish:
 * @self: a page
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the folder written
 */
GFile *
fp_privacy_page_export_finish (FpPrivacyPage  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (FP_IS_PRIVACY_PAGE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (g_task_get_source_tag (G_TASK (result)) == fp_privacy_page_export_async &&
      g_task_get_task_data (G_TASK (result)) != NULL)
    set_exporting (self, FALSE);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FpPrivacyPage *self = FP_PRIVACY_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = fp_privacy_page_export_finish (self, result, &error);

  g_clear_object (&self->export_cancellable);
  if (folder == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Export failed: %s", error->message);
          toast (self, _("Your data could not be downloaded. Check that the folder can be written to and has enough space."));
        }
      return;
    }

  toast (self, _("Your data was downloaded."));
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  FpPrivacyPage *self = FP_PRIVACY_PAGE (user_data);
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);

  if (folder == NULL)
    return;

  self->export_cancellable = g_cancellable_new ();
  fp_privacy_page_export_async (self, folder, self->export_cancellable, export_done_cb, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FpPrivacyPage *self = FP_PRIVACY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;

  /* A kiosk saves no files: the data is one sign-in away on the
   * customer's own device. */
  if (fp_ui_is_kiosk (widget))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("Download Your Data at Home"),
                                                  _("Nothing is saved on this kiosk. Sign in to FinPersona on your own computer or phone and choose “Download my data” on its Privacy page: you get all of it there."));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_OK"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Choose a Folder for Your Data"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Download Here"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FpPrivacyPage *self = FP_PRIVACY_PAGE (widget);

  g_cancellable_cancel (self->export_cancellable);
}

/* Erase */

typedef struct {
  char *dir;
} EraseData;

static void
erase_data_free (EraseData *data)
{
  g_free (data->dir);
  g_free (data);
}

static void
erase_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  EraseData *data = task_data;
  g_autoptr(GError) error = NULL;

  if (data->dir != NULL && !fp_cache_erase (data->dir, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
erase_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FpPrivacyPage *self = FP_PRIVACY_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Erasing the device's data failed: %s", error->message);
      toast (self, _("Some of this device’s data could not be erased. Close FinPersona and try again."));
      return;
    }

  g_signal_emit (self, signals[ERASED], 0);
}

static void
erase_device (FpPrivacyPage *self)
{
  g_autoptr(GTask) task = NULL;
  EraseData *data;

  if (self->cache == NULL)
    return;

  data = g_new0 (EraseData, 1);
  if (!fp_cache_is_ephemeral (self->cache))
    {
      data->dir = g_strdup (fp_cache_get_dir (self->cache));
    }

  /* Closed first: nothing may write while the files go. */
  g_cancellable_cancel (self->export_cancellable);
  fp_cache_close (self->cache);
  fp_privacy_page_set_consent_policy (self, NULL);
  fp_privacy_page_set_cache (self, NULL);

  task = g_task_new (self, NULL, erase_done_cb, NULL);
  g_task_set_source_tag (task, erase_device);
  g_task_set_task_data (task, data, (GDestroyNotify) erase_data_free);
  g_task_run_in_thread (task, erase_thread);
}

static void
erase_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  FpPrivacyPage *self = FP_PRIVACY_PAGE (user_data);

  if (g_strcmp0 (response, "erase") == 0)
    erase_device (self);
}

static void
erase_device_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FpPrivacyPage *self = FP_PRIVACY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Erase This Device’s Data?"),
                                   _("Everything FinPersona keeps on this device is removed: your accounts, transactions, insights and privacy history as stored here. Your bank keeps its own records, and you can sign in again at any time."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "erase", _("_Erase"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (erase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
request_erasure_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             gpointer          user_data)
{
  FpPrivacyPage *self = FP_PRIVACY_PAGE (user_data);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "send") != 0 || self->cache == NULL)
    return;

  if (fp_cache_consent_request_erasure (self->cache, &error) < 0)
    {
      g_debug ("Could not queue the erasure request: %s", error->message);
      toast (self, _("Your request could not be saved. Please try again."));
      return;
    }
  toast (self, _("Your request will be sent to your bank the next time FinPersona connects."));
}

static void
request_erasure_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FpPrivacyPage *self = FP_PRIVACY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Ask Your Bank to Erase Your Data?"),
                                   _("Your bank erases the data it holds about you where the law allows; it may have to keep some records, such as those of payments, for a number of years. Your accounts are not closed by this."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send Request"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (request_erasure_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
fp_privacy_page_dispose (GObject *object)
{
  FpPrivacyPage *self = (FpPrivacyPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  fp_privacy_page_set_consent_policy (self, NULL);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);

  G_OBJECT_CLASS (fp_privacy_page_parent_class)->dispose (object);
}

static void
fp_privacy_page_finalize (GObject *object)
{
  FpPrivacyPage *self = (FpPrivacyPage *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->export_cancellable);

  G_OBJECT_CLASS (fp_privacy_page_parent_class)->finalize (object);
}

static void
fp_privacy_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FpPrivacyPage *self = FP_PRIVACY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_CONSENT_POLICY:
      g_value_set_object (value, self->policy);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_privacy_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FpPrivacyPage *self = FP_PRIVACY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      fp_privacy_page_set_cache (self, g_value_get_object (value));
      break;
    case PROP_CONSENT_POLICY:
      fp_privacy_page_set_consent_policy (self, g_value_get_object (value));
      break;
    case PROP_NARROW:
      fp_privacy_page_set_narrow (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_privacy_page_class_init (FpPrivacyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_privacy_page_dispose;
  object_class->finalize = fp_privacy_page_finalize;
  object_class->get_property = fp_privacy_page_get_property;
  object_class->set_property = fp_privacy_page_set_property;

  /**
   * FpPrivacyPage:cache: (nullable)
   *
   * The customer's cache; %NULL before sign-in (the page then explains
   * that it works after sign-in).
   */
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, FP_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpPrivacyPage:consent-policy: (nullable)
   *
   * The customer's consent policy, persisted by an #FpConsentStore.
   */
  properties[PROP_CONSENT_POLICY] =
    g_param_spec_object ("consent-policy", NULL, NULL, FP_TYPE_CONSENT_POLICY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpPrivacyPage:narrow:
   *
   * Whether the window is narrow; bound to #FpWindow:narrow.
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpPrivacyPage::erased:
   * @self: the page
   *
   * This device's data was erased (the cache is closed and its files are
   * gone): the application should show its first-run state.
   */
  signals[ERASED] =
    g_signal_new ("erased",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-privacy-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FpPrivacyPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FpPrivacyPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, FpPrivacyPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, FpPrivacyPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, FpPrivacyPage, purposes_group);
  gtk_widget_class_bind_template_child (widget_class, FpPrivacyPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, FpPrivacyPage, export_row);
  gtk_widget_class_bind_template_child (widget_class, FpPrivacyPage, export_progress_row);
  gtk_widget_class_bind_template_child (widget_class, FpPrivacyPage, export_progress);

  gtk_widget_class_install_action (widget_class, "privacy.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "privacy.cancel-export", NULL, cancel_export_action);
  gtk_widget_class_install_action (widget_class, "privacy.erase-device", NULL, erase_device_action);
  gtk_widget_class_install_action (widget_class, "privacy.request-erasure", NULL, request_erasure_action);
  gtk_widget_class_install_action (widget_class, "page.refresh", NULL, refresh_action);
}

static void
fp_privacy_page_init (FpPrivacyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    {
      self->purpose_rows[i] = FP_CONSENT_ROW (fp_consent_row_new ((FpPurpose) i));
      adw_preferences_group_add (self->purposes_group, GTK_WIDGET (self->purpose_rows[i]));
    }

  set_exporting (self, FALSE);
  update_history (self);
  update_actions (self);
}

/* Public API */

GtkWidget *
fp_privacy_page_new (void)
{
  return g_object_new (FP_TYPE_PRIVACY_PAGE, NULL);
}

FpCache *
fp_privacy_page_get_cache (FpPrivacyPage *self)
{
  g_return_val_if_fail (FP_IS_PRIVACY_PAGE (self), NULL);

  return self->cache;
}

void
fp_privacy_page_set_cache (FpPrivacyPage *self,
                           FpCache       *cache)
{
  g_return_if_fail (FP_IS_PRIVACY_PAGE (self));
  g_return_if_fail (cache == NULL || FP_IS_CACHE (cache));

  if (!g_set_object (&self->cache, cache))
    return;

  update_statuses (self);
  update_history (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
}

FpConsentPolicy *
fp_privacy_page_get_consent_policy (FpPrivacyPage *self)
{
  g_return_val_if_fail (FP_IS_PRIVACY_PAGE (self), NULL);

  return self->policy;
}

void
fp_privacy_page_set_consent_policy (FpPrivacyPage   *self,
                                    FpConsentPolicy *policy)
{
  g_return_if_fail (FP_IS_PRIVACY_PAGE (self));
  g_return_if_fail (policy == NULL || FP_IS_CONSENT_POLICY (policy));

  if (self->policy == policy)
    return;

  if (self->policy != NULL)
    {
      g_clear_signal_handler (&self->history_id, self->policy);
      g_clear_signal_handler (&self->conflict_id, self->policy);
    }
  g_set_object (&self->policy, policy);
  if (policy != NULL)
    {
      self->history_id = g_signal_connect_object (policy, "history-appended",
                                                  G_CALLBACK (history_appended_cb),
                                                  self, G_CONNECT_SWAPPED);
      self->conflict_id = g_signal_connect_object (policy, "conflict", G_CALLBACK (conflict_cb),
                                                   self, G_CONNECT_SWAPPED);
    }

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    fp_consent_row_set_consent_policy (self->purpose_rows[i], policy);
  update_statuses (self);
  update_history (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_POLICY]);
}

gboolean
fp_privacy_page_get_narrow (FpPrivacyPage *self)
{
  g_return_val_if_fail (FP_IS_PRIVACY_PAGE (self), FALSE);

  return self->narrow;
}

void
fp_privacy_page_set_narrow (FpPrivacyPage *self,
                            gboolean       narrow)
{
  g_return_if_fail (FP_IS_PRIVACY_PAGE (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;

  self->narrow = narrow;
  gtk_widget_set_margin_top (GTK_WIDGET (self->content_box), narrow ? 12 : 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->content_box), narrow ? 6 : 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->content_box), narrow ? 6 : 12);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
}
