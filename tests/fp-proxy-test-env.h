/* fp-proxy-test-env.h: the whole GenAI path on loopback inside the test
 * process, so the sanitizers see every side of it: the sandbox bank and
 * its Bedrock stand-in on one thread, finpersona-genai-proxy on another,
 * each with its own main context; the test is the client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "fp-aws-sandbox.h"
#include "fp-bank-data.h"
#include "fp-generator.h"
#include "fp-http-client.h"
#include "fp-oauth-client.h"
#include "fp-proxy-server.h"
#include "fp-sandbox-bedrock.h"
#include "fp-sandbox-server.h"

typedef struct _ProxyEnv ProxyEnv;

/* Changes the configurations (and aws_secret) before the servers start. */
typedef void (*ProxyEnvTweak) (ProxyEnv *env,
                               gpointer  data);

typedef struct {
  GThread                *thread;
  GMainContext           *context;
  GMainLoop              *loop;
  gpointer                env;
  gboolean                ready;
} ProxyEnvThread;

struct _ProxyEnv {
  FpSandboxConfig         bank_config;
  FpSandboxBedrockConfig  bedrock_config;
  FpProxyConfig           proxy_config;
  FpBankData             *data;          /* owned by the server */
  FpSandboxServer        *bank;
  FpSandboxBedrock       *bedrock;
  FpProxyServer          *proxy;
  char                   *bank_url;
  char                   *bedrock_url;
  char                   *proxy_url;
  ProxyEnvThread          bank_thread;
  ProxyEnvThread          proxy_thread;
  GMutex                  lock;
  GCond                   cond;
  SoupSession            *session;
  char                   *token;
  const char             *aws_secret;    /* the proxy's; the stand-in's by default */
};

static gpointer
proxy_env_bank_thread (gpointer user_data)
{
  ProxyEnv *e = user_data;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (e->bank_thread.context);
  e->bank = fp_sandbox_server_new (e->data, &e->bank_config);
  if (!fp_sandbox_server_listen (e->bank, &error))
    g_error ("sandbox: %s", error->message);
  e->bedrock = fp_sandbox_bedrock_new (&e->bedrock_config);
  if (!fp_sandbox_bedrock_listen (e->bedrock, &error))
    g_error ("bedrock: %s", error->message);
  g_mutex_lock (&e->lock);
  e->bank_url = g_strdup (fp_sandbox_server_get_base_url (e->bank));
  e->bedrock_url = g_strdup (fp_sandbox_bedrock_get_url (e->bedrock));
  e->bank_thread.ready = TRUE;
  g_cond_broadcast (&e->cond);
  g_mutex_unlock (&e->lock);
  g_main_loop_run (e->bank_thread.loop);
  g_clear_object (&e->bedrock);
  g_clear_object (&e->bank);
  while (g_main_context_iteration (e->bank_thread.context, FALSE))
    ;
  g_main_context_pop_thread_default (e->bank_thread.context);
  return NULL;
}

static gpointer
proxy_env_proxy_thread (gpointer user_data)
{
  ProxyEnv *e = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpAwsCredentials) credentials =
    fp_aws_credentials_new (FP_AWS_SANDBOX_ACCESS_KEY_ID, e->aws_secret, NULL, "test");

  g_main_context_push_thread_default (e->proxy_thread.context);
  e->proxy = fp_proxy_server_new (&e->proxy_config, credentials, &error);
  if (e->proxy == NULL || !fp_proxy_server_listen (e->proxy, &error))
    g_error ("proxy: %s", error->message);
  g_mutex_lock (&e->lock);
  e->proxy_url = g_strdup (fp_proxy_server_get_url (e->proxy));
  e->proxy_thread.ready = TRUE;
  g_cond_broadcast (&e->cond);
  g_mutex_unlock (&e->lock);
  g_main_loop_run (e->proxy_thread.loop);
  g_clear_object (&e->proxy);
  while (g_main_context_iteration (e->proxy_thread.context, FALSE))
    ;
  g_main_context_pop_thread_default (e->proxy_thread.context);
  return NULL;
}

static inline void
proxy_env_thread_start (ProxyEnv       *e,
                        ProxyEnvThread *t,
                        const char     *name,
                        GThreadFunc     func)
{
  t->context = g_main_context_new ();
  t->loop = g_main_loop_new (t->context, FALSE);
  t->thread = g_thread_new (name, func, e);
  g_mutex_lock (&e->lock);
  while (!t->ready)
    g_cond_wait (&e->cond, &e->lock);
  g_mutex_unlock (&e->lock);
}

/* A demo bank with 1 year of data, its Bedrock stand-in with test hooks
 * and no pause between stream messages, and a proxy pointed at both with
 * caches off (so consent changes show at once) and generous limits; @tweak
 * changes any of it before the servers start. */
static inline ProxyEnv *
proxy_env_start (ProxyEnvTweak tweak,
                 gpointer      data)
{
  ProxyEnv *e = g_new0 (ProxyEnv, 1);
  g_autoptr(GError) error = NULL;

  g_mutex_init (&e->lock);
  g_cond_init (&e->cond);
  e->data = fp_bank_data_new_generated (0, 1, 1, &error);
  g_assert_no_error (error);
  fp_sandbox_config_init (&e->bank_config);
  e->bank_config.demo = TRUE;
  e->bank_config.test_hooks = TRUE;
  fp_sandbox_bedrock_config_init (&e->bedrock_config);
  e->bedrock_config.test_hooks = TRUE;
  e->bedrock_config.chunk_delay_ms = 0;
  fp_proxy_config_init (&e->proxy_config);
  e->proxy_config.client_secret = g_strdup (FP_SANDBOX_PROXY_CLIENT_SECRET);
  e->proxy_config.consent_cache_seconds = 0;
  e->proxy_config.requests_per_minute = 6000;
  e->proxy_config.burst = 1000;
  e->proxy_config.daily_tokens = 0;
  e->proxy_config.backoff_base_ms = 10;
  e->proxy_config.backoff_cap_ms = 40;
  e->aws_secret = FP_AWS_SANDBOX_SECRET_ACCESS_KEY;
  if (tweak != NULL)
    tweak (e, data);

  proxy_env_thread_start (e, &e->bank_thread, "bank", proxy_env_bank_thread);
  g_free (e->proxy_config.bank_url);
  e->proxy_config.bank_url = g_strdup (e->bank_url);
  g_free (e->proxy_config.bedrock_url);
  e->proxy_config.bedrock_url = g_strdup (e->bedrock_url);
  proxy_env_thread_start (e, &e->proxy_thread, "proxy", proxy_env_proxy_thread);
  e->session = soup_session_new_with_options ("max-conns", 4096, "max-conns-per-host", 4096, NULL);
  return e;
}

static gboolean
proxy_env_quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static inline void
proxy_env_thread_stop (ProxyEnvThread *t)
{
  g_main_context_invoke (t->context, proxy_env_quit_cb, t->loop);
  g_thread_join (t->thread);
  g_main_loop_unref (t->loop);
  g_main_context_unref (t->context);
}

static inline void
proxy_env_stop (ProxyEnv *e)
{
  g_clear_object (&e->session);
  proxy_env_thread_stop (&e->proxy_thread);
  proxy_env_thread_stop (&e->bank_thread);
  fp_proxy_config_clear (&e->proxy_config);
  g_free (e->bank_url);
  g_free (e->bedrock_url);
  g_free (e->proxy_url);
  g_free (e->token);
  g_mutex_clear (&e->lock);
  g_cond_clear (&e->cond);
  g_free (e);
}

/* The demo customer's access token, through the real OAuth code flow. */
static inline const char *
proxy_env_sign_in (ProxyEnv *e)
{
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpOAuthClient) oauth = NULL;
  g_autoptr(GError) error = NULL;

  if (e->token != NULL)
    return e->token;
  http = fp_http_client_new (e->bank_url, &error);
  g_assert_no_error (error);
  oauth = fp_oauth_client_new (http);
  g_assert_true (fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *refresh = NULL;
    gint64 expires = 0;

    fp_oauth_client_export_tokens (oauth, &e->token, &refresh, &expires);
  }
  g_assert_nonnull (e->token);
  return e->token;
}

/* One request, read whole. */
static inline guint
proxy_env_send (ProxyEnv    *e,
                const char  *url,
                const char  *method,
                const char  *bearer,
                const char  *content_type,
                const char  *body,
                const char  *accept,
                char       **out_body,
                char       **out_retry_after,
                char       **out_content_type)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (bearer != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", bearer, NULL);

      soup_message_headers_replace (h, "Authorization", auth);
    }
  if (accept != NULL)
    soup_message_headers_replace (h, "Accept", accept);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  reply = soup_session_send_and_read (e->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (out_body != NULL)
    *out_body = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  if (out_retry_after != NULL)
    *out_retry_after = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                               "Retry-After"));
  if (out_content_type != NULL)
    *out_content_type = g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                                        NULL));
  return soup_message_get_status (msg);
}

static inline char *
proxy_env_url (const char *base,
               const char *path)
{
  return g_strconcat (base, path, NULL);
}

/* A member of the stand-in's counters. */
static inline gint64
proxy_env_bedrock_stat (ProxyEnv   *e,
                        const char *member)
{
  g_autofree char *url = proxy_env_url (e->bedrock_url, "_sandbox/bedrock/stats");
  g_autofree char *body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpuint (proxy_env_send (e, url, "GET", NULL, NULL, NULL, NULL, &body, NULL, NULL), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  return json_object_get_int_member_with_default (json_node_get_object (json_parser_get_root (parser)), member, 0);
}

static inline void
proxy_env_bedrock_faults (ProxyEnv   *e,
                          const char *json)
{
  g_autofree char *url = proxy_env_url (e->bedrock_url, "_sandbox/bedrock/faults");

  g_assert_cmpuint (proxy_env_send (e, url, "POST", NULL, "application/json", json, NULL, NULL, NULL, NULL),
                    ==, 204);
}

/* The demo customer's GenAI consent at the bank: granted, or revoked. */
static inline void
proxy_env_bank_consent (ProxyEnv *e,
                        gboolean  granted)
{
  g_autofree char *url = proxy_env_url (e->bank_url, "v1/consents");
  const char *token = proxy_env_sign_in (e);

  if (granted)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      g_autofree char *key = g_uuid_string_random ();
      const char *json = "{\"purpose\":\"genai\",\"policyVersion\":\"2026-11\"}";
      g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
      g_autoptr(GBytes) reply = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      reply = soup_session_send_and_read (e->session, msg, NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
    }
  else
    {
      g_autofree char *list = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *consents;

      g_assert_cmpuint (proxy_env_send (e, url, "GET", token, NULL, NULL, NULL, &list, NULL, NULL), ==, 200);
      g_assert_true (json_parser_load_from_data (parser, list, -1, NULL));
      consents = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "consents");
      for (guint i = 0; i < json_array_get_length (consents); i++)
        {
          JsonObject *c = json_array_get_object_element (consents, i);
          g_autofree char *revoke = NULL;
          g_autoptr(SoupMessage) msg = NULL;
          g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
          g_autofree char *key = g_uuid_string_random ();
          g_autoptr(GBytes) reply = NULL;
          g_autoptr(GBytes) empty = g_bytes_new_static ("{}", 2);

          if (strcmp (json_object_get_string_member (c, "purpose"), "genai") != 0
              || strcmp (json_object_get_string_member (c, "status"), "Authorised") != 0)
            continue;
          revoke = g_strdup_printf ("%sv1/consents/%s/revoke", e->bank_url,
                                    json_object_get_string_member (c, "consentId"));
          msg = soup_message_new ("POST", revoke);
          soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
          soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
          soup_message_set_request_body_from_bytes (msg, "application/json", empty);
          reply = soup_session_send_and_read (e->session, msg, NULL, NULL);
          g_assert_cmpuint (soup_message_get_status (msg) / 100, ==, 2);
        }
    }
}

typedef struct {
  ProxyEnv     *env;
  FpProxyStats  stats;
  gboolean      done;
} ProxyEnvStatsCall;

static gboolean
proxy_env_stats_cb (gpointer data)
{
  ProxyEnvStatsCall *call = data;

  fp_proxy_server_get_stats (call->env->proxy, &call->stats);
  g_mutex_lock (&call->env->lock);
  call->done = TRUE;
  g_cond_broadcast (&call->env->cond);
  g_mutex_unlock (&call->env->lock);
  return G_SOURCE_REMOVE;
}

/* The proxy's counters, read on its own thread. */
static inline FpProxyStats
proxy_env_proxy_stats (ProxyEnv *e)
{
  ProxyEnvStatsCall call = { e, { 0 }, FALSE };

  g_main_context_invoke (e->proxy_thread.context, proxy_env_stats_cb, &call);
  g_mutex_lock (&e->lock);
  while (!call.done)
    g_cond_wait (&e->cond, &e->lock);
  g_mutex_unlock (&e->lock);
  return call.stats;
}

/* Waits (without a timing assertion: the test's own timeout bounds it)
 * until the stand-in's counter reaches @value. */
static inline void
proxy_env_wait_bedrock_stat (ProxyEnv   *e,
                             const char *member,
                             gint64      value)
{
  while (proxy_env_bedrock_stat (e, member) < value)
    g_usleep (5000);
}
