/* fp-freshness-note.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The line above the dashboard's cards that says how fresh they are: when
 * the data was last updated from the bank, and, when the newest
 * transaction is more than a week old, that the figures stop there ("No
 * transactions since 31 October 2026: the figures are as of that day.").
 */

#define G_LOG_DOMAIN "fp-freshness-note"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-format.h"
#include "fp-freshness-note.h"
#include "fp-ui-util.h"

struct _FpFreshnessNote
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkWidget *box;
  GtkLabel  *updated_label;
  GtkWidget *stale_box;
  GtkLabel  *stale_label;
};

G_DEFINE_FINAL_TYPE (FpFreshnessNote, fp_freshness_note, GTK_TYPE_WIDGET)

/**
 * fp_freshness_note_format_synced:
 * @synced: when the data was last updated, Unix time; 0 for never
 * @now: the time now, Unix time
 *
 * Returns: (transfer full): "Last updated just now.", "… 5 minutes ago.",
 *   "… today at 14:05.", "… yesterday at 09:12." or "… on 3 March 2026."
 */
char *
fp_freshness_note_format_synced (gint64 synced,
                                 gint64 now)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *time = NULL;
  gint64 ago = now - synced;
  int days;

  if (synced <= 0)
    return g_strdup (_("Not updated from your bank yet."));
  if (ago < 60)
    return g_strdup (_("Last updated from your bank just now."));
  if (ago < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last updated from your bank %d minute ago.",
                                         "Last updated from your bank %d minutes ago.", (gulong) (ago / 60)),
                            (int) (ago / 60));

  then = g_date_time_new_from_unix_local (synced);
  today = g_date_time_new_from_unix_local (now);
  if (then == NULL || today == NULL)
    return g_strdup (_("Not updated from your bank yet."));
  days = g_date_time_get_day_of_year (today) - g_date_time_get_day_of_year (then) +
         (g_date_time_get_year (today) != g_date_time_get_year (then) ? 365 : 0);
  /* Translators: a time of day, see strftime */
  time = g_date_time_format (then, _("%H:%M"));
  if (days == 0)
    /* Translators: %s is a time of day, "14:05" */
    return g_strdup_printf (_("Last updated from your bank today at %s."), time);
  if (days == 1)
    /* Translators: %s is a time of day, "14:05" */
    return g_strdup_printf (_("Last updated from your bank yesterday at %s."), time);

  {
    g_autofree char *date = fp_format_date (fp_day_from_date (g_date_time_get_year (then),
                                                              g_date_time_get_month (then),
                                                              g_date_time_get_day_of_month (then)));

    /* Translators: %s is a date, "3 March 2026" */
    return g_strdup_printf (_("Last updated from your bank on %s."), date);
  }
}

static void
fp_freshness_note_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_FRESHNESS_NOTE);

  G_OBJECT_CLASS (fp_freshness_note_parent_class)->dispose (object);
}

static void
fp_freshness_note_class_init (FpFreshnessNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_freshness_note_dispose;
  widget_class->compute_expand = fp_ui_compute_expand_from_children;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-freshness-note.ui");
  gtk_widget_class_bind_template_child (widget_class, FpFreshnessNote, box);
  gtk_widget_class_bind_template_child (widget_class, FpFreshnessNote, updated_label);
  gtk_widget_class_bind_template_child (widget_class, FpFreshnessNote, stale_box);
  gtk_widget_class_bind_template_child (widget_class, FpFreshnessNote, stale_label);
}

static void
fp_freshness_note_init (FpFreshnessNote *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_freshness_note_new (void)
{
  return g_object_new (FP_TYPE_FRESHNESS_NOTE, NULL);
}

/**
 * fp_freshness_note_set_dashboard:
 * @self: a #FpFreshnessNote
 * @data: the dashboard's data; read now, not kept
 *
 * Says when @data was last synced and, when its newest transaction is
 * more than %FP_STALE_DAYS days old, where its figures stop.
 */
void
fp_freshness_note_set_dashboard (FpFreshnessNote       *self,
                                 const FpDashboardData *data)
{
  g_autofree char *updated = NULL;
  const char *stale;

  g_return_if_fail (FP_IS_FRESHNESS_NOTE (self));
  g_return_if_fail (data != NULL);

  updated = fp_freshness_note_format_synced (data->last_synced, g_get_real_time () / G_USEC_PER_SEC);
  stale = data->dashboard != NULL ? fp_dashboard_get_freshness (data->dashboard)->note : data->stale_note;

  gtk_label_set_label (self->updated_label, updated);
  gtk_label_set_label (self->stale_label, stale != NULL ? stale : "");
  gtk_widget_set_visible (self->stale_box, stale != NULL);
}

/**
 * fp_freshness_note_get_updated:
 * @self: a #FpFreshnessNote
 *
 * Returns: the "Last updated …" sentence shown
 */
const char *
fp_freshness_note_get_updated (FpFreshnessNote *self)
{
  g_return_val_if_fail (FP_IS_FRESHNESS_NOTE (self), NULL);

  return gtk_label_get_label (self->updated_label);
}

/**
 * fp_freshness_note_get_stale:
 * @self: a #FpFreshnessNote
 *
 * Returns: (nullable): the note that the data stops, when it is shown
 */
const char *
fp_freshness_note_get_stale (FpFreshnessNote *self)
{
  g_return_val_if_fail (FP_IS_FRESHNESS_NOTE (self), NULL);

  return gtk_widget_get_visible (self->stale_box) ? gtk_label_get_label (self->stale_label) : NULL;
}
