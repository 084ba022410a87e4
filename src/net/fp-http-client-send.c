/* fp-http-client-send.c
 *
 * The client's requests: one attempt (send_once()), the retries of what is
 * safe to retry with exponential backoff and full jitter, honouring
 * Retry-After, under the circuit breaker and the request's or the sync's
 * deadline (request()); the public ways in; and the two that go once,
 * without retries: OAuth's form posts and the GenAI proxy's streams.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "fp-deadline.h"
#include "fp-endpoint.h"
#include "fp-http-client-private.h"
#include "fp-net-error.h"
#include "fp-net-private.h"
#include "fp-pinned-database.h"

#define MAX_RETRY_AFTER_S  120

/* Sending */

static char *
make_url (FpHttpClient *self,
          const char   *path,
          gboolean     *out_same_origin)
{
  if (strstr (path, "://") != NULL)
    {
      *out_same_origin = g_str_has_prefix (path, self->base_url);
      return g_strdup (path);
    }
  *out_same_origin = TRUE;
  while (*path == '/')
    path++;
  return g_strconcat (self->base_url, path, NULL);
}

static gboolean
url_allowed (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  return g_ascii_strcasecmp (scheme, "http") == 0
         && fp_endpoint_is_loopback_host (g_uri_get_host (uri));
}

static void
log_request (const char *method,
             const char *url,
             guint       status,
             gsize       len)
{
  /* The path only: queries may carry cursors, never tokens, but are kept
   * out all the same. */
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_debug ("%s %s -> %u (%" G_GSIZE_FORMAT " bytes)", method,
           uri != NULL ? g_uri_get_path (uri) : "?", status, len);
}

static gboolean
sleep_cancellable (guint64       ms,
                   GCancellable *cancellable)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  for (;;)
    {
      gint64 left = end - g_get_monotonic_time ();

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      if (left <= 0)
        return TRUE;
      g_usleep ((gulong) MIN (left, 50000));
    }
}

static GBytes *
read_capped (GInputStream  *stream,
             gsize          max_bytes,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  guint8 chunk[65536];

  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (buf->len + (gsize) n > max_bytes)
        {
          g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_TOO_LARGE,
                               _("The bank sent more data than expected. Nothing was changed."));
          return NULL;
        }
      g_byte_array_append (buf, chunk, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}

static gboolean
is_idempotent (const char *method,
               const char *idempotency_key)
{
  return idempotency_key != NULL
         || g_str_equal (method, "GET") || g_str_equal (method, "HEAD")
         || g_str_equal (method, "PUT") || g_str_equal (method, "DELETE")
         || g_str_equal (method, "OPTIONS");
}

static void
set_unreachable (GError     **error,
                 const GError *cause)
{
  g_debug ("transport error: %s", cause->message);
  g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_UNREACHABLE,
                       _("The bank could not be reached. Check the connection; the app will try again."));
}

/* A transport failure: a refused certificate says so, anything else is
 * "could not be reached". @pin_refusals is the pinned database's count
 * before the request. */
static void
set_transport_error (FpHttpClient  *self,
                     guint          pin_refusals,
                     GError       **error,
                     const GError  *cause)
{
  if (!g_error_matches (cause, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    {
      set_unreachable (error, cause);
      return;
    }
  g_debug ("TLS: %s", cause->message);
  fp_tls_set_refused_error (error, G_TLS_DATABASE (self->pinned), pin_refusals);
}

static guint
pin_refusals (FpHttpClient *self)
{
  return self->pinned != NULL ? fp_pinned_database_get_n_mismatches (self->pinned) : 0;
}

/* Which deadline a request runs to: its own, or the sync's if sooner. */
static FpDeadline *
request_deadline (FpHttpClient *self,
                  GCancellable *cancellable,
                  gboolean     *out_sync)
{
  gint64 own = g_get_monotonic_time () + (gint64) self->request_timeout_ms * 1000;

  *out_sync = self->deadline != 0 && self->deadline < own;
  return fp_deadline_new (*out_sync ? self->deadline : own, cancellable);
}

static void
set_too_slow (GError   **error,
              gboolean   sync)
{
  if (sync)
    g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SYNC_TOO_SLOW,
                         _("Your bank is answering too slowly: the sync ran out of time and was stopped. "
                           "What arrived is kept; the app will try again later."));
  else
    g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_TOO_SLOW,
                         _("Your bank is answering too slowly. The app stopped waiting and will try again later."));
}

/* One attempt. On an HTTP error status, *out_retry_after is set from
 * Retry-After (or -1). */
static FpHttpReply *
send_once (FpHttpClient  *self,
           const char    *method,
           const char    *url,
           gboolean       same_origin,
           const char    *content_type,
           GBytes        *body,
           const char    *idempotency_key,
           const char    *if_none_match,
           gsize          max_bytes,
           gint64        *out_retry_after,
           guint         *out_status,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) data = NULL;
  SoupMessageHeaders *req_headers;
  SoupMessageHeaders *headers;
  const char *ctype;
  goffset length;
  guint status;
  guint refusals;
  FpHttpReply *reply;

  *out_retry_after = -1;
  *out_status = 0;
  msg = soup_message_new (method, url);
  if (msg == NULL)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_INVALID_URL,
                           _("The bank’s address is not valid."));
      return NULL;
    }
  /* Redirects could carry the bearer token elsewhere. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  req_headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (req_headers, "Accept", "application/json, application/problem+json");
  if (same_origin && self->access_token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->access_token, NULL);

      soup_message_headers_replace (req_headers, "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }
  if (idempotency_key != NULL)
    soup_message_headers_replace (req_headers, "Idempotency-Key", idempotency_key);
  if (if_none_match != NULL)
    soup_message_headers_replace (req_headers, "If-None-Match", if_none_match);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);

  self->n_attempts++;
  refusals = pin_refusals (self);
  stream = soup_session_send (self->session, msg, cancellable, &local);
  if (stream == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        set_transport_error (self, refusals, error, local);
      return NULL;
    }

  status = soup_message_get_status (msg);
  *out_status = status;
  headers = soup_message_get_response_headers (msg);
  ctype = soup_message_headers_get_content_type (headers, NULL);
  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && length > (goffset) max_bytes)
    {
      log_request (method, url, status, (gsize) length);
      g_input_stream_close (stream, NULL, NULL);
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_TOO_LARGE,
                           _("The bank sent more data than expected. Nothing was changed."));
      return NULL;
    }

  data = read_capped (stream, status >= 200 && status < 300 ? max_bytes
                                                             : FP_HTTP_MAX_PROBLEM_BYTES,
                      cancellable, &local);
  g_input_stream_close (stream, NULL, NULL);
  if (data == NULL)
    {
      if (local->domain == FP_NET_ERROR || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        set_unreachable (error, local);
      return NULL;
    }
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && (goffset) g_bytes_get_size (data) != length)
    {
      g_debug ("connection cut after %" G_GSIZE_FORMAT " of %" G_GOFFSET_FORMAT " bytes",
               g_bytes_get_size (data), length);
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_UNREACHABLE,
                           _("The connection to the bank was cut. The app will try again."));
      return NULL;
    }
  log_request (method, url, status, g_bytes_get_size (data));

  if (status == SOUP_STATUS_NOT_MODIFIED || (status >= 200 && status < 300))
    {
      reply = g_new0 (FpHttpReply, 1);
      reply->status = status;
      reply->body = g_steal_pointer (&data);
      reply->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
      reply->content_type = g_strdup (ctype);
      return reply;
    }

  {
    gint64 seconds;

    if (fp_http_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"),
                                   g_get_real_time () / G_USEC_PER_SEC, &seconds))
      *out_retry_after = seconds;
  }
  g_propagate_error (error, fp_http_problem_to_error (status, ctype, data));
  return NULL;
}

static FpHttpReply *
request (FpHttpClient  *self,
         const char    *method,
         const char    *path,
         const char    *content_type,
         GBytes        *body,
         const char    *idempotency_key,
         const char    *if_none_match,
         gsize          max_bytes,
         JsonNode     **out_json,
         FpHttpCheckFunc check,
         gpointer       check_data,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autofree char *url = NULL;
  g_autoptr(FpDeadline) deadline = NULL;
  gboolean same_origin;
  gboolean retryable = is_idempotent (method, idempotency_key);
  gboolean refreshed = FALSE;
  gboolean sync_deadline = FALSE;
  FpBreakerState before = self->breaker.state;

  url = make_url (self, path, &same_origin);
  if (!url_allowed (url))
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_INVALID_URL,
                           _("The app only talks to banks over a secure connection (https)."));
      return NULL;
    }

  /* One deadline for the request and its retries; the attempts and the
   * waits between them use its cancellable. */
  deadline = request_deadline (self, cancellable, &sync_deadline);
  cancellable = fp_deadline_get_cancellable (deadline);

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(FpHttpReply) reply = NULL;
      gint64 retry_after = -1;
      guint status = 0;
      guint64 delay_ms;

      if (!fp_breaker_allow (&self->breaker, _fp_http_client_now_seconds ()))
        {
          gint64 left = fp_breaker_seconds_left (&self->breaker, _fp_http_client_now_seconds ());

          g_set_error (error, FP_NET_ERROR, FP_NET_ERROR_CIRCUIT_OPEN,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The bank is not answering; trying again in %d second.",
                                    "The bank is not answering; trying again in %d seconds.",
                                    (gulong) MAX (left, 1)),
                       (int) MAX (left, 1));
          break;
        }

      reply = send_once (self, method, url, same_origin, content_type, body, idempotency_key,
                         if_none_match, max_bytes, &retry_after, &status, cancellable, &local);
      self->last_status = status;
      if (reply != NULL && out_json != NULL && reply->status != SOUP_STATUS_NOT_MODIFIED)
        {
          gsize len = 0;
          const char *data = g_bytes_get_data (reply->body, &len);

          *out_json = fp_json_parse_guarded (data, len, max_bytes, &local);
          if (*out_json == NULL)
            g_clear_pointer (&reply, fp_http_reply_free);
        }
      else if (reply != NULL && check != NULL && reply->status != SOUP_STATUS_NOT_MODIFIED)
        {
          gsize len = 0;
          const char *data = reply->body != NULL ? g_bytes_get_data (reply->body, &len) : NULL;

          if (!check (data, len, check_data, &local))
            g_clear_pointer (&reply, fp_http_reply_free);
        }
      if (reply != NULL)
        {
          fp_breaker_success (&self->breaker);
          if (before != self->breaker.state)
            g_object_notify_by_pspec (G_OBJECT (self), _fp_http_client_properties[PROP_BREAKER_STATE]);
          return g_steal_pointer (&reply);
        }

      if (fp_deadline_expired (deadline))
        {
          /* A bank this slow counts as failing. */
          g_debug ("attempt %u ran out of time (%s)", attempt + 1, local->message);
          fp_breaker_failure (&self->breaker, _fp_http_client_now_seconds ());
          if (before != self->breaker.state)
            g_object_notify_by_pspec (G_OBJECT (self), _fp_http_client_properties[PROP_BREAKER_STATE]);
          set_too_slow (error, sync_deadline);
          break;
        }

      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->breaker.trial_in_flight = FALSE;
          g_propagate_error (error, g_steal_pointer (&local));
          break;
        }

      if (g_error_matches (local, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED)
          && self->refresh_func != NULL && !refreshed && same_origin)
        {
          g_autoptr(GError) refresh_error = NULL;
          char *token;

          refreshed = TRUE;
          fp_breaker_success (&self->breaker);
          token = self->refresh_func (self, cancellable, &refresh_error, self->refresh_data);
          if (token == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&refresh_error));
              break;
            }
          fp_http_client_set_access_token (self, token);
          memset (token, 0, strlen (token));
          g_free (token);
          attempt--;
          continue;
        }

      /* A rate limit or a refusal means the bank is alive. */
      if (status == 429 || !fp_net_error_is_transient (local))
        fp_breaker_success (&self->breaker);
      else
        fp_breaker_failure (&self->breaker, _fp_http_client_now_seconds ());
      if (before != self->breaker.state)
        {
          before = self->breaker.state;
          g_object_notify_by_pspec (G_OBJECT (self), _fp_http_client_properties[PROP_BREAKER_STATE]);
        }

      if (!fp_net_error_is_transient (local) || !retryable || attempt + 1 >= self->max_attempts)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          break;
        }
      if (retry_after > MAX_RETRY_AFTER_S)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          break;
        }
      delay_ms = retry_after >= 0 ? (guint64) retry_after * 1000
                                  : fp_http_backoff_delay_ms (attempt, self->base_ms,
                                                              self->cap_ms, g_random_double ());
      g_debug ("attempt %u failed (%s); retrying in %" G_GUINT64_FORMAT " ms",
               attempt + 1, local->message, delay_ms);
      if (!sleep_cancellable (delay_ms, cancellable))
        {
          if (fp_deadline_expired (deadline))
            /* The bank's own failure says more than the clock. */
            g_propagate_error (error, g_steal_pointer (&local));
          else
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
          break;
        }
    }
  return NULL;
}

/**
 * fp_http_client_send:
 * @self: a client
 * @method: the HTTP method
 * @path: a path relative to the base URL, or an absolute URL
 * @content_type: (nullable): the body's media type
 * @body: (nullable): the body
 * @idempotency_key: (nullable): makes a write safe to retry
 * @if_none_match: (nullable): an ETag
 * @max_bytes: the cap on the reply's body
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Sends a request, retrying what is safe to retry. Blocks.
 *
 * Returns: (transfer full) (nullable): the 2xx or 304 reply
 */
FpHttpReply *
fp_http_client_send (FpHttpClient  *self,
                     const char    *method,
                     const char    *path,
                     const char    *content_type,
                     GBytes        *body,
                     const char    *idempotency_key,
                     const char    *if_none_match,
                     gsize          max_bytes,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (FP_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL && path != NULL, NULL);

  return request (self, method, path, content_type, body, idempotency_key, if_none_match,
                  max_bytes, NULL, NULL, NULL, cancellable, error);
}

FpHttpReply *
_fp_http_client_get_checked (FpHttpClient     *self,
                             const char       *path,
                             gsize             max_bytes,
                             FpHttpCheckFunc   check,
                             gpointer          user_data,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_return_val_if_fail (FP_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (path != NULL && check != NULL, NULL);

  return request (self, "GET", path, NULL, NULL, NULL, NULL, max_bytes, NULL, check, user_data,
                  cancellable, error);
}

/**
 * fp_http_client_get_json:
 * @self: a client
 * @path: a path relative to the base URL
 * @if_none_match: (nullable): the ETag held
 * @max_bytes: the cap on the reply
 * @out_etag: (out) (optional) (transfer full): the reply's ETag
 * @out_not_modified: (out) (optional): set when the bank answered 304
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * GETs a JSON document: capped, depth-checked, parsed; damaged replies
 * are retried like failures.
 *
 * Returns: (transfer full) (nullable): the root node; %NULL with no error
 *   when not modified
 */
JsonNode *
fp_http_client_get_json (FpHttpClient  *self,
                         const char    *path,
                         const char    *if_none_match,
                         gsize          max_bytes,
                         char         **out_etag,
                         gboolean      *out_not_modified,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(FpHttpReply) reply = NULL;
  JsonNode *root = NULL;

  g_return_val_if_fail (FP_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (out_not_modified != NULL)
    *out_not_modified = FALSE;
  reply = request (self, "GET", path, NULL, NULL, NULL, if_none_match, max_bytes, &root, NULL, NULL,
                   cancellable, error);
  if (reply == NULL)
    return NULL;
  if (out_etag != NULL)
    *out_etag = g_strdup (reply->etag);
  if (reply->status == SOUP_STATUS_NOT_MODIFIED)
    {
      if (out_not_modified != NULL)
        *out_not_modified = TRUE;
      return NULL;
    }
  return root;
}

/**
 * fp_http_client_post_form:
 * @self: a client
 * @url: an absolute URL or a path relative to the base URL
 * @form: (element-type utf8 utf8): the fields
 * @out_status: (out): the HTTP status
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * POSTs an application/x-www-form-urlencoded body once (no retry: OAuth
 * grants are not idempotent) and parses the JSON reply, also for 4xx
 * replies (RFC 6749 5.2 errors). Neither fields nor reply are logged.
 *
 * Returns: (transfer full) (nullable): the reply's JSON
 */
JsonNode *
fp_http_client_post_form (FpHttpClient  *self,
                          const char    *url,
                          GHashTable    *form,
                          guint         *out_status,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *full = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(FpDeadline) deadline = NULL;
  gboolean same_origin;
  gboolean sync_deadline = FALSE;
  guint status;
  guint refusals;
  gsize len = 0;
  const char *bytes;

  g_return_val_if_fail (FP_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (url != NULL && form != NULL && out_status != NULL, NULL);

  full = make_url (self, url, &same_origin);
  if (!url_allowed (full))
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_INVALID_URL,
                           _("The app only talks to banks over a secure connection (https)."));
      return NULL;
    }
  encoded = soup_form_encode_hash (form);
  len = strlen (encoded);
  body = g_bytes_new_take (g_steal_pointer (&encoded), len);

  msg = soup_message_new ("POST", full);
  if (msg == NULL)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_INVALID_URL,
                           _("The bank’s address is not valid."));
      return NULL;
    }
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);

  self->n_attempts++;
  deadline = request_deadline (self, cancellable, &sync_deadline);
  cancellable = fp_deadline_get_cancellable (deadline);
  refusals = pin_refusals (self);
  {
    g_autoptr(GInputStream) stream = soup_session_send (self->session, msg, cancellable, &local);

    if (stream != NULL)
      {
        data = read_capped (stream, FP_HTTP_MAX_TOKEN_BYTES, cancellable, &local);
        g_input_stream_close (stream, NULL, NULL);
      }
    if (data == NULL && fp_deadline_expired (deadline))
      {
        g_debug ("token request ran out of time (%s)", local->message);
        set_too_slow (error, sync_deadline);
        return NULL;
      }
    if (data == NULL)
      {
        if (local->domain == FP_NET_ERROR || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
          g_propagate_error (error, g_steal_pointer (&local));
        else if (stream == NULL)
          set_transport_error (self, refusals, error, local);
        else
          set_unreachable (error, local);
        return NULL;
      }
  }
  status = soup_message_get_status (msg);
  *out_status = status;
  log_request ("POST", full, status, g_bytes_get_size (data));
  if (status >= 500)
    {
      g_propagate_error (error, fp_http_problem_to_error (status, NULL, NULL));
      return NULL;
    }
  bytes = g_bytes_get_data (data, &len);
  if (len == 0)
    {
      g_autoptr(JsonObject) empty = json_object_new ();

      return json_node_init_object (json_node_alloc (), empty);
    }
  return fp_json_parse_guarded (bytes, len, FP_HTTP_MAX_TOKEN_BYTES, error);
}

/* Streams (the GenAI proxy's server-sent events) */

/**
 * _fp_http_client_dup_access_token:
 * @self: a client
 *
 * For a worker thread that makes a client of its own for the same bank.
 *
 * Returns: (transfer full) (nullable): the bearer token; wipe it when done
 */
char *
_fp_http_client_dup_access_token (FpHttpClient *self)
{
  g_return_val_if_fail (FP_IS_HTTP_CLIENT (self), NULL);

  return g_strdup (self->access_token);
}

/**
 * _fp_http_client_open_stream:
 * @self: a client
 * @path: a path relative to the base URL
 * @content_type: the body's media type
 * @body: the body
 * @accept: the Accept header (`text/event-stream`)
 * @out_retry_after: (out): on an error status, its Retry-After in seconds,
 *   else -1
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * POSTs once (no retries: the caller decides, with the customer) and
 * returns the reply's body as a stream to read as it arrives. The same
 * door as fp_http_client_send(): https or loopback, no redirects, the
 * bearer token only to its own origin, problems turned into errors with a
 * sentence, their bodies capped.
 *
 * Returns: (transfer full) (nullable): the body of a 2xx reply
 */
GInputStream *
_fp_http_client_open_stream (FpHttpClient  *self,
                             const char    *path,
                             const char    *content_type,
                             GBytes        *body,
                             const char    *accept,
                             gint64        *out_retry_after,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) problem = NULL;
  SoupMessageHeaders *req_headers, *headers;
  gboolean same_origin;
  guint status;
  gint64 seconds;

  g_return_val_if_fail (FP_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (path != NULL && body != NULL && out_retry_after != NULL, NULL);

  *out_retry_after = -1;
  url = make_url (self, path, &same_origin);
  if (!url_allowed (url) || (msg = soup_message_new ("POST", url)) == NULL)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_INVALID_URL,
                           _("The app only talks to banks over a secure connection (https)."));
      return NULL;
    }
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  req_headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (req_headers, "Accept", accept);
  if (same_origin && self->access_token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->access_token, NULL);

      soup_message_headers_replace (req_headers, "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }
  soup_message_set_request_body_from_bytes (msg, content_type, body);

  self->n_attempts++;
  stream = soup_session_send (self->session, msg, cancellable, &local);
  if (stream == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        set_unreachable (error, local);
      return NULL;
    }
  status = soup_message_get_status (msg);
  self->last_status = status;
  headers = soup_message_get_response_headers (msg);
  log_request ("POST", url, status, 0);
  if (status >= 200 && status < 300)
    return g_steal_pointer (&stream);

  if (fp_http_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"),
                                 g_get_real_time () / G_USEC_PER_SEC, &seconds))
    *out_retry_after = seconds;
  problem = read_capped (stream, FP_HTTP_MAX_PROBLEM_BYTES, cancellable, NULL);
  g_input_stream_close (stream, NULL, NULL);
  g_propagate_error (error, fp_http_problem_to_error (status, soup_message_headers_get_content_type (headers, NULL),
                                                      problem));
  return NULL;
}
