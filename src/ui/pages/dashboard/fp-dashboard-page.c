/* fp-dashboard-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The personalized dashboard: cards for the balances, the forecast, the
 * health score and its plan, alerts, spending, the monthly trend, upcoming
 * payments, recommendations and the customer's segment, each a widget of
 * its own (fp-*-card.c, derived from FpCard). Everything is computed in a
 * worker thread (GTask) from the encrypted cache; every figure is a button
 * that opens how it was computed (FpFigure). Without the consent to
 * personalization only the balances and the totals of the last 30 days
 * are shown, with the way to change it (FpConsentOffCard). Above the
 * cards, FpFreshnessNote says when the data was last updated and where
 * it stops. The customer answers alerts here ("This Was Me", "Not Me",
 * "Freeze Card") through the session (fp_session_report_transaction(),
 * fp_session_set_card_frozen()): kept, queued and sent at once; the
 * alerts show the answers, read from the cache with the dashboard. The
 * page also notifies new fraud alerts and payments due tomorrow, once
 * each (fp-dashboard-notices.c).
 */

#define G_LOG_DOMAIN "fp-dashboard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-alerts-card.h"
#include "fp-balances-card.h"
#include "fp-cli-insights.h"
#include "fp-consent-off-card.h"
#include "fp-dashboard-notices.h"
#include "fp-dashboard-page.h"
#include "fp-cache-annotations.h"
#include "fp-forecast-card.h"
#include "fp-freshness-note.h"
#include "fp-health-card.h"
#include "fp-money.h"
#include "fp-recent-card.h"
#include "fp-recommendations-card.h"
#include "fp-segment-card.h"
#include "fp-spending-card.h"
#include "fp-trend-card.h"
#include "fp-ui-util.h"
#include "fp-upcoming-card.h"
#include "fp-window.h"

struct _FpDashboardPage {
  AdwBin parent_instance;

  GtkStack *stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkSpinner *spinner;
  GtkBox *columns;
  GtkBox *column1;
  GtkBox *column2;
  FpFreshnessNote *freshness_note;

  FpSession *session;
  FpCache *cache;
  FpConsentPolicy *policy;
  gulong policy_handler;
  gboolean narrow;

  GCancellable *cancellable;
  FpDashboardData *data;
  GHashTable *answers;
  GPtrArray *cards;
  FpHealthCard *health_card;
};

G_DEFINE_FINAL_TYPE (FpDashboardPage, fp_dashboard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CACHE,
  PROP_CONSENT_POLICY,
  PROP_NARROW,
  PROP_SESSION,
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
  FpCache *cache;
  gboolean personalized;
  gboolean notify;
} Job;

typedef struct {
  FpDashboardData *data;
  GHashTable *answers;
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
  g_clear_pointer (&r->answers, g_hash_table_unref);
  g_clear_pointer (&r->notices, g_ptr_array_unref);
  g_free (r);
}

/* What the customer did about each alert: the transaction's details by
 * the engine's txn_id (bank id, card, answer, the card's freeze). */
static GHashTable *
load_answers (FpCache               *cache,
              const FpDashboardData *data)
{
  GHashTable *answers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) fp_txn_details_free);
  const FpAnomaly *anomalies;
  gsize n;

  anomalies = fp_dashboard_get_anomalies (data->dashboard, &n);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = fp_cache_get_transaction_id (cache, anomalies[i].txn_id, &error);
      FpTxnDetails *details = id != NULL ? fp_cache_get_txn_details (cache, id, &error) : NULL;

      if (details == NULL)
        {
          if (error != NULL)
            g_debug ("No details for an alert: %s", error->message);
          continue;
        }
      g_hash_table_replace (answers, g_memdup2 (&anomalies[i].txn_id, sizeof (gint64)), details);
    }
  return answers;
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
  if (data->dashboard != NULL)
    result->answers = load_answers (job->cache, data);
  if (job->notify && data->dashboard != NULL)
    result->notices = fp_dashboard_collect_notices (job->cache, data);
  g_task_return_pointer (task, result, (GDestroyNotify) job_result_free);
}

/* Cards */
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

static void
clear_content (FpDashboardPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->column1))) != NULL)
    gtk_box_remove (self->column1, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->column2))) != NULL)
    gtk_box_remove (self->column2, child);
  g_ptr_array_set_size (self->cards, 0);
  self->health_card = NULL;
}

/* New cards for every computation, in the order a narrow window shows
 * them; wide, column 1 is on the left. */
static void
build_content (FpDashboardPage *self)
{
  const FpDashboardData *data = self->data;
  GtkWidget *card;

  clear_content (self);

  fp_freshness_note_set_dashboard (self->freshness_note, data);

  card = fp_balances_card_new ();
  fp_balances_card_set_dashboard (FP_BALANCES_CARD (card), data);
  add_card (self, card, 1);

  if (data->dashboard != NULL)
    {
      card = fp_forecast_card_new ();
      fp_forecast_card_set_dashboard (FP_FORECAST_CARD (card), data);
      add_card (self, card, 2);

      card = fp_health_card_new ();
      fp_health_card_set_dashboard (FP_HEALTH_CARD (card), data);
      self->health_card = FP_HEALTH_CARD (card);
      add_card (self, card, 1);

      card = fp_alerts_card_new ();
      fp_alerts_card_set_answers (FP_ALERTS_CARD (card), self->answers);
      fp_alerts_card_set_dashboard (FP_ALERTS_CARD (card), data);
      add_card (self, card, 2);

      card = fp_spending_card_new ();
      fp_spending_card_set_dashboard (FP_SPENDING_CARD (card), data);
      add_card (self, card, 1);

      card = fp_trend_card_new ();
      fp_trend_card_set_dashboard (FP_TREND_CARD (card), data);
      add_card (self, card, 2);

      card = fp_upcoming_card_new ();
      fp_upcoming_card_set_dashboard (FP_UPCOMING_CARD (card), data);
      add_card (self, card, 1);

      card = fp_recommendations_card_new ();
      fp_recommendations_card_set_dashboard (FP_RECOMMENDATIONS_CARD (card), data);
      add_card (self, card, 2);

      card = fp_segment_card_new ();
      fp_segment_card_set_dashboard (FP_SEGMENT_CARD (card), data);
      add_card (self, card, 1);

      card = fp_recent_card_new ();
      fp_recent_card_set_dashboard (FP_RECENT_CARD (card), data);
      add_card (self, card, 2);
    }
  else
    {
      add_card (self, fp_consent_off_card_new (), 2);

      card = fp_recent_card_new ();
      fp_recent_card_set_dashboard (FP_RECENT_CARD (card), data);
      add_card (self, card, 1);
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

  /* A kiosk sends none: the next customer would read them. */
  if (app != NULL && notices != NULL && !fp_ui_is_kiosk (GTK_WIDGET (self)))
    fp_dashboard_send_notices (G_APPLICATION (app), notices);
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
  g_clear_pointer (&self->answers, g_hash_table_unref);
  self->data = g_steal_pointer (&r->data);
  self->answers = g_steal_pointer (&r->answers);

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
show_error (FpDashboardPage *self,
            const char      *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_debug ("%s", message);
  if (FP_IS_WINDOW (root))
    fp_window_add_toast (FP_WINDOW (root), message);
}

/* "This Was Me" / "Not Me" on an alert: (transaction id, verdict id). */
static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FpDashboardPage *self = FP_DASHBOARD_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *txn_id, *verdict_id;
  FpTxnVerdict verdict;

  g_variant_get (parameter, "(&s&s)", &txn_id, &verdict_id);
  if (self->session == NULL || !fp_txn_verdict_from_id (verdict_id, &verdict) || verdict == FP_TXN_VERDICT_NONE)
    return;
  if (!fp_session_report_transaction (self->session, txn_id, verdict, &error))
    {
      show_error (self, error->message);
      return;
    }
  /* The answer shows at once; the sync that sends it refreshes again. */
  fp_dashboard_page_refresh (self);
}

/* "Freeze Card" on an alert: the card's id. */
static void
freeze_card_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FpDashboardPage *self = FP_DASHBOARD_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;
  if (!fp_session_set_card_frozen (self->session, g_variant_get_string (parameter, NULL), TRUE, &error))
    {
      show_error (self, error->message);
      return;
    }
  fp_dashboard_page_refresh (self);
}

static void
update_actions (FpDashboardPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.report", self->session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.freeze-card", self->session != NULL);
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
  g_clear_object (&self->session);
  self->health_card = NULL;
  g_clear_pointer (&self->cards, g_ptr_array_unref);

  G_OBJECT_CLASS (fp_dashboard_page_parent_class)->dispose (object);
}

static void
fp_dashboard_page_finalize (GObject *object)
{
  FpDashboardPage *self = FP_DASHBOARD_PAGE (object);

  g_clear_pointer (&self->data, fp_dashboard_data_free);
  g_clear_pointer (&self->answers, g_hash_table_unref);

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
    case PROP_SESSION:
      g_value_set_object (value, self->session);
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
    case PROP_SESSION:
      fp_dashboard_page_set_session (self, g_value_get_object (value));
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

  /**
   * FpDashboardPage:session: (nullable)
   *
   * The session the customer's answers to alerts go through; without one
   * the alerts have no buttons that work.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FP_TYPE_SESSION,
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
  gtk_widget_class_bind_template_child (widget_class, FpDashboardPage, freshness_note);

  /* page.refresh is what the window activates on every page after a sync. */
  gtk_widget_class_install_action (widget_class, "dashboard.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "page.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "dashboard.report", "(ss)", report_action);
  gtk_widget_class_install_action (widget_class, "dashboard.freeze-card", "s", freeze_card_action);
}

static void
fp_dashboard_page_init (FpDashboardPage *self)
{
  g_type_ensure (FP_TYPE_FRESHNESS_NOTE);
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  update_actions (self);
  self->cards = g_ptr_array_new_with_free_func (g_object_unref);
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

  return self->health_card != NULL ? fp_health_card_get_score (self->health_card) : -1;
}

FpSession *
fp_dashboard_page_get_session (FpDashboardPage *self)
{
  g_return_val_if_fail (FP_IS_DASHBOARD_PAGE (self), NULL);

  return self->session;
}

/**
 * fp_dashboard_page_set_session:
 * @self: a #FpDashboardPage
 * @session: (nullable): the application's session
 *
 * The session the answers to alerts and card freezes go through.
 */
void
fp_dashboard_page_set_session (FpDashboardPage *self,
                               FpSession       *session)
{
  g_return_if_fail (FP_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (session == NULL || FP_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * fp_dashboard_page_get_freshness_note:
 * @self: a #FpDashboardPage
 *
 * Returns: (transfer none): the line that says how fresh the figures are
 */
FpFreshnessNote *
fp_dashboard_page_get_freshness_note (FpDashboardPage *self)
{
  g_return_val_if_fail (FP_IS_DASHBOARD_PAGE (self), NULL);

  return self->freshness_note;
}
