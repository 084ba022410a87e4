/* fp-kiosk-idle-warning.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FP_TYPE_KIOSK_IDLE_WARNING (fp_kiosk_idle_warning_get_type ())

G_DECLARE_FINAL_TYPE (FpKioskIdleWarning, fp_kiosk_idle_warning, FP, KIOSK_IDLE_WARNING, AdwBin)

GtkWidget  *fp_kiosk_idle_warning_new             (void);
void        fp_kiosk_idle_warning_set_seconds_left (FpKioskIdleWarning *self,
                                                   int                 seconds);
const char *fp_kiosk_idle_warning_get_message     (FpKioskIdleWarning *self);

G_END_DECLS
