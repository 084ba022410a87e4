/* fp-sandbox-state.c
 *
 * The sandbox's state across restarts (--state-dir): each customer's
 * state as one JSON document, saved with the Idempotency-Key record of the
 * write that changed it in one transaction, so that a replay after a
 * restart gets the first answer and the change happened once; tokens are
 * saved by fp-sandbox-oauth.c as they change. The bank's data is generated
 * again at start from the same options, ending on the day the history
 * first ended, and the days booked since are booked again, so the feeds
 * and their cursors are the same as before the restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-state"

#include "config.h"

#include <string.h>

#include "fp-sandbox-private.h"

/* Customer states as JSON */

static int
compare_cards (gconstpointer a,
               gconstpointer b)
{
  guint32 ca = *(const guint32 *) a, cb = *(const guint32 *) b;

  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

static void
kv_time (FpJsonWriter *w,
         const char   *key,
         gint64        value)
{
  fp_json_kv_int (w, key, value);
}

char *
fp_sandbox_customer_state_to_json (FpSandboxCustomerState *state)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GArray) frozen = g_array_new (FALSE, FALSE, sizeof (guint32));
  GHashTableIter iter;
  gpointer key;
  FpJsonWriter w;

  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);

  fp_json_key (&w, "consents");
  fp_json_begin_array (&w);
  for (guint i = 0; i < state->consents->len; i++)
    {
      const Consent *c = g_ptr_array_index (state->consents, i);

      fp_json_begin_object (&w);
      fp_json_kv_string (&w, "id", c->id);
      fp_json_kv_string (&w, "purpose", c->purpose);
      fp_json_kv_string (&w, "status", c->status);
      fp_json_kv_string (&w, "policyVersion", c->policy_version);
      kv_time (&w, "created", c->created);
      kv_time (&w, "updated", c->updated);
      kv_time (&w, "expires", c->expires);
      fp_json_kv_string (&w, "receiptId", c->receipt_id);
      fp_json_kv_string (&w, "signature", c->signature);
      fp_json_end_object (&w);
    }
  fp_json_end_array (&w);

  fp_json_key (&w, "history");
  fp_json_begin_array (&w);
  for (guint i = 0; i < state->history->len; i++)
    {
      const ConsentEvent *e = g_ptr_array_index (state->history, i);

      fp_json_begin_object (&w);
      fp_json_kv_string (&w, "id", e->id);
      fp_json_kv_string (&w, "consentId", e->consent_id);
      fp_json_kv_string (&w, "purpose", e->purpose);
      fp_json_kv_string (&w, "action", e->action);
      fp_json_kv_string (&w, "status", e->status);
      kv_time (&w, "at", e->at);
      fp_json_kv_string (&w, "receiptId", e->receipt_id);
      fp_json_kv_string (&w, "signature", e->signature);
      fp_json_end_object (&w);
    }
  fp_json_end_array (&w);

  fp_json_key (&w, "feedback");
  fp_json_begin_array (&w);
  for (guint i = 0; i < state->feedback->len; i++)
    {
      const Feedback *f = g_ptr_array_index (state->feedback, i);

      fp_json_begin_object (&w);
      fp_json_kv_string (&w, "id", f->id);
      fp_json_kv_string (&w, "offerId", f->offer_id);
      fp_json_kv_string (&w, "reaction", f->reaction);
      fp_json_key (&w, "reasons");
      fp_json_begin_array (&w);
      for (guint k = 0; f->reasons[k] != NULL; k++)
        fp_json_string (&w, f->reasons[k]);
      fp_json_end_array (&w);
      kv_time (&w, "at", f->at);
      fp_json_end_object (&w);
    }
  fp_json_end_array (&w);

  fp_json_key (&w, "privacy");
  fp_json_begin_array (&w);
  for (guint i = 0; i < state->privacy->len; i++)
    {
      const PrivacyRequest *p = g_ptr_array_index (state->privacy, i);

      fp_json_begin_object (&w);
      fp_json_kv_string (&w, "id", p->id);
      fp_json_kv_bool (&w, "erasure", p->erasure);
      fp_json_kv_string (&w, "status", p->status);
      kv_time (&w, "requested", p->requested);
      kv_time (&w, "completed", p->completed);
      fp_json_end_object (&w);
    }
  fp_json_end_array (&w);

  fp_json_key (&w, "verdicts");
  fp_json_begin_array (&w);
  for (guint i = 0; i < state->verdicts->len; i++)
    {
      const FpSandboxVerdict *v = g_ptr_array_index (state->verdicts, i);

      fp_json_begin_object (&w);
      fp_json_kv_string (&w, "id", v->id);
      fp_json_kv_int (&w, "txn", v->txn);
      fp_json_kv_string (&w, "verdict", v->verdict);
      kv_time (&w, "at", v->at);
      fp_json_end_object (&w);
    }
  fp_json_end_array (&w);

  /* In card order, so the same state is the same text. */
  fp_json_key (&w, "frozenCards");
  fp_json_begin_array (&w);
  g_hash_table_iter_init (&iter, state->frozen_cards);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint32 card = GPOINTER_TO_UINT (key) - 1;

      g_array_append_val (frozen, card);
    }
  g_array_sort (frozen, compare_cards);
  for (guint i = 0; i < frozen->len; i++)
    fp_json_int (&w, g_array_index (frozen, guint32, i));
  fp_json_end_array (&w);

  fp_json_end_object (&w);
  return g_string_free (out, FALSE);
}

static char *
dup_member (JsonObject *o,
            const char *name)
{
  return g_strdup (json_object_get_string_member_with_default (o, name, ""));
}

static JsonArray *
array_member (JsonObject *o,
              const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Objects of @array, or none. */
static guint
n_objects (JsonArray *array)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      return 0;
  return n;
}

gboolean
fp_sandbox_customer_state_load (FpSandboxCustomerState  *state,
                                const char              *json,
                                GError                 **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root;
  JsonArray *a;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID,
                           "A saved customer state is not an object");
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  a = array_member (root, "consents");
  for (guint i = 0; i < n_objects (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      Consent *c = g_new0 (Consent, 1);

      c->id = dup_member (o, "id");
      c->purpose = dup_member (o, "purpose");
      c->status = dup_member (o, "status");
      c->policy_version = dup_member (o, "policyVersion");
      c->created = json_object_get_int_member_with_default (o, "created", 0);
      c->updated = json_object_get_int_member_with_default (o, "updated", 0);
      c->expires = json_object_get_int_member_with_default (o, "expires", 0);
      c->receipt_id = dup_member (o, "receiptId");
      c->signature = dup_member (o, "signature");
      g_ptr_array_add (state->consents, c);
    }

  a = array_member (root, "history");
  for (guint i = 0; i < n_objects (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      ConsentEvent *e = g_new0 (ConsentEvent, 1);

      e->id = dup_member (o, "id");
      e->consent_id = dup_member (o, "consentId");
      e->purpose = dup_member (o, "purpose");
      e->action = dup_member (o, "action");
      e->status = dup_member (o, "status");
      e->at = json_object_get_int_member_with_default (o, "at", 0);
      e->receipt_id = dup_member (o, "receiptId");
      e->signature = dup_member (o, "signature");
      g_ptr_array_add (state->history, e);
    }

  a = array_member (root, "feedback");
  for (guint i = 0; i < n_objects (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      JsonArray *reasons = array_member (o, "reasons");
      guint n = reasons != NULL ? json_array_get_length (reasons) : 0;
      Feedback *f = g_new0 (Feedback, 1);

      f->id = dup_member (o, "id");
      f->offer_id = dup_member (o, "offerId");
      f->reaction = dup_member (o, "reaction");
      f->reasons = g_new0 (char *, n + 1);
      for (guint k = 0; k < n; k++)
        f->reasons[k] = g_strdup (json_array_get_string_element (reasons, k));
      f->at = json_object_get_int_member_with_default (o, "at", 0);
      g_ptr_array_add (state->feedback, f);
    }

  a = array_member (root, "privacy");
  for (guint i = 0; i < n_objects (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      PrivacyRequest *p = g_new0 (PrivacyRequest, 1);

      p->id = dup_member (o, "id");
      p->erasure = json_object_get_boolean_member_with_default (o, "erasure", FALSE);
      p->status = dup_member (o, "status");
      p->requested = json_object_get_int_member_with_default (o, "requested", 0);
      p->completed = json_object_get_int_member_with_default (o, "completed", 0);
      g_ptr_array_add (state->privacy, p);
    }

  a = array_member (root, "verdicts");
  for (guint i = 0; i < n_objects (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      FpSandboxVerdict *v = g_new0 (FpSandboxVerdict, 1);

      v->id = dup_member (o, "id");
      v->txn = (guint32) json_object_get_int_member_with_default (o, "txn", 0);
      v->verdict = dup_member (o, "verdict");
      v->at = json_object_get_int_member_with_default (o, "at", 0);
      g_ptr_array_add (state->verdicts, v);
    }

  a = array_member (root, "frozenCards");
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    g_hash_table_add (state->frozen_cards,
                      GUINT_TO_POINTER ((guint32) json_array_get_int_element (a, i) + 1));

  return TRUE;
}

/* Saving */

/**
 * fp_sandbox_state_save:
 * @scoped_key: (nullable): the Idempotency-Key of the write just answered,
 *   scoped by customer; its record is saved with what the write changed
 * @fingerprint: (nullable): the request's fingerprint
 * @response: (nullable): the first answer
 *
 * Saves what changed since the last save, in one transaction: customer
 * states, the write's record, the ids handed out, the booked days, the
 * clock. Nothing without a store.
 */
void
fp_sandbox_state_save (FpSandboxServer   *self,
                       const char        *scoped_key,
                       const char        *fingerprint,
                       FpSandboxResponse *response)
{
  g_autoptr(GError) error = NULL;
  FpSandboxBank *bank = self->bank;
  gint32 last_day = fp_bank_data_get_last_day (bank->data);
  GHashTableIter iter;
  gpointer key, value;
  gboolean dirty = scoped_key != NULL || last_day != self->saved_last_day ||
                   self->clock_offset != self->saved_clock_offset;

  if (self->store == NULL)
    return;
  g_hash_table_iter_init (&iter, bank->customers);
  while (!dirty && g_hash_table_iter_next (&iter, NULL, &value))
    dirty = ((FpSandboxCustomerState *) value)->dirty;
  if (!dirty)
    return;

  if (!fp_sandbox_store_begin (self->store, &error))
    goto failed;
  g_hash_table_iter_init (&iter, bank->customers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      FpSandboxCustomerState *state = value;
      g_autofree char *json = NULL;

      if (!state->dirty)
        continue;
      json = fp_sandbox_customer_state_to_json (state);
      if (!fp_sandbox_store_put_customer (self->store, GPOINTER_TO_UINT (key), json, &error))
        goto rollback;
    }
  if (scoped_key != NULL &&
      !fp_sandbox_store_put_idempotent (self->store, scoped_key, fingerprint, response->status,
                                        response->content_type, response->body->str, response->body->len,
                                        response->location, &error))
    goto rollback;
  if (!fp_sandbox_store_set_int (self->store, "next_id", (gint64) bank->next_id, &error) ||
      !fp_sandbox_store_set_int (self->store, "last_booked_day", last_day, &error) ||
      !fp_sandbox_store_set_int (self->store, "clock_offset", self->clock_offset, &error) ||
      !fp_sandbox_store_commit (self->store, &error))
    goto rollback;

  g_hash_table_iter_init (&iter, bank->customers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((FpSandboxCustomerState *) value)->dirty = FALSE;
  self->saved_last_day = last_day;
  self->saved_clock_offset = self->clock_offset;
  return;

rollback:
  fp_sandbox_store_rollback (self->store);
failed:
  g_warning ("Could not save the sandbox's state: %s", error->message);
}

/* Loading */

static void
load_customer_cb (guint       customer,
                  const char *json,
                  gpointer    user_data)
{
  FpSandboxServer *self = user_data;
  g_autoptr(GError) error = NULL;

  if (fp_bank_data_get_customer (self->bank->data, customer) == NULL ||
      !fp_sandbox_customer_state_load (fp_sandbox_bank_customer (self->bank, customer), json, &error))
    g_warning ("A saved state of customer %u is unreadable and was left out: %s", customer,
               error != NULL ? error->message : "no such customer");
}

static void
load_idempotent_cb (const char *scoped_key,
                    const char *fingerprint,
                    guint       status,
                    const char *content_type,
                    const char *body,
                    gsize       body_len,
                    const char *location,
                    gpointer    user_data)
{
  fp_sandbox_server_add_idempotent (user_data, scoped_key, fingerprint, status, content_type,
                                    body, body_len, location);
}

static void
load_token_cb (const char *hash,
               const char *kind,
               guint       customer,
               const char *scope,
               gint64      expires,
               guint       family,
               gboolean    used,
               gpointer    user_data)
{
  FpSandboxServer *self = user_data;

  fp_sandbox_oauth_load_token (self->oauth, hash, kind, customer, scope, expires, family, used);
}

static void
load_family_cb (guint    family,
                gpointer user_data)
{
  FpSandboxServer *self = user_data;

  fp_sandbox_oauth_load_revoked_family (self->oauth, family);
}

/**
 * fp_sandbox_server_use_store:
 * @store: (transfer full): the state saved earlier, or a new one
 *
 * Brings back what @store holds (customer states, tokens, Idempotency-Key
 * records, the ids handed out, the clock, the days booked) and saves what
 * changes from now on. Call it before the server listens.
 */
gboolean
fp_sandbox_server_use_store (FpSandboxServer  *self,
                             FpSandboxStore   *store,
                             GError          **error)
{
  gint64 value;

  g_return_val_if_fail (FP_IS_SANDBOX_SERVER (self), FALSE);
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (self->store == NULL, FALSE);

  self->store = store;
  if (fp_sandbox_store_get_int (store, "next_id", &value))
    self->bank->next_id = (guint64) MAX (value, 1);
  if (fp_sandbox_store_get_int (store, "clock_offset", &value))
    self->clock_offset = value;
  if (fp_sandbox_store_get_int (store, "last_booked_day", &value) &&
      value > fp_bank_data_get_last_day (self->bank->data) &&
      fp_bank_data_get_last_day (self->bank->data) != G_MININT32 &&
      !fp_bank_data_advance (self->bank->data, (gint32) value, NULL, error))
    return FALSE;
  fp_sandbox_oauth_set_store (self->oauth, store);
  if (!fp_sandbox_store_load (store, load_customer_cb, load_idempotent_cb, load_token_cb, load_family_cb,
                              self, error))
    return FALSE;
  self->saved_last_day = fp_bank_data_get_last_day (self->bank->data);
  self->saved_clock_offset = self->clock_offset;
  return TRUE;
}
