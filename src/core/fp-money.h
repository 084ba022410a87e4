/* fp-money.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FpCurrencyBalance:
 * @currency: an account's ISO 4217 code
 * @balance_minor: its balance in minor units
 *
 * What fp_money_home_currency() chooses from.
 */
typedef struct {
  const char *currency;
  gint64      balance_minor;
} FpCurrencyBalance;

/**
 * FpRounding:
 * @FP_ROUND_HALF_EVEN: to the nearest, ties to even (banker's rounding)
 * @FP_ROUND_HALF_UP: to the nearest, ties away from zero
 * @FP_ROUND_DOWN: towards zero
 * @FP_ROUND_FLOOR: towards negative infinity
 * @FP_ROUND_CEILING: towards positive infinity
 *
 * The rounding policy every money operation that can be inexact names.
 */
typedef enum {
  FP_ROUND_HALF_EVEN,
  FP_ROUND_HALF_UP,
  FP_ROUND_DOWN,
  FP_ROUND_FLOOR,
  FP_ROUND_CEILING,
} FpRounding;

gboolean  fp_money_parse          (const char  *text,
                                   gint64      *out_minor,
                                   GError     **error);
char     *fp_money_to_decimal     (gint64       minor);
char     *fp_money_format         (gint64       minor,
                                   const char  *currency);
char     *fp_money_format_short   (gint64       minor,
                                   const char  *currency);
gboolean  fp_money_mul_div        (gint64       amount,
                                   gint64       numerator,
                                   gint64       denominator,
                                   FpRounding   rounding,
                                   gint64      *out_minor,
                                   GError     **error);
gboolean  fp_money_from_double    (double       major_units,
                                   FpRounding   rounding,
                                   gint64      *out_minor,
                                   GError     **error);
double    fp_money_to_double      (gint64       minor);
char     *fp_money_home_currency  (const FpCurrencyBalance *accounts,
                                   gsize        n_accounts);
char     *fp_money_locale_currency (void);

G_END_DECLS
