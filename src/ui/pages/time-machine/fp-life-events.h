/* fp-life-events.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-life-event-row.h"

G_BEGIN_DECLS

#define FP_TYPE_LIFE_EVENTS (fp_life_events_get_type ())

G_DECLARE_FINAL_TYPE (FpLifeEvents, fp_life_events, FP, LIFE_EVENTS, AdwPreferencesGroup)

GtkWidget      *fp_life_events_new          (void);
void            fp_life_events_set_start    (FpLifeEvents   *self,
                                             int             year,
                                             int             month);
FpLifeEventRow *fp_life_events_add          (FpLifeEvents   *self,
                                             FpSimEventKind  kind,
                                             int             years_from_now,
                                             double          amount,
                                             double          duration);
void            fp_life_events_clear        (FpLifeEvents   *self);
guint           fp_life_events_get_n_events (FpLifeEvents   *self);
guint           fp_life_events_get_events   (FpLifeEvents   *self,
                                             guint           horizon_months,
                                             gboolean        has_loan,
                                             FpSimEvent     *events,
                                             guint           max_events);
void            fp_life_events_update       (FpLifeEvents   *self,
                                             const char     *currency,
                                             gboolean        has_loan);

G_END_DECLS
