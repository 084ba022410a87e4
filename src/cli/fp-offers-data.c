/* fp-offers-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Offers data from the cache, checked against the contract and turned
 * into src/core's structs; see the header.
 */

#define G_LOG_DOMAIN "fp-offers-data"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-cache-consent.h"
#include "fp-error.h"
#include "fp-http-client.h"
#include "fp-money.h"
#include "fp-offers-data.h"

/* Catalogue documents are small; a cache entry above this is not read. */
#define MAX_DOC_BYTES (4 * 1024 * 1024)
#define MAX_GRID_ROWS 200
/* Without the consent to personalization no band can be estimated: loans
 * are priced at the middle band of the grid, and the text says so. */
#define UNPERSONALIZED_BAND 'C'

/* JSON, strictly */

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (text == NULL)
    return NULL;
  node = fp_json_parse_guarded (text, strlen (text), MAX_DOC_BYTES, &error);
  if (node == NULL)
    g_debug ("A cached document is not JSON: %s", error->message);
  else if (!JSON_NODE_HOLDS_OBJECT (node))
    g_clear_pointer (&node, json_node_unref);
  return node;
}

static const char *
get_str (JsonObject *o,
         const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gboolean
get_int (JsonObject *o,
         const char *name,
         gint64      min,
         gint64      max,
         gint64     *out)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (n);
  return *out >= min && *out <= max;
}

static gboolean
get_num (JsonObject *o,
         const char *name,
         double     *out)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) ||
      (json_node_get_value_type (n) != G_TYPE_DOUBLE && json_node_get_value_type (n) != G_TYPE_INT64))
    return FALSE;
  *out = json_node_get_double (n);
  return isfinite (*out);
}

static JsonArray *
get_array (JsonObject *o,
           const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static JsonObject *
get_object (JsonObject *o,
            const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static JsonObject *
element (JsonArray *a,
         guint      i)
{
  JsonNode *n = json_array_get_element (a, i);

  return JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

/* A Money object as the contract writes it: "-?digits.dd" and a currency. */
static gboolean
get_money (JsonObject *o,
           const char *name,
           gint64     *out)
{
  JsonObject *m = get_object (o, name);
  const char *amount = get_str (m, "amount");
  const char *currency = get_str (m, "currency");

  if (amount == NULL || currency == NULL || json_object_get_size (m) != 2 ||
      !g_regex_match_simple ("^-?[0-9]{1,15}\\.[0-9]{2}$", amount, 0, 0) ||
      !g_regex_match_simple ("^[A-Z]{3}$", currency, 0, 0))
    return FALSE;
  return fp_money_parse (amount, out, NULL);
}

static gboolean
is_id (const char *text)
{
  return text != NULL && strlen (text) <= 64 && g_regex_match_simple ("^[a-z0-9-]+$", text, 0, 0);
}

static const char *
intern (FpOffersData *d,
        const char   *text)
{
  return text != NULL ? g_string_chunk_insert_const (d->strings, text) : NULL;
}

static gpointer
own (FpOffersData *d,
     gpointer      block)
{
  g_ptr_array_add (d->owned, block);
  return block;
}

/* Tags of the enumeration @ids as flags; FALSE for an unknown one. */
static gboolean
get_flags (JsonObject        *o,
           const char        *name,
           const char *const *ids,
           guint32           *out)
{
  JsonArray *a = get_array (o, name);

  *out = 0;
  if (a == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *n = json_array_get_element (a, i);
      gboolean found = FALSE;

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        return FALSE;
      for (guint k = 0; ids[k] != NULL; k++)
        if (g_str_equal (json_node_get_string (n), ids[k]))
          {
            *out |= 1u << k;
            found = TRUE;
          }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* The catalogue */

static gboolean
parse_loan_terms (FpOffersData *d,
                  const char   *offer_id,
                  JsonObject   *t)
{
  FpLoanPricing p = { 0 };
  JsonArray *terms = get_array (t, "termOptionsMonths");
  JsonArray *grid = get_array (t, "pricingGrid");
  JsonArray *purposes = get_array (t, "purposes");
  guint *options;
  FpLoanPriceRow *rows;
  gint64 v, min_term, max_term;
  g_autoptr(GError) error = NULL;

  p.offer_id = intern (d, offer_id);
  p.currency = d->currency;
  if (terms == NULL || grid == NULL || purposes == NULL ||
      json_array_get_length (terms) < 1 || json_array_get_length (terms) > FP_LOAN_MAX_TERM_OPTIONS ||
      json_array_get_length (grid) < 1 || json_array_get_length (grid) > MAX_GRID_ROWS ||
      !get_money (t, "minAmount", &p.min_amount_minor) || !get_money (t, "maxAmount", &p.max_amount_minor) ||
      !get_money (t, "amountStep", &p.amount_step_minor) ||
      !get_money (t, "maxOriginationFee", &p.max_origination_fee_minor) ||
      !get_int (t, "minTermMonths", 1, FP_LOAN_MAX_MONTHS, &min_term) ||
      !get_int (t, "maxTermMonths", 1, FP_LOAN_MAX_MONTHS, &max_term))
    return FALSE;
  if (!get_int (t, "originationFeeBps", 0, 10000, &v))
    return FALSE;
  p.origination_fee_bps = (gint32) v;
  if (!get_int (t, "maxDebtToIncomeBps", 1, 10000, &v))
    return FALSE;
  p.max_debt_to_income_bps = (gint32) v;
  if (!get_int (t, "maxPaymentToIncomeBps", 1, 10000, &v))
    return FALSE;
  p.max_payment_to_income_bps = (gint32) v;

  options = own (d, g_new0 (guint, json_array_get_length (terms)));
  for (guint i = 0; i < json_array_get_length (terms); i++)
    {
      JsonNode *n = json_array_get_element (terms, i);

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64 ||
          json_node_get_int (n) < min_term || json_node_get_int (n) > max_term)
        return FALSE;
      options[i] = (guint) json_node_get_int (n);
    }
  p.term_options = options;
  p.n_term_options = json_array_get_length (terms);

  rows = own (d, g_new0 (FpLoanPriceRow, json_array_get_length (grid)));
  for (guint i = 0; i < json_array_get_length (grid); i++)
    {
      JsonObject *r = element (grid, i);
      const char *band = get_str (r, "riskBand");
      gint64 lo, hi, rate;

      if (band == NULL || strlen (band) != 1 ||
          !get_int (r, "minTermMonths", 1, FP_LOAN_MAX_MONTHS, &lo) ||
          !get_int (r, "maxTermMonths", 1, FP_LOAN_MAX_MONTHS, &hi) ||
          !get_int (r, "aprBps", 0, FP_LOAN_MAX_RATE_BPS, &rate) ||
          !get_money (r, "minAmount", &rows[i].min_amount_minor) ||
          !get_money (r, "maxAmount", &rows[i].max_amount_minor))
        return FALSE;
      rows[i].band = band[0];
      rows[i].min_term_months = (guint) lo;
      rows[i].max_term_months = (guint) hi;
      rows[i].rate_bps = (gint32) rate;
    }
  p.rows = rows;
  p.n_rows = json_array_get_length (grid);

  for (guint i = 0; i < json_array_get_length (purposes); i++)
    {
      JsonObject *r = element (purposes, i);
      FpLoanPurpose purpose;

      if (!fp_loan_purpose_from_id (get_str (r, "purpose"), &purpose) ||
          !get_int (r, "maxTermMonths", 1, FP_LOAN_MAX_MONTHS, &v))
        return FALSE;
      p.max_term_by_purpose[purpose] = (guint) v;
    }

  if (!fp_loan_pricing_validate (&p, &error))
    {
      g_debug ("The loan's pricing is not usable: %s", error->message);
      return FALSE;
    }
  d->pricing = p;
  d->has_pricing = TRUE;
  return TRUE;
}

static gint32
lowest_band_rate (JsonObject *terms)
{
  JsonArray *bands = get_array (terms, "aprByRiskBand");
  gint64 best = -1, v;

  for (guint i = 0; bands != NULL && i < json_array_get_length (bands); i++)
    if (get_int (element (bands, i), "aprBps", 0, FP_LOAN_MAX_RATE_BPS, &v) && (best < 0 || v < best))
      best = v;
  return (gint32) MAX (best, 0);
}

static gboolean
parse_portfolio (FpOffersData *d,
                 FpOfferInfo  *info,
                 JsonObject   *t)
{
  FpModelPortfolio m = { 0 };
  JsonArray *alloc = get_array (t, "allocation");
  FpAllocation *a;
  gint64 level, fee;

  if (alloc == NULL || json_array_get_length (alloc) < 1 || json_array_get_length (alloc) > FP_PORTFOLIO_MAX_FUNDS ||
      !get_int (t, "riskLevel", 1, 7, &level) || !get_int (t, "managementFeeBps", 0, 10000, &fee))
    return FALSE;
  a = own (d, g_new0 (FpAllocation, json_array_get_length (alloc)));
  for (guint i = 0; i < json_array_get_length (alloc); i++)
    {
      JsonObject *e = element (alloc, i);
      gint64 w;

      if (get_str (e, "fundId") == NULL || !get_int (e, "weightBps", 0, 10000, &w))
        return FALSE;
      a[i].fund_id = intern (d, get_str (e, "fundId"));
      a[i].weight_bps = (gint32) w;
    }
  m.offer_id = info->offer_id;
  m.name = info->name;
  m.risk_level = (guint) level;
  m.management_fee_bps = (gint32) fee;
  m.esg = info->kind == FP_OFFER_ESG_PORTFOLIO;
  m.n_allocations = json_array_get_length (alloc);
  m.allocations = a;
  info->risk_level = m.risk_level;
  info->management_fee_bps = m.management_fee_bps;
  g_array_append_val (d->models, m);
  return TRUE;
}

static gboolean
parse_offer (FpOffersData *d,
             JsonObject   *o,
             guint         index)
{
  FpOfferInfo info = { 0 };
  const char *id = get_str (o, "offerId");
  const char *name = get_str (o, "name");
  JsonObject *terms;
  gint64 order, v;

  if (!is_id (id) || name == NULL || !fp_offer_kind_from_id (get_str (o, "kind"), &info.kind))
    return FALSE;
  info.offer_id = intern (d, id);
  info.name = intern (d, name);
  /* A cache synced before the bank sent an order keeps the id order. */
  info.display_order = get_int (o, "displayOrder", 1, 100000, &order) ? (guint) order : 100000 + index;

  switch (info.kind)
    {
    case FP_OFFER_PERSONAL_LOAN:
      if ((terms = get_object (o, "loan")) == NULL)
        return FALSE;
      info.rate_bps = lowest_band_rate (terms);
      if (!d->has_pricing && !parse_loan_terms (d, id, terms))
        g_debug ("Offer %s: no usable pricing grid", id);
      break;
    case FP_OFFER_CREDIT_LINE:
      if ((terms = get_object (o, "creditLine")) == NULL)
        return FALSE;
      info.rate_bps = lowest_band_rate (terms);
      break;
    case FP_OFFER_PORTFOLIO:
    case FP_OFFER_ESG_PORTFOLIO:
      if (!parse_portfolio (d, &info, get_object (o, "portfolio")))
        return FALSE;
      break;
    case FP_OFFER_SAVINGS:
    default:
      if (!get_int (get_object (o, "savings"), "interestRateBps", 0, 10000, &v))
        return FALSE;
      info.rate_bps = (gint32) v;
      d->savings_rate_bps = MAX (d->savings_rate_bps, info.rate_bps);
      break;
    }
  g_array_append_val (d->offers, info);
  return TRUE;
}

static void
load_offers (FpOffersData *d,
             FpCache      *cache)
{
  g_autoptr(GPtrArray) jsons = fp_cache_list_catalogue (cache, FP_CACHE_OFFERS, NULL);

  for (guint i = 0; jsons != NULL && i < jsons->len; i++)
    {
      g_autoptr(JsonNode) node = parse (g_ptr_array_index (jsons, i));

      if (node == NULL || !parse_offer (d, json_node_get_object (node), i))
        g_debug ("Offer %u of the cache does not match the contract: left out", i);
    }
}

/* Market data and models */

static JsonNode *
load_doc (FpCache          *cache,
          FpCacheCatalogue  catalogue,
          const char       *id)
{
  g_autofree char *text = fp_cache_get_catalogue_item (cache, catalogue, id, NULL);

  return parse (text);
}

static void
load_funds (FpOffersData *d,
            FpCache      *cache)
{
  static const char *const tag_ids[] = { "fossil_fuels", "weapons", "tobacco", "gambling", NULL };
  static const char *const theme_ids[] = { "climate", "social", NULL };
  g_autoptr(JsonNode) doc = load_doc (cache, FP_CACHE_MARKET_DATA, "funds");
  JsonArray *funds = doc != NULL ? get_array (json_node_get_object (doc), "funds") : NULL;

  for (guint i = 0; funds != NULL && i < json_array_get_length (funds) && d->funds->len < FP_PORTFOLIO_MAX_FUNDS; i++)
    {
      JsonObject *o = element (funds, i);
      FpFund f = { 0 };
      gint64 charge, score;

      if (get_str (o, "fundId") == NULL || get_str (o, "name") == NULL || get_str (o, "isin") == NULL ||
          get_str (o, "assetClass") == NULL || !get_int (o, "ongoingChargeBps", 0, 10000, &charge) ||
          !get_int (get_object (o, "esg"), "score", 0, 100, &score) ||
          !get_flags (o, "exclusionTags", tag_ids, &f.exclusions) ||
          !get_flags (o, "exposureTags", tag_ids, &f.exposures) ||
          !get_flags (o, "themeTags", theme_ids, &f.themes))
        {
          g_debug ("Fund %u does not match the contract: left out", i);
          continue;
        }
      f.fund_id = intern (d, get_str (o, "fundId"));
      f.name = intern (d, get_str (o, "name"));
      f.isin = intern (d, get_str (o, "isin"));
      f.asset_class = intern (d, get_str (o, "assetClass"));
      f.ongoing_charge_bps = (gint32) charge;
      f.esg_score = (guint) score;
      g_array_append_val (d->funds, f);
    }
}

static void
load_cma (FpOffersData *d,
          FpCache      *cache)
{
  g_autoptr(JsonNode) doc = load_doc (cache, FP_CACHE_MARKET_DATA, "capital-market-assumptions");
  JsonObject *root = doc != NULL ? json_node_get_object (doc) : NULL;
  JsonArray *classes = get_array (root, "assetClasses");
  JsonObject *corr = get_object (root, "correlation");
  JsonArray *names = get_array (corr, "assetClasses");
  JsonArray *matrix = get_array (corr, "matrix");
  FpMarketAssumptions cma = { 0 };
  gint map[FP_SIM_MAX_ASSETS];
  g_autoptr(GError) error = NULL;

  if (classes == NULL || names == NULL || matrix == NULL || json_array_get_length (classes) > FP_SIM_MAX_ASSETS ||
      json_array_get_length (names) != json_array_get_length (matrix))
    return;
  cma.n_classes = json_array_get_length (classes);
  for (guint i = 0; i < cma.n_classes; i++)
    {
      JsonObject *c = element (classes, i);
      const char *id = get_str (c, "assetClass");

      if (id == NULL || strlen (id) >= FP_SIM_ID_LEN || !get_num (c, "expectedReturn", &cma.classes[i].expected_return) ||
          !get_num (c, "volatility", &cma.classes[i].volatility))
        return;
      g_strlcpy (cma.classes[i].id, id, sizeof cma.classes[i].id);
    }
  /* The matrix's order, in the classes' order. */
  for (guint i = 0; i < cma.n_classes; i++)
    {
      map[i] = -1;
      for (guint k = 0; k < json_array_get_length (names); k++)
        {
          JsonNode *n = json_array_get_element (names, k);

          if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING &&
              g_str_equal (json_node_get_string (n), cma.classes[i].id))
            map[i] = (gint) k;
        }
      if (map[i] < 0)
        return;
    }
  for (guint i = 0; i < cma.n_classes; i++)
    {
      JsonNode *row = json_array_get_element (matrix, (guint) map[i]);

      if (!JSON_NODE_HOLDS_ARRAY (row) || json_array_get_length (json_node_get_array (row)) != json_array_get_length (names))
        return;
      for (guint j = 0; j < cma.n_classes; j++)
        {
          JsonNode *cell = json_array_get_element (json_node_get_array (row), (guint) map[j]);

          if (!JSON_NODE_HOLDS_VALUE (cell) || (json_node_get_value_type (cell) != G_TYPE_DOUBLE &&
                                                json_node_get_value_type (cell) != G_TYPE_INT64))
            return;
          cma.correlation[i][j] = json_node_get_double (cell);
        }
    }
  if (!fp_market_assumptions_validate (&cma, &error))
    {
      g_debug ("The capital-market assumptions are not usable: %s", error->message);
      return;
    }
  d->cma = cma;
  d->has_cma = TRUE;
}

static void
load_credit_model (FpOffersData *d,
                   FpCache      *cache)
{
  g_autoptr(JsonNode) doc = load_doc (cache, FP_CACHE_MODELS, "credit-line");
  JsonObject *root = doc != NULL ? json_node_get_object (doc) : NULL;
  JsonArray *features = get_array (root, "features");
  JsonArray *tiers = get_array (root, "tiers");
  FpCreditLineModel m = { 0 };
  gboolean seen[FP_CREDIT_N_FEATURES] = { FALSE };
  g_autoptr(GError) error = NULL;
  gint64 v;

  if (root == NULL || features == NULL || tiers == NULL || json_array_get_length (features) != FP_CREDIT_N_FEATURES ||
      json_array_get_length (tiers) < 1 || json_array_get_length (tiers) > FP_CREDIT_MAX_TIERS ||
      g_strcmp0 (get_str (root, "modelId"), "credit-line") != 0 || get_str (root, "version") == NULL ||
      get_str (root, "currency") == NULL || !get_money (root, "minLimit", &m.min_limit_minor) ||
      !get_money (root, "limitStep", &m.limit_step_minor) || !get_int (root, "reviewEveryMonths", 1, 120, &v))
    return;
  m.model_id = intern (d, "credit-line");
  m.version = intern (d, get_str (root, "version"));
  m.currency = intern (d, get_str (root, "currency"));
  m.review_every_months = (guint) v;

  for (guint i = 0; i < FP_CREDIT_N_FEATURES; i++)
    {
      JsonObject *f = element (features, i);
      JsonArray *bands = get_array (f, "bands");
      FpCreditFeature feature;
      FpCreditFeatureModel *fm;
      const char *direction = get_str (f, "direction");
      gboolean lower;

      if (!fp_credit_feature_from_id (get_str (f, "feature"), &feature) || seen[feature] || bands == NULL ||
          json_array_get_length (bands) < 1 || json_array_get_length (bands) > FP_CREDIT_MAX_BANDS)
        return;
      lower = feature != FP_CREDIT_ON_TIME;
      /* The device knows which way each behaviour counts; a model that
       * says otherwise is not used. */
      if (g_strcmp0 (direction, lower ? "lower_is_better" : "higher_is_better") != 0)
        return;
      seen[feature] = TRUE;
      fm = &m.features[feature];
      if (!get_num (f, "weight", &fm->weight) || !get_num (f, "baseline", &fm->baseline) ||
          !get_int (f, "windowMonths", 1, 24, &v))
        return;
      fm->window_months = (guint) v;
      fm->n_bands = json_array_get_length (bands);
      for (guint b = 0; b < fm->n_bands; b++)
        {
          JsonObject *band = element (bands, b);
          JsonNode *to = band != NULL ? json_object_get_member (band, "to") : NULL;
          gint64 points;

          if (!get_num (band, "from", &fm->bands[b].from) || to == NULL || !get_int (band, "points", 0, 100, &points))
            return;
          if (JSON_NODE_HOLDS_NULL (to))
            fm->bands[b].to = G_MAXDOUBLE;
          else if (!get_num (band, "to", &fm->bands[b].to))
            return;
          fm->bands[b].points = (int) points;
        }
    }
  m.n_tiers = json_array_get_length (tiers);
  for (guint t = 0; t < m.n_tiers; t++)
    {
      JsonObject *tier = element (tiers, t);

      if (!get_num (tier, "minScore", &m.tiers[t].min_score) || !get_int (tier, "limitToIncomeBps", 0, 100000, &v))
        return;
      m.tiers[t].limit_to_income_bps = (gint32) v;
      if (!get_int (tier, "aprBps", 0, 10000, &v) || !get_money (tier, "maxLimit", &m.tiers[t].max_limit_minor))
        return;
      m.tiers[t].apr_bps = (gint32) v;
    }
  if (!fp_credit_line_model_validate (&m, &error))
    {
      g_debug ("The credit line model is not usable: %s", error->message);
      return;
    }
  d->credit_model = m;
  d->has_credit_model = TRUE;
}

static void
load_holdings (FpOffersData *d,
               FpCache      *cache)
{
  g_autoptr(GPtrArray) jsons = fp_cache_list_catalogue (cache, FP_CACHE_HOLDINGS, NULL);

  for (guint i = 0; jsons != NULL && i < jsons->len; i++)
    {
      g_autoptr(JsonNode) node = parse (g_ptr_array_index (jsons, i));
      JsonObject *o = node != NULL ? json_node_get_object (node) : NULL;
      FpOffersHolding h = { 0 };

      if (get_str (o, "holdingId") == NULL || get_str (o, "accountId") == NULL || get_str (o, "name") == NULL ||
          get_str (o, "isin") == NULL || !get_money (o, "marketValue", &h.value_minor) || h.value_minor < 0)
        {
          g_debug ("Holding %u does not match the contract: left out", i);
          continue;
        }
      h.holding_id = intern (d, get_str (o, "holdingId"));
      h.account_id = intern (d, get_str (o, "accountId"));
      h.name = intern (d, get_str (o, "name"));
      h.isin = intern (d, get_str (o, "isin"));
      g_array_append_val (d->holdings, h);
    }
}

/**
 * fp_offers_data_free:
 * @data: (nullable): the data
 */
void
fp_offers_data_free (FpOffersData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->offers, g_array_unref);
  g_clear_pointer (&data->models, g_array_unref);
  g_clear_pointer (&data->funds, g_array_unref);
  g_clear_pointer (&data->holdings, g_array_unref);
  g_clear_pointer (&data->assets, g_ptr_array_unref);
  g_clear_pointer (&data->feedback, g_array_unref);
  g_clear_pointer (&data->feedback_rows, g_ptr_array_unref);
  g_clear_pointer (&data->dashboard, fp_dashboard_data_free);
  g_clear_pointer (&data->owned, g_ptr_array_unref);
  g_clear_pointer (&data->strings, g_string_chunk_free);
  g_free (data->currency);
  g_free (data);
}

/**
 * fp_offers_data_load:
 * @cache: the cache
 * @personalization: whether the customer consented to personalization:
 *   only then are the insights computed
 * @marketing: whether the customer consented to marketing
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the data
 */
FpOffersData *
fp_offers_data_load (FpCache       *cache,
                     gboolean       personalization,
                     gboolean       marketing,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(FpOffersData) d = g_new0 (FpOffersData, 1);
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (FP_IS_CACHE (cache), NULL);

  d->personalization = personalization;
  d->marketing = marketing;
  d->strings = g_string_chunk_new (4096);
  d->owned = g_ptr_array_new_with_free_func (g_free);
  d->offers = g_array_new (FALSE, TRUE, sizeof (FpOfferInfo));
  d->models = g_array_new (FALSE, TRUE, sizeof (FpModelPortfolio));
  d->funds = g_array_new (FALSE, TRUE, sizeof (FpFund));
  d->holdings = g_array_new (FALSE, TRUE, sizeof (FpOffersHolding));
  d->feedback = g_array_new (FALSE, TRUE, sizeof (FpOfferFeedback));

  /* Balances always (the dashboard shows them without consent); the
   * insights only with the consent to personalization. */
  d->dashboard = fp_dashboard_data_load (cache, 0, 0, personalization, cancellable, error);
  if (d->dashboard == NULL)
    return NULL;
  d->currency = g_strdup (d->dashboard->input->currency != NULL ? d->dashboard->input->currency : "USD");

  load_offers (d, cache);
  load_funds (d, cache);
  load_cma (d, cache);
  load_credit_model (d, cache);
  load_holdings (d, cache);
  for (guint i = 0; i < d->holdings->len; i++)
    {
      FpOffersHolding *h = &g_array_index (d->holdings, FpOffersHolding, i);

      h->fund = fp_fund_find_by_isin ((const FpFund *) (gconstpointer) d->funds->data, d->funds->len, h->isin);
    }

  if (!(d->assets = fp_cache_list_manual_assets (cache, error)) ||
      !(d->feedback_rows = fp_cache_list_offer_feedback (cache, error)))
    return NULL;
  for (guint i = 0; i < d->feedback_rows->len; i++)
    {
      FpCachedOfferFeedback *row = g_ptr_array_index (d->feedback_rows, i);
      FpOfferFeedback f = { row->offer_id, row->reaction, row->reasons, row->seq };

      g_array_append_val (d->feedback, f);
    }

  d->load_usec = g_get_monotonic_time () - start;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&d);
}

/**
 * fp_offers_data_load_with_policy:
 * @cache: the cache
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * fp_offers_data_load() with the consents kept in the cache (what the
 * headless commands use; the UI passes its #FpConsentPolicy's answers).
 *
 * Returns: (transfer full) (nullable): the data
 */
FpOffersData *
fp_offers_data_load_with_policy (FpCache       *cache,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new (NULL);

  if (!fp_cache_consent_load (cache, policy, error))
    return NULL;
  return fp_offers_data_load (cache, fp_consent_policy_allows (policy, FP_PURPOSE_PERSONALIZATION),
                              fp_consent_policy_allows (policy, FP_PURPOSE_MARKETING), cancellable, error);
}

/* Computations */

/**
 * fp_offers_data_rank:
 * @data: the data
 * @risk_score: the risk profile (1 to 7), 0 when not known
 * @has_values: whether the customer stated values for investing
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the ranking under the data's consents
 */
FpOfferRanking *
fp_offers_data_rank (FpOffersData  *data,
                     guint          risk_score,
                     gboolean       has_values,
                     GError       **error)
{
  FpOfferConsent consent = { data->personalization && data->dashboard->dashboard != NULL, data->marketing };
  FpOfferCustomer customer;

  if (consent.personalization)
    {
      const FpInsightsInput *in = data->dashboard->input;

      fp_offer_customer_from_dashboard (&customer, data->dashboard->dashboard,
                                        (const FpAccountSnapshot *) (gconstpointer) in->accounts->data,
                                        in->accounts->len, data->currency);
      customer.risk_score = risk_score;
      customer.has_values = has_values;
    }
  return fp_offer_rank ((const FpOfferInfo *) (gconstpointer) data->offers->data, data->offers->len,
                        consent.personalization ? &customer : NULL,
                        (const FpOfferFeedback *) (gconstpointer) data->feedback->data, data->feedback->len,
                        &consent, error);
}

/**
 * fp_offers_data_fit_loan:
 * @data: the data
 * @request: the request; its @check_affordability is set from the consent
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the fitted structures
 */
FpLoanFit *
fp_offers_data_fit_loan (FpOffersData         *data,
                         const FpLoanRequest  *request,
                         GError              **error)
{
  FpLoanRequest req = *request;
  FpBorrower borrower = { 0 };

  if (!data->has_pricing)
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                           "The bank's loan pricing is not in the cache yet: sync first.");
      return NULL;
    }
  req.check_affordability = data->personalization && data->dashboard->dashboard != NULL;
  if (req.check_affordability)
    fp_borrower_from_dashboard (&borrower, data->dashboard->dashboard);
  else
    borrower.risk_band = UNPERSONALIZED_BAND;
  return fp_loan_fit (&data->pricing, &borrower, &req, error);
}

/**
 * fp_offers_data_credit_line:
 * @data: the data
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the Adaptive Credit Line from the
 *   customer's behaviour; %NULL without the model or the consent
 */
FpCreditLineResult *
fp_offers_data_credit_line (FpOffersData  *data,
                            GError       **error)
{
  FpCreditLineInputs inputs;

  if (!data->has_credit_model || !data->personalization || data->dashboard->dashboard == NULL)
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                           "The credit line needs the bank's model and the consent to personalization.");
      return NULL;
    }
  fp_credit_line_inputs_from_dashboard (&inputs, data->dashboard->dashboard);
  return fp_credit_line_evaluate (&data->credit_model, &inputs, error);
}

/**
 * fp_offers_data_find_model:
 * @data: the data
 * @offer_id: a portfolio offer
 *
 * Returns: (nullable): its model portfolio
 */
const FpModelPortfolio *
fp_offers_data_find_model (FpOffersData *data,
                           const char   *offer_id)
{
  for (guint i = 0; i < data->models->len; i++)
    if (g_strcmp0 (g_array_index (data->models, FpModelPortfolio, i).offer_id, offer_id) == 0)
      return &g_array_index (data->models, FpModelPortfolio, i);
  return NULL;
}

/**
 * fp_offers_data_wealth_items:
 * @data: the data
 *
 * Everything the customer owns and owes in the data's currency: the
 * accounts (an investment account by its holdings when the bank sent
 * them), the holdings, and the manual items (others in another currency
 * are left out).
 *
 * Returns: (transfer full) (element-type FpWealthItem): the items,
 *   borrowing the data's strings
 */
GArray *
fp_offers_data_wealth_items (FpOffersData *data)
{
  const FpInsightsInput *in = data->dashboard->input;
  GArray *items = g_array_new (FALSE, TRUE, sizeof (FpWealthItem));

  for (guint i = 0; i < in->accounts->len; i++)
    {
      const FpAccountSnapshot *a = &g_array_index (in->accounts, FpAccountSnapshot, i);
      const char *id = g_ptr_array_index (in->account_ids, i);
      FpWealthItem it = { id, g_ptr_array_index (data->dashboard->account_names, i), FP_WEALTH_CASH, FALSE,
                          a->balance_minor, MAX (0, a->apr_bps), NULL };
      gboolean has_holdings = FALSE;

      switch (a->kind)
        {
        case FP_ACCOUNT_SAVINGS:
          it.kind = FP_WEALTH_SAVINGS;
          it.value_minor = MAX (0, a->balance_minor);
          break;
        case FP_ACCOUNT_CREDIT_CARD:
          it.kind = FP_WEALTH_CARD_DEBT;
          it.value_minor = MIN (0, a->balance_minor);
          break;
        case FP_ACCOUNT_LOAN:
          it.kind = FP_WEALTH_LOAN;
          it.value_minor = MIN (0, a->balance_minor);
          break;
        case FP_ACCOUNT_INVESTMENT:
          for (guint k = 0; k < data->holdings->len; k++)
            has_holdings |= g_strcmp0 (g_array_index (data->holdings, FpOffersHolding, k).account_id, id) == 0;
          if (has_holdings)
            continue;
          it.kind = FP_WEALTH_HOLDING;
          it.value_minor = MAX (0, a->balance_minor);
          it.rate_bps = 0;
          break;
        case FP_ACCOUNT_CURRENT:
        default:
          it.rate_bps = 0;
          break;
        }
      g_array_append_val (items, it);
    }
  for (guint i = 0; i < data->holdings->len; i++)
    {
      const FpOffersHolding *h = &g_array_index (data->holdings, FpOffersHolding, i);
      FpWealthItem it = { h->holding_id, h->name, FP_WEALTH_HOLDING, FALSE, h->value_minor, 0, h->fund };

      g_array_append_val (items, it);
    }
  for (guint i = 0; i < data->assets->len; i++)
    {
      const FpManualAsset *m = g_ptr_array_index (data->assets, i);
      FpWealthItem it = { m->id, m->name, m->kind, TRUE, m->value_minor, m->rate_bps, NULL };

      if (g_strcmp0 (m->currency, data->currency) != 0)
        {
          g_debug ("A manual asset in another currency is left out of the wealth view");
          continue;
        }
      g_array_append_val (items, it);
    }
  return items;
}
