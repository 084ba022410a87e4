/* fp-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card of the dashboard: a heading, a "How this was computed" button
 * when there is an explanation, and a body of lines. Each card of the
 * dashboard derives from it and puts its content in the body: children
 * of a template (or of a <child> in a .ui file) go there, and
 * fp_card_append_row() adds a line with a figure.
 */

#define G_LOG_DOMAIN "fp-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-card.h"
#include "fp-explanation-popover.h"
#include "fp-figure.h"
#include "fp-figure-row.h"
#include "fp-ui-util.h"

typedef struct
{
  /* Template widgets */
  GtkWidget            *header;
  GtkLabel             *title_label;
  GtkWidget            *info_button;
  FpExplanationPopover *info_popover;
  GtkBox               *body;

  GPtrArray            *added;   /* what fp_card_append() added, for fp_card_clear () */
  char                 *explanation;
} FpCardPrivate;

static void fp_card_buildable_init (GtkBuildableIface *iface);

G_DEFINE_TYPE_WITH_CODE (FpCard, fp_card, GTK_TYPE_WIDGET,
                         G_ADD_PRIVATE (FpCard)
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, fp_card_buildable_init))

enum {
  PROP_0,
  PROP_TITLE,
  PROP_EXPLANATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static void
fp_card_buildable_add_child (GtkBuildable *buildable,
                             GtkBuilder   *builder,
                             GObject      *child,
                             const char   *type)
{
  FpCard *self = FP_CARD (buildable);
  FpCardPrivate *priv = fp_card_get_instance_private (self);

  /* The card's own header and body first; then everything into the body. */
  if (priv->body != NULL && GTK_IS_WIDGET (child) && type == NULL)
    gtk_box_append (priv->body, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
fp_card_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = fp_card_buildable_add_child;
}

static void
fp_card_dispose (GObject *object)
{
  FpCardPrivate *priv = fp_card_get_instance_private (FP_CARD (object));

  /* Not gtk_widget_dispose_template (): GTK 4.8 files the template
   * children of a parent class under the instance's own type, so it would
   * not find them for a derived card. */
  g_clear_pointer (&priv->header, gtk_widget_unparent);
  if (priv->body != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&priv->body)));
  priv->title_label = NULL;
  priv->info_button = NULL;
  priv->info_popover = NULL;

  G_OBJECT_CLASS (fp_card_parent_class)->dispose (object);
}

static void
fp_card_finalize (GObject *object)
{
  FpCardPrivate *priv = fp_card_get_instance_private (FP_CARD (object));

  g_free (priv->explanation);
  g_ptr_array_unref (priv->added);

  G_OBJECT_CLASS (fp_card_parent_class)->finalize (object);
}

static void
fp_card_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  FpCard *self = FP_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, fp_card_get_title (self));
      break;

    case PROP_EXPLANATION:
      g_value_set_string (value, fp_card_get_explanation (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_card_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  FpCard *self = FP_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      fp_card_set_title (self, g_value_get_string (value));
      break;

    case PROP_EXPLANATION:
      fp_card_set_explanation (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_card_class_init (FpCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_card_dispose;
  object_class->finalize = fp_card_finalize;
  object_class->get_property = fp_card_get_property;
  object_class->set_property = fp_card_set_property;
  widget_class->compute_expand = fp_ui_compute_expand_from_children;

  /**
   * FpCard:title:
   *
   * The card's heading, also its accessible name.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpCard:explanation: (nullable)
   *
   * How the card's figures were computed; with one, the header has a
   * button that shows it.
   */
  properties[PROP_EXPLANATION] =
    g_param_spec_string ("explanation", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FP_TYPE_EXPLANATION_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/finpersona/FinPersona/ui/fp-card.ui");
  gtk_widget_class_bind_template_child_private (widget_class, FpCard, header);
  gtk_widget_class_bind_template_child_private (widget_class, FpCard, title_label);
  gtk_widget_class_bind_template_child_private (widget_class, FpCard, info_button);
  gtk_widget_class_bind_template_child_private (widget_class, FpCard, info_popover);
  gtk_widget_class_bind_template_child_private (widget_class, FpCard, body);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fp_card_init (FpCard *self)
{
  FpCardPrivate *priv = fp_card_get_instance_private (self);

  priv->added = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

/**
 * fp_card_new:
 * @title: the heading
 * @explanation: (nullable): how the card's figures were computed
 *
 * Returns: (transfer floating): a card with an empty body
 */
GtkWidget *
fp_card_new (const char *title,
             const char *explanation)
{
  return g_object_new (FP_TYPE_CARD, "title", title, "explanation", explanation, NULL);
}

const char *
fp_card_get_title (FpCard *self)
{
  FpCardPrivate *priv = fp_card_get_instance_private (self);

  g_return_val_if_fail (FP_IS_CARD (self), NULL);

  return gtk_label_get_label (priv->title_label);
}

/* "How this was computed: Balances", with the explanation: each card's
 * button says which figures it explains. */
static void
name_info_button (FpCard *self)
{
  FpCardPrivate *priv = fp_card_get_instance_private (self);
  const char *title = gtk_label_get_text (priv->title_label);
  g_autofree char *name = NULL;

  if (priv->explanation == NULL || *priv->explanation == '\0')
    return;
  if (title != NULL && *title != '\0')
    /* Translators: the accessible name of a card's info button; %s is the card's title */
    name = g_strdup_printf (_("How this was computed: %s"), title);
  else
    name = g_strdup (_("How this was computed"));
  fp_ui_set_accessible_name (priv->info_button, name, priv->explanation);
}

/* A figure of the card that says not what it is (a headline, a figure in
 * a box) is read with the card's title: "Net Worth and Balances,
 * $125,809.05", never the number alone. Figures in rows have their
 * row's title. */
static void
give_figures_context (FpCard    *self,
                      GtkWidget *widget)
{
  FpCardPrivate *priv = fp_card_get_instance_private (self);

  const char *title = gtk_label_get_text (priv->title_label);

  if (FP_IS_FIGURE (widget))
    {
      if (fp_figure_get_context (FP_FIGURE (widget)) == NULL && *title != '\0')
        fp_figure_set_context (FP_FIGURE (widget), title);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    give_figures_context (self, child);
}

void
fp_card_set_title (FpCard     *self,
                   const char *title)
{
  FpCardPrivate *priv = fp_card_get_instance_private (self);

  g_return_if_fail (FP_IS_CARD (self));

  if (g_strcmp0 (title, gtk_label_get_label (priv->title_label)) == 0)
    return;
  gtk_label_set_label (priv->title_label, title != NULL ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                  -1);
  name_info_button (self);
  give_figures_context (self, GTK_WIDGET (priv->body));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
fp_card_get_explanation (FpCard *self)
{
  FpCardPrivate *priv = fp_card_get_instance_private (self);

  g_return_val_if_fail (FP_IS_CARD (self), NULL);

  return priv->explanation;
}

/**
 * fp_card_set_explanation:
 * @self: a #FpCard
 * @explanation: (nullable): how the card's figures were computed
 *
 * Shows the "How this was computed" button of the header, or hides it
 * for %NULL or an empty text.
 */
void
fp_card_set_explanation (FpCard     *self,
                         const char *explanation)
{
  FpCardPrivate *priv = fp_card_get_instance_private (self);
  gboolean shown = explanation != NULL && *explanation != '\0';

  g_return_if_fail (FP_IS_CARD (self));

  if (g_strcmp0 (explanation, priv->explanation) == 0)
    return;
  g_free (priv->explanation);
  priv->explanation = g_strdup (explanation);

  fp_explanation_popover_set_explanation (priv->info_popover, explanation);
  gtk_widget_set_visible (priv->info_button, shown);
  name_info_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLANATION]);
}

/**
 * fp_card_get_body:
 * @self: a #FpCard
 *
 * Returns: (transfer none): the vertical box of the card's content
 */
GtkBox *
fp_card_get_body (FpCard *self)
{
  FpCardPrivate *priv = fp_card_get_instance_private (self);

  g_return_val_if_fail (FP_IS_CARD (self), NULL);

  return priv->body;
}

/**
 * fp_card_insert_after:
 * @self: a #FpCard
 * @child: (transfer floating): a widget
 * @sibling: (nullable): a child of the body, or %NULL for the start
 *
 * Adds @child to the body after @sibling; fp_card_clear() removes it.
 */
void
fp_card_insert_after (FpCard    *self,
                      GtkWidget *child,
                      GtkWidget *sibling)
{
  FpCardPrivate *priv = fp_card_get_instance_private (self);

  g_return_if_fail (FP_IS_CARD (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_box_insert_child_after (priv->body, child, sibling);
  give_figures_context (self, child);
  g_ptr_array_add (priv->added, child);
}

/**
 * fp_card_append:
 * @self: a #FpCard
 * @child: (transfer floating): a widget
 *
 * Adds @child at the end of the body; fp_card_clear() removes it.
 */
void
fp_card_append (FpCard    *self,
                GtkWidget *child)
{
  FpCardPrivate *priv = fp_card_get_instance_private (self);

  g_return_if_fail (FP_IS_CARD (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_box_append (priv->body, child);
  give_figures_context (self, child);
  /* A headline figure starts where the card's lines do (style.css). */
  if (FP_IS_FIGURE (child))
    gtk_widget_add_css_class (child, "fp-headline");
  g_ptr_array_add (priv->added, child);
}

/**
 * fp_card_clear:
 * @self: a #FpCard
 *
 * Removes what fp_card_append() and its kin added, leaving the card's
 * template content: the way a card shows new figures.
 */
void
fp_card_clear (FpCard *self)
{
  FpCardPrivate *priv = fp_card_get_instance_private (self);

  g_return_if_fail (FP_IS_CARD (self));

  for (guint i = 0; i < priv->added->len; i++)
    gtk_box_remove (priv->body, g_ptr_array_index (priv->added, i));
  g_ptr_array_set_size (priv->added, 0);
}

/**
 * fp_card_text_new:
 * @text: a text
 * @css_class: (nullable): a style class, such as `dim-label` or `heading`
 *
 * Returns: (transfer floating): a wrapping, left-aligned label as cards
 *   use them
 */
GtkWidget *
fp_card_text_new (const char *text,
                  const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/**
 * fp_card_append_text:
 * @self: a #FpCard
 * @text: a text
 * @css_class: (nullable): a style class
 *
 * Adds a paragraph (fp_card_text_new()) at the end of the body.
 *
 * Returns: (transfer none): the label
 */
GtkWidget *
fp_card_append_text (FpCard     *self,
                     const char *text,
                     const char *css_class)
{
  GtkWidget *label = fp_card_text_new (text, css_class);

  fp_card_append (self, label);
  return label;
}

/**
 * fp_card_append_row:
 * @self: a #FpCard
 * @title: what the figure is
 * @caption: (nullable): a dimmed line under it
 * @figure: (nullable) (transfer floating): the figure, usually an #FpFigure
 *
 * Adds a line with a figure (an #FpFigureRow) at the end of the body.
 *
 * Returns: (transfer none): the row
 */
GtkWidget *
fp_card_append_row (FpCard     *self,
                    const char *title,
                    const char *caption,
                    GtkWidget  *figure)
{
  GtkWidget *row = fp_figure_row_new (title, caption, figure);

  fp_card_append (self, row);
  return row;
}
