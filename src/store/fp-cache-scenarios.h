/* fp-cache-scenarios.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Time Machine's saved scenarios, in the cache's local-only
 * `scenarios` table (they exist nowhere else: migrations keep them, and a
 * sync never touches them). The store keeps each scenario as opaque JSON
 * text; the UI writes it with fp_scenario_to_json() (src/cli).
 */

#pragma once

#include <gio/gio.h>

#include "fp-cache.h"

G_BEGIN_DECLS

/* How long a scenario's JSON text may be. */
#define FP_CACHE_SCENARIO_MAX_JSON (1024 * 1024)

/**
 * FpSavedScenario:
 * @id: the caller's id, unique in the cache
 * @name: a display name
 * @created: unix seconds of the first save
 * @updated: unix seconds of the last save
 * @json: the scenario as JSON text
 */
typedef struct {
  char   *id;
  char   *name;
  gint64  created;
  gint64  updated;
  char   *json;
} FpSavedScenario;

GPtrArray *fp_cache_list_scenarios  (FpCache     *self,
                                     GError     **error);
gboolean   fp_cache_save_scenario   (FpCache     *self,
                                     const char  *id,
                                     const char  *name,
                                     const char  *json,
                                     GError     **error);
gboolean   fp_cache_delete_scenario (FpCache     *self,
                                     const char  *id,
                                     GError     **error);
void       fp_saved_scenario_free   (FpSavedScenario *scenario);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpSavedScenario, fp_saved_scenario_free)

G_END_DECLS
