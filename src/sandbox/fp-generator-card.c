/* fp-generator-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Card purchases: what, where, when and on which card; refunds, tips added
 * after the authorization, reversed authorizations and fraud episodes.
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
  return (gint) c->home;
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
  if (card->has_chip && r->minutes >= fp_bank_days_from_civil (2015, 10, 1) * MINUTES_PER_DAY &&
      rng_below (c->rng, 10) != 0)
    r->use_chip = FP_BANK_USE_CHIP_CHIP;
  else
    r->use_chip = FP_BANK_USE_CHIP_SWIPE;
}

static const CardInfo *
pick_card (Cust *c)
{
  /* The first card (debit) takes half of the purchases. */
  if (c->n_cards == 1 || rng_below (c->rng, 2) == 0)
    return &c->cards[0];
  return &c->cards[1 + rng_below (c->rng, c->n_cards - 1)];
}

void
gen_add_purchase (Cust           *c,
                  const Trip     *trips,
                  guint           n_trips,
                  gint32          day)
{
  Item item = { 0 };
  guint index = pick_mcc (c->g, c->rng);
  const MccEntry *e = &gen_mcc_mix[index];
  const CardInfo *card = pick_card (c);
  gboolean online = rng_below (c->rng, 1000) < e->online_permille;
  gint place = online ? 0 : place_on (c, trips, n_trips, day);
  guint rank = rng_below (c->rng, 12);
  guint rank2 = rng_below (c->rng, 12);
  guint32 r;

  rank = MIN (rank, rank2);

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
          break;
        }
      r -= gen_error_mix[i].per_100k;
    }

  /* Tips added after the authorization, and authorizations reversed. */
  if (e->mcc == 5812 && rng_below (c->rng, 50) == 0)
    {
      item.action = ACTION_UPDATE;
      item.new_amount = item.r.amount * (115 + rng_below (c->rng, 6)) / 100;
    }
  else if (rng_per_million (c->rng, 3000))
    item.action = ACTION_DELETE;

  item.order = c->order++;
  g_array_append_val (c->items, item);

  /* A refund, days later, by the same merchant. */
  if (e->refund_permille > 0 && rng_below (c->rng, 1000) < e->refund_permille)
    {
      Item refund = item;

      refund.r.amount = -item.r.amount;
      refund.r.minutes += (gint32) rng_range (c->rng, 2, 20) * MINUTES_PER_DAY;
      refund.r.text = 0;
      refund.action = ACTION_NONE;
      refund.order = c->order++;
      if (refund.r.minutes / MINUTES_PER_DAY <= c->g->last_day)
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
          if (f.r.minutes / MINUTES_PER_DAY <= c->g->last_day)
            g_array_append_val (c->items, f);
        }
    }
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *ia = a;
  const Item *ib = b;

  if (ia->r.minutes != ib->r.minutes)
    return ia->r.minutes < ib->r.minutes ? -1 : 1;
  return ia->order < ib->order ? -1 : ia->order > ib->order ? 1 : 0;
}

/* Appends the month's items in time order, with their changes; returns
 * through @statements what each credit card owes for the month. */
void
gen_flush_items (Cust   *c,
                 gint64 *statements)
{
  FpBankData *data = c->g->data;
  gint32 last_minute = (c->g->last_day + 1) * MINUTES_PER_DAY - 1;

  qsort (c->items->data, c->items->len, sizeof (Item), compare_items);
  for (guint i = 0; i < c->items->len; i++)
    {
      Item *item = &g_array_index (c->items, Item, i);
      guint32 id = fp_bank_data_append_record (data, &item->r);
      gint64 amount = item->r.amount;

      fp_bank_data_push_change (data, FP_BANK_CHANGE_CREATED, id, item->r.minutes);
      if (item->action == ACTION_UPDATE && item->r.minutes + 2 * MINUTES_PER_DAY <= last_minute)
        {
          fp_bank_data_set_record_amount (data, id, item->new_amount);
          fp_bank_data_push_change (data, FP_BANK_CHANGE_UPDATED, id,
                                    item->r.minutes + 2 * MINUTES_PER_DAY);
          amount = item->new_amount;
        }
      else if (item->action == ACTION_DELETE && item->r.minutes + MINUTES_PER_DAY <= last_minute)
        {
          fp_bank_data_set_record_deleted (data, id);
          fp_bank_data_push_change (data, FP_BANK_CHANGE_DELETED, id,
                                    item->r.minutes + MINUTES_PER_DAY);
          amount = 0;
        }

      if (item->r.card != FP_BANK_NO_ID)
        for (guint k = 0; k < c->n_cards; k++)
          if (c->cards[k].credit && c->cards[k].account == item->r.account)
            statements[k] -= amount;
    }
  g_array_set_size (c->items, 0);
}
