/* fp-wealth-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Holistic Wealth Optimizer: everything the customer owns and owes
 * (fp_offers_data_wealth_items(): the accounts, the holdings and the items
 * added by hand in the local-only `manual_assets` table), the net worth
 * (fp_wealth_compute()), its course over the last twelve months
 * (fp_wealth_history(): today's balances walked back through the booked
 * transactions, holdings and manual items at today's value), and the
 * suggestions in the order to act on, each with its computation.
 *
 * The form adds, edits and deletes the manual items; the store checks
 * them (fp_cache_save_manual_asset(), the one rule) and its refusal is
 * shown as it is. Nothing here is ever sent.
 *
 * The history and the suggestions read the customer's transactions and
 * figures: only with the consent to personalization; without it the view
 * says so and shows today's items and net worth.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "fp-bar-chart.h"
#include "fp-card.h"
#include "fp-cache-assets.h"
#include "fp-clock.h"
#include "fp-figure-row.h"
#include "fp-figure.h"
#include "fp-format.h"
#include "fp-money-entry.h"
#include "fp-wealth-view.h"

#define HISTORY_MONTHS 12
#define EMERGENCY_MONTHS 6
#define CONCENTRATION_BPS 4000
#define DEFAULT_EXPECTED_RETURN_BPS 500
#define MAX_VALUE_MINOR (G_GINT64_CONSTANT (100000000000000))

static const FpWealthKind form_kinds[] = {
  FP_WEALTH_HOME, FP_WEALTH_CAR, FP_WEALTH_PENSION, FP_WEALTH_OTHER_ACCOUNT, FP_WEALTH_OTHER_ASSET,
  FP_WEALTH_MORTGAGE, FP_WEALTH_OTHER_DEBT,
};

struct _FpWealthView
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkLabel        *note_label;
  GtkBox          *cards_box;
  AdwPreferencesGroup *form_group;
  AdwEntryRow     *name_row;
  AdwComboRow     *kind_row;
  FpMoneyEntry    *value_entry;
  GtkSpinButton   *rate_spin;
  GtkLabel        *error_label;
  GtkButton       *cancel_button;
  GtkButton       *save_button;

  FpCache         *cache;
  FpOffersData    *data;           /* borrowed while shown */
  GArray          *items;
  FpWealth        *wealth;
  GArray          *history;
  char            *editing_id;
};

G_DEFINE_FINAL_TYPE (FpWealthView, fp_wealth_view, ADW_TYPE_BIN)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
kind_title (FpWealthKind kind)
{
  switch (kind)
    {
    case FP_WEALTH_CASH: return _("Current account");
    case FP_WEALTH_SAVINGS: return _("Savings");
    case FP_WEALTH_HOLDING: return _("Investment");
    case FP_WEALTH_CARD_DEBT: return _("Credit card");
    case FP_WEALTH_LOAN: return _("Loan");
    case FP_WEALTH_HOME: return _("Home");
    case FP_WEALTH_CAR: return _("Car");
    case FP_WEALTH_PENSION: return _("Pension");
    case FP_WEALTH_OTHER_ACCOUNT: return _("Account at another bank");
    case FP_WEALTH_MORTGAGE: return _("Mortgage");
    case FP_WEALTH_OTHER_DEBT: return _("Other debt");
    case FP_WEALTH_OTHER_ASSET:
    default: return _("Other asset");
    }
}

static void
show_error (FpWealthView *self,
            const char   *text)
{
  gtk_label_set_label (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static void
reset_form (FpWealthView *self)
{
  g_clear_pointer (&self->editing_id, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  adw_combo_row_set_selected (self->kind_row, 0);
  fp_money_entry_set_value_minor (self->value_entry, 0);
  gtk_spin_button_set_value (self->rate_spin, 0);
  adw_preferences_group_set_title (self->form_group, _("Add an Asset or Debt"));
  gtk_button_set_label (self->save_button, _("_Add"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  show_error (self, NULL);
}

static void
cancel_clicked_cb (FpWealthView *self)
{
  reset_form (self);
}

static void
save_clicked_cb (FpWealthView *self)
{
  fp_wealth_view_save (self);
}

static void
fp_wealth_view_dispose (GObject *object)
{
  FpWealthView *self = FP_WEALTH_VIEW (object);

  self->data = NULL;
  g_clear_object (&self->cache);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->wealth, fp_wealth_free);
  g_clear_pointer (&self->editing_id, g_free);
  G_OBJECT_CLASS (fp_wealth_view_parent_class)->dispose (object);
}

static void
fp_wealth_view_class_init (FpWealthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_wealth_view_dispose;

  /**
   * FpWealthView::changed:
   * @self: the view
   *
   * A manual item was added, changed or deleted in the cache: the data
   * should be read again.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 0);

  g_type_ensure (FP_TYPE_MONEY_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-wealth-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FpWealthView, note_label);
  gtk_widget_class_bind_template_child (widget_class, FpWealthView, cards_box);
  gtk_widget_class_bind_template_child (widget_class, FpWealthView, form_group);
  gtk_widget_class_bind_template_child (widget_class, FpWealthView, name_row);
  gtk_widget_class_bind_template_child (widget_class, FpWealthView, kind_row);
  gtk_widget_class_bind_template_child (widget_class, FpWealthView, value_entry);
  gtk_widget_class_bind_template_child (widget_class, FpWealthView, rate_spin);
  gtk_widget_class_bind_template_child (widget_class, FpWealthView, error_label);
  gtk_widget_class_bind_template_child (widget_class, FpWealthView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, FpWealthView, save_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
fp_wealth_view_init (FpWealthView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_money_entry_set_range (self->value_entry, 0, MAX_VALUE_MINOR, 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (fp_money_entry_get_spin_button (self->value_entry)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value of the asset or debt"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rate_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Interest rate, percent a year"), -1);
}

GtkWidget *
fp_wealth_view_new (void)
{
  return g_object_new (FP_TYPE_WEALTH_VIEW, NULL);
}

void
fp_wealth_view_set_cache (FpWealthView *self,
                          FpCache      *cache)
{
  g_return_if_fail (FP_IS_WEALTH_VIEW (self));

  g_set_object (&self->cache, cache);
}

static void
note (FpWealthView *self,
      const char   *text)
{
  gtk_label_set_label (self->note_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), text != NULL);
}

static GtkWidget *
card_figure (GtkWidget  *card,
             const char *title,
             const char *caption,
             char       *text,
             const char *label_class,
             const char *explanation)
{
  GtkWidget *row = fp_figure_row_new (title, caption, fp_figure_new (text, label_class, explanation));

  fp_card_append (FP_CARD (card), row);
  g_free (text);
  return row;
}

static char *
money (FpWealthView *self,
       gint64        minor)
{
  return fp_format_money (minor, self->data->currency, FP_FORMAT_NONE);
}

/* What investing is expected to earn: the balanced model's net return, as
 * `wealth --json` takes it. */
static gint32
expected_return_bps (FpOffersData *data)
{
  const FpModelPortfolio *model;
  FpPortfolioStats stats;

  if (!data->has_cma || data->models->len == 0)
    return DEFAULT_EXPECTED_RETURN_BPS;
  model = fp_portfolio_recommend ((const FpModelPortfolio *) (gconstpointer) data->models->data,
                                  data->models->len, 4, FALSE);
  if (model == NULL ||
      !fp_portfolio_stats (model->allocations, model->n_allocations, model->management_fee_bps,
                           (const FpFund *) (gconstpointer) data->funds->data, data->funds->len, &data->cma,
                           &stats, NULL))
    return DEFAULT_EXPECTED_RETURN_BPS;
  return (gint32) lround (stats.net_return * 10000.0);
}

static gboolean
personalized (FpOffersData *data)
{
  return data->personalization && data->dashboard != NULL && data->dashboard->dashboard != NULL;
}

/* Today's accounts walked back through their transactions; holdings and
 * manual items at today's value. */
static void
compute_history (FpWealthView *self)
{
  const FpInsightsInput *in = self->data->dashboard->input;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  gint64 accounts_minor = 0, fixed_minor = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      const FpWealthItem *it = &g_array_index (self->items, FpWealthItem, i);
      gboolean account = FALSE;

      for (guint a = 0; !it->manual && a < in->account_ids->len; a++)
        if (g_strcmp0 (g_ptr_array_index (in->account_ids, a), it->id) == 0)
          {
            g_array_append_val (ids, g_array_index (in->accounts, FpAccountSnapshot, a).account_id);
            account = TRUE;
            break;
          }
      if (account)
        accounts_minor += it->value_minor;
      else
        fixed_minor += it->value_minor;
    }
  self->history = fp_wealth_history ((const FpTxn *) (gconstpointer) in->txns->data, in->txns->len,
                                     (const guint32 *) (gconstpointer) ids->data, ids->len, accounts_minor,
                                     fixed_minor, self->data->dashboard->first_day, self->data->dashboard->as_of_day,
                                     HISTORY_MONTHS);
}

static void
show_net_worth (FpWealthView *self)
{
  const FpWealth *w = self->wealth;
  GtkWidget *card = fp_card_new (_("Your Net Worth"), w->explanation);

  card_figure (card, _("Net worth"), _("What you own less what you owe"), money (self, w->net_worth_minor), "title-2",
               w->explanation);
  card_figure (card, _("You own"), NULL, money (self, w->assets_minor), NULL, NULL);
  card_figure (card, _("You owe"), NULL, money (self, w->debts_minor), NULL, NULL);
  card_figure (card, _("Cash and savings"), NULL, money (self, w->liquid_minor), NULL, NULL);
  card_figure (card, _("Investments"), NULL, money (self, w->invested_minor), NULL, NULL);
  card_figure (card, _("Added by you"), _("Owned, less owed"), money (self, w->manual_assets_minor - w->manual_debts_minor),
               NULL, NULL);

  if (self->history != NULL && self->history->len > 1)
    {
      GtkWidget *chart = fp_bar_chart_new (FP_BAR_CHART_COLUMNS);
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      g_autofree gint64 *values = g_new0 (gint64, self->history->len);

      for (guint i = 0; i < self->history->len; i++)
        {
          const FpWealthPoint *p = &g_array_index (self->history, FpWealthPoint, i);
          gint year;
          guint month, day;
          g_autoptr(GDateTime) dt = NULL;

          fp_clock_civil_from_day (p->day, &year, &month, &day);
          dt = g_date_time_new_utc (year, (gint) month, (gint) day, 0, 0, 0);
          g_ptr_array_add (labels, i + 1 == self->history->len ? g_strdup (_("Now")) : g_date_time_format (dt, "%b"));
          values[i] = p->net_worth_minor;
        }
      g_ptr_array_add (labels, NULL);
      fp_bar_chart_set_series (FP_BAR_CHART (chart), _("Net worth at the end of each month"), _("Net worth"), NULL);
      fp_bar_chart_set_data (FP_BAR_CHART (chart), self->history->len, (const char *const *) labels->pdata, values, NULL,
                             self->data->currency);
      gtk_widget_set_size_request (chart, -1, 180);
      fp_card_append_text (FP_CARD (card), _("Over the last twelve months"), "heading");
      fp_card_append (FP_CARD (card), chart);
      fp_card_append_text (FP_CARD (card),
                           _("Each month’s end is today’s balances less every booked transaction since; your "
                             "investments and what you added by hand are counted at today’s value, as their history "
                             "is not on this computer."),
                           "dim-label");
    }
  gtk_box_append (self->cards_box, card);
}

static void
show_suggestions (FpWealthView *self)
{
  const FpWealth *w = self->wealth;
  GtkWidget *card = fp_card_new (_("What to Do First"), _("Safety first: an emergency fund, then debt that costs "
                                                          "more than investing earns, then the rest by what it is "
                                                          "worth a year."));

  if (w->n_suggestions == 0)
    fp_card_append_text (FP_CARD (card), _("Nothing to change: your emergency fund is in place, no debt costs more "
                                           "than investing earns, and no cash, holding or fee stands out."),
                         NULL);
  for (guint i = 0; i < w->n_suggestions; i++)
    {
      const FpWealthSuggestion *s = &w->suggestions[i];
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, s->text);

      fp_card_append_text (FP_CARD (card), title, "heading");
      fp_card_append_text (FP_CARD (card), s->computation, "dim-label");
      if (s->amount_minor != 0)
        card_figure (card, _("Money to move"), NULL, money (self, ABS (s->amount_minor)), NULL, s->computation);
      if (s->yearly_minor != 0)
        card_figure (card, _("Worth a year"), NULL, money (self, s->yearly_minor), NULL, s->computation);
    }
  gtk_box_append (self->cards_box, card);
}

static void
edit_clicked_cb (GtkButton    *button,
                 FpWealthView *self)
{
  fp_wealth_view_edit (self, g_object_get_data (G_OBJECT (button), "asset-id"));
}

static void
delete_clicked_cb (GtkButton    *button,
                   FpWealthView *self)
{
  fp_wealth_view_delete (self, g_object_get_data (G_OBJECT (button), "asset-id"));
}

static GtkWidget *
item_button (FpWealthView *self,
             const char   *icon,
             const char   *tooltip,
             const char   *accessible,
             const char   *asset_id,
             GCallback     callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "asset-id", g_strdup (asset_id), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
show_items (FpWealthView *self)
{
  GtkWidget *card = fp_card_new (_("What You Own and Owe"), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      const FpWealthItem *it = &g_array_index (self->items, FpWealthItem, i);
      g_autofree char *caption = it->manual ? g_strdup_printf (_("%s, added by you"), kind_title (it->kind))
                                            : g_strdup (kind_title (it->kind));
      g_autofree char *value = money (self, it->value_minor);
      GtkWidget *row = fp_figure_row_new (it->name, caption, fp_figure_new (value, NULL, NULL));
      if (it->manual)
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          /* Translators: the accessible names of a manual item's buttons */
          g_autofree char *edit = g_strdup_printf (_("Edit %s (manual asset)"), it->name);
          g_autofree char *del = g_strdup_printf (_("Delete %s (manual asset)"), it->name);

          gtk_widget_set_hexpand (row, TRUE);
          gtk_box_append (GTK_BOX (box), row);
          gtk_box_append (GTK_BOX (box), item_button (self, "document-edit-symbolic", _("Edit"), edit, it->id,
                                                      G_CALLBACK (edit_clicked_cb)));
          gtk_box_append (GTK_BOX (box), item_button (self, "user-trash-symbolic", _("Delete"), del, it->id,
                                                      G_CALLBACK (delete_clicked_cb)));
          fp_card_append (FP_CARD (card), box);
        }
      else
        fp_card_append (FP_CARD (card), row);
    }
  if (self->items->len == 0)
    fp_card_append_text (FP_CARD (card), _("Nothing yet: your bank’s accounts come with the next sync, and you can "
                                           "add what you own elsewhere below."), "dim-label");
  gtk_box_append (self->cards_box, card);
}

static void
recompute (FpWealthView *self)
{
  FpOffersData *data = self->data;
  g_autoptr(GError) error = NULL;
  FpWealthContext ctx = { 0 };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_box_remove (self->cards_box, child);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->wealth, fp_wealth_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), data != NULL && self->cache != NULL);
  if (data == NULL)
    {
      note (self, NULL);
      return;
    }
  fp_money_entry_set_currency (self->value_entry, data->currency);

  self->items = fp_offers_data_wealth_items (data);
  ctx.currency = data->currency;
  /* The suggestions read the customer's figures: only with the consent. */
  ctx.suggest = personalized (data);
  ctx.monthly_spending_minor = personalized (data) ? fp_dashboard_get_monthly_spending (data->dashboard->dashboard) : 0;
  ctx.emergency_months = EMERGENCY_MONTHS;
  ctx.savings_rate_bps = data->savings_rate_bps;
  ctx.expected_return_bps = expected_return_bps (data);
  ctx.concentration_bps = CONCENTRATION_BPS;
  ctx.funds = (const FpFund *) (gconstpointer) data->funds->data;
  ctx.n_funds = data->funds->len;
  self->wealth = fp_wealth_compute ((const FpWealthItem *) (gconstpointer) self->items->data, self->items->len, &ctx,
                                    &error);
  if (self->wealth == NULL)
    {
      note (self, error->message);
      return;
    }
  if (personalized (data))
    {
      compute_history (self);
      note (self, NULL);
    }
  else
    note (self, _("Your net worth over time and the suggestions read your transactions and spending, so they need "
                  "your consent to personalization. Today’s figures are only added up."));
  show_net_worth (self);
  if (personalized (data))
    show_suggestions (self);
  show_items (self);
}

/**
 * fp_wealth_view_set_data:
 * @self: a #FpWealthView
 * @data: (nullable): the Offers data, borrowed while shown
 */
void
fp_wealth_view_set_data (FpWealthView *self,
                         FpOffersData *data)
{
  g_return_if_fail (FP_IS_WEALTH_VIEW (self));

  self->data = data;
  recompute (self);
}

const FpWealth *
fp_wealth_view_get_wealth (FpWealthView *self)
{
  g_return_val_if_fail (FP_IS_WEALTH_VIEW (self), NULL);
  return self->wealth;
}

/**
 * fp_wealth_view_get_history:
 * @self: a #FpWealthView
 *
 * Returns: (transfer none) (nullable) (element-type FpWealthPoint): the
 *   net worth at each month's end and today
 */
GArray *
fp_wealth_view_get_history (FpWealthView *self)
{
  g_return_val_if_fail (FP_IS_WEALTH_VIEW (self), NULL);
  return self->history;
}

/**
 * fp_wealth_view_fill_form:
 * @self: a #FpWealthView
 * @name: the name, as typed
 * @kind: a manual kind
 * @value_minor: what it is worth or what is owed, not negative
 * @rate_bps: its rate a year
 *
 * Fills the form as the customer would (for tests).
 *
 * Returns: whether @kind is one of the form
 */
gboolean
fp_wealth_view_fill_form (FpWealthView *self,
                          const char   *name,
                          FpWealthKind  kind,
                          gint64        value_minor,
                          gint32        rate_bps)
{
  g_return_val_if_fail (FP_IS_WEALTH_VIEW (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (form_kinds); i++)
    if (form_kinds[i] == kind)
      {
        gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
        adw_combo_row_set_selected (self->kind_row, i);
        fp_money_entry_set_value_minor (self->value_entry, value_minor);
        gtk_spin_button_set_value (self->rate_spin, rate_bps / 100.0);
        return TRUE;
      }
  return FALSE;
}

/**
 * fp_wealth_view_save:
 * @self: a #FpWealthView
 *
 * Saves what the form holds, as a new item or the one being edited; a
 * refusal of the store is shown under the form, which keeps what was
 * typed.
 *
 * Returns: whether it was saved
 */
gboolean
fp_wealth_view_save (FpWealthView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  FpWealthKind kind;
  guint selected;
  gint64 value;
  gint32 rate;

  g_return_val_if_fail (FP_IS_WEALTH_VIEW (self), FALSE);

  if (self->cache == NULL || self->data == NULL)
    return FALSE;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  selected = adw_combo_row_get_selected (self->kind_row);
  kind = form_kinds[MIN (selected, G_N_ELEMENTS (form_kinds) - 1)];
  /* What the spin button shows, read back strictly in the locale. */
  gtk_spin_button_update (fp_money_entry_get_spin_button (self->value_entry));
  value = fp_money_entry_get_value_minor (self->value_entry);
  gtk_spin_button_update (self->rate_spin);
  rate = (gint32) lround (gtk_spin_button_get_value (self->rate_spin) * 100.0);
  if (fp_wealth_kind_is_debt (kind))
    value = -value;
  id = self->editing_id != NULL ? g_strdup (self->editing_id) : g_uuid_string_random ();
  if (!fp_cache_save_manual_asset (self->cache, id, name, kind, value, self->data->currency, rate, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  g_debug ("A manual item saved");
  reset_form (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

static const FpManualAsset *
find_asset (FpWealthView *self,
            const char   *asset_id)
{
  for (guint i = 0; self->data != NULL && i < self->data->assets->len; i++)
    {
      const FpManualAsset *m = g_ptr_array_index (self->data->assets, i);

      if (g_strcmp0 (m->id, asset_id) == 0)
        return m;
    }
  return NULL;
}

/**
 * fp_wealth_view_edit:
 * @self: a #FpWealthView
 * @asset_id: a manual item
 *
 * Fills the form with the item, to be saved in its place.
 *
 * Returns: whether the item exists
 */
gboolean
fp_wealth_view_edit (FpWealthView *self,
                     const char   *asset_id)
{
  const FpManualAsset *m;

  g_return_val_if_fail (FP_IS_WEALTH_VIEW (self), FALSE);

  if ((m = find_asset (self, asset_id)) == NULL ||
      !fp_wealth_view_fill_form (self, m->name, m->kind, ABS (m->value_minor), m->rate_bps))
    return FALSE;
  g_free (self->editing_id);
  self->editing_id = g_strdup (m->id);
  adw_preferences_group_set_title (self->form_group, _("Change an Asset or Debt"));
  gtk_button_set_label (self->save_button, _("_Save"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), TRUE);
  show_error (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return TRUE;
}

/**
 * fp_wealth_view_delete:
 * @self: a #FpWealthView
 * @asset_id: a manual item
 *
 * Returns: whether it was deleted
 */
gboolean
fp_wealth_view_delete (FpWealthView *self,
                       const char   *asset_id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (FP_IS_WEALTH_VIEW (self), FALSE);

  if (self->cache == NULL || find_asset (self, asset_id) == NULL)
    return FALSE;
  if (!fp_cache_delete_manual_asset (self->cache, asset_id, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  if (g_strcmp0 (self->editing_id, asset_id) == 0)
    reset_form (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

/**
 * fp_wealth_view_reset_form:
 * @self: a #FpWealthView
 *
 * Empties the form (another customer's cache).
 */
void
fp_wealth_view_reset_form (FpWealthView *self)
{
  g_return_if_fail (FP_IS_WEALTH_VIEW (self));

  reset_form (self);
}

/**
 * fp_wealth_view_get_error:
 * @self: a #FpWealthView
 *
 * Returns: (nullable): the refusal shown under the form
 */
const char *
fp_wealth_view_get_error (FpWealthView *self)
{
  g_return_val_if_fail (FP_IS_WEALTH_VIEW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}
