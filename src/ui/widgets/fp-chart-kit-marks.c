/* fp-chart-kit-marks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart kit's marks: series as lines, bands between two series, bars,
 * horizontal rules, markers of a moment with their label, and dots. See
 * fp-chart-kit.c for the palette, text, scales and axes.
 */

#define G_LOG_DOMAIN "fp-chart-kit"

#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "fp-chart-kit.h"

/* ------------------------------------------------------------------ */
/* Series, bands, bars, markers                                        */
/* ------------------------------------------------------------------ */

/**
 * fp_chart_path_line:
 * @cr: a cairo context
 * @frame: the frame; value i is drawn at x = i
 * @values: (array length=n_values): the series
 * @n_values: how many
 *
 * Makes the series' line the current path.
 */
void
fp_chart_path_line (cairo_t            *cr,
                    const FpChartFrame *frame,
                    const gint64       *values,
                    guint               n_values)
{
  cairo_new_path (cr);
  for (guint i = 0; i < n_values; i++)
    cairo_line_to (cr, fp_chart_frame_x (frame, i), fp_chart_frame_y (frame, values[i]));
}

/**
 * fp_chart_path_band:
 * @cr: a cairo context
 * @frame: the frame; value i is drawn at x = i
 * @low: (array length=n_values): the band's lower edge
 * @high: (array length=n_values): its upper edge
 * @n_values: how many
 *
 * Makes the band between @low and @high the current path.
 */
void
fp_chart_path_band (cairo_t            *cr,
                    const FpChartFrame *frame,
                    const gint64       *low,
                    const gint64       *high,
                    guint               n_values)
{
  cairo_new_path (cr);
  for (guint i = 0; i < n_values; i++)
    cairo_line_to (cr, fp_chart_frame_x (frame, i), fp_chart_frame_y (frame, high[i]));
  for (guint i = n_values; i-- > 0;)
    cairo_line_to (cr, fp_chart_frame_x (frame, i), fp_chart_frame_y (frame, low[i]));
  cairo_close_path (cr);
}

/**
 * fp_chart_fill_band:
 * @cr: a cairo context
 * @palette: the palette
 * @frame: the frame
 * @low: (array length=n_values): the band's lower edge
 * @high: (array length=n_values): its upper edge
 * @n_values: how many
 * @color: its color
 * @alpha: its opacity
 */
void
fp_chart_fill_band (cairo_t              *cr,
                    const FpChartPalette *palette,
                    const FpChartFrame   *frame,
                    const gint64         *low,
                    const gint64         *high,
                    guint                 n_values,
                    const GdkRGBA        *color,
                    double                alpha)
{
  fp_chart_path_band (cr, frame, low, high, n_values);
  fp_chart_set_fill (cr, palette, color, alpha);
  cairo_fill (cr);
}

/**
 * fp_chart_stroke_series:
 * @cr: a cairo context
 * @palette: the palette
 * @frame: the frame
 * @values: (array length=n_values): the series
 * @n_values: how many
 * @color: the line's color
 * @alpha: its opacity
 * @line_width: its width
 * @dashes: (array length=n_dashes) (nullable): a dash pattern, or %NULL
 * @n_dashes: its length
 *
 * Draws the series as a line with round joins.
 */
void
fp_chart_stroke_series (cairo_t              *cr,
                        const FpChartPalette *palette,
                        const FpChartFrame   *frame,
                        const gint64         *values,
                        guint                 n_values,
                        const GdkRGBA        *color,
                        double                alpha,
                        double                line_width,
                        const double         *dashes,
                        guint                 n_dashes)
{
  fp_chart_path_line (cr, frame, values, n_values);
  fp_chart_set_ink (cr, palette, color, alpha);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash (cr, dashes, (int) n_dashes, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/**
 * fp_chart_path_bar:
 * @cr: a cairo context
 * @x: the bar's left edge
 * @y: its top
 * @width: its width
 * @height: its height
 *
 * Adds a bar with rounded corners (3 pixels, less for thin bars) to the
 * path; nothing for an empty one.
 */
void
fp_chart_path_bar (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height)
{
  double r = MIN (3.0, MIN (width, height) / 2);

  if (width <= 0 || height <= 0)
    return;
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + width - r, y + height - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/**
 * fp_chart_draw_hline:
 * @cr: a cairo context
 * @palette: the palette
 * @left: where the line starts
 * @right: where it ends
 * @y: its height (put on a half pixel)
 * @color: its color
 * @alpha: its opacity
 * @dashes: (array length=n_dashes) (nullable): a dash pattern, or %NULL
 * @n_dashes: its length
 *
 * Draws a one-pixel horizontal rule, such as a threshold.
 */
void
fp_chart_draw_hline (cairo_t              *cr,
                     const FpChartPalette *palette,
                     double                left,
                     double                right,
                     double                y,
                     const GdkRGBA        *color,
                     double                alpha,
                     const double         *dashes,
                     guint                 n_dashes)
{
  y = round (y) + 0.5;
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dashes, (int) n_dashes, 0);
  fp_chart_set_ink (cr, palette, color, alpha);
  cairo_move_to (cr, left, y);
  cairo_line_to (cr, right, y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/**
 * fp_chart_draw_marker:
 * @cr: a cairo context
 * @widget: the chart
 * @palette: the palette
 * @look: the chart's look
 * @frame: the frame; the marker starts at its top
 * @x: where (put on a half pixel)
 * @y_end: where the marker's line ends
 * @color: its color
 * @alpha: its opacity
 * @line_width: its width
 * @dashes: (array length=n_dashes) (nullable): a dash pattern, or %NULL
 * @n_dashes: its length
 * @label: (nullable): a bold label at the top, inside the plot on the
 *   side with room
 *
 * Marks a moment: a vertical line and optionally its name.
 */
void
fp_chart_draw_marker (cairo_t              *cr,
                      GtkWidget            *widget,
                      const FpChartPalette *palette,
                      const FpChartLook    *look,
                      const FpChartFrame   *frame,
                      double                x,
                      double                y_end,
                      const GdkRGBA        *color,
                      double                alpha,
                      double                line_width,
                      const double         *dashes,
                      guint                 n_dashes,
                      const char           *label)
{
  x = round (x) + 0.5;
  fp_chart_set_ink (cr, palette, color, alpha);
  cairo_set_line_width (cr, line_width);
  cairo_set_dash (cr, dashes, (int) n_dashes, 0);
  cairo_move_to (cr, x, frame->top);
  cairo_line_to (cr, x, y_end);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (label != NULL)
    {
      g_autoptr(PangoLayout) layout = fp_chart_text_new (widget, label, look->text_scale,
                                                         look->text_flags | FP_CHART_TEXT_BOLD);
      double w, h;

      fp_chart_text_size (layout, &w, &h);
      fp_chart_draw_text (cr, layout, x + w + 4 <= frame->right ? x + 4 : x - 4 - w, frame->top);
    }
}

/**
 * fp_chart_draw_dot:
 * @cr: a cairo context
 * @palette: the palette
 * @x: its centre
 * @y: its centre
 * @radius: its radius
 * @color: its color
 * @alpha: its opacity
 */
void
fp_chart_draw_dot (cairo_t              *cr,
                   const FpChartPalette *palette,
                   double                x,
                   double                y,
                   double                radius,
                   const GdkRGBA        *color,
                   double                alpha)
{
  fp_chart_set_ink (cr, palette, color, alpha);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_fill (cr);
}

