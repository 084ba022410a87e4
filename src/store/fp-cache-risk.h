/* fp-cache-risk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customer's answers to the risk questionnaire (horizon, reaction to a
 * loss, experience) in the cache's local-only `risk_answers` table:
 * encrypted like the rest, never touched by a sync, kept by every
 * migration, part of "Download my data" (fp_cache_export()) and gone with
 * fp_cache_erase(). Nothing here is queued for the bank.
 */

#pragma once

#include <gio/gio.h>

#include "fp-cache.h"
#include "fp-risk-profile.h"

G_BEGIN_DECLS

gboolean fp_cache_get_risk_answers  (FpCache              *self,
                                     FpRiskAnswers        *out,
                                     gboolean             *out_found,
                                     GError              **error);
gboolean fp_cache_save_risk_answers (FpCache              *self,
                                     const FpRiskAnswers  *answers,
                                     GError              **error);

G_END_DECLS
