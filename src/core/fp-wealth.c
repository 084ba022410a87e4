/* fp-wealth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Net worth over everything the customer owns and owes, and the
 * suggestions of the Holistic Wealth Optimizer; see the header.
 */

#define G_LOG_DOMAIN "fp-wealth"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-money.h"
#include "fp-wealth.h"

#define MAX_ITEMS 100000
#define MAX_VALUE_MINOR (G_GINT64_CONSTANT (1000000000000000))

static const char *const kind_ids[FP_WEALTH_N_KINDS] = {
  "cash", "savings", "holding", "card_debt", "loan", "home", "car", "pension", "other_account",
  "other_asset", "mortgage", "other_debt",
};

static const char *const suggestion_ids[] = {
  "emergency_fund", "high_rate_debt", "idle_cash", "concentration", "fees",
};

const char *
fp_wealth_kind_to_id (FpWealthKind kind)
{
  g_return_val_if_fail ((guint) kind < FP_WEALTH_N_KINDS, "other_asset");
  return kind_ids[kind];
}

gboolean
fp_wealth_kind_from_id (const char   *id,
                        FpWealthKind *out_kind)
{
  for (guint i = 0; i < FP_WEALTH_N_KINDS; i++)
    if (g_strcmp0 (id, kind_ids[i]) == 0)
      {
        *out_kind = (FpWealthKind) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * fp_wealth_kind_is_debt:
 * @kind: a kind
 *
 * Returns: whether items of @kind are owed (their values are not positive)
 */
gboolean
fp_wealth_kind_is_debt (FpWealthKind kind)
{
  return kind == FP_WEALTH_CARD_DEBT || kind == FP_WEALTH_LOAN || kind == FP_WEALTH_MORTGAGE ||
         kind == FP_WEALTH_OTHER_DEBT;
}

const char *
fp_wealth_suggestion_kind_to_id (FpWealthSuggestionKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (suggestion_ids), "fees");
  return suggestion_ids[kind];
}

void
fp_wealth_free (FpWealth *wealth)
{
  if (wealth == NULL)
    return;
  for (guint i = 0; i < wealth->n_suggestions; i++)
    {
      g_free (wealth->suggestions[i].text);
      g_free (wealth->suggestions[i].computation);
    }
  g_free (wealth->suggestions);
  g_free (wealth->explanation);
  g_free (wealth);
}

typedef struct {
  const FpWealthContext *ctx;
  GArray                *list;   /* FpWealthSuggestion */
} Ctx;

static char *
money (Ctx    *c,
       gint64  minor)
{
  return fp_money_format (minor, c->ctx->currency);
}

static char *
rate (gint32 bps)
{
  return g_strdup_printf ("%d.%02d %%", bps / 100, ABS (bps % 100));
}

static gint64
yearly (gint64 amount,
        gint32 bps)
{
  gint64 out = 0;

  fp_money_mul_div (amount, bps, 10000, FP_ROUND_HALF_EVEN, &out, NULL);
  return out;
}

static void
suggest (Ctx                    *c,
         FpWealthSuggestionKind  kind,
         const char             *item_id,
         gint64                  amount,
         gint64                  per_year,
         char                   *text,
         char                   *computation)
{
  FpWealthSuggestion s = { kind, item_id, amount, per_year, text, computation };

  g_array_append_val (c->list, s);
}

static gint
compare_items_by_rate (gconstpointer a,
                       gconstpointer b)
{
  const FpWealthItem *x = *(const FpWealthItem * const *) a;
  const FpWealthItem *y = *(const FpWealthItem * const *) b;

  if (x->rate_bps != y->rate_bps)
    return x->rate_bps > y->rate_bps ? -1 : 1;
  return g_strcmp0 (x->id, y->id);
}

/* Emergency fund first, then expensive debts, then by yearly worth. */
static gint
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  const FpWealthSuggestion *x = a;
  const FpWealthSuggestion *y = b;
  int gx = x->kind == FP_WEALTH_SUGGEST_EMERGENCY_FUND ? 0 : x->kind == FP_WEALTH_SUGGEST_HIGH_RATE_DEBT ? 1 : 2;
  int gy = y->kind == FP_WEALTH_SUGGEST_EMERGENCY_FUND ? 0 : y->kind == FP_WEALTH_SUGGEST_HIGH_RATE_DEBT ? 1 : 2;

  if (gx != gy)
    return gx - gy;
  if (x->yearly_minor != y->yearly_minor)
    return x->yearly_minor > y->yearly_minor ? -1 : 1;
  if (x->kind != y->kind)
    return (int) x->kind - (int) y->kind;
  return g_strcmp0 (x->item_id, y->item_id);
}

static gboolean
is_liquid (FpWealthKind kind)
{
  return kind == FP_WEALTH_CASH || kind == FP_WEALTH_SAVINGS || kind == FP_WEALTH_OTHER_ACCOUNT;
}

/**
 * fp_wealth_compute:
 * @items: (array length=n_items): accounts, holdings and manual items
 * @n_items: how many
 * @context: the customer's spending and the bank's rates
 * @error: return location for a %FP_CORE_ERROR_INVALID
 *
 * Returns: (transfer full) (nullable): the net worth and the suggestions
 */
FpWealth *
fp_wealth_compute (const FpWealthItem     *items,
                   gsize                   n_items,
                   const FpWealthContext  *context,
                   GError                **error)
{
  g_autoptr(FpWealth) w = NULL;
  g_autoptr(GPtrArray) debts = g_ptr_array_new ();
  Ctx c = { context, NULL };
  gint64 fund_target = 0, spare, cash_in_current = 0;

  g_return_val_if_fail (items != NULL || n_items == 0, NULL);
  g_return_val_if_fail (context != NULL, NULL);

  if (n_items > MAX_ITEMS)
    {
      g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID, "Too many items");
      return NULL;
    }
  w = g_new0 (FpWealth, 1);
  for (gsize i = 0; i < n_items; i++)
    {
      const FpWealthItem *it = &items[i];

      if ((guint) it->kind >= FP_WEALTH_N_KINDS || it->id == NULL || ABS (it->value_minor) > MAX_VALUE_MINOR ||
          it->rate_bps < 0 || it->rate_bps > 100000 ||
          (fp_wealth_kind_is_debt (it->kind) && it->value_minor > 0) ||
          (!fp_wealth_kind_is_debt (it->kind) && it->kind != FP_WEALTH_CASH && it->value_minor < 0))
        {
          g_set_error (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                       "Item %s: an asset's value must not be negative, nor a debt's positive",
                       it->id != NULL ? it->id : "(no id)");
          return NULL;
        }
      w->by_kind_minor[it->kind] += it->value_minor;
      if (it->value_minor >= 0)
        w->assets_minor += it->value_minor;
      else
        {
          w->debts_minor -= it->value_minor;
          g_ptr_array_add (debts, (gpointer) it);
        }
      if (it->manual)
        {
          if (it->value_minor >= 0)
            w->manual_assets_minor += it->value_minor;
          else
            w->manual_debts_minor -= it->value_minor;
        }
      if (is_liquid (it->kind) && it->value_minor > 0)
        w->liquid_minor += it->value_minor;
      if (it->kind == FP_WEALTH_CASH && it->value_minor > 0)
        cash_in_current += it->value_minor;
      if (it->kind == FP_WEALTH_HOLDING)
        w->invested_minor += it->value_minor;
    }
  w->net_worth_minor = w->assets_minor - w->debts_minor;

  c.list = g_array_new (FALSE, TRUE, sizeof (FpWealthSuggestion));
  if (!context->suggest)
    goto done;

  /* 1. The emergency fund. */
  if (context->monthly_spending_minor > 0 && context->emergency_months > 0)
    fund_target = context->monthly_spending_minor * context->emergency_months;
  if (fund_target > w->liquid_minor)
    {
      g_autofree char *target = money (&c, fund_target);
      g_autofree char *missing = money (&c, fund_target - w->liquid_minor);
      g_autofree char *liquid = money (&c, w->liquid_minor);
      g_autofree char *spending = money (&c, context->monthly_spending_minor);

      suggest (&c, FP_WEALTH_SUGGEST_EMERGENCY_FUND, NULL, fund_target - w->liquid_minor, 0,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Build an emergency fund of %s (%u month of spending) before "
                                             "anything else: %s to go.",
                                             "Build an emergency fund of %s (%u months of spending) before "
                                             "anything else: %s to go.", context->emergency_months),
                                target, context->emergency_months, missing),
               g_strdup_printf (_("Cash, savings and other accounts %s against %u × monthly spending %s = %s."),
                                liquid, context->emergency_months, spending, target));
    }

  /* 2. Debt dearer than investing earns, the dearest first, from the cash
   *    above the fund. */
  spare = MAX (0, w->liquid_minor - fund_target);
  g_ptr_array_sort (debts, compare_items_by_rate);
  for (guint i = 0; i < debts->len; i++)
    {
      const FpWealthItem *d = g_ptr_array_index (debts, i);
      gint64 owed = -d->value_minor;
      gint64 pay = MIN (owed, spare);
      g_autofree char *r = rate (d->rate_bps);
      g_autofree char *ret = rate (context->expected_return_bps);

      if (d->rate_bps <= context->expected_return_bps)
        continue;
      if (pay > 0)
        {
          g_autofree char *p = money (&c, pay);
          g_autofree char *saved = money (&c, yearly (pay, d->rate_bps));

          suggest (&c, FP_WEALTH_SUGGEST_HIGH_RATE_DEBT, d->id, pay, yearly (pay, d->rate_bps),
                   g_strdup_printf (_("Repay %s of %s at %s from the cash above your emergency fund, before "
                                      "investing."), p, d->name, r),
                   g_strdup_printf (_("%s × %s = %s of interest a year saved, more than investing is expected to "
                                      "earn (%s)."), p, r, saved, ret));
          spare -= pay;
        }
      else
        {
          g_autofree char *o = money (&c, owed);
          g_autofree char *cost = money (&c, yearly (owed, d->rate_bps));

          suggest (&c, FP_WEALTH_SUGGEST_HIGH_RATE_DEBT, d->id, owed, yearly (owed, d->rate_bps),
                   g_strdup_printf (_("Repay %s at %s before investing."), d->name, r),
                   g_strdup_printf (_("%s × %s = %s of interest a year, more than investing is expected to "
                                      "earn (%s)."), o, r, cost, ret));
        }
    }

  /* 3. Idle cash above the fund in current accounts. */
  {
    gint64 idle = MIN (spare, cash_in_current);

    if (idle > 0 && context->savings_rate_bps > 0)
      {
        g_autofree char *i = money (&c, idle);
        g_autofree char *r = rate (context->savings_rate_bps);
        g_autofree char *gain = money (&c, yearly (idle, context->savings_rate_bps));

        suggest (&c, FP_WEALTH_SUGGEST_IDLE_CASH, NULL, idle, yearly (idle, context->savings_rate_bps),
                 g_strdup_printf (_("Move %s above your emergency fund from your current account to savings at "
                                    "%s, or invest it."), i, r),
                 g_strdup_printf (_("%s × %s = %s a year."), i, r, gain));
      }
  }

  /* 4 and 5. Concentration and fees of holdings. */
  for (gsize i = 0; i < n_items; i++)
    {
      const FpWealthItem *it = &items[i];

      if (it->kind != FP_WEALTH_HOLDING || it->value_minor <= 0)
        continue;
      if (w->invested_minor > 0 && context->concentration_bps > 0 &&
          it->value_minor * 10000 > w->invested_minor * context->concentration_bps)
        {
          gint64 cap = yearly (w->invested_minor, context->concentration_bps);
          g_autofree char *excess = money (&c, it->value_minor - cap);
          g_autofree char *share = g_strdup_printf ("%.0f", 100.0 * it->value_minor / w->invested_minor);
          g_autofree char *limit = rate (context->concentration_bps);

          suggest (&c, FP_WEALTH_SUGGEST_CONCENTRATION, it->id, it->value_minor - cap, 0,
                   g_strdup_printf (_("%s is %s %% of your investments: spreading %s over other funds lowers the "
                                      "risk of one fund."), it->name, share, excess),
                   g_strdup_printf (_("More than %s of the investments in one holding; %s above it."), limit, excess));
        }
      if (it->fund != NULL && context->funds != NULL)
        {
          const FpFund *cheapest = NULL;

          for (gsize k = 0; k < context->n_funds; k++)
            if (g_strcmp0 (context->funds[k].asset_class, it->fund->asset_class) == 0 &&
                (cheapest == NULL || context->funds[k].ongoing_charge_bps < cheapest->ongoing_charge_bps))
              cheapest = &context->funds[k];
          if (cheapest != NULL && cheapest->ongoing_charge_bps < it->fund->ongoing_charge_bps)
            {
              gint64 saving = yearly (it->value_minor, it->fund->ongoing_charge_bps - cheapest->ongoing_charge_bps);
              g_autofree char *s = money (&c, saving);
              g_autofree char *v = money (&c, it->value_minor);
              g_autofree char *from = rate (it->fund->ongoing_charge_bps);
              g_autofree char *to = rate (cheapest->ongoing_charge_bps);

              if (saving > 0)
                suggest (&c, FP_WEALTH_SUGGEST_FEES, it->id, it->value_minor, saving,
                         g_strdup_printf (_("%s charges %s a year; %s, of the same asset class, charges %s."),
                                          it->name, from, cheapest->name, to),
                         g_strdup_printf (_("%s × (%s − %s) = %s a year."), v, from, to, s));
            }
        }
    }

  g_array_sort (c.list, compare_suggestions);

done:
  w->n_suggestions = c.list->len;
  w->suggestions = (FpWealthSuggestion *) (gpointer) g_array_free (c.list, FALSE);

  {
    g_autofree char *nw = money (&c, w->net_worth_minor);
    g_autofree char *a = money (&c, w->assets_minor);
    g_autofree char *d = money (&c, w->debts_minor);
    g_autofree char *ma = money (&c, w->manual_assets_minor);
    g_autofree char *md = money (&c, w->manual_debts_minor);

    w->explanation = g_strdup_printf (_("Net worth %s = everything you own, %s, less everything you owe, %s. "
                                        "Of these, you added %s of what you own and %s of what you owe by hand."),
                                      nw, a, d, ma, md);
  }
  return g_steal_pointer (&w);
}
