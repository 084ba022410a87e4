/* fp-outbox.c
 *
 * Writes made offline (consents, feedback) wait in the cache's outbox and
 * are delivered in order, each with its own Idempotency-Key fixed when it
 * was queued: a crash after the bank accepted a write but before the cache
 * noted it sends the same key again, and the bank replays its first answer
 * instead of applying the write twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-net-error.h"
#include "fp-cache-annotations.h"
#include "fp-cache-consent.h"
#include "fp-outbox.h"

/**
 * fp_outbox_enqueue:
 * @cache: the cache
 * @method: "POST", "PUT" …
 * @path: the API path relative to the bank's base URL ("v1/feedback")
 * @json_body: (nullable): the JSON body
 * @error: a #GError
 *
 * Queues a write with a new random Idempotency-Key.
 *
 * Returns: the item's sequence number, or -1 on error
 */
gint64
fp_outbox_enqueue (FpCache     *cache,
                   const char  *method,
                   const char  *path,
                   const char  *json_body,
                   GError     **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (FP_IS_CACHE (cache), -1);
  g_return_val_if_fail (method != NULL && path != NULL, -1);

  key = g_uuid_string_random ();
  return fp_cache_outbox_enqueue (cache, method, path, json_body, key, error);
}

/* Why a write could not be delivered, as the reason code the cache keeps
 * (fp_delivery_reason_to_text()); NULL when there is nothing to tell (a
 * cancelled run). */
static const char *
reason_for (const GError *error)
{
  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  if (!g_network_monitor_get_network_available (g_network_monitor_get_default ()))
    return "offline";
  if (error->domain != FP_NET_ERROR)
    return "failed";

  switch ((FpNetError) error->code)
    {
    case FP_NET_ERROR_UNREACHABLE:
      return "unreachable";
    case FP_NET_ERROR_UNAUTHORIZED:
    case FP_NET_ERROR_ACCESS_DENIED:
      return "signed-out";
    /* Also what signing in to a bank that cannot be reached ends with. */
    case FP_NET_ERROR_OAUTH:
    case FP_NET_ERROR_EXPIRED:
    case FP_NET_ERROR_STATE_MISMATCH:
      return "sign-in-failed";
    case FP_NET_ERROR_RATE_LIMITED:
    case FP_NET_ERROR_CIRCUIT_OPEN:
    case FP_NET_ERROR_PROBLEM:
      return "busy";
    case FP_NET_ERROR_SERVER:
      return "server";
    case FP_NET_ERROR_TOO_SLOW:
    case FP_NET_ERROR_SYNC_TOO_SLOW:
      return "slow";
    case FP_NET_ERROR_UNTRUSTED:
    case FP_NET_ERROR_PIN_MISMATCH:
      return "untrusted";
    case FP_NET_ERROR_INVALID_URL:
    case FP_NET_ERROR_TOO_LARGE:
    case FP_NET_ERROR_TOO_DEEP:
    case FP_NET_ERROR_MALFORMED:
    case FP_NET_ERROR_SCHEMA:
    case FP_NET_ERROR_LAUNCH:
    case FP_NET_ERROR_FAILED:
    default:
      return "failed";
    }
}

/**
 * fp_outbox_note_failure:
 * @cache: the cache
 * @error: why a sync ended before the outbox was delivered
 *
 * Keeps the reason with every write still waiting, so that the customer
 * is told why ("This computer is offline."); sync calls it when a run
 * fails, also before the outbox was reached (signing in failed).
 */
void
fp_outbox_note_failure (FpCache      *cache,
                        const GError *error)
{
  g_autoptr(GError) local = NULL;
  const char *reason = reason_for (error);

  g_return_if_fail (FP_IS_CACHE (cache));

  if (reason != NULL && !fp_cache_outbox_note_waiting (cache, reason, &local))
    g_debug ("Could not keep why the outbox waits: %s", local->message);
}

static gint
compare_items (gconstpointer a,
               gconstpointer b)
{
  const FpOutboxItem *x = *(const FpOutboxItem * const *) a;
  const FpOutboxItem *y = *(const FpOutboxItem * const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

/**
 * fp_outbox_deliver:
 * @cache: the cache
 * @http: a signed-in client
 * @result: (out) (optional): what happened
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Delivers the pending writes in the order they were queued. A refusal for
 * good (a 4xx other than 401, 409 and 429) marks the item failed and goes
 * on; anything else (the bank unreachable, failing, busy with the same
 * key, rate limiting) stops delivery, keeping the order, and returns the
 * error: the next run goes on from there.
 *
 * Returns: %TRUE when nothing is left pending
 */
/* Remembers the bank's id of an authorised consent from a reply or a
 * catalogue entry: purpose id -> consent id. */
static void
note_consent (GHashTable *consent_ids,
              JsonNode   *node)
{
  JsonObject *object;
  const char *purpose;
  const char *consent_id;
  const char *status;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  purpose = json_object_get_string_member_with_default (object, "purpose", NULL);
  consent_id = json_object_get_string_member_with_default (object, "consentId", NULL);
  status = json_object_get_string_member_with_default (object, "status", NULL);
  if (purpose != NULL && consent_id != NULL && g_strcmp0 (status, "Authorised") == 0)
    g_hash_table_insert (consent_ids, g_strdup (purpose), g_strdup (consent_id));
}

/* The consents the cache knows from the last sync. */
static void
load_consent_ids (FpCache    *cache,
                  GHashTable *consent_ids)
{
  g_autoptr(GPtrArray) jsons = NULL;
  g_autoptr(GError) error = NULL;

  jsons = fp_cache_list_catalogue (cache, FP_CACHE_CONSENTS, &error);
  if (jsons == NULL)
    {
      g_debug ("No consents in the cache: %s", error->message);
      return;
    }

  for (guint i = 0; i < jsons->len; i++)
    {
      const char *json = g_ptr_array_index (jsons, i);
      g_autoptr(JsonNode) node = fp_json_parse_guarded (json, strlen (json), FP_HTTP_MAX_PROBLEM_BYTES, NULL);

      note_consent (consent_ids, node);
    }
}

gboolean
fp_outbox_deliver (FpCache         *cache,
                   FpHttpClient    *http,
                   FpOutboxResult  *result,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) consent_ids = NULL;
  FpOutboxResult r = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (FP_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (FP_IS_HTTP_CLIENT (http), FALSE);

  consent_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  load_consent_ids (cache, consent_ids);

  items = fp_cache_outbox_list_pending (cache, error);
  if (items == NULL)
    return FALSE;
  g_ptr_array_sort (items, compare_items);

  for (guint i = 0; i < items->len; i++)
    {
      FpOutboxItem *item = g_ptr_array_index (items, i);
      g_autoptr(FpHttpReply) reply = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *path = NULL;
      FpPurpose purpose;
      guint status;

      /* A revocation queued offline names its purpose; the bank wants the
       * id of the consent, known from a grant delivered before it or from
       * the last sync. With none, nothing is granted at the bank, which is
       * what the customer asked for. */
      if (fp_cache_consent_path_get_purpose (item->path, &purpose))
        {
          const char *consent_id = g_hash_table_lookup (consent_ids, fp_purpose_to_id (purpose));

          if (consent_id == NULL)
            {
              if (!fp_cache_outbox_mark (cache, item->id, FP_OUTBOX_DELIVERED, NULL, error))
                {
                  ok = FALSE;
                  break;
                }
              g_debug ("outbox item %" G_GINT64_FORMAT ": nothing to revoke at the bank", item->id);
              r.delivered++;
              continue;
            }
          path = fp_cache_consent_resolve_path (item->path, consent_id);
          g_hash_table_remove (consent_ids, fp_purpose_to_id (purpose));
        }
      else
        path = g_strdup (item->path);

      if (item->body != NULL)
        body = g_bytes_new (item->body, strlen (item->body));
      reply = fp_http_client_send (http, item->method, path,
                                   body != NULL ? "application/json" : NULL, body,
                                   item->idempotency_key, NULL, FP_HTTP_MAX_PROBLEM_BYTES,
                                   cancellable, &local);
      status = fp_http_client_get_last_status (http);
      if (reply != NULL)
        {
          if (reply->body != NULL && g_str_equal (path, "v1/consents"))
            {
              gsize len;
              const char *data = g_bytes_get_data (reply->body, &len);
              g_autoptr(JsonNode) node = fp_json_parse_guarded (data, len, FP_HTTP_MAX_PROBLEM_BYTES, NULL);

              note_consent (consent_ids, node);
            }
          if (!fp_cache_outbox_mark (cache, item->id, FP_OUTBOX_DELIVERED, NULL, error))
            {
              ok = FALSE;
              break;
            }
          g_debug ("outbox item %" G_GINT64_FORMAT " delivered", item->id);
          r.delivered++;
          continue;
        }
      if (status >= 400 && status < 500 && status != 401 && status != 409 && status != 429)
        {
          g_autofree char *why = g_strdup_printf ("refused:%u", status);

          g_debug ("outbox item %" G_GINT64_FORMAT " refused: %s", item->id, why);
          if (!fp_cache_outbox_mark (cache, item->id, FP_OUTBOX_FAILED, why, error))
            {
              ok = FALSE;
              break;
            }
          r.failed++;
          continue;
        }
      /* The attempt and why it failed, kept with the item; the run stops
       * here so that the order holds. */
      if (reason_for (local) != NULL)
        fp_cache_outbox_mark (cache, item->id, FP_OUTBOX_PENDING, reason_for (local), NULL);
      g_propagate_error (error, g_steal_pointer (&local));
      ok = FALSE;
      r.pending = items->len - i;
      break;
    }
  if (result != NULL)
    *result = r;
  return ok;
}
