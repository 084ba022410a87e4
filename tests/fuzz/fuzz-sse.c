/* fuzz-sse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the server-sent events reader (src/net/
 * fp-sse-reader.c): any bytes in, no crash, no sanitizer report, and the
 * same events, in the same order, whether the bytes arrive at once, one
 * by one, or split where the first byte says; a stream either fails in
 * all three ways or in none. Build with -Dfuzzing=true and CC=clang, then:
 *
 *   ./tests/fuzz/fuzz-sse -max_len=4096 -max_total_time=60 ../tests/fuzz/corpus/sse
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/net/fp-sse-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gboolean
collect (const char *event,
         const char *data,
         gpointer    user_data)
{
  GString *out = user_data;

  if (!g_utf8_validate (event, -1, NULL) || !g_utf8_validate (data, -1, NULL))
    abort ();
  g_string_append_printf (out, "%zu:%s|%zu:%s;", strlen (event), event, strlen (data), data);
  return TRUE;
}

/* Feeds @data in pieces of @piece bytes (0: all at once); returns the
 * events, with a trailing marker for failure and for a clean end. */
static char *
run (const uint8_t *data,
     size_t         size,
     size_t         piece)
{
  GString *out = g_string_new (NULL);
  FpSseReader *reader = fp_sse_reader_new (512, collect, out);
  gboolean ok = TRUE;

  if (piece == 0)
    piece = size > 0 ? size : 1;
  for (size_t at = 0; at < size && ok; at += piece)
    ok = fp_sse_reader_feed (reader, (const char *) data + at, MIN (piece, size - at), NULL);
  if (ok)
    g_string_append (out, fp_sse_reader_finish (reader, NULL) ? "END" : "CUT");
  else
    g_string_append (out, "FAIL");
  fp_sse_reader_free (reader);
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *whole = run (data, size, 0);
  g_autofree char *bytes = run (data, size, 1);
  g_autofree char *split = run (data, size, size > 0 ? 1 + data[0] % 17 : 1);

  /* The events seen before a failure may differ (a piece may end before
   * the bad byte), so only the outcome is compared then. */
  if (g_str_has_suffix (whole, "FAIL") || g_str_has_suffix (bytes, "FAIL") || g_str_has_suffix (split, "FAIL"))
    {
      if (!g_str_has_suffix (whole, "FAIL") || !g_str_has_suffix (bytes, "FAIL") || !g_str_has_suffix (split, "FAIL"))
        abort ();
      return 0;
    }
  if (strcmp (whole, bytes) != 0 || strcmp (whole, split) != 0)
    abort ();
  return 0;
}
