/* fp-sandbox-consents.c
 *
 * What a customer can change at the bank: consents per purpose (granted,
 * revoked, expired; an append-only history; a signed receipt for every
 * change), feedback on offers, and privacy requests (export of all data,
 * erasure). Each customer's state is reached only through the customer of
 * the access token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-consents"

#include "config.h"

#include <string.h>

#include "fp-sandbox-private.h"

/* Receipts are signed with a documented key: this is a test bank. */
#define RECEIPT_KEY "finpersona-sandbox-receipts"

#define MAX_FEEDBACK 1000
#define MAX_CONSENTS 1000

static const char *const purposes[] = {
  "personalization", "genai", "marketing", "open_banking", "product_improvement", NULL,
};

static void
consent_free (gpointer data)
{
  Consent *c = data;

  g_free (c->id);
  g_free (c->purpose);
  g_free (c->status);
  g_free (c->policy_version);
  g_free (c->receipt_id);
  g_free (c->signature);
  g_free (c);
}

static void
event_free (gpointer data)
{
  ConsentEvent *e = data;

  g_free (e->id);
  g_free (e->consent_id);
  g_free (e->purpose);
  g_free (e->action);
  g_free (e->status);
  g_free (e->receipt_id);
  g_free (e->signature);
  g_free (e);
}

static void
feedback_free (gpointer data)
{
  Feedback *f = data;

  g_free (f->id);
  g_free (f->offer_id);
  g_free (f->reaction);
  g_strfreev (f->reasons);
  g_free (f);
}

static void
privacy_free (gpointer data)
{
  PrivacyRequest *p = data;

  g_free (p->id);
  g_free (p->status);
  g_free (p);
}

void
fp_sandbox_customer_state_free (gpointer data)
{
  FpSandboxCustomerState *state = data;

  g_ptr_array_set_free_func (state->consents, consent_free);
  g_ptr_array_set_free_func (state->history, event_free);
  g_ptr_array_set_free_func (state->feedback, feedback_free);
  g_ptr_array_set_free_func (state->privacy, privacy_free);
  g_ptr_array_unref (state->consents);
  g_ptr_array_unref (state->history);
  g_ptr_array_unref (state->feedback);
  g_ptr_array_unref (state->privacy);
  g_ptr_array_unref (state->verdicts);
  g_hash_table_unref (state->frozen_cards);
  g_clear_pointer (&state->loan_applications, g_ptr_array_unref);
  g_free (state);
}

static char *
new_id (FpSandboxBank *bank,
        const char    *prefix)
{
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT, prefix, bank->next_id++);
}

static void
write_timestamp (FpJsonWriter *w,
                 const char   *key,
                 gint64        unix_seconds)
{
  g_autofree char *text = fp_json_format_timestamp (unix_seconds);

  fp_json_kv_string (w, key, text);
}

static gboolean
parse_timestamp (const char *text,
                 gint64     *out)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || strlen (text) > 40)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* Receipts */

static char *
sign_receipt (guint       customer,
              const char *receipt_id,
              const char *consent_id,
              const char *purpose,
              const char *status,
              gint64      at)
{
  g_autofree char *at_text = fp_json_format_timestamp (at);
  g_autofree char *message = g_strdup_printf ("%u|%s|%s|%s|%s|%s", customer, receipt_id,
                                              consent_id, purpose, status, at_text);

  return g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) RECEIPT_KEY,
                                    strlen (RECEIPT_KEY), message, -1);
}

static void
write_receipt (FpJsonWriter *w,
               const char   *receipt_id,
               const char   *consent_id,
               const char   *purpose,
               const char   *status,
               gint64        at,
               const char   *signature)
{
  fp_json_key (w, "receipt");
  fp_json_begin_object (w);
  fp_json_kv_string (w, "receiptId", receipt_id);
  fp_json_kv_string (w, "consentId", consent_id);
  fp_json_kv_string (w, "purpose", purpose);
  fp_json_kv_string (w, "status", status);
  write_timestamp (w, "issuedAt", at);
  fp_json_kv_string (w, "algorithm", "HMAC-SHA256");
  fp_json_kv_string (w, "signature", signature);
  fp_json_end_object (w);
}

static void
expire_consents (FpSandboxBank          *bank,
                 guint                   customer,
                 FpSandboxCustomerState *state,
                 gint64                  now)
{
  for (guint i = 0; i < state->consents->len; i++)
    {
      Consent *c = g_ptr_array_index (state->consents, i);
      ConsentEvent *e;

      if (strcmp (c->status, "Authorised") != 0 || c->expires == 0 || now < c->expires)
        continue;
      g_free (c->status);
      c->status = g_strdup ("Expired");
      c->updated = c->expires;
      g_free (c->receipt_id);
      g_free (c->signature);
      c->receipt_id = new_id (bank, "rcp_");
      c->signature = sign_receipt (customer, c->receipt_id, c->id, c->purpose, c->status, c->updated);

      e = g_new0 (ConsentEvent, 1);
      e->id = new_id (bank, "evt_");
      e->consent_id = g_strdup (c->id);
      e->purpose = g_strdup (c->purpose);
      e->action = g_strdup ("expired");
      e->status = g_strdup (c->status);
      e->at = c->updated;
      e->receipt_id = g_strdup (c->receipt_id);
      e->signature = g_strdup (c->signature);
      g_ptr_array_add (state->history, e);
      state->dirty = TRUE;
    }
}

static void
write_consent (FpJsonWriter  *w,
               const Consent *c)
{
  fp_json_begin_object (w);
  fp_json_kv_string (w, "consentId", c->id);
  fp_json_kv_string (w, "purpose", c->purpose);
  fp_json_kv_string (w, "status", c->status);
  fp_json_kv_string (w, "policyVersion", c->policy_version);
  write_timestamp (w, "creationDateTime", c->created);
  write_timestamp (w, "statusUpdateDateTime", c->updated);
  if (c->expires != 0)
    write_timestamp (w, "expirationDateTime", c->expires);
  write_receipt (w, c->receipt_id, c->id, c->purpose, c->status, c->updated, c->signature);
  fp_json_end_object (w);
}

static void
record_event (FpSandboxBank          *bank,
              FpSandboxCustomerState *state,
              const Consent          *c,
              const char             *action)
{
  ConsentEvent *e = g_new0 (ConsentEvent, 1);

  e->id = new_id (bank, "evt_");
  e->consent_id = g_strdup (c->id);
  e->purpose = g_strdup (c->purpose);
  e->action = g_strdup (action);
  e->status = g_strdup (c->status);
  e->at = c->updated;
  e->receipt_id = g_strdup (c->receipt_id);
  e->signature = g_strdup (c->signature);
  g_ptr_array_add (state->history, e);
  state->dirty = TRUE;
}

static FpSandboxResponse *
consent_response (guint          status,
                  const Consent *c)
{
  GString *out = g_string_new (NULL);
  FpJsonWriter w;
  FpSandboxResponse *r;

  fp_json_writer_init (&w, out);
  write_consent (&w, c);
  r = fp_sandbox_json_response (status, out);
  if (status == SOUP_STATUS_CREATED)
    r->location = g_strconcat ("/v1/consents/", c->id, NULL);
  return r;
}

static FpSandboxResponse *
grant_consent (FpSandboxRequest       *req,
               FpSandboxCustomerState *state)
{
  static const char *const allowed[] = { "purpose", "policyVersion", "expirationDateTime", NULL };
  FpSandboxBank *bank = req->self->bank;
  JsonObject *o = json_node_get_object (req->json);
  FpSandboxResponse *problem = NULL;
  JsonNode *node;
  const char *purpose, *policy = "2026-01";
  gint64 expires = 0;
  Consent *c;

  if (!fp_sandbox_check_members (o, allowed, &problem))
    return problem;
  node = json_object_get_member (o, "purpose");
  if (node == NULL)
    return fp_sandbox_invalid ("/purpose", "purpose is required.");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fp_sandbox_invalid ("/purpose", "purpose must be a string.");
  purpose = json_node_get_string (node);
  if (!g_strv_contains (purposes, purpose))
    return fp_sandbox_invalid ("/purpose", "Unknown purpose.");
  if ((node = json_object_get_member (o, "policyVersion")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || strlen (json_node_get_string (node)) == 0 || strlen (json_node_get_string (node)) > 32)
        return fp_sandbox_invalid ("/policyVersion", "policyVersion must be a string of 1 to 32 characters.");
      policy = json_node_get_string (node);
    }
  if ((node = json_object_get_member (o, "expirationDateTime")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || !parse_timestamp (json_node_get_string (node), &expires))
        return fp_sandbox_invalid ("/expirationDateTime", "expirationDateTime must be an RFC 3339 date-time.");
      if (expires <= req->now)
        return fp_sandbox_invalid ("/expirationDateTime", "expirationDateTime must be in the future.");
    }

  for (guint i = 0; i < state->consents->len; i++)
    {
      Consent *old = g_ptr_array_index (state->consents, i);

      if (strcmp (old->purpose, purpose) == 0 && strcmp (old->status, "Authorised") == 0)
        return fp_sandbox_problem (SOUP_STATUS_CONFLICT, "consent-exists", "Consent exists",
                                   "This purpose already has an authorised consent; revoke it first.",
                                   FP_SANDBOX_PTR_BODY, "/purpose");
    }
  if (state->consents->len >= MAX_CONSENTS)
    return fp_sandbox_problem (SOUP_STATUS_UNPROCESSABLE_ENTITY, "too-many", "Too many consents",
                               NULL, FP_SANDBOX_PTR_BODY, NULL);

  c = g_new0 (Consent, 1);
  c->id = new_id (bank, "cns_");
  c->purpose = g_strdup (purpose);
  c->status = g_strdup ("Authorised");
  c->policy_version = g_strdup (policy);
  c->created = c->updated = req->now;
  c->expires = expires;
  c->receipt_id = new_id (bank, "rcp_");
  c->signature = sign_receipt ((guint) req->customer, c->receipt_id, c->id, c->purpose,
                               c->status, c->updated);
  g_ptr_array_add (state->consents, c);
  record_event (bank, state, c, "granted");
  return consent_response (SOUP_STATUS_CREATED, c);
}

static Consent *
find_consent (FpSandboxCustomerState *state,
              const char             *id)
{
  for (guint i = 0; i < state->consents->len; i++)
    {
      Consent *c = g_ptr_array_index (state->consents, i);

      if (strcmp (c->id, id) == 0)
        return c;
    }
  return NULL;
}

static FpSandboxResponse *
revoke_consent (FpSandboxRequest       *req,
                FpSandboxCustomerState *state,
                Consent                *c)
{
  static const char *const allowed[] = { "reason", NULL };
  FpSandboxBank *bank = req->self->bank;
  FpSandboxResponse *problem = NULL;

  if (req->json != NULL && !fp_sandbox_check_members (json_node_get_object (req->json), allowed, &problem))
    return problem;
  if (strcmp (c->status, "Authorised") != 0)
    return fp_sandbox_problem (SOUP_STATUS_CONFLICT, "consent-not-authorised",
                               "Consent not authorised",
                               "Only an authorised consent can be revoked.",
                               FP_SANDBOX_PTR_BODY, NULL);
  g_free (c->status);
  c->status = g_strdup ("Revoked");
  c->updated = req->now;
  g_free (c->receipt_id);
  g_free (c->signature);
  c->receipt_id = new_id (bank, "rcp_");
  c->signature = sign_receipt ((guint) req->customer, c->receipt_id, c->id, c->purpose,
                               c->status, c->updated);
  record_event (bank, state, c, "revoked");
  return consent_response (SOUP_STATUS_OK, c);
}

/**
 * fp_sandbox_customer_has_consent:
 *
 * Returns: whether @customer has an authorised consent for @purpose now.
 */
gboolean
fp_sandbox_customer_has_consent (FpSandboxBank *bank,
                                 guint          customer,
                                 const char    *purpose,
                                 gint64         now)
{
  FpSandboxCustomerState *state = fp_sandbox_bank_customer (bank, customer);

  expire_consents (bank, customer, state, now);
  for (guint i = 0; i < state->consents->len; i++)
    {
      Consent *c = g_ptr_array_index (state->consents, i);

      if (strcmp (c->purpose, purpose) == 0 && strcmp (c->status, "Authorised") == 0)
        return TRUE;
    }
  return FALSE;
}

FpSandboxResponse *
fp_sandbox_handle_consents (FpSandboxRequest *req)
{
  FpSandboxBank *bank = req->self->bank;
  FpSandboxCustomerState *state = fp_sandbox_bank_customer (bank, (guint) req->customer);
  gboolean get = strcmp (req->method, "GET") == 0;
  gboolean post = strcmp (req->method, "POST") == 0;
  GString *out;
  FpJsonWriter w;
  Consent *c;

  expire_consents (bank, (guint) req->customer, state, req->now);

  if (req->n_segments == 2)
    {
      req->route = "/v1/consents";
      if (post)
        return grant_consent (req, state);
      if (!get)
        return fp_sandbox_method_not_allowed ();
      out = g_string_new (NULL);
      fp_json_writer_init (&w, out);
      fp_json_begin_object (&w);
      fp_json_key (&w, "consents");
      fp_json_begin_array (&w);
      for (guint i = 0; i < state->consents->len; i++)
        write_consent (&w, g_ptr_array_index (state->consents, i));
      fp_json_end_array (&w);
      fp_json_end_object (&w);
      return fp_sandbox_json_response (SOUP_STATUS_OK, out);
    }

  if (req->n_segments == 3 && strcmp (req->segments[2], "history") == 0)
    {
      req->route = "/v1/consents/history";
      if (!get)
        return fp_sandbox_method_not_allowed ();
      out = g_string_new (NULL);
      fp_json_writer_init (&w, out);
      fp_json_begin_object (&w);
      fp_json_key (&w, "events");
      fp_json_begin_array (&w);
      for (guint i = 0; i < state->history->len; i++)
        {
          ConsentEvent *e = g_ptr_array_index (state->history, i);

          fp_json_begin_object (&w);
          fp_json_kv_string (&w, "eventId", e->id);
          fp_json_kv_string (&w, "consentId", e->consent_id);
          fp_json_kv_string (&w, "purpose", e->purpose);
          fp_json_kv_string (&w, "action", e->action);
          fp_json_kv_string (&w, "status", e->status);
          write_timestamp (&w, "at", e->at);
          write_receipt (&w, e->receipt_id, e->consent_id, e->purpose, e->status, e->at, e->signature);
          fp_json_end_object (&w);
        }
      fp_json_end_array (&w);
      fp_json_end_object (&w);
      return fp_sandbox_json_response (SOUP_STATUS_OK, out);
    }

  if (req->n_segments < 3 || req->n_segments > 4)
    return fp_sandbox_not_found ();
  req->route = req->n_segments == 3 ? "/v1/consents/{consentId}" : "/v1/consents/{consentId}/revoke";
  c = find_consent (state, req->segments[2]);
  if (c == NULL)
    return fp_sandbox_not_found ();
  if (req->n_segments == 3)
    {
      if (!get)
        return fp_sandbox_method_not_allowed ();
      return consent_response (SOUP_STATUS_OK, c);
    }
  if (strcmp (req->segments[3], "revoke") != 0)
    return fp_sandbox_not_found ();
  if (!post)
    return fp_sandbox_method_not_allowed ();
  return revoke_consent (req, state, c);
}

/* Feedback */

static void
write_feedback (FpJsonWriter   *w,
                const Feedback *f)
{
  fp_json_begin_object (w);
  fp_json_kv_string (w, "feedbackId", f->id);
  fp_json_kv_string (w, "offerId", f->offer_id);
  fp_json_kv_string (w, "reaction", f->reaction);
  fp_json_key (w, "reasons");
  fp_json_begin_array (w);
  for (guint i = 0; f->reasons[i] != NULL; i++)
    fp_json_string (w, f->reasons[i]);
  fp_json_end_array (w);
  write_timestamp (w, "receivedAt", f->at);
  fp_json_end_object (w);
}

FpSandboxResponse *
fp_sandbox_handle_feedback (FpSandboxRequest *req)
{
  static const char *const allowed[] = { "offerId", "reaction", "reasons", NULL };
  static const char *const reactions[] = { "interested", "not_for_me", "dismissed", NULL };
  static const char *const reason_codes[] = {
    "rate_too_high", "amount_too_low", "amount_too_high", "term_not_suitable",
    "not_needed_now", "values_mismatch", "too_risky", "not_relevant", "other", NULL,
  };
  FpSandboxBank *bank = req->self->bank;
  FpSandboxCustomerState *state = fp_sandbox_bank_customer (bank, (guint) req->customer);
  FpSandboxResponse *problem = NULL, *r;
  GString *out;
  FpJsonWriter w;
  JsonObject *o;
  JsonNode *node;
  JsonArray *reasons = NULL;
  g_autoptr(GPtrArray) reason_list = NULL;
  Feedback *f;

  if (req->n_segments != 2)
    return fp_sandbox_not_found ();
  req->route = "/v1/feedback";

  if (strcmp (req->method, "GET") == 0)
    {
      out = g_string_new (NULL);
      fp_json_writer_init (&w, out);
      fp_json_begin_object (&w);
      fp_json_key (&w, "feedback");
      fp_json_begin_array (&w);
      for (guint i = 0; i < state->feedback->len; i++)
        write_feedback (&w, g_ptr_array_index (state->feedback, i));
      fp_json_end_array (&w);
      fp_json_end_object (&w);
      return fp_sandbox_json_response (SOUP_STATUS_OK, out);
    }
  if (strcmp (req->method, "POST") != 0)
    return fp_sandbox_method_not_allowed ();

  o = json_node_get_object (req->json);
  if (!fp_sandbox_check_members (o, allowed, &problem))
    return problem;
  node = json_object_get_member (o, "offerId");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fp_sandbox_invalid ("/offerId", "offerId is required and must be a string.");
  if (!fp_sandbox_catalogue_has_offer (json_node_get_string (node)))
    return fp_sandbox_problem (SOUP_STATUS_UNPROCESSABLE_ENTITY, "unknown-offer", "Unknown offer",
                               "offerId names no offer of the catalogue.", FP_SANDBOX_PTR_BODY, "/offerId");
  node = json_object_get_member (o, "reaction");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
      || !g_strv_contains (reactions, json_node_get_string (node)))
    return fp_sandbox_invalid ("/reaction", "reaction must be interested, not_for_me or dismissed.");
  reason_list = g_ptr_array_new ();
  if ((node = json_object_get_member (o, "reasons")) != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) > 9)
        return fp_sandbox_invalid ("/reasons", "reasons must be an array of at most 9 reason codes.");
      reasons = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (reasons); i++)
        {
          JsonNode *e = json_array_get_element (reasons, i);

          if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING
              || !g_strv_contains (reason_codes, json_node_get_string (e)))
            {
              g_autofree char *pointer = g_strdup_printf ("/reasons/%u", i);

              return fp_sandbox_invalid (pointer, "Unknown reason code.");
            }
          g_ptr_array_add (reason_list, (gpointer) json_node_get_string (e));
        }
    }
  if (state->feedback->len >= MAX_FEEDBACK)
    return fp_sandbox_problem (SOUP_STATUS_UNPROCESSABLE_ENTITY, "too-many", "Too much feedback",
                               NULL, FP_SANDBOX_PTR_BODY, NULL);

  f = g_new0 (Feedback, 1);
  f->id = new_id (bank, "fbk_");
  f->offer_id = g_strdup (json_object_get_string_member (o, "offerId"));
  f->reaction = g_strdup (json_object_get_string_member (o, "reaction"));
  g_ptr_array_add (reason_list, NULL);
  f->reasons = g_strdupv ((GStrv) reason_list->pdata);
  f->at = req->now;
  g_ptr_array_add (state->feedback, f);
  state->dirty = TRUE;

  out = g_string_new (NULL);
  fp_json_writer_init (&w, out);
  write_feedback (&w, f);
  r = fp_sandbox_json_response (SOUP_STATUS_CREATED, out);
  return r;
}

/* Privacy */

static void
write_privacy (FpJsonWriter         *w,
               const PrivacyRequest *p)
{
  fp_json_begin_object (w);
  fp_json_kv_string (w, "requestId", p->id);
  fp_json_kv_string (w, "kind", p->erasure ? "erasure" : "export");
  fp_json_kv_string (w, "status", p->status);
  write_timestamp (w, "requestedAt", p->requested);
  if (p->completed != 0)
    write_timestamp (w, "completedAt", p->completed);
  if (p->erasure)
    /* GDPR Art. 12(3): one month. */
    write_timestamp (w, "dueBy", p->requested + 30 * 24 * 3600);
  else
    {
      g_autofree char *url = g_strconcat ("/v1/privacy/export-requests/", p->id, "/data", NULL);

      fp_json_kv_string (w, "downloadUrl", url);
    }
  fp_json_end_object (w);
}

static PrivacyRequest *
find_privacy (FpSandboxCustomerState *state,
              const char             *id,
              gboolean                erasure)
{
  for (guint i = 0; i < state->privacy->len; i++)
    {
      PrivacyRequest *p = g_ptr_array_index (state->privacy, i);

      if (p->erasure == erasure && strcmp (p->id, id) == 0)
        return p;
    }
  return NULL;
}

static FpSandboxResponse *
export_data (FpSandboxRequest       *req,
             FpSandboxCustomerState *state)
{
  FpBankData *data = req->self->bank->data;
  guint32 customer = (guint32) req->customer;
  const guint32 *ids;
  guint n = 0;
  GString *out = g_string_new (NULL);
  FpJsonWriter w;

  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  write_timestamp (&w, "generatedAt", req->now);
  fp_json_key (&w, "customer");
  fp_sandbox_write_customer (&w, fp_bank_data_get_customer (data, customer));
  fp_json_key (&w, "accounts");
  fp_json_begin_array (&w);
  ids = fp_bank_data_get_customer_accounts (data, customer, &n);
  for (guint i = 0; i < n; i++)
    fp_sandbox_write_account (&w, data, fp_bank_data_get_account (data, ids[i]));
  fp_json_end_array (&w);
  fp_json_key (&w, "cards");
  fp_json_begin_array (&w);
  ids = fp_bank_data_get_customer_cards (data, customer, &n);
  for (guint i = 0; i < n; i++)
    {
      const FpBankCard *card = fp_bank_data_get_card (data, ids[i]);

      fp_sandbox_write_card (&w, card, fp_sandbox_card_is_frozen (req->self->bank, card));
    }
  fp_json_end_array (&w);
  fp_json_key (&w, "consents");
  fp_json_begin_array (&w);
  for (guint i = 0; i < state->consents->len; i++)
    write_consent (&w, g_ptr_array_index (state->consents, i));
  fp_json_end_array (&w);
  fp_json_key (&w, "feedback");
  fp_json_begin_array (&w);
  for (guint i = 0; i < state->feedback->len; i++)
    write_feedback (&w, g_ptr_array_index (state->feedback, i));
  fp_json_end_array (&w);
  /* Transactions are many: the export points at the change feed. */
  fp_json_kv_string (&w, "transactionsUrl", "/v1/transactions");
  fp_json_end_object (&w);
  return fp_sandbox_json_response (SOUP_STATUS_OK, out);
}

FpSandboxResponse *
fp_sandbox_handle_privacy (FpSandboxRequest *req)
{
  static const char *const export_allowed[] = { "format", NULL };
  static const char *const erasure_allowed[] = { "scope", "reason", NULL };
  FpSandboxBank *bank = req->self->bank;
  FpSandboxCustomerState *state = fp_sandbox_bank_customer (bank, (guint) req->customer);
  gboolean erasure;
  PrivacyRequest *p;
  GString *out;
  FpJsonWriter w;
  FpSandboxResponse *r, *problem = NULL;

  if (req->n_segments < 3)
    return fp_sandbox_not_found ();
  if (strcmp (req->segments[2], "export-requests") == 0)
    erasure = FALSE;
  else if (strcmp (req->segments[2], "erasure-requests") == 0)
    erasure = TRUE;
  else
    return fp_sandbox_not_found ();

  if (req->n_segments == 3)
    {
      JsonObject *o;
      JsonNode *node;

      req->route = erasure ? "/v1/privacy/erasure-requests" : "/v1/privacy/export-requests";
      if (strcmp (req->method, "POST") != 0)
        return fp_sandbox_method_not_allowed ();
      o = json_node_get_object (req->json);
      if (!fp_sandbox_check_members (o, erasure ? erasure_allowed : export_allowed, &problem))
        return problem;
      if (!erasure && (node = json_object_get_member (o, "format")) != NULL
          && (!JSON_NODE_HOLDS_VALUE (node) || g_strcmp0 (json_node_get_string (node), "json") != 0))
        return fp_sandbox_invalid ("/format", "The only export format is json.");
      if (erasure && (node = json_object_get_member (o, "scope")) != NULL
          && (!JSON_NODE_HOLDS_VALUE (node) || g_strcmp0 (json_node_get_string (node), "all") != 0))
        return fp_sandbox_invalid ("/scope", "The only erasure scope is all.");
      if (erasure && (node = json_object_get_member (o, "reason")) != NULL
          && (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
              || strlen (json_node_get_string (node)) > 200))
        return fp_sandbox_invalid ("/reason", "reason must be a string of at most 200 characters.");
      if (state->privacy->len >= MAX_CONSENTS)
        return fp_sandbox_problem (SOUP_STATUS_UNPROCESSABLE_ENTITY, "too-many", "Too many requests",
                                   NULL, FP_SANDBOX_PTR_BODY, NULL);

      p = g_new0 (PrivacyRequest, 1);
      p->id = new_id (bank, erasure ? "era_" : "exp_");
      p->erasure = erasure;
      p->requested = req->now;
      /* The sandbox prepares exports at once; erasure waits for the bank's
       * legal review, which a sandbox never finishes. */
      p->status = g_strdup (erasure ? "Received" : "Completed");
      p->completed = erasure ? 0 : req->now;
      g_ptr_array_add (state->privacy, p);
      state->dirty = TRUE;

      out = g_string_new (NULL);
      fp_json_writer_init (&w, out);
      write_privacy (&w, p);
      r = fp_sandbox_json_response (SOUP_STATUS_ACCEPTED, out);
      r->location = g_strconcat ("/v1/privacy/", req->segments[2], "/", p->id, NULL);
      return r;
    }

  req->route = erasure ? "/v1/privacy/erasure-requests/{requestId}"
                       : "/v1/privacy/export-requests/{requestId}";
  p = find_privacy (state, req->segments[3], erasure);
  if (p == NULL || req->n_segments > 5)
    return fp_sandbox_not_found ();
  if (strcmp (req->method, "GET") != 0)
    return fp_sandbox_method_not_allowed ();
  if (req->n_segments == 5)
    {
      if (erasure || strcmp (req->segments[4], "data") != 0)
        return fp_sandbox_not_found ();
      req->route = "/v1/privacy/export-requests/{requestId}/data";
      return export_data (req, state);
    }
  out = g_string_new (NULL);
  fp_json_writer_init (&w, out);
  write_privacy (&w, p);
  return fp_sandbox_json_response (SOUP_STATUS_OK, out);
}
