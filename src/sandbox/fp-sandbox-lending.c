/* fp-sandbox-lending.c
 *
 * The bank's lending: the personal loan's pricing grid (rates by risk band,
 * term and amount), the Adaptive Credit Line's model document, and the
 * decision on a loan application (`POST /v1/loan-applications`), made from
 * the bank's own data: the customer's credit score, income and debts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-lending"

#include "config.h"

#include <string.h>

#include "fp-loan.h"
#include "fp-money.h"
#include "fp-sandbox-private.h"

#define CURRENCY "USD"
#define CREDIT_LINE_VERSION "2026.11.1"
#define MAX_APPLICATIONS 1000

#define MIN_AMOUNT 100000
#define MAX_AMOUNT 5000000
#define AMOUNT_STEP 10000
#define MAX_DEBT_TO_INCOME_BPS 4300
#define MAX_PAYMENT_TO_INCOME_BPS 1500
#define MIN_FICO 580

/* The headline rate of each band (aprByRiskBand) is the grid's lowest. */
static const struct {
  char  band;
  guint min_fico;
  guint apr_bps;
} bands[] = {
  { 'A', 760, 749 },
  { 'B', 700, 999 },
  { 'C', 650, 1399 },
  { 'D', 600, 1899 },
  { 'E', 300, 2499 },
};

static const guint term_options[] = { 12, 24, 36, 48, 60, 72, 84 };

/* The grid: the band's rate plus a premium by term and by amount. */
static const struct {
  guint min, max;
  guint premium_bps;
} term_buckets[] = {
  { 12, 36, 0 },
  { 37, 60, 50 },
  { 61, 84, 100 },
};

static const struct {
  gint64 min, max;
  guint  premium_bps;
} amount_bands[] = {
  { 100000, 499999, 100 },
  { 500000, 1499999, 25 },
  { 1500000, 5000000, 0 },
};

static const struct {
  const char *purpose;
  guint       max_term;
} purposes[] = {
  { "car", 84 },
  { "home_improvement", 84 },
  { "debt_consolidation", 60 },
  { "education", 60 },
  { "other", 60 },
};

typedef struct {
  char   *id;
  char   *offer_id;
  char   *purpose;
  gint64  amount;
  guint   term;
  char    band;
  gboolean approved;
  gint32  rate_bps;
  gint64  payment;
  GPtrArray *reasons;   /* pairs: code, message */
  gint64  at;
} LoanApplication;

static void
application_free (gpointer data)
{
  LoanApplication *a = data;

  g_free (a->id);
  g_free (a->offer_id);
  g_free (a->purpose);
  g_ptr_array_unref (a->reasons);
  g_free (a);
}

static void
write_money (FpJsonWriter *w,
             const char   *key,
             gint64        minor)
{
  fp_json_key (w, key);
  fp_json_money (w, minor, CURRENCY);
}

/* The rate of the grid, FALSE outside it. */
static gboolean
grid_rate (char    band,
           guint   term,
           gint64  amount,
           gint32 *out_rate)
{
  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    {
      if (bands[b].band != band)
        continue;
      for (guint t = 0; t < G_N_ELEMENTS (term_buckets); t++)
        for (guint a = 0; a < G_N_ELEMENTS (amount_bands); a++)
          if (term >= term_buckets[t].min && term <= term_buckets[t].max &&
              amount >= amount_bands[a].min && amount <= amount_bands[a].max)
            {
              *out_rate = (gint32) (bands[b].apr_bps + term_buckets[t].premium_bps + amount_bands[a].premium_bps);
              return TRUE;
            }
    }
  return FALSE;
}

/**
 * fp_sandbox_lending_write_loan_terms:
 * @w: a writer, inside the offer's object
 *
 * Writes the personal loan's `loan` member (LoanTerms).
 */
void
fp_sandbox_lending_write_loan_terms (FpJsonWriter *w)
{
  fp_json_key (w, "loan");
  fp_json_begin_object (w);
  write_money (w, "minAmount", MIN_AMOUNT);
  write_money (w, "maxAmount", MAX_AMOUNT);
  fp_json_kv_int (w, "minTermMonths", term_options[0]);
  fp_json_kv_int (w, "maxTermMonths", term_options[G_N_ELEMENTS (term_options) - 1]);
  fp_json_kv_int (w, "originationFeeBps", 100);
  write_money (w, "maxOriginationFee", 50000);
  fp_json_kv_int (w, "latePaymentFeeBps", 500);
  fp_json_kv_int (w, "maxDebtToIncomeBps", MAX_DEBT_TO_INCOME_BPS);
  fp_json_kv_int (w, "maxPaymentToIncomeBps", MAX_PAYMENT_TO_INCOME_BPS);
  fp_json_key (w, "aprByRiskBand");
  fp_json_begin_array (w);
  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    {
      char band[2] = { bands[b].band, '\0' };

      fp_json_begin_object (w);
      fp_json_kv_string (w, "band", band);
      fp_json_kv_int (w, "minFicoScore", bands[b].min_fico);
      fp_json_kv_int (w, "aprBps", bands[b].apr_bps);
      fp_json_end_object (w);
    }
  fp_json_end_array (w);
  write_money (w, "amountStep", AMOUNT_STEP);
  fp_json_key (w, "termOptionsMonths");
  fp_json_begin_array (w);
  for (guint t = 0; t < G_N_ELEMENTS (term_options); t++)
    fp_json_int (w, term_options[t]);
  fp_json_end_array (w);
  fp_json_key (w, "pricingGrid");
  fp_json_begin_array (w);
  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    for (guint t = 0; t < G_N_ELEMENTS (term_buckets); t++)
      for (guint a = 0; a < G_N_ELEMENTS (amount_bands); a++)
        {
          char band[2] = { bands[b].band, '\0' };

          fp_json_begin_object (w);
          fp_json_kv_string (w, "riskBand", band);
          fp_json_kv_int (w, "minTermMonths", term_buckets[t].min);
          fp_json_kv_int (w, "maxTermMonths", term_buckets[t].max);
          write_money (w, "minAmount", amount_bands[a].min);
          write_money (w, "maxAmount", amount_bands[a].max);
          fp_json_kv_int (w, "aprBps", bands[b].apr_bps + term_buckets[t].premium_bps + amount_bands[a].premium_bps);
          fp_json_end_object (w);
        }
  fp_json_end_array (w);
  fp_json_key (w, "purposes");
  fp_json_begin_array (w);
  for (guint p = 0; p < G_N_ELEMENTS (purposes); p++)
    {
      fp_json_begin_object (w);
      fp_json_kv_string (w, "purpose", purposes[p].purpose);
      fp_json_kv_int (w, "maxTermMonths", purposes[p].max_term);
      fp_json_end_object (w);
    }
  fp_json_end_array (w);
  fp_json_end_object (w);
}

/* The credit line model */

static void
write_band (FpJsonWriter *w,
            double        from,
            double        to,
            int           points)
{
  fp_json_begin_object (w);
  fp_json_kv_double (w, "from", from);
  fp_json_key (w, "to");
  if (to < 0)
    fp_json_null (w);
  else
    fp_json_double (w, to);
  fp_json_kv_int (w, "points", points);
  fp_json_end_object (w);
}

static void
begin_feature (FpJsonWriter *w,
               const char   *feature,
               const char   *description,
               gboolean      lower_is_better,
               double        weight,
               guint         window,
               double        baseline)
{
  fp_json_begin_object (w);
  fp_json_kv_string (w, "feature", feature);
  fp_json_kv_string (w, "description", description);
  fp_json_kv_string (w, "direction", lower_is_better ? "lower_is_better" : "higher_is_better");
  fp_json_kv_double (w, "weight", weight);
  fp_json_kv_int (w, "windowMonths", window);
  fp_json_kv_double (w, "baseline", baseline);
  fp_json_key (w, "bands");
  fp_json_begin_array (w);
}

static void
end_feature (FpJsonWriter *w)
{
  fp_json_end_array (w);
  fp_json_end_object (w);
}

/**
 * fp_sandbox_lending_build_credit_line_model:
 *
 * Returns: (transfer full): the CreditLineModel document
 */
GString *
fp_sandbox_lending_build_credit_line_model (void)
{
  GString *out = g_string_new (NULL);
  FpJsonWriter w;
  static const struct {
    double min_score;
    guint  limit_bps;
    gint64 max_limit;
    guint  apr_bps;
  } tiers[] = {
    { 85, 6000, 2500000, 1599 },
    { 70, 4000, 1500000, 1999 },
    { 50, 2500, 800000, 2399 },
    { 0, 1200, 300000, 2799 },
  };

  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "modelId", "credit-line");
  fp_json_kv_string (&w, "version", CREDIT_LINE_VERSION);
  fp_json_kv_string (&w, "kind", "credit_line");
  fp_json_kv_string (&w, "offerId", "credit-line-adaptive");
  fp_json_kv_string (&w, "currency", CURRENCY);
  fp_json_key (&w, "features");
  fp_json_begin_array (&w);

  begin_feature (&w, "utilization", "Average share of the card limits used", TRUE, 0.40, 3, 0.40);
  write_band (&w, 0.0, 0.10, 100);
  write_band (&w, 0.10, 0.30, 80);
  write_band (&w, 0.30, 0.50, 50);
  write_band (&w, 0.50, 0.90, 20);
  write_band (&w, 0.90, -1, 0);
  end_feature (&w);

  begin_feature (&w, "on_time_payments", "Share of payments made on time over 12 months", FALSE, 0.40, 12, 0.95);
  write_band (&w, 0.0, 0.90, 0);
  write_band (&w, 0.90, 1.0, 60);
  write_band (&w, 1.0, -1, 100);
  end_feature (&w);

  begin_feature (&w, "income_stability", "How much monthly income varies (coefficient of variation)", TRUE,
                 0.20, 6, 0.20);
  write_band (&w, 0.0, 0.10, 100);
  write_band (&w, 0.10, 0.30, 60);
  write_band (&w, 0.30, -1, 0);
  end_feature (&w);

  fp_json_end_array (&w);
  fp_json_key (&w, "tiers");
  fp_json_begin_array (&w);
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    {
      fp_json_begin_object (&w);
      fp_json_kv_double (&w, "minScore", tiers[i].min_score);
      fp_json_kv_int (&w, "limitToIncomeBps", tiers[i].limit_bps);
      write_money (&w, "maxLimit", tiers[i].max_limit);
      fp_json_kv_int (&w, "aprBps", tiers[i].apr_bps);
      fp_json_end_object (&w);
    }
  fp_json_end_array (&w);
  write_money (&w, "minLimit", 50000);
  write_money (&w, "limitStep", 10000);
  fp_json_kv_int (&w, "reviewEveryMonths", 3);
  fp_json_end_object (&w);
  return out;
}

/* Loan applications */

static void
write_application (FpJsonWriter          *w,
                   const LoanApplication *a)
{
  char band[2] = { a->band, '\0' };
  g_autofree char *at = fp_json_format_timestamp (a->at);

  fp_json_begin_object (w);
  fp_json_kv_string (w, "applicationId", a->id);
  fp_json_kv_string (w, "offerId", a->offer_id);
  fp_json_kv_string (w, "purpose", a->purpose);
  write_money (w, "amount", a->amount);
  fp_json_kv_int (w, "termMonths", a->term);
  fp_json_kv_string (w, "status", a->approved ? "approved" : "declined");
  fp_json_kv_string (w, "riskBand", band);
  if (a->approved)
    {
      fp_json_kv_int (w, "aprBps", a->rate_bps);
      write_money (w, "monthlyPayment", a->payment);
    }
  fp_json_key (w, "reasons");
  fp_json_begin_array (w);
  for (guint i = 0; i + 1 < a->reasons->len; i += 2)
    {
      fp_json_begin_object (w);
      fp_json_kv_string (w, "code", g_ptr_array_index (a->reasons, i));
      fp_json_kv_string (w, "message", g_ptr_array_index (a->reasons, i + 1));
      fp_json_end_object (w);
    }
  fp_json_end_array (w);
  fp_json_kv_string (w, "decidedAt", at);
  fp_json_end_object (w);
}

static void
add_reason (LoanApplication *a,
            const char      *code,
            char            *message)
{
  g_ptr_array_add (a->reasons, g_strdup (code));
  g_ptr_array_add (a->reasons, message);
}

static char *
money_text (gint64 minor)
{
  return fp_money_format (minor, CURRENCY);
}

/* The bank's decision, from its own data. */
static void
decide (FpSandboxRequest *req,
        LoanApplication  *a)
{
  FpBankData *data = req->self->bank->data;
  const FpBankCustomer *c = fp_bank_data_get_customer (data, (guint32) req->customer);
  const guint32 *ids;
  guint n = 0;
  gint64 income = c->yearly_income / 12, debts = 0;
  gboolean term_ok = FALSE;

  a->band = 'E';
  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    if (c->fico_score >= bands[b].min_fico)
      {
        a->band = bands[b].band;
        break;
      }

  ids = fp_bank_data_get_customer_accounts (data, (guint32) req->customer, &n);
  for (guint i = 0; i < n; i++)
    {
      const FpBankAccount *acc = fp_bank_data_get_account (data, ids[i]);

      if (acc->kind == FP_BANK_ACCOUNT_LOAN && acc->balance < 0)
        debts += acc->loan_payment;
      else if (acc->kind == FP_BANK_ACCOUNT_CREDIT_CARD && acc->balance < 0)
        debts += MIN (-acc->balance, MAX (2500, -acc->balance * 3 / 100));
    }

  for (guint t = 0; t < G_N_ELEMENTS (term_options); t++)
    term_ok = term_ok || term_options[t] == a->term;
  if (a->amount < MIN_AMOUNT || a->amount > MAX_AMOUNT)
    {
      g_autofree char *lo = money_text (MIN_AMOUNT);
      g_autofree char *hi = money_text (MAX_AMOUNT);

      add_reason (a, "amount_out_of_range", g_strdup_printf ("We lend between %s and %s.", lo, hi));
    }
  if (!term_ok)
    add_reason (a, "term_not_offered",
                g_strdup ("We lend over 12, 24, 36, 48, 60, 72 or 84 months."));
  if (c->fico_score < MIN_FICO)
    add_reason (a, "credit_score",
                g_strdup_printf ("Your credit score is below the %u we lend from.", MIN_FICO));
  if (a->reasons->len == 0 && !grid_rate (a->band, a->term, a->amount, &a->rate_bps))
    add_reason (a, "term_not_offered", g_strdup ("We have no rate for this term and amount."));

  if (a->reasons->len == 0)
    {
      a->payment = fp_loan_payment (a->amount, a->term, a->rate_bps);
      if (income <= 0)
        add_reason (a, "no_income", g_strdup ("We could not find a regular income to repay the loan from."));
      else
        {
          g_autofree char *pay = money_text (a->payment);
          g_autofree char *inc = money_text (income);
          g_autofree char *all = money_text (debts + a->payment);

          if (a->payment * 10000 > income * MAX_PAYMENT_TO_INCOME_BPS)
            add_reason (a, "payment_to_income",
                        g_strdup_printf ("The payment of %s would be %d %% of your monthly income of %s; "
                                         "we lend while it is at most %d %%.",
                                         pay, (int) (a->payment * 100 / income), inc,
                                         MAX_PAYMENT_TO_INCOME_BPS / 100));
          if ((debts + a->payment) * 10000 > income * MAX_DEBT_TO_INCOME_BPS)
            add_reason (a, "debt_to_income",
                        g_strdup_printf ("All your debt payments would be %s a month, %d %% of your income "
                                         "of %s; we lend while they are at most %d %%.",
                                         all, (int) ((debts + a->payment) * 100 / income), inc,
                                         MAX_DEBT_TO_INCOME_BPS / 100));
        }
    }
  a->approved = a->reasons->len == 0;
  if (!a->approved)
    {
      a->rate_bps = 0;
      a->payment = 0;
    }
}

static gboolean
get_string_member (JsonObject  *o,
                   const char  *name,
                   const char **out)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

static FpSandboxResponse *
apply (FpSandboxRequest       *req,
       FpSandboxCustomerState *state)
{
  static const char *const allowed[] = { "offerId", "purpose", "amount", "termMonths", "confirmed", NULL };
  static const char *const money_members[] = { "amount", "currency", NULL };
  FpSandboxResponse *problem = NULL, *r;
  JsonObject *o, *m;
  JsonNode *node;
  const char *offer_id, *purpose, *amount_text, *currency;
  gboolean purpose_ok = FALSE;
  gint64 amount, term;
  LoanApplication *a;
  GString *out;
  FpJsonWriter w;

  o = json_node_get_object (req->json);
  if (!fp_sandbox_check_members (o, allowed, &problem))
    return problem;
  if (!get_string_member (o, "offerId", &offer_id))
    return fp_sandbox_invalid ("/offerId", "offerId is required and must be a string.");
  if (!get_string_member (o, "purpose", &purpose))
    return fp_sandbox_invalid ("/purpose", "purpose is required and must be a string.");
  for (guint p = 0; p < G_N_ELEMENTS (purposes); p++)
    purpose_ok = purpose_ok || strcmp (purposes[p].purpose, purpose) == 0;
  if (!purpose_ok)
    return fp_sandbox_invalid ("/purpose", "purpose must be car, home_improvement, debt_consolidation, "
                                           "education or other.");
  node = json_object_get_member (o, "amount");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fp_sandbox_invalid ("/amount", "amount is required and must be a Money object.");
  m = json_node_get_object (node);
  if (!fp_sandbox_check_members (m, money_members, &problem))
    return problem;
  if (!get_string_member (m, "amount", &amount_text) || !g_regex_match_simple ("^[0-9]+\\.[0-9]{2}$", amount_text, 0, 0) ||
      !fp_money_parse (amount_text, &amount, NULL))
    return fp_sandbox_invalid ("/amount/amount", "amount must be a positive decimal with two places.");
  if (!get_string_member (m, "currency", &currency) || strcmp (currency, CURRENCY) != 0)
    return fp_sandbox_invalid ("/amount/currency", "The bank lends in USD.");
  node = json_object_get_member (o, "termMonths");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (term = json_node_get_int (node)) < 1 || term > 600)
    return fp_sandbox_invalid ("/termMonths", "termMonths must be a whole number of months from 1 to 600.");
  node = json_object_get_member (o, "confirmed");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN ||
      !json_node_get_boolean (node))
    return fp_sandbox_invalid ("/confirmed", "An application needs the customer's explicit confirmation.");
  if (strcmp (offer_id, "loan-personal") != 0)
    return fp_sandbox_problem (SOUP_STATUS_UNPROCESSABLE_ENTITY, "unknown-offer", "Unknown offer",
                               "offerId names no loan of the catalogue.", FP_SANDBOX_PTR_BODY, "/offerId");

  if (state->loan_applications == NULL)
    state->loan_applications = g_ptr_array_new_with_free_func (application_free);
  if (state->loan_applications->len >= MAX_APPLICATIONS)
    return fp_sandbox_problem (SOUP_STATUS_UNPROCESSABLE_ENTITY, "too-many", "Too many applications",
                               NULL, FP_SANDBOX_PTR_BODY, NULL);

  a = g_new0 (LoanApplication, 1);
  a->id = g_strdup_printf ("lap_%" G_GUINT64_FORMAT, req->self->bank->next_id++);
  a->offer_id = g_strdup (offer_id);
  a->purpose = g_strdup (purpose);
  a->amount = amount;
  a->term = (guint) term;
  a->reasons = g_ptr_array_new_with_free_func (g_free);
  a->at = req->now;
  decide (req, a);
  g_ptr_array_add (state->loan_applications, a);

  out = g_string_new (NULL);
  fp_json_writer_init (&w, out);
  write_application (&w, a);
  r = fp_sandbox_json_response (SOUP_STATUS_CREATED, out);
  r->location = g_strconcat ("/v1/loan-applications/", a->id, NULL);
  return r;
}

/**
 * fp_sandbox_handle_loan_applications:
 * @req: a request for /v1/loan-applications…
 *
 * Returns: (transfer full): the response
 */
FpSandboxResponse *
fp_sandbox_handle_loan_applications (FpSandboxRequest *req)
{
  FpSandboxCustomerState *state = fp_sandbox_bank_customer (req->self->bank, (guint) req->customer);
  GPtrArray *list = state->loan_applications;
  GString *out;
  FpJsonWriter w;

  if (req->n_segments == 2)
    {
      req->route = "/v1/loan-applications";
      if (strcmp (req->method, "POST") == 0)
        return apply (req, state);
      if (strcmp (req->method, "GET") != 0)
        return fp_sandbox_method_not_allowed ();
      out = g_string_new (NULL);
      fp_json_writer_init (&w, out);
      fp_json_begin_object (&w);
      fp_json_key (&w, "applications");
      fp_json_begin_array (&w);
      for (guint i = 0; list != NULL && i < list->len; i++)
        write_application (&w, g_ptr_array_index (list, i));
      fp_json_end_array (&w);
      fp_json_end_object (&w);
      return fp_sandbox_json_response (SOUP_STATUS_OK, out);
    }
  if (req->n_segments != 3)
    return fp_sandbox_not_found ();

  req->route = "/v1/loan-applications/{applicationId}";
  if (strcmp (req->method, "GET") != 0)
    return fp_sandbox_method_not_allowed ();
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      LoanApplication *a = g_ptr_array_index (list, i);

      if (strcmp (a->id, req->segments[2]) == 0)
        {
          out = g_string_new (NULL);
          fp_json_writer_init (&w, out);
          write_application (&w, a);
          return fp_sandbox_json_response (SOUP_STATUS_OK, out);
        }
    }
  return fp_sandbox_not_found ();
}
