/* fp-credit-line-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Adaptive Credit Line offer: one FpCreditLineCard per credit card of
 * the customer (its own utilization and payments on time, the customer's
 * income and its stability: fp_credit_line_inputs_for_card()), or one for
 * a new line without a card. It needs the bank's model and the consent to
 * personalization (it reads the customer's behaviour); without either it
 * says so.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-credit-line-card.h"
#include "fp-credit-line-view.h"
#include "fp-ui-util.h"

struct _FpCreditLineView
{
  AdwBin     parent_instance;

  /* Template widgets */
  GtkLabel  *note_label;
  GtkBox    *cards_box;

  guint      n_cards;
};

G_DEFINE_FINAL_TYPE (FpCreditLineView, fp_credit_line_view, ADW_TYPE_BIN)

static void
fp_credit_line_view_class_init (FpCreditLineViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-credit-line-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FpCreditLineView, note_label);
  gtk_widget_class_bind_template_child (widget_class, FpCreditLineView, cards_box);
}

static void
fp_credit_line_view_init (FpCreditLineView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_credit_line_view_new (void)
{
  return g_object_new (FP_TYPE_CREDIT_LINE_VIEW, NULL);
}

static void
note (FpCreditLineView *self,
      const char       *text)
{
  gtk_label_set_label (self->note_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), text != NULL);
}

static void
add_card (FpCreditLineView         *self,
          const FpOffersData       *data,
          const FpCreditLineInputs *inputs,
          const char               *name,
          gint64                    limit_minor)
{
  GtkWidget *card = fp_credit_line_card_new (&data->credit_model, inputs, name, limit_minor);

  if (card == NULL)
    return;
  gtk_box_append (self->cards_box, card);
  self->n_cards++;
}

/**
 * fp_credit_line_view_set_data:
 * @self: a #FpCreditLineView
 * @data: (nullable): the Offers data, borrowed while shown
 */
void
fp_credit_line_view_set_data (FpCreditLineView *self,
                              FpOffersData     *data)
{
  const FpDashboard *dashboard;
  const FpInsightsInput *in;
  GtkWidget *child;

  g_return_if_fail (FP_IS_CREDIT_LINE_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_box_remove (self->cards_box, child);
  self->n_cards = 0;

  if (data == NULL || !data->personalization || data->dashboard == NULL || data->dashboard->dashboard == NULL)
    {
      note (self, _("The line is computed from how you use your cards, so it needs your consent to personalization. Without it, your bank sets the limit when you apply."));
      return;
    }
  if (!data->has_credit_model)
    {
      note (self, _("Your bank’s credit line model is not on this computer yet; it comes with the next sync."));
      return;
    }

  dashboard = data->dashboard->dashboard;
  in = data->dashboard->input;
  for (guint i = 0; i < in->accounts->len; i++)
    {
      const FpAccountSnapshot *a = &g_array_index (in->accounts, FpAccountSnapshot, i);
      FpCreditLineInputs inputs;

      if (a->kind != FP_ACCOUNT_CREDIT_CARD)
        continue;
      fp_credit_line_inputs_for_card (&inputs, dashboard, a);
      add_card (self, data, &inputs, g_ptr_array_index (data->dashboard->account_names, i), a->credit_limit_minor);
    }
  if (self->n_cards == 0)
    {
      FpCreditLineInputs inputs;

      fp_credit_line_inputs_from_dashboard (&inputs, dashboard);
      note (self, _("You have no credit card with your bank: this is the line you would start with."));
      add_card (self, data, &inputs, _("A new credit line"), 0);
    }
  else
    note (self, NULL);
}

guint
fp_credit_line_view_get_n_cards (FpCreditLineView *self)
{
  g_return_val_if_fail (FP_IS_CREDIT_LINE_VIEW (self), 0);

  return self->n_cards;
}

/**
 * fp_credit_line_view_get_card:
 * @self: a #FpCreditLineView
 * @index: which card
 *
 * Returns: (transfer none) (nullable): the #FpCreditLineCard
 */
GtkWidget *
fp_credit_line_view_get_card (FpCreditLineView *self,
                              guint             index)
{
  GtkWidget *child;

  g_return_val_if_fail (FP_IS_CREDIT_LINE_VIEW (self), NULL);

  child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box));
  for (guint i = 0; child != NULL && i < index; i++)
    child = gtk_widget_get_next_sibling (child);
  return child;
}
