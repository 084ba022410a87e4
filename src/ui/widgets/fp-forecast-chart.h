/* fp-forecast-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_FORECAST_CHART (fp_forecast_chart_get_type ())

G_DECLARE_FINAL_TYPE (FpForecastChart, fp_forecast_chart, FP, FORECAST_CHART, GtkWidget)

GtkWidget  *fp_forecast_chart_new          (void);
void        fp_forecast_chart_set_forecast (FpForecastChart *self,
                                            gint32           start_day,
                                            guint            n_days,
                                            const gint64    *expected_minor,
                                            const gint64    *low_minor,
                                            const gint64    *high_minor,
                                            gint64           threshold_minor,
                                            gint32           first_risk_day,
                                            const char      *currency);
void        fp_forecast_chart_set_days     (FpForecastChart *self,
                                            guint            days);
guint       fp_forecast_chart_get_days     (FpForecastChart *self);
const char *fp_forecast_chart_get_summary  (FpForecastChart *self);

G_END_DECLS
