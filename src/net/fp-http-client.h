/* fp-http-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "fp-http-policy.h"

G_BEGIN_DECLS

/* Caps on the size of a reply, by kind. */
#define FP_HTTP_MAX_PAGE_BYTES      (8 * 1024 * 1024)
#define FP_HTTP_MAX_CATALOGUE_BYTES (8 * 1024 * 1024)
#define FP_HTTP_MAX_PROBLEM_BYTES   (64 * 1024)
#define FP_HTTP_MAX_TOKEN_BYTES     (64 * 1024)

#define FP_TYPE_HTTP_CLIENT (fp_http_client_get_type ())

G_DECLARE_FINAL_TYPE (FpHttpClient, fp_http_client, FP, HTTP_CLIENT, GObject)

/**
 * FpHttpRefreshFunc:
 * @client: the client
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 * @user_data: data given to fp_http_client_set_refresh_func()
 *
 * Called once when the bank answers 401: gets a new access token.
 *
 * Returns: (transfer full) (nullable): the new access token
 */
typedef char *(*FpHttpRefreshFunc) (FpHttpClient  *client,
                                    GCancellable  *cancellable,
                                    GError       **error,
                                    gpointer       user_data);

/**
 * FpHttpReply:
 * @status: the HTTP status (2xx or 304)
 * @body: (nullable): the body, capped
 * @etag: (nullable): the ETag header
 * @content_type: (nullable): the media type, without parameters
 */
typedef struct {
  guint   status;
  GBytes *body;
  char   *etag;
  char   *content_type;
} FpHttpReply;

void          fp_http_reply_free            (FpHttpReply   *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpHttpReply, fp_http_reply_free)

FpHttpClient *fp_http_client_new            (const char    *base_url,
                                             GError       **error);
const char   *fp_http_client_get_base_url   (FpHttpClient  *self);
void          fp_http_client_set_access_token (FpHttpClient *self,
                                             const char    *token);
void          fp_http_client_set_refresh_func (FpHttpClient *self,
                                             FpHttpRefreshFunc func,
                                             gpointer       user_data,
                                             GDestroyNotify destroy);
void          fp_http_client_set_retry      (FpHttpClient  *self,
                                             guint          max_attempts,
                                             guint          base_ms,
                                             guint          cap_ms);
void          fp_http_client_set_request_timeout (FpHttpClient *self,
                                             guint          ms);
void          fp_http_client_set_deadline   (FpHttpClient  *self,
                                             gint64         monotonic_us);
void          fp_http_client_set_breaker    (FpHttpClient  *self,
                                             guint          threshold,
                                             gint64         open_seconds);
FpBreakerState fp_http_client_get_breaker_state (FpHttpClient *self);
void          fp_http_client_save_breaker   (FpHttpClient  *self,
                                             FpBreaker     *out);
void          fp_http_client_restore_breaker (FpHttpClient *self,
                                             const FpBreaker *breaker);
gint64        fp_http_client_get_retry_in   (FpHttpClient  *self);
guint64       fp_http_client_get_n_attempts (FpHttpClient  *self);
guint         fp_http_client_get_last_status (FpHttpClient *self);

FpHttpReply  *fp_http_client_send           (FpHttpClient  *self,
                                             const char    *method,
                                             const char    *path,
                                             const char    *content_type,
                                             GBytes        *body,
                                             const char    *idempotency_key,
                                             const char    *if_none_match,
                                             gsize          max_bytes,
                                             GCancellable  *cancellable,
                                             GError       **error);
JsonNode     *fp_http_client_get_json       (FpHttpClient  *self,
                                             const char    *path,
                                             const char    *if_none_match,
                                             gsize          max_bytes,
                                             char         **out_etag,
                                             gboolean      *out_not_modified,
                                             GCancellable  *cancellable,
                                             GError       **error);
JsonNode     *fp_http_client_post_form      (FpHttpClient  *self,
                                             const char    *url,
                                             GHashTable    *form,
                                             guint         *out_status,
                                             GCancellable  *cancellable,
                                             GError       **error);

JsonNode     *fp_json_parse_guarded         (const char    *data,
                                             gsize          len,
                                             gsize          max_bytes,
                                             GError       **error);
GError       *fp_http_problem_to_error      (guint          status,
                                             const char    *content_type,
                                             GBytes        *body);

G_END_DECLS
