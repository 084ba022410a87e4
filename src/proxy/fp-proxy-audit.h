/* fp-proxy-audit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FpProxyAuditRecord:
 * @request_id: the proxy's id of the request (`req_` and 16 hex digits)
 * @customer: (nullable): the customer's keyed hash; %NULL before the token
 *   was checked
 * @template_name: (nullable): the template asked for
 * @route: the path
 * @status: the HTTP status sent
 * @outcome: one word: `ok`, `unauthorized`, `no_consent`, `invalid`,
 *   `pii`, `rate_limited`, `quota`, `busy`, `upstream_throttled`,
 *   `upstream_unavailable`, `upstream_invalid`, `breaker_open`,
 *   `interrupted`, `cancelled`, `bank_unavailable`
 * @tokens_in: model input tokens Bedrock reported
 * @tokens_out: model output tokens
 * @latency_ms: from the request's arrival to its end
 * @attempts: calls made to Bedrock
 * @streamed: answered as server-sent events
 *
 * One line of the audit log. There is no field for anything the customer
 * wrote or any figure of theirs: the log cannot leak what it never had.
 */
typedef struct {
  const char *request_id;
  const char *customer;
  const char *template_name;
  const char *route;
  guint       status;
  const char *outcome;
  gint64      tokens_in;
  gint64      tokens_out;
  gint64      latency_ms;
  guint       attempts;
  gboolean    streamed;
} FpProxyAuditRecord;

typedef struct _FpProxyAudit FpProxyAudit;

FpProxyAudit *fp_proxy_audit_new            (const char               *path,
                                             const guint8              key[32],
                                             GError                  **error);
void          fp_proxy_audit_free           (FpProxyAudit             *audit);
char         *fp_proxy_audit_customer_hash  (FpProxyAudit             *audit,
                                             const char               *subject);
char         *fp_proxy_audit_format         (const FpProxyAuditRecord *record,
                                             gint64                    now_us);
void          fp_proxy_audit_write          (FpProxyAudit             *audit,
                                             const FpProxyAuditRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpProxyAudit, fp_proxy_audit_free)

G_END_DECLS
