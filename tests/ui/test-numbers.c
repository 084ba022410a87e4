/* test-numbers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers as a person reads them, in the locale the test runs in (meson
 * runs it twice: LC_ALL=en_US.UTF-8 and LC_ALL=de_DE.UTF-8, with the
 * German translation of the build tree): the Time Machine in the
 * locale's currency with grouped counts, spin buttons and one percent
 * style, and the dashboard's money, percentages and counts. Each expected
 * text is written out here by hand, per language, not asked of the
 * formatter.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "fp-consent.h"
#include "fp-dashboard-page.h"
#include "fp-dashboard-test-customers.h"
#include "fp-goal-card.h"
#include "fp-time-machine-page-private.h"
#include "fp-ui-test.h"

#define NBSP "\302\240"
#define MINUS "\342\210\222"

static gboolean german;
static char *tmp_dir;

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget))
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

static char *
widget_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_text (widget, out);
  return g_string_free (out, FALSE);
}

static void
assert_has (const char *text,
            const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not shown:\n%s", part, text);
}

static void
assert_has_not (const char *text,
                const char *part)
{
  if (strstr (text, part) != NULL)
    g_error ("“%s” is shown:\n%s", part, text);
}

/* No figure is written with an ASCII hyphen as its minus. */
static void
assert_no_ascii_minus (const char *text)
{
  for (const char *p = strchr (text, '-'); p != NULL; p = strchr (p + 1, '-'))
    if (g_ascii_isdigit (p[1]) || p[1] == '$' || g_str_has_prefix (p + 1, "€"))
      g_error ("A figure with an ASCII minus: “%.20s”", p);
}

/* The spin button of an adjustment of the page. */
static GtkSpinButton *
find_spin (GtkWidget     *widget,
           GtkAdjustment *adjustment)
{
  if (GTK_IS_SPIN_BUTTON (widget) && gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (widget)) == adjustment)
    return GTK_SPIN_BUTTON (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkSpinButton *found = find_spin (c, adjustment);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
settled (FpTimeMachinePage *page)
{
  FpSimulationResult *result = fp_time_machine_page_get_result (page);

  return fp_time_machine_page_get_n_results (page) > 0 && !fp_time_machine_page_get_refining (page) &&
         result != NULL && result->n_paths == 10000;
}

/* The example household, typed in by hand: the locale's currency, counts
 * and amounts grouped, percentages in the language's one style. */
static void
test_time_machine (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  FpTimeMachinePage *page = FP_TIME_MACHINE_PAGE (fp_time_machine_page_new ());
  g_autofree char *text = NULL;
  const char *probability;
  GtkSpinButton *cash;
  gint64 deadline = fp_ui_test_deadline (60);

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  while (!settled (page))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  fp_ui_test_spin (100);

  text = widget_text (GTK_WIDGET (page));
  g_test_message ("%s", text);
  cash = find_spin (GTK_WIDGET (page), fp_time_machine_page_find_child (page, "cash_adj"));
  g_assert_nonnull (cash);
  probability = fp_goal_card_get_probability (fp_time_machine_page_find_child (page, "emergency_card"));
  if (german)
    {
      assert_has (gtk_label_get_text (fp_time_machine_page_find_child (page, "paths_label")),
                  "10.000 simulierte Zukünfte");
      assert_has (gtk_editable_get_text (GTK_EDITABLE (cash)), "15.000");
      /* The locale's currency: euros in Germany. */
      assert_has (text, "2.500" NBSP "€");
      assert_has_not (text, "$");
      g_assert_true (g_str_has_suffix (probability, NBSP "%"));
      assert_has (text, "90" NBSP "%");
    }
  else
    {
      assert_has (gtk_label_get_text (fp_time_machine_page_find_child (page, "paths_label")),
                  "10,000 simulated futures");
      assert_has (gtk_editable_get_text (GTK_EDITABLE (cash)), "15,000");
      /* The locale's currency: dollars in the United States. */
      assert_has (text, "$2,500");
      assert_has_not (text, "€");
      g_assert_true (g_str_has_suffix (probability, "%"));
      g_assert_false (g_str_has_suffix (probability, " %") || g_str_has_suffix (probability, NBSP "%"));
      assert_has (text, "where 90% and 50%");
    }
  assert_no_ascii_minus (text);

  /* What a person types back is read in the locale, grouped or not. */
  gtk_editable_set_text (GTK_EDITABLE (cash), german ? "20.500" : "20,500");
  gtk_spin_button_update (cash);
  g_assert_cmpfloat (gtk_spin_button_get_value (cash), ==, 20500);

  gtk_window_destroy (window);
  fp_ui_test_spin (50);
}

/* The saver's dashboard in dollars, written the locale's way. */
static void
test_dashboard (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = fp_cache_new_ephemeral (tmp_dir, &error);
  g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("test-device");
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  FpDashboardPage *page = FP_DASHBOARD_PAGE (fp_dashboard_page_new ());
  g_autofree char *text = NULL;
  gint64 deadline = fp_ui_test_deadline (30);

  g_assert_no_error (error);
  fp_test_fill_customer (cache, FP_TEST_SAVER);
  fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, g_get_real_time ());
  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, GTK_WIDGET (page));
  fp_dashboard_page_set_consent_policy (page, policy);
  fp_dashboard_page_set_cache (page, cache);
  gtk_window_present (window);
  while (g_strcmp0 (fp_dashboard_page_get_state (page), "content") != 0)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  fp_ui_test_spin (200);

  text = widget_text (GTK_WIDGET (page));
  g_test_message ("%s", text);
  /* 8,240.17 + 42,150.00 in the two accounts. */
  if (german)
    {
      assert_has (text, "50.390,17" NBSP "$");
      assert_has (text, "8.240,17" NBSP "$");
      /* The segment's savings rates. */
      assert_has (text, "30" NBSP "%");
      assert_has_not (text, "30%");
    }
  else
    {
      assert_has (text, "$50,390.17");
      assert_has (text, "$8,240.17");
      assert_has (text, "30%");
      assert_has_not (text, "30 %");
    }
  /* Money out is written with a true minus. */
  assert_has (text, MINUS);
  assert_no_ascii_minus (text);

  gtk_window_destroy (window);
  fp_ui_test_spin (50);
  fp_cache_close (cache);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *po_dir = NULL;
  const char *build_root = g_getenv ("FP_BUILD_ROOT");
  const char *locale;
  int ret;

  fp_ui_test_init (&argc, &argv);
  /* gtk_test_init() sets en_US.UTF-8 whatever the environment says: the
   * locale meson gives this run (LC_ALL) again. */
  locale = setlocale (LC_ALL, "");
  g_assert_nonnull (locale);
  g_test_message ("Locale: %s", locale);
  german = g_str_has_prefix (locale, "de_");
  g_assert_true (german || g_str_has_prefix (locale, "en_"));

  /* The translation of the build tree, as if installed. */
  g_assert_nonnull (build_root);
  po_dir = g_build_filename (build_root, "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_setenv ("FP_TODAY", "2026-11-15", TRUE);
  tmp_dir = g_dir_make_tmp ("fp-numbers-test-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/numbers/time-machine", test_time_machine);
  g_test_add_func ("/numbers/dashboard", test_dashboard);

  ret = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
