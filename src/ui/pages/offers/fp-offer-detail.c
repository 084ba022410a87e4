/* fp-offer-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detail view of one offer: its name, kind and best figure, "Made for
 * you" when it is, the bank's description, the feedback buttons, "Why this
 * offer" (FpOfferWhy), then what belongs to its kind, which the page puts
 * in with fp_offer_detail_set_extra(): the loan's structuring
 * (FpLoanView), the credit line per card (FpCreditLineView), and later the
 * portfolios of the investing offers. Narrow, a back button returns to the
 * list (`back` signal).
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include "fp-offer-detail.h"
#include "fp-offers-format.h"
#include "fp-ui-util.h"

struct _FpOfferDetail
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkButton       *back_button;
  GtkLabel        *title_label;
  GtkLabel        *headline_label;
  GtkLabel        *made_for_you_label;
  GtkLabel        *description_label;
  FpFeedbackButtons *feedback;
  FpOfferWhy      *why;
  AdwBin          *extra_bin;

  char            *offer_id;
};

G_DEFINE_FINAL_TYPE (FpOfferDetail, fp_offer_detail, ADW_TYPE_BIN)

enum {
  SIGNAL_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
back_clicked_cb (FpOfferDetail *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

static void
fp_offer_detail_finalize (GObject *object)
{
  FpOfferDetail *self = FP_OFFER_DETAIL (object);

  g_free (self->offer_id);

  G_OBJECT_CLASS (fp_offer_detail_parent_class)->finalize (object);
}

static void
fp_offer_detail_class_init (FpOfferDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_offer_detail_finalize;

  /**
   * FpOfferDetail::back:
   *
   * The customer wants the list again (narrow windows).
   */
  signals[SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (FP_TYPE_FEEDBACK_BUTTONS);
  g_type_ensure (FP_TYPE_OFFER_WHY);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/finpersona/FinPersona/ui/fp-offer-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, FpOfferDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, FpOfferDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, FpOfferDetail, headline_label);
  gtk_widget_class_bind_template_child (widget_class, FpOfferDetail, made_for_you_label);
  gtk_widget_class_bind_template_child (widget_class, FpOfferDetail, description_label);
  gtk_widget_class_bind_template_child (widget_class, FpOfferDetail, feedback);
  gtk_widget_class_bind_template_child (widget_class, FpOfferDetail, why);
  gtk_widget_class_bind_template_child (widget_class, FpOfferDetail, extra_bin);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
}

static void
fp_offer_detail_init (FpOfferDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_offer_detail_new (void)
{
  return g_object_new (FP_TYPE_OFFER_DETAIL, NULL);
}

/**
 * fp_offer_detail_set_offer:
 * @self: a #FpOfferDetail
 * @offer: the ranked offer (read at once)
 * @ranking: its ranking (read at once)
 * @description: (nullable): the bank's description
 * @today: today
 * @sent_to_bank: whether feedback reaches the bank
 */
void
fp_offer_detail_set_offer (FpOfferDetail        *self,
                           const FpRankedOffer  *offer,
                           const FpOfferRanking *ranking,
                           const char           *description,
                           gint32                today,
                           gboolean              sent_to_bank)
{
  g_autofree char *headline = NULL;

  g_return_if_fail (FP_IS_OFFER_DETAIL (self));
  g_return_if_fail (offer != NULL && ranking != NULL);

  g_free (self->offer_id);
  self->offer_id = g_strdup (offer->offer->offer_id);
  headline = fp_offers_format_headline (offer->offer);
  gtk_label_set_label (self->title_label, offer->offer->name);
  gtk_label_set_label (self->headline_label, headline);
  gtk_widget_set_visible (GTK_WIDGET (self->made_for_you_label), offer->made_for_you);
  gtk_label_set_label (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL && *description != '\0');
  fp_feedback_buttons_set_offer (self->feedback, offer, sent_to_bank);
  fp_offer_why_set_offer (self->why, offer, ranking, today);
}

/**
 * fp_offer_detail_set_extra:
 * @self: a #FpOfferDetail
 * @extra: (nullable) (transfer floating): what belongs to the offer's kind
 */
void
fp_offer_detail_set_extra (FpOfferDetail *self,
                           GtkWidget     *extra)
{
  g_return_if_fail (FP_IS_OFFER_DETAIL (self));

  adw_bin_set_child (self->extra_bin, extra);
}

/**
 * fp_offer_detail_get_extra:
 * @self: a #FpOfferDetail
 *
 * Returns: (transfer none) (nullable): what belongs to the offer's kind
 */
GtkWidget *
fp_offer_detail_get_extra (FpOfferDetail *self)
{
  g_return_val_if_fail (FP_IS_OFFER_DETAIL (self), NULL);

  return adw_bin_get_child (self->extra_bin);
}

void
fp_offer_detail_set_show_back (FpOfferDetail *self,
                               gboolean       show_back)
{
  g_return_if_fail (FP_IS_OFFER_DETAIL (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back);
}

/**
 * fp_offer_detail_focus:
 * @self: a #FpOfferDetail
 *
 * Moves the keyboard focus into the details: to the back button when it
 * is shown, else to the first control.
 */
void
fp_offer_detail_focus (FpOfferDetail *self)
{
  g_return_if_fail (FP_IS_OFFER_DETAIL (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->back_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->back_button));
  else
    gtk_widget_child_focus (GTK_WIDGET (self->feedback), GTK_DIR_TAB_FORWARD);
}

/**
 * fp_offer_detail_get_feedback:
 * @self: a #FpOfferDetail
 *
 * Returns: (transfer none): the feedback buttons
 */
FpFeedbackButtons *
fp_offer_detail_get_feedback (FpOfferDetail *self)
{
  g_return_val_if_fail (FP_IS_OFFER_DETAIL (self), NULL);

  return self->feedback;
}

/**
 * fp_offer_detail_get_why:
 * @self: a #FpOfferDetail
 *
 * Returns: (transfer none): "Why this offer"
 */
FpOfferWhy *
fp_offer_detail_get_why (FpOfferDetail *self)
{
  g_return_val_if_fail (FP_IS_OFFER_DETAIL (self), NULL);

  return self->why;
}

const char *
fp_offer_detail_get_offer_id (FpOfferDetail *self)
{
  g_return_val_if_fail (FP_IS_OFFER_DETAIL (self), NULL);

  return self->offer_id;
}
