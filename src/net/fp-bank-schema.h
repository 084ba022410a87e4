/* fp-bank-schema.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "fp-cache.h"

G_BEGIN_DECLS

/**
 * FpFeedPage:
 * @changes: (element-type FpTxnChange): the page's changes; their strings
 *   point into the JSON tree or into @strings
 * @strings: strings made while reading (joined errors)
 * @next_cursor: the cursor after this page (borrowed from the tree)
 * @has_more: whether more pages follow
 * @latest_seq: the bank's latest sequence number
 * @first_seq: the first change's seq, 0 if none
 * @last_seq: the last change's seq, 0 if none
 *
 * One page of the transaction change feed, checked against the contract.
 */
typedef struct {
  GArray     *changes;
  GPtrArray  *strings;
  const char *next_cursor;
  gboolean    has_more;
  gint64      latest_seq;
  gint64      first_seq;
  gint64      last_seq;
} FpFeedPage;

void     fp_feed_page_init      (FpFeedPage  *page);
void     fp_feed_page_clear     (FpFeedPage  *page);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FpFeedPage, fp_feed_page_clear)

gboolean fp_feed_page_parse     (JsonNode    *root,
                                 FpFeedPage  *page,
                                 GError     **error);
gboolean fp_bank_parse_time     (const char  *text,
                                 gint32      *out_day,
                                 gint32      *out_minute);
gboolean fp_bank_parse_money    (JsonNode    *node,
                                 gint64      *out_minor,
                                 const char **out_currency);

G_END_DECLS
