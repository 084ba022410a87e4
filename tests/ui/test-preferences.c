/* test-preferences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fp-preferences-window.h"
#include "fp-ui-test.h"

static void
apply (FpPreferencesWindow *window,
       const char          *row_name,
       const char          *text)
{
  GtkWidget *row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_PREFERENCES_WINDOW, row_name));

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static gboolean
row_has_error (FpPreferencesWindow *window,
               const char          *row_name)
{
  GtkWidget *row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_PREFERENCES_WINDOW, row_name));

  return gtk_widget_has_css_class (row, "error");
}

static void
test_addresses (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  FpPreferencesWindow *window;
  g_autofree char *bank = NULL;
  g_autofree char *genai = NULL;
  g_autofree char *bank2 = NULL;
  g_autofree char *bank3 = NULL;

  g_settings_reset (settings, "bank-api-url");
  g_settings_reset (settings, "genai-proxy-url");
  window = fp_preferences_window_new (NULL, settings);

  /* A valid address is stored normalized. */
  apply (window, "bank_url_row", " https://Bank.Example/api ");
  bank = g_settings_get_string (settings, "bank-api-url");
  g_assert_cmpstr (bank, ==, "https://bank.example/api/");
  g_assert_false (row_has_error (window, "bank_url_row"));

  /* Clear text to a remote host is refused and changes nothing. */
  apply (window, "bank_url_row", "http://bank.example/api");
  bank2 = g_settings_get_string (settings, "bank-api-url");
  g_assert_cmpstr (bank2, ==, "https://bank.example/api/");
  g_assert_true (row_has_error (window, "bank_url_row"));

  /* Editing again clears the error mark; empty means the demo bank. */
  apply (window, "bank_url_row", "");
  bank3 = g_settings_get_string (settings, "bank-api-url");
  g_assert_cmpstr (bank3, ==, "");
  g_assert_false (row_has_error (window, "bank_url_row"));

  apply (window, "genai_url_row", "http://127.0.0.1:8081");
  genai = g_settings_get_string (settings, "genai-proxy-url");
  g_assert_cmpstr (genai, ==, "http://127.0.0.1:8081/");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_style (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  FpPreferencesWindow *window;
  AdwComboRow *row;

  g_settings_set_string (settings, "color-scheme", "force-light");
  window = fp_preferences_window_new (NULL, settings);
  row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_PREFERENCES_WINDOW, "style_row"));

  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  adw_combo_row_set_selected (row, 2);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  fp_ui_test_init (&argc, &argv);

  g_test_add_func ("/preferences/addresses", test_addresses);
  g_test_add_func ("/preferences/style", test_style);

  return g_test_run ();
}
