/* fp-credit-line-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Adaptive Credit Line of one card, from the bank's model computed on
 * this computer (fp_credit_line_evaluate()): the limit and rate and how
 * they were reached; which behaviours moved them and by how much, against
 * the model's starting point; what would change them next; and a what-if
 * with two sliders (the card's utilization and the share of payments on
 * time) that evaluates the model again at once.
 *
 * The card keeps a copy of the model: its strings are borrowed from the
 * Offers data, which the page keeps while its details are shown.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "fp-credit-line-card.h"
#include "fp-figure.h"
#include "fp-figure-row.h"
#include "fp-format.h"
#include "fp-offers-format.h"
#include "fp-ui-util.h"

struct _FpCreditLineCard
{
  FpCard              parent_instance;

  /* Template widgets */
  GtkBox             *figures_box;
  GtkBox             *factors_box;
  GtkBox             *steps_box;
  GtkLabel           *utilization_label;
  GtkScale           *utilization_scale;
  GtkLabel           *on_time_label;
  GtkScale           *on_time_scale;
  GtkLabel           *what_if_label;

  FpCreditLineModel   model;
  FpCreditLineInputs  inputs;
  FpCreditLineResult *result;
  FpCreditLineResult *what_if;
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (FpCreditLineCard, fp_credit_line_card, FP_TYPE_CARD)

static const char *
feature_title (FpCreditFeature feature)
{
  switch (feature)
    {
    case FP_CREDIT_UTILIZATION: return _("Card utilization");
    case FP_CREDIT_ON_TIME: return _("Payments on time");
    case FP_CREDIT_INCOME_STABILITY:
    default: return _("Income stability");
    }
}

/* The effect on the limit, the figure of a behaviour's line. */
static char *
limit_effect_text (gint64      limit_minor,
                   const char *currency)
{
  g_autofree char *limit = fp_format_money (limit_minor, currency, FP_FORMAT_SIGN | FP_FORMAT_WHOLE);

  if (limit_minor == 0)
    return g_strdup (_("no effect"));
  /* Translators: a change of the credit limit, "+$200" */
  return g_strdup_printf (_("%s limit"), limit);
}

static char *
value_text (FpCreditFeature feature,
            double          value)
{
  g_autofree char *pct = fp_format_percent (value, 0, FP_FORMAT_NONE);

  switch (feature)
    {
    case FP_CREDIT_UTILIZATION:
      /* Translators: %s is a percentage */
      return g_strdup_printf (_("You use %s of the limit"), pct);
    case FP_CREDIT_ON_TIME:
      return g_strdup_printf (_("%s of payments on time in 12 months"), pct);
    case FP_CREDIT_INCOME_STABILITY:
    default:
      return g_strdup_printf (_("Your monthly income varies by %s"), pct);
    }
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
append_figure (FpCreditLineCard *self,
               const char       *title,
               const char       *caption,
               char             *text,
               const char       *label_class,
               const char       *explanation)
{
  gtk_box_append (self->figures_box, fp_figure_row_new (title, caption, fp_figure_new (text, label_class, explanation)));
  g_free (text);
}

static void
show_result (FpCreditLineCard *self,
             gint64            card_limit_minor)
{
  const FpCreditLineResult *r = self->result;
  const char *currency = self->model.currency;
  g_autofree char *score = fp_format_number (r->score, 0);

  clear_box (self->figures_box);
  append_figure (self, _("Limit of the adaptive line"), _("Computed on this computer from the bank’s model"),
                 fp_format_money (r->limit_minor, currency, FP_FORMAT_WHOLE), "title-3", r->explanation);
  append_figure (self, _("Rate"), _("A year"), fp_offers_format_rate (r->apr_bps), NULL, NULL);
  if (card_limit_minor > 0)
    append_figure (self, _("The card’s limit today"), NULL, fp_format_money (card_limit_minor, currency, FP_FORMAT_WHOLE),
                   NULL, NULL);
  /* Translators: a score of the credit line model, such as "62 of 100" */
  append_figure (self, _("Score"), NULL, g_strdup_printf (_("%s of 100"), score), NULL, NULL);

  clear_box (self->factors_box);
  for (guint f = 0; f < FP_CREDIT_N_FEATURES; f++)
    {
      const FpCreditFactor *factor = &r->factors[f];
      g_autofree char *value = value_text (factor->feature, factor->value);
      g_autofree char *rate = fp_offers_format_rate_change (factor->apr_effect_bps);
      /* Translators: a behaviour's value, then its effect on the rate */
      g_autofree char *caption = g_strdup_printf (_("%s; rate: %s"), value, rate);
      g_autofree char *effect = limit_effect_text (factor->limit_effect_minor, currency);

      gtk_box_append (self->factors_box,
                      fp_figure_row_new (feature_title (factor->feature), caption,
                                         fp_figure_new (effect, NULL, factor->explanation)));
    }

  clear_box (self->steps_box);
  for (guint i = 0; i < r->n_next_steps; i++)
    {
      g_autofree char *line = g_strdup_printf ("• %s", r->next_steps[i].text);

      gtk_box_append (self->steps_box, fp_card_text_new (line, NULL));
    }
  if (r->n_next_steps == 0)
    gtk_box_append (self->steps_box,
                    fp_card_text_new (_("Nothing you do would raise the limit or lower the rate further: this is the model’s best tier."),
                                      "dim-label"));
}

static void
what_if_changed_cb (FpCreditLineCard *self)
{
  FpCreditLineInputs inputs = self->inputs;
  g_autoptr(GError) error = NULL;
  g_autofree char *utilization = NULL;
  g_autofree char *on_time = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *limit_change = NULL;
  g_autofree char *rate_change = NULL;
  g_autofree char *text = NULL;

  if (self->updating || self->result == NULL)
    return;

  inputs.values[FP_CREDIT_UTILIZATION] = gtk_range_get_value (GTK_RANGE (self->utilization_scale)) / 100.0;
  inputs.values[FP_CREDIT_ON_TIME] = gtk_range_get_value (GTK_RANGE (self->on_time_scale)) / 100.0;
  utilization = fp_format_percent (inputs.values[FP_CREDIT_UTILIZATION], 0, FP_FORMAT_NONE);
  on_time = fp_format_percent (inputs.values[FP_CREDIT_ON_TIME], 0, FP_FORMAT_NONE);
  /* Translators: %s is a percentage */
  text = g_strdup_printf (_("If you used %s of the card’s limit"), utilization);
  gtk_label_set_label (self->utilization_label, text);
  g_free (text);
  text = g_strdup_printf (_("and paid %s of payments on time"), on_time);
  gtk_label_set_label (self->on_time_label, text);
  g_clear_pointer (&text, g_free);

  g_clear_pointer (&self->what_if, fp_credit_line_result_free);
  self->what_if = fp_credit_line_evaluate (&self->model, &inputs, &error);
  if (self->what_if == NULL)
    {
      gtk_label_set_label (self->what_if_label, error->message);
      return;
    }
  limit = fp_format_money (self->what_if->limit_minor, self->model.currency, FP_FORMAT_WHOLE);
  rate = fp_offers_format_rate (self->what_if->apr_bps);
  limit_change = fp_format_money (self->what_if->limit_minor - self->result->limit_minor, self->model.currency,
                                  FP_FORMAT_SIGN | FP_FORMAT_WHOLE);
  rate_change = fp_offers_format_rate_change (self->what_if->apr_bps - self->result->apr_bps);
  /* Translators: the limit and rate of a what-if, then their changes */
  text = g_strdup_printf (_("the limit would be %s (%s) at %s a year (%s)."), limit,
                          self->what_if->limit_minor == self->result->limit_minor ? _("no change") : limit_change,
                          rate, rate_change);
  gtk_label_set_label (self->what_if_label, text);
}

static void
fp_credit_line_card_finalize (GObject *object)
{
  FpCreditLineCard *self = FP_CREDIT_LINE_CARD (object);

  g_clear_pointer (&self->result, fp_credit_line_result_free);
  g_clear_pointer (&self->what_if, fp_credit_line_result_free);

  G_OBJECT_CLASS (fp_credit_line_card_parent_class)->finalize (object);
}

static void
fp_credit_line_card_class_init (FpCreditLineCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_credit_line_card_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-credit-line-card.ui");
  gtk_widget_class_bind_template_child (widget_class, FpCreditLineCard, figures_box);
  gtk_widget_class_bind_template_child (widget_class, FpCreditLineCard, factors_box);
  gtk_widget_class_bind_template_child (widget_class, FpCreditLineCard, steps_box);
  gtk_widget_class_bind_template_child (widget_class, FpCreditLineCard, utilization_label);
  gtk_widget_class_bind_template_child (widget_class, FpCreditLineCard, utilization_scale);
  gtk_widget_class_bind_template_child (widget_class, FpCreditLineCard, on_time_label);
  gtk_widget_class_bind_template_child (widget_class, FpCreditLineCard, on_time_scale);
  gtk_widget_class_bind_template_child (widget_class, FpCreditLineCard, what_if_label);
  gtk_widget_class_bind_template_callback (widget_class, what_if_changed_cb);
}

static void
fp_credit_line_card_init (FpCreditLineCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

/**
 * fp_credit_line_card_new:
 * @model: the bank's credit line model (copied; its strings borrowed)
 * @inputs: the card's behaviours (fp_credit_line_inputs_for_card())
 * @name: the card's name
 * @card_limit_minor: the card's limit today, 0 for a new line
 *
 * Returns: (transfer floating) (nullable): the card, or %NULL when the
 *   model cannot be evaluated
 */
GtkWidget *
fp_credit_line_card_new (const FpCreditLineModel  *model,
                         const FpCreditLineInputs *inputs,
                         const char               *name,
                         gint64                    card_limit_minor)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *utilization_name = NULL;
  g_autofree char *on_time_name = NULL;
  FpCreditLineResult *result;
  FpCreditLineCard *self;

  g_return_val_if_fail (model != NULL && inputs != NULL, NULL);

  result = fp_credit_line_evaluate (model, inputs, &error);
  if (result == NULL)
    {
      g_debug ("No credit line: %s", error->message);
      return NULL;
    }

  self = g_object_new (FP_TYPE_CREDIT_LINE_CARD, "title", name, "explanation", result->explanation, NULL);
  self->model = *model;
  self->inputs = *inputs;
  self->result = result;
  show_result (self, card_limit_minor);

  self->updating = TRUE;
  gtk_range_set_value (GTK_RANGE (self->utilization_scale),
                       round (CLAMP (inputs->values[FP_CREDIT_UTILIZATION], 0.0, 1.0) * 100.0));
  gtk_range_set_value (GTK_RANGE (self->on_time_scale), round (CLAMP (inputs->values[FP_CREDIT_ON_TIME], 0.0, 1.0) * 100.0));
  self->updating = FALSE;
  /* Translators: accessible names of the what-if sliders; %s is a card */
  utilization_name = g_strdup_printf (_("What if the utilization of %s were"), name);
  on_time_name = g_strdup_printf (_("What if the payments on time for %s were"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->utilization_scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  utilization_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->on_time_scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  on_time_name, -1);
  what_if_changed_cb (self);
  return GTK_WIDGET (self);
}

/**
 * fp_credit_line_card_get_result:
 * @self: a #FpCreditLineCard
 *
 * Returns: the line from the card's own behaviour
 */
const FpCreditLineResult *
fp_credit_line_card_get_result (FpCreditLineCard *self)
{
  g_return_val_if_fail (FP_IS_CREDIT_LINE_CARD (self), NULL);

  return self->result;
}

/**
 * fp_credit_line_card_get_what_if:
 * @self: a #FpCreditLineCard
 *
 * Returns: (nullable): the line with the sliders' values
 */
const FpCreditLineResult *
fp_credit_line_card_get_what_if (FpCreditLineCard *self)
{
  g_return_val_if_fail (FP_IS_CREDIT_LINE_CARD (self), NULL);

  return self->what_if;
}

/**
 * fp_credit_line_card_set_what_if:
 * @self: a #FpCreditLineCard
 * @utilization: 0 to 1
 * @on_time: 0 to 1
 *
 * Moves the sliders (as the customer would).
 */
void
fp_credit_line_card_set_what_if (FpCreditLineCard *self,
                                 double            utilization,
                                 double            on_time)
{
  g_return_if_fail (FP_IS_CREDIT_LINE_CARD (self));

  self->updating = TRUE;
  gtk_range_set_value (GTK_RANGE (self->utilization_scale), round (utilization * 100.0));
  self->updating = FALSE;
  gtk_range_set_value (GTK_RANGE (self->on_time_scale), round (on_time * 100.0));
  what_if_changed_cb (self);
}

const char *
fp_credit_line_card_get_what_if_text (FpCreditLineCard *self)
{
  g_return_val_if_fail (FP_IS_CREDIT_LINE_CARD (self), NULL);

  return gtk_label_get_label (self->what_if_label);
}
