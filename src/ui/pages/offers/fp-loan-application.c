/* fp-loan-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Start an application" for the structure the customer chose: a dialog
 * (AdwMessageDialog) says exactly what is sent and nothing is sent before
 * "Apply"; then fp_lending_apply_async() sends it with an Idempotency-Key
 * made for this confirmation, and the bank's decision is shown, a decline
 * with its reasons in the bank's words and the way to a human review.
 *
 * At most once: the key is kept with the application until a decision
 * arrives. "Try Again" after a lost answer sends the same key (the bank
 * answers with its first decision); once decided, the same structure
 * cannot be sent again, and only a different structure, confirmed anew,
 * gets a new key. Nothing goes through the outbox: an application is sent
 * while the customer is there, never later from a queue.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "fp-format.h"
#include "fp-human-review.h"
#include "fp-loan-application.h"
#include "fp-net-error.h"
#include "fp-offers-format.h"
#include "fp-ui-util.h"

struct _FpLoanApplication
{
  FpCard                    parent_instance;

  /* Template widgets */
  GtkLabel                 *summary_label;
  GtkButton                *apply_button;
  GtkSpinner               *spinner;
  GtkLabel                 *status_label;
  GtkButton                *retry_button;
  GtkBox                   *decision_box;
  GtkLabel                 *decision_label;
  GtkBox                   *reasons_box;
  GtkButton                *review_button;

  /* Owned references */
  FpSession                *session;
  FpSyncEngine             *engine;
  GCancellable             *cancellable;
  FpLoanDecision           *decision;
  GtkWidget                *dialog;

  /* The choice shown, and the application sent (with its key) */
  gboolean                  has_choice;
  FpLoanApplicationRequest  choice;
  char                     *offer_id;
  char                     *offer_name;
  char                     *currency;
  char                     *label;
  gint32                    rate_bps;
  gint64                    payment_minor;
  FpLoanApplicationRequest  sent;
  char                     *sent_key;
  gboolean                  busy;
};

G_DEFINE_FINAL_TYPE (FpLoanApplication, fp_loan_application, FP_TYPE_CARD)

enum {
  SIGNAL_DECIDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
same_request (const FpLoanApplicationRequest *a,
              const FpLoanApplicationRequest *b)
{
  return g_strcmp0 (a->offer_id, b->offer_id) == 0 && a->purpose == b->purpose &&
         a->amount_minor == b->amount_minor && g_strcmp0 (a->currency, b->currency) == 0 &&
         a->term_months == b->term_months;
}

static gboolean
offline (FpLoanApplication *self)
{
  return self->engine != NULL && fp_sync_engine_get_state (self->engine) == FP_SYNC_STATE_OFFLINE;
}

static void
set_status (FpLoanApplication *self,
            const char        *text,
            gboolean           error)
{
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

/* What the button allows and what the card says, from the state. */
static void
update (FpLoanApplication *self)
{
  gboolean decided = self->decision != NULL && self->sent_key != NULL && same_request (&self->sent, &self->choice);
  gboolean can = self->has_choice && self->session != NULL && !offline (self) && !self->busy && !decided;

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), can);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  if (self->busy)
    set_status (self, _("Sending your application to your bank…"), FALSE);
  else if (!self->has_choice)
    set_status (self, _("Choose a structure above first."), FALSE);
  else if (self->session == NULL)
    set_status (self, _("Sign in to your bank to apply."), FALSE);
  else if (offline (self) && !decided)
    set_status (self, _("Applying needs a connection to your bank. You are offline."), FALSE);
  else if (!gtk_widget_get_visible (GTK_WIDGET (self->retry_button)))
    set_status (self, NULL, FALSE);
}

static void
show_decision (FpLoanApplication *self)
{
  const FpLoanDecision *d = self->decision;
  g_autofree char *text = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->reasons_box))) != NULL)
    gtk_box_remove (self->reasons_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->decision_box), d != NULL);
  if (d == NULL)
    return;

  if (d->approved)
    {
      g_autofree char *rate = fp_offers_format_rate (d->rate_bps);
      g_autofree char *payment = fp_format_money (d->monthly_payment_minor, d->currency, FP_FORMAT_NONE);

      /* Translators: the bank's reference, its rate and the monthly payment */
      text = g_strdup_printf (_("Approved by your bank (reference %s): %s a year, %s a month. Your bank tells you the next steps."),
                              d->application_id, rate, payment);
      gtk_widget_remove_css_class (GTK_WIDGET (self->decision_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->decision_label), "success");
    }
  else
    {
      /* Translators: %s is the bank's reference of the application */
      text = g_strdup_printf (_("Declined by your bank (reference %s), for these reasons:"), d->application_id);
      gtk_widget_remove_css_class (GTK_WIDGET (self->decision_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->decision_label), "error");
      for (guint i = 0; i < d->n_reasons; i++)
        {
          g_autofree char *line = g_strdup_printf ("• %s", d->reasons[i].message);

          gtk_box_append (self->reasons_box, fp_card_text_new (line, NULL));
        }
    }
  gtk_label_set_label (self->decision_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->review_button), !d->approved);
}

static void send_application (FpLoanApplication *self);

static void
applied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FpLoanApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  FpLoanDecision *decision = fp_lending_apply_finish (FP_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (decision == NULL)
    {
      gboolean may_have_arrived = !g_error_matches (error, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED);
      g_autofree char *text = NULL;

      g_debug ("The application was not answered: %s", error->message);
      /* The application may have reached the bank: the same key again
       * learns its decision without applying twice. */
      text = may_have_arrived
             ? g_strdup_printf (_("%s Your application may have reached your bank; Try Again asks for its decision without applying twice."),
                                error->message)
             : g_strdup (error->message);
      set_status (self, text, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->retry_button), TRUE);
      if (g_error_matches (error, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED))
        fp_session_sync_now (self->session);
      update (self);
      return;
    }

  g_clear_pointer (&self->decision, fp_loan_decision_free);
  self->decision = decision;
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
  set_status (self, NULL, FALSE);
  show_decision (self);
  update (self);
  g_signal_emit (self, signals[SIGNAL_DECIDED], 0);
}

static void
send_application (FpLoanApplication *self)
{
  if (self->session == NULL || self->sent_key == NULL)
    return;

  self->busy = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
  update (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  fp_lending_apply_async (self->session, &self->sent, self->sent_key, self->cancellable, applied_cb,
                          g_object_ref (self));
}

static void
forget_sent (FpLoanApplication *self)
{
  g_clear_pointer (&self->sent_key, g_free);
  g_clear_pointer ((char **) &self->sent.offer_id, g_free);
  g_clear_pointer ((char **) &self->sent.currency, g_free);
  memset (&self->sent, 0, sizeof self->sent);
}

static void
response_cb (AdwMessageDialog  *dialog,
             const char        *response,
             FpLoanApplication *self)
{
  g_clear_object (&self->dialog);
  if (!g_str_equal (response, "apply") || !self->has_choice || self->busy)
    return;

  /* A new confirmation of another application gets a new key; the same
   * application not yet answered keeps its key. */
  if (self->sent_key == NULL || !same_request (&self->sent, &self->choice))
    {
      forget_sent (self);
      self->sent = self->choice;
      self->sent.offer_id = g_strdup (self->choice.offer_id);
      self->sent.currency = g_strdup (self->choice.currency);
      self->sent_key = g_uuid_string_random ();
      g_clear_pointer (&self->decision, fp_loan_decision_free);
      show_decision (self);
    }
  send_application (self);
}

static void
apply_clicked_cb (FpLoanApplication *self)
{
  fp_loan_application_start (self);
}

static void
retry_clicked_cb (FpLoanApplication *self)
{
  send_application (self);
}

static void
review_clicked_cb (FpLoanApplication *self)
{
  g_autofree char *subject = NULL;

  if (self->decision == NULL)
    return;
  /* Translators: what the customer quotes to the bank; %s is a reference */
  subject = g_strdup_printf (_("the decision on your loan application %s"), self->decision->application_id);
  fp_human_review_present (GTK_WIDGET (self), subject);
}

static void
engine_state_cb (FpLoanApplication *self)
{
  update (self);
}

static void
set_engine (FpLoanApplication *self,
            FpSyncEngine      *engine)
{
  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_object (engine, "notify::state", G_CALLBACK (engine_state_cb), self, G_CONNECT_SWAPPED);
}

static void
session_notify_cb (FpLoanApplication *self)
{
  set_engine (self, self->session != NULL ? fp_session_get_sync_engine (self->session) : NULL);
  update (self);
}

static void
fp_loan_application_dispose (GObject *object)
{
  FpLoanApplication *self = FP_LOAN_APPLICATION (object);

  /* Leaving the page does not unsend an application: the request goes on
   * in its thread, and its reply is only not shown. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->dialog);
  set_engine (self, NULL);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (fp_loan_application_parent_class)->dispose (object);
}

static void
fp_loan_application_finalize (GObject *object)
{
  FpLoanApplication *self = FP_LOAN_APPLICATION (object);

  forget_sent (self);
  g_clear_pointer (&self->decision, fp_loan_decision_free);
  g_free (self->offer_id);
  g_free (self->offer_name);
  g_free (self->currency);
  g_free (self->label);

  G_OBJECT_CLASS (fp_loan_application_parent_class)->finalize (object);
}

static void
fp_loan_application_class_init (FpLoanApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_loan_application_dispose;
  object_class->finalize = fp_loan_application_finalize;

  /**
   * FpLoanApplication::decided:
   *
   * The bank's decision arrived and is shown.
   */
  signals[SIGNAL_DECIDED] =
    g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-loan-application.ui");
  gtk_widget_class_bind_template_child (widget_class, FpLoanApplication, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FpLoanApplication, apply_button);
  gtk_widget_class_bind_template_child (widget_class, FpLoanApplication, spinner);
  gtk_widget_class_bind_template_child (widget_class, FpLoanApplication, status_label);
  gtk_widget_class_bind_template_child (widget_class, FpLoanApplication, retry_button);
  gtk_widget_class_bind_template_child (widget_class, FpLoanApplication, decision_box);
  gtk_widget_class_bind_template_child (widget_class, FpLoanApplication, decision_label);
  gtk_widget_class_bind_template_child (widget_class, FpLoanApplication, reasons_box);
  gtk_widget_class_bind_template_child (widget_class, FpLoanApplication, review_button);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, review_clicked_cb);
}

static void
fp_loan_application_init (FpLoanApplication *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
fp_loan_application_new (void)
{
  return g_object_new (FP_TYPE_LOAN_APPLICATION, NULL);
}

/**
 * fp_loan_application_set_session:
 * @self: a #FpLoanApplication
 * @session: (nullable): the session that sends it
 */
void
fp_loan_application_set_session (FpLoanApplication *self,
                                 FpSession         *session)
{
  g_return_if_fail (FP_IS_LOAN_APPLICATION (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "notify::sync-engine", G_CALLBACK (session_notify_cb), self,
                             G_CONNECT_SWAPPED);
  session_notify_cb (self);
}

/**
 * fp_loan_application_set_choice:
 * @self: a #FpLoanApplication
 * @offer: (nullable): the loan of the catalogue
 * @purpose: its purpose
 * @structure: (nullable): the structure chosen (read at once)
 * @currency: its currency
 */
void
fp_loan_application_set_choice (FpLoanApplication     *self,
                                const FpOfferInfo     *offer,
                                FpLoanPurpose          purpose,
                                const FpLoanStructure *structure,
                                const char            *currency)
{
  g_autofree char *amount = NULL;
  g_autofree char *term = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *payment = NULL;
  g_autofree char *text = NULL;
  g_autofree char *apply_name = NULL;

  g_return_if_fail (FP_IS_LOAN_APPLICATION (self));

  self->has_choice = offer != NULL && structure != NULL;
  g_clear_pointer (&self->offer_id, g_free);
  g_clear_pointer (&self->offer_name, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->label, g_free);
  memset (&self->choice, 0, sizeof self->choice);
  if (self->has_choice)
    {
      const FpLoanSchedule *s = structure->schedule;

      self->offer_id = g_strdup (offer->offer_id);
      self->offer_name = g_strdup (offer->name);
      self->currency = g_strdup (currency);
      self->label = g_strdup (structure->label);
      self->rate_bps = s->terms.rate_bps;
      self->payment_minor = s->payment_minor + s->terms.monthly_fee_minor;
      self->choice.offer_id = self->offer_id;
      self->choice.purpose = purpose;
      self->choice.amount_minor = s->terms.principal_minor;
      self->choice.currency = self->currency;
      self->choice.term_months = s->terms.term_months;

      amount = fp_format_money (s->terms.principal_minor, currency, FP_FORMAT_NONE);
      term = fp_offers_format_term (s->terms.term_months);
      rate = fp_offers_format_rate (s->terms.rate_bps);
      payment = fp_format_money (self->payment_minor, currency, FP_FORMAT_NONE);
      /* Translators: the structure's label, amount, term, rate and monthly payment */
      text = g_strdup_printf (_("You chose “%s”: %s over %s at %s a year, about %s a month."), structure->label,
                              amount, term, rate, payment);
      /* Translators: the accessible name of the apply button: offer, amount, term */
      apply_name = g_strdup_printf (_("Start an application for %s: %s over %s"), offer->name, amount, term);
      fp_ui_set_accessible_name (GTK_WIDGET (self->apply_button), apply_name, NULL);
    }
  gtk_label_set_label (self->summary_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), text != NULL);

  /* The decision shown belongs to the application sent. */
  show_decision (self);
  gtk_widget_set_visible (GTK_WIDGET (self->decision_box),
                          self->decision != NULL && self->sent_key != NULL && same_request (&self->sent, &self->choice));
  if (self->sent_key == NULL || !same_request (&self->sent, &self->choice))
    gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
  update (self);
}

/**
 * fp_loan_application_start:
 * @self: a #FpLoanApplication
 *
 * Asks the customer to confirm, saying exactly what is sent. Nothing is
 * sent without "Apply".
 */
void
fp_loan_application_start (FpLoanApplication *self)
{
  g_autofree char *amount = NULL;
  g_autofree char *term = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root;

  g_return_if_fail (FP_IS_LOAN_APPLICATION (self));

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->apply_button)) || self->dialog != NULL)
    return;

  amount = fp_format_money (self->choice.amount_minor, self->currency, FP_FORMAT_NONE);
  term = fp_offers_format_term (self->choice.term_months);
  /* Translators: the offer, the purpose, the amount and the term */
  body = g_strdup_printf (_("FinPersona sends your bank an application for:\n\n"
                            "• %s\n• Purpose: %s\n• Amount: %s\n• Term: %s\n\n"
                            "Nothing else is sent: no figure computed on this computer. Your bank decides from its own data and answers at once; it may check your credit record."),
                          self->offer_name, fp_offers_purpose_title (self->choice.purpose), amount, term);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->dialog = g_object_ref_sink (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                            _("Apply for This Loan?"), body));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self->dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self->dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self->dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self->dialog), "cancel");
  g_signal_connect_object (self->dialog, "response", G_CALLBACK (response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

/**
 * fp_loan_application_get_dialog:
 * @self: a #FpLoanApplication
 *
 * Returns: (transfer none) (nullable): the confirmation shown, if any
 */
GtkWidget *
fp_loan_application_get_dialog (FpLoanApplication *self)
{
  g_return_val_if_fail (FP_IS_LOAN_APPLICATION (self), NULL);

  return self->dialog;
}

/**
 * fp_loan_application_get_decision:
 * @self: a #FpLoanApplication
 *
 * Returns: (nullable): the bank's decision on the application sent
 */
const FpLoanDecision *
fp_loan_application_get_decision (FpLoanApplication *self)
{
  g_return_val_if_fail (FP_IS_LOAN_APPLICATION (self), NULL);

  return self->decision;
}

gboolean
fp_loan_application_get_busy (FpLoanApplication *self)
{
  g_return_val_if_fail (FP_IS_LOAN_APPLICATION (self), FALSE);

  return self->busy;
}

/**
 * fp_loan_application_get_status:
 * @self: a #FpLoanApplication
 *
 * Returns: what the card says under the button ("" for nothing)
 */
const char *
fp_loan_application_get_status (FpLoanApplication *self)
{
  g_return_val_if_fail (FP_IS_LOAN_APPLICATION (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->status_label)) ? gtk_label_get_label (self->status_label) : "";
}
