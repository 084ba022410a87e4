/* fp-fan-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fan chart of a Monte-Carlo projection: the 5–95 % and 25–75 % bands
 * and the median of a scenario, the median of the baseline dashed over it,
 * a retirement marker, and the life events on a strip under the time axis.
 * Drawn with the chart kit (fp-chart-kit.h).
 */

#define G_LOG_DOMAIN "fp-fan-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "fp-chart-kit.h"
#include "fp-fan-chart.h"
#include "fp-format.h"
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

/* Labels a little smaller than the text, figures in columns. */
static const FpChartLook look = {
  .text_scale = 0.8,
  .text_flags = FP_CHART_TEXT_TABULAR,
  .grid_alpha = 0.12,
  .zero_alpha = 0.35,
  .label_alpha = 0.7,
};

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

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

static gboolean
has_strip (FpFanChart *self)
{
  return self->n_events > 0 || self->retirement_month > 0;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */
/* ------------------------------------------------------------------ */

static void
draw_year_label (FpFanChart           *self,
                 cairo_t              *cr,
                 const FpChartPalette *palette,
                 const FpChartFrame   *frame,
                 FpChartLanes         *lanes,
                 double                month,
                 const char           *text)
{
  g_autoptr(PangoLayout) layout = fp_chart_look_text_new (GTK_WIDGET (self), &look, text);
  double x = round (fp_chart_frame_x (frame, month)) + 0.5;

  fp_chart_draw_tick (cr, palette, x, frame->bottom, 4);
  fp_chart_draw_lane_label (cr, palette, lanes, layout, x, frame->left - 2, frame->right + PAD_RIGHT,
                            frame->bottom + 5, 0, look.label_alpha);
}

static void
draw_x_axis (FpFanChart           *self,
             cairo_t              *cr,
             const FpChartPalette *palette,
             const FpChartFrame   *frame)
{
  static const guint steps[] = { 1, 2, 5, 10, 20, 25, 50 };
  guint n_points = (guint) frame->x_max + 1;
  guint years = (n_points - 1) / 12;
  double per_year = (frame->right - frame->left) * 12.0 / MAX (n_points - 1, 1);
  guint step = steps[G_N_ELEMENTS (steps) - 1];
  FpChartLanes lanes;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (per_year * steps[i] >= 56)
      {
        step = steps[i];
        break;
      }

  fp_chart_lanes_init (&lanes, 1, 8);
  draw_year_label (self, cr, palette, frame, &lanes, 0, _("Today"));

  /* Round calendar years (2030, 2035…) read better than offsets. */
  for (guint y = (step - (guint) self->start_year % step) % step; y <= years; y += step)
    {
      g_autofree char *text = g_strdup_printf ("%d", self->start_year + (int) y);

      if (y > 0)
        draw_year_label (self, cr, palette, frame, &lanes, y * 12.0, text);
    }
}

static void
draw_events (FpFanChart           *self,
             cairo_t              *cr,
             const FpChartPalette *palette,
             const FpChartFrame   *frame,
             double                strip_top)
{
  guint n_points = (guint) frame->x_max + 1;
  double dot_y = round (strip_top + STRIP_DOT / 2) + 0.5;
  guint order[FP_SIM_MAX_EVENTS];
  FpChartLanes lanes;

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

  fp_chart_draw_hline (cr, palette, frame->left, frame->right, strip_top + STRIP_DOT / 2, &palette->fg, 0.15,
                       NULL, 0);

  /* Each label goes under its dot, on the first of two lanes with room;
   * with no room on either, the dot stays unlabelled (the tooltip and the
   * editor still name it). */
  fp_chart_lanes_init (&lanes, 2, 6);
  for (guint k = 0; k < self->n_events; k++)
    {
      const FpSimEvent *event = &self->events[order[k]];
      g_autoptr(PangoLayout) layout = NULL;
      double x;

      if (event->month >= n_points)
        continue;

      x = fp_chart_frame_x (frame, event->month);
      fp_chart_draw_marker (cr, GTK_WIDGET (self), palette, &look, frame, x, frame->bottom, &palette->event, 0.35,
                            1, NULL, 0, NULL);
      fp_chart_draw_dot (cr, palette, x, dot_y, 4.5, &palette->event, 1);

      layout = fp_chart_look_text_new (GTK_WIDGET (self), &look, fp_fan_chart_event_label (event->kind));
      fp_chart_draw_lane_label (cr, palette, &lanes, layout, x, 0, frame->right + PAD_RIGHT,
                                strip_top + STRIP_DOT, STRIP_ROW, 0.85);
    }
}

static void
draw_chart (FpFanChart *self,
            cairo_t    *cr,
            double      width,
            double      height)
{
  static const double baseline_dashes[] = { 6, 4 };
  static const double retirement_dashes[] = { 2, 3 };
  GtkWidget *widget = GTK_WIDGET (self);
  FpChartPalette palette;
  FpChartFrame frame;
  double label_w = 0, label_h = 0, step, first, strip_top;
  FpSimulationResult *s = self->scenario;
  guint n;

  fp_chart_palette_init (&palette, widget);

  if (s == NULL || s->n_points < 2)
    {
      fp_chart_draw_message (cr, widget, &palette, &look, width, height, _("Calculating…"));
      return;
    }

  n = s->n_points;
  frame.x_min = 0;
  frame.x_max = MAX (n, 2) - 1;
  compute_range (self, &frame.y_min, &frame.y_max);

  /* Room for the labels first, then the plot takes the rest. */
  {
    g_autoptr(PangoLayout) probe = fp_chart_look_text_new (widget, &look, "2099");

    fp_chart_text_size (probe, NULL, &label_h);
  }
  frame.top = PAD_TOP;
  frame.bottom = height - label_h - 8 - (has_strip (self) ? STRIP_DOT + 2 * STRIP_ROW + 8 : 0);
  step = fp_chart_nice_step (frame.y_max - frame.y_min, MAX (2, (guint) ((frame.bottom - frame.top) / 48)),
                             FP_CHART_STEPS_1_2_25_5);
  frame.y_min = floor (frame.y_min / step) * step;
  frame.y_max = ceil (frame.y_max / step) * step;

  first = ceil (frame.y_min / step) * step;
  fp_chart_measure_value_labels (widget, &look, first, frame.y_max, step, self->currency, &label_w, NULL);
  frame.left = label_w + PAD_GAP + 2;
  frame.right = width - PAD_RIGHT;
  strip_top = frame.bottom + label_h + 10;

  if (frame.right - frame.left < 40 || frame.bottom - frame.top < 40)
    return;
  self->plot_left = frame.left;
  self->plot_right = frame.right;

  fp_chart_draw_value_grid (cr, widget, &palette, &look, &frame, first, frame.y_max, step,
                            frame.left - PAD_GAP, self->currency);

  /* The scenario's bands and median, the baseline's median dashed. */
  cairo_save (cr);
  cairo_rectangle (cr, frame.left, frame.top - 2, frame.right - frame.left, frame.bottom - frame.top + 4);
  cairo_clip (cr);
  fp_chart_fill_band (cr, &palette, &frame, s->net_worth[FP_SIM_P5], s->net_worth[FP_SIM_P95], n,
                      &palette.accent, palette.dark ? 0.22 : 0.18);
  fp_chart_fill_band (cr, &palette, &frame, s->net_worth[FP_SIM_P25], s->net_worth[FP_SIM_P75], n,
                      &palette.accent, palette.dark ? 0.38 : 0.32);
  if (self->baseline != NULL && self->baseline->n_points == n)
    fp_chart_stroke_series (cr, &palette, &frame, self->baseline->net_worth[FP_SIM_P50], n, &palette.fg, 0.75,
                            1.5, baseline_dashes, G_N_ELEMENTS (baseline_dashes));
  fp_chart_stroke_series (cr, &palette, &frame, s->net_worth[FP_SIM_P50], n, &palette.accent_strong, 1, 2.5,
                          NULL, 0);
  cairo_restore (cr);

  draw_x_axis (self, cr, &palette, &frame);
  if (has_strip (self))
    {
      draw_events (self, cr, &palette, &frame, strip_top);
      if (self->retirement_month > 0 && (guint) self->retirement_month < n)
        fp_chart_draw_marker (cr, widget, &palette, &look, &frame,
                              fp_chart_frame_x (&frame, self->retirement_month), strip_top + STRIP_DOT,
                              &palette.warning, 0.9, 1.5, retirement_dashes, G_N_ELEMENTS (retirement_dashes),
                              _("Retirement"));
    }
}

static void
update_summary (FpFanChart *self)
{
  FpSimulationResult *s = self->scenario;
  FpChartDescription text;

  fp_chart_description_init (&text, NULL);
  if (s == NULL || s->n_points == 0)
    {
      fp_chart_description_add_sentence (&text, "%s", _("The projection is being calculated."));
    }
  else
    {
      guint last = s->n_points - 1;
      g_autofree char *median = fp_money_format_short (s->net_worth[FP_SIM_P50][last], self->currency);
      g_autofree char *low = fp_money_format_short (s->net_worth[FP_SIM_P5][last], self->currency);
      g_autofree char *high = fp_money_format_short (s->net_worth[FP_SIM_P95][last], self->currency);

      g_autofree char *ninety = fp_format_percent (0.9, 0, FP_FORMAT_NONE);

      /* Translators: the second %s is "90%" */
      fp_chart_description_add_sentence (&text,
                                         s->nominal
                                           ? _("Projected net worth in %d, in future money: median %s; in %s of the simulated futures between %s and %s.")
                                           : _("Projected net worth in %d, in today’s money: median %s; in %s of the simulated futures between %s and %s."),
                                         self->start_year + (int) (last / 12), median, ninety, low, high);

      if (self->baseline != NULL && self->baseline->n_points == s->n_points)
        {
          g_autofree char *base = fp_money_format_short (self->baseline->net_worth[FP_SIM_P50][last],
                                                         self->currency);

          fp_chart_description_add_sentence (&text, _("Without the changes, the median would be %s."), base);
        }
    }

  g_free (self->summary);
  self->summary = fp_chart_description_finish (&text, NULL);
  fp_chart_set_description (GTK_WIDGET (self), _("Projected net worth"), self->summary);
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
  text = g_strdup_printf (_("%d: median %s, 90%% between %s and %s"),
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

  {
    g_autofree char *currency = fp_money_locale_currency ();

    g_strlcpy (self->currency, currency, sizeof self->currency);
  }
  self->retirement_month = -1;
  self->start_year = g_date_time_get_year (now);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  fp_chart_track_style (GTK_WIDGET (self));
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
