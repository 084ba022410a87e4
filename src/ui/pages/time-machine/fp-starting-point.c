/* fp-starting-point.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Time Machine's starting point: age, retirement age, cash,
 * investments, income, spending, monthly investing, pension and the loan.
 * It says where the figures come from (entered by hand, or the customer's
 * accounts as of a day) and remembers what it put in from the accounts, so
 * that the page can tell whether the customer changed the spending or the
 * debts. Emits FpStartingPoint::changed on every edit.
 */

#define G_LOG_DOMAIN "fp-starting-point"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "fp-money.h"
#include "fp-starting-point.h"
#include "fp-time-machine-format.h"
#include "fp-ui-util.h"

struct _FpStartingPoint
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  AdwActionRow        *loan_row;
  GtkWidget           *loan_rate_row;
  GtkWidget           *loan_years_row;
  GtkAdjustment       *age_adj;
  GtkAdjustment       *retirement_age_adj;
  GtkAdjustment       *cash_adj;
  GtkAdjustment       *investments_adj;
  GtkAdjustment       *income_adj;
  GtkAdjustment       *spending_adj;
  GtkAdjustment       *contribution_adj;
  GtkAdjustment       *pension_adj;
  GtkAdjustment       *loan_adj;
  GtkAdjustment       *loan_rate_adj;
  GtkAdjustment       *loan_years_adj;

  /* What fp_starting_point_set_from_accounts() put in. */
  double               spending_shown;
  double               debt_shown;
};

G_DEFINE_FINAL_TYPE (FpStartingPoint, fp_starting_point, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Whether the customer changed a figure the page put into the editor
 * (spin buttons may round what they show). */
static gboolean
edited (GtkAdjustment *adjustment,
        double         shown)
{
  return fabs (gtk_adjustment_get_value (adjustment) - shown) >= 0.5;
}

static void
changed_cb (FpStartingPoint *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
fp_starting_point_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_STARTING_POINT);

  G_OBJECT_CLASS (fp_starting_point_parent_class)->dispose (object);
}

static void
fp_starting_point_class_init (FpStartingPointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_starting_point_dispose;

  /**
   * FpStartingPoint::changed:
   *
   * A value changed, by the customer or by the page.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-starting-point.ui");
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, loan_row);
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, loan_rate_row);
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, loan_years_row);
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, age_adj);
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, retirement_age_adj);
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, cash_adj);
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, investments_adj);
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, income_adj);
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, spending_adj);
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, contribution_adj);
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, pension_adj);
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, loan_adj);
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, loan_rate_adj);
  gtk_widget_class_bind_template_child (widget_class, FpStartingPoint, loan_years_adj);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
fp_starting_point_init (FpStartingPoint *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  fp_ui_name_row_controls (GTK_WIDGET (self));
  fp_ui_spin_buttons_use_locale (GTK_WIDGET (self));
}

GtkWidget *
fp_starting_point_new (void)
{
  return g_object_new (FP_TYPE_STARTING_POINT, NULL);
}

/**
 * fp_starting_point_get_values:
 * @self: a #FpStartingPoint
 * @values: (out caller-allocates): what the editor shows
 */
void
fp_starting_point_get_values (FpStartingPoint *self,
                              FpStartValues   *values)
{
  g_return_if_fail (FP_IS_STARTING_POINT (self));
  g_return_if_fail (values != NULL);

  values->age = gtk_adjustment_get_value (self->age_adj);
  values->retirement_age = gtk_adjustment_get_value (self->retirement_age_adj);
  values->cash = gtk_adjustment_get_value (self->cash_adj);
  values->investments = gtk_adjustment_get_value (self->investments_adj);
  values->income = gtk_adjustment_get_value (self->income_adj);
  values->spending = gtk_adjustment_get_value (self->spending_adj);
  values->contribution = gtk_adjustment_get_value (self->contribution_adj);
  values->pension = gtk_adjustment_get_value (self->pension_adj);
  values->loan = gtk_adjustment_get_value (self->loan_adj);
  values->loan_rate = gtk_adjustment_get_value (self->loan_rate_adj);
  values->loan_years = gtk_adjustment_get_value (self->loan_years_adj);
}

/**
 * fp_starting_point_set_values:
 * @self: a #FpStartingPoint
 * @values: the values to show
 *
 * Puts @values into the editor, one after the other.
 */
void
fp_starting_point_set_values (FpStartingPoint     *self,
                              const FpStartValues *values)
{
  g_return_if_fail (FP_IS_STARTING_POINT (self));
  g_return_if_fail (values != NULL);

  gtk_adjustment_set_value (self->age_adj, values->age);
  gtk_adjustment_set_value (self->retirement_age_adj, values->retirement_age);
  gtk_adjustment_set_value (self->cash_adj, values->cash);
  gtk_adjustment_set_value (self->investments_adj, values->investments);
  gtk_adjustment_set_value (self->income_adj, values->income);
  gtk_adjustment_set_value (self->spending_adj, values->spending);
  gtk_adjustment_set_value (self->contribution_adj, values->contribution);
  gtk_adjustment_set_value (self->pension_adj, values->pension);
  gtk_adjustment_set_value (self->loan_adj, values->loan);
  gtk_adjustment_set_value (self->loan_rate_adj, values->loan_rate);
  gtk_adjustment_set_value (self->loan_years_adj, values->loan_years);
}

/**
 * fp_starting_point_set_from_accounts:
 * @self: a #FpStartingPoint
 * @cash_minor: current accounts and savings
 * @investments_minor: investments
 * @income_minor: monthly income
 * @spending_minor: monthly spending
 * @debt_minor: all debts together
 *
 * Shows the figures computed from the customer's accounts and remembers
 * them for fp_starting_point_spending_edited() and
 * fp_starting_point_debt_edited().
 */
void
fp_starting_point_set_from_accounts (FpStartingPoint *self,
                                     gint64           cash_minor,
                                     gint64           investments_minor,
                                     gint64           income_minor,
                                     gint64           spending_minor,
                                     gint64           debt_minor)
{
  g_return_if_fail (FP_IS_STARTING_POINT (self));

  gtk_adjustment_set_value (self->cash_adj, fp_money_to_double (cash_minor));
  gtk_adjustment_set_value (self->investments_adj, fp_money_to_double (investments_minor));
  gtk_adjustment_set_value (self->income_adj, fp_money_to_double (income_minor));
  gtk_adjustment_set_value (self->spending_adj, fp_money_to_double (spending_minor));
  gtk_adjustment_set_value (self->loan_adj, fp_money_to_double (debt_minor));
  self->spending_shown = gtk_adjustment_get_value (self->spending_adj);
  self->debt_shown = gtk_adjustment_get_value (self->loan_adj);
}

/**
 * fp_starting_point_spending_edited:
 * @self: a #FpStartingPoint
 *
 * Returns: whether the spending differs from what the accounts gave
 */
gboolean
fp_starting_point_spending_edited (FpStartingPoint *self)
{
  g_return_val_if_fail (FP_IS_STARTING_POINT (self), FALSE);

  return edited (self->spending_adj, self->spending_shown);
}

/**
 * fp_starting_point_debt_edited:
 * @self: a #FpStartingPoint
 *
 * Returns: whether the debts differ from what the accounts gave
 */
gboolean
fp_starting_point_debt_edited (FpStartingPoint *self)
{
  g_return_val_if_fail (FP_IS_STARTING_POINT (self), FALSE);

  return edited (self->loan_adj, self->debt_shown);
}

/**
 * fp_starting_point_set_source:
 * @self: a #FpStartingPoint
 * @source: where the figures come from
 * @as_of_day: with %FP_START_FROM_ACCOUNTS, the day of the accounts
 * @n_debts: with %FP_START_FROM_ACCOUNTS, the number of debts
 *
 * Says where the starting point comes from. From the accounts, the debts
 * keep their own rates and payments, so the loan's rate and term rows go.
 */
void
fp_starting_point_set_source (FpStartingPoint *self,
                              FpStartSource    source,
                              gint32           as_of_day,
                              guint            n_debts)
{
  g_autofree char *caption = NULL;
  gboolean from_accounts = source == FP_START_FROM_ACCOUNTS;

  g_return_if_fail (FP_IS_STARTING_POINT (self));

  switch (source)
    {
    case FP_START_FROM_ACCOUNTS:
      {
        g_autofree char *date = fp_time_machine_format_day (as_of_day);

        caption = g_strdup_printf (_("From your accounts, as of %s; amounts in today’s money. "
                                     "Change any of them to try another starting point."), date);
      }
      break;

    case FP_START_NO_CONSENT:
      caption = g_strdup (_("Entered by hand: your accounts are used only with your consent to "
                            "personalization (Privacy page)."));
      break;

    case FP_START_BY_HAND:
    default:
      caption = g_strdup (_("Entered by hand; amounts in today’s money."));
      break;
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), caption);

  gtk_widget_set_visible (self->loan_rate_row, !from_accounts);
  gtk_widget_set_visible (self->loan_years_row, !from_accounts);
  if (from_accounts)
    {
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u debt from your accounts, at its own rate and payment",
                                                                "%u debts from your accounts, at their own rates and payments",
                                                                n_debts),
                                                   n_debts);

      adw_action_row_set_subtitle (self->loan_row, subtitle);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->loan_row), _("Debts"));
    }
  else
    {
      adw_action_row_set_subtitle (self->loan_row, _("Outstanding balance"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->loan_row), _("Loan"));
    }
}

/**
 * fp_starting_point_get_caption:
 * @self: a #FpStartingPoint
 *
 * Returns: the sentence that says where the starting point comes from
 */
const char *
fp_starting_point_get_caption (FpStartingPoint *self)
{
  g_return_val_if_fail (FP_IS_STARTING_POINT (self), NULL);

  return adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (self));
}
