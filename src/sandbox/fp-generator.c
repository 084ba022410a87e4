/* fp-generator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every customer draws its setup from its own xoshiro256** stream, seeded
 * through splitmix64 from (seed, customer id), and each of its months from
 * a stream of (seed, customer, month); the demo customer from a fixed
 * seed. Only integer arithmetic reaches the output, and nothing depends on
 * hash table order or the locale, so the same options give the same bytes
 * everywhere.
 *
 * This file draws the months, books what they hold (the history at
 * generation, then every new day) and keeps what is dated up to date;
 * fp-generator-people.c draws the customers and their plans,
 * fp-generator-bank.c the bank-side items, fp-generator-card.c the card
 * purchases, fp-generator-names.c names the merchants and
 * fp-generator-tables.c holds the fixed data.
 */

#define G_LOG_DOMAIN "fp-generator"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "fp-generator-private.h"

#define DEMO_SEED         G_GUINT64_CONSTANT (0x5eed0fde30c0ffee)
#define FUND_SEED         G_GUINT64_CONSTANT (0xf0dd0a11fa11ed00)
#define TAG_MONTH         G_GUINT64_CONSTANT (0x6d6f6e7468)

guint64
fp_generator_splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
gen_rng_seed (Rng     *rng,
              guint64  seed,
              guint64  stream)
{
  guint64 x = seed ^ fp_generator_splitmix64 (&stream);

  for (guint i = 0; i < 4; i++)
    rng->s[i] = fp_generator_splitmix64 (&x);
}

guint32
gen_intern_printf (FpBankData *data,
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

/* The price of @fund in month @month (a month index). */
guint32
gen_fund_price (Gen   *g,
                guint  fund,
                gint   month)
{
  gint index = month - month_index (FIRST_FUND_YEAR, 1);

  index = CLAMP (index, 0, (gint) g->n_fund_months - 1);
  return g->fund_prices[fund][index];
}

/* The generation */

static Gen *
gen_new (FpBankData               *data,
         const FpGeneratorOptions *options)
{
  Gen *g = g_new0 (Gen, 1);
  gint last_month = month_of_day (options->today);

  g->data = data;
  g->options = *options;
  g->last_day = options->today;
  /* History starts on the first day of the month, years * 12 - 1 months
   * before today's. */
  g->first_day = month_day (last_month - ((gint) options->years * 12 - 1), 1);

  for (guint i = 0; i < G_N_ELEMENTS (gen_mcc_mix); i++)
    g->mcc_total_weight += gen_mcc_mix[i].weight;

  g->id_online = fp_bank_data_intern (data, "ONLINE");
  for (guint i = 0; i < G_N_ELEMENTS (gen_cities); i++)
    {
      g->city_ids[i] = fp_bank_data_intern (data, gen_cities[i].city);
      g->state_ids[i] = fp_bank_data_intern (data, gen_cities[i].state);
      for (guint k = 0; k < 8; k++)
        g->zip_ids[i][k] = gen_intern_printf (data, "%05u.0", gen_cities[i].zip + k);
    }
  for (guint i = 0; i < G_N_ELEMENTS (gen_abroad); i++)
    {
      g->abroad_city_ids[i] = fp_bank_data_intern (data, gen_abroad[i].city);
      g->abroad_country_ids[i] = fp_bank_data_intern (data, gen_abroad[i].country);
    }
  for (guint i = 0; i < G_N_ELEMENTS (gen_error_mix); i++)
    g->error_ids[i] = fp_bank_data_intern (data, gen_error_mix[i].errors);

  /* Fund prices: one fixed path per fund, the same for every seed and every
   * today, up to the last month the bank can book. */
  g->n_fund_months = (guint) ((GEN_LAST_YEAR + 1 - FIRST_FUND_YEAR) * 12);
  for (guint f = 0; f < G_N_ELEMENTS (gen_funds); f++)
    {
      Rng rng;
      gint64 price = gen_funds[f].start_price;

      gen_rng_seed (&rng, FUND_SEED, f);
      g->fund_prices[f] = g_new (guint32, g->n_fund_months);
      for (guint m = 0; m < g->n_fund_months; m++)
        {
          gint64 r = gen_funds[f].drift_bps + rng_range (&rng, -gen_funds[f].vol_bps, gen_funds[f].vol_bps);

          price = price * (10000 + r) / 10000;
          price = CLAMP (price, 10, G_MAXINT32 / 2);
          g->fund_prices[f][m] = (guint32) price;
        }
    }

  g->d_power = fp_bank_data_intern (data, "Electricity City Power & Light");
  g->d_water = fp_bank_data_intern (data, "Water and Sewer Utility");
  g->d_net = fp_bank_data_intern (data, "Internet Fibernet Home");
  g->d_mobile = fp_bank_data_intern (data, "Mobile Skyline Wireless");
  g->d_save_out = fp_bank_data_intern (data, "Transfer to Savings");
  g->d_save_in = fp_bank_data_intern (data, "Transfer from Everyday Checking");
  g->d_save_open = fp_bank_data_intern (data, "Opening deposit");
  g->d_interest = fp_bank_data_intern (data, "Interest");
  g->d_loan_out = fp_bank_data_intern (data, "Personal Loan payment");
  g->d_loan_in = fp_bank_data_intern (data, "Payment received");
  g->d_loan_interest = fp_bank_data_intern (data, "Loan interest");
  g->d_loan_disb = fp_bank_data_intern (data, "Loan disbursement");
  g->d_loan_disb_in = fp_bank_data_intern (data, "Personal Loan disbursement");
  g->d_inv_out = fp_bank_data_intern (data, "Transfer to Investment Account");
  g->d_inv_in = fp_bank_data_intern (data, "Contribution");
  g->d_inv_open = fp_bank_data_intern (data, "Opening contribution");
  g->d_card_paid = fp_bank_data_intern (data, "Payment received, thank you");
  g->d_card_credit = fp_bank_data_intern (data, "Credit balance returned");

  g->n_plans = options->customers + 1;
  g->plans = g_new0 (Plan, g->n_plans);
  return g;
}

static void
gen_free (gpointer data)
{
  Gen *g = data;

  for (guint f = 0; f < G_N_ELEMENTS (gen_funds); f++)
    g_free (g->fund_prices[f]);
  for (guint i = 0; i < g->n_plans; i++)
    g_clear_pointer (&g->plans[i].pending, g_array_unref);
  g_free (g->plans);
  g_free (g);
}

/* Appends the items that month @month of @p holds to @items (cleared
 * first): what is drawn in it, and, with @statement_sums, the repayment of
 * last month's card statements. */
static void
draw_month (Gen          *g,
            Plan         *p,
            gint          month,
            const gint64 *statement_sums,
            GArray       *items)
{
  Rng rng;
  Cust c = { g, p, &rng, month, items, 0 };

  g_array_set_size (items, 0);
  gen_plan_rng (p, TAG_MONTH, month, &rng);
  gen_bank_items (&c);
  gen_card_items (&c);
  if (statement_sums != NULL)
    gen_repayments (&c, statement_sums);
  if (items->len > 1)
    qsort (items->data, items->len, sizeof (Item), gen_compare_items);
}

/* Month @month with its repayments: @before holds months @month - 2 and
 * @month - 1, drawn already. */
static void
draw_month_with_repayments (Gen     *g,
                            Plan    *p,
                            gint     month,
                            GArray **before,
                            GArray  *items)
{
  gint64 sums[G_N_ELEMENTS (p->cards)];

  gen_statement_sums (p, month - 1, before, 2, sums);
  draw_month (g, p, month, sums, items);
}

/* A change of one customer's feed before it is pushed. */
typedef struct {
  gint32            minutes;
  guint32           txn;
  FpBankChangeKind  kind;
} DayChange;

static int
compare_day_changes (gconstpointer a,
                     gconstpointer b)
{
  const DayChange *ca = a;
  const DayChange *cb = b;

  if (ca->minutes != cb->minutes)
    return ca->minutes < cb->minutes ? -1 : 1;
  if (ca->txn != cb->txn)
    return ca->txn < cb->txn ? -1 : 1;
  return ca->kind < cb->kind ? -1 : ca->kind > cb->kind ? 1 : 0;
}

static void
apply_action (Gen                 *g,
              const PendingAction *a,
              GArray              *changes)
{
  DayChange change = { a->minutes, a->txn, FP_BANK_CHANGE_UPDATED };

  if (a->action == ACTION_UPDATE)
    fp_bank_data_set_record_amount (g->data, a->txn, a->new_amount);
  else
    {
      fp_bank_data_set_record_deleted (g->data, a->txn);
      change.kind = FP_BANK_CHANGE_DELETED;
    }
  g_array_append_val (changes, change);
}

/* Books @item: a new transaction, its change, and its update or deletion,
 * now if it falls due by @last_minute, else later (p->pending). */
static void
book_item (Gen        *g,
           Plan       *p,
           const Item *item,
           gint32      last_minute,
           GArray     *changes)
{
  PendingAction action = { 0 };
  DayChange created;

  created.txn = fp_bank_data_append_record (g->data, &item->r);
  created.minutes = item->r.minutes;
  created.kind = FP_BANK_CHANGE_CREATED;
  g_array_append_val (changes, created);
  if (item->action == ACTION_NONE)
    return;

  action.minutes = item->r.minutes + (item->action == ACTION_UPDATE ? 2 : 1) * MINUTES_PER_DAY;
  action.txn = created.txn;
  action.action = item->action;
  action.new_amount = item->new_amount;
  if (action.minutes <= last_minute)
    apply_action (g, &action, changes);
  else
    {
      if (p->pending == NULL)
        p->pending = g_array_new (FALSE, FALSE, sizeof (PendingAction));
      g_array_append_val (p->pending, action);
    }
}

static void
push_changes (Gen    *g,
              GArray *changes)
{
  if (changes->len > 1)
    qsort (changes->data, changes->len, sizeof (DayChange), compare_day_changes);
  for (guint i = 0; i < changes->len; i++)
    {
      const DayChange *c = &g_array_index (changes, DayChange, i);

      fp_bank_data_push_change (g->data, c->kind, c->txn, c->minutes);
    }
  g_array_set_size (changes, 0);
}

/* The history of customer @p, from g->first_day to g->last_day: its
 * months are drawn from two months before the first (whose refunds and
 * card statements reach into it) to the last, and what falls into the
 * history is booked. */
static void
book_history (Gen  *g,
              Plan *p)
{
  gint first = month_of_day (g->first_day);
  gint last = month_of_day (g->last_day);
  gint32 first_minute = g->first_day * MINUTES_PER_DAY;
  gint32 last_minute = (g->last_day + 1) * MINUTES_PER_DAY - 1;
  GArray *months[3];
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (DayChange));
  gint64 sums[G_N_ELEMENTS (p->cards)];

  for (guint i = 0; i < 3; i++)
    months[i] = g_array_new (FALSE, FALSE, sizeof (Item));

  for (gint m = first - 2; m <= last; m++)
    {
      GArray *items = months[(guint) (m - (first - 2)) % 3];

      if (m < first)
        draw_month (g, p, m, NULL, items);
      else
        {
          GArray *before[2] = { months[(guint) (m - (first - 2) + 1) % 3],
                                months[(guint) (m - (first - 2) + 2) % 3] };

          /* The cards open owing last month's statement. */
          if (m == first)
            {
              gen_statement_sums (p, first - 1, before, 2, sums);
              for (guint k = 0; k < p->n_cards; k++)
                if (p->cards[k].credit)
                  fp_bank_data_set_opening_balance (g->data, p->cards[k].account, sums[k]);
            }
          draw_month_with_repayments (g, p, m, before, items);
        }

      for (guint i = 0; i < items->len; i++)
        {
          const Item *item = &g_array_index (items, Item, i);

          if (item->r.minutes >= first_minute && item->r.minutes <= last_minute)
            book_item (g, p, item, last_minute, changes);
        }
      for (guint i = 0; i < changes->len; i++)
        {
          const DayChange *c = &g_array_index (changes, DayChange, i);

          fp_bank_data_push_change (g->data, c->kind, c->txn, c->minutes);
        }
      g_array_set_size (changes, 0);
    }

  for (guint i = 0; i < 3; i++)
    g_array_unref (months[i]);

  gen_year_money (p, month_year (first));
  fp_bank_data_set_opening_balance (g->data, p->current, p->net * p->opening_months);
  if (p->savings != FP_BANK_NO_ID)
    fp_bank_data_set_opening_balance (g->data, p->savings, gen_savings_before (p, first));
  if (p->loan != FP_BANK_NO_ID)
    fp_bank_data_set_opening_balance (g->data, p->loan, -gen_loan_before (p, first));
}

/* What is dated: holdings at today's prices, ages. */
static void
update_dated (Gen    *g,
              gint32  today)
{
  gint year;
  guint month, day;

  fp_clock_civil_from_day (today, &year, &month, &day);
  for (guint i = 0; i < g->n_plans; i++)
    {
      Plan *p = &g->plans[i];
      FpBankCustomer *cu = fp_bank_data_get_customer_mutable (g->data, p->customer);
      gint64 quantity[3], cost[3];

      cu->current_age = (guint) MAX (0, year - (gint) cu->birth_year - (month < cu->birth_month ? 1 : 0));
      if (p->investment == FP_BANK_NO_ID)
        continue;
      gen_holdings_at (g, p, today, quantity, cost);
      for (guint f = 0; f < p->n_funds; f++)
        {
          FpBankHolding *h = fp_bank_data_get_holding_mutable (g->data, p->holding_ids[f]);

          h->quantity_milli = quantity[f];
          h->unit_price = gen_fund_price (g, p->fund_index[f], month_of_day (today));
          h->market_value = quantity[f] * h->unit_price / 1000;
          h->cost_basis = cost[f];
        }
      fp_bank_data_revalue_investment (g->data, p->investment);
    }
}

/* Books the days from g->last_day + 1 to @today, day after day and
 * customer after customer, so that booking them one at a time or all at
 * once gives the same ids and feeds. */
static gboolean
advance (FpBankData  *data,
         gint32       today,
         gpointer     user_data,
         GError     **error)
{
  Gen *g = user_data;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (DayChange));
  GArray *months[3];
  GArray **due;
  guint *next;

  if (today > fp_clock_day_from_civil (GEN_LAST_YEAR, 12, 31))
    {
      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID,
                   "The sandbox books days up to the end of %d", GEN_LAST_YEAR);
      return FALSE;
    }

  for (guint i = 0; i < 3; i++)
    months[i] = g_array_new (FALSE, FALSE, sizeof (Item));
  due = g_new0 (GArray *, g->n_plans);
  next = g_new0 (guint, g->n_plans);

  while (g->last_day < today)
    {
      gint month = month_of_day (g->last_day + 1);
      gint32 a = g->last_day + 1;
      gint32 b = MIN (today, month_day (month, 31));

      /* What each customer's days of this month hold: drawn in it or in
       * the month before. */
      for (guint i = 0; i < g->n_plans; i++)
        {
          Plan *p = &g->plans[i];
          GArray *before[2] = { months[0], months[1] };

          draw_month (g, p, month - 2, NULL, months[0]);
          draw_month (g, p, month - 1, NULL, months[1]);
          draw_month_with_repayments (g, p, month, before, months[2]);
          due[i] = g_array_new (FALSE, FALSE, sizeof (Item));
          next[i] = 0;
          for (guint k = 1; k < 3; k++)
            for (guint j = 0; j < months[k]->len; j++)
              {
                const Item *item = &g_array_index (months[k], Item, j);
                gint32 day = item->r.minutes / MINUTES_PER_DAY;

                if (day >= a && day <= b)
                  g_array_append_vals (due[i], item, 1);
              }
          if (due[i]->len > 1)
            qsort (due[i]->data, due[i]->len, sizeof (Item), gen_compare_items);
        }

      for (gint32 day = a; day <= b; day++)
        {
          gint32 last_minute = (day + 1) * MINUTES_PER_DAY - 1;

          for (guint i = 0; i < g->n_plans; i++)
            {
              Plan *p = &g->plans[i];

              /* Updates of earlier days that fall due today... */
              for (guint k = 0; p->pending != NULL && k < p->pending->len;)
                {
                  PendingAction action = g_array_index (p->pending, PendingAction, k);

                  if (action.minutes > last_minute)
                    {
                      k++;
                      continue;
                    }
                  g_array_remove_index (p->pending, k);
                  apply_action (g, &action, changes);
                }
              /* ...and today's transactions. */
              while (next[i] < due[i]->len &&
                     g_array_index (due[i], Item, next[i]).r.minutes <= last_minute)
                book_item (g, p, &g_array_index (due[i], Item, next[i]++), last_minute, changes);
              push_changes (g, changes);
            }
          g->last_day = day;
        }

      for (guint i = 0; i < g->n_plans; i++)
        g_clear_pointer (&due[i], g_array_unref);
    }

  for (guint i = 0; i < 3; i++)
    g_array_unref (months[i]);
  g_free (due);
  g_free (next);

  update_dated (g, today);
  return TRUE;
}

void
fp_generator_options_init (FpGeneratorOptions *options)
{
  g_return_if_fail (options != NULL);

  options->customers = 10;
  options->years = 3;
  options->seed = 1;
  options->today = fp_clock_today ();
}

FpBankData *
fp_generator_generate (const FpGeneratorOptions  *options,
                       GError                   **error)
{
  g_autoptr(FpBankData) data = NULL;
  Gen *g;
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
  if (options->today < fp_clock_day_from_civil (GEN_FIRST_YEAR + FP_GENERATOR_MAX_YEARS, 1, 1) ||
      options->today > fp_clock_day_from_civil (GEN_LAST_YEAR, 12, 31))
    {
      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID,
                   _("The last day of history must be a date between 2020 and 2100"));
      return NULL;
    }

  data = fp_bank_data_new ();
  g = gen_new (data, options);
  for (guint i = 0; i <= options->customers; i++)
    {
      Plan *p = &g->plans[i];

      gen_rng_seed (&rng, i == 0 ? DEMO_SEED : options->seed, i == 0 ? 0 : i);
      gen_customer_setup (g, p, i, &rng, i == 0);
      p->seed = i == 0 ? DEMO_SEED : options->seed;
      book_history (g, p);
    }
  fp_bank_data_seal (data);
  update_dated (g, options->today);
  fp_bank_data_set_live (data, options->today, advance, g, gen_free);
  fp_bank_data_set_merchant_namer (data, gen_merchant_name);

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
