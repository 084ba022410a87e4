/* fp-kiosk-attract.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FP_TYPE_KIOSK_ATTRACT (fp_kiosk_attract_get_type ())

G_DECLARE_FINAL_TYPE (FpKioskAttract, fp_kiosk_attract, FP, KIOSK_ATTRACT, AdwBin)

GtkWidget  *fp_kiosk_attract_new          (void);
void        fp_kiosk_attract_set_note     (FpKioskAttract *self,
                                           const char     *note);
const char *fp_kiosk_attract_get_note     (FpKioskAttract *self);
void        fp_kiosk_attract_set_ending   (FpKioskAttract *self,
                                           gboolean        ending);
void        fp_kiosk_attract_set_timeouts (FpKioskAttract *self,
                                           guint           idle_seconds,
                                           gboolean        hide_balances);

G_END_DECLS
