/* fp-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-core.h"
#include "fp-preferences-window.h"
#include "fp-ui-util.h"

struct _FpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *style_row;
  AdwEntryRow          *bank_url_row;
  AdwEntryRow          *genai_url_row;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (FpPreferencesWindow, fp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row's items, in order, as GSettings nicks. */
static const char *style_nicks[] = { "default", "force-light", "force-dark" };

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (style_nicks); i++)
    if (g_str_equal (nick, style_nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (style_nicks))
    return NULL;

  return g_variant_new_string (style_nicks[selected]);
}

static const char *
settings_key_for_row (FpPreferencesWindow *self,
                      AdwEntryRow         *row)
{
  return row == self->bank_url_row ? "bank-api-url" : "genai-proxy-url";
}

static void
url_row_changed_cb (AdwEntryRow *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
url_row_apply_cb (FpPreferencesWindow *self,
                  AdwEntryRow         *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  normalized = fp_endpoint_normalize (gtk_editable_get_text (GTK_EDITABLE (row)), &error);
  if (normalized == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      return;
    }

  g_settings_set_string (self->settings, settings_key_for_row (self, row), normalized);
  gtk_editable_set_text (GTK_EDITABLE (row), normalized);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (*normalized == '\0'
                                                   ? _("The demo bank on this computer will be used")
                                                   : _("Address saved")));
}

static void
fp_preferences_window_finalize (GObject *object)
{
  FpPreferencesWindow *self = FP_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fp_preferences_window_parent_class)->finalize (object);
}

static void
fp_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (fp_preferences_window_parent_class)->dispose (object);
}

static void
fp_preferences_window_class_init (FpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_preferences_window_dispose;
  object_class->finalize = fp_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/finpersona/FinPersona/ui/fp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FpPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, FpPreferencesWindow, bank_url_row);
  gtk_widget_class_bind_template_child (widget_class, FpPreferencesWindow, genai_url_row);
  gtk_widget_class_bind_template_callback (widget_class, url_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_row_changed_cb);
}

static void
fp_preferences_window_init (FpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_name_dialog (GTK_WIDGET (self), NULL);
}

/**
 * fp_preferences_window_new:
 * @parent: (nullable): the window to stay above
 * @settings: the application's settings
 *
 * Returns: (transfer full): a new preferences window
 */
FpPreferencesWindow *
fp_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  FpPreferencesWindow *self;
  g_autofree char *bank_url = NULL;
  g_autofree char *genai_url = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (FP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                style_get_mapping, style_set_mapping, NULL, NULL);

  bank_url = g_settings_get_string (settings, "bank-api-url");
  genai_url = g_settings_get_string (settings, "genai-proxy-url");
  gtk_editable_set_text (GTK_EDITABLE (self->bank_url_row), bank_url);
  gtk_editable_set_text (GTK_EDITABLE (self->genai_url_row), genai_url);

  return self;
}
