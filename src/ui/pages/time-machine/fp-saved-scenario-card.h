/* fp-saved-scenario-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fp-simulator.h"

G_BEGIN_DECLS

#define FP_TYPE_SAVED_SCENARIO_CARD (fp_saved_scenario_card_get_type ())

G_DECLARE_FINAL_TYPE (FpSavedScenarioCard, fp_saved_scenario_card, FP, SAVED_SCENARIO_CARD, GtkWidget)

GtkWidget *fp_saved_scenario_card_new (guint               number,
                                       const FpScenario   *scenario,
                                       FpSimulationResult *result);

G_END_DECLS
