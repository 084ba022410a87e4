/* fp-generator-bank.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What carries over from month to month, as functions of the calendar
 * month: income, rent and the card budget with their yearly raises, the
 * savings balance since the account opened, the loans (one after another,
 * each paid off before the next) and the investments. And the bank-side
 * items of a month: salary, rent, bills, savings, loan, investment, money
 * to and from friends, card repayments.
 */

#define G_LOG_DOMAIN "fp-generator"

#include "config.h"

#include "fp-generator-private.h"

#define TAG_YEAR   G_GUINT64_CONSTANT (0x79656172)

/**
 * gen_plan_rng:
 *
 * Seeds @rng with the stream (@tag, @index) of the customer of @p: its
 * months, its years. Nothing else draws from it, so what it gives depends
 * on nothing but the customer and the index.
 */
void
gen_plan_rng (Plan    *p,
              guint64  tag,
              gint64   index,
              Rng     *rng)
{
  gen_rng_seed (rng, p->seed, hash3 (p->customer, tag, (guint64) index));
}

/* The raises of @year, each January: salary 2 to 4 %, rent 1 to 4 %. */
static void
year_raises (Plan  *p,
             gint   year,
             guint *salary_percent,
             guint *rent_percent)
{
  Rng rng;

  gen_plan_rng (p, TAG_YEAR, year, &rng);
  *salary_percent = 102 + rng_below (&rng, 3);
  *rent_percent = 101 + rng_below (&rng, 4);
}

/**
 * gen_year_money:
 *
 * Sets p->net, p->rent and p->spend to the monthly salary, rent and card
 * budget of @year: the plan's amounts of GEN_REF_YEAR, raised (or, for
 * earlier years, lowered) year by year. The card budget grows 3 % a year.
 */
void
gen_year_money (Plan *p,
                gint  year)
{
  gint64 net = p->net_ref, rent = p->rent_ref, spend = p->spend_ref;
  guint salary_percent, rent_percent;

  if (p->year == year)
    return;

  for (gint y = GEN_REF_YEAR + 1; y <= year; y++)
    {
      year_raises (p, y, &salary_percent, &rent_percent);
      net = net * salary_percent / 100;
      rent = rent * rent_percent / 100;
      spend = spend * 103 / 100;
    }
  for (gint y = GEN_REF_YEAR; y > year; y--)
    {
      year_raises (p, y, &salary_percent, &rent_percent);
      net = net * 100 / salary_percent;
      rent = rent * 100 / rent_percent;
      spend = spend * 100 / 103;
    }

  p->year = year;
  p->net = net;
  p->rent = rent;
  p->spend = spend;
}

static gint64
savings_monthly (Plan *p,
                 gint  year)
{
  gen_year_money (p, year);
  return round_down_to (p->net * p->savings_pct / 100, 1000);
}

static gint64
invest_monthly (Plan *p,
                gint  year)
{
  gen_year_money (p, year);
  return round_down_to (p->net * p->invest_pct / 100, 1000);
}

static gint64
savings_initial (Plan *p)
{
  gen_year_money (p, month_year (p->savings_open));
  return p->net * p->savings_initial_months;
}

static gint64
interest_of (gint64 balance,
             guint  bps)
{
  return balance * bps / 120000;
}

/**
 * gen_savings_before:
 *
 * Returns: the savings balance at the start of @month: the first deposit
 *   in the month the account opened, then a deposit on the 2nd and the
 *   interest on the last day of every month.
 */
gint64
gen_savings_before (Plan *p,
                    gint  month)
{
  gint64 balance = 0;

  if (p->savings == FP_BANK_NO_ID)
    return 0;
  for (gint m = p->savings_open; m < month; m++)
    {
      balance += m == p->savings_open ? savings_initial (p) : savings_monthly (p, month_year (m));
      balance += interest_of (balance, p->savings_bps);
    }
  return balance;
}

/* The loan running in @month: its first month (the disbursement), or
 * FALSE when none runs. */
static gboolean
loan_cycle (Plan *p,
            gint  month,
            gint *start)
{
  gint k;

  if (p->loan == FP_BANK_NO_ID)
    return FALSE;
  k = month - p->loan_start;
  k = k >= 0 ? k / (gint) p->loan_period : -((-k + (gint) p->loan_period - 1) / (gint) p->loan_period);
  *start = p->loan_start + k * (gint) p->loan_period;
  return month - *start <= (gint) p->loan_term;
}

/* What is owed on the loan that started in @start, at the start of @month
 * (after the disbursement month), paid monthly on the 5th with the
 * interest of the month rounded half up. */
static gint64
loan_owed (Plan *p,
           gint  start,
           gint  month)
{
  gint64 balance = p->loan_principal;

  for (gint m = start + 1; m < month && balance > 0; m++)
    {
      gint64 interest = (balance * p->loan_apr + 60000) / 120000;

      balance += interest - MIN (p->loan_payment, balance + interest);
    }
  return balance;
}

/**
 * gen_loan_before:
 *
 * Returns: what the customer owes on the loan at the start of @month.
 */
gint64
gen_loan_before (Plan *p,
                 gint  month)
{
  gint start;

  if (!loan_cycle (p, month, &start) || month == start)
    return 0;
  return loan_owed (p, start, month);
}

/**
 * gen_holdings_at:
 * @quantity_milli: (out): per fund of the plan, units x 1000
 * @cost_basis: (out): per fund, what was paid in
 *
 * The investments on @day: the first contribution in the month the
 * account opened, then one on the 10th of every month, split evenly over
 * the funds and bought at the month's price.
 */
void
gen_holdings_at (Gen    *g,
                 Plan   *p,
                 gint32  day,
                 gint64 *quantity_milli,
                 gint64 *cost_basis)
{
  gint last = month_of_day (day);

  memset (quantity_milli, 0, sizeof (gint64) * p->n_funds);
  memset (cost_basis, 0, sizeof (gint64) * p->n_funds);
  if (day < month_day (last, 10))
    last--;

  for (gint m = p->invest_open; m <= last; m++)
    {
      gint64 amount;

      if (m == p->invest_open)
        {
          gen_year_money (p, month_year (m));
          amount = p->net * p->invest_initial_months;
        }
      else
        amount = invest_monthly (p, month_year (m));

      for (guint i = 0; i < p->n_funds; i++)
        {
          gint64 part = round_down_to (amount / (gint64) p->n_funds, 100);

          if (i == 0)
            part += amount - round_down_to (amount / (gint64) p->n_funds, 100) * (gint64) p->n_funds;
          quantity_milli[i] += part * 1000 / gen_fund_price (g, p->fund_index[i], m);
          cost_basis[i] += part;
        }
    }
}

void
gen_add_bank_item (Cust           *c,
                   guint32         account,
                   gint32          day,
                   gint32          time_of_day,
                   gint64          amount,
                   FpBankCategory  category,
                   guint32         description)
{
  Item item = { 0 };

  if (amount == 0)
    return;

  item.origin = c->month;
  item.r.amount = amount;
  item.r.minutes = day * MINUTES_PER_DAY + time_of_day;
  item.r.account = account;
  item.r.card = FP_BANK_NO_ID;
  item.r.text = description;
  item.r.category = category;
  item.order = c->order++;
  g_array_append_val (c->items, item);
}

static void
savings_items (Cust *c)
{
  Plan *p = c->p;
  Gen *g = c->g;
  gint32 d = month_day (c->month, 2);
  gint64 balance = gen_savings_before (p, c->month);

  if (p->savings == FP_BANK_NO_ID || c->month < p->savings_open)
    return;
  if (c->month == p->savings_open)
    {
      gint64 first = savings_initial (p);

      gen_add_bank_item (c, p->savings, d, 9 * 60, first, FP_BANK_CATEGORY_SAVINGS, g->d_save_open);
      balance += first;
    }
  else
    {
      gint64 monthly = savings_monthly (p, month_year (c->month));

      gen_add_bank_item (c, p->current, d, 9 * 60, -monthly, FP_BANK_CATEGORY_SAVINGS, g->d_save_out);
      gen_add_bank_item (c, p->savings, d, 9 * 60, monthly, FP_BANK_CATEGORY_SAVINGS, g->d_save_in);
      balance += monthly;
    }
  gen_add_bank_item (c, p->savings, month_day (c->month, 31), 23 * 60,
                     interest_of (balance, p->savings_bps), FP_BANK_CATEGORY_INTEREST, g->d_interest);
}

static void
loan_items (Cust *c)
{
  Plan *p = c->p;
  Gen *g = c->g;
  gint start;

  if (!loan_cycle (c->p, c->month, &start))
    return;
  if (c->month == start)
    {
      gint32 d = month_day (c->month, 3);

      gen_add_bank_item (c, p->loan, d, 10 * 60, -p->loan_principal, FP_BANK_CATEGORY_TRANSFER, g->d_loan_disb);
      gen_add_bank_item (c, p->current, d, 10 * 60, p->loan_principal, FP_BANK_CATEGORY_TRANSFER, g->d_loan_disb_in);
    }
  else
    {
      gint32 d = month_day (c->month, 5);
      gint64 balance = loan_owed (p, start, c->month);
      gint64 interest = (balance * p->loan_apr + 60000) / 120000;
      gint64 pay = MIN (p->loan_payment, balance + interest);

      if (balance <= 0)
        return;
      gen_add_bank_item (c, p->loan, d, 0, -interest, FP_BANK_CATEGORY_INTEREST, g->d_loan_interest);
      gen_add_bank_item (c, p->loan, d, 9 * 60, pay, FP_BANK_CATEGORY_LOAN_PAYMENT, g->d_loan_in);
      gen_add_bank_item (c, p->current, d, 9 * 60, -pay, FP_BANK_CATEGORY_LOAN_PAYMENT, g->d_loan_out);
    }
}

static void
investment_items (Cust *c)
{
  Plan *p = c->p;
  Gen *g = c->g;
  gint32 d = month_day (c->month, 10);

  if (p->investment == FP_BANK_NO_ID || c->month < p->invest_open)
    return;
  if (c->month == p->invest_open)
    {
      gen_year_money (p, month_year (c->month));
      gen_add_bank_item (c, p->investment, d, 9 * 60, p->net * p->invest_initial_months,
                         FP_BANK_CATEGORY_INVESTMENT, g->d_inv_open);
    }
  else
    {
      gint64 amount = invest_monthly (p, month_year (c->month));

      gen_add_bank_item (c, p->current, d, 9 * 60, -amount, FP_BANK_CATEGORY_INVESTMENT, g->d_inv_out);
      gen_add_bank_item (c, p->investment, d, 9 * 60, amount, FP_BANK_CATEGORY_INVESTMENT, g->d_inv_in);
    }
}

/**
 * gen_bank_items:
 *
 * The bank-side items of the month, drawn from the month's stream.
 */
void
gen_bank_items (Cust *c)
{
  /* Electricity follows the seasons. */
  static const guint8 season[12] = { 140, 130, 110, 90, 80, 100, 130, 135, 100, 85, 100, 130 };
  Plan *p = c->p;
  Gen *g = c->g;
  Rng *rng = c->rng;
  gint year = month_year (c->month);
  guint month = month_month (c->month);
  guint dim = fp_bank_days_in_month (year, month);
  gint32 day1 = month_day (c->month, 1);
  gint64 power;

  gen_year_money (p, year);
  gen_add_bank_item (c, p->current, month_day (c->month, 28), 6 * 60, p->net, FP_BANK_CATEGORY_SALARY, p->d_salary);
  gen_add_bank_item (c, p->current, day1, 7 * 60, -p->rent, FP_BANK_CATEGORY_RENT, p->d_rent);
  power = (gint64) (6000 + rng_below (rng, 2500)) * season[month - 1] / 100;
  gen_add_bank_item (c, p->current, month_day (c->month, 12), 8 * 60, -power, FP_BANK_CATEGORY_UTILITIES, g->d_power);
  if (month % 3 == 0)
    gen_add_bank_item (c, p->current, month_day (c->month, 18), 8 * 60,
                       -(gint64) (7000 + rng_below (rng, 4000)), FP_BANK_CATEGORY_UTILITIES, g->d_water);
  gen_add_bank_item (c, p->current, month_day (c->month, 15), 8 * 60, -p->internet, FP_BANK_CATEGORY_UTILITIES, g->d_net);
  gen_add_bank_item (c, p->current, month_day (c->month, 20), 8 * 60, -p->mobile, FP_BANK_CATEGORY_UTILITIES, g->d_mobile);

  savings_items (c);
  loan_items (c);
  investment_items (c);

  /* Now and then money to or from friends and family. */
  for (guint dir = 0; dir < 2; dir++)
    {
      const char *first, *last;
      g_autofree char *name = NULL;
      gint32 d, t;
      gint64 amount;

      if (rng_below (rng, 100) >= (dir == 0 ? 15u : 10u))
        continue;
      first = dir == 0 ? pick (rng, gen_female_names, G_N_ELEMENTS (gen_female_names))
                       : pick (rng, gen_male_names, G_N_ELEMENTS (gen_male_names));
      last = pick (rng, gen_last_names, G_N_ELEMENTS (gen_last_names));
      d = day1 + (gint32) rng_below (rng, dim);
      t = 12 * 60 + (gint32) rng_below (rng, 600);
      amount = (gint64) (dir == 0 ? 20 : 10) * 1000 + (gint64) rng_below (rng, 30) * 1000;
      name = g_strdup_printf (dir == 0 ? "Transfer to %s %s" : "Transfer from %s %s", first, last);
      gen_add_bank_item (c, p->current, d, t, dir == 0 ? -amount : amount, FP_BANK_CATEGORY_TRANSFER,
                         fp_bank_data_intern (g->data, name));
    }
}

/**
 * gen_repayments:
 * @statement_sums: per card, what was booked on it last month
 *
 * Last month's card statements are paid in full on the 22nd from the
 * current account; a card left in credit gets its credit back.
 */
void
gen_repayments (Cust         *c,
                const gint64 *statement_sums)
{
  Plan *p = c->p;
  gint32 d = month_day (c->month, 22);

  for (guint k = 0; k < p->n_cards; k++)
    {
      gint64 owed = -statement_sums[k];

      if (!p->cards[k].credit || owed == 0)
        continue;
      gen_add_bank_item (c, p->current, d, 11 * 60, -owed, FP_BANK_CATEGORY_CARD_REPAYMENT, p->d_card_repay[k]);
      gen_add_bank_item (c, p->cards[k].account, d, 11 * 60, owed, FP_BANK_CATEGORY_CARD_REPAYMENT,
                         owed > 0 ? c->g->d_card_paid : c->g->d_card_credit);
    }
}
