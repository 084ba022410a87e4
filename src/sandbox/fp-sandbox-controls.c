/* fp-sandbox-controls.c
 *
 * What a customer tells the bank about their cards and transactions: a
 * card frozen or unfrozen (idempotent in effect too: freezing a frozen
 * card changes nothing and answers with the same card), and the verdict on
 * an alert, "mine" or "not_mine" (one per transaction; a later verdict
 * replaces it). Both are writes with an Idempotency-Key, checked by the
 * server before they get here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-controls"

#include "config.h"

#include <string.h>

#include "fp-sandbox-private.h"

void
fp_sandbox_verdict_free (gpointer data)
{
  FpSandboxVerdict *v = data;

  g_free (v->id);
  g_free (v->verdict);
  g_free (v);
}

/* Card controls */

FpSandboxResponse *
fp_sandbox_handle_card_control (FpSandboxRequest *req,
                                const FpBankCard *card)
{
  static const char * const allowed[] = { NULL };
  FpSandboxBank *bank = req->self->bank;
  FpSandboxCustomerState *state = fp_sandbox_bank_customer (bank, (guint) req->customer);
  gboolean freeze = g_str_has_suffix (req->route, "/freeze");
  gpointer key = GUINT_TO_POINTER (card->id + 1);
  FpSandboxResponse *problem = NULL;
  gboolean changed;
  GString *out;
  FpJsonWriter w;

  if (req->json != NULL && !fp_sandbox_check_members (json_node_get_object (req->json), allowed, &problem))
    return problem;

  if (freeze)
    changed = g_hash_table_add (state->frozen_cards, key);
  else
    changed = g_hash_table_remove (state->frozen_cards, key);
  if (changed)
    {
      req->self->n_card_controls++;
      state->dirty = TRUE;
    }

  out = g_string_new (NULL);
  fp_json_writer_init (&w, out);
  fp_sandbox_write_card (&w, card, freeze);
  return fp_sandbox_json_response (SOUP_STATUS_OK, out);
}

/* Verdicts */

static FpSandboxVerdict *
find_verdict (FpSandboxCustomerState *state,
              guint32                 txn)
{
  for (guint i = 0; i < state->verdicts->len; i++)
    {
      FpSandboxVerdict *v = g_ptr_array_index (state->verdicts, i);

      if (v->txn == txn)
        return v;
    }
  return NULL;
}

static FpSandboxResponse *
verdict_response (guint                   status,
                  const FpSandboxVerdict *v)
{
  GString *out = g_string_new (NULL);
  g_autofree char *at = fp_json_format_timestamp (v->at);
  char txn[32];
  FpJsonWriter w;

  g_snprintf (txn, sizeof txn, "txn_%u", v->txn);
  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "verdictId", v->id);
  fp_json_kv_string (&w, "transactionId", txn);
  fp_json_kv_string (&w, "verdict", v->verdict);
  fp_json_kv_string (&w, "receivedAt", at);
  fp_json_end_object (&w);
  return fp_sandbox_json_response (status, out);
}

FpSandboxResponse *
fp_sandbox_handle_verdict (FpSandboxRequest        *req,
                           const FpBankTransaction *txn)
{
  static const char * const allowed[] = { "verdict", NULL };
  static const char * const verdicts[] = { "mine", "not_mine", NULL };
  FpSandboxBank *bank = req->self->bank;
  FpSandboxCustomerState *state = fp_sandbox_bank_customer (bank, (guint) req->customer);
  FpSandboxVerdict *v = find_verdict (state, txn->id);
  FpSandboxResponse *problem = NULL, *r;
  JsonObject *o;
  JsonNode *node;

  if (strcmp (req->method, "GET") == 0)
    {
      if (v == NULL)
        return fp_sandbox_problem (SOUP_STATUS_NOT_FOUND, "not-found", "Not found",
                                   "There is no verdict on this transaction.",
                                   FP_SANDBOX_PTR_BODY, NULL);
      return verdict_response (SOUP_STATUS_OK, v);
    }

  o = json_node_get_object (req->json);
  if (!fp_sandbox_check_members (o, allowed, &problem))
    return problem;
  node = json_object_get_member (o, "verdict");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
      || !g_strv_contains (verdicts, json_node_get_string (node)))
    return fp_sandbox_invalid ("/verdict", "verdict must be mine or not_mine.");

  if (v == NULL)
    {
      v = g_new0 (FpSandboxVerdict, 1);
      v->txn = txn->id;
      g_ptr_array_add (state->verdicts, v);
    }
  g_free (v->id);
  g_free (v->verdict);
  v->id = fp_sandbox_bank_new_id (bank, "vrd_");
  v->verdict = g_strdup (json_node_get_string (node));
  v->at = req->now;
  state->dirty = TRUE;
  req->self->n_verdicts++;

  r = verdict_response (SOUP_STATUS_CREATED, v);
  r->location = g_strdup_printf ("/v1/transactions/txn_%u/verdict", txn->id);
  return r;
}
