/* fp-esg.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The values filter of EcoInvest; see the header.
 */

#define G_LOG_DOMAIN "fp-esg"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-esg.h"

#define THEME_BOOST 1.5

static const char *const tag_ids[] = { "fossil_fuels", "weapons", "tobacco", "gambling" };
static const char *const theme_ids[] = { "climate", "social" };

const char *
fp_esg_tag_to_id (FpEsgTag tag)
{
  for (guint i = 0; i < G_N_ELEMENTS (tag_ids); i++)
    if ((guint32) tag == 1u << i)
      return tag_ids[i];
  g_return_val_if_reached ("");
}

gboolean
fp_esg_tag_from_id (const char *id,
                    FpEsgTag   *out_tag)
{
  for (guint i = 0; i < G_N_ELEMENTS (tag_ids); i++)
    if (g_strcmp0 (id, tag_ids[i]) == 0)
      {
        *out_tag = (FpEsgTag) (1u << i);
        return TRUE;
      }
  return FALSE;
}

const char *
fp_esg_theme_to_id (FpEsgTheme theme)
{
  for (guint i = 0; i < G_N_ELEMENTS (theme_ids); i++)
    if ((guint32) theme == 1u << i)
      return theme_ids[i];
  g_return_val_if_reached ("");
}

gboolean
fp_esg_theme_from_id (const char *id,
                      FpEsgTheme *out_theme)
{
  for (guint i = 0; i < G_N_ELEMENTS (theme_ids); i++)
    if (g_strcmp0 (id, theme_ids[i]) == 0)
      {
        *out_theme = (FpEsgTheme) (1u << i);
        return TRUE;
      }
  return FALSE;
}

static const char *
tag_name (guint i)
{
  switch (i)
    {
    case 0: return _("fossil fuels");
    case 1: return _("weapons");
    case 2: return _("tobacco");
    default: return _("gambling");
    }
}

/* The equity classes are one family; any other class is its own. */
static const char *
family (const char *asset_class)
{
  return asset_class != NULL && strstr (asset_class, "equity") != NULL ? "equity" : asset_class;
}

void
fp_esg_portfolio_free (FpEsgPortfolio *portfolio)
{
  if (portfolio == NULL)
    return;
  for (guint i = 0; i < portfolio->n_excluded; i++)
    g_free (portfolio->excluded[i].reason);
  g_free (portfolio->excluded);
  g_free (portfolio->allocations);
  g_free (portfolio->explanation);
  g_free (portfolio);
}

static char *
exclusion_reason (const FpFund      *f,
                  const FpEsgValues *values)
{
  g_autoptr(GString) held = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tag_ids); i++)
    if (f->exposures & values->exclude & (1u << i))
      g_string_append_printf (held, "%s%s", held->len > 0 ? ", " : "", tag_name (i));
  if (held->len > 0)
    return g_strdup_printf (_("It holds %s."), held->str);
  return g_strdup_printf (_("Its ESG score %u is below your minimum of %u."), f->esg_score, values->min_esg_score);
}

static char *
percent (double fraction)
{
  return g_strdup_printf ("%.2f %%", fraction * 100.0);
}

static char *
signed_points (double fraction)
{
  return g_strdup_printf ("%s%.2f", fraction < 0 ? "−" : "+", fabs (fraction) * 100.0);
}

/**
 * fp_esg_build:
 * @base: the unfiltered model portfolio to start from
 * @funds: (array length=n_funds): the bank's fund universe
 * @n_funds: how many
 * @values: the customer's values
 * @management_fee_bps: the EcoInvest portfolio's own yearly fee
 * @cma: the capital-market assumptions
 * @error: return location for a %FP_CORE_ERROR_INVALID
 *
 * Returns: (transfer full) (nullable): the filtered portfolio and its
 *   cost, %NULL when no fund is left or the input is invalid
 */
FpEsgPortfolio *
fp_esg_build (const FpModelPortfolio     *base,
              const FpFund               *funds,
              gsize                       n_funds,
              const FpEsgValues          *values,
              gint32                      management_fee_bps,
              const FpMarketAssumptions  *cma,
              GError                    **error)
{
  g_autoptr(FpEsgPortfolio) p = NULL;
  g_autoptr(GHashTable) family_weight = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) family_score = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree double *weight = NULL;
  g_autofree gboolean *eligible = NULL;
  double kept = 0.0, total = 0.0;
  gint64 given = 0;

  g_return_val_if_fail (base != NULL && values != NULL && cma != NULL, NULL);
  g_return_val_if_fail (funds != NULL || n_funds == 0, NULL);

  if (n_funds > FP_PORTFOLIO_MAX_FUNDS)
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID, "Too many funds");
      return NULL;
    }

  p = g_new0 (FpEsgPortfolio, 1);
  p->values = *values;
  if (!fp_portfolio_stats (base->allocations, base->n_allocations, base->management_fee_bps, funds, n_funds,
                           cma, &p->baseline, error))
    return NULL;

  /* Each family's weight in the base portfolio (in basis points). */
  for (gsize i = 0; i < base->n_allocations; i++)
    {
      const FpFund *f = fp_fund_find (funds, n_funds, base->allocations[i].fund_id);
      const char *fam = family (f->asset_class);
      gint64 w = GPOINTER_TO_INT (g_hash_table_lookup (family_weight, fam));

      g_hash_table_insert (family_weight, (gpointer) fam, GINT_TO_POINTER ((gint) (w + base->allocations[i].weight_bps)));
    }

  /* Eligible funds of those families and their scores. */
  eligible = g_new0 (gboolean, MAX (n_funds, 1));
  weight = g_new0 (double, MAX (n_funds, 1));
  p->excluded = g_new0 (FpEsgExclusion, MAX (n_funds, 1));
  for (gsize i = 0; i < n_funds; i++)
    {
      const FpFund *f = &funds[i];
      const char *fam = family (f->asset_class);
      double *sum;

      if (!g_hash_table_contains (family_weight, fam))
        continue;
      if ((f->exposures & values->exclude) != 0 || f->esg_score < values->min_esg_score)
        {
          FpEsgExclusion *x = &p->excluded[p->n_excluded++];

          x->fund_id = f->fund_id;
          x->reason = exclusion_reason (f, values);
          continue;
        }
      if (fp_market_assumptions_find (cma, f->asset_class) < 0)
        continue;
      eligible[i] = TRUE;
      weight[i] = MAX (1u, f->esg_score) * ((f->themes & values->favour) != 0 ? THEME_BOOST : 1.0);
      if ((sum = g_hash_table_lookup (family_score, fam)) == NULL)
        {
          sum = g_new0 (double, 1);
          g_hash_table_insert (family_score, (gpointer) fam, sum);
        }
      *sum += weight[i];
    }

  /* Families with a fund keep their weight; the others' is spread over them. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, family_weight);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (g_hash_table_contains (family_score, key))
        kept += GPOINTER_TO_INT (value) / 10000.0;
  }
  if (kept <= 0.0)
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                           _("No fund of the bank matches these values."));
      return NULL;
    }
  for (gsize i = 0; i < n_funds; i++)
    if (eligible[i])
      {
        const char *fam = family (funds[i].asset_class);
        double fam_weight = GPOINTER_TO_INT (g_hash_table_lookup (family_weight, fam)) / 10000.0 / kept;

        weight[i] = fam_weight * weight[i] / *(double *) g_hash_table_lookup (family_score, fam);
        total += weight[i];
      }

  /* To basis points summing to 10000: floors, then the largest remainders. */
  p->allocations = g_new0 (FpAllocation, MAX (n_funds, 1));
  {
    g_autofree double *remainder = g_new0 (double, MAX (n_funds, 1));
    g_autofree guint *index = g_new0 (guint, MAX (n_funds, 1));

    for (gsize i = 0; i < n_funds; i++)
      if (eligible[i])
        {
          double exact = weight[i] / total * 10000.0;
          FpAllocation *a = &p->allocations[p->n_allocations];

          a->fund_id = funds[i].fund_id;
          a->weight_bps = (gint32) floor (exact);
          remainder[p->n_allocations] = exact - floor (exact);
          index[p->n_allocations++] = (guint) i;
          given += a->weight_bps;
        }
    while (given < 10000)
      {
        guint best = 0;

        for (guint k = 1; k < p->n_allocations; k++)
          if (remainder[k] > remainder[best])
            best = k;
        p->allocations[best].weight_bps++;
        remainder[best] = -1.0;
        given++;
      }
  }

  if (!fp_portfolio_stats (p->allocations, p->n_allocations, management_fee_bps, funds, n_funds, cma,
                           &p->stats, error))
    return NULL;
  p->return_difference = p->stats.net_return - p->baseline.net_return;
  p->fee_difference = p->stats.fees - p->baseline.fees;
  p->volatility_difference = p->stats.volatility - p->baseline.volatility;

  {
    g_autofree char *ret = percent (p->stats.net_return);
    g_autofree char *base_ret = percent (p->baseline.net_return);
    g_autofree char *diff = signed_points (p->return_difference);
    g_autofree char *fees = percent (p->stats.fees);
    g_autofree char *base_fees = percent (p->baseline.fees);
    g_autofree char *vol = percent (p->stats.volatility);
    g_autofree char *base_vol = percent (p->baseline.volatility);

    p->explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u fund is left out for your values. Expected return after "
                                                   "fees %s a year against %s for %s unfiltered (%s percentage "
                                                   "points); fees %s against %s; volatility %s against %s.",
                                                   "%u funds are left out for your values. Expected return after "
                                                   "fees %s a year against %s for %s unfiltered (%s percentage "
                                                   "points); fees %s against %s; volatility %s against %s.",
                                                   p->n_excluded),
                                      p->n_excluded, ret, base_ret, base->name != NULL ? base->name : base->offer_id,
                                      diff, fees, base_fees, vol, base_vol);
  }
  return g_steal_pointer (&p);
}
