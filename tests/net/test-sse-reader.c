/* test-sse-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server-sent events reader (src/net/fp-sse-reader.c) against the
 * parsing rules of the HTML standard, fed whole and in pieces that cut
 * lines, line ends and the byte-order mark, and its refusals: bytes that
 * are not UTF-8, lines and events over the cap, a stream cut inside an
 * event.
 */

#include "config.h"

#include <string.h>

#include "fp-net-error.h"
#include "fp-sse-reader.h"

typedef struct {
  GString *log;
  guint    stop_after;
  guint    n;
} Seen;

static gboolean
seen_cb (const char *event,
         const char *data,
         gpointer    user_data)
{
  Seen *s = user_data;

  g_string_append_printf (s->log, "[%s|%s]", event, data);
  s->n++;
  return s->stop_after == 0 || s->n < s->stop_after;
}

/* Feeds @text in pieces of @piece bytes; returns the events seen, and
 * whether the stream was accepted to its end. */
static char *
read_all (const char *text,
          gsize       len,
          gsize       piece,
          gsize       max,
          gboolean   *out_ok,
          guint64    *out_comments)
{
  Seen s = { g_string_new (NULL), 0, 0 };
  g_autoptr(FpSseReader) reader = fp_sse_reader_new (max, seen_cb, &s);
  gboolean ok = TRUE;

  for (gsize at = 0; at < len && ok; at += piece)
    ok = fp_sse_reader_feed (reader, text + at, MIN (piece, len - at), NULL);
  ok = ok && fp_sse_reader_finish (reader, NULL);
  *out_ok = ok;
  if (out_comments != NULL)
    *out_comments = fp_sse_reader_get_n_comments (reader);
  return g_string_free (s.log, FALSE);
}

static void
assert_reads (const char *text,
              const char *expected,
              guint64     comments)
{
  gsize len = strlen (text);

  /* Whole, byte by byte, and in pieces of 2, 3 and 5 bytes. */
  static const gsize pieces[] = { 0, 1, 2, 3, 5 };

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      gboolean ok = FALSE;
      guint64 n_comments = 0;
      g_autofree char *got = read_all (text, len, pieces[i] == 0 ? MAX (len, 1) : pieces[i], 4096, &ok,
                                       &n_comments);

      g_assert_true (ok);
      g_assert_cmpstr (got, ==, expected);
      g_assert_cmpuint (n_comments, ==, comments);
    }
}

static void
test_proxy_stream (void)
{
  assert_reads (": connected\n\n"
                "event: meta\ndata: {\"generator\":\"bedrock:m\"}\n\n"
                "event: delta\ndata: {\"text\":\"Your \"}\n\n"
                ": keep-alive\n\n"
                "event: delta\ndata: {\"text\":\"income\"}\n\n"
                "event: done\ndata: {\"finishReason\":\"stop\"}\n\n",
                "[meta|{\"generator\":\"bedrock:m\"}][delta|{\"text\":\"Your \"}]"
                "[delta|{\"text\":\"income\"}][done|{\"finishReason\":\"stop\"}]",
                2);
}

static void
test_line_ends (void)
{
  assert_reads ("event: a\r\ndata: 1\r\n\r\n"
                "event: b\rdata: 2\r\r"
                "event: c\ndata: 3\n\n",
                "[a|1][b|2][c|3]", 0);
  /* A CR at the end of one piece and its LF at the start of the next is
   * one line end, not two (which would dispatch early). */
  assert_reads ("data: x\r\ndata: y\r\n\r\n", "[message|x\ny]", 0);
}

static void
test_fields (void)
{
  assert_reads ("\xef\xbb\xbf" "data: bom\n\n", "[message|bom]", 0);
  assert_reads ("data:no space\ndata:  two\ndata\n\n", "[message|no space\n two\n]", 0);
  /* No data: nothing dispatched, and the event name does not leak into
   * the next event. */
  assert_reads ("event: lonely\n\ndata: next\n\n", "[message|next]", 0);
  assert_reads ("id: 7\nretry: 10\nwhatever: x\nevent: e\ndata: d\n\n", "[e|d]", 0);
  assert_reads ("", "", 0);
}

static void
test_refusals (void)
{
  static const char *const bad[] = {
    "data: \xff\n\n",
    "data: \xc3\n\n",
    "event: delta\ndata: cut",
    "data: complete\n",
  };
  g_autofree char *long_line = g_strnfill (5000, 'x');
  g_autofree char *long_event = NULL;
  g_autoptr(GString) many = g_string_new (NULL);
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *got = read_all (bad[i], strlen (bad[i]), 1, 4096, &ok, NULL);

      if (ok)
        g_error ("case %u accepted: %s", i, got);
    }

  g_free (read_all (long_line, strlen (long_line), 64, 4096, &ok, NULL));
  g_assert_false (ok);
  for (guint i = 0; i < 100; i++)
    g_string_append (many, "data: 0123456789012345678901234567890123456789012345678901234567890\n");
  g_string_append (many, "\n");
  long_event = read_all (many->str, many->len, 100, 4096, &ok, NULL);
  g_assert_false (ok);
  g_assert_cmpstr (long_event, ==, "");
}

static void
test_error_is_net_malformed (void)
{
  Seen s = { g_string_new (NULL), 0, 0 };
  g_autoptr(FpSseReader) reader = fp_sse_reader_new (64, seen_cb, &s);
  g_autoptr(GError) error = NULL;

  g_assert_false (fp_sse_reader_feed (reader, "data: \xfe\n", 8, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_MALFORMED);
  g_clear_error (&error);
  /* Once refused, always refused. */
  g_assert_false (fp_sse_reader_feed (reader, "data: ok\n\n", 10, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_MALFORMED);
  g_string_free (s.log, TRUE);
}

static void
test_stop (void)
{
  Seen s = { g_string_new (NULL), 1, 0 };
  g_autoptr(FpSseReader) reader = fp_sse_reader_new (64, seen_cb, &s);
  const char *text = "data: 1\n\ndata: 2\n\n";

  g_assert_true (fp_sse_reader_feed (reader, text, strlen (text), NULL));
  g_assert_true (fp_sse_reader_is_stopped (reader));
  g_assert_cmpstr (s.log->str, ==, "[message|1]");
  g_assert_true (fp_sse_reader_finish (reader, NULL));
  g_string_free (s.log, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/sse/proxy-stream", test_proxy_stream);
  g_test_add_func ("/net/sse/line-ends", test_line_ends);
  g_test_add_func ("/net/sse/fields", test_fields);
  g_test_add_func ("/net/sse/refusals", test_refusals);
  g_test_add_func ("/net/sse/error-is-net-malformed", test_error_is_net_malformed);
  g_test_add_func ("/net/sse/stop", test_stop);

  return g_test_run ();
}
