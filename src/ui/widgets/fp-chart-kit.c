/* fp-chart-kit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing kit of the charts. Charts draw with cairo through
 * gtk_snapshot_append_cairo(), which renders at the widget's scale (crisp
 * on HiDPI screens); this file is everything they share:
 *
 * - the palette: libadwaita's colors for the light and dark styles, and
 *   for high contrast darker (light) or lighter (dark) shades, with the
 *   translucent ink of lines and text made more opaque (fp_chart_set_ink())
 *   and areas left as they are (fp_chart_set_fill());
 * - text: Pango layouts at the chart's scale, with tabular figures and
 *   bold where asked;
 * - scales: nice steps (1, 2, 5 and optionally 2.5 times a power of ten)
 *   and the frame that maps data to pixels;
 * - axes: the value grid with money on it (fp_money_format_short(), the
 *   one short money format of core), labels along the time or category
 *   axis that never overlap (lanes), ticks and legends;
 * - series: lines, bands, bars, horizontal rules, markers and dots (in
 *   fp-chart-kit-marks.c);
 * - the accessible description: sentences and lists of items.
 *
 * Lines on whole pixels are drawn at half pixels so that one-pixel lines
 * stay sharp.
 */

#define G_LOG_DOMAIN "fp-chart-kit"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <pango/pangocairo.h>

#include "fp-chart-kit.h"
#include "fp-money.h"

/* ------------------------------------------------------------------ */
/* Palette and ink                                                     */
/* ------------------------------------------------------------------ */

typedef struct {
  const char *accent;
  const char *accent_strong;
  const char *success;
  const char *warning;
  const char *error;
  const char *event;
} Colors;

/* libadwaita's palette: blue 3 and 5, green 5, the warning and error
 * colors, purple 4 on light; blue 2 and 1, green 1, yellow 2, the error
 * color and purple 1 on dark. High contrast takes the next shades towards
 * black (light) or white (dark). */
static const Colors light_colors = { "#3584e4", "#1a5fb4", "#26a269", "#9c6e03", "#c01c28", "#813d9c" };
static const Colors dark_colors = { "#78aeed", "#99c1f1", "#8ff0a4", "#f8e45c", "#ff7b63", "#dc8add" };
static const Colors light_hc_colors = { "#1a5fb4", "#0b3b70", "#1c7a4f", "#7a5500", "#a51d2d", "#613583" };
static const Colors dark_hc_colors = { "#99c1f1", "#d3e5fa", "#b6f5c4", "#f9f06b", "#ffa89a", "#f0c6f0" };

/**
 * fp_chart_palette_init:
 * @palette: (out caller-allocates): the colors
 * @widget: the chart
 *
 * Fills @palette for the style @widget is shown in: its text color, and
 * whether libadwaita's style manager has the dark or the high-contrast
 * style on.
 */
void
fp_chart_palette_init (FpChartPalette *palette,
                       GtkWidget      *widget)
{
  AdwStyleManager *manager = adw_style_manager_get_for_display (gtk_widget_get_display (widget));
  const Colors *colors;

  g_return_if_fail (palette != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &palette->fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  palette->dark = adw_style_manager_get_dark (manager);
  palette->high_contrast = adw_style_manager_get_high_contrast (manager);

  if (palette->high_contrast)
    colors = palette->dark ? &dark_hc_colors : &light_hc_colors;
  else
    colors = palette->dark ? &dark_colors : &light_colors;

  gdk_rgba_parse (&palette->accent, colors->accent);
  gdk_rgba_parse (&palette->accent_strong, colors->accent_strong);
  gdk_rgba_parse (&palette->success, colors->success);
  gdk_rgba_parse (&palette->warning, colors->warning);
  gdk_rgba_parse (&palette->error, colors->error);
  gdk_rgba_parse (&palette->event, colors->event);
}

/**
 * fp_chart_set_ink:
 * @cr: a cairo context
 * @palette: the palette
 * @color: one of its colors
 * @alpha: the opacity wanted, 0 to 1
 *
 * Sets @color at @alpha as the source. In high contrast, translucent inks
 * become more opaque: 1 − (1 − @alpha)², so 0.1 becomes 0.19 and 0.65
 * becomes 0.88, and opaque stays opaque.
 */
void
fp_chart_set_ink (cairo_t              *cr,
                  const FpChartPalette *palette,
                  const GdkRGBA        *color,
                  double                alpha)
{
  g_return_if_fail (cr != NULL && palette != NULL && color != NULL);

  if (palette->high_contrast)
    alpha = 1.0 - (1.0 - alpha) * (1.0 - alpha);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/**
 * fp_chart_set_fill:
 * @cr: a cairo context
 * @palette: the palette
 * @color: one of its colors
 * @alpha: the opacity wanted, 0 to 1
 *
 * Sets @color at @alpha as the source of an area (a band, a bar's
 * track). Unlike fp_chart_set_ink(), high contrast leaves areas as they
 * are, so that the lines and text drawn over them keep their contrast.
 */
void
fp_chart_set_fill (cairo_t              *cr,
                   const FpChartPalette *palette,
                   const GdkRGBA        *color,
                   double                alpha)
{
  g_return_if_fail (cr != NULL && palette != NULL && color != NULL);

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
style_changed_cb (GtkWidget *chart)
{
  gtk_widget_queue_draw (chart);
}

/**
 * fp_chart_track_style:
 * @chart: a chart widget
 *
 * Redraws @chart whenever the dark or the high-contrast style is switched
 * on or off; call it from the chart's init.
 */
void
fp_chart_track_style (GtkWidget *chart)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_return_if_fail (GTK_IS_WIDGET (chart));

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed_cb), chart, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed_cb), chart,
                           G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

/**
 * fp_chart_text_new:
 * @widget: the chart, whose font is used
 * @text: the text
 * @scale: its size relative to the widget's font
 * @flags: bold, tabular figures
 *
 * Returns: (transfer full): a layout of @text
 */
PangoLayout *
fp_chart_text_new (GtkWidget        *widget,
                   const char       *text,
                   double            scale,
                   FpChartTextFlags  flags)
{
  PangoLayout *layout;
  PangoAttrList *attrs;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  layout = gtk_widget_create_pango_layout (widget, text);
  if (scale == 1.0 && flags == FP_CHART_TEXT_PLAIN)
    return layout;

  attrs = pango_attr_list_new ();
  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (flags & FP_CHART_TEXT_TABULAR)
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (flags & FP_CHART_TEXT_BOLD)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

/**
 * fp_chart_look_text_new:
 * @widget: the chart
 * @look: the chart's look
 * @text: the text
 *
 * Returns: (transfer full): a layout of @text as the chart's labels look
 */
PangoLayout *
fp_chart_look_text_new (GtkWidget         *widget,
                        const FpChartLook *look,
                        const char        *text)
{
  g_return_val_if_fail (look != NULL, NULL);

  return fp_chart_text_new (widget, text, look->text_scale, look->text_flags);
}

/**
 * fp_chart_text_size:
 * @layout: a layout
 * @width: (out): its width in pixels
 * @height: (out): its height in pixels
 */
void
fp_chart_text_size (PangoLayout *layout,
                    double      *width,
                    double      *height)
{
  int w, h;

  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  pango_layout_get_pixel_size (layout, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

/**
 * fp_chart_draw_text:
 * @cr: a cairo context with the ink set
 * @layout: the text
 * @x: its left edge
 * @y: its top edge
 */
void
fp_chart_draw_text (cairo_t     *cr,
                    PangoLayout *layout,
                    double       x,
                    double       y)
{
  g_return_if_fail (cr != NULL && PANGO_IS_LAYOUT (layout));

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/**
 * fp_chart_draw_message:
 * @cr: a cairo context
 * @widget: the chart
 * @palette: the palette
 * @look: the chart's look
 * @width: the chart's width
 * @height: its height
 * @text: what to say instead of the chart, such as "Calculating…"
 *
 * Draws @text dimmed in the middle of the chart.
 */
void
fp_chart_draw_message (cairo_t              *cr,
                       GtkWidget            *widget,
                       const FpChartPalette *palette,
                       const FpChartLook    *look,
                       double                width,
                       double                height,
                       const char           *text)
{
  g_autoptr(PangoLayout) layout = fp_chart_look_text_new (widget, look, text);
  double w, h;

  fp_chart_text_size (layout, &w, &h);
  fp_chart_set_ink (cr, palette, &palette->fg, 0.6);
  fp_chart_draw_text (cr, layout, (width - w) / 2, (height - h) / 2);
}

/* ------------------------------------------------------------------ */
/* Scales and frames                                                   */
/* ------------------------------------------------------------------ */

/**
 * fp_chart_nice_step:
 * @range: the data range to cover
 * @n_steps: about how many steps it should take
 * @steps: which round numbers are allowed
 *
 * Returns: the smallest round step at least @range / @n_steps: 1, 2 or 5
 *   (or 2.5 with %FP_CHART_STEPS_1_2_25_5) times a power of ten; 1 for an
 *   empty range
 */
double
fp_chart_nice_step (double           range,
                    guint            n_steps,
                    FpChartNiceSteps steps)
{
  double raw = range / MAX (n_steps, 1);
  double magnitude, fraction;

  if (!(raw > 0) || !isfinite (raw))
    return 1;

  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (steps == FP_CHART_STEPS_1_2_25_5 && fraction <= 2.5)
    return 2.5 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

/**
 * fp_chart_frame_x:
 * @frame: the frame
 * @x: a data value on the horizontal axis
 *
 * Returns: its position in pixels
 */
double
fp_chart_frame_x (const FpChartFrame *frame,
                  double              x)
{
  return frame->left + (frame->right - frame->left) * (x - frame->x_min) / (frame->x_max - frame->x_min);
}

/**
 * fp_chart_frame_y:
 * @frame: the frame
 * @y: a data value on the vertical axis
 *
 * Returns: its position in pixels
 */
double
fp_chart_frame_y (const FpChartFrame *frame,
                  double              y)
{
  return frame->bottom - (frame->bottom - frame->top) * (y - frame->y_min) / (frame->y_max - frame->y_min);
}

/* ------------------------------------------------------------------ */
/* Money on a value axis                                               */
/* ------------------------------------------------------------------ */

/**
 * fp_chart_format_axis_money:
 * @minor: an amount in minor units (a grid value, rounded to a unit)
 * @currency: (nullable): its ISO 4217 code
 *
 * Returns: (transfer full): the amount as axes show it ("$1.2k")
 */
char *
fp_chart_format_axis_money (double      minor,
                            const char *currency)
{
  return fp_money_format_short ((gint64) llround (minor), currency);
}

/* The grid values first, first + step, … up to last. */
#define FOR_EACH_GRID_VALUE(v, first, last, step) \
  for (double v = (first); v <= (last) + (step) * 1e-6; v += (step))

/**
 * fp_chart_measure_value_labels:
 * @widget: the chart
 * @look: the chart's look
 * @first: the lowest grid value
 * @last: the highest grid value
 * @step: the grid step
 * @currency: (nullable): the values' currency
 * @max_width: (out) (optional): the widest label
 * @max_height: (out) (optional): the tallest label
 *
 * Measures the money labels of a value grid, to leave room for them.
 */
void
fp_chart_measure_value_labels (GtkWidget         *widget,
                               const FpChartLook *look,
                               double             first,
                               double             last,
                               double             step,
                               const char        *currency,
                               double            *max_width,
                               double            *max_height)
{
  double width = 0, height = 0;

  g_return_if_fail (step > 0);

  FOR_EACH_GRID_VALUE (v, first, last, step)
    {
      g_autofree char *text = fp_chart_format_axis_money (v, currency);
      g_autoptr(PangoLayout) layout = fp_chart_look_text_new (widget, look, text);
      double w, h;

      fp_chart_text_size (layout, &w, &h);
      width = MAX (width, w);
      height = MAX (height, h);
    }
  if (max_width != NULL)
    *max_width = width;
  if (max_height != NULL)
    *max_height = height;
}

/**
 * fp_chart_draw_value_grid:
 * @cr: a cairo context
 * @widget: the chart
 * @palette: the palette
 * @look: the chart's look
 * @frame: the frame (lines run from its left to its right edge)
 * @first: the lowest grid value
 * @last: the highest grid value
 * @step: the grid step
 * @label_right: where the money labels end, left of the plot
 * @currency: (nullable): the values' currency
 *
 * Draws a horizontal line for every grid value, the one at zero stronger,
 * with its amount beside it.
 */
void
fp_chart_draw_value_grid (cairo_t              *cr,
                          GtkWidget            *widget,
                          const FpChartPalette *palette,
                          const FpChartLook    *look,
                          const FpChartFrame   *frame,
                          double                first,
                          double                last,
                          double                step,
                          double                label_right,
                          const char           *currency)
{
  g_return_if_fail (step > 0);

  cairo_set_line_width (cr, 1);
  FOR_EACH_GRID_VALUE (v, first, last, step)
    {
      g_autofree char *text = fp_chart_format_axis_money (v, currency);
      g_autoptr(PangoLayout) layout = fp_chart_look_text_new (widget, look, text);
      double y = round (fp_chart_frame_y (frame, v)) + 0.5;
      double w, h;

      fp_chart_set_ink (cr, palette, &palette->fg, fabs (v) < step * 1e-6 ? look->zero_alpha : look->grid_alpha);
      cairo_move_to (cr, frame->left, y);
      cairo_line_to (cr, frame->right, y);
      cairo_stroke (cr);

      fp_chart_text_size (layout, &w, &h);
      fp_chart_set_ink (cr, palette, &palette->fg, look->label_alpha);
      fp_chart_draw_text (cr, layout, label_right - w, y - h / 2.0);
    }
}

#undef FOR_EACH_GRID_VALUE

/* ------------------------------------------------------------------ */
/* Labels along the time or category axis                              */
/* ------------------------------------------------------------------ */

/**
 * fp_chart_lanes_init:
 * @lanes: (out caller-allocates): the lanes
 * @n_lanes: how many lanes, at most 4; 0 draws every label on one line,
 *   overlapping or not
 * @gap: the space kept between two labels of a lane
 */
void
fp_chart_lanes_init (FpChartLanes *lanes,
                     guint         n_lanes,
                     double        gap)
{
  g_return_if_fail (lanes != NULL);
  g_return_if_fail (n_lanes <= G_N_ELEMENTS (lanes->end));

  for (guint i = 0; i < G_N_ELEMENTS (lanes->end); i++)
    lanes->end[i] = -G_MAXDOUBLE;
  lanes->n_lanes = n_lanes;
  lanes->gap = gap;
}

/**
 * fp_chart_draw_lane_label:
 * @cr: a cairo context
 * @palette: the palette
 * @lanes: the lanes
 * @layout: the label
 * @x_center: where it belongs
 * @min_x: the left limit of labels
 * @max_x: the right limit of labels
 * @top: the top of the first lane
 * @lane_height: the distance between lanes
 * @alpha: the opacity of the text
 *
 * Draws @layout centred on @x_center (moved inside the limits) on the
 * first lane where it keeps the gap to the label before it; with no room
 * on any lane the label is left out.
 *
 * Returns: the lane used, or -1 when the label was left out
 */
int
fp_chart_draw_lane_label (cairo_t              *cr,
                          const FpChartPalette *palette,
                          FpChartLanes         *lanes,
                          PangoLayout          *layout,
                          double                x_center,
                          double                min_x,
                          double                max_x,
                          double                top,
                          double                lane_height,
                          double                alpha)
{
  double w, h, left;

  g_return_val_if_fail (lanes != NULL, -1);

  fp_chart_text_size (layout, &w, &h);
  left = CLAMP (x_center - w / 2, min_x, max_x - w);

  for (guint lane = 0; lane < MAX (lanes->n_lanes, 1); lane++)
    {
      if (lanes->n_lanes > 0 && left < lanes->end[lane] + lanes->gap)
        continue;
      lanes->end[lane] = left + w;
      fp_chart_set_ink (cr, palette, &palette->fg, alpha);
      fp_chart_draw_text (cr, layout, left, top + lane * lane_height);
      return (int) lane;
    }
  return -1;
}

/**
 * fp_chart_draw_tick:
 * @cr: a cairo context
 * @palette: the palette
 * @x: where on the axis, on a half pixel
 * @y: the axis
 * @length: how far down the tick goes
 */
void
fp_chart_draw_tick (cairo_t              *cr,
                    const FpChartPalette *palette,
                    double                x,
                    double                y,
                    double                length)
{
  cairo_set_line_width (cr, 1);
  fp_chart_set_ink (cr, palette, &palette->fg, 0.3);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x, y + length);
  cairo_stroke (cr);
}

/**
 * fp_chart_draw_legend:
 * @cr: a cairo context
 * @widget: the chart
 * @palette: the palette
 * @look: the chart's look
 * @names: (array length=n_names): the series' names
 * @colors: (array length=n_names): their colors
 * @n_names: how many
 *
 * Draws a swatch and the name of each series in a row at the top left.
 *
 * Returns: the height the legend takes, with the space under it
 */
double
fp_chart_draw_legend (cairo_t              *cr,
                      GtkWidget            *widget,
                      const FpChartPalette *palette,
                      const FpChartLook    *look,
                      const char *const    *names,
                      const GdkRGBA *const *colors,
                      guint                 n_names)
{
  double x = 0, height = 0;

  for (guint s = 0; s < n_names; s++)
    {
      g_autoptr(PangoLayout) layout = fp_chart_look_text_new (widget, look, names[s]);
      double w, h;

      fp_chart_text_size (layout, &w, &h);
      fp_chart_set_ink (cr, palette, colors[s], 1.0);
      fp_chart_path_bar (cr, x, (h - 10) / 2.0, 10, 10);
      cairo_fill (cr);
      fp_chart_set_ink (cr, palette, &palette->fg, 0.8);
      fp_chart_draw_text (cr, layout, x + 14, 0);
      x += 14 + w + 16;
      height = MAX (height, h + 6);
    }
  return height;
}

/* ------------------------------------------------------------------ */
/* Words for assistive technologies                                    */
/* ------------------------------------------------------------------ */

/**
 * fp_chart_description_init:
 * @description: (out caller-allocates): the description
 * @title: (nullable): a title to start a list of items with ("Title: …")
 */
void
fp_chart_description_init (FpChartDescription *description,
                           const char         *title)
{
  g_return_if_fail (description != NULL);

  description->text = g_string_new (title != NULL ? title : "");
  description->n_items = 0;
  if (description->text->len > 0)
    g_string_append (description->text, ": ");
}

/**
 * fp_chart_description_add_item:
 * @description: the description
 * @format: a printf() format of one item, such as a bar and its value
 * @...: its arguments
 *
 * Adds an item to the list; items are separated by semicolons.
 */
void
fp_chart_description_add_item (FpChartDescription *description,
                               const char         *format,
                               ...)
{
  va_list args;

  g_return_if_fail (description != NULL && description->text != NULL);

  if (description->n_items++ > 0)
    g_string_append (description->text, "; ");
  va_start (args, format);
  g_string_append_vprintf (description->text, format, args);
  va_end (args);
}

/**
 * fp_chart_description_add_sentence:
 * @description: the description
 * @format: a printf() format of a whole sentence
 * @...: its arguments
 *
 * Adds a sentence, after a space.
 */
void
fp_chart_description_add_sentence (FpChartDescription *description,
                                   const char         *format,
                                   ...)
{
  va_list args;

  g_return_if_fail (description != NULL && description->text != NULL);

  if (description->text->len > 0)
    g_string_append_c (description->text, ' ');
  va_start (args, format);
  g_string_append_vprintf (description->text, format, args);
  va_end (args);
}

/**
 * fp_chart_description_finish:
 * @description: the description
 * @if_empty: (nullable): what a list says when it has no item, such as
 *   "no data"; %NULL for a description made of sentences
 *
 * Ends a list with a full stop (or says @if_empty) and frees what
 * @description holds.
 *
 * Returns: (transfer full): the description
 */
char *
fp_chart_description_finish (FpChartDescription *description,
                             const char         *if_empty)
{
  GString *text;

  g_return_val_if_fail (description != NULL && description->text != NULL, NULL);

  text = g_steal_pointer (&description->text);
  if (description->n_items > 0 || if_empty != NULL)
    {
      if (description->n_items == 0)
        g_string_append (text, if_empty);
      g_string_append_c (text, '.');
    }
  return g_string_free (text, FALSE);
}

/**
 * fp_chart_set_description:
 * @chart: a chart (accessible role: image)
 * @name: its accessible name, such as "Balance forecast"
 * @description: the chart in words
 *
 * Gives assistive technologies the chart's name and the description of
 * every figure it shows.
 */
void
fp_chart_set_description (GtkWidget  *chart,
                          const char *name,
                          const char *description)
{
  g_return_if_fail (GTK_IS_WIDGET (chart));

  gtk_accessible_update_property (GTK_ACCESSIBLE (chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name != NULL ? name : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
}
