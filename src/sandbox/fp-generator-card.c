/* fp-generator-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Card purchases: what, where, when and on which card; refunds, tips added
 * after the authorization, reversed authorizations, declined attempts and
 * fraud episodes; and what each credit card's statement adds up to.
 * Merchants are hashes of (MCC, place, rank), so the same merchant shows
 * up for every customer who shops in that city.
 */

#define G_LOG_DOMAIN "fp-generator"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fp-generator-private.h"

static guint32
pick_mcc (Gen *g,
          Rng *rng)
{
  guint32 r = rng_below (rng, g->mcc_total_weight);

  for (guint i = 0; i < G_N_ELEMENTS (gen_mcc_mix); i++)
    {
      if (r < gen_mcc_mix[i].weight)
        return i;
      r -= gen_mcc_mix[i].weight;
    }
  return 0;
}

static gint64
draw_amount (Rng    *rng,
             guint   mcc,
             guint32 median)
{
  gint64 cents = (gint64) median * gen_amount_spread[rng_below (rng, 16)] / 100;

  cents = cents * (90 + rng_below (rng, 21)) / 100;
  if (mcc == 6011)
    return MAX (2000, cents / 2000 * 2000);
  return MAX (cents, 50);
}

/* Minutes into the day: few purchases at night. */
static gint32
draw_time_of_day (Rng *rng)
{
  static const guint8 hour_weights[24] = {
    1, 1, 1, 1, 1, 2, 4, 6, 8, 9, 10, 11, 12, 11, 10, 10, 11, 12, 12, 11, 9, 6, 4, 2,
  };
  guint32 r = rng_below (rng, 174);
  guint hour = 0;

  while (hour < 23 && r >= hour_weights[hour])
    r -= hour_weights[hour++];

  return (gint32) (hour * 60 + rng_below (rng, 60));
}

/* Where a purchase on @day happens: a trip's place or near home. */
static gint
place_on (Cust       *c,
          const Trip *trips,
          guint       n_trips,
          gint32      day)
{
  for (guint i = 0; i < n_trips; i++)
    if (day >= trips[i].first && day <= trips[i].last)
      return trips[i].place;

  if (rng_below (c->rng, 10) == 0)
    return (gint) rng_below (c->rng, G_N_ELEMENTS (gen_cities));
  return (gint) c->p->home;
}

static void
set_card_place (Cust            *c,
                FpBankTxnRecord *r,
                const CardInfo  *card,
                gboolean         online,
                gint             place,
                guint            rank)
{
  Gen *g = c->g;
  guint16 mcc = r->mcc;

  if (online)
    {
      r->city = g->id_online;
      r->state = 0;
      r->zip = 0;
      r->use_chip = FP_BANK_USE_CHIP_ONLINE;
      r->merchant = (gint64) hash3 (mcc, 0xffff, rank % 6);
      return;
    }

  if (place < 0)
    {
      guint a = (guint) (-1 - place);

      r->city = g->abroad_city_ids[a];
      r->state = g->abroad_country_ids[a];
      r->zip = 0;
      r->merchant = (gint64) hash3 (mcc, 0x10000 + a, rank);
    }
  else
    {
      guint64 h = hash3 (mcc, (guint64) place, rank);

      r->city = g->city_ids[place];
      r->state = g->state_ids[place];
      r->zip = g->zip_ids[place][h % 8];
      r->merchant = (gint64) h;
    }

  /* US chip cards took over after the October 2015 liability shift. */
  if (card->has_chip && r->minutes >= fp_clock_day_from_civil (2015, 10, 1) * MINUTES_PER_DAY &&
      rng_below (c->rng, 10) != 0)
    r->use_chip = FP_BANK_USE_CHIP_CHIP;
  else
    r->use_chip = FP_BANK_USE_CHIP_SWIPE;
}

static const CardInfo *
pick_card (Cust *c)
{
  /* The first card (debit) takes half of the purchases. */
  if (c->p->n_cards == 1 || rng_below (c->rng, 2) == 0)
    return &c->p->cards[0];
  return &c->p->cards[1 + rng_below (c->rng, c->p->n_cards - 1)];
}

static void
add_purchase (Cust       *c,
              const Trip *trips,
              guint       n_trips,
              gint32      day)
{
  Item item = { 0 };
  guint index = pick_mcc (c->g, c->rng);
  const MccEntry *e = &gen_mcc_mix[index];
  const CardInfo *card = pick_card (c);
  gboolean online = rng_below (c->rng, 1000) < e->online_permille;
  gint place = online ? 0 : place_on (c, trips, n_trips, day);
  guint rank = rng_below (c->rng, 12);
  guint rank2 = rng_below (c->rng, 12);
  gboolean declined = FALSE;
  guint32 r;

  rank = MIN (rank, rank2);

  item.origin = c->month;
  item.r.mcc = e->mcc;
  item.r.amount = -draw_amount (c->rng, e->mcc, e->median);
  item.r.minutes = day * MINUTES_PER_DAY + draw_time_of_day (c->rng);
  item.r.account = card->account;
  item.r.card = card->card;
  item.r.category = FP_BANK_CATEGORY_CARD;
  set_card_place (c, &item.r, card, online, place, rank);

  r = rng_below (c->rng, 100000);
  for (guint i = 0; i < G_N_ELEMENTS (gen_error_mix); i++)
    {
      if (r < gen_error_mix[i].per_100k)
        {
          item.r.text = c->g->error_ids[i];
          declined = TRUE;
          break;
        }
      r -= gen_error_mix[i].per_100k;
    }

  /* Tips added after the authorization, and authorizations reversed; a
   * declined attempt has neither. The draws happen either way, so that
   * what follows does not depend on them. */
  if (e->mcc == 5812 && rng_below (c->rng, 50) == 0)
    {
      item.action = ACTION_UPDATE;
      item.new_amount = item.r.amount * (115 + rng_below (c->rng, 6)) / 100;
    }
  else if (rng_per_million (c->rng, 3000))
    item.action = ACTION_DELETE;
  if (declined)
    item.action = ACTION_NONE;

  item.order = c->order++;
  g_array_append_val (c->items, item);

  /* A refund, days later, by the same merchant, with its MCC: only of what
   * was booked and stayed booked. */
  if (e->refund_permille > 0 && rng_below (c->rng, 1000) < e->refund_permille)
    {
      Item refund = item;
      gint32 days_later = (gint32) rng_range (c->rng, 2, 20);

      refund.r.amount = -(item.action == ACTION_UPDATE ? item.new_amount : item.r.amount);
      refund.r.minutes += days_later * MINUTES_PER_DAY;
      refund.r.text = 0;
      refund.action = ACTION_NONE;
      refund.order = c->order++;
      if (!declined && item.action != ACTION_DELETE)
        g_array_append_val (c->items, refund);
    }

  /* About one card purchase in 4000 starts a fraud episode. */
  if (rng_per_million (c->rng, 250))
    {
      guint n = 3 + rng_below (c->rng, 4);
      gint fraud_place = rng_below (c->rng, 2) == 0
                         ? -1 - (gint) rng_below (c->rng, G_N_ELEMENTS (gen_abroad))
                         : (gint) rng_below (c->rng, G_N_ELEMENTS (gen_cities));

      for (guint i = 0; i < n; i++)
        {
          Item f = { 0 };
          guint16 mcc = gen_fraud_mccs[rng_below (c->rng, G_N_ELEMENTS (gen_fraud_mccs))];
          gboolean f_online = rng_below (c->rng, 10) < 6;

          f.origin = c->month;
          f.r.mcc = mcc;
          f.r.amount = -(gint64) rng_range (c->rng, 5000, 150000);
          f.r.minutes = item.r.minutes + (gint32) rng_range (c->rng, 30, 2 * MINUTES_PER_DAY);
          f.r.account = card->account;
          f.r.card = card->card;
          f.r.category = FP_BANK_CATEGORY_CARD;
          f.r.is_fraud = 1;
          set_card_place (c, &f.r, card, f_online, fraud_place, 20 + rng_below (c->rng, 50));
          if (rng_below (c->rng, 8) == 0)
            f.r.text = c->g->error_ids[rng_below (c->rng, 3)];
          f.order = c->order++;
          g_array_append_val (c->items, f);
        }
    }
}

/* The trips of @year: one or two a year in the US, sometimes abroad. */
static guint
year_trips (Plan  *p,
            gint   year,
            Trip  *trips)
{
  Rng rng;
  gint32 jan1 = fp_clock_day_from_civil (year, 1, 1);
  guint n;

  gen_plan_rng (p, 0x7472697073, year, &rng);
  n = rng_below (&rng, 3);
  for (guint i = 0; i < n; i++)
    {
      Trip *t = &trips[i];

      t->first = jan1 + (gint32) rng_below (&rng, 358);
      t->last = t->first + 2 + (gint32) rng_below (&rng, 6);
      t->place = rng_below (&rng, 5) == 0 ? -1 - (gint) rng_below (&rng, G_N_ELEMENTS (gen_abroad))
                                          : (gint) rng_below (&rng, G_N_ELEMENTS (gen_cities));
    }
  return n;
}

/**
 * gen_card_items:
 *
 * The card items of the month: subscriptions (same merchant, same amount,
 * same day, on the last card), then the purchases of the month's budget
 * with their refunds and fraud episodes, which may fall into the next
 * month.
 */
void
gen_card_items (Cust *c)
{
  Plan *p = c->p;
  gint year = month_year (c->month);
  guint dim = fp_bank_days_in_month (year, month_month (c->month));
  gint32 day1 = month_day (c->month, 1);
  Trip trips[4];
  guint n_trips;
  gint64 avg_purchase = 0, weight_sum = 0, n_purchases;

  /* Last year's trips may reach into January. */
  n_trips = year_trips (p, year - 1, trips);
  n_trips += year_trips (p, year, trips + n_trips);

  for (guint i = 0; i < p->n_subs; i++)
    {
      const Subscription *s = &gen_subscriptions[p->sub_index[i]];
      const CardInfo *card = &p->cards[p->n_cards - 1];
      gint32 d = month_day (c->month, p->sub_day[i]);
      Item item = { 0 };

      item.origin = c->month;
      item.r.amount = -(gint64) s->amount;
      item.r.merchant = s->merchant;
      item.r.minutes = d * MINUTES_PER_DAY + 3 * 60 + (gint32) (p->sub_index[i] * 7);
      item.r.account = card->account;
      item.r.card = card->card;
      item.r.city = c->g->id_online;
      item.r.mcc = s->mcc;
      item.r.use_chip = FP_BANK_USE_CHIP_ONLINE;
      item.r.category = FP_BANK_CATEGORY_SUBSCRIPTION;
      item.order = c->order++;
      g_array_append_val (c->items, item);
    }

  for (guint i = 0; i < G_N_ELEMENTS (gen_mcc_mix); i++)
    {
      avg_purchase += (gint64) gen_mcc_mix[i].weight * gen_mcc_mix[i].median;
      weight_sum += gen_mcc_mix[i].weight;
    }
  avg_purchase = avg_purchase / weight_sum * 137 / 100;

  gen_year_money (p, year);
  n_purchases = p->spend / MAX (avg_purchase, 1);
  n_purchases = n_purchases * (85 + rng_below (c->rng, 31)) / 100;
  for (gint64 i = 0; i < n_purchases; i++)
    add_purchase (c, trips, n_trips, day1 + (gint32) rng_below (c->rng, dim));
}

/**
 * gen_statement_sums:
 * @lists: the items of the months that may hold items dated in @month
 *   (drawn in it and the month before)
 * @sums: (out): per card of @p, the sum of what was booked on it in @month
 *   and stayed booked (declined attempts and reversed authorizations do
 *   not count, tips do), negative for what the customer owes
 */
void
gen_statement_sums (Plan           *p,
                    gint            month,
                    GArray * const *lists,
                    guint           n_lists,
                    gint64         *sums)
{
  gint32 first = month_day (month, 1) * MINUTES_PER_DAY;
  gint32 end = (month_day (month, 31) + 1) * MINUTES_PER_DAY;

  memset (sums, 0, sizeof (gint64) * G_N_ELEMENTS (p->cards));
  for (guint l = 0; l < n_lists; l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const Item *item = &g_array_index (lists[l], Item, i);

        if (item->r.card == FP_BANK_NO_ID || item->r.minutes < first || item->r.minutes >= end ||
            fp_bank_txn_record_is_declined (&item->r) || item->action == ACTION_DELETE)
          continue;
        for (guint k = 0; k < p->n_cards; k++)
          if (p->cards[k].credit && p->cards[k].account == item->r.account)
            sums[k] += item->action == ACTION_UPDATE ? item->new_amount : item->r.amount;
      }
}

int
gen_compare_items (gconstpointer a,
                   gconstpointer b)
{
  const Item *ia = a;
  const Item *ib = b;

  if (ia->r.minutes != ib->r.minutes)
    return ia->r.minutes < ib->r.minutes ? -1 : 1;
  if (ia->origin != ib->origin)
    return ia->origin < ib->origin ? -1 : 1;
  return ia->order < ib->order ? -1 : ia->order > ib->order ? 1 : 0;
}
