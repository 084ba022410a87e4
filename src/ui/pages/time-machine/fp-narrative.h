/* fp-narrative.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * FpNarrativeSource:
 * @FP_NARRATIVE_ON_DEVICE: written by fp_simulation_narrate() on this device
 * @FP_NARRATIVE_GENAI: written by the GenAI proxy from aggregated facts
 *
 * Who wrote the narrative under the chart; the page says so.
 */
typedef enum {
  FP_NARRATIVE_ON_DEVICE,
  FP_NARRATIVE_GENAI,
} FpNarrativeSource;

#define FP_TYPE_NARRATIVE (fp_narrative_get_type ())

G_DECLARE_FINAL_TYPE (FpNarrative, fp_narrative, FP, NARRATIVE, AdwPreferencesGroup)

GtkWidget  *fp_narrative_new             (void);
void        fp_narrative_set_text        (FpNarrative       *self,
                                          const char        *text,
                                          FpNarrativeSource  source);
const char *fp_narrative_get_text        (FpNarrative       *self);
const char *fp_narrative_get_source_text (FpNarrative       *self);

G_END_DECLS
