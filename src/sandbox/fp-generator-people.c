/* fp-generator-people.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Customers as the TabFormer users file describes them, their accounts and
 * cards (with numbers that pass the Luhn check), and the plan that their
 * months are drawn from: salary, rent, bills, savings, loans, investments,
 * subscriptions. Everything here is drawn once, from the customer's setup
 * stream, and depends on nothing but the seed and the customer.
 */

#define G_LOG_DOMAIN "fp-generator"

#include "config.h"

#include <string.h>

#include "fp-generator-private.h"

/* The smallest instalment that pays @principal off in @months at @apr_bps,
 * with monthly interest rounded half up to the cent. */
gint64
gen_annuity_payment (gint64 principal,
                     guint  apr_bps,
                     guint  months)
{
  gint64 lo = principal / months;
  gint64 hi = principal + 1;

  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo) / 2;
      gint64 balance = principal;

      for (guint m = 0; m < months && balance > 0; m++)
        balance += (balance * apr_bps + 60000) / 120000 - mid;

      if (balance <= 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

static void
luhn_number (Rng        *rng,
             const char *prefix,
             guint       length,
             char       *out)
{
  guint len = (guint) strlen (prefix);
  guint sum = 0;

  memcpy (out, prefix, len);
  for (; len < length - 1; len++)
    out[len] = (char) ('0' + rng_below (rng, 10));
  out[length - 1] = '0';
  out[length] = '\0';

  for (guint i = 0; i < length; i++)
    {
      guint d = (guint) (out[length - 1 - i] - '0');

      if (i % 2 == 1)
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
  out[length - 1] = (char) ('0' + (10 - sum % 10) % 10);
}

const Profile gen_demo_profile = {
  "Alex Morgan", 37, 67, 6, "Female", "1200 Maple Avenue", "4B",
  5 /* Portland */, 3350800, 7850000, 2430000, 742,
};

static void
draw_profile (Rng     *rng,
              Profile *p,
              char    *person,
              gsize    person_size,
              char    *address,
              gsize    address_size,
              char    *apartment,
              gsize    apartment_size)
{
  /* One draw per statement: the order in which C evaluates arguments is
   * unspecified, and the output must not depend on the compiler. */
  gboolean female = rng_below (rng, 2) == 0;
  const char *first = female ? pick (rng, gen_female_names, G_N_ELEMENTS (gen_female_names))
                             : pick (rng, gen_male_names, G_N_ELEMENTS (gen_male_names));
  const char *last = pick (rng, gen_last_names, G_N_ELEMENTS (gen_last_names));
  guint number = 1 + rng_below (rng, 9899);
  const char *street = pick (rng, gen_streets, G_N_ELEMENTS (gen_streets));
  const char *street_kind = pick (rng, gen_street_kinds, G_N_ELEMENTS (gen_street_kinds));
  guint draw;

  g_snprintf (person, person_size, "%s %s", first, last);
  g_snprintf (address, address_size, "%u %s %s", number, street, street_kind);
  if (rng_below (rng, 4) == 0)
    g_snprintf (apartment, apartment_size, "%u", 1 + rng_below (rng, 40));
  else
    apartment[0] = '\0';

  p->person = person;
  p->address = address;
  p->apartment = apartment;
  p->gender = female ? "Female" : "Male";
  draw = rng_below (rng, 50);
  draw += rng_below (rng, 50);
  p->age = 23 + draw / 2;
  p->age += rng_below (rng, 4);
  p->retirement_age = 62 + rng_below (rng, 9);
  p->birth_month = 1 + rng_below (rng, 12);
  p->city = rng_below (rng, G_N_ELEMENTS (gen_cities));
  p->per_capita = (gint64) gen_cities[p->city].per_capita * (85 + rng_below (rng, 31)) / 100 * 100;
  p->yearly_income = round_down_to (p->per_capita * (110 + rng_below (rng, 160)) / 100, 100);
  p->total_debt = rng_below (rng, 10) == 0
                  ? 0 : round_down_to (p->yearly_income * rng_below (rng, 250) / 100, 100);
  draw = rng_below (rng, 271);
  draw += rng_below (rng, 271);
  p->fico = 580 + draw / 2;
}

static void
make_card (Gen        *g,
           Plan       *p,
           Rng        *rng,
           guint       index,
           const char *brand,
           const char *type,
           gint64      limit)
{
  char number[20];
  char cvv[4];
  FpBankCard *card;
  gboolean credit = g_str_equal (type, "Credit");
  gint open_year;

  if (g_str_equal (brand, "Amex"))
    luhn_number (rng, rng_below (rng, 2) == 0 ? "34" : "37", 15, number);
  else if (g_str_equal (brand, "Discover"))
    luhn_number (rng, "6011", 16, number);
  else if (g_str_equal (brand, "Mastercard"))
    luhn_number (rng, rng_below (rng, 2) == 0 ? "52" : "54", 16, number);
  else
    luhn_number (rng, "4", 16, number);
  g_snprintf (cvv, sizeof cvv, "%03u", rng_below (rng, 1000));

  card = fp_bank_data_append_card (g->data, p->customer, number, cvv);
  card->card_index = index;
  card->brand = fp_bank_data_intern_static (g->data, brand);
  card->card_type = fp_bank_data_intern_static (g->data, type);
  card->expires_month = 1 + rng_below (rng, 12);
  card->expires_year = GEN_REF_YEAR + 1 + rng_below (rng, 5);
  card->has_chip = rng_below (rng, 10) != 0;
  card->cards_issued = 1 + (rng_below (rng, 3) == 0 ? 1 : 0);
  card->credit_limit = limit;
  open_year = GEN_REF_YEAR - 3 - (gint) rng_below (rng, 12);
  card->open_month = 1 + rng_below (rng, 12);
  card->open_year = (guint) open_year;
  card->year_pin_last_changed = (guint) open_year + rng_below (rng, (guint) (GEN_REF_YEAR - open_year + 1));
  card->on_dark_web = FALSE;

  p->cards[index].card = card->id;
  p->cards[index].credit = credit;
  p->cards[index].has_chip = card->has_chip;

  if (credit)
    {
      guint32 card_id = card->id;
      FpBankAccount *account = fp_bank_data_append_account (g->data, p->customer, FP_BANK_ACCOUNT_CREDIT_CARD);

      /* The card's digits are the card's: the account is named by its kind. */
      account->name = fp_bank_data_string (g->data, gen_intern_printf (g->data, "%s Credit Card", brand));
      memcpy (account->last_four, number + strlen (number) - 4, 5);
      account->credit_limit = limit;
      account->card = card_id;
      p->cards[index].account = account->id;
      p->d_card_repay[index] = gen_intern_printf (g->data, "Payment to %s Credit Card", brand);
      card = (FpBankCard *) fp_bank_data_get_card (g->data, card_id);
    }
  else
    p->cards[index].account = p->current;
  card->account = p->cards[index].account;
}

static FpBankAccount *
add_account (Gen               *g,
             Plan              *p,
             Rng               *rng,
             FpBankAccountKind  kind,
             const char        *name)
{
  FpBankAccount *a = fp_bank_data_append_account (g->data, p->customer, kind);

  a->name = name;
  g_snprintf (a->last_four, sizeof a->last_four, "%04u", rng_below (rng, 10000));
  return a;
}

/* A month between @first_year and @first_year + @years - 1. */
static gint
draw_month (Rng  *rng,
            gint  first_year,
            guint years)
{
  return month_index (first_year, 1) + (gint) rng_below (rng, years * 12);
}

static void
setup_customer (Gen           *g,
                Plan          *p,
                const Profile *pr,
                const char    *username)
{
  FpBankCustomer *cu = fp_bank_data_append_customer (g->data, username);
  g_autofree char *zip = g_strdup_printf ("%05u", gen_cities[pr->city].zip);

  cu->person = fp_bank_data_intern_static (g->data, pr->person);
  cu->current_age = pr->age;
  cu->retirement_age = pr->retirement_age;
  cu->birth_month = pr->birth_month;
  /* The profile's age is the age at the end of October of GEN_REF_YEAR. */
  cu->birth_year = (guint) (GEN_REF_YEAR - (gint) pr->age - (pr->birth_month > 10 ? 1 : 0));
  cu->gender = fp_bank_data_intern_static (g->data, pr->gender);
  cu->address = fp_bank_data_intern_static (g->data, pr->address);
  cu->apartment = fp_bank_data_intern_static (g->data, pr->apartment);
  cu->city = fp_bank_data_intern_static (g->data, gen_cities[pr->city].city);
  cu->state = fp_bank_data_intern_static (g->data, gen_cities[pr->city].state);
  cu->zipcode = fp_bank_data_intern_static (g->data, zip);
  cu->latitude = fp_bank_data_intern_static (g->data, gen_cities[pr->city].latitude);
  cu->longitude = fp_bank_data_intern_static (g->data, gen_cities[pr->city].longitude);
  cu->per_capita_income = pr->per_capita;
  cu->yearly_income = pr->yearly_income;
  cu->total_debt = pr->total_debt;
  cu->fico_score = pr->fico;
  cu->num_credit_cards = p->n_cards;
}

/**
 * gen_customer_setup:
 *
 * Draws customer @id from @rng, its setup stream: the customer, its
 * accounts, cards and holdings (their values follow the days, see
 * gen_holdings_at()) and the plan @p its months are drawn from.
 */
void
gen_customer_setup (Gen      *g,
                    Plan     *p,
                    guint32   id,
                    Rng      *rng,
                    gboolean  demo)
{
  static const char * const brands[] = { "Visa", "Mastercard", "Amex", "Discover" };
  static const char * const demo_brands[] = { "Visa", "Mastercard", "Amex" };
  static const guint terms[] = { 36, 48, 60 };
  Profile pr;
  char person[64], address[64], apartment[8], username[32];
  FpBankAccount *a;
  gint64 loan_burden;

  memset (p, 0, sizeof *p);
  p->customer = id;
  p->demo = demo;
  p->year = G_MININT;
  p->savings = p->loan = p->investment = FP_BANK_NO_ID;

  if (demo)
    {
      pr = gen_demo_profile;
      g_strlcpy (username, FP_GENERATOR_DEMO_USERNAME, sizeof username);
    }
  else
    {
      draw_profile (rng, &pr, person, sizeof person, address, sizeof address,
                    apartment, sizeof apartment);
      g_snprintf (username, sizeof username, "user%u", id);
    }
  p->home = pr.city;
  p->n_cards = demo ? 3 : 1 + rng_below (rng, 4);
  setup_customer (g, p, &pr, username);
  p->net_ref = round_down_to (pr.yearly_income * 72 / 100 / 12, 1);

  /* Accounts and cards. */
  a = add_account (g, p, rng, FP_BANK_ACCOUNT_CURRENT, "Everyday Checking");
  p->current = a->id;
  p->opening_months = 1 + rng_below (rng, 3);

  if (demo || rng_below (rng, 10) < 8)
    {
      a = add_account (g, p, rng, FP_BANK_ACCOUNT_SAVINGS, "Savings");
      a->interest_bps = 150 + rng_below (rng, 301);
      p->savings = a->id;
      p->savings_bps = a->interest_bps;
      p->savings_initial_months = 1 + rng_below (rng, 6);
      p->savings_open = demo ? month_index (2019, 3) : draw_month (rng, GEN_REF_YEAR - 12, 9);
    }

  for (guint i = 0; i < p->n_cards; i++)
    {
      const char *brand = demo ? demo_brands[i] : i == 0 ? brands[rng_below (rng, 2)] : brands[rng_below (rng, 4)];
      const char *type = i == 0 ? "Debit" : (!demo && rng_below (rng, 10) == 0) ? "Debit (Prepaid)" : "Credit";
      gint64 limit;

      if (g_str_equal (type, "Debit (Prepaid)"))
        limit = (gint64) (20 + rng_below (rng, 130)) * 100;
      else
        limit = round_down_to (pr.yearly_income * (15 + rng_below (rng, 40)) / 100, 100);
      make_card (g, p, rng, i, brand, type, limit);
    }

  /* Loans, one after another, each paid off before the next. */
  if (demo || (pr.total_debt > 0 && rng_below (rng, 10) < 6))
    {
      p->loan_principal = demo ? 1200000
                               : CLAMP (round_down_to (pr.yearly_income * (10 + rng_below (rng, 30)) / 100, 10000),
                                        300000, 6000000);
      p->loan_apr = demo ? 790 : 1800 - (pr.fico - 580) * 1300 / 270;
      p->loan_term = demo ? 48 : terms[rng_below (rng, 3)];
      p->loan_period = p->loan_term + (demo ? 6 : 1 + rng_below (rng, 24));
      p->loan_start = demo ? month_index (2023, 12) : draw_month (rng, GEN_REF_YEAR - 4, 4);
      p->loan_payment = gen_annuity_payment (p->loan_principal, p->loan_apr, p->loan_term);
      a = add_account (g, p, rng, FP_BANK_ACCOUNT_LOAN, "Personal Loan");
      a->interest_bps = p->loan_apr;
      a->loan_principal = p->loan_principal;
      a->loan_term_months = p->loan_term;
      a->loan_payment = p->loan_payment;
      p->loan = a->id;
    }

  if (demo || rng_below (rng, 2) == 0)
    {
      a = add_account (g, p, rng, FP_BANK_ACCOUNT_INVESTMENT, "Investment Account");
      p->investment = a->id;
      p->invest_initial_months = 1 + rng_below (rng, 6);
      p->invest_open = demo ? month_index (2020, 6) : draw_month (rng, GEN_REF_YEAR - 10, 8);
      p->n_funds = demo ? 3 : 2 + rng_below (rng, 2);
      for (guint i = 0; i < p->n_funds; i++)
        {
          guint f;
          gboolean taken;
          FpBankHolding *h;

          do
            {
              f = demo ? (guint []) { 0, 2, 4 }[i] : rng_below (rng, G_N_ELEMENTS (gen_funds));
              taken = FALSE;
              for (guint k = 0; k < i; k++)
                taken = taken || p->fund_index[k] == f;
            }
          while (taken);
          p->fund_index[i] = f;
          h = fp_bank_data_append_holding (g->data, p->investment);
          h->name = fp_bank_data_intern_static (g->data, gen_funds[f].name);
          h->isin = fp_bank_data_intern_static (g->data, gen_funds[f].isin);
          h->asset_class = fp_bank_data_intern_static (g->data, gen_funds[f].asset_class);
          p->holding_ids[i] = h->id;
        }
    }

  /* Subscriptions on the last card (a credit card when there is one). */
  p->n_subs = demo ? 4 : 1 + rng_below (rng, 4);
  for (guint i = 0; i < p->n_subs; i++)
    {
      p->sub_index[i] = demo ? i : rng_below (rng, G_N_ELEMENTS (gen_subscriptions));
      for (guint k = 0; k < i; k++)
        if (p->sub_index[k] == p->sub_index[i])
          p->sub_index[i] = (p->sub_index[i] + 1) % G_N_ELEMENTS (gen_subscriptions);
      p->sub_day[i] = 1 + rng_below (rng, 28);
    }

  {
    const char *employer = demo ? gen_employers[0] : pick (rng, gen_employers, G_N_ELEMENTS (gen_employers));
    const char *landlord = demo ? gen_landlords[0] : pick (rng, gen_landlords, G_N_ELEMENTS (gen_landlords));

    p->d_salary = gen_intern_printf (g->data, "Salary %s", employer);
    p->d_rent = gen_intern_printf (g->data, "Rent %s", landlord);
  }

  /* The monthly budget: what is left after rent, bills, savings,
   * investments, the loan and subscriptions, mostly spent by card. */
  p->rent_ref = round_down_to (p->net_ref * (22 + rng_below (rng, 12)) / 100, 500);
  p->internet = demo ? 6499 : 3999 + 1000 * rng_below (rng, 5);
  p->mobile = demo ? 4500 : 2500 + 500 * rng_below (rng, 10);
  p->savings_pct = p->savings != FP_BANK_NO_ID ? 3 + rng_below (rng, 10) : 0;
  p->invest_pct = p->investment != FP_BANK_NO_ID ? 3 + rng_below (rng, 6) : 0;
  loan_burden = p->loan != FP_BANK_NO_ID ? p->loan_payment : 0;
  p->spend_ref = p->net_ref - p->rent_ref - p->internet - p->mobile - 9000 -
                 round_down_to (p->net_ref * p->savings_pct / 100, 1000) -
                 round_down_to (p->net_ref * p->invest_pct / 100, 1000) - loan_burden;
  for (guint i = 0; i < p->n_subs; i++)
    p->spend_ref -= gen_subscriptions[p->sub_index[i]].amount;
  p->spend_ref = MAX (p->spend_ref * 85 / 100, p->net_ref / 6);
}
