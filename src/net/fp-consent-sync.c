/* fp-consent-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After a sync, the bank's consents (delivered from the outbox first)
 * meet the customer's local record: a pending change the bank agrees with
 * gets its receipt, a change made on another device is adopted, and a
 * pending change the bank contradicts is overridden — the bank wins, and
 * the policy's `conflict` signal tells the customer.
 */

#define G_LOG_DOMAIN "fp-consent-sync"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "fp-consent-sync.h"
#include "fp-http-client.h"

typedef struct
{
  gint64  updated;
  gint64  number;
  char   *status;
  char   *policy_version;
  char   *receipt;
} BankConsent;

static void
bank_consent_clear (BankConsent *consent)
{
  g_clear_pointer (&consent->status, g_free);
  g_clear_pointer (&consent->policy_version, g_free);
  g_clear_pointer (&consent->receipt, g_free);
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) time = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC : 0;
}

/* The bank numbers its consents (cns_N): a later one wins a tie in time. */
static gint64
consent_number (const char *id)
{
  if (id == NULL || !g_str_has_prefix (id, "cns_"))
    return 0;

  return g_ascii_strtoll (id + 4, NULL, 10);
}

/**
 * fp_consent_sync_apply:
 * @cache: the cache the last sync filled
 * @policy: the customer's consents
 * @store: (nullable): where @policy is kept, to save the records after
 * @error: a #GError
 *
 * Applies the bank's latest consent for every purpose it has one for.
 *
 * Returns: how many purposes the bank's records overrode
 */
guint
fp_consent_sync_apply (FpCache          *cache,
                       FpConsentPolicy  *policy,
                       FpConsentStore   *store,
                       GError          **error)
{
  g_autoptr(GPtrArray) jsons = NULL;
  BankConsent latest[FP_N_PURPOSES] = { { 0 } };
  gint64 now = g_get_real_time ();
  guint overridden = 0;

  g_return_val_if_fail (FP_IS_CACHE (cache), 0);
  g_return_val_if_fail (FP_IS_CONSENT_POLICY (policy), 0);

  jsons = fp_cache_list_catalogue (cache, FP_CACHE_CONSENTS, error);
  if (jsons == NULL)
    return 0;

  for (guint i = 0; i < jsons->len; i++)
    {
      const char *json = g_ptr_array_index (jsons, i);
      g_autoptr(JsonNode) node = fp_json_parse_guarded (json, strlen (json), FP_HTTP_MAX_PROBLEM_BYTES, NULL);
      JsonObject *object, *receipt;
      BankConsent *slot;
      FpPurpose purpose;
      gint64 updated, number;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (!fp_purpose_from_id (json_object_get_string_member_with_default (object, "purpose", ""), &purpose))
        continue;
      receipt = json_object_has_member (object, "receipt") &&
                JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "receipt"))
                ? json_object_get_object_member (object, "receipt") : NULL;
      if (receipt == NULL || !json_object_has_member (receipt, "receiptId"))
        continue;

      updated = parse_time (json_object_get_string_member_with_default (object, "statusUpdateDateTime", NULL));
      number = consent_number (json_object_get_string_member_with_default (object, "consentId", NULL));
      slot = &latest[purpose];
      if (slot->status != NULL && (updated < slot->updated || (updated == slot->updated && number < slot->number)))
        continue;

      bank_consent_clear (slot);
      slot->updated = updated;
      slot->number = number;
      slot->status = g_strdup (json_object_get_string_member_with_default (object, "status", ""));
      slot->policy_version = g_strdup (json_object_get_string_member_with_default (object, "policyVersion", NULL));
      slot->receipt = g_strdup (json_object_get_string_member_with_default (receipt, "receiptId", NULL));
    }

  for (guint purpose = 0; purpose < FP_N_PURPOSES; purpose++)
    {
      g_autoptr(FpConsentRecord) record = NULL;
      g_autofree char *message = NULL;
      BankConsent *slot = &latest[purpose];

      if (slot->status == NULL || slot->receipt == NULL)
        continue;

      record = fp_consent_record_new (purpose,
                                      g_str_equal (slot->status, "Authorised") ? FP_CONSENT_GRANTED
                                                                                : FP_CONSENT_REVOKED,
                                      slot->updated, slot->policy_version, NULL, slot->receipt);
      if (fp_consent_policy_apply_bank_record (policy, record, now, &message) == FP_CONSENT_RESOLUTION_OVERRIDDEN)
        overridden++;
      bank_consent_clear (slot);
    }

  if (store != NULL && !fp_consent_store_save_records (store, error))
    return overridden;

  return overridden;
}
