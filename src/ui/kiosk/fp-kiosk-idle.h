/* fp-kiosk-idle.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_KIOSK_IDLE (fp_kiosk_idle_get_type ())

G_DECLARE_FINAL_TYPE (FpKioskIdle, fp_kiosk_idle, FP, KIOSK_IDLE, GObject)

FpKioskIdle *fp_kiosk_idle_new              (void);
void         fp_kiosk_idle_watch            (FpKioskIdle *self,
                                             GtkWidget   *window,
                                             guint        timeout_seconds,
                                             guint        warning_seconds);
void         fp_kiosk_idle_stop             (FpKioskIdle *self);
void         fp_kiosk_idle_reset            (FpKioskIdle *self);
gboolean     fp_kiosk_idle_get_watching     (FpKioskIdle *self);
gboolean     fp_kiosk_idle_get_warning      (FpKioskIdle *self);
int          fp_kiosk_idle_get_seconds_left (FpKioskIdle *self);

void         fp_kiosk_idle_advance          (FpKioskIdle *self,
                                             guint        seconds);

G_END_DECLS
