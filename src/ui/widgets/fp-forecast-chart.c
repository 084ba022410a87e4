/* fp-forecast-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cash-flow forecast: the expected balance as a line inside its 90%
 * band, the at-risk threshold, and a marker on the first day at risk.
 * Drawn with cairo through gtk_snapshot_append_cairo() at the widget's
 * scale; the accessible description says the same in words.
 */

#define G_LOG_DOMAIN "fp-forecast-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "fp-bar-chart.h"
#include "fp-forecast-chart.h"
#include "fp-money.h"

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

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static PangoLayout *
small_layout (GtkWidget  *widget,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static char *
format_date (gint32 day,
             const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) day * 86400);

  return g_date_time_format (dt, format);
}

static guint
shown_days (FpForecastChart *self)
{
  return self->n_days == 0 ? 0 : MIN (self->n_days, self->days + 1);
}

static void
fp_forecast_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  FpForecastChart *self = FP_FORECAST_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n = shown_days (self);
  FpChartPalette palette;
  gint64 lo = G_MAXINT64, hi = G_MININT64;
  double top = 6, bottom, left, right = width - 2, step;
  int axis_w = 0, label_h = 0;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || n < 2)
    return;

  fp_chart_get_palette (widget, &palette);
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
  {
    double raw = (double) (hi - lo) / 4;
    double mag = pow (10, floor (log10 (raw)));
    double norm = raw / mag;

    step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
    lo = (gint64) (floor ((double) lo / step) * step);
    hi = (gint64) (ceil ((double) hi / step) * step);
  }

  for (double v = (double) lo; v <= (double) hi + step / 2; v += step)
    {
      g_autofree char *text = fp_money_format_short ((gint64) v, self->currency);
      g_autoptr(PangoLayout) layout = small_layout (widget, text);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      axis_w = MAX (axis_w, w);
      label_h = MAX (label_h, h);
    }
  left = axis_w + PAD;
  bottom = height - label_h - 4;

#define X(i) (left + (right - left) * (double) (i) / (double) (n - 1))
#define Y(v) (bottom - (bottom - top) * ((double) (v) - (double) lo) / (double) (hi - lo))

  cairo_set_line_width (cr, 1);
  for (double v = (double) lo; v <= (double) hi + step / 2; v += step)
    {
      g_autofree char *text = fp_money_format_short ((gint64) v, self->currency);
      g_autoptr(PangoLayout) layout = small_layout (widget, text);
      double y = round (Y (v)) + 0.5;
      int w, h;

      set_color (cr, &palette.fg, fabs (v) < step / 2 ? 0.3 : 0.1);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      pango_layout_get_pixel_size (layout, &w, &h);
      set_color (cr, &palette.fg, 0.65);
      cairo_move_to (cr, axis_w - w, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  /* The band. */
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    cairo_line_to (cr, X (i), Y (self->high[i]));
  for (guint i = n; i-- > 0;)
    cairo_line_to (cr, X (i), Y (self->low[i]));
  cairo_close_path (cr);
  set_color (cr, &palette.accent, palette.dark ? 0.28 : 0.2);
  cairo_fill (cr);

  /* The threshold, dashed. */
  {
    double y = round (Y (self->threshold)) + 0.5;
    double dash[] = { 4, 3 };

    cairo_set_dash (cr, dash, 2, 0);
    set_color (cr, &palette.error, 0.8);
    cairo_move_to (cr, left, y);
    cairo_line_to (cr, right, y);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }

  /* The expected balance. */
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    cairo_line_to (cr, X (i), Y (self->expected[i]));
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  set_color (cr, &palette.accent_dark, 1.0);
  cairo_stroke (cr);

  /* Today's balance. */
  set_color (cr, &palette.accent_dark, 1.0);
  cairo_arc (cr, X (0), Y (self->expected[0]), 3.5, 0, 2 * G_PI);
  cairo_fill (cr);

  /* The first day at risk. */
  if (self->first_risk_day != G_MININT32 && self->first_risk_day >= self->start_day &&
      (guint) (self->first_risk_day - self->start_day) < n)
    {
      guint i = (guint) (self->first_risk_day - self->start_day);
      double x = round (X (i)) + 0.5;

      cairo_set_line_width (cr, 1.5);
      set_color (cr, &palette.error, 1.0);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);
      cairo_arc (cr, X (i), Y (self->expected[i]), 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  /* Dates: today, the middle and the end. */
  {
    guint marks[3] = { 0, (n - 1) / 2, n - 1 };

    for (guint k = 0; k < 3; k++)
      {
        g_autofree char *text = format_date (self->start_day + (gint32) marks[k], "%-d %b");
        g_autoptr(PangoLayout) layout = small_layout (widget, g_strstrip (text));
        double x;
        int w, h;

        pango_layout_get_pixel_size (layout, &w, &h);
        x = CLAMP (X (marks[k]) - w / 2.0, left, right - w);
        set_color (cr, &palette.fg, 0.7);
        cairo_move_to (cr, x, bottom + 3);
        pango_cairo_show_layout (cr, layout);
      }
  }
#undef X
#undef Y

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
fp_forecast_chart_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (fp_forecast_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
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
  widget_class->css_changed = fp_forecast_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "forecastchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fp_forecast_chart_init (FpForecastChart *self)
{
  self->days = 90;
  self->first_risk_day = G_MININT32;
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
  g_autoptr(GString) text = g_string_new (NULL);

  if (n < 2)
    g_string_append (text, _("No forecast."));
  else
    {
      g_autofree char *start = fp_money_format (self->expected[0], self->currency);
      g_autofree char *end = fp_money_format (self->expected[n - 1], self->currency);
      g_autofree char *low = fp_money_format (self->low[n - 1], self->currency);
      g_autofree char *high = fp_money_format (self->high[n - 1], self->currency);

      g_string_append_printf (text,
                              _("Balance forecast for %u days: from %s today to an expected %s, "
                                "between %s and %s with 90%% confidence."),
                              n - 1, start, end, low, high);
      if (self->first_risk_day != G_MININT32 && self->first_risk_day >= self->start_day &&
          (guint) (self->first_risk_day - self->start_day) < n)
        {
          g_autofree char *day = format_date (self->first_risk_day, "%x");

          g_string_append_c (text, ' ');
          g_string_append_printf (text, _("The balance is expected to fall below the safe level on %s."), day);
        }
      else
        {
          g_string_append_c (text, ' ');
          g_string_append (text, _("The expected balance stays above the safe level."));
        }
    }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Balance forecast"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
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
