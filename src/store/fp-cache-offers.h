/* fp-cache-offers.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customer's feedback on offers ("interested", "not for me" with its
 * reasons, "dismissed"), in the local-only `offer_feedback` table: the
 * ranking reads it at once (fp_offer_rank()), and a dismissed offer stays
 * dismissed across syncs and restarts because nothing but the customer
 * writes the table.
 *
 * Only when the customer's #FpConsentPolicy allows marketing at that
 * moment does the feedback also go to the bank (the gate is here, not in
 * the caller): the row and its outbox item
 * (`POST v1/feedback` with `{"offerId":…,"reaction":…,"reasons":[…]}` and
 * its own Idempotency-Key) are written in ONE database transaction, so a
 * crash never leaves feedback recorded but not queued or queued twice;
 * fp_outbox_deliver() sends it exactly once. Without the consent nothing is
 * queued, and feedback given then is never sent later.
 */

#pragma once

#include <gio/gio.h>

#include "fp-cache.h"
#include "fp-consent.h"
#include "fp-offer-rank.h"

G_BEGIN_DECLS

#define FP_CACHE_MAX_OFFER_FEEDBACK 10000

/**
 * FpCachedOfferFeedback:
 * @seq: the row's sequence number (the order it was given in)
 * @offer_id: the offer
 * @reaction: what the customer said
 * @reasons: #FpOfferReason flags
 * @created: unix seconds
 * @sent: whether it was queued for the bank
 */
typedef struct {
  gint64           seq;
  char            *offer_id;
  FpOfferReaction  reaction;
  guint32          reasons;
  gint64           created;
  gboolean         sent;
} FpCachedOfferFeedback;

gint64     fp_cache_add_offer_feedback   (FpCache          *self,
                                          const char       *offer_id,
                                          FpOfferReaction   reaction,
                                          guint32           reasons,
                                          FpConsentPolicy  *policy,
                                          GError          **error);
GPtrArray *fp_cache_list_offer_feedback  (FpCache          *self,
                                          GError          **error);
void       fp_cached_offer_feedback_free (FpCachedOfferFeedback *feedback);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpCachedOfferFeedback, fp_cached_offer_feedback_free)

G_END_DECLS
