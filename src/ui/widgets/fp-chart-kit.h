/* fp-chart-kit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing kit every chart uses: the palette of the current style
 * (light, dark, high contrast), text, nice scales, value grids with money
 * on them, time and category labels, series, bands, bars, markers, and the
 * words that describe a chart to assistive technologies.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * FpChartPalette:
 * @fg: the widget's text color; grids and labels are drawn in it
 * @accent: bars, bands and the first series
 * @accent_strong: a line drawn over @accent (a median, an expected value)
 * @success: a second series (income), good news
 * @warning: a caution (a retirement date, a rise)
 * @error: a risk (a threshold, the first day at risk)
 * @event: events on a time line
 * @dark: whether the style is dark
 * @high_contrast: whether the high-contrast style is on
 *
 * Colors of libadwaita's palette that read well on the current style.
 */
typedef struct {
  GdkRGBA  fg;
  GdkRGBA  accent;
  GdkRGBA  accent_strong;
  GdkRGBA  success;
  GdkRGBA  warning;
  GdkRGBA  error;
  GdkRGBA  event;
  gboolean dark;
  gboolean high_contrast;
} FpChartPalette;

/**
 * FpChartTextFlags:
 * @FP_CHART_TEXT_PLAIN: nothing special
 * @FP_CHART_TEXT_BOLD: bold
 * @FP_CHART_TEXT_TABULAR: figures of one width, so that columns line up
 */
typedef enum {
  FP_CHART_TEXT_PLAIN   = 0,
  FP_CHART_TEXT_BOLD    = 1 << 0,
  FP_CHART_TEXT_TABULAR = 1 << 1,
} FpChartTextFlags;

/**
 * FpChartLook:
 * @text_scale: the size of the chart's labels, relative to the widget's font
 * @text_flags: their weight and figures
 * @grid_alpha: the opacity of grid lines
 * @zero_alpha: the opacity of the grid line at zero
 * @label_alpha: the opacity of axis labels
 *
 * How a chart's axes and labels look; each chart has one, constant.
 */
typedef struct {
  double           text_scale;
  FpChartTextFlags text_flags;
  double           grid_alpha;
  double           zero_alpha;
  double           label_alpha;
} FpChartLook;

/**
 * FpChartFrame:
 * @left: the plot area's left edge, in pixels
 * @top: its top edge
 * @right: its right edge
 * @bottom: its bottom edge
 * @x_min: the data value at @left
 * @x_max: the data value at @right
 * @y_min: the data value at @bottom
 * @y_max: the data value at @top
 *
 * The plot area and the data ranges it shows.
 */
typedef struct {
  double left, top, right, bottom;
  double x_min, x_max;
  double y_min, y_max;
} FpChartFrame;

/**
 * FpChartNiceSteps:
 * @FP_CHART_STEPS_1_2_5: steps of 1, 2 or 5 times a power of ten
 * @FP_CHART_STEPS_1_2_25_5: also 2.5 times a power of ten
 */
typedef enum {
  FP_CHART_STEPS_1_2_5,
  FP_CHART_STEPS_1_2_25_5,
} FpChartNiceSteps;

/**
 * FpChartLanes:
 * @end: (private): where the last label of each lane ends
 * @n_lanes: how many lanes (at most 4)
 * @gap: the space kept between two labels of a lane
 *
 * Labels along a time axis, each on the first lane where it does not
 * touch the one before; fp_chart_lanes_init() sets it up.
 */
typedef struct {
  double end[4];
  guint  n_lanes;
  double gap;
} FpChartLanes;

/**
 * FpChartDescription:
 * @text: (private): the words so far
 * @n_items: (private): the items added
 *
 * Builds the sentences that describe a chart; see
 * fp_chart_description_init().
 */
typedef struct {
  GString *text;
  guint    n_items;
} FpChartDescription;

/* Palette and ink */
void         fp_chart_palette_init          (FpChartPalette       *palette,
                                             GtkWidget            *widget);
void         fp_chart_set_ink               (cairo_t              *cr,
                                             const FpChartPalette *palette,
                                             const GdkRGBA        *color,
                                             double                alpha);
void         fp_chart_set_fill              (cairo_t              *cr,
                                             const FpChartPalette *palette,
                                             const GdkRGBA        *color,
                                             double                alpha);
void         fp_chart_track_style           (GtkWidget            *chart);

/* Text */
PangoLayout *fp_chart_text_new              (GtkWidget            *widget,
                                             const char           *text,
                                             double                scale,
                                             FpChartTextFlags      flags);
PangoLayout *fp_chart_look_text_new         (GtkWidget            *widget,
                                             const FpChartLook    *look,
                                             const char           *text);
void         fp_chart_text_size             (PangoLayout          *layout,
                                             double               *width,
                                             double               *height);
void         fp_chart_draw_text             (cairo_t              *cr,
                                             PangoLayout          *layout,
                                             double                x,
                                             double                y);
void         fp_chart_draw_message          (cairo_t              *cr,
                                             GtkWidget            *widget,
                                             const FpChartPalette *palette,
                                             const FpChartLook    *look,
                                             double                width,
                                             double                height,
                                             const char           *text);

/* Scales and frames */
double       fp_chart_nice_step             (double                range,
                                             guint                 n_steps,
                                             FpChartNiceSteps      steps);
double       fp_chart_frame_x               (const FpChartFrame   *frame,
                                             double                x);
double       fp_chart_frame_y               (const FpChartFrame   *frame,
                                             double                y);

/* Money on a value axis */
char        *fp_chart_format_axis_money     (double                minor,
                                             const char           *currency);
void         fp_chart_measure_value_labels  (GtkWidget            *widget,
                                             const FpChartLook    *look,
                                             double                first,
                                             double                last,
                                             double                step,
                                             const char           *currency,
                                             double               *max_width,
                                             double               *max_height);
void         fp_chart_draw_value_grid       (cairo_t              *cr,
                                             GtkWidget            *widget,
                                             const FpChartPalette *palette,
                                             const FpChartLook    *look,
                                             const FpChartFrame   *frame,
                                             double                first,
                                             double                last,
                                             double                step,
                                             double                label_right,
                                             const char           *currency);

/* Labels along the time or category axis */
void         fp_chart_lanes_init            (FpChartLanes         *lanes,
                                             guint                 n_lanes,
                                             double                gap);
int          fp_chart_draw_lane_label       (cairo_t              *cr,
                                             const FpChartPalette *palette,
                                             FpChartLanes         *lanes,
                                             PangoLayout          *layout,
                                             double                x_center,
                                             double                min_x,
                                             double                max_x,
                                             double                top,
                                             double                lane_height,
                                             double                alpha);
void         fp_chart_draw_tick             (cairo_t              *cr,
                                             const FpChartPalette *palette,
                                             double                x,
                                             double                y,
                                             double                length);
double       fp_chart_draw_legend           (cairo_t              *cr,
                                             GtkWidget            *widget,
                                             const FpChartPalette *palette,
                                             const FpChartLook    *look,
                                             const char *const    *names,
                                             const GdkRGBA *const *colors,
                                             guint                 n_names);

/* Series, bands, bars, markers */
void         fp_chart_path_line             (cairo_t              *cr,
                                             const FpChartFrame   *frame,
                                             const gint64         *values,
                                             guint                 n_values);
void         fp_chart_path_band             (cairo_t              *cr,
                                             const FpChartFrame   *frame,
                                             const gint64         *low,
                                             const gint64         *high,
                                             guint                 n_values);
void         fp_chart_fill_band             (cairo_t              *cr,
                                             const FpChartPalette *palette,
                                             const FpChartFrame   *frame,
                                             const gint64         *low,
                                             const gint64         *high,
                                             guint                 n_values,
                                             const GdkRGBA        *color,
                                             double                alpha);
void         fp_chart_stroke_series         (cairo_t              *cr,
                                             const FpChartPalette *palette,
                                             const FpChartFrame   *frame,
                                             const gint64         *values,
                                             guint                 n_values,
                                             const GdkRGBA        *color,
                                             double                alpha,
                                             double                line_width,
                                             const double         *dashes,
                                             guint                 n_dashes);
void         fp_chart_path_bar              (cairo_t              *cr,
                                             double                x,
                                             double                y,
                                             double                width,
                                             double                height);
void         fp_chart_draw_hline            (cairo_t              *cr,
                                             const FpChartPalette *palette,
                                             double                left,
                                             double                right,
                                             double                y,
                                             const GdkRGBA        *color,
                                             double                alpha,
                                             const double         *dashes,
                                             guint                 n_dashes);
void         fp_chart_draw_marker           (cairo_t              *cr,
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
                                             const char           *label);
void         fp_chart_draw_dot              (cairo_t              *cr,
                                             const FpChartPalette *palette,
                                             double                x,
                                             double                y,
                                             double                radius,
                                             const GdkRGBA        *color,
                                             double                alpha);

/* Words for assistive technologies */
void         fp_chart_description_init      (FpChartDescription   *description,
                                             const char           *title);
void         fp_chart_description_add_item  (FpChartDescription   *description,
                                             const char           *format,
                                             ...) G_GNUC_PRINTF (2, 3);
void         fp_chart_description_add_sentence (FpChartDescription *description,
                                             const char           *format,
                                             ...) G_GNUC_PRINTF (2, 3);
char        *fp_chart_description_finish    (FpChartDescription   *description,
                                             const char           *if_empty);
void         fp_chart_set_description       (GtkWidget            *chart,
                                             const char           *name,
                                             const char           *description);

G_END_DECLS
