/* fp-http-client.c
 *
 * The one door to the bank: a SoupSession (no cookie jar, no HSTS store,
 * TLS always verified) that only talks https, or http on loopback; caps
 * every reply, holds it to the strict JSON rule before json-glib sees it, turns RFC 7807
 * problems into errors with a sentence for the customer, retries what is
 * safe to retry with exponential backoff and full jitter (honouring
 * Retry-After), and keeps a circuit breaker.
 *
 * The client is synchronous: it is made and used on one worker thread (the
 * sync engine's), which is what libsoup 3.2 supports.
 *
 * This file holds the object, its settings and its breaker; the requests
 * are in fp-http-client-send.c, the reading of replies in fp-http-reply.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "fp-endpoint.h"
#include "fp-http-client-private.h"
#include "fp-net-error.h"
#include "fp-pinned-database.h"

#define DEFAULT_ATTEMPTS   6
#define DEFAULT_BASE_MS    250
#define DEFAULT_CAP_MS     8000
/* A request, retries included, ends within this; a page of 1000 changes
 * is ~450 KB, so even 64 kbit/s leaves room. The inactivity timeout of
 * the session stays as the backstop for connecting. */
#define DEFAULT_REQUEST_TIMEOUT_MS 30000
#define IDLE_TIMEOUT_S             60

G_DEFINE_FINAL_TYPE (FpHttpClient, fp_http_client, G_TYPE_OBJECT)

GParamSpec *_fp_http_client_properties[N_PROPS];

static void
fp_http_client_finalize (GObject *object)
{
  FpHttpClient *self = FP_HTTP_CLIENT (object);

  if (self->refresh_destroy != NULL)
    self->refresh_destroy (self->refresh_data);
  if (self->access_token != NULL)
    {
      memset (self->access_token, 0, strlen (self->access_token));
      g_free (self->access_token);
    }
  g_clear_object (&self->session);
  g_clear_object (&self->pinned);
  g_free (self->base_url);
  G_OBJECT_CLASS (fp_http_client_parent_class)->finalize (object);
}

static void
fp_http_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FpHttpClient *self = FP_HTTP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_BREAKER_STATE:
      g_value_set_uint (value, self->breaker.state);
      break;
    case PROP_RETRY_IN:
      g_value_set_int64 (value, fp_http_client_get_retry_in (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_http_client_class_init (FpHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fp_http_client_finalize;
  object_class->get_property = fp_http_client_get_property;

  _fp_http_client_properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FpHttpClient:breaker-state:
   *
   * The circuit breaker's #FpBreakerState, for "the bank is not answering;
   * trying again in N s".
   */
  _fp_http_client_properties[PROP_BREAKER_STATE] =
    g_param_spec_uint ("breaker-state", NULL, NULL, 0, FP_BREAKER_HALF_OPEN, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  _fp_http_client_properties[PROP_RETRY_IN] =
    g_param_spec_int64 ("retry-in", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, _fp_http_client_properties);
}

static void
fp_http_client_init (FpHttpClient *self)
{
  self->max_attempts = DEFAULT_ATTEMPTS;
  self->base_ms = DEFAULT_BASE_MS;
  self->cap_ms = DEFAULT_CAP_MS;
  self->request_timeout_ms = DEFAULT_REQUEST_TIMEOUT_MS;
  fp_breaker_init (&self->breaker, 8, 15);
}

gint64
_fp_http_client_now_seconds (void)
{
  return g_get_monotonic_time () / G_USEC_PER_SEC;
}

static gboolean
host_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && fp_endpoint_is_loopback_host (g_uri_get_host (uri));
}

/**
 * fp_http_client_new:
 * @base_url: the bank API's base URL (https, or http on loopback)
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): a client, or %NULL with
 *   %FP_NET_ERROR_INVALID_URL
 */
FpHttpClient *
fp_http_client_new (const char  *base_url,
                    GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *normal = NULL;
  g_autoptr(GTlsDatabase) tls = NULL;
  FpHttpClient *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  normal = fp_endpoint_normalize (base_url, &local);
  if (normal == NULL || *normal == '\0')
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_INVALID_URL,
                           local != NULL ? local->message
                                         : _("No bank address was given."));
      return NULL;
    }
  if (g_str_has_prefix (normal, "https:"))
    {
      tls = fp_tls_database_for_bank (normal, &local);
      if (tls == NULL && local != NULL)
        {
          g_debug ("no certificate database: %s", local->message);
          g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_UNTRUSTED,
                               _("The bank’s certificate cannot be checked on this computer."));
          return NULL;
        }
    }

  self = g_object_new (FP_TYPE_HTTP_CLIENT, NULL);
  self->base_url = g_steal_pointer (&normal);
  /* No cookie jar, no HSTS enforcer (libsoup's stores are SQLite); TLS
   * verification stays at its default, on, and `accept-certificate` is
   * never connected: only a database (fp-pinned-database.c) may refuse
   * more than GIO does, nothing accepts less. */
  self->session = soup_session_new_with_options ("timeout", IDLE_TIMEOUT_S,
                                                 "idle-timeout", IDLE_TIMEOUT_S,
                                                 "user-agent", "FinPersona/" PACKAGE_VERSION,
                                                 NULL);
  if (tls != NULL)
    {
      soup_session_set_tls_database (self->session, tls);
      if (FP_IS_PINNED_DATABASE (tls))
        self->pinned = g_object_ref (FP_PINNED_DATABASE (tls));
    }
  if (host_is_loopback (self->base_url))
    {
      /* A loopback bank is never reached through a proxy. */
      g_autoptr(GProxyResolver) direct = g_simple_proxy_resolver_new (NULL, NULL);

      soup_session_set_proxy_resolver (self->session, direct);
    }
  return self;
}

const char *
fp_http_client_get_base_url (FpHttpClient *self)
{
  g_return_val_if_fail (FP_IS_HTTP_CLIENT (self), NULL);
  return self->base_url;
}

/**
 * fp_http_client_set_access_token:
 * @self: a client
 * @token: (nullable): the bearer token; kept in memory only, never logged
 */
void
fp_http_client_set_access_token (FpHttpClient *self,
                                 const char   *token)
{
  g_return_if_fail (FP_IS_HTTP_CLIENT (self));

  if (self->access_token != NULL)
    memset (self->access_token, 0, strlen (self->access_token));
  g_free (self->access_token);
  self->access_token = g_strdup (token);
}

void
fp_http_client_set_refresh_func (FpHttpClient      *self,
                                 FpHttpRefreshFunc  func,
                                 gpointer           user_data,
                                 GDestroyNotify     destroy)
{
  g_return_if_fail (FP_IS_HTTP_CLIENT (self));

  if (self->refresh_destroy != NULL)
    self->refresh_destroy (self->refresh_data);
  self->refresh_func = func;
  self->refresh_data = user_data;
  self->refresh_destroy = destroy;
}

/**
 * fp_http_client_set_retry:
 * @self: a client
 * @max_attempts: attempts per request, 1 for no retry
 * @base_ms: the first backoff ceiling
 * @cap_ms: the largest backoff ceiling
 */
void
fp_http_client_set_retry (FpHttpClient *self,
                          guint         max_attempts,
                          guint         base_ms,
                          guint         cap_ms)
{
  g_return_if_fail (FP_IS_HTTP_CLIENT (self));

  self->max_attempts = MAX (1, max_attempts);
  self->base_ms = base_ms;
  self->cap_ms = MAX (base_ms, cap_ms);
}

/**
 * fp_http_client_set_request_timeout:
 * @self: a client
 * @ms: how long one request may take, its retries included
 *
 * Past it the request fails with %FP_NET_ERROR_TOO_SLOW, however the bank
 * trickles its answer. The default is 30 s.
 */
void
fp_http_client_set_request_timeout (FpHttpClient *self,
                                    guint         ms)
{
  g_return_if_fail (FP_IS_HTTP_CLIENT (self));
  self->request_timeout_ms = MAX (1, ms);
}

/**
 * fp_http_client_set_deadline:
 * @self: a client
 * @monotonic_us: when everything must be over, in g_get_monotonic_time()
 *   microseconds; 0 for no deadline
 *
 * The deadline of the whole sync: a request still running then fails
 * with %FP_NET_ERROR_SYNC_TOO_SLOW. The next request uses a moved one.
 */
void
fp_http_client_set_deadline (FpHttpClient *self,
                             gint64        monotonic_us)
{
  g_return_if_fail (FP_IS_HTTP_CLIENT (self));
  self->deadline = MAX (0, monotonic_us);
}

void
fp_http_client_set_breaker (FpHttpClient *self,
                            guint         threshold,
                            gint64        open_seconds)
{
  g_return_if_fail (FP_IS_HTTP_CLIENT (self));
  fp_breaker_init (&self->breaker, threshold, open_seconds);
}

FpBreakerState
fp_http_client_get_breaker_state (FpHttpClient *self)
{
  g_return_val_if_fail (FP_IS_HTTP_CLIENT (self), FP_BREAKER_CLOSED);
  return self->breaker.state;
}

/**
 * fp_http_client_save_breaker:
 * @self: a client
 * @out: (out): where to copy the breaker
 *
 * With fp_http_client_restore_breaker(), carries the breaker's state over
 * to the next client (a new client per sync run or thread).
 */
void
fp_http_client_save_breaker (FpHttpClient *self,
                             FpBreaker    *out)
{
  g_return_if_fail (FP_IS_HTTP_CLIENT (self));
  g_return_if_fail (out != NULL);

  *out = self->breaker;
  out->trial_in_flight = FALSE;
}

void
fp_http_client_restore_breaker (FpHttpClient    *self,
                                const FpBreaker *breaker)
{
  g_return_if_fail (FP_IS_HTTP_CLIENT (self));
  g_return_if_fail (breaker != NULL);

  self->breaker = *breaker;
  self->breaker.trial_in_flight = FALSE;
}

/**
 * fp_http_client_get_retry_in:
 * @self: a client
 *
 * Returns: seconds until an open breaker lets a request through, else 0
 */
gint64
fp_http_client_get_retry_in (FpHttpClient *self)
{
  g_return_val_if_fail (FP_IS_HTTP_CLIENT (self), 0);
  return fp_breaker_seconds_left (&self->breaker, _fp_http_client_now_seconds ());
}

/**
 * fp_http_client_get_last_status:
 * @self: a client
 *
 * Returns: the HTTP status of the last attempt, 0 if none came back
 */
guint
fp_http_client_get_last_status (FpHttpClient *self)
{
  g_return_val_if_fail (FP_IS_HTTP_CLIENT (self), 0);
  return self->last_status;
}

guint64
fp_http_client_get_n_attempts (FpHttpClient *self)
{
  g_return_val_if_fail (FP_IS_HTTP_CLIENT (self), 0);
  return self->n_attempts;
}
