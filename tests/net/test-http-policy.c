/* test-http-policy.c: the pure rules of the bank client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fp-bank-schema.h"
#include "fp-http-client.h"
#include "fp-http-policy.h"
#include "fp-net-error.h"
#include "fp-net-private.h"
#include "fp-oauth-client.h"

static char *
nested (guint depth,
        char  open,
        char  close)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, open);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, close);
  return g_string_free (s, FALSE);
}

static void
test_depth (void)
{
  g_autofree char *d64 = nested (64, '[', ']');
  g_autofree char *d65 = nested (65, '[', ']');
  g_autofree char *o65 = nested (65, '{', '}');
  g_autofree char *deep = nested (100000, '[', ']');
  /* 64 brackets inside a string do not count. */
  g_autofree char *in_string = g_strdup_printf ("[\"%s\"]", d65);
  const char *escaped = "[\"\\\"[[[[\"]";

  g_assert_true (fp_json_depth_ok ("", 0, 64));
  g_assert_true (fp_json_depth_ok ("{}", 2, 1));
  g_assert_false (fp_json_depth_ok ("[{}]", 4, 1));
  g_assert_true (fp_json_depth_ok ("[1],[2],[3]", 11, 1));
  g_assert_true (fp_json_depth_ok (d64, strlen (d64), 64));
  g_assert_false (fp_json_depth_ok (d65, strlen (d65), 64));
  g_assert_false (fp_json_depth_ok (o65, strlen (o65), 64));
  g_assert_false (fp_json_depth_ok (deep, strlen (deep), 64));
  g_assert_true (fp_json_depth_ok (in_string, strlen (in_string), 1));
  /* An escaped quote does not end the string. */
  g_assert_true (fp_json_depth_ok (escaped, strlen (escaped), 1));
  /* Mixed nesting: depth 3. */
  g_assert_true (fp_json_depth_ok ("{\"a\":[{\"b\":1}]}", 15, 3));
  g_assert_false (fp_json_depth_ok ("{\"a\":[{\"b\":1}]}", 15, 2));
}

static void
test_guarded_parse (void)
{
  g_autofree char *deep = nested (100000, '[', ']');
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* Would crash json-glib 1.6; must be refused before it. */
  node = fp_json_parse_guarded (deep, strlen (deep), strlen (deep), &error);
  g_assert_null (node);
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_TOO_DEEP);
  g_clear_error (&error);

  node = fp_json_parse_guarded ("{\"a\": 1}", 8, 7, &error);
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_TOO_LARGE);
  g_clear_error (&error);

  node = fp_json_parse_guarded ("{\"a\": [1, 2", 11, 100, &error);
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_MALFORMED);
  g_clear_error (&error);

  node = fp_json_parse_guarded ("{\"data\": [1, 2,, }<html>", 24, 100, &error);
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_MALFORMED);
  g_clear_error (&error);

  node = fp_json_parse_guarded ("\xff\xfe{}", 4, 100, &error);
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_MALFORMED);
  g_clear_error (&error);

  node = fp_json_parse_guarded ("{\"a\": 1}", 8, 8, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
}

static void
test_retry_after (void)
{
  gint64 s = -1;
  /* Sun, 06 Nov 1994 08:49:37 GMT is 784111777 (RFC 9110's example). */
  const gint64 t = 784111777;

  g_assert_true (fp_http_parse_retry_after ("120", 0, &s));
  g_assert_cmpint (s, ==, 120);
  g_assert_true (fp_http_parse_retry_after (" 0 ", 0, &s));
  g_assert_cmpint (s, ==, 0);
  g_assert_false (fp_http_parse_retry_after ("-5", 0, &s));
  g_assert_false (fp_http_parse_retry_after ("12abc", 0, &s));
  g_assert_false (fp_http_parse_retry_after ("", 0, &s));
  g_assert_false (fp_http_parse_retry_after (NULL, 0, &s));
  g_assert_true (fp_http_parse_retry_after ("99999999999999999999", 0, &s));
  g_assert_cmpint (s, >=, G_MAXINT32);

  g_assert_true (fp_http_parse_retry_after ("Sun, 06 Nov 1994 08:49:37 GMT", t - 30, &s));
  g_assert_cmpint (s, ==, 30);
  g_assert_true (fp_http_parse_retry_after ("Sunday, 06-Nov-94 08:49:37 GMT", t - 7, &s));
  g_assert_cmpint (s, ==, 7);
  g_assert_true (fp_http_parse_retry_after ("Sun Nov  6 08:49:37 1994", t - 1, &s));
  g_assert_cmpint (s, ==, 1);
  /* In the past: no wait. */
  g_assert_true (fp_http_parse_retry_after ("Sun, 06 Nov 1994 08:49:37 GMT", t + 100, &s));
  g_assert_cmpint (s, ==, 0);
  g_assert_false (fp_http_parse_retry_after ("Sun, 06 Foo 1994 08:49:37 GMT", 0, &s));
  g_assert_false (fp_http_parse_retry_after ("Sun, 31 Feb 1994 08:49:37 GMT", 0, &s));
}

static void
test_backoff (void)
{
  /* Ceilings: 100, 200, 400, 800, then capped at 1000. */
  g_assert_cmpuint (fp_http_backoff_ceiling_ms (0, 100, 1000), ==, 100);
  g_assert_cmpuint (fp_http_backoff_ceiling_ms (1, 100, 1000), ==, 200);
  g_assert_cmpuint (fp_http_backoff_ceiling_ms (3, 100, 1000), ==, 800);
  g_assert_cmpuint (fp_http_backoff_ceiling_ms (4, 100, 1000), ==, 1000);
  g_assert_cmpuint (fp_http_backoff_ceiling_ms (200, 100, 1000), ==, 1000);
  /* Full jitter: uniform in [0, ceiling]. */
  g_assert_cmpuint (fp_http_backoff_delay_ms (2, 100, 1000, 0.0), ==, 0);
  g_assert_cmpuint (fp_http_backoff_delay_ms (2, 100, 1000, 0.5), ==, 200);
  g_assert_cmpuint (fp_http_backoff_delay_ms (2, 100, 1000, 0.999999), <=, 400);
  g_assert_cmpuint (fp_http_backoff_delay_ms (10, 100, 1000, 0.25), ==, 250);

  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);

    for (guint i = 0; i < 1000; i++)
      {
        guint attempt = i % 12;
        guint d = fp_http_backoff_delay_ms (attempt, 50, 5000, g_rand_double (rand));

        g_assert_cmpuint (d, <=, fp_http_backoff_ceiling_ms (attempt, 50, 5000));
      }
  }
}

static void
test_breaker (void)
{
  FpBreaker b;

  fp_breaker_init (&b, 3, 10);
  g_assert_cmpint (b.state, ==, FP_BREAKER_CLOSED);
  g_assert_true (fp_breaker_allow (&b, 100));
  fp_breaker_failure (&b, 100);
  fp_breaker_failure (&b, 100);
  g_assert_cmpint (b.state, ==, FP_BREAKER_CLOSED);
  /* A success resets the count. */
  fp_breaker_success (&b);
  fp_breaker_failure (&b, 100);
  fp_breaker_failure (&b, 100);
  g_assert_cmpint (b.state, ==, FP_BREAKER_CLOSED);
  fp_breaker_failure (&b, 100);
  g_assert_cmpint (b.state, ==, FP_BREAKER_OPEN);
  g_assert_false (fp_breaker_allow (&b, 105));
  g_assert_cmpint (fp_breaker_seconds_left (&b, 105), ==, 5);

  /* After the delay: one trial, half-open. */
  g_assert_true (fp_breaker_allow (&b, 110));
  g_assert_cmpint (b.state, ==, FP_BREAKER_HALF_OPEN);
  g_assert_false (fp_breaker_allow (&b, 110));
  /* The trial fails: open again, for twice as long. */
  fp_breaker_failure (&b, 110);
  g_assert_cmpint (b.state, ==, FP_BREAKER_OPEN);
  g_assert_cmpint (fp_breaker_seconds_left (&b, 110), ==, 20);
  g_assert_false (fp_breaker_allow (&b, 129));
  g_assert_true (fp_breaker_allow (&b, 130));
  fp_breaker_success (&b);
  g_assert_cmpint (b.state, ==, FP_BREAKER_CLOSED);
  g_assert_cmpint (fp_breaker_seconds_left (&b, 130), ==, 0);

  /* The open time is capped at ten times the base. */
  fp_breaker_init (&b, 1, 10);
  fp_breaker_failure (&b, 0);
  for (gint64 now = 0, i = 0; i < 10; i++)
    {
      now += fp_breaker_seconds_left (&b, now);
      g_assert_true (fp_breaker_allow (&b, now));
      fp_breaker_failure (&b, now);
      g_assert_cmpint (fp_breaker_seconds_left (&b, now), <=, 100);
    }
  g_assert_cmpint (b.current_open_seconds, ==, 100);
}

static void
test_pkce (void)
{
  /* RFC 7636 Appendix B. */
  static const guint8 octets[] = {
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173,
    187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83,
    132, 141, 121,
  };
  g_autofree char *verifier = fp_base64url_encode (octets, sizeof octets);
  g_autofree char *challenge = NULL;
  g_autofree char *v1 = fp_pkce_new_verifier ();
  g_autofree char *v2 = fp_pkce_new_verifier ();

  g_assert_cmpstr (verifier, ==, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  challenge = fp_pkce_challenge_s256 (verifier);
  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

  /* Fresh verifiers: 43 characters of the unreserved set, all different. */
  g_assert_cmpuint (strlen (v1), ==, 43);
  for (const char *p = v1; *p; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
  g_assert_cmpstr (v1, !=, v2);

  g_assert_true (fp_oauth_state_equal ("abc", "abc"));
  g_assert_false (fp_oauth_state_equal ("abc", "abd"));
  g_assert_false (fp_oauth_state_equal ("abc", "abcd"));
  g_assert_false (fp_oauth_state_equal (NULL, "abc"));
}

static void
test_problem (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"type\":\"https://x/problems/unavailable\","
                                               "\"title\":\"Unavailable\",\"status\":503,"
                                               "\"detail\":\"secret detail\"}", 94);
  g_autoptr(GError) e503 = fp_http_problem_to_error (503, "application/problem+json", body);
  g_autoptr(GError) e401 = fp_http_problem_to_error (401, NULL, NULL);
  g_autoptr(GError) e429 = fp_http_problem_to_error (429, "application/problem+json", body);
  g_autoptr(GError) e422 = fp_http_problem_to_error (422, "text/html", body);

  g_assert_error (e503, FP_NET_ERROR, FP_NET_ERROR_SERVER);
  g_assert_null (strstr (e503->message, "secret"));
  g_assert_error (e401, FP_NET_ERROR, FP_NET_ERROR_UNAUTHORIZED);
  g_assert_error (e429, FP_NET_ERROR, FP_NET_ERROR_RATE_LIMITED);
  g_assert_error (e422, FP_NET_ERROR, FP_NET_ERROR_PROBLEM);
  g_assert_true (fp_net_error_is_transient (e503));
  g_assert_true (fp_net_error_is_transient (e429));
  g_assert_false (fp_net_error_is_transient (e401));
  g_assert_false (fp_net_error_is_transient (e422));
}

/* The page borrows from the tree: the tree is kept in *keep. */
static gboolean
parse_page (const char  *json,
            FpFeedPage  *page,
            JsonNode   **keep,
            GError     **error)
{
  *keep = fp_json_parse_guarded (json, strlen (json), 1 << 20, error);
  if (*keep == NULL)
    return FALSE;
  return fp_feed_page_parse (*keep, page, error);
}

#define TXN(extra) \
  "{\"transactionId\":\"txn_7\",\"accountId\":\"acc_1\",\"bookingDateTime\":\"2024-02-29T23:59:00Z\"," \
  "\"status\":\"Booked\",\"amount\":{\"amount\":\"-134.09\",\"currency\":\"USD\"}," \
  "\"category\":\"card\",\"merchant\":{\"merchantId\":\"-123\",\"merchantCategoryCode\":\"5411\"," \
  "\"city\":\"ONLINE\",\"state\":\"\",\"postCode\":\"\",\"online\":true},\"channel\":\"online\"," \
  "\"errors\":[\"Bad PIN\",\"Insufficient Balance\"],\"isFraud\":false" extra "}"

static void
test_feed_page (void)
{
  const char *good =
    "{\"changes\":[{\"seq\":5,\"change\":\"created\",\"transactionId\":\"txn_7\",\"transaction\":" TXN ("") "},"
    "{\"seq\":6,\"change\":\"created\",\"transactionId\":\"txn_8\"},"
    "{\"seq\":9,\"change\":\"deleted\",\"transactionId\":\"txn_8\"}],"
    "\"nextCursor\":\"abc\",\"hasMore\":true,\"latestSeq\":20}";
  const char *bad[] = {
    "[]",
    "{\"changes\":[],\"hasMore\":false,\"latestSeq\":0}",
    "{\"changes\":{},\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":0}",
    "{\"changes\":[],\"nextCursor\":\"a\",\"hasMore\":\"no\",\"latestSeq\":0}",
    "{\"changes\":[],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":\"1\"}",
    /* seq not increasing */
    "{\"changes\":[{\"seq\":2,\"change\":\"deleted\",\"transactionId\":\"t\"},"
    "{\"seq\":2,\"change\":\"deleted\",\"transactionId\":\"u\"}],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":3}",
    /* unknown kind */
    "{\"changes\":[{\"seq\":1,\"change\":\"moved\",\"transactionId\":\"t\"}],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":3}",
    /* amount as a number */
    "{\"changes\":[{\"seq\":1,\"change\":\"created\",\"transactionId\":\"txn_7\",\"transaction\":"
    "{\"transactionId\":\"txn_7\",\"accountId\":\"acc_1\",\"bookingDateTime\":\"2024-02-29T23:59:00Z\","
    "\"amount\":-134.09,\"isFraud\":false}}],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":3}",
    /* a bad date */
    "{\"changes\":[{\"seq\":1,\"change\":\"created\",\"transactionId\":\"txn_7\",\"transaction\":"
    "{\"transactionId\":\"txn_7\",\"accountId\":\"acc_1\",\"bookingDateTime\":\"2023-02-29T23:59:00Z\","
    "\"amount\":{\"amount\":\"1.00\",\"currency\":\"USD\"},\"isFraud\":false}}],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":3}",
    /* the transaction's id differs from the change's */
    "{\"changes\":[{\"seq\":1,\"change\":\"created\",\"transactionId\":\"txn_9\",\"transaction\":" TXN ("") "}],"
    "\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":3}",
    /* isFraud as a string */
    "{\"changes\":[{\"seq\":1,\"change\":\"created\",\"transactionId\":\"txn_7\",\"transaction\":"
    "{\"transactionId\":\"txn_7\",\"accountId\":\"acc_1\",\"bookingDateTime\":\"2024-02-29T23:59:00Z\","
    "\"amount\":{\"amount\":\"1.00\",\"currency\":\"USD\"},\"isFraud\":\"no\"}}],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":3}",
    /* seq beyond latestSeq */
    "{\"changes\":[{\"seq\":4,\"change\":\"deleted\",\"transactionId\":\"t\"}],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":3}",
  };
  g_autoptr(JsonNode) root = NULL;
  g_auto(FpFeedPage) page = { 0 };
  g_autoptr(GError) error = NULL;
  const FpTxnChange *c;

  fp_feed_page_init (&page);
  g_assert_true (parse_page (good, &page, &root, &error));
  g_assert_no_error (error);
  /* The created-then-deleted one without its transaction is skipped. */
  g_assert_cmpuint (page.changes->len, ==, 2);
  g_assert_cmpstr (page.next_cursor, ==, "abc");
  g_assert_true (page.has_more);
  g_assert_cmpint (page.latest_seq, ==, 20);
  g_assert_cmpint (page.first_seq, ==, 5);
  g_assert_cmpint (page.last_seq, ==, 9);
  c = &g_array_index (page.changes, FpTxnChange, 0);
  g_assert_cmpint (c->kind, ==, FP_TXN_CREATED);
  g_assert_cmpstr (c->id, ==, "txn_7");
  g_assert_cmpstr (c->account_id, ==, "acc_1");
  g_assert_cmpint (c->day, ==, 20240229);
  g_assert_cmpint (c->minute, ==, 23 * 60 + 59);
  g_assert_cmpint (c->amount_minor, ==, -13409);
  g_assert_cmpstr (c->currency, ==, "USD");
  g_assert_cmpint (c->mcc, ==, 5411);
  g_assert_cmpstr (c->errors, ==, "Bad PIN,Insufficient Balance");
  g_assert_false (c->is_fraud);
  /* Booked, says the status; declined, says core's rule for its errors. */
  g_assert_cmpint (c->txn_state, ==, FP_TXN_STATE_DECLINED);
  g_assert_null (c->merchant_name);
  g_assert_null (c->card_id);
  c = &g_array_index (page.changes, FpTxnChange, 1);
  g_assert_cmpint (c->kind, ==, FP_TXN_DELETED);
  g_assert_cmpstr (c->id, ==, "txn_8");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) r = NULL;
      g_auto(FpFeedPage) p = { 0 };
      g_autoptr(GError) e = NULL;

      fp_feed_page_init (&p);
      g_assert_false (parse_page (bad[i], &p, &r, &e));
      g_assert_error (e, FP_NET_ERROR, FP_NET_ERROR_SCHEMA);
    }
}

/* The reader without json-glib against the json-glib one: same verdict,
 * same changes, field by field. */
static void
assert_same_change (const FpTxnChange *a,
                    const FpTxnChange *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->account_id, ==, b->account_id);
  g_assert_cmpint (a->day, ==, b->day);
  g_assert_cmpint (a->minute, ==, b->minute);
  g_assert_cmpint (a->amount_minor, ==, b->amount_minor);
  g_assert_cmpstr (a->currency, ==, b->currency);
  g_assert_cmpint (a->mcc, ==, b->mcc);
  g_assert_cmpstr (a->merchant, ==, b->merchant);
  g_assert_cmpstr (a->city, ==, b->city);
  g_assert_cmpstr (a->state, ==, b->state);
  g_assert_cmpstr (a->zip, ==, b->zip);
  g_assert_cmpstr (a->use_chip, ==, b->use_chip);
  g_assert_cmpstr (a->errors, ==, b->errors);
  g_assert_cmpint (a->is_fraud, ==, b->is_fraud);
  g_assert_cmpstr (a->category, ==, b->category);
  g_assert_cmpstr (a->merchant_name, ==, b->merchant_name);
  g_assert_cmpstr (a->card_id, ==, b->card_id);
  g_assert_cmpint (a->txn_state, ==, b->txn_state);
}

/* Returns the error code of both readers (-1 when both accept). */
static int
compare_readers (const char *json)
{
  g_autoptr(JsonNode) root = NULL;
  g_auto(FpFeedPage) a = { 0 };
  g_auto(FpFeedPage) b = { 0 };
  g_autoptr(GError) ea = NULL;
  g_autoptr(GError) eb = NULL;
  gboolean oka, okb;

  fp_feed_page_init (&a);
  fp_feed_page_init (&b);
  oka = parse_page (json, &a, &root, &ea);
  okb = _fp_feed_page_parse_bytes (json, strlen (json), 1 << 20, &b, &eb);
  g_test_message ("%s -> %s / %s", json, ea ? ea->message : "ok", eb ? eb->message : "ok");
  g_assert_cmpint (oka, ==, okb);
  if (!oka)
    {
      g_assert_true (ea->domain == FP_NET_ERROR && eb->domain == FP_NET_ERROR);
      g_assert_cmpint (ea->code, ==, eb->code);
      return eb->code;
    }
  g_assert_cmpstr (a.next_cursor, ==, b.next_cursor);
  g_assert_cmpint (a.has_more, ==, b.has_more);
  g_assert_cmpint (a.latest_seq, ==, b.latest_seq);
  g_assert_cmpint (a.first_seq, ==, b.first_seq);
  g_assert_cmpint (a.last_seq, ==, b.last_seq);
  g_assert_cmpuint (a.changes->len, ==, b.changes->len);
  for (guint i = 0; i < a.changes->len; i++)
    assert_same_change (&g_array_index (a.changes, FpTxnChange, i),
                        &g_array_index (b.changes, FpTxnChange, i));
  return -1;
}

#define PAGE(changes) "{\"changes\":[" changes "],\"nextCursor\":\"c\",\"hasMore\":false,\"latestSeq\":30}"
#define CREATED(seq, txn) "{\"seq\":" seq ",\"change\":\"created\",\"transactionId\":\"txn_7\",\"transaction\":" txn "}"
/* A transaction with its status and merchant object given: each member once,
 * as the strict rule wants. */
#define TXN3(status, merchant, extra) \
  "{\"transactionId\":\"txn_7\",\"accountId\":\"acc_1\",\"bookingDateTime\":\"2024-02-29T23:59:00Z\"," \
  "\"status\":" status ",\"amount\":{\"amount\":\"-134.09\",\"currency\":\"USD\"},\"merchant\":" merchant "," \
  "\"isFraud\":true" extra "}"
#define TXN2(merchant_city, extra) TXN3 ("\"Booked\"", "{\"city\":" merchant_city "}", extra)

static void
test_feed_reader (void)
{
  const char *same[] = {
    /* Accepted by both. */
    PAGE (CREATED ("1", TXN ("")) "," CREATED ("2", TXN (",\"unknown\":{\"a\":[1,2.5e3,-0,null,true,{}],\"b\":\"\\u00e9\"}"))),
    PAGE (CREATED ("1", TXN2 ("\"Z\\u00fcrich \\\"Nord\\\" \\ud83d\\ude00 \\/\\n\\t\"", ""))),
    PAGE (CREATED ("1", TXN2 ("null", ",\"description\":null,\"category\":null,\"channel\":\"chip\""))),
    /* Declined and pending, a merchant's name and a card. */
    PAGE (CREATED ("1", TXN3 ("\"Declined\"", "{\"city\":\"Boise\"}", ",\"cardId\":\"crd_3\""))),
    PAGE (CREATED ("1", TXN3 ("\"Pending\"", "{\"name\":\"Fresh Market\",\"merchantId\":\"-77\",\"city\":\"Boise\"}", ""))),
    " \n\t{ \"hasMore\" : true , \"latestSeq\" : 9 , \"nextCursor\" : \"x\" , \"changes\" : [ ] } \r\n",
    PAGE ("{\"seq\":3,\"change\":\"deleted\",\"transactionId\":\"t\",\"transaction\":null}"),
    /* Refused by the contract in both. */
    PAGE ("{\"seq\":1.0,\"change\":\"deleted\",\"transactionId\":\"t\"}"),
    PAGE ("{\"seq\":1e0,\"change\":\"deleted\",\"transactionId\":\"t\"}"),
    PAGE ("{\"seq\":99999999999999999999,\"change\":\"deleted\",\"transactionId\":\"t\"}"),
    PAGE ("{\"seq\":-1,\"change\":\"deleted\",\"transactionId\":\"t\"}"),
    PAGE ("{\"seq\":1,\"change\":null,\"transactionId\":\"t\"}"),
    PAGE ("{\"seq\":1,\"change\":\"deleted\",\"transactionId\":\"\"}"),
    PAGE ("{\"seq\":1,\"change\":\"deleted\",\"transactionId\":7}"),
    PAGE (CREATED ("1", "null")),
    PAGE (CREATED ("1", "[]")),
    PAGE (CREATED ("1", TXN2 ("1", ""))),
    PAGE (CREATED ("1", TXN2 ("\"A\"", ",\"merchant\":[]"))),
    PAGE (CREATED ("1", TXN2 ("\"A\"", ",\"errors\":[\"a\",1]"))),
    PAGE (CREATED ("1", TXN2 ("\"A\"", ",\"errors\":null"))),
    PAGE (CREATED ("1", TXN2 ("\"A\"", ",\"amount\":{\"amount\":\"1.00\",\"currency\":\"usd\"}"))),
    PAGE (CREATED ("1", TXN2 ("\"A\"", ",\"amount\":{\"amount\":\"1.001\",\"currency\":\"USD\"}"))),
    PAGE (CREATED ("1", TXN2 ("\"A\"", ",\"merchant\":{\"merchantCategoryCode\":\"541\"}"))),
    /* A status the contract does not know, none, or not a string; a
     * name or a card that is not a string. */
    PAGE (CREATED ("1", TXN3 ("\"Refunded\"", "{\"city\":\"A\"}", ""))),
    PAGE (CREATED ("1", TXN3 ("null", "{\"city\":\"A\"}", ""))),
    PAGE (CREATED ("1", TXN3 ("1", "{\"city\":\"A\"}", ""))),
    PAGE (CREATED ("1", TXN3 ("\"Booked\"", "{\"city\":\"A\",\"name\":7}", ""))),
    PAGE (CREATED ("1", TXN2 ("\"A\"", ",\"cardId\":[]"))),
    "{\"changes\":[],\"nextCursor\":\"\",\"hasMore\":false,\"latestSeq\":0}",
    "{\"changes\":[],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":-3}",
    "{\"changes\":null,\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":3}",
    "\"a string\"",
    "17",
    /* Not JSON for both. */
    "{\"changes\":[],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":0",
    "{\"changes\":[],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":0}}",
    "{\"changes\":[,],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":0}",
    "{\"changes\":[1 2],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":0}",
    "{\"changes\":[] \"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":0}",
    "{\"changes\":[],\"nextCursor\":\"a\",\"hasMore\":fals,\"latestSeq\":0}",
    "{\"changes\":[],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":-}",
    "{changes:[]}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    /* JSON that json-glib 1.6 alone reads loosely: the strict rule goes
     * first on both paths. */
    "{\"changes\":[],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":01}",
    "{\"changes\":[],\"nextCursor\":\"a\\ud800\",\"hasMore\":false,\"latestSeq\":1}",
    "{\"changes\":[],\"nextCursor\":\"a\\udc00x\",\"hasMore\":false,\"latestSeq\":1}",
    "{\"changes\":[],\"nextCursor\":\"a\\u0000\",\"hasMore\":false,\"latestSeq\":1}",
    "{\"changes\":[],\"nextCursor\":\"a\tb\",\"hasMore\":false,\"latestSeq\":1}",
    "{\"changes\":[],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":1,}",
    "{\"changes\":[],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":1.}",
    "{\"changes\":[],\"nextCursor\":\"a\\u12G4\",\"hasMore\":false,\"latestSeq\":0}",
    "{\"changes\":[],\"nextCursor\":\"a\\x\",\"hasMore\":false,\"latestSeq\":0}",
    /* Well-formed, but refused by the strict rule in both (issue 15):
     * json-glib kept the last of equal names, cut at \u0000, wrapped 2^64
     * and read 1e999 as infinity. */
    PAGE (CREATED ("1", TXN2 ("\"A\"", ",\"isFraud\":false,\"accountId\":\"acc_2\""))),
    PAGE (CREATED ("1", TXN2 ("\"A\"", ",\"amount\":{\"amount\":\"-1.00\",\"amount\":\"-99999.00\",\"currency\":\"USD\"}"))),
    "{\"changes\":[],\"nextCursor\":\"a\",\"has\\u004dore\":true,\"hasMore\":false,\"latestSeq\":1}",
    "{\"changes\":[],\"nextCursor\":\"v1\\u0000evil\",\"hasMore\":false,\"latestSeq\":1}",
    "{\"changes\":[],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":18446744073709551616}",
    "{\"changes\":[],\"nextCursor\":\"a\",\"hasMore\":false,\"latestSeq\":1e999}",
  };
  g_auto(FpFeedPage) page = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *deep = NULL;
  const FpTxnChange *c;
  guint n_ok = 0, n_schema = 0, n_malformed = 0;

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      int code = compare_readers (same[i]);

      if (code < 0)
        n_ok++;
      else if (code == FP_NET_ERROR_SCHEMA)
        n_schema++;
      else if (code == FP_NET_ERROR_MALFORMED || code == FP_NET_ERROR_TOO_DEEP)
        n_malformed++;
    }
  /* The comments above, counted by hand: 7 accepted; 26 refused by the
   * contract and 6 by the strict rule; 9 not JSON and 9 read loosely by
   * json-glib alone, of which \u0000 is a strict-rule refusal. */
  g_assert_cmpuint (n_ok, ==, 7);
  g_assert_cmpuint (n_schema, ==, 26 + 6 + 1);
  g_assert_cmpuint (n_malformed, ==, 9 + 8);

  /* Escapes decoded by hand: u-umlaut, a quote, U+1F600, a slash. */
  fp_feed_page_init (&page);
  g_assert_true (_fp_feed_page_parse_bytes (same[1], strlen (same[1]), 1 << 20, &page, &error));
  g_assert_no_error (error);
  c = &g_array_index (page.changes, FpTxnChange, 0);
  g_assert_cmpstr (c->city, ==, "Z\xc3\xbcrich \"Nord\" \xf0\x9f\x98\x80 /\n\t");
  g_assert_cmpint (c->amount_minor, ==, -13409);
  g_assert_true (c->is_fraud);

  /* The guards come first. */
  deep = g_strnfill (100, '[');
  g_assert_false (_fp_feed_page_parse_bytes (deep, 100, 1 << 20, &page, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_TOO_DEEP);
  g_clear_error (&error);
  g_assert_false (_fp_feed_page_parse_bytes (same[0], strlen (same[0]), 10, &page, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (_fp_feed_page_parse_bytes ("{\"a\":\"\xff\"}", 8, 1 << 20, &page, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_false (_fp_feed_page_parse_bytes ("", 0, 1 << 20, &page, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_MALFORMED);
}

static void
test_time (void)
{
  gint32 day, minute;

  g_assert_true (fp_bank_parse_time ("1999-12-31T00:00:00Z", &day, &minute));
  g_assert_cmpint (day, ==, 19991231);
  g_assert_cmpint (minute, ==, 0);
  g_assert_false (fp_bank_parse_time ("1999-12-31T24:00:00Z", &day, &minute));
  g_assert_false (fp_bank_parse_time ("1999-13-01T00:00:00Z", &day, &minute));
  g_assert_false (fp_bank_parse_time ("1999-12-31 00:00:00Z", &day, &minute));
  g_assert_false (fp_bank_parse_time ("1999-12-31T00:00:00+01:00", &day, &minute));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/policy/depth", test_depth);
  g_test_add_func ("/net/schema/feed-reader", test_feed_reader);
  g_test_add_func ("/net/policy/guarded-parse", test_guarded_parse);
  g_test_add_func ("/net/policy/retry-after", test_retry_after);
  g_test_add_func ("/net/policy/backoff", test_backoff);
  g_test_add_func ("/net/policy/breaker", test_breaker);
  g_test_add_func ("/net/policy/pkce", test_pkce);
  g_test_add_func ("/net/policy/problem", test_problem);
  g_test_add_func ("/net/schema/feed-page", test_feed_page);
  g_test_add_func ("/net/schema/time", test_time);

  return g_test_run ();
}
