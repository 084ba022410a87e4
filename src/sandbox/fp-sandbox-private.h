/* fp-sandbox-private.h
 *
 * What the files of the sandbox server share: the instance struct, the
 * request being handled and the response being built.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "fp-bank-data.h"

#include "fp-sandbox-json.h"
#include "fp-sandbox-oauth.h"
#include "fp-sandbox-server.h"

G_BEGIN_DECLS

/* libsoup 3.2 has no name for 429 (RFC 6585). */
#define FP_STATUS_TOO_MANY_REQUESTS 429

#define FP_PROBLEM_BASE "https://finpersona.example/problems/"

typedef struct _FpSandboxBank FpSandboxBank;

struct _FpSandboxServer {
  GObject          parent_instance;

  FpSandboxConfig  config;
  char            *address;
  SoupServer      *soup;
  char            *base_url;
  guint            port;

  FpSandboxBank   *bank;
  FpSandboxOAuth  *oauth;

  GHashTable      *idempotency;      /* "customer:key" → IdempotentEntry */
  GHashTable      *replays;          /* key → count */
  GHashTable      *rate;             /* client → RateWindow */
  GRand           *fault_rand;
  guint            storm_left;
  gint64           clock_offset;

  /* Counters for GET /_sandbox/stats. */
  guint64          n_requests;
  guint64          n_genai;
  guint64          n_genai_rejected;
  guint64          n_writes;
  guint64          n_fault_error;
  guint64          n_fault_cut;
  guint64          n_fault_malformed;
  guint64          n_fault_truncate;
  guint64          n_fault_storm;
  guint64          n_rate_limited;
  GHashTable      *path_counts;      /* "METHOD /template" → count */
};

typedef enum {
  FP_SANDBOX_PTR_BODY,
  FP_SANDBOX_PTR_QUERY,
  FP_SANDBOX_PTR_HEADER,
  FP_SANDBOX_PTR_PATH,
} FpSandboxPointerKind;

typedef struct {
  guint     status;
  char     *content_type;
  GString  *body;
  char     *location;
  char     *retry_after;
  gboolean  etag;          /* compute an ETag and honour If-None-Match */
  gboolean  no_faults;     /* never mangle (OAuth, hooks) */
  GPtrArray *sse_events;   /* when set, a text/event-stream of these */
} FpSandboxResponse;

typedef struct {
  FpSandboxServer    *self;
  SoupServerMessage  *msg;
  const char         *method;
  const char         *path;
  GHashTable         *query;        /* may be NULL */
  char              **segments;     /* path split on '/' without empties */
  guint               n_segments;
  gint                customer;     /* -1 unless authenticated */
  const char         *scope;
  const char         *body;
  gsize               body_len;
  JsonNode           *json;         /* the parsed body of a JSON write */
  const char         *route;        /* a template for the counters */
  gint64              now;
} FpSandboxRequest;

gint64   fp_sandbox_server_now      (FpSandboxServer *self);

FpSandboxResponse *fp_sandbox_response_new   (guint              status,
                                              const char        *content_type);
void               fp_sandbox_response_free  (FpSandboxResponse *response);
FpSandboxResponse *fp_sandbox_problem        (guint                status,
                                              const char          *type,
                                              const char          *title,
                                              const char          *detail,
                                              FpSandboxPointerKind kind,
                                              const char          *pointer);
FpSandboxResponse *fp_sandbox_json_response  (guint              status,
                                              GString           *body);
FpSandboxResponse *fp_sandbox_not_found      (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpSandboxResponse, fp_sandbox_response_free)

/* fp-sandbox-oauth-http.c */
FpSandboxResponse *fp_sandbox_handle_oauth   (FpSandboxRequest *req);

/* fp-sandbox-resources.c: the bank's data and the per-customer state the
 * API can change (consents, feedback, privacy requests). */
typedef struct {
  GPtrArray *consents;       /* Consent */
  GPtrArray *history;        /* ConsentEvent */
  GPtrArray *feedback;       /* Feedback */
  GPtrArray *privacy;        /* PrivacyRequest */
  GPtrArray *loan_applications; /* fp-sandbox-lending.c; NULL until the first */
} FpSandboxCustomerState;

struct _FpSandboxBank {
  FpBankData  *data;
  GHashTable  *customers;    /* customer → FpSandboxCustomerState */
  guint64      next_id;
  GString     *offers;       /* the catalogues, built once */
  GString     *indices;
  GString     *assumptions;
  GString     *inflation;
  GString     *models;
  GString     *model_segments;
  GString     *model_health;
};

FpSandboxBank     *fp_sandbox_bank_new       (FpBankData       *data);
void               fp_sandbox_bank_free      (FpSandboxBank    *bank);
FpSandboxCustomerState *fp_sandbox_bank_customer (FpSandboxBank *bank,
                                                  guint          customer);
FpSandboxResponse *fp_sandbox_handle_resource (FpSandboxRequest *req);

/* fp-sandbox-catalogue.c: offers, market data and models. */
void               fp_sandbox_catalogue_build (FpSandboxBank   *bank);
gboolean           fp_sandbox_catalogue_has_offer (const char  *offer_id);
FpSandboxResponse *fp_sandbox_handle_catalogue (FpSandboxRequest *req);

/* fp-sandbox-consents.c: consents, feedback, privacy requests. */
void               fp_sandbox_customer_state_free (gpointer      state);
gboolean           fp_sandbox_customer_has_consent (FpSandboxBank *bank,
                                                    guint          customer,
                                                    const char    *purpose,
                                                    gint64         now);
FpSandboxResponse *fp_sandbox_handle_consents (FpSandboxRequest *req);
FpSandboxResponse *fp_sandbox_handle_feedback (FpSandboxRequest *req);
FpSandboxResponse *fp_sandbox_handle_privacy  (FpSandboxRequest *req);

/* Shared by the resource files. */
void               fp_sandbox_write_customer  (FpJsonWriter         *w,
                                               const FpBankCustomer *customer);
void               fp_sandbox_write_account   (FpJsonWriter         *w,
                                               FpBankData           *data,
                                               const FpBankAccount  *account);
void               fp_sandbox_write_card      (FpJsonWriter         *w,
                                               const FpBankCard     *card);
FpSandboxResponse *fp_sandbox_method_not_allowed (void);
FpSandboxResponse *fp_sandbox_invalid         (const char           *pointer,
                                               const char           *detail);
gboolean           fp_sandbox_check_members   (JsonObject           *object,
                                               const char * const   *allowed,
                                               FpSandboxResponse   **problem);

/* fp-sandbox-lending.c: the loan pricing grid, the credit line model and
 * loan applications. fp-sandbox-holdings.c: GET /v1/holdings. */
void               fp_sandbox_lending_write_loan_terms (FpJsonWriter *w);
GString           *fp_sandbox_lending_build_credit_line_model (void);
FpSandboxResponse *fp_sandbox_handle_loan_applications (FpSandboxRequest *req);
FpSandboxResponse *fp_sandbox_handle_holdings (FpSandboxRequest *req);

/* fp-sandbox-genai.c */
FpSandboxResponse *fp_sandbox_handle_genai   (FpSandboxRequest *req);

G_END_DECLS
