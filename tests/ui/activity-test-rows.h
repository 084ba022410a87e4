/* activity-test-rows.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Activity tests share (test-activity.c, test-activity-page.c):
 * a few thousand generated transactions, the same in both programs, the
 * rows a filter should give (computed here, independently of the store),
 * an ephemeral cache filled with them, and waiting for the paged model.
 */

#pragma once

#include "fp-activity-page.h"
#include "fp-cache-activity.h"
#include "fp-transaction-model.h"

G_BEGIN_DECLS

#define N_ROWS 3000

typedef struct {
  char id[16];
  FpTxnChange change;
} Row;

extern Row *rows;          /* N_ROWS generated rows */
extern Row **sorted;       /* the same, in the list's order */

/* Before the tests run and after. */
void           activity_rows_setup    (void);
void           activity_rows_teardown (void);

GPtrArray     *expected_rows          (const FpTxnFilter  *filter);
FpCache       *new_cache              (guint               n_rows);
void           wait_counted           (FpTransactionModel *model);
FpTransaction *get_loaded_item        (FpTransactionModel *model,
                                       guint               position);

G_END_DECLS
