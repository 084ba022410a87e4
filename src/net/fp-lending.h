/* fp-lending.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-http-client.h"
#include "fp-loan-fit.h"
#include "fp-session.h"

G_BEGIN_DECLS

/* A decision is one small object; a reply above this is refused. */
#define FP_LENDING_MAX_REPLY_BYTES (64 * 1024)
/* Reasons a decision may carry (the contract's codes, each at most once
 * per field, a few more for safety). */
#define FP_LENDING_MAX_REASONS 16

/**
 * FpLoanApplicationRequest:
 * @offer_id: the catalogue's loan (`loan-personal`)
 * @purpose: what the loan is for
 * @amount_minor: the amount of credit
 * @currency: its ISO 4217 code
 * @term_months: the number of monthly instalments
 *
 * A structure the customer fitted on the device and confirmed; the request
 * always says `"confirmed": true`, so build one only after the customer
 * confirmed it.
 */
typedef struct {
  const char    *offer_id;
  FpLoanPurpose  purpose;
  gint64         amount_minor;
  const char    *currency;
  guint          term_months;
} FpLoanApplicationRequest;

/**
 * FpLoanDecisionReason:
 * @code: the contract's code (`debt_to_income`, …)
 * @message: the bank's reason in words, for the customer
 */
typedef struct {
  char *code;
  char *message;
} FpLoanDecisionReason;

/**
 * FpLoanDecision:
 * @application_id: the bank's id (`lap_…`)
 * @offer_id: the loan applied for
 * @purpose: its purpose
 * @amount_minor: the amount applied for
 * @currency: its currency
 * @term_months: the term applied for
 * @approved: the bank's decision
 * @risk_band: the band the bank priced, 'A' to 'E'
 * @rate_bps: an approved loan's nominal rate, -1 when declined
 * @monthly_payment_minor: an approved loan's instalment, 0 when declined
 * @n_reasons: how many reasons
 * @reasons: (array length=n_reasons): why it was declined
 * @decided_at: when, in unix seconds
 */
typedef struct {
  char                 *application_id;
  char                 *offer_id;
  FpLoanPurpose         purpose;
  gint64                amount_minor;
  char                 *currency;
  guint                 term_months;
  gboolean              approved;
  char                  risk_band;
  gint32                rate_bps;
  gint64                monthly_payment_minor;
  guint                 n_reasons;
  FpLoanDecisionReason *reasons;
  gint64                decided_at;
} FpLoanDecision;

void            fp_loan_decision_free          (FpLoanDecision                 *decision);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpLoanDecision, fp_loan_decision_free)

char           *fp_loan_application_to_json    (const FpLoanApplicationRequest *request,
                                                GError                        **error);
FpLoanDecision *fp_loan_decision_parse         (const char                     *json,
                                                gsize                           len,
                                                const FpLoanApplicationRequest *request,
                                                GError                        **error);

FpLoanDecision *fp_lending_apply               (FpHttpClient                   *http,
                                                const FpLoanApplicationRequest *request,
                                                const char                     *idempotency_key,
                                                GCancellable                   *cancellable,
                                                GError                        **error);
void            fp_lending_apply_async         (FpSession                      *session,
                                                const FpLoanApplicationRequest *request,
                                                const char                     *idempotency_key,
                                                GCancellable                   *cancellable,
                                                GAsyncReadyCallback             callback,
                                                gpointer                        user_data);
FpLoanDecision *fp_lending_apply_finish        (FpSession                      *session,
                                                GAsyncResult                   *result,
                                                GError                        **error);

G_END_DECLS
