/* sandbox-api-test-helper.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sandbox-api-test-helper.h"

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  FpSandboxConfig config;

  fp_sandbox_config_init (&config);
  config.test_hooks = TRUE;
  config.rate_limit = GPOINTER_TO_UINT (data);
  config.max_body_bytes = 4096;
  f->ts = ts_start (&config, 3);
  g_assert_true (ts_sign_in (f->ts, "user1", &f->a));
  g_assert_true (ts_sign_in (f->ts, "user2", &f->b));
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ts_tokens_clear (&f->a);
  ts_tokens_clear (&f->b);
  ts_stop (f->ts);
}

TestResponse *
get (Fixture    *f,
     const char *token,
     const char *path)
{
  return ts_request (f->ts, "GET", path, token, NULL, NULL, NULL);
}

TestResponse *
post (Fixture    *f,
      const char *token,
      const char *path,
      const char *key,
      const char *body)
{
  if (key == NULL)
    return ts_request (f->ts, "POST", path, token, "application/json", body, NULL);
  return ts_request (f->ts, "POST", path, token, "application/json", body,
                     "Idempotency-Key", key, NULL);
}

JsonNode *
get_json (Fixture    *f,
          const char *token,
          const char *path)
{
  g_autoptr(TestResponse) r = get (f, token, path);

  g_assert_cmpuint (r->status, ==, 200);
  return ts_json (r);
}

const char *
str (JsonNode   *node,
     const char *name)
{
  return json_object_get_string_member_with_default (json_node_get_object (node), name, NULL);
}

void
assert_problem (TestResponse *r,
                guint         status,
                const char   *pointer_kind,
                const char   *pointer)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  g_assert_cmpuint (r->status, ==, status);
  g_assert_cmpstr (ts_header (r, "Content-Type"), ==, "application/problem+json");
  node = ts_json (r);
  o = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (o, "status"), ==, status);
  g_assert_true (json_object_has_member (o, "type"));
  g_assert_true (json_object_has_member (o, "title"));
  if (pointer != NULL)
    {
      JsonArray *errors = json_object_get_array_member (o, "errors");
      JsonObject *e = json_array_get_object_element (errors, 0);

      g_assert_cmpstr (json_object_get_string_member (e, pointer_kind), ==, pointer);
    }
}
