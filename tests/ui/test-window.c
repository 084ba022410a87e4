/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fp-ui-test.h"
#include "fp-window.h"

static FpWindow *
new_window (gboolean remember_size)
{
  return g_object_new (FP_TYPE_WINDOW, "remember-size", remember_size, NULL);
}

static void
destroy_and_check_finalized (FpWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  fp_ui_test_spin (50);
  g_assert_null (window);
}

static void
set_all_pages_visible (FpWindow *window,
                       gboolean  visible)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_WINDOW, "stack"));
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      adw_view_stack_page_set_visible (page, visible);
    }
}

static void
test_welcome_only_without_pages (void)
{
  FpWindow *window = new_window (FALSE);
  GtkStack *main_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_WINDOW, "main_stack"));
  g_auto(GStrv) pages = fp_window_list_pages (window);
  g_auto(GStrv) hidden = NULL;

  /* With pages, the welcome page is not among them and is not shown. */
  g_assert_cmpuint (g_strv_length (pages), >, 0);
  g_assert_false (g_strv_contains ((const char * const *) pages, "welcome"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "pages");
  for (guint i = 0; pages[i] != NULL; i++)
    g_assert_true (fp_window_show_page (window, pages[i]));
  g_assert_false (fp_window_show_page (window, "welcome"));
  g_assert_false (fp_window_show_page (window, "no-such-page"));

  /* A page that is not available is not shown; with none, the welcome page is. */
  set_all_pages_visible (window, FALSE);
  hidden = fp_window_list_pages (window);
  g_assert_cmpuint (g_strv_length (hidden), ==, 1);
  g_assert_cmpstr (hidden[0], ==, "welcome");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "welcome");
  g_assert_true (fp_window_show_page (window, "welcome"));

  set_all_pages_visible (window, TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "pages");

  destroy_and_check_finalized (window);
}

static void
test_alt_number_goes_to_page (void)
{
  FpWindow *window = new_window (FALSE);
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_WINDOW, "stack"));
  g_auto(GStrv) pages = fp_window_list_pages (window);
  guint n = g_strv_length (pages);

  for (guint i = n; i >= 1; i--)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to-page", "i", (gint32) i));
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, pages[i - 1]);
    }

  destroy_and_check_finalized (window);
}

static void
test_size_is_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  FpWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = new_window (TRUE);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  gtk_window_present (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  fp_ui_test_spin (100);
  gtk_window_close (GTK_WINDOW (window));
  fp_ui_test_spin (50);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_screenshot_mode_keeps_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  FpWindow *window;

  g_settings_set_int (settings, "window-width", 800);

  window = new_window (FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  fp_ui_test_spin (50);
  gtk_window_close (GTK_WINDOW (window));
  fp_ui_test_spin (50);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 800);
}

static gboolean
window_is_narrow (gpointer window)
{
  return fp_window_get_narrow (FP_WINDOW (window));
}

static void
test_narrow_reveals_bottom_switcher (void)
{
  FpWindow *window = new_window (FALSE);
  AdwViewSwitcherTitle *title;
  AdwViewSwitcherBar *bar;

  title = ADW_VIEW_SWITCHER_TITLE (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_WINDOW, "switcher_title"));
  bar = ADW_VIEW_SWITCHER_BAR (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_WINDOW, "switcher_bar"));

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  fp_ui_test_wait_for (window_is_narrow, window, TRUE);

  /* The bar at the bottom follows whether the header shows a title instead
   * of the switcher, so that navigation is always reachable. */
  g_assert_cmpint (adw_view_switcher_bar_get_reveal (bar), ==,
                   adw_view_switcher_title_get_title_visible (title));
  g_assert_true (fp_window_get_narrow (window));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  fp_ui_test_wait_for (window_is_narrow, window, FALSE);
  g_assert_false (fp_window_get_narrow (window));

  destroy_and_check_finalized (window);
}

int
main (int   argc,
      char *argv[])
{
  fp_ui_test_init (&argc, &argv);

  g_test_add_func ("/window/welcome-only-without-pages", test_welcome_only_without_pages);
  g_test_add_func ("/window/alt-number-goes-to-page", test_alt_number_goes_to_page);
  g_test_add_func ("/window/size-is-remembered", test_size_is_remembered);
  g_test_add_func ("/window/screenshot-mode-keeps-settings", test_screenshot_mode_keeps_settings);
  g_test_add_func ("/window/narrow-reveals-bottom-switcher", test_narrow_reveals_bottom_switcher);

  return g_test_run ();
}
