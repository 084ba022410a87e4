/* fp-generator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every customer draws from its own xoshiro256** stream, seeded through
 * splitmix64 from (seed, customer id); the demo customer from a fixed seed.
 * Only integer arithmetic reaches the output, and nothing depends on hash
 * table order, the locale or the clock, so the same options give the same
 * bytes everywhere. Merchants are hashes of (MCC, place, rank), so the same
 * merchant shows up for every customer who shops in that city.
 */

#define G_LOG_DOMAIN "fp-generator"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "fp-bank-data-private.h"
#include "fp-generator.h"

#define DEMO_SEED         G_GUINT64_CONSTANT (0x5eed0fde30c0ffee)
#define FUND_SEED         G_GUINT64_CONSTANT (0xf0dd0a11fa11ed00)
#define MINUTES_PER_DAY   1440
#define FIRST_FUND_YEAR   1960

/* The PRNG */

typedef struct {
  guint64 s[4];
} Rng;

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

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
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
static guint32
rng_below (Rng     *rng,
           guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* Uniform in [lo, hi]. */
static gint64
rng_range (Rng    *rng,
           gint64  lo,
           gint64  hi)
{
  guint64 span = (guint64) (hi - lo) + 1;

  if (span <= G_MAXUINT32)
    return lo + (gint64) rng_below (rng, (guint32) span);
  return lo + (gint64) (rng_next (rng) % span);
}

static gboolean
rng_per_million (Rng   *rng,
                 guint  per_million)
{
  return rng_below (rng, 1000000) < per_million;
}

static guint64
hash3 (guint64 a,
       guint64 b,
       guint64 c)
{
  guint64 x = a * G_GUINT64_CONSTANT (0x100000001b3) ^ b;

  x = fp_generator_splitmix64 (&x) ^ c;
  return fp_generator_splitmix64 (&x);
}

/* Tables */

typedef struct {
  const char *city;
  const char *state;
  guint       zip;
  const char *latitude;
  const char *longitude;
  guint       per_capita;   /* dollars */
} City;

static const City cities[] = {
  { "La Verne", "CA", 91750, "34.15", "-117.76", 29278 },
  { "Monterey Park", "CA", 91754, "34.05", "-118.13", 23187 },
  { "San Diego", "CA", 92101, "32.72", "-117.16", 35124 },
  { "San Jose", "CA", 95112, "37.34", "-121.89", 36417 },
  { "Sacramento", "CA", 95814, "38.58", "-121.49", 27961 },
  { "Portland", "OR", 97205, "45.52", "-122.68", 33508 },
  { "Seattle", "WA", 98101, "47.61", "-122.33", 47237 },
  { "Phoenix", "AZ", 85004, "33.45", "-112.07", 26402 },
  { "Denver", "CO", 80202, "39.74", "-104.99", 38991 },
  { "Dallas", "TX", 75201, "32.78", "-96.80", 31271 },
  { "Houston", "TX", 77002, "29.76", "-95.37", 30547 },
  { "Austin", "TX", 78701, "30.27", "-97.74", 36357 },
  { "Chicago", "IL", 60601, "41.88", "-87.63", 35066 },
  { "Minneapolis", "MN", 55401, "44.98", "-93.27", 37789 },
  { "Detroit", "MI", 48226, "42.33", "-83.05", 17853 },
  { "Columbus", "OH", 43215, "39.96", "-83.00", 27136 },
  { "Atlanta", "GA", 30303, "33.75", "-84.39", 39883 },
  { "Miami", "FL", 33131, "25.76", "-80.19", 28301 },
  { "Orlando", "FL", 32801, "28.54", "-81.38", 27418 },
  { "Charlotte", "NC", 28202, "35.23", "-80.84", 34362 },
  { "Nashville", "TN", 37203, "36.16", "-86.78", 32442 },
  { "New York", "NY", 10001, "40.75", "-73.99", 44163 },
  { "Brooklyn", "NY", 11201, "40.69", "-73.99", 32310 },
  { "Boston", "MA", 2101, "42.34", "-71.09", 37891 },
  { "Newark", "NJ", 7102, "40.74", "-74.17", 17367 },
  { "Philadelphia", "PA", 19103, "39.95", "-75.17", 27924 },
  { "Pittsburgh", "PA", 15222, "40.44", "-80.00", 31990 },
  { "Baltimore", "MD", 21202, "39.29", "-76.61", 28488 },
  { "Richmond", "VA", 23219, "37.54", "-77.44", 30106 },
  { "Salt Lake City", "UT", 84101, "40.76", "-111.89", 31834 },
  { "Las Vegas", "NV", 89101, "36.17", "-115.14", 26184 },
  { "Kansas City", "MO", 64105, "39.10", "-94.58", 30149 },
};

typedef struct {
  const char *city;
  const char *country;
} Abroad;

static const Abroad abroad[] = {
  { "Rome", "Italy" },
  { "London", "United Kingdom" },
  { "Paris", "France" },
  { "Cancun", "Mexico" },
  { "Toronto", "Canada" },
  { "Tokyo", "Japan" },
  { "Berlin", "Germany" },
  { "Madrid", "Spain" },
  { "Dublin", "Ireland" },
  { "Amsterdam", "Netherlands" },
};

static const char * const female_names[] = {
  "Hazel", "Sasha", "Emma", "Olivia", "Ava", "Isabella", "Sophia", "Mia",
  "Charlotte", "Amelia", "Harper", "Evelyn", "Abigail", "Emily", "Ella",
  "Grace", "Chloe", "Zoe", "Nora", "Lily",
};

static const char * const male_names[] = {
  "Liam", "Noah", "William", "James", "Oliver", "Benjamin", "Elijah",
  "Lucas", "Mason", "Logan", "Alexander", "Ethan", "Jacob", "Michael",
  "Daniel", "Henry", "Jackson", "Sebastian", "Aiden", "Matthew",
};

static const char * const last_names[] = {
  "Robinson", "Sadr", "Smith", "Johnson", "Williams", "Brown", "Jones",
  "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
  "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
  "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris",
  "Sanchez", "Clark", "Ramirez", "Lewis", "Walker",
};

static const char * const streets[] = {
  "Rose", "Federal", "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington",
  "Lake", "Hill", "Park", "Sunset", "Lincoln", "Jefferson", "Madison",
  "Valley", "River", "Forest", "Highland", "Meadow",
};

static const char * const street_kinds[] = {
  "Street", "Avenue", "Lane", "Boulevard", "Drive", "Court", "Way",
};

static const char * const employers[] = {
  "Northwind Traders", "Contoso Ltd", "Fabrikam Inc", "Initech",
  "Globex Corporation", "Umbrella Health", "Stark Logistics",
  "Wayne Enterprises", "Acme Manufacturing", "Blue Sky Airlines",
  "Riverside School District", "City General Hospital",
};

static const char * const landlords[] = {
  "Oakwood Properties", "Greenline Apartments", "Harbor View Rentals",
  "Summit Property Management", "Lakeside Homes", "Parkside Realty",
};

/* One entry of the weighted MCC mix of card purchases. */
typedef struct {
  guint16 mcc;
  guint16 weight;
  guint32 median;          /* cents */
  guint16 online_permille;
  guint16 refund_permille;
} MccEntry;

static const MccEntry mcc_mix[] = {
  { 5411, 180, 4500, 20, 4 },     /* grocery stores */
  { 5812, 110, 2800, 30, 2 },     /* restaurants */
  { 5814, 110, 1100, 40, 1 },     /* fast food */
  { 5541, 90, 4200, 0, 1 },       /* service stations */
  { 5499, 60, 1800, 10, 2 },      /* misc. food stores */
  { 5300, 50, 9000, 60, 10 },     /* wholesale clubs */
  { 5912, 40, 2500, 50, 5 },      /* drug stores */
  { 5310, 35, 3500, 80, 15 },     /* discount stores */
  { 4829, 25, 9000, 500, 0 },     /* money orders, wire transfers */
  { 4121, 25, 2200, 300, 3 },     /* taxis, rideshare */
  { 5311, 20, 7000, 250, 25 },    /* department stores */
  { 5651, 15, 6000, 300, 40 },    /* family clothing */
  { 6011, 20, 10000, 0, 0 },      /* cash */
  { 5200, 10, 8500, 100, 20 },    /* home supply warehouses */
  { 5815, 10, 1200, 1000, 5 },    /* digital goods: media */
  { 5942, 8, 2500, 400, 10 },     /* book stores */
  { 5732, 8, 15000, 400, 30 },    /* electronics */
  { 5921, 8, 3000, 0, 0 },        /* liquor */
  { 4784, 8, 700, 0, 0 },         /* tolls */
  { 4814, 8, 6000, 600, 0 },      /* telecommunication */
  { 5661, 6, 8000, 300, 40 },     /* shoes */
  { 5719, 6, 9000, 300, 30 },     /* home furnishings */
  { 7832, 6, 3000, 300, 0 },      /* cinemas */
  { 7230, 6, 4000, 0, 0 },        /* beauty and barber shops */
  { 4900, 6, 12000, 700, 0 },     /* utilities */
  { 7538, 5, 25000, 0, 0 },       /* car repair */
  { 5977, 5, 3500, 300, 15 },     /* cosmetics */
  { 5947, 5, 3000, 200, 10 },     /* gifts */
  { 5816, 4, 1500, 1000, 5 },     /* digital goods: games */
  { 7011, 4, 25000, 400, 5 },     /* hotels */
  { 8011, 4, 15000, 50, 0 },      /* doctors */
  { 8099, 3, 9000, 50, 0 },       /* health services */
  { 4511, 3, 40000, 800, 20 },    /* airlines */
  { 5970, 3, 2500, 200, 10 },     /* crafts */
  { 5211, 3, 12000, 100, 20 },    /* lumber */
  { 5533, 3, 6000, 200, 20 },     /* auto parts */
  { 9402, 3, 1500, 100, 0 },      /* postal services */
  { 8021, 2, 20000, 0, 0 },       /* dentists */
  { 5193, 2, 5000, 300, 0 },      /* florists */
  { 7349, 2, 12000, 100, 0 },     /* cleaning */
  { 5045, 2, 50000, 500, 30 },    /* computers */
  { 8043, 1, 18000, 100, 0 },     /* opticians */
  { 8062, 1, 50000, 0, 0 },       /* hospitals */
  { 5094, 1, 30000, 200, 20 },    /* jewelry */
};

/* A discretized long-tailed distribution around the median, in percent. */
static const guint16 amount_spread[16] = {
  30, 40, 50, 60, 70, 80, 90, 100, 110, 125, 140, 160, 190, 230, 300, 420,
};

/* What fraud looks like: big tickets, often online or abroad. */
static const guint16 fraud_mccs[] = { 5311, 5732, 5045, 5094, 4829, 5651, 7011 };

typedef struct {
  guint32     per_100k;    /* of card transactions */
  const char *errors;
} ErrorEntry;

static const ErrorEntry error_mix[] = {
  { 1000, "Insufficient Balance" },
  { 240, "Bad PIN" },
  { 200, "Technical Glitch" },
  { 50, "Bad Card Number" },
  { 40, "Bad Expiration" },
  { 40, "Bad CVV" },
  { 15, "Bad Zipcode" },
  { 10, "Bad PIN,Insufficient Balance" },
  { 5, "Bad CVV,Insufficient Balance" },
  { 3, "Bad Card Number,Bad CVV" },
  { 2, "Bad PIN,Technical Glitch" },
};

typedef struct {
  guint16 mcc;
  guint32 amount;          /* cents */
  gint64  merchant;        /* TabFormer merchant name */
} Subscription;

static const Subscription subscriptions[] = {
  { 4899, 1549, G_GINT64_CONSTANT (-4282466774399734331) },   /* video streaming */
  { 4899, 6499, G_GINT64_CONSTANT (5817218446178736267) },    /* cable TV */
  { 5815, 1099, G_GINT64_CONSTANT (2027553650310142703) },    /* music streaming */
  { 5815, 299, G_GINT64_CONSTANT (-5162038175624867091) },    /* cloud storage */
  { 7997, 3999, G_GINT64_CONSTANT (6661973303171003879) },    /* gym */
  { 5994, 1700, G_GINT64_CONSTANT (-9092677072201095172) },   /* news */
  { 5816, 1499, G_GINT64_CONSTANT (1913477460590765860) },    /* game service */
  { 5734, 999, G_GINT64_CONSTANT (-1288082279022882052) },    /* software */
};

typedef struct {
  const char *name;
  const char *isin;
  const char *asset_class;
  guint32     start_price;     /* cents, in FIRST_FUND_YEAR */
  gint32      drift_bps;       /* monthly */
  gint32      vol_bps;         /* monthly noise, uniform ± */
} Fund;

static const Fund funds[] = {
  { "Global Equity Index Fund", "ZZ0000000011", "equity", 1000, 60, 450 },
  { "US Total Market Fund", "ZZ0000000029", "equity", 1000, 65, 480 },
  { "Aggregate Bond Fund", "ZZ0000000037", "bond", 1000, 28, 120 },
  { "Money Market Fund", "ZZ0000000045", "money_market", 100, 18, 5 },
  { "EcoInvest Climate Leaders Fund", "ZZ0000000052", "esg_equity", 1000, 58, 520 },
};

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
  guint32                    city_ids[G_N_ELEMENTS (cities)];
  guint32                    state_ids[G_N_ELEMENTS (cities)];
  guint32                    zip_ids[G_N_ELEMENTS (cities)][8];
  guint32                    abroad_city_ids[G_N_ELEMENTS (abroad)];
  guint32                    abroad_country_ids[G_N_ELEMENTS (abroad)];
  guint32                    error_ids[G_N_ELEMENTS (error_mix)];
  guint32                   *fund_prices[G_N_ELEMENTS (funds)];  /* per month since FIRST_FUND_YEAR */
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

  for (guint i = 0; i < G_N_ELEMENTS (mcc_mix); i++)
    g->mcc_total_weight += mcc_mix[i].weight;

  g->id_online = fp_bank_data_intern (data, "ONLINE");
  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    {
      g->city_ids[i] = fp_bank_data_intern (data, cities[i].city);
      g->state_ids[i] = fp_bank_data_intern (data, cities[i].state);
      for (guint k = 0; k < 8; k++)
        {
          g_autofree char *zip = format_zip (cities[i].zip + k);

          g->zip_ids[i][k] = fp_bank_data_intern (data, zip);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (abroad); i++)
    {
      g->abroad_city_ids[i] = fp_bank_data_intern (data, abroad[i].city);
      g->abroad_country_ids[i] = fp_bank_data_intern (data, abroad[i].country);
    }
  for (guint i = 0; i < G_N_ELEMENTS (error_mix); i++)
    g->error_ids[i] = fp_bank_data_intern (data, error_mix[i].errors);

  /* Fund prices: one fixed path per fund, the same for every seed. */
  g->n_fund_months = (guint) ((end_year + 1 - FIRST_FUND_YEAR) * 12);
  for (guint f = 0; f < G_N_ELEMENTS (funds); f++)
    {
      Rng rng;
      gint64 price = funds[f].start_price;

      rng_seed (&rng, FUND_SEED, f);
      g->fund_prices[f] = g_new (guint32, g->n_fund_months);
      for (guint m = 0; m < g->n_fund_months; m++)
        {
          gint64 r = funds[f].drift_bps + rng_range (&rng, -funds[f].vol_bps, funds[f].vol_bps);

          price = price * (10000 + r) / 10000;
          price = CLAMP (price, 10, G_MAXINT32 / 2);
          g->fund_prices[f][m] = (guint32) price;
        }
    }
}

static void
gen_clear (Gen *g)
{
  for (guint f = 0; f < G_N_ELEMENTS (funds); f++)
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

static guint32
pick_mcc (Gen *g,
          Rng *rng)
{
  guint32 r = rng_below (rng, g->mcc_total_weight);

  for (guint i = 0; i < G_N_ELEMENTS (mcc_mix); i++)
    {
      if (r < mcc_mix[i].weight)
        return i;
      r -= mcc_mix[i].weight;
    }
  return 0;
}

static gint64
draw_amount (Rng    *rng,
             guint   mcc,
             guint32 median)
{
  gint64 cents = (gint64) median * amount_spread[rng_below (rng, 16)] / 100;

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

static const char *
pick (Rng                *rng,
      const char * const *list,
      guint               n)
{
  return list[rng_below (rng, n)];
}

static gint64
round_down_to (gint64 value,
               gint64 unit)
{
  return value / unit * unit;
}

/* The smallest instalment that pays @principal off in @months at @apr_bps,
 * with monthly interest rounded half up to the cent. */
static gint64
annuity_payment (gint64 principal,
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

static guint32
intern_printf (FpBankData *data,
               const char *format,
               ...) G_GNUC_PRINTF (2, 3);

static guint32
intern_printf (FpBankData *data,
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
    return (gint) rng_below (c->rng, G_N_ELEMENTS (cities));
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

static void
add_purchase (Cust           *c,
              const Trip     *trips,
              guint           n_trips,
              gint32          day)
{
  Item item = { 0 };
  guint index = pick_mcc (c->g, c->rng);
  const MccEntry *e = &mcc_mix[index];
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
  for (guint i = 0; i < G_N_ELEMENTS (error_mix); i++)
    {
      if (r < error_mix[i].per_100k)
        {
          item.r.text = c->g->error_ids[i];
          break;
        }
      r -= error_mix[i].per_100k;
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
                         ? -1 - (gint) rng_below (c->rng, G_N_ELEMENTS (abroad))
                         : (gint) rng_below (c->rng, G_N_ELEMENTS (cities));

      for (guint i = 0; i < n; i++)
        {
          Item f = { 0 };
          guint16 mcc = fraud_mccs[rng_below (c->rng, G_N_ELEMENTS (fraud_mccs))];
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
static void
flush_items (Cust   *c,
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

static const Profile demo_profile = {
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
  const char *first = female ? pick (rng, female_names, G_N_ELEMENTS (female_names))
                             : pick (rng, male_names, G_N_ELEMENTS (male_names));
  const char *last = pick (rng, last_names, G_N_ELEMENTS (last_names));
  guint number = 1 + rng_below (rng, 9899);
  const char *street = pick (rng, streets, G_N_ELEMENTS (streets));
  const char *street_kind = pick (rng, street_kinds, G_N_ELEMENTS (street_kinds));
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
  p->city = rng_below (rng, G_N_ELEMENTS (cities));
  p->per_capita = (gint64) cities[p->city].per_capita * (85 + rng_below (rng, 31)) / 100 * 100;
  p->yearly_income = round_down_to (p->per_capita * (110 + rng_below (rng, 160)) / 100, 100);
  p->total_debt = rng_below (rng, 10) == 0
                  ? 0 : round_down_to (p->yearly_income * rng_below (rng, 250) / 100, 100);
  draw = rng_below (rng, 271);
  draw += rng_below (rng, 271);
  p->fico = 580 + draw / 2;
}

static void
make_card (Cust       *c,
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
      account->name = fp_bank_data_string (g->data, intern_printf (g->data, "%s Credit ...%s", brand,
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

static void
set_last_four (Rng           *rng,
               FpBankAccount *account)
{
  g_snprintf (account->last_four, sizeof account->last_four, "%04u", rng_below (rng, 10000));
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
      p = demo_profile;
      g_strlcpy (username, FP_GENERATOR_DEMO_USERNAME, sizeof username);
    }
  else
    {
      draw_profile (rng, &p, person, sizeof person, address, sizeof address,
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
  cu->city = fp_bank_data_intern_static (g->data, cities[p.city].city);
  cu->state = fp_bank_data_intern_static (g->data, cities[p.city].state);
  {
    g_autofree char *zip = g_strdup_printf ("%u", cities[p.city].zip);

    cu->zipcode = fp_bank_data_intern_static (g->data, zip);
  }
  cu->latitude = fp_bank_data_intern_static (g->data, cities[p.city].latitude);
  cu->longitude = fp_bank_data_intern_static (g->data, cities[p.city].longitude);
  cu->per_capita_income = p.per_capita;
  cu->yearly_income = p.yearly_income;
  cu->total_debt = p.total_debt;
  cu->fico_score = p.fico;
  cu->num_credit_cards = n_cards;

  /* Accounts and cards. */
  net_monthly = round_down_to (p.yearly_income * 72 / 100 / 12, 1);
  a = fp_bank_data_append_account (g->data, id, FP_BANK_ACCOUNT_CURRENT);
  a->name = "Everyday Checking";
  set_last_four (rng, a);
  c.current = a->id;
  fp_bank_data_set_opening_balance (g->data, c.current, net_monthly * (1 + rng_below (rng, 3)));

  c.savings = FP_BANK_NO_ID;
  if (demo || rng_below (rng, 10) < 8)
    {
      a = fp_bank_data_append_account (g->data, id, FP_BANK_ACCOUNT_SAVINGS);
      a->name = "Savings";
      set_last_four (rng, a);
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
        make_card (&c, i, brand, type, limit);
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
      loan_payment = annuity_payment (loan_principal, loan_apr, loan_term);
      a = fp_bank_data_append_account (g->data, id, FP_BANK_ACCOUNT_LOAN);
      a->name = "Personal Loan";
      set_last_four (rng, a);
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
      set_last_four (rng, a);
      c.investment = a->id;
      n_funds = demo ? 3 : 2 + rng_below (rng, 2);
      for (guint i = 0; i < n_funds; i++)
        {
          guint f;
          gboolean taken;

          do
            {
              f = demo ? (guint []) { 0, 2, 4 }[i] : rng_below (rng, G_N_ELEMENTS (funds));
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
      sub_index[i] = demo ? i : rng_below (rng, G_N_ELEMENTS (subscriptions));
      for (guint k = 0; k < i; k++)
        if (sub_index[k] == sub_index[i])
          sub_index[i] = (sub_index[i] + 1) % G_N_ELEMENTS (subscriptions);
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
          t->place = rng_below (rng, 5) == 0 ? -1 - (gint) rng_below (rng, G_N_ELEMENTS (abroad))
                                             : (gint) rng_below (rng, G_N_ELEMENTS (cities));
        }
    }

  /* Descriptions. */
  employer = fp_bank_data_intern (g->data, demo ? employers[0] : pick (rng, employers, G_N_ELEMENTS (employers)));
  landlord = fp_bank_data_intern (g->data, demo ? landlords[0] : pick (rng, landlords, G_N_ELEMENTS (landlords)));
  d_salary = intern_printf (g->data, "Salary %s", fp_bank_data_string (g->data, employer));
  d_rent = intern_printf (g->data, "Rent %s", fp_bank_data_string (g->data, landlord));
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

        d_card_repay[k] = intern_printf (g->data, "Card repayment %s ...%s", card->brand, card->last_four);
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
    spend_budget -= subscriptions[sub_index[i]].amount;
  spend_budget = MAX (spend_budget * 85 / 100, net_monthly / 6);
  for (guint i = 0; i < G_N_ELEMENTS (mcc_mix); i++)
    {
      avg_purchase += (gint64) mcc_mix[i].weight * mcc_mix[i].median;
      weight_sum += mcc_mix[i].weight;
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
          first = dir == 0 ? pick (rng, female_names, G_N_ELEMENTS (female_names))
                           : pick (rng, male_names, G_N_ELEMENTS (male_names));
          last = pick (rng, last_names, G_N_ELEMENTS (last_names));
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
          const Subscription *s = &subscriptions[sub_index[i]];
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
            add_purchase (&c, trips, n_trips, d);
        }

      memset (pending_statements, 0, sizeof pending_statements);
      flush_items (&c, pending_statements);
      for (guint k = 0; k < c.n_cards; k++)
        statements[k] = pending_statements[k];
    }

  /* Holdings at the last price. */
  for (guint i = 0; i < n_funds; i++)
    {
      const Fund *f = &funds[fund_index[i]];
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
