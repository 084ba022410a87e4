/* fp-generator-tables.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The generator's fixed data: places, names, the mix of card purchases,
 * errors, subscriptions and funds.
 */

#include "config.h"

#include "fp-generator-private.h"

const City gen_cities[] = {
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

const Abroad gen_abroad[] = {
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

const char * const gen_female_names[] = {
  "Hazel", "Sasha", "Emma", "Olivia", "Ava", "Isabella", "Sophia", "Mia",
  "Charlotte", "Amelia", "Harper", "Evelyn", "Abigail", "Emily", "Ella",
  "Grace", "Chloe", "Zoe", "Nora", "Lily",
};

const char * const gen_male_names[] = {
  "Liam", "Noah", "William", "James", "Oliver", "Benjamin", "Elijah",
  "Lucas", "Mason", "Logan", "Alexander", "Ethan", "Jacob", "Michael",
  "Daniel", "Henry", "Jackson", "Sebastian", "Aiden", "Matthew",
};

const char * const gen_last_names[] = {
  "Robinson", "Sadr", "Smith", "Johnson", "Williams", "Brown", "Jones",
  "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
  "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
  "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris",
  "Sanchez", "Clark", "Ramirez", "Lewis", "Walker",
};

const char * const gen_streets[] = {
  "Rose", "Federal", "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington",
  "Lake", "Hill", "Park", "Sunset", "Lincoln", "Jefferson", "Madison",
  "Valley", "River", "Forest", "Highland", "Meadow",
};

const char * const gen_street_kinds[] = {
  "Street", "Avenue", "Lane", "Boulevard", "Drive", "Court", "Way",
};

const char * const gen_employers[] = {
  "Northwind Traders", "Contoso Ltd", "Fabrikam Inc", "Initech",
  "Globex Corporation", "Umbrella Health", "Stark Logistics",
  "Wayne Enterprises", "Acme Manufacturing", "Blue Sky Airlines",
  "Riverside School District", "City General Hospital",
};

const char * const gen_landlords[] = {
  "Oakwood Properties", "Greenline Apartments", "Harbor View Rentals",
  "Summit Property Management", "Lakeside Homes", "Parkside Realty",
};

const MccEntry gen_mcc_mix[] = {
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
const guint16 gen_amount_spread[] = {
  30, 40, 50, 60, 70, 80, 90, 100, 110, 125, 140, 160, 190, 230, 300, 420,
};

/* What fraud looks like: big tickets, often online or abroad. */
const guint16 gen_fraud_mccs[] = { 5311, 5732, 5045, 5094, 4829, 5651, 7011 };

const ErrorEntry gen_error_mix[] = {
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

const Subscription gen_subscriptions[] = {
  { 4899, 1549, G_GINT64_CONSTANT (-4282466774399734331), "Streamline Video" },
  { 4899, 6499, G_GINT64_CONSTANT (5817218446178736267), "Channel Four Cable" },
  { 5815, 1099, G_GINT64_CONSTANT (2027553650310142703), "Tunewave Music" },
  { 5815, 299, G_GINT64_CONSTANT (-5162038175624867091), "Cloudbox Storage" },
  { 7997, 3999, G_GINT64_CONSTANT (6661973303171003879), "Peak Fitness Club" },
  { 5994, 1700, G_GINT64_CONSTANT (-9092677072201095172), "The Daily Ledger" },
  { 5816, 1499, G_GINT64_CONSTANT (1913477460590765860), "Gamevault Pass" },
  { 5734, 999, G_GINT64_CONSTANT (-1288082279022882052), "Softworks Suite" },
};

const Fund gen_funds[] = {
  { "Global Equity Index Fund", "ZZ0000000011", "equity", 1000, 60, 450 },
  { "US Total Market Fund", "ZZ0000000029", "equity", 1000, 65, 480 },
  { "Aggregate Bond Fund", "ZZ0000000037", "bond", 1000, 28, 120 },
  { "Money Market Fund", "ZZ0000000045", "money_market", 100, 18, 5 },
  { "EcoInvest Climate Leaders Fund", "ZZ0000000052", "esg_equity", 1000, 58, 520 },
};
