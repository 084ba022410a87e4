/* fp-generator-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the generator share: the PRNG, the tables, the state
 * of a generation and of the customer being generated.
 */

#pragma once

#include "fp-bank-data-private.h"
#include "fp-generator.h"

G_BEGIN_DECLS

#define MINUTES_PER_DAY   1440

/* The PRNG */

typedef struct {
  guint64 s[4];
} Rng;

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

/* Uniform in [0, n) by multiply-shift; n ≤ 2^32. */
static inline guint32
rng_below (Rng     *rng,
           guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* Uniform in [lo, hi]. */
static inline gint64
rng_range (Rng    *rng,
           gint64  lo,
           gint64  hi)
{
  guint64 span = (guint64) (hi - lo) + 1;

  if (span <= G_MAXUINT32)
    return lo + (gint64) rng_below (rng, (guint32) span);
  return lo + (gint64) (rng_next (rng) % span);
}

static inline gboolean
rng_per_million (Rng   *rng,
                 guint  per_million)
{
  return rng_below (rng, 1000000) < per_million;
}

static inline guint64
hash3 (guint64 a,
       guint64 b,
       guint64 c)
{
  guint64 x = a * G_GUINT64_CONSTANT (0x100000001b3) ^ b;

  x = fp_generator_splitmix64 (&x) ^ c;
  return fp_generator_splitmix64 (&x);
}

static inline const char *
pick (Rng                *rng,
      const char * const *list,
      guint               n)
{
  return list[rng_below (rng, n)];
}

static inline gint64
round_down_to (gint64 value,
               gint64 unit)
{
  return value / unit * unit;
}

/* Tables (fp-generator-tables.c) */

typedef struct {
  const char *city;
  const char *state;
  guint       zip;
  const char *latitude;
  const char *longitude;
  guint       per_capita;   /* dollars */
} City;

typedef struct {
  const char *city;
  const char *country;
} Abroad;

/* One entry of the weighted MCC mix of card purchases. */
typedef struct {
  guint16 mcc;
  guint16 weight;
  guint32 median;          /* cents */
  guint16 online_permille;
  guint16 refund_permille;
} MccEntry;

typedef struct {
  guint32     per_100k;    /* of card transactions */
  const char *errors;
} ErrorEntry;

typedef struct {
  guint16 mcc;
  guint32 amount;          /* cents */
  gint64  merchant;        /* TabFormer merchant name */
} Subscription;

typedef struct {
  const char *name;
  const char *isin;
  const char *asset_class;
  guint32     start_price;     /* cents, in FIRST_FUND_YEAR */
  gint32      drift_bps;       /* monthly */
  gint32      vol_bps;         /* monthly noise, uniform ± */
} Fund;

extern const City gen_cities[32];
extern const Abroad gen_abroad[10];
extern const char * const gen_female_names[20];
extern const char * const gen_male_names[20];
extern const char * const gen_last_names[32];
extern const char * const gen_streets[20];
extern const char * const gen_street_kinds[7];
extern const char * const gen_employers[12];
extern const char * const gen_landlords[6];
extern const MccEntry gen_mcc_mix[44];
extern const guint16 gen_amount_spread[16];
extern const guint16 gen_fraud_mccs[7];
extern const ErrorEntry gen_error_mix[11];
extern const Subscription gen_subscriptions[8];
extern const Fund gen_funds[5];

/* The generator */

typedef struct {
  FpBankData                *data;
  const FpGeneratorOptions  *options;
  gint32                     first_day;      /* history, days since the epoch */
  gint32                     last_day;
  gint                       first_year;
  guint                      first_month;
  guint                      n_months;
  guint32                    mcc_total_weight;
  guint32                    id_online;
  guint32                    city_ids[G_N_ELEMENTS (gen_cities)];
  guint32                    state_ids[G_N_ELEMENTS (gen_cities)];
  guint32                    zip_ids[G_N_ELEMENTS (gen_cities)][8];
  guint32                    abroad_city_ids[G_N_ELEMENTS (gen_abroad)];
  guint32                    abroad_country_ids[G_N_ELEMENTS (gen_abroad)];
  guint32                    error_ids[G_N_ELEMENTS (gen_error_mix)];
  guint32                   *fund_prices[G_N_ELEMENTS (gen_funds)];  /* per month since FIRST_FUND_YEAR */
  guint                      n_fund_months;
} Gen;

/* A card transaction of the month being built, before it gets its id. */
typedef struct {
  FpBankTxnRecord  r;
  guint32          order;
  guint8           action;        /* 0, ACTION_UPDATE, ACTION_DELETE */
  gint64           new_amount;
} Item;

enum {
  ACTION_NONE,
  ACTION_UPDATE,
  ACTION_DELETE,
};

typedef struct {
  gint32  first;
  gint32  last;
  gint    place;      /* city index, or -1 - abroad index */
} Trip;

typedef struct {
  guint32  card;
  guint32  account;
  gboolean credit;
  gboolean has_chip;
} CardInfo;

typedef struct {
  Gen              *g;
  Rng              *rng;
  guint32           customer;
  guint             home;
  guint32           current;
  guint32           savings;
  guint32           loan;
  guint32           investment;
  CardInfo          cards[4];
  guint             n_cards;
  GArray           *items;        /* Item, the month being built */
  guint32           order;
} Cust;

typedef struct {
  const char *person;
  guint       age;
  guint       retirement_age;
  guint       birth_month;
  const char *gender;
  const char *address;
  const char *apartment;
  guint       city;
  gint64      per_capita;
  gint64      yearly_income;
  gint64      total_debt;
  guint       fico;
} Profile;

extern const Profile gen_demo_profile;

/* fp-generator.c */
guint32  gen_intern_printf    (FpBankData     *data,
                               const char     *format,
                               ...) G_GNUC_PRINTF (2, 3);

/* fp-generator-people.c: customers, their cards and accounts */
gint64   gen_annuity_payment  (gint64          principal,
                               guint           apr_bps,
                               guint           months);
void     gen_draw_profile     (Rng            *rng,
                               Profile        *p,
                               char           *person,
                               gsize           person_size,
                               char           *address,
                               gsize           address_size,
                               char           *apartment,
                               gsize           apartment_size);
void     gen_make_card        (Cust           *c,
                               guint           index,
                               const char     *brand,
                               const char     *type,
                               gint64          limit);
void     gen_set_last_four    (Rng            *rng,
                               FpBankAccount  *account);

/* fp-generator-card.c: card purchases, refunds and fraud */
void     gen_add_purchase     (Cust           *c,
                               const Trip     *trips,
                               guint           n_trips,
                               gint32          day);
void     gen_flush_items      (Cust           *c,
                               gint64         *statements);

G_END_DECLS
