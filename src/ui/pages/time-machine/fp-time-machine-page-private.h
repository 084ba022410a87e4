/* fp-time-machine-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the widget tests and the screenshot runs look at inside the page.
 */

#pragma once

#include "fp-fan-chart.h"
#include "fp-time-machine-page.h"

G_BEGIN_DECLS

FpFanChart         *fp_time_machine_page_get_chart        (FpTimeMachinePage *self);
FpSimulationResult *fp_time_machine_page_get_result       (FpTimeMachinePage *self);
guint               fp_time_machine_page_get_n_results    (FpTimeMachinePage *self);
guint               fp_time_machine_page_get_n_cancelled  (FpTimeMachinePage *self);
guint               fp_time_machine_page_get_n_baseline_runs (FpTimeMachinePage *self);
void                fp_time_machine_page_load_example     (FpTimeMachinePage *self,
                                                           guint              example);
void                fp_time_machine_page_build_baseline   (FpTimeMachinePage *self,
                                                           FpScenario        *out);
gboolean            fp_time_machine_page_get_from_accounts (FpTimeMachinePage *self);
guint               fp_time_machine_page_get_n_loads      (FpTimeMachinePage *self);
guint               fp_time_machine_page_get_n_saved      (FpTimeMachinePage *self);
const char         *fp_time_machine_page_get_start_caption (FpTimeMachinePage *self);
const char         *fp_time_machine_page_get_returns_caption (FpTimeMachinePage *self);

G_END_DECLS
