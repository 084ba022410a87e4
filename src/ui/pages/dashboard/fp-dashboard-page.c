/* fp-dashboard-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The personalized dashboard: cards for the balances, the forecast, the
 * health score and its plan, alerts, spending, the monthly trend, upcoming
 * payments, recommendations and the customer's segment. Everything is
 * computed in a worker thread (GTask) from the encrypted cache; every
 * figure is a button that opens how it was computed. Without the consent
 * to personalization only the balances and the totals of the last 30 days
 * are shown, with the way to change it.
 */

#define G_LOG_DOMAIN "fp-dashboard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-bar-chart.h"
#include "fp-cli-insights.h"
#include "fp-dashboard-page.h"
#include "fp-forecast-chart.h"
#include "fp-money.h"

#define NOTIFIED_KEY "dashboard-notifications-sent"
#define MAX_NOTIFIED 500
#define UPCOMING_DAYS 30
#define MAX_ROWS 6
#define MAX_CATEGORIES 8

struct _FpDashboardPage {
  AdwBin parent_instance;

  GtkStack *stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkSpinner *spinner;
  GtkBox *columns;
  GtkBox *column1;
  GtkBox *column2;

  FpCache *cache;
  FpConsentPolicy *policy;
  gulong policy_handler;
  gboolean narrow;

  GCancellable *cancellable;
  FpDashboardData *data;
  GPtrArray *cards;
  FpForecastChart *forecast_chart;
  int health_score;
};

G_DEFINE_FINAL_TYPE (FpDashboardPage, fp_dashboard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CACHE,
  PROP_CONSENT_POLICY,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Worker thread */

typedef struct {
  char *id;
  char *title;
  char *body;
} Notice;

static void
notice_free (Notice *n)
{
  g_free (n->id);
  g_free (n->title);
  g_free (n->body);
  g_free (n);
}

typedef struct {
  FpCache *cache;
  gboolean personalized;
  gboolean notify;
} Job;

typedef struct {
  FpDashboardData *data;
  GPtrArray *notices;
} JobResult;

static void
job_free (Job *job)
{
  g_clear_object (&job->cache);
  g_free (job);
}

static void
job_result_free (JobResult *r)
{
  g_clear_pointer (&r->data, fp_dashboard_data_free);
  g_clear_pointer (&r->notices, g_ptr_array_unref);
  g_free (r);
}

static void
add_notice (GPtrArray  *notices,
            GHashTable *sent,
            GPtrArray  *order,
            char       *id,
            char       *title,
            char       *body)
{
  Notice *n;

  if (g_hash_table_contains (sent, id))
    {
      g_free (id);
      g_free (title);
      g_free (body);
      return;
    }
  n = g_new0 (Notice, 1);
  n->id = id;
  n->title = title;
  n->body = body;
  g_ptr_array_add (order, g_strdup (id));
  g_hash_table_add (sent, g_strdup (id));
  g_ptr_array_add (notices, n);
}

/* New fraud alerts and payments due tomorrow, each only once: the ids sent
 * are remembered in the cache's derived data (dropped with the consent). */
static GPtrArray *
collect_notices (FpCache               *cache,
                 const FpDashboardData *data)
{
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func ((GDestroyNotify) notice_free);
  g_autoptr(GHashTable) sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *json = fp_cache_get_derived (cache, FP_CACHE_INSIGHTS, NOTIFIED_KEY, NULL);
  const FpAnomaly *anomalies;
  const FpRecurring *recurring;
  gsize n_anomalies, n_recurring;
  gint32 today = data->input->today;

  if (json != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      JsonNode *root;

      if (json_parser_load_from_data (parser, json, -1, NULL) &&
          (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
        {
          JsonArray *a = json_node_get_array (root);

          for (guint i = 0; i < json_array_get_length (a); i++)
            {
              const char *id = json_array_get_string_element (a, i);

              if (id != NULL && !g_hash_table_contains (sent, id))
                {
                  g_hash_table_add (sent, g_strdup (id));
                  g_ptr_array_add (order, g_strdup (id));
                }
            }
        }
    }

  anomalies = fp_dashboard_get_anomalies (data->dashboard, &n_anomalies);
  for (gsize i = 0; i < n_anomalies; i++)
    {
      const FpAnomaly *a = &anomalies[i];
      g_autofree char *amount = NULL;

      if (a->kind != FP_ANOMALY_FRAUD && a->kind != FP_ANOMALY_CARD_COMPROMISED)
        continue;
      /* Only recent ones: an old flag found in a first sync is no news. */
      if (a->day < today - 7)
        continue;
      amount = fp_money_format (a->amount_minor < 0 ? -a->amount_minor : a->amount_minor,
                                data->input->currency);
      add_notice (notices, sent, order,
                  g_strdup_printf ("fraud-%" G_GINT64_FORMAT, a->txn_id),
                  g_strdup (a->kind == FP_ANOMALY_FRAUD ? _("Payment flagged as fraud")
                                                        : _("Payment with a compromised card")),
                  g_strdup_printf (a->kind == FP_ANOMALY_FRAUD
                                   ? _("A payment of %s on your card was flagged as fraud. Open FinPersona to review it.")
                                   : _("A payment of %s was made with a card reported compromised. Open FinPersona to review it."),
                                   amount));
    }

  recurring = fp_dashboard_get_recurring (data->dashboard, &n_recurring);
  for (gsize i = 0; i < n_recurring; i++)
    {
      const FpRecurring *r = &recurring[i];
      g_autofree char *amount = NULL;

      if (r->is_income || r->next_day != today + 1)
        continue;
      amount = fp_money_format (r->next_amount_minor < 0 ? -r->next_amount_minor : r->next_amount_minor,
                                data->input->currency);
      add_notice (notices, sent, order,
                  g_strdup_printf ("due-%u-%d", r->merchant_id, r->next_day),
                  g_strdup (_("Payment due tomorrow")),
                  g_strdup_printf (_("A regular payment of about %s is expected tomorrow."), amount));
    }

  if (notices->len > 0)
    {
      g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;
      guint start = order->len > MAX_NOTIFIED ? order->len - MAX_NOTIFIED : 0;

      json_builder_begin_array (b);
      for (guint i = start; i < order->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (order, i));
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      text = json_generator_to_data (gen, NULL);
      if (!fp_cache_put_derived (cache, FP_CACHE_INSIGHTS, NOTIFIED_KEY, text, NULL))
        g_debug ("Could not remember the notifications sent");
    }

  return g_steal_pointer (&notices);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  JobResult *result;
  FpDashboardData *data;

  data = fp_dashboard_data_load (job->cache, 0, 0, job->personalized, cancellable, &error);
  if (data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (JobResult, 1);
  result->data = data;
  if (job->notify && data->dashboard != NULL)
    result->notices = collect_notices (job->cache, data);
  g_task_return_pointer (task, result, (GDestroyNotify) job_result_free);
}

/* Widgets */

static GtkWidget *
explanation_popover (const char *explanation)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("How this was computed"));
  GtkWidget *label = gtk_label_new (explanation);

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), label);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

/* A figure: a flat button that opens its explanation (keyboard: Tab, then
 * Space or Enter). */
static GtkWidget *
figure_new (const char *text,
            const char *css_class,
            const char *explanation)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  if (explanation == NULL || *explanation == '\0')
    return label;

  {
    GtkWidget *button = gtk_menu_button_new ();

    gtk_menu_button_set_child (GTK_MENU_BUTTON (button), label);
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), explanation_popover (explanation));
    gtk_widget_add_css_class (button, "flat");
    gtk_widget_add_css_class (button, "fp-figure");
    gtk_widget_set_tooltip_text (button, _("How this was computed"));
    gtk_widget_set_halign (button, GTK_ALIGN_START);
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, explanation,
                                    -1);
    return button;
  }
}

static GtkWidget *
label_new (const char *text,
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

/* A card: a title, an optional explanation button, a body. */
static GtkWidget *
card_new (const char  *title,
          const char  *explanation,
          GtkWidget  **out_body)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading = label_new (title, "heading");
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "fp-dashboard-card");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_widget_set_valign (heading, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (header, -1, 34);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (header), heading);

  if (explanation != NULL && *explanation != '\0')
    {
      GtkWidget *info = gtk_menu_button_new ();

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (info), "help-about-symbolic");
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (info), explanation_popover (explanation));
      gtk_widget_add_css_class (info, "flat");
      gtk_widget_add_css_class (info, "circular");
      gtk_widget_set_valign (info, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (info, _("How this was computed"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (info),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("How this was computed"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, explanation,
                                      -1);
      gtk_box_append (GTK_BOX (header), info);
    }

  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_widget_set_margin_bottom (body, 12);
  gtk_box_append (GTK_BOX (card), header);
  gtk_box_append (GTK_BOX (card), body);
  *out_body = body;
  return card;
}

/* A line of a card: a text (and a caption under it) and a figure. */
static void
append_row (GtkWidget  *body,
            const char *text,
            const char *caption,
            GtkWidget  *figure)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), label_new (text, NULL));
  if (caption != NULL)
    gtk_box_append (GTK_BOX (texts), label_new (caption, "caption"));
  if (caption != NULL)
    gtk_widget_add_css_class (gtk_widget_get_last_child (texts), "dim-label");
  gtk_box_append (GTK_BOX (row), texts);
  if (figure != NULL)
    {
      gtk_widget_set_valign (figure, GTK_ALIGN_CENTER);
      gtk_widget_set_halign (figure, GTK_ALIGN_END);
      gtk_box_append (GTK_BOX (row), figure);
    }
  gtk_box_append (GTK_BOX (body), row);
}

static char *
money (const FpDashboardPage *self,
       gint64                 minor)
{
  return fp_money_format (minor, self->data->input->currency);
}

static char *
format_day (gint32      day,
            const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) day * 86400);
  char *text = g_date_time_format (dt, format);

  return g_strstrip (text);
}

static const char *
account_kind_name (FpAccountKind kind)
{
  switch (kind)
    {
    case FP_ACCOUNT_CURRENT: return _("Current account");
    case FP_ACCOUNT_SAVINGS: return _("Savings");
    case FP_ACCOUNT_CREDIT_CARD: return _("Credit card");
    case FP_ACCOUNT_LOAN: return _("Loan");
    case FP_ACCOUNT_INVESTMENT: return _("Investments");
    default: return "";
    }
}

static void
add_card (FpDashboardPage *self,
          GtkWidget       *card,
          int              column)
{
  g_object_set_data (G_OBJECT (card), "fp-column", GINT_TO_POINTER (column));
  g_ptr_array_add (self->cards, g_object_ref_sink (card));
}

static void
layout_cards (FpDashboardPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->column1))) != NULL)
    gtk_box_remove (self->column1, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->column2))) != NULL)
    gtk_box_remove (self->column2, child);

  for (guint i = 0; i < self->cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (self->cards, i);
      int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (card), "fp-column"));

      gtk_box_append (self->narrow || column == 1 ? self->column1 : self->column2, card);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->column2), !self->narrow);
  gtk_box_set_homogeneous (self->columns, !self->narrow);
}

/* Cards */

static void
build_balances (FpDashboardPage *self)
{
  const FpDashboardData *data = self->data;
  const FpInsightsInput *in = data->input;
  g_autofree char *total = money (self, data->total_balance_minor);
  g_autofree char *fallback = NULL;
  const char *explanation;
  GtkWidget *body, *card;

  fallback = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The sum of the balance the bank reports for your account; "
                                           "money owed counts negative.",
                                           "The sum of the balances the bank reports for your %u accounts; "
                                           "money owed on cards and loans counts negative.",
                                           in->accounts->len),
                              in->accounts->len);
  explanation = data->dashboard != NULL ? fp_dashboard_get_balances_explanation (data->dashboard) : fallback;

  card = card_new (_("Net Worth and Balances"), explanation, &body);
  gtk_box_append (GTK_BOX (body), figure_new (total, "title-1", explanation));

  if (data->dashboard != NULL)
    {
      g_autofree char *liquid = money (self, fp_dashboard_get_liquid (data->dashboard));

      append_row (body, _("Available now"), _("Current and savings accounts"),
                  figure_new (liquid, NULL, explanation));
    }

  for (guint i = 0; i < in->accounts->len; i++)
    {
      const FpAccountSnapshot *a = &g_array_index (in->accounts, FpAccountSnapshot, i);
      g_autofree char *balance = money (self, a->balance_minor);
      g_autofree char *caption = NULL;
      g_autofree char *how = NULL;

      if (a->credit_limit_minor > 0)
        {
          g_autofree char *limit = money (self, a->credit_limit_minor);

          caption = g_strdup_printf (_("%s · limit %s"), account_kind_name (a->kind), limit);
        }
      else
        caption = g_strdup (account_kind_name (a->kind));
      how = g_strdup (_("The balance the bank reported at the last sync, or the sum of the account's "
                        "transactions when the bank sent none."));
      append_row (body, g_ptr_array_index (data->account_names, i), caption,
                  figure_new (balance, NULL, how));
    }

  add_card (self, card, 1);
}

static void
build_recent (FpDashboardPage *self,
              int              column)
{
  const FpDashboardData *data = self->data;
  g_autofree char *in = money (self, data->recent_in_minor);
  g_autofree char *out = money (self, data->recent_out_minor);
  g_autofree char *from = format_day (data->input->today - (gint32) data->recent_days + 1, "%-d %b %Y");
  g_autofree char *to = format_day (data->input->today, "%-d %b %Y");
  g_autofree char *explanation = NULL;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  GtkWidget *body, *card;

  explanation = g_strdup_printf (_("The sums of the %u transactions booked from %s to %s, "
                                   "transfers between your own accounts included."),
                                 (guint) MIN (data->recent_count, G_MAXUINT), from, to);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %u Day", "Last %u Days", data->recent_days),
                           data->recent_days);
  card = card_new (title, explanation, &body);
  append_row (body, _("Money in"), NULL, figure_new (in, "success", explanation));
  append_row (body, _("Money out"), NULL, figure_new (out, NULL, explanation));
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, data->recent_count);
  append_row (body, _("Transactions"), NULL, figure_new (count, NULL, explanation));
  add_card (self, card, column);
}

static void
build_consent (FpDashboardPage *self)
{
  GtkWidget *body, *card, *button;

  card = card_new (_("Personalized Insights Are Off"), NULL, &body);
  gtk_box_append (GTK_BOX (body),
                  label_new (_("Your health score, forecast, spending insights, alerts and recommendations "
                               "are computed on this computer from your transactions, and only with your "
                               "consent to personalization. Until you give it, the dashboard shows your "
                               "balances and totals only."), NULL));
  gtk_box_append (GTK_BOX (body),
                  label_new (_("You can give or withdraw this consent at any time on the Privacy page."),
                             "dim-label"));
  button = gtk_button_new_with_mnemonic (_("_Review Privacy Settings"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-page");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "privacy");
  gtk_box_append (GTK_BOX (body), button);
  add_card (self, card, 2);
}

static void
forecast_days_toggled (GtkToggleButton *button,
                       FpDashboardPage *self)
{
  if (gtk_toggle_button_get_active (button) && self->forecast_chart != NULL)
    fp_forecast_chart_set_days (self->forecast_chart,
                                GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "fp-days")));
}

static void
build_forecast (FpDashboardPage *self)
{
  const FpForecast *f = fp_dashboard_get_forecast (self->data->dashboard);
  GtkWidget *body, *card, *toggles, *b30, *b90, *chart;
  g_autofree char *status = NULL;
  const char *css = "success";

  card = card_new (_("Balance Forecast"), f->explanation, &body);

  if (f->first_risk_day != FP_DAY_NONE)
    {
      g_autofree char *day = format_day (f->first_risk_day, "%-d %B");

      status = g_strdup_printf (_("At risk from %s"), day);
      css = "error";
    }
  else if (f->first_possible_risk_day != FP_DAY_NONE)
    {
      g_autofree char *day = format_day (f->first_possible_risk_day, "%-d %B");

      status = g_strdup_printf (_("Possibly at risk from %s"), day);
      css = "warning";
    }
  else
    status = g_strdup_printf (_("No day at risk in the next %u days"), (guint) FP_FORECAST_DAYS);
  gtk_box_append (GTK_BOX (body), figure_new (status, css, f->explanation));
  gtk_widget_add_css_class (gtk_widget_get_last_child (body), "heading");

  toggles = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (toggles, "linked");
  gtk_widget_set_halign (toggles, GTK_ALIGN_START);
  b30 = gtk_toggle_button_new_with_label (_("30 days"));
  b90 = gtk_toggle_button_new_with_label (_("90 days"));
  g_object_set_data (G_OBJECT (b30), "fp-days", GUINT_TO_POINTER (30));
  g_object_set_data (G_OBJECT (b90), "fp-days", GUINT_TO_POINTER (90));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (b90), GTK_TOGGLE_BUTTON (b30));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (b90), TRUE);
  g_signal_connect (b30, "toggled", G_CALLBACK (forecast_days_toggled), self);
  g_signal_connect (b90, "toggled", G_CALLBACK (forecast_days_toggled), self);
  gtk_box_append (GTK_BOX (toggles), b30);
  gtk_box_append (GTK_BOX (toggles), b90);
  gtk_box_append (GTK_BOX (body), toggles);

  chart = fp_forecast_chart_new ();
  fp_forecast_chart_set_forecast (FP_FORECAST_CHART (chart), f->start_day, f->n_days,
                                  f->expected_minor, f->low_minor, f->high_minor,
                                  f->threshold_minor, f->first_risk_day, self->data->input->currency);
  self->forecast_chart = FP_FORECAST_CHART (chart);
  gtk_box_append (GTK_BOX (body), chart);

  if (f->n_days > 0)
    {
      g_autofree char *start = money (self, f->expected_minor[0]);
      g_autofree char *end = money (self, f->expected_minor[f->n_days - 1]);
      g_autofree char *daily = money (self, ABS (f->daily_discretionary_minor));

      append_row (body, _("Today"), _("Current accounts"), figure_new (start, NULL, f->explanation));
      append_row (body, _("Expected in 90 days"), NULL, figure_new (end, NULL, f->explanation));
      append_row (body, _("Everyday spending per day"), _("Outside regular payments"),
                  figure_new (daily, NULL, f->explanation));
    }
  add_card (self, card, 2);
}

static void
build_health (FpDashboardPage *self)
{
  const FpDashboard *d = self->data->dashboard;
  const FpHealthComponentScore *components;
  const FpHealthAction *const *plan;
  gsize n_components, n_plan;
  int score = fp_dashboard_get_health_score (d);
  g_autoptr(GString) how = g_string_new (NULL);
  g_autofree char *score_text = NULL;
  GtkWidget *body, *card, *grid;

  components = fp_dashboard_get_health_components (d, &n_components);
  plan = fp_dashboard_get_health_plan (d, &n_plan);

  g_string_append_printf (how, _("The score is the sum of the points of its %u components, each weighted by "
                                 "the bank's model:"), (guint) n_components);
  for (gsize i = 0; i < n_components; i++)
    g_string_append_printf (how, i == 0 ? " %s %d/%d" : ", %s %d/%d",
                            components[i].name, components[i].points, components[i].weight);
  g_string_append_printf (how, _(" — %d of 100."), score);

  card = card_new (_("Financial Health"), how->str, &body);
  score_text = g_strdup_printf (_("%d / 100"), score);
  gtk_box_append (GTK_BOX (body), figure_new (score_text, "title-1", how->str));
  self->health_score = score;

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  for (gsize i = 0; i < n_components; i++)
    {
      const FpHealthComponentScore *c = &components[i];
      GtkWidget *name = label_new (c->name, NULL);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (c->weight, 1));
      g_autofree char *points = g_strdup_printf (_("%d of %d"), c->points, c->weight);

      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), c->points);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_size_request (bar, 48, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, c->name, -1);
      gtk_widget_set_hexpand (name, FALSE);
      gtk_grid_attach (GTK_GRID (grid), name, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), bar, 1, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), figure_new (points, NULL, c->explanation), 2, (int) i, 1, 1);
    }
  gtk_box_append (GTK_BOX (body), grid);

  if (n_plan > 0)
    {
      gtk_box_append (GTK_BOX (body), label_new (_("Your plan"), "heading"));
      for (gsize i = 0; i < n_plan && i < MAX_ROWS; i++)
        {
          /* The text already says the points; the figure opens how the
           * component it improves is scored. */
          g_autofree char *points = g_strdup_printf ("+%d", plan[i]->points);
          const char *how_component = NULL;

          for (gsize j = 0; j < n_components; j++)
            if (&components[j].action == plan[i] ||
                g_strcmp0 (components[j].action.text, plan[i]->text) == 0)
              how_component = components[j].explanation;
          append_row (body, plan[i]->text, NULL, figure_new (points, "success", how_component));
        }
    }
  else
    gtk_box_append (GTK_BOX (body), label_new (_("No single step would raise the score now."), "dim-label"));

  add_card (self, card, 1);
}

static int
compare_anomaly (gconstpointer a,
                 gconstpointer b)
{
  const FpAnomaly *x = *(const FpAnomaly *const *) a;
  const FpAnomaly *y = *(const FpAnomaly *const *) b;

  /* Fraud and compromised cards first, then the latest. */
  if ((x->kind <= FP_ANOMALY_CARD_COMPROMISED) != (y->kind <= FP_ANOMALY_CARD_COMPROMISED))
    return x->kind <= FP_ANOMALY_CARD_COMPROMISED ? -1 : 1;
  return (y->day > x->day) - (y->day < x->day);
}

static const char *
anomaly_title (FpAnomalyKind kind)
{
  switch (kind)
    {
    case FP_ANOMALY_FRAUD: return _("Flagged as fraud");
    case FP_ANOMALY_CARD_COMPROMISED: return _("Compromised card");
    case FP_ANOMALY_MERCHANT_OUTLIER: return _("Unusual amount for this merchant");
    case FP_ANOMALY_CATEGORY_OUTLIER: return _("Unusual amount for this category");
    case FP_ANOMALY_DUPLICATE: return _("Possible double charge");
    default: return _("Unusual payment");
    }
}

static void
build_alerts (FpDashboardPage *self)
{
  gsize n;
  const FpAnomaly *anomalies = fp_dashboard_get_anomalies (self->data->dashboard, &n);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GtkWidget *body, *card;

  card = card_new (_("Alerts"),
                   _("Payments the bank flagged as fraud or made with a compromised card, and payments far "
                     "from what is usual for you at the same merchant or in the same category (a robust "
                     "z-score over the last 12 months)."),
                   &body);
  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (sorted, (gpointer) &anomalies[i]);
  g_ptr_array_sort (sorted, compare_anomaly);

  if (n == 0)
    gtk_box_append (GTK_BOX (body), label_new (_("Nothing unusual in your recent payments."), "dim-label"));
  for (guint i = 0; i < sorted->len && i < MAX_ROWS; i++)
    {
      const FpAnomaly *a = g_ptr_array_index (sorted, i);
      const char *merchant = fp_insights_input_merchant_name (a->merchant_id, self->data->input);
      g_autofree char *amount = money (self, a->amount_minor);
      g_autofree char *day = format_day (a->day, "%-d %b %Y");
      g_autofree char *caption = g_strdup_printf ("%s · %s", merchant != NULL ? merchant : _("Unknown merchant"),
                                                  day);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = label_new (anomaly_title (a->kind), "heading");

      gtk_widget_add_css_class (icon, a->kind <= FP_ANOMALY_CARD_COMPROMISED ? "error" : "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_set_margin_top (icon, 2);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      anomaly_title (a->kind), -1);
      gtk_widget_set_hexpand (texts, TRUE);
      gtk_box_append (GTK_BOX (texts), title);
      gtk_box_append (GTK_BOX (texts), label_new (caption, "dim-label"));
      gtk_box_append (GTK_BOX (texts), label_new (a->reason, "caption"));
      gtk_box_append (GTK_BOX (row), icon);
      gtk_box_append (GTK_BOX (row), texts);
      {
        GtkWidget *fig = figure_new (amount, NULL, a->reason);

        gtk_widget_set_valign (fig, GTK_ALIGN_START);
        gtk_box_append (GTK_BOX (row), fig);
      }
      gtk_box_append (GTK_BOX (body), row);
    }
  if (sorted->len > MAX_ROWS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more alert",
                                                            "%u more alerts", sorted->len - MAX_ROWS),
                                               sorted->len - MAX_ROWS);

      gtk_box_append (GTK_BOX (body), label_new (more, "dim-label"));
    }
  add_card (self, card, 2);
}

typedef struct {
  FpCategory category;
  gint64 minor;
} CatValue;

static int
compare_cat (gconstpointer a,
             gconstpointer b)
{
  const CatValue *x = a, *y = b;

  return (y->minor > x->minor) - (y->minor < x->minor);
}

static void
build_spending (FpDashboardPage *self)
{
  const FpDashboard *d = self->data->dashboard;
  gsize n_months;
  const FpMonthSummary *months = fp_dashboard_get_months (d, &n_months);
  const FpMonthSummary *m = NULL;
  CatValue values[FP_N_CATEGORIES];
  const char *labels[MAX_CATEGORIES + 1];
  gint64 amounts[MAX_CATEGORIES + 1];
  guint n = 0, n_values = 0;
  gint64 rest = 0;
  GtkWidget *body, *card, *chart;
  g_autofree char *total = NULL;
  g_autofree char *title = NULL;
  g_autofree char *month_name = NULL;

  for (gsize i = n_months; i-- > 0;)
    if (months[i].complete)
      {
        m = &months[i];
        break;
      }
  if (m == NULL && n_months > 0)
    m = &months[n_months - 1];

  card = card_new (_("Spending by Category"), fp_dashboard_get_months_explanation (d), &body);
  if (m == NULL || m->spending_minor == 0)
    {
      gtk_box_append (GTK_BOX (body), label_new (_("No spending yet."), "dim-label"));
      add_card (self, card, 1);
      return;
    }

  {
    g_autoptr(GDateTime) dt = g_date_time_new_utc (m->year, m->month, 1, 0, 0, 0);

    month_name = g_date_time_format (dt, "%B %Y");
  }
  total = money (self, m->spending_minor);
  title = g_strdup_printf (m->complete ? _("Spent in %s") : _("Spent so far in %s"), month_name);
  append_row (body, title, NULL, figure_new (total, "title-2", fp_dashboard_get_months_explanation (d)));

  for (FpCategory c = 0; c < FP_N_CATEGORIES; c++)
    if (m->by_category_minor[c] > 0)
      values[n_values++] = (CatValue) { c, m->by_category_minor[c] };
  qsort (values, n_values, sizeof (CatValue), compare_cat);
  for (guint i = 0; i < n_values; i++)
    {
      if (n < MAX_CATEGORIES - 1 || (n == MAX_CATEGORIES - 1 && n_values == MAX_CATEGORIES))
        {
          labels[n] = fp_category_get_display_name (values[i].category);
          amounts[n++] = values[i].minor;
        }
      else
        rest += values[i].minor;
    }
  if (rest > 0)
    {
      labels[n] = _("Everything else");
      amounts[n++] = rest;
    }

  chart = fp_bar_chart_new (FP_BAR_CHART_ROWS);
  fp_bar_chart_set_series (FP_BAR_CHART (chart), title, NULL, NULL);
  fp_bar_chart_set_data (FP_BAR_CHART (chart), n, labels, amounts, NULL, self->data->input->currency);
  gtk_box_append (GTK_BOX (body), chart);
  add_card (self, card, 1);
}

static void
build_trend (FpDashboardPage *self)
{
  const FpDashboard *d = self->data->dashboard;
  gsize n_months, n_changes;
  const FpMonthSummary *months = fp_dashboard_get_months (d, &n_months);
  const FpCategoryTrend *const *changes = fp_dashboard_get_largest_changes (d, &n_changes);
  gsize first = n_months > 12 ? n_months - 12 : 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) spending = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) income = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *avg_spending = money (self, fp_dashboard_get_monthly_spending (d));
  g_autofree char *avg_income = money (self, fp_dashboard_get_monthly_income (d));
  GtkWidget *body, *card, *chart;

  card = card_new (_("Monthly Trend"), fp_dashboard_get_spending_explanation (d), &body);
  append_row (body, _("Spending per month"), _("Recent average"),
              figure_new (avg_spending, NULL, fp_dashboard_get_spending_explanation (d)));
  append_row (body, _("Income per month"), _("Recent average"),
              figure_new (avg_income, "success", fp_dashboard_get_income_explanation (d)));

  for (gsize i = first; i < n_months; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (months[i].year, months[i].month, 1, 0, 0, 0);
      gint64 in = months[i].income_minor;

      g_ptr_array_add (labels, g_date_time_format (dt, "%b"));
      g_array_append_val (spending, months[i].spending_minor);
      g_array_append_val (income, in);
    }
  g_ptr_array_add (labels, NULL);

  chart = fp_bar_chart_new (FP_BAR_CHART_COLUMNS);
  fp_bar_chart_set_series (FP_BAR_CHART (chart), _("Spending and income per month"),
                           _("Spending"), _("Income"));
  fp_bar_chart_set_data (FP_BAR_CHART (chart), spending->len, (const char *const *) labels->pdata,
                         (const gint64 *) (gconstpointer) spending->data,
                         (const gint64 *) (gconstpointer) income->data, self->data->input->currency);
  gtk_box_append (GTK_BOX (body), chart);

  if (n_changes > 0)
    {
      gtk_box_append (GTK_BOX (body), label_new (_("Largest changes"), "heading"));
      for (gsize i = 0; i < n_changes && i < 3; i++)
        {
          const FpCategoryTrend *t = changes[i];
          g_autofree char *change = money (self, t->change_minor);
          g_autofree char *signed_change = t->change_minor > 0 ? g_strconcat ("+", change, NULL)
                                                               : g_strdup (change);

          append_row (body, fp_category_get_display_name (t->category), NULL,
                      figure_new (signed_change, t->change_minor > 0 ? "warning" : "success", t->explanation));
        }
    }
  add_card (self, card, 2);
}

static int
compare_recurring (gconstpointer a,
                   gconstpointer b)
{
  const FpRecurring *x = *(const FpRecurring *const *) a;
  const FpRecurring *y = *(const FpRecurring *const *) b;

  return (x->next_day > y->next_day) - (x->next_day < y->next_day);
}

static void
build_upcoming (FpDashboardPage *self)
{
  gsize n, n_overlaps;
  const FpRecurring *recurring = fp_dashboard_get_recurring (self->data->dashboard, &n);
  const FpOverlap *overlaps = fp_dashboard_get_overlaps (self->data->dashboard, &n_overlaps);
  gint32 today = self->data->input->today;
  g_autoptr(GPtrArray) upcoming = g_ptr_array_new ();
  GtkWidget *body, *card;

  for (gsize i = 0; i < n; i++)
    if (!recurring[i].is_income && recurring[i].next_day >= today &&
        recurring[i].next_day <= today + UPCOMING_DAYS)
      g_ptr_array_add (upcoming, (gpointer) &recurring[i]);
  g_ptr_array_sort (upcoming, compare_recurring);

  card = card_new (_("Upcoming Payments"),
                   _("Payments that came regularly in your history (same merchant, similar amount, a weekly "
                     "to yearly rhythm), with the next date and amount expected from that rhythm."),
                   &body);
  if (upcoming->len == 0)
    gtk_box_append (GTK_BOX (body), label_new (_("No regular payment expected in the next 30 days."),
                                               "dim-label"));
  for (guint i = 0; i < upcoming->len && i < MAX_ROWS + 2; i++)
    {
      const FpRecurring *r = g_ptr_array_index (upcoming, i);
      g_autofree char *amount = money (self, r->next_amount_minor);
      g_autofree char *day = format_day (r->next_day, "%a %-d %b");
      g_autofree char *caption = NULL;
      gint32 in_days = r->next_day - today;

      if (in_days == 0)
        caption = g_strdup_printf (_("Today · %s"), day);
      else if (in_days == 1)
        caption = g_strdup_printf (_("Tomorrow · %s"), day);
      else
        caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In %d day · %s", "In %d days · %s", in_days),
                                   in_days, day);
      if (r->price_rise)
        {
          g_autofree char *before = money (self, r->previous_amount_minor);
          char *with_rise = g_strdup_printf (_("%s · price up from %s"), caption, before);

          g_free (caption);
          caption = with_rise;
        }
      append_row (body, r->merchant_name, caption, figure_new (amount, NULL, r->explanation));
    }
  for (gsize i = 0; i < n_overlaps && i < 2; i++)
    gtk_box_append (GTK_BOX (body), label_new (overlaps[i].explanation, "caption"));
  add_card (self, card, 1);
}

static void
build_recommendations (FpDashboardPage *self)
{
  gsize n;
  const FpRecommendation *recs = fp_dashboard_get_recommendations (self->data->dashboard, &n);
  GtkWidget *body, *card;

  card = card_new (_("Recommendations"), NULL, &body);
  if (n == 0)
    gtk_box_append (GTK_BOX (body), label_new (_("No recommendation: your spending looks in line."), "dim-label"));
  for (gsize i = 0; i < n && i < MAX_ROWS; i++)
    {
      const FpRecommendation *r = &recs[i];
      g_autofree char *saving = money (self, r->monthly_saving_minor);
      g_autofree char *figure = r->points > 0
                                ? g_strdup_printf (_("%s a month · +%d points"), saving, r->points)
                                : g_strdup_printf (_("%s a month"), saving);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_box_append (GTK_BOX (box), label_new (r->text, NULL));
      gtk_box_append (GTK_BOX (box), figure_new (figure, "success", r->explanation));
      gtk_box_append (GTK_BOX (body), box);
    }
  add_card (self, card, 2);
}

static void
grid_row (GtkWidget  *grid,
          int         row,
          const char *name,
          const char *you,
          const char *typical,
          const char *explanation)
{
  GtkWidget *label = label_new (name, NULL);

  gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), figure_new (you, NULL, explanation), 1, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), label_new (typical, "dim-label"), 2, row, 1, 1);
}

static void
build_segment (FpDashboardPage *self)
{
  const FpDashboard *d = self->data->dashboard;
  const FpSegmentMatch *seg = fp_dashboard_get_segment (d);
  const FpSegment *s;
  GtkWidget *body, *card, *grid, *header;
  gint64 income = fp_dashboard_get_monthly_income (d);
  gint64 spending = fp_dashboard_get_monthly_spending (d);
  g_autofree char *your_income = NULL, *your_spending = NULL, *typ_income = NULL, *typ_spending = NULL;
  g_autofree char *your_rate = NULL, *typ_rate = NULL, *your_score = NULL, *typ_score = NULL;

  if (seg == NULL || seg->segment == NULL)
    return;
  s = seg->segment;

  card = card_new (_("People Like You"), seg->explanation, &body);
  gtk_box_append (GTK_BOX (body), figure_new (seg->segment_name, "title-3", seg->explanation));

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  header = label_new (_("You"), "caption-heading");
  gtk_grid_attach (GTK_GRID (grid), header, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), label_new (_("Typical"), "caption-heading"), 2, 0, 1, 1);

  your_income = money (self, income);
  typ_income = money (self, s->typical_income_minor);
  your_spending = money (self, spending);
  typ_spending = money (self, s->typical_spending_minor);
  your_rate = income > 0 ? g_strdup_printf ("%.0f%%", 100.0 * (double) (income - spending) / (double) income)
                         : g_strdup ("—");
  typ_rate = g_strdup_printf ("%.0f%%", s->typical_savings_rate_bps / 100.0);
  your_score = g_strdup_printf ("%d", fp_dashboard_get_health_score (d));
  typ_score = g_strdup_printf ("%d", s->typical_health_score);

  grid_row (grid, 1, _("Income per month"), your_income, typ_income, fp_dashboard_get_income_explanation (d));
  grid_row (grid, 2, _("Spending per month"), your_spending, typ_spending,
            fp_dashboard_get_spending_explanation (d));
  grid_row (grid, 3, _("Savings rate"), your_rate, typ_rate, seg->explanation);
  grid_row (grid, 4, _("Health score"), your_score, typ_score, seg->explanation);
  gtk_box_append (GTK_BOX (body), grid);
  add_card (self, card, 1);
}

static void
clear_content (FpDashboardPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->column1))) != NULL)
    gtk_box_remove (self->column1, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->column2))) != NULL)
    gtk_box_remove (self->column2, child);
  g_ptr_array_set_size (self->cards, 0);
  self->forecast_chart = NULL;
  self->health_score = -1;
}

static void
build_content (FpDashboardPage *self)
{
  clear_content (self);

  build_balances (self);
  if (self->data->dashboard != NULL)
    {
      build_forecast (self);
      build_health (self);
      build_alerts (self);
      build_spending (self);
      build_trend (self);
      build_upcoming (self);
      build_recommendations (self);
      build_segment (self);
      build_recent (self, 2);
    }
  else
    {
      build_consent (self);
      build_recent (self, 1);
    }
  layout_cards (self);
}

static void
set_state (FpDashboardPage *self,
           const char      *state)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));
  gtk_stack_set_visible_child_name (self->stack, state);
}

static void
send_notices (FpDashboardPage *self,
              GPtrArray       *notices)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  if (app == NULL || notices == NULL)
    return;
  for (guint i = 0; i < notices->len; i++)
    {
      Notice *n = g_ptr_array_index (notices, i);
      g_autoptr(GNotification) notification = g_notification_new (n->title);

      g_notification_set_body (notification, n->body);
      g_notification_set_priority (notification, g_str_has_prefix (n->id, "fraud-")
                                                 ? G_NOTIFICATION_PRIORITY_HIGH
                                                 : G_NOTIFICATION_PRIORITY_NORMAL);
      g_notification_set_default_action_and_target (notification, "app.activate", NULL);
      g_application_send_notification (G_APPLICATION (app), n->id, notification);
    }
}

static void
compute_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FpDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JobResult *r = g_task_propagate_pointer (G_TASK (result), &error);

  if (r == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not compute the dashboard: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      set_state (self, "error");
      g_signal_emit (self, signals[UPDATED], 0);
      return;
    }

  g_clear_pointer (&self->data, fp_dashboard_data_free);
  self->data = g_steal_pointer (&r->data);

  if (self->data->input->txns->len == 0 && self->data->input->accounts->len == 0)
    {
      clear_content (self);
      set_state (self, "empty");
    }
  else
    {
      build_content (self);
      set_state (self, "content");
    }
  send_notices (self, r->notices);
  job_result_free (r);
  g_signal_emit (self, signals[UPDATED], 0);
}

/**
 * fp_dashboard_page_refresh:
 * @self: a #FpDashboardPage
 *
 * Recomputes the dashboard from the cache, in a worker thread; call it
 * after a sync. #FpDashboardPage::updated is emitted when it is shown.
 */
void
fp_dashboard_page_refresh (FpDashboardPage *self)
{
  g_autoptr(GTask) task = NULL;
  GtkRoot *root;
  Job *job;

  g_return_if_fail (FP_IS_DASHBOARD_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->cache == NULL)
    {
      g_clear_pointer (&self->data, fp_dashboard_data_free);
      clear_content (self);
      set_state (self, "empty");
      g_signal_emit (self, signals[UPDATED], 0);
      return;
    }

  self->cancellable = g_cancellable_new ();
  /* Keep the old dashboard visible while the new one is computed. */
  if (self->data == NULL)
    set_state (self, "loading");

  root = gtk_widget_get_root (GTK_WIDGET (self));
  job = g_new0 (Job, 1);
  job->cache = g_object_ref (self->cache);
  job->personalized = self->policy != NULL &&
                      fp_consent_policy_allows (self->policy, FP_PURPOSE_PERSONALIZATION);
  job->notify = job->personalized && GTK_IS_WINDOW (root) &&
                gtk_window_get_application (GTK_WINDOW (root)) != NULL;

  task = g_task_new (self, self->cancellable, compute_cb, g_object_ref (self));
  g_task_set_source_tag (task, fp_dashboard_page_refresh);
  g_task_set_name (task, "[finpersona] dashboard");
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compute_thread);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fp_dashboard_page_refresh (FP_DASHBOARD_PAGE (widget));
}

static void
policy_changed_cb (FpConsentPolicy *policy,
                   FpPurpose        purpose,
                   FpConsentState   state,
                   FpDashboardPage *self)
{
  if (purpose == FP_PURPOSE_PERSONALIZATION)
    fp_dashboard_page_refresh (self);
}

/* GObject */

static void
fp_dashboard_page_dispose (GObject *object)
{
  FpDashboardPage *self = FP_DASHBOARD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->policy != NULL)
    g_clear_signal_handler (&self->policy_handler, self->policy);
  g_clear_object (&self->policy);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->cards, g_ptr_array_unref);

  G_OBJECT_CLASS (fp_dashboard_page_parent_class)->dispose (object);
}

static void
fp_dashboard_page_finalize (GObject *object)
{
  FpDashboardPage *self = FP_DASHBOARD_PAGE (object);

  g_clear_pointer (&self->data, fp_dashboard_data_free);

  G_OBJECT_CLASS (fp_dashboard_page_parent_class)->finalize (object);
}

static void
fp_dashboard_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FpDashboardPage *self = FP_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_CONSENT_POLICY:
      g_value_set_object (value, self->policy);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_dashboard_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FpDashboardPage *self = FP_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      fp_dashboard_page_set_cache (self, g_value_get_object (value));
      break;
    case PROP_CONSENT_POLICY:
      fp_dashboard_page_set_consent_policy (self, g_value_get_object (value));
      break;
    case PROP_NARROW:
      fp_dashboard_page_set_narrow (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_dashboard_page_class_init (FpDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_dashboard_page_dispose;
  object_class->finalize = fp_dashboard_page_finalize;
  object_class->get_property = fp_dashboard_page_get_property;
  object_class->set_property = fp_dashboard_page_set_property;

  /**
   * FpDashboardPage:cache:
   *
   * The encrypted cache the dashboard is computed from, or %NULL (the
   * empty state).
   */
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, FP_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpDashboardPage:consent-policy:
   *
   * The customer's consents; %NULL counts as no consent to personalization.
   */
  properties[PROP_CONSENT_POLICY] =
    g_param_spec_object ("consent-policy", NULL, NULL, FP_TYPE_CONSENT_POLICY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpDashboardPage:narrow:
   *
   * Whether the window is narrow: one column of cards instead of two.
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpDashboardPage::updated:
   *
   * Emitted when a (re)computation ended and its result is shown.
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FpDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FpDashboardPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FpDashboardPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, FpDashboardPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FpDashboardPage, columns);
  gtk_widget_class_bind_template_child (widget_class, FpDashboardPage, column1);
  gtk_widget_class_bind_template_child (widget_class, FpDashboardPage, column2);

  /* page.refresh is what the window activates on every page after a sync. */
  gtk_widget_class_install_action (widget_class, "dashboard.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "page.refresh", NULL, refresh_action);
}

static void
fp_dashboard_page_init (FpDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cards = g_ptr_array_new_with_free_func (g_object_unref);
  self->health_score = -1;
  set_state (self, "empty");
}

GtkWidget *
fp_dashboard_page_new (void)
{
  return g_object_new (FP_TYPE_DASHBOARD_PAGE, NULL);
}

FpCache *
fp_dashboard_page_get_cache (FpDashboardPage *self)
{
  g_return_val_if_fail (FP_IS_DASHBOARD_PAGE (self), NULL);

  return self->cache;
}

/**
 * fp_dashboard_page_set_cache:
 * @self: a #FpDashboardPage
 * @cache: (nullable): the cache
 *
 * Sets the cache and recomputes the dashboard.
 */
void
fp_dashboard_page_set_cache (FpDashboardPage *self,
                             FpCache         *cache)
{
  g_return_if_fail (FP_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (cache == NULL || FP_IS_CACHE (cache));

  if (!g_set_object (&self->cache, cache))
    return;
  g_clear_pointer (&self->data, fp_dashboard_data_free);
  fp_dashboard_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
}

FpConsentPolicy *
fp_dashboard_page_get_consent_policy (FpDashboardPage *self)
{
  g_return_val_if_fail (FP_IS_DASHBOARD_PAGE (self), NULL);

  return self->policy;
}

/**
 * fp_dashboard_page_set_consent_policy:
 * @self: a #FpDashboardPage
 * @policy: (nullable): the customer's consents
 *
 * The dashboard follows the consent to personalization and recomputes
 * when it changes.
 */
void
fp_dashboard_page_set_consent_policy (FpDashboardPage *self,
                                      FpConsentPolicy *policy)
{
  g_return_if_fail (FP_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (policy == NULL || FP_IS_CONSENT_POLICY (policy));

  if (self->policy == policy)
    return;
  if (self->policy != NULL)
    g_clear_signal_handler (&self->policy_handler, self->policy);
  g_set_object (&self->policy, policy);
  if (policy != NULL)
    self->policy_handler = g_signal_connect (policy, "changed", G_CALLBACK (policy_changed_cb), self);
  if (self->cache != NULL)
    fp_dashboard_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_POLICY]);
}

gboolean
fp_dashboard_page_get_narrow (FpDashboardPage *self)
{
  g_return_val_if_fail (FP_IS_DASHBOARD_PAGE (self), FALSE);

  return self->narrow;
}

void
fp_dashboard_page_set_narrow (FpDashboardPage *self,
                              gboolean         narrow)
{
  g_return_if_fail (FP_IS_DASHBOARD_PAGE (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  layout_cards (self);
  if (narrow)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->empty_page), "compact");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_page), "compact");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->empty_page), "compact");
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_page), "compact");
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
}

/**
 * fp_dashboard_page_get_state:
 * @self: a #FpDashboardPage
 *
 * Returns: what the page shows: `empty`, `loading`, `error` or `content`
 */
const char *
fp_dashboard_page_get_state (FpDashboardPage *self)
{
  g_return_val_if_fail (FP_IS_DASHBOARD_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * fp_dashboard_page_get_health_score:
 * @self: a #FpDashboardPage
 *
 * Returns: the health score shown, or -1 when none is (no consent, no data)
 */
int
fp_dashboard_page_get_health_score (FpDashboardPage *self)
{
  g_return_val_if_fail (FP_IS_DASHBOARD_PAGE (self), -1);

  return self->health_score;
}
