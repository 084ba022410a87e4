/* fp-fan-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-simulator.h"

G_BEGIN_DECLS

#define FP_TYPE_FAN_CHART (fp_fan_chart_get_type ())

G_DECLARE_FINAL_TYPE (FpFanChart, fp_fan_chart, FP, FAN_CHART, GtkWidget)

GtkWidget  *fp_fan_chart_new                (void);
void        fp_fan_chart_set_results        (FpFanChart               *self,
                                             FpSimulationResult       *scenario,
                                             FpSimulationResult       *baseline,
                                             const char               *currency);
void        fp_fan_chart_set_events         (FpFanChart               *self,
                                             const FpSimEvent         *events,
                                             guint                     n_events);
void        fp_fan_chart_set_retirement_month (FpFanChart             *self,
                                             int                       month);
void        fp_fan_chart_set_start_year     (FpFanChart               *self,
                                             int                       year);
const char *fp_fan_chart_get_summary        (FpFanChart               *self);

const char *fp_fan_chart_event_label        (FpSimEventKind            kind);

G_END_DECLS
