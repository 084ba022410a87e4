/* fp-dashboard-notices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the dashboard notifies: new fraud alerts and payments due
 * tomorrow, each only once (the ids sent are remembered in the cache's
 * derived data, dropped with the consent to personalization).
 */

#define G_LOG_DOMAIN "fp-dashboard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-dashboard-notices.h"
#include "fp-format.h"

#define NOTIFIED_KEY "dashboard-notifications-sent"
#define MAX_NOTIFIED 500

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
/**
 * fp_dashboard_collect_notices:
 * @cache: the cache the dashboard was computed from
 * @data: the dashboard, personalized
 *
 * The notices not sent yet, remembered as sent. Safe in a worker thread.
 *
 * Returns: (transfer full): the notices for fp_dashboard_send_notices()
 */
GPtrArray *
fp_dashboard_collect_notices (FpCache               *cache,
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
      amount = fp_format_money (ABS (a->amount_minor), data->input->currency, FP_FORMAT_NONE);
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
      amount = fp_format_money (ABS (r->next_amount_minor), data->input->currency, FP_FORMAT_NONE);
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

/**
 * fp_dashboard_send_notices:
 * @app: the application
 * @notices: what fp_dashboard_collect_notices() gave
 *
 * Sends each notice as a desktop notification; fraud with high priority.
 */
void
fp_dashboard_send_notices (GApplication *app,
                           GPtrArray    *notices)
{
  g_return_if_fail (G_IS_APPLICATION (app));

  for (guint i = 0; i < notices->len; i++)
    {
      Notice *n = g_ptr_array_index (notices, i);
      g_autoptr(GNotification) notification = g_notification_new (n->title);

      g_notification_set_body (notification, n->body);
      g_notification_set_priority (notification, g_str_has_prefix (n->id, "fraud-")
                                                 ? G_NOTIFICATION_PRIORITY_HIGH
                                                 : G_NOTIFICATION_PRIORITY_NORMAL);
      g_notification_set_default_action_and_target (notification, "app.activate", NULL);
      g_application_send_notification (app, n->id, notification);
    }
}
