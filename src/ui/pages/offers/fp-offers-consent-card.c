/* fp-offers-consent-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Offers page does without the consents it could use, and their
 * switches (FpConsentRow, bound to the customer's policy): without the
 * consent to personalization the bank's order; without the consent to
 * marketing nothing "made for you", feedback kept on the computer, and no
 * contact from the bank. Hidden when both are given.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include "fp-consent-row.h"
#include "fp-offers-consent-card.h"
#include "fp-ui-util.h"

struct _FpOffersConsentCard
{
  FpCard      parent_instance;

  /* Template widgets */
  GtkLabel   *personalization_label;
  GtkLabel   *marketing_label;
  GtkListBox *rows;
};

G_DEFINE_FINAL_TYPE (FpOffersConsentCard, fp_offers_consent_card, FP_TYPE_CARD)

static void
fp_offers_consent_card_class_init (FpOffersConsentCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-offers-consent-card.ui");
  gtk_widget_class_bind_template_child (widget_class, FpOffersConsentCard, personalization_label);
  gtk_widget_class_bind_template_child (widget_class, FpOffersConsentCard, marketing_label);
  gtk_widget_class_bind_template_child (widget_class, FpOffersConsentCard, rows);
}

static void
fp_offers_consent_card_init (FpOffersConsentCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_offers_consent_card_new (void)
{
  return g_object_new (FP_TYPE_OFFERS_CONSENT_CARD, NULL);
}

/**
 * fp_offers_consent_card_set_state:
 * @self: a #FpOffersConsentCard
 * @policy: (nullable): the customer's consents, for the switches
 * @personalization: whether personalization is allowed
 * @marketing: whether marketing is allowed
 *
 * Shows what each missing consent means and its switch; hides the card
 * when nothing is missing.
 */
void
fp_offers_consent_card_set_state (FpOffersConsentCard *self,
                                  FpConsentPolicy     *policy,
                                  gboolean             personalization,
                                  gboolean             marketing)
{
  GtkWidget *row;

  g_return_if_fail (FP_IS_OFFERS_CONSENT_CARD (self));

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->rows))) != NULL)
    gtk_list_box_remove (self->rows, row);
  gtk_widget_set_visible (GTK_WIDGET (self->personalization_label), !personalization);
  gtk_widget_set_visible (GTK_WIDGET (self->marketing_label), !marketing);
  if (!personalization)
    {
      row = fp_consent_row_new (FP_PURPOSE_PERSONALIZATION);
      fp_consent_row_set_consent_policy (FP_CONSENT_ROW (row), policy);
      gtk_list_box_append (self->rows, row);
    }
  if (!marketing)
    {
      row = fp_consent_row_new (FP_PURPOSE_MARKETING);
      fp_consent_row_set_consent_policy (FP_CONSENT_ROW (row), policy);
      gtk_list_box_append (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->rows), policy != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), !personalization || !marketing);
}
