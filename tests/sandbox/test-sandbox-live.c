/* test-sandbox-live.c
 *
 * The demo bank lives in the present, over real HTTP: when its clock
 * passes the last booked day, the new days' transactions appear in the
 * change feed with new seqs, the same ones a bank started on the later day
 * has, and the balances follow. And what a customer tells the bank about
 * cards and alerts happens exactly once: card freezes and verdicts, counted
 * by /_sandbox/stats. The clock is moved with the test hook, never by
 * sleeping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fp-clock.h"
#include "sandbox-test-helper.h"

typedef struct {
  TestSandbox *ts;
  TestTokens   a;
  TestTokens   b;
} Fixture;

static void
start (Fixture *f,
       gint32   today)
{
  FpSandboxConfig config;

  fp_sandbox_config_init (&config);
  config.test_hooks = TRUE;
  config.today = today;
  f->ts = ts_start (&config, 2);
  g_assert_true (ts_sign_in (f->ts, "user1", &f->a));
  g_assert_true (ts_sign_in (f->ts, "user2", &f->b));
}

static void
stop (Fixture *f)
{
  ts_tokens_clear (&f->a);
  ts_tokens_clear (&f->b);
  ts_stop (f->ts);
}

static JsonNode *
get_json (Fixture    *f,
          const char *token,
          const char *path)
{
  g_autoptr(TestResponse) r = ts_request (f->ts, "GET", path, token, NULL, NULL, NULL);

  if (r->status != 200)
    g_error ("GET %s gave %u: %s", path, r->status, r->body);
  return ts_json (r);
}

static TestResponse *
post (Fixture    *f,
      const char *token,
      const char *path,
      const char *key,
      const char *body)
{
  return ts_request (f->ts, "POST", path, token, body != NULL ? "application/json" : NULL, body,
                     "Idempotency-Key", key, NULL);
}

static JsonObject *
object (JsonNode *node)
{
  return json_node_get_object (node);
}

static gint64
stat_int (Fixture    *f,
          const char *name)
{
  g_autoptr(JsonNode) stats = get_json (f, NULL, "/_sandbox/stats");

  return json_object_get_int_member (object (stats), name);
}

static char *
stat_string (Fixture    *f,
             const char *name)
{
  g_autoptr(JsonNode) stats = get_json (f, NULL, "/_sandbox/stats");

  return g_strdup (json_object_get_string_member (object (stats), name));
}

/* Moves the bank's clock; the tokens expire on the way, so the customers
 * sign in again. */
static void
advance_clock (Fixture *f,
               gint64   seconds)
{
  g_autofree char *body = g_strdup_printf ("{\"advanceSeconds\": %" G_GINT64_FORMAT "}", seconds);
  g_autoptr(TestResponse) r = ts_request (f->ts, "POST", "/_sandbox/clock", NULL,
                                          "application/json", body, NULL);

  g_assert_cmpuint (r->status, ==, 204);
  ts_tokens_clear (&f->a);
  ts_tokens_clear (&f->b);
  g_assert_true (ts_sign_in (f->ts, "user1", &f->a));
  g_assert_true (ts_sign_in (f->ts, "user2", &f->b));
}

/* "-12.34" → -1234, independently of fp-money. */
static gint64
parse_amount (const char *text)
{
  gboolean negative = text[0] == '-';
  const char *digits = negative ? text + 1 : text;
  const char *dot = strchr (digits, '.');

  g_assert_nonnull (dot);
  g_assert_cmpuint (strlen (dot + 1), ==, 2);
  return (negative ? -1 : 1) * (g_ascii_strtoll (digits, NULL, 10) * 100 + g_ascii_strtoll (dot + 1, NULL, 10));
}

/* The customer's feed from @cursor (NULL: the start) to its end: each
 * transaction in its current state by id (NULL when deleted); the seqs
 * must follow each other from @first_seq. Returns the last cursor. */
static char *
read_feed (Fixture     *f,
           const char  *token,
           const char  *cursor,
           gint64       first_seq,
           GHashTable  *txns,
           gint64      *last_seq)
{
  g_autofree char *next = g_strdup (cursor);
  gint64 seq = first_seq - 1;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = next != NULL ? g_strdup_printf ("/v1/transactions?limit=1000&cursor=%s", next)
                                           : g_strdup ("/v1/transactions?limit=1000");
      g_autoptr(JsonNode) page = get_json (f, token, path);
      JsonArray *changes = json_object_get_array_member (object (page), "changes");

      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);
          const char *id = json_object_get_string_member (c, "transactionId");

          g_assert_cmpint (json_object_get_int_member (c, "seq"), ==, ++seq);
          if (json_object_has_member (c, "transaction"))
            g_hash_table_replace (txns, g_strdup (id),
                                  json_node_copy (json_object_get_member (c, "transaction")));
          else
            g_hash_table_replace (txns, g_strdup (id), NULL);
        }
      g_free (next);
      next = g_strdup (json_object_get_string_member (object (page), "nextCursor"));
      more = json_object_get_boolean_member (object (page), "hasMore");
    }
  *last_seq = seq;
  return g_steal_pointer (&next);
}

static gint32
booking_day (JsonObject *t)
{
  gint32 day;
  g_autofree char *date = g_strndup (json_object_get_string_member (t, "bookingDateTime"), 10);

  g_assert_true (fp_clock_parse_date (date, &day));
  return day;
}

/* What a transaction is, without its id. */
static char *
describe (JsonObject *t)
{
  JsonObject *m = json_object_has_member (t, "merchant") ? json_object_get_object_member (t, "merchant") : NULL;

  return g_strdup_printf ("%s %s %s %s %s %s %s",
                          json_object_get_string_member (t, "bookingDateTime"),
                          json_object_get_string_member (t, "accountId"),
                          json_object_get_string_member (json_object_get_object_member (t, "amount"), "amount"),
                          json_object_get_string_member (t, "status"),
                          json_object_get_string_member (t, "category"),
                          json_object_get_string_member_with_default (t, "description", "-"),
                          m != NULL ? json_object_get_string_member (m, "merchantId") : "-");
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
describe_days (GHashTable *txns,
               gint32      after,
               gint32      until)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, txns);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *t = value != NULL ? json_node_get_object (value) : NULL;

      if (t != NULL && booking_day (t) > after && booking_day (t) <= until)
        g_ptr_array_add (out, describe (t));
    }
  g_ptr_array_sort (out, compare_lines);
  return out;
}

/* Every account but investments: opening balance + the booked
 * transactions = the balance the bank reports. */
static void
check_balances (Fixture    *f,
                const char *token,
                GHashTable *txns)
{
  g_autoptr(JsonNode) accounts = get_json (f, token, "/v1/accounts");
  g_autoptr(JsonNode) balances = get_json (f, token, "/v1/balances");
  JsonArray *list = json_object_get_array_member (object (accounts), "accounts");
  JsonArray *blist = json_object_get_array_member (object (balances), "accounts");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *a = json_array_get_object_element (list, i);
      JsonObject *b = json_array_get_object_element (blist, i);
      const char *id = json_object_get_string_member (a, "accountId");
      gint64 sum = parse_amount (json_object_get_string_member (json_object_get_object_member (a, "openingBalance"),
                                                                "amount"));
      JsonObject *booked = json_array_get_object_element (json_object_get_array_member (b, "balances"), 0);
      GHashTableIter iter;
      gpointer value;

      g_assert_cmpstr (json_object_get_string_member (b, "accountId"), ==, id);
      if (g_strcmp0 (json_object_get_string_member (a, "kind"), "investment") == 0)
        continue;
      g_hash_table_iter_init (&iter, txns);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          JsonObject *t = value != NULL ? json_node_get_object (value) : NULL;

          if (t != NULL && g_strcmp0 (json_object_get_string_member (t, "accountId"), id) == 0 &&
              g_strcmp0 (json_object_get_string_member (t, "status"), "Booked") == 0)
            sum += parse_amount (json_object_get_string_member (json_object_get_object_member (t, "amount"),
                                                                "amount"));
        }
      g_assert_cmpint (sum, ==, parse_amount (json_object_get_string_member (
                                  json_object_get_object_member (booked, "amount"), "amount")));
    }
}

static GHashTable *
new_txns (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
}

static void
test_new_days (void)
{
  gint32 today = fp_clock_day_from_civil (2026, 10, 31);
  gint32 later = fp_clock_day_from_civil (2026, 11, 3);
  Fixture f = { 0 }, fresh = { 0 };
  g_autoptr(GHashTable) txns = new_txns ();
  g_autoptr(GHashTable) fresh_txns = new_txns ();
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GPtrArray) generated = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *end = NULL;
  g_autofree char *fresh_end = NULL;
  g_autofree char *day = NULL;
  gint64 latest, last, fresh_last;
  guint n_before;

  start (&f, today);
  day = stat_string (&f, "today");
  g_assert_cmpstr (day, ==, "2026-10-31");
  cursor = read_feed (&f, f.a.access_token, NULL, 1, txns, &latest);
  n_before = g_hash_table_size (txns);
  check_balances (&f, f.a.access_token, txns);

  /* Nothing new while the day is the same: an hour later. */
  advance_clock (&f, 3600);
  g_free (end);
  end = read_feed (&f, f.a.access_token, cursor, latest + 1, txns, &last);
  g_assert_cmpint (last, ==, latest);

  /* Three days later (minus the hour): the days are booked, after the
   * old entries of the feed. */
  advance_clock (&f, 3 * 86400 - 3600);
  g_clear_pointer (&day, g_free);
  day = stat_string (&f, "today");
  g_assert_cmpstr (day, ==, "2026-11-03");
  g_free (end);
  end = read_feed (&f, f.a.access_token, cursor, latest + 1, txns, &last);
  g_assert_cmpint (last, >, latest);
  g_assert_cmpuint (g_hash_table_size (txns), >, n_before);
  g_clear_pointer (&day, g_free);
  day = stat_string (&f, "lastBookedDay");
  g_assert_cmpstr (day, ==, "2026-11-03");
  check_balances (&f, f.a.access_token, txns);

  /* The same transactions as a bank whose history ends on the later day. */
  start (&fresh, later);
  fresh_end = read_feed (&fresh, fresh.a.access_token, NULL, 1, fresh_txns, &fresh_last);
  booked = describe_days (txns, today, later);
  generated = describe_days (fresh_txns, today, later);
  g_assert_cmpuint (booked->len, >, 0);
  g_assert_cmpuint (booked->len, ==, generated->len);
  for (guint i = 0; i < booked->len; i++)
    g_assert_cmpstr (g_ptr_array_index (booked, i), ==, g_ptr_array_index (generated, i));
  /* ...and nothing after today. */
  after = describe_days (txns, later, G_MAXINT32);
  g_assert_cmpuint (after->len, ==, 0);

  stop (&fresh);
  stop (&f);
}

static void
test_verdict_exactly_once (void)
{
  Fixture f = { 0 };
  g_autoptr(JsonNode) page = NULL;
  g_autoptr(TestResponse) first = NULL;
  g_autoptr(TestResponse) replay = NULL;
  g_autoptr(TestResponse) changed = NULL;
  g_autoptr(TestResponse) theirs = NULL;
  g_autoptr(TestResponse) none = NULL;
  g_autoptr(JsonNode) read = NULL;
  g_autofree char *path = NULL;
  const char *txn;

  start (&f, G_MININT32);
  page = get_json (&f, f.a.access_token, "/v1/transactions?limit=5");
  txn = json_object_get_string_member (json_array_get_object_element (
          json_object_get_array_member (object (page), "changes"), 0), "transactionId");
  path = g_strdup_printf ("/v1/transactions/%s/verdict", txn);

  none = ts_request (f.ts, "GET", path, f.a.access_token, NULL, NULL, NULL);
  g_assert_cmpuint (none->status, ==, 404);
  g_assert_cmpstr (ts_header (none, "Content-Type"), ==, "application/problem+json");
  g_assert_cmpint (stat_int (&f, "verdictsRecorded"), ==, 0);

  /* Delivered twice with the same key (a retry): recorded once. */
  first = post (&f, f.a.access_token, path, "verdict-1", "{\"verdict\":\"not_mine\"}");
  replay = post (&f, f.a.access_token, path, "verdict-1", "{\"verdict\":\"not_mine\"}");
  g_assert_cmpuint (first->status, ==, 201);
  g_assert_cmpuint (replay->status, ==, 201);
  g_assert_cmpstr (ts_header (replay, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpstr (first->body, ==, replay->body);
  g_assert_cmpint (stat_int (&f, "verdictsRecorded"), ==, 1);
  read = get_json (&f, f.a.access_token, path);
  g_assert_cmpstr (json_object_get_string_member (object (read), "verdict"), ==, "not_mine");
  g_assert_cmpstr (json_object_get_string_member (object (read), "transactionId"), ==, txn);

  /* Another customer can neither read nor give it. */
  theirs = post (&f, f.b.access_token, path, "verdict-2", "{\"verdict\":\"mine\"}");
  g_assert_cmpuint (theirs->status, ==, 404);
  g_assert_cmpint (stat_int (&f, "verdictsRecorded"), ==, 1);

  /* A change of mind with a new key replaces it. */
  changed = post (&f, f.a.access_token, path, "verdict-3", "{\"verdict\":\"mine\"}");
  g_assert_cmpuint (changed->status, ==, 201);
  g_assert_cmpint (stat_int (&f, "verdictsRecorded"), ==, 2);
  g_clear_pointer (&read, json_node_unref);
  read = get_json (&f, f.a.access_token, path);
  g_assert_cmpstr (json_object_get_string_member (object (read), "verdict"), ==, "mine");

  stop (&f);
}

static gboolean
card_frozen (Fixture    *f,
             const char *token,
             const char *card)
{
  g_autoptr(JsonNode) cards = get_json (f, token, "/v1/cards");
  JsonArray *list = json_object_get_array_member (object (cards), "cards");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *c = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (c, "cardId"), card) == 0)
        return json_object_get_boolean_member (c, "frozen");
    }
  g_assert_not_reached ();
}

static void
test_freeze (void)
{
  Fixture f = { 0 };
  g_autoptr(JsonNode) cards = NULL;
  g_autoptr(TestResponse) frozen = NULL;
  g_autoptr(TestResponse) again = NULL;
  g_autoptr(TestResponse) theirs = NULL;
  g_autoptr(TestResponse) keyless = NULL;
  g_autoptr(TestResponse) thawed = NULL;
  g_autofree char *freeze = NULL;
  g_autofree char *unfreeze = NULL;
  const char *card;

  start (&f, G_MININT32);
  cards = get_json (&f, f.a.access_token, "/v1/cards");
  card = json_object_get_string_member (json_array_get_object_element (
           json_object_get_array_member (object (cards), "cards"), 0), "cardId");
  freeze = g_strdup_printf ("/v1/cards/%s/freeze", card);
  unfreeze = g_strdup_printf ("/v1/cards/%s/unfreeze", card);
  g_assert_false (card_frozen (&f, f.a.access_token, card));

  /* Twice, with two keys: idempotent in effect too. */
  frozen = post (&f, f.a.access_token, freeze, "freeze-1", NULL);
  again = post (&f, f.a.access_token, freeze, "freeze-2", "{}");
  g_assert_cmpuint (frozen->status, ==, 200);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpstr (frozen->body, ==, again->body);
  g_assert_true (card_frozen (&f, f.a.access_token, card));
  g_assert_cmpint (stat_int (&f, "cardControlsApplied"), ==, 1);

  /* Not without a key, not by another customer. */
  keyless = ts_request (f.ts, "POST", unfreeze, f.a.access_token, NULL, NULL, NULL);
  g_assert_cmpuint (keyless->status, ==, 400);
  theirs = post (&f, f.b.access_token, unfreeze, "unfreeze-b", NULL);
  g_assert_cmpuint (theirs->status, ==, 404);
  g_assert_true (card_frozen (&f, f.a.access_token, card));

  thawed = post (&f, f.a.access_token, unfreeze, "unfreeze-1", NULL);
  g_assert_cmpuint (thawed->status, ==, 200);
  g_assert_false (card_frozen (&f, f.a.access_token, card));
  g_assert_cmpint (stat_int (&f, "cardControlsApplied"), ==, 2);

  stop (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/live/new-days", test_new_days);
  g_test_add_func ("/sandbox/live/verdict-exactly-once", test_verdict_exactly_once);
  g_test_add_func ("/sandbox/live/freeze", test_freeze);

  return g_test_run ();
}
