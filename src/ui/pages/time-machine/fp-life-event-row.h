/* fp-life-event-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-simulator.h"

G_BEGIN_DECLS

#define FP_TYPE_LIFE_EVENT_ROW (fp_life_event_row_get_type ())

G_DECLARE_FINAL_TYPE (FpLifeEventRow, fp_life_event_row, FP, LIFE_EVENT_ROW, AdwExpanderRow)

GtkWidget      *fp_life_event_row_new             (FpSimEventKind  kind,
                                                   int             start_year,
                                                   int             start_month,
                                                   int             years_from_now,
                                                   double          amount,
                                                   double          duration);
FpSimEventKind  fp_life_event_row_get_kind        (FpLifeEventRow *self);
int             fp_life_event_row_get_month       (FpLifeEventRow *self);
gboolean        fp_life_event_row_get_event       (FpLifeEventRow *self,
                                                   guint           horizon_months,
                                                   gboolean        has_loan,
                                                   FpSimEvent     *event);
void            fp_life_event_row_update_subtitle (FpLifeEventRow *self,
                                                   const char     *currency,
                                                   gboolean        has_loan);

G_END_DECLS
