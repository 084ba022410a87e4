/* fp-sandbox-server.c
 *
 * The sandbox bank's HTTP front: a libsoup 3 server on loopback that routes
 * requests to the OAuth, resource and GenAI handlers and applies what every
 * endpoint shares: bearer authentication, rate limits, body size limits,
 * Idempotency-Key on writes and, on demand, seeded faults. Responses,
 * problem+json and the sending (ETags, faults, event streams) are in
 * fp-sandbox-response.c, the test hooks in fp-sandbox-hooks.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-server"

#include "config.h"

#include <string.h>

#include "fp-clock.h"
#include "fp-json-strict.h"
#include "fp-sandbox-private.h"
#include "fp-sandbox-soup.h"

#define MAX_JSON_DEPTH 32
#define MAX_IDEMPOTENCY_KEY 255

typedef struct {
  char  *fingerprint;
  guint  status;
  char  *content_type;
  char  *body;
  gsize  body_len;
  char  *location;
} IdempotentEntry;

typedef struct {
  gint64 window_start;
  guint  count;
} RateWindow;

G_DEFINE_FINAL_TYPE (FpSandboxServer, fp_sandbox_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (fp-sandbox-server-error-quark, fp_sandbox_server_error)

static void
idempotent_entry_free (gpointer data)
{
  IdempotentEntry *e = data;

  g_free (e->fingerprint);
  g_free (e->content_type);
  g_free (e->body);
  g_free (e->location);
  g_free (e);
}

/* Configuration */

void
fp_sandbox_config_init (FpSandboxConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->address = "127.0.0.1";
  config->today = G_MININT32;
  config->port = 0;
  config->max_body_bytes = 64 * 1024;
  config->access_token_ttl = 600;
  config->refresh_token_ttl = 30 * 24 * 3600;
  config->device_code_ttl = 600;
  config->device_interval = 5;
  config->faults.storm_length = 5;
}

/**
 * fp_sandbox_address_is_loopback:
 *
 * Returns: whether @address is an IP literal of the loopback interface.
 */
gboolean
fp_sandbox_address_is_loopback (const char *address)
{
  g_autoptr(GInetAddress) inet = NULL;

  if (address == NULL)
    return FALSE;
  inet = g_inet_address_new_from_string (address);
  return inet != NULL && g_inet_address_get_is_loopback (inet);
}

gint64
fp_sandbox_server_now (FpSandboxServer *self)
{
  return g_get_real_time () / G_USEC_PER_SEC + self->clock_offset;
}

/**
 * fp_sandbox_server_today:
 *
 * The bank's today: the configured day, or fp_clock_today () (which
 * FP_TODAY pins), moved by whole days of the test clock's offset.
 *
 * Returns: days since 1970-01-01
 */
gint32
fp_sandbox_server_today (FpSandboxServer *self)
{
  gint32 base = self->config.today != G_MININT32 ? self->config.today : fp_clock_today ();
  gint64 days = self->clock_offset >= 0 ? self->clock_offset / 86400
                                        : -((-self->clock_offset + 86399) / 86400);

  return (gint32) CLAMP (base + days, G_MININT32 + 1, G_MAXINT32);
}

/* GObject */

static void
fp_sandbox_server_finalize (GObject *object)
{
  FpSandboxServer *self = FP_SANDBOX_SERVER (object);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  fp_sandbox_drains_finish (self);
  g_clear_pointer (&self->drains, g_hash_table_unref);
  if (self->oauth != NULL)
    fp_sandbox_oauth_set_store (self->oauth, NULL);
  g_clear_pointer (&self->store, fp_sandbox_store_free);
  if (self->soup != NULL)
    fp_sandbox_soup_release (g_steal_pointer (&self->soup));
  g_clear_pointer (&self->bank, fp_sandbox_bank_free);
  g_clear_pointer (&self->oauth, fp_sandbox_oauth_free);
  g_clear_pointer (&self->idempotency, g_hash_table_unref);
  g_clear_pointer (&self->replays, g_hash_table_unref);
  g_clear_pointer (&self->rate, g_hash_table_unref);
  g_clear_pointer (&self->path_counts, g_hash_table_unref);
  g_clear_pointer (&self->fault_rand, g_rand_free);
  g_free (self->address);
  g_free (self->base_url);

  G_OBJECT_CLASS (fp_sandbox_server_parent_class)->finalize (object);
}

static void
fp_sandbox_server_class_init (FpSandboxServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fp_sandbox_server_finalize;
}

static void
fp_sandbox_server_init (FpSandboxServer *self)
{
  self->idempotency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, idempotent_entry_free);
  self->replays = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rate = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->path_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->drains = g_hash_table_new (NULL, NULL);
}

/**
 * fp_sandbox_server_new:
 * @data: (transfer full): the bank's data
 * @config: the configuration; copied
 *
 * Returns: (transfer full): a server that is not listening yet.
 */
FpSandboxServer *
fp_sandbox_server_new (FpBankData            *data,
                       const FpSandboxConfig *config)
{
  FpSandboxServer *self;
  FpSandboxOAuthTimes times;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (FP_TYPE_SANDBOX_SERVER, NULL);
  self->config = *config;
  self->address = g_strdup (config->address != NULL ? config->address : "127.0.0.1");
  self->config.address = self->address;
  self->bank = fp_sandbox_bank_new (data);
  self->fault_rand = g_rand_new_with_seed (config->faults.seed);

  times.access_token_ttl = config->access_token_ttl;
  times.refresh_token_ttl = config->refresh_token_ttl;
  times.code_ttl = 60;
  times.device_code_ttl = config->device_code_ttl;
  times.device_interval = config->device_interval;
  self->oauth = fp_sandbox_oauth_new (data, &times);
  return self;
}

const char *
fp_sandbox_server_get_base_url (FpSandboxServer *self)
{
  g_return_val_if_fail (FP_IS_SANDBOX_SERVER (self), NULL);

  return self->base_url;
}

guint
fp_sandbox_server_get_port (FpSandboxServer *self)
{
  g_return_val_if_fail (FP_IS_SANDBOX_SERVER (self), 0);

  return self->port;
}

/* Request checks */

static FpSandboxResponse *
parse_json_body (FpSandboxRequest *req)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    return fp_sandbox_problem (SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                               "Unsupported media type",
                               "The body must be application/json.",
                               FP_SANDBOX_PTR_HEADER, "Content-Type");
  /* The one strict rule of the client too (src/core/fp-json-strict.c):
   * no member name twice, no NUL, numbers in range, bounded nesting. */
  if (!fp_json_strict_check (req->body, req->body_len, MAX_JSON_DEPTH, &error))
    {
      g_autofree char *detail = g_strdup_printf ("The body is not strict JSON (RFC 8259, RFC 7493): %s.",
                                                 error->message);

      return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-json", "Invalid JSON",
                                 detail, FP_SANDBOX_PTR_BODY, "");
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, req->body, (gssize) req->body_len, &error))
    return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-json", "Invalid JSON",
                               "The body is not valid JSON.", FP_SANDBOX_PTR_BODY, "");
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-json", "Invalid JSON",
                               "The body must be a JSON object.", FP_SANDBOX_PTR_BODY, "");
  req->json = json_node_copy (json_parser_get_root (parser));
  return NULL;
}

/**
 * fp_sandbox_parse_json_body:
 *
 * Reads the request's body as a JSON object into @req->json.
 *
 * Returns: (nullable): the problem to answer with, or %NULL
 */
FpSandboxResponse *
fp_sandbox_parse_json_body (FpSandboxRequest *req)
{
  return parse_json_body (req);
}

static gboolean
idempotency_key_ok (const char *key)
{
  gsize len = strlen (key);

  if (len == 0 || len > MAX_IDEMPOTENCY_KEY)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (key[i] < 0x21 || key[i] > 0x7e)
      return FALSE;
  return TRUE;
}

static char *
request_fingerprint (FpSandboxRequest *req)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) req->method, -1);
  g_checksum_update (sum, (const guchar *) " ", 1);
  g_checksum_update (sum, (const guchar *) req->path, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) req->body, (gssize) req->body_len);
  return g_strdup (g_checksum_get_string (sum));
}

static FpSandboxResponse *
check_rate_limit (FpSandboxServer  *self,
                  FpSandboxRequest *req)
{
  g_autofree char *client = NULL;
  RateWindow *window;

  if (self->config.rate_limit == 0)
    return NULL;
  client = g_strdup_printf ("%d", req->customer);
  window = g_hash_table_lookup (self->rate, client);
  if (window == NULL)
    {
      window = g_new0 (RateWindow, 1);
      g_hash_table_insert (self->rate, g_steal_pointer (&client), window);
    }
  if (req->now - window->window_start >= 60)
    {
      window->window_start = req->now - (req->now % 60);
      window->count = 0;
    }
  if (++window->count > self->config.rate_limit)
    {
      FpSandboxResponse *r;

      self->n_rate_limited++;
      r = fp_sandbox_problem (FP_STATUS_TOO_MANY_REQUESTS, "rate-limited",
                              "Too many requests",
                              "The rate limit of this customer is exhausted; retry later.",
                              FP_SANDBOX_PTR_BODY, NULL);
      r->retry_after = g_strdup_printf ("%" G_GINT64_FORMAT,
                                        MAX (1, window->window_start + 60 - req->now));
      return r;
    }
  return NULL;
}

static void
count_path (FpSandboxServer  *self,
            FpSandboxRequest *req)
{
  g_autofree char *key = NULL;
  gpointer count;

  if (req->route == NULL)
    return;
  key = g_strdup_printf ("%s %s", req->method, req->route);
  count = g_hash_table_lookup (self->path_counts, key);
  g_hash_table_insert (self->path_counts, g_steal_pointer (&key),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
}

static FpSandboxResponse *
handle_well_known (FpSandboxServer *self)
{
  GString *out = g_string_new (NULL);
  FpJsonWriter w;
  g_autofree char *issuer = g_strndup (self->base_url, strlen (self->base_url) - 1);
  g_autofree char *authorize = g_strconcat (self->base_url, "oauth/authorize", NULL);
  g_autofree char *token = g_strconcat (self->base_url, "oauth/token", NULL);
  g_autofree char *device = g_strconcat (self->base_url, "oauth/device_authorization", NULL);
  g_autofree char *revoke = g_strconcat (self->base_url, "oauth/revoke", NULL);
  g_autofree char *introspect = g_strconcat (self->base_url, "oauth/introspect", NULL);

  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "issuer", issuer);
  fp_json_kv_string (&w, "authorization_endpoint", authorize);
  fp_json_kv_string (&w, "token_endpoint", token);
  fp_json_kv_string (&w, "device_authorization_endpoint", device);
  fp_json_kv_string (&w, "revocation_endpoint", revoke);
  fp_json_kv_string (&w, "introspection_endpoint", introspect);
  fp_json_key (&w, "code_challenge_methods_supported");
  fp_json_begin_array (&w);
  fp_json_string (&w, "S256");
  fp_json_end_array (&w);
  fp_json_key (&w, "grant_types_supported");
  fp_json_begin_array (&w);
  fp_json_string (&w, "authorization_code");
  fp_json_string (&w, "refresh_token");
  fp_json_string (&w, "urn:ietf:params:oauth:grant-type:device_code");
  fp_json_end_array (&w);
  fp_json_key (&w, "response_types_supported");
  fp_json_begin_array (&w);
  fp_json_string (&w, "code");
  fp_json_end_array (&w);
  fp_json_key (&w, "token_endpoint_auth_methods_supported");
  fp_json_begin_array (&w);
  fp_json_string (&w, "none");
  fp_json_end_array (&w);
  fp_json_end_object (&w);
  return fp_sandbox_json_response (SOUP_STATUS_OK, out);
}

static void
draw_faults (FpSandboxServer    *self,
             FpSandboxFaultDraw *draw)
{
  /* Always five draws, so the sequence does not depend on which faults
   * are switched on. */
  draw->storm = g_rand_double (self->fault_rand);
  draw->error = g_rand_double (self->fault_rand);
  draw->cut = g_rand_double (self->fault_rand);
  draw->malformed = g_rand_double (self->fault_rand);
  draw->truncate = g_rand_double (self->fault_rand);
}

static gboolean
scope_has (const char *scope,
           const char *wanted)
{
  g_auto(GStrv) scopes = NULL;

  if (scope == NULL)
    return FALSE;
  scopes = g_strsplit (scope, " ", -1);
  return g_strv_contains ((const char * const *) scopes, wanted);
}

static gboolean
is_write (const char *method)
{
  return strcmp (method, "POST") == 0 || strcmp (method, "PUT") == 0
         || strcmp (method, "PATCH") == 0 || strcmp (method, "DELETE") == 0;
}

/* Writes that need no body: deletions and card controls. */
static gboolean
body_is_optional (FpSandboxRequest *req)
{
  return strcmp (req->method, "DELETE") == 0
         || (req->n_segments == 4 && strcmp (req->segments[1], "cards") == 0
             && (strcmp (req->segments[3], "freeze") == 0 || strcmp (req->segments[3], "unfreeze") == 0));
}

static FpSandboxResponse *
handle_api (FpSandboxServer    *self,
            FpSandboxRequest   *req,
            gboolean            genai,
            FpSandboxFaultDraw *draw)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  const FpSandboxFaults *f = &self->config.faults;
  FpSandboxResponse *r;
  const char *key = NULL;
  g_autofree char *scoped_key = NULL;
  g_autofree char *fingerprint = NULL;

  draw_faults (self, draw);
  if (self->storm_left == 0 && draw->storm < f->storm_rate)
    self->storm_left = MAX (f->storm_length, 1);
  if (self->storm_left > 0)
    {
      self->storm_left--;
      self->n_fault_storm++;
      r = fp_sandbox_problem (FP_STATUS_TOO_MANY_REQUESTS, "rate-limited",
                              "Too many requests", "Injected 429 storm.",
                              FP_SANDBOX_PTR_BODY, NULL);
      r->retry_after = g_strdup ("1");
      r->no_faults = TRUE;
      return r;
    }
  if (draw->error < f->error_rate)
    {
      self->n_fault_error++;
      r = fp_sandbox_problem (SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable",
                              "Service unavailable", "Injected server error.",
                              FP_SANDBOX_PTR_BODY, NULL);
      r->retry_after = g_strdup ("1");
      r->no_faults = TRUE;
      return r;
    }

  if (auth == NULL || !g_str_has_prefix (auth, "Bearer ")
      || (req->customer = fp_sandbox_oauth_authenticate (self->oauth, auth + 7, req->now,
                                                         &req->scope)) < 0)
    {
      SoupMessageHeaders *out = soup_server_message_get_response_headers (req->msg);

      soup_message_headers_replace (out, "WWW-Authenticate",
                                    auth == NULL ? "Bearer realm=\"finpersona-sandbox\""
                                                 : "Bearer realm=\"finpersona-sandbox\", error=\"invalid_token\"");
      return fp_sandbox_problem (SOUP_STATUS_UNAUTHORIZED, "unauthorized", "Unauthorized",
                                 "A valid bearer access token is required.",
                                 FP_SANDBOX_PTR_HEADER, "Authorization");
    }

  /* The bank API needs the "accounts" scope (RFC 6750 3.1). */
  if (!genai && !scope_has (req->scope, FP_SANDBOX_API_SCOPE))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "WWW-Authenticate",
                                    "Bearer realm=\"finpersona-sandbox\", error=\"insufficient_scope\", "
                                    "scope=\"" FP_SANDBOX_API_SCOPE "\"");
      return fp_sandbox_problem (SOUP_STATUS_FORBIDDEN, "insufficient-scope", "Insufficient scope",
                                 "The access token was not granted the scope " FP_SANDBOX_API_SCOPE ".",
                                 FP_SANDBOX_PTR_HEADER, "Authorization");
    }

  if ((r = check_rate_limit (self, req)) != NULL)
    return r;

  if (genai && is_write (req->method))
    {
      /* GenAI calls change nothing at the bank: no Idempotency-Key. */
      if ((r = parse_json_body (req)) != NULL)
        return r;
    }
  else if (is_write (req->method))
    {
      IdempotentEntry *entry;

      key = soup_message_headers_get_one (headers, "Idempotency-Key");
      if (key == NULL || !idempotency_key_ok (key))
        return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "idempotency-key-required",
                                   "Idempotency-Key required",
                                   "Every write carries an Idempotency-Key of 1 to 255 visible ASCII characters.",
                                   FP_SANDBOX_PTR_HEADER, "Idempotency-Key");
      scoped_key = g_strdup_printf ("%d:%s", req->customer, key);
      fingerprint = request_fingerprint (req);
      entry = g_hash_table_lookup (self->idempotency, scoped_key);
      if (entry != NULL)
        {
          gpointer count;

          if (strcmp (entry->fingerprint, fingerprint) != 0)
            return fp_sandbox_problem (SOUP_STATUS_UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                                       "Idempotency-Key reused",
                                       "This Idempotency-Key was used with another request.",
                                       FP_SANDBOX_PTR_HEADER, "Idempotency-Key");
          count = g_hash_table_lookup (self->replays, key);
          g_hash_table_insert (self->replays, g_strdup (key),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
          r = fp_sandbox_response_new (entry->status, entry->content_type);
          g_string_append_len (r->body, entry->body, (gssize) entry->body_len);
          r->location = g_strdup (entry->location);
          soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                        "Idempotent-Replayed", "true");
          return r;
        }
      if (req->body_len > 0 || !body_is_optional (req))
        {
          if ((r = parse_json_body (req)) != NULL)
            return r;
        }
    }

  if (genai)
    r = fp_sandbox_handle_genai (req);
  else
    r = fp_sandbox_handle_resource (req);

  if (key != NULL && r->status < 500 && r->sse_events == NULL)
    {
      fp_sandbox_server_add_idempotent (self, scoped_key, fingerprint, r->status, r->content_type,
                                        r->body->str, r->body->len, r->location);
      if (r->status < 300)
        self->n_writes++;
      fp_sandbox_state_save (self, scoped_key, fingerprint, r);
    }
  else
    fp_sandbox_state_save (self, NULL, NULL, NULL);
  return r;
}

/**
 * fp_sandbox_server_add_idempotent:
 *
 * Keeps the first answer to a write under its scoped Idempotency-Key.
 */
void
fp_sandbox_server_add_idempotent (FpSandboxServer *self,
                                  const char      *scoped_key,
                                  const char      *fingerprint,
                                  guint            status,
                                  const char      *content_type,
                                  const char      *body,
                                  gsize            body_len,
                                  const char      *location)
{
  IdempotentEntry *entry = g_new0 (IdempotentEntry, 1);

  entry->fingerprint = g_strdup (fingerprint);
  entry->status = status;
  entry->content_type = g_strdup (content_type);
  entry->body = g_strndup (body, body_len);
  entry->body_len = body_len;
  entry->location = g_strdup (location);
  g_hash_table_replace (self->idempotency, g_strdup (scoped_key), entry);
}

/* Routing: every resource and the methods it has, as the contract lists
 * them ("*" is one path segment, the first match counts). A known resource
 * asked with another method is 405 with Allow, before anything else. */

typedef struct {
  const char *pattern;
  const char *allow;
} Route;

static const Route routes[] = {
  { "/.well-known/oauth-authorization-server", "GET" },
  { "/oauth/authorize", "GET, POST" },
  { "/oauth/token", "POST" },
  { "/oauth/device_authorization", "POST" },
  { "/oauth/device", "GET, POST" },
  { "/oauth/revoke", "POST" },
  { "/oauth/introspect", "POST" },
  { "/v1/customer", "GET" },
  { "/v1/accounts", "GET" },
  { "/v1/accounts/*", "GET" },
  { "/v1/accounts/*/balances", "GET" },
  { "/v1/accounts/*/holdings", "GET" },
  { "/v1/balances", "GET" },
  { "/v1/holdings", "GET" },
  { "/v1/cards", "GET" },
  { "/v1/cards/*", "GET" },
  { "/v1/cards/*/freeze", "POST" },
  { "/v1/cards/*/unfreeze", "POST" },
  { "/v1/transactions", "GET" },
  { "/v1/transactions/*", "GET" },
  { "/v1/transactions/*/verdict", "GET, POST" },
  { "/v1/offers", "GET" },
  { "/v1/offers/*", "GET" },
  { "/v1/market-data/indices", "GET" },
  { "/v1/market-data/capital-market-assumptions", "GET" },
  { "/v1/market-data/inflation", "GET" },
  { "/v1/market-data/funds", "GET" },
  { "/v1/models", "GET" },
  { "/v1/models/*", "GET" },
  { "/v1/consents", "GET, POST" },
  { "/v1/consents/history", "GET" },
  { "/v1/consents/*", "GET" },
  { "/v1/consents/*/revoke", "POST" },
  { "/v1/feedback", "GET, POST" },
  { "/v1/loan-applications", "GET, POST" },
  { "/v1/loan-applications/*", "GET" },
  { "/v1/privacy/export-requests", "POST" },
  { "/v1/privacy/export-requests/*", "GET" },
  { "/v1/privacy/export-requests/*/data", "GET" },
  { "/v1/privacy/erasure-requests", "POST" },
  { "/v1/privacy/erasure-requests/*", "GET" },
  { "/genai/v1/narratives", "POST" },
  { "/genai/v1/chat", "POST" },
};

/* The methods of the resource at @req's path, NULL for no known one. */
static const char *
route_methods (FpSandboxRequest *req)
{
  for (guint r = 0; r < G_N_ELEMENTS (routes); r++)
    {
      g_auto(GStrv) parts = g_strsplit (routes[r].pattern + 1, "/", -1);
      guint n = g_strv_length (parts);
      gboolean match = n == req->n_segments;

      for (guint i = 0; match && i < n; i++)
        match = strcmp (parts[i], "*") == 0 || strcmp (parts[i], req->segments[i]) == 0;
      if (match)
        return routes[r].allow;
    }
  return NULL;
}

static gboolean
method_in (const char *allow,
           const char *method)
{
  g_auto(GStrv) methods = g_strsplit (allow, ", ", -1);

  return g_strv_contains ((const char * const *) methods, method);
}

/* The path and the query, as libsoup decoded them, must be UTF-8. */
static FpSandboxResponse *
check_utf8 (FpSandboxRequest *req)
{
  GHashTableIter iter;
  gpointer key, value;

  if (!g_utf8_validate (req->path, -1, NULL))
    return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-request", "Invalid request",
                               "The path is not valid UTF-8 once decoded.", FP_SANDBOX_PTR_BODY, NULL);
  if (req->query == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, req->query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_utf8_validate (key, -1, NULL) || (value != NULL && !g_utf8_validate (value, -1, NULL)))
      return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-request", "Invalid request",
                                 "A query parameter is not valid UTF-8 once decoded.",
                                 FP_SANDBOX_PTR_QUERY, g_utf8_validate (key, -1, NULL) ? key : NULL);
  return NULL;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  FpSandboxServer *self = user_data;
  g_autoptr(FpSandboxResponse) response = NULL;
  g_autoptr(GBytes) body = NULL;
  g_auto(GStrv) raw_segments = NULL;
  g_autoptr(GPtrArray) segments = g_ptr_array_new ();
  FpSandboxRequest req = { 0 };
  FpSandboxFaultDraw draw = { 1, 1, 1, 1, 1 };
  gboolean faultable = FALSE;
  const char *allow;

  fp_sandbox_soup_track (server, msg);
  self->n_requests++;

  req.self = self;
  req.msg = msg;
  req.method = soup_server_message_get_method (msg);
  req.path = path;
  req.query = query;
  req.customer = -1;
  req.now = fp_sandbox_server_now (self);

  raw_segments = g_strsplit (path, "/", -1);
  for (guint i = 0; raw_segments[i] != NULL; i++)
    if (raw_segments[i][0] != '\0')
      g_ptr_array_add (segments, raw_segments[i]);
  g_ptr_array_add (segments, NULL);
  req.segments = (char **) segments->pdata;
  req.n_segments = segments->len - 1;

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  req.body = g_bytes_get_data (body, &req.body_len);
  if (req.body == NULL)
    req.body = "";

  allow = route_methods (&req);
  if (req.body_len > self->config.max_body_bytes)
    {
      response = fp_sandbox_problem (SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
                                     "Payload too large", "The request body is too large.",
                                     FP_SANDBOX_PTR_BODY, NULL);
    }
  else if ((response = check_utf8 (&req)) != NULL)
    ;
  else if (allow != NULL && !method_in (allow, req.method))
    {
      g_autofree char *detail = g_strdup_printf ("This resource answers %s.", allow);

      response = fp_sandbox_problem (SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed",
                                     "Method not allowed", detail, FP_SANDBOX_PTR_BODY, NULL);
    }
  else if (req.n_segments >= 1 && strcmp (req.segments[0], "oauth") == 0)
    {
      response = fp_sandbox_handle_oauth (&req);
      response->no_faults = TRUE;
    }
  else if (strcmp (path, "/.well-known/oauth-authorization-server") == 0)
    response = handle_well_known (self);
  else if (req.n_segments >= 1 && strcmp (req.segments[0], "_sandbox") == 0
           && self->config.test_hooks)
    response = fp_sandbox_handle_hooks (self, &req);
  else if (req.n_segments >= 1 && strcmp (req.segments[0], "v1") == 0)
    {
      faultable = TRUE;
      response = handle_api (self, &req, FALSE, &draw);
    }
  else if (req.n_segments >= 2 && strcmp (req.segments[0], "genai") == 0
           && strcmp (req.segments[1], "v1") == 0)
    {
      faultable = TRUE;
      response = handle_api (self, &req, TRUE, &draw);
    }
  else
    response = fp_sandbox_not_found ();

  if (response->status == SOUP_STATUS_METHOD_NOT_ALLOWED && response->allow == NULL && allow != NULL)
    response->allow = g_strdup (allow);
  count_path (self, &req);
  fp_sandbox_send_response (self, msg, response, faultable ? &draw : NULL);
  g_clear_pointer (&req.json, json_node_unref);
}

/**
 * fp_sandbox_server_listen:
 *
 * Opens the socket, serving https when the configuration names a TLS
 * certificate and key. The address must be loopback unless the
 * configuration allows remote clients.
 */
gboolean
fp_sandbox_server_listen (FpSandboxServer  *self,
                          GError          **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  SoupServerListenOptions options = 0;
  GSList *uris;

  g_return_val_if_fail (FP_IS_SANDBOX_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  inet = g_inet_address_new_from_string (self->address);
  if (inet == NULL)
    {
      g_set_error (error, FP_SANDBOX_SERVER_ERROR, FP_SANDBOX_SERVER_ERROR_INVALID,
                   "“%s” is not an IP address", self->address);
      return FALSE;
    }
  if (!g_inet_address_get_is_loopback (inet) && !self->config.allow_remote)
    {
      g_set_error (error, FP_SANDBOX_SERVER_ERROR, FP_SANDBOX_SERVER_ERROR_NOT_LOOPBACK,
                   "“%s” is not a loopback address and the sandbox has no TLS; "
                   "allow remote clients explicitly", self->address);
      return FALSE;
    }
  if (self->config.port > 65535)
    {
      g_set_error (error, FP_SANDBOX_SERVER_ERROR, FP_SANDBOX_SERVER_ERROR_INVALID,
                   "port %u is out of range", self->config.port);
      return FALSE;
    }

  /* https with a certificate and key given as PEM files (tests make them
   * with openssl). */
  if (self->config.tls_certificate != NULL || self->config.tls_key != NULL)
    {
      certificate = g_tls_certificate_new_from_files (self->config.tls_certificate,
                                                      self->config.tls_key, &local_error);
      if (certificate == NULL)
        {
          g_set_error (error, FP_SANDBOX_SERVER_ERROR, FP_SANDBOX_SERVER_ERROR_INVALID,
                       "Cannot use the TLS certificate: %s", local_error->message);
          return FALSE;
        }
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }

  self->soup = soup_server_new ("server-header", "finpersona-sandbox ",
                                "tls-certificate", certificate, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (fp_sandbox_request_started_cb), self);
  soup_server_add_early_handler (self->soup, NULL, fp_sandbox_early_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, server_cb, self, NULL);

  address = g_inet_socket_address_new (inet, (guint16) self->config.port);
  if (!soup_server_listen (self->soup, address, options, &local_error))
    {
      g_set_error (error, FP_SANDBOX_SERVER_ERROR, FP_SANDBOX_SERVER_ERROR_LISTEN,
                   "Cannot listen on %s port %u: %s", self->address, self->config.port,
                   local_error->message);
      g_clear_object (&self->soup);
      return FALSE;
    }

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    self->port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    self->base_url = g_strdup_printf ("%s://[%s]:%u/", certificate != NULL ? "https" : "http",
                                      self->address, self->port);
  else
    self->base_url = g_strdup_printf ("%s://%s:%u/", certificate != NULL ? "https" : "http",
                                      self->address, self->port);
  return TRUE;
}
