/* fp-insights-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-insights"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-format.h"
#include "fp-insights-private.h"
#include "fp-money.h"

#define EMPTY_KEY G_MAXUINT32

static inline guint32
hash_id (guint32 key)
{
  return key * 2654435761u;
}

void
fp_id_map_init (FpIdMap *map,
                gsize    expected)
{
  gsize size = 16;

  while (size < expected * 2)
    size <<= 1;

  map->keys = g_new (guint32, size);
  memset (map->keys, 0xff, size * sizeof (guint32));
  map->values = g_new (guint32, size);
  map->mask = (guint32) (size - 1);
  map->n = 0;
}

void
fp_id_map_clear (FpIdMap *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->values, g_free);
  map->n = 0;
}

static void
grow (FpIdMap *map)
{
  FpIdMap bigger;

  fp_id_map_init (&bigger, (gsize) map->mask + 1);
  for (guint32 i = 0; i <= map->mask; i++)
    {
      if (map->keys[i] != EMPTY_KEY)
        {
          guint32 j = hash_id (map->keys[i]) & bigger.mask;

          while (bigger.keys[j] != EMPTY_KEY)
            j = (j + 1) & bigger.mask;
          bigger.keys[j] = map->keys[i];
          bigger.values[j] = map->values[i];
        }
    }
  bigger.n = map->n;
  fp_id_map_clear (map);
  *map = bigger;
}

/* Returns the index of @key, adding it with the next index if it is new.
 * The key G_MAXUINT32 is reserved. */
guint32
fp_id_map_insert (FpIdMap *map,
                  guint32  key)
{
  guint32 j;

  g_assert (key != EMPTY_KEY);

  j = hash_id (key) & map->mask;
  while (map->keys[j] != EMPTY_KEY)
    {
      if (map->keys[j] == key)
        return map->values[j];
      j = (j + 1) & map->mask;
    }

  map->keys[j] = key;
  map->values[j] = map->n++;

  if ((gsize) map->n * 2 > map->mask)
    grow (map);

  return map->n - 1;
}

guint32
fp_id_map_lookup (const FpIdMap *map,
                  guint32        key)
{
  guint32 j;

  if (key == EMPTY_KEY || map->keys == NULL)
    return EMPTY_KEY;

  j = hash_id (key) & map->mask;
  while (map->keys[j] != EMPTY_KEY)
    {
      if (map->keys[j] == key)
        return map->values[j];
      j = (j + 1) & map->mask;
    }

  return EMPTY_KEY;
}

/* a / b rounded to the nearest, ties away from zero; b > 0. */
gint64
fp_div_round (gint64 a,
              gint64 b)
{
  gint64 q, r;

  g_assert (b > 0);

  q = a / b;
  r = a % b;
  if (r < 0)
    r = -r;
  if (r >= b - r)
    q += a < 0 ? -1 : 1;

  return q;
}

/* a * b / c rounded half away from zero, saturating; c > 0. */
gint64
fp_mul_div_round (gint64 a,
                  gint64 b,
                  gint64 c)
{
  gint64 out = 0;

  if (fp_money_mul_div (a, b, c, FP_ROUND_HALF_UP, &out, NULL))
    return out;

  return ((a < 0) != (b < 0)) ? G_MININT64 : G_MAXINT64;
}

/* Moves the k-th smallest of @v to v[k], smaller ones before it and larger
 * ones after it (Hoare's selection, median-of-three pivots). */
static void
select_kth (gint64 *v,
            gsize   n,
            gsize   k)
{
  gsize lo = 0, hi = n - 1;

  while (hi > lo)
    {
      gsize mid = lo + (hi - lo) / 2;
      gint64 a = v[lo], b = v[mid], c = v[hi];
      gint64 pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
      gsize i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              gint64 tmp = v[i];

              v[i] = v[j];
              v[j] = tmp;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }

      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return;
    }
}

/* The median of @values (reordered); of an even count, the mean of the
 * middle two rounded half away from zero. */
gint64
fp_median_i64 (gint64 *values,
               gsize   n)
{
  gint64 a, b;

  g_assert (n > 0);

  if (n <= 32)
    {
      /* Insertion sort: the series here are short. */
      for (gsize i = 1; i < n; i++)
        {
          gint64 v = values[i];
          gsize j = i;

          for (; j > 0 && values[j - 1] > v; j--)
            values[j] = values[j - 1];
          values[j] = v;
        }
    }
  else
    {
      select_kth (values, n, n / 2);
      if (n % 2 == 1)
        return values[n / 2];

      /* The lower middle is the largest of the lower half. */
      b = values[n / 2];
      a = values[0];
      for (gsize i = 1; i < n / 2; i++)
        a = MAX (a, values[i]);
      return a / 2 + b / 2 + fp_div_round (a % 2 + b % 2, 2);
    }

  if (n % 2 == 1)
    return values[n / 2];

  a = values[n / 2 - 1];
  b = values[n / 2];
  /* Halve each first so that the sum cannot overflow. */
  return a / 2 + b / 2 + fp_div_round (a % 2 + b % 2, 2);
}

/* Civil calendar from day numbers (proleptic Gregorian), after Howard
 * Hinnant's public-domain algorithms. */
void
fp_day_to_date (gint32  day,
                gint32 *year,
                gint32 *month,
                gint32 *mday)
{
  gint64 z = (gint64) day + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 y = yoe + era * 400;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 d = doy - (153 * mp + 2) / 5 + 1;
  gint64 m = mp < 10 ? mp + 3 : mp - 9;

  if (year != NULL)
    *year = (gint32) (y + (m <= 2));
  if (month != NULL)
    *month = (gint32) m;
  if (mday != NULL)
    *mday = (gint32) d;
}

gint32
fp_day_from_date (gint32 year,
                  gint32 month,
                  gint32 mday)
{
  gint64 y = (gint64) year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + mday - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (gint32) (era * 146097 + doe - 719468);
}

static gint32
days_in_month (gint32 year,
               gint32 month)
{
  if (month == 12)
    return fp_day_from_date (year + 1, 1, 1) - fp_day_from_date (year, 12, 1);
  return fp_day_from_date (year, month + 1, 1) - fp_day_from_date (year, month, 1);
}

/* The same day of the month @months later, clamped to the month's end. */
gint32
fp_day_add_months (gint32 day,
                   int    months)
{
  gint32 y, m, d, dim;
  gint32 index;

  fp_day_to_date (day, &y, &m, &d);
  index = y * 12 + (m - 1) + months;
  y = index / 12;
  m = index % 12 + 1;
  dim = days_in_month (y, m);

  return fp_day_from_date (y, m, MIN (d, dim));
}

const char *
fp_ctx_intern (FpInsightsCtx *ctx,
               char          *text)
{
  const char *out = g_string_chunk_insert (ctx->out->strings, text);

  g_free (text);
  return out;
}

char *
fp_ctx_money (FpInsightsCtx *ctx,
              gint64         minor)
{
  return fp_format_money (minor, ctx->options->currency, FP_FORMAT_NONE);
}

/* Money in whole units, for amounts a person rounds anyway. */
char *
fp_ctx_money_whole (FpInsightsCtx *ctx,
                    gint64         minor)
{
  return fp_format_money (minor, ctx->options->currency, FP_FORMAT_WHOLE);
}

/* What stands for a merchant the bank names only by an id: its kind, from
 * the category of its payments. The title is used alone ("Grocery store");
 * the phrase inside a sentence after "at" or "with" (German puts it in the
 * dative: "einem Lebensmittelgeschäft"). */
static const struct {
  const char *title;
  const char *phrase;
} merchant_kinds[FP_N_CATEGORIES] = {
  [FP_CATEGORY_DINING] = { NC_("merchant kind", "Restaurant"), NC_("at a merchant", "a restaurant") },
  [FP_CATEGORY_GROCERIES] = { NC_("merchant kind", "Grocery store"), NC_("at a merchant", "a grocery store") },
  [FP_CATEGORY_TRANSPORT] = { NC_("merchant kind", "Transport service"), NC_("at a merchant", "a transport service") },
  [FP_CATEGORY_TRAVEL] = { NC_("merchant kind", "Travel company"), NC_("at a merchant", "a travel company") },
  [FP_CATEGORY_SHOPPING] = { NC_("merchant kind", "Shop"), NC_("at a merchant", "a shop") },
  [FP_CATEGORY_ENTERTAINMENT] = { NC_("merchant kind", "Entertainment service"),
                                  NC_("at a merchant", "an entertainment service") },
  [FP_CATEGORY_HEALTH] = { NC_("merchant kind", "Health provider"), NC_("at a merchant", "a health provider") },
  [FP_CATEGORY_UTILITIES] = { NC_("merchant kind", "Utility company"), NC_("at a merchant", "a utility company") },
  [FP_CATEGORY_HOUSING] = { NC_("merchant kind", "Landlord"), NC_("at a merchant", "a landlord") },
  [FP_CATEGORY_EDUCATION] = { NC_("merchant kind", "Education provider"),
                              NC_("at a merchant", "an education provider") },
  [FP_CATEGORY_SERVICES] = { NC_("merchant kind", "Service provider"), NC_("at a merchant", "a service provider") },
  [FP_CATEGORY_INSURANCE] = { NC_("merchant kind", "Insurer"), NC_("at a merchant", "an insurer") },
  [FP_CATEGORY_GOVERNMENT] = { NC_("merchant kind", "Public office"), NC_("at a merchant", "a public office") },
  [FP_CATEGORY_GIVING] = { NC_("merchant kind", "Charity"), NC_("at a merchant", "a charity") },
  [FP_CATEGORY_CASH] = { NC_("merchant kind", "Cash machine"), NC_("at a merchant", "a cash machine") },
  [FP_CATEGORY_FEES] = { NC_("merchant kind", "Bank"), NC_("at a merchant", "your bank") },
  [FP_CATEGORY_TRANSFERS] = { NC_("merchant kind", "Own account"), NC_("at a merchant", "your own account") },
  [FP_CATEGORY_INCOME] = { NC_("merchant kind", "Payer"), NC_("at a merchant", "a payer") },
  [FP_CATEGORY_OTHER] = { NC_("merchant kind", "Merchant"), NC_("at a merchant", "a merchant") },
};

/* A bank's merchant id is no name: digits with at most a sign and spaces
 * (TabFormer's "-792227525922014876"). */
static gboolean
is_id (const char *name)
{
  gboolean digit = FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (*p != '-' && *p != '+' && *p != ' ')
        return FALSE;
    }
  return digit;
}

static const char *
lookup_name (FpInsightsCtx *ctx,
             guint32        merchant_id)
{
  const char *name = NULL;

  if (merchant_id != 0 && ctx->options->merchant_name != NULL)
    name = ctx->options->merchant_name (merchant_id, ctx->options->merchant_name_data);
  if (name == NULL || *name == '\0' || is_id (name) || !g_utf8_validate (name, -1, NULL))
    return NULL;
  return g_string_chunk_insert_const (ctx->out->strings, name);
}

/* The merchant's name, or its kind ("Grocery store"): never an id. */
const char *
fp_ctx_merchant_name (FpInsightsCtx *ctx,
                      guint32        merchant_id,
                      FpCategory     category)
{
  const char *name = lookup_name (ctx, merchant_id);

  if (name != NULL)
    return name;
  if ((guint) category >= FP_N_CATEGORIES)
    category = FP_CATEGORY_OTHER;
  return g_dpgettext2 (GETTEXT_PACKAGE, "merchant kind", merchant_kinds[category].title);
}

/* The same inside a sentence, after "at" ("a grocery store"). */
const char *
fp_ctx_merchant_phrase (FpInsightsCtx *ctx,
                        guint32        merchant_id,
                        FpCategory     category)
{
  const char *name = lookup_name (ctx, merchant_id);

  if (name != NULL)
    return name;
  if ((guint) category >= FP_N_CATEGORIES)
    category = FP_CATEGORY_OTHER;
  return g_dpgettext2 (GETTEXT_PACKAGE, "at a merchant", merchant_kinds[category].phrase);
}

char *
fp_ctx_date (gint32 day)
{
  return fp_format_date (day);
}

/* "October 2026", the month of @day in the locale. */
char *
fp_ctx_month_name (gint32 day)
{
  gint32 year, month;
  g_autoptr(GDateTime) dt = NULL;

  fp_day_to_date (day, &year, &month, NULL);
  dt = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  return dt != NULL ? g_date_time_format (dt, "%B %Y") : g_strdup ("?");
}

char *
fp_ctx_percent (double ratio,
                guint  decimals)
{
  return fp_format_percent (ratio, decimals, FP_FORMAT_NONE);
}

/* Scales a sum over the recent period to an average month of 30.4375 days
 * (365.25 / 12): sum * 1461 / (48 * days). */
gint64
fp_ctx_per_month (FpInsightsCtx *ctx,
                  gint64         sum)
{
  return fp_mul_div_round (sum, 1461, 48 * (gint64) ctx->recent_days);
}

/* Whether there is enough history (FP_MIN_HISTORY_DAYS up to the newest
 * transaction) and, if @needs_income, a detected income, to compute a
 * score or a comparison honestly; if not, why and from when. */
void
fp_ctx_unavailable (FpInsightsCtx  *ctx,
                    FpAvailability *out,
                    gboolean        needs_income)
{
  gint32 first = ctx->out->first_day;
  guint days = first == FP_DAY_NONE ? 0 : (guint) (ctx->today - first + 1);

  out->available = FALSE;
  out->reason = NULL;
  out->from_day = FP_DAY_NONE;

  if (days < FP_MIN_HISTORY_DAYS)
    {
      gint32 from = first == FP_DAY_NONE ? FP_DAY_NONE : first + FP_MIN_HISTORY_DAYS - 1;

      if (from != FP_DAY_NONE && from > ctx->now)
        {
          g_autofree char *date = fp_ctx_date (from);

          out->from_day = from;
          out->reason = fp_ctx_intern (ctx, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                          "Needs %u day of history; it appears on %s.",
                                                                          "Needs %u days of history; it appears on %s.",
                                                                          FP_MIN_HISTORY_DAYS),
                                                             FP_MIN_HISTORY_DAYS, date));
        }
      else if (first == FP_DAY_NONE)
        out->reason = fp_ctx_intern (ctx, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                        "Needs %u day of history; it appears that long after your first transaction.",
                                                                        "Needs %u days of history; it appears that long after your first transaction.",
                                                                        FP_MIN_HISTORY_DAYS),
                                                           FP_MIN_HISTORY_DAYS));
      else
        {
          g_autofree char *last = fp_ctx_date (ctx->today);

          out->reason = fp_ctx_intern (ctx, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                          "Needs %u day of history, and the data stops on %s.",
                                                                          "Needs %u days of history, and the data stops on %s.",
                                                                          FP_MIN_HISTORY_DAYS),
                                                             FP_MIN_HISTORY_DAYS, last));
        }
      return;
    }

  if (needs_income && ctx->out->monthly_income_minor <= 0)
    {
      g_autofree char *since = fp_ctx_date (ctx->recent_start);
      g_autofree char *until = fp_ctx_date (ctx->today);

      out->reason = fp_ctx_intern (ctx, g_strdup_printf (_("Needs a regular income such as a salary, and none came "
                                                           "in from %s to %s."),
                                                         since, until));
      return;
    }

  out->available = TRUE;
}
