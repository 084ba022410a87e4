/* fp-forecast-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cash-flow forecast: the expected balance as a line inside its 90%
 * band, the at-risk threshold, and a marker on the first day at risk.
 * Drawn with the chart kit (fp-chart-kit.h); the accessible description
 * says the same in words.
 */

#define G_LOG_DOMAIN "fp-forecast-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "fp-chart-kit.h"
#include "fp-forecast-chart.h"
#include "fp-money.h"
#include "fp-ui-util.h"

#define HEIGHT 200
#define PAD 6

struct _FpForecastChart {
  GtkWidget parent_instance;

  gint32 start_day;
  guint n_days;
  gint64 *expected;
  gint64 *low;
  gint64 *high;
  gint64 threshold;
  gint32 first_risk_day;
  char *currency;
  guint days;
  char *summary;
};

G_DEFINE_FINAL_TYPE (FpForecastChart, fp_forecast_chart, GTK_TYPE_WIDGET)

/* Small labels and a light grid. */
static const FpChartLook look = {
  .text_scale = 0.85,
  .text_flags = FP_CHART_TEXT_PLAIN,
  .grid_alpha = 0.1,
  .zero_alpha = 0.3,
  .label_alpha = 0.65,
};

static guint
shown_days (FpForecastChart *self)
{
  return self->n_days == 0 ? 0 : MIN (self->n_days, self->days + 1);
}

static gboolean
risk_day_shown (FpForecastChart *self,
                guint            n)
{
  return self->first_risk_day != G_MININT32 && self->first_risk_day >= self->start_day &&
         (guint) (self->first_risk_day - self->start_day) < n;
}

static void
fp_forecast_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  static const double threshold_dashes[] = { 4, 3 };
  FpForecastChart *self = FP_FORECAST_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n = shown_days (self);
  FpChartPalette palette;
  FpChartFrame frame;
  FpChartLanes lanes;
  gint64 lo = G_MAXINT64, hi = G_MININT64;
  double axis_w = 0, label_h = 0, step;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || n < 2)
    return;

  fp_chart_palette_init (&palette, widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, MIN (self->low[i], self->expected[i]));
      hi = MAX (hi, MAX (self->high[i], self->expected[i]));
    }
  lo = MIN (lo, self->threshold);
  hi = MAX (hi, self->threshold);
  if (hi == lo)
    hi = lo + 100;

  /* Round grid: 4 steps covering lo..hi. */
  step = fp_chart_nice_step ((double) (hi - lo), 4, FP_CHART_STEPS_1_2_5);
  lo = (gint64) (floor ((double) lo / step) * step);
  hi = (gint64) (ceil ((double) hi / step) * step);

  fp_chart_measure_value_labels (widget, &look, (double) lo, (double) hi, step, self->currency,
                                 &axis_w, &label_h);
  frame.left = axis_w + PAD;
  frame.right = width - 2;
  frame.top = 6;
  frame.bottom = height - label_h - 4;
  frame.x_min = 0;
  frame.x_max = n - 1;
  frame.y_min = (double) lo;
  frame.y_max = (double) hi;

  fp_chart_draw_value_grid (cr, widget, &palette, &look, &frame, (double) lo, (double) hi, step, axis_w,
                            self->currency);
  fp_chart_fill_band (cr, &palette, &frame, self->low, self->high, n, &palette.accent,
                      palette.dark ? 0.28 : 0.2);
  fp_chart_draw_hline (cr, &palette, frame.left, frame.right, fp_chart_frame_y (&frame, self->threshold),
                       &palette.error, 0.8, threshold_dashes, G_N_ELEMENTS (threshold_dashes));
  fp_chart_stroke_series (cr, &palette, &frame, self->expected, n, &palette.accent_strong, 1.0, 2, NULL, 0);

  /* Today's balance. */
  fp_chart_draw_dot (cr, &palette, fp_chart_frame_x (&frame, 0), fp_chart_frame_y (&frame, self->expected[0]),
                     3.5, &palette.accent_strong, 1.0);

  /* The first day at risk. */
  if (risk_day_shown (self, n))
    {
      guint i = (guint) (self->first_risk_day - self->start_day);

      fp_chart_draw_marker (cr, widget, &palette, &look, &frame, fp_chart_frame_x (&frame, i), frame.bottom,
                            &palette.error, 1.0, 1.5, NULL, 0, NULL);
      fp_chart_draw_dot (cr, &palette, fp_chart_frame_x (&frame, i), fp_chart_frame_y (&frame, self->expected[i]),
                         4, &palette.error, 1.0);
    }

  /* Dates: today, the middle and the end. */
  fp_chart_lanes_init (&lanes, 0, 0);
  {
    guint marks[3] = { 0, (n - 1) / 2, n - 1 };

    for (guint k = 0; k < 3; k++)
      {
        g_autofree char *text = fp_ui_format_day (self->start_day + (gint32) marks[k], "%-d %b");
        g_autoptr(PangoLayout) layout = fp_chart_look_text_new (widget, &look, text);

        fp_chart_draw_lane_label (cr, &palette, &lanes, layout, fp_chart_frame_x (&frame, marks[k]),
                                  frame.left, frame.right, frame.bottom + 3, 0, 0.7);
      }
  }

  cairo_destroy (cr);
}

static void
fp_forecast_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 400;
    }
  else
    *minimum = *natural = HEIGHT;
}

static void
free_data (FpForecastChart *self)
{
  g_clear_pointer (&self->expected, g_free);
  g_clear_pointer (&self->low, g_free);
  g_clear_pointer (&self->high, g_free);
  g_clear_pointer (&self->currency, g_free);
  self->n_days = 0;
}

static void
fp_forecast_chart_finalize (GObject *object)
{
  FpForecastChart *self = FP_FORECAST_CHART (object);

  free_data (self);
  g_free (self->summary);

  G_OBJECT_CLASS (fp_forecast_chart_parent_class)->finalize (object);
}

static void
fp_forecast_chart_class_init (FpForecastChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_forecast_chart_finalize;
  widget_class->snapshot = fp_forecast_chart_snapshot;
  widget_class->measure = fp_forecast_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "forecastchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fp_forecast_chart_init (FpForecastChart *self)
{
  self->days = 90;
  self->first_risk_day = G_MININT32;
  fp_chart_track_style (GTK_WIDGET (self));
}

GtkWidget *
fp_forecast_chart_new (void)
{
  return g_object_new (FP_TYPE_FORECAST_CHART, NULL);
}

static void
update_summary (FpForecastChart *self)
{
  guint n = shown_days (self);
  FpChartDescription text;

  fp_chart_description_init (&text, NULL);
  if (n < 2)
    fp_chart_description_add_sentence (&text, "%s", _("No forecast."));
  else
    {
      g_autofree char *start = fp_money_format (self->expected[0], self->currency);
      g_autofree char *end = fp_money_format (self->expected[n - 1], self->currency);
      g_autofree char *low = fp_money_format (self->low[n - 1], self->currency);
      g_autofree char *high = fp_money_format (self->high[n - 1], self->currency);

      fp_chart_description_add_sentence (&text,
                                         _("Balance forecast for %u days: from %s today to an expected %s, "
                                           "between %s and %s with 90%% confidence."),
                                         n - 1, start, end, low, high);
      if (risk_day_shown (self, n))
        {
          g_autofree char *day = fp_ui_format_day (self->first_risk_day, "%x");

          fp_chart_description_add_sentence (&text, _("The balance is expected to fall below the safe level on %s."),
                                             day);
        }
      else
        {
          fp_chart_description_add_sentence (&text, "%s", _("The expected balance stays above the safe level."));
        }
    }

  g_free (self->summary);
  self->summary = fp_chart_description_finish (&text, NULL);
  fp_chart_set_description (GTK_WIDGET (self), _("Balance forecast"), self->summary);
}

/**
 * fp_forecast_chart_set_forecast:
 * @self: a #FpForecastChart
 * @start_day: today (days since 1970-01-01)
 * @n_days: the number of points, today first
 * @expected_minor: (array length=n_days): the expected balance
 * @low_minor: (array length=n_days): the band's lower edge
 * @high_minor: (array length=n_days): its upper edge
 * @threshold_minor: the balance at risk
 * @first_risk_day: the first day at risk, or %G_MININT32
 * @currency: (nullable): the currency
 */
void
fp_forecast_chart_set_forecast (FpForecastChart *self,
                                gint32           start_day,
                                guint            n_days,
                                const gint64    *expected_minor,
                                const gint64    *low_minor,
                                const gint64    *high_minor,
                                gint64           threshold_minor,
                                gint32           first_risk_day,
                                const char      *currency)
{
  g_return_if_fail (FP_IS_FORECAST_CHART (self));
  g_return_if_fail (n_days == 0 || (expected_minor != NULL && low_minor != NULL && high_minor != NULL));

  free_data (self);
  self->start_day = start_day;
  self->n_days = n_days;
  if (n_days > 0)
    {
      self->expected = g_memdup2 (expected_minor, n_days * sizeof (gint64));
      self->low = g_memdup2 (low_minor, n_days * sizeof (gint64));
      self->high = g_memdup2 (high_minor, n_days * sizeof (gint64));
    }
  self->threshold = threshold_minor;
  self->first_risk_day = first_risk_day;
  self->currency = g_strdup (currency);
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fp_forecast_chart_set_days:
 * @self: a #FpForecastChart
 * @days: how many days ahead to show (30 or 90)
 */
void
fp_forecast_chart_set_days (FpForecastChart *self,
                            guint            days)
{
  g_return_if_fail (FP_IS_FORECAST_CHART (self));
  g_return_if_fail (days > 0);

  self->days = days;
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
fp_forecast_chart_get_days (FpForecastChart *self)
{
  g_return_val_if_fail (FP_IS_FORECAST_CHART (self), 0);

  return self->days;
}

/**
 * fp_forecast_chart_get_summary:
 * @self: a #FpForecastChart
 *
 * Returns: the forecast in words (its accessible description)
 */
const char *
fp_forecast_chart_get_summary (FpForecastChart *self)
{
  g_return_val_if_fail (FP_IS_FORECAST_CHART (self), NULL);

  return self->summary;
}
