/* fp-freshness-note.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fp-cli-insights.h"

G_BEGIN_DECLS

#define FP_TYPE_FRESHNESS_NOTE (fp_freshness_note_get_type ())

G_DECLARE_FINAL_TYPE (FpFreshnessNote, fp_freshness_note, FP, FRESHNESS_NOTE, GtkWidget)

GtkWidget  *fp_freshness_note_new           (void);
void        fp_freshness_note_set_dashboard (FpFreshnessNote       *self,
                                             const FpDashboardData *data);
const char *fp_freshness_note_get_updated   (FpFreshnessNote       *self);
const char *fp_freshness_note_get_stale     (FpFreshnessNote       *self);
char       *fp_freshness_note_format_synced (gint64                 synced,
                                             gint64                 now);

G_END_DECLS
