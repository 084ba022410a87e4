/* fp-segment-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * People like you: the customer's segment, and their income, spending,
 * savings rate and health score beside the segment's typical ones. The
 * card hides itself when the engine found no segment.
 */

#define G_LOG_DOMAIN "fp-segment-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-figure.h"
#include "fp-format.h"
#include "fp-segment-card.h"
#include "fp-ui-util.h"

struct _FpSegmentCard
{
  FpCard    parent_instance;

  /* Template widgets */
  FpFigure *segment_figure;
  GtkWidget *figures_grid;
  FpFigure *income_figure;
  GtkLabel *typical_income_label;
  FpFigure *spending_figure;
  GtkLabel *typical_spending_label;
  FpFigure *rate_figure;
  GtkLabel *typical_rate_label;
  FpFigure *score_figure;
  GtkLabel *typical_score_label;
};

G_DEFINE_FINAL_TYPE (FpSegmentCard, fp_segment_card, FP_TYPE_CARD)

static void
show_figure (FpFigure   *figure,
             const char *text,
             const char *explanation)
{
  fp_figure_set_text (figure, text);
  fp_figure_set_explanation (figure, explanation);
}

static void
fp_segment_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_SEGMENT_CARD);

  G_OBJECT_CLASS (fp_segment_card_parent_class)->dispose (object);
}

static void
fp_segment_card_class_init (FpSegmentCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_segment_card_dispose;

  g_type_ensure (FP_TYPE_FIGURE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-segment-card.ui");
  gtk_widget_class_bind_template_child (widget_class, FpSegmentCard, segment_figure);
  gtk_widget_class_bind_template_child (widget_class, FpSegmentCard, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, FpSegmentCard, income_figure);
  gtk_widget_class_bind_template_child (widget_class, FpSegmentCard, typical_income_label);
  gtk_widget_class_bind_template_child (widget_class, FpSegmentCard, spending_figure);
  gtk_widget_class_bind_template_child (widget_class, FpSegmentCard, typical_spending_label);
  gtk_widget_class_bind_template_child (widget_class, FpSegmentCard, rate_figure);
  gtk_widget_class_bind_template_child (widget_class, FpSegmentCard, typical_rate_label);
  gtk_widget_class_bind_template_child (widget_class, FpSegmentCard, score_figure);
  gtk_widget_class_bind_template_child (widget_class, FpSegmentCard, typical_score_label);
}

static void
fp_segment_card_init (FpSegmentCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_segment_card_new (void)
{
  return g_object_new (FP_TYPE_SEGMENT_CARD, NULL);
}

/**
 * fp_segment_card_set_dashboard:
 * @self: a #FpSegmentCard
 * @data: the dashboard's data, personalized; read now, not kept
 *
 * Shows @data's segment beside the customer's figures; without enough
 * history or income for one, what is missing and when it appears
 * (fp_dashboard_get_segment_availability()).
 */
void
fp_segment_card_set_dashboard (FpSegmentCard         *self,
                               const FpDashboardData *data)
{
  const FpDashboard *d;
  const FpSegmentMatch *seg;
  const FpSegment *s;
  const char *currency;
  gint64 income, spending;
  g_autofree char *your_income = NULL, *your_spending = NULL, *typ_income = NULL, *typ_spending = NULL;
  g_autofree char *your_rate = NULL, *typ_rate = NULL, *your_score = NULL, *typ_score = NULL;

  g_return_if_fail (FP_IS_SEGMENT_CARD (self));
  g_return_if_fail (data != NULL && data->dashboard != NULL);

  d = data->dashboard;
  seg = fp_dashboard_get_segment (d);
  fp_card_clear (FP_CARD (self));
  gtk_widget_set_visible (GTK_WIDGET (self->segment_figure), seg != NULL && seg->segment != NULL);
  gtk_widget_set_visible (self->figures_grid, seg != NULL && seg->segment != NULL);
  if (seg == NULL || seg->segment == NULL)
    {
      const FpAvailability *a = fp_dashboard_get_segment_availability (d);
      const char *reason = a->reason != NULL ? a->reason : _("There is not enough data to compare you yet.");
      GtkWidget *label;

      fp_card_set_explanation (FP_CARD (self), reason);
      fp_card_append_text (FP_CARD (self), _("Not compared yet"), "title-3");
      label = fp_card_append_text (FP_CARD (self), reason, NULL);
      gtk_widget_set_name (label, "availability-label");
      return;
    }

  s = seg->segment;
  currency = data->input->currency;
  income = fp_dashboard_get_monthly_income (d);
  spending = fp_dashboard_get_monthly_spending (d);
  your_income = fp_format_money (income, currency, FP_FORMAT_NONE);
  typ_income = fp_format_money (s->typical_income_minor, currency, FP_FORMAT_NONE);
  your_spending = fp_format_money (spending, currency, FP_FORMAT_NONE);
  typ_spending = fp_format_money (s->typical_spending_minor, currency, FP_FORMAT_NONE);
  your_rate = income > 0 ? fp_format_percent ((double) (income - spending) / (double) income, 0, FP_FORMAT_NONE)
                         : g_strdup ("—");
  typ_rate = fp_format_percent (s->typical_savings_rate_bps / 10000.0, 0, FP_FORMAT_NONE);
  your_score = fp_dashboard_get_health_score (d) >= 0 ? fp_format_count (fp_dashboard_get_health_score (d))
                                                      : g_strdup ("—");
  typ_score = fp_format_count (s->typical_health_score);

  fp_card_set_explanation (FP_CARD (self), seg->explanation);
  show_figure (self->segment_figure, seg->segment_name, seg->explanation);
  show_figure (self->income_figure, your_income, fp_dashboard_get_income_explanation (d));
  gtk_label_set_label (self->typical_income_label, typ_income);
  show_figure (self->spending_figure, your_spending, fp_dashboard_get_spending_explanation (d));
  gtk_label_set_label (self->typical_spending_label, typ_spending);
  show_figure (self->rate_figure, your_rate, seg->explanation);
  gtk_label_set_label (self->typical_rate_label, typ_rate);
  show_figure (self->score_figure, your_score, seg->explanation);
  gtk_label_set_label (self->typical_score_label, typ_score);
}
