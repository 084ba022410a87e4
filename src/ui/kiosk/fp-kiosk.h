/* fp-kiosk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-kiosk-idle.h"
#include "fp-kiosk-screen.h"
#include "fp-kiosk-session.h"
#include "fp-window.h"

G_BEGIN_DECLS

#define FP_KIOSK_SCHEMA_ID APPLICATION_ID ".Kiosk"

#define FP_TYPE_KIOSK (fp_kiosk_get_type ())

G_DECLARE_FINAL_TYPE (FpKiosk, fp_kiosk, FP, KIOSK, GObject)

void            fp_kiosk_harden_process  (void);

FpKiosk        *fp_kiosk_new             (GtkApplication *application,
                                          GSettings      *settings);
void            fp_kiosk_set_size        (FpKiosk        *self,
                                          int             width,
                                          int             height);
void            fp_kiosk_present         (FpKiosk        *self);
void            fp_kiosk_start           (FpKiosk        *self);
void            fp_kiosk_sign_out        (FpKiosk        *self);
void            fp_kiosk_shutdown        (FpKiosk        *self);

FpWindow       *fp_kiosk_get_window      (FpKiosk        *self);
FpKioskScreen  *fp_kiosk_get_screen      (FpKiosk        *self);
FpKioskSession *fp_kiosk_get_kiosk_session (FpKiosk      *self);
FpKioskIdle    *fp_kiosk_get_idle        (FpKiosk        *self);

G_END_DECLS
