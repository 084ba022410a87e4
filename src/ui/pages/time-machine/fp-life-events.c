/* fp-life-events.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Time Machine's life events: a list of FpLifeEventRow, the menu that
 * adds one (it activates `time-machine.add-event`, which the page
 * installs), and a row that says there are none. Emits
 * FpLifeEvents::changed when the customer edits or removes an event.
 */

#define G_LOG_DOMAIN "fp-life-events"

#include "config.h"

#include "fp-life-events.h"
#include "fp-money.h"
#include "fp-ui-util.h"

struct _FpLifeEvents
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkWidget           *no_events_row;

  GPtrArray           *rows;            /* FpLifeEventRow, in the group */
  int                  start_year;
  int                  start_month;
  char                 currency[4];
  gboolean             has_loan;
};

G_DEFINE_FINAL_TYPE (FpLifeEvents, fp_life_events, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_no_events (FpLifeEvents *self)
{
  gtk_widget_set_visible (self->no_events_row, self->rows->len == 0);
}

static void
row_changed_cb (FpLifeEventRow *row,
                FpLifeEvents   *self)
{
  fp_life_event_row_update_subtitle (row, self->currency, self->has_loan);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
remove_row (FpLifeEvents   *self,
            FpLifeEventRow *row)
{
  g_signal_handlers_disconnect_by_data (row, self);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (row));
  g_ptr_array_remove (self->rows, row);
}

static void
remove_requested_cb (FpLifeEventRow *row,
                     FpLifeEvents   *self)
{
  remove_row (self, row);
  update_no_events (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
fp_life_events_dispose (GObject *object)
{
  FpLifeEvents *self = FP_LIFE_EVENTS (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_LIFE_EVENTS);

  G_OBJECT_CLASS (fp_life_events_parent_class)->dispose (object);
}

static void
fp_life_events_class_init (FpLifeEventsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_life_events_dispose;

  /**
   * FpLifeEvents::changed:
   *
   * The customer edited or removed an event.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-life-events.ui");
  gtk_widget_class_bind_template_child (widget_class, FpLifeEvents, no_events_row);
}

static void
fp_life_events_init (FpLifeEvents *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *currency = fp_money_locale_currency ();

  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->start_year = g_date_time_get_year (now);
  self->start_month = g_date_time_get_month (now);
  g_strlcpy (self->currency, currency, sizeof self->currency);
}

GtkWidget *
fp_life_events_new (void)
{
  return g_object_new (FP_TYPE_LIFE_EVENTS, NULL);
}

/**
 * fp_life_events_set_start:
 * @self: a #FpLifeEvents
 * @year: the year of the projection's first month
 * @month: that month, 1 to 12
 *
 * When the projection starts, for the events added after this.
 */
void
fp_life_events_set_start (FpLifeEvents *self,
                          int           year,
                          int           month)
{
  g_return_if_fail (FP_IS_LIFE_EVENTS (self));

  self->start_year = year;
  self->start_month = month;
}

/**
 * fp_life_events_add:
 * @self: a #FpLifeEvents
 * @kind: the kind of event
 * @years_from_now: when it happens
 * @amount: its amount, if it has one (see fp_life_event_row_new())
 * @duration: its length, if it has one
 *
 * Adds an event at the end of the list, collapsed.
 *
 * Returns: (transfer none): its row
 */
FpLifeEventRow *
fp_life_events_add (FpLifeEvents   *self,
                    FpSimEventKind  kind,
                    int             years_from_now,
                    double          amount,
                    double          duration)
{
  FpLifeEventRow *row;

  g_return_val_if_fail (FP_IS_LIFE_EVENTS (self), NULL);

  row = FP_LIFE_EVENT_ROW (fp_life_event_row_new (kind, self->start_year, self->start_month, years_from_now,
                                                  amount, duration));
  g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), self);
  g_signal_connect (row, "remove-requested", G_CALLBACK (remove_requested_cb), self);
  g_ptr_array_add (self->rows, row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (row));
  fp_life_event_row_update_subtitle (row, self->currency, self->has_loan);
  update_no_events (self);
  return row;
}

/**
 * fp_life_events_clear:
 * @self: a #FpLifeEvents
 *
 * Removes every event.
 */
void
fp_life_events_clear (FpLifeEvents *self)
{
  g_return_if_fail (FP_IS_LIFE_EVENTS (self));

  while (self->rows->len > 0)
    remove_row (self, g_ptr_array_index (self->rows, self->rows->len - 1));
  update_no_events (self);
}

guint
fp_life_events_get_n_events (FpLifeEvents *self)
{
  g_return_val_if_fail (FP_IS_LIFE_EVENTS (self), 0);

  return self->rows->len;
}

/**
 * fp_life_events_get_events:
 * @self: a #FpLifeEvents
 * @horizon_months: the projection's length
 * @has_loan: whether the starting point has a loan to pay off
 * @events: (out caller-allocates) (array length=max_events): the events
 * @max_events: room in @events
 *
 * The events that are part of the projection, in the list's order.
 *
 * Returns: how many were written
 */
guint
fp_life_events_get_events (FpLifeEvents *self,
                           guint         horizon_months,
                           gboolean      has_loan,
                           FpSimEvent   *events,
                           guint         max_events)
{
  guint n = 0;

  g_return_val_if_fail (FP_IS_LIFE_EVENTS (self), 0);

  for (guint i = 0; i < self->rows->len && n < max_events; i++)
    if (fp_life_event_row_get_event (g_ptr_array_index (self->rows, i), horizon_months, has_loan, &events[n]))
      n++;
  return n;
}

/**
 * fp_life_events_update:
 * @self: a #FpLifeEvents
 * @currency: the currency of the amounts
 * @has_loan: whether the starting point has a loan
 *
 * Says the events again in @currency; a loan payoff says when there is
 * no loan to pay off.
 */
void
fp_life_events_update (FpLifeEvents *self,
                       const char   *currency,
                       gboolean      has_loan)
{
  g_return_if_fail (FP_IS_LIFE_EVENTS (self));
  g_return_if_fail (currency != NULL);

  g_strlcpy (self->currency, currency, sizeof self->currency);
  self->has_loan = has_loan;
  for (guint i = 0; i < self->rows->len; i++)
    fp_life_event_row_update_subtitle (g_ptr_array_index (self->rows, i), currency, has_loan);
}
