/* fp-assistant-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The assistant: questions in plain language, answered from the
 * customer's own figures. A worker thread computes the insights from the
 * cache and picks the facts that answer the question (core:
 * fp_question_parse(), fp_assistant_pick_facts(): aggregates only,
 * rounded, redacted). With the GenAI consent, only those facts and the
 * question go to the bank's GenAI proxy (fp_session_ask()) and the answer
 * streams in; without it nothing leaves the device and the same facts are
 * written by the on-device template (fp_assistant_write_local()),
 * labelled "Written on this device".
 *
 * The conversation is kept in the cache (fp-cache-conversation.h), so it
 * is in "Download my data" and goes with erase; "Clear Conversation"
 * forgets it. Enter asks, Escape stops the answer being written.
 */

#define G_LOG_DOMAIN "fp-assistant"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-assistant-message.h"
#include "fp-assistant-page.h"
#include "fp-assistant.h"
#include "fp-cache-conversation.h"
#include "fp-cli-insights.h"
#include "fp-consent-row.h"
#include "fp-session.h"

struct _FpAssistantPage
{
  AdwBin              parent_instance;

  GtkScrolledWindow  *scroller;
  GtkBox             *consent_box;
  GtkListBox         *consent_list;
  GtkFlowBox         *suggestions;
  GtkBox             *messages;
  GtkEntry           *entry;
  GtkButton          *ask_button;
  GtkButton          *stop_button;
  GtkWidget          *consent_row;

  FpCache            *cache;
  FpConsentPolicy    *policy;
  FpSession          *session;
  gboolean            narrow;

  GCancellable       *cancellable;
  FpGenaiAnswer      *answer;
  FpAssistantMessage *current;
  char               *question;
  GStrv               facts;
  gboolean            busy;
};

G_DEFINE_FINAL_TYPE (FpAssistantPage, fp_assistant_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CACHE,
  PROP_CONSENT_POLICY,
  PROP_SESSION,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ANSWERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const suggestion_texts[] = {
  N_("Can I afford $600 more rent a month?"),
  N_("Why did my spending go up in October?"),
  N_("What drives my health score?"),
  N_("Will I run low before payday?"),
  N_("What do my subscriptions cost?"),
  N_("Should I take a loan?"),
};

static gboolean
genai_allowed (FpAssistantPage *self)
{
  return self->policy != NULL && fp_consent_policy_allows (self->policy, FP_PURPOSE_GENAI);
}

static void
update_controls (FpAssistantPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  gtk_widget_set_visible (GTK_WIDGET (self->ask_button), !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.ask", !self->busy && *trimmed != '\0'
                                                                     && self->cache != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.stop", self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.retry", !self->busy && self->question != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.clear", !self->busy && self->cache != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->consent_box), !genai_allowed (self));
  /* The suggestions start a conversation; then the conversation has the room. */
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions),
                          gtk_widget_get_first_child (GTK_WIDGET (self->messages)) == NULL);
}

static void
scroll_to_end (FpAssistantPage *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
}

static FpAssistantMessage *
add_message (FpAssistantPage *self,
             gboolean         question,
             const char      *text)
{
  GtkWidget *m = fp_assistant_message_new (question);

  fp_assistant_message_set_text (FP_ASSISTANT_MESSAGE (m), text);
  gtk_box_append (self->messages, m);
  return FP_ASSISTANT_MESSAGE (m);
}

static void
save_message (FpAssistantPage    *self,
              const char         *role,
              const char         *text,
              const char         *source,
              const char * const *facts)
{
  g_autoptr(GError) error = NULL;

  if (self->cache != NULL && fp_cache_add_assistant_message (self->cache, role, text, source, facts, &error) == 0)
    g_warning ("Could not keep the conversation: %s", error->message);
}

static void
clear_messages (FpAssistantPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->messages))) != NULL)
    gtk_box_remove (self->messages, child);
}

static void
load_conversation (FpAssistantPage *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  clear_messages (self);
  if (self->cache == NULL)
    return;
  list = fp_cache_list_assistant_messages (self->cache, &error);
  if (list == NULL)
    {
      g_warning ("Could not read the conversation: %s", error->message);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const FpConversationMessage *row = g_ptr_array_index (list, i);
      FpAssistantMessage *m = add_message (self, g_str_equal (row->role, "user"), row->text);

      if (!g_str_equal (row->role, "user"))
        {
          fp_assistant_message_set_source (m, row->source);
          fp_assistant_message_set_facts (m, (const char * const *) row->facts);
        }
    }
}

/* Ending an answer */

static void
disconnect_answer (FpAssistantPage *self)
{
  if (self->answer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->answer, self);
      g_clear_object (&self->answer);
    }
}

static void
finish (FpAssistantPage *self)
{
  self->busy = FALSE;
  disconnect_answer (self);
  if (self->current != NULL)
    fp_assistant_message_set_waiting (self->current, FALSE);
  update_controls (self);
  g_signal_emit (self, signals[SIGNAL_ANSWERED], 0);
}

static void
answer_locally (FpAssistantPage *self)
{
  g_autofree char *text = fp_assistant_write_local ((const char * const *) self->facts);

  fp_assistant_message_set_text (self->current, text);
  fp_assistant_message_set_source (self->current, "device");
  fp_assistant_message_set_facts (self->current, (const char * const *) self->facts);
  save_message (self, "assistant", text, "device", (const char * const *) self->facts);
  finish (self);
}

static void
answer_delta_cb (FpGenaiAnswer   *answer,
                 const char      *text,
                 FpAssistantPage *self)
{
  fp_assistant_message_append (self->current, text);
  scroll_to_end (self);
}

static void
answer_done_cb (FpGenaiAnswer   *answer,
                FpAssistantPage *self)
{
  const char *text = fp_genai_answer_get_text (answer);
  const char *generator = fp_genai_answer_get_generator (answer);

  fp_assistant_message_set_text (self->current, text);
  fp_assistant_message_set_source (self->current, generator != NULL ? generator : "genai");
  fp_assistant_message_set_facts (self->current, (const char * const *) self->facts);
  save_message (self, "assistant", text, generator, (const char * const *) self->facts);
  finish (self);
}

static void
answer_failed_cb (FpGenaiAnswer   *answer,
                  const GError    *error,
                  FpAssistantPage *self)
{
  g_autofree char *status = NULL;
  gboolean retry = TRUE;

  if (g_error_matches (error, FP_GENAI_ERROR, FP_GENAI_ERROR_NO_CONSENT))
    {
      /* The bank has no consent on record (yet): answer here instead. */
      disconnect_answer (self);
      answer_locally (self);
      return;
    }
  if (g_error_matches (error, FP_GENAI_ERROR, FP_GENAI_ERROR_THROTTLED)
      && fp_genai_answer_get_retry_after (answer) > 0)
    {
      gint64 seconds = fp_genai_answer_get_retry_after (answer);

      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The assistant is busy. Try again in %d second.",
                                             "The assistant is busy. Try again in %d seconds.",
                                             (gulong) seconds),
                                (int) seconds);
    }
  else if (g_error_matches (error, FP_GENAI_ERROR, FP_GENAI_ERROR_OFFLINE))
    status = g_strdup (_("The assistant cannot be reached. Check your connection and try again."));
  else if (g_error_matches (error, FP_GENAI_ERROR, FP_GENAI_ERROR_REFUSED))
    {
      status = g_strdup (_("The assistant cannot answer this question as it is. Leave out names, "
                           "card or account numbers and ask again."));
      retry = FALSE;
    }
  else if (g_error_matches (error, FP_GENAI_ERROR, FP_GENAI_ERROR_UNAUTHORIZED))
    status = g_strdup (_("Your sign-in has expired. Sign in again to ask the assistant."));
  else if (g_error_matches (error, FP_GENAI_ERROR, FP_GENAI_ERROR_INTERRUPTED))
    status = g_strdup (_("The answer broke off."));
  else
    status = g_strdup (_("The assistant could not answer."));
  fp_assistant_message_set_status (self->current, status, retry);
  finish (self);
}

/* Asking */

typedef struct {
  FpCache  *cache;
  char     *question;
  gboolean  personalized;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->cache);
  g_free (job->question);
  g_free (job);
}

static void
facts_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(FpDashboardData) data = NULL;
  GError *error = NULL;
  FpQuestion q;

  data = fp_dashboard_data_load (job->cache, 0, 0, job->personalized, cancellable, &error);
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->dashboard == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("The assistant answers from your insights. Turn on personalized insights "
                                 "on the Privacy page to use it."));
      return;
    }
  fp_question_parse (job->question, &q);
  g_task_return_pointer (task,
                         fp_assistant_pick_facts (data->dashboard, &q,
                                                  data->home_currency != NULL ? data->home_currency : "USD",
                                                  NULL),
                         (GDestroyNotify) g_strfreev);
}

static void
facts_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FpAssistantPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GStrv facts = g_task_propagate_pointer (G_TASK (result), &error);

  if (facts == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      fp_assistant_message_set_status (self->current, error->message, FALSE);
      finish (self);
      return;
    }
  g_strfreev (self->facts);
  self->facts = facts;

  if (!genai_allowed (self) || self->session == NULL)
    {
      answer_locally (self);
      return;
    }
  self->answer = fp_session_ask (self->session, FP_GENAI_TASK_ANSWER_QUESTION, self->question,
                                 (const char * const *) self->facts, self->cancellable);
  g_signal_connect (self->answer, "delta", G_CALLBACK (answer_delta_cb), self);
  g_signal_connect (self->answer, "done", G_CALLBACK (answer_done_cb), self);
  g_signal_connect (self->answer, "failed", G_CALLBACK (answer_failed_cb), self);
  /* An answer that failed before it started (no consent at the client)
   * reports it from an idle: the handlers above see it. */
}

static void
start (FpAssistantPage *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = TRUE;
  fp_assistant_message_set_text (self->current, NULL);
  fp_assistant_message_set_source (self->current, NULL);
  fp_assistant_message_set_facts (self->current, NULL);
  fp_assistant_message_set_waiting (self->current, TRUE);
  update_controls (self);
  scroll_to_end (self);

  job = g_new0 (Job, 1);
  job->cache = g_object_ref (self->cache);
  job->question = g_strdup (self->question);
  job->personalized = self->policy == NULL || fp_consent_policy_allows (self->policy, FP_PURPOSE_PERSONALIZATION);
  task = g_task_new (self, self->cancellable, facts_cb, g_object_ref (self));
  g_task_set_source_tag (task, start);
  g_task_set_name (task, "[finpersona] assistant facts");
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, facts_thread);
}

/**
 * fp_assistant_page_ask:
 * @self: the page
 * @question: a question in plain language
 *
 * Asks @question, as Enter in the entry does.
 */
void
fp_assistant_page_ask (FpAssistantPage *self,
                       const char      *question)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (FP_IS_ASSISTANT_PAGE (self));
  g_return_if_fail (question != NULL);

  trimmed = g_strstrip (g_strdup (question));
  if (self->busy || *trimmed == '\0' || self->cache == NULL || !g_utf8_validate (trimmed, -1, NULL))
    return;
  g_free (self->question);
  self->question = g_steal_pointer (&trimmed);
  add_message (self, TRUE, self->question);
  save_message (self, "user", self->question, NULL, NULL);
  self->current = add_message (self, FALSE, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  start (self);
}

static void
stop (FpAssistantPage *self)
{
  if (!self->busy)
    return;
  g_cancellable_cancel (self->cancellable);
  if (self->answer != NULL)
    fp_genai_answer_cancel (self->answer);
  fp_assistant_message_set_status (self->current, _("Stopped."), TRUE);
  finish (self);
}

static void
ask_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  FpAssistantPage *self = FP_ASSISTANT_PAGE (widget);

  fp_assistant_page_ask (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  stop (FP_ASSISTANT_PAGE (widget));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FpAssistantPage *self = FP_ASSISTANT_PAGE (widget);

  if (self->busy || self->question == NULL || self->current == NULL || self->cache == NULL)
    return;
  start (self);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FpAssistantPage *self = FP_ASSISTANT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->busy || self->cache == NULL)
    return;
  if (!fp_cache_clear_conversation (self->cache, &error))
    {
      g_warning ("Could not clear the conversation: %s", error->message);
      return;
    }
  self->current = NULL;
  g_clear_pointer (&self->question, g_free);
  clear_messages (self);
  update_controls (self);
}

static void
entry_activate_cb (FpAssistantPage *self)
{
  fp_assistant_page_ask (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
entry_changed_cb (FpAssistantPage *self)
{
  update_controls (self);
}

static void
suggestion_clicked_cb (GtkButton       *button,
                       FpAssistantPage *self)
{
  fp_assistant_page_ask (self, gtk_button_get_label (button));
}

/* Properties */

static void
policy_changed_cb (FpConsentPolicy *policy,
                   FpPurpose        purpose,
                   FpConsentState   state,
                   FpAssistantPage *self)
{
  update_controls (self);
}

static void
set_cache (FpAssistantPage *self,
           FpCache         *cache)
{
  if (self->cache == cache)
    return;
  stop (self);
  g_set_object (&self->cache, cache);
  self->current = NULL;
  g_clear_pointer (&self->question, g_free);
  load_conversation (self);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
}

static void
set_policy (FpAssistantPage *self,
            FpConsentPolicy *policy)
{
  if (self->policy == policy)
    return;
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_data (self->policy, self);
  g_set_object (&self->policy, policy);
  if (policy != NULL)
    g_signal_connect (policy, "changed::genai", G_CALLBACK (policy_changed_cb), self);
  fp_consent_row_set_consent_policy (FP_CONSENT_ROW (self->consent_row), policy);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_POLICY]);
}

static void
fp_assistant_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FpAssistantPage *self = FP_ASSISTANT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_CONSENT_POLICY:
      g_value_set_object (value, self->policy);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_assistant_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FpAssistantPage *self = FP_ASSISTANT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      set_cache (self, g_value_get_object (value));
      break;
    case PROP_CONSENT_POLICY:
      set_policy (self, g_value_get_object (value));
      break;
    case PROP_SESSION:
      stop (self);
      g_set_object (&self->session, g_value_get_object (value));
      break;
    case PROP_NARROW:
      self->narrow = g_value_get_boolean (value);
      gtk_flow_box_set_max_children_per_line (self->suggestions, self->narrow ? 1 : 2);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_assistant_page_dispose (GObject *object)
{
  FpAssistantPage *self = FP_ASSISTANT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->answer != NULL)
    fp_genai_answer_cancel (self->answer);
  disconnect_answer (self);
  if (self->policy != NULL)
    g_signal_handlers_disconnect_by_data (self->policy, self);
  g_clear_object (&self->policy);
  g_clear_object (&self->cache);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (fp_assistant_page_parent_class)->dispose (object);
}

static void
fp_assistant_page_finalize (GObject *object)
{
  FpAssistantPage *self = FP_ASSISTANT_PAGE (object);

  g_free (self->question);
  g_strfreev (self->facts);
  G_OBJECT_CLASS (fp_assistant_page_parent_class)->finalize (object);
}

static void
fp_assistant_page_class_init (FpAssistantPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fp_assistant_page_get_property;
  object_class->set_property = fp_assistant_page_set_property;
  object_class->dispose = fp_assistant_page_dispose;
  object_class->finalize = fp_assistant_page_finalize;

  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, FP_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENT_POLICY] =
    g_param_spec_object ("consent-policy", NULL, NULL, FP_TYPE_CONSENT_POLICY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpAssistantPage::answered:
   *
   * An answer finished: written, failed or stopped.
   */
  signals[SIGNAL_ANSWERED] =
    g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-assistant-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FpAssistantPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantPage, consent_box);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantPage, consent_list);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantPage, suggestions);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantPage, messages);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantPage, entry);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantPage, ask_button);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantPage, stop_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "assistant.ask", NULL, ask_action);
  gtk_widget_class_install_action (widget_class, "assistant.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "assistant.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "assistant.clear", NULL, clear_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "assistant.stop", NULL);
}

static void
fp_assistant_page_init (FpAssistantPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->consent_row = fp_consent_row_new (FP_PURPOSE_GENAI);
  gtk_list_box_append (self->consent_list, self->consent_row);
  for (guint i = 0; i < G_N_ELEMENTS (suggestion_texts); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(suggestion_texts[i]));
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      g_signal_connect (button, "clicked", G_CALLBACK (suggestion_clicked_cb), self);
      gtk_flow_box_append (self->suggestions, button);
    }
  update_controls (self);
}

GtkWidget *
fp_assistant_page_new (void)
{
  return g_object_new (FP_TYPE_ASSISTANT_PAGE, NULL);
}

gboolean
fp_assistant_page_get_busy (FpAssistantPage *self)
{
  g_return_val_if_fail (FP_IS_ASSISTANT_PAGE (self), FALSE);
  return self->busy;
}

/**
 * fp_assistant_page_get_answer:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the answer being streamed, if any
 */
FpGenaiAnswer *
fp_assistant_page_get_answer (FpAssistantPage *self)
{
  g_return_val_if_fail (FP_IS_ASSISTANT_PAGE (self), NULL);
  return self->answer;
}

/**
 * fp_assistant_page_get_last_message:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the last #FpAssistantMessage
 */
GtkWidget *
fp_assistant_page_get_last_message (FpAssistantPage *self)
{
  g_return_val_if_fail (FP_IS_ASSISTANT_PAGE (self), NULL);
  return gtk_widget_get_last_child (GTK_WIDGET (self->messages));
}

guint
fp_assistant_page_get_n_messages (FpAssistantPage *self)
{
  guint n = 0;

  g_return_val_if_fail (FP_IS_ASSISTANT_PAGE (self), 0);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->messages)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

/**
 * fp_assistant_page_find_child:
 * @self: the page
 * @name: a template child's id
 *
 * Returns: (transfer none) (nullable): the child, for tests
 */
gpointer
fp_assistant_page_find_child (FpAssistantPage *self,
                              const char      *name)
{
  g_return_val_if_fail (FP_IS_ASSISTANT_PAGE (self), NULL);
  return gtk_widget_get_template_child (GTK_WIDGET (self), FP_TYPE_ASSISTANT_PAGE, name);
}
