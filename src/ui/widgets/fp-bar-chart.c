/* fp-bar-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bars for the dashboard: spending by category (rows) and the monthly
 * trend (columns, spending and income side by side). Drawn with cairo
 * through gtk_snapshot_append_cairo(), which renders at the widget's scale
 * (crisp on HiDPI); colors follow the light or dark style. The accessible
 * description lists every figure.
 */

#define G_LOG_DOMAIN "fp-bar-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "fp-bar-chart.h"
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

/**
 * fp_chart_get_palette:
 * @widget: a widget
 * @palette: (out): the colors
 *
 * libadwaita's palette colors that contrast with the current background:
 * blue 3 / 1, green 4 / 1, yellow 5 / 2, red 3 / 1.
 */
void
fp_chart_get_palette (GtkWidget      *widget,
                      FpChartPalette *palette)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  double luminance;

  gtk_style_context_get_color (context, &palette->fg);
  luminance = 0.2126 * palette->fg.red + 0.7152 * palette->fg.green + 0.0722 * palette->fg.blue;
  /* Light text means a dark background. */
  palette->dark = luminance > 0.5;
  if (palette->dark)
    {
      gdk_rgba_parse (&palette->accent, "#78aeed");
      gdk_rgba_parse (&palette->accent_dark, "#99c1f1");
      gdk_rgba_parse (&palette->success, "#8ff0a4");
      gdk_rgba_parse (&palette->warning, "#f8e45c");
      gdk_rgba_parse (&palette->error, "#ff7b63");
    }
  else
    {
      gdk_rgba_parse (&palette->accent, "#3584e4");
      gdk_rgba_parse (&palette->accent_dark, "#1a5fb4");
      gdk_rgba_parse (&palette->success, "#26a269");
      gdk_rgba_parse (&palette->warning, "#9c6e03");
      gdk_rgba_parse (&palette->error, "#c01c28");
    }
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static PangoLayout *
make_layout (FpBarChart *self,
             const char *text,
             gboolean    small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

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
rounded_bar (cairo_t *cr,
             double   x,
             double   y,
             double   w,
             double   h)
{
  double r = MIN (3.0, MIN (w, h) / 2);

  if (w <= 0 || h <= 0)
    return;
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_rows (FpBarChart           *self,
           cairo_t              *cr,
           int                   width,
           const FpChartPalette *palette)
{
  gint64 max = max_value (self);
  int label_width = 0, value_width = 0;

  /* The widest label, at most 40% of the width. */
  for (guint i = 0; i < self->n_items; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, self->labels[i], FALSE);
      g_autofree char *value = fp_money_format_short (self->values[i], self->currency);
      g_autoptr(PangoLayout) vl = make_layout (self, value, TRUE);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      label_width = MAX (label_width, w);
      pango_layout_get_pixel_size (vl, &w, &h);
      value_width = MAX (value_width, w);
    }
  label_width = MIN (label_width, width * 2 / 5);

  for (guint i = 0; i < self->n_items; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, self->labels[i], FALSE);
      g_autofree char *value = fp_money_format_short (self->values[i], self->currency);
      g_autoptr(PangoLayout) vl = make_layout (self, value, TRUE);
      double y = i * ROW_HEIGHT;
      double bar_left = label_width + 2 * PAD;
      double bar_space = MAX (0, width - bar_left - value_width - 2 * PAD);
      double bar_w = max > 0 ? bar_space * (double) MAX (self->values[i], 0) / (double) max : 0;
      int w, h;

      pango_layout_set_width (layout, label_width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &w, &h);
      set_color (cr, &palette->fg, 0.85);
      cairo_move_to (cr, 0, y + (ROW_HEIGHT - h) / 2.0);
      pango_cairo_show_layout (cr, layout);

      set_color (cr, &palette->fg, 0.08);
      rounded_bar (cr, bar_left, y + 6, bar_space, ROW_HEIGHT - 12);
      cairo_fill (cr);
      set_color (cr, &palette->accent, 1.0);
      rounded_bar (cr, bar_left, y + 6, MAX (bar_w, self->values[i] > 0 ? 2.0 : 0.0), ROW_HEIGHT - 12);
      cairo_fill (cr);

      pango_layout_get_pixel_size (vl, &w, &h);
      set_color (cr, &palette->fg, 0.75);
      cairo_move_to (cr, width - w, y + (ROW_HEIGHT - h) / 2.0);
      pango_cairo_show_layout (cr, vl);
    }
}

static void
draw_columns (FpBarChart           *self,
              cairo_t              *cr,
              int                   width,
              int                   height,
              const FpChartPalette *palette)
{
  gint64 max = max_value (self);
  double top = 4, bottom, left, plot_w, slot;
  int axis_w = 0, label_h = 0, legend_h = 0;
  gint64 step;
  guint n_lines = 3;

  /* Legend. */
  if (self->values2 != NULL && self->name1 != NULL && self->name2 != NULL)
    {
      const char *names[2] = { self->name1, self->name2 };
      const GdkRGBA *colors[2] = { &palette->accent, &palette->success };
      double x = 0;

      for (guint s = 0; s < 2; s++)
        {
          g_autoptr(PangoLayout) layout = make_layout (self, names[s], TRUE);
          int w, h;

          pango_layout_get_pixel_size (layout, &w, &h);
          set_color (cr, colors[s], 1.0);
          rounded_bar (cr, x, (h - 10) / 2.0, 10, 10);
          cairo_fill (cr);
          set_color (cr, &palette->fg, 0.8);
          cairo_move_to (cr, x + 14, 0);
          pango_cairo_show_layout (cr, layout);
          x += 14 + w + 16;
          legend_h = MAX (legend_h, h + 6);
        }
    }
  top += legend_h;

  /* A round step for the grid. */
  {
    double raw = max > 0 ? (double) max / n_lines : 100.0;
    double mag = pow (10, floor (log10 (raw)));
    double norm = raw / mag;

    step = (gint64) ceil ((norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag);
    step = MAX (step, 1);
  }
  for (guint i = 0; i <= n_lines; i++)
    {
      g_autofree char *text = fp_money_format_short (step * (gint64) i, self->currency);
      g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      axis_w = MAX (axis_w, w);
      label_h = MAX (label_h, h);
    }
  left = axis_w + PAD;
  bottom = height - label_h - 4;
  plot_w = MAX (1, width - left);

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i <= n_lines; i++)
    {
      g_autofree char *text = fp_money_format_short (step * (gint64) i, self->currency);
      g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE);
      double y = round (bottom - (bottom - top) * i / n_lines) + 0.5;
      int w, h;

      set_color (cr, &palette->fg, i == 0 ? 0.3 : 0.1);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, width, y);
      cairo_stroke (cr);
      pango_layout_get_pixel_size (layout, &w, &h);
      set_color (cr, &palette->fg, 0.65);
      cairo_move_to (cr, axis_w - w, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  if (self->n_items == 0)
    return;
  slot = plot_w / self->n_items;
  for (guint i = 0; i < self->n_items; i++)
    {
      double scale = (bottom - top) / (double) (step * n_lines);
      guint n_series = self->values2 != NULL ? 2 : 1;
      double bar_w = MIN (28.0, (slot - 6) / n_series);
      double x0 = left + slot * i + (slot - bar_w * n_series) / 2;
      g_autoptr(PangoLayout) layout = make_layout (self, self->labels[i], TRUE);
      int w, h;

      for (guint s = 0; s < n_series; s++)
        {
          gint64 v = MAX (s == 0 ? self->values[i] : self->values2[i], 0);
          double bh = v * scale;

          set_color (cr, s == 0 ? &palette->accent : &palette->success, 1.0);
          rounded_bar (cr, x0 + s * bar_w + 0.5, bottom - bh, bar_w - 1, bh);
          cairo_fill (cr);
        }

      /* Every label when they fit, else every other one. */
      pango_layout_get_pixel_size (layout, &w, &h);
      if (w + 4 <= slot || (i % 2 == (self->n_items - 1) % 2 && w + 4 <= 2 * slot))
        {
          set_color (cr, &palette->fg, 0.7);
          cairo_move_to (cr, left + slot * i + (slot - w) / 2, bottom + 3);
          pango_cairo_show_layout (cr, layout);
        }
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

  fp_chart_get_palette (widget, &palette);
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
fp_bar_chart_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (fp_bar_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
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
  widget_class->css_changed = fp_bar_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fp_bar_chart_init (FpBarChart *self)
{
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
  g_autoptr(GString) text = g_string_new (self->title != NULL ? self->title : "");

  if (text->len > 0)
    g_string_append (text, ": ");
  for (guint i = 0; i < self->n_items; i++)
    {
      g_autofree char *v1 = fp_money_format (self->values[i], self->currency);

      if (i > 0)
        g_string_append (text, "; ");
      if (self->values2 != NULL)
        {
          g_autofree char *v2 = fp_money_format (self->values2[i], self->currency);

          /* TRANSLATORS: a month of a chart: "Mar: spending $1,200.00, income $2,000.00" */
          g_string_append_printf (text, _("%s: %s %s, %s %s"), self->labels[i],
                                  self->name1 != NULL ? self->name1 : "", v1,
                                  self->name2 != NULL ? self->name2 : "", v2);
        }
      else
        g_string_append_printf (text, "%s %s", self->labels[i], v1);
    }
  if (self->n_items == 0)
    g_string_append (text, _("no data"));
  g_string_append_c (text, '.');

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title != NULL ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
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
