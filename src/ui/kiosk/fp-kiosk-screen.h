/* fp-kiosk-screen.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-kiosk-attract.h"
#include "fp-kiosk-idle-warning.h"
#include "fp-kiosk-sign-in.h"

G_BEGIN_DECLS

#define FP_TYPE_KIOSK_SCREEN (fp_kiosk_screen_get_type ())

G_DECLARE_FINAL_TYPE (FpKioskScreen, fp_kiosk_screen, FP, KIOSK_SCREEN, GtkWidget)

GtkWidget          *fp_kiosk_screen_new              (void);
void                fp_kiosk_screen_show             (FpKioskScreen *self,
                                                      const char    *name);
const char         *fp_kiosk_screen_get_shown        (FpKioskScreen *self);
gboolean            fp_kiosk_screen_get_portrait     (FpKioskScreen *self);
FpKioskAttract     *fp_kiosk_screen_get_attract      (FpKioskScreen *self);
FpKioskSignIn      *fp_kiosk_screen_get_sign_in      (FpKioskScreen *self);
FpKioskIdleWarning *fp_kiosk_screen_get_idle_warning (FpKioskScreen *self);

G_END_DECLS
