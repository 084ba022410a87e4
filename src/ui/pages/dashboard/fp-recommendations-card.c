/* fp-recommendations-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recommendations: what to change, what it would save a month and the
 * points it would add to the health score.
 */

#define G_LOG_DOMAIN "fp-recommendations-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-figure.h"
#include "fp-money.h"
#include "fp-recommendations-card.h"

#define MAX_RECOMMENDATIONS 6

struct _FpRecommendationsCard
{
  FpCard parent_instance;
};

G_DEFINE_FINAL_TYPE (FpRecommendationsCard, fp_recommendations_card, FP_TYPE_CARD)

static void
fp_recommendations_card_class_init (FpRecommendationsCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-recommendations-card.ui");
}

static void
fp_recommendations_card_init (FpRecommendationsCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fp_recommendations_card_new (void)
{
  return g_object_new (FP_TYPE_RECOMMENDATIONS_CARD, NULL);
}

/**
 * fp_recommendations_card_set_dashboard:
 * @self: a #FpRecommendationsCard
 * @data: the dashboard's data, personalized; read now, not kept
 *
 * Shows @data's recommendations, at most six.
 */
void
fp_recommendations_card_set_dashboard (FpRecommendationsCard *self,
                                       const FpDashboardData *data)
{
  FpCard *card = FP_CARD (self);
  const FpRecommendation *recs;
  gsize n;

  g_return_if_fail (FP_IS_RECOMMENDATIONS_CARD (self));
  g_return_if_fail (data != NULL && data->dashboard != NULL);

  recs = fp_dashboard_get_recommendations (data->dashboard, &n);
  fp_card_clear (card);
  if (n == 0)
    fp_card_append_text (card, _("No recommendation: your spending looks in line."), "dim-label");
  for (gsize i = 0; i < n && i < MAX_RECOMMENDATIONS; i++)
    {
      const FpRecommendation *r = &recs[i];
      g_autofree char *saving = fp_money_format (r->monthly_saving_minor, data->input->currency);
      g_autofree char *figure = r->points > 0
                                ? g_strdup_printf (_("%s a month · +%d points"), saving, r->points)
                                : g_strdup_printf (_("%s a month"), saving);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_box_append (GTK_BOX (box), fp_card_text_new (r->text, NULL));
      gtk_box_append (GTK_BOX (box), fp_figure_new (figure, "success", r->explanation));
      fp_card_append (card, box);
    }
}
