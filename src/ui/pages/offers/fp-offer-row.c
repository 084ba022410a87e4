/* fp-offer-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One offer in the list: its name, kind and best figure, "Made for you"
 * when it is (the consent to marketing and a positive score), the factor
 * that weighed most, the feedback buttons, and the way to its details
 * (`details` signal). The card's "How this was computed" holds all the
 * factors in words.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-offer-row.h"
#include "fp-offers-format.h"
#include "fp-ui-util.h"

struct _FpOfferRow
{
  FpCard           parent_instance;

  /* Template widgets */
  GtkLabel        *headline_label;
  GtkLabel        *made_for_you_label;
  GtkLabel        *reason_label;
  FpFeedbackButtons *feedback;
  GtkButton       *details_button;

  char            *offer_id;
};

G_DEFINE_FINAL_TYPE (FpOfferRow, fp_offer_row, FP_TYPE_CARD)

enum {
  SIGNAL_DETAILS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
details_clicked_cb (FpOfferRow *self)
{
  g_signal_emit (self, signals[SIGNAL_DETAILS], 0, self->offer_id);
}

static void
fp_offer_row_finalize (GObject *object)
{
  FpOfferRow *self = FP_OFFER_ROW (object);

  g_free (self->offer_id);

  G_OBJECT_CLASS (fp_offer_row_parent_class)->finalize (object);
}

static void
fp_offer_row_class_init (FpOfferRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_offer_row_finalize;

  /**
   * FpOfferRow::details:
   * @self: the row
   * @offer_id: its offer
   *
   * The customer asked for the offer's details.
   */
  signals[SIGNAL_DETAILS] =
    g_signal_new ("details", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (FP_TYPE_FEEDBACK_BUTTONS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/finpersona/FinPersona/ui/fp-offer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FpOfferRow, headline_label);
  gtk_widget_class_bind_template_child (widget_class, FpOfferRow, made_for_you_label);
  gtk_widget_class_bind_template_child (widget_class, FpOfferRow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, FpOfferRow, feedback);
  gtk_widget_class_bind_template_child (widget_class, FpOfferRow, details_button);
  gtk_widget_class_bind_template_callback (widget_class, details_clicked_cb);
}

static void
fp_offer_row_init (FpOfferRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

/* All factors, in words, for the card's explanation. */
static char *
factors_text (const FpRankedOffer *offer,
              gboolean             ranked)
{
  GString *out = g_string_new (NULL);

  if (!ranked)
    return g_string_free (out, TRUE);
  for (guint i = 0; i < offer->n_factors; i++)
    {
      g_autofree char *points = fp_offers_format_points (offer->factors[i].contribution);

      g_string_append_printf (out, "%s%s (%s)", out->len > 0 ? "\n" : "", offer->factors[i].text, points);
    }
  if (out->len == 0)
    g_string_append (out, _("Nothing in your figures moved this offer up or down."));
  return g_string_free (out, FALSE);
}

/**
 * fp_offer_row_new:
 * @offer: the ranked offer (read at once, not kept)
 * @ranked: whether the list is ranked for the customer
 * @sent_to_bank: whether feedback reaches the bank
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
fp_offer_row_new (const FpRankedOffer *offer,
                  gboolean             ranked,
                  gboolean             sent_to_bank)
{
  g_autofree char *explanation = factors_text (offer, ranked);
  g_autofree char *headline = fp_offers_format_headline (offer->offer);
  g_autofree char *details_name = NULL;
  FpOfferRow *self;

  g_return_val_if_fail (offer != NULL, NULL);

  self = g_object_new (FP_TYPE_OFFER_ROW, "title", offer->offer->name, "explanation", explanation, NULL);
  self->offer_id = g_strdup (offer->offer->offer_id);
  gtk_label_set_label (self->headline_label, headline);
  gtk_widget_set_visible (GTK_WIDGET (self->made_for_you_label), offer->made_for_you);
  if (ranked && offer->n_factors > 0)
    {
      gtk_label_set_label (self->reason_label, offer->factors[0].text);
      gtk_widget_set_visible (GTK_WIDGET (self->reason_label), TRUE);
    }
  fp_feedback_buttons_set_offer (self->feedback, offer, sent_to_bank);

  /* Translators: the accessible name of an offer's details button; %s is an offer */
  details_name = g_strdup_printf (_("Details of %s"), offer->offer->name);
  fp_ui_set_accessible_name (GTK_WIDGET (self->details_button), details_name, NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->details_button), details_name);
  return GTK_WIDGET (self);
}

const char *
fp_offer_row_get_offer_id (FpOfferRow *self)
{
  g_return_val_if_fail (FP_IS_OFFER_ROW (self), NULL);

  return self->offer_id;
}

/**
 * fp_offer_row_get_feedback:
 * @self: a #FpOfferRow
 *
 * Returns: (transfer none): the row's feedback buttons
 */
FpFeedbackButtons *
fp_offer_row_get_feedback (FpOfferRow *self)
{
  g_return_val_if_fail (FP_IS_OFFER_ROW (self), NULL);

  return self->feedback;
}

/**
 * fp_offer_row_get_details_button:
 * @self: a #FpOfferRow
 *
 * Returns: (transfer none): the button that opens the details
 */
GtkWidget *
fp_offer_row_get_details_button (FpOfferRow *self)
{
  g_return_val_if_fail (FP_IS_OFFER_ROW (self), NULL);

  return GTK_WIDGET (self->details_button);
}
