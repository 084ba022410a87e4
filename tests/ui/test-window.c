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
test_empty_shows_welcome (void)
{
  FpWindow *window = new_window (FALSE);
  g_auto(GStrv) pages = fp_window_list_pages (window);
  GtkStack *main_stack;

  /* No page is built yet: the customer sees the welcome page, nothing else. */
  g_assert_cmpuint (g_strv_length (pages), ==, 1);
  g_assert_cmpstr (pages[0], ==, "welcome");
  g_assert_true (fp_window_show_page (window, "welcome"));
  g_assert_false (fp_window_show_page (window, "no-such-page"));

  main_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_WINDOW, "main_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "welcome");

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
  fp_ui_test_spin (200);

  /* The bar at the bottom follows whether the header shows a title instead
   * of the switcher, so that navigation is always reachable. */
  g_assert_cmpint (adw_view_switcher_bar_get_reveal (bar), ==,
                   adw_view_switcher_title_get_title_visible (title));
  g_assert_true (fp_window_get_narrow (window));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  fp_ui_test_spin (200);
  g_assert_false (fp_window_get_narrow (window));

  destroy_and_check_finalized (window);
}

int
main (int   argc,
      char *argv[])
{
  fp_ui_test_init (&argc, &argv);

  g_test_add_func ("/window/empty-shows-welcome", test_empty_shows_welcome);
  g_test_add_func ("/window/size-is-remembered", test_size_is_remembered);
  g_test_add_func ("/window/screenshot-mode-keeps-settings", test_screenshot_mode_keeps_settings);
  g_test_add_func ("/window/narrow-reveals-bottom-switcher", test_narrow_reveals_bottom_switcher);

  return g_test_run ();
}
