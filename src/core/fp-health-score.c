/* fp-health-score.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The financial health score: 0 to 100 points from six named components,
 * each earning up to its weight linearly between a floor and a target.
 * Each component also gets the action that would raise the score the most
 * through it, quantified by scoring the inputs the action leads to.
 */

#define G_LOG_DOMAIN "fp-insights"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "fp-format.h"
#include "fp-insights-private.h"

static const struct {
  const char *id;
  const char *name;
} components[FP_HEALTH_N_COMPONENTS] = {
  [FP_HEALTH_SAVINGS_RATE] = { "savings-rate", N_("Savings rate") },
  [FP_HEALTH_EMERGENCY_FUND] = { "emergency-fund", N_("Emergency fund") },
  [FP_HEALTH_DEBT_TO_INCOME] = { "debt-to-income", N_("Debt to income") },
  [FP_HEALTH_CREDIT_UTILIZATION] = { "credit-utilization", N_("Credit utilization") },
  [FP_HEALTH_PAYMENT_HISTORY] = { "payment-history", N_("Payment history") },
  [FP_HEALTH_SPENDING_VOLATILITY] = { "spending-volatility", N_("Spending steadiness") },
};

const char *
fp_health_component_get_id (FpHealthComponent component)
{
  g_return_val_if_fail ((guint) component < FP_HEALTH_N_COMPONENTS, NULL);
  return components[component].id;
}

static double
ramp (double value,
      double zero_at,
      double full_at)
{
  double f = (value - zero_at) / (full_at - zero_at);

  return CLAMP (f, 0.0, 1.0);
}

/**
 * fp_health_score_points:
 * @inputs: what the score depends on
 * @weights: (array fixed-size=6): the weight of each #FpHealthComponent
 * @out_values: (out caller-allocates) (optional): the measured value of each
 * @out_points: (out caller-allocates) (optional): the points of each
 *
 * Scores @inputs. Each component earns `round (weight * f)` points, f
 * rising linearly from 0 to 1:
 * - savings rate (income - spending) / income: from 0 to 20%;
 * - emergency fund, cash at hand in months of spending: from 0 to 6 (none
 *   without spending: months of nothing are not a measure);
 * - debt to income, monthly debt payments / income: from 50% down to 15%;
 * - credit utilization, owed / limit: from 90% down to 10% (full without
 *   credit cards);
 * - payment history: 1 - late payments in 12 months / 3;
 * - spending steadiness, the coefficient of variation of monthly spending:
 *   from 0.60 down to 0.10.
 *
 * Returns: the score, the sum of the points
 */
int
fp_health_score_points (const FpHealthInputs *inputs,
                        const guint8         *weights,
                        double               *out_values,
                        int                  *out_points)
{
  double values[FP_HEALTH_N_COMPONENTS];
  double frac[FP_HEALTH_N_COMPONENTS];
  double income, spending;
  int total = 0;

  g_return_val_if_fail (inputs != NULL, 0);
  g_return_val_if_fail (weights != NULL, 0);

  income = (double) inputs->monthly_income_minor;
  spending = (double) inputs->monthly_spending_minor;

  if (income > 0)
    values[FP_HEALTH_SAVINGS_RATE] = (income - spending) / income;
  else
    values[FP_HEALTH_SAVINGS_RATE] = spending > 0 ? -1.0 : 0.0;
  frac[FP_HEALTH_SAVINGS_RATE] = ramp (values[FP_HEALTH_SAVINGS_RATE], 0.0, 0.20);

  if (spending > 0)
    values[FP_HEALTH_EMERGENCY_FUND] = (double) inputs->liquid_minor / spending;
  else
    values[FP_HEALTH_EMERGENCY_FUND] = 0.0;
  frac[FP_HEALTH_EMERGENCY_FUND] = ramp (values[FP_HEALTH_EMERGENCY_FUND], 0.0, 6.0);

  if (income > 0)
    values[FP_HEALTH_DEBT_TO_INCOME] = (double) inputs->monthly_debt_payments_minor / income;
  else
    values[FP_HEALTH_DEBT_TO_INCOME] = inputs->monthly_debt_payments_minor > 0 ? 1.0 : 0.0;
  frac[FP_HEALTH_DEBT_TO_INCOME] = ramp (values[FP_HEALTH_DEBT_TO_INCOME], 0.50, 0.15);

  if (inputs->credit_limit_minor > 0)
    values[FP_HEALTH_CREDIT_UTILIZATION] = (double) inputs->credit_owed_minor / (double) inputs->credit_limit_minor;
  else
    values[FP_HEALTH_CREDIT_UTILIZATION] = 0.0;
  frac[FP_HEALTH_CREDIT_UTILIZATION] = ramp (values[FP_HEALTH_CREDIT_UTILIZATION], 0.90, 0.10);

  values[FP_HEALTH_PAYMENT_HISTORY] = inputs->late_payments_12m;
  frac[FP_HEALTH_PAYMENT_HISTORY] = ramp (inputs->late_payments_12m, 3.0, 0.0);

  values[FP_HEALTH_SPENDING_VOLATILITY] = inputs->spending_volatility;
  frac[FP_HEALTH_SPENDING_VOLATILITY] = ramp (inputs->spending_volatility, 0.60, 0.10);

  for (guint i = 0; i < FP_HEALTH_N_COMPONENTS; i++)
    {
      int points = (int) floor (weights[i] * frac[i] + 0.5);

      if (out_values != NULL)
        out_values[i] = values[i];
      if (out_points != NULL)
        out_points[i] = points;
      total += points;
    }

  return total;
}

static gint64
whole_units_up (gint64 minor)
{
  if (minor <= 0)
    return 0;
  if (minor > G_MAXINT64 - 99)
    return minor;
  return (minor + 99) / 100 * 100;
}

/* Coefficient of variation of spending over the last 6 complete months
 * with history; 0 with fewer than 3 such months. */
static double
volatility (FpInsightsCtx *ctx,
            guint         *out_months)
{
  double s[6];
  double mean = 0, var = 0;
  guint n = 0;

  for (guint mo = FP_WINDOW_MONTHS - 7; mo < FP_WINDOW_MONTHS - 1; mo++)
    {
      gint64 total = 0;

      if (ctx->out->first_day == FP_DAY_NONE || ctx->month_start[mo] < ctx->out->first_day)
        continue;
      for (guint c = 0; c < FP_N_CATEGORIES; c++)
        total = fp_sat_add (total, ctx->month_spending[mo][c]);
      s[n++] = (double) total;
    }

  *out_months = n;
  if (n < 3)
    return 0.0;

  for (guint i = 0; i < n; i++)
    mean += s[i];
  mean /= n;
  if (mean <= 0)
    return 0.0;
  for (guint i = 0; i < n; i++)
    var += (s[i] - mean) * (s[i] - mean);

  return sqrt (var / n) / mean;
}

static void
set_action (FpInsightsCtx        *ctx,
            FpHealthAction       *action,
            const FpHealthInputs *after,
            gint64                amount,
            char                 *what)
{
  int now = ctx->out->health_score;
  int then = fp_health_score_points (after, ctx->health_weights, NULL, NULL);

  action->inputs_after = *after;
  action->amount_minor = amount;
  action->points = then - now;
  /* Translators: an action and the points it adds, e.g. "Spend $120.00 a
   * month less on Dining: +6 points". */
  if (action->points > 0)
    action->text = fp_ctx_intern (ctx, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %+d point",
                                                                     "%s: %+d points", action->points),
                                                        what, action->points));
  g_free (what);
}

static void
actions (FpInsightsCtx *ctx)
{
  FpDashboard *self = ctx->out;
  const FpHealthInputs *in = &self->health_inputs;
  FpHealthComponentScore *cs = self->components;

  /* Savings rate: a quarter less in the largest discretionary category. */
  if (cs[FP_HEALTH_SAVINGS_RATE].points < cs[FP_HEALTH_SAVINGS_RATE].weight)
    {
      FpCategory best = FP_CATEGORY_OTHER;
      gint64 best_sum = 0;

      for (guint c = 0; c < FP_N_CATEGORIES; c++)
        if (fp_category_is_discretionary (c) && ctx->recent_category[c] > best_sum)
          {
            best = c;
            best_sum = ctx->recent_category[c];
          }

      if (best_sum > 0)
        {
          gint64 monthly = fp_ctx_per_month (ctx, best_sum);
          gint64 cut = fp_div_round (monthly, 400) * 100;
          FpHealthInputs after = *in;

          if (cut > 0)
            {
              g_autofree char *cut_text = fp_ctx_money (ctx, cut);
              g_autofree char *monthly_text = fp_ctx_money (ctx, monthly);

              after.monthly_spending_minor -= cut;
              set_action (ctx, &cs[FP_HEALTH_SAVINGS_RATE].action, &after, cut,
                          g_strdup_printf (_("Spend %s a month less on %s, a quarter of the %s you spend there"),
                                           cut_text, fp_category_get_display_name (best), monthly_text));
            }
        }
    }

  /* Emergency fund: one more month of spending put aside. */
  if (cs[FP_HEALTH_EMERGENCY_FUND].points < cs[FP_HEALTH_EMERGENCY_FUND].weight && in->monthly_spending_minor > 0)
    {
      gint64 gap = fp_sat_add (fp_mul_div_round (in->monthly_spending_minor, 6, 1), fp_neg_sat (in->liquid_minor));
      gint64 add = whole_units_up (MIN (gap, in->monthly_spending_minor));
      FpHealthInputs after = *in;
      g_autofree char *add_text = fp_ctx_money (ctx, add);

      after.liquid_minor = fp_sat_add (after.liquid_minor, add);
      set_action (ctx, &cs[FP_HEALTH_EMERGENCY_FUND].action, &after, add,
                  g_strdup_printf (_("Put aside %s more in savings, about a month of spending"), add_text));
    }

  /* Debt to income: pay off the most expensive debt from cash at hand —
   * only when the cash is there: advice to pay from savings one does not
   * have helps no one. */
  if (cs[FP_HEALTH_DEBT_TO_INCOME].points < cs[FP_HEALTH_DEBT_TO_INCOME].weight)
    {
      const FpAccountSnapshot *best = NULL;

      for (gsize i = 0; i < ctx->n_accounts; i++)
        {
          const FpAccountSnapshot *a = &ctx->accounts[i];

          if ((a->kind != FP_ACCOUNT_CREDIT_CARD && a->kind != FP_ACCOUNT_LOAN) ||
              a->balance_minor >= 0 || a->min_payment_minor <= 0)
            continue;
          if (best == NULL || a->apr_bps > best->apr_bps ||
              (a->apr_bps == best->apr_bps && a->balance_minor > best->balance_minor))
            best = a;
        }

      if (best != NULL && fp_neg_sat (best->balance_minor) <= in->liquid_minor)
        {
          gint64 owed = fp_neg_sat (best->balance_minor);
          FpHealthInputs after = *in;
          g_autofree char *owed_text = fp_ctx_money (ctx, owed);
          g_autofree char *rate = fp_ctx_percent (best->apr_bps / 10000.0, 2);

          after.monthly_debt_payments_minor -= best->min_payment_minor;
          after.liquid_minor = fp_sat_add (after.liquid_minor, -owed);
          if (best->kind == FP_ACCOUNT_CREDIT_CARD)
            {
              after.card_min_payments_minor -= best->min_payment_minor;
              after.credit_owed_minor -= owed;
            }
          set_action (ctx, &cs[FP_HEALTH_DEBT_TO_INCOME].action, &after, owed,
                      g_strdup_printf (best->kind == FP_ACCOUNT_LOAN ?
                                       _("Pay off the %s left on your loan at %s from your savings") :
                                       _("Pay off the %s on your credit card at %s from your savings"),
                                       owed_text, rate));
        }
    }

  /* Credit utilization: pay cards down to 30% (or 10%) of the limits. */
  if (in->credit_limit_minor > 0 && in->credit_owed_minor > 0 &&
      cs[FP_HEALTH_CREDIT_UTILIZATION].points < cs[FP_HEALTH_CREDIT_UTILIZATION].weight)
    {
      double u = (double) in->credit_owed_minor / (double) in->credit_limit_minor;
      int target = u > 0.30 ? 30 : 10;
      gint64 pay = whole_units_up (in->credit_owed_minor - fp_mul_div_round (in->credit_limit_minor, target, 100));
      FpHealthInputs after = *in;

      pay = MIN (pay, in->credit_owed_minor);
      if (pay > 0)
        {
          g_autofree char *pay_text = fp_ctx_money (ctx, pay);
          g_autofree char *target_text = fp_ctx_percent (target / 100.0, 0);
          gint64 new_min = fp_mul_div_round (in->card_min_payments_minor, in->credit_owed_minor - pay,
                                             in->credit_owed_minor);

          after.credit_owed_minor -= pay;
          after.liquid_minor = fp_sat_add (after.liquid_minor, -pay);
          after.monthly_debt_payments_minor -= in->card_min_payments_minor - new_min;
          after.card_min_payments_minor = new_min;
          set_action (ctx, &cs[FP_HEALTH_CREDIT_UTILIZATION].action, &after, pay,
                      g_strdup_printf (_("Pay %s off your credit cards to use %s of their limits"),
                                       pay_text, target_text));
        }
    }

  if (in->late_payments_12m > 0)
    {
      FpHealthInputs after = *in;

      after.late_payments_12m = 0;
      set_action (ctx, &cs[FP_HEALTH_PAYMENT_HISTORY].action, &after, 0,
                  g_strdup (_("Pay every bill on time for the next 12 months; automatic payments help")));
    }

  if (in->spending_volatility > 0.10)
    {
      FpHealthInputs after = *in;
      g_autofree char *avg = fp_ctx_money (ctx, in->monthly_spending_minor);
      g_autofree char *share = fp_ctx_percent (0.10, 0);

      after.spending_volatility = 0.10;
      set_action (ctx, &cs[FP_HEALTH_SPENDING_VOLATILITY].action, &after, 0,
                  g_strdup_printf (_("Keep your monthly spending within about %s of %s"), share, avg));
    }
}

static int
cmp_action (gconstpointer a,
            gconstpointer b)
{
  const FpHealthAction *x = *(const FpHealthAction *const *) a;
  const FpHealthAction *y = *(const FpHealthAction *const *) b;

  if (x->points != y->points)
    return y->points - x->points;
  return (x > y) - (x < y);
}

static void
explain (FpInsightsCtx *ctx,
         guint          months)
{
  FpDashboard *self = ctx->out;
  const FpHealthInputs *in = &self->health_inputs;
  FpHealthComponentScore *cs = self->components;
  g_autofree char *income = fp_ctx_money (ctx, in->monthly_income_minor);
  g_autofree char *spending = fp_ctx_money (ctx, in->monthly_spending_minor);
  g_autofree char *liquid = fp_ctx_money (ctx, in->liquid_minor);
  g_autofree char *debt = fp_ctx_money (ctx, in->monthly_debt_payments_minor);
  g_autofree char *owed = fp_ctx_money (ctx, in->credit_owed_minor);
  g_autofree char *limit = fp_ctx_money (ctx, in->credit_limit_minor);
  g_autofree char *savings = fp_ctx_percent (cs[FP_HEALTH_SAVINGS_RATE].value, 1);
  g_autofree char *fund = fp_format_number (cs[FP_HEALTH_EMERGENCY_FUND].value, 1);
  g_autofree char *dti = fp_ctx_percent (cs[FP_HEALTH_DEBT_TO_INCOME].value, 1);
  g_autofree char *used = fp_ctx_percent (cs[FP_HEALTH_CREDIT_UTILIZATION].value, 1);
  g_autofree char *cv = fp_format_number (cs[FP_HEALTH_SPENDING_VOLATILITY].value, 2);
  g_autofree char *p0 = fp_ctx_percent (0.0, 0);
  g_autofree char *p10 = fp_ctx_percent (0.10, 0);
  g_autofree char *p15 = fp_ctx_percent (0.15, 0);
  g_autofree char *p20 = fp_ctx_percent (0.20, 0);
  g_autofree char *p50 = fp_ctx_percent (0.50, 0);
  g_autofree char *p90 = fp_ctx_percent (0.90, 0);
  g_autofree char *v010 = fp_format_number (0.10, 2);
  g_autofree char *v060 = fp_format_number (0.60, 2);

  cs[FP_HEALTH_SAVINGS_RATE].explanation =
    fp_ctx_intern (ctx, g_strdup_printf (_("Income %s minus spending %s a month, divided by income: %s. "
                                           "Full %d points at %s or more, none at %s."),
                                         income, spending, savings, cs[FP_HEALTH_SAVINGS_RATE].weight, p20, p0));
  cs[FP_HEALTH_EMERGENCY_FUND].explanation =
    in->monthly_spending_minor > 0 ?
    fp_ctx_intern (ctx, g_strdup_printf (_("Current and savings balances %s divided by monthly spending %s: "
                                           "%s months. Full %d points at 6 months."),
                                         liquid, spending, fund, cs[FP_HEALTH_EMERGENCY_FUND].weight)) :
    _("No spending was seen, so how many months your balances would last is not known: no points.");
  cs[FP_HEALTH_DEBT_TO_INCOME].explanation =
    fp_ctx_intern (ctx, g_strdup_printf (_("Monthly payments due on cards and loans %s divided by income %s: "
                                           "%s. Full %d points at %s or less, none at %s."),
                                         debt, income, dti, cs[FP_HEALTH_DEBT_TO_INCOME].weight, p15, p50));
  cs[FP_HEALTH_CREDIT_UTILIZATION].explanation =
    in->credit_limit_minor > 0 ?
    fp_ctx_intern (ctx, g_strdup_printf (_("Owed on credit cards %s of limits of %s: %s. Full %d points at "
                                           "%s or less, none at %s."),
                                         owed, limit, used, cs[FP_HEALTH_CREDIT_UTILIZATION].weight, p10, p90)) :
    _("You have no credit card limits, so nothing is used: full points.");
  cs[FP_HEALTH_PAYMENT_HISTORY].explanation =
    fp_ctx_intern (ctx, g_strdup_printf (_("Payments late or missed in the last 12 months, as the bank "
                                           "reports them: %u. Each costs a third of the %d points."),
                                         in->late_payments_12m, cs[FP_HEALTH_PAYMENT_HISTORY].weight));
  cs[FP_HEALTH_SPENDING_VOLATILITY].explanation =
    months >= 3 ?
    fp_ctx_intern (ctx, g_strdup_printf (_("How much monthly spending varied over the last %u complete months "
                                           "(standard deviation divided by the mean): %s. Full %d points at "
                                           "%s or less, none at %s."),
                                         months, cv, cs[FP_HEALTH_SPENDING_VOLATILITY].weight, v010, v060)) :
    _("Fewer than 3 complete months of history: spending counts as steady until there are more.");
}

void
fp_insights_health (FpInsightsCtx *ctx)
{
  FpDashboard *self = ctx->out;
  FpHealthInputs *in = &self->health_inputs;
  double values[FP_HEALTH_N_COMPONENTS];
  int points[FP_HEALTH_N_COMPONENTS];
  guint months = 0;

  in->monthly_income_minor = self->monthly_income_minor;
  in->monthly_spending_minor = self->monthly_spending_minor;
  in->liquid_minor = self->liquid_minor;

  for (gsize i = 0; i < ctx->n_accounts; i++)
    {
      const FpAccountSnapshot *a = &ctx->accounts[i];

      in->late_payments_12m += a->late_payments_12m;
      if (a->kind == FP_ACCOUNT_CREDIT_CARD)
        in->credit_limit_minor = fp_sat_add (in->credit_limit_minor, MAX (a->credit_limit_minor, 0));
      if ((a->kind == FP_ACCOUNT_CREDIT_CARD || a->kind == FP_ACCOUNT_LOAN) && a->balance_minor < 0)
        {
          in->monthly_debt_payments_minor = fp_sat_add (in->monthly_debt_payments_minor,
                                                        MAX (a->min_payment_minor, 0));
          if (a->kind == FP_ACCOUNT_CREDIT_CARD)
            {
              in->card_min_payments_minor = fp_sat_add (in->card_min_payments_minor,
                                                        MAX (a->min_payment_minor, 0));
              in->credit_owed_minor = fp_sat_add (in->credit_owed_minor, fp_neg_sat (a->balance_minor));
            }
        }
    }

  in->spending_volatility = volatility (ctx, &months);

  self->health_score = fp_health_score_points (in, ctx->health_weights, values, points);
  for (guint i = 0; i < FP_HEALTH_N_COMPONENTS; i++)
    {
      FpHealthComponentScore *c = &self->components[i];

      c->component = i;
      c->id = components[i].id;
      c->name = _(components[i].name);
      c->value = values[i];
      c->weight = ctx->health_weights[i];
      c->points = points[i];
    }

  explain (ctx, months);

  /* Without enough history or an income, no score: its figures would be
   * made of the days without data. */
  fp_ctx_unavailable (ctx, &self->health_availability, TRUE);
  if (!self->health_availability.available)
    {
      self->n_plan = 0;
      return;
    }

  actions (ctx);

  self->n_plan = 0;
  for (guint i = 0; i < FP_HEALTH_N_COMPONENTS; i++)
    if (self->components[i].action.text != NULL)
      self->plan[self->n_plan++] = &self->components[i].action;
  if (self->n_plan > 1)
    qsort (self->plan, self->n_plan, sizeof self->plan[0], cmp_action);
}
