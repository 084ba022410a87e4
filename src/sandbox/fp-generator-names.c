/* fp-generator-names.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names a person recognizes for the generator's merchants. A merchant is
 * an id and an MCC; its name is drawn from the id among plausible names of
 * its kind ("Fresh Market", "Blue Door Bistro"), so the same merchant has
 * the same name everywhere and for everyone. The city is the
 * transaction's. Subscriptions have the names of their services.
 */

#define G_LOG_DOMAIN "fp-generator"

#include "config.h"

#include "fp-generator-private.h"

typedef struct {
  const guint16       *mccs;        /* 0-terminated */
  const char * const  *first;       /* NULL-terminated */
  const char * const  *second;      /* NULL-terminated */
} NameKind;

#define WORDS(...) (const char * const []) { __VA_ARGS__, NULL }
#define MCCS(...) (const guint16 []) { __VA_ARGS__, 0 }

static const NameKind kinds[] = {
  { MCCS (5411, 5499, 5300),
    WORDS ("Fresh", "Green Basket", "Corner", "Harvest", "Sunrise", "Valley", "Family", "Hometown"),
    WORDS ("Market", "Grocers", "Foods", "Food Market", "Pantry", "Supermarket") },
  { MCCS (5812),
    WORDS ("Blue Door", "Olive Tree", "Golden Fork", "Red Lantern", "Harbor", "Little Italy", "Copper Pot", "Garden"),
    WORDS ("Bistro", "Kitchen", "Trattoria", "Grill", "Diner", "Cafe") },
  { MCCS (5814),
    WORDS ("Burger", "Taco", "Noodle", "Pizza", "Chicken", "Bagel", "Sandwich", "Coffee"),
    WORDS ("Shack", "Stop", "Express", "Corner", "Barn", "House") },
  { MCCS (5541, 5542),
    WORDS ("Highway", "Open Road", "Eagle", "Crossroads", "Prairie", "Metro"),
    WORDS ("Fuel", "Gas", "Gas & Go", "Service Station", "Petroleum") },
  { MCCS (5912),
    WORDS ("Main Street", "Wellness", "Family", "Neighborhood", "Care Plus", "Riverside"),
    WORDS ("Pharmacy", "Drugs", "Drugstore", "Apothecary") },
  { MCCS (5310, 5311, 5331),
    WORDS ("Dollar", "Value", "Grand", "City", "Bargain", "Central"),
    WORDS ("Depot", "Outlet", "Department Store", "Mart", "Emporium") },
  { MCCS (4829, 6051),
    WORDS ("Western", "QuickSend", "Global", "Harbor", "Union"),
    WORDS ("Money Transfer", "Remittance", "Wire Service") },
  { MCCS (4121),
    WORDS ("Yellow", "City", "Metro", "Swift", "Downtown"),
    WORDS ("Cab", "Rides", "Taxi", "Car Service") },
  { MCCS (5651, 5661, 5691),
    WORDS ("Urban", "Threads &", "Denim", "Northside", "Maple", "Stride"),
    WORDS ("Outfitters", "Co.", "Apparel", "Shoes", "Clothing") },
  { MCCS (6011),
    WORDS ("Bank", "Credit Union", "Corner"),
    WORDS ("ATM", "Cash Machine") },
  { MCCS (5200, 5211, 5719),
    WORDS ("Home", "Handy", "Timber", "Hearth", "Builder's"),
    WORDS ("Depot", "Supply", "Hardware", "Lumber", "Home Store") },
  { MCCS (5815, 5816, 5818),
    WORDS ("Pixel", "Play", "Stream", "Byte"),
    WORDS ("Store", "Arcade", "Media", "Downloads") },
  { MCCS (5942, 5994),
    WORDS ("Chapter", "Lighthouse", "Old Town", "Paper Moon"),
    WORDS ("Books", "Booksellers", "News", "Reading Room") },
  { MCCS (5732, 5045, 5734),
    WORDS ("Circuit", "Volt", "Gadget", "Signal", "Micro"),
    WORDS ("Electronics", "Tech", "Computers", "Hub") },
  { MCCS (5921),
    WORDS ("Vine", "Barrel", "Cork &", "Cellar"),
    WORDS ("Wine & Spirits", "Liquors", "Bottle Shop") },
  { MCCS (4784),
    WORDS ("State", "Turnpike", "Bridge", "Expressway"),
    WORDS ("Tolls", "Toll Road", "Authority") },
  { MCCS (4814, 4899),
    WORDS ("Skyline", "Beacon", "Horizon", "Relay"),
    WORDS ("Wireless", "Mobile", "Telecom", "Cable") },
  { MCCS (7832),
    WORDS ("Majestic", "Starlight", "Parkway", "Roxy"),
    WORDS ("Cinemas", "Theater", "Movies") },
  { MCCS (7230, 5977),
    WORDS ("Shear", "Glow", "Bella", "Polished"),
    WORDS ("Salon", "Barbers", "Beauty", "Studio") },
  { MCCS (4900),
    WORDS ("City", "County", "Valley"),
    WORDS ("Power & Light", "Water", "Utilities") },
  { MCCS (7538, 5533),
    WORDS ("Precision", "Main Street", "Quick Lube", "Gearhead"),
    WORDS ("Auto Repair", "Auto Parts", "Garage", "Motors") },
  { MCCS (5947, 5970, 5193),
    WORDS ("Paper Crane", "Bloom", "Petal &", "Maker's"),
    WORDS ("Gifts", "Crafts", "Florist", "Stem") },
  { MCCS (7011),
    WORDS ("Grand", "Harbor View", "Parkside", "Union Square"),
    WORDS ("Hotel", "Inn", "Suites", "Lodge") },
  { MCCS (8011, 8099, 8021, 8043, 8062),
    WORDS ("Lakeside", "Family", "Summit", "Bright Smile", "Clear View"),
    WORDS ("Medical Group", "Clinic", "Dental", "Optical", "Health") },
  { MCCS (4511),
    WORDS ("Blue Sky", "Coastal", "Northern", "Sunwing"),
    WORDS ("Airlines", "Air", "Airways") },
  { MCCS (9402),
    WORDS ("Post", "Postal"),
    WORDS ("Office", "Service") },
  { MCCS (7349),
    WORDS ("Spotless", "Sparkle", "Fresh Start"),
    WORDS ("Cleaning", "Cleaners", "Home Services") },
  { MCCS (5094),
    WORDS ("Sterling", "Goldleaf", "Facet"),
    WORDS ("Jewelers", "Jewelry", "Fine Jewelry") },
  { MCCS (7997),
    WORDS ("Peak", "Iron", "Core"),
    WORDS ("Fitness", "Gym", "Athletic Club") },
};

static const char * const other_first[] = { "Main Street", "Corner", "Union", "Maple", "Pioneer", NULL };
static const char * const other_second[] = { "Shop", "Store", "Trading Co.", "Goods", NULL };

static guint
count (const char * const *words)
{
  guint n = 0;

  while (words[n] != NULL)
    n++;
  return n;
}

/**
 * gen_merchant_name:
 *
 * Writes the name of the merchant @merchant_id, of category @mcc, into
 * @buffer. Every merchant gets one: an MCC without a list of its own gets
 * a plain shop name.
 *
 * Returns: %TRUE
 */
gboolean
gen_merchant_name (gint64  merchant_id,
                   guint   mcc,
                   char   *buffer,
                   gsize   size)
{
  const char * const *first = other_first;
  const char * const *second = other_second;
  guint64 h;

  for (guint i = 0; i < G_N_ELEMENTS (gen_subscriptions); i++)
    if (gen_subscriptions[i].merchant == merchant_id)
      {
        g_strlcpy (buffer, gen_subscriptions[i].name, size);
        return TRUE;
      }

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    for (const guint16 *m = kinds[i].mccs; *m != 0; m++)
      if (*m == mcc)
        {
          first = kinds[i].first;
          second = kinds[i].second;
        }

  h = hash3 ((guint64) merchant_id, mcc, 0x6e616d65);
  g_snprintf (buffer, size, "%s %s", first[h % count (first)], second[(h >> 32) % count (second)]);
  return TRUE;
}
