/* fp-kiosk-qr.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_KIOSK_QR (fp_kiosk_qr_get_type ())

G_DECLARE_FINAL_TYPE (FpKioskQr, fp_kiosk_qr, FP, KIOSK_QR, GtkWidget)

GtkWidget  *fp_kiosk_qr_new        (void);
const char *fp_kiosk_qr_get_text   (FpKioskQr  *self);
void        fp_kiosk_qr_set_text   (FpKioskQr  *self,
                                    const char *text);
int         fp_kiosk_qr_get_modules (FpKioskQr *self);

G_END_DECLS
