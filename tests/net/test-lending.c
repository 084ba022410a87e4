/* test-lending.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loan application client (src/net/fp-lending.c) against the sandbox
 * bank: an application is decided once; the same Idempotency-Key sent
 * again (a "Try Again" after a lost answer) gets the same decision and
 * applies nothing more, counted at the bank; the same key with another
 * application is refused; a decline carries its reasons in words. The
 * reply is read strictly: every way a decision can break the contract is
 * refused, and a decision about another application is not taken.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "fp-lending.h"
#include "fp-net-error.h"
#include "fp-oauth-client.h"
#include "net-test-sandbox.h"

typedef struct {
  TestSandbox   *sandbox;
  FpHttpClient  *http;
  FpOAuthClient *oauth;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->sandbox = test_sandbox_start (1, NULL);
  f->http = fp_http_client_new (f->sandbox->url, &error);
  g_assert_no_error (error);
  f->oauth = fp_oauth_client_new (f->http);
  g_assert_true (fp_oauth_client_sign_in (f->oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->oauth);
  g_clear_object (&f->http);
  test_sandbox_stop (f->sandbox);
}

/* The applications the bank holds for the customer, by its own list. */
static guint
applications_at_bank (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = fp_http_client_get_json (f->http, "v1/loan-applications", NULL, 1 << 20, NULL, NULL,
                                                      NULL, &error);

  g_assert_no_error (error);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (node), "applications"));
}

static gint64
replays_of (Fixture    *f,
            const char *key)
{
  g_autofree char *text = test_sandbox_get (f->sandbox, "_sandbox/stats", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *replays;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  replays = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "idempotentReplays");
  return json_object_get_int_member_with_default (replays, key, 0);
}

static void
test_once (Fixture       *f,
           gconstpointer  data)
{
  FpLoanApplicationRequest request = { "loan-personal", FP_LOAN_PURPOSE_CAR, 1000000, "USD", 36 };
  FpLoanApplicationRequest other = { "loan-personal", FP_LOAN_PURPOSE_CAR, 1200000, "USD", 36 };
  g_autofree char *key = g_uuid_string_random ();
  g_autoptr(FpLoanDecision) first = NULL;
  g_autoptr(FpLoanDecision) again = NULL;
  g_autoptr(FpLoanDecision) refused = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (applications_at_bank (f), ==, 0);

  first = fp_lending_apply (f->http, &request, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_prefix (first->application_id, "lap_"));
  g_assert_cmpint (first->amount_minor, ==, 1000000);
  g_assert_cmpuint (first->term_months, ==, 36);
  g_assert_cmpint (first->purpose, ==, FP_LOAN_PURPOSE_CAR);
  if (first->approved)
    {
      g_assert_cmpint (first->rate_bps, >, 0);
      g_assert_cmpint (first->monthly_payment_minor, ==, fp_loan_payment (1000000, 36, first->rate_bps));
      g_assert_cmpuint (first->n_reasons, ==, 0);
    }
  g_assert_cmpuint (applications_at_bank (f), ==, 1);

  /* The answer was lost: the same key again learns the same decision and
   * the bank applies nothing more. */
  again = fp_lending_apply (f->http, &request, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->application_id, ==, first->application_id);
  g_assert_cmpint (again->approved, ==, first->approved);
  g_assert_cmpuint (applications_at_bank (f), ==, 1);
  g_assert_cmpint (replays_of (f, key), ==, 1);

  /* The same key with another application: refused, nothing applied. */
  refused = fp_lending_apply (f->http, &other, key, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_PROBLEM);
  g_assert_cmpuint (applications_at_bank (f), ==, 1);
}

static void
test_decline_in_words (Fixture       *f,
                       gconstpointer  data)
{
  /* Far more than the demo customer's income carries in a year. */
  FpLoanApplicationRequest request = { "loan-personal", FP_LOAN_PURPOSE_OTHER, 5000000, "USD", 12 };
  g_autofree char *key = g_uuid_string_random ();
  g_autoptr(FpLoanDecision) d = NULL;
  g_autoptr(GError) error = NULL;

  d = fp_lending_apply (f->http, &request, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (d->approved);
  g_assert_cmpint (d->rate_bps, ==, -1);
  g_assert_cmpint (d->monthly_payment_minor, ==, 0);
  g_assert_cmpuint (d->n_reasons, >, 0);
  for (guint i = 0; i < d->n_reasons; i++)
    {
      g_assert_nonnull (d->reasons[i].code);
      /* A sentence, not a code. */
      g_assert_cmpuint (strlen (d->reasons[i].message), >, 20);
      g_assert_nonnull (strchr (d->reasons[i].message, ' '));
    }
}

static void
test_request_json (void)
{
  FpLoanApplicationRequest ok = { "loan-personal", FP_LOAN_PURPOSE_HOME_IMPROVEMENT, 1500050, "USD", 48 };
  FpLoanApplicationRequest bad_id = { "Loan Personal", FP_LOAN_PURPOSE_CAR, 100000, "USD", 12 };
  FpLoanApplicationRequest bad_term = { "loan-personal", FP_LOAN_PURPOSE_CAR, 100000, "USD", 0 };
  FpLoanApplicationRequest bad_amount = { "loan-personal", FP_LOAN_PURPOSE_CAR, 0, "USD", 12 };
  FpLoanApplicationRequest bad_currency = { "loan-personal", FP_LOAN_PURPOSE_CAR, 100000, "usd", 12 };
  g_autofree char *json = fp_loan_application_to_json (&ok, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (json, ==, "{\"offerId\":\"loan-personal\",\"purpose\":\"home_improvement\","
                             "\"amount\":{\"amount\":\"15000.50\",\"currency\":\"USD\"},\"termMonths\":48,"
                             "\"confirmed\":true}");
  g_assert_null (fp_loan_application_to_json (&bad_id, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA);
  g_clear_error (&error);
  g_assert_null (fp_loan_application_to_json (&bad_term, NULL));
  g_assert_null (fp_loan_application_to_json (&bad_amount, NULL));
  g_assert_null (fp_loan_application_to_json (&bad_currency, NULL));
}

#define APPROVED \
  "{\"applicationId\":\"lap_7\",\"offerId\":\"loan-personal\",\"purpose\":\"car\"," \
  "\"amount\":{\"amount\":\"10000.00\",\"currency\":\"USD\"},\"termMonths\":36,\"status\":\"approved\"," \
  "\"riskBand\":\"B\",\"aprBps\":999,\"monthlyPayment\":{\"amount\":\"322.63\",\"currency\":\"USD\"}," \
  "\"reasons\":[],\"decidedAt\":\"2026-10-31T12:00:00Z\"}"
#define DECLINED \
  "{\"applicationId\":\"lap_8\",\"offerId\":\"loan-personal\",\"purpose\":\"car\"," \
  "\"amount\":{\"amount\":\"10000.00\",\"currency\":\"USD\"},\"termMonths\":36,\"status\":\"declined\"," \
  "\"riskBand\":\"E\",\"reasons\":[{\"code\":\"credit_score\",\"message\":\"Your credit score is below the 580 we lend from.\"}]," \
  "\"decidedAt\":\"2026-10-31T12:00:00Z\"}"

static void
test_strict_reply (void)
{
  static const struct {
    const char *what;
    const char *json;
  } bad[] = {
    { "unknown member", "{\"extra\":1,\"applicationId\":\"lap_7\",\"offerId\":\"loan-personal\",\"purpose\":\"car\",\"amount\":{\"amount\":\"10000.00\",\"currency\":\"USD\"},\"termMonths\":36,\"status\":\"approved\",\"riskBand\":\"B\",\"aprBps\":999,\"monthlyPayment\":{\"amount\":\"322.63\",\"currency\":\"USD\"},\"reasons\":[],\"decidedAt\":\"2026-10-31T12:00:00Z\"}" },
    { "approved without a rate", "{\"applicationId\":\"lap_7\",\"offerId\":\"loan-personal\",\"purpose\":\"car\",\"amount\":{\"amount\":\"10000.00\",\"currency\":\"USD\"},\"termMonths\":36,\"status\":\"approved\",\"riskBand\":\"B\",\"reasons\":[],\"decidedAt\":\"2026-10-31T12:00:00Z\"}" },
    { "declined without reasons", "{\"applicationId\":\"lap_8\",\"offerId\":\"loan-personal\",\"purpose\":\"car\",\"amount\":{\"amount\":\"10000.00\",\"currency\":\"USD\"},\"termMonths\":36,\"status\":\"declined\",\"riskBand\":\"E\",\"reasons\":[],\"decidedAt\":\"2026-10-31T12:00:00Z\"}" },
    { "unknown reason code", "{\"applicationId\":\"lap_8\",\"offerId\":\"loan-personal\",\"purpose\":\"car\",\"amount\":{\"amount\":\"10000.00\",\"currency\":\"USD\"},\"termMonths\":36,\"status\":\"declined\",\"riskBand\":\"E\",\"reasons\":[{\"code\":\"mood\",\"message\":\"We do not feel like it today.\"}],\"decidedAt\":\"2026-10-31T12:00:00Z\"}" },
    { "amount as a number", "{\"applicationId\":\"lap_7\",\"offerId\":\"loan-personal\",\"purpose\":\"car\",\"amount\":{\"amount\":10000,\"currency\":\"USD\"},\"termMonths\":36,\"status\":\"approved\",\"riskBand\":\"B\",\"aprBps\":999,\"monthlyPayment\":{\"amount\":\"322.63\",\"currency\":\"USD\"},\"reasons\":[],\"decidedAt\":\"2026-10-31T12:00:00Z\"}" },
    { "status unknown", "{\"applicationId\":\"lap_7\",\"offerId\":\"loan-personal\",\"purpose\":\"car\",\"amount\":{\"amount\":\"10000.00\",\"currency\":\"USD\"},\"termMonths\":36,\"status\":\"maybe\",\"riskBand\":\"B\",\"reasons\":[],\"decidedAt\":\"2026-10-31T12:00:00Z\"}" },
    { "bad id", "{\"applicationId\":\"7\",\"offerId\":\"loan-personal\",\"purpose\":\"car\",\"amount\":{\"amount\":\"10000.00\",\"currency\":\"USD\"},\"termMonths\":36,\"status\":\"approved\",\"riskBand\":\"B\",\"aprBps\":999,\"monthlyPayment\":{\"amount\":\"322.63\",\"currency\":\"USD\"},\"reasons\":[],\"decidedAt\":\"2026-10-31T12:00:00Z\"}" },
    { "not an object", "[1,2,3]" },
    { "truncated", "{\"applicationId\":\"lap_7\",\"offerId\":" },
  };
  FpLoanApplicationRequest request = { "loan-personal", FP_LOAN_PURPOSE_CAR, 1000000, "USD", 36 };
  FpLoanApplicationRequest other_amount = { "loan-personal", FP_LOAN_PURPOSE_CAR, 1200000, "USD", 36 };
  FpLoanApplicationRequest other_term = { "loan-personal", FP_LOAN_PURPOSE_CAR, 1000000, "USD", 48 };
  g_autoptr(FpLoanDecision) approved = NULL;
  g_autoptr(FpLoanDecision) declined = NULL;
  g_autoptr(GError) error = NULL;
  GString *deep = g_string_new (NULL);

  approved = fp_loan_decision_parse (APPROVED, strlen (APPROVED), &request, &error);
  g_assert_no_error (error);
  g_assert_true (approved->approved);
  g_assert_cmpint (approved->rate_bps, ==, 999);
  g_assert_cmpint (approved->monthly_payment_minor, ==, 32263);
  g_assert_cmpint (approved->decided_at, ==, 1793448000);
  declined = fp_loan_decision_parse (DECLINED, strlen (DECLINED), &request, &error);
  g_assert_no_error (error);
  g_assert_false (declined->approved);
  g_assert_cmpuint (declined->n_reasons, ==, 1);
  g_assert_cmpstr (declined->reasons[0].message, ==, "Your credit score is below the 580 we lend from.");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      FpLoanDecision *d = fp_loan_decision_parse (bad[i].json, strlen (bad[i].json), &request, &error);

      if (d != NULL)
        g_error ("accepted a decision with %s", bad[i].what);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }

  /* A decision about another application is not taken for this one. */
  g_assert_null (fp_loan_decision_parse (APPROVED, strlen (APPROVED), &other_amount, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA);
  g_clear_error (&error);
  g_assert_null (fp_loan_decision_parse (APPROVED, strlen (APPROVED), &other_term, &error));
  g_clear_error (&error);

  /* Too deep and too large never reach json-glib. */
  for (int i = 0; i < 5000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (fp_loan_decision_parse (deep->str, deep->len, &request, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_TOO_DEEP);
  g_clear_error (&error);
  g_string_set_size (deep, FP_LENDING_MAX_REPLY_BYTES + 1);
  memset (deep->str, ' ', deep->len);
  g_assert_null (fp_loan_decision_parse (deep->str, deep->len, &request, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_TOO_LARGE);
  g_string_free (deep, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/lending/request-json", test_request_json);
  g_test_add_func ("/net/lending/strict-reply", test_strict_reply);
  g_test_add ("/net/lending/once", Fixture, NULL, fixture_set_up, test_once, fixture_tear_down);
  g_test_add ("/net/lending/decline-in-words", Fixture, NULL, fixture_set_up, test_decline_in_words,
              fixture_tear_down);

  return g_test_run ();
}
