/* fp-proxy-bank.c
 *
 * Who may ask, as the bank says:
 *
 *  1. The access token is introspected at the bank (RFC 7662, POST
 *     oauth/introspect), the proxy authenticating as a confidential client
 *     with HTTP Basic (client_secret_basic). An active token's answer is
 *     kept until the token expires, and at most --token-cache-seconds
 *     (5 minutes) so that a revoked token stops working within that time;
 *     an inactive one for 10 seconds. Tokens are kept as SHA-256 hashes
 *     only.
 *  2. The customer's consents are read at the bank with the customer's own
 *     token (GET v1/consents): only an `Authorised` consent for `genai`
 *     lets a request through. The answer is kept --consent-cache-seconds
 *     (30 s): long enough that a conversation's bursts cost the bank one
 *     call, short enough that a withdrawal takes effect within half a
 *     minute, as GDPR's "as easy to withdraw as to give" asks.
 *  3. With the consent, the customer's name and address (GET v1/customer)
 *     prime the PII scan, kept as long as the consent answer.
 *
 * Lookups of the same token at the same time share one round trip. If the
 * bank cannot be asked, nothing is let through (fail closed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-proxy-bank"

#include "config.h"

#include <string.h>

#include "fp-endpoint.h"
#include "fp-proxy-bank.h"
#include "fp-proxy-error.h"
#include "fp-proxy-http.h"

#define MAX_REPLY_BYTES   (64 * 1024)
#define NEGATIVE_CACHE_US (10 * G_USEC_PER_SEC)
#define MAX_ENTRIES       50000

struct _FpProxyBank
{
  GObject      parent_instance;

  char        *bank_url;
  char        *basic_auth;       /* wiped on finalize */
  gint64       consent_ttl_us;
  gint64       token_ttl_us;
  SoupSession *session;
  GHashTable  *tokens;           /* sha256(token) → TokenEntry */
  GHashTable  *customers;        /* subject → CustomerEntry */
  GHashTable  *pending;          /* sha256(token) → Lookup */
  guint64      n_calls;
};

G_DEFINE_FINAL_TYPE (FpProxyBank, fp_proxy_bank, G_TYPE_OBJECT)

typedef struct {
  gboolean active;
  char    *subject;
  gint64   expires;       /* seconds since the epoch */
  gint64   until_us;      /* real time */
} TokenEntry;

typedef struct {
  gboolean consent;
  GStrv    names;
  GStrv    addresses;
  gint64   until_us;
} CustomerEntry;

typedef struct {
  FpProxyBank *self;
  char        *key;
  char        *token;
  char        *subject;
  gint64       expires;
  GPtrArray   *waiters;   /* GTask */
} Lookup;

void
fp_proxy_principal_free (FpProxyPrincipal *principal)
{
  if (principal == NULL)
    return;
  g_free (principal->subject);
  g_strfreev (principal->names);
  g_strfreev (principal->addresses);
  g_free (principal);
}

static void
token_entry_free (gpointer data)
{
  TokenEntry *e = data;

  g_free (e->subject);
  g_free (e);
}

static void
customer_entry_free (gpointer data)
{
  CustomerEntry *e = data;

  g_strfreev (e->names);
  g_strfreev (e->addresses);
  g_free (e);
}

static void
lookup_free (Lookup *l)
{
  g_object_unref (l->self);
  g_free (l->key);
  if (l->token != NULL)
    memset (l->token, 0, strlen (l->token));
  g_free (l->token);
  g_free (l->subject);
  g_ptr_array_unref (l->waiters);
  g_free (l);
}

static char *
token_key (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static void
prune (GHashTable *table,
       gsize       offset)
{
  GHashTableIter iter;
  gpointer value;
  gint64 now = g_get_real_time ();

  if (g_hash_table_size (table) < MAX_ENTRIES)
    return;
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (G_STRUCT_MEMBER (gint64, value, offset) <= now)
      g_hash_table_iter_remove (&iter);
  /* Still full of live entries: start over rather than grow without end. */
  if (g_hash_table_size (table) >= MAX_ENTRIES)
    g_hash_table_remove_all (table);
}

/* Ending a lookup: every waiter hears the same answer. */
static void
finish (Lookup       *l,
        const GError *error)
{
  FpProxyBank *self = l->self;
  CustomerEntry *customer = l->subject != NULL ? g_hash_table_lookup (self->customers, l->subject) : NULL;

  for (guint i = 0; i < l->waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (l->waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        {
          FpProxyPrincipal *p = g_new0 (FpProxyPrincipal, 1);

          p->subject = g_strdup (l->subject);
          p->expires = l->expires;
          p->genai_consent = customer != NULL && customer->consent;
          p->names = g_strdupv (customer != NULL ? customer->names : NULL);
          p->addresses = g_strdupv (customer != NULL ? customer->addresses : NULL);
          if (p->names == NULL)
            p->names = g_new0 (char *, 1);
          if (p->addresses == NULL)
            p->addresses = g_new0 (char *, 1);
          g_task_return_pointer (task, p, (GDestroyNotify) fp_proxy_principal_free);
        }
    }
  g_hash_table_remove (self->pending, l->key);
  lookup_free (l);
}

static void
finish_with (Lookup     *l,
             FpProxyError code,
             const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (FP_PROXY_ERROR, code, message);

  finish (l, error);
}

static SoupMessage *
bank_request (FpProxyBank *self,
              const char  *method,
              const char  *path,
              const char  *bearer)
{
  g_autofree char *url = g_strconcat (self->bank_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (bearer != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", bearer, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }
  self->n_calls++;
  return msg;
}

/* Step 3: the profile */

static void
customer_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  Lookup *l = data;
  FpProxyBank *self = l->self;
  SoupMessage *msg = SOUP_MESSAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = fp_proxy_http_fetch_finish (result, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) addresses = g_strv_builder_new ();
  CustomerEntry *entry;
  JsonObject *o;

  root = body != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK
         ? fp_proxy_http_parse_json (body, MAX_REPLY_BYTES) : NULL;
  if (root == NULL)
    {
      g_debug ("the bank's customer reply was refused (HTTP %u)", soup_message_get_status (msg));
      finish_with (l, FP_PROXY_ERROR_BANK, "The bank's profile could not be read");
      return;
    }
  o = json_node_get_object (root);
  if (json_object_has_member (o, "name") && JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "name"))
      && json_node_get_value_type (json_object_get_member (o, "name")) == G_TYPE_STRING)
    g_strv_builder_add (names, json_object_get_string_member (o, "name"));
  if (json_object_has_member (o, "address") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "address")))
    {
      JsonObject *a = json_object_get_object_member (o, "address");
      JsonNode *line = json_object_get_member (a, "addressLine");
      JsonNode *town = json_object_get_member (a, "townName");

      if (line != NULL && JSON_NODE_HOLDS_VALUE (line) && json_node_get_value_type (line) == G_TYPE_STRING)
        {
          g_autofree char *full = NULL;

          if (town != NULL && JSON_NODE_HOLDS_VALUE (town) && json_node_get_value_type (town) == G_TYPE_STRING)
            full = g_strdup_printf ("%s, %s", json_node_get_string (line), json_node_get_string (town));
          else
            full = g_strdup (json_node_get_string (line));
          g_strv_builder_add (addresses, full);
        }
    }

  prune (self->customers, G_STRUCT_OFFSET (CustomerEntry, until_us));
  entry = g_new0 (CustomerEntry, 1);
  entry->consent = TRUE;
  entry->names = g_strv_builder_end (names);
  entry->addresses = g_strv_builder_end (addresses);
  entry->until_us = g_get_real_time () + self->consent_ttl_us;
  g_hash_table_replace (self->customers, g_strdup (l->subject), entry);
  finish (l, NULL);
}

/* Step 2: the consents */

static gboolean
has_genai_consent (JsonNode *root)
{
  JsonNode *list = json_object_get_member (json_node_get_object (root), "consents");
  JsonArray *consents;

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return FALSE;
  consents = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (consents); i++)
    {
      JsonNode *c = json_array_get_element (consents, i);
      JsonNode *purpose, *status;

      if (!JSON_NODE_HOLDS_OBJECT (c))
        continue;
      purpose = json_object_get_member (json_node_get_object (c), "purpose");
      status = json_object_get_member (json_node_get_object (c), "status");
      if (purpose != NULL && status != NULL && JSON_NODE_HOLDS_VALUE (purpose) && JSON_NODE_HOLDS_VALUE (status)
          && json_node_get_value_type (purpose) == G_TYPE_STRING
          && json_node_get_value_type (status) == G_TYPE_STRING
          && strcmp (json_node_get_string (purpose), "genai") == 0
          && strcmp (json_node_get_string (status), "Authorised") == 0)
        return TRUE;
    }
  return FALSE;
}

static void
consents_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  Lookup *l = data;
  FpProxyBank *self = l->self;
  SoupMessage *msg = SOUP_MESSAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = fp_proxy_http_fetch_finish (result, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SoupMessage) next = NULL;
  guint status = soup_message_get_status (msg);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      finish_with (l, FP_PROXY_ERROR_UNAUTHORIZED, "The bank refused the access token");
      return;
    }
  root = body != NULL && status == SOUP_STATUS_OK ? fp_proxy_http_parse_json (body, MAX_REPLY_BYTES) : NULL;
  if (root == NULL)
    {
      g_debug ("the bank's consents reply was refused (HTTP %u)", status);
      finish_with (l, FP_PROXY_ERROR_BANK, "The bank's consents could not be read");
      return;
    }
  if (!has_genai_consent (root))
    {
      CustomerEntry *entry = g_new0 (CustomerEntry, 1);

      prune (self->customers, G_STRUCT_OFFSET (CustomerEntry, until_us));
      entry->until_us = g_get_real_time () + self->consent_ttl_us;
      g_hash_table_replace (self->customers, g_strdup (l->subject), entry);
      finish (l, NULL);
      return;
    }

  next = bank_request (self, "GET", "v1/customer", l->token);
  fp_proxy_http_fetch_async (self->session, next, MAX_REPLY_BYTES, NULL, customer_cb, l);
}

static void
check_customer (Lookup *l)
{
  FpProxyBank *self = l->self;
  CustomerEntry *entry = g_hash_table_lookup (self->customers, l->subject);
  g_autoptr(SoupMessage) msg = NULL;

  if (entry != NULL && entry->until_us > g_get_real_time ())
    {
      finish (l, NULL);
      return;
    }
  msg = bank_request (self, "GET", "v1/consents", l->token);
  fp_proxy_http_fetch_async (self->session, msg, MAX_REPLY_BYTES, NULL, consents_cb, l);
}

/* Step 1: introspection */

static gboolean
subject_ok (const char *subject)
{
  gsize len = strlen (subject);

  if (len == 0 || len > 128)
    return FALSE;
  for (const char *p = subject; *p != '\0'; p++)
    if ((guchar) *p < 0x21 || (guchar) *p > 0x7e)
      return FALSE;
  return TRUE;
}

static void
introspect_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  Lookup *l = data;
  FpProxyBank *self = l->self;
  SoupMessage *msg = SOUP_MESSAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = fp_proxy_http_fetch_finish (result, &error);
  g_autoptr(JsonNode) root = NULL;
  gint64 now = g_get_real_time ();
  TokenEntry *entry;
  JsonObject *o;
  JsonNode *active, *sub, *exp;

  if (body == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK
      || (root = fp_proxy_http_parse_json (body, MAX_REPLY_BYTES)) == NULL)
    {
      /* 401 here means the proxy's own client credentials are wrong. */
      g_warning ("Token introspection failed (HTTP %u%s%s)", soup_message_get_status (msg),
                 error != NULL ? ", " : "", error != NULL ? error->message : "");
      finish_with (l, FP_PROXY_ERROR_BANK, "The bank could not check the access token");
      return;
    }
  o = json_node_get_object (root);
  active = json_object_get_member (o, "active");
  sub = json_object_get_member (o, "sub");
  exp = json_object_get_member (o, "exp");
  if (active == NULL || !JSON_NODE_HOLDS_VALUE (active) || json_node_get_value_type (active) != G_TYPE_BOOLEAN)
    {
      finish_with (l, FP_PROXY_ERROR_BANK, "The bank's introspection answer has no active member");
      return;
    }

  prune (self->tokens, G_STRUCT_OFFSET (TokenEntry, until_us));
  entry = g_new0 (TokenEntry, 1);
  entry->active = json_node_get_boolean (active)
                  && sub != NULL && JSON_NODE_HOLDS_VALUE (sub) && json_node_get_value_type (sub) == G_TYPE_STRING
                  && subject_ok (json_node_get_string (sub))
                  && exp != NULL && JSON_NODE_HOLDS_VALUE (exp) && json_node_get_value_type (exp) == G_TYPE_INT64
                  && json_node_get_int (exp) > now / G_USEC_PER_SEC;
  if (entry->active)
    {
      entry->subject = g_strdup (json_node_get_string (sub));
      entry->expires = json_node_get_int (exp);
      entry->until_us = MIN (entry->expires * G_USEC_PER_SEC, now + self->token_ttl_us);
    }
  else
    entry->until_us = now + NEGATIVE_CACHE_US;
  g_hash_table_replace (self->tokens, g_strdup (l->key), entry);

  if (!entry->active)
    {
      finish_with (l, FP_PROXY_ERROR_UNAUTHORIZED, "The access token is not active");
      return;
    }
  l->subject = g_strdup (entry->subject);
  l->expires = entry->expires;
  check_customer (l);
}

static void
start_lookup (Lookup *l)
{
  FpProxyBank *self = l->self;
  TokenEntry *entry = g_hash_table_lookup (self->tokens, l->key);
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize len;

  if (entry != NULL && entry->until_us > g_get_real_time ())
    {
      if (!entry->active)
        {
          finish_with (l, FP_PROXY_ERROR_UNAUTHORIZED, "The access token is not active");
          return;
        }
      l->subject = g_strdup (entry->subject);
      l->expires = entry->expires;
      check_customer (l);
      return;
    }

  {
    g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);

    g_hash_table_insert (form, (gpointer) "token", l->token);
    g_hash_table_insert (form, (gpointer) "token_type_hint", (gpointer) "access_token");
    encoded = soup_form_encode_hash (form);
  }
  len = strlen (encoded);
  body = g_bytes_new_take (g_steal_pointer (&encoded), len);
  msg = bank_request (self, "POST", "oauth/introspect", NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", self->basic_auth);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  fp_proxy_http_fetch_async (self->session, msg, MAX_REPLY_BYTES, NULL, introspect_cb, l);
}

/* GObject */

static void
fp_proxy_bank_dispose (GObject *object)
{
  FpProxyBank *self = FP_PROXY_BANK (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (fp_proxy_bank_parent_class)->dispose (object);
}

static void
fp_proxy_bank_finalize (GObject *object)
{
  FpProxyBank *self = FP_PROXY_BANK (object);

  g_free (self->bank_url);
  if (self->basic_auth != NULL)
    memset (self->basic_auth, 0, strlen (self->basic_auth));
  g_free (self->basic_auth);
  g_hash_table_unref (self->tokens);
  g_hash_table_unref (self->customers);
  g_hash_table_unref (self->pending);

  G_OBJECT_CLASS (fp_proxy_bank_parent_class)->finalize (object);
}

static void
fp_proxy_bank_class_init (FpProxyBankClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fp_proxy_bank_dispose;
  object_class->finalize = fp_proxy_bank_finalize;
}

static void
fp_proxy_bank_init (FpProxyBank *self)
{
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, token_entry_free);
  self->customers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, customer_entry_free);
  self->pending = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * fp_proxy_bank_new:
 * @config: the proxy's configuration (bank URL, client, cache times)
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the bank's side of the proxy
 */
FpProxyBank *
fp_proxy_bank_new (const FpProxyConfig  *config,
                   GError              **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *url = NULL;
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *pair = NULL;
  g_autofree char *b64 = NULL;
  FpProxyBank *self;

  g_return_val_if_fail (config != NULL, NULL);

  url = config->bank_url != NULL ? fp_endpoint_normalize (config->bank_url, &local) : NULL;
  if (url == NULL || *url == '\0')
    {
      g_set_error (error, FP_PROXY_ERROR, FP_PROXY_ERROR_CONFIG,
                   "--bank-url must be https, or http on loopback%s%s",
                   local != NULL ? ": " : "", local != NULL ? local->message : "");
      return NULL;
    }
  if (config->client_id == NULL || *config->client_id == '\0'
      || config->client_secret == NULL || *config->client_secret == '\0')
    {
      g_set_error_literal (error, FP_PROXY_ERROR, FP_PROXY_ERROR_CONFIG,
                           "The proxy needs its client id and secret at the bank for token introspection");
      return NULL;
    }

  self = g_object_new (FP_TYPE_PROXY_BANK, NULL);
  self->bank_url = g_steal_pointer (&url);
  self->consent_ttl_us = MAX (config->consent_cache_seconds, 0) * G_USEC_PER_SEC;
  self->token_ttl_us = MAX (config->token_cache_seconds, 0) * G_USEC_PER_SEC;
  self->session = fp_proxy_http_session_new (self->bank_url, 32, 10);

  /* RFC 6749 2.3.1: both form-urlencoded before base64. */
  id = g_uri_escape_string (config->client_id, NULL, FALSE);
  secret = g_uri_escape_string (config->client_secret, NULL, FALSE);
  pair = g_strconcat (id, ":", secret, NULL);
  b64 = g_base64_encode ((const guchar *) pair, strlen (pair));
  self->basic_auth = g_strconcat ("Basic ", b64, NULL);
  memset (secret, 0, strlen (secret));
  memset (pair, 0, strlen (pair));
  memset (b64, 0, strlen (b64));
  return self;
}

/**
 * fp_proxy_bank_check_async:
 * @self: the bank
 * @access_token: the customer's bearer token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the principal or an #FpProxyError
 * @user_data: data for @callback
 *
 * Introspects the token, then reads the GenAI consent (and, with it, the
 * profile), each from its cache when fresh.
 */
void
fp_proxy_bank_check_async (FpProxyBank         *self,
                           const char          *access_token,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  g_autofree char *key = NULL;
  Lookup *l;

  g_return_if_fail (FP_IS_PROXY_BANK (self));
  g_return_if_fail (access_token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_proxy_bank_check_async);
  g_task_set_check_cancellable (task, TRUE);

  key = token_key (access_token);
  l = g_hash_table_lookup (self->pending, key);
  if (l != NULL)
    {
      g_ptr_array_add (l->waiters, task);
      return;
    }
  l = g_new0 (Lookup, 1);
  l->self = g_object_ref (self);
  l->key = g_steal_pointer (&key);
  l->token = g_strdup (access_token);
  l->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (l->waiters, task);
  g_hash_table_insert (self->pending, l->key, l);
  start_lookup (l);
}

/**
 * fp_proxy_bank_check_finish:
 * @self: the bank
 * @result: the result
 * @error: a #GError: %FP_PROXY_ERROR_UNAUTHORIZED or %FP_PROXY_ERROR_BANK
 *
 * Returns: (transfer full) (nullable): who asks, and whether the bank
 *   records their GenAI consent
 */
FpProxyPrincipal *
fp_proxy_bank_check_finish (FpProxyBank   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * fp_proxy_bank_get_n_calls:
 * @self: the bank
 *
 * Returns: the requests made to the bank so far
 */
guint64
fp_proxy_bank_get_n_calls (FpProxyBank *self)
{
  g_return_val_if_fail (FP_IS_PROXY_BANK (self), 0);
  return self->n_calls;
}
