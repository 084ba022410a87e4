/* fp-oauth-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-http-client.h"

G_BEGIN_DECLS

#define FP_OAUTH_CLIENT_ID     "io.github.finpersona.FinPersona"
#define FP_OAUTH_DEFAULT_SCOPE "accounts offline_access"

#define FP_TYPE_OAUTH_CLIENT (fp_oauth_client_get_type ())

G_DECLARE_FINAL_TYPE (FpOAuthClient, fp_oauth_client, FP, OAUTH_CLIENT, GObject)

/**
 * FpOAuthSignInMode:
 * @FP_OAUTH_SIGN_IN_BROWSER: open the system browser on the bank's page
 * @FP_OAUTH_SIGN_IN_DEMO: the embedded demo bank: the sandbox signs the demo
 *   customer in without a person (login_hint=demo); the redirect still goes
 *   through the loopback listener
 */
typedef enum {
  FP_OAUTH_SIGN_IN_BROWSER,
  FP_OAUTH_SIGN_IN_DEMO,
} FpOAuthSignInMode;

/**
 * FpOAuthDeviceFunc:
 * @user_code: the code to type on the other device
 * @verification_uri: where to type it
 * @verification_uri_complete: (nullable): the same with the code included
 * @user_data: user data
 *
 * Shows the device grant's code to the customer (RFC 8628 3.3).
 */
typedef void (*FpOAuthDeviceFunc) (const char *user_code,
                                   const char *verification_uri,
                                   const char *verification_uri_complete,
                                   gpointer    user_data);

/**
 * FpOAuthDeviceStatus:
 * @user_code: the code to type on the other device
 * @verification_uri: where to type it
 * @verification_uri_complete: (nullable): the same with the code included,
 *   for a QR code; %NULL when the bank gave none or one that was refused
 * @expires_in: how long the code lives, in seconds, from when it was issued
 * @interval: the seconds between polls now (each slow_down adds 5)
 * @n_polls: polls of the token endpoint so far
 * @last_answer: (nullable): the last poll's answer, `authorization_pending`
 *   or `slow_down`; %NULL before the first
 *
 * Where a device grant is (RFC 8628 3.2 to 3.5). Every field was checked
 * against the RFC's limits before the callback sees it.
 */
typedef struct {
  const char *user_code;
  const char *verification_uri;
  const char *verification_uri_complete;
  gint64      expires_in;
  gint64      interval;
  guint       n_polls;
  const char *last_answer;
} FpOAuthDeviceStatus;

/**
 * FpOAuthDeviceStatusFunc:
 * @status: where the grant is; valid during the call only
 * @user_data: user data
 *
 * Called on the polling thread once the code is issued, and after every
 * poll that keeps waiting.
 */
typedef void (*FpOAuthDeviceStatusFunc) (const FpOAuthDeviceStatus *status,
                                         gpointer                   user_data);

/* PKCE (RFC 7636), public for the unit tests. */
char          *fp_base64url_encode            (const guint8   *data,
                                               gsize           len);
char          *fp_pkce_new_verifier           (void);
char          *fp_pkce_challenge_s256         (const char     *verifier);
gboolean       fp_oauth_state_equal           (const char     *a,
                                               const char     *b);

FpOAuthClient *fp_oauth_client_new            (FpHttpClient   *http);
void           fp_oauth_client_set_keyring    (FpOAuthClient  *self,
                                               gboolean        use_keyring,
                                               const char     *account);
gboolean       fp_oauth_client_is_signed_in   (FpOAuthClient  *self);
gint64         fp_oauth_client_get_expires_at (FpOAuthClient  *self);

void           fp_oauth_client_import_tokens  (FpOAuthClient  *self,
                                               const char     *access_token,
                                               const char     *refresh_token,
                                               gint64          expires_at);
void           fp_oauth_client_export_tokens  (FpOAuthClient  *self,
                                               char          **out_access_token,
                                               char          **out_refresh_token,
                                               gint64         *out_expires_at);

gboolean       fp_oauth_client_sign_in        (FpOAuthClient  *self,
                                               FpOAuthSignInMode mode,
                                               GCancellable   *cancellable,
                                               GError        **error);
gboolean       fp_oauth_client_sign_in_device (FpOAuthClient  *self,
                                               FpOAuthDeviceFunc show_code,
                                               gpointer        user_data,
                                               GCancellable   *cancellable,
                                               GError        **error);
gboolean       fp_oauth_client_sign_in_device_full (FpOAuthClient *self,
                                               FpOAuthDeviceStatusFunc status_func,
                                               gpointer        user_data,
                                               GCancellable   *cancellable,
                                               GError        **error);
gboolean       fp_oauth_client_resume         (FpOAuthClient  *self,
                                               GCancellable   *cancellable,
                                               GError        **error);
gboolean       fp_oauth_client_refresh        (FpOAuthClient  *self,
                                               GCancellable   *cancellable,
                                               GError        **error);
gboolean       fp_oauth_client_sign_out       (FpOAuthClient  *self,
                                               GCancellable   *cancellable,
                                               GError        **error);

G_END_DECLS
