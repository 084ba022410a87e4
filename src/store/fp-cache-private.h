/* fp-cache-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* SQLCipher declares sqlite3_key() only for codec builds. */
#ifndef SQLITE_HAS_CODEC
# define SQLITE_HAS_CODEC 1
#endif
#include <sqlite3.h>

#include "fp-cache.h"
#include "fp-cache-annotations.h"

G_BEGIN_DECLS

#define FP_CACHE_DB_NAME "cache.db"
#define FP_CACHE_KEYCHECK_NAME "cache.keycheck"

/* Every file a cache may consist of, besides its folder (fp-cache.c). */
extern const char * const _fp_cache_files[];
extern const guint _fp_cache_n_files;
gboolean _fp_cache_file_size (const char *path,
                              goffset    *out_size);

typedef enum {
  STMT_TXN_OLD,
  STMT_TXN_INSERT,
  STMT_TXN_UPDATE,
  STMT_TXN_DELETE,
  STMT_ROLLUP_UPDATE,
  STMT_ROLLUP_INSERT,
  STMT_ROLLUP_GC,
  STMT_CURSOR_UPDATE,
  STMT_CURSOR_INSERT,
  STMT_COUNT_UPDATE,
  STMT_COUNT_INSERT,
  STMT_COUNT_GC,
  STMT_TERM_UPDATE,
  STMT_TERM_INSERT,
  STMT_TERM_GC,
  N_STMTS,
} FpCacheStmt;

struct _FpCache {
  GObject parent_instance;

  GMutex lock;
  sqlite3 *db;
  sqlite3_stmt *stmts[N_STMTS];

  char *dir;
  char *path;
  char *cipher_version;
  char *journal_mode;
  int schema_version;
  guint ephemeral : 1;
  /* A first sync into an empty table is running without the secondary
   * indexes of transactions (fp-cache-txn.c): the next reader, or
   * _fp_cache_end_bulk_load(), builds them. */
  guint txn_indexes_deferred : 1;
};

/* Errors */
gboolean  _fp_cache_set_error        (GError      **error,
                                      sqlite3      *db,
                                      int           rc,
                                      const char   *what);

gboolean  _fp_cache_check_open       (FpCache      *self,
                                      GError      **error);

/* Plain SQL helpers; the caller holds the lock. */
gboolean  _fp_cache_exec             (FpCache      *self,
                                      const char   *sql,
                                      GError      **error);
gboolean  _fp_cache_begin            (FpCache      *self,
                                      GError      **error);
gboolean  _fp_cache_commit           (FpCache      *self,
                                      GError      **error);
void      _fp_cache_rollback         (FpCache      *self);
sqlite3_stmt *_fp_cache_prepare      (FpCache      *self,
                                      const char   *sql,
                                      GError      **error);
sqlite3_stmt *_fp_cache_cached_stmt  (FpCache      *self,
                                      FpCacheStmt   which,
                                      GError      **error);
/* Takes the lock itself. */
char     *_fp_cache_lookup_text      (FpCache      *self,
                                      const char   *sql,
                                      const char   *key,
                                      const char   *what,
                                      GError      **error);

/* Steps a cached statement that returns no row, and resets it. */
gboolean  _fp_cache_step_done        (FpCache       *self,
                                      sqlite3_stmt  *stmt,
                                      const char    *what,
                                      GError       **error);

/* The counts kept with each page (fp-cache-txn-counts.c): `txn_counts`
 * and `txn_terms`, from this schema on. */
#define FP_CACHE_COUNTS_SCHEMA 6
typedef struct _FpCacheCounts FpCacheCounts;
FpCacheCounts *_fp_cache_counts_new   (void);
void      _fp_cache_counts_free      (FpCacheCounts *counts);
void      _fp_cache_counts_add       (FpCacheCounts *counts,
                                      const char    *account_id,
                                      const char    *merchant_name,
                                      const char    *merchant,
                                      const char    *city,
                                      gint64         n);
gboolean  _fp_cache_counts_flush     (FpCache       *self,
                                      FpCacheCounts *counts,
                                      GError       **error);
gboolean  _fp_cache_counts_rebuild   (FpCache       *self,
                                      GError       **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpCacheCounts, _fp_cache_counts_free)

/* Bulk loads (fp-cache-txn.c). The caller holds the lock. */
gboolean  _fp_cache_ensure_txn_indexes (FpCache    *self,
                                        GError    **error);

/* Called by the sync engine when the change feed is through (takes the
 * lock): builds the indexes a first sync deferred, if any. */
gboolean  _fp_cache_end_bulk_load    (FpCache      *self,
                                      GError      **error);

/* A random (v4) UUID from getrandom(2) for an outbox item's
 * Idempotency-Key (fp-cache-consent.c). */
char     *_fp_cache_new_idempotency_key (void);

/* Where the outbox item with the Idempotency-Key @key stands, and why
 * (fp-cache-annotations.c); the caller holds the lock. */
FpDeliveryState _fp_cache_outbox_delivery_locked (FpCache     *self,
                                                  const char  *key,
                                                  char       **out_reason);

/* Schema (fp-cache-schema.c) */
gboolean  _fp_cache_migrate          (sqlite3      *db,
                                      int           target_version,
                                      int          *out_version,
                                      GError      **error);

/* Opening (fp-cache-open.c): makes the folder and files private, tries
 * the key, configures, migrates up to @max_version. */
FpCache  *_fp_cache_open_internal    (const char        *dir,
                                      const FpCacheKey  *key,
                                      int                max_version,
                                      gboolean           ephemeral,
                                      GError           **error);

/* For tests: open and migrate only up to @max_version. */
FpCache  *_fp_cache_open_full        (const char        *dir,
                                      const FpCacheKey  *key,
                                      int                max_version,
                                      GError           **error);
sqlite3  *_fp_cache_get_db           (FpCache           *self);
char     *_fp_cache_list_sql         (const FpTxnFilter *filter);

/* What every list of transactions reads, in the column order
 * _fp_cache_txn_from_row() expects: the row joined with the customer's
 * annotation of it (the page's rows only: one primary-key probe each). */
#define FP_CACHE_TXN_READ_COLUMNS \
  "transactions.id, transactions.account_id, transactions.day, transactions.minute," \
  " transactions.amount_minor, transactions.currency, transactions.mcc, transactions.merchant," \
  " transactions.city, transactions.state, transactions.zip, transactions.use_chip," \
  " transactions.errors, transactions.is_fraud, transactions.category," \
  " transactions.merchant_name, transactions.card_id, transactions.txn_state," \
  " txn_annotations.category, txn_annotations.note"
#define FP_CACHE_TXN_READ_JOIN \
  " LEFT JOIN txn_annotations ON txn_annotations.transaction_id = transactions.id"

/* Reading transactions (fp-cache-txn.c), shared by the queries of the
 * other files. */
int          _fp_cache_register_functions (sqlite3         *db);
void         _fp_cache_append_txn_where (GString           *sql,
                                         const FpTxnFilter *filter,
                                         const char        *extra);
void         _fp_cache_bind_txn_filter  (sqlite3_stmt      *stmt,
                                         const FpTxnFilter *filter,
                                         char             **out_pattern);
FpCachedTxn *_fp_cache_txn_from_row     (sqlite3_stmt      *stmt);
void         _fp_cache_bind_text_or_null (sqlite3_stmt    *stmt,
                                          int              index,
                                          const char      *text);

G_END_DECLS
