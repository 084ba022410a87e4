/* fp-sse-reader.c
 *
 * An incremental reader of server-sent events (the `text/event-stream`
 * format of the HTML standard), fed bytes as they arrive from the GenAI
 * proxy in pieces of any size. It follows the standard's parsing rules:
 * lines end in CR LF, LF or CR (also when the CR and LF arrive in separate
 * pieces); a leading byte-order mark is dropped; a line starting with `:`
 * is a comment (the proxy's heartbeat); `field: value` loses one space
 * after the colon; `data` lines are joined with LF; an empty line
 * dispatches the event, unless it has no data. `id` and `retry` are read
 * and ignored: a GenAI answer is never resumed.
 *
 * Stricter than the standard, because this is a border: the stream must
 * be UTF-8, and a line or an event longer than the cap is an error rather
 * than memory spent. An event cut off by the end of the stream is not
 * dispatched; fp_sse_reader_finish() reports it.
 *
 * GLib only, so the fuzz target builds it alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sse"

#include "config.h"

#include <string.h>

#include "fp-net-error.h"
#include "fp-sse-reader.h"

struct _FpSseReader {
  FpSseEventFunc  func;
  gpointer        user_data;
  gsize           max_event;

  GString        *line;
  GString        *event;
  GString        *data;
  gboolean        has_data;
  gboolean        started;       /* past a possible byte-order mark */
  gboolean        last_was_cr;
  gboolean        stopped;
  gboolean        failed;
  guint64         n_comments;
};

/**
 * fp_sse_reader_new:
 * @max_event_bytes: the largest line and the largest event accepted
 * @func: receives each event
 * @user_data: data for @func
 *
 * Returns: (transfer full): a reader
 */
FpSseReader *
fp_sse_reader_new (gsize           max_event_bytes,
                   FpSseEventFunc  func,
                   gpointer        user_data)
{
  FpSseReader *r;

  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (max_event_bytes > 0, NULL);

  r = g_new0 (FpSseReader, 1);
  r->func = func;
  r->user_data = user_data;
  r->max_event = max_event_bytes;
  r->line = g_string_new (NULL);
  r->event = g_string_new (NULL);
  r->data = g_string_new (NULL);
  return r;
}

void
fp_sse_reader_free (FpSseReader *reader)
{
  if (reader == NULL)
    return;
  g_string_free (reader->line, TRUE);
  g_string_free (reader->event, TRUE);
  g_string_free (reader->data, TRUE);
  g_free (reader);
}

static gboolean
fail (FpSseReader  *r,
      GError      **error,
      const char   *what)
{
  r->failed = TRUE;
  g_debug ("event stream refused: %s", what);
  g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_MALFORMED,
                       "The GenAI proxy sent a damaged stream.");
  return FALSE;
}

static void
dispatch (FpSseReader *r)
{
  if (r->has_data)
    {
      /* The data buffer ends with the LF of its last line: drop it. */
      if (r->data->len > 0 && r->data->str[r->data->len - 1] == '\n')
        g_string_truncate (r->data, r->data->len - 1);
      if (!r->func (r->event->len > 0 ? r->event->str : "message", r->data->str, r->user_data))
        r->stopped = TRUE;
    }
  g_string_truncate (r->event, 0);
  g_string_truncate (r->data, 0);
  r->has_data = FALSE;
}

static gboolean
process_line (FpSseReader  *r,
              GError      **error)
{
  const char *line = r->line->str;
  const char *colon;
  const char *value;
  gsize name_len;

  if (!g_utf8_validate (line, (gssize) r->line->len, NULL) || memchr (line, '\0', r->line->len) != NULL)
    return fail (r, error, "a line is not UTF-8");

  if (r->line->len == 0)
    {
      dispatch (r);
      return TRUE;
    }
  if (line[0] == ':')
    {
      r->n_comments++;
      return TRUE;
    }

  colon = strchr (line, ':');
  name_len = colon != NULL ? (gsize) (colon - line) : r->line->len;
  value = colon != NULL ? colon + 1 : "";
  if (*value == ' ')
    value++;

  if (name_len == 5 && strncmp (line, "event", 5) == 0)
    g_string_assign (r->event, value);
  else if (name_len == 4 && strncmp (line, "data", 4) == 0)
    {
      g_string_append (r->data, value);
      g_string_append_c (r->data, '\n');
      r->has_data = TRUE;
    }
  /* id, retry and unknown fields are ignored, as the standard says. */

  if (r->event->len + r->data->len > r->max_event)
    return fail (r, error, "an event is too large");
  return TRUE;
}

/**
 * fp_sse_reader_feed:
 * @reader: a reader
 * @data: (array length=len): the next bytes of the stream
 * @len: how many
 * @error: a #GError
 *
 * Reads @data, calling the event function for every event it completes.
 *
 * Returns: %FALSE when the stream is malformed (%FP_NET_ERROR_MALFORMED);
 *   the reader then refuses everything
 */
gboolean
fp_sse_reader_feed (FpSseReader  *reader,
                    const char   *data,
                    gsize         len,
                    GError      **error)
{
  gsize i = 0;

  g_return_val_if_fail (reader != NULL, FALSE);

  if (reader->failed)
    return fail (reader, error, "the stream failed earlier");
  if (reader->stopped)
    return TRUE;

  if (!reader->started && len > 0)
    {
      /* A byte-order mark may arrive in pieces too. */
      static const char bom[] = "\xef\xbb\xbf";
      gsize have = reader->line->len;

      while (i < len && have + i < 3 && data[i] == bom[have + i])
        i++;
      if (have + i < 3 && i == len)
        {
          g_string_append_len (reader->line, data, (gssize) len);
          return TRUE;
        }
      if (have + i == 3)
        g_string_truncate (reader->line, 0);
      else
        i = 0;    /* not a mark: what was held is text */
      reader->started = TRUE;
    }

  for (; i < len && !reader->stopped; i++)
    {
      char c = data[i];

      if (c == '\n' && reader->last_was_cr)
        {
          reader->last_was_cr = FALSE;
          continue;
        }
      reader->last_was_cr = c == '\r';
      if (c == '\r' || c == '\n')
        {
          if (!process_line (reader, error))
            return FALSE;
          g_string_truncate (reader->line, 0);
          continue;
        }
      if (reader->line->len >= reader->max_event)
        return fail (reader, error, "a line is too long");
      g_string_append_c (reader->line, c);
    }
  return TRUE;
}

/**
 * fp_sse_reader_finish:
 * @reader: a reader
 * @error: a #GError
 *
 * The stream ended.
 *
 * Returns: %FALSE when it ended inside an event (%FP_NET_ERROR_MALFORMED)
 */
gboolean
fp_sse_reader_finish (FpSseReader  *reader,
                      GError      **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  if (reader->failed)
    return fail (reader, error, "the stream failed earlier");
  if (reader->stopped)
    return TRUE;
  if (reader->line->len > 0 || reader->has_data || reader->event->len > 0)
    return fail (reader, error, "the stream ended inside an event");
  return TRUE;
}

guint64
fp_sse_reader_get_n_comments (FpSseReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->n_comments;
}

gboolean
fp_sse_reader_is_stopped (FpSseReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return reader->stopped;
}
