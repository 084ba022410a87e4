/* test-sandbox-api.c
 *
 * The bank API of the sandbox over real HTTP, what it shows and to whom:
 * isolation between customers on every endpoint, no answer without a
 * sign-in, the change feed and its validation, ETags, and no full card
 * number in the cards it lists. Writes, limits, consents and faults are in
 * test-sandbox-api-writes.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-api-test-helper.h"

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
  ADD ("etags", test_etags, 0);
  ADD ("no-card-numbers", test_no_card_numbers, 0);

  return g_test_run ();
}
