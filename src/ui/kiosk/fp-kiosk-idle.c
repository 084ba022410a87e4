/* fp-kiosk-idle.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inactivity on a kiosk: any key, click, touch or scroll in the watched
 * window (seen in the capture phase, so nothing a page does hides it)
 * starts the count again. After the timeout a warning counts the last
 * seconds down (#FpKioskIdle:warning, #FpKioskIdle:seconds-left); at zero
 * #FpKioskIdle::timed-out is emitted once. With no warning time, it times
 * out at once.
 *
 * The clock is the monotonic one, ticked four times a second while
 * watching. Tests move it with fp_kiosk_idle_advance() instead of waiting
 * for minutes.
 */

#define G_LOG_DOMAIN "fp-kiosk"

#include "config.h"

#include "fp-kiosk-idle.h"

#define TICK_MS 250

struct _FpKioskIdle
{
  GObject             parent_instance;

  GtkWidget          *window;        /* weak */
  GtkEventController *controller;    /* owned by the window */
  guint               tick_id;
  gint64              timeout_us;
  gint64              warning_us;
  gint64              last_activity;
  gint64              offset;        /* the test hook's time travel */
  double              pointer_x, pointer_y;
  gboolean            warning;
  int                 seconds_left;
  gboolean            timed_out;
};

G_DEFINE_FINAL_TYPE (FpKioskIdle, fp_kiosk_idle, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WARNING,
  PROP_SECONDS_LEFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_TIMED_OUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
now (FpKioskIdle *self)
{
  return g_get_monotonic_time () + self->offset;
}

static void
evaluate (FpKioskIdle *self)
{
  gint64 idle = now (self) - self->last_activity;
  gboolean warning = FALSE;
  int seconds_left = -1;

  if (self->window == NULL || self->timed_out)
    return;

  if (idle >= self->timeout_us + self->warning_us)
    {
      self->timed_out = TRUE;
      g_debug ("inactivity: the time is up");
      g_object_ref (self);
      fp_kiosk_idle_stop (self);
      g_signal_emit (self, signals[SIGNAL_TIMED_OUT], 0);
      g_object_unref (self);
      return;
    }
  if (idle >= self->timeout_us)
    {
      warning = TRUE;
      seconds_left = (int) ((self->timeout_us + self->warning_us - idle + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (self->warning != warning)
    {
      g_debug ("inactivity: %s", warning ? "warning" : "active again");
      self->warning = warning;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNING]);
    }
  if (self->seconds_left != seconds_left)
    {
      self->seconds_left = seconds_left;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS_LEFT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
tick_cb (gpointer user_data)
{
  evaluate (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
event_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          FpKioskIdle              *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
      {
        double x = 0, y = 0;

        /* Only a pointer that moves: surfaces that appear under a still
         * pointer are no one's activity. */
        if (!gdk_event_get_position (event, &x, &y) || (x == self->pointer_x && y == self->pointer_y))
          return GDK_EVENT_PROPAGATE;
        self->pointer_x = x;
        self->pointer_y = y;
      }
      G_GNUC_FALLTHROUGH;
    case GDK_BUTTON_PRESS:
    case GDK_KEY_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_SCROLL:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      fp_kiosk_idle_reset (self);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
fp_kiosk_idle_dispose (GObject *object)
{
  fp_kiosk_idle_stop (FP_KIOSK_IDLE (object));

  G_OBJECT_CLASS (fp_kiosk_idle_parent_class)->dispose (object);
}

static void
fp_kiosk_idle_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FpKioskIdle *self = FP_KIOSK_IDLE (object);

  switch (prop_id)
    {
    case PROP_WARNING:
      g_value_set_boolean (value, self->warning);
      break;

    case PROP_SECONDS_LEFT:
      g_value_set_int (value, self->seconds_left);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_kiosk_idle_class_init (FpKioskIdleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fp_kiosk_idle_dispose;
  object_class->get_property = fp_kiosk_idle_get_property;

  /**
   * FpKioskIdle:warning:
   *
   * Whether the timeout has passed and the warning counts down.
   */
  properties[PROP_WARNING] =
    g_param_spec_boolean ("warning", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FpKioskIdle:seconds-left:
   *
   * Whole seconds until the session ends, while warning; -1 otherwise.
   */
  properties[PROP_SECONDS_LEFT] =
    g_param_spec_int ("seconds-left", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpKioskIdle::timed-out:
   *
   * Nobody touched the window for the timeout and the warning: once per
   * fp_kiosk_idle_watch(). Watching stops.
   */
  signals[SIGNAL_TIMED_OUT] =
    g_signal_new ("timed-out", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
fp_kiosk_idle_init (FpKioskIdle *self)
{
  self->seconds_left = -1;
}

FpKioskIdle *
fp_kiosk_idle_new (void)
{
  return g_object_new (FP_TYPE_KIOSK_IDLE, NULL);
}

/**
 * fp_kiosk_idle_watch:
 * @self: a #FpKioskIdle
 * @window: the window whose input counts
 * @timeout_seconds: seconds without input before the warning
 * @warning_seconds: seconds the warning lasts; 0 for none
 *
 * Starts counting from now. Stops watching any other window.
 */
void
fp_kiosk_idle_watch (FpKioskIdle *self,
                     GtkWidget   *window,
                     guint        timeout_seconds,
                     guint        warning_seconds)
{
  g_return_if_fail (FP_IS_KIOSK_IDLE (self));
  g_return_if_fail (GTK_IS_WIDGET (window));

  fp_kiosk_idle_stop (self);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (self->controller, GTK_PHASE_CAPTURE);
  g_signal_connect (self->controller, "event", G_CALLBACK (event_cb), self);
  gtk_widget_add_controller (window, self->controller);
  self->timeout_us = (gint64) timeout_seconds * G_USEC_PER_SEC;
  self->warning_us = (gint64) warning_seconds * G_USEC_PER_SEC;
  self->timed_out = FALSE;
  self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
  fp_kiosk_idle_reset (self);
}

/**
 * fp_kiosk_idle_stop:
 * @self: a #FpKioskIdle
 *
 * Stops watching; the warning goes.
 */
void
fp_kiosk_idle_stop (FpKioskIdle *self)
{
  g_return_if_fail (FP_IS_KIOSK_IDLE (self));

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->controller, self);
      gtk_widget_remove_controller (self->window, self->controller);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  self->controller = NULL;
  if (self->warning)
    {
      self->warning = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNING]);
    }
  if (self->seconds_left != -1)
    {
      self->seconds_left = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS_LEFT]);
    }
}

/**
 * fp_kiosk_idle_reset:
 * @self: a #FpKioskIdle
 *
 * Someone is there: count from now (the window's input does this itself).
 */
void
fp_kiosk_idle_reset (FpKioskIdle *self)
{
  g_return_if_fail (FP_IS_KIOSK_IDLE (self));

  self->last_activity = now (self);
  evaluate (self);
}

gboolean
fp_kiosk_idle_get_watching (FpKioskIdle *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_IDLE (self), FALSE);

  return self->window != NULL;
}

gboolean
fp_kiosk_idle_get_warning (FpKioskIdle *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_IDLE (self), FALSE);

  return self->warning;
}

int
fp_kiosk_idle_get_seconds_left (FpKioskIdle *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_IDLE (self), -1);

  return self->seconds_left;
}

/**
 * fp_kiosk_idle_advance:
 * @self: a #FpKioskIdle
 * @seconds: how far
 *
 * Test hook: moves this monitor's clock @seconds forward, as if nobody had
 * touched the window for that long, and looks at once.
 */
void
fp_kiosk_idle_advance (FpKioskIdle *self,
                       guint        seconds)
{
  g_return_if_fail (FP_IS_KIOSK_IDLE (self));

  self->offset += (gint64) seconds * G_USEC_PER_SEC;
  evaluate (self);
}
