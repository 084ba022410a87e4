/* fp-oauth-client-private.h: the OAuth client's instance, shared by its files (not API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FpOAuthClient is one object in three files: fp-oauth-client.c (the
 * object, discovery, the token endpoint, refresh, resume and revocation),
 * fp-oauth-browser.c (PKCE and the authorization code flow with its
 * loopback listener) and fp-oauth-device.c (the device grant).
 */

#pragma once

#include <json-glib/json-glib.h>

#include "fp-oauth-client.h"

G_BEGIN_DECLS

struct _FpOAuthClient {
  GObject       parent_instance;

  FpHttpClient *http;
  char         *authorization_endpoint;
  char         *token_endpoint;
  char         *device_endpoint;
  char         *revocation_endpoint;

  char         *access_token;
  char         *refresh_token;
  gint64        expires_at;

  gboolean      use_keyring;
  char         *account;
};

/* fp-oauth-client.c */
void         _fp_oauth_wipe_free             (char          **p);
const char  *_fp_oauth_member_string         (JsonObject     *o,
                                              const char     *name);
gint64       _fp_oauth_member_int            (JsonObject     *o,
                                              const char     *name,
                                              gint64          fallback);
gboolean     _fp_oauth_client_discover       (FpOAuthClient  *self,
                                              GCancellable   *cancellable,
                                              GError        **error);
gboolean     _fp_oauth_error_to_gerror       (JsonObject     *o,
                                              guint           status,
                                              GError        **error);
gboolean     _fp_oauth_client_take_tokens    (FpOAuthClient  *self,
                                              JsonNode       *root,
                                              GCancellable   *cancellable,
                                              GError        **error);
gboolean     _fp_oauth_client_token_request  (FpOAuthClient  *self,
                                              GHashTable     *form,
                                              GCancellable   *cancellable,
                                              GError        **error);
GHashTable  *_fp_oauth_new_form              (void);

G_END_DECLS
