/* fp-offer-rank.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ranks the bank's synced offer catalogue for the customer, on the device.
 *
 * Every offer gets a score: the sum of factors, each with its contribution
 * (points), its reason in words and the data it came from (a field of the
 * insights, the catalogue, or the customer's own feedback). Consent decides
 * what happens; the function takes the consent state as input and
 * FpConsentPolicy (fp-consent.h) is the gate that gives it:
 *  - without the consent to personalization nothing personal is read: the
 *    offers stay in the catalogue's order without factors;
 *  - without the consent to marketing no offer is "made for you";
 *  - an offer the customer dismissed is left out either way (it is their
 *    own choice, not a use of their data);
 *  - with personalization, feedback re-ranks at once: "interested" adds
 *    points, "not for me" takes points away (more with reasons that apply
 *    to the offer's kind).
 * The ranking is automated; the explanation says so and how to ask the bank
 * for a human review (GDPR Article 22).
 */

#pragma once

#include <glib.h>

#include "fp-insights.h"

G_BEGIN_DECLS

#define FP_OFFER_MAX_FACTORS 8
/* Factors shown per offer. */
#define FP_OFFER_TOP_FACTORS 3

typedef enum {
  FP_OFFER_PERSONAL_LOAN,
  FP_OFFER_CREDIT_LINE,
  FP_OFFER_PORTFOLIO,
  FP_OFFER_ESG_PORTFOLIO,
  FP_OFFER_SAVINGS,
} FpOfferKind;

/**
 * FpOfferInfo:
 * @offer_id: the catalogue's id
 * @kind: its kind
 * @name: its display name
 * @display_order: the catalogue's order (without personalization)
 * @rate_bps: the best rate: a loan's or line's lowest APR, a savings rate
 * @risk_level: portfolios: 1 (cautious) to 7
 * @management_fee_bps: portfolios: the yearly fee
 */
typedef struct {
  const char  *offer_id;
  FpOfferKind  kind;
  const char  *name;
  guint        display_order;
  gint32       rate_bps;
  guint        risk_level;
  gint32       management_fee_bps;
} FpOfferInfo;

typedef enum {
  FP_OFFER_INTERESTED,
  FP_OFFER_NOT_FOR_ME,
  FP_OFFER_DISMISSED,
} FpOfferReaction;

/**
 * FpOfferReason:
 *
 * Why an offer is "not for me", as the bank API's reason codes.
 */
typedef enum {
  FP_OFFER_REASON_RATE_TOO_HIGH     = 1 << 0,
  FP_OFFER_REASON_AMOUNT_TOO_LOW    = 1 << 1,
  FP_OFFER_REASON_AMOUNT_TOO_HIGH   = 1 << 2,
  FP_OFFER_REASON_TERM_NOT_SUITABLE = 1 << 3,
  FP_OFFER_REASON_NOT_NEEDED_NOW    = 1 << 4,
  FP_OFFER_REASON_VALUES_MISMATCH   = 1 << 5,
  FP_OFFER_REASON_TOO_RISKY         = 1 << 6,
  FP_OFFER_REASON_NOT_RELEVANT      = 1 << 7,
  FP_OFFER_REASON_OTHER             = 1 << 8,
} FpOfferReason;

#define FP_OFFER_N_REASONS 9

/**
 * FpOfferFeedback:
 * @offer_id: the offer
 * @reaction: what the customer said
 * @reasons: #FpOfferReason flags
 * @seq: its order; the latest reaction per offer counts, and a dismissal
 *   stays
 */
typedef struct {
  const char      *offer_id;
  FpOfferReaction  reaction;
  guint32          reasons;
  gint64           seq;
} FpOfferFeedback;

/**
 * FpOfferCustomer:
 * @currency: ISO 4217 code of the amounts, for texts
 * @monthly_income_minor: from the insights
 * @monthly_spending_minor: from the insights
 * @liquid_minor: current and savings balances
 * @investments_minor: investment balances
 * @credit_owed_minor: owed on cards
 * @credit_limit_minor: card limits
 * @card_apr_bps: the highest rate of the debts owed (0 without debts)
 * @monthly_debt_payments_minor: debt payments due a month
 * @late_payments_12m: late or missed payments in 12 months
 * @health_score: 0 to 100
 * @risk_score: 1 to 7 from the risk profile, 0 when not known
 * @has_values: the customer stated values for investing (EcoInvest)
 *
 * What ranking reads of the customer; fill it with
 * fp_offer_customer_from_dashboard() and set @risk_score and @has_values.
 */
typedef struct {
  const char *currency;
  gint64      monthly_income_minor;
  gint64      monthly_spending_minor;
  gint64      liquid_minor;
  gint64      investments_minor;
  gint64      credit_owed_minor;
  gint64      credit_limit_minor;
  gint32      card_apr_bps;
  gint64      monthly_debt_payments_minor;
  guint       late_payments_12m;
  int         health_score;
  guint       risk_score;
  gboolean    has_values;
} FpOfferCustomer;

/**
 * FpOfferConsent:
 * @personalization: the customer's data may rank offers
 * @marketing: offers may be presented as made for the customer
 */
typedef struct {
  gboolean personalization;
  gboolean marketing;
} FpOfferConsent;

/**
 * FpOfferFactor:
 * @id: stable id such as `expensive-card-debt`
 * @contribution: points added to (or taken from) the score
 * @source: where the data came from, such as `insights.creditOwed`,
 *   `catalogue.rateBps` or `feedback`
 * @text: the reason in words
 */
typedef struct {
  const char *id;
  double      contribution;
  const char *source;
  char       *text;
} FpOfferFactor;

/**
 * FpRankedOffer:
 * @offer: the catalogue's offer (borrowed from the input)
 * @score: the sum of the contributions (0 unranked)
 * @made_for_you: shown as made for the customer (marketing consent and a
 *   positive score)
 * @has_feedback: whether the customer reacted
 * @reaction: the latest reaction
 * @n_factors: how many
 * @factors: by decreasing absolute contribution
 */
typedef struct {
  const FpOfferInfo *offer;
  double             score;
  gboolean           made_for_you;
  gboolean           has_feedback;
  FpOfferReaction    reaction;
  guint              n_factors;
  FpOfferFactor      factors[FP_OFFER_MAX_FACTORS];
} FpRankedOffer;

/**
 * FpOfferRanking:
 * @ranked: %FALSE: the catalogue's order (no personalization consent)
 * @n_offers: the offers shown
 * @offers: (array length=n_offers): best first
 * @n_dismissed: offers left out because the customer dismissed them
 * @explanation: how the list was made, that it is automated, and how to
 *   ask for a human review
 */
typedef struct {
  gboolean       ranked;
  guint          n_offers;
  FpRankedOffer *offers;
  guint          n_dismissed;
  char          *explanation;
} FpOfferRanking;

const char     *fp_offer_kind_to_id              (FpOfferKind             kind);
gboolean        fp_offer_kind_from_id            (const char             *id,
                                                  FpOfferKind            *out_kind);
const char     *fp_offer_reaction_to_id          (FpOfferReaction         reaction);
gboolean        fp_offer_reaction_from_id        (const char             *id,
                                                  FpOfferReaction        *out_reaction);
const char     *fp_offer_reason_to_id            (FpOfferReason           reason);
gboolean        fp_offer_reason_from_id          (const char             *id,
                                                  FpOfferReason          *out_reason);

void            fp_offer_customer_from_dashboard (FpOfferCustomer        *out,
                                                  const FpDashboard      *dashboard,
                                                  const FpAccountSnapshot *accounts,
                                                  gsize                   n_accounts,
                                                  const char             *currency);
FpOfferRanking *fp_offer_rank                    (const FpOfferInfo      *offers,
                                                  gsize                   n_offers,
                                                  const FpOfferCustomer  *customer,
                                                  const FpOfferFeedback  *feedback,
                                                  gsize                   n_feedback,
                                                  const FpOfferConsent   *consent,
                                                  GError                **error);
void            fp_offer_ranking_free            (FpOfferRanking         *ranking);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpOfferRanking, fp_offer_ranking_free)

G_END_DECLS
