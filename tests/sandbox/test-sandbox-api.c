/* test-sandbox-api.c
 *
 * The bank API of the sandbox over real HTTP: isolation between customers
 * on every endpoint, the change feed, idempotent writes, ETags, strict
 * validation with problem+json, limits, consents with receipts, and every
 * kind of injected fault.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-helper.h"

typedef struct {
  TestSandbox *ts;
  TestTokens   a;
  TestTokens   b;
} Fixture;

static void
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

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ts_tokens_clear (&f->a);
  ts_tokens_clear (&f->b);
  ts_stop (f->ts);
}

static TestResponse *
get (Fixture    *f,
     const char *token,
     const char *path)
{
  return ts_request (f->ts, "GET", path, token, NULL, NULL, NULL);
}

static TestResponse *
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

static JsonNode *
get_json (Fixture    *f,
          const char *token,
          const char *path)
{
  g_autoptr(TestResponse) r = get (f, token, path);

  g_assert_cmpuint (r->status, ==, 200);
  return ts_json (r);
}

static const char *
str (JsonNode   *node,
     const char *name)
{
  return json_object_get_string_member_with_default (json_node_get_object (node), name, NULL);
}

static void
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

/* The ids B owns, collected with B's token. */
typedef struct {
  GPtrArray *paths;      /* B's resources, as paths */
  GPtrArray *ids;        /* B's ids and name: must never appear in A's replies */
  char      *cursor;
} Owned;

static void
collect_array_ids (JsonNode   *node,
                   const char *array,
                   const char *id_member,
                   const char *prefix,
                   const char *suffix,
                   Owned      *owned)
{
  JsonArray *items = json_object_get_array_member (json_node_get_object (node), array);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (items, i), id_member);

      g_ptr_array_add (owned->ids, g_strdup (id));
      g_ptr_array_add (owned->paths, g_strconcat (prefix, id, suffix, NULL));
    }
}

static const char *
owned_card (JsonNode *cards)
{
  JsonArray *list = json_object_get_array_member (json_node_get_object (cards), "cards");

  return json_object_get_string_member (json_array_get_object_element (list, 0), "cardId");
}

static void
collect_owned (Fixture *f,
               Owned   *owned)
{
  g_autoptr(JsonNode) customer = get_json (f, f->b.access_token, "/v1/customer");
  g_autoptr(JsonNode) accounts = get_json (f, f->b.access_token, "/v1/accounts");
  g_autoptr(JsonNode) cards = get_json (f, f->b.access_token, "/v1/cards");
  g_autoptr(JsonNode) feed = get_json (f, f->b.access_token, "/v1/transactions?limit=20");
  g_autoptr(TestResponse) consent = post (f, f->b.access_token, "/v1/consents", "b-1",
                                          "{\"purpose\":\"marketing\"}");
  g_autoptr(TestResponse) export = post (f, f->b.access_token, "/v1/privacy/export-requests", "b-2", "{}");
  g_autoptr(TestResponse) erasure = post (f, f->b.access_token, "/v1/privacy/erasure-requests", "b-3", "{}");
  g_autoptr(TestResponse) application = post (f, f->b.access_token, "/v1/loan-applications", "b-4",
                                              "{\"offerId\":\"loan-personal\",\"purpose\":\"car\","
                                              "\"amount\":{\"amount\":\"5000.00\",\"currency\":\"USD\"},"
                                              "\"termMonths\":36,\"confirmed\":true}");
  g_autoptr(JsonNode) application_node = NULL;
  g_autoptr(JsonNode) consent_node = NULL;
  g_autoptr(JsonNode) export_node = NULL;
  g_autoptr(JsonNode) erasure_node = NULL;
  JsonArray *changes;

  owned->paths = g_ptr_array_new_with_free_func (g_free);
  owned->ids = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (owned->ids, g_strdup (str (customer, "name")));
  g_ptr_array_add (owned->ids, g_strdup (str (customer, "customerId")));

  collect_array_ids (accounts, "accounts", "accountId", "/v1/accounts/", "", owned);
  collect_array_ids (accounts, "accounts", "accountId", "/v1/accounts/", "/balances", owned);
  collect_array_ids (accounts, "accounts", "accountId", "/v1/accounts/", "/holdings", owned);
  collect_array_ids (cards, "cards", "cardId", "/v1/cards/", "", owned);
  g_assert_cmpuint (owned->paths->len, >=, 4);

  changes = json_object_get_array_member (json_node_get_object (feed), "changes");
  g_assert_cmpuint (json_array_get_length (changes), >, 0);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (changes, i),
                                                      "transactionId");

      g_ptr_array_add (owned->ids, g_strdup (id));
      g_ptr_array_add (owned->paths, g_strconcat ("/v1/transactions/", id, NULL));
    }
  owned->cursor = g_strdup (str (feed, "nextCursor"));

  /* B's word on a transaction, and a card B froze. */
  {
    const char *txn = json_object_get_string_member (json_array_get_object_element (changes, 0), "transactionId");
    g_autofree char *verdict = g_strconcat ("/v1/transactions/", txn, "/verdict", NULL);
    g_autofree char *freeze = g_strconcat ("/v1/cards/", owned_card (cards), "/freeze", NULL);
    g_autoptr(TestResponse) v = post (f, f->b.access_token, verdict, "b-6", "{\"verdict\":\"not_mine\"}");
    g_autoptr(TestResponse) z = post (f, f->b.access_token, freeze, "b-7", "{}");
    g_autoptr(JsonNode) v_node = NULL;

    g_assert_cmpuint (v->status, ==, 201);
    g_assert_cmpuint (z->status, ==, 200);
    v_node = ts_json (v);
    g_ptr_array_add (owned->ids, g_strdup (str (v_node, "verdictId")));
    g_ptr_array_add (owned->paths, g_steal_pointer (&verdict));
  }

  g_assert_cmpuint (consent->status, ==, 201);
  consent_node = ts_json (consent);
  g_ptr_array_add (owned->ids, g_strdup (str (consent_node, "consentId")));
  g_ptr_array_add (owned->paths, g_strconcat ("/v1/consents/", str (consent_node, "consentId"), NULL));

  g_assert_cmpuint (export->status, ==, 202);
  export_node = ts_json (export);
  g_ptr_array_add (owned->ids, g_strdup (str (export_node, "requestId")));
  g_ptr_array_add (owned->paths, g_strconcat ("/v1/privacy/export-requests/", str (export_node, "requestId"), NULL));
  g_ptr_array_add (owned->paths, g_strconcat ("/v1/privacy/export-requests/", str (export_node, "requestId"), "/data", NULL));

  g_assert_cmpuint (application->status, ==, 201);
  application_node = ts_json (application);
  g_ptr_array_add (owned->ids, g_strdup (str (application_node, "applicationId")));
  g_ptr_array_add (owned->paths, g_strconcat ("/v1/loan-applications/", str (application_node, "applicationId"), NULL));

  g_assert_cmpuint (erasure->status, ==, 202);
  erasure_node = ts_json (erasure);
  g_ptr_array_add (owned->ids, g_strdup (str (erasure_node, "requestId")));
  g_ptr_array_add (owned->paths, g_strconcat ("/v1/privacy/erasure-requests/", str (erasure_node, "requestId"), NULL));

  /* B's own token reads every one of them. */
  for (guint i = 0; i < owned->paths->len; i++)
    {
      g_autoptr(TestResponse) r = get (f, f->b.access_token, g_ptr_array_index (owned->paths, i));

      g_assert_cmpuint (r->status, ==, 200);
    }
}

static void
assert_mentions_none (TestResponse *r,
                      Owned        *owned)
{
  for (guint i = 0; i < owned->ids->len; i++)
    {
      const char *id = g_ptr_array_index (owned->ids, i);
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", id);

      if (strstr (r->body, quoted) != NULL)
        g_error ("a reply to customer A mentions %s of customer B", id);
    }
}

static void
test_isolation (Fixture       *f,
                gconstpointer  data)
{
  static const char *const a_lists[] = {
    "/v1/customer", "/v1/accounts", "/v1/balances", "/v1/cards",
    "/v1/transactions?limit=1000", "/v1/consents", "/v1/consents/history",
    "/v1/feedback", "/v1/offers", "/v1/models", "/v1/market-data/indices",
    "/v1/holdings", "/v1/loan-applications", "/v1/market-data/funds", "/v1/models/credit-line",
  };
  Owned owned = { 0 };
  g_autofree char *feed_path = NULL;
  g_autoptr(TestResponse) feed = NULL;

  collect_owned (f, &owned);

  /* Every resource of B, asked for with A's token: 404, as if it did not exist. */
  for (guint i = 0; i < owned.paths->len; i++)
    {
      const char *path = g_ptr_array_index (owned.paths, i);
      g_autoptr(TestResponse) r = get (f, f->a.access_token, path);

      if (r->status != 404)
        g_error ("GET %s with A's token gave %u", path, r->status);
      assert_problem (r, 404, NULL, NULL);
      assert_mentions_none (r, &owned);
    }

  /* Writes to B's resources. */
  {
    g_autofree char *revoke = NULL;

    for (guint i = 0; i < owned.paths->len; i++)
      if (g_str_has_prefix (g_ptr_array_index (owned.paths, i), "/v1/consents/"))
        revoke = g_strconcat (g_ptr_array_index (owned.paths, i), "/revoke", NULL);
    g_assert_nonnull (revoke);
    {
      g_autoptr(TestResponse) r = post (f, f->a.access_token, revoke, "a-revoke", "{}");
      g_autoptr(TestResponse) still = NULL;

      assert_problem (r, 404, NULL, NULL);
      /* B's consent is untouched. */
      still = get (f, f->b.access_token, "/v1/consents");
      g_assert_nonnull (strstr (still->body, "\"Authorised\""));
    }
  }

  /* Nor can A freeze or unfreeze B's cards or give a verdict on B's
   * transactions; B's card stays frozen, B's verdict stays B's. */
  for (guint i = 0; i < owned.paths->len; i++)
    {
      const char *path = g_ptr_array_index (owned.paths, i);

      if (g_str_has_prefix (path, "/v1/cards/"))
        {
          static const char * const actions[] = { "/freeze", "/unfreeze" };

          for (guint k = 0; k < G_N_ELEMENTS (actions); k++)
            {
              g_autofree char *write = g_strconcat (path, actions[k], NULL);
              g_autofree char *key = g_strdup_printf ("a-card-%u-%u", i, k);
              g_autoptr(TestResponse) r = post (f, f->a.access_token, write, key, "{}");

              assert_problem (r, 404, NULL, NULL);
              assert_mentions_none (r, &owned);
            }
        }
      if (g_str_has_suffix (path, "/verdict"))
        {
          g_autoptr(TestResponse) r = post (f, f->a.access_token, path, "a-verdict", "{\"verdict\":\"mine\"}");
          g_autoptr(JsonNode) still = get_json (f, f->b.access_token, path);

          assert_problem (r, 404, NULL, NULL);
          g_assert_cmpstr (str (still, "verdict"), ==, "not_mine");
        }
    }
  {
    g_autoptr(JsonNode) cards = get_json (f, f->b.access_token, "/v1/cards");
    JsonArray *list = json_object_get_array_member (json_node_get_object (cards), "cards");

    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (list, 0), "frozen"));
  }

  /* B's cursor with A's token reveals nothing either. */
  feed_path = g_strconcat ("/v1/transactions?cursor=", owned.cursor, NULL);
  feed = get (f, f->a.access_token, feed_path);
  assert_problem (feed, 400, "parameter", "cursor");

  /* A's own lists mention nothing of B. */
  for (guint i = 0; i < G_N_ELEMENTS (a_lists); i++)
    {
      g_autoptr(TestResponse) r = get (f, f->a.access_token, a_lists[i]);

      g_assert_cmpuint (r->status, ==, 200);
      assert_mentions_none (r, &owned);
    }
  /* And A's export neither. */
  {
    g_autoptr(TestResponse) r = post (f, f->a.access_token, "/v1/privacy/export-requests", "a-exp", "{}");
    g_autoptr(JsonNode) node = ts_json (r);
    g_autofree char *path = g_strconcat ("/v1/privacy/export-requests/", str (node, "requestId"), "/data", NULL);
    g_autoptr(TestResponse) data_r = get (f, f->a.access_token, path);

    g_assert_cmpuint (data_r->status, ==, 200);
    assert_mentions_none (data_r, &owned);
  }

  g_ptr_array_unref (owned.paths);
  g_ptr_array_unref (owned.ids);
  g_free (owned.cursor);
}

static void
test_unauthenticated (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TestResponse) none = get (f, NULL, "/v1/accounts");
  g_autoptr(TestResponse) bogus = get (f, "not-a-token", "/v1/accounts");

  assert_problem (none, 401, "header", "Authorization");
  g_assert_true (g_str_has_prefix (ts_header (none, "WWW-Authenticate"), "Bearer"));
  assert_problem (bogus, 401, "header", "Authorization");
  g_assert_nonnull (strstr (ts_header (bogus, "WWW-Authenticate"), "invalid_token"));
}

static gint64
parse_amount (const char *text)
{
  /* Independent of fp-money: "-12.34" → -1234. */
  gboolean negative = text[0] == '-';
  gint64 units = 0, cents = 0;
  const char *dot;

  if (negative)
    text++;
  dot = strchr (text, '.');
  g_assert_nonnull (dot);
  units = g_ascii_strtoll (text, NULL, 10);
  cents = g_ascii_strtoll (dot + 1, NULL, 10);
  g_assert_cmpuint (strlen (dot + 1), ==, 2);
  return (negative ? -1 : 1) * (units * 100 + cents);
}

static void
test_change_feed (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonNode) accounts = get_json (f, f->a.access_token, "/v1/accounts");
  JsonArray *list = json_object_get_array_member (json_node_get_object (accounts), "accounts");
  g_autofree char *cursor = NULL;
  gint64 expected_count = 0, last_seq = 0, latest = -1;
  guint pages = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = cursor != NULL ? g_strdup_printf ("/v1/transactions?limit=97&cursor=%s", cursor)
                                             : g_strdup ("/v1/transactions?limit=97");
      g_autoptr(JsonNode) page = get_json (f, f->a.access_token, path);
      JsonObject *o = json_node_get_object (page);
      JsonArray *changes = json_object_get_array_member (o, "changes");

      g_assert_cmpuint (json_array_get_length (changes), <=, 97);
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);
          const char *kind = json_object_get_string_member (c, "change");
          const char *id = json_object_get_string_member (c, "transactionId");

          /* No gap, no duplicate. */
          g_assert_cmpint (json_object_get_int_member (c, "seq"), ==, last_seq + 1);
          last_seq++;
          if (strcmp (kind, "deleted") == 0)
            g_hash_table_remove (live, id);
          else if (json_object_has_member (c, "transaction"))
            {
              JsonObject *t = json_object_get_object_member (c, "transaction");
              JsonObject *amount = json_object_get_object_member (t, "amount");
              const char *status = json_object_get_string_member (t, "status");

              /* Booked means booked: an attempt with errors was declined. */
              g_assert_cmpstr (status, ==, json_object_has_member (t, "errors") ? "Declined" : "Booked");
              g_hash_table_insert (live, g_strdup (id),
                                   g_strdup_printf ("%s %s %s", json_object_get_string_member (t, "accountId"),
                                                    json_object_get_string_member (amount, "amount"), status));
            }
        }
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (o, "nextCursor"));
      more = json_object_get_boolean_member (o, "hasMore");
      latest = json_object_get_int_member (o, "latestSeq");
      pages++;
      g_assert_cmpuint (pages, <, 10000);
    }
  g_assert_cmpint (last_seq, ==, latest);
  g_assert_cmpuint (pages, >, 1);

  /* The feed agrees with the accounts: the count and, for every account but
   * investments, opening balance + the sum of its booked transactions =
   * balance (declined attempts move nothing). */
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *a = json_array_get_object_element (list, i);
      const char *id = json_object_get_string_member (a, "accountId");
      g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/balances", id);
      g_autoptr(JsonNode) balances = get_json (f, f->a.access_token, path);
      JsonObject *booked = json_array_get_object_element (json_object_get_array_member (json_node_get_object (balances), "balances"), 0);
      gint64 balance = parse_amount (json_object_get_string_member (json_object_get_object_member (booked, "amount"), "amount"));
      gint64 sum = parse_amount (json_object_get_string_member (json_object_get_object_member (a, "openingBalance"), "amount"));
      gint64 count = 0;
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, live);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          g_auto(GStrv) parts = g_strsplit (value, " ", 3);

          if (strcmp (parts[0], id) == 0)
            {
              if (strcmp (parts[2], "Booked") == 0)
                sum += parse_amount (parts[1]);
              count++;
            }
        }
      g_assert_cmpint (count, ==, json_object_get_int_member (a, "transactionCount"));
      if (strcmp (json_object_get_string_member (a, "kind"), "investment") != 0)
        g_assert_cmpint (sum, ==, balance);
      expected_count += count;
    }
  g_assert_cmpint (expected_count, ==, g_hash_table_size (live));

  /* At the end: an empty page that keeps the cursor. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/transactions?cursor=%s", cursor);
    g_autoptr(JsonNode) page = get_json (f, f->a.access_token, path);
    JsonObject *o = json_node_get_object (page);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "changes")), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (o, "nextCursor"), ==, cursor);
    g_assert_false (json_object_get_boolean_member (o, "hasMore"));
  }
}

static void
test_feed_validation (Fixture       *f,
                      gconstpointer  data)
{
  static const struct {
    const char *query;
    const char *parameter;
  } cases[] = {
    { "limit=0", "limit" },
    { "limit=1001", "limit" },
    { "limit=ten", "limit" },
    { "limit=-5", "limit" },
    { "cursor=%25%25", "cursor" },
    { "cursor=ZnAxOjE6OTk5OTk5OTk5", "cursor" },   /* fp1:1:999999999, ahead of the feed */
    { "since=2020", "since" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/v1/transactions?", cases[i].query, NULL);
      g_autoptr(TestResponse) r = get (f, f->a.access_token, path);

      assert_problem (r, 400, "parameter", cases[i].parameter);
    }
}

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
test_etags (Fixture       *f,
            gconstpointer  data)
{
  static const char *const paths[] = {
    "/v1/offers", "/v1/offers/loan-personal", "/v1/market-data/indices",
    "/v1/market-data/capital-market-assumptions", "/v1/market-data/inflation",
    "/v1/models", "/v1/models/segments", "/v1/models/health-score",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(TestResponse) r = get (f, f->a.access_token, paths[i]);
      g_autoptr(TestResponse) not_modified = NULL;
      g_autoptr(TestResponse) modified = NULL;
      g_autoptr(TestResponse) other_customer = NULL;
      g_autofree char *etag = NULL;

      g_assert_cmpuint (r->status, ==, 200);
      etag = g_strdup (ts_header (r, "ETag"));
      g_assert_nonnull (etag);
      g_assert_true (etag[0] == '"');

      not_modified = ts_request (f->ts, "GET", paths[i], f->a.access_token, NULL, NULL,
                                 "If-None-Match", etag, NULL);
      g_assert_cmpuint (not_modified->status, ==, 304);
      g_assert_cmpuint (not_modified->len, ==, 0);
      g_assert_cmpstr (ts_header (not_modified, "ETag"), ==, etag);

      modified = ts_request (f->ts, "GET", paths[i], f->a.access_token, NULL, NULL,
                             "If-None-Match", "\"something-else\"", NULL);
      g_assert_cmpuint (modified->status, ==, 200);
      g_assert_cmpstr (modified->body, ==, r->body);

      /* The catalogue is the same for everyone, and so is its tag. */
      other_customer = get (f, f->b.access_token, paths[i]);
      g_assert_cmpstr (ts_header (other_customer, "ETag"), ==, etag);
    }
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

static void
test_no_card_numbers (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TestResponse) r = get (f, f->a.access_token, "/v1/cards");
  g_autoptr(JsonNode) node = ts_json (r);
  JsonArray *cards = json_object_get_array_member (json_node_get_object (node), "cards");

  g_assert_cmpuint (json_array_get_length (cards), >, 0);
  for (guint i = 0; i < json_array_get_length (cards); i++)
    {
      JsonObject *c = json_array_get_object_element (cards, i);
      g_autoptr(GList) members = json_object_get_members (c);

      g_assert_cmpuint (strlen (json_object_get_string_member (c, "lastFour")), ==, 4);
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_assert_null (strstr (l->data, "cvv"));
          g_assert_null (strstr (l->data, "Cvv"));
          g_assert_cmpstr (l->data, !=, "cardNumber");
          g_assert_cmpstr (l->data, !=, "pan");
        }
    }
  /* No run of 12 or more digits anywhere in the reply. */
  {
    guint run = 0;

    for (const char *p = r->body; *p; p++)
      {
        run = g_ascii_isdigit (*p) ? run + 1 : 0;
        g_assert_cmpuint (run, <, 12);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, rate) \
  g_test_add ("/sandbox/api/" path, Fixture, GUINT_TO_POINTER (rate), fixture_setup, func, fixture_teardown)

  ADD ("isolation", test_isolation, 0);
  ADD ("unauthenticated", test_unauthenticated, 0);
  ADD ("change-feed", test_change_feed, 0);
  ADD ("feed-validation", test_feed_validation, 0);
  ADD ("idempotency", test_idempotency, 0);
  ADD ("etags", test_etags, 0);
  ADD ("validation", test_validation, 0);
  ADD ("body-limit", test_body_limit, 0);
  ADD ("rate-limit", test_rate_limit, 4);
  ADD ("consent-lifecycle", test_consent_lifecycle, 0);
  ADD ("faults", test_faults, 0);
  ADD ("faults-reproducible", test_faults_reproducible, 0);
  ADD ("no-card-numbers", test_no_card_numbers, 0);

  return g_test_run ();
}
