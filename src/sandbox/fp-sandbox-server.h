/* fp-sandbox-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-bank-data.h"
#include "fp-sandbox-store.h"

G_BEGIN_DECLS

#define FP_SANDBOX_SERVER_ERROR (fp_sandbox_server_error_quark ())

/**
 * FpSandboxServerError:
 * @FP_SANDBOX_SERVER_ERROR_INVALID: a configuration value is out of range
 * @FP_SANDBOX_SERVER_ERROR_NOT_LOOPBACK: a non-loopback address without
 *   allow_remote
 * @FP_SANDBOX_SERVER_ERROR_LISTEN: the socket could not be opened
 */
typedef enum {
  FP_SANDBOX_SERVER_ERROR_INVALID,
  FP_SANDBOX_SERVER_ERROR_NOT_LOOPBACK,
  FP_SANDBOX_SERVER_ERROR_LISTEN,
} FpSandboxServerError;

/**
 * FpSandboxFaults:
 *
 * Misbehaviour on demand, all off by default. Rates are probabilities per
 * request drawn from a PRNG seeded with @seed, so a test that sends the same
 * requests in the same order sees the same faults. Faults touch only the
 * bank API (`/v1/`) and the GenAI proxy (`/genai/v1/`), never OAuth or the
 * test hooks.
 */
typedef struct {
  guint32 seed;
  double  error_rate;      /* 500/503 problem+json */
  guint   latency_ms;      /* added to every response */
  double  cut_rate;        /* headers and half the body, then the socket closes */
  double  malformed_rate;  /* 200 with a body that is not JSON */
  double  truncate_rate;   /* 200 with JSON cut in the middle (consistent Content-Length) */
  double  storm_rate;      /* probability that a request starts a 429 storm */
  guint   storm_length;    /* requests answered 429 in a storm */
} FpSandboxFaults;

typedef struct {
  const char      *address;             /* default 127.0.0.1 */
  gint32           today;               /* the bank's today, days since 1970-01-01 (fp-clock.h);
                                         * G_MININT32: fp_clock_today () */
  guint            port;                /* 0: the OS chooses */
  gboolean         allow_remote;
  gboolean         demo;
  gboolean         test_hooks;
  guint            rate_limit;          /* requests per minute and customer; 0 = off */
  gsize            max_body_bytes;
  gint64           access_token_ttl;
  gint64           refresh_token_ttl;
  gint64           device_code_ttl;
  gint64           device_interval;
  FpSandboxFaults  faults;
  const char      *tls_certificate;     /* PEM files: serve https; NULL for http */
  const char      *tls_key;
} FpSandboxConfig;

#define FP_TYPE_SANDBOX_SERVER (fp_sandbox_server_get_type ())

G_DECLARE_FINAL_TYPE (FpSandboxServer, fp_sandbox_server, FP, SANDBOX_SERVER, GObject)

GQuark           fp_sandbox_server_error_quark   (void);

void             fp_sandbox_config_init          (FpSandboxConfig  *config);
gboolean         fp_sandbox_address_is_loopback  (const char       *address);

FpSandboxServer *fp_sandbox_server_new           (FpBankData       *data,
                                                  const FpSandboxConfig *config);
gboolean         fp_sandbox_server_listen        (FpSandboxServer  *self,
                                                  GError          **error);
gboolean         fp_sandbox_server_use_store     (FpSandboxServer  *self,
                                                  FpSandboxStore   *store,
                                                  GError          **error);
const char      *fp_sandbox_server_get_base_url  (FpSandboxServer  *self);
guint            fp_sandbox_server_get_port      (FpSandboxServer  *self);

G_END_DECLS
