/* fp-sse-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FpSseEventFunc:
 * @event: the event type (`message` when the stream named none)
 * @data: the data lines joined with `\n`
 * @user_data: what was given to fp_sse_reader_new()
 *
 * Receives one complete event. Returning %FALSE stops the reader: the
 * current fp_sse_reader_feed() returns at once with no error.
 *
 * Returns: %TRUE to go on
 */
typedef gboolean (*FpSseEventFunc) (const char *event,
                                    const char *data,
                                    gpointer    user_data);

typedef struct _FpSseReader FpSseReader;

FpSseReader *fp_sse_reader_new            (gsize            max_event_bytes,
                                           FpSseEventFunc   func,
                                           gpointer         user_data);
void         fp_sse_reader_free           (FpSseReader     *reader);
gboolean     fp_sse_reader_feed           (FpSseReader     *reader,
                                           const char      *data,
                                           gsize            len,
                                           GError         **error);
gboolean     fp_sse_reader_finish         (FpSseReader     *reader,
                                           GError         **error);
guint64      fp_sse_reader_get_n_comments (FpSseReader     *reader);
gboolean     fp_sse_reader_is_stopped     (FpSseReader     *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpSseReader, fp_sse_reader_free)

G_END_DECLS
