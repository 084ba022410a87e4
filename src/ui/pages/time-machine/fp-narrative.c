/* fp-narrative.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "What This Means": the narrative of the scenario shown, and who wrote
 * it (this device, or the GenAI proxy with the customer's consent).
 */

#define G_LOG_DOMAIN "fp-narrative"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-narrative.h"
#include "fp-ui-util.h"

struct _FpNarrative
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkLabel            *narrative_label;
  GtkLabel            *narrative_source_label;
};

G_DEFINE_FINAL_TYPE (FpNarrative, fp_narrative, ADW_TYPE_PREFERENCES_GROUP)

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

static void
fp_narrative_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_NARRATIVE);

  G_OBJECT_CLASS (fp_narrative_parent_class)->dispose (object);
}

static void
fp_narrative_class_init (FpNarrativeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_narrative_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/finpersona/FinPersona/ui/fp-narrative.ui");
  gtk_widget_class_bind_template_child (widget_class, FpNarrative, narrative_label);
  gtk_widget_class_bind_template_child (widget_class, FpNarrative, narrative_source_label);
}

static void
fp_narrative_init (FpNarrative *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_narrative_new (void)
{
  return g_object_new (FP_TYPE_NARRATIVE, NULL);
}

/**
 * fp_narrative_set_text:
 * @self: a #FpNarrative
 * @text: the narrative
 * @source: who wrote it
 *
 * Shows a narrative and says who wrote it.
 */
void
fp_narrative_set_text (FpNarrative       *self,
                       const char        *text,
                       FpNarrativeSource  source)
{
  g_return_if_fail (FP_IS_NARRATIVE (self));
  g_return_if_fail (text != NULL);

  set_label (self->narrative_label, text);
  switch (source)
    {
    case FP_NARRATIVE_GENAI:
      set_label (self->narrative_source_label,
                 _("Written by FinPersona’s AI assistant from rounded figures, with your consent"));
      break;

    case FP_NARRATIVE_ON_DEVICE:
    default:
      set_label (self->narrative_source_label,
                 _("Written on this device; nothing left your computer"));
      break;
    }
}

const char *
fp_narrative_get_text (FpNarrative *self)
{
  g_return_val_if_fail (FP_IS_NARRATIVE (self), NULL);

  return gtk_label_get_label (self->narrative_label);
}

/**
 * fp_narrative_get_source_text:
 * @self: a #FpNarrative
 *
 * Returns: the caption that says who wrote the narrative
 */
const char *
fp_narrative_get_source_text (FpNarrative *self)
{
  g_return_val_if_fail (FP_IS_NARRATIVE (self), NULL);

  return gtk_label_get_label (self->narrative_source_label);
}
