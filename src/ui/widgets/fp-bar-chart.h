/* fp-bar-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * FpBarChartStyle:
 * @FP_BAR_CHART_ROWS: one horizontal bar per item, labelled on the left
 * @FP_BAR_CHART_COLUMNS: vertical bars per item (months), one or two series
 */
typedef enum {
  FP_BAR_CHART_ROWS,
  FP_BAR_CHART_COLUMNS,
} FpBarChartStyle;

#define FP_TYPE_BAR_CHART (fp_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (FpBarChart, fp_bar_chart, FP, BAR_CHART, GtkWidget)

GtkWidget  *fp_bar_chart_new          (FpBarChartStyle    style);
void        fp_bar_chart_set_data     (FpBarChart        *self,
                                       guint              n_items,
                                       const char *const *labels,
                                       const gint64      *values,
                                       const gint64      *values2,
                                       const char        *currency);
void        fp_bar_chart_set_series   (FpBarChart        *self,
                                       const char        *title,
                                       const char        *name1,
                                       const char        *name2);
const char *fp_bar_chart_get_summary  (FpBarChart        *self);

G_END_DECLS
