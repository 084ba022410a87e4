/* fp-figure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A figure that opens how it was computed: the number in a flat button
 * that pops up an FpExplanationPopover (keyboard: Tab, then Space or
 * Enter). Without an explanation it is the number only. Assistive
 * technologies get the number as the name and the explanation as the
 * description.
 *
 * A figure made with fp_figure_new_balance() is a balance: while its
 * window's `hide-balances` property is set (a kiosk's option against
 * shoulder-surfing), it shows dots in a button until tapped, and neither
 * its text nor its explanation reaches the widget tree or assistive
 * technologies before that.
 */

#define G_LOG_DOMAIN "fp-figure"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-card.h"
#include "fp-explanation-popover.h"
#include "fp-figure.h"
#include "fp-ui-util.h"

struct _FpFigure
{
  GtkWidget  parent_instance;

  GtkWidget *child;     /* the label, or the button around it */
  GtkLabel  *label;
  char      *text;
  char      *label_class;
  char      *explanation;
  char      *context;    /* what the figure is, for screen readers */
  gboolean   balance;
  gboolean   revealed;   /* tapped while hidden */
  GtkRoot   *root;       /* watched for hide-balances */
  gulong     root_handler;
};

G_DEFINE_FINAL_TYPE (FpFigure, fp_figure, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_LABEL_CLASS,
  PROP_EXPLANATION,
  PROP_BALANCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_explanation (FpFigure *self)
{
  return self->explanation != NULL && *self->explanation != '\0';
}

/* "Everyday Checking, $27,792.35": the figure with what it is. */
static void
update_accessible (FpFigure *self)
{
  g_autofree char *name = NULL;

  if (!has_explanation (self) || self->child == NULL)
    return;
  if (self->context != NULL && *self->context != '\0')
    /* Translators: a figure read by a screen reader: "Everyday Checking, $27,792.35" */
    name = g_strdup_printf (_("%s, %s"), self->context, self->text != NULL ? self->text : "");
  else
    name = g_strdup (self->text != NULL ? self->text : "");
  fp_ui_set_accessible_name (self->child, name, self->explanation);
}

static gboolean
root_hides_balances (FpFigure *self)
{
  gboolean hide = FALSE;

  if (self->root != NULL)
    g_object_get (self->root, "hide-balances", &hide, NULL);
  return hide;
}

static void build (FpFigure *self);

static void
reveal_cb (FpFigure *self)
{
  self->revealed = TRUE;
  build (self);
}

/* A balance while balances are hidden: dots in a button that shows it. */
static void
build_concealed (FpFigure *self)
{
  GtkWidget *label = gtk_label_new ("••••••");
  GtkWidget *button = gtk_button_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (self->label_class != NULL)
    gtk_widget_add_css_class (label, self->label_class);
  self->label = NULL;
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "fp-figure");
  gtk_widget_add_css_class (button, "concealed-balance");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  if (self->context != NULL && *self->context != '\0')
    {
      /* Translators: a balance hidden in the kiosk: "Everyday Checking, hidden balance" */
      g_autofree char *name = g_strdup_printf (_("%s, hidden balance"), self->context);

      fp_ui_set_accessible_name (button, name, _("Tap to show it"));
    }
  else
    fp_ui_set_accessible_name (button, _("Hidden balance"), _("Tap to show it"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (reveal_cb), self, G_CONNECT_SWAPPED);
  self->child = button;
  gtk_widget_set_parent (self->child, GTK_WIDGET (self));
}

/* The label alone, or inside a button with the explanation. */
static void
build (FpFigure *self)
{
  GtkWidget *label;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (fp_figure_get_concealed (self))
    {
      build_concealed (self);
      return;
    }

  label = gtk_label_new (self->text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* One line when there is room: "−$397.22" is not to be broken after
   * its sign because a taller (touch-size) button has room for two. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
  gtk_widget_add_css_class (label, "numeric");
  if (self->label_class != NULL)
    gtk_widget_add_css_class (label, self->label_class);
  self->label = GTK_LABEL (label);

  if (!has_explanation (self))
    {
      self->child = label;
    }
  else
    {
      GtkWidget *button = gtk_menu_button_new ();

      gtk_menu_button_set_child (GTK_MENU_BUTTON (button), label);
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), fp_explanation_popover_new (self->explanation));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "fp-figure");
      gtk_widget_set_tooltip_text (button, _("How this was computed"));
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      self->child = button;
    }
  gtk_widget_set_parent (self->child, GTK_WIDGET (self));
  update_accessible (self);
}

static void
hide_balances_cb (FpFigure *self)
{
  /* Hidden again: what was tapped hides too. */
  self->revealed = FALSE;
  build (self);
}

static void
fp_figure_root (GtkWidget *widget)
{
  FpFigure *self = FP_FIGURE (widget);
  GtkRoot *root;
  GParamSpec *pspec;

  GTK_WIDGET_CLASS (fp_figure_parent_class)->root (widget);

  /* A figure nobody said what it is: its card's title at least. */
  if (self->context == NULL)
    {
      GtkWidget *card = gtk_widget_get_ancestor (widget, FP_TYPE_CARD);

      if (card != NULL && fp_card_get_title (FP_CARD (card)) != NULL && *fp_card_get_title (FP_CARD (card)) != '\0')
        fp_figure_set_context (self, fp_card_get_title (FP_CARD (card)));
    }

  root = gtk_widget_get_root (widget);
  pspec = self->balance ? g_object_class_find_property (G_OBJECT_GET_CLASS (root), "hide-balances") : NULL;
  if (pspec == NULL || pspec->value_type != G_TYPE_BOOLEAN)
    return;
  self->root = root;
  self->root_handler = g_signal_connect_swapped (root, "notify::hide-balances",
                                                 G_CALLBACK (hide_balances_cb), self);
  if (root_hides_balances (self))
    build (self);
}

static void
fp_figure_unroot (GtkWidget *widget)
{
  FpFigure *self = FP_FIGURE (widget);

  if (self->root != NULL)
    g_clear_signal_handler (&self->root_handler, self->root);
  self->root = NULL;

  GTK_WIDGET_CLASS (fp_figure_parent_class)->unroot (widget);
}

static void
fp_figure_constructed (GObject *object)
{
  FpFigure *self = FP_FIGURE (object);

  G_OBJECT_CLASS (fp_figure_parent_class)->constructed (object);

  build (self);
}

static void
fp_figure_dispose (GObject *object)
{
  FpFigure *self = FP_FIGURE (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  self->label = NULL;

  G_OBJECT_CLASS (fp_figure_parent_class)->dispose (object);
}

static void
fp_figure_finalize (GObject *object)
{
  FpFigure *self = FP_FIGURE (object);

  g_free (self->text);
  g_free (self->label_class);
  g_free (self->context);
  g_free (self->explanation);

  G_OBJECT_CLASS (fp_figure_parent_class)->finalize (object);
}

static void
fp_figure_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FpFigure *self = FP_FIGURE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_LABEL_CLASS:
      g_value_set_string (value, self->label_class);
      break;

    case PROP_EXPLANATION:
      g_value_set_string (value, self->explanation);
      break;

    case PROP_BALANCE:
      g_value_set_boolean (value, self->balance);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_figure_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FpFigure *self = FP_FIGURE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      fp_figure_set_text (self, g_value_get_string (value));
      break;

    case PROP_LABEL_CLASS:
      self->label_class = g_value_dup_string (value);
      break;

    case PROP_EXPLANATION:
      fp_figure_set_explanation (self, g_value_get_string (value));
      break;

    case PROP_BALANCE:
      self->balance = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_figure_class_init (FpFigureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fp_figure_constructed;
  object_class->dispose = fp_figure_dispose;
  object_class->finalize = fp_figure_finalize;
  object_class->get_property = fp_figure_get_property;
  object_class->set_property = fp_figure_set_property;
  widget_class->compute_expand = fp_ui_compute_expand_from_children;
  widget_class->root = fp_figure_root;
  widget_class->unroot = fp_figure_unroot;

  /**
   * FpFigure:text:
   *
   * The figure as shown, such as "$1,204.50".
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpFigure:label-class: (nullable)
   *
   * A style class of the number, such as `title-1` or `success`.
   */
  properties[PROP_LABEL_CLASS] =
    g_param_spec_string ("label-class", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * FpFigure:explanation: (nullable)
   *
   * How the figure was computed; without one the figure is not a button.
   */
  properties[PROP_EXPLANATION] =
    g_param_spec_string ("explanation", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpFigure:balance:
   *
   * The figure is a balance: hidden while the window's `hide-balances`
   * property is set, until tapped.
   */
  properties[PROP_BALANCE] =
    g_param_spec_boolean ("balance", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "figure");
}

static void
fp_figure_init (FpFigure *self)
{
}

/**
 * fp_figure_new:
 * @text: the figure as shown
 * @label_class: (nullable): a style class of the number, such as `title-1`
 * @explanation: (nullable): how it was computed
 *
 * Returns: (transfer floating): a new figure
 */
GtkWidget *
fp_figure_new (const char *text,
               const char *label_class,
               const char *explanation)
{
  return g_object_new (FP_TYPE_FIGURE,
                       "text", text,
                       "label-class", label_class,
                       "explanation", explanation,
                       NULL);
}

/**
 * fp_figure_new_balance:
 * @text: the balance as shown
 * @label_class: (nullable): a style class of the number, such as `title-1`
 * @explanation: (nullable): how it was computed
 *
 * Returns: (transfer floating): a new figure that is hidden while its
 *   window hides balances (#FpFigure:balance)
 */
GtkWidget *
fp_figure_new_balance (const char *text,
                       const char *label_class,
                       const char *explanation)
{
  return g_object_new (FP_TYPE_FIGURE,
                       "text", text,
                       "label-class", label_class,
                       "explanation", explanation,
                       "balance", TRUE,
                       NULL);
}

/**
 * fp_figure_get_concealed:
 * @self: a #FpFigure
 *
 * Returns: whether the figure shows dots instead of its text now
 */
gboolean
fp_figure_get_concealed (FpFigure *self)
{
  g_return_val_if_fail (FP_IS_FIGURE (self), FALSE);

  return self->balance && !self->revealed && root_hides_balances (self);
}

const char *
fp_figure_get_text (FpFigure *self)
{
  g_return_val_if_fail (FP_IS_FIGURE (self), NULL);

  return self->text;
}

void
fp_figure_set_text (FpFigure   *self,
                    const char *text)
{
  g_return_if_fail (FP_IS_FIGURE (self));

  if (g_strcmp0 (text, self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  /* Until constructed, build () takes the text. */
  if (self->label != NULL)
    {
      gtk_label_set_label (self->label, text != NULL ? text : "");
      update_accessible (self);
    }
  else if (self->child != NULL && !fp_figure_get_concealed (self))
    build (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
fp_figure_get_explanation (FpFigure *self)
{
  g_return_val_if_fail (FP_IS_FIGURE (self), NULL);

  return self->explanation;
}

void
fp_figure_set_explanation (FpFigure   *self,
                           const char *explanation)
{
  g_return_if_fail (FP_IS_FIGURE (self));

  if (g_strcmp0 (explanation, self->explanation) == 0)
    return;
  g_free (self->explanation);
  self->explanation = g_strdup (explanation);
  if (self->child != NULL)
    build (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLANATION]);
}

/**
 * fp_figure_set_context:
 * @self: a #FpFigure
 * @context: (nullable): what the figure is ("Everyday Checking")
 *
 * Screen readers read the figure's button as "@context, figure", with
 * the explanation as its description. #FpFigureRow gives its title.
 */
void
fp_figure_set_context (FpFigure   *self,
                       const char *context)
{
  g_return_if_fail (FP_IS_FIGURE (self));

  if (g_strcmp0 (context, self->context) == 0)
    return;
  g_free (self->context);
  self->context = g_strdup (context);
  if (fp_figure_get_concealed (self))
    build (self);
  else
    update_accessible (self);
}

/**
 * fp_figure_get_context:
 * @self: a #FpFigure
 *
 * Returns: (nullable): what the figure is, as fp_figure_set_context() set it
 */
const char *
fp_figure_get_context (FpFigure *self)
{
  g_return_val_if_fail (FP_IS_FIGURE (self), NULL);

  return self->context;
}
