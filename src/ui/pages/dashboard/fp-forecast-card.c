/* fp-forecast-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The balance forecast: the first day at risk (or none), the forecast
 * chart for 30 or 90 days, and the balance today, in 90 days and the
 * everyday spending behind it.
 */

#define G_LOG_DOMAIN "fp-forecast-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-figure.h"
#include "fp-forecast-card.h"
#include "fp-forecast-chart.h"
#include "fp-format.h"
#include "fp-ui-util.h"

struct _FpForecastCard
{
  FpCard           parent_instance;

  /* Template widgets */
  GtkToggleButton *days30_button;
  GtkToggleButton *days90_button;
  FpForecastChart *chart;
};

G_DEFINE_FINAL_TYPE (FpForecastCard, fp_forecast_card, FP_TYPE_CARD)

static void
days_toggled_cb (GtkToggleButton *button,
                 FpForecastCard  *self)
{
  if (gtk_toggle_button_get_active (button) && self->chart != NULL)
    fp_forecast_chart_set_days (self->chart, button == self->days30_button ? 30 : 90);
}

static void
fp_forecast_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_FORECAST_CARD);

  G_OBJECT_CLASS (fp_forecast_card_parent_class)->dispose (object);
}

static void
fp_forecast_card_class_init (FpForecastCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_forecast_card_dispose;

  g_type_ensure (FP_TYPE_FORECAST_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-forecast-card.ui");
  gtk_widget_class_bind_template_child (widget_class, FpForecastCard, days30_button);
  gtk_widget_class_bind_template_child (widget_class, FpForecastCard, days90_button);
  gtk_widget_class_bind_template_child (widget_class, FpForecastCard, chart);
  gtk_widget_class_bind_template_callback (widget_class, days_toggled_cb);
}

static void
fp_forecast_card_init (FpForecastCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_forecast_card_new (void)
{
  return g_object_new (FP_TYPE_FORECAST_CARD, NULL);
}

/**
 * fp_forecast_card_set_dashboard:
 * @self: a #FpForecastCard
 * @data: the dashboard's data, personalized; read now, not kept
 *
 * Shows @data's balance forecast.
 */
void
fp_forecast_card_set_dashboard (FpForecastCard        *self,
                                const FpDashboardData *data)
{
  FpCard *card = FP_CARD (self);
  const FpForecast *f;
  const char *currency;
  g_autofree char *status = NULL;
  const char *css = "success";
  GtkWidget *figure;

  g_return_if_fail (FP_IS_FORECAST_CARD (self));
  g_return_if_fail (data != NULL && data->dashboard != NULL);

  f = fp_dashboard_get_forecast (data->dashboard);
  currency = data->input->currency;

  if (f->first_risk_day != FP_DAY_NONE)
    {
      g_autofree char *day = fp_ui_format_day (f->first_risk_day, "%-d %B");

      status = g_strdup_printf (_("At risk from %s"), day);
      css = "error";
    }
  else if (f->first_possible_risk_day != FP_DAY_NONE)
    {
      g_autofree char *day = fp_ui_format_day (f->first_possible_risk_day, "%-d %B");

      status = g_strdup_printf (_("Possibly at risk from %s"), day);
      css = "warning";
    }
  else
    status = g_strdup_printf (_("No day at risk in the next %u days"), (guint) FP_FORECAST_DAYS);

  fp_card_clear (card);
  fp_card_set_explanation (card, f->explanation);
  figure = fp_figure_new (status, css, f->explanation);
  gtk_widget_add_css_class (figure, "heading");
  fp_card_insert_after (card, figure, NULL);

  fp_forecast_chart_set_forecast (self->chart, f->start_day, f->n_days,
                                  f->expected_minor, f->low_minor, f->high_minor,
                                  f->threshold_minor, f->first_risk_day, currency);

  /* No band without enough history: say why, and when it appears. */
  if (!f->band.available && f->band.reason != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", _("No range around the line yet."), f->band.reason);
      GtkWidget *label = fp_card_text_new (text, "caption");

      gtk_widget_set_name (label, "band-label");
      fp_card_insert_after (card, label, GTK_WIDGET (self->chart));
    }

  if (f->n_days > 0)
    {
      g_autofree char *start = fp_format_money (f->expected_minor[0], currency, FP_FORMAT_NONE);
      g_autofree char *end = fp_format_money (f->expected_minor[f->n_days - 1], currency, FP_FORMAT_NONE);
      g_autofree char *daily = fp_format_money (ABS (f->daily_discretionary_minor), currency, FP_FORMAT_NONE);

      fp_card_append_row (card, _("Today"), _("Current accounts"), fp_figure_new_balance (start, NULL, f->explanation));
      fp_card_append_row (card, _("Expected in 90 days"), NULL, fp_figure_new_balance (end, NULL, f->explanation));
      fp_card_append_row (card, _("Everyday spending per day"), _("Outside regular payments"),
                          fp_figure_new (daily, NULL, f->explanation));
    }
}
