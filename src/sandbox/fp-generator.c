/* fp-generator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every customer draws from its own xoshiro256** stream, seeded through
 * splitmix64 from (seed, customer id); the demo customer from a fixed seed.
 * Only integer arithmetic reaches the output, and nothing depends on hash
 * table order, the locale or the clock, so the same options give the same
 * bytes everywhere.
 *
 * This file holds the generation and the bank-side items of each month;
 * fp-generator-people.c the customers, cards and accounts,
 * fp-generator-card.c the card purchases, fp-generator-tables.c the data.
 */

#define G_LOG_DOMAIN "fp-generator"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "fp-generator-private.h"

#define DEMO_SEED         G_GUINT64_CONSTANT (0x5eed0fde30c0ffee)
#define FUND_SEED         G_GUINT64_CONSTANT (0xf0dd0a11fa11ed00)
#define FIRST_FUND_YEAR   1960

guint64
fp_generator_splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_seed (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  guint64 x = seed ^ fp_generator_splitmix64 (&stream);

  for (guint i = 0; i < 4; i++)
    rng->s[i] = fp_generator_splitmix64 (&x);
}

static gint32
month_day (gint  year,
           guint month,
           guint day)
{
  guint dim = fp_bank_days_in_month (year, month);

  return fp_bank_days_from_civil (year, month, MIN (day, dim));
}

static char *
format_zip (guint zip)
{
  return g_strdup_printf ("%u.0", zip);
}

static void
gen_init (Gen                      *g,
          FpBankData               *data,
          const FpGeneratorOptions *options)
{
  gint end_year = (gint) options->end_year;
  gint first_year;
  guint first_month;
  gint months_index;

  memset (g, 0, sizeof *g);
  g->data = data;
  g->options = options;
  g->last_day = fp_bank_days_from_civil (end_year, options->end_month, options->end_day);

  /* History starts on the first day of the month, years * 12 - 1 months
   * before the last one. */
  months_index = end_year * 12 + (gint) options->end_month - 1 - ((gint) options->years * 12 - 1);
  first_year = months_index / 12;
  first_month = (guint) (months_index % 12) + 1;
  g->first_year = first_year;
  g->first_month = first_month;
  g->first_day = fp_bank_days_from_civil (first_year, first_month, 1);
  g->n_months = options->years * 12;

  for (guint i = 0; i < G_N_ELEMENTS (gen_mcc_mix); i++)
    g->mcc_total_weight += gen_mcc_mix[i].weight;

  g->id_online = fp_bank_data_intern (data, "ONLINE");
  for (guint i = 0; i < G_N_ELEMENTS (gen_cities); i++)
    {
      g->city_ids[i] = fp_bank_data_intern (data, gen_cities[i].city);
      g->state_ids[i] = fp_bank_data_intern (data, gen_cities[i].state);
      for (guint k = 0; k < 8; k++)
        {
          g_autofree char *zip = format_zip (gen_cities[i].zip + k);

          g->zip_ids[i][k] = fp_bank_data_intern (data, zip);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (gen_abroad); i++)
    {
      g->abroad_city_ids[i] = fp_bank_data_intern (data, gen_abroad[i].city);
      g->abroad_country_ids[i] = fp_bank_data_intern (data, gen_abroad[i].country);
    }
  for (guint i = 0; i < G_N_ELEMENTS (gen_error_mix); i++)
    g->error_ids[i] = fp_bank_data_intern (data, gen_error_mix[i].errors);

  /* Fund prices: one fixed path per fund, the same for every seed. */
  g->n_fund_months = (guint) ((end_year + 1 - FIRST_FUND_YEAR) * 12);
  for (guint f = 0; f < G_N_ELEMENTS (gen_funds); f++)
    {
      Rng rng;
      gint64 price = gen_funds[f].start_price;

      rng_seed (&rng, FUND_SEED, f);
      g->fund_prices[f] = g_new (guint32, g->n_fund_months);
      for (guint m = 0; m < g->n_fund_months; m++)
        {
          gint64 r = gen_funds[f].drift_bps + rng_range (&rng, -gen_funds[f].vol_bps, gen_funds[f].vol_bps);

          price = price * (10000 + r) / 10000;
          price = CLAMP (price, 10, G_MAXINT32 / 2);
          g->fund_prices[f][m] = (guint32) price;
        }
    }
}

static void
gen_clear (Gen *g)
{
  for (guint f = 0; f < G_N_ELEMENTS (gen_funds); f++)
    g_free (g->fund_prices[f]);
}

static guint32
fund_price (Gen   *g,
            guint  fund,
            gint   year,
            guint  month)
{
  gint index = (year - FIRST_FUND_YEAR) * 12 + (gint) month - 1;

  index = CLAMP (index, 0, (gint) g->n_fund_months - 1);
  return g->fund_prices[fund][index];
}

static void
add_bank_item (Cust           *c,
               guint32         account,
               gint32          day,
               gint32          time_of_day,
               gint64          amount,
               FpBankCategory  category,
               guint32         description)
{
  Item item = { 0 };

  if (day < c->g->first_day || day > c->g->last_day || amount == 0)
    return;

  item.r.amount = amount;
  item.r.minutes = day * MINUTES_PER_DAY + time_of_day;
  item.r.account = account;
  item.r.card = FP_BANK_NO_ID;
  item.r.text = description;
  item.r.category = category;
  item.order = c->order++;
  g_array_append_val (c->items, item);
}

guint32
gen_intern_printf (FpBankData *data,
                       const char *format,
                       ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  return fp_bank_data_intern (data, text);
}

static void
gen_customer (Gen     *g,
              guint32  id,
              Rng     *rng,
              gboolean demo)
{
  Cust c = { 0 };
  Profile p;
  char person[64], address[64], apartment[8], username[32];
  FpBankCustomer *cu;
  FpBankAccount *a;
  gint end_year = (gint) g->options->end_year;
  gint64 net_monthly, rent, internet, mobile, savings_monthly, invest_monthly;
  gint64 loan_principal = 0, loan_payment = 0, loan_balance = 0, savings_balance;
  guint loan_apr = 0, loan_term = 0, savings_bps;
  guint32 employer, landlord, d_salary, d_rent, d_power, d_water, d_net, d_mobile;
  guint32 d_save_out, d_save_in, d_interest, d_loan_out, d_loan_in, d_loan_interest;
  guint32 d_loan_disb, d_loan_disb_in, d_inv_out, d_inv_in, d_card_paid;
  guint32 d_card_repay[4] = { 0 };
  guint sub_index[8], n_subs = 0, sub_day[8];
  guint fund_index[3], n_funds = 0;
  gint64 fund_qty[3] = { 0 }, fund_cost[3] = { 0 };
  gint64 statements[4] = { 0 }, pending_statements[4] = { 0 };
  gint64 spend_budget, avg_purchase = 0;
  Trip trips[4 * FP_GENERATOR_MAX_YEARS];
  guint n_trips = 0;
  guint n_cards;
  guint32 weight_sum = 0;

  c.g = g;
  c.rng = rng;
  c.customer = id;
  c.items = g_array_new (FALSE, FALSE, sizeof (Item));

  if (demo)
    {
      p = gen_demo_profile;
      g_strlcpy (username, FP_GENERATOR_DEMO_USERNAME, sizeof username);
    }
  else
    {
      gen_draw_profile (rng, &p, person, sizeof person, address, sizeof address,
                        apartment, sizeof apartment);
      g_snprintf (username, sizeof username, "user%u", id);
    }
  c.home = p.city;
  n_cards = demo ? 3 : 1 + rng_below (rng, 4);

  cu = fp_bank_data_append_customer (g->data, username);
  cu->person = fp_bank_data_intern_static (g->data, p.person);
  cu->current_age = p.age;
  cu->retirement_age = p.retirement_age;
  cu->birth_month = p.birth_month;
  cu->birth_year = (guint) (end_year - (gint) p.age - (p.birth_month > g->options->end_month ? 1 : 0));
  cu->gender = fp_bank_data_intern_static (g->data, p.gender);
  cu->address = fp_bank_data_intern_static (g->data, p.address);
  cu->apartment = fp_bank_data_intern_static (g->data, p.apartment);
  cu->city = fp_bank_data_intern_static (g->data, gen_cities[p.city].city);
  cu->state = fp_bank_data_intern_static (g->data, gen_cities[p.city].state);
  {
    g_autofree char *zip = g_strdup_printf ("%u", gen_cities[p.city].zip);

    cu->zipcode = fp_bank_data_intern_static (g->data, zip);
  }
  cu->latitude = fp_bank_data_intern_static (g->data, gen_cities[p.city].latitude);
  cu->longitude = fp_bank_data_intern_static (g->data, gen_cities[p.city].longitude);
  cu->per_capita_income = p.per_capita;
  cu->yearly_income = p.yearly_income;
  cu->total_debt = p.total_debt;
  cu->fico_score = p.fico;
  cu->num_credit_cards = n_cards;

  /* Accounts and cards. */
  net_monthly = round_down_to (p.yearly_income * 72 / 100 / 12, 1);
  a = fp_bank_data_append_account (g->data, id, FP_BANK_ACCOUNT_CURRENT);
  a->name = "Everyday Checking";
  gen_set_last_four (rng, a);
  c.current = a->id;
  fp_bank_data_set_opening_balance (g->data, c.current, net_monthly * (1 + rng_below (rng, 3)));

  c.savings = FP_BANK_NO_ID;
  if (demo || rng_below (rng, 10) < 8)
    {
      a = fp_bank_data_append_account (g->data, id, FP_BANK_ACCOUNT_SAVINGS);
      a->name = "Savings";
      gen_set_last_four (rng, a);
      a->interest_bps = 150 + rng_below (rng, 301);
      c.savings = a->id;
      fp_bank_data_set_opening_balance (g->data, c.savings, net_monthly * (1 + rng_below (rng, 6)));
    }

  {
    static const char * const brands[] = { "Visa", "Mastercard", "Amex", "Discover" };
    static const char * const demo_brands[] = { "Visa", "Mastercard", "Amex" };

    for (guint i = 0; i < n_cards; i++)
      {
        const char *brand = demo ? demo_brands[i] : i == 0 ? brands[rng_below (rng, 2)] : brands[rng_below (rng, 4)];
        const char *type = i == 0 ? "Debit" : (!demo && rng_below (rng, 10) == 0) ? "Debit (Prepaid)" : "Credit";
        gint64 limit;

        if (g_str_equal (type, "Debit (Prepaid)"))
          limit = (gint64) (20 + rng_below (rng, 130)) * 100;
        else
          limit = round_down_to (p.yearly_income * (15 + rng_below (rng, 40)) / 100, 100);
        gen_make_card (&c, i, brand, type, limit);
      }
    c.n_cards = n_cards;
  }

  c.loan = FP_BANK_NO_ID;
  if (demo || (p.total_debt > 0 && rng_below (rng, 10) < 6 && g->n_months >= 3))
    {
      static const guint terms[] = { 36, 48, 60 };

      loan_principal = demo ? 1200000
                            : CLAMP (round_down_to (p.yearly_income * (10 + rng_below (rng, 30)) / 100, 10000),
                                     300000, 6000000);
      loan_apr = demo ? 790 : 1800 - (p.fico - 580) * 1300 / 270;
      loan_term = demo ? 48 : terms[rng_below (rng, 3)];
      loan_payment = gen_annuity_payment (loan_principal, loan_apr, loan_term);
      a = fp_bank_data_append_account (g->data, id, FP_BANK_ACCOUNT_LOAN);
      a->name = "Personal Loan";
      gen_set_last_four (rng, a);
      a->interest_bps = loan_apr;
      a->loan_principal = loan_principal;
      a->loan_term_months = loan_term;
      a->loan_payment = loan_payment;
      c.loan = a->id;
    }

  c.investment = FP_BANK_NO_ID;
  if (demo || rng_below (rng, 2) == 0)
    {
      a = fp_bank_data_append_account (g->data, id, FP_BANK_ACCOUNT_INVESTMENT);
      a->name = "Investment Account";
      gen_set_last_four (rng, a);
      c.investment = a->id;
      n_funds = demo ? 3 : 2 + rng_below (rng, 2);
      for (guint i = 0; i < n_funds; i++)
        {
          guint f;
          gboolean taken;

          do
            {
              f = demo ? (guint []) { 0, 2, 4 }[i] : rng_below (rng, G_N_ELEMENTS (gen_funds));
              taken = FALSE;
              for (guint k = 0; k < i; k++)
                taken = taken || fund_index[k] == f;
            }
          while (taken);
          fund_index[i] = f;
        }
    }

  /* Subscriptions on the last card (a credit card when there is one). */
  n_subs = demo ? 4 : 1 + rng_below (rng, 4);
  for (guint i = 0; i < n_subs; i++)
    {
      sub_index[i] = demo ? i : rng_below (rng, G_N_ELEMENTS (gen_subscriptions));
      for (guint k = 0; k < i; k++)
        if (sub_index[k] == sub_index[i])
          sub_index[i] = (sub_index[i] + 1) % G_N_ELEMENTS (gen_subscriptions);
      sub_day[i] = 1 + rng_below (rng, 28);
    }

  /* Trips: one or two a year in the US, sometimes abroad. */
  for (guint y = 0; y < g->options->years; y++)
    {
      guint n = rng_below (rng, 3);

      for (guint i = 0; i < n && n_trips < G_N_ELEMENTS (trips); i++)
        {
          Trip *t = &trips[n_trips++];

          t->first = g->first_day + (gint32) (y * 365 + rng_below (rng, 358));
          t->last = t->first + 2 + (gint32) rng_below (rng, 6);
          t->place = rng_below (rng, 5) == 0 ? -1 - (gint) rng_below (rng, G_N_ELEMENTS (gen_abroad))
                                             : (gint) rng_below (rng, G_N_ELEMENTS (gen_cities));
        }
    }

  /* Descriptions. */
  employer = fp_bank_data_intern (g->data, demo ? gen_employers[0] : pick (rng, gen_employers, G_N_ELEMENTS (gen_employers)));
  landlord = fp_bank_data_intern (g->data, demo ? gen_landlords[0] : pick (rng, gen_landlords, G_N_ELEMENTS (gen_landlords)));
  d_salary = gen_intern_printf (g->data, "Salary %s", fp_bank_data_string (g->data, employer));
  d_rent = gen_intern_printf (g->data, "Rent %s", fp_bank_data_string (g->data, landlord));
  d_power = fp_bank_data_intern (g->data, "Electricity City Power & Light");
  d_water = fp_bank_data_intern (g->data, "Water and Sewer Utility");
  d_net = fp_bank_data_intern (g->data, "Internet Fibernet Home");
  d_mobile = fp_bank_data_intern (g->data, "Mobile Skyline Wireless");
  d_save_out = fp_bank_data_intern (g->data, "Transfer to Savings");
  d_save_in = fp_bank_data_intern (g->data, "Transfer from Everyday Checking");
  d_interest = fp_bank_data_intern (g->data, "Interest");
  d_loan_out = fp_bank_data_intern (g->data, "Personal Loan payment");
  d_loan_in = fp_bank_data_intern (g->data, "Payment received");
  d_loan_interest = fp_bank_data_intern (g->data, "Loan interest");
  d_loan_disb = fp_bank_data_intern (g->data, "Loan disbursement");
  d_loan_disb_in = fp_bank_data_intern (g->data, "Personal Loan disbursement");
  d_inv_out = fp_bank_data_intern (g->data, "Transfer to Investment Account");
  d_inv_in = fp_bank_data_intern (g->data, "Contribution");
  d_card_paid = fp_bank_data_intern (g->data, "Payment received, thank you");
  for (guint k = 0; k < c.n_cards; k++)
    if (c.cards[k].credit)
      {
        const FpBankCard *card = fp_bank_data_get_card (g->data, c.cards[k].card);

        d_card_repay[k] = gen_intern_printf (g->data, "Card repayment %s ...%s", card->brand, card->last_four);
      }

  /* The monthly budget. */
  rent = round_down_to (net_monthly * (22 + rng_below (rng, 12)) / 100, 500);
  internet = demo ? 6499 : 3999 + 1000 * rng_below (rng, 5);
  mobile = demo ? 4500 : 2500 + 500 * rng_below (rng, 10);
  savings_monthly = c.savings != FP_BANK_NO_ID ? round_down_to (net_monthly * (3 + rng_below (rng, 10)) / 100, 1000) : 0;
  invest_monthly = c.investment != FP_BANK_NO_ID ? round_down_to (net_monthly * (3 + rng_below (rng, 6)) / 100, 1000) : 0;
  savings_bps = c.savings != FP_BANK_NO_ID ? fp_bank_data_get_account (g->data, c.savings)->interest_bps : 0;
  savings_balance = c.savings != FP_BANK_NO_ID ? fp_bank_data_get_account (g->data, c.savings)->balance : 0;
  spend_budget = net_monthly - rent - internet - mobile - 9000 - savings_monthly - invest_monthly - loan_payment;
  for (guint i = 0; i < n_subs; i++)
    spend_budget -= gen_subscriptions[sub_index[i]].amount;
  spend_budget = MAX (spend_budget * 85 / 100, net_monthly / 6);
  for (guint i = 0; i < G_N_ELEMENTS (gen_mcc_mix); i++)
    {
      avg_purchase += (gint64) gen_mcc_mix[i].weight * gen_mcc_mix[i].median;
      weight_sum += gen_mcc_mix[i].weight;
    }
  avg_purchase = avg_purchase / weight_sum * 137 / 100;

  /* Initial investments, before the history. */
  for (guint i = 0; i < n_funds; i++)
    {
      gint64 lump = round_down_to (net_monthly * (1 + rng_below (rng, 6)) / (gint64) n_funds, 100);
      guint32 price = fund_price (g, fund_index[i], g->first_year, g->first_month);

      fund_qty[i] = lump * 1000 / price;
      fund_cost[i] = lump;
    }

  for (guint m = 0; m < g->n_months; m++)
    {
      gint mi = g->first_year * 12 + (gint) g->first_month - 1 + (gint) m;
      gint year = mi / 12;
      guint month = (guint) (mi % 12) + 1;
      guint dim = fp_bank_days_in_month (year, month);
      gint32 day1 = fp_bank_days_from_civil (year, month, 1);
      gint64 salary = net_monthly;
      gint64 n_purchases;

      /* A raise every January. */
      if (month == 1 && m > 0)
        {
          net_monthly = net_monthly * (102 + rng_below (rng, 3)) / 100;
          rent = rent * (101 + rng_below (rng, 4)) / 100;
          spend_budget = spend_budget * 103 / 100;
        }

      add_bank_item (&c, c.current, month_day (year, month, 28), 6 * 60, salary, FP_BANK_CATEGORY_SALARY, d_salary);
      add_bank_item (&c, c.current, day1, 7 * 60, -rent, FP_BANK_CATEGORY_RENT, d_rent);
      {
        /* Electricity follows the seasons. */
        static const guint8 season[12] = { 140, 130, 110, 90, 80, 100, 130, 135, 100, 85, 100, 130 };
        gint64 power = (gint64) (6000 + rng_below (rng, 2500)) * season[month - 1] / 100;

        add_bank_item (&c, c.current, month_day (year, month, 12), 8 * 60, -power, FP_BANK_CATEGORY_UTILITIES, d_power);
      }
      if (month % 3 == 0)
        add_bank_item (&c, c.current, month_day (year, month, 18), 8 * 60,
                       -(gint64) (7000 + rng_below (rng, 4000)), FP_BANK_CATEGORY_UTILITIES, d_water);
      add_bank_item (&c, c.current, month_day (year, month, 15), 8 * 60, -internet, FP_BANK_CATEGORY_UTILITIES, d_net);
      add_bank_item (&c, c.current, month_day (year, month, 20), 8 * 60, -mobile, FP_BANK_CATEGORY_UTILITIES, d_mobile);

      if (c.savings != FP_BANK_NO_ID)
        {
          gint32 d = month_day (year, month, 2);
          gint32 last = month_day (year, month, 31);
          gint64 interest;

          add_bank_item (&c, c.current, d, 9 * 60, -savings_monthly, FP_BANK_CATEGORY_SAVINGS, d_save_out);
          add_bank_item (&c, c.savings, d, 9 * 60, savings_monthly, FP_BANK_CATEGORY_SAVINGS, d_save_in);
          if (d >= g->first_day && d <= g->last_day)
            savings_balance += savings_monthly;
          interest = savings_balance * savings_bps / 120000;
          add_bank_item (&c, c.savings, last, 23 * 60, interest, FP_BANK_CATEGORY_INTEREST, d_interest);
          if (last >= g->first_day && last <= g->last_day)
            savings_balance += interest;
        }

      if (c.loan != FP_BANK_NO_ID)
        {
          if (m == 1)
            {
              gint32 d = month_day (year, month, 3);

              add_bank_item (&c, c.loan, d, 10 * 60, -loan_principal, FP_BANK_CATEGORY_TRANSFER, d_loan_disb);
              add_bank_item (&c, c.current, d, 10 * 60, loan_principal, FP_BANK_CATEGORY_TRANSFER, d_loan_disb_in);
              loan_balance = loan_principal;
            }
          else if (m > 1 && loan_balance > 0)
            {
              gint32 d = month_day (year, month, 5);
              gint64 interest = (loan_balance * loan_apr + 60000) / 120000;
              gint64 pay = MIN (loan_payment, loan_balance + interest);

              add_bank_item (&c, c.loan, d, 0, -interest, FP_BANK_CATEGORY_INTEREST, d_loan_interest);
              add_bank_item (&c, c.loan, d, 9 * 60, pay, FP_BANK_CATEGORY_LOAN_PAYMENT, d_loan_in);
              add_bank_item (&c, c.current, d, 9 * 60, -pay, FP_BANK_CATEGORY_LOAN_PAYMENT, d_loan_out);
              loan_balance += interest - pay;
            }
        }

      if (c.investment != FP_BANK_NO_ID && invest_monthly > 0)
        {
          gint32 d = month_day (year, month, 10);

          add_bank_item (&c, c.current, d, 9 * 60, -invest_monthly, FP_BANK_CATEGORY_INVESTMENT, d_inv_out);
          add_bank_item (&c, c.investment, d, 9 * 60, invest_monthly, FP_BANK_CATEGORY_INVESTMENT, d_inv_in);
          if (d >= g->first_day && d <= g->last_day)
            for (guint i = 0; i < n_funds; i++)
              {
                gint64 part = invest_monthly / (gint64) n_funds + (i == 0 ? invest_monthly % (gint64) n_funds : 0);

                fund_qty[i] += part * 1000 / fund_price (g, fund_index[i], year, month);
                fund_cost[i] += part;
              }
        }

      /* Last month's card statements are paid in full on the 22nd. */
      for (guint k = 0; k < c.n_cards; k++)
        {
          if (c.cards[k].credit && statements[k] > 0)
            {
              gint32 d = month_day (year, month, 22);

              add_bank_item (&c, c.current, d, 11 * 60, -statements[k], FP_BANK_CATEGORY_CARD_REPAYMENT, d_card_repay[k]);
              add_bank_item (&c, c.cards[k].account, d, 11 * 60, statements[k], FP_BANK_CATEGORY_CARD_REPAYMENT, d_card_paid);
            }
          statements[k] = 0;
        }

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
          add_bank_item (&c, c.current, d, t, dir == 0 ? -amount : amount, FP_BANK_CATEGORY_TRANSFER,
                         fp_bank_data_intern (g->data, name));
        }

      /* Subscriptions: same merchant, same amount, same day. */
      for (guint i = 0; i < n_subs; i++)
        {
          const Subscription *s = &gen_subscriptions[sub_index[i]];
          const CardInfo *card = &c.cards[c.n_cards - 1];
          gint32 d = month_day (year, month, sub_day[i]);
          Item item = { 0 };

          if (d < g->first_day || d > g->last_day)
            continue;
          item.r.amount = -(gint64) s->amount;
          item.r.merchant = s->merchant;
          item.r.minutes = d * MINUTES_PER_DAY + 3 * 60 + (gint32) (sub_index[i] * 7);
          item.r.account = card->account;
          item.r.card = card->card;
          item.r.city = g->id_online;
          item.r.mcc = s->mcc;
          item.r.use_chip = FP_BANK_USE_CHIP_ONLINE;
          item.r.category = FP_BANK_CATEGORY_SUBSCRIPTION;
          item.order = c.order++;
          g_array_append_val (c.items, item);
        }

      /* Card purchases. */
      n_purchases = spend_budget / MAX (avg_purchase, 1);
      n_purchases = n_purchases * (85 + rng_below (rng, 31)) / 100;
      for (gint64 i = 0; i < n_purchases; i++)
        {
          gint32 d = day1 + (gint32) rng_below (rng, dim);

          if (d >= g->first_day && d <= g->last_day)
            gen_add_purchase (&c, trips, n_trips, d);
        }

      memset (pending_statements, 0, sizeof pending_statements);
      gen_flush_items (&c, pending_statements);
      for (guint k = 0; k < c.n_cards; k++)
        statements[k] = pending_statements[k];
    }

  /* Holdings at the last price. */
  for (guint i = 0; i < n_funds; i++)
    {
      const Fund *f = &gen_funds[fund_index[i]];
      FpBankHolding *h = fp_bank_data_append_holding (g->data, c.investment);

      h->name = fp_bank_data_intern_static (g->data, f->name);
      h->isin = fp_bank_data_intern_static (g->data, f->isin);
      h->asset_class = fp_bank_data_intern_static (g->data, f->asset_class);
      h->quantity_milli = fund_qty[i];
      h->unit_price = fund_price (g, fund_index[i], end_year, g->options->end_month);
      h->market_value = fund_qty[i] * h->unit_price / 1000;
      h->cost_basis = fund_cost[i];
    }
  if (c.investment != FP_BANK_NO_ID)
    fp_bank_data_revalue_investment (g->data, c.investment);

  g_array_unref (c.items);
}

void
fp_generator_options_init (FpGeneratorOptions *options)
{
  g_return_if_fail (options != NULL);

  options->customers = 10;
  options->years = 3;
  options->seed = 1;
  options->end_year = FP_GENERATOR_DEFAULT_END_YEAR;
  options->end_month = FP_GENERATOR_DEFAULT_END_MONTH;
  options->end_day = FP_GENERATOR_DEFAULT_END_DAY;
}

FpBankData *
fp_generator_generate (const FpGeneratorOptions  *options,
                       GError                   **error)
{
  g_autoptr(FpBankData) data = NULL;
  Gen g;
  Rng rng;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options->customers > FP_GENERATOR_MAX_CUSTOMERS)
    {
      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID,
                   _("The number of customers must be at most %u"), FP_GENERATOR_MAX_CUSTOMERS);
      return NULL;
    }
  if (options->years < 1 || options->years > FP_GENERATOR_MAX_YEARS)
    {
      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID,
                   _("The years of history must be between 1 and %u"), FP_GENERATOR_MAX_YEARS);
      return NULL;
    }
  if ((guint64) (options->customers + 1) * options->years > FP_GENERATOR_MAX_CUSTOMER_YEARS)
    {
      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID,
                   _("The customers times the years of history must be at most %u"),
                   FP_GENERATOR_MAX_CUSTOMER_YEARS);
      return NULL;
    }
  if (options->end_year < 1990 + FP_GENERATOR_MAX_YEARS || options->end_year > 2100 ||
      options->end_month < 1 || options->end_month > 12 || options->end_day < 1 ||
      options->end_day > fp_bank_days_in_month ((gint) options->end_year, options->end_month))
    {
      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID,
                   _("The last day of history must be a date between 2020 and 2100"));
      return NULL;
    }

  data = fp_bank_data_new ();
  gen_init (&g, data, options);

  rng_seed (&rng, DEMO_SEED, 0);
  gen_customer (&g, 0, &rng, TRUE);
  for (guint i = 1; i <= options->customers; i++)
    {
      rng_seed (&rng, options->seed, i);
      gen_customer (&g, i, &rng, FALSE);
    }

  fp_bank_data_seal (data);
  gen_clear (&g);

  return g_steal_pointer (&data);
}

FpBankData *
fp_bank_data_new_generated (guint     customers,
                            guint     years,
                            guint64   seed,
                            GError  **error)
{
  FpGeneratorOptions options;

  fp_generator_options_init (&options);
  options.customers = customers;
  options.years = years;
  options.seed = seed;

  return fp_generator_generate (&options, error);
}
