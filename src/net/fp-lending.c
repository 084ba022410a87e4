/* fp-lending.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loan application (`POST /v1/loan-applications`): a structure the
 * customer fitted on the device and confirmed goes to the bank, which
 * answers with its decision, approved or declined with its reasons in
 * words.
 *
 * An application is sent at most once. It is a direct call, not an outbox
 * item: it is sent only while the customer is there to confirm it and to
 * read the decision, never later from a queue when their circumstances may
 * have changed. The caller makes one Idempotency-Key per confirmation and
 * keeps it: the HTTP client's retries and a "Try Again" after a lost reply
 * send the same key, and the bank answers with its first decision instead
 * of deciding twice. Only a new confirmation gets a new key.
 *
 * The reply is size-capped and depth-checked before json-glib reads it,
 * then checked strictly against the contract's LoanApplication (no unknown
 * member, every required one, the decision about the application sent).
 */

#define G_LOG_DOMAIN "fp-lending"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-keyring.h"
#include "fp-lending.h"
#include "fp-money.h"
#include "fp-net-error.h"

#define MAX_MESSAGE_CHARS 1000
#define MAX_ID_CHARS      64

/**
 * fp_loan_decision_free:
 * @decision: (nullable): a decision
 */
void
fp_loan_decision_free (FpLoanDecision *decision)
{
  if (decision == NULL)
    return;
  for (guint i = 0; i < decision->n_reasons; i++)
    {
      g_free (decision->reasons[i].code);
      g_free (decision->reasons[i].message);
    }
  g_free (decision->reasons);
  g_free (decision->application_id);
  g_free (decision->offer_id);
  g_free (decision->currency);
  g_free (decision);
}

static gboolean
currency_ok (const char *currency)
{
  return currency != NULL && strlen (currency) == 3 && g_ascii_isupper (currency[0]) &&
         g_ascii_isupper (currency[1]) && g_ascii_isupper (currency[2]);
}

static gboolean
offer_id_ok (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > MAX_ID_CHARS)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/**
 * fp_loan_application_to_json:
 * @request: a confirmed structure
 * @error: a #GError
 *
 * The contract's LoanApplicationRequest for @request, with
 * `"confirmed": true`.
 *
 * Returns: (transfer full) (nullable): the JSON body, or %NULL for a
 *   request the contract does not allow
 */
char *
fp_loan_application_to_json (const FpLoanApplicationRequest  *request,
                             GError                         **error)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *amount = NULL;
  const char *purpose;

  g_return_val_if_fail (request != NULL, NULL);

  purpose = fp_loan_purpose_to_id (request->purpose);
  if (!offer_id_ok (request->offer_id) || purpose == NULL || !currency_ok (request->currency) ||
      request->amount_minor <= 0 || request->amount_minor > FP_LOAN_MAX_AMOUNT_MINOR ||
      request->term_months < 1 || request->term_months > FP_LOAN_MAX_MONTHS)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                           _("This loan cannot be applied for: its amount, term or purpose is not valid."));
      return NULL;
    }

  amount = fp_money_to_decimal (request->amount_minor);
  b = json_builder_new_immutable ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "offerId");
  json_builder_add_string_value (b, request->offer_id);
  json_builder_set_member_name (b, "purpose");
  json_builder_add_string_value (b, purpose);
  json_builder_set_member_name (b, "amount");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "amount");
  json_builder_add_string_value (b, amount);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, request->currency);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "termMonths");
  json_builder_add_int_value (b, request->term_months);
  json_builder_set_member_name (b, "confirmed");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* Strict reading of a reply */

static gboolean
only_members (JsonObject        *o,
              const char *const *allowed)
{
  g_autoptr(GList) names = json_object_get_members (o);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_debug ("decision: unknown member %s", (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gboolean
int_member (JsonObject *o,
            const char *name,
            gint64      min,
            gint64      max,
            gint64     *out)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (n);
  return *out >= min && *out <= max;
}

/* A Money object: exactly "-?digits.dd" and a currency. */
static gboolean
money_member (JsonObject  *o,
              const char  *name,
              gint64      *out_minor,
              const char **out_currency)
{
  static const char *const members[] = { "amount", "currency", NULL };
  JsonNode *n = json_object_get_member (o, name);
  JsonObject *m;
  const char *amount, *currency;

  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    return FALSE;
  m = json_node_get_object (n);
  amount = string_member (m, "amount");
  currency = string_member (m, "currency");
  if (!only_members (m, members) || amount == NULL || !currency_ok (currency) ||
      !g_regex_match_simple ("^-?[0-9]{1,15}\\.[0-9]{2}$", amount, 0, 0) ||
      !fp_money_parse (amount, out_minor, NULL))
    return FALSE;
  *out_currency = currency;
  return TRUE;
}

static gboolean
reason_code_ok (const char *code)
{
  static const char *const codes[] = {
    "amount_out_of_range", "term_not_offered", "credit_score", "debt_to_income",
    "payment_to_income", "no_income", NULL,
  };

  return code != NULL && g_strv_contains (codes, code);
}

static gboolean
read_reasons (JsonObject     *o,
              FpLoanDecision *d)
{
  static const char *const members[] = { "code", "message", NULL };
  JsonNode *n = json_object_get_member (o, "reasons");
  JsonArray *a;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return FALSE;
  a = json_node_get_array (n);
  if (json_array_get_length (a) > FP_LENDING_MAX_REASONS)
    return FALSE;
  d->reasons = g_new0 (FpLoanDecisionReason, MAX (1, json_array_get_length (a)));
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonObject *r;
      const char *code, *message;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return FALSE;
      r = json_node_get_object (e);
      code = string_member (r, "code");
      message = string_member (r, "message");
      if (!only_members (r, members) || !reason_code_ok (code) || message == NULL || *message == '\0' ||
          g_utf8_strlen (message, -1) > MAX_MESSAGE_CHARS)
        return FALSE;
      d->reasons[i].code = g_strdup (code);
      d->reasons[i].message = g_strdup (message);
      d->n_reasons = i + 1;
    }
  return TRUE;
}

static gboolean
read_decision (JsonObject     *o,
               FpLoanDecision *d)
{
  static const char *const members[] = {
    "applicationId", "offerId", "purpose", "amount", "termMonths", "status", "riskBand", "aprBps",
    "monthlyPayment", "reasons", "decidedAt", NULL,
  };
  const char *id = string_member (o, "applicationId");
  const char *offer = string_member (o, "offerId");
  const char *status = string_member (o, "status");
  const char *band = string_member (o, "riskBand");
  const char *at = string_member (o, "decidedAt");
  const char *currency = NULL;
  g_autoptr(GDateTime) when = NULL;
  gint64 v;

  if (!only_members (o, members) || id == NULL || strlen (id) > MAX_ID_CHARS ||
      !g_regex_match_simple ("^lap_[0-9]+$", id, 0, 0) || !offer_id_ok (offer) ||
      !fp_loan_purpose_from_id (string_member (o, "purpose"), &d->purpose) ||
      !money_member (o, "amount", &d->amount_minor, &currency) ||
      !int_member (o, "termMonths", 1, FP_LOAN_MAX_MONTHS, &v) ||
      (g_strcmp0 (status, "approved") != 0 && g_strcmp0 (status, "declined") != 0) ||
      band == NULL || !g_regex_match_simple ("^[A-E]$", band, 0, 0) ||
      at == NULL || !g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$", at, 0, 0) ||
      (when = g_date_time_new_from_iso8601 (at, NULL)) == NULL)
    return FALSE;

  d->application_id = g_strdup (id);
  d->offer_id = g_strdup (offer);
  d->currency = g_strdup (currency);
  d->term_months = (guint) v;
  d->approved = g_str_equal (status, "approved");
  d->risk_band = band[0];
  d->decided_at = g_date_time_to_unix (when);
  d->rate_bps = -1;

  if (!read_reasons (o, d))
    return FALSE;

  if (d->approved)
    {
      const char *payment_currency = NULL;

      /* An approved loan carries its rate and payment and no reason. */
      if (d->n_reasons != 0 || !int_member (o, "aprBps", 0, FP_LOAN_MAX_RATE_BPS, &v) ||
          !money_member (o, "monthlyPayment", &d->monthly_payment_minor, &payment_currency) ||
          d->monthly_payment_minor <= 0 || g_strcmp0 (payment_currency, d->currency) != 0)
        return FALSE;
      d->rate_bps = (gint32) v;
    }
  else if (d->n_reasons == 0 || json_object_has_member (o, "aprBps") ||
           json_object_has_member (o, "monthlyPayment"))
    {
      /* A decline says why, in words, and prices nothing. */
      return FALSE;
    }
  return TRUE;
}

/**
 * fp_loan_decision_parse:
 * @json: the bank's reply
 * @len: its length
 * @request: (nullable): the application it must answer
 * @error: a #GError
 *
 * Reads a LoanApplication strictly: size cap, depth check, no unknown
 * member, every required one, and, with @request, the same offer,
 * purpose, amount, currency and term as the application sent.
 *
 * Returns: (transfer full) (nullable): the decision
 */
FpLoanDecision *
fp_loan_decision_parse (const char                      *json,
                        gsize                            len,
                        const FpLoanApplicationRequest  *request,
                        GError                         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(FpLoanDecision) d = NULL;

  root = fp_json_parse_guarded (json, len, FP_LENDING_MAX_REPLY_BYTES, error);
  if (root == NULL)
    return NULL;

  d = g_new0 (FpLoanDecision, 1);
  if (!JSON_NODE_HOLDS_OBJECT (root) || !read_decision (json_node_get_object (root), d))
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                           _("The bank’s answer to the application could not be read. Ask the bank about its decision before you apply again."));
      return NULL;
    }

  if (request != NULL &&
      (g_strcmp0 (d->offer_id, request->offer_id) != 0 || d->purpose != request->purpose ||
       d->amount_minor != request->amount_minor || g_strcmp0 (d->currency, request->currency) != 0 ||
       d->term_months != request->term_months))
    {
      g_debug ("decision %s is not about the application sent", d->application_id);
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                           _("The bank answered about another application. Ask the bank about its decision before you apply again."));
      return NULL;
    }
  return g_steal_pointer (&d);
}

/**
 * fp_lending_apply:
 * @http: a signed-in client of the bank
 * @request: the structure the customer confirmed
 * @idempotency_key: the key of this confirmation; send the same key again
 *   to learn the decision of an application whose reply was lost
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Applies for @request and reads the bank's decision. Blocks.
 *
 * Returns: (transfer full) (nullable): the decision
 */
FpLoanDecision *
fp_lending_apply (FpHttpClient                    *http,
                  const FpLoanApplicationRequest  *request,
                  const char                      *idempotency_key,
                  GCancellable                    *cancellable,
                  GError                         **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(FpHttpReply) reply = NULL;
  const char *data;
  gsize len = 0;

  g_return_val_if_fail (FP_IS_HTTP_CLIENT (http), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (idempotency_key != NULL && *idempotency_key != '\0', NULL);

  json = fp_loan_application_to_json (request, error);
  if (json == NULL)
    return NULL;
  len = strlen (json);
  body = g_bytes_new_take (g_steal_pointer (&json), len);

  reply = fp_http_client_send (http, "POST", "v1/loan-applications", "application/json", body,
                               idempotency_key, NULL, FP_LENDING_MAX_REPLY_BYTES, cancellable, error);
  if (reply == NULL)
    return NULL;
  if (reply->status != 201 || reply->body == NULL ||
      g_strcmp0 (reply->content_type, "application/json") != 0)
    {
      g_debug ("application: HTTP %u, %s", reply->status,
               reply->content_type != NULL ? reply->content_type : "no content type");
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                           _("The bank’s answer to the application could not be read. Ask the bank about its decision before you apply again."));
      return NULL;
    }
  data = g_bytes_get_data (reply->body, &len);
  return fp_loan_decision_parse (data, len, request, error);
}

/* Asynchronously, through the session */

typedef struct {
  char                     *base_url;
  char                     *token;
  char                     *key;
  char                     *offer_id;
  char                     *currency;
  FpLoanApplicationRequest  request;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_free (data->base_url);
  fp_keyring_free_token (data->token);
  g_free (data->key);
  g_free (data->offer_id);
  g_free (data->currency);
  g_free (data);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyData *data = task_data;
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(GError) error = NULL;
  FpLoanDecision *decision;

  http = fp_http_client_new (data->base_url, &error);
  if (http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  fp_http_client_set_access_token (http, data->token);
  decision = fp_lending_apply (http, &data->request, data->key, cancellable, &error);
  if (decision == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, decision, (GDestroyNotify) fp_loan_decision_free);
}

/**
 * fp_lending_apply_async:
 * @session: the session (its bank and its sign-in)
 * @request: the structure the customer confirmed (copied)
 * @idempotency_key: the key of this confirmation (see fp_lending_apply())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the decision or an error
 * @user_data: data for @callback
 *
 * fp_lending_apply() in a worker thread, with the session's bank and
 * access token. Fails at once, without a request, when no one is signed
 * in.
 */
void
fp_lending_apply_async (FpSession                      *session,
                        const FpLoanApplicationRequest *request,
                        const char                     *idempotency_key,
                        GCancellable                   *cancellable,
                        GAsyncReadyCallback             callback,
                        gpointer                        user_data)
{
  g_autoptr(GTask) task = NULL;
  FpSyncEngine *engine;
  ApplyData *data;
  char *token;

  g_return_if_fail (FP_IS_SESSION (session));
  g_return_if_fail (request != NULL);
  g_return_if_fail (idempotency_key != NULL && *idempotency_key != '\0');

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_lending_apply_async);
  g_task_set_name (task, "[finpersona] loan application");

  engine = fp_session_get_sync_engine (session);
  token = engine != NULL ? fp_sync_engine_dup_access_token (engine) : NULL;
  if (token == NULL || fp_session_get_bank_url (session) == NULL)
    {
      fp_keyring_free_token (token);
      g_task_return_new_error (task, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED,
                               _("Please sign in to your bank."));
      return;
    }

  data = g_new0 (ApplyData, 1);
  data->base_url = g_strdup (fp_session_get_bank_url (session));
  data->token = token;
  data->key = g_strdup (idempotency_key);
  data->offer_id = g_strdup (request->offer_id);
  data->currency = g_strdup (request->currency);
  data->request = *request;
  data->request.offer_id = data->offer_id;
  data->request.currency = data->currency;
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);
  g_task_run_in_thread (task, apply_thread);
}

/**
 * fp_lending_apply_finish:
 * @session: the session
 * @result: the result given to the callback
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the bank's decision
 */
FpLoanDecision *
fp_lending_apply_finish (FpSession     *session,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, session), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
