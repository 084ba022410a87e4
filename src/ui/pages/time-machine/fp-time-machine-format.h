/* fp-time-machine-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *fp_time_machine_format_probability (double      probability);
char *fp_time_machine_format_whole       (gint64      minor,
                                          const char *currency);
char *fp_time_machine_format_month       (int         start_year,
                                          int         start_month,
                                          int         month);
char *fp_time_machine_format_day         (gint32      day);

G_END_DECLS
