/* fp-assistant-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One message of the assistant's conversation: the customer's question,
 * or an answer that streams in piece by piece (appended to one label, so
 * nothing flickers), with who wrote it, the facts it was based on (an
 * expander of key → value) and, when it failed, why and "Try Again".
 *
 * The answer's label is an accessible status; it is marked busy while it
 * is written and not busy when done, which screen readers announce where
 * GTK 4.8 can (it has no live-region announcements yet).
 */

#define G_LOG_DOMAIN "fp-assistant"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-assistant-message.h"

struct _FpAssistantMessage
{
  AdwBin      parent_instance;

  GtkBox     *bubble;
  GtkLabel   *text_label;
  GtkBox     *waiting_box;
  GtkSpinner *spinner;
  GtkLabel   *status_label;
  GtkButton  *retry_button;
  GtkLabel   *source_label;
  GtkExpander *facts_expander;
  GtkGrid    *facts_grid;

  gboolean    question;
  GString    *text;
};

G_DEFINE_FINAL_TYPE (FpAssistantMessage, fp_assistant_message, ADW_TYPE_BIN)

static void
fp_assistant_message_finalize (GObject *object)
{
  FpAssistantMessage *self = FP_ASSISTANT_MESSAGE (object);

  g_string_free (self->text, TRUE);
  G_OBJECT_CLASS (fp_assistant_message_parent_class)->finalize (object);
}

static void
fp_assistant_message_class_init (FpAssistantMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_assistant_message_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-assistant-message.ui");
  gtk_widget_class_bind_template_child (widget_class, FpAssistantMessage, bubble);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantMessage, text_label);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantMessage, waiting_box);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantMessage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantMessage, status_label);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantMessage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantMessage, source_label);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantMessage, facts_expander);
  gtk_widget_class_bind_template_child (widget_class, FpAssistantMessage, facts_grid);
}

static void
fp_assistant_message_init (FpAssistantMessage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->text = g_string_new (NULL);
}

/**
 * fp_assistant_message_new:
 * @question: the customer's question, else an answer
 *
 * Returns: (transfer floating): a new message
 */
GtkWidget *
fp_assistant_message_new (gboolean question)
{
  FpAssistantMessage *self = g_object_new (FP_TYPE_ASSISTANT_MESSAGE, NULL);

  self->question = question;
  if (question)
    {
      gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_END);
      gtk_widget_set_margin_start (GTK_WIDGET (self), 48);
      gtk_widget_add_css_class (GTK_WIDGET (self->bubble), "fp-assistant-question");
    }
  else
    {
      gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_FILL);
      gtk_widget_set_margin_end (GTK_WIDGET (self), 24);
    }
  return GTK_WIDGET (self);
}

gboolean
fp_assistant_message_is_question (FpAssistantMessage *self)
{
  g_return_val_if_fail (FP_IS_ASSISTANT_MESSAGE (self), FALSE);
  return self->question;
}

static void
show_text (FpAssistantMessage *self)
{
  gtk_label_set_text (self->text_label, self->text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->text_label), self->text->len > 0);
}

void
fp_assistant_message_set_text (FpAssistantMessage *self,
                               const char         *text)
{
  g_return_if_fail (FP_IS_ASSISTANT_MESSAGE (self));

  g_string_assign (self->text, text != NULL ? text : "");
  show_text (self);
}

/**
 * fp_assistant_message_append:
 * @self: an answer
 * @text: the next piece
 *
 * Appends a streamed piece; the first one ends the waiting.
 */
void
fp_assistant_message_append (FpAssistantMessage *self,
                             const char         *text)
{
  g_return_if_fail (FP_IS_ASSISTANT_MESSAGE (self));

  g_string_append (self->text, text != NULL ? text : "");
  show_text (self);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_box), FALSE);
  gtk_spinner_set_spinning (self->spinner, FALSE);
}

const char *
fp_assistant_message_get_text (FpAssistantMessage *self)
{
  g_return_val_if_fail (FP_IS_ASSISTANT_MESSAGE (self), NULL);
  return self->text->str;
}

/**
 * fp_assistant_message_set_waiting:
 * @self: an answer
 * @waiting: whether it is being written
 *
 * While waiting, a spinner says so until the first piece arrives, and the
 * answer is marked busy for assistive technologies.
 */
void
fp_assistant_message_set_waiting (FpAssistantMessage *self,
                                  gboolean            waiting)
{
  g_return_if_fail (FP_IS_ASSISTANT_MESSAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->waiting_box), waiting && self->text->len == 0);
  gtk_spinner_set_spinning (self->spinner, waiting && self->text->len == 0);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->text_label), GTK_ACCESSIBLE_STATE_BUSY, waiting, -1);
  if (waiting)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
    }
}

gboolean
fp_assistant_message_get_waiting (FpAssistantMessage *self)
{
  g_return_val_if_fail (FP_IS_ASSISTANT_MESSAGE (self), FALSE);
  return gtk_spinner_get_spinning (self->spinner);
}

/**
 * fp_assistant_message_set_source:
 * @self: an answer
 * @source: (nullable): `device`, `sandbox-template`, `bedrock:<model>`
 *
 * Says who wrote the answer.
 */
void
fp_assistant_message_set_source (FpAssistantMessage *self,
                                 const char         *source)
{
  g_return_if_fail (FP_IS_ASSISTANT_MESSAGE (self));

  if (source == NULL || *source == '\0')
    gtk_label_set_text (self->source_label, "");
  else if (g_str_equal (source, "device"))
    gtk_label_set_text (self->source_label, _("Written on this device"));
  else if (g_str_has_prefix (source, "bedrock:"))
    gtk_label_set_text (self->source_label, _("Written by AI from your figures (Amazon Bedrock)"));
  else
    gtk_label_set_text (self->source_label, _("Written by your bank’s GenAI service from your figures"));
  gtk_widget_set_visible (GTK_WIDGET (self->source_label), source != NULL && *source != '\0');
}

const char *
fp_assistant_message_get_source_text (FpAssistantMessage *self)
{
  g_return_val_if_fail (FP_IS_ASSISTANT_MESSAGE (self), NULL);
  return gtk_label_get_text (self->source_label);
}

/* monthly_income -> "monthly income" */
static char *
humanize (const char *key)
{
  char *text = g_strdup (key);

  g_strdelimit (text, "_.", ' ');
  return text;
}

/**
 * fp_assistant_message_set_facts:
 * @self: an answer
 * @facts: (nullable) (array zero-terminated=1): keys and values
 *   alternating
 *
 * Lists the facts the answer was based on, in an expander.
 */
void
fp_assistant_message_set_facts (FpAssistantMessage *self,
                                const char * const *facts)
{
  GtkWidget *child;
  int row = 0;

  g_return_if_fail (FP_IS_ASSISTANT_MESSAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts_grid))) != NULL)
    gtk_grid_remove (self->facts_grid, child);
  for (guint i = 0; facts != NULL && facts[i] != NULL && facts[i + 1] != NULL; i += 2, row++)
    {
      g_autofree char *key = humanize (facts[i]);
      GtkWidget *k = gtk_label_new (key);
      GtkWidget *v = gtk_label_new (facts[i + 1]);

      gtk_label_set_xalign (GTK_LABEL (k), 0);
      gtk_label_set_xalign (GTK_LABEL (v), 0);
      gtk_label_set_selectable (GTK_LABEL (v), TRUE);
      gtk_widget_add_css_class (k, "dim-label");
      gtk_widget_add_css_class (v, "numeric");
      gtk_grid_attach (self->facts_grid, k, 0, row, 1, 1);
      gtk_grid_attach (self->facts_grid, v, 1, row, 1, 1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->facts_expander), row > 0);
}

/**
 * fp_assistant_message_set_status:
 * @self: an answer
 * @status: (nullable): what went wrong, as a sentence
 * @can_retry: whether to offer "Try Again"
 */
void
fp_assistant_message_set_status (FpAssistantMessage *self,
                                 const char         *status,
                                 gboolean            can_retry)
{
  g_return_if_fail (FP_IS_ASSISTANT_MESSAGE (self));

  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), status != NULL && can_retry);
}

const char *
fp_assistant_message_get_status (FpAssistantMessage *self)
{
  g_return_val_if_fail (FP_IS_ASSISTANT_MESSAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label)) ? gtk_label_get_text (self->status_label) : NULL;
}
