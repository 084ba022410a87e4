/* fp-generator-people.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Customers as the TabFormer users file describes them, their cards (with
 * numbers that pass the Luhn check) and the loan instalment.
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

void
gen_draw_profile (Rng     *rng,
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

void
gen_make_card (Cust       *c,
               guint       index,
               const char *brand,
               const char *type,
               gint64      limit)
{
  Gen *g = c->g;
  Rng *rng = c->rng;
  char number[20];
  char cvv[4];
  FpBankCard *card;
  FpBankAccount *account;
  gboolean credit = g_str_equal (type, "Credit");
  guint32 card_id;
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

  card = fp_bank_data_append_card (g->data, c->customer, number, cvv);
  card_id = card->id;
  card->card_index = index;
  card->brand = fp_bank_data_intern_static (g->data, brand);
  card->card_type = fp_bank_data_intern_static (g->data, type);
  card->expires_month = 1 + rng_below (rng, 12);
  card->expires_year = g->options->end_year + 1 + rng_below (rng, 5);
  card->has_chip = rng_below (rng, 10) != 0;
  card->cards_issued = 1 + (rng_below (rng, 3) == 0 ? 1 : 0);
  card->credit_limit = limit;
  open_year = g->first_year - (gint) rng_below (rng, 12);
  card->open_month = 1 + rng_below (rng, 12);
  card->open_year = (guint) open_year;
  card->year_pin_last_changed = (guint) open_year + rng_below (rng, g->options->end_year - (guint) open_year + 1);
  card->on_dark_web = FALSE;

  c->cards[index].card = card_id;
  c->cards[index].credit = credit;
  c->cards[index].has_chip = fp_bank_data_get_card (g->data, card_id)->has_chip;

  if (credit)
    {
      account = fp_bank_data_append_account (g->data, c->customer, FP_BANK_ACCOUNT_CREDIT_CARD);
      account->name = fp_bank_data_string (g->data, gen_intern_printf (g->data, "%s Credit ...%s", brand,
                                                                       number + strlen (number) - 4));
      memcpy (account->last_four, number + strlen (number) - 4, 5);
      account->credit_limit = limit;
      account->card = card_id;
      c->cards[index].account = account->id;
    }
  else
    c->cards[index].account = c->current;

  ((FpBankCard *) fp_bank_data_get_card (g->data, card_id))->account = c->cards[index].account;
}

void
gen_set_last_four (Rng           *rng,
                   FpBankAccount *account)
{
  g_snprintf (account->last_four, sizeof account->last_four, "%04u", rng_below (rng, 10000));
}
