/* fp-scenario-comparison.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FP_TYPE_SCENARIO_COMPARISON (fp_scenario_comparison_get_type ())

G_DECLARE_FINAL_TYPE (FpScenarioComparison, fp_scenario_comparison, FP, SCENARIO_COMPARISON, AdwPreferencesGroup)

GtkWidget *fp_scenario_comparison_new    (void);
void       fp_scenario_comparison_add    (FpScenarioComparison *self,
                                          GtkWidget            *card);
void       fp_scenario_comparison_remove (FpScenarioComparison *self,
                                          GtkWidget            *card);

G_END_DECLS
