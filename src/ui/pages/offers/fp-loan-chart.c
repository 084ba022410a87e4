/* fp-loan-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A loan's balance over its term: what is owed after each instalment, as
 * an area under a line, from the amount borrowed to zero, with the month
 * when half of it is repaid marked. Drawn with the chart kit; the
 * accessible description says the same in words.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "fp-chart-kit.h"
#include "fp-format.h"
#include "fp-loan-chart.h"

#define HEIGHT 180
#define PAD 6

struct _FpLoanChart
{
  GtkWidget  parent_instance;

  gint64    *balance;     /* n_points: the amount, then after each month */
  gint64    *zero;
  guint      n_points;
  guint      half_month;  /* the first month with at most half left */
  char      *currency;
  char      *summary;
};

G_DEFINE_FINAL_TYPE (FpLoanChart, fp_loan_chart, GTK_TYPE_WIDGET)

static const FpChartLook look = {
  .text_scale = 0.85,
  .text_flags = FP_CHART_TEXT_PLAIN,
  .grid_alpha = 0.1,
  .zero_alpha = 0.3,
  .label_alpha = 0.65,
};

static char *
month_label (guint month)
{
  g_autofree char *n = fp_format_count (month);

  /* Translators: a month of a loan's term on a chart's axis */
  return g_strdup_printf (_("Month %s"), n);
}

static void
fp_loan_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  static const double half_dashes[] = { 4, 3 };
  FpLoanChart *self = FP_LOAN_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  FpChartPalette palette;
  FpChartFrame frame;
  FpChartLanes lanes;
  double axis_w = 0, label_h = 0, step, top;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->n_points < 2)
    return;

  fp_chart_palette_init (&palette, widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  step = fp_chart_nice_step ((double) MAX (self->balance[0], 100), 4, FP_CHART_STEPS_1_2_5);
  top = ceil ((double) self->balance[0] / step) * step;
  fp_chart_measure_value_labels (widget, &look, 0, top, step, self->currency, &axis_w, &label_h);
  frame.left = axis_w + PAD;
  frame.right = width - 2;
  frame.top = 6;
  frame.bottom = height - label_h - 4;
  frame.x_min = 0;
  frame.x_max = self->n_points - 1;
  frame.y_min = 0;
  frame.y_max = top;

  fp_chart_draw_value_grid (cr, widget, &palette, &look, &frame, 0, top, step, axis_w, self->currency);
  fp_chart_fill_band (cr, &palette, &frame, self->zero, self->balance, self->n_points, &palette.accent,
                      palette.dark ? 0.28 : 0.2);
  fp_chart_stroke_series (cr, &palette, &frame, self->balance, self->n_points, &palette.accent_strong, 1.0, 2,
                          NULL, 0);
  if (self->half_month > 0 && self->half_month < self->n_points - 1)
    fp_chart_draw_marker (cr, widget, &palette, &look, &frame, fp_chart_frame_x (&frame, self->half_month),
                          frame.bottom, &palette.success, 0.9, 1, half_dashes, G_N_ELEMENTS (half_dashes), NULL);

  /* The start, the middle and the last month. */
  fp_chart_lanes_init (&lanes, 0, 0);
  {
    guint marks[3] = { 1, (self->n_points - 1 + 1) / 2, self->n_points - 1 };

    for (guint k = 0; k < 3; k++)
      {
        g_autofree char *text = month_label (marks[k]);
        g_autoptr(PangoLayout) layout = fp_chart_look_text_new (widget, &look, text);

        if (k > 0 && marks[k] == marks[k - 1])
          continue;
        fp_chart_draw_lane_label (cr, &palette, &lanes, layout, fp_chart_frame_x (&frame, marks[k]),
                                  frame.left, frame.right, frame.bottom + 3, 0, 0.7);
      }
  }

  cairo_destroy (cr);
}

static void
fp_loan_chart_measure (GtkWidget      *widget,
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
free_data (FpLoanChart *self)
{
  g_clear_pointer (&self->balance, g_free);
  g_clear_pointer (&self->zero, g_free);
  g_clear_pointer (&self->currency, g_free);
  self->n_points = 0;
  self->half_month = 0;
}

static void
fp_loan_chart_finalize (GObject *object)
{
  FpLoanChart *self = FP_LOAN_CHART (object);

  free_data (self);
  g_free (self->summary);

  G_OBJECT_CLASS (fp_loan_chart_parent_class)->finalize (object);
}

static void
fp_loan_chart_class_init (FpLoanChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_loan_chart_finalize;
  widget_class->snapshot = fp_loan_chart_snapshot;
  widget_class->measure = fp_loan_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "loanchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fp_loan_chart_init (FpLoanChart *self)
{
  fp_chart_track_style (GTK_WIDGET (self));
}

GtkWidget *
fp_loan_chart_new (void)
{
  return g_object_new (FP_TYPE_LOAN_CHART, NULL);
}

static void
update_summary (FpLoanChart *self)
{
  FpChartDescription text;

  fp_chart_description_init (&text, NULL);
  if (self->n_points < 2)
    fp_chart_description_add_sentence (&text, "%s", _("No loan."));
  else
    {
      g_autofree char *amount = fp_format_money (self->balance[0], self->currency, FP_FORMAT_NONE);
      g_autofree char *months = fp_format_count (self->n_points - 1);
      g_autofree char *half = fp_format_count (self->half_month);

      fp_chart_description_add_sentence (&text, _("What is owed over %s months: from %s to nothing."), months,
                                         amount);
      fp_chart_description_add_sentence (&text, _("Half of it is repaid after month %s."), half);
    }
  g_free (self->summary);
  self->summary = fp_chart_description_finish (&text, NULL);
  fp_chart_set_description (GTK_WIDGET (self), _("Balance of the loan"), self->summary);
}

/**
 * fp_loan_chart_set_schedule:
 * @self: a #FpLoanChart
 * @schedule: (nullable): the loan (read at once)
 * @currency: its currency
 */
void
fp_loan_chart_set_schedule (FpLoanChart          *self,
                            const FpLoanSchedule *schedule,
                            const char           *currency)
{
  g_return_if_fail (FP_IS_LOAN_CHART (self));

  free_data (self);
  self->currency = g_strdup (currency);
  if (schedule != NULL && schedule->n_instalments > 0)
    {
      self->n_points = schedule->n_instalments + 1;
      self->balance = g_new (gint64, self->n_points);
      self->zero = g_new0 (gint64, self->n_points);
      self->balance[0] = schedule->terms.principal_minor;
      for (guint i = 0; i < schedule->n_instalments; i++)
        {
          self->balance[i + 1] = schedule->instalments[i].balance_minor;
          if (self->half_month == 0 && 2 * self->balance[i + 1] <= self->balance[0])
            self->half_month = i + 1;
        }
    }
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fp_loan_chart_get_summary:
 * @self: a #FpLoanChart
 *
 * Returns: the chart in words (its accessible description)
 */
const char *
fp_loan_chart_get_summary (FpLoanChart *self)
{
  g_return_val_if_fail (FP_IS_LOAN_CHART (self), NULL);

  return self->summary;
}
