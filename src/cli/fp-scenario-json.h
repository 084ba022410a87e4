/* fp-scenario-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scenarios of the Financial Time Machine as JSON (the `simulate` schema).
 */

#pragma once

#include <json-glib/json-glib.h>

#include "fp-simulator.h"

G_BEGIN_DECLS

#define FP_SCENARIO_JSON_MAX_SIZE  (1024 * 1024)
#define FP_SCENARIO_JSON_MAX_DEPTH 16

gboolean  fp_scenario_json_check_text (const char        *data,
                                       gsize              length,
                                       GError           **error);
gboolean  fp_scenario_from_json_node  (JsonNode          *root_node,
                                       FpScenario        *s,
                                       GError           **error);
gboolean  fp_scenario_from_json       (const char        *data,
                                       gssize             length,
                                       FpScenario        *s,
                                       GError           **error);
JsonNode *fp_scenario_to_json_node    (const FpScenario  *s);
char     *fp_scenario_to_json         (const FpScenario  *s);

G_END_DECLS
