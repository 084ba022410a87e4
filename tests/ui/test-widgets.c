/* test-widgets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The small widgets pages are made of, and the charts' drawing kit: nice
 * grid steps, descriptions, the palette of the light, dark and
 * high-contrast styles, labels that never overlap, figures that open their
 * explanation, cards, consent rows in both their uses, and that every
 * widget is freed once its window is gone. The charts are also rendered in
 * the three styles (widgets-screenshots in the build directory) to be
 * looked at.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fp-alerts-card.h"
#include "fp-balances-card.h"
#include "fp-bar-chart.h"
#include "fp-card.h"
#include "fp-change-editor.h"
#include "fp-chart-kit.h"
#include "fp-cli-insights.h"
#include "fp-consent-off-card.h"
#include "fp-consent-row.h"
#include "fp-dashboard-test-customers.h"
#include "fp-explanation-popover.h"
#include "fp-fan-chart.h"
#include "fp-figure-row.h"
#include "fp-figure.h"
#include "fp-forecast-card.h"
#include "fp-forecast-chart.h"
#include "fp-goal-card.h"
#include "fp-goal-editor.h"
#include "fp-health-card.h"
#include "fp-life-events.h"
#include "fp-narrative.h"
#include "fp-recent-card.h"
#include "fp-recommendations-card.h"
#include "fp-saved-scenario-card.h"
#include "fp-scenario-comparison.h"
#include "fp-segment-card.h"
#include "fp-spending-card.h"
#include "fp-starting-point.h"
#include "fp-time-machine-scenario.h"
#include "fp-trend-card.h"
#include "fp-ui-test.h"
#include "fp-upcoming-card.h"

static char *tmp_dir;
static char *shot_dir;

/* ------------------------------------------------------------------ */
/* The drawing kit                                                     */
/* ------------------------------------------------------------------ */

static void
test_nice_step (void)
{
  /* Worked out by hand: the raw step, then the next round number. */
  g_assert_cmpfloat (fp_chart_nice_step (300, 3, FP_CHART_STEPS_1_2_5), ==, 100);        /* 100 */
  g_assert_cmpfloat (fp_chart_nice_step (250, 4, FP_CHART_STEPS_1_2_5), ==, 100);        /* 62.5 */
  g_assert_cmpfloat (fp_chart_nice_step (130000, 4, FP_CHART_STEPS_1_2_5), ==, 50000);   /* 32,500 */
  g_assert_cmpfloat (fp_chart_nice_step (0.3, 2, FP_CHART_STEPS_1_2_5), ==, 0.2);        /* 0.15 */
  g_assert_cmpfloat (fp_chart_nice_step (90, 4, FP_CHART_STEPS_1_2_5), ==, 50);          /* 22.5 */
  g_assert_cmpfloat (fp_chart_nice_step (90, 4, FP_CHART_STEPS_1_2_25_5), ==, 25);       /* 22.5 */
  g_assert_cmpfloat (fp_chart_nice_step (80, 4, FP_CHART_STEPS_1_2_25_5), ==, 20);       /* 20 */
  /* Nothing to cover: a step of one, never zero or NaN. */
  g_assert_cmpfloat (fp_chart_nice_step (0, 4, FP_CHART_STEPS_1_2_5), ==, 1);
  g_assert_cmpfloat (fp_chart_nice_step (NAN, 4, FP_CHART_STEPS_1_2_5), ==, 1);
  g_assert_cmpfloat (fp_chart_nice_step (100, 0, FP_CHART_STEPS_1_2_5), ==, 100);
}

static void
test_frame (void)
{
  FpChartFrame frame = { .left = 10, .top = 20, .right = 110, .bottom = 220,
                         .x_min = 0, .x_max = 4, .y_min = -100, .y_max = 300 };

  g_assert_cmpfloat (fp_chart_frame_x (&frame, 0), ==, 10);
  g_assert_cmpfloat (fp_chart_frame_x (&frame, 1), ==, 35);
  g_assert_cmpfloat (fp_chart_frame_x (&frame, 4), ==, 110);
  g_assert_cmpfloat (fp_chart_frame_y (&frame, -100), ==, 220);
  g_assert_cmpfloat (fp_chart_frame_y (&frame, 0), ==, 170);
  g_assert_cmpfloat (fp_chart_frame_y (&frame, 300), ==, 20);
}

static void
test_description (void)
{
  FpChartDescription d;
  g_autofree char *list = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *untitled = NULL;
  g_autofree char *sentences = NULL;

  fp_chart_description_init (&d, "Spent in May");
  fp_chart_description_add_item (&d, "%s %s", "Food", "$12.00");
  fp_chart_description_add_item (&d, "%s %s", "Rent", "$900.00");
  list = fp_chart_description_finish (&d, "no data");
  g_assert_cmpstr (list, ==, "Spent in May: Food $12.00; Rent $900.00.");

  fp_chart_description_init (&d, "Spent in May");
  empty = fp_chart_description_finish (&d, "no data");
  g_assert_cmpstr (empty, ==, "Spent in May: no data.");

  fp_chart_description_init (&d, NULL);
  fp_chart_description_add_item (&d, "%d", 3);
  untitled = fp_chart_description_finish (&d, "no data");
  g_assert_cmpstr (untitled, ==, "3.");

  fp_chart_description_init (&d, NULL);
  fp_chart_description_add_sentence (&d, "%s", "One.");
  fp_chart_description_add_sentence (&d, "Two %d.", 2);
  sentences = fp_chart_description_finish (&d, NULL);
  g_assert_cmpstr (sentences, ==, "One. Two 2.");
}

static void
set_high_contrast (gboolean high_contrast)
{
  g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");

  g_settings_set_boolean (a11y, "high-contrast", high_contrast);
  fp_ui_test_spin (50);
}

static gboolean
high_contrast_available (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.a11y.interface",
                                                                        TRUE);

  return schema != NULL && g_settings_schema_has_key (schema, "high-contrast");
}

static void
assert_color (const GdkRGBA *color,
              const char    *expected)
{
  GdkRGBA e;

  g_assert_true (gdk_rgba_parse (&e, expected));
  if (!gdk_rgba_equal (color, &e))
    {
      g_autofree char *got = gdk_rgba_to_string (color);

      g_error ("expected %s, got %s", expected, got);
    }
}

static void
test_palette (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("x"));
  FpChartPalette palette;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  fp_chart_palette_init (&palette, label);
  g_assert_false (palette.dark);
  g_assert_false (palette.high_contrast);
  assert_color (&palette.accent, "#3584e4");
  assert_color (&palette.accent_strong, "#1a5fb4");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  fp_chart_palette_init (&palette, label);
  g_assert_true (palette.dark);
  assert_color (&palette.accent, "#78aeed");
  /* Light text on the dark style. */
  g_assert_cmpfloat (palette.fg.red + palette.fg.green + palette.fg.blue, >, 1.5);

  if (!high_contrast_available ())
    {
      g_test_skip ("No org.gnome.desktop.a11y.interface schema to switch high contrast on");
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
      g_object_unref (label);
      return;
    }

  set_high_contrast (TRUE);
  g_assert_true (adw_style_manager_get_high_contrast (style));
  fp_chart_palette_init (&palette, label);
  g_assert_true (palette.dark);
  g_assert_true (palette.high_contrast);
  assert_color (&palette.accent, "#99c1f1");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  fp_chart_palette_init (&palette, label);
  g_assert_false (palette.dark);
  assert_color (&palette.accent, "#1a5fb4");

  set_high_contrast (FALSE);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_object_unref (label);
}

/* The alpha of a pixel painted with the ink. */
static int
ink_alpha (gboolean high_contrast,
           double   alpha)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  FpChartPalette palette = { .high_contrast = high_contrast };
  guint32 pixel;

  palette.fg = (GdkRGBA) { 0, 0, 0, 1 };
  fp_chart_set_ink (cr, &palette, &palette.fg, alpha);
  cairo_paint (cr);
  cairo_surface_flush (surface);
  memcpy (&pixel, cairo_image_surface_get_data (surface), sizeof pixel);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return (int) (pixel >> 24);
}

static void
test_ink (void)
{
  /* 0.1 × 255 = 25.5; in high contrast 1 − 0.9² = 0.19, × 255 = 48.45. */
  g_assert_cmpint (ABS (ink_alpha (FALSE, 0.1) - 26), <=, 1);
  g_assert_cmpint (ABS (ink_alpha (TRUE, 0.1) - 48), <=, 1);
  g_assert_cmpint (ink_alpha (TRUE, 1.0), ==, 255);
  g_assert_cmpint (ink_alpha (FALSE, 0.0), ==, 0);
}

static void
test_lanes (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("x"));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 100);
  cairo_t *cr = cairo_create (surface);
  FpChartPalette palette = { 0 };
  g_autoptr(PangoLayout) a = fp_chart_text_new (label, "2030", 1.0, FP_CHART_TEXT_TABULAR);
  g_autoptr(PangoLayout) b = fp_chart_text_new (label, "2031", 1.0, FP_CHART_TEXT_TABULAR);
  double w;
  FpChartLanes lanes;

  fp_chart_text_size (a, &w, NULL);
  g_assert_cmpfloat (w, >, 0);

  /* One lane: a label that would touch the one before is left out. */
  fp_chart_lanes_init (&lanes, 1, 8);
  g_assert_cmpint (fp_chart_draw_lane_label (cr, &palette, &lanes, a, 100, 0, 400, 0, 0, 1), ==, 0);
  g_assert_cmpint (fp_chart_draw_lane_label (cr, &palette, &lanes, b, 100 + w, 0, 400, 0, 0, 1), ==, -1);
  g_assert_cmpint (fp_chart_draw_lane_label (cr, &palette, &lanes, b, 100 + w + 8, 0, 400, 0, 0, 1), ==, 0);

  /* Two lanes: the second takes it. */
  fp_chart_lanes_init (&lanes, 2, 6);
  g_assert_cmpint (fp_chart_draw_lane_label (cr, &palette, &lanes, a, 100, 0, 400, 0, 15, 1), ==, 0);
  g_assert_cmpint (fp_chart_draw_lane_label (cr, &palette, &lanes, b, 110, 0, 400, 0, 15, 1), ==, 1);
  g_assert_cmpint (fp_chart_draw_lane_label (cr, &palette, &lanes, b, 120, 0, 400, 0, 15, 1), ==, -1);

  /* No lanes: every label, overlapping or not. */
  fp_chart_lanes_init (&lanes, 0, 0);
  g_assert_cmpint (fp_chart_draw_lane_label (cr, &palette, &lanes, a, 100, 0, 400, 0, 0, 1), ==, 0);
  g_assert_cmpint (fp_chart_draw_lane_label (cr, &palette, &lanes, b, 100, 0, 400, 0, 0, 1), ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (label);
}

/* ------------------------------------------------------------------ */
/* Charts in the three styles                                          */
/* ------------------------------------------------------------------ */

static GtkWidget *
new_bar_chart (void)
{
  static const char *const labels[] = { "Jun", "Jul", "Aug", "Sep", "Oct", "Nov" };
  static const gint64 spending[] = { 210000, 198000, 240000, 185000, 212029, 90000 };
  static const gint64 income[] = { 527583, 527583, 527583, 527583, 527583, 260000 };
  GtkWidget *chart = fp_bar_chart_new (FP_BAR_CHART_COLUMNS);

  fp_bar_chart_set_series (FP_BAR_CHART (chart), "Spending and income per month", "Spending", "Income");
  fp_bar_chart_set_data (FP_BAR_CHART (chart), G_N_ELEMENTS (labels), labels, spending, income, "USD");
  return chart;
}

static GtkWidget *
new_forecast_chart (void)
{
  enum { N = 91 };
  gint64 expected[N], low[N], high[N];
  GtkWidget *chart = fp_forecast_chart_new ();

  for (guint i = 0; i < N; i++)
    {
      /* Spending every day, a salary every 30 days. */
      expected[i] = 800000 - (gint64) i * 9000 + (gint64) (i / 30) * 450000;
      low[i] = expected[i] - (gint64) i * 2500;
      high[i] = expected[i] + (gint64) i * 2500;
    }
  fp_forecast_chart_set_forecast (FP_FORECAST_CHART (chart), fp_test_day (2026, 11, 15), N, expected, low, high,
                                  50000, fp_test_day (2026, 12, 20), "USD");
  return chart;
}

static FpSimulationResult *
simulate_example (FpScenario *scenario)
{
  FpTimeMachineInputs in = {
    .start = { .age = 45, .retirement_age = 58, .cash = 20000, .investments = 180000, .income = 5600,
               .spending = 3800, .contribution = 800, .pension = 2000, .loan = 30000, .loan_rate = 6.9,
               .loan_years = 6 },
    .changes = { .spending_change = -10, .extra_savings = 300, .equity_share = 90, .income_growth = 0 },
    .goals = { .retirement_income = 2500, .emergency_months = 6, .down_payment = 20000, .down_payment_years = 3 },
    .n_events = 1,
    .currency = "EUR",
  };
  g_autoptr(GError) error = NULL;
  FpSimulationResult *result;

  in.events[0] = (FpSimEvent) { .kind = FP_SIM_EVENT_WINDFALL, .month = 96, .amount_minor = 8000000 };
  fp_time_machine_build_scenario (&in, TRUE, scenario);
  scenario->n_paths = 500;
  scenario->net_worth_only = TRUE;
  result = fp_simulation_run (scenario, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static GtkWidget *
new_fan_chart (void)
{
  FpScenario scenario;
  g_autoptr(FpSimulationResult) result = simulate_example (&scenario);
  GtkWidget *chart = fp_fan_chart_new ();

  fp_fan_chart_set_start_year (FP_FAN_CHART (chart), 2026);
  fp_fan_chart_set_results (FP_FAN_CHART (chart), result, NULL, "EUR");
  fp_fan_chart_set_events (FP_FAN_CHART (chart), scenario.events, scenario.n_events);
  fp_fan_chart_set_retirement_month (FP_FAN_CHART (chart), result->retirement_month);
  return chart;
}

static GdkTexture *
render (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static GBytes *
pixels_of (GdkTexture *texture)
{
  gsize stride = gdk_texture_get_width (texture) * 4;
  gsize size = stride * gdk_texture_get_height (texture);
  guchar *data = g_malloc (size);

  gdk_texture_download (texture, data, stride);
  return g_bytes_new_take (data, size);
}

static void
test_chart_styles (void)
{
  static const struct { const char *name; AdwColorScheme scheme; gboolean high_contrast; } styles[] = {
    { "light", ADW_COLOR_SCHEME_FORCE_LIGHT, FALSE },
    { "dark", ADW_COLOR_SCHEME_FORCE_DARK, FALSE },
    { "light-hc", ADW_COLOR_SCHEME_FORCE_LIGHT, TRUE },
    { "dark-hc", ADW_COLOR_SCHEME_FORCE_DARK, TRUE },
  };
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autoptr(GBytes) light = NULL;
  gboolean with_hc = high_contrast_available ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), new_bar_chart ());
  gtk_box_append (GTK_BOX (box), new_forecast_chart ());
  gtk_box_append (GTK_BOX (box), new_fan_chart ());
  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, 640, 800);
  gtk_window_set_child (window, box);
  gtk_window_present (window);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      g_autofree char *file = g_strdup_printf ("charts-%s.png", styles[i].name);
      g_autofree char *path = g_build_filename (shot_dir, file, NULL);
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GBytes) pixels = NULL;

      if (styles[i].high_contrast && !with_hc)
        continue;
      adw_style_manager_set_color_scheme (style, styles[i].scheme);
      if (with_hc)
        set_high_contrast (styles[i].high_contrast);
      fp_ui_test_spin (300);
      texture = render (GTK_WIDGET (window));
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("Saved %s", path);
      pixels = pixels_of (texture);
      /* Every style draws a picture of its own. */
      if (light != NULL)
        g_assert_false (g_bytes_equal (pixels, light));
      else
        light = g_bytes_ref (pixels);
    }

  if (with_hc)
    set_high_contrast (FALSE);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (window);
}

/* ------------------------------------------------------------------ */
/* Figures, cards, consent rows                                        */
/* ------------------------------------------------------------------ */

static void
test_figure (void)
{
  g_autoptr(GtkWidget) plain = g_object_ref_sink (fp_figure_new ("$12.00", "title-1", NULL));
  g_autoptr(GtkWidget) explained = g_object_ref_sink (fp_figure_new ("$9.00", NULL, "The sum of it all."));
  GtkWidget *child, *label;
  GtkPopover *popover;

  /* Without an explanation, the number only. */
  child = gtk_widget_get_first_child (plain);
  g_assert_true (GTK_IS_LABEL (child));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child)), ==, "$12.00");
  g_assert_true (gtk_widget_has_css_class (child, "title-1"));
  g_assert_true (gtk_widget_has_css_class (child, "numeric"));

  /* With one, a button that opens it. */
  child = gtk_widget_get_first_child (explained);
  g_assert_true (GTK_IS_MENU_BUTTON (child));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (child));
  g_assert_true (FP_IS_EXPLANATION_POPOVER (popover));
  g_assert_cmpstr (fp_explanation_popover_get_explanation (FP_EXPLANATION_POPOVER (popover)), ==,
                   "The sum of it all.");
  label = gtk_menu_button_get_child (GTK_MENU_BUTTON (child));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "$9.00");

  /* The text changes in place; the explanation can come and go. */
  fp_figure_set_text (FP_FIGURE (explained), "$10.00");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "$10.00");
  fp_figure_set_explanation (FP_FIGURE (explained), NULL);
  child = gtk_widget_get_first_child (explained);
  g_assert_true (GTK_IS_LABEL (child));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child)), ==, "$10.00");
  g_assert_null (gtk_widget_get_next_sibling (child));
  fp_figure_set_explanation (FP_FIGURE (plain), "Now explained.");
  g_assert_true (GTK_IS_MENU_BUTTON (gtk_widget_get_first_child (plain)));
}

static void
test_card (void)
{
  g_autoptr(GtkWidget) card = g_object_ref_sink (fp_card_new ("Alerts", NULL));
  GtkWidget *header = gtk_widget_get_first_child (card);
  GtkWidget *title = gtk_widget_get_first_child (header);
  GtkWidget *info = gtk_widget_get_last_child (header);
  GtkBox *body = fp_card_get_body (FP_CARD (card));
  GtkWidget *kept = gtk_label_new ("kept");
  GtkWidget *row;

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "Alerts");
  g_assert_true (GTK_IS_MENU_BUTTON (info));
  g_assert_false (gtk_widget_get_visible (info));
  fp_card_set_explanation (FP_CARD (card), "Why.");
  g_assert_true (gtk_widget_get_visible (info));
  fp_card_set_explanation (FP_CARD (card), "");
  g_assert_false (gtk_widget_get_visible (info));

  /* What a template puts in stays; what was added goes with a clear. */
  gtk_box_append (body, kept);
  fp_card_append_text (FP_CARD (card), "Nothing unusual.", "dim-label");
  row = fp_card_append_row (FP_CARD (card), "Money in", "Last 30 days", fp_figure_new ("$1.00", NULL, NULL));
  g_assert_true (FP_IS_FIGURE_ROW (row));
  g_assert_cmpstr (fp_figure_row_get_caption (FP_FIGURE_ROW (row)), ==, "Last 30 days");
  g_assert_true (FP_IS_FIGURE (fp_figure_row_get_figure (FP_FIGURE_ROW (row))));
  g_assert_true (gtk_widget_get_last_child (GTK_WIDGET (body)) == row);
  fp_card_clear (FP_CARD (card));
  g_assert_true (gtk_widget_get_first_child (GTK_WIDGET (body)) == kept);
  g_assert_null (gtk_widget_get_next_sibling (kept));
}

static GtkSwitch *
row_switch (GtkWidget *row)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, row);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_SWITCH (w))
        g_ptr_array_add (found, w);
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_unref (stack);
  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_consent_row (void)
{
  g_autoptr(GtkWidget) row = g_object_ref_sink (fp_consent_row_new (FP_PURPOSE_MARKETING));
  g_autoptr(FpConsentPolicy) policy = fp_consent_policy_new ("Test laptop");
  GtkSwitch *sw = row_switch (row);
  guint notified = 0;

  /* A choice: nothing pre-ticked, the explanation as the subtitle, the
   * policy untouched. */
  g_assert_false (fp_consent_row_get_active (FP_CONSENT_ROW (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   fp_purpose_get_title (FP_PURPOSE_MARKETING));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "offers"));
  g_signal_connect (row, "notify::active", G_CALLBACK (notify_cb), &notified);
  gtk_switch_set_active (sw, TRUE);
  g_assert_true (fp_consent_row_get_active (FP_CONSENT_ROW (row)));
  g_assert_cmpuint (notified, ==, 1);
  fp_consent_row_set_active (FP_CONSENT_ROW (row), FALSE);
  g_assert_false (gtk_switch_get_active (sw));

  /* Bound to a policy: a flip changes the policy, and the row says so. */
  fp_consent_row_set_consent_policy (FP_CONSENT_ROW (row), policy);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "not been asked"));
  gtk_switch_set_active (sw, TRUE);
  g_assert_true (fp_consent_policy_allows (policy, FP_PURPOSE_MARKETING));
  g_assert_true (gtk_switch_get_state (sw));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Allowed since"));

  /* A change elsewhere (the bank's records): the switch follows. */
  fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_REVOKED, g_get_real_time ());
  g_assert_false (gtk_switch_get_active (sw));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Not allowed since"));

  /* Another purpose is not this row's business. */
  fp_consent_policy_set (policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, g_get_real_time ());
  g_assert_false (gtk_switch_get_active (sw));

  /* Unbound, it is a choice again, off. */
  gtk_switch_set_active (sw, TRUE);
  fp_consent_row_set_consent_policy (FP_CONSENT_ROW (row), NULL);
  g_assert_false (gtk_switch_get_active (sw));
  g_assert_true (fp_consent_policy_allows (policy, FP_PURPOSE_MARKETING));
}

/* ------------------------------------------------------------------ */
/* Every widget is freed                                               */
/* ------------------------------------------------------------------ */

/* Shows @widget in a window, lets it draw, closes the window and checks
 * that nothing else holds @widget. */
static void
show_and_free (GtkWidget *widget)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *scroller = gtk_scrolled_window_new ();

  g_object_ref_sink (widget);
  gtk_window_set_default_size (window, 640, 480);
  if (GTK_IS_LIST_BOX_ROW (widget))
    {
      GtkWidget *list = gtk_list_box_new ();

      gtk_list_box_append (GTK_LIST_BOX (list), widget);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
    }
  else
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), widget);
  gtk_window_set_child (window, scroller);
  gtk_window_present (window);
  fp_ui_test_spin (100);
  gtk_window_destroy (window);
  fp_ui_test_spin (10);
  g_assert_finalize_object (widget);
}

static void
test_widgets_are_freed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = fp_cache_new_ephemeral (tmp_dir, &error);
  g_autoptr(FpDashboardData) data = NULL;
  FpScenario scenario;
  g_autoptr(FpSimulationResult) result = NULL;
  GtkWidget *widget;

  g_assert_no_error (error);
  fp_test_fill_customer (cache, FP_TEST_SAVER);
  data = fp_dashboard_data_load (cache, 0, 0, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data->dashboard);

  show_and_free (fp_figure_new ("$1.00", NULL, "How."));
  show_and_free (fp_figure_row_new ("Money in", "Caption", fp_figure_new ("$1.00", NULL, NULL)));
  show_and_free (fp_card_new ("Title", "How."));
  show_and_free (fp_consent_row_new (FP_PURPOSE_GENAI));
  show_and_free (new_bar_chart ());
  show_and_free (new_forecast_chart ());
  show_and_free (new_fan_chart ());

  widget = fp_balances_card_new ();
  fp_balances_card_set_dashboard (FP_BALANCES_CARD (widget), data);
  /* A second computation replaces the first. */
  fp_balances_card_set_dashboard (FP_BALANCES_CARD (widget), data);
  show_and_free (widget);
  widget = fp_recent_card_new ();
  fp_recent_card_set_dashboard (FP_RECENT_CARD (widget), data);
  show_and_free (widget);
  show_and_free (fp_consent_off_card_new ());
  widget = fp_forecast_card_new ();
  fp_forecast_card_set_dashboard (FP_FORECAST_CARD (widget), data);
  show_and_free (widget);
  widget = fp_health_card_new ();
  fp_health_card_set_dashboard (FP_HEALTH_CARD (widget), data);
  g_assert_cmpint (fp_health_card_get_score (FP_HEALTH_CARD (widget)), ==,
                   fp_dashboard_get_health_score (data->dashboard));
  show_and_free (widget);
  widget = fp_alerts_card_new ();
  fp_alerts_card_set_dashboard (FP_ALERTS_CARD (widget), data);
  show_and_free (widget);
  widget = fp_spending_card_new ();
  fp_spending_card_set_dashboard (FP_SPENDING_CARD (widget), data);
  show_and_free (widget);
  widget = fp_trend_card_new ();
  fp_trend_card_set_dashboard (FP_TREND_CARD (widget), data);
  show_and_free (widget);
  widget = fp_upcoming_card_new ();
  fp_upcoming_card_set_dashboard (FP_UPCOMING_CARD (widget), data);
  show_and_free (widget);
  widget = fp_recommendations_card_new ();
  fp_recommendations_card_set_dashboard (FP_RECOMMENDATIONS_CARD (widget), data);
  show_and_free (widget);
  widget = fp_segment_card_new ();
  fp_segment_card_set_dashboard (FP_SEGMENT_CARD (widget), data);
  show_and_free (widget);

  show_and_free (fp_change_editor_new ());
  show_and_free (fp_starting_point_new ());
  show_and_free (fp_goal_editor_new ());
  widget = fp_life_events_new ();
  fp_life_events_add (FP_LIFE_EVENTS (widget), FP_SIM_EVENT_HOME_PURCHASE, 3, 50000, 25);
  fp_life_events_add (FP_LIFE_EVENTS (widget), FP_SIM_EVENT_CHILD, 2, 600, 18);
  show_and_free (widget);
  show_and_free (fp_goal_card_new ("Retire on Time"));
  show_and_free (fp_narrative_new ());
  result = simulate_example (&scenario);
  widget = fp_scenario_comparison_new ();
  fp_scenario_comparison_add (FP_SCENARIO_COMPARISON (widget), fp_saved_scenario_card_new (1, &scenario, result));
  show_and_free (widget);

  fp_cache_close (cache);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  fp_ui_test_init (&argc, &argv);

  tmp_dir = g_dir_make_tmp ("fp-widgets-test-XXXXXX", &error);
  g_assert_no_error (error);
  shot_dir = g_test_build_filename (G_TEST_BUILT, "ui", "widgets-screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (shot_dir, 0755), ==, 0);

  g_test_add_func ("/widgets/chart-kit/nice-step", test_nice_step);
  g_test_add_func ("/widgets/chart-kit/frame", test_frame);
  g_test_add_func ("/widgets/chart-kit/description", test_description);
  g_test_add_func ("/widgets/chart-kit/palette", test_palette);
  g_test_add_func ("/widgets/chart-kit/ink", test_ink);
  g_test_add_func ("/widgets/chart-kit/lanes", test_lanes);
  g_test_add_func ("/widgets/chart-kit/styles", test_chart_styles);
  g_test_add_func ("/widgets/figure", test_figure);
  g_test_add_func ("/widgets/card", test_card);
  g_test_add_func ("/widgets/consent-row", test_consent_row);
  g_test_add_func ("/widgets/freed", test_widgets_are_freed);

  ret = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  g_free (shot_dir);
  return ret;
}
