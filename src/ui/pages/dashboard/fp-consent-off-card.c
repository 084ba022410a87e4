/* fp-consent-off-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the dashboard shows instead of the personalized cards without the
 * consent to personalization: what would be computed, and the way to the
 * Privacy page (win.show-page). All of it is in the template.
 */

#define G_LOG_DOMAIN "fp-consent-off-card"

#include "config.h"

#include "fp-consent-off-card.h"
#include "fp-ui-util.h"

struct _FpConsentOffCard
{
  FpCard parent_instance;
};

G_DEFINE_FINAL_TYPE (FpConsentOffCard, fp_consent_off_card, FP_TYPE_CARD)

static void
fp_consent_off_card_class_init (FpConsentOffCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-consent-off-card.ui");
}

static void
fp_consent_off_card_init (FpConsentOffCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_consent_off_card_new (void)
{
  return g_object_new (FP_TYPE_CONSENT_OFF_CARD, NULL);
}
