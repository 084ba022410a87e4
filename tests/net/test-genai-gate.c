/* test-genai-gate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GenAI gates, proven from the outside: the sandbox bank counts every
 * GenAI request it receives and every one it rejects for personal data.
 * Without GenAI consent the client refuses and the sandbox sees nothing;
 * with consent, facts carrying the customer's name are redacted before they
 * leave, so the sandbox answers 200 and never 422; and the sandbox's own
 * 422 for a raw request with the name still works.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "fp-genai-client.h"
#include "fp-json-strict.h"
#include "fp-net-error.h"
#include "fp-oauth-client.h"
#include "fp-redact.h"
#include "net-test-sandbox.h"

typedef struct {
  TestSandbox     *sandbox;
  FpHttpClient    *http;
  FpOAuthClient   *oauth;
  FpConsentPolicy *policy;
  FpGenaiClient   *genai;
  char            *name;
  char            *address;
} Fixture;

static gint64
stat_of (Fixture    *f,
         const char *member)
{
  g_autofree char *text = test_sandbox_get (f->sandbox, "_sandbox/stats", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), member);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const FpBankCustomer *customer;
  const char *names[2] = { NULL, NULL };
  const char *addresses[2] = { NULL, NULL };

  f->sandbox = test_sandbox_start (1, NULL);
  f->http = fp_http_client_new (f->sandbox->url, &error);
  g_assert_no_error (error);
  f->oauth = fp_oauth_client_new (f->http);
  g_assert_true (fp_oauth_client_sign_in (f->oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &error));
  g_assert_no_error (error);

  customer = fp_bank_data_get_customer (f->sandbox->data, 0);
  g_assert_nonnull (customer);
  f->name = g_strdup (customer->person);
  f->address = g_strdup_printf ("%s, %s", customer->address, customer->city);

  f->policy = fp_consent_policy_new ("test device");
  f->genai = fp_genai_client_new (f->http, "genai/v1/", f->policy);
  names[0] = f->name;
  addresses[0] = f->address;
  fp_genai_client_set_profile (f->genai, names, addresses, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->genai);
  g_clear_object (&f->policy);
  g_clear_object (&f->oauth);
  g_clear_object (&f->http);
  test_sandbox_stop (f->sandbox);
  g_free (f->name);
  g_free (f->address);
}

/* The bank's side of the consent, as sync would send it. */
static void
grant_at_bank (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  const char *json = "{\"purpose\":\"genai\",\"policyVersion\":\"2026-11\"}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  g_autoptr(FpHttpReply) reply = fp_http_client_send (f->http, "POST", "v1/consents", "application/json",
                                                      body, key, NULL, 1 << 16, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (reply->status, ==, 201);
}

static char **
facts_with_pii (Fixture *f)
{
  g_autofree char *merchant = g_strdup_printf ("Dinner at %s's place", f->name);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  g_strv_builder_add_many (b,
                           "horizon_years", "30",
                           "goal.probability", "0.72",
                           "customer", f->name,
                           "top_merchant", merchant,
                           "home", f->address,
                           "monthly_spending", "2140.50",
                           NULL);
  return g_strv_builder_end (b);
}

static void
narrate_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GError **out = user_data;
  FpGenaiText *text = fp_genai_client_narrate_finish (FP_GENAI_CLIENT (object), result, out);

  g_assert_null (text);
  g_assert_nonnull (*out);
}

static void
test_refused_without_consent (Fixture       *f,
                              gconstpointer  data)
{
  g_auto(GStrv) facts = facts_with_pii (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpGenaiText) text = NULL;
  g_autofree char *request = NULL;

  /* Even a consent at the bank does not open the local gate. */
  grant_at_bank (f);
  g_assert_cmpint (stat_of (f, "genaiRequests"), ==, 0);

  request = fp_genai_client_build_request (f->genai, "simulation_summary", "en",
                                           (const char * const *) facts, &error);
  g_assert_null (request);
  g_assert_error (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_NOT_GRANTED);
  g_clear_error (&error);

  text = fp_genai_client_narrate (f->genai, "simulation_summary", "en",
                                  (const char * const *) facts, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_NOT_GRANTED);
  g_clear_error (&error);

  text = fp_genai_client_chat (f->genai, "How am I doing?", "en", NULL, NULL, NULL, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_NOT_GRANTED);
  g_clear_error (&error);

  fp_genai_client_narrate_async (f->genai, "simulation_summary", "en",
                                 (const char * const *) facts, NULL, narrate_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_NOT_GRANTED);
  g_clear_error (&error);

  /* Granted, then revoked again: refused again. */
  fp_consent_policy_set (f->policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, g_get_real_time ());
  fp_consent_policy_set (f->policy, FP_PURPOSE_GENAI, FP_CONSENT_REVOKED, g_get_real_time ());
  text = fp_genai_client_narrate (f->genai, "simulation_summary", "en",
                                  (const char * const *) facts, NULL, &error);
  g_assert_error (error, FP_CONSENT_ERROR, FP_CONSENT_ERROR_NOT_GRANTED);

  /* The sandbox never saw a GenAI request. */
  g_assert_cmpint (stat_of (f, "genaiRequests"), ==, 0);
  g_assert_cmpint (stat_of (f, "genaiRejected"), ==, 0);
}

static void
delta_cb (const char *text,
          gpointer    user_data)
{
  g_string_append (user_data, text);
}

static void
test_redacted_before_sending (Fixture       *f,
                              gconstpointer  data)
{
  g_auto(GStrv) facts = facts_with_pii (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpGenaiText) text = NULL;
  g_autoptr(FpGenaiText) answer = NULL;
  g_autofree char *request = NULL;
  g_autofree char *folded_request = NULL;
  g_autofree char *folded_name = NULL;
  g_autoptr(GString) streamed = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  const char *names[2] = { NULL, NULL };
  FpRedactContext ctx = { 0 };

  grant_at_bank (f);
  fp_consent_policy_set (f->policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, g_get_real_time ());

  /* What would be sent: no part of the name, nothing the scanner finds. */
  request = fp_genai_client_build_request (f->genai, "simulation_summary", "en",
                                           (const char * const *) facts, &error);
  g_assert_no_error (error);
  g_test_message ("request: %s", request);
  folded_request = g_utf8_strdown (request, -1);
  folded_name = g_utf8_strdown (f->name, -1);
  parts = g_strsplit (folded_name, " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strlen (parts[i]) >= 3)
      g_assert_null (strstr (folded_request, parts[i]));
  names[0] = f->name;
  ctx.names = names;
  g_assert_cmpint (fp_redact_scan (request, &ctx), ==, FP_PII_NONE);
  g_assert_nonnull (strstr (request, "\"horizon_years\""));
  g_assert_nonnull (strstr (request, "2140.5"));

  /* Sent: 200 with a text and its source, never 422. */
  text = fp_genai_client_narrate (f->genai, "simulation_summary", "en",
                                  (const char * const *) facts, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_cmpuint (fp_http_client_get_last_status (f->http), ==, 200);
  g_assert_cmpstr (text->generator, ==, "sandbox-template");
  g_assert_true (text->text != NULL && *text->text != '\0');
  g_assert_true (g_str_has_prefix (text->id, "nar_"));
  g_test_message ("narrative: %s", text->text);

  /* The chat, with the name in the question, streamed in pieces. */
  {
    g_autofree char *question = g_strdup_printf ("I am %s. Can I retire at 60?", f->name);

    answer = fp_genai_client_chat (f->genai, question, "en", (const char * const *) facts,
                                   delta_cb, streamed, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (answer);
    g_assert_cmpstr (answer->text, ==, streamed->str);
    g_assert_cmpstr (answer->generator, ==, "sandbox-template");
    g_assert_true (*answer->text != '\0');
  }

  g_assert_cmpint (stat_of (f, "genaiRequests"), ==, 2);
  g_assert_cmpint (stat_of (f, "genaiRejected"), ==, 0);
}

static void
test_sandbox_rejects_raw (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(FpHttpReply) reply = NULL;

  grant_at_bank (f);

  /* A request that skipped the client's gates. */
  json = g_strdup_printf ("{\"task\":\"simulation_summary\",\"facts\":["
                          "{\"key\":\"horizon_years\",\"value\":30},"
                          "{\"key\":\"customer\",\"value\":\"%s\"}]}", f->name);
  body = g_bytes_new (json, strlen (json));
  reply = fp_http_client_send (f->http, "POST", "genai/v1/narratives", "application/json", body,
                               NULL, NULL, 1 << 16, NULL, &error);
  g_assert_null (reply);
  g_assert_nonnull (error);
  g_assert_cmpuint (fp_http_client_get_last_status (f->http), ==, 422);

  g_assert_cmpint (stat_of (f, "genaiRequests"), ==, 1);
  g_assert_cmpint (stat_of (f, "genaiRejected"), ==, 1);
}

/* Issue 15, both directions: the client sends only what the strict JSON
 * rule accepts, and the sandbox refuses what it refuses (it used to keep
 * "v1" of "v1\u0000evil" in a signed receipt, and book 2^64 as -1 and
 * 1e999 as inf). */
static int
post_status (Fixture    *f,
             const char *path,
             const char *json,
             gboolean    idempotent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autofree char *key = idempotent ? g_uuid_string_random () : NULL;
  g_autoptr(FpHttpReply) reply = NULL;

  reply = fp_http_client_send (f->http, "POST", path, "application/json", body, key, NULL,
                               1 << 16, NULL, &error);
  g_assert_true ((reply != NULL) == (error == NULL));
  return (int) fp_http_client_get_last_status (f->http);
}

static void
test_strict_json_both_ways (Fixture       *f,
                            gconstpointer  data)
{
  const char *facts[] = {
    "horizon_years", "30",
    "big_number", "18446744073709551616",
    "huge", "1e999",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  g_autoptr(FpGenaiText) text = NULL;

  grant_at_bank (f);
  g_assert_true (fp_consent_policy_set (f->policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED,
                                        g_get_real_time ()));

  /* What the client sends passes the rule: no bare number beyond 64 bits
   * (this one is even redacted, as a run of digits), 1e999 as text. */
  request = fp_genai_client_build_request (f->genai, "simulation_summary", "en", facts, &error);
  g_assert_no_error (error);
  g_assert_true (fp_json_strict_check (request, strlen (request), 64, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (request, "\"value\":30}"));
  g_assert_null (strstr (request, ":18446744073709551616"));
  g_assert_nonnull (strstr (request, "\"value\":\"1e999\"}"));
  text = fp_genai_client_narrate (f->genai, "simulation_summary", "en", facts, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);

  /* Raw requests the rule refuses: 400 with problem+json, nothing kept. */
  g_assert_cmpint (post_status (f, "genai/v1/narratives",
                                "{\"task\":\"simulation_summary\",\"facts\":["
                                "{\"key\":\"x\",\"value\":18446744073709551616}]}", FALSE), ==, 400);
  g_assert_cmpint (post_status (f, "genai/v1/narratives",
                                "{\"task\":\"simulation_summary\",\"facts\":["
                                "{\"key\":\"x\",\"value\":1e999}]}", FALSE), ==, 400);
  g_assert_cmpint (post_status (f, "v1/consents",
                                "{\"purpose\":\"marketing\",\"policyVersion\":\"v1\\u0000evil\"}", TRUE), ==, 400);
  g_assert_cmpint (post_status (f, "v1/consents",
                                "{\"purpose\":\"genai\",\"purpose\":\"marketing\",\"policyVersion\":\"v1\"}",
                                TRUE), ==, 400);
  /* The same requests, well-formed, are accepted: the refusals above are
   * the rule's, not the endpoint's. */
  g_assert_cmpint (post_status (f, "genai/v1/narratives",
                                "{\"task\":\"simulation_summary\",\"facts\":["
                                "{\"key\":\"x\",\"value\":18}]}", FALSE), ==, 200);
  g_assert_cmpint (post_status (f, "v1/consents",
                                "{\"purpose\":\"marketing\",\"policyVersion\":\"v1\"}", TRUE), ==, 201);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/genai/gate/refused-without-consent", Fixture, NULL,
              fixture_set_up, test_refused_without_consent, fixture_tear_down);
  g_test_add ("/genai/gate/redacted-before-sending", Fixture, NULL,
              fixture_set_up, test_redacted_before_sending, fixture_tear_down);
  g_test_add ("/genai/gate/sandbox-rejects-raw", Fixture, NULL,
              fixture_set_up, test_sandbox_rejects_raw, fixture_tear_down);
  g_test_add ("/genai/gate/strict-json-both-ways", Fixture, NULL,
              fixture_set_up, test_strict_json_both_ways, fixture_tear_down);

  return g_test_run ();
}
