/* fp-feedback-buttons.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Interested" and "Not for me" on one offer: the second opens a popover
 * with the reasons that fit the offer's kind (optional) and the choice to
 * hide the offer for good. The widget only says what the customer chose
 * (the `feedback` signal); the page records it, re-ranks at once, and the
 * store decides whether it may reach the bank (the consent to marketing).
 * The popover says which.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-feedback-buttons.h"
#include "fp-offers-format.h"
#include "fp-ui-util.h"

struct _FpFeedbackButtons
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkButton      *interested_button;
  GtkMenuButton  *not_for_me_button;
  GtkPopover     *popover;
  GtkBox         *reasons_box;
  GtkLabel       *privacy_label;
  GtkButton      *not_for_me_send;
  GtkButton      *hide_button;

  char           *offer_id;
};

G_DEFINE_FINAL_TYPE (FpFeedbackButtons, fp_feedback_buttons, ADW_TYPE_BIN)

enum {
  SIGNAL_FEEDBACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint32
checked_reasons (FpFeedbackButtons *self)
{
  guint32 reasons = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->reasons_box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
      reasons |= GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (c), "fp-reason"));
  return reasons;
}

static void
interested_clicked_cb (FpFeedbackButtons *self)
{
  fp_feedback_buttons_give (self, FP_OFFER_INTERESTED, 0);
}

static void
not_for_me_clicked_cb (FpFeedbackButtons *self)
{
  guint32 reasons = checked_reasons (self);

  gtk_popover_popdown (self->popover);
  fp_feedback_buttons_give (self, FP_OFFER_NOT_FOR_ME, reasons);
}

static void
hide_clicked_cb (FpFeedbackButtons *self)
{
  guint32 reasons = checked_reasons (self);

  gtk_popover_popdown (self->popover);
  fp_feedback_buttons_give (self, FP_OFFER_DISMISSED, reasons);
}

static void
fp_feedback_buttons_finalize (GObject *object)
{
  FpFeedbackButtons *self = FP_FEEDBACK_BUTTONS (object);

  g_free (self->offer_id);

  G_OBJECT_CLASS (fp_feedback_buttons_parent_class)->finalize (object);
}

static void
fp_feedback_buttons_class_init (FpFeedbackButtonsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_feedback_buttons_finalize;

  /**
   * FpFeedbackButtons::feedback:
   * @self: the widget
   * @offer_id: the offer
   * @reaction: an #FpOfferReaction
   * @reasons: #FpOfferReason flags
   *
   * The customer reacted to the offer.
   */
  signals[SIGNAL_FEEDBACK] =
    g_signal_new ("feedback", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_INT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-feedback-buttons.ui");
  gtk_widget_class_bind_template_child (widget_class, FpFeedbackButtons, interested_button);
  gtk_widget_class_bind_template_child (widget_class, FpFeedbackButtons, not_for_me_button);
  gtk_widget_class_bind_template_child (widget_class, FpFeedbackButtons, popover);
  gtk_widget_class_bind_template_child (widget_class, FpFeedbackButtons, reasons_box);
  gtk_widget_class_bind_template_child (widget_class, FpFeedbackButtons, privacy_label);
  gtk_widget_class_bind_template_child (widget_class, FpFeedbackButtons, not_for_me_send);
  gtk_widget_class_bind_template_child (widget_class, FpFeedbackButtons, hide_button);
  gtk_widget_class_bind_template_callback (widget_class, interested_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, not_for_me_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, hide_clicked_cb);
}

static void
fp_feedback_buttons_init (FpFeedbackButtons *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_feedback_buttons_new (void)
{
  return g_object_new (FP_TYPE_FEEDBACK_BUTTONS, NULL);
}

/**
 * fp_feedback_buttons_set_offer:
 * @self: a #FpFeedbackButtons
 * @offer: the ranked offer
 * @sent_to_bank: whether feedback reaches the bank (the consent to
 *   marketing); the popover says so
 *
 * Shows the reasons that fit the offer and names every control after it
 * ("Interested in Personal Loan").
 */
void
fp_feedback_buttons_set_offer (FpFeedbackButtons     *self,
                             const FpRankedOffer *offer,
                             gboolean             sent_to_bank)
{
  const char *name = offer->offer->name;
  guint32 reasons = fp_offers_reasons_for_kind (offer->offer->kind);
  gboolean interested = offer->has_feedback && offer->reaction == FP_OFFER_INTERESTED;
  g_autofree char *interested_name = NULL;
  g_autofree char *not_for_me_name = NULL;
  g_autofree char *hide_name = NULL;
  GtkWidget *child;

  g_return_if_fail (FP_IS_FEEDBACK_BUTTONS (self));

  g_free (self->offer_id);
  self->offer_id = g_strdup (offer->offer->offer_id);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->reasons_box))) != NULL)
    gtk_box_remove (self->reasons_box, child);
  for (guint i = 0; i < FP_OFFER_N_REASONS; i++)
    if (reasons & (1u << i))
      {
        GtkWidget *check = gtk_check_button_new_with_label (fp_offers_reason_title ((FpOfferReason) (1u << i)));

        g_object_set_data (G_OBJECT (check), "fp-reason", GUINT_TO_POINTER (1u << i));
        gtk_box_append (self->reasons_box, check);
      }

  gtk_label_set_label (self->privacy_label,
                       sent_to_bank ? _("Your answer is also sent to your bank, once.")
                                    : _("Your answer stays on this computer: without your consent to marketing it is not sent to your bank."));

  gtk_button_set_label (self->interested_button, interested ? _("Interested ✓") : _("_Interested"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->interested_button), !interested);

  /* Translators: the accessible names of the feedback buttons; %s is an offer */
  interested_name = g_strdup_printf (_("Interested in %s"), name);
  not_for_me_name = g_strdup_printf (_("%s is not for me"), name);
  hide_name = g_strdup_printf (_("Hide %s"), name);
  fp_ui_set_accessible_name (GTK_WIDGET (self->interested_button), interested_name, NULL);
  fp_ui_set_accessible_name (GTK_WIDGET (self->not_for_me_button), not_for_me_name, NULL);
  fp_ui_set_accessible_name (GTK_WIDGET (self->not_for_me_send), not_for_me_name, NULL);
  fp_ui_set_accessible_name (GTK_WIDGET (self->hide_button), hide_name, NULL);
}

const char *
fp_feedback_buttons_get_offer_id (FpFeedbackButtons *self)
{
  g_return_val_if_fail (FP_IS_FEEDBACK_BUTTONS (self), NULL);

  return self->offer_id;
}

/**
 * fp_feedback_buttons_give:
 * @self: a #FpFeedbackButtons
 * @reaction: what the customer said
 * @reasons: #FpOfferReason flags
 *
 * What the buttons do: emits #FpFeedbackButtons::feedback.
 */
void
fp_feedback_buttons_give (FpFeedbackButtons *self,
                        FpOfferReaction  reaction,
                        guint32          reasons)
{
  g_return_if_fail (FP_IS_FEEDBACK_BUTTONS (self));

  if (self->offer_id == NULL)
    return;
  g_signal_emit (self, signals[SIGNAL_FEEDBACK], 0, self->offer_id, (int) reaction, reasons);
}
