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
#include "fp-sandbox-store.h"

G_BEGIN_DECLS

/* libsoup 3.2 has no names for 429 and 431 (RFC 6585). */
#define FP_STATUS_TOO_MANY_REQUESTS 429
#define FP_STATUS_HEADERS_TOO_LARGE 431

/* What request headers may hold (libsoup itself stops at 64 KiB). */
#define FP_SANDBOX_MAX_HEADER_BYTES  (16 * 1024)
#define FP_SANDBOX_MAX_HEADER_FIELDS 100

#define FP_PROBLEM_BASE "https://finpersona.example/problems/"

/* The scope every operation of the bank API needs. */
#define FP_SANDBOX_API_SCOPE "accounts"

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
  guint64          n_verdicts;       /* verdicts recorded (not replays) */
  guint64          n_card_controls;  /* freezes and unfreezes that changed a card */
  GHashTable      *path_counts;      /* "METHOD /template" → count */
  GHashTable      *drains;           /* refused connections being closed */
  FpSandboxStore  *store;            /* NULL: the state is in memory only */
  gint32           saved_last_day;   /* as the store has it */
  gint64           saved_clock_offset;
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
  char     *allow;         /* the methods of the resource, with 405 */
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
gint32   fp_sandbox_server_today    (FpSandboxServer *self);

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

/* The fault draws of one request: always five, see draw_faults(). */
typedef struct {
  double storm;
  double error;
  double cut;
  double malformed;
  double truncate;
} FpSandboxFaultDraw;

/* fp-sandbox-response.c */
void               fp_sandbox_send_response   (FpSandboxServer          *self,
                                               SoupServerMessage        *msg,
                                               FpSandboxResponse        *response,
                                               const FpSandboxFaultDraw *draw);

/* fp-sandbox-server.c */
FpSandboxResponse *fp_sandbox_parse_json_body (FpSandboxRequest *req);
void               fp_sandbox_server_add_idempotent (FpSandboxServer *self,
                                                     const char      *scoped_key,
                                                     const char      *fingerprint,
                                                     guint            status,
                                                     const char      *content_type,
                                                     const char      *body,
                                                     gsize            body_len,
                                                     const char      *location);

/* fp-sandbox-limits.c */
void               fp_sandbox_drains_finish   (FpSandboxServer   *self);
void               fp_sandbox_refuse          (FpSandboxServer   *self,
                                               SoupServerMessage *msg,
                                               FpSandboxResponse *response);
void               fp_sandbox_early_cb        (SoupServer        *server,
                                               SoupServerMessage *msg,
                                               const char        *path,
                                               GHashTable        *query,
                                               gpointer           user_data);
void               fp_sandbox_request_started_cb (SoupServer        *server,
                                                  SoupServerMessage *msg,
                                                  gpointer           user_data);

/* fp-sandbox-hooks.c */
FpSandboxResponse *fp_sandbox_handle_hooks    (FpSandboxServer  *self,
                                               FpSandboxRequest *req);

/* fp-sandbox-oauth-http.c */
FpSandboxResponse *fp_sandbox_handle_oauth   (FpSandboxRequest *req);

/* fp-sandbox-resources.c: the bank's data and the per-customer state the
 * API can change (consents, feedback, privacy requests). */
typedef struct {
  GPtrArray  *consents;       /* Consent */
  GPtrArray  *history;        /* ConsentEvent */
  GPtrArray  *feedback;       /* Feedback */
  GPtrArray  *privacy;        /* PrivacyRequest */
  GPtrArray  *verdicts;       /* FpSandboxVerdict, one per transaction */
  GHashTable *frozen_cards;   /* card id + 1, a set */
  GPtrArray  *loan_applications; /* fp-sandbox-lending.c; NULL until the first */
  gboolean    dirty;          /* changed since it was last saved */
} FpSandboxCustomerState;

/* What a customer changed at the bank (fp-sandbox-consents.c). */

typedef struct {
  char   *id;
  char   *purpose;
  char   *status;          /* Authorised, Revoked, Expired */
  char   *policy_version;
  gint64  created;
  gint64  updated;
  gint64  expires;         /* 0: none */
  char   *receipt_id;
  char   *signature;
} Consent;

typedef struct {
  char   *id;
  char   *consent_id;
  char   *purpose;
  char   *action;          /* granted, revoked, expired */
  char   *status;
  gint64  at;
  char   *receipt_id;
  char   *signature;
} ConsentEvent;

typedef struct {
  char   *id;
  char   *offer_id;
  char   *reaction;
  GStrv   reasons;
  gint64  at;
} Feedback;

typedef struct {
  char     *id;
  gboolean  erasure;
  char     *status;
  gint64    requested;
  gint64    completed;     /* 0: not yet */
} PrivacyRequest;

/* The customer's word on an alert: "mine" or "not_mine". */
typedef struct {
  char    *id;
  guint32  txn;
  char    *verdict;
  gint64   at;
} FpSandboxVerdict;

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

/* Books the days up to the bank's today before data is read. */
void               fp_sandbox_bank_catch_up  (FpSandboxRequest *req);
gboolean           fp_sandbox_card_is_frozen (FpSandboxBank    *bank,
                                              const FpBankCard *card);
char              *fp_sandbox_bank_new_id    (FpSandboxBank    *bank,
                                              const char       *prefix);

/* fp-sandbox-state.c: the customer states as JSON, and saving them with
 * the rest of the state when the server has a store. */
char              *fp_sandbox_customer_state_to_json (FpSandboxCustomerState *state);
gboolean           fp_sandbox_customer_state_load    (FpSandboxCustomerState *state,
                                                      const char             *json,
                                                      GError                **error);
void               fp_sandbox_state_save     (FpSandboxServer  *self,
                                              const char       *scoped_key,
                                              const char       *fingerprint,
                                              FpSandboxResponse *response);

/* fp-sandbox-controls.c: card freezes and alert verdicts. */
void               fp_sandbox_verdict_free   (gpointer          verdict);
FpSandboxResponse *fp_sandbox_handle_card_control (FpSandboxRequest *req,
                                                   const FpBankCard *card);
FpSandboxResponse *fp_sandbox_handle_verdict (FpSandboxRequest        *req,
                                              const FpBankTransaction *txn);

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
                                               const FpBankCard     *card,
                                               gboolean              frozen);
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
