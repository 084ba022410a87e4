/* fp-net-private.h: internals shared by the files of src/net (not API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-bank-schema.h"
#include "fp-http-client.h"

G_BEGIN_DECLS

/**
 * FpHttpCheckFunc:
 * @data: the reply's body
 * @len: its length
 * @user_data: what the caller gave
 * @error: a #GError
 *
 * Reads a 2xx reply in place of json-glib; a %FP_NET_ERROR_MALFORMED
 * failure is retried like a damaged reply, any other failure is final.
 *
 * Returns: %TRUE when the reply is good
 */
typedef gboolean (*FpHttpCheckFunc) (const char  *data,
                                     gsize        len,
                                     gpointer     user_data,
                                     GError     **error);

/* GET with the retries, backoff and breaker of fp_http_client_get_json(),
 * the body read by @check. */
FpHttpReply *_fp_http_client_get_checked (FpHttpClient     *self,
                                          const char       *path,
                                          gsize             max_bytes,
                                          FpHttpCheckFunc   check,
                                          gpointer          user_data,
                                          GCancellable     *cancellable,
                                          GError          **error);

/* The size cap and the strict JSON rule every reply passes first, with
 * the client's errors (fp-http-client.c). */
gboolean _fp_json_check_reply (const char  *data,
                               gsize        len,
                               gsize        max_bytes,
                               GError     **error);

/* The change feed's page straight from the bytes of the reply, without
 * json-glib: the same guards as fp_json_parse_guarded()
 * (_fp_json_check_reply()), the same contract as fp_feed_page_parse().
 * The page's strings point into page->strings. */
gboolean _fp_feed_page_parse_bytes (const char  *data,
                                    gsize        len,
                                    gsize        max_bytes,
                                    FpFeedPage  *page,
                                    GError     **error);

/* The bearer token, for a worker thread's own client of the same bank. */
char         *_fp_http_client_dup_access_token (FpHttpClient  *self);

/* POST once and hand back the reply's body as it arrives (the GenAI
 * proxy's server-sent events); errors as fp_http_client_send() makes
 * them, with the Retry-After of a refusal. */
GInputStream *_fp_http_client_open_stream (FpHttpClient  *self,
                                           const char    *path,
                                           const char    *content_type,
                                           GBytes        *body,
                                           const char    *accept,
                                           gint64        *out_retry_after,
                                           GCancellable  *cancellable,
                                           GError       **error);

G_END_DECLS
