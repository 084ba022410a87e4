/* fp-explanation-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "How this was computed": the popover every figure and every card of the
 * dashboard opens, with the explanation the insights engine wrote. Its
 * heading can say something else ("Why am I seeing this?").
 */

#define G_LOG_DOMAIN "fp-explanation-popover"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-explanation-popover.h"
#include "fp-ui-util.h"

struct _FpExplanationPopover
{
  GtkPopover  parent_instance;

  /* Template widgets */
  GtkLabel   *heading_label;
  GtkLabel   *explanation_label;
};

G_DEFINE_FINAL_TYPE (FpExplanationPopover, fp_explanation_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_EXPLANATION,
  PROP_HEADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fp_explanation_popover_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FpExplanationPopover *self = FP_EXPLANATION_POPOVER (object);

  switch (prop_id)
    {
    case PROP_EXPLANATION:
      g_value_set_string (value, fp_explanation_popover_get_explanation (self));
      break;

    case PROP_HEADING:
      g_value_set_string (value, fp_explanation_popover_get_heading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_explanation_popover_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  FpExplanationPopover *self = FP_EXPLANATION_POPOVER (object);

  switch (prop_id)
    {
    case PROP_EXPLANATION:
      fp_explanation_popover_set_explanation (self, g_value_get_string (value));
      break;

    case PROP_HEADING:
      fp_explanation_popover_set_heading (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_explanation_popover_class_init (FpExplanationPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fp_explanation_popover_get_property;
  object_class->set_property = fp_explanation_popover_set_property;

  /**
   * FpExplanationPopover:explanation:
   *
   * How the figure was computed, in a sentence or two.
   */
  properties[PROP_EXPLANATION] =
    g_param_spec_string ("explanation", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpExplanationPopover:heading:
   *
   * What the popover answers; "How this was computed" by default.
   */
  properties[PROP_HEADING] =
    g_param_spec_string ("heading", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-explanation-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, FpExplanationPopover, heading_label);
  gtk_widget_class_bind_template_child (widget_class, FpExplanationPopover, explanation_label);
}

static void
fp_explanation_popover_init (FpExplanationPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

/**
 * fp_explanation_popover_new:
 * @explanation: (nullable): how the figure was computed
 *
 * Returns: (transfer floating): a new popover
 */
GtkWidget *
fp_explanation_popover_new (const char *explanation)
{
  return g_object_new (FP_TYPE_EXPLANATION_POPOVER, "explanation", explanation, NULL);
}

const char *
fp_explanation_popover_get_explanation (FpExplanationPopover *self)
{
  g_return_val_if_fail (FP_IS_EXPLANATION_POPOVER (self), NULL);

  return gtk_label_get_label (self->explanation_label);
}

void
fp_explanation_popover_set_explanation (FpExplanationPopover *self,
                                        const char           *explanation)
{
  g_return_if_fail (FP_IS_EXPLANATION_POPOVER (self));

  if (g_strcmp0 (explanation, gtk_label_get_label (self->explanation_label)) == 0)
    return;
  gtk_label_set_label (self->explanation_label, explanation != NULL ? explanation : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLANATION]);
}

const char *
fp_explanation_popover_get_heading (FpExplanationPopover *self)
{
  g_return_val_if_fail (FP_IS_EXPLANATION_POPOVER (self), NULL);

  return gtk_label_get_label (self->heading_label);
}

/**
 * fp_explanation_popover_set_heading:
 * @self: a #FpExplanationPopover
 * @heading: (nullable): what the popover answers, %NULL for "How this was
 *   computed"
 */
void
fp_explanation_popover_set_heading (FpExplanationPopover *self,
                                    const char           *heading)
{
  g_return_if_fail (FP_IS_EXPLANATION_POPOVER (self));

  if (heading == NULL)
    heading = _("How this was computed");
  if (g_strcmp0 (heading, gtk_label_get_label (self->heading_label)) == 0)
    return;
  gtk_label_set_label (self->heading_label, heading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADING]);
}
