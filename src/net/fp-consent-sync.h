/* fp-consent-sync.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-cache-consent.h"
#include "fp-consent.h"

G_BEGIN_DECLS

guint fp_consent_sync_apply (FpCache          *cache,
                             FpConsentPolicy  *policy,
                             FpConsentStore   *store,
                             GError          **error);

G_END_DECLS
