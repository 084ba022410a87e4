/* fp-session-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the customer does with their data through the session, for the
 * window: the details of a transaction, a category and a note for it,
 * the answer to an alert, freezing a card, and the privacy choices with
 * where each stands at the bank. Writes for the bank are queued in the
 * cache's outbox together with their local state (src/store) and sent at
 * once when online: the session asks for a sync, whose first step
 * delivers the outbox, each item exactly once with its Idempotency-Key.
 */

#define G_LOG_DOMAIN "fp-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-cache-consent.h"
#include "fp-session.h"
#include "fp-store-error.h"

static FpCache *
require_cache (FpSession  *self,
               GError    **error)
{
  FpCache *cache = fp_session_get_cache (self);

  if (cache == NULL)
    g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID,
                         _("Your data is not open yet. Sign in to your bank first."));
  return cache;
}

/**
 * fp_session_get_transaction_details:
 * @self: a #FpSession
 * @transaction_id: the bank's id of a transaction
 * @error: a #GError
 *
 * Everything the details view shows for one transaction
 * (fp_cache_get_txn_details()). Reads the cache on the calling thread: a
 * few primary-key lookups.
 *
 * Returns: (transfer full) (nullable): the details
 */
FpTxnDetails *
fp_session_get_transaction_details (FpSession   *self,
                                    const char  *transaction_id,
                                    GError     **error)
{
  FpCache *cache;

  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  g_return_val_if_fail (transaction_id != NULL, NULL);

  if (!(cache = require_cache (self, error)))
    return NULL;
  return fp_cache_get_txn_details (cache, transaction_id, error);
}

/**
 * fp_session_set_transaction_category:
 * @self: a #FpSession
 * @transaction_id: the bank's id of a transaction
 * @category_id: (nullable): a category id (fp_category_get_id()), %NULL
 *   for the merchant code's again
 * @error: a #GError
 *
 * Keeps the customer's category for the transaction on this device; the
 * dashboard uses it from its next refresh. Nothing goes to the bank.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_session_set_transaction_category (FpSession   *self,
                                     const char  *transaction_id,
                                     const char  *category_id,
                                     GError     **error)
{
  FpCache *cache;

  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (transaction_id != NULL, FALSE);

  if (!(cache = require_cache (self, error)))
    return FALSE;
  return fp_cache_set_txn_category (cache, transaction_id, category_id, error);
}

/**
 * fp_session_set_transaction_note:
 * @self: a #FpSession
 * @transaction_id: the bank's id of a transaction
 * @note: (nullable): the note, %NULL or blank to remove it
 * @error: a #GError
 *
 * Keeps the customer's note on the transaction on this device
 * (fp_cache_set_txn_note()). Nothing goes to the bank.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_session_set_transaction_note (FpSession   *self,
                                 const char  *transaction_id,
                                 const char  *note,
                                 GError     **error)
{
  FpCache *cache;

  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (transaction_id != NULL, FALSE);

  if (!(cache = require_cache (self, error)))
    return FALSE;
  return fp_cache_set_txn_note (cache, transaction_id, note, error);
}

/**
 * fp_session_report_transaction:
 * @self: a #FpSession
 * @transaction_id: the bank's id of the transaction an alert is about
 * @verdict: %FP_TXN_VERDICT_MINE ("This was me") or
 *   %FP_TXN_VERDICT_NOT_MINE ("Not me")
 * @error: a #GError
 *
 * Tells the bank the customer's answer to an alert: kept with the
 * transaction and queued in one database transaction
 * (fp_cache_report_txn()), then sent at once when online and otherwise
 * with the next sync, exactly once. The same answer twice sends one.
 * fp_session_get_transaction_details() says where it stands.
 *
 * Returns: %TRUE if the answer is kept and queued
 */
gboolean
fp_session_report_transaction (FpSession     *self,
                               const char    *transaction_id,
                               FpTxnVerdict   verdict,
                               GError       **error)
{
  FpCache *cache;

  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (transaction_id != NULL, FALSE);

  if (!(cache = require_cache (self, error)) ||
      fp_cache_report_txn (cache, transaction_id, verdict, error) < 0)
    return FALSE;

  fp_session_sync_now (self);
  return TRUE;
}

/**
 * fp_session_set_card_frozen:
 * @self: a #FpSession
 * @card_id: a card of the cards catalogue
 * @frozen: %TRUE to freeze it ("Freeze card"), %FALSE to unfreeze it
 * @error: a #GError
 *
 * Asks the bank to freeze or unfreeze the card: kept as the card's latest
 * request and queued in one database transaction
 * (fp_cache_request_card_freeze()), then sent at once when online,
 * exactly once. The card shows the bank's `frozen` after that sync
 * (fp_bank_card_is_frozen()); until then fp_cache_get_card_request() says
 * what was asked and where it stands.
 *
 * Returns: %TRUE if the request is kept and queued
 */
gboolean
fp_session_set_card_frozen (FpSession   *self,
                            const char  *card_id,
                            gboolean     frozen,
                            GError     **error)
{
  FpCache *cache;

  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);

  if (!(cache = require_cache (self, error)) ||
      fp_cache_request_card_freeze (cache, card_id, frozen, error) < 0)
    return FALSE;

  fp_session_sync_now (self);
  return TRUE;
}

/**
 * fp_session_set_consent:
 * @self: a #FpSession
 * @purpose: a purpose
 * @state: what the customer chose
 * @error: a #GError
 *
 * Records the customer's choice (fp_consent_policy_choose(): also a
 * purpose kept off that nobody had chosen yet), which the consent store
 * keeps and queues; it is sent at once when online.
 *
 * Returns: %TRUE if something was recorded, %FALSE if it was already so
 */
gboolean
fp_session_set_consent (FpSession       *self,
                        FpPurpose        purpose,
                        FpConsentState   state,
                        GError         **error)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);

  if (!require_cache (self, error))
    return FALSE;
  return fp_consent_policy_choose (fp_session_get_consent_policy (self), purpose, state,
                                   g_get_real_time ());
}

/**
 * fp_session_list_consents:
 * @self: a #FpSession
 * @error: a #GError
 *
 * What the Privacy page shows for each purpose: the state, when it was
 * chosen, on which device, and whether the bank has it (confirmed with a
 * receipt, delivered, waiting with the reason, refused with the reason);
 * see #FpConsentStatus.
 *
 * Returns: (transfer container) (element-type FpConsentStatus) (nullable):
 *   one status per purpose, in #FpPurpose order
 */
GPtrArray *
fp_session_list_consents (FpSession  *self,
                          GError    **error)
{
  FpCache *cache;

  g_return_val_if_fail (FP_IS_SESSION (self), NULL);

  if (!(cache = require_cache (self, error)))
    return NULL;
  return fp_cache_consent_list_status (cache, fp_session_get_consent_policy (self), error);
}

/**
 * fp_session_get_device_name:
 * @self: a #FpSession
 *
 * Returns: what this computer is called where consents name their device:
 *   the pretty host name, else "Linux laptop" and the like
 *   (fp_device_get_display_name()), never the raw host name
 */
const char *
fp_session_get_device_name (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);

  return fp_consent_policy_get_device (fp_session_get_consent_policy (self));
}
