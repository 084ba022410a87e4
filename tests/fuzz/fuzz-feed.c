/* fuzz-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the change feed's two readers: the one without
 * json-glib (_fp_feed_page_parse_bytes() in src/net/fp-bank-schema.c) and
 * the json-glib path every other reply takes (the strict JSON rule,
 * json-glib, fp_feed_page_parse()). Any bytes in, no crash, no sanitizer
 * report; the two accept exactly the same pages and read the same
 * changes, field by field. Build with -Dfuzzing=true and CC=clang, then:
 *
 *   ./tests/fuzz/fuzz-feed -max_len=8192 -max_total_time=60 -dict=../tests/fuzz/feed.dict ../tests/fuzz/corpus/feed
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/net/fp-bank-schema.h"
#include "../../src/net/fp-net-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
same_text (const char *a,
           const char *b)
{
  if (g_strcmp0 (a, b) != 0)
    abort ();
}

static void
same_change (const FpTxnChange *a,
             const FpTxnChange *b)
{
  if (a->kind != b->kind || a->day != b->day || a->minute != b->minute
      || a->amount_minor != b->amount_minor || a->mcc != b->mcc || a->is_fraud != b->is_fraud
      || a->txn_state != b->txn_state)
    abort ();
  same_text (a->id, b->id);
  same_text (a->account_id, b->account_id);
  same_text (a->currency, b->currency);
  same_text (a->merchant, b->merchant);
  same_text (a->city, b->city);
  same_text (a->state, b->state);
  same_text (a->zip, b->zip);
  same_text (a->use_chip, b->use_chip);
  same_text (a->errors, b->errors);
  same_text (a->category, b->category);
  same_text (a->merchant_name, b->merchant_name);
  same_text (a->card_id, b->card_id);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FpFeedPage fast, slow;
  JsonParser *parser = NULL;
  gboolean fast_ok, slow_ok;

  fp_feed_page_init (&fast);
  fast_ok = _fp_feed_page_parse_bytes ((const char *) data, size, 1 << 20, &fast, NULL);

  fp_feed_page_init (&slow);
  slow_ok = _fp_json_check_reply ((const char *) data, size, 1 << 20, NULL);
  if (slow_ok)
    {
      /* It passed the strict rule, so json-glib cannot recurse too deep,
       * and it must read it. */
      parser = json_parser_new_immutable ();
      if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL)
          || json_parser_get_root (parser) == NULL)
        abort ();
      slow_ok = fp_feed_page_parse (json_parser_get_root (parser), &slow, NULL);
    }

  if (fast_ok != slow_ok)
    abort ();
  if (fast_ok)
    {
      same_text (fast.next_cursor, slow.next_cursor);
      if (fast.has_more != slow.has_more || fast.latest_seq != slow.latest_seq
          || fast.first_seq != slow.first_seq || fast.last_seq != slow.last_seq
          || fast.changes->len != slow.changes->len)
        abort ();
      for (guint i = 0; i < fast.changes->len; i++)
        same_change (&g_array_index (fast.changes, FpTxnChange, i),
                     &g_array_index (slow.changes, FpTxnChange, i));
    }
  fp_feed_page_clear (&slow);
  g_clear_object (&parser);
  fp_feed_page_clear (&fast);
  return 0;
}
