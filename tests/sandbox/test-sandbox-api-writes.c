/* test-sandbox-api-writes.c
 *
 * The bank API of the sandbox over real HTTP, what it takes: idempotent
 * writes, strict validation with problem+json, the body and rate limits,
 * consents with receipts, and every kind of injected fault. What it shows
 * and to whom is in test-sandbox-api.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-api-test-helper.h"

static JsonNode *
stats (Fixture *f)
{
  return get_json (f, NULL, "/_sandbox/stats");
}

static void
test_idempotency (Fixture       *f,
                  gconstpointer  data)
{
  const char *body = "{\"purpose\":\"genai\",\"policyVersion\":\"2026-01\"}";
  g_autoptr(TestResponse) first = post (f, f->a.access_token, "/v1/consents", "key-1", body);
  g_autoptr(TestResponse) replay = post (f, f->a.access_token, "/v1/consents", "key-1", body);
  g_autoptr(TestResponse) replay2 = post (f, f->a.access_token, "/v1/consents", "key-1", body);
  g_autoptr(TestResponse) other_body = post (f, f->a.access_token, "/v1/consents", "key-1",
                                             "{\"purpose\":\"marketing\"}");
  g_autoptr(TestResponse) missing = post (f, f->a.access_token, "/v1/consents", NULL, body);
  g_autoptr(TestResponse) b_same_key = post (f, f->b.access_token, "/v1/consents", "key-1", body);
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) s = NULL;
  JsonObject *replays;

  g_assert_cmpuint (first->status, ==, 201);
  g_assert_null (ts_header (first, "Idempotent-Replayed"));
  g_assert_cmpuint (replay->status, ==, 201);
  g_assert_cmpstr (replay->body, ==, first->body);
  g_assert_cmpstr (ts_header (replay, "Location"), ==, ts_header (first, "Location"));
  g_assert_cmpstr (ts_header (replay, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpstr (replay2->body, ==, first->body);
  assert_problem (other_body, 422, "header", "Idempotency-Key");
  assert_problem (missing, 400, "header", "Idempotency-Key");
  /* Keys are scoped to the customer: B's key-1 is B's own first write. */
  g_assert_cmpuint (b_same_key->status, ==, 201);
  g_assert_null (ts_header (b_same_key, "Idempotent-Replayed"));

  /* Exactly one consent was created for A. */
  list = get_json (f, f->a.access_token, "/v1/consents");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (list), "consents")), ==, 1);

  s = stats (f);
  replays = json_object_get_object_member (json_node_get_object (s), "idempotentReplays");
  g_assert_cmpint (json_object_get_int_member (replays, "key-1"), ==, 2);
}


static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  static const struct {
    const char *body;
    guint status;
    const char *pointer;
  } cases[] = {
    { "{\"purpose\":\"genai\",\"extra\":1}", 400, "/extra" },
    { "{\"purpose\":42}", 400, "/purpose" },
    { "{\"purpose\":\"everything\"}", 400, "/purpose" },
    { "{}", 400, "/purpose" },
    { "{\"purpose\":\"genai\",\"expirationDateTime\":\"tomorrow\"}", 400, "/expirationDateTime" },
    { "{\"purpose\":\"genai\",\"expirationDateTime\":\"2001-01-01T00:00:00Z\"}", 400, "/expirationDateTime" },
    { "{\"purpose\":\"genai\",\"policyVersion\":\"\"}", 400, "/policyVersion" },
    { "[1,2]", 400, "" },
    { "{\"purpose\":", 400, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = g_strdup_printf ("validation-%u", i);
      g_autoptr(TestResponse) r = post (f, f->a.access_token, "/v1/consents", key, cases[i].body);

      assert_problem (r, cases[i].status, "pointer", cases[i].pointer);
    }

  /* Feedback: a reason code inside an array is named by its index. */
  {
    g_autoptr(TestResponse) r = post (f, f->a.access_token, "/v1/feedback", "fb-1",
                                      "{\"offerId\":\"loan-personal\",\"reaction\":\"not_for_me\","
                                      "\"reasons\":[\"rate_too_high\",\"because\"]}");
    g_autoptr(TestResponse) unknown = post (f, f->a.access_token, "/v1/feedback", "fb-2",
                                            "{\"offerId\":\"no-such-offer\",\"reaction\":\"interested\"}");
    g_autoptr(TestResponse) ok = post (f, f->a.access_token, "/v1/feedback", "fb-3",
                                       "{\"offerId\":\"loan-personal\",\"reaction\":\"not_for_me\","
                                       "\"reasons\":[\"rate_too_high\"]}");

    assert_problem (r, 400, "pointer", "/reasons/1");
    assert_problem (unknown, 422, "pointer", "/offerId");
    g_assert_cmpuint (ok->status, ==, 201);
  }

  /* Not JSON at all, nested too deep, not UTF-8. */
  {
    g_autoptr(GString) deep = g_string_new ("{\"purpose\":");
    g_autoptr(TestResponse) form = ts_request (f->ts, "POST", "/v1/consents", f->a.access_token,
                                               "text/plain", "purpose=genai",
                                               "Idempotency-Key", "v-form", NULL);
    g_autoptr(TestResponse) nested = NULL;
    g_autoptr(TestResponse) latin1 = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append_c (deep, '[');
    nested = post (f, f->a.access_token, "/v1/consents", "v-deep", deep->str);
    latin1 = post (f, f->a.access_token, "/v1/consents", "v-latin1", "{\"purpose\":\"g\xe9nai\"}");
    assert_problem (form, 415, "header", "Content-Type");
    assert_problem (nested, 400, "pointer", "");
    assert_problem (latin1, 400, "pointer", "");
  }

  /* Unknown endpoints and methods. */
  {
    g_autoptr(TestResponse) nowhere = get (f, f->a.access_token, "/v1/nowhere");
    g_autoptr(TestResponse) put = ts_request (f->ts, "PUT", "/v1/accounts", f->a.access_token,
                                              "application/json", "{}", "Idempotency-Key", "v-put", NULL);

    assert_problem (nowhere, 404, NULL, NULL);
    assert_problem (put, 405, NULL, NULL);
  }
}

static void
test_body_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new ("{\"purpose\":\"genai\",\"policyVersion\":\"");
  g_autoptr(TestResponse) r = NULL;

  while (big->len < 8192)
    g_string_append (big, "xxxxxxxxxxxxxxxx");
  g_string_append (big, "\"}");
  r = post (f, f->a.access_token, "/v1/consents", "big-1", big->str);
  assert_problem (r, 413, NULL, NULL);
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  /* The fixture allows 4 requests per minute and customer. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(TestResponse) r = get (f, f->a.access_token, "/v1/accounts");

      g_assert_cmpuint (r->status, ==, 200);
    }
  {
    g_autoptr(TestResponse) r = get (f, f->a.access_token, "/v1/accounts");
    g_autoptr(TestResponse) other = get (f, f->b.access_token, "/v1/accounts");
    gint64 retry;

    assert_problem (r, 429, NULL, NULL);
    g_assert_nonnull (ts_header (r, "Retry-After"));
    retry = g_ascii_strtoll (ts_header (r, "Retry-After"), NULL, 10);
    g_assert_cmpint (retry, >=, 1);
    g_assert_cmpint (retry, <=, 60);
    /* Another customer has a budget of their own. */
    g_assert_cmpuint (other->status, ==, 200);
  }
}

static void
advance_clock (Fixture *f,
               gint64   seconds)
{
  g_autofree char *body = g_strdup_printf ("{\"advanceSeconds\": %" G_GINT64_FORMAT "}", seconds);
  g_autoptr(TestResponse) r = ts_request (f->ts, "POST", "/_sandbox/clock", NULL,
                                          "application/json", body, NULL);

  g_assert_cmpuint (r->status, ==, 204);
}

static void
check_receipt (JsonObject *consent,
               guint       customer)
{
  JsonObject *receipt = json_object_get_object_member (consent, "receipt");
  g_autofree char *message = g_strdup_printf ("%u|%s|%s|%s|%s|%s", customer,
                                              json_object_get_string_member (receipt, "receiptId"),
                                              json_object_get_string_member (receipt, "consentId"),
                                              json_object_get_string_member (receipt, "purpose"),
                                              json_object_get_string_member (receipt, "status"),
                                              json_object_get_string_member (receipt, "issuedAt"));
  g_autofree char *expected = g_compute_hmac_for_string (G_CHECKSUM_SHA256,
                                                         (const guchar *) "finpersona-sandbox-receipts", 27,
                                                         message, -1);

  g_assert_cmpstr (json_object_get_string_member (receipt, "status"), ==,
                   json_object_get_string_member (consent, "status"));
  g_assert_cmpstr (json_object_get_string_member (receipt, "signature"), ==, expected);
}

static void
test_consent_lifecycle (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TestResponse) granted = post (f, f->a.access_token, "/v1/consents", "c-1",
                                          "{\"purpose\":\"personalization\"}");
  g_autoptr(TestResponse) twice = post (f, f->a.access_token, "/v1/consents", "c-2",
                                        "{\"purpose\":\"personalization\"}");
  g_autoptr(TestResponse) expiring = post (f, f->a.access_token, "/v1/consents", "c-3",
                                           "{\"purpose\":\"open_banking\",\"expirationDateTime\":\"2099-01-01T00:00:00Z\"}");
  g_autoptr(JsonNode) g = ts_json (granted);
  g_autofree char *revoke_path = g_strconcat ("/v1/consents/", str (g, "consentId"), "/revoke", NULL);
  g_autoptr(TestResponse) revoked = NULL;
  g_autoptr(TestResponse) revoked_again = NULL;
  g_autoptr(TestResponse) regrant = NULL;
  g_autoptr(JsonNode) r = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonArray *events;

  g_assert_cmpuint (granted->status, ==, 201);
  g_assert_cmpstr (str (g, "status"), ==, "Authorised");
  g_assert_true (g_str_has_suffix (ts_header (granted, "Location"), str (g, "consentId")));
  check_receipt (json_node_get_object (g), 1);
  assert_problem (twice, 409, "pointer", "/purpose");
  g_assert_cmpuint (expiring->status, ==, 201);

  revoked = post (f, f->a.access_token, revoke_path, "c-4", "{}");
  g_assert_cmpuint (revoked->status, ==, 200);
  r = ts_json (revoked);
  g_assert_cmpstr (str (r, "status"), ==, "Revoked");
  check_receipt (json_node_get_object (r), 1);
  revoked_again = post (f, f->a.access_token, revoke_path, "c-5", "{}");
  assert_problem (revoked_again, 409, NULL, NULL);
  regrant = post (f, f->a.access_token, "/v1/consents", "c-6", "{\"purpose\":\"personalization\"}");
  g_assert_cmpuint (regrant->status, ==, 201);

  /* Far in the future the open-banking consent has expired. */
  advance_clock (f, (gint64) 80 * 365 * 24 * 3600);
  ts_tokens_clear (&f->a);
  g_assert_true (ts_sign_in (f->ts, "user1", &f->a));
  list = get_json (f, f->a.access_token, "/v1/consents");
  {
    JsonArray *consents = json_object_get_array_member (json_node_get_object (list), "consents");
    guint expired = 0;

    for (guint i = 0; i < json_array_get_length (consents); i++)
      {
        JsonObject *c = json_array_get_object_element (consents, i);

        if (g_strcmp0 (json_object_get_string_member (c, "status"), "Expired") == 0)
          {
            g_assert_cmpstr (json_object_get_string_member (c, "purpose"), ==, "open_banking");
            check_receipt (c, 1);
            expired++;
          }
      }
    g_assert_cmpuint (expired, ==, 1);
  }

  history = get_json (f, f->a.access_token, "/v1/consents/history");
  events = json_object_get_array_member (json_node_get_object (history), "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 5);
  {
    static const char *const actions[] = { "granted", "granted", "revoked", "granted", "expired" };

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, i), "action"),
                       ==, actions[i]);
  }
}

static void
set_faults (Fixture    *f,
            const char *json)
{
  g_autoptr(TestResponse) r = ts_request (f->ts, "POST", "/_sandbox/faults", NULL,
                                          "application/json", json, NULL);

  g_assert_cmpuint (r->status, ==, 204);
}

static gboolean
parses_as_json (TestResponse *r)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json_parser_load_from_data (parser, r->body, (gssize) r->len, NULL);
}

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) s = NULL;
  JsonObject *counts;

  {
    g_autoptr(TestResponse) r = NULL;

    set_faults (f, "{\"errorRate\": 1}");
    r = get (f, f->a.access_token, "/v1/accounts");
    assert_problem (r, 503, NULL, NULL);
    g_assert_nonnull (ts_header (r, "Retry-After"));
  }
  {
    g_autoptr(TestResponse) r1 = NULL;
    g_autoptr(TestResponse) r2 = NULL;

    set_faults (f, "{\"stormRate\": 1, \"stormLength\": 2}");
    r1 = get (f, f->a.access_token, "/v1/accounts");
    r2 = get (f, f->a.access_token, "/v1/cards");
    assert_problem (r1, 429, NULL, NULL);
    assert_problem (r2, 429, NULL, NULL);
    g_assert_cmpstr (ts_header (r1, "Retry-After"), ==, "1");
  }
  {
    g_autoptr(TestResponse) r = NULL;

    set_faults (f, "{\"cutRate\": 1}");
    r = get (f, f->a.access_token, "/v1/transactions");
    /* The transport reports the connection closed before the promised end. */
    g_assert_cmpuint (r->status, ==, 0);
  }
  {
    g_autoptr(TestResponse) r = NULL;

    set_faults (f, "{\"malformedRate\": 1}");
    r = get (f, f->a.access_token, "/v1/accounts");
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_false (parses_as_json (r));
  }
  {
    g_autoptr(TestResponse) r = NULL;
    g_autoptr(TestResponse) clean = NULL;

    set_faults (f, "{\"truncateRate\": 1}");
    r = get (f, f->a.access_token, "/v1/accounts");
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_false (parses_as_json (r));
    set_faults (f, "{}");
    clean = get (f, f->a.access_token, "/v1/accounts");
    g_assert_true (parses_as_json (clean));
    g_assert_cmpuint (r->len, ==, clean->len / 2);
    g_assert_true (strncmp (r->body, clean->body, r->len) == 0);
  }
  {
    g_autoptr(TestResponse) r = NULL;

    /* Latency changes nothing but the time; no timing is asserted. */
    set_faults (f, "{\"latencyMs\": 30}");
    r = get (f, f->a.access_token, "/v1/accounts");
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_true (parses_as_json (r));
  }

  /* OAuth is never faulted. */
  {
    g_auto(TestTokens) tokens = { 0 };

    set_faults (f, "{\"errorRate\": 1, \"cutRate\": 1}");
    g_assert_true (ts_sign_in (f->ts, "user1", &tokens));
  }

  set_faults (f, "{}");
  s = stats (f);
  counts = json_object_get_object_member (json_node_get_object (s), "faults");
  g_assert_cmpint (json_object_get_int_member (counts, "error"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "storm"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (counts, "cut"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "malformed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "truncated"), ==, 1);
}

static void
test_faults_reproducible (Fixture       *f,
                          gconstpointer  data)
{
  GString *runs[2];

  for (guint run = 0; run < 2; run++)
    {
      runs[run] = g_string_new (NULL);
      set_faults (f, "{\"seed\": 42, \"errorRate\": 0.3, \"malformedRate\": 0.2, \"stormRate\": 0.1, \"stormLength\": 2}");
      for (guint i = 0; i < 40; i++)
        {
          g_autoptr(TestResponse) r = get (f, f->a.access_token, "/v1/cards");

          g_string_append_printf (runs[run], "%u%c ", r->status, parses_as_json (r) ? 'j' : 'x');
        }
    }
  set_faults (f, "{}");
  g_assert_cmpstr (runs[0]->str, ==, runs[1]->str);
  /* With these rates 40 requests show every outcome. */
  g_assert_nonnull (strstr (runs[0]->str, "200j"));
  g_assert_nonnull (strstr (runs[0]->str, "200x"));
  g_assert_nonnull (strstr (runs[0]->str, "503j"));
  g_assert_nonnull (strstr (runs[0]->str, "429j"));
  g_string_free (runs[0], TRUE);
  g_string_free (runs[1], TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, rate) \
  g_test_add ("/sandbox/api/" path, Fixture, GUINT_TO_POINTER (rate), fixture_setup, func, fixture_teardown)

  ADD ("idempotency", test_idempotency, 0);
  ADD ("validation", test_validation, 0);
  ADD ("body-limit", test_body_limit, 0);
  ADD ("rate-limit", test_rate_limit, 4);
  ADD ("consent-lifecycle", test_consent_lifecycle, 0);
  ADD ("faults", test_faults, 0);
  ADD ("faults-reproducible", test_faults_reproducible, 0);

  return g_test_run ();
}
