/* fp-offers-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Words and figures the Offers page's widgets share: the kinds of offers,
 * loan purposes, feedback reasons, the data a ranking factor came from,
 * rates and terms. Every figure goes through core's fp-format.h.
 */

#pragma once

#include <glib.h>

#include "fp-loan-fit.h"
#include "fp-offer-rank.h"

G_BEGIN_DECLS

const char *fp_offers_kind_title        (FpOfferKind        kind);
const char *fp_offers_asset_class_title (const char        *asset_class);
const char *fp_offers_purpose_title     (FpLoanPurpose      purpose);
const char *fp_offers_reason_title      (FpOfferReason      reason);
guint32     fp_offers_reasons_for_kind  (FpOfferKind        kind);
char       *fp_offers_format_sources    (const char        *sources);
char       *fp_offers_format_points     (double             points);
char       *fp_offers_format_rate       (gint32             bps);
char       *fp_offers_format_rate_change (gint32            bps);
char       *fp_offers_format_term       (guint              months);
char       *fp_offers_format_headline   (const FpOfferInfo *offer);

G_END_DECLS
