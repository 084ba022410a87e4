/* fp-sandbox-oauth.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fp-bank-data.h"

G_BEGIN_DECLS

/* The only client the sandbox knows: the FinPersona application itself, a
 * public client (no secret), as RFC 8252 prescribes for native apps. */
#define FP_SANDBOX_CLIENT_ID "io.github.finpersona.FinPersona"

/* Every sandbox customer signs in with the same documented password. */
#define FP_SANDBOX_PASSWORD "sandbox"

/* The demo customer's user name (customer 0 of generated data). */
#define FP_SANDBOX_DEMO_USERNAME "demo"

typedef struct _FpSandboxOAuth FpSandboxOAuth;

typedef struct {
  gint64 access_token_ttl;    /* seconds */
  gint64 refresh_token_ttl;
  gint64 code_ttl;
  gint64 device_code_ttl;
  gint64 device_interval;
} FpSandboxOAuthTimes;

typedef struct {
  char   *access_token;
  char   *refresh_token;
  char   *scope;
  gint64  expires_in;
} FpSandboxTokens;

typedef struct {
  char   *device_code;
  char   *user_code;
  gint64  expires_in;
  gint64  interval;
} FpSandboxDeviceGrant;

/* Pure helpers, public for the unit tests. */
char     *fp_sandbox_pkce_s256                (const char *verifier);
gboolean  fp_sandbox_pkce_verifier_is_valid   (const char *verifier);
gboolean  fp_sandbox_pkce_challenge_is_valid  (const char *challenge);
gboolean  fp_sandbox_redirect_uri_is_loopback (const char *uri);
char     *fp_sandbox_one_time_code            (const char *username);
char     *fp_sandbox_random_token             (gsize       n_bytes);

FpSandboxOAuth *fp_sandbox_oauth_new          (FpBankData                *data,
                                               const FpSandboxOAuthTimes *times);
void            fp_sandbox_oauth_free         (FpSandboxOAuth            *oauth);

gint            fp_sandbox_oauth_check_credentials (FpSandboxOAuth *oauth,
                                                    const char     *username,
                                                    const char     *password,
                                                    const char     *one_time_code);
gint            fp_sandbox_oauth_customer_for_username (FpSandboxOAuth *oauth,
                                                        const char     *username);

char           *fp_sandbox_oauth_issue_code   (FpSandboxOAuth *oauth,
                                               guint           customer,
                                               const char     *redirect_uri,
                                               const char     *code_challenge,
                                               const char     *scope,
                                               gint64          now);

/* The token endpoint's grants. On failure they return FALSE and set
 * @error_code to an RFC 6749 / RFC 8628 error code (static string). */
gboolean        fp_sandbox_oauth_exchange_code (FpSandboxOAuth   *oauth,
                                                const char       *code,
                                                const char       *redirect_uri,
                                                const char       *code_verifier,
                                                gint64            now,
                                                FpSandboxTokens  *out,
                                                const char      **error_code,
                                                const char      **error_description);
gboolean        fp_sandbox_oauth_refresh      (FpSandboxOAuth   *oauth,
                                               const char       *refresh_token,
                                               gint64            now,
                                               FpSandboxTokens  *out,
                                               const char      **error_code,
                                               const char      **error_description);
void            fp_sandbox_oauth_device_authorize (FpSandboxOAuth       *oauth,
                                                   const char           *scope,
                                                   gint64                now,
                                                   FpSandboxDeviceGrant *out);
gboolean        fp_sandbox_oauth_device_poll  (FpSandboxOAuth   *oauth,
                                               const char       *device_code,
                                               gint64            now,
                                               FpSandboxTokens  *out,
                                               const char      **error_code,
                                               const char      **error_description);
gboolean        fp_sandbox_oauth_device_decide (FpSandboxOAuth *oauth,
                                                const char     *user_code,
                                                gint            customer,
                                                gboolean        approve,
                                                gint64          now);
gboolean        fp_sandbox_oauth_device_exists (FpSandboxOAuth *oauth,
                                                const char     *user_code,
                                                gint64          now);
void            fp_sandbox_oauth_force_slow_downs (FpSandboxOAuth *oauth,
                                                   guint           n);
guint64         fp_sandbox_oauth_get_n_slow_downs (FpSandboxOAuth *oauth);
void            fp_sandbox_oauth_revoke       (FpSandboxOAuth *oauth,
                                               const char     *token);
gint            fp_sandbox_oauth_authenticate (FpSandboxOAuth *oauth,
                                               const char     *access_token,
                                               gint64          now,
                                               const char    **scope);
gint            fp_sandbox_oauth_introspect   (FpSandboxOAuth *oauth,
                                               const char     *access_token,
                                               gint64          now,
                                               const char    **scope,
                                               gint64         *expires,
                                               gint64         *issued);

/* State on disk (fp-sandbox-store.h): what was saved comes back through
 * the loaders, what changes is saved. */
typedef struct _FpSandboxStore FpSandboxStore;

void            fp_sandbox_oauth_set_store    (FpSandboxOAuth *oauth,
                                               FpSandboxStore *store);
void            fp_sandbox_oauth_load_token   (FpSandboxOAuth *oauth,
                                               const char     *hash,
                                               const char     *kind,
                                               guint           customer,
                                               const char     *scope,
                                               gint64          expires,
                                               guint           family,
                                               gboolean        used);
void            fp_sandbox_oauth_load_revoked_family (FpSandboxOAuth *oauth,
                                                      guint           family);

void            fp_sandbox_tokens_clear       (FpSandboxTokens      *tokens);
void            fp_sandbox_device_grant_clear (FpSandboxDeviceGrant *grant);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FpSandboxTokens, fp_sandbox_tokens_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FpSandboxDeviceGrant, fp_sandbox_device_grant_clear)

G_END_DECLS
