/* fp-wealth.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Holistic Wealth Optimizer: everything the customer owns and owes
 * (synced accounts and holdings, and assets and debts added by hand), the
 * net worth, and suggestions ordered by impact, each with its computation.
 *
 * The order: an emergency fund first (safety before return), then debt
 * whose rate is above what investing is expected to earn (before any
 * investing), then the others by the money they are worth a year: idle
 * cash above the fund, concentration in one holding, and fees above the
 * cheapest fund of the same asset class.
 */

#pragma once

#include <glib.h>

#include "fp-portfolio.h"

G_BEGIN_DECLS

/**
 * FpWealthKind:
 *
 * What an item is. Accounts and holdings come from the bank; the manual
 * kinds are what the customer adds (home, car, pension, another bank's
 * account, and debts).
 */
typedef enum {
  FP_WEALTH_CASH,
  FP_WEALTH_SAVINGS,
  FP_WEALTH_HOLDING,
  FP_WEALTH_CARD_DEBT,
  FP_WEALTH_LOAN,
  FP_WEALTH_HOME,
  FP_WEALTH_CAR,
  FP_WEALTH_PENSION,
  FP_WEALTH_OTHER_ACCOUNT,
  FP_WEALTH_OTHER_ASSET,
  FP_WEALTH_MORTGAGE,
  FP_WEALTH_OTHER_DEBT,
} FpWealthKind;

#define FP_WEALTH_N_KINDS (FP_WEALTH_OTHER_DEBT + 1)

/**
 * FpWealthItem:
 * @id: an id (account, holding or manual asset)
 * @name: a display name
 * @kind: what it is
 * @manual: added by the customer
 * @value_minor: owned positive, owed negative
 * @rate_bps: interest paid on a debt or earned on cash
 * @fund: (nullable): a holding's fund, for its asset class and charge
 */
typedef struct {
  const char   *id;
  const char   *name;
  FpWealthKind  kind;
  gboolean      manual;
  gint64        value_minor;
  gint32        rate_bps;
  const FpFund *fund;
} FpWealthItem;

/**
 * FpWealthContext:
 * @currency: ISO 4217 code of the amounts
 * @suggest: compute suggestions (they read the customer's figures: only
 *   with the consent to personalization); %FALSE gives the net worth alone
 * @monthly_spending_minor: from the insights (0 when not known)
 * @emergency_months: months of spending the emergency fund should hold
 * @savings_rate_bps: what the bank's savings account pays
 * @expected_return_bps: what investing is expected to earn a year (the
 *   recommended portfolio's net return)
 * @concentration_bps: one holding above this share of the investments is
 *   a concentration
 * @funds: (array length=n_funds) (nullable): the fund universe, for fees
 * @n_funds: how many
 */
typedef struct {
  const char   *currency;
  gboolean      suggest;
  gint64        monthly_spending_minor;
  guint         emergency_months;
  gint32        savings_rate_bps;
  gint32        expected_return_bps;
  gint32        concentration_bps;
  const FpFund *funds;
  gsize         n_funds;
} FpWealthContext;

typedef enum {
  FP_WEALTH_SUGGEST_EMERGENCY_FUND,
  FP_WEALTH_SUGGEST_HIGH_RATE_DEBT,
  FP_WEALTH_SUGGEST_IDLE_CASH,
  FP_WEALTH_SUGGEST_CONCENTRATION,
  FP_WEALTH_SUGGEST_FEES,
} FpWealthSuggestionKind;

/**
 * FpWealthSuggestion:
 * @kind: what kind
 * @item_id: (nullable): the item concerned
 * @amount_minor: the money to move
 * @yearly_minor: what it is worth a year (0 for safety and risk)
 * @text: what to do
 * @computation: how the figures were computed
 */
typedef struct {
  FpWealthSuggestionKind kind;
  const char            *item_id;
  gint64                 amount_minor;
  gint64                 yearly_minor;
  char                  *text;
  char                  *computation;
} FpWealthSuggestion;

/**
 * FpWealth:
 * @assets_minor: everything owned
 * @debts_minor: everything owed, positive
 * @net_worth_minor: @assets_minor − @debts_minor
 * @liquid_minor: cash and savings
 * @invested_minor: holdings
 * @manual_assets_minor: owned, added by hand
 * @manual_debts_minor: owed, added by hand (positive)
 * @by_kind_minor: the sum per #FpWealthKind
 * @n_suggestions: how many
 * @suggestions: (array length=n_suggestions): in the order to act on
 * @explanation: how the net worth was computed
 */
typedef struct {
  gint64              assets_minor;
  gint64              debts_minor;
  gint64              net_worth_minor;
  gint64              liquid_minor;
  gint64              invested_minor;
  gint64              manual_assets_minor;
  gint64              manual_debts_minor;
  gint64              by_kind_minor[FP_WEALTH_N_KINDS];
  guint               n_suggestions;
  FpWealthSuggestion *suggestions;
  char               *explanation;
} FpWealth;

const char *fp_wealth_kind_to_id           (FpWealthKind            kind);
gboolean    fp_wealth_kind_from_id         (const char             *id,
                                            FpWealthKind           *out_kind);
gboolean    fp_wealth_kind_is_debt         (FpWealthKind            kind);
const char *fp_wealth_suggestion_kind_to_id (FpWealthSuggestionKind kind);

FpWealth   *fp_wealth_compute              (const FpWealthItem     *items,
                                            gsize                   n_items,
                                            const FpWealthContext  *context,
                                            GError                **error);
void        fp_wealth_free                 (FpWealth               *wealth);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpWealth, fp_wealth_free)

G_END_DECLS
