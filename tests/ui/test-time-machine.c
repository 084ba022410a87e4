/* test-time-machine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Time Machine page: it builds, a simulation result arrives and fills
 * the goal cards, a change cancels the runs in flight and brings a new
 * result, and the chart describes itself to assistive technologies.
 */

#include "config.h"

#include "fp-time-machine-page-private.h"
#include "fp-ui-test.h"

static gboolean
settled (FpTimeMachinePage *page,
         guint              results_before)
{
  FpSimulationResult *result = fp_time_machine_page_get_result (page);

  return fp_time_machine_page_get_n_results (page) > results_before &&
         !fp_time_machine_page_get_refining (page) &&
         result != NULL && result->n_paths == 10000;
}

static void
wait_settled (FpTimeMachinePage *page,
              guint              results_before)
{
  gint64 deadline = fp_ui_test_deadline (30);

  while (!settled (page, results_before))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static gpointer
child (FpTimeMachinePage *page,
       const char        *name)
{
  gpointer object = fp_time_machine_page_find_child (page, name);

  g_assert_nonnull (object);
  return object;
}

static GtkWindow *
show_page (FpTimeMachinePage **out_page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = fp_time_machine_page_new ();

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  *out_page = FP_TIME_MACHINE_PAGE (page);
  return window;
}

static void
test_result_fills_cards (void)
{
  FpTimeMachinePage *page;
  GtkWindow *window = show_page (&page);
  const char *names[] = {
    "retire_card", "emergency_card", "down_card", "ruin_card",
  };

  wait_settled (page, 0);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *text = fp_goal_card_get_probability (child (page, names[i]));

      g_test_message ("%s: %s", names[i], text);
      g_assert_true (g_str_has_suffix (text, "%"));
    }
  g_assert_cmpstr (gtk_label_get_label (child (page, "narrative_label")), !=, "");
  g_assert_nonnull (strstr (gtk_label_get_label (child (page, "narrative_source_label")), "this device"));

  fp_ui_test_spin (50);
  gtk_window_destroy (window);
}

static void
test_change_cancels_and_reruns (void)
{
  FpTimeMachinePage *page;
  GtkWindow *window = show_page (&page);
  GtkAdjustment *extra = child (page, "extra_savings_adj");
  GtkAdjustment *age = child (page, "age_adj");
  FpSimulationResult *first;
  gint64 first_median, second_median;
  guint results, cancelled, n_points, baseline_runs;

  wait_settled (page, 0);
  baseline_runs = fp_time_machine_page_get_n_baseline_runs (page);
  g_assert_cmpuint (baseline_runs, ==, 1);
  first = fp_time_machine_page_get_result (page);
  n_points = first->n_points;
  first_median = first->net_worth[FP_SIM_P50][n_points - 1];

  /* Two changes in a row, as when dragging: the first change's runs are
   * cancelled before they can report. */
  results = fp_time_machine_page_get_n_results (page);
  cancelled = fp_time_machine_page_get_n_cancelled (page);
  gtk_adjustment_set_value (extra, 900);
  g_assert_true (fp_time_machine_page_get_refining (page));
  gtk_adjustment_set_value (extra, 1000);
  wait_settled (page, results);
  g_assert_cmpuint (fp_time_machine_page_get_n_cancelled (page), >, cancelled);

  /* Saving more each month raises the median at the horizon. */
  second_median = fp_time_machine_page_get_result (page)->net_worth[FP_SIM_P50][n_points - 1];
  g_test_message ("median %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT, first_median, second_median);
  g_assert_cmpint (second_median, >, first_median);

  /* The baseline is the starting point without the changes: the changes
   * above left it alone, a change of the starting point reruns it. */
  g_assert_cmpuint (fp_time_machine_page_get_n_baseline_runs (page), ==, baseline_runs);
  results = fp_time_machine_page_get_n_results (page);
  gtk_adjustment_set_value (age, 50);
  g_assert_cmpuint (fp_time_machine_page_get_n_baseline_runs (page), ==, baseline_runs + 1);
  wait_settled (page, results);
  g_assert_cmpuint (fp_time_machine_page_get_result (page)->n_points, ==, (95 - 50) * 12 + 1);

  fp_ui_test_spin (50);
  gtk_window_destroy (window);
}

static void
test_chart_description (void)
{
  FpTimeMachinePage *page;
  GtkWindow *window = show_page (&page);
  FpFanChart *chart;
  const char *summary;

  chart = fp_time_machine_page_get_chart (page);
  g_assert_nonnull (strstr (fp_fan_chart_get_summary (chart), "calculated"));

  wait_settled (page, 0);
  summary = fp_fan_chart_get_summary (chart);
  g_test_message ("%s", summary);
  g_assert_nonnull (strstr (summary, "median"));
  g_assert_nonnull (strstr (summary, "90%"));
  g_assert_nonnull (strstr (summary, "Without the changes"));

  fp_ui_test_spin (50);
  gtk_window_destroy (window);
}

static void
test_events_and_narrow (void)
{
  FpTimeMachinePage *page;
  GtkWindow *window = show_page (&page);
  guint results;

  wait_settled (page, 0);
  results = fp_time_machine_page_get_n_results (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "time-machine.add-event", "i", 3));
  wait_settled (page, results);
  g_assert_cmpuint (fp_time_machine_page_get_result (page)->n_goals, ==, 3);

  fp_time_machine_page_set_narrow (page, TRUE);
  g_assert_true (fp_time_machine_page_get_narrow (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, "layout_stack")), ==, "narrow");
  fp_ui_test_spin (50);
  fp_time_machine_page_set_narrow (page, FALSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, "layout_stack")), ==, "wide");
  fp_time_machine_page_set_narrow (page, TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "time-machine.keep-scenario", NULL));
  fp_ui_test_spin (50);
  g_assert_nonnull (gtk_flow_box_get_child_at_index (child (page, "saved_box"), 0));

  fp_time_machine_page_set_narrative (page, "A test narrative.", FP_NARRATIVE_GENAI);
  g_assert_cmpstr (gtk_label_get_label (child (page, "narrative_label")), ==, "A test narrative.");
  g_assert_nonnull (strstr (gtk_label_get_label (child (page, "narrative_source_label")), "AI"));

  gtk_window_destroy (window);
}

static void
test_page_is_freed (void)
{
  GtkWidget *page = g_object_ref_sink (fp_time_machine_page_new ());

  wait_settled (FP_TIME_MACHINE_PAGE (page), 0);
  g_assert_finalize_object (page);
}

int
main (int    argc,
      char **argv)
{
  fp_ui_test_init (&argc, &argv);

  g_test_add_func ("/time-machine/result-fills-cards", test_result_fills_cards);
  g_test_add_func ("/time-machine/change-cancels-and-reruns", test_change_cancels_and_reruns);
  g_test_add_func ("/time-machine/chart-description", test_chart_description);
  g_test_add_func ("/time-machine/events-and-narrow", test_events_and_narrow);
  g_test_add_func ("/time-machine/page-is-freed", test_page_is_freed);

  return g_test_run ();
}
