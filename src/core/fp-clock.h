/* fp-clock.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Today" for everything the customer sees: the local date, or the date in
 * FP_TODAY (YYYY-MM-DD) so that tests and screenshots pin it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint32    fp_clock_today           (void);
gboolean  fp_clock_parse_date      (const char *text,
                                    gint32     *out_day);
gint32    fp_clock_day_from_civil  (gint        year,
                                    guint       month,
                                    guint       day);
void      fp_clock_civil_from_day  (gint32      day,
                                    gint       *out_year,
                                    guint      *out_month,
                                    guint      *out_day);
char     *fp_clock_format_iso      (gint32      day);

G_END_DECLS
