/* fp-goal-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A goal of the Time Machine's results: what it is, the probability of
 * reaching it in large figures, and a caption with when and how it
 * compares with the future without the changes.
 */

#define G_LOG_DOMAIN "fp-goal-card"

#include "config.h"

#include "fp-goal-card.h"
#include "fp-ui-util.h"

struct _FpGoalCard
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkLabel  *title_label;
  GtkLabel  *probability_label;
  GtkLabel  *caption_label;
};

G_DEFINE_FINAL_TYPE (FpGoalCard, fp_goal_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_PROBABILITY,
  PROP_CAPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sets a label's text only when it changes, so that nothing is laid out
 * again for the same text. */
static gboolean
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) == 0)
    return FALSE;
  gtk_label_set_label (label, text != NULL ? text : "");
  return TRUE;
}

static void
fp_goal_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_GOAL_CARD);

  G_OBJECT_CLASS (fp_goal_card_parent_class)->dispose (object);
}

static void
fp_goal_card_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FpGoalCard *self = FP_GOAL_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, fp_goal_card_get_title (self));
      break;

    case PROP_PROBABILITY:
      g_value_set_string (value, fp_goal_card_get_probability (self));
      break;

    case PROP_CAPTION:
      g_value_set_string (value, fp_goal_card_get_caption (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_goal_card_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FpGoalCard *self = FP_GOAL_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      fp_goal_card_set_title (self, g_value_get_string (value));
      break;

    case PROP_PROBABILITY:
      fp_goal_card_set_probability (self, g_value_get_string (value));
      break;

    case PROP_CAPTION:
      fp_goal_card_set_caption (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_goal_card_class_init (FpGoalCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_goal_card_dispose;
  object_class->get_property = fp_goal_card_get_property;
  object_class->set_property = fp_goal_card_set_property;
  widget_class->compute_expand = fp_ui_compute_expand_from_children;

  /**
   * FpGoalCard:title:
   *
   * The goal, such as "Retire on Time".
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpGoalCard:probability:
   *
   * The probability of reaching it, such as "87 %"; "–" before a result.
   */
  properties[PROP_PROBABILITY] =
    g_param_spec_string ("probability", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpGoalCard:caption:
   *
   * What exactly, when, and without the changes.
   */
  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/finpersona/FinPersona/ui/fp-goal-card.ui");
  gtk_widget_class_bind_template_child (widget_class, FpGoalCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, FpGoalCard, probability_label);
  gtk_widget_class_bind_template_child (widget_class, FpGoalCard, caption_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fp_goal_card_init (FpGoalCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

/**
 * fp_goal_card_new:
 * @title: the goal
 *
 * Returns: (transfer floating): a card without a result yet
 */
GtkWidget *
fp_goal_card_new (const char *title)
{
  return g_object_new (FP_TYPE_GOAL_CARD, "title", title, NULL);
}

const char *
fp_goal_card_get_title (FpGoalCard *self)
{
  g_return_val_if_fail (FP_IS_GOAL_CARD (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
fp_goal_card_set_title (FpGoalCard *self,
                        const char *title)
{
  g_return_if_fail (FP_IS_GOAL_CARD (self));

  if (set_label (self->title_label, title))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title != NULL ? title : "", -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

const char *
fp_goal_card_get_probability (FpGoalCard *self)
{
  g_return_val_if_fail (FP_IS_GOAL_CARD (self), NULL);

  return gtk_label_get_label (self->probability_label);
}

void
fp_goal_card_set_probability (FpGoalCard *self,
                              const char *probability)
{
  g_return_if_fail (FP_IS_GOAL_CARD (self));

  if (set_label (self->probability_label, probability))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBABILITY]);
}

const char *
fp_goal_card_get_caption (FpGoalCard *self)
{
  g_return_val_if_fail (FP_IS_GOAL_CARD (self), NULL);

  return gtk_label_get_label (self->caption_label);
}

void
fp_goal_card_set_caption (FpGoalCard *self,
                          const char *caption)
{
  g_return_if_fail (FP_IS_GOAL_CARD (self));

  if (set_label (self->caption_label, caption))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION]);
}
