/* test-genai-stream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client's side of the real GenAI proxy: fp_genai_client_ask() and
 * fp_session_ask(), the API the assistant page uses. The answer streams:
 * its first piece reaches the caller while the model (the sandbox's
 * Bedrock stand-in, slowed down) is still writing. Each way an answer can
 * fail arrives as its kind (no consent, offline, throttled with a
 * Retry-After, refused, interrupted), cancelling stops the model's stream
 * too, and without consent nothing reaches the proxy or the model. The
 * last test runs the app's own demo session: sandbox bank, Bedrock
 * stand-in and proxy as child processes on loopback.
 */

#include "config.h"

#include "fp-genai-client.h"
#include "fp-proxy-test-env.h"
#include "fp-session.h"

typedef struct {
  ProxyEnv        *env;
  FpConsentPolicy *policy;
  FpHttpClient    *http;
  FpGenaiClient   *genai;
} Fixture;

typedef struct {
  ProxyEnv  *env;
  GString   *text;
  guint      n_deltas;
  gint64     completed_at_first_delta;
  gboolean   cancel_at_first;
  guint      n_after_cancel;
  gboolean   cancelled;
  gboolean   ended;
  GError    *error;
} Watch;

static void
setup_with (Fixture       *f,
            ProxyEnvTweak  tweak)
{
  g_autoptr(GError) error = NULL;

  f->env = proxy_env_start (tweak, NULL);
  f->policy = fp_consent_policy_new ("test device");
  f->http = fp_http_client_new (f->env->proxy_url, &error);
  g_assert_no_error (error);
  fp_http_client_set_access_token (f->http, proxy_env_sign_in (f->env));
  f->genai = fp_genai_client_new (f->http, "v1/", f->policy);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  setup_with (f, (ProxyEnvTweak) (gpointer) data);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->genai);
  g_clear_object (&f->http);
  g_clear_object (&f->policy);
  proxy_env_stop (f->env);
}

static void
consent_everywhere (Fixture *f)
{
  fp_consent_policy_set (f->policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, g_get_real_time ());
  proxy_env_bank_consent (f->env, TRUE);
}

static void
delta_cb (FpGenaiAnswer *answer,
          const char    *text,
          Watch         *w)
{
  if (w->cancelled)
    w->n_after_cancel++;
  if (w->n_deltas++ == 0)
    {
      if (w->env != NULL)
        w->completed_at_first_delta = proxy_env_bedrock_stat (w->env, "streamsCompleted");
      if (w->cancel_at_first)
        {
          fp_genai_answer_cancel (answer);
          w->cancelled = TRUE;
        }
    }
  g_string_append (w->text, text);
}

static void
done_cb (FpGenaiAnswer *answer,
         Watch         *w)
{
  w->ended = TRUE;
}

static void
failed_cb (FpGenaiAnswer *answer,
           const GError  *error,
           Watch         *w)
{
  w->error = g_error_copy (error);
  w->ended = TRUE;
}

/* Runs the main loop until @answer ends (the test's timeout bounds it). */
static void
watch (ProxyEnv      *env,
       FpGenaiAnswer *answer,
       Watch         *w)
{
  w->env = env;
  w->text = g_string_new (NULL);
  g_signal_connect (answer, "delta", G_CALLBACK (delta_cb), w);
  g_signal_connect (answer, "done", G_CALLBACK (done_cb), w);
  g_signal_connect (answer, "failed", G_CALLBACK (failed_cb), w);
  while (!w->ended && fp_genai_answer_get_state (answer) == FP_GENAI_ANSWER_RUNNING)
    g_main_context_iteration (NULL, TRUE);
}

static void
watch_clear (Watch *w)
{
  if (w->text != NULL)
    g_string_free (w->text, TRUE);
  w->text = NULL;
  g_clear_error (&w->error);
}

static const char *const facts[] = {
  "monthly_income", "4200",
  "rent", "1450",
  "goal.probability", "0.82",
  NULL,
};

static void
test_streams (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(FpGenaiAnswer) answer = NULL;
  const char * const *used;
  Watch w = { 0 };

  consent_everywhere (f);
  /* A slow model: one message every 50 ms. */
  proxy_env_bedrock_faults (f->env, "{\"chunkDelayMs\":50}");
  answer = fp_genai_client_ask (f->genai, FP_GENAI_TASK_ANSWER_QUESTION, "Can I afford $600 more rent a month?",
                                "en", facts, NULL);
  watch (f->env, answer, &w);

  g_assert_no_error (w.error);
  g_assert_cmpint (fp_genai_answer_get_state (answer), ==, FP_GENAI_ANSWER_DONE);
  /* A real stream: the first piece arrived while the model was still
   * writing (reading the reply whole would wait for its end). */
  g_assert_cmpint (w.completed_at_first_delta, ==, 0);
  g_assert_cmpuint (w.n_deltas, >, 3);
  g_assert_cmpstr (w.text->str, ==, fp_genai_answer_get_text (answer));
  g_assert_true (g_str_has_prefix (w.text->str, "You earn about 4,200 a month."));
  g_assert_cmpstr (fp_genai_answer_get_generator (answer), ==, "bedrock:anthropic.claude-3-haiku-20240307-v1:0");
  g_assert_cmpstr (fp_genai_answer_get_finish_reason (answer), ==, "stop");
  /* The facts it was based on, as sent. */
  used = fp_genai_answer_get_facts_used (answer);
  g_assert_cmpuint (g_strv_length ((GStrv) used), ==, 6);
  g_assert_cmpstr (used[0], ==, "monthly_income");
  g_assert_cmpstr (used[5], ==, "0.82");
  watch_clear (&w);
}

static void
test_explain_streams (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FpGenaiAnswer) answer = NULL;
  Watch w = { 0 };

  consent_everywhere (f);
  answer = fp_genai_client_ask (f->genai, FP_GENAI_TASK_EXPLAIN_SPENDING, NULL, "en", facts, NULL);
  watch (f->env, answer, &w);
  g_assert_no_error (w.error);
  g_assert_true (g_str_has_prefix (fp_genai_answer_get_text (answer), "You earn about 4,200 a month. Your rent is 1,450."));
  g_assert_cmpint (proxy_env_bedrock_stat (f->env, "streams"), ==, 1);
  watch_clear (&w);
}

static void
test_no_consent_sends_nothing (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(FpGenaiAnswer) answer = NULL;
  g_autoptr(FpGenaiAnswer) revoked = NULL;
  FpProxyStats stats;
  Watch w = { 0 };
  Watch w2 = { 0 };

  /* The bank has a consent; this device's customer has not given it. */
  proxy_env_bank_consent (f->env, TRUE);
  answer = fp_genai_client_ask (f->genai, FP_GENAI_TASK_ANSWER_QUESTION, "How am I doing?", "en", facts, NULL);
  /* Fails from the main loop, after the caller connected. */
  g_assert_cmpint (fp_genai_answer_get_state (answer), ==, FP_GENAI_ANSWER_RUNNING);
  watch (f->env, answer, &w);
  g_assert_error (w.error, FP_GENAI_ERROR, FP_GENAI_ERROR_NO_CONSENT);

  fp_consent_policy_set (f->policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, g_get_real_time ());
  fp_consent_policy_set (f->policy, FP_PURPOSE_GENAI, FP_CONSENT_REVOKED, g_get_real_time ());
  revoked = fp_genai_client_ask (f->genai, FP_GENAI_TASK_NARRATE_SCENARIO, NULL, "en", facts, NULL);
  watch (f->env, revoked, &w2);
  g_assert_error (w2.error, FP_GENAI_ERROR, FP_GENAI_ERROR_NO_CONSENT);

  /* Nothing reached the proxy, nothing reached the model. */
  stats = proxy_env_proxy_stats (f->env);
  g_assert_cmpuint (stats.requests, ==, 0);
  g_assert_cmpint (proxy_env_bedrock_stat (f->env, "requests"), ==, 0);
  watch_clear (&w);
  watch_clear (&w2);
}

static void
test_no_consent_at_the_bank (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(FpGenaiAnswer) answer = NULL;
  Watch w = { 0 };

  fp_consent_policy_set (f->policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, g_get_real_time ());
  answer = fp_genai_client_ask (f->genai, FP_GENAI_TASK_ANSWER_QUESTION, "How am I doing?", "en", facts, NULL);
  watch (f->env, answer, &w);
  g_assert_error (w.error, FP_GENAI_ERROR, FP_GENAI_ERROR_NO_CONSENT);
  g_assert_cmpint (proxy_env_bedrock_stat (f->env, "requests"), ==, 0);
  watch_clear (&w);
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(FpGenaiClient) genai = NULL;
  g_autoptr(FpGenaiAnswer) answer = NULL;
  g_autofree char *url = NULL;
  guint16 port;
  Watch w = { 0 };

  /* A port that was free a moment ago and is closed again. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, NULL);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  http = fp_http_client_new (url, NULL);
  fp_http_client_set_access_token (http, proxy_env_sign_in (f->env));
  genai = fp_genai_client_new (http, "v1/", f->policy);
  fp_consent_policy_set (f->policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, g_get_real_time ());
  answer = fp_genai_client_ask (genai, FP_GENAI_TASK_ANSWER_QUESTION, "Hello?", "en", facts, NULL);
  watch (f->env, answer, &w);
  g_assert_error (w.error, FP_GENAI_ERROR, FP_GENAI_ERROR_OFFLINE);
  watch_clear (&w);
}

static void
one_request (ProxyEnv *e,
             gpointer  data)
{
  e->proxy_config.burst = 1;
  e->proxy_config.requests_per_minute = 1;
}

static void
test_throttled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(FpGenaiAnswer) first = NULL;
  g_autoptr(FpGenaiAnswer) second = NULL;
  Watch w1 = { 0 };
  Watch w2 = { 0 };

  consent_everywhere (f);
  first = fp_genai_client_ask (f->genai, FP_GENAI_TASK_ANSWER_QUESTION, "One?", "en", facts, NULL);
  watch (f->env, first, &w1);
  g_assert_no_error (w1.error);
  second = fp_genai_client_ask (f->genai, FP_GENAI_TASK_ANSWER_QUESTION, "Two?", "en", facts, NULL);
  watch (f->env, second, &w2);
  g_assert_error (w2.error, FP_GENAI_ERROR, FP_GENAI_ERROR_THROTTLED);
  g_assert_cmpint (fp_genai_answer_get_retry_after (second), >=, 1);
  g_assert_cmpint (fp_genai_answer_get_retry_after (second), <=, 60);
  watch_clear (&w1);
  watch_clear (&w2);
}

static void
test_refused_by_the_proxy (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *question = g_strdup_printf ("I am %s, can I retire early?",
                                               fp_bank_data_get_customer (f->env->data, 0)->person);
  g_autoptr(FpGenaiAnswer) answer = NULL;
  Watch w = { 0 };

  consent_everywhere (f);
  /* This client was never told the customer's name (no profile), so it
   * cannot redact it; the proxy, which asks the bank, refuses it. */
  answer = fp_genai_client_ask (f->genai, FP_GENAI_TASK_ANSWER_QUESTION, question, "en", facts, NULL);
  watch (f->env, answer, &w);
  g_assert_error (w.error, FP_GENAI_ERROR, FP_GENAI_ERROR_REFUSED);
  g_assert_cmpint (proxy_env_bedrock_stat (f->env, "requests"), ==, 0);
  watch_clear (&w);
}

static void
test_interrupted (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FpGenaiAnswer) answer = NULL;
  Watch w = { 0 };

  consent_everywhere (f);
  proxy_env_bedrock_faults (f->env, "{\"streamErrorNext\":1}");
  answer = fp_genai_client_ask (f->genai, FP_GENAI_TASK_ANSWER_QUESTION, "How am I doing?", "en", facts, NULL);
  watch (f->env, answer, &w);
  g_assert_error (w.error, FP_GENAI_ERROR, FP_GENAI_ERROR_INTERRUPTED);
  /* What arrived stays; it is not called an answer. */
  g_assert_cmpuint (w.n_deltas, ==, 2);
  g_assert_cmpstr (fp_genai_answer_get_text (answer), ==, w.text->str);
  g_assert_null (fp_genai_answer_get_facts_used (answer));
  watch_clear (&w);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(FpGenaiAnswer) answer = NULL;
  Watch w = { 0 };

  consent_everywhere (f);
  proxy_env_bedrock_faults (f->env, "{\"chunkDelayMs\":100}");
  w.cancel_at_first = TRUE;
  answer = fp_genai_client_ask (f->genai, FP_GENAI_TASK_ANSWER_QUESTION, "How am I doing?", "en", facts, NULL);
  watch (f->env, answer, &w);
  g_assert_cmpint (fp_genai_answer_get_state (answer), ==, FP_GENAI_ANSWER_CANCELLED);
  g_assert_null (w.error);
  /* The model's stream stops too: the proxy saw the client leave. */
  proxy_env_wait_bedrock_stat (f->env, "streamsCancelled", 1);
  g_assert_cmpint (proxy_env_bedrock_stat (f->env, "streamsCompleted"), ==, 0);
  /* Nothing more reached the page after the cancel. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (w.n_after_cancel, ==, 0);
  watch_clear (&w);
}

static void
test_narrative_through_proxy (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(FpGenaiText) text = NULL;
  g_autoptr(GError) error = NULL;

  consent_everywhere (f);
  text = fp_genai_client_narrate (f->genai, "simulation_summary", "en", facts, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text->generator, ==, "bedrock:anthropic.claude-3-haiku-20240307-v1:0");
  g_assert_cmpuint (text->facts_used, ==, 3);
  g_assert_cmpint (proxy_env_bedrock_stat (f->env, "converse"), ==, 1);
}

/* The app's demo, whole: a session with no bank address starts the
 * sandbox (bank and Bedrock stand-in) and the GenAI proxy as child
 * processes, and asks through them. */

static gboolean
is_synced (FpSession *session)
{
  FpSyncEngine *engine = fp_session_get_sync_engine (session);

  return engine != NULL && fp_sync_engine_get_state (engine) == FP_SYNC_STATE_IDLE
         && fp_sync_engine_get_last_synced (engine) > 0;
}

static void
narrated_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FpGenaiText **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = fp_session_narrate_finish (FP_SESSION (object), result, &error);
  g_assert_no_error (error);
}

static void
test_demo_session (void)
{
  g_autoptr(FpSession) session = fp_session_new ("", NULL, FP_SESSION_EPHEMERAL);
  g_autoptr(FpGenaiAnswer) refused = NULL;
  g_autoptr(FpGenaiAnswer) answer = NULL;
  Watch w = { 0 };
  Watch w0 = { 0 };

  fp_session_start (session);
  while (!is_synced (session))
    {
      g_assert_cmpint (fp_session_get_state (session), !=, FP_SESSION_STATE_FAILED);
      g_main_context_iteration (NULL, TRUE);
    }

  /* Without consent: refused on the device. */
  refused = fp_session_ask (session, FP_GENAI_TASK_ANSWER_QUESTION, "How am I doing?", facts, NULL);
  watch (NULL, refused, &w0);
  g_assert_error (w0.error, FP_GENAI_ERROR, FP_GENAI_ERROR_NO_CONSENT);

  /* With it, once the bank has it too (the outbox delivers it on the next
   * sync), the answer comes from the model through the proxy. */
  fp_consent_policy_set (fp_session_get_consent_policy (session), FP_PURPOSE_GENAI, FP_CONSENT_GRANTED,
                         g_get_real_time ());
  for (;;)
    {
      g_clear_object (&answer);
      watch_clear (&w);
      memset (&w, 0, sizeof w);
      fp_session_sync_now (session);
      answer = fp_session_ask (session, FP_GENAI_TASK_ANSWER_QUESTION, "How am I doing?", facts, NULL);
      watch (NULL, answer, &w);
      if (w.error == NULL)
        break;
      /* The bank does not know of the consent yet, or the proxy is still
       * starting; anything else is a failure. */
      if (!g_error_matches (w.error, FP_GENAI_ERROR, FP_GENAI_ERROR_NO_CONSENT)
          && !g_error_matches (w.error, FP_GENAI_ERROR, FP_GENAI_ERROR_OFFLINE))
        g_error ("%s", w.error->message);
      g_usleep (200000);
    }
  g_assert_cmpstr (fp_genai_answer_get_generator (answer), ==, "bedrock:anthropic.claude-3-haiku-20240307-v1:0");
  g_assert_true (g_str_has_prefix (fp_genai_answer_get_text (answer), "You earn about 4,200 a month."));
  watch_clear (&w);

  /* The Time Machine's narrative takes the same road. */
  {
    g_autoptr(FpGenaiText) text = NULL;

    fp_session_narrate_async (session, facts, NULL, narrated_cb, &text);
    while (text == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (text->generator, ==, "bedrock:anthropic.claude-3-haiku-20240307-v1:0");
    g_assert_true (g_str_has_prefix (text->text, "You earn about 4,200 a month."));
  }
  watch_clear (&w0);
  fp_session_shutdown (session);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, tweak) \
  g_test_add ("/genai/stream/" path, Fixture, (gconstpointer) (gpointer) (tweak), setup, func, teardown)
  ADD ("streams", test_streams, NULL);
  ADD ("explain-streams", test_explain_streams, NULL);
  ADD ("no-consent-sends-nothing", test_no_consent_sends_nothing, NULL);
  ADD ("no-consent-at-the-bank", test_no_consent_at_the_bank, NULL);
  ADD ("offline", test_offline, NULL);
  ADD ("throttled", test_throttled, one_request);
  ADD ("refused-by-the-proxy", test_refused_by_the_proxy, NULL);
  ADD ("interrupted", test_interrupted, NULL);
  ADD ("cancel", test_cancel, NULL);
  ADD ("narrative-through-proxy", test_narrative_through_proxy, NULL);
  g_test_add_func ("/genai/session/demo", test_demo_session);

  return g_test_run ();
}
