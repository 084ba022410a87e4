/* fp-cache-consent.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The consent policy, kept in the cache.
 *
 * #FpConsentStore ties one #FpConsentPolicy to one #FpCache: it restores
 * the policy from the cache when created, and from then on writes every
 * history entry the policy appends. For a change made on this device, the
 * history entry, the current record and the outbox item that tells the bank
 * (with its own Idempotency-Key) are written in ONE database transaction, so
 * a crash can never leave a change recorded but not queued, or queued but
 * not recorded. Revoking personalization drops the derived insights and
 * rankings at once (fp_cache_clear_derived()).
 *
 * Storage: every entry goes to the store's append-only `consent_history`
 * table (`consent_id` is the outbox Idempotency-Key of a local change, or
 * the bank's receipt; `action` is `granted`, `revoked` or `confirmed`; `at`
 * is in unix seconds). What the policy needs beyond that (µs times, the old
 * and new state, policy version, device, origin) goes to
 * `consent_history_details`, append-only as well, one row per history row;
 * the current record of each purpose to `consent_records`. Both tables are
 * created on first use (CREATE TABLE IF NOT EXISTS) and are local-only:
 * migrations must keep them.
 *
 * Outbox items: a grant is `POST v1/consents` with
 * `{"purpose":…,"policyVersion":…}`; a revocation is
 * `POST v1/consents/{consentId:PURPOSE}/revoke` with `{}`, whose
 * `{consentId:PURPOSE}` the delivery replaces with the bank's id of the
 * purpose's authorised consent (fp_cache_consent_resolve_path()); an erasure
 * request is `POST v1/privacy/erasure-requests` with `{"scope":"all"}`.
 */

#pragma once

#include <gio/gio.h>

#include "fp-cache.h"
#include "fp-cache-annotations.h"
#include "fp-consent.h"

G_BEGIN_DECLS

#define FP_CONSENT_OUTBOX_PLACEHOLDER_PREFIX "{consentId:"

/**
 * FpConsentStatus:
 * @purpose: the purpose
 * @state: allowed or not
 * @chosen_at: when the customer (or the bank's record) set this state, UTC
 *   µs since the epoch; 0 when nobody ever chose (only before the consent
 *   step: the step records a choice for every purpose)
 * @delivery: %FP_DELIVERY_CONFIRMED when the bank's records agree (with
 *   @receipt); %FP_DELIVERY_WAITING while the change waits in the outbox;
 *   %FP_DELIVERY_DELIVERED when the bank took it (or, for a purpose left
 *   off, had nothing to withdraw); %FP_DELIVERY_FAILED when the bank
 *   refused it; %FP_DELIVERY_NONE when never chosen
 * @reason: (nullable): why it waits or failed, a translated sentence
 *   ("This computer is offline.", "Your bank refused it …")
 * @receipt: (nullable): the bank's receipt id
 * @device: (nullable): the device it was chosen on, in words a person uses
 *
 * What the Privacy page and `consent list` say of one purpose.
 */
typedef struct {
  FpPurpose        purpose;
  FpConsentState   state;
  gint64           chosen_at;
  FpDeliveryState  delivery;
  char            *reason;
  char            *receipt;
  char            *device;
} FpConsentStatus;

#define FP_TYPE_CONSENT_STORE (fp_consent_store_get_type ())

G_DECLARE_FINAL_TYPE (FpConsentStore, fp_consent_store, FP, CONSENT_STORE, GObject)

FpConsentStore  *fp_consent_store_new               (FpCache          *cache,
                                                     FpConsentPolicy  *policy,
                                                     GError          **error);
FpCache         *fp_consent_store_get_cache         (FpConsentStore   *self);
FpConsentPolicy *fp_consent_store_get_policy        (FpConsentStore   *self);
gboolean         fp_consent_store_save_records      (FpConsentStore   *self,
                                                     GError          **error);
void             fp_consent_store_disconnect        (FpConsentStore   *self);

gboolean         fp_cache_consent_load              (FpCache          *cache,
                                                     FpConsentPolicy  *policy,
                                                     GError          **error);
gboolean         fp_cache_consent_append            (FpCache          *cache,
                                                     FpConsentPolicy  *policy,
                                                     const FpConsentChange *change,
                                                     GError          **error);
gboolean         fp_cache_consent_save_records      (FpCache          *cache,
                                                     FpConsentPolicy  *policy,
                                                     GError          **error);
gint64           fp_cache_consent_request_erasure   (FpCache          *cache,
                                                     GError          **error);
GPtrArray       *fp_cache_consent_list_status       (FpCache          *cache,
                                                     FpConsentPolicy  *policy,
                                                     GError          **error);
void             fp_consent_status_free             (FpConsentStatus  *status);
char            *fp_cache_consent_resolve_path      (const char       *path,
                                                     const char       *consent_id);
gboolean         fp_cache_consent_path_get_purpose  (const char       *path,
                                                     FpPurpose        *out_purpose);

/* For tests: called inside the transaction of fp_cache_consent_append() at
 * "before-outbox" and "before-commit". */
typedef void (*FpCacheConsentTestHook) (const char *point);
void             _fp_cache_consent_set_test_hook    (FpCacheConsentTestHook hook);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpConsentStatus, fp_consent_status_free)

G_END_DECLS
