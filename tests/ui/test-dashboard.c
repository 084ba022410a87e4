/* test-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dashboard page with three very different synthetic customers in an
 * ephemeral cache: the states it shows (score, personalization off, empty),
 * how fresh the figures are (data that stops is said, never zero spending),
 * too little data (a reason and a day instead of a score), alerts that
 * explain themselves and offer answers, recommendations that link to
 * their transactions, and screenshots of each at 360×640 and 1280×800,
 * light and dark, saved in the build directory
 * (tests/ui/dashboard-screenshots) to be looked at.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fp-bar-chart.h"
#include "fp-consent.h"
#include "fp-dashboard-page.h"
#include "fp-dashboard-test-customers.h"
#include "fp-explanation-popover.h"
#include "fp-forecast-chart.h"
#include "fp-ui-test.h"

static char *tmp_dir;
static char *shot_dir;

typedef struct {
  GtkWidget *window;
  FpDashboardPage *page;
  gboolean updated;
} Shown;

static void
updated_cb (FpDashboardPage *page,
            Shown           *shown)
{
  shown->updated = TRUE;
}

static FpCache *
new_cache (int customer)
{
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_new_ephemeral (tmp_dir, &error);

  g_assert_no_error (error);
  if (customer >= 0)
    fp_test_fill_customer (cache, (FpTestCustomer) customer);
  return cache;
}

static FpConsentPolicy *
granted_policy (void)
{
  FpConsentPolicy *policy = fp_consent_policy_new ("test-device");

  fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, g_get_real_time ());
  return policy;
}

static void
show (Shown           *shown,
      FpCache         *cache,
      FpConsentPolicy *policy,
      int              width,
      int              height)
{
  shown->updated = FALSE;
  shown->window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (shown->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (shown->window), width, height);
  shown->page = FP_DASHBOARD_PAGE (fp_dashboard_page_new ());
  fp_dashboard_page_set_narrow (shown->page, width < 720);
  g_signal_connect (shown->page, "updated", G_CALLBACK (updated_cb), shown);
  gtk_window_set_child (GTK_WINDOW (shown->window), GTK_WIDGET (shown->page));
  fp_dashboard_page_set_consent_policy (shown->page, policy);
  fp_dashboard_page_set_cache (shown->page, cache);
  if (cache == NULL)
    fp_dashboard_page_refresh (shown->page);
  gtk_window_present (GTK_WINDOW (shown->window));
  fp_ui_test_wait (&shown->updated);
  /* Let it map, lay out and draw. */
  {
    gint64 deadline = fp_ui_test_deadline (30);

    while (gtk_widget_get_width (shown->window) <= 0 || !gtk_widget_get_mapped (GTK_WIDGET (shown->page)))
      {
        g_main_context_iteration (NULL, FALSE);
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      }
  }
  fp_ui_test_spin (400);
}

static void
hide (Shown *shown)
{
  gtk_window_destroy (GTK_WINDOW (shown->window));
  fp_ui_test_spin (50);
}

/* Renders @widget (the window, or the whole scrolled content over the
 * window's background color) into a PNG, as src/ui/fp-screenshot.c does. */
static void
save_shot (GtkWidget     *window,
           GtkWidget     *widget,
           const GdkRGBA *background,
           const char    *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (shot_dir, file, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  gint64 deadline = fp_ui_test_deadline (30);
  int width = 0, height = 0;

  g_assert_nonnull (renderer);
  /* A loaded machine (the sanitizer build beside other jobs) may not have
   * drawn the widget yet: let frames pass until it has something to show. */
  while (node == NULL)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      if (width > 0 && height > 0 && gtk_widget_get_mapped (widget))
        {
          if (background != NULL)
            gtk_snapshot_append_color (snapshot, background, &GRAPHENE_RECT_INIT (0, 0, width, height));
          gdk_paintable_snapshot (paintable, snapshot, width, height);
        }
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          fp_ui_test_spin (20);
        }
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s (%d×%d)", path, width, height);
}

/* Depth-first search for a widget. */
static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_action_button (GtkWidget    *widget,
                  gconstpointer action)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_type (GtkWidget    *widget,
         gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type)) && gtk_widget_get_mapped (widget);
}

static gboolean
is_menu_button (GtkWidget    *widget,
                gconstpointer data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)) != NULL;
}

/* Every label the page shows, one a line: what a person reads. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

static char *
page_text (FpDashboardPage *page)
{
  GString *out = g_string_new (NULL);

  collect_text (GTK_WIDGET (page), out);
  return g_string_free (out, FALSE);
}

static void
assert_has (const char *text,
            const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not on the page:\n%s", part, text);
}

static void
assert_has_not (const char *text,
                const char *part)
{
  if (strstr (text, part) != NULL)
    g_error ("“%s” is on the page:\n%s", part, text);
}

static gboolean
is_named (GtkWidget    *widget,
          gconstpointer name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0 && gtk_widget_get_mapped (widget);
}

static void
test_states (void)
{
  g_autoptr(FpCache) saver = new_cache (FP_TEST_SAVER);
  g_autoptr(FpCache) debt = new_cache (FP_TEST_IN_DEBT);
  g_autoptr(FpCache) fresh = new_cache (FP_TEST_NEW_CUSTOMER);
  g_autoptr(FpCache) empty = new_cache (-1);
  g_autoptr(FpConsentPolicy) policy = granted_policy ();
  g_autoptr(FpConsentPolicy) revoked = fp_consent_policy_new ("test-device");
  Shown shown;
  int saver_score, debt_score;

  /* A saver: the whole dashboard, a score, a forecast chart. */
  show (&shown, saver, policy, 1280, 800);
  g_assert_cmpstr (fp_dashboard_page_get_state (shown.page), ==, "content");
  saver_score = fp_dashboard_page_get_health_score (shown.page);
  g_assert_cmpint (saver_score, >=, 0);
  g_assert_cmpint (saver_score, <=, 100);
  {
    GtkWidget *chart = find_widget (GTK_WIDGET (shown.page), is_type, GSIZE_TO_POINTER (FP_TYPE_FORECAST_CHART));
    GtkWidget *bars = find_widget (GTK_WIDGET (shown.page), is_type, GSIZE_TO_POINTER (FP_TYPE_BAR_CHART));
    GtkWidget *figure = find_widget (GTK_WIDGET (shown.page), is_menu_button, NULL);

    g_assert_nonnull (chart);
    g_assert_nonnull (bars);
    g_assert_nonnull (fp_forecast_chart_get_summary (FP_FORECAST_CHART (chart)));
    g_assert_true (g_str_has_prefix (fp_forecast_chart_get_summary (FP_FORECAST_CHART (chart)),
                                     "Balance forecast for 90 days"));
    g_assert_nonnull (strstr (fp_bar_chart_get_summary (FP_BAR_CHART (bars)), "$"));
    /* Figures open their explanation. */
    g_assert_nonnull (figure);
    gtk_widget_grab_focus (figure);
    gtk_menu_button_popup (GTK_MENU_BUTTON (figure));
    fp_ui_test_spin (100);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (figure)))));
    gtk_menu_button_popdown (GTK_MENU_BUTTON (figure));
  }
  g_assert_null (find_widget (GTK_WIDGET (shown.page), is_action_button, "win.show-page"));
  hide (&shown);

  /* In debt: a lower score. */
  show (&shown, debt, policy, 1280, 800);
  g_assert_cmpstr (fp_dashboard_page_get_state (shown.page), ==, "content");
  debt_score = fp_dashboard_page_get_health_score (shown.page);
  g_assert_cmpint (debt_score, >=, 0);
  g_assert_cmpint (debt_score, <, saver_score);
  hide (&shown);

  /* One month of history: still a dashboard, but no score yet (the engine
   * needs 60 days of history). */
  show (&shown, fresh, policy, 360, 640);
  g_assert_cmpstr (fp_dashboard_page_get_state (shown.page), ==, "content");
  g_assert_cmpint (fp_dashboard_page_get_health_score (shown.page), ==, -1);
  hide (&shown);

  /* Without consent (no policy, or revoked): balances and totals, and the
   * way to the Privacy page; no score. */
  show (&shown, saver, NULL, 1280, 800);
  g_assert_cmpstr (fp_dashboard_page_get_state (shown.page), ==, "content");
  g_assert_cmpint (fp_dashboard_page_get_health_score (shown.page), ==, -1);
  g_assert_nonnull (find_widget (GTK_WIDGET (shown.page), is_action_button, "win.show-page"));
  g_assert_null (find_widget (GTK_WIDGET (shown.page), is_type, GSIZE_TO_POINTER (FP_TYPE_FORECAST_CHART)));

  /* Granting it recomputes at once. */
  shown.updated = FALSE;
  fp_dashboard_page_set_consent_policy (shown.page, revoked);
  fp_ui_test_wait (&shown.updated);
  g_assert_cmpint (fp_dashboard_page_get_health_score (shown.page), ==, -1);
  shown.updated = FALSE;
  fp_consent_policy_set (revoked, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, g_get_real_time ());
  fp_ui_test_wait (&shown.updated);
  g_assert_cmpint (fp_dashboard_page_get_health_score (shown.page), ==, saver_score);
  hide (&shown);

  /* No cache, or a cache without data: the empty state. */
  show (&shown, NULL, policy, 360, 640);
  g_assert_cmpstr (fp_dashboard_page_get_state (shown.page), ==, "empty");
  hide (&shown);
  show (&shown, empty, policy, 360, 640);
  g_assert_cmpstr (fp_dashboard_page_get_state (shown.page), ==, "empty");
  hide (&shown);

  fp_cache_close (saver);
  fp_cache_close (debt);
  fp_cache_close (fresh);
  fp_cache_close (empty);
}

/* A notification server on the private session bus, recording what it
 * is asked to show. */
static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "</interface></node>";

static void
notifications_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *path,
                    const char            *interface,
                    const char            *method,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  GPtrArray *received = user_data;

  if (g_str_equal (method, "Notify"))
    {
      const char *summary, *body;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (received, g_strdup_printf ("%s|%s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", received->len));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(['body'],)"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* New fraud alerts are notified once, without the merchant: the ids sent
 * are remembered in the cache's derived data, and a second computation
 * sends nothing new. */
static void
test_notifications (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_call, NULL, NULL, { 0 } };
  g_autoptr(GPtrArray) received = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  gboolean owned = FALSE;
  guint owner_id, object_id;
  g_autoptr(FpCache) cache = new_cache (FP_TEST_SAVER);
  g_autoptr(FpConsentPolicy) policy = granted_policy ();
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.finpersona.FinPersona.DashboardTest",
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  Shown shown = { 0 };

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  node = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", node->interfaces[0],
                                                 &vtable, received, NULL, &error);
  g_assert_no_error (error);
  owner_id = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                           name_acquired_cb, NULL, &owned, NULL);
  fp_ui_test_wait (&owned);

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  shown.window = gtk_application_window_new (app);
  shown.page = FP_DASHBOARD_PAGE (fp_dashboard_page_new ());
  g_signal_connect (shown.page, "updated", G_CALLBACK (updated_cb), &shown);
  gtk_window_set_child (GTK_WINDOW (shown.window), GTK_WIDGET (shown.page));
  fp_dashboard_page_set_consent_policy (shown.page, policy);
  fp_dashboard_page_set_cache (shown.page, cache);
  fp_ui_test_wait (&shown.updated);

  first = fp_cache_get_derived (cache, FP_CACHE_INSIGHTS, "dashboard-notifications-sent", &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  /* The fraud of two days ago, by its transaction id only (no merchant). */
  g_assert_nonnull (strstr (first, "\"fraud-"));
  g_assert_null (strstr (first, "Electro"));
  {
    gint64 deadline = fp_ui_test_deadline (30);

    while (received->len == 0)
      {
        g_main_context_iteration (NULL, FALSE);
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      }
  }
  g_assert_cmpuint (received->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (received, 0), ==,
                   "Payment flagged as fraud|A payment of $489.99 on your card was flagged as fraud. "
                   "Open FinPersona to review it.");

  /* As the window does after a sync. */
  shown.updated = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown.page), "page.refresh", NULL));
  fp_ui_test_wait (&shown.updated);
  second = fp_cache_get_derived (cache, FP_CACHE_INSIGHTS, "dashboard-notifications-sent", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, first);
  fp_ui_test_spin (200);
  g_assert_cmpuint (received->len, ==, 1);

  gtk_window_destroy (GTK_WINDOW (shown.window));
  fp_ui_test_spin (50);
  fp_cache_close (cache);
  g_bus_unown_name (owner_id);
  g_dbus_connection_unregister_object (bus, object_id);
}

/* Data that stops three weeks before today: the page says so and shows
 * the figures as of that day, never a month without spending. */
static void
test_freshness (void)
{
  g_autoptr(FpCache) saver = new_cache (FP_TEST_SAVER);
  g_autoptr(FpConsentPolicy) policy = granted_policy ();
  g_autofree char *fresh = NULL;
  g_autofree char *stale = NULL;
  Shown shown;

  /* Today is the day of the last transactions: fresh. */
  show (&shown, saver, policy, 1280, 800);
  fresh = page_text (shown.page);
  assert_has (fresh, "Last updated from your bank just now.");
  assert_has (fresh, "Last 30 Days");
  assert_has_not (fresh, "No transactions since");
  hide (&shown);

  /* Three weeks later, without a sync that brought anything. */
  g_setenv ("FP_TODAY", "2026-12-07", TRUE);
  show (&shown, saver, policy, 1280, 800);
  stale = page_text (shown.page);
  g_test_message ("%s", stale);
  assert_has (stale, "No transactions since 15 November 2026");
  assert_has (stale, "Last updated from your bank");
  /* The 30 days are those up to the last transaction, and say so. */
  assert_has_not (stale, "Last 30 Days");
  assert_has (stale, "30 Days to 15 November");
  assert_has (stale, "From 17 October 2026 to 15 November 2026");
  /* The last complete month, and November marked as the part it is;
   * nothing of December. */
  assert_has (stale, "Spent in October 2026");
  assert_has (stale, "* 1 to 15 November 2026 only.");
  assert_has_not (stale, "No spending");
  {
    GtkWidget *trend = find_widget (GTK_WIDGET (shown.page), is_named, "partial-note");
    GtkWidget *bars = NULL;

    g_assert_nonnull (trend);
    for (GtkWidget *w = find_widget (GTK_WIDGET (shown.page), is_type, GSIZE_TO_POINTER (FP_TYPE_BAR_CHART));
         w != NULL; w = NULL)
      bars = w;
    g_assert_nonnull (bars);
  }
  hide (&shown);
  g_setenv ("FP_TODAY", "2026-11-15", TRUE);
  fp_cache_close (saver);
}

/* One month of history: no score, no band, no segment; each says what is
 * missing and when it appears, never "-1 / 100". */
static void
test_too_little_data (void)
{
  g_autoptr(FpCache) fresh = new_cache (FP_TEST_NEW_CUSTOMER);
  g_autoptr(FpConsentPolicy) policy = granted_policy ();
  g_autofree char *text = NULL;
  Shown shown;

  show (&shown, fresh, policy, 360, 640);
  text = page_text (shown.page);
  g_assert_cmpint (fp_dashboard_page_get_health_score (shown.page), ==, -1);
  assert_has_not (text, "/ 100");
  assert_has_not (text, "-1");
  assert_has (text, "No score yet");
  assert_has (text, "Needs 60 days of history; it appears on 16 December 2026.");
  assert_has (text, "No range around the line yet.");
  assert_has (text, "Not compared yet");
  hide (&shown);
  fp_cache_close (fresh);
}

/* An alert names the merchant, says why in a sentence, opens the
 * statistics behind it, and offers the answers (which need the session:
 * test-first-run.c gives them). */
static void
test_alerts_explained (void)
{
  g_autoptr(FpCache) saver = new_cache (FP_TEST_SAVER);
  g_autoptr(FpConsentPolicy) policy = granted_policy ();
  g_autofree char *text = NULL;
  GtkWidget *why, *popover, *verdicts, *freeze;
  Shown shown;

  show (&shown, saver, policy, 1280, 800);
  text = page_text (shown.page);
  assert_has (text, "Electro Outlet · 13 Nov 2026");
  assert_has (text, "Why am I seeing this?");

  why = find_widget (GTK_WIDGET (shown.page), is_named, "why-button");
  g_assert_nonnull (why);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (why)));
  g_assert_true (FP_IS_EXPLANATION_POPOVER (popover));
  g_assert_cmpstr (fp_explanation_popover_get_heading (FP_EXPLANATION_POPOVER (popover)), ==,
                   "Why am I seeing this?");
  g_test_message ("why: %s", fp_explanation_popover_get_explanation (FP_EXPLANATION_POPOVER (popover)));
  g_assert_cmpstr (fp_explanation_popover_get_explanation (FP_EXPLANATION_POPOVER (popover)), !=, "");
  gtk_widget_grab_focus (why);
  gtk_menu_button_popup (GTK_MENU_BUTTON (why));
  fp_ui_test_spin (100);
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (why));

  /* The fraud alert offers the answers and to freeze the card; without a
   * session they cannot be sent. */
  verdicts = find_widget (GTK_WIDGET (shown.page), is_named, "verdict-buttons");
  g_assert_nonnull (verdicts);
  g_assert_false (gtk_widget_is_sensitive (gtk_widget_get_first_child (verdicts)));
  assert_has (text, "This Was Me");
  assert_has (text, "Not Me");
  freeze = find_widget (GTK_WIDGET (shown.page), is_named, "freeze-button");
  g_assert_null (freeze); /* the test customers' payments have no card */
  hide (&shown);
  fp_cache_close (saver);
}

static void
show_transactions_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GPtrArray *targets = user_data;

  g_ptr_array_add (targets, g_variant_print (parameter, FALSE));
}

/* A recommendation links to the transactions behind it: the window's
 * win.show-transactions with the category, merchant, account and days. */
static void
test_recommendation_link (void)
{
  g_autoptr(FpCache) debt = new_cache (FP_TEST_IN_DEBT);
  g_autoptr(FpConsentPolicy) policy = granted_policy ();
  g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-transactions", G_VARIANT_TYPE ("(sssii)"));
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  GtkWidget *link;
  Shown shown;

  g_signal_connect (action, "activate", G_CALLBACK (show_transactions_cb), targets);
  g_action_map_add_action (G_ACTION_MAP (win), G_ACTION (action));

  show (&shown, debt, policy, 1280, 800);
  gtk_widget_insert_action_group (shown.window, "win", G_ACTION_GROUP (win));
  fp_ui_test_spin (50);
  link = find_widget (GTK_WIDGET (shown.page), is_named, "transactions-link");
  g_assert_nonnull (link);
  g_assert_true (gtk_widget_is_sensitive (link));
  g_signal_emit_by_name (link, "clicked");
  g_assert_cmpuint (targets->len, ==, 1);
  g_ptr_array_add (targets, NULL);
  joined = g_strjoinv ("\n", (char **) targets->pdata);
  g_test_message ("%s", joined);
  /* The first advice: Dining above the customer's own average; its link
   * is the category over the days it was measured on, up to the newest
   * transaction. */
  g_assert_true (g_str_has_prefix (joined, "('', '', 'dining', 2026"));
  g_assert_true (g_str_has_suffix (joined, ", 20261115)"));
  hide (&shown);
  fp_cache_close (debt);
}

static void
test_screenshots (void)
{
  static const struct { const char *name; int customer; gboolean consent; } states[] = {
    { "saver", FP_TEST_SAVER, TRUE },
    { "in-debt", FP_TEST_IN_DEBT, TRUE },
    { "new-customer", FP_TEST_NEW_CUSTOMER, TRUE },
    { "no-consent", FP_TEST_SAVER, FALSE },
    { "empty", -2, TRUE },
  };
  static const struct { int width, height; const char *name; } sizes[] = {
    { 360, 640, "360x640" },
    { 1280, 800, "1280x800" },
  };
  g_autoptr(FpConsentPolicy) policy = granted_policy ();
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint s = 0; s < G_N_ELEMENTS (states); s++)
    {
      g_autoptr(FpCache) cache = states[s].customer >= 0 ? new_cache (states[s].customer) : NULL;

      for (guint dark = 0; dark < 2; dark++)
        {
          adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                          : ADW_COLOR_SCHEME_FORCE_LIGHT);
          for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
            {
              g_autofree char *name = g_strdup_printf ("dashboard-%s-%s-%s", states[s].name, sizes[z].name,
                                                       dark ? "dark" : "light");
              Shown shown;

              GtkWidget *scroller;

              show (&shown, cache, states[s].consent ? policy : NULL, sizes[z].width, sizes[z].height);
              save_shot (shown.window, shown.window, NULL, name);

              /* The whole scrolled page, for review. */
              scroller = find_widget (GTK_WIDGET (shown.page), is_type, GSIZE_TO_POINTER (GTK_TYPE_SCROLLED_WINDOW));
              if (scroller != NULL && g_strcmp0 (fp_dashboard_page_get_state (shown.page), "content") == 0)
                {
                  GtkWidget *content = gtk_widget_get_first_child (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)));
                  g_autofree char *full = g_strconcat (name, "-full", NULL);
                  GdkRGBA bg;

                  gdk_rgba_parse (&bg, dark ? "#242424" : "#fafafa");
                  save_shot (shown.window, content, &bg, full);
                }
              hide (&shown);
            }
        }
      if (cache != NULL)
        fp_cache_close (cache);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  fp_ui_test_init (&argc, &argv);
  /* The test customers' "today" (tests/fp-dashboard-test-customers.h). */
  g_setenv ("FP_TODAY", "2026-11-15", TRUE);

  tmp_dir = g_dir_make_tmp ("fp-dashboard-test-XXXXXX", &error);
  g_assert_no_error (error);
  shot_dir = g_test_build_filename (G_TEST_BUILT, "ui", "dashboard-screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (shot_dir, 0755), ==, 0);

  g_test_add_func ("/dashboard/states", test_states);
  g_test_add_func ("/dashboard/notifications", test_notifications);
  g_test_add_func ("/dashboard/freshness", test_freshness);
  g_test_add_func ("/dashboard/too-little-data", test_too_little_data);
  g_test_add_func ("/dashboard/alerts-explained", test_alerts_explained);
  g_test_add_func ("/dashboard/recommendation-link", test_recommendation_link);
  g_test_add_func ("/dashboard/screenshots", test_screenshots);

  ret = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  g_free (shot_dir);
  return ret;
}
