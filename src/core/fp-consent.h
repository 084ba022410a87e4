/* fp-consent.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Consent per purpose, and the one place that enforces it.
 *
 * How the layers use it:
 *
 * - One #FpConsentPolicy per signed-in customer, owned by the application
 *   and handed to every feature. Before a feature uses data for a purpose it
 *   asks fp_consent_policy_allows() (to choose a path, e.g. the on-device
 *   narrative instead of the GenAI one) or fp_consent_policy_require() (to
 *   refuse with an error the customer understands). The GenAI client calls
 *   fp_consent_policy_require (policy, FP_PURPOSE_GENAI, error) before it
 *   builds a request, so no request leaves without GenAI consent.
 * - Every purpose starts revoked: nothing is pre-ticked, and the app works
 *   with no consent at all.
 * - The store connects to `changed::personalization` and deletes the derived
 *   insights and offer rankings in the handler, so revoking takes effect at
 *   once. It persists every entry of the history (fp_consent_policy_get_change())
 *   in an append-only table, keyed by its sequence number, and restores the
 *   policy at start-up with fp_consent_policy_restore_record() and
 *   fp_consent_policy_restore_change(), which emit nothing.
 * - The UI calls fp_consent_policy_set() when the customer flips a switch:
 *   the change applies locally at once (also offline) and stays *pending*
 *   (no bank receipt) until sync delivers it.
 * - Sync sends each pending change through the outbox with an
 *   Idempotency-Key, records the bank's receipt with
 *   fp_consent_policy_confirm(), and applies the bank's consent records with
 *   fp_consent_policy_apply_bank_record(). **The bank's record wins**: when it
 *   disagrees with a pending local change, the local change is overridden, the
 *   `conflict` signal is emitted and a translated sentence for the customer is
 *   returned. Sync should deliver the outbox before applying the bank's
 *   records, and drop the outbox entry of an overridden change.
 *
 * Times are UTC microseconds since the Unix epoch (g_get_real_time()), the
 * form the store keeps. The object is not thread-safe: use it from the main
 * context; worker threads should be handed the answer of
 * fp_consent_policy_allows(), not the policy.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * FP_CONSENT_POLICY_VERSION:
 *
 * The version of the privacy policy the purposes' texts belong to. A consent
 * given under an older version is shown as such on the Privacy page.
 */
#define FP_CONSENT_POLICY_VERSION "2026-11"

/**
 * FpPurpose:
 * @FP_PURPOSE_PERSONALIZATION: on-device insights and offer ranking
 * @FP_PURPOSE_GENAI: sending aggregated, redacted facts to the GenAI proxy
 * @FP_PURPOSE_MARKETING: marketing offers
 * @FP_PURPOSE_OPEN_BANKING: open-banking aggregation of other banks' accounts
 * @FP_PURPOSE_PRODUCT_IMPROVEMENT: feedback and usage shared with the bank
 *
 * What the customer's data may be used for. The values are stable, but store
 * and send the string ids of fp_purpose_to_id() instead.
 */
typedef enum {
  FP_PURPOSE_PERSONALIZATION,
  FP_PURPOSE_GENAI,
  FP_PURPOSE_MARKETING,
  FP_PURPOSE_OPEN_BANKING,
  FP_PURPOSE_PRODUCT_IMPROVEMENT,
} FpPurpose;

/** FP_N_PURPOSES: the number of #FpPurpose values, to iterate over them. */
#define FP_N_PURPOSES 5

/**
 * FpConsentState:
 * @FP_CONSENT_REVOKED: not allowed (also: never asked)
 * @FP_CONSENT_GRANTED: allowed
 */
typedef enum {
  FP_CONSENT_REVOKED,
  FP_CONSENT_GRANTED,
} FpConsentState;

/**
 * FpConsentOrigin:
 * @FP_CONSENT_ORIGIN_LOCAL: the customer changed it on this device
 * @FP_CONSENT_ORIGIN_BANK: it came from the bank's record (a receipt, a
 *   change made on another device, or a conflict the bank won)
 */
typedef enum {
  FP_CONSENT_ORIGIN_LOCAL,
  FP_CONSENT_ORIGIN_BANK,
} FpConsentOrigin;

/**
 * FpConsentResolution:
 * @FP_CONSENT_RESOLUTION_UNCHANGED: the bank's record matches ours, nothing
 *   to do
 * @FP_CONSENT_RESOLUTION_CONFIRMED: the bank agrees with our pending change;
 *   its receipt is now recorded
 * @FP_CONSENT_RESOLUTION_UPDATED: nothing was pending here and the bank's
 *   state differs (changed on another device); adopted
 * @FP_CONSENT_RESOLUTION_OVERRIDDEN: the bank's record contradicts our
 *   pending change; the bank wins and the customer must be told
 * @FP_CONSENT_RESOLUTION_KEPT: the bank still records a purpose as allowed
 *   that the customer withdrew here, and the withdrawal is still on its way:
 *   the withdrawal stands (GDPR Art. 7(3)) and the bank's record is not
 *   applied
 *
 * What fp_consent_policy_apply_bank_record() did.
 */
typedef enum {
  FP_CONSENT_RESOLUTION_UNCHANGED,
  FP_CONSENT_RESOLUTION_CONFIRMED,
  FP_CONSENT_RESOLUTION_UPDATED,
  FP_CONSENT_RESOLUTION_OVERRIDDEN,
  FP_CONSENT_RESOLUTION_KEPT,
} FpConsentResolution;

#define FP_CONSENT_ERROR (fp_consent_error_quark ())

/**
 * FpConsentError:
 * @FP_CONSENT_ERROR_NOT_GRANTED: the purpose is not consented to; the
 *   message names it for the customer
 * @FP_CONSENT_ERROR_INVALID: a record or history entry is malformed or out
 *   of order
 */
typedef enum {
  FP_CONSENT_ERROR_NOT_GRANTED,
  FP_CONSENT_ERROR_INVALID,
} FpConsentError;

GQuark       fp_consent_error_quark          (void);

GType        fp_purpose_get_type             (void) G_GNUC_CONST;
#define FP_TYPE_PURPOSE (fp_purpose_get_type ())
GType        fp_consent_state_get_type       (void) G_GNUC_CONST;
#define FP_TYPE_CONSENT_STATE (fp_consent_state_get_type ())

const char  *fp_purpose_to_id                (FpPurpose    purpose);
gboolean     fp_purpose_from_id              (const char  *id,
                                              FpPurpose   *out_purpose);
const char  *fp_purpose_get_title            (FpPurpose    purpose);
const char  *fp_purpose_get_description      (FpPurpose    purpose);
const char  *fp_purpose_get_policy_version   (FpPurpose    purpose);

const char  *fp_consent_state_to_id          (FpConsentState  state);
gboolean     fp_consent_state_from_id        (const char     *id,
                                              FpConsentState *out_state);

/**
 * FpConsentRecord:
 * @purpose: the purpose
 * @state: granted or revoked
 * @since: when it took this state, UTC µs since the epoch; 0 for the
 *   default state nobody chose
 * @policy_version: the policy version it was given under
 * @device: (nullable): the device it was given on
 * @receipt: (nullable): the bank's receipt id, %NULL while pending
 *
 * The current consent for one purpose, as the policy, the store and the
 * bank API exchange it.
 */
typedef struct {
  FpPurpose       purpose;
  FpConsentState  state;
  gint64          since;
  char           *policy_version;
  char           *device;
  char           *receipt;
} FpConsentRecord;

GType            fp_consent_record_get_type   (void) G_GNUC_CONST;
#define FP_TYPE_CONSENT_RECORD (fp_consent_record_get_type ())
FpConsentRecord *fp_consent_record_new        (FpPurpose              purpose,
                                               FpConsentState         state,
                                               gint64                 since,
                                               const char            *policy_version,
                                               const char            *device,
                                               const char            *receipt);
FpConsentRecord *fp_consent_record_copy       (const FpConsentRecord *record);
void             fp_consent_record_free       (FpConsentRecord       *record);
gboolean         fp_consent_record_is_pending (const FpConsentRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpConsentRecord, fp_consent_record_free)

/**
 * FpConsentChange:
 * @seq: position in the history, from 1, without gaps
 * @when: UTC µs since the epoch; never earlier than the entry before
 * @purpose: the purpose
 * @old_state: the state before
 * @new_state: the state after; equal to @old_state for an entry that only
 *   records the bank's receipt of an earlier change
 * @policy_version: the policy version of @new_state
 * @device: (nullable): the device the change was made on
 * @receipt: (nullable): the bank's receipt, %NULL for a local change not
 *   yet confirmed
 * @origin: local or bank
 *
 * One entry of the append-only consent history.
 */
typedef struct {
  guint64          seq;
  gint64           when;
  FpPurpose        purpose;
  FpConsentState   old_state;
  FpConsentState   new_state;
  char            *policy_version;
  char            *device;
  char            *receipt;
  FpConsentOrigin  origin;
} FpConsentChange;

GType            fp_consent_change_get_type   (void) G_GNUC_CONST;
#define FP_TYPE_CONSENT_CHANGE (fp_consent_change_get_type ())
FpConsentChange *fp_consent_change_copy       (const FpConsentChange *change);
void             fp_consent_change_free       (FpConsentChange       *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpConsentChange, fp_consent_change_free)

#define FP_TYPE_CONSENT_POLICY (fp_consent_policy_get_type ())

G_DECLARE_FINAL_TYPE (FpConsentPolicy, fp_consent_policy, FP, CONSENT_POLICY, GObject)

FpConsentPolicy       *fp_consent_policy_new              (const char            *device);
const char            *fp_consent_policy_get_device       (FpConsentPolicy       *self);

gboolean               fp_consent_policy_allows           (FpConsentPolicy       *self,
                                                           FpPurpose              purpose);
gboolean               fp_consent_policy_require          (FpConsentPolicy       *self,
                                                           FpPurpose              purpose,
                                                           GError               **error);
const FpConsentRecord *fp_consent_policy_get_record       (FpConsentPolicy       *self,
                                                           FpPurpose              purpose);

gboolean               fp_consent_policy_set              (FpConsentPolicy       *self,
                                                           FpPurpose              purpose,
                                                           FpConsentState         state,
                                                           gint64                 when);
gboolean               fp_consent_policy_choose           (FpConsentPolicy       *self,
                                                           FpPurpose              purpose,
                                                           FpConsentState         state,
                                                           gint64                 when);
gboolean               fp_consent_policy_confirm          (FpConsentPolicy       *self,
                                                           FpPurpose              purpose,
                                                           const char            *receipt,
                                                           gint64                 when);
FpConsentResolution    fp_consent_policy_apply_bank_record (FpConsentPolicy      *self,
                                                           const FpConsentRecord *record,
                                                           gint64                 when,
                                                           char                 **out_message);

guint                  fp_consent_policy_get_n_changes    (FpConsentPolicy       *self);
const FpConsentChange *fp_consent_policy_get_change       (FpConsentPolicy       *self,
                                                           guint                  index);

gboolean               fp_consent_policy_restore_record   (FpConsentPolicy       *self,
                                                           const FpConsentRecord *record,
                                                           GError               **error);
gboolean               fp_consent_policy_restore_change   (FpConsentPolicy       *self,
                                                           const FpConsentChange *change,
                                                           GError               **error);

G_END_DECLS
