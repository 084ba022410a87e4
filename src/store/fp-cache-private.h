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

G_BEGIN_DECLS

#define FP_CACHE_DB_NAME "cache.db"

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

/* Bulk loads (fp-cache-txn.c). The caller holds the lock. */
gboolean  _fp_cache_ensure_txn_indexes (FpCache    *self,
                                        GError    **error);

/* Called by the sync engine when the change feed is through (takes the
 * lock): builds the indexes a first sync deferred, if any. */
gboolean  _fp_cache_end_bulk_load    (FpCache      *self,
                                      GError      **error);

/* Schema (fp-cache-schema.c) */
gboolean  _fp_cache_migrate          (sqlite3      *db,
                                      int           target_version,
                                      int          *out_version,
                                      GError      **error);

/* For tests: open and migrate only up to @max_version. */
FpCache  *_fp_cache_open_full        (const char        *dir,
                                      const FpCacheKey  *key,
                                      int                max_version,
                                      GError           **error);
sqlite3  *_fp_cache_get_db           (FpCache           *self);
char     *_fp_cache_list_sql         (const FpTxnFilter *filter);

/* Reading transactions (fp-cache-txn.c), shared by the queries of the
 * other files. */
void         _fp_cache_append_txn_where (GString           *sql,
                                         const FpTxnFilter *filter,
                                         const char        *extra);
void         _fp_cache_bind_txn_filter  (sqlite3_stmt      *stmt,
                                         const FpTxnFilter *filter,
                                         char             **out_pattern);
FpCachedTxn *_fp_cache_txn_from_row     (sqlite3_stmt      *stmt);

G_END_DECLS
