/* fp-generator.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deterministic generator of the sandbox bank's data: TabFormer-schema
 * users, cards and card transactions plus the items of a bank account
 * (salary, rent, utilities, subscriptions, card repayments, transfers,
 * savings, a loan, investment holdings). The same options give the same
 * data, byte for byte, on every machine: integer arithmetic and its own
 * PRNG only, no locale; the clock only through the options' today.
 */

#pragma once

#include <glib.h>

#include "fp-bank-data.h"

G_BEGIN_DECLS

/* The sign-in name of the fixed demo customer, always customer 0 of
 * generated data; its history does not depend on the seed or on the number
 * of customers. */
#define FP_GENERATOR_DEMO_USERNAME "demo"

#define FP_GENERATOR_MAX_CUSTOMERS 100000
#define FP_GENERATOR_MAX_YEARS     30
/* Customers (the demo included) times years: 50000 is about 24M
 * transactions, the size of the TabFormer dataset, in about 1.6 GB. */
#define FP_GENERATOR_MAX_CUSTOMER_YEARS 50000

typedef struct {
  guint    customers;   /* generated customers besides the demo one (0..FP_GENERATOR_MAX_CUSTOMERS) */
  guint    years;       /* of history, 1..FP_GENERATOR_MAX_YEARS */
  guint64  seed;
  gint32   today;       /* the last day of history, days since 1970-01-01 (fp-clock.h),
                         * from 2020-01-01 to 2100-12-31 */
} FpGeneratorOptions;

/* Fills in the defaults: 10 customers, 3 years, seed 1, today from
 * fp_clock_today() (FP_TODAY pins it). */
void         fp_generator_options_init   (FpGeneratorOptions        *options);

/* The history starts on the first day of the month (years * 12 - 1)
 * months before today's and ends today. The same options give the same
 * data, byte for byte. The data lives: fp_bank_data_advance() books the
 * days after today as they come, each as a generation ending on that day
 * would have it, and names merchants (fp_bank_data_get_merchant_name()). */
FpBankData  *fp_generator_generate       (const FpGeneratorOptions  *options,
                                          GError                   **error);

/* fp_generator_generate() with today from fp_clock_today(): customer 0 is
 * the demo customer, customers 1..@customers are generated from @seed.
 * Each customer's data depends only on @seed, @years, today and its id,
 * so a run with more customers extends a run with fewer. */
FpBankData  *fp_bank_data_new_generated  (guint                      customers,
                                          guint                      years,
                                          guint64                    seed,
                                          GError                   **error);

/* One step of splitmix64 (Steele, Lea, Flood 2014), the seeder of the
 * generator's xoshiro256** streams; public for its test vectors. */
guint64      fp_generator_splitmix64     (guint64                   *state);

G_END_DECLS
