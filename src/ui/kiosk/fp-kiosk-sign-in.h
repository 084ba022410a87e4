/* fp-kiosk-sign-in.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-kiosk-session.h"

G_BEGIN_DECLS

#define FP_TYPE_KIOSK_SIGN_IN (fp_kiosk_sign_in_get_type ())

G_DECLARE_FINAL_TYPE (FpKioskSignIn, fp_kiosk_sign_in, FP, KIOSK_SIGN_IN, AdwBin)

GtkWidget      *fp_kiosk_sign_in_new               (void);
void            fp_kiosk_sign_in_set_kiosk_session (FpKioskSignIn  *self,
                                                    FpKioskSession *kiosk_session);
void            fp_kiosk_sign_in_set_portrait      (FpKioskSignIn  *self,
                                                    gboolean        portrait);
const char     *fp_kiosk_sign_in_get_page          (FpKioskSignIn  *self);
const char     *fp_kiosk_sign_in_get_qr_text       (FpKioskSignIn  *self);
const char     *fp_kiosk_sign_in_get_countdown     (FpKioskSignIn  *self);

G_END_DECLS
