/* fp-fan-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fan chart of a Monte-Carlo projection: the 5–95 % and 25–75 % bands
 * and the median of a scenario, the median of the baseline dashed over it,
 * a retirement marker, and the life events on a strip under the time axis.
 * Drawn with cairo through gtk_snapshot_append_cairo(), which renders at
 * the widget's scale, so it stays crisp on HiDPI screens.
 */

#define G_LOG_DOMAIN "fp-fan-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "fp-fan-chart.h"
#include "fp-money.h"

struct _FpFanChart
{
  GtkWidget           parent_instance;

  /* Owned references */
  FpSimulationResult *scenario;
  FpSimulationResult *baseline;
  char               *summary;

  char                currency[4];
  FpSimEvent          events[FP_SIM_MAX_EVENTS];
  guint               n_events;
  int                 retirement_month;
  int                 start_year;
  double              plot_left;        /* of the last drawing, for the tooltip */
  double              plot_right;
};

G_DEFINE_FINAL_TYPE (FpFanChart, fp_fan_chart, GTK_TYPE_WIDGET)

#define PAD_TOP     10.0
#define PAD_RIGHT   14.0
#define PAD_GAP      6.0
#define STRIP_ROW   15.0
#define STRIP_DOT   12.0
#define LABEL_SCALE  0.8

typedef struct
{
  double left, top, right, bottom;   /* the plot area */
  double y_min, y_max;
  guint  n_points;
} Frame;

typedef struct
{
  GdkRGBA fg;
  GdkRGBA accent;
  GdkRGBA median;
  GdkRGBA warning;
  GdkRGBA event;
  gboolean dark;
} Palette;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static void
get_palette (FpFanChart *self,
             Palette    *palette)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  double luminance;

  gtk_style_context_get_color (context, &palette->fg);
  luminance = 0.2126 * palette->fg.red + 0.7152 * palette->fg.green + 0.0722 * palette->fg.blue;
  /* Light text means a dark background. */
  palette->dark = luminance > 0.5;

  /* libadwaita's palette: blue 3 / blue 2, yellow 5 / yellow 2, purple. */
  if (palette->dark)
    {
      gdk_rgba_parse (&palette->accent, "#78aeed");
      gdk_rgba_parse (&palette->median, "#99c1f1");
      gdk_rgba_parse (&palette->warning, "#f8e45c");
      gdk_rgba_parse (&palette->event, "#dc8add");
    }
  else
    {
      gdk_rgba_parse (&palette->accent, "#3584e4");
      gdk_rgba_parse (&palette->median, "#1a5fb4");
      gdk_rgba_parse (&palette->warning, "#9c6e03");
      gdk_rgba_parse (&palette->event, "#813d9c");
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
make_layout (FpFanChart *self,
             const char *text,
             gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (LABEL_SCALE));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

static double
nice_step (double range,
           guint  wanted)
{
  double raw = range / MAX (wanted, 1);
  double magnitude, fraction;

  if (raw <= 0)
    return 1;

  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 2.5)
    return 2.5 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static double
x_of (const Frame *frame,
      double       month)
{
  double last = MAX (frame->n_points, 2) - 1;

  return frame->left + (frame->right - frame->left) * month / last;
}

static double
y_of (const Frame *frame,
      double       minor)
{
  return frame->bottom - (frame->bottom - frame->top) * (minor - frame->y_min) / (frame->y_max - frame->y_min);
}

/* The vertical range: all of the medians and the 25–75 % band, and of
 * the 5–95 % band as much as keeps the middle readable; a band that goes
 * further is clipped at the edge (the tooltip still gives its values). */
static void
compute_range (FpFanChart *self,
               double     *y_min,
               double     *y_max)
{
  FpSimulationResult *s = self->scenario;
  double lo = 0, hi = 0, lo_inner = 0, hi_inner = 0, lo_outer = 0, hi_outer = 0;

  for (guint m = 0; m < s->n_points; m++)
    {
      lo_outer = MIN (lo_outer, (double) s->net_worth[FP_SIM_P5][m]);
      hi_outer = MAX (hi_outer, (double) s->net_worth[FP_SIM_P95][m]);
      lo_inner = MIN (lo_inner, (double) s->net_worth[FP_SIM_P25][m]);
      hi_inner = MAX (hi_inner, (double) s->net_worth[FP_SIM_P75][m]);
    }
  if (self->baseline != NULL && self->baseline->n_points == s->n_points)
    for (guint m = 0; m < s->n_points; m++)
      {
        lo_inner = MIN (lo_inner, (double) self->baseline->net_worth[FP_SIM_P50][m]);
        hi_inner = MAX (hi_inner, (double) self->baseline->net_worth[FP_SIM_P50][m]);
      }

  hi = MIN (hi_outer, hi_inner + 0.6 * (hi_inner - lo_inner));
  lo = MAX (lo_outer, lo_inner - 0.6 * (hi_inner - lo_inner));
  hi = MAX (hi, hi_inner);
  lo = MIN (lo, lo_inner);

  if (hi - lo < 100.0)
    hi = lo + 100.0;
  *y_min = lo;
  *y_max = hi + (hi - lo) * 0.04;
}

static void
band_path (cairo_t                  *cr,
           const Frame              *frame,
           const FpSimulationResult *result,
           FpSimPercentile           low,
           FpSimPercentile           high)
{
  cairo_new_path (cr);
  for (guint m = 0; m < result->n_points; m++)
    cairo_line_to (cr, x_of (frame, m), y_of (frame, result->net_worth[high][m]));
  for (guint m = result->n_points; m-- > 0;)
    cairo_line_to (cr, x_of (frame, m), y_of (frame, result->net_worth[low][m]));
  cairo_close_path (cr);
}

static void
line_path (cairo_t                  *cr,
           const Frame              *frame,
           const FpSimulationResult *result,
           FpSimPercentile           percentile)
{
  cairo_new_path (cr);
  for (guint m = 0; m < result->n_points; m++)
    cairo_line_to (cr, x_of (frame, m), y_of (frame, result->net_worth[percentile][m]));
}

static gboolean
has_strip (FpFanChart *self)
{
  return self->n_events > 0 || self->retirement_month > 0;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */
/* ------------------------------------------------------------------ */

static void
draw_message (FpFanChart  *self,
              cairo_t     *cr,
              const Palette *palette,
              double       width,
              double       height)
{
  g_autoptr(PangoLayout) layout = make_layout (self, _("Calculating…"), FALSE);
  double w, h;

  layout_size (layout, &w, &h);
  set_color (cr, &palette->fg, 0.6);
  cairo_move_to (cr, (width - w) / 2, (height - h) / 2);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_y_axis (FpFanChart    *self,
             cairo_t       *cr,
             const Palette *palette,
             const Frame   *frame,
             double         step)
{
  double first = ceil (frame->y_min / step) * step;

  cairo_set_line_width (cr, 1);
  for (double v = first; v <= frame->y_max + step * 1e-6; v += step)
    {
      g_autofree char *text = fp_money_format_short ((gint64) llround (v), self->currency);
      g_autoptr(PangoLayout) layout = make_layout (self, text, FALSE);
      double y = round (y_of (frame, v)) + 0.5;
      double w, h;

      set_color (cr, &palette->fg, fabs (v) < step * 1e-6 ? 0.35 : 0.12);
      cairo_move_to (cr, frame->left, y);
      cairo_line_to (cr, frame->right, y);
      cairo_stroke (cr);

      layout_size (layout, &w, &h);
      set_color (cr, &palette->fg, 0.7);
      cairo_move_to (cr, frame->left - PAD_GAP - w, y - h / 2);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
draw_x_label (FpFanChart    *self,
              cairo_t       *cr,
              const Palette *palette,
              const Frame   *frame,
              double         month,
              const char    *text,
              double        *last_end)
{
  g_autoptr(PangoLayout) layout = make_layout (self, text, FALSE);
  double x = round (x_of (frame, month)) + 0.5;
  double w, h, left;

  set_color (cr, &palette->fg, 0.3);
  cairo_move_to (cr, x, frame->bottom);
  cairo_line_to (cr, x, frame->bottom + 4);
  cairo_stroke (cr);

  layout_size (layout, &w, &h);
  left = CLAMP (x - w / 2, frame->left - 2, frame->right + PAD_RIGHT - w);
  if (left < *last_end + 8)
    return;

  *last_end = left + w;
  set_color (cr, &palette->fg, 0.7);
  cairo_move_to (cr, left, frame->bottom + 5);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_x_axis (FpFanChart    *self,
             cairo_t       *cr,
             const Palette *palette,
             const Frame   *frame)
{
  static const guint steps[] = { 1, 2, 5, 10, 20, 25, 50 };
  guint years = (frame->n_points - 1) / 12;
  double per_year = (frame->right - frame->left) * 12.0 / MAX (frame->n_points - 1, 1);
  guint step = steps[G_N_ELEMENTS (steps) - 1];
  double last_end = -G_MAXDOUBLE;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (per_year * steps[i] >= 56)
      {
        step = steps[i];
        break;
      }

  draw_x_label (self, cr, palette, frame, 0, _("Today"), &last_end);

  /* Round calendar years (2030, 2035…) read better than offsets. */
  for (guint y = (step - (guint) self->start_year % step) % step; y <= years; y += step)
    {
      g_autofree char *text = g_strdup_printf ("%d", self->start_year + (int) y);

      if (y > 0)
        draw_x_label (self, cr, palette, frame, y * 12.0, text, &last_end);
    }
}

static void
draw_retirement (FpFanChart    *self,
                 cairo_t       *cr,
                 const Palette *palette,
                 const Frame   *frame,
                 double         strip_top)
{
  static const double dash[] = { 2, 3 };
  g_autoptr(PangoLayout) layout = NULL;
  double x, w, h;

  if (self->retirement_month <= 0 || (guint) self->retirement_month >= frame->n_points)
    return;

  x = round (x_of (frame, self->retirement_month)) + 0.5;
  set_color (cr, &palette->warning, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, x, frame->top);
  cairo_line_to (cr, x, strip_top + STRIP_DOT);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  layout = make_layout (self, _("Retirement"), TRUE);
  layout_size (layout, &w, &h);
  /* Inside the plot, on whichever side has room. */
  cairo_move_to (cr, x + w + 4 <= frame->right ? x + 4 : x - 4 - w, frame->top);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_events (FpFanChart    *self,
             cairo_t       *cr,
             const Palette *palette,
             const Frame   *frame,
             double         strip_top)
{
  double row_end[2] = { -G_MAXDOUBLE, -G_MAXDOUBLE };
  double dot_y = round (strip_top + STRIP_DOT / 2) + 0.5;
  guint order[FP_SIM_MAX_EVENTS];

  /* Sorted by month, so that labels claim space from left to right. */
  for (guint i = 0; i < self->n_events; i++)
    order[i] = i;
  for (guint i = 1; i < self->n_events; i++)
    for (guint j = i; j > 0 && self->events[order[j]].month < self->events[order[j - 1]].month; j--)
      {
        guint t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }

  set_color (cr, &palette->fg, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, frame->left, dot_y);
  cairo_line_to (cr, frame->right, dot_y);
  cairo_stroke (cr);

  for (guint k = 0; k < self->n_events; k++)
    {
      const FpSimEvent *event = &self->events[order[k]];
      g_autoptr(PangoLayout) layout = NULL;
      double x, w, h, left;

      if (event->month >= frame->n_points)
        continue;

      x = x_of (frame, event->month);
      set_color (cr, &palette->event, 0.35);
      cairo_move_to (cr, round (x) + 0.5, frame->top);
      cairo_line_to (cr, round (x) + 0.5, frame->bottom);
      cairo_stroke (cr);

      set_color (cr, &palette->event, 1);
      cairo_arc (cr, x, dot_y, 4.5, 0, 2 * G_PI);
      cairo_fill (cr);

      /* The label goes under its dot, on the first of two rows with room;
       * with no room on either, the dot stays unlabelled (the tooltip and
       * the editor still name it). */
      layout = make_layout (self, fp_fan_chart_event_label (event->kind), FALSE);
      layout_size (layout, &w, &h);
      left = CLAMP (x - w / 2, 0, frame->right + PAD_RIGHT - w);
      for (guint row = 0; row < 2; row++)
        {
          if (left <= row_end[row] + 6)
            continue;
          row_end[row] = left + w;
          set_color (cr, &palette->fg, 0.85);
          cairo_move_to (cr, left, strip_top + STRIP_DOT + row * STRIP_ROW);
          pango_cairo_show_layout (cr, layout);
          break;
        }
    }
}

static void
draw_chart (FpFanChart *self,
            cairo_t    *cr,
            double      width,
            double      height)
{
  static const double dash[] = { 6, 4 };
  Palette palette;
  Frame frame;
  double label_w = 0, label_h = 0, step, strip_top;
  double first;

  get_palette (self, &palette);

  if (self->scenario == NULL || self->scenario->n_points < 2)
    {
      draw_message (self, cr, &palette, width, height);
      return;
    }

  frame.n_points = self->scenario->n_points;
  compute_range (self, &frame.y_min, &frame.y_max);

  /* Room for the labels first, then the plot takes the rest. */
  {
    g_autoptr(PangoLayout) probe = make_layout (self, "2099", FALSE);
    double w;

    layout_size (probe, &w, &label_h);
  }
  frame.top = PAD_TOP;
  frame.bottom = height - label_h - 8 - (has_strip (self) ? STRIP_DOT + 2 * STRIP_ROW + 8 : 0);
  step = nice_step (frame.y_max - frame.y_min, MAX (2, (guint) ((frame.bottom - frame.top) / 48)));
  frame.y_min = floor (frame.y_min / step) * step;
  frame.y_max = ceil (frame.y_max / step) * step;

  first = ceil (frame.y_min / step) * step;
  for (double v = first; v <= frame.y_max + step * 1e-6; v += step)
    {
      g_autofree char *text = fp_money_format_short ((gint64) llround (v), self->currency);
      g_autoptr(PangoLayout) layout = make_layout (self, text, FALSE);
      double w, h;

      layout_size (layout, &w, &h);
      label_w = MAX (label_w, w);
    }
  frame.left = label_w + PAD_GAP + 2;
  frame.right = width - PAD_RIGHT;
  strip_top = frame.bottom + label_h + 10;

  if (frame.right - frame.left < 40 || frame.bottom - frame.top < 40)
    return;
  self->plot_left = frame.left;
  self->plot_right = frame.right;

  draw_y_axis (self, cr, &palette, &frame, step);

  /* The scenario's bands and median. */
  cairo_save (cr);
  cairo_rectangle (cr, frame.left, frame.top - 2, frame.right - frame.left, frame.bottom - frame.top + 4);
  cairo_clip (cr);

  band_path (cr, &frame, self->scenario, FP_SIM_P5, FP_SIM_P95);
  set_color (cr, &palette.accent, palette.dark ? 0.22 : 0.18);
  cairo_fill (cr);
  band_path (cr, &frame, self->scenario, FP_SIM_P25, FP_SIM_P75);
  set_color (cr, &palette.accent, palette.dark ? 0.38 : 0.32);
  cairo_fill (cr);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (self->baseline != NULL && self->baseline->n_points == frame.n_points)
    {
      line_path (cr, &frame, self->baseline, FP_SIM_P50);
      set_color (cr, &palette.fg, 0.75);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  line_path (cr, &frame, self->scenario, FP_SIM_P50);
  set_color (cr, &palette.median, 1);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  cairo_restore (cr);

  draw_x_axis (self, cr, &palette, &frame);
  if (has_strip (self))
    {
      draw_events (self, cr, &palette, &frame, strip_top);
      draw_retirement (self, cr, &palette, &frame, strip_top);
    }
}

static void
update_summary (FpFanChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  FpSimulationResult *s = self->scenario;
  guint last;

  if (s == NULL || s->n_points == 0)
    {
      g_string_append (text, _("The projection is being calculated."));
    }
  else
    {
      g_autofree char *median = NULL;
      g_autofree char *low = NULL;
      g_autofree char *high = NULL;

      last = s->n_points - 1;
      median = fp_money_format_short (s->net_worth[FP_SIM_P50][last], self->currency);
      low = fp_money_format_short (s->net_worth[FP_SIM_P5][last], self->currency);
      high = fp_money_format_short (s->net_worth[FP_SIM_P95][last], self->currency);

      g_string_append_printf (text,
                              s->nominal
                                ? _("Projected net worth in %d, in future money: median %s; in 90 %% of the simulated futures between %s and %s.")
                                : _("Projected net worth in %d, in today’s money: median %s; in 90 %% of the simulated futures between %s and %s."),
                              self->start_year + (int) (last / 12), median, low, high);

      if (self->baseline != NULL && self->baseline->n_points == s->n_points)
        {
          g_autofree char *base = fp_money_format_short (self->baseline->net_worth[FP_SIM_P50][last],
                                                             self->currency);

          g_string_append_c (text, ' ');
          g_string_append_printf (text, _("Without the changes, the median would be %s."), base);
        }
    }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&text), FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Projected net worth"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
}

/* ------------------------------------------------------------------ */
/* Overrides                                                           */
/* ------------------------------------------------------------------ */

static gboolean
fp_fan_chart_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard_mode,
                            GtkTooltip *tooltip)
{
  FpFanChart *self = FP_FAN_CHART (widget);
  FpSimulationResult *s = self->scenario;
  g_autofree char *median = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *text = NULL;
  double fraction;
  guint month;

  if (s == NULL || s->n_points < 2 || self->plot_right <= self->plot_left)
    return FALSE;

  if (keyboard_mode)
    {
      gtk_tooltip_set_text (tooltip, self->summary);
      return TRUE;
    }

  fraction = CLAMP ((x - self->plot_left) / (self->plot_right - self->plot_left), 0, 1);
  month = (guint) llround (fraction * (s->n_points - 1));
  median = fp_money_format_short (s->net_worth[FP_SIM_P50][month], self->currency);
  low = fp_money_format_short (s->net_worth[FP_SIM_P5][month], self->currency);
  high = fp_money_format_short (s->net_worth[FP_SIM_P95][month], self->currency);
  text = g_strdup_printf (_("%d: median %s, 90 %% between %s and %s"),
                          self->start_year + (int) (month / 12), median, low, high);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
fp_fan_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  FpFanChart *self = FP_FAN_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (self, cr, width, height);
  cairo_destroy (cr);
}

static void
fp_fan_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 240;
      *natural = 320;
    }
}

static void
dark_changed_cb (FpFanChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
fp_fan_chart_finalize (GObject *object)
{
  FpFanChart *self = FP_FAN_CHART (object);

  g_clear_pointer (&self->scenario, fp_simulation_result_unref);
  g_clear_pointer (&self->baseline, fp_simulation_result_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (fp_fan_chart_parent_class)->finalize (object);
}

static void
fp_fan_chart_class_init (FpFanChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_fan_chart_finalize;

  widget_class->snapshot = fp_fan_chart_snapshot;
  widget_class->measure = fp_fan_chart_measure;
  widget_class->query_tooltip = fp_fan_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "fanchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fp_fan_chart_init (FpFanChart *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_strlcpy (self->currency, "EUR", sizeof self->currency);
  self->retirement_month = -1;
  self->start_year = g_date_time_get_year (now);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  update_summary (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

/**
 * fp_fan_chart_new:
 *
 * Returns: (transfer floating): a new, empty fan chart
 */
GtkWidget *
fp_fan_chart_new (void)
{
  return g_object_new (FP_TYPE_FAN_CHART, NULL);
}

/**
 * fp_fan_chart_set_results:
 * @self: a #FpFanChart
 * @scenario: (nullable): the scenario's projection, drawn as bands
 * @baseline: (nullable): the projection without the changes, its median dashed
 * @currency: the ISO 4217 code of the amounts
 *
 * Shows new projections and updates the accessible description.
 */
void
fp_fan_chart_set_results (FpFanChart         *self,
                          FpSimulationResult *scenario,
                          FpSimulationResult *baseline,
                          const char         *currency)
{
  g_return_if_fail (FP_IS_FAN_CHART (self));
  g_return_if_fail (currency != NULL);

  if (scenario != NULL)
    fp_simulation_result_ref (scenario);
  if (baseline != NULL)
    fp_simulation_result_ref (baseline);
  g_clear_pointer (&self->scenario, fp_simulation_result_unref);
  g_clear_pointer (&self->baseline, fp_simulation_result_unref);
  self->scenario = scenario;
  self->baseline = baseline;
  g_strlcpy (self->currency, currency, sizeof self->currency);

  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fp_fan_chart_set_events:
 * @self: a #FpFanChart
 * @events: (array length=n_events): the life events to mark
 * @n_events: how many, at most %FP_SIM_MAX_EVENTS
 */
void
fp_fan_chart_set_events (FpFanChart       *self,
                         const FpSimEvent *events,
                         guint             n_events)
{
  g_return_if_fail (FP_IS_FAN_CHART (self));
  g_return_if_fail (events != NULL || n_events == 0);

  self->n_events = MIN (n_events, FP_SIM_MAX_EVENTS);
  if (self->n_events > 0)
    memcpy (self->events, events, sizeof (FpSimEvent) * self->n_events);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fp_fan_chart_set_retirement_month:
 * @self: a #FpFanChart
 * @month: the month of retirement, or -1 for none
 */
void
fp_fan_chart_set_retirement_month (FpFanChart *self,
                                   int         month)
{
  g_return_if_fail (FP_IS_FAN_CHART (self));

  self->retirement_month = month;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fp_fan_chart_set_start_year:
 * @self: a #FpFanChart
 * @year: the calendar year of month 0 (the current year by default)
 */
void
fp_fan_chart_set_start_year (FpFanChart *self,
                             int         year)
{
  g_return_if_fail (FP_IS_FAN_CHART (self));

  self->start_year = year;
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fp_fan_chart_get_summary:
 * @self: a #FpFanChart
 *
 * Returns: the sentence that describes the chart to assistive technologies
 */
const char *
fp_fan_chart_get_summary (FpFanChart *self)
{
  g_return_val_if_fail (FP_IS_FAN_CHART (self), NULL);

  return self->summary;
}

/**
 * fp_fan_chart_event_label:
 * @kind: a kind of life event
 *
 * Returns: a short translated name for @kind
 */
const char *
fp_fan_chart_event_label (FpSimEventKind kind)
{
  switch (kind)
    {
    case FP_SIM_EVENT_HOME_PURCHASE:
      return _("Home");
    case FP_SIM_EVENT_CHILD:
      return _("Child");
    case FP_SIM_EVENT_CAREER_BREAK:
      return _("Career break");
    case FP_SIM_EVENT_WINDFALL:
      return _("Windfall");
    case FP_SIM_EVENT_LOAN_PAYOFF:
      return _("Loan paid off");
    default:
      return _("Event");
    }
}
