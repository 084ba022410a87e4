/* fp-deadline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deadlines for the blocking HTTP client. The client runs on worker
 * threads without a main loop of their own, so the timers live on one
 * shared watchdog thread with its own GMainContext, started the first time
 * a deadline is made and kept for the life of the process. At the
 * deadline the timer cancels the deadline's GCancellable, which ends
 * whatever libsoup or GIO call is blocked on it.
 */

#define G_LOG_DOMAIN "fp-http"

#include "config.h"

#include "fp-deadline.h"

typedef struct {
  gatomicrefcount  ref;
  GCancellable    *cancellable;
  gint             expired;   /* atomic */
} Shared;

struct _FpDeadline {
  Shared       *shared;
  GSource      *timer;
  GCancellable *parent;
  gulong        parent_id;
};

static Shared *
shared_ref (Shared *s)
{
  g_atomic_ref_count_inc (&s->ref);
  return s;
}

static void
shared_unref (gpointer data)
{
  Shared *s = data;

  if (g_atomic_ref_count_dec (&s->ref))
    {
      g_object_unref (s->cancellable);
      g_free (s);
    }
}

static gpointer
watchdog_thread (gpointer data)
{
  GMainContext *context = data;
  GMainLoop *loop = g_main_loop_new (context, FALSE);

  g_main_context_push_thread_default (context);
  g_main_loop_run (loop);
  return NULL;
}

static GMainContext *
watchdog_context (void)
{
  static GMainContext *context;

  if (g_once_init_enter (&context))
    {
      GMainContext *c = g_main_context_new ();

      g_thread_unref (g_thread_new ("fp-deadlines", watchdog_thread, g_main_context_ref (c)));
      g_once_init_leave (&context, c);
    }
  return context;
}

static gboolean
expire_cb (gpointer data)
{
  Shared *s = data;

  g_atomic_int_set (&s->expired, TRUE);
  g_cancellable_cancel (s->cancellable);
  return G_SOURCE_REMOVE;
}

static void
parent_cancelled_cb (GCancellable *parent,
                     gpointer      data)
{
  g_cancellable_cancel (((Shared *) data)->cancellable);
}

/**
 * fp_deadline_new:
 * @monotonic_us: when, in g_get_monotonic_time() microseconds
 * @parent: (nullable): cancelling it cancels the deadline's cancellable too
 *
 * Returns: (transfer full): a deadline; a time already past expires at once
 */
FpDeadline *
fp_deadline_new (gint64        monotonic_us,
                 GCancellable *parent)
{
  FpDeadline *self = g_new0 (FpDeadline, 1);
  gint64 left_ms = (monotonic_us - g_get_monotonic_time () + 999) / 1000;

  self->shared = g_new0 (Shared, 1);
  g_atomic_ref_count_init (&self->shared->ref);
  self->shared->cancellable = g_cancellable_new ();

  if (parent != NULL)
    {
      self->parent = g_object_ref (parent);
      self->parent_id = g_cancellable_connect (parent, G_CALLBACK (parent_cancelled_cb),
                                               shared_ref (self->shared), shared_unref);
    }

  if (left_ms <= 0)
    expire_cb (self->shared);
  else
    {
      self->timer = g_timeout_source_new ((guint) MIN (left_ms, G_MAXUINT));
      g_source_set_callback (self->timer, expire_cb, shared_ref (self->shared), shared_unref);
      g_source_attach (self->timer, watchdog_context ());
    }
  return self;
}

/**
 * fp_deadline_get_cancellable:
 * @deadline: a deadline
 *
 * Returns: (transfer none): cancelled at the deadline or with the parent
 */
GCancellable *
fp_deadline_get_cancellable (FpDeadline *deadline)
{
  g_return_val_if_fail (deadline != NULL, NULL);
  return deadline->shared->cancellable;
}

/**
 * fp_deadline_expired:
 * @deadline: a deadline
 *
 * Returns: whether the time ran out (not merely the parent cancelled)
 */
gboolean
fp_deadline_expired (FpDeadline *deadline)
{
  g_return_val_if_fail (deadline != NULL, FALSE);
  return g_atomic_int_get (&deadline->shared->expired)
         && !g_cancellable_is_cancelled (deadline->parent);
}

void
fp_deadline_free (FpDeadline *deadline)
{
  if (deadline == NULL)
    return;
  if (deadline->timer != NULL)
    {
      g_source_destroy (deadline->timer);
      g_source_unref (deadline->timer);
    }
  if (deadline->parent != NULL)
    {
      g_cancellable_disconnect (deadline->parent, deadline->parent_id);
      g_object_unref (deadline->parent);
    }
  shared_unref (deadline->shared);
  g_free (deadline);
}
