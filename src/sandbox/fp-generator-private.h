/* fp-generator-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the generator share: the PRNG, the tables, the state
 * of a generation (which lives as long as the data, so that the bank can
 * book each new day) and each customer's plan.
 *
 * A customer's month is drawn from a stream of its own, seeded from (seed,
 * customer, month), and everything that carries over from month to month
 * (income and rent with their yearly raises, savings, the loan, the
 * investments) is a function of the calendar month, not of where the
 * history starts. So a day's transactions are the same whichever today
 * the history ends on, and the bank can book new days as they come.
 */

#pragma once

#include "fp-bank-data-private.h"
#include "fp-clock.h"
#include "fp-generator.h"

G_BEGIN_DECLS

#define MINUTES_PER_DAY   1440

/* Incomes and rents of a profile are those of this year; other years
 * follow by yearly raises. */
#define GEN_REF_YEAR      2026
/* History starts in 1990 at the earliest (2020 minus 30 years); a live
 * bank books up to the end of 2100. */
#define GEN_FIRST_YEAR    1990
#define GEN_LAST_YEAR     2100
#define FIRST_FUND_YEAR   1960

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

void     gen_rng_seed          (Rng      *rng,
                                guint64   seed,
                                guint64   stream);

/* Calendar months as one number: year * 12 + month - 1. */

static inline gint
month_index (gint  year,
             guint month)
{
  return year * 12 + (gint) month - 1;
}

static inline gint
month_year (gint mi)
{
  return mi / 12;
}

static inline guint
month_month (gint mi)
{
  return (guint) (mi % 12) + 1;
}

static inline gint
month_of_day (gint32 day)
{
  gint year;
  guint month, mday;

  fp_clock_civil_from_day (day, &year, &month, &mday);
  return month_index (year, month);
}

/* The day @mday of month @mi, or its last day when the month is shorter. */
static inline gint32
month_day (gint  mi,
           guint mday)
{
  guint dim = fp_bank_days_in_month (month_year (mi), month_month (mi));

  return fp_clock_day_from_civil (month_year (mi), month_month (mi), MIN (mday, dim));
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
  guint16     mcc;
  guint32     amount;      /* cents */
  gint64      merchant;    /* TabFormer merchant name */
  const char *name;        /* what the customer knows it by */
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
  guint32  card;
  guint32  account;
  gboolean credit;
  gboolean has_chip;
} CardInfo;

/* A customer's plan: everything drawn once from its setup stream. Money
 * is monthly, in cents, of GEN_REF_YEAR unless said otherwise. */
typedef struct {
  guint32   customer;
  gboolean  demo;
  guint64   seed;               /* of its month and year streams */
  guint     home;               /* city index */
  guint32   current;            /* account ids, FP_BANK_NO_ID when none */
  guint32   savings;
  guint32   loan;
  guint32   investment;
  CardInfo  cards[4];
  guint     n_cards;

  gint64    net_ref;            /* net salary */
  gint64    rent_ref;
  gint64    spend_ref;          /* what card purchases cost a month */
  gint64    internet;
  gint64    mobile;
  guint     opening_months;     /* the current account opens with that many salaries */

  guint     savings_pct;        /* of the net salary, saved monthly */
  guint     savings_bps;
  gint      savings_open;       /* month index; its first deposit then */
  guint     savings_initial_months;

  guint     invest_pct;
  gint      invest_open;
  guint     invest_initial_months;
  guint     fund_index[3];
  guint32   holding_ids[3];
  guint     n_funds;

  gint      loan_start;         /* month index when one of its loans starts */
  guint     loan_term;          /* months */
  guint     loan_period;        /* months from one loan to the next, > term */
  guint     loan_apr;           /* bps */
  gint64    loan_principal;
  gint64    loan_payment;

  guint     sub_index[8];
  guint     sub_day[8];
  guint     n_subs;

  guint32   d_salary;           /* descriptions, interned */
  guint32   d_rent;
  guint32   d_card_repay[4];

  GArray   *pending;            /* PendingAction, not yet due; NULL when none */

  /* The year last asked of plan_year_money(). */
  gint      year;
  gint64    net;
  gint64    rent;
  gint64    spend;
} Plan;

/* A transaction as the generator draws it, before it gets its id. */
typedef struct {
  FpBankTxnRecord  r;
  gint             origin;        /* the month it was drawn in */
  guint32          order;         /* within its month */
  guint8           action;        /* ACTION_* */
  gint64           new_amount;
} Item;

enum {
  ACTION_NONE,
  ACTION_UPDATE,     /* two days later: a tip added to the authorization */
  ACTION_DELETE,     /* a day later: the authorization reversed */
};

/* An update or deletion of a booked transaction that is not due yet. */
typedef struct {
  gint32   minutes;
  guint32  txn;
  guint8   action;
  gint64   new_amount;
} PendingAction;

typedef struct {
  FpBankData                *data;
  FpGeneratorOptions         options;
  gint32                     first_day;      /* of the history */
  gint32                     last_day;       /* booked so far */
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
  guint32                    d_power, d_water, d_net, d_mobile;
  guint32                    d_save_out, d_save_in, d_save_open, d_interest;
  guint32                    d_loan_out, d_loan_in, d_loan_interest, d_loan_disb, d_loan_disb_in;
  guint32                    d_inv_out, d_inv_in, d_inv_open, d_card_paid, d_card_credit;
  Plan                      *plans;
  guint                      n_plans;
} Gen;

typedef struct {
  gint32  first;
  gint32  last;
  gint    place;      /* city index, or -1 - abroad index */
} Trip;

/* What one month of a customer is drawn with. */
typedef struct {
  Gen      *g;
  Plan     *p;
  Rng      *rng;
  gint      month;        /* month index */
  GArray   *items;        /* Item */
  guint32   order;
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
guint32  gen_fund_price       (Gen            *g,
                               guint           fund,
                               gint            month);

/* fp-generator-people.c: customers, their cards and accounts, the plan */
gint64   gen_annuity_payment  (gint64          principal,
                               guint           apr_bps,
                               guint           months);
void     gen_customer_setup   (Gen            *g,
                               Plan           *p,
                               guint32         id,
                               Rng            *rng,
                               gboolean        demo);

/* fp-generator-bank.c: what carries over from month to month, and the
 * bank-side items of a month */
void     gen_plan_rng         (Plan           *p,
                               guint64         tag,
                               gint64          index,
                               Rng            *rng);
void     gen_year_money       (Plan           *p,
                               gint            year);
gint64   gen_savings_before   (Plan           *p,
                               gint            month);
gint64   gen_loan_before      (Plan           *p,
                               gint            month);
void     gen_holdings_at      (Gen            *g,
                               Plan           *p,
                               gint32          day,
                               gint64         *quantity_milli,
                               gint64         *cost_basis);
void     gen_bank_items       (Cust           *c);
void     gen_repayments       (Cust           *c,
                               const gint64   *statement_sums);
void     gen_add_bank_item    (Cust           *c,
                               guint32         account,
                               gint32          day,
                               gint32          time_of_day,
                               gint64          amount,
                               FpBankCategory  category,
                               guint32         description);

/* fp-generator-card.c: card purchases, refunds and fraud */
void     gen_card_items       (Cust           *c);
void     gen_statement_sums   (Plan           *p,
                               gint            month,
                               GArray * const *lists,
                               guint           n_lists,
                               gint64         *sums);
int      gen_compare_items    (gconstpointer   a,
                               gconstpointer   b);

/* fp-generator-names.c */
gboolean gen_merchant_name    (gint64          merchant_id,
                               guint           mcc,
                               char           *buffer,
                               gsize           size);

G_END_DECLS
