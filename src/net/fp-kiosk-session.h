/* fp-kiosk-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-session.h"

G_BEGIN_DECLS

/**
 * FpKioskState:
 * @FP_KIOSK_STATE_IDLE: nobody is signed in (the attract screen)
 * @FP_KIOSK_STATE_STARTING: the bank is asked for a sign-in code (and the
 *   demo bank started, the first time)
 * @FP_KIOSK_STATE_WAITING: the code is shown; the kiosk polls the bank
 * @FP_KIOSK_STATE_SIGNED_IN: a customer's session: see
 *   fp_kiosk_session_get_session()
 * @FP_KIOSK_STATE_DENIED: the customer declined on the other device
 * @FP_KIOSK_STATE_EXPIRED: the code expired before anyone approved it
 * @FP_KIOSK_STATE_FAILED: the bank could not be asked; see
 *   #FpKioskSession:error-message
 * @FP_KIOSK_STATE_ENDING: the session is over: its data is gone, the
 *   tokens are being revoked
 */
typedef enum {
  FP_KIOSK_STATE_IDLE,
  FP_KIOSK_STATE_STARTING,
  FP_KIOSK_STATE_WAITING,
  FP_KIOSK_STATE_SIGNED_IN,
  FP_KIOSK_STATE_DENIED,
  FP_KIOSK_STATE_EXPIRED,
  FP_KIOSK_STATE_FAILED,
  FP_KIOSK_STATE_ENDING,
} FpKioskState;

/**
 * FpKioskEndReason:
 * @FP_KIOSK_END_SIGN_OUT: the customer signed out
 * @FP_KIOSK_END_INACTIVITY: nobody touched the kiosk for too long
 * @FP_KIOSK_END_ERASED: the customer erased the device's data
 * @FP_KIOSK_END_SHUTDOWN: the kiosk is stopping
 */
typedef enum {
  FP_KIOSK_END_SIGN_OUT,
  FP_KIOSK_END_INACTIVITY,
  FP_KIOSK_END_ERASED,
  FP_KIOSK_END_SHUTDOWN,
} FpKioskEndReason;

#define FP_TYPE_KIOSK_SESSION (fp_kiosk_session_get_type ())

G_DECLARE_FINAL_TYPE (FpKioskSession, fp_kiosk_session, FP, KIOSK_SESSION, GObject)

void            fp_kiosk_session_clean_up_after_crash   (void);

FpKioskSession *fp_kiosk_session_new                    (const char       *bank_url);
void            fp_kiosk_session_prepare                (FpKioskSession   *self);
void            fp_kiosk_session_begin                  (FpKioskSession   *self);
void            fp_kiosk_session_cancel                 (FpKioskSession   *self);
void            fp_kiosk_session_end                    (FpKioskSession   *self,
                                                         FpKioskEndReason  reason);

FpKioskState    fp_kiosk_session_get_state              (FpKioskSession   *self);
FpSession      *fp_kiosk_session_get_session            (FpKioskSession   *self);
const char     *fp_kiosk_session_get_bank_url           (FpKioskSession   *self);
const char     *fp_kiosk_session_get_user_code          (FpKioskSession   *self);
const char     *fp_kiosk_session_get_verification_uri   (FpKioskSession   *self);
const char     *fp_kiosk_session_get_verification_uri_complete (FpKioskSession *self);
gint64          fp_kiosk_session_get_expires_at         (FpKioskSession   *self);
gint64          fp_kiosk_session_get_interval           (FpKioskSession   *self);
guint           fp_kiosk_session_get_n_polls            (FpKioskSession   *self);
const char     *fp_kiosk_session_get_error_message      (FpKioskSession   *self);

G_END_DECLS
