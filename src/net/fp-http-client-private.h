/* fp-http-client-private.h: the HTTP client's instance, shared by its files (not API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FpHttpClient is one object in two files: fp-http-client.c (the object,
 * its settings and its circuit breaker) and fp-http-client-send.c (the
 * requests: retries with backoff, deadlines, the one-shot form posts and
 * streams). What a reply is read with lives in fp-http-reply.c.
 */

#pragma once

#include <libsoup/soup.h>

#include "fp-http-client.h"
#include "fp-pinned-database.h"

G_BEGIN_DECLS

struct _FpHttpClient {
  GObject            parent_instance;

  char              *base_url;
  SoupSession       *session;
  char              *access_token;

  FpHttpRefreshFunc  refresh_func;
  gpointer           refresh_data;
  GDestroyNotify     refresh_destroy;

  guint              max_attempts;
  guint              base_ms;
  guint              cap_ms;
  FpBreaker          breaker;
  guint64            n_attempts;
  guint              last_status;

  guint              request_timeout_ms;
  gint64             deadline;    /* the sync's, monotonic µs; 0 for none */
  FpPinnedDatabase  *pinned;      /* (nullable) */
};

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_BREAKER_STATE,
  PROP_RETRY_IN,
  N_PROPS
};

/* The client's properties (fp-http-client.c). */
extern GParamSpec *_fp_http_client_properties[N_PROPS];

/* The breaker's clock: monotonic seconds. */
gint64 _fp_http_client_now_seconds (void);

G_END_DECLS
