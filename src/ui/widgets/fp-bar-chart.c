/* fp-bar-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bars for the dashboard: spending by category (rows) and the monthly
 * trend (columns, spending and income side by side). Drawn with the chart
 * kit (fp-chart-kit.h), so that colors follow the light, dark and
 * high-contrast styles. The accessible description lists every figure.
 */

#define G_LOG_DOMAIN "fp-bar-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "fp-bar-chart.h"
#include "fp-chart-kit.h"
#include "fp-money.h"

#define ROW_HEIGHT 28
#define COLUMNS_HEIGHT 200
#define PAD 6

struct _FpBarChart {
  GtkWidget parent_instance;

  FpBarChartStyle style;
  guint n_items;
  char **labels;
  gint64 *values;
  gint64 *values2;
  char *currency;
  char *title;
  char *name1;
  char *name2;
  char *summary;
};

G_DEFINE_FINAL_TYPE (FpBarChart, fp_bar_chart, GTK_TYPE_WIDGET)

/* Small labels and a light grid. */
static const FpChartLook look = {
  .text_scale = 0.85,
  .text_flags = FP_CHART_TEXT_PLAIN,
  .grid_alpha = 0.1,
  .zero_alpha = 0.3,
  .label_alpha = 0.65,
};

static gint64
max_value (FpBarChart *self)
{
  gint64 max = 0;

  for (guint i = 0; i < self->n_items; i++)
    {
      max = MAX (max, self->values[i]);
      if (self->values2 != NULL)
        max = MAX (max, self->values2[i]);
    }
  return max;
}

static void
draw_rows (FpBarChart           *self,
           cairo_t              *cr,
           int                   width,
           const FpChartPalette *palette)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gint64 max = max_value (self);
  double label_width = 0, value_width = 0;

  /* The widest label, at most 40% of the width. */
  for (guint i = 0; i < self->n_items; i++)
    {
      g_autoptr(PangoLayout) layout = fp_chart_text_new (widget, self->labels[i], 1.0, FP_CHART_TEXT_PLAIN);
      g_autofree char *value = fp_money_format_short (self->values[i], self->currency);
      g_autoptr(PangoLayout) vl = fp_chart_look_text_new (widget, &look, value);
      double w;

      fp_chart_text_size (layout, &w, NULL);
      label_width = MAX (label_width, w);
      fp_chart_text_size (vl, &w, NULL);
      value_width = MAX (value_width, w);
    }
  label_width = MIN (label_width, (double) (width * 2 / 5));

  for (guint i = 0; i < self->n_items; i++)
    {
      g_autoptr(PangoLayout) layout = fp_chart_text_new (widget, self->labels[i], 1.0, FP_CHART_TEXT_PLAIN);
      g_autofree char *value = fp_money_format_short (self->values[i], self->currency);
      g_autoptr(PangoLayout) vl = fp_chart_look_text_new (widget, &look, value);
      double y = i * ROW_HEIGHT;
      double bar_left = label_width + 2 * PAD;
      double bar_space = MAX (0, width - bar_left - value_width - 2 * PAD);
      double bar_w = max > 0 ? bar_space * (double) MAX (self->values[i], 0) / (double) max : 0;
      double w, h;

      pango_layout_set_width (layout, (int) label_width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      fp_chart_text_size (layout, &w, &h);
      fp_chart_set_ink (cr, palette, &palette->fg, 0.85);
      fp_chart_draw_text (cr, layout, 0, y + (ROW_HEIGHT - h) / 2.0);

      fp_chart_set_fill (cr, palette, &palette->fg, 0.08);
      fp_chart_path_bar (cr, bar_left, y + 6, bar_space, ROW_HEIGHT - 12);
      cairo_fill (cr);
      fp_chart_set_ink (cr, palette, &palette->accent, 1.0);
      fp_chart_path_bar (cr, bar_left, y + 6, MAX (bar_w, self->values[i] > 0 ? 2.0 : 0.0), ROW_HEIGHT - 12);
      cairo_fill (cr);

      fp_chart_text_size (vl, &w, &h);
      fp_chart_set_ink (cr, palette, &palette->fg, 0.75);
      fp_chart_draw_text (cr, vl, width - w, y + (ROW_HEIGHT - h) / 2.0);
    }
}

static void
draw_columns (FpBarChart           *self,
              cairo_t              *cr,
              int                   width,
              int                   height,
              const FpChartPalette *palette)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gint64 max = max_value (self);
  const guint n_lines = 3;
  FpChartFrame frame;
  FpChartLanes lanes;
  double axis_w = 0, label_h = 0, legend_h = 0, slot, scale;
  gint64 step;

  if (self->values2 != NULL && self->name1 != NULL && self->name2 != NULL)
    {
      const char *names[2] = { self->name1, self->name2 };
      const GdkRGBA *colors[2] = { &palette->accent, &palette->success };

      legend_h = fp_chart_draw_legend (cr, widget, palette, &look, names, colors, 2);
    }

  /* A round step for the grid, from zero. */
  step = MAX ((gint64) ceil (fp_chart_nice_step (max > 0 ? (double) max : 100.0 * n_lines, n_lines,
                                                 FP_CHART_STEPS_1_2_5)),
              1);
  fp_chart_measure_value_labels (widget, &look, 0, (double) (step * n_lines), (double) step, self->currency,
                                 &axis_w, &label_h);
  frame.left = axis_w + PAD;
  frame.right = width;
  frame.top = 4 + legend_h;
  frame.bottom = height - label_h - 4;
  frame.x_min = 0;
  frame.x_max = MAX (self->n_items, 1);
  frame.y_min = 0;
  frame.y_max = (double) (step * n_lines);
  fp_chart_draw_value_grid (cr, widget, palette, &look, &frame, 0, frame.y_max, (double) step, axis_w,
                            self->currency);

  if (self->n_items == 0)
    return;
  slot = MAX (1, width - frame.left) / self->n_items;
  scale = (frame.bottom - frame.top) / (double) (step * n_lines);
  fp_chart_lanes_init (&lanes, 0, 0);
  for (guint i = 0; i < self->n_items; i++)
    {
      guint n_series = self->values2 != NULL ? 2 : 1;
      double bar_w = MIN (28.0, (slot - 6) / n_series);
      double x0 = frame.left + slot * i + (slot - bar_w * n_series) / 2;
      g_autoptr(PangoLayout) layout = fp_chart_look_text_new (widget, &look, self->labels[i]);
      double w;

      for (guint s = 0; s < n_series; s++)
        {
          gint64 v = MAX (s == 0 ? self->values[i] : self->values2[i], 0);
          double bh = v * scale;

          fp_chart_set_ink (cr, palette, s == 0 ? &palette->accent : &palette->success, 1.0);
          fp_chart_path_bar (cr, x0 + s * bar_w + 0.5, frame.bottom - bh, bar_w - 1, bh);
          cairo_fill (cr);
        }

      /* Every label when they fit, else every other one. */
      fp_chart_text_size (layout, &w, NULL);
      if (w + 4 <= slot || (i % 2 == (self->n_items - 1) % 2 && w + 4 <= 2 * slot))
        fp_chart_draw_lane_label (cr, palette, &lanes, layout, frame.left + slot * i + slot / 2,
                                  -G_MAXDOUBLE, G_MAXDOUBLE, frame.bottom + 3, 0, 0.7);
    }
}

static void
fp_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  FpBarChart *self = FP_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  FpChartPalette palette;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  fp_chart_palette_init (&palette, widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->style == FP_BAR_CHART_ROWS)
    draw_rows (self, cr, width, &palette);
  else
    draw_columns (self, cr, width, height, &palette);
  cairo_destroy (cr);
}

static void
fp_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  FpBarChart *self = FP_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 360;
    }
  else if (self->style == FP_BAR_CHART_ROWS)
    *minimum = *natural = (int) MAX (self->n_items, 1) * ROW_HEIGHT;
  else
    *minimum = *natural = COLUMNS_HEIGHT;
}

static void
free_data (FpBarChart *self)
{
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->values2, g_free);
  g_clear_pointer (&self->currency, g_free);
  self->n_items = 0;
}

static void
fp_bar_chart_finalize (GObject *object)
{
  FpBarChart *self = FP_BAR_CHART (object);

  free_data (self);
  g_free (self->title);
  g_free (self->name1);
  g_free (self->name2);
  g_free (self->summary);

  G_OBJECT_CLASS (fp_bar_chart_parent_class)->finalize (object);
}

static void
fp_bar_chart_class_init (FpBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_bar_chart_finalize;
  widget_class->snapshot = fp_bar_chart_snapshot;
  widget_class->measure = fp_bar_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fp_bar_chart_init (FpBarChart *self)
{
  fp_chart_track_style (GTK_WIDGET (self));
}

/**
 * fp_bar_chart_new:
 * @style: rows or columns
 *
 * Returns: (transfer floating): a new chart
 */
GtkWidget *
fp_bar_chart_new (FpBarChartStyle style)
{
  FpBarChart *self = g_object_new (FP_TYPE_BAR_CHART, NULL);

  self->style = style;
  return GTK_WIDGET (self);
}

static void
update_summary (FpBarChart *self)
{
  FpChartDescription text;

  fp_chart_description_init (&text, self->title);
  for (guint i = 0; i < self->n_items; i++)
    {
      g_autofree char *v1 = fp_money_format (self->values[i], self->currency);

      if (self->values2 != NULL)
        {
          g_autofree char *v2 = fp_money_format (self->values2[i], self->currency);

          /* TRANSLATORS: a month of a chart: "Mar: spending $1,200.00, income $2,000.00" */
          fp_chart_description_add_item (&text, _("%s: %s %s, %s %s"), self->labels[i],
                                         self->name1 != NULL ? self->name1 : "", v1,
                                         self->name2 != NULL ? self->name2 : "", v2);
        }
      else
        fp_chart_description_add_item (&text, "%s %s", self->labels[i], v1);
    }

  g_free (self->summary);
  self->summary = fp_chart_description_finish (&text, _("no data"));
  fp_chart_set_description (GTK_WIDGET (self), self->title, self->summary);
}

/**
 * fp_bar_chart_set_data:
 * @self: a #FpBarChart
 * @n_items: the number of bars (or groups)
 * @labels: (array length=n_items): their labels
 * @values: (array length=n_items): the first series
 * @values2: (array length=n_items) (nullable): the second series (columns)
 * @currency: (nullable): the currency of the values
 */
void
fp_bar_chart_set_data (FpBarChart        *self,
                       guint              n_items,
                       const char *const *labels,
                       const gint64      *values,
                       const gint64      *values2,
                       const char        *currency)
{
  g_return_if_fail (FP_IS_BAR_CHART (self));
  g_return_if_fail (n_items == 0 || (labels != NULL && values != NULL));

  free_data (self);
  self->n_items = n_items;
  self->labels = g_new0 (char *, n_items + 1);
  for (guint i = 0; i < n_items; i++)
    self->labels[i] = g_strdup (labels[i]);
  self->values = g_memdup2 (values, sizeof (gint64) * MAX (n_items, 1));
  if (values2 != NULL)
    self->values2 = g_memdup2 (values2, sizeof (gint64) * MAX (n_items, 1));
  self->currency = g_strdup (currency);

  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * fp_bar_chart_set_series:
 * @self: a #FpBarChart
 * @title: what the chart shows, for the accessible description
 * @name1: (nullable): the first series' name (legend)
 * @name2: (nullable): the second series' name
 */
void
fp_bar_chart_set_series (FpBarChart *self,
                         const char *title,
                         const char *name1,
                         const char *name2)
{
  g_return_if_fail (FP_IS_BAR_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->name1);
  self->name1 = g_strdup (name1);
  g_free (self->name2);
  self->name2 = g_strdup (name2);
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fp_bar_chart_get_summary:
 * @self: a #FpBarChart
 *
 * Returns: the chart in words (its accessible description)
 */
const char *
fp_bar_chart_get_summary (FpBarChart *self)
{
  g_return_val_if_fail (FP_IS_BAR_CHART (self), NULL);

  return self->summary;
}
