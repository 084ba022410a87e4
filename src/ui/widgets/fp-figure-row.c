/* fp-figure-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A line of a card: what it is (and a dimmed caption under it) on the
 * left, its figure (usually an FpFigure) on the right.
 */

#define G_LOG_DOMAIN "fp-figure-row"

#include "config.h"

#include "fp-figure.h"
#include "fp-figure-row.h"
#include "fp-ui-util.h"

struct _FpFigureRow
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkWidget *texts;
  GtkLabel  *title_label;
  GtkLabel  *caption_label;

  GtkWidget *figure;
};

G_DEFINE_FINAL_TYPE (FpFigureRow, fp_figure_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_CAPTION,
  PROP_FIGURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fp_figure_row_dispose (GObject *object)
{
  FpFigureRow *self = FP_FIGURE_ROW (object);

  g_clear_pointer (&self->figure, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), FP_TYPE_FIGURE_ROW);

  G_OBJECT_CLASS (fp_figure_row_parent_class)->dispose (object);
}

static void
fp_figure_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FpFigureRow *self = FP_FIGURE_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, fp_figure_row_get_title (self));
      break;

    case PROP_CAPTION:
      g_value_set_string (value, fp_figure_row_get_caption (self));
      break;

    case PROP_FIGURE:
      g_value_set_object (value, self->figure);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_figure_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FpFigureRow *self = FP_FIGURE_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      fp_figure_row_set_title (self, g_value_get_string (value));
      break;

    case PROP_CAPTION:
      fp_figure_row_set_caption (self, g_value_get_string (value));
      break;

    case PROP_FIGURE:
      fp_figure_row_set_figure (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_figure_row_class_init (FpFigureRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_figure_row_dispose;
  object_class->get_property = fp_figure_row_get_property;
  object_class->set_property = fp_figure_row_set_property;
  widget_class->compute_expand = fp_ui_compute_expand_from_children;

  /**
   * FpFigureRow:title:
   *
   * What the figure is, such as "Money in".
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpFigureRow:caption: (nullable)
   *
   * A dimmed line under the title; none when %NULL.
   */
  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpFigureRow:figure: (nullable)
   *
   * The figure, at the end of the line.
   */
  properties[PROP_FIGURE] =
    g_param_spec_object ("figure", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-figure-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FpFigureRow, texts);
  gtk_widget_class_bind_template_child (widget_class, FpFigureRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, FpFigureRow, caption_label);
  gtk_widget_class_set_css_name (widget_class, "figurerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fp_figure_row_init (FpFigureRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

/**
 * fp_figure_row_new:
 * @title: what the figure is
 * @caption: (nullable): a dimmed line under it
 * @figure: (nullable) (transfer floating): the figure
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
fp_figure_row_new (const char *title,
                   const char *caption,
                   GtkWidget  *figure)
{
  return g_object_new (FP_TYPE_FIGURE_ROW, "title", title, "caption", caption, "figure", figure, NULL);
}

const char *
fp_figure_row_get_title (FpFigureRow *self)
{
  g_return_val_if_fail (FP_IS_FIGURE_ROW (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
fp_figure_row_set_title (FpFigureRow *self,
                         const char  *title)
{
  g_return_if_fail (FP_IS_FIGURE_ROW (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;
  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  if (FP_IS_FIGURE (self->figure))
    fp_figure_set_context (FP_FIGURE (self->figure), title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
fp_figure_row_get_caption (FpFigureRow *self)
{
  g_return_val_if_fail (FP_IS_FIGURE_ROW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->caption_label)) ? gtk_label_get_label (self->caption_label)
                                                                    : NULL;
}

void
fp_figure_row_set_caption (FpFigureRow *self,
                           const char  *caption)
{
  g_return_if_fail (FP_IS_FIGURE_ROW (self));

  if (g_strcmp0 (caption, fp_figure_row_get_caption (self)) == 0)
    return;
  gtk_label_set_label (self->caption_label, caption != NULL ? caption : "");
  gtk_widget_set_visible (GTK_WIDGET (self->caption_label), caption != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION]);
}

GtkWidget *
fp_figure_row_get_figure (FpFigureRow *self)
{
  g_return_val_if_fail (FP_IS_FIGURE_ROW (self), NULL);

  return self->figure;
}

/**
 * fp_figure_row_set_figure:
 * @self: a #FpFigureRow
 * @figure: (nullable) (transfer floating): the figure, or %NULL for none
 *
 * Puts @figure at the end of the line, centred vertically.
 */
void
fp_figure_row_set_figure (FpFigureRow *self,
                          GtkWidget   *figure)
{
  g_return_if_fail (FP_IS_FIGURE_ROW (self));
  g_return_if_fail (figure == NULL || GTK_IS_WIDGET (figure));

  if (figure == self->figure)
    return;
  g_clear_pointer (&self->figure, gtk_widget_unparent);
  if (figure != NULL)
    {
      self->figure = figure;
      gtk_widget_set_valign (figure, GTK_ALIGN_CENTER);
      gtk_widget_set_halign (figure, GTK_ALIGN_END);
      gtk_widget_insert_after (figure, GTK_WIDGET (self), self->texts);
      /* Read as "Money in, $2,120.29", not the number alone. */
      if (FP_IS_FIGURE (figure))
        fp_figure_set_context (FP_FIGURE (figure), gtk_label_get_text (self->title_label));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIGURE]);
}
