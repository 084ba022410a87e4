/* fp-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one number formatter of the app: money, short money for charts,
 * counts, decimals, percentages and dates, in the user's locale (the
 * calling thread's, so uselocale() works), with one minus sign (U+2212).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* U+2212 MINUS SIGN, the only minus any figure is written with. */
#define FP_FORMAT_MINUS "\342\210\222"
/* U+00A0 NO-BREAK SPACE, between a number and its unit. */
#define FP_FORMAT_NBSP "\302\240"

/**
 * FpFormatFlags:
 * @FP_FORMAT_NONE: the default
 * @FP_FORMAT_WHOLE: whole units, rounded half away from zero, without
 *   decimals (`$1,063,000`); for prose and headlines
 * @FP_FORMAT_SIGN: a `+` before positive amounts too, for changes and money
 *   that came in (zero has no sign)
 */
typedef enum {
  FP_FORMAT_NONE  = 0,
  FP_FORMAT_WHOLE = 1 << 0,
  FP_FORMAT_SIGN  = 1 << 1,
} FpFormatFlags;

char *fp_format_money       (gint64        minor,
                             const char   *currency,
                             FpFormatFlags flags);
char *fp_format_money_short (gint64        minor,
                             const char   *currency);
char *fp_format_count       (gint64        n);
char *fp_format_number      (double        value,
                             guint         decimals);
char *fp_format_percent     (double        ratio,
                             guint         decimals,
                             FpFormatFlags flags);
char *fp_format_date        (gint32        day);

G_END_DECLS
