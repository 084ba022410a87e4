/* fp-deadline.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * FpDeadline:
 *
 * A #GCancellable that is cancelled at a point in monotonic time (or when
 * its parent is), for blocking I/O that must end by then whatever the
 * other side does: a bank that sends a byte every two seconds never trips
 * an inactivity timeout, but it trips this.
 */
typedef struct _FpDeadline FpDeadline;

FpDeadline   *fp_deadline_new             (gint64        monotonic_us,
                                           GCancellable *parent);
GCancellable *fp_deadline_get_cancellable (FpDeadline   *deadline);
gboolean      fp_deadline_expired         (FpDeadline   *deadline);
void          fp_deadline_free            (FpDeadline   *deadline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpDeadline, fp_deadline_free)

G_END_DECLS
