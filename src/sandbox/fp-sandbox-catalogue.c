/* fp-sandbox-catalogue.c
 *
 * What the bank publishes to every customer: the offer catalogue with the
 * pricing parameters the client needs to structure loans and portfolios,
 * market data (index history, capital-market assumptions, inflation) and
 * the on-device models. Built once, deterministically, and served with an
 * ETag so clients revalidate with If-None-Match.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-catalogue"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-sandbox-private.h"

#define CATALOGUE_VERSION "2026-11-01"
#define AS_OF "2026-10-31"

typedef struct {
  const char *id;
  const char *name;
  const char *isin;
  const char *asset_class;
  guint       expected_return_bps;
  guint       volatility_bps;
  guint       ongoing_charge_bps;
  guint       esg_score;   /* 0..100; E, S, G derived below */
  const char *exclusions;  /* comma separated tags the fund EXCLUDES */
  const char *exposures;   /* comma separated tags the fund holds */
  const char *themes;      /* comma separated themes it invests in */
} Fund;

/* The fund universe: the model portfolios' funds and those the generator
 * puts in customers' investment accounts (fp-generator.c, the ZZ ISINs),
 * so that holdings match funds by ISIN. */
static const Fund funds[] = {
  { "fund-global-equity", "Global Equity Index Fund", "ZZ0000000011", "equity",
    650, 1550, 20, 55, "", "fossil_fuels,tobacco,weapons", "" },
  { "fund-us-total-market", "US Total Market Fund", "ZZ0000000029", "equity",
    660, 1650, 8, 48, "", "fossil_fuels,tobacco,weapons,gambling", "" },
  { "fund-aggregate-bond", "Aggregate Bond Fund", "ZZ0000000037", "bond",
    330, 550, 12, 60, "", "fossil_fuels", "" },
  { "fund-money-market", "Money Market Fund", "ZZ0000000045", "money_market",
    250, 60, 10, 50, "", "", "" },
  { "fund-climate-leaders", "EcoInvest Climate Leaders Fund", "ZZ0000000052", "esg_equity",
    630, 1700, 40, 86, "fossil_fuels,tobacco,weapons", "", "climate" },
  { "fund-esg-equity", "Global ESG Leaders Fund", "XS0000000102", "esg_equity",
    620, 1600, 35, 82, "fossil_fuels,tobacco,weapons,gambling", "", "social" },
  { "fund-clean-energy", "Clean Energy Transition Fund", "XS0000000103", "esg_equity",
    700, 2400, 45, 88, "fossil_fuels,weapons,tobacco", "", "climate" },
  { "fund-gov-bond", "Government Bond Fund", "XS0000000104", "bond",
    320, 500, 10, 62, "", "", "" },
  { "fund-green-bond", "Green Bond Fund", "XS0000000105", "bond",
    340, 600, 25, 85, "fossil_fuels,weapons", "", "climate" },
  { "fund-social-bond", "Social Impact Bond Fund", "XS0000000107", "bond",
    335, 580, 22, 80, "weapons,tobacco,gambling", "", "social" },
};

typedef struct {
  const char *band;
  guint       min_fico;
  guint       apr_bps;
} RiskBand;

static const RiskBand card_bands[] = {
  { "A", 760, 1599 },
  { "B", 700, 1999 },
  { "C", 650, 2399 },
  { "D", 600, 2799 },
  { "E", 300, 2999 },
};

/* The asset classes of the capital-market assumptions, in matrix order. */
static const struct {
  const char *asset_class;
  double      expected_return;
  double      volatility;
} cma[] = {
  { "equity",       0.065, 0.160 },
  { "esg_equity",   0.063, 0.165 },
  { "bond",         0.033, 0.055 },
  { "money_market", 0.025, 0.006 },
  { "real_estate",  0.050, 0.120 },
};

static const double correlation[5][5] = {
  { 1.00, 0.95, 0.10, 0.00, 0.60 },
  { 0.95, 1.00, 0.12, 0.00, 0.58 },
  { 0.10, 0.12, 1.00, 0.20, 0.25 },
  { 0.00, 0.00, 0.20, 1.00, 0.05 },
  { 0.60, 0.58, 0.25, 0.05, 1.00 },
};

static void
write_tags (FpJsonWriter *w,
            const char   *key,
            const char   *csv)
{
  g_auto(GStrv) tags = g_strsplit (csv, ",", -1);

  fp_json_key (w, key);
  fp_json_begin_array (w);
  for (guint i = 0; tags[i] != NULL; i++)
    if (tags[i][0] != '\0')
      fp_json_string (w, tags[i]);
  fp_json_end_array (w);
}

static void
write_bands (FpJsonWriter   *w,
             const RiskBand *bands,
             guint           n)
{
  fp_json_key (w, "aprByRiskBand");
  fp_json_begin_array (w);
  for (guint i = 0; i < n; i++)
    {
      fp_json_begin_object (w);
      fp_json_kv_string (w, "band", bands[i].band);
      fp_json_kv_int (w, "minFicoScore", bands[i].min_fico);
      fp_json_kv_int (w, "aprBps", bands[i].apr_bps);
      fp_json_end_object (w);
    }
  fp_json_end_array (w);
}

static void
write_money_kv (FpJsonWriter *w,
                const char   *key,
                gint64        minor)
{
  fp_json_key (w, key);
  fp_json_money (w, minor, "USD");
}

static void
write_allocation (FpJsonWriter      *w,
                  const char *const *fund_ids,
                  const guint       *weights_bps,
                  guint              n)
{
  fp_json_key (w, "allocation");
  fp_json_begin_array (w);
  for (guint i = 0; i < n; i++)
    {
      fp_json_begin_object (w);
      fp_json_kv_string (w, "fundId", fund_ids[i]);
      fp_json_kv_int (w, "weightBps", weights_bps[i]);
      fp_json_end_object (w);
    }
  fp_json_end_array (w);
}

static void
begin_offer (FpJsonWriter *w,
             guint         order,
             const char   *id,
             const char   *kind,
             const char   *name,
             const char   *description)
{
  fp_json_begin_object (w);
  fp_json_kv_string (w, "offerId", id);
  fp_json_kv_int (w, "displayOrder", order);
  fp_json_kv_string (w, "kind", kind);
  fp_json_kv_string (w, "name", name);
  fp_json_kv_string (w, "description", description);
}

static void
write_portfolio_offer (FpJsonWriter      *w,
                       guint              order,
                       const char        *id,
                       const char        *name,
                       const char        *description,
                       guint              risk_level,
                       const char *const *fund_ids,
                       const guint       *weights,
                       guint              n,
                       gboolean           esg)
{
  begin_offer (w, order, id, esg ? "esg_portfolio" : "portfolio", name, description);
  fp_json_key (w, "portfolio");
  fp_json_begin_object (w);
  fp_json_kv_int (w, "riskLevel", risk_level);
  write_money_kv (w, "minimumInvestment", 10000);
  fp_json_kv_int (w, "managementFeeBps", esg ? 45 : 35);
  fp_json_kv_int (w, "rebalanceThresholdBps", 500);
  if (esg)
    fp_json_kv_int (w, "minimumEsgScore", 80);
  write_allocation (w, fund_ids, weights, n);
  fp_json_end_object (w);
  fp_json_end_object (w);
}

static void
write_funds (FpJsonWriter *w)
{
  fp_json_key (w, "funds");
  fp_json_begin_array (w);
  for (guint i = 0; i < G_N_ELEMENTS (funds); i++)
    {
      const Fund *f = &funds[i];

      fp_json_begin_object (w);
      fp_json_kv_string (w, "fundId", f->id);
      fp_json_kv_string (w, "name", f->name);
      fp_json_kv_string (w, "isin", f->isin);
      fp_json_kv_string (w, "assetClass", f->asset_class);
      fp_json_kv_string (w, "currency", "USD");
      fp_json_kv_int (w, "expectedReturnBps", f->expected_return_bps);
      fp_json_kv_int (w, "volatilityBps", f->volatility_bps);
      fp_json_kv_int (w, "ongoingChargeBps", f->ongoing_charge_bps);
      fp_json_key (w, "esg");
      fp_json_begin_object (w);
      fp_json_kv_int (w, "score", f->esg_score);
      fp_json_kv_int (w, "environmental", MIN (100, f->esg_score + 5));
      fp_json_kv_int (w, "social", f->esg_score);
      fp_json_kv_int (w, "governance", f->esg_score > 5 ? f->esg_score - 5 : 0);
      fp_json_end_object (w);
      write_tags (w, "exclusionTags", f->exclusions);
      write_tags (w, "exposureTags", f->exposures);
      write_tags (w, "themeTags", f->themes);
      fp_json_end_object (w);
    }
  fp_json_end_array (w);
}

static GString *
build_offers (void)
{
  GString *out = g_string_new (NULL);
  FpJsonWriter w;
  static const char *const conservative_funds[] = {
    "fund-aggregate-bond", "fund-gov-bond", "fund-money-market", "fund-global-equity",
  };
  static const guint conservative_weights[] = { 3000, 2500, 2500, 2000 };
  static const char *const balanced_funds[] = { "fund-global-equity", "fund-aggregate-bond", "fund-money-market" };
  static const guint balanced_weights[] = { 5500, 3500, 1000 };
  static const char *const growth_funds[] = { "fund-global-equity", "fund-us-total-market", "fund-aggregate-bond" };
  static const guint growth_weights[] = { 6000, 2500, 1500 };
  static const char *const eco_funds[] = {
    "fund-esg-equity", "fund-climate-leaders", "fund-clean-energy", "fund-green-bond", "fund-social-bond",
  };
  static const guint eco_weights[] = { 3000, 2000, 1000, 2000, 2000 };

  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "version", CATALOGUE_VERSION);
  fp_json_key (&w, "offers");
  fp_json_begin_array (&w);

  begin_offer (&w, 1, "loan-personal", "personal_loan", "Personal Loan",
               "A fixed-rate loan repaid in equal monthly instalments.");
  fp_sandbox_lending_write_loan_terms (&w);
  fp_json_end_object (&w);

  begin_offer (&w, 2, "credit-line-adaptive", "credit_line", "Adaptive Credit Line",
               "A credit line whose limit and rate follow how it is used.");
  fp_json_key (&w, "creditLine");
  fp_json_begin_object (&w);
  write_money_kv (&w, "initialLimit", 100000);
  write_money_kv (&w, "minLimit", 50000);
  write_money_kv (&w, "maxLimit", 2500000);
  fp_json_kv_int (&w, "maxLimitToIncomeBps", 3000);
  fp_json_kv_int (&w, "reviewEveryMonths", 3);
  fp_json_kv_int (&w, "minimumPaymentBps", 300);
  write_money_kv (&w, "minimumPayment", 2500);
  write_money_kv (&w, "annualFee", 0);
  write_bands (&w, card_bands, G_N_ELEMENTS (card_bands));
  fp_json_key (&w, "rules");
  fp_json_begin_array (&w);
  {
    static const struct {
      const char *rule;
      const char *description;
      guint months;
      gint limit_bps;
      gint apr_bps;
    } rules[] = {
      { "on_time_payments", "Every payment on time for the review period", 3, 1000, -50 },
      { "low_utilization", "Average utilization under 30%", 3, 500, -25 },
      { "missed_payment", "A payment more than 30 days late", 1, -2000, 300 },
      { "high_utilization", "Average utilization over 90%", 3, 0, 100 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
      {
        fp_json_begin_object (&w);
        fp_json_kv_string (&w, "rule", rules[i].rule);
        fp_json_kv_string (&w, "description", rules[i].description);
        fp_json_kv_int (&w, "windowMonths", rules[i].months);
        fp_json_kv_int (&w, "limitChangeBps", rules[i].limit_bps);
        fp_json_kv_int (&w, "aprChangeBps", rules[i].apr_bps);
        fp_json_end_object (&w);
      }
  }
  fp_json_end_array (&w);
  fp_json_end_object (&w);
  fp_json_end_object (&w);

  write_portfolio_offer (&w, 3, "portfolio-conservative", "Conservative Portfolio",
                         "Mostly bonds and cash, for short horizons.", 2,
                         conservative_funds, conservative_weights, 4, FALSE);
  write_portfolio_offer (&w, 4, "portfolio-balanced", "Balanced Portfolio",
                         "Equities and bonds in balance.", 4,
                         balanced_funds, balanced_weights, 3, FALSE);
  write_portfolio_offer (&w, 5, "portfolio-growth", "Growth Portfolio",
                         "Mostly equities, for long horizons.", 6,
                         growth_funds, growth_weights, 3, FALSE);
  write_portfolio_offer (&w, 6, "ecoinvest", "EcoInvest",
                         "An ESG portfolio filtered by the customer's own values.", 5,
                         eco_funds, eco_weights, 5, TRUE);

  begin_offer (&w, 7, "savings-goal", "savings", "Goal Saver",
               "An instant-access savings account for a goal.");
  fp_json_key (&w, "savings");
  fp_json_begin_object (&w);
  fp_json_kv_int (&w, "interestRateBps", 375);
  write_money_kv (&w, "minimumBalance", 0);
  fp_json_end_object (&w);
  fp_json_end_object (&w);

  fp_json_end_array (&w);

  write_funds (&w);
  fp_json_end_object (&w);
  return out;
}

/* The fund universe alone, as market data (GET /v1/market-data/funds). */
static GString *
build_funds (void)
{
  GString *out = g_string_new (NULL);
  FpJsonWriter w;

  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "asOf", AS_OF);
  fp_json_kv_string (&w, "currency", "USD");
  write_funds (&w);
  fp_json_end_object (&w);
  return out;
}

gboolean
fp_sandbox_catalogue_has_offer (const char *offer_id)
{
  static const char *const ids[] = {
    "loan-personal", "credit-line-adaptive", "portfolio-conservative",
    "portfolio-balanced", "portfolio-growth", "ecoinvest", "savings-goal", NULL,
  };

  return offer_id != NULL && g_strv_contains (ids, offer_id);
}

/* Market data: a deterministic monthly history of ten years from a fixed
 * seed, with the drift and volatility of the assumptions. */

static GString *
build_indices (void)
{
  GString *out = g_string_new (NULL);
  FpJsonWriter w;
  static const struct {
    const char *id;
    const char *name;
    guint cma;
  } indices[] = {
    { "global-equity", "Global Equity Total Return", 0 },
    { "global-esg-equity", "Global ESG Equity Total Return", 1 },
    { "us-aggregate-bond", "US Aggregate Bond Total Return", 2 },
    { "us-cash", "US Cash Total Return", 3 },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261031);

  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "asOf", AS_OF);
  fp_json_key (&w, "indices");
  fp_json_begin_array (&w);
  for (guint i = 0; i < G_N_ELEMENTS (indices); i++)
    {
      double level = 100.0;
      double mu = cma[indices[i].cma].expected_return / 12.0;
      double sigma = cma[indices[i].cma].volatility / sqrt (12.0);

      fp_json_begin_object (&w);
      fp_json_kv_string (&w, "indexId", indices[i].id);
      fp_json_kv_string (&w, "name", indices[i].name);
      fp_json_kv_string (&w, "currency", "USD");
      fp_json_kv_string (&w, "frequency", "monthly");
      fp_json_key (&w, "history");
      fp_json_begin_array (&w);
      for (guint m = 0; m <= 120; m++)
        {
          /* Months from 2016-10 to 2026-10, month-end dates. */
          guint year = 2016 + (9 + m) / 12;
          guint month = (9 + m) % 12 + 1;
          char date[16];
          double u1 = g_rand_double_range (rand, 1e-12, 1.0);
          double u2 = g_rand_double (rand);
          double z = sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);

          if (m > 0)
            level *= exp (mu - 0.5 * sigma * sigma + sigma * z);
          g_snprintf (date, sizeof date, "%04u-%02u-%02u", year, month,
                      g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
          fp_json_begin_object (&w);
          fp_json_kv_string (&w, "date", date);
          fp_json_kv_double (&w, "level", round (level * 100.0) / 100.0);
          fp_json_end_object (&w);
        }
      fp_json_end_array (&w);
      fp_json_end_object (&w);
    }
  fp_json_end_array (&w);
  fp_json_end_object (&w);
  return out;
}

static GString *
build_assumptions (void)
{
  GString *out = g_string_new (NULL);
  FpJsonWriter w;

  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "asOf", AS_OF);
  fp_json_kv_int (&w, "horizonYears", 10);
  fp_json_kv_string (&w, "currency", "USD");
  fp_json_key (&w, "assetClasses");
  fp_json_begin_array (&w);
  for (guint i = 0; i < G_N_ELEMENTS (cma); i++)
    {
      fp_json_begin_object (&w);
      fp_json_kv_string (&w, "assetClass", cma[i].asset_class);
      fp_json_kv_double (&w, "expectedReturn", cma[i].expected_return);
      fp_json_kv_double (&w, "volatility", cma[i].volatility);
      fp_json_end_object (&w);
    }
  fp_json_end_array (&w);
  fp_json_key (&w, "correlation");
  fp_json_begin_object (&w);
  fp_json_key (&w, "assetClasses");
  fp_json_begin_array (&w);
  for (guint i = 0; i < G_N_ELEMENTS (cma); i++)
    fp_json_string (&w, cma[i].asset_class);
  fp_json_end_array (&w);
  fp_json_key (&w, "matrix");
  fp_json_begin_array (&w);
  for (guint i = 0; i < G_N_ELEMENTS (cma); i++)
    {
      fp_json_begin_array (&w);
      for (guint j = 0; j < G_N_ELEMENTS (cma); j++)
        fp_json_double (&w, correlation[i][j]);
      fp_json_end_array (&w);
    }
  fp_json_end_array (&w);
  fp_json_end_object (&w);
  fp_json_end_object (&w);
  return out;
}

static GString *
build_inflation (void)
{
  GString *out = g_string_new (NULL);
  FpJsonWriter w;
  /* Year-over-year CPI by year (approximately the US experience), then the
   * assumption for the future. */
  static const double yearly[] = { 0.021, 0.021, 0.019, 0.023, 0.014, 0.070, 0.065, 0.034, 0.029, 0.027, 0.028 };

  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "asOf", AS_OF);
  fp_json_kv_string (&w, "region", "US");
  fp_json_kv_string (&w, "measure", "CPI-U year over year");
  fp_json_key (&w, "history");
  fp_json_begin_array (&w);
  for (guint i = 0; i < G_N_ELEMENTS (yearly); i++)
    {
      char month[16];

      g_snprintf (month, sizeof month, "%04u-10", 2016 + i);
      fp_json_begin_object (&w);
      fp_json_kv_string (&w, "month", month);
      fp_json_kv_double (&w, "rate", yearly[i]);
      fp_json_end_object (&w);
    }
  fp_json_end_array (&w);
  fp_json_key (&w, "assumption");
  fp_json_begin_object (&w);
  fp_json_kv_double (&w, "expectedAnnual", 0.025);
  fp_json_kv_double (&w, "volatility", 0.010);
  fp_json_kv_double (&w, "longTermTarget", 0.020);
  fp_json_end_object (&w);
  fp_json_end_object (&w);
  return out;
}

/* Models */

#define SEGMENTS_VERSION "2026.10.1"
#define HEALTH_VERSION "2026.10.1"

static const char *const segment_features[] = {
  "monthly_income", "savings_rate", "essential_share", "discretionary_share",
  "debt_to_income", "transactions_per_month", "online_share",
};

static GString *
build_model_segments (void)
{
  GString *out = g_string_new (NULL);
  FpJsonWriter w;
  static const double mean[] = { 4500, 0.08, 0.55, 0.30, 0.25, 60, 0.35 };
  static const double scale[] = { 2500, 0.10, 0.12, 0.12, 0.20, 30, 0.20 };
  static const struct {
    const char *id;
    const char *label;
    double centroid[7];
  } segments[] = {
    { "careful-saver", "Careful saver", { 0.4, 1.5, 0.2, -0.8, -0.8, -0.3, -0.2 } },
    { "busy-spender", "Busy spender", { 0.2, -0.9, -0.4, 1.3, 0.2, 1.2, 0.6 } },
    { "stretched-budget", "Stretched budget", { -0.8, -1.0, 1.2, -0.3, 1.4, 0.1, -0.1 } },
    { "digital-native", "Digital native", { -0.2, 0.0, -0.2, 0.6, -0.1, 0.8, 1.6 } },
    { "established-wealth", "Established wealth", { 1.8, 0.9, -0.6, 0.4, -0.6, -0.2, 0.0 } },
  };

  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "modelId", "segments");
  fp_json_kv_string (&w, "version", SEGMENTS_VERSION);
  fp_json_kv_string (&w, "kind", "segment_centroids");
  fp_json_kv_string (&w, "distance", "euclidean_standardized");
  fp_json_key (&w, "features");
  fp_json_begin_array (&w);
  for (guint i = 0; i < G_N_ELEMENTS (segment_features); i++)
    fp_json_string (&w, segment_features[i]);
  fp_json_end_array (&w);
  fp_json_key (&w, "scaling");
  fp_json_begin_object (&w);
  fp_json_key (&w, "mean");
  fp_json_begin_array (&w);
  for (guint i = 0; i < G_N_ELEMENTS (mean); i++)
    fp_json_double (&w, mean[i]);
  fp_json_end_array (&w);
  fp_json_key (&w, "scale");
  fp_json_begin_array (&w);
  for (guint i = 0; i < G_N_ELEMENTS (scale); i++)
    fp_json_double (&w, scale[i]);
  fp_json_end_array (&w);
  fp_json_end_object (&w);
  fp_json_key (&w, "segments");
  fp_json_begin_array (&w);
  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    {
      fp_json_begin_object (&w);
      fp_json_kv_string (&w, "segmentId", segments[i].id);
      fp_json_kv_string (&w, "label", segments[i].label);
      fp_json_key (&w, "centroid");
      fp_json_begin_array (&w);
      for (guint j = 0; j < G_N_ELEMENTS (segments[i].centroid); j++)
        fp_json_double (&w, segments[i].centroid[j]);
      fp_json_end_array (&w);
      fp_json_end_object (&w);
    }
  fp_json_end_array (&w);
  fp_json_end_object (&w);
  return out;
}

static GString *
build_model_health (void)
{
  GString *out = g_string_new (NULL);
  FpJsonWriter w;
  static const struct {
    const char *component;
    double weight;
    double floor;
    double target;
  } components[] = {
    { "savings_rate", 0.25, 0.0, 0.20 },
    { "emergency_fund_months", 0.20, 0.0, 6.0 },
    { "debt_to_income", 0.20, 0.60, 0.10 },
    { "credit_utilization", 0.15, 1.00, 0.10 },
    { "spending_stability", 0.10, 0.50, 0.05 },
    { "on_time_payments", 0.10, 0.80, 1.00 },
  };

  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "modelId", "health-score");
  fp_json_kv_string (&w, "version", HEALTH_VERSION);
  fp_json_kv_string (&w, "kind", "scoring_weights");
  fp_json_kv_int (&w, "scaleMin", 0);
  fp_json_kv_int (&w, "scaleMax", 100);
  fp_json_key (&w, "components");
  fp_json_begin_array (&w);
  for (guint i = 0; i < G_N_ELEMENTS (components); i++)
    {
      fp_json_begin_object (&w);
      fp_json_kv_string (&w, "component", components[i].component);
      fp_json_kv_double (&w, "weight", components[i].weight);
      fp_json_kv_double (&w, "worst", components[i].floor);
      fp_json_kv_double (&w, "best", components[i].target);
      fp_json_end_object (&w);
    }
  fp_json_end_array (&w);
  fp_json_end_object (&w);
  return out;
}

static GString *
build_models (void)
{
  GString *out = g_string_new (NULL);
  FpJsonWriter w;

  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_key (&w, "models");
  fp_json_begin_array (&w);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "modelId", "segments");
  fp_json_kv_string (&w, "version", SEGMENTS_VERSION);
  fp_json_kv_string (&w, "kind", "segment_centroids");
  fp_json_end_object (&w);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "modelId", "health-score");
  fp_json_kv_string (&w, "version", HEALTH_VERSION);
  fp_json_kv_string (&w, "kind", "scoring_weights");
  fp_json_end_object (&w);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "modelId", "credit-line");
  fp_json_kv_string (&w, "version", "2026.11.1");
  fp_json_kv_string (&w, "kind", "credit_line");
  fp_json_end_object (&w);
  fp_json_end_array (&w);
  fp_json_end_object (&w);
  return out;
}

void
fp_sandbox_catalogue_build (FpSandboxBank *bank)
{
  bank->offers = build_offers ();
  bank->indices = build_indices ();
  bank->assumptions = build_assumptions ();
  bank->inflation = build_inflation ();
  bank->models = build_models ();
  bank->model_segments = build_model_segments ();
  bank->model_health = build_model_health ();
}

static FpSandboxResponse *
catalogue_response (const GString *body)
{
  FpSandboxResponse *r = fp_sandbox_json_response (SOUP_STATUS_OK,
                                                   g_string_new_len (body->str, (gssize) body->len));

  r->etag = TRUE;
  return r;
}

static FpSandboxResponse *
single_offer (FpSandboxBank *bank,
              const char    *offer_id)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonArray *offers;

  if (!fp_sandbox_catalogue_has_offer (offer_id)
      || !json_parser_load_from_data (parser, bank->offers->str, (gssize) bank->offers->len, NULL))
    return fp_sandbox_not_found ();
  offers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "offers");
  for (guint i = 0; i < json_array_get_length (offers); i++)
    {
      JsonNode *node = json_array_get_element (offers, i);

      if (g_strcmp0 (json_object_get_string_member (json_node_get_object (node), "offerId"), offer_id) == 0)
        {
          g_autofree char *text = json_to_string (node, FALSE);
          FpSandboxResponse *r = fp_sandbox_json_response (SOUP_STATUS_OK, g_string_new (text));

          r->etag = TRUE;
          return r;
        }
    }
  return fp_sandbox_not_found ();
}

FpSandboxResponse *
fp_sandbox_handle_catalogue (FpSandboxRequest *req)
{
  FpSandboxBank *bank = req->self->bank;
  const char *what = req->segments[1];

  if (strcmp (req->method, "GET") != 0)
    return fp_sandbox_method_not_allowed ();

  if (strcmp (what, "offers") == 0)
    {
      if (req->n_segments == 2)
        {
          req->route = "/v1/offers";
          return catalogue_response (bank->offers);
        }
      if (req->n_segments == 3)
        {
          req->route = "/v1/offers/{offerId}";
          return single_offer (bank, req->segments[2]);
        }
    }
  else if (strcmp (what, "market-data") == 0 && req->n_segments == 3)
    {
      const char *which = req->segments[2];

      if (strcmp (which, "indices") == 0)
        {
          req->route = "/v1/market-data/indices";
          return catalogue_response (bank->indices);
        }
      if (strcmp (which, "capital-market-assumptions") == 0)
        {
          req->route = "/v1/market-data/capital-market-assumptions";
          return catalogue_response (bank->assumptions);
        }
      if (strcmp (which, "inflation") == 0)
        {
          req->route = "/v1/market-data/inflation";
          return catalogue_response (bank->inflation);
        }
      if (strcmp (which, "funds") == 0)
        {
          g_autoptr(GString) doc = build_funds ();

          req->route = "/v1/market-data/funds";
          return catalogue_response (doc);
        }
    }
  else if (strcmp (what, "models") == 0)
    {
      if (req->n_segments == 2)
        {
          req->route = "/v1/models";
          return catalogue_response (bank->models);
        }
      if (req->n_segments == 3)
        {
          req->route = "/v1/models/{modelId}";
          if (strcmp (req->segments[2], "segments") == 0)
            return catalogue_response (bank->model_segments);
          if (strcmp (req->segments[2], "health-score") == 0)
            return catalogue_response (bank->model_health);
          if (strcmp (req->segments[2], "credit-line") == 0)
            {
              g_autoptr(GString) doc = fp_sandbox_lending_build_credit_line_model ();

              return catalogue_response (doc);
            }
        }
    }
  return fp_sandbox_not_found ();
}
