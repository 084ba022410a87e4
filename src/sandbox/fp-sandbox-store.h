/* fp-sandbox-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox's state on disk (--state-dir): what customers changed at the
 * bank (consents and their history, feedback, privacy requests, verdicts,
 * frozen cards), OAuth tokens (by their SHA-256, never the tokens), the
 * Idempotency-Key records, and where the bank's days and clock stand. One
 * SQLite database, `sandbox-state.db`, unencrypted: this is a test bank.
 * Tables: meta (key, value), customers (customer, state JSON), idempotency,
 * tokens, revoked_families. Without a store the sandbox keeps all of it in
 * memory.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_SANDBOX_STORE_FILE "sandbox-state.db"

typedef struct _FpSandboxStore FpSandboxStore;

/* Opens (creating it, 0700, and the database, 0600) the state of @dir.
 * @bank names the bank's data ("generated seed=1 customers=10 years=3"):
 * a state written for another bank is refused. */
FpSandboxStore *fp_sandbox_store_open          (const char      *dir,
                                                const char      *bank,
                                                GError         **error);
void            fp_sandbox_store_free          (FpSandboxStore  *store);

/* Small values: "history_end", "last_booked_day", "clock_offset",
 * "next_id", "next_family". */
gboolean        fp_sandbox_store_get_int       (FpSandboxStore  *store,
                                                const char      *key,
                                                gint64          *value);
gboolean        fp_sandbox_store_set_int       (FpSandboxStore  *store,
                                                const char      *key,
                                                gint64           value,
                                                GError         **error);

/* Everything a write changed, in one transaction. */
gboolean        fp_sandbox_store_begin         (FpSandboxStore  *store,
                                                GError         **error);
gboolean        fp_sandbox_store_commit        (FpSandboxStore  *store,
                                                GError         **error);
void            fp_sandbox_store_rollback      (FpSandboxStore  *store);

gboolean        fp_sandbox_store_put_customer  (FpSandboxStore  *store,
                                                guint            customer,
                                                const char      *state_json,
                                                GError         **error);
gboolean        fp_sandbox_store_put_idempotent (FpSandboxStore *store,
                                                 const char     *scoped_key,
                                                 const char     *fingerprint,
                                                 guint           status,
                                                 const char     *content_type,
                                                 const char     *body,
                                                 gsize           body_len,
                                                 const char     *location,
                                                 GError        **error);
/* @kind is "access" or "refresh"; @hash the token's SHA-256 in hex. */
gboolean        fp_sandbox_store_put_token     (FpSandboxStore  *store,
                                                const char      *hash,
                                                const char      *kind,
                                                guint            customer,
                                                const char      *scope,
                                                gint64           expires,
                                                guint            family,
                                                gboolean         used,
                                                GError         **error);
gboolean        fp_sandbox_store_revoke_family (FpSandboxStore  *store,
                                                guint            family,
                                                GError         **error);

/* Reading it all back at start; the callbacks get each row. */
typedef void  (*FpSandboxStoreCustomerFunc)   (guint        customer,
                                               const char  *state_json,
                                               gpointer     user_data);
typedef void  (*FpSandboxStoreIdempotentFunc) (const char  *scoped_key,
                                               const char  *fingerprint,
                                               guint        status,
                                               const char  *content_type,
                                               const char  *body,
                                               gsize        body_len,
                                               const char  *location,
                                               gpointer     user_data);
typedef void  (*FpSandboxStoreTokenFunc)      (const char  *hash,
                                               const char  *kind,
                                               guint        customer,
                                               const char  *scope,
                                               gint64       expires,
                                               guint        family,
                                               gboolean     used,
                                               gpointer     user_data);
typedef void  (*FpSandboxStoreFamilyFunc)     (guint        family,
                                               gpointer     user_data);

gboolean        fp_sandbox_store_load          (FpSandboxStore               *store,
                                                FpSandboxStoreCustomerFunc    customer,
                                                FpSandboxStoreIdempotentFunc  idempotent,
                                                FpSandboxStoreTokenFunc       token,
                                                FpSandboxStoreFamilyFunc      family,
                                                gpointer                      user_data,
                                                GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpSandboxStore, fp_sandbox_store_free)

G_END_DECLS
