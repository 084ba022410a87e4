/* fp-life-event-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One life event of the Time Machine: its kind as the title, when and how
 * much as the subtitle, and when expanded the figures of that kind (the
 * date, then a down payment and a mortgage, a monthly cost, a length, an
 * amount). The trash button asks to remove it
 * (FpLifeEventRow::remove-requested); every edit emits
 * FpLifeEventRow::changed.
 */

#define G_LOG_DOMAIN "fp-life-event-row"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-fan-chart.h"
#include "fp-life-event-row.h"
#include "fp-money.h"
#include "fp-time-machine-format.h"
#include "fp-ui-util.h"

struct _FpLifeEventRow
{
  AdwExpanderRow  parent_instance;

  GtkWidget      *remove_button;

  FpSimEventKind  kind;
  int             start_year;
  int             start_month;

  /* Owned references; only those of the kind are set */
  GtkAdjustment  *year;
  GtkAdjustment  *month;
  GtkAdjustment  *amount;
  GtkAdjustment  *mortgage;
  GtkAdjustment  *rate;
  GtkAdjustment  *duration;
};

G_DEFINE_FINAL_TYPE (FpLifeEventRow, fp_life_event_row, ADW_TYPE_EXPANDER_ROW)

enum {
  SIGNAL_CHANGED,
  SIGNAL_REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
adjustment_minor (GtkAdjustment *adjustment)
{
  gint64 minor = 0;

  /* A spin button's value is a double; amounts leave it as minor units. */
  if (!fp_money_from_double (gtk_adjustment_get_value (adjustment), FP_ROUND_HALF_EVEN, &minor, NULL))
    return 0;
  return minor;
}

static guint
adjustment_uint (GtkAdjustment *adjustment)
{
  return (guint) MAX (0, lround (gtk_adjustment_get_value (adjustment)));
}

static void
value_changed_cb (FpLifeEventRow *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
remove_clicked_cb (FpLifeEventRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE_REQUESTED], 0);
}

/* A row with a spin button for one figure of the event. */
static GtkAdjustment *
add_spin_row (FpLifeEventRow *self,
              const char     *title,
              const char     *subtitle,
              double          value,
              double          lower,
              double          upper,
              double          step,
              guint           digits)
{
  GtkAdjustment *adjustment = g_object_ref_sink (gtk_adjustment_new (value, lower, upper, step, step * 10, 0));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new (adjustment, step, digits);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 8);
  /* Named by the row ("Year"), described by the event ("Buying a
   * home"): two events' years do not read alike. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);

  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (value_changed_cb), self, G_CONNECT_SWAPPED);

  return adjustment;
}

static void
fp_life_event_row_dispose (GObject *object)
{
  FpLifeEventRow *self = FP_LIFE_EVENT_ROW (object);

  g_clear_object (&self->year);
  g_clear_object (&self->month);
  g_clear_object (&self->amount);
  g_clear_object (&self->mortgage);
  g_clear_object (&self->rate);
  g_clear_object (&self->duration);

  G_OBJECT_CLASS (fp_life_event_row_parent_class)->dispose (object);
}

static void
fp_life_event_row_class_init (FpLifeEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_life_event_row_dispose;

  /**
   * FpLifeEventRow::changed:
   *
   * A figure of the event changed.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * FpLifeEventRow::remove-requested:
   *
   * The customer asked to remove the event.
   */
  signals[SIGNAL_REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-life-event-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, FpLifeEventRow, remove_button);
}

static void
fp_life_event_row_init (FpLifeEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  fp_ui_spin_buttons_use_locale (GTK_WIDGET (self));
}

/**
 * fp_life_event_row_new:
 * @kind: the kind of event
 * @start_year: the year of the projection's first month
 * @start_month: that month, 1 to 12
 * @years_from_now: when the event happens
 * @amount: its amount in major units (a down payment, a monthly cost, a
 *   windfall), if it has one
 * @duration: its length (years of a mortgage or of a child's costs,
 *   months of a career break), if it has one
 *
 * Returns: (transfer floating): a new row, collapsed
 */
GtkWidget *
fp_life_event_row_new (FpSimEventKind kind,
                       int            start_year,
                       int            start_month,
                       int            years_from_now,
                       double         amount,
                       double         duration)
{
  FpLifeEventRow *self = g_object_new (FP_TYPE_LIFE_EVENT_ROW, NULL);

  self->kind = kind;
  self->start_year = start_year;
  self->start_month = start_month;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), fp_fan_chart_event_label (kind));
  {
    /* Translators: the accessible name of a life event's trash button; %s is the event ("Buying a home") */
    g_autofree char *remove = g_strdup_printf (_("Remove %s"), fp_fan_chart_event_label (kind));

    fp_ui_set_accessible_name (self->remove_button, remove, NULL);
    /* AdwExpanderRow 1.2 gives the row no name of its own. */
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    fp_fan_chart_event_label (kind), -1);
  }

  self->year = add_spin_row (self, _("Year"), NULL, start_year + years_from_now, start_year, start_year + 50, 1, 0);
  self->month = add_spin_row (self, _("Month"), NULL, start_month, 1, 12, 1, 0);

  switch (kind)
    {
    case FP_SIM_EVENT_HOME_PURCHASE:
      self->amount = add_spin_row (self, _("Down payment"), NULL, amount, 0, 10000000, 1000, 0);
      self->mortgage = add_spin_row (self, _("Mortgage"), NULL, 250000, 0, 10000000, 5000, 0);
      self->rate = add_spin_row (self, _("Mortgage interest"), _("Percent a year"), 3.5, 0, 20, 0.1, 2);
      self->duration = add_spin_row (self, _("Mortgage term"), _("Years"), duration, 1, 40, 1, 0);
      break;

    case FP_SIM_EVENT_CHILD:
      self->amount = add_spin_row (self, _("Monthly cost"), NULL, amount, 0, 100000, 50, 0);
      self->duration = add_spin_row (self, _("For"), _("Years"), duration, 1, 30, 1, 0);
      break;

    case FP_SIM_EVENT_CAREER_BREAK:
      self->duration = add_spin_row (self, _("Length"), _("Months without income"), duration, 1, 120, 1, 0);
      break;

    case FP_SIM_EVENT_WINDFALL:
      self->amount = add_spin_row (self, _("Amount"), NULL, amount, 0, 100000000, 1000, 0);
      break;

    case FP_SIM_EVENT_LOAN_PAYOFF:
      break;

    default:
      g_return_val_if_reached (GTK_WIDGET (self));
    }

  return GTK_WIDGET (self);
}

FpSimEventKind
fp_life_event_row_get_kind (FpLifeEventRow *self)
{
  g_return_val_if_fail (FP_IS_LIFE_EVENT_ROW (self), FP_SIM_EVENT_HOME_PURCHASE);

  return self->kind;
}

/**
 * fp_life_event_row_get_month:
 * @self: a #FpLifeEventRow
 *
 * Returns: the month of the projection the event happens in (0 is the
 *   first; it may be before it)
 */
int
fp_life_event_row_get_month (FpLifeEventRow *self)
{
  int year, month;

  g_return_val_if_fail (FP_IS_LIFE_EVENT_ROW (self), 0);

  year = (int) lround (gtk_adjustment_get_value (self->year));
  month = (int) lround (gtk_adjustment_get_value (self->month));
  return (year - self->start_year) * 12 + (month - self->start_month);
}

/**
 * fp_life_event_row_get_event:
 * @self: a #FpLifeEventRow
 * @horizon_months: the projection's length
 * @has_loan: whether the starting point has a loan to pay off
 * @event: (out caller-allocates): the event for the simulator
 *
 * Returns: whether the event is part of the projection (within the
 *   horizon, and a loan payoff only with a loan)
 */
gboolean
fp_life_event_row_get_event (FpLifeEventRow *self,
                             guint           horizon_months,
                             gboolean        has_loan,
                             FpSimEvent     *event)
{
  int month;

  g_return_val_if_fail (FP_IS_LIFE_EVENT_ROW (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  month = fp_life_event_row_get_month (self);
  memset (event, 0, sizeof *event);
  event->kind = self->kind;
  event->month = (guint) CLAMP (month, 1, (int) FP_SIM_MAX_MONTHS);
  if (event->month > horizon_months)
    return FALSE;

  switch (self->kind)
    {
    case FP_SIM_EVENT_HOME_PURCHASE:
      event->amount_minor = adjustment_minor (self->amount);
      event->mortgage_minor = adjustment_minor (self->mortgage);
      event->rate = gtk_adjustment_get_value (self->rate) / 100.0;
      event->duration_months = adjustment_uint (self->duration) * 12;
      break;

    case FP_SIM_EVENT_CHILD:
      event->amount_minor = adjustment_minor (self->amount);
      event->duration_months = adjustment_uint (self->duration) * 12;
      break;

    case FP_SIM_EVENT_CAREER_BREAK:
      event->duration_months = adjustment_uint (self->duration);
      break;

    case FP_SIM_EVENT_WINDFALL:
      event->amount_minor = adjustment_minor (self->amount);
      break;

    case FP_SIM_EVENT_LOAN_PAYOFF:
      /* Only meaningful with a loan; the first debt of the starting point. */
      if (!has_loan)
        return FALSE;
      event->debt_index = 0;
      break;

    default:
      return FALSE;
    }

  return TRUE;
}

/**
 * fp_life_event_row_update_subtitle:
 * @self: a #FpLifeEventRow
 * @currency: the currency of the amounts
 * @has_loan: whether the starting point has a loan
 *
 * Says when the event happens and its main figure.
 */
void
fp_life_event_row_update_subtitle (FpLifeEventRow *self,
                                   const char     *currency,
                                   gboolean        has_loan)
{
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (FP_IS_LIFE_EVENT_ROW (self));

  date = fp_time_machine_format_month (self->start_year, self->start_month, fp_life_event_row_get_month (self));
  switch (self->kind)
    {
    case FP_SIM_EVENT_HOME_PURCHASE:
    case FP_SIM_EVENT_WINDFALL:
    case FP_SIM_EVENT_CHILD:
      {
        g_autofree char *amount = fp_time_machine_format_whole (adjustment_minor (self->amount), currency);

        if (self->kind == FP_SIM_EVENT_CHILD)
          /* TRANSLATORS: a date, then a monthly cost */
          subtitle = g_strdup_printf (_("%s · %s a month"), date, amount);
        else if (self->kind == FP_SIM_EVENT_HOME_PURCHASE)
          /* TRANSLATORS: a date, then the down payment */
          subtitle = g_strdup_printf (_("%s · %s down"), date, amount);
        else
          subtitle = g_strdup_printf ("%s · %s", date, amount);
      }
      break;

    case FP_SIM_EVENT_CAREER_BREAK:
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u month", "%s · %u months",
                                               adjustment_uint (self->duration)),
                                  date, adjustment_uint (self->duration));
      break;

    case FP_SIM_EVENT_LOAN_PAYOFF:
      if (!has_loan)
        subtitle = g_strdup_printf (_("%s · there is no loan in the starting point"), date);
      else
        subtitle = g_strdup (date);
      break;

    default:
      subtitle = g_strdup (date);
      break;
    }

  if (fp_life_event_row_get_month (self) < 1)
    {
      g_autofree char *soon = g_strdup_printf (_("%s · moved to next month"), subtitle);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), soon);
    }
  else
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
    }
}
