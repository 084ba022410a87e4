/* sandbox-test-helper.h
 *
 * Runs the sandbox bank in a thread of the test process (so the sanitizers
 * see the server too) and speaks plain HTTP to it with a SoupSession.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "fp-sandbox-server.h"

G_BEGIN_DECLS

#define TS_CLIENT_ID "io.github.finpersona.FinPersona"
#define TS_REDIRECT "http://127.0.0.1:49152/callback"

typedef struct _TestSandbox TestSandbox;

typedef struct {
  guint               status;
  char               *body;
  gsize               len;
  SoupMessageHeaders *headers;
} TestResponse;

typedef struct {
  char *access_token;
  char *refresh_token;
} TestTokens;

/* The bank: @customers besides the demo one, one year of seed 7 ending on
 * config->today (the clock's, FP_TODAY, when G_MININT32). */
TestSandbox  *ts_start            (const FpSandboxConfig *config,
                                   guint                  customers);
TestSandbox  *ts_attach           (const char            *url);
void          ts_stop             (TestSandbox           *ts);
const char   *ts_url              (TestSandbox           *ts);

TestResponse *ts_request          (TestSandbox           *ts,
                                   const char            *method,
                                   const char            *path,
                                   const char            *token,
                                   const char            *content_type,
                                   const char            *body,
                                   const char            *first_header,
                                   ...);
TestResponse *ts_form             (TestSandbox           *ts,
                                   const char            *path,
                                   const char            *first_field,
                                   ...) G_GNUC_NULL_TERMINATED;
void          ts_response_free    (TestResponse          *response);
JsonNode     *ts_json             (TestResponse          *response);
const char   *ts_header           (TestResponse          *response,
                                   const char            *name);

char         *ts_query_param      (const char            *uri,
                                   const char            *name);
char         *ts_otp              (const char            *username);
char         *ts_authorize        (TestSandbox           *ts,
                                   const char            *username,
                                   const char            *challenge,
                                   const char            *redirect_uri,
                                   const char            *state);
gboolean      ts_sign_in          (TestSandbox           *ts,
                                   const char            *username,
                                   TestTokens            *out);
void          ts_tokens_clear     (TestTokens            *tokens);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestResponse, ts_response_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TestTokens, ts_tokens_clear)

G_END_DECLS
