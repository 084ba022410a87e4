/* test-sandbox-genai.c
 *
 * The sandbox's GenAI proxy: labelled template answers, the consent gate,
 * server-sent events, and 422 for requests that carry personal data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-helper.h"

#define FACTS "\"facts\":[{\"key\":\"monthly_income\",\"value\":4200,\"unit\":\"USD\"}," \
              "{\"key\":\"savings_rate\",\"value\":12.5,\"unit\":\"percent\"}," \
              "{\"key\":\"goal.probability\",\"value\":0.82,\"unit\":\"ratio\"}]"

typedef struct {
  TestSandbox *ts;
  TestTokens   a;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  FpSandboxConfig config;

  fp_sandbox_config_init (&config);
  config.test_hooks = TRUE;
  f->ts = ts_start (&config, 2);
  g_assert_true (ts_sign_in (f->ts, "user1", &f->a));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ts_tokens_clear (&f->a);
  ts_stop (f->ts);
}

static TestResponse *
genai (Fixture    *f,
       const char *what,
       const char *body)
{
  g_autofree char *path = g_strconcat ("/genai/v1/", what, NULL);

  return ts_request (f->ts, "POST", path, f->a.access_token, "application/json", body, NULL);
}

static void
grant_genai (Fixture *f)
{
  g_autoptr(TestResponse) r = ts_request (f->ts, "POST", "/v1/consents", f->a.access_token,
                                          "application/json", "{\"purpose\":\"genai\"}",
                                          "Idempotency-Key", "genai-consent", NULL);

  g_assert_cmpuint (r->status, ==, 201);
}

static const char *
problem_pointer (JsonNode *node)
{
  JsonArray *errors = json_object_get_array_member (json_node_get_object (node), "errors");

  return json_object_get_string_member (json_array_get_object_element (errors, 0), "pointer");
}

static void
test_consent_gate (Fixture       *f,
                   gconstpointer  data)
{
  const char *body = "{\"task\":\"simulation_summary\"," FACTS "}";
  g_autoptr(TestResponse) before = genai (f, "narratives", body);
  g_autoptr(TestResponse) after = NULL;

  g_assert_cmpuint (before->status, ==, 403);
  g_assert_cmpstr (ts_header (before, "Content-Type"), ==, "application/problem+json");
  grant_genai (f);
  after = genai (f, "narratives", body);
  g_assert_cmpuint (after->status, ==, 200);
}

static void
test_narrative (Fixture       *f,
                gconstpointer  data)
{
  const char *body = "{\"task\":\"simulation_summary\",\"locale\":\"de-DE\"," FACTS "}";
  g_autoptr(TestResponse) r1 = NULL;
  g_autoptr(TestResponse) r2 = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *text;

  grant_genai (f);
  r1 = genai (f, "narratives", body);
  r2 = genai (f, "narratives", body);
  g_assert_cmpuint (r1->status, ==, 200);
  node = ts_json (r1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "generator"), ==,
                   "sandbox-template");
  text = json_object_get_string_member (json_node_get_object (node), "text");
  /* Asked in German, written in German by the template generator. */
  g_assert_nonnull (strstr (text, "Sie verdienen etwa 4.200\302\240$ im Monat."));
  g_assert_nonnull (strstr (text, "„savings rate“: 12,5\302\240%."));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "locale"), ==, "de");
  /* Deterministic: the same facts give the same bytes. */
  g_assert_cmpstr (r1->body, ==, r2->body);
}

static void
test_chat_stream (Fixture       *f,
                  gconstpointer  data)
{
  const char *body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Can I afford a holiday?\"}]," FACTS "}";
  g_autoptr(TestResponse) r = NULL;
  g_auto(GStrv) events = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint deltas = 0;
  gboolean meta = FALSE, done = FALSE;

  grant_genai (f);
  r = genai (f, "chat", body);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (ts_header (r, "Content-Type"), ==, "text/event-stream");
  g_assert_cmpint (soup_message_headers_get_encoding (r->headers), ==, SOUP_ENCODING_CHUNKED);

  events = g_strsplit (r->body, "\n\n", -1);
  for (guint i = 0; events[i] != NULL && events[i][0] != '\0'; i++)
    {
      g_auto(GStrv) lines = g_strsplit (events[i], "\n", 2);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;

      g_assert_true (g_str_has_prefix (lines[0], "event: "));
      g_assert_true (g_str_has_prefix (lines[1], "data: "));
      g_assert_true (json_parser_load_from_data (parser, lines[1] + 6, -1, NULL));
      o = json_node_get_object (json_parser_get_root (parser));
      g_assert_false (done);
      if (strcmp (lines[0], "event: meta") == 0)
        {
          g_assert_cmpuint (i, ==, 0);
          g_assert_cmpstr (json_object_get_string_member (o, "generator"), ==, "sandbox-template");
          meta = TRUE;
        }
      else if (strcmp (lines[0], "event: delta") == 0)
        {
          /* Deltas concatenate as they are, like streamed tokens. */
          deltas++;
          g_string_append (text, json_object_get_string_member (o, "text"));
        }
      else
        {
          g_assert_cmpstr (lines[0], ==, "event: done");
          done = TRUE;
        }
    }
  g_assert_true (meta);
  g_assert_true (done);
  g_assert_cmpuint (deltas, >, 3);
  g_assert_nonnull (strstr (text->str, "You earn about $4,200 a month."));
}

static void
test_pii_rejected (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TestResponse) me = ts_request (f->ts, "GET", "/v1/customer", f->a.access_token, NULL, NULL, NULL);
  g_autoptr(JsonNode) profile = ts_json (me);
  const char *name = json_object_get_string_member (json_node_get_object (profile), "name");
  g_autofree char *name_fact = g_strdup_printf ("{\"task\":\"spending_summary\",\"facts\":[{\"key\":\"top_merchant\",\"value\":\"%s\"}]}", name);
  g_autofree char *name_chat = g_strdup_printf ("{\"messages\":[{\"role\":\"user\",\"content\":\"I am %s, how am I doing?\"}]}", name);
  struct {
    const char *what;
    const char *body;
    const char *pointer;
  } cases[] = {
    { "narratives", name_fact, "/facts/0/value" },
    { "chat", name_chat, "/messages/0/content" },
    { "narratives", "{\"task\":\"spending_summary\",\"facts\":[{\"key\":\"card\",\"value\":\"4111 1111 1111 1111\"}]}", "/facts/0/value" },
    { "narratives", "{\"task\":\"spending_summary\",\"facts\":[{\"key\":\"card\",\"value\":4111111111111111}]}", "/facts/0/value" },
    { "chat", "{\"messages\":[{\"role\":\"user\",\"content\":\"Mail the plan to jane.doe@example.com\"}]}", "/messages/0/content" },
    { "chat", "{\"messages\":[{\"role\":\"user\",\"content\":\"Is rent at 742 Evergreen Terrace too high?\"}]}", "/messages/0/content" },
    { "narratives", "{\"task\":\"spending_summary\",\"facts\":[{\"key\":\"iban\",\"value\":\"DE89 3704 0044 0532 0130 00\"}]}", "/facts/0/value" },
  };
  g_autoptr(JsonNode) stats = NULL;
  g_autoptr(TestResponse) s = NULL;
  JsonObject *so;

  grant_genai (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TestResponse) r = genai (f, cases[i].what, cases[i].body);
      g_autoptr(JsonNode) node = NULL;

      if (r->status != 422)
        g_error ("case %u: %u %s", i, r->status, r->body);
      g_assert_cmpstr (ts_header (r, "Content-Type"), ==, "application/problem+json");
      node = ts_json (r);
      g_assert_cmpstr (problem_pointer (node), ==, cases[i].pointer);
      /* The reply does not echo what it refused. */
      g_assert_null (strstr (r->body, "4111"));
      g_assert_null (strstr (r->body, "jane.doe"));
      g_assert_null (strstr (r->body, name));
    }

  s = ts_request (f->ts, "GET", "/_sandbox/stats", NULL, NULL, NULL, NULL);
  stats = ts_json (s);
  so = json_node_get_object (stats);
  g_assert_cmpint (json_object_get_int_member (so, "genaiRequests"), ==, G_N_ELEMENTS (cases));
  g_assert_cmpint (json_object_get_int_member (so, "genaiRejected"), ==, G_N_ELEMENTS (cases));
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  static const struct {
    const char *what;
    const char *body;
    const char *pointer;
  } cases[] = {
    { "narratives", "{\"task\":\"poem\",\"facts\":[{\"key\":\"a\",\"value\":1}]}", "/task" },
    { "narratives", "{\"task\":\"spending_summary\"}", "/facts" },
    { "narratives", "{\"task\":\"spending_summary\",\"facts\":[]}", "/facts" },
    { "narratives", "{\"task\":\"spending_summary\",\"facts\":[{\"key\":\"Bad Key\",\"value\":1}]}", "/facts/0/key" },
    { "narratives", "{\"task\":\"spending_summary\",\"facts\":[{\"key\":\"a\",\"value\":[1]}]}", "/facts/0/value" },
    { "narratives", "{\"task\":\"spending_summary\",\"facts\":[{\"key\":\"a\",\"value\":1,\"unit\":\"parsecs\"}]}", "/facts/0/unit" },
    { "narratives", "{\"task\":\"spending_summary\",\"raw\":[],\"facts\":[{\"key\":\"a\",\"value\":1}]}", "/raw" },
    { "narratives", "{\"task\":\"spending_summary\",\"locale\":\"german\",\"facts\":[{\"key\":\"a\",\"value\":1}]}", "/locale" },
    { "chat", "{\"messages\":[]}", "/messages" },
    { "chat", "{\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}", "/messages/0/role" },
    { "chat", "{\"messages\":[{\"role\":\"assistant\",\"content\":\"x\"}]}", "/messages" },
  };

  grant_genai (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TestResponse) r = genai (f, cases[i].what, cases[i].body);
      g_autoptr(JsonNode) node = NULL;

      if (r->status != 400)
        g_error ("case %u: %u %s", i, r->status, r->body);
      node = ts_json (r);
      g_assert_cmpstr (problem_pointer (node), ==, cases[i].pointer);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sandbox/genai/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("consent-gate", test_consent_gate);
  ADD ("narrative", test_narrative);
  ADD ("chat-stream", test_chat_stream);
  ADD ("pii-rejected", test_pii_rejected);
  ADD ("validation", test_validation);

  return g_test_run ();
}
