/* fp-cache-annotations.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the customer says about their own data, kept only on this device
 * (local-only tables, kept by every migration and every re-sync, gone
 * with "erase this device's data"):
 *
 * - per transaction (`txn_annotations`, by the bank's id): a category that
 *   replaces the one of the merchant code, everywhere (Activity, the
 *   insights' input, "Download my data"), and a note;
 * - the answer to an alert, "this was me" or "not me": kept with the
 *   transaction and queued for the bank (`POST
 *   v1/transactions/{id}/verdict`) in ONE database transaction;
 * - a card freeze or unfreeze (`card_requests`, `POST
 *   v1/cards/{id}/freeze|unfreeze`), the same way. The card's own `frozen`
 *   comes back from the bank with the next sync.
 *
 * The outbox delivers both exactly once with the Idempotency-Key fixed
 * when they were queued (src/net/fp-outbox.c).
 */

#pragma once

#include "fp-cache.h"

G_BEGIN_DECLS

/**
 * FpTxnVerdict:
 * @FP_TXN_VERDICT_NONE: no answer
 * @FP_TXN_VERDICT_MINE: "This was me"
 * @FP_TXN_VERDICT_NOT_MINE: "Not me"
 *
 * The customer's answer to an alert about a transaction; the API's
 * `verdict` is `mine` or `not_mine`.
 */
typedef enum {
  FP_TXN_VERDICT_NONE,
  FP_TXN_VERDICT_MINE,
  FP_TXN_VERDICT_NOT_MINE,
} FpTxnVerdict;

/**
 * FpDeliveryState:
 * @FP_DELIVERY_NONE: nothing to deliver (nothing asked, or it came from the
 *   bank)
 * @FP_DELIVERY_WAITING: queued in the outbox; the reason says why it is
 *   not delivered yet when an attempt failed
 * @FP_DELIVERY_DELIVERED: the bank accepted it (or, for a consent left
 *   off, there was nothing to withdraw at the bank)
 * @FP_DELIVERY_CONFIRMED: consents only: the bank's records agree, with
 *   its receipt
 * @FP_DELIVERY_FAILED: the bank refused it for good; the reason says how
 *
 * Where a write the customer made on this device stands.
 */
typedef enum {
  FP_DELIVERY_NONE,
  FP_DELIVERY_WAITING,
  FP_DELIVERY_DELIVERED,
  FP_DELIVERY_CONFIRMED,
  FP_DELIVERY_FAILED,
} FpDeliveryState;

/**
 * FpCardRequest:
 * @card_id: the card
 * @frozen: %TRUE for a freeze, %FALSE for an unfreeze
 * @requested: when it was asked, unix seconds
 * @delivery: where its delivery stands
 * @reason: (nullable): why it is waiting or failed, a translated sentence
 *
 * The latest freeze or unfreeze asked for a card on this device.
 */
typedef struct {
  char            *card_id;
  gboolean         frozen;
  gint64           requested;
  FpDeliveryState  delivery;
  char            *reason;
} FpCardRequest;

/**
 * FpTxnDetails:
 * @txn: the transaction, with the customer's category and note and the
 *   merchant's display name (#FpCachedTxn)
 * @category: the category shown: the customer's or the merchant code's
 *   (fp_cached_txn_get_category())
 * @verdict: the customer's answer to an alert about it
 * @verdict_at: when they answered, unix seconds, 0 without an answer
 * @verdict_delivery: where the answer's delivery to the bank stands
 * @verdict_reason: (nullable): why it is waiting or failed, translated
 * @account_json: (nullable): the account's entry of the accounts catalogue
 *   as the bank sent it (the store does not read JSON; see
 *   fp_bank_account_label() in src/net)
 * @card_json: (nullable): the card's entry of the cards catalogue
 * @card_request: (nullable): the latest freeze or unfreeze of the card
 *   asked on this device
 *
 * Everything the transaction details view shows, read in one go.
 */
typedef struct {
  FpCachedTxn     *txn;
  FpCategory       category;
  FpTxnVerdict     verdict;
  gint64           verdict_at;
  FpDeliveryState  verdict_delivery;
  char            *verdict_reason;
  char            *account_json;
  char            *card_json;
  FpCardRequest   *card_request;
} FpTxnDetails;

#define FP_CACHE_NOTE_MAX_CHARS 500

gboolean       fp_cache_set_txn_category      (FpCache        *self,
                                               const char     *transaction_id,
                                               const char     *category_id,
                                               GError        **error);
gboolean       fp_cache_set_txn_note          (FpCache        *self,
                                               const char     *transaction_id,
                                               const char     *note,
                                               GError        **error);
FpTxnDetails  *fp_cache_get_txn_details       (FpCache        *self,
                                               const char     *transaction_id,
                                               GError        **error);
gint64         fp_cache_report_txn            (FpCache        *self,
                                               const char     *transaction_id,
                                               FpTxnVerdict    verdict,
                                               GError        **error);
gint64         fp_cache_request_card_freeze   (FpCache        *self,
                                               const char     *card_id,
                                               gboolean        frozen,
                                               GError        **error);
FpCardRequest *fp_cache_get_card_request      (FpCache        *self,
                                               const char     *card_id,
                                               GError        **error);
char          *fp_cache_get_transaction_id    (FpCache        *self,
                                               gint64          txn_id,
                                               GError        **error);

gboolean       fp_cache_outbox_note_waiting   (FpCache        *self,
                                               const char     *reason,
                                               GError        **error);
char          *fp_delivery_reason_to_text     (const char     *reason);
const char    *fp_txn_verdict_to_id           (FpTxnVerdict    verdict);
gboolean       fp_txn_verdict_from_id         (const char     *id,
                                               FpTxnVerdict   *out_verdict);

void           fp_txn_details_free            (FpTxnDetails   *details);
void           fp_card_request_free           (FpCardRequest  *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpTxnDetails, fp_txn_details_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpCardRequest, fp_card_request_free)

/* For tests: called inside the transactions of fp_cache_report_txn() and
 * fp_cache_request_card_freeze() between the local state and the outbox
 * item ("before-outbox") and before the commit ("before-commit"). */
typedef void (*FpCacheActionTestHook) (const char *point);
void           _fp_cache_annotations_set_test_hook (FpCacheActionTestHook hook);

G_END_DECLS
