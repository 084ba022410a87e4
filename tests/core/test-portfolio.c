/* test-portfolio.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Portfolios: figures from the capital-market assumptions, outcomes from
 * the simulator, drift and rebalancing against hand-computed examples;
 * EcoInvest's values filter; the wealth view's suggestions.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-error.h"
#include "fp-esg.h"
#include "fp-portfolio.h"
#include "fp-wealth.h"

static const FpFund funds[] = {
  { "eq", "Global Equity", "ZZ0000000011", "equity", 20, 55, FP_ESG_FOSSIL_FUELS | FP_ESG_TOBACCO | FP_ESG_WEAPONS, 0, 0 },
  { "us", "US Total Market", "ZZ0000000029", "equity", 8, 50, FP_ESG_FOSSIL_FUELS | FP_ESG_WEAPONS, 0, 0 },
  { "climate", "Climate Leaders", "ZZ0000000052", "esg_equity", 40, 84, 0,
    FP_ESG_FOSSIL_FUELS | FP_ESG_WEAPONS | FP_ESG_TOBACCO, FP_ESG_THEME_CLIMATE },
  { "leaders", "ESG Leaders", "XS0000000102", "esg_equity", 35, 80, 0,
    FP_ESG_FOSSIL_FUELS | FP_ESG_WEAPONS | FP_ESG_TOBACCO, 0 },
  { "bond", "Aggregate Bond", "ZZ0000000037", "bond", 12, 60, FP_ESG_FOSSIL_FUELS, 0, 0 },
  { "green", "Green Bond", "XS0000000105", "bond", 25, 85, 0, FP_ESG_FOSSIL_FUELS | FP_ESG_WEAPONS,
    FP_ESG_THEME_CLIMATE },
  { "social", "Social Bond", "XS0000000107", "bond", 22, 78, 0, FP_ESG_WEAPONS | FP_ESG_TOBACCO,
    FP_ESG_THEME_SOCIAL },
  { "cash", "Money Market", "ZZ0000000045", "money_market", 10, 50, 0, 0, 0 },
};

static void
init_cma (FpMarketAssumptions *cma)
{
  static const struct { const char *id; double r, v; } classes[] = {
    { "equity", 0.065, 0.16 }, { "esg_equity", 0.063, 0.165 }, { "bond", 0.033, 0.055 },
    { "money_market", 0.025, 0.006 },
  };
  static const double rho[4][4] = {
    { 1.0, 0.95, 0.1, 0.0 }, { 0.95, 1.0, 0.12, 0.0 }, { 0.1, 0.12, 1.0, 0.2 }, { 0.0, 0.0, 0.2, 1.0 },
  };

  memset (cma, 0, sizeof *cma);
  cma->n_classes = G_N_ELEMENTS (classes);
  for (guint i = 0; i < cma->n_classes; i++)
    {
      g_strlcpy (cma->classes[i].id, classes[i].id, sizeof cma->classes[i].id);
      cma->classes[i].expected_return = classes[i].r;
      cma->classes[i].volatility = classes[i].v;
      for (guint j = 0; j < cma->n_classes; j++)
        cma->correlation[i][j] = rho[i][j];
    }
}

static const FpAllocation balanced_alloc[] = { { "eq", 6000 }, { "bond", 4000 } };
static const FpAllocation cautious_alloc[] = { { "bond", 6000 }, { "cash", 2500 }, { "eq", 1500 } };
static const FpAllocation growth_alloc[] = { { "eq", 8500 }, { "bond", 1500 } };
static const FpAllocation eco_alloc[] = { { "climate", 5000 }, { "green", 5000 } };

static const FpModelPortfolio models[] = {
  { "portfolio-conservative", "Conservative", 2, 35, FALSE, 3, cautious_alloc },
  { "portfolio-balanced", "Balanced", 4, 35, FALSE, 2, balanced_alloc },
  { "portfolio-growth", "Growth", 6, 35, FALSE, 2, growth_alloc },
  { "ecoinvest", "EcoInvest", 5, 45, TRUE, 2, eco_alloc },
};

static void
test_recommend (void)
{
  g_assert_cmpstr (fp_portfolio_recommend (models, 4, 1, FALSE)->offer_id, ==, "portfolio-conservative");
  g_assert_cmpstr (fp_portfolio_recommend (models, 4, 2, FALSE)->offer_id, ==, "portfolio-conservative");
  g_assert_cmpstr (fp_portfolio_recommend (models, 4, 5, FALSE)->offer_id, ==, "portfolio-balanced");
  g_assert_cmpstr (fp_portfolio_recommend (models, 4, 7, FALSE)->offer_id, ==, "portfolio-growth");
  g_assert_cmpstr (fp_portfolio_recommend (models, 4, 3, TRUE)->offer_id, ==, "ecoinvest");
  g_assert_null (fp_portfolio_recommend (models, 0, 3, FALSE));
}

static void
test_stats (void)
{
  FpMarketAssumptions cma;
  FpPortfolioStats s;
  g_autoptr(GError) error = NULL;
  FpAllocation bad[] = { { "eq", 6000 }, { "bond", 3000 } };
  FpAllocation unknown[] = { { "nope", 10000 } };

  init_cma (&cma);
  g_assert_true (fp_market_assumptions_validate (&cma, &error));
  g_assert_true (fp_portfolio_stats (balanced_alloc, 2, 35, funds, G_N_ELEMENTS (funds), &cma, &s, &error));
  g_assert_no_error (error);
  /* By hand: 0.6 × 6.5 % + 0.4 × 3.3 % = 5.22 %; fees 0.6 × 0.20 % +
   * 0.4 × 0.12 % + 0.35 % = 0.518 %; volatility √(0.36 × 0.16² +
   * 0.16 × 0.055² + 2 × 0.6 × 0.4 × 0.16 × 0.055 × 0.1) = √0.0101224. */
  g_assert_cmpfloat (fabs (s.expected_return - 0.0522), <, 1e-12);
  g_assert_cmpfloat (fabs (s.fees - 0.00518), <, 1e-12);
  g_assert_cmpfloat (fabs (s.net_return - (0.0522 - 0.00518)), <, 1e-12);
  g_assert_cmpfloat (fabs (s.volatility - sqrt (0.0101224)), <, 1e-12);
  g_assert_cmpfloat (fabs (s.class_weights[0] - 0.6), <, 1e-12);
  g_assert_cmpfloat (fabs (s.esg_score - (0.6 * 55 + 0.4 * 60)), <, 1e-9);

  g_assert_false (fp_portfolio_stats (bad, 2, 0, funds, G_N_ELEMENTS (funds), &cma, &s, &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fp_portfolio_stats (unknown, 1, 0, funds, G_N_ELEMENTS (funds), &cma, &s, &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
}

static void
test_outcomes (void)
{
  FpMarketAssumptions cma;
  FpPortfolioStats s;
  FpPortfolioOutcomes a, b;
  g_autoptr(GError) error = NULL;

  init_cma (&cma);
  g_assert_true (fp_portfolio_stats (balanced_alloc, 2, 35, funds, G_N_ELEMENTS (funds), &cma, &s, &error));
  g_assert_true (fp_portfolio_outcomes (&s, &cma, 1000000, 20000, 10, 2000, 7, &a, &error));
  g_assert_no_error (error);
  g_assert_true (fp_portfolio_outcomes (&s, &cma, 1000000, 20000, 10, 2000, 7, &b, &error));
  /* The simulator is deterministic for a seed. */
  g_assert_cmpint (a.p50_minor, ==, b.p50_minor);
  g_assert_cmpuint (a.horizon_months, ==, 120);
  g_assert_cmpint (a.contributed_minor, ==, 1000000 + 120 * 20000);
  g_assert_cmpint (a.p5_minor, <, a.p50_minor);
  g_assert_cmpint (a.p50_minor, <, a.p95_minor);
  /* 4.7 % a year after fees on 34,000.00 paid in over ten years: the median
   * gains, but less than with every contribution on day one at the
   * expected return. */
  g_assert_cmpint (a.p50_minor, >, a.contributed_minor);
  g_assert_cmpfloat ((double) a.p50_minor, <, 3400000 * pow (1.0 + s.expected_return, 10));
}

/* Drift and rebalancing */

static void
test_rebalance_out_of_band (void)
{
  static const FpAllocation target[] = { { "a", 5000 }, { "b", 3000 }, { "c", 2000 } };
  FpHoldingValue held[] = { { "a", 600000 }, { "b", 300000 }, { "c", 100000 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpRebalance) r = fp_portfolio_rebalance (held, 3, target, 3, 0, NULL, "USD", &error);

  g_assert_no_error (error);
  /* a drifted 10 points (60 % against 50 %): everything to the target,
   * 1,000.00 from a to c; b is left alone. */
  g_assert_true (r->out_of_band);
  g_assert_true (r->full_rebalance);
  g_assert_true (r->lines[0].out_of_band);
  g_assert_false (r->lines[1].out_of_band);
  g_assert_true (r->lines[2].out_of_band);   /* 10 % against 20 %: half its target */
  g_assert_cmpint (r->lines[0].trade_minor, ==, -100000);
  g_assert_cmpint (r->lines[1].trade_minor, ==, 0);
  g_assert_cmpint (r->lines[2].trade_minor, ==, 100000);
  g_assert_cmpint (r->buys_minor, ==, 100000);
  g_assert_cmpint (r->sells_minor, ==, 100000);

  /* With 500.00 of new money: targets of 10,500.00 are 5,250.00, 3,150.00
   * and 2,100.00. */
  {
    g_autoptr(FpRebalance) c = fp_portfolio_rebalance (held, 3, target, 3, 50000, NULL, "USD", &error);

    g_assert_cmpint (c->lines[0].trade_minor, ==, -75000);
    g_assert_cmpint (c->lines[1].trade_minor, ==, 15000);
    g_assert_cmpint (c->lines[2].trade_minor, ==, 110000);
    g_assert_cmpint (c->buys_minor - c->sells_minor, ==, 50000);
  }
}

static void
test_rebalance_contribution (void)
{
  static const FpAllocation target[] = { { "a", 5000 }, { "b", 3000 }, { "c", 2000 } };
  /* 52 / 30 / 18 %: a is 2 points (4 %) over, c 2 points (10 %) under:
   * within the bands. */
  FpHoldingValue held[] = { { "a", 520000 }, { "b", 300000 }, { "c", 180000 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpRebalance) r = NULL;

  r = fp_portfolio_rebalance (held, 3, target, 3, 20000, NULL, "USD", &error);
  g_assert_no_error (error);
  g_assert_false (r->out_of_band);
  g_assert_false (r->full_rebalance);
  /* 200.00 of new money; targets of 10,200.00 are 5,100.00, 3,060.00 and
   * 2,040.00: b is 60.00 short, c 240.00. Water-filling to a common
   * shortfall of 50.00: 10.00 to b, 190.00 to c, nothing sold. */
  g_assert_cmpint (r->lines[0].trade_minor, ==, 0);
  g_assert_cmpint (r->lines[1].trade_minor, ==, 1000);
  g_assert_cmpint (r->lines[2].trade_minor, ==, 19000);
  g_assert_cmpint (r->sells_minor, ==, 0);
  g_assert_cmpint (r->lines[1].target_minor - r->lines[1].after_minor, ==, 5000);
  g_assert_cmpint (r->lines[2].target_minor - r->lines[2].after_minor, ==, 5000);

  /* A withdrawal of 200.00 comes from the overweight a. */
  {
    g_autoptr(FpRebalance) w = fp_portfolio_rebalance (held, 3, target, 3, -20000, NULL, "USD", &error);

    g_assert_cmpint (w->lines[0].trade_minor, ==, -20000);
    g_assert_cmpint (w->buys_minor, ==, 0);
  }
}

static void
test_rebalance_cents (void)
{
  static const FpAllocation target[] = { { "a", 4000 }, { "b", 3000 }, { "c", 2000 }, { "d", 1000 } };
  /* After 5.00 of new money the targets are 4,000.00, 3,000.00, 2,000.00
   * and 1,000.00; a and b are 3.00 short, c 4.00, d 5.00 over. Filling
   * 5.00: to a common level of 1.67 short (1.33 + 1.33 + 2.33 = 4.99),
   * the last cent to the largest shortfall, c. */
  FpHoldingValue held[] = { { "a", 399700 }, { "b", 299700 }, { "c", 199600 }, { "d", 100500 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpRebalance) r = fp_portfolio_rebalance (held, 4, target, 4, 500, NULL, "USD", &error);

  g_assert_no_error (error);
  g_assert_false (r->out_of_band);
  g_assert_cmpint (r->lines[0].trade_minor, ==, 133);
  g_assert_cmpint (r->lines[1].trade_minor, ==, 133);
  g_assert_cmpint (r->lines[2].trade_minor, ==, 234);
  g_assert_cmpint (r->lines[3].trade_minor, ==, 0);
}

static void
test_rebalance_outside_target (void)
{
  static const FpAllocation target[] = { { "a", 6000 }, { "b", 4000 } };
  /* x is not in the target and holds 10 %: out of band; sold in full. */
  FpHoldingValue held[] = { { "a", 540000 }, { "x", 100000 }, { "b", 360000 }, { "a", 1 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpRebalance) r = fp_portfolio_rebalance (held, 4, target, 2, 0, NULL, "USD", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (r->n_lines, ==, 3);
  g_assert_cmpstr (r->lines[2].fund_id, ==, "x");
  g_assert_true (r->lines[2].out_of_band);
  g_assert_cmpint (r->lines[2].trade_minor, ==, -100000);
  g_assert_cmpint (r->lines[2].after_minor, ==, 0);
  /* 10,000.01 split 60 / 40: 6,000.00 + 0.006 and 4,000.00 + 0.004: the
   * cent goes to the larger remainder, a. */
  g_assert_cmpint (r->lines[0].after_minor, ==, 600001);
  g_assert_cmpint (r->lines[1].after_minor, ==, 400000);
}

/* Whatever the holdings, the trades sum to the contribution, each fund is
 * only bought or sold, and partial rebalancing never sells. */
static void
test_rebalance_conserves (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261031);

  for (guint run = 0; run < 2000; run++)
    {
      FpAllocation target[6];
      FpHoldingValue held[8];
      guint n_target = (guint) g_rand_int_range (rand, 1, 7);
      guint n_held = (guint) g_rand_int_range (rand, 0, 9);
      gint32 left = 10000;
      gint64 total = 0, contribution;
      static const char *const ids[] = { "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7" };
      g_autoptr(GError) error = NULL;
      g_autoptr(FpRebalance) r = NULL;
      gint64 after = 0, trades = 0;

      for (guint i = 0; i < n_target; i++)
        {
          target[i].fund_id = ids[i];
          target[i].weight_bps = i + 1 == n_target ? left : g_rand_int_range (rand, 0, left + 1);
          left -= target[i].weight_bps;
        }
      for (guint i = 0; i < n_held; i++)
        {
          held[i].fund_id = ids[g_rand_int_range (rand, 0, 8)];
          held[i].value_minor = g_rand_int_range (rand, 0, 100000000);
          total += held[i].value_minor;
        }
      contribution = g_rand_int_range (rand, -(gint32) MIN (total, 1000000), 5000000);
      r = fp_portfolio_rebalance (held, n_held, target, n_target, contribution, NULL, "USD", &error);
      g_assert_no_error (error);
      for (guint i = 0; i < r->n_lines; i++)
        {
          const FpDriftLine *l = &r->lines[i];

          trades += l->trade_minor;
          after += l->after_minor;
          g_assert_cmpint (l->after_minor, ==, l->value_minor + l->trade_minor);
          g_assert_cmpint (l->after_minor, >=, 0);
          if (r->full_rebalance || total == 0)
            g_assert_cmpint (l->after_minor, ==, l->target_minor);
          else if (contribution >= 0)
            {
              g_assert_cmpint (l->trade_minor, >=, 0);
              g_assert_cmpint (l->after_minor, <=, MAX (l->value_minor, l->target_minor));
            }
          else
            {
              g_assert_cmpint (l->trade_minor, <=, 0);
              g_assert_cmpint (l->after_minor, >=, MIN (l->value_minor, l->target_minor));
            }
        }
      g_assert_cmpint (trades, ==, contribution);
      g_assert_cmpint (after, ==, total + contribution);
      g_assert_cmpint (r->buys_minor - r->sells_minor, ==, contribution);
    }
}

static void
test_rebalance_invalid (void)
{
  static const FpAllocation bad[] = { { "a", 5000 }, { "b", 4000 } };
  static const FpAllocation twice[] = { { "a", 5000 }, { "a", 5000 } };
  FpHoldingValue held[] = { { "a", 100 } };
  g_autoptr(GError) error = NULL;

  g_assert_null (fp_portfolio_rebalance (held, 1, bad, 2, 0, NULL, "USD", &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (fp_portfolio_rebalance (held, 1, twice, 2, 0, NULL, "USD", &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (fp_portfolio_rebalance (held, 1, twice, 1, -200, NULL, "USD", &error));
  g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
}

/* EcoInvest */

static gint32
weight_of (const FpEsgPortfolio *p,
           const char           *id)
{
  for (guint i = 0; i < p->n_allocations; i++)
    if (g_strcmp0 (p->allocations[i].fund_id, id) == 0)
      return p->allocations[i].weight_bps;
  return 0;
}

static void
check_sums_to_one (const FpEsgPortfolio *p)
{
  gint32 sum = 0;

  for (guint i = 0; i < p->n_allocations; i++)
    {
      g_assert_cmpint (p->allocations[i].weight_bps, >, 0);
      sum += p->allocations[i].weight_bps;
    }
  g_assert_cmpint (sum, ==, 10000);
}

static void
test_esg_filter (void)
{
  FpMarketAssumptions cma;
  FpEsgValues values = { FP_ESG_FOSSIL_FUELS | FP_ESG_WEAPONS | FP_ESG_TOBACCO, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEsgPortfolio) p = NULL;
  FpPortfolioStats check;

  init_cma (&cma);
  p = fp_esg_build (&models[1], funds, G_N_ELEMENTS (funds), &values, 45, &cma, &error);
  g_assert_no_error (error);
  check_sums_to_one (p);

  /* Nothing that holds fossil fuels, weapons or tobacco. */
  for (guint i = 0; i < p->n_allocations; i++)
    {
      const FpFund *f = fp_fund_find (funds, G_N_ELEMENTS (funds), p->allocations[i].fund_id);

      g_assert_cmpuint (f->exposures & values.exclude, ==, 0);
    }
  /* Left out: eq, us, bond; each with its reason. */
  g_assert_cmpuint (p->n_excluded, ==, 3);
  for (guint i = 0; i < p->n_excluded; i++)
    g_assert_nonnull (strstr (p->excluded[i].reason, "fossil fuels"));
  /* The families keep their weights: equity 60 % between climate (84)
   * and leaders (80) by ESG score; bonds 40 % between green (85) and
   * social (78). */
  g_assert_cmpint (weight_of (p, "climate") + weight_of (p, "leaders"), ==, 6000);
  g_assert_cmpint (weight_of (p, "climate"), ==, 3073);   /* 6000 × 84 / 164 = 3073.17 */
  g_assert_cmpint (weight_of (p, "green"), ==, 2086);     /* 4000 × 85 / 163 = 2085.89 */
  g_assert_cmpint (weight_of (p, "social"), ==, 1914);

  /* The cost is the difference of the figures. */
  g_assert_true (fp_portfolio_stats (p->allocations, p->n_allocations, 45, funds, G_N_ELEMENTS (funds), &cma,
                                     &check, &error));
  g_assert_cmpfloat (fabs (p->stats.net_return - check.net_return), <, 1e-12);
  g_assert_cmpfloat (fabs (p->return_difference - (p->stats.net_return - p->baseline.net_return)), <, 1e-12);
  g_assert_cmpfloat (p->fee_difference, >, 0.0);
  g_assert_cmpfloat (p->return_difference, <, 0.0);
  g_assert_nonnull (p->explanation);

  /* Favouring climate: the climate funds weigh more. */
  values.favour = FP_ESG_THEME_CLIMATE;
  {
    g_autoptr(FpEsgPortfolio) fav = fp_esg_build (&models[1], funds, G_N_ELEMENTS (funds), &values, 45, &cma,
                                                  &error);

    g_assert_no_error (error);
    check_sums_to_one (fav);
    g_assert_cmpint (weight_of (fav, "climate"), >, weight_of (p, "climate"));
    g_assert_cmpint (weight_of (fav, "green"), >, weight_of (p, "green"));
  }
}

static void
test_esg_family_moves (void)
{
  FpMarketAssumptions cma;
  /* No fossil fuels and an ESG score of at least 82 leave only climate
   * (84) and green (85): the money-market family of the conservative
   * portfolio has no fund left and gives its weight to the others. */
  FpEsgValues values = { FP_ESG_FOSSIL_FUELS, 0, 82 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEsgPortfolio) p = NULL;

  init_cma (&cma);
  p = fp_esg_build (&models[0], funds, G_N_ELEMENTS (funds), &values, 45, &cma, &error);
  g_assert_no_error (error);
  check_sums_to_one (p);
  g_assert_cmpuint (p->n_allocations, ==, 2);
  /* Bonds 60 and equity 15 of the 75 kept: 80 % and 20 %. */
  g_assert_cmpint (weight_of (p, "green"), ==, 8000);
  g_assert_cmpint (weight_of (p, "climate"), ==, 2000);

  /* Excluding everything is an error, not an empty portfolio. */
  values.min_esg_score = 100;
  {
    g_autoptr(FpEsgPortfolio) none = fp_esg_build (&models[0], funds, G_N_ELEMENTS (funds), &values, 45, &cma,
                                                   &error);

    g_assert_null (none);
    g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
  }
}

/* The wealth view */

static const FpWealthSuggestion *
suggestion (const FpWealth         *w,
            FpWealthSuggestionKind  kind)
{
  for (guint i = 0; i < w->n_suggestions; i++)
    if (w->suggestions[i].kind == kind)
      return &w->suggestions[i];
  return NULL;
}

static void
test_wealth (void)
{
  const FpWealthItem items[] = {
    { "acc_1", "Current", FP_WEALTH_CASH, FALSE, 200000, 0, NULL },
    { "acc_2", "Savings", FP_WEALTH_SAVINGS, FALSE, 100000, 375, NULL },
    { "hld_1", "Global Equity", FP_WEALTH_HOLDING, FALSE, 1000000, 0, &funds[0] },
    { "acc_3", "Card", FP_WEALTH_CARD_DEBT, FALSE, -300000, 2499, NULL },
    { "man_1", "Home", FP_WEALTH_HOME, TRUE, 30000000, 0, NULL },
    { "man_2", "Mortgage", FP_WEALTH_MORTGAGE, TRUE, -20000000, 400, NULL },
  };
  FpWealthContext ctx = { "USD", TRUE, 200000, 6, 375, 500, 4000, funds, G_N_ELEMENTS (funds) };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpWealth) w = fp_wealth_compute (items, G_N_ELEMENTS (items), &ctx, &error);

  g_assert_no_error (error);
  g_assert_cmpint (w->assets_minor, ==, 200000 + 100000 + 1000000 + 30000000);
  g_assert_cmpint (w->debts_minor, ==, 300000 + 20000000);
  g_assert_cmpint (w->net_worth_minor, ==, 11000000);
  g_assert_cmpint (w->liquid_minor, ==, 300000);
  g_assert_cmpint (w->invested_minor, ==, 1000000);
  g_assert_cmpint (w->manual_assets_minor, ==, 30000000);
  g_assert_cmpint (w->manual_debts_minor, ==, 20000000);

  /* In order: the emergency fund (6 × 2,000.00 = 12,000.00; 9,000.00 to
   * go), the card at 24.99 % (above the 5 % investing earns; no cash to
   * spare: 3,000.00 × 24.99 % = 749.70 a year), then by worth: the fees
   * (10,000.00 × (0.20 − 0.08) % = 12.00, the US fund of the same class),
   * then the concentration (one fund is all of the investments: 6,000.00
   * above 40 %). The mortgage at 4 % is cheaper than investing. */
  g_assert_cmpuint (w->n_suggestions, ==, 4);
  g_assert_cmpint (w->suggestions[0].kind, ==, FP_WEALTH_SUGGEST_EMERGENCY_FUND);
  g_assert_cmpint (w->suggestions[0].amount_minor, ==, 900000);
  g_assert_cmpint (w->suggestions[1].kind, ==, FP_WEALTH_SUGGEST_HIGH_RATE_DEBT);
  g_assert_cmpstr (w->suggestions[1].item_id, ==, "acc_3");
  g_assert_cmpint (w->suggestions[1].yearly_minor, ==, 74970);
  g_assert_cmpint (w->suggestions[2].kind, ==, FP_WEALTH_SUGGEST_FEES);
  g_assert_cmpint (w->suggestions[2].yearly_minor, ==, 1200);
  g_assert_cmpint (w->suggestions[3].kind, ==, FP_WEALTH_SUGGEST_CONCENTRATION);
  g_assert_cmpint (w->suggestions[3].amount_minor, ==, 600000);
  g_assert_null (suggestion (w, FP_WEALTH_SUGGEST_IDLE_CASH));
  for (guint i = 0; i < w->n_suggestions; i++)
    {
      g_assert_nonnull (w->suggestions[i].text);
      g_assert_nonnull (w->suggestions[i].computation);
    }
}

static void
test_wealth_idle_cash (void)
{
  /* 30,000.00 in the current account, spending 2,000.00: 12,000.00 is the
   * fund; 3,000.00 repays the card first, and 15,000.00 is idle. */
  const FpWealthItem items[] = {
    { "acc_1", "Current", FP_WEALTH_CASH, FALSE, 3000000, 0, NULL },
    { "acc_3", "Card", FP_WEALTH_CARD_DEBT, FALSE, -300000, 2499, NULL },
  };
  FpWealthContext ctx = { "USD", TRUE, 200000, 6, 375, 500, 4000, NULL, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpWealth) w = fp_wealth_compute (items, G_N_ELEMENTS (items), &ctx, &error);
  const FpWealthSuggestion *debt, *idle;

  g_assert_no_error (error);
  g_assert_null (suggestion (w, FP_WEALTH_SUGGEST_EMERGENCY_FUND));
  debt = suggestion (w, FP_WEALTH_SUGGEST_HIGH_RATE_DEBT);
  idle = suggestion (w, FP_WEALTH_SUGGEST_IDLE_CASH);
  g_assert_cmpint (debt->amount_minor, ==, 300000);
  g_assert_cmpint (idle->amount_minor, ==, 1500000);
  /* 15,000.00 × 3.75 % = 562.50 a year. */
  g_assert_cmpint (idle->yearly_minor, ==, 56250);
  g_assert_true (w->suggestions[0].kind == FP_WEALTH_SUGGEST_HIGH_RATE_DEBT);

  /* A positive debt is refused. */
  {
    FpWealthItem bad = { "x", "x", FP_WEALTH_MORTGAGE, TRUE, 100, 0, NULL };
    g_autoptr(FpWealth) none = fp_wealth_compute (&bad, 1, &ctx, &error);

    g_assert_null (none);
    g_assert_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/portfolio/recommend", test_recommend);
  g_test_add_func ("/portfolio/stats", test_stats);
  g_test_add_func ("/portfolio/outcomes", test_outcomes);
  g_test_add_func ("/portfolio/rebalance/out-of-band", test_rebalance_out_of_band);
  g_test_add_func ("/portfolio/rebalance/contribution", test_rebalance_contribution);
  g_test_add_func ("/portfolio/rebalance/cents", test_rebalance_cents);
  g_test_add_func ("/portfolio/rebalance/outside-target", test_rebalance_outside_target);
  g_test_add_func ("/portfolio/rebalance/conserves", test_rebalance_conserves);
  g_test_add_func ("/portfolio/rebalance/invalid", test_rebalance_invalid);
  g_test_add_func ("/portfolio/esg/filter", test_esg_filter);
  g_test_add_func ("/portfolio/esg/family-moves", test_esg_family_moves);
  g_test_add_func ("/portfolio/wealth/suggestions", test_wealth);
  g_test_add_func ("/portfolio/wealth/idle-cash", test_wealth_idle_cash);

  return g_test_run ();
}
