/* fp-sandbox-genai.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * FpSandboxFact:
 * @key: what the figure is (`monthly_income`)
 * @value: its value as text (`4200`, `0.82`, `careful-saver`)
 * @unit: (nullable): its unit (`USD`, `percent`, …)
 *
 * One aggregated fact, as the template generator reads it.
 */
typedef struct {
  const char *key;
  const char *value;
  const char *unit;
} FpSandboxFact;

char *fp_sandbox_genai_scalar_text (JsonNode            *node);
char *fp_sandbox_genai_compose (const char          *task,
                                const char          *locale,
                                const FpSandboxFact *facts,
                                guint                n_facts);

G_END_DECLS
