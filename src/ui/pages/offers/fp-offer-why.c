/* fp-offer-why.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Why this offer": the factors that placed it (at most
 * FP_OFFER_TOP_FACTORS), each with its contribution in points and the
 * data it came from; that the ranking is automated; and the way to ask
 * the bank for a person to review it (fp-human-review.c). Without the
 * consent to personalization it says that the bank's order is shown and
 * nothing of the customer's was used.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-figure.h"
#include "fp-figure-row.h"
#include "fp-format.h"
#include "fp-human-review.h"
#include "fp-offer-why.h"
#include "fp-offers-format.h"
#include "fp-ui-util.h"

struct _FpOfferWhy
{
  FpCard     parent_instance;

  /* Template widgets */
  GtkBox    *factors_box;
  GtkLabel  *statement_label;
  GtkButton *review_button;

  char      *subject;
  guint      n_factors;
};

G_DEFINE_FINAL_TYPE (FpOfferWhy, fp_offer_why, FP_TYPE_CARD)

static void
review_clicked_cb (FpOfferWhy *self)
{
  fp_human_review_present (GTK_WIDGET (self), self->subject);
}

static void
fp_offer_why_finalize (GObject *object)
{
  FpOfferWhy *self = FP_OFFER_WHY (object);

  g_free (self->subject);

  G_OBJECT_CLASS (fp_offer_why_parent_class)->finalize (object);
}

static void
fp_offer_why_class_init (FpOfferWhyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_offer_why_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/finpersona/FinPersona/ui/fp-offer-why.ui");
  gtk_widget_class_bind_template_child (widget_class, FpOfferWhy, factors_box);
  gtk_widget_class_bind_template_child (widget_class, FpOfferWhy, statement_label);
  gtk_widget_class_bind_template_child (widget_class, FpOfferWhy, review_button);
  gtk_widget_class_bind_template_callback (widget_class, review_clicked_cb);
}

static void
fp_offer_why_init (FpOfferWhy *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_offer_why_new (void)
{
  return g_object_new (FP_TYPE_OFFER_WHY, NULL);
}

/**
 * fp_offer_why_set_offer:
 * @self: a #FpOfferWhy
 * @offer: the ranked offer (read at once)
 * @ranking: the ranking it is part of (read at once)
 * @today: today, for the subject to quote to the bank
 */
void
fp_offer_why_set_offer (FpOfferWhy           *self,
                        const FpRankedOffer  *offer,
                        const FpOfferRanking *ranking,
                        gint32                today)
{
  g_autofree char *date = fp_format_date (today);
  g_autofree char *review_name = NULL;
  GtkWidget *child;

  g_return_if_fail (FP_IS_OFFER_WHY (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->factors_box))) != NULL)
    gtk_box_remove (self->factors_box, child);
  self->n_factors = 0;

  if (ranking->ranked)
    for (guint i = 0; i < offer->n_factors && i < FP_OFFER_TOP_FACTORS; i++)
      {
        const FpOfferFactor *f = &offer->factors[i];
        g_autofree char *points = fp_offers_format_points (f->contribution);
        g_autofree char *sources = fp_offers_format_sources (f->source);
        /* Translators: where a ranking factor's data came from */
        g_autofree char *caption = g_strdup_printf (_("From %s"), sources);

        gtk_box_append (self->factors_box, fp_figure_row_new (f->text, caption, fp_figure_new (points, "heading", NULL)));
        self->n_factors++;
      }
  if (ranking->ranked && self->n_factors == 0)
    gtk_box_append (self->factors_box,
                    fp_card_text_new (_("Nothing in your figures moved this offer up or down; it keeps the bank’s place."),
                                      NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->factors_box), gtk_widget_get_first_child (GTK_WIDGET (self->factors_box)) != NULL);

  gtk_label_set_label (self->statement_label, ranking->explanation);

  g_free (self->subject);
  /* Translators: what the customer quotes to the bank; the offer, then a date */
  self->subject = g_strdup_printf (_("the offer “%s” shown on %s"), offer->offer->name, date);
  /* Translators: the accessible name of the review button; %s is an offer */
  review_name = g_strdup_printf (_("Ask for a human review of %s"), offer->offer->name);
  fp_ui_set_accessible_name (GTK_WIDGET (self->review_button), review_name, NULL);
}

/**
 * fp_offer_why_get_n_factors:
 * @self: a #FpOfferWhy
 *
 * Returns: the factors shown
 */
guint
fp_offer_why_get_n_factors (FpOfferWhy *self)
{
  g_return_val_if_fail (FP_IS_OFFER_WHY (self), 0);

  return self->n_factors;
}
