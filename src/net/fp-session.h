/* fp-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-cache.h"
#include "fp-cache-annotations.h"
#include "fp-consent.h"
#include "fp-genai-client.h"
#include "fp-sync-engine.h"

G_BEGIN_DECLS

/**
 * FpSessionState:
 * @FP_SESSION_STATE_FIRST_RUN: no cache on this device yet; waiting for the
 *   customer to start (fp_session_open())
 * @FP_SESSION_STATE_OPENING: starting the demo bank and opening the cache
 * @FP_SESSION_STATE_READY: the cache is open and syncing in the background
 * @FP_SESSION_STATE_FAILED: the cache could not be opened; see
 *   #FpSession:error-message and #FpSession:error-hint
 */
typedef enum {
  FP_SESSION_STATE_FIRST_RUN,
  FP_SESSION_STATE_OPENING,
  FP_SESSION_STATE_READY,
  FP_SESSION_STATE_FAILED,
} FpSessionState;

/**
 * FpSessionFlags:
 * @FP_SESSION_NONE: a desktop session: the cache key and the refresh token
 *   live in the keyring
 * @FP_SESSION_EPHEMERAL: kiosks and screenshot runs: the key is never
 *   stored, nothing touches the keyring, and the cache is removed when the
 *   session ends
 * @FP_SESSION_ASK_CONSENT: an ephemeral session that still asks the
 *   consent step, as a first sign-in does (screenshot runs that render the
 *   app after the customer's choices)
 */
typedef enum {
  FP_SESSION_NONE        = 0,
  FP_SESSION_EPHEMERAL   = 1 << 0,
  FP_SESSION_ASK_CONSENT = 1 << 1,
} FpSessionFlags;

#define FP_TYPE_SESSION (fp_session_get_type ())

G_DECLARE_FINAL_TYPE (FpSession, fp_session, FP, SESSION, GObject)

FpSession      *fp_session_new               (const char      *bank_url,
                                              const char      *cache_dir,
                                              FpSessionFlags   flags);
void            fp_session_set_tokens        (FpSession       *self,
                                              const char      *access_token,
                                              const char      *refresh_token,
                                              gint64           expires_at);
void            fp_session_start             (FpSession       *self);
void            fp_session_open              (FpSession       *self);
gboolean        fp_session_reset             (FpSession       *self,
                                              GError         **error);
void            fp_session_sync_now          (FpSession       *self);
gboolean        fp_session_set_genai_url     (FpSession       *self,
                                              const char      *genai_url);
void            fp_session_narrate_async     (FpSession       *self,
                                              const char * const *facts,
                                              GCancellable    *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer         user_data);
FpGenaiText    *fp_session_narrate_finish    (FpSession       *self,
                                              GAsyncResult    *result,
                                              GError         **error);
FpGenaiAnswer  *fp_session_ask               (FpSession       *self,
                                              FpGenaiTask      task,
                                              const char      *question,
                                              const char * const *facts,
                                              GCancellable    *cancellable);
void            fp_session_finish_onboarding (FpSession       *self);
void            fp_session_forget            (FpSession       *self);
void            fp_session_sign_out_async    (FpSession       *self,
                                              gboolean         erase,
                                              GAsyncReadyCallback callback,
                                              gpointer         user_data);
gboolean        fp_session_sign_out_finish   (FpSession       *self,
                                              GAsyncResult    *result,
                                              GError         **error);
void            fp_session_shutdown          (FpSession       *self);
void            fp_session_lock              (FpSession       *self);
void            fp_session_unlock_async      (FpSession       *self,
                                              GCancellable    *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer         user_data);
gboolean        fp_session_unlock_finish     (FpSession       *self,
                                              GAsyncResult    *result,
                                              GError         **error);
gboolean        fp_session_get_locked        (FpSession       *self);

FpSessionState  fp_session_get_state         (FpSession       *self);
FpCache        *fp_session_get_cache         (FpSession       *self);
FpSyncEngine   *fp_session_get_sync_engine   (FpSession       *self);
gboolean        fp_session_get_is_demo       (FpSession       *self);
const char     *fp_session_get_bank_url      (FpSession       *self);
FpConsentPolicy *fp_session_get_consent_policy (FpSession     *self);
gboolean        fp_session_get_needs_onboarding (FpSession     *self);
const char     *fp_session_get_status        (FpSession       *self);
const char     *fp_session_get_error_message (FpSession       *self);
const char     *fp_session_get_error_hint    (FpSession       *self);

/* What the customer does with their data (fp-session-actions.c). */
FpTxnDetails   *fp_session_get_transaction_details  (FpSession      *self,
                                                     const char     *transaction_id,
                                                     GError        **error);
gboolean        fp_session_set_transaction_category (FpSession      *self,
                                                     const char     *transaction_id,
                                                     const char     *category_id,
                                                     GError        **error);
gboolean        fp_session_set_transaction_note     (FpSession      *self,
                                                     const char     *transaction_id,
                                                     const char     *note,
                                                     GError        **error);
gboolean        fp_session_report_transaction       (FpSession      *self,
                                                     const char     *transaction_id,
                                                     FpTxnVerdict    verdict,
                                                     GError        **error);
gboolean        fp_session_set_card_frozen          (FpSession      *self,
                                                     const char     *card_id,
                                                     gboolean        frozen,
                                                     GError        **error);
gboolean        fp_session_set_consent              (FpSession      *self,
                                                     FpPurpose       purpose,
                                                     FpConsentState  state,
                                                     GError        **error);
GPtrArray      *fp_session_list_consents            (FpSession      *self,
                                                     GError        **error);
const char     *fp_session_get_device_name          (FpSession      *self);

G_END_DECLS
