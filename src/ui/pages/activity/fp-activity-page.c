/* fp-activity-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Activity page: every transaction of the cache in one virtualized
 * list (FpTransactionModel pages it from the database), a search by
 * merchant and filters by account, category, days and amount. Without a
 * cache, or with an empty one, it says that transactions come with the
 * first sync; when a filter matches nothing, it offers to clear it.
 * Activating a row opens its details (FpTransactionDetails), where the
 * customer changes its category and writes a note; the list follows.
 */

#define G_LOG_DOMAIN "fp-activity-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <json-glib/json-glib.h>

#include "fp-activity-page.h"
#include "fp-bank-names.h"
#include "fp-categories.h"
#include "fp-money.h"
#include "fp-transaction-details.h"
#include "fp-transaction-row.h"
#include "fp-ui-util.h"

/* How long the filter entries wait for more typing. */
#define FILTER_DELAY_MS 250

struct _FpActivityPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  GtkStack           *results_stack;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  AdwButtonContent   *filter_button_content;
  GtkLabel           *count_label;
  GtkSpinner         *spinner;
  GtkWidget          *clear_button;
  GtkListView        *list_view;
  GtkNoSelection     *selection;
  GtkDropDown        *account_dropdown;
  GtkStringList      *account_list;
  GtkDropDown        *category_dropdown;
  GtkStringList      *category_list;
  GtkEntry           *day_from_entry;
  GtkEntry           *day_to_entry;
  GtkEntry           *amount_min_entry;
  GtkEntry           *amount_max_entry;

  /* Owned references */
  FpCache            *cache;
  FpTransactionModel *model;
  GHashTable         *account_names;   /* id → name */
  GPtrArray          *account_ids;     /* ids in the order of account_list */

  guint               filter_timeout_id;
  gboolean            narrow;
  gboolean            clearing;
};

G_DEFINE_FINAL_TYPE (FpActivityPage, fp_activity_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CACHE,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Parsing the filter entries                                          */
/* ------------------------------------------------------------------ */

/* An empty entry is no bound (*out_day = 0); text that is not a day is an
 * error. Days are year-month-day, or what the locale writes. */
static gboolean
parse_day (const char *text,
           gint32     *out_day)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  unsigned int year, month, day;
  GDate date;

  *out_day = 0;
  if (*stripped == '\0')
    return TRUE;

  g_date_clear (&date, 1);
  if (sscanf (stripped, "%4u-%2u-%2u", &year, &month, &day) == 3)
    {
      if (year < 1 || year > 9999 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        return FALSE;
      g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    }
  else
    {
      g_date_set_parse (&date, stripped);
      if (!g_date_valid (&date))
        return FALSE;
    }

  *out_day = (gint32) g_date_get_year (&date) * 10000 + (gint32) g_date_get_month (&date) * 100
             + (gint32) g_date_get_day (&date);
  return TRUE;
}

static gboolean
parse_amount (const char *text,
              gboolean   *out_used,
              gint64     *out_minor)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GString) ascii = NULL;

  *out_used = FALSE;
  *out_minor = 0;
  if (*stripped == '\0')
    return TRUE;

  /* What the list shows, with a true minus, can be typed back. */
  ascii = g_string_new (stripped);
  g_string_replace (ascii, "−", "-", 0);
  if (!fp_money_parse (ascii->str, out_minor, NULL))
    return FALSE;

  *out_used = TRUE;
  return TRUE;
}

static void
set_entry_valid (GtkEntry *entry,
                 gboolean  valid)
{
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               valid ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
}

/* ------------------------------------------------------------------ */
/* State                                                               */
/* ------------------------------------------------------------------ */

static char *
format_count (guint n)
{
  const struct lconv *lc = localeconv ();
  const char *thousands = lc->thousands_sep != NULL && *lc->thousands_sep != '\0' ? lc->thousands_sep : ",";
  g_autofree char *digits = g_strdup_printf ("%u", n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  /* Like fp_money_format(): grouped even in locales without grouping. */
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, thousands);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static void
update_state (FpActivityPage *self)
{
  const FpTxnFilter *filter = fp_transaction_model_get_filter (self->model);
  const GError *error = fp_transaction_model_get_error (self->model);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gboolean loading = fp_transaction_model_get_loading (self->model);
  gboolean filtered = !fp_txn_filter_is_empty (filter);
  g_autofree char *count = format_count (n);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);

  /* While the first count of a cache runs, nothing is known yet. */
  if (self->cache == NULL || (!loading && n == 0 && !filtered) || error != NULL)
    {
      if (self->cache != NULL && loading)
        return;

      if (error != NULL)
        {
          adw_status_page_set_title (self->empty_page, _("Could Not Read Your Transactions"));
          adw_status_page_set_description (self->empty_page,
                                           _("The copy of your bank data on this computer could not be read. Sync again, or erase it in Preferences."));
        }
      else
        {
          adw_status_page_set_title (self->empty_page, _("No Transactions Yet"));
          adw_status_page_set_description (self->empty_page,
                                           _("Your transactions appear here after the first sync"));
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (loading && n == 0 && !filtered)
    return;

  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? "results" : "no-results");

  if (filtered)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s transaction matches", "%s transactions match", n), count);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s transaction", "%s transactions", n), count);
  gtk_label_set_label (self->count_label, text);
  /* With no results, the status page has the button. */
  gtk_widget_set_visible (self->clear_button, filtered && n > 0);
}

static void
model_changed_cb (FpActivityPage *self)
{
  update_state (self);
}

/* ------------------------------------------------------------------ */
/* Filters                                                             */
/* ------------------------------------------------------------------ */

static gboolean
widgets_filtered (FpActivityPage *self)
{
  return gtk_drop_down_get_selected (self->account_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->category_dropdown) > 0 ||
         *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->day_from_entry)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->day_to_entry)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->amount_min_entry)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->amount_max_entry)) != '\0';
}

static void
apply_filter (FpActivityPage *self)
{
  g_autofree char *merchant = NULL;
  FpTxnFilter filter = { 0 };
  guint account = gtk_drop_down_get_selected (self->account_dropdown);
  guint category = gtk_drop_down_get_selected (self->category_dropdown);
  gboolean valid;
  guint n_popover_filters = 0;

  g_clear_handle_id (&self->filter_timeout_id, g_source_remove);

  merchant = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  if (*merchant != '\0')
    filter.merchant = merchant;

  if (account != GTK_INVALID_LIST_POSITION && account > 0 && account < self->account_ids->len)
    {
      filter.account_id = g_ptr_array_index (self->account_ids, account);
      n_popover_filters++;
    }
  if (category != GTK_INVALID_LIST_POSITION && category > 0 && category <= FP_N_CATEGORIES)
    {
      filter.category = fp_category_get_id ((FpCategory) (category - 1));
      n_popover_filters++;
    }

  valid = parse_day (gtk_editable_get_text (GTK_EDITABLE (self->day_from_entry)), &filter.day_from);
  set_entry_valid (self->day_from_entry, valid);
  valid = parse_day (gtk_editable_get_text (GTK_EDITABLE (self->day_to_entry)), &filter.day_to);
  set_entry_valid (self->day_to_entry, valid);
  if (filter.day_from > 0 || filter.day_to > 0)
    n_popover_filters++;

  valid = parse_amount (gtk_editable_get_text (GTK_EDITABLE (self->amount_min_entry)),
                        &filter.use_amount_min, &filter.amount_min);
  set_entry_valid (self->amount_min_entry, valid);
  valid = parse_amount (gtk_editable_get_text (GTK_EDITABLE (self->amount_max_entry)),
                        &filter.use_amount_max, &filter.amount_max);
  set_entry_valid (self->amount_max_entry, valid);
  if (filter.use_amount_min || filter.use_amount_max)
    n_popover_filters++;

  if (n_popover_filters > 0)
    {
      g_autofree char *label = g_strdup_printf (_("_Filters (%u)"), n_popover_filters);

      adw_button_content_set_label (self->filter_button_content, label);
    }
  else
    adw_button_content_set_label (self->filter_button_content, _("_Filters"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "activity.clear-filters", widgets_filtered (self));
  fp_transaction_model_set_filter (self->model, &filter);
}

static gboolean
filter_timeout_cb (gpointer user_data)
{
  FpActivityPage *self = user_data;

  self->filter_timeout_id = 0;
  apply_filter (self);
  return G_SOURCE_REMOVE;
}

static void
filter_changed_cb (FpActivityPage *self)
{
  if (self->clearing || self->model == NULL)
    return;

  g_clear_handle_id (&self->filter_timeout_id, g_source_remove);
  self->filter_timeout_id = g_timeout_add (FILTER_DELAY_MS, filter_timeout_cb, self);
}

static void
search_changed_cb (FpActivityPage *self)
{
  /* The entry waits FILTER_DELAY_MS itself (search-delay). */
  if (!self->clearing && self->model != NULL)
    apply_filter (self);
}

static void
stop_search_cb (FpActivityPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fp_activity_page_reload (FP_ACTIVITY_PAGE (widget));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  fp_activity_page_clear_filters (FP_ACTIVITY_PAGE (widget));
}

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  FpActivityPage *self = FP_ACTIVITY_PAGE (widget);

  /* The shortcut lives in the window: only the page on screen takes it. */
  if (!gtk_widget_get_mapped (widget) ||
      !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "list"))
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Accounts and categories                                             */
/* ------------------------------------------------------------------ */

/* cardId → the card's catalogue entry, so that a credit card account
 * shows its card's last four digits (fp_bank_account_label()). */
static GHashTable *
load_cards (FpActivityPage *self)
{
  g_autoptr(GPtrArray) jsons = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (self->cache != NULL &&
      !(jsons = fp_cache_list_catalogue (self->cache, FP_CACHE_CARDS, &error)))
    g_debug ("Could not list the cards: %s", error->message);

  for (guint i = 0; jsons != NULL && i < jsons->len; i++)
    {
      const char *json = g_ptr_array_index (jsons, i);
      g_autoptr(JsonNode) node = json_from_string (json, NULL);
      const char *id;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      id = json_object_get_string_member_with_default (json_node_get_object (node), "cardId", NULL);
      if (id != NULL)
        g_hash_table_insert (cards, g_strdup (id), g_strdup (json));
    }
  return cards;
}

static void
load_accounts (FpActivityPage *self)
{
  g_autoptr(GPtrArray) jsons = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) cards = load_cards (self);

  self->clearing = TRUE;

  g_hash_table_remove_all (self->account_names);
  g_ptr_array_set_size (self->account_ids, 0);
  g_ptr_array_add (self->account_ids, NULL);
  g_ptr_array_add (names, g_strdup (_("All Accounts")));

  if (self->cache != NULL &&
      !(jsons = fp_cache_list_catalogue (self->cache, FP_CACHE_ACCOUNTS, &error)))
    g_debug ("Could not list the accounts: %s", error->message);

  for (guint i = 0; jsons != NULL && i < jsons->len; i++)
    {
      const char *json = g_ptr_array_index (jsons, i);
      g_autoptr(JsonNode) node = json_from_string (json, NULL);
      JsonObject *account;
      const char *id;
      const char *card_id;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      account = json_node_get_object (node);
      id = json_object_get_string_member_with_default (account, "accountId", NULL);
      if (id == NULL || g_hash_table_contains (self->account_names, id))
        continue;
      card_id = json_object_get_string_member_with_default (account, "cardId", NULL);

      g_ptr_array_add (self->account_ids, g_strdup (id));
      g_ptr_array_add (names, fp_bank_account_label (json, card_id != NULL ? g_hash_table_lookup (cards, card_id) : NULL));
      g_hash_table_insert (self->account_names, g_strdup (id), g_strdup (g_ptr_array_index (names, names->len - 1)));
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->account_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->account_list)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->account_dropdown, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->account_dropdown), self->account_ids->len > 1);

  self->clearing = FALSE;
}

static void
fill_categories (FpActivityPage *self)
{
  gtk_string_list_append (self->category_list, _("All Categories"));
  for (guint i = 0; i < FP_N_CATEGORIES; i++)
    gtk_string_list_append (self->category_list, fp_category_get_display_name ((FpCategory) i));
}

/* ------------------------------------------------------------------ */
/* The list's rows                                                     */
/* ------------------------------------------------------------------ */

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          FpActivityPage           *self)
{
  GtkWidget *row = fp_transaction_row_new ();

  gtk_list_item_set_activatable (list_item, TRUE);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         FpActivityPage           *self)
{
  FpTransactionRow *row = FP_TRANSACTION_ROW (gtk_list_item_get_child (list_item));
  guint position = gtk_list_item_get_position (list_item);
  g_autoptr(FpTransaction) previous = NULL;

  /* The row above decides whether this one starts a day. */
  if (position > 0 && position != GTK_INVALID_LIST_POSITION)
    previous = g_list_model_get_item (G_LIST_MODEL (self->model), position - 1);

  fp_transaction_row_set_compact (row, self->narrow);
  fp_transaction_row_set_item (row, gtk_list_item_get_item (list_item), previous, self->account_names);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           FpActivityPage           *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  if (row != NULL)
    fp_transaction_row_set_item (FP_TRANSACTION_ROW (row), NULL, NULL, NULL);
}

static void
details_changed_cb (FpActivityPage *self)
{
  /* The row shows the new category or note. */
  fp_transaction_model_reload (self->model);
}

static void
activate_cb (GtkListView    *list_view,
             guint           position,
             FpActivityPage *self)
{
  g_autoptr(FpTransaction) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  const FpCachedTxn *txn = item != NULL ? fp_transaction_get_txn (item) : NULL;

  if (txn != NULL)
    fp_activity_page_open_details (self, txn->id);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
fp_activity_page_dispose (GObject *object)
{
  FpActivityPage *self = FP_ACTIVITY_PAGE (object);

  g_clear_handle_id (&self->filter_timeout_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  /* AdwBin keeps its own pointer to the child: release it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FP_TYPE_ACTIVITY_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (fp_activity_page_parent_class)->dispose (object);
}

static void
fp_activity_page_finalize (GObject *object)
{
  FpActivityPage *self = FP_ACTIVITY_PAGE (object);

  g_clear_pointer (&self->account_names, g_hash_table_unref);
  g_clear_pointer (&self->account_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (fp_activity_page_parent_class)->finalize (object);
}

static void
fp_activity_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FpActivityPage *self = FP_ACTIVITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;

    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_activity_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FpActivityPage *self = FP_ACTIVITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      fp_activity_page_set_cache (self, g_value_get_object (value));
      break;

    case PROP_NARROW:
      fp_activity_page_set_narrow (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_activity_page_class_init (FpActivityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_activity_page_dispose;
  object_class->finalize = fp_activity_page_finalize;
  object_class->get_property = fp_activity_page_get_property;
  object_class->set_property = fp_activity_page_set_property;

  /**
   * FpActivityPage:cache:
   *
   * The cache whose transactions are listed; %NULL shows the empty state.
   */
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, FP_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpActivityPage:narrow:
   *
   * Whether the window is narrow: rows leave the account out.
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FP_TYPE_TRANSACTION_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/finpersona/FinPersona/ui/fp-activity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, filter_button_content);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, clear_button);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, selection);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, account_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, account_list);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, category_list);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, day_from_entry);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, day_to_entry);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, amount_min_entry);
  gtk_widget_class_bind_template_child (widget_class, FpActivityPage, amount_max_entry);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  gtk_widget_class_install_action (widget_class, "activity.clear-filters", NULL, clear_filters_action);
  /* The window activates this after every sync. */
  gtk_widget_class_install_action (widget_class, "page.refresh", NULL, refresh_action);
}

static void
fp_activity_page_init (FpActivityPage *self)
{
  GtkEventController *controller;

  self->account_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->account_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));

  self->model = fp_transaction_model_new (NULL);
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (model_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (model_changed_cb), self);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->model));

  gtk_search_entry_set_search_delay (self->search_entry, FILTER_DELAY_MS);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  /* Ctrl+F from anywhere in the window while the page is shown. */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (focus_search_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  fill_categories (self);
  load_accounts (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "activity.clear-filters", FALSE);
  update_state (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

/**
 * fp_activity_page_new:
 *
 * Returns: (transfer floating): a new Activity page without a cache
 */
GtkWidget *
fp_activity_page_new (void)
{
  return g_object_new (FP_TYPE_ACTIVITY_PAGE, NULL);
}

/**
 * fp_activity_page_get_cache:
 * @self: a #FpActivityPage
 *
 * Returns: (nullable) (transfer none): the cache listed
 */
FpCache *
fp_activity_page_get_cache (FpActivityPage *self)
{
  g_return_val_if_fail (FP_IS_ACTIVITY_PAGE (self), NULL);

  return self->cache;
}

/**
 * fp_activity_page_set_cache:
 * @self: a #FpActivityPage
 * @cache: (nullable): the session's cache, %NULL when signed out
 *
 * Lists the transactions of @cache, with the filters cleared.
 */
void
fp_activity_page_set_cache (FpActivityPage *self,
                            FpCache        *cache)
{
  g_return_if_fail (FP_IS_ACTIVITY_PAGE (self));
  g_return_if_fail (cache == NULL || FP_IS_CACHE (cache));

  if (!g_set_object (&self->cache, cache))
    return;

  load_accounts (self);
  fp_activity_page_clear_filters (self);
  fp_transaction_model_set_cache (self->model, cache);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
}

/**
 * fp_activity_page_get_narrow:
 * @self: a #FpActivityPage
 *
 * Returns: whether the page lays itself out for a narrow window
 */
gboolean
fp_activity_page_get_narrow (FpActivityPage *self)
{
  g_return_val_if_fail (FP_IS_ACTIVITY_PAGE (self), FALSE);

  return self->narrow;
}

/**
 * fp_activity_page_set_narrow:
 * @self: a #FpActivityPage
 * @narrow: whether the window is narrow
 */
void
fp_activity_page_set_narrow (FpActivityPage *self,
                             gboolean        narrow)
{
  g_return_if_fail (FP_IS_ACTIVITY_PAGE (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;

  self->narrow = narrow;

  /* The rows on screen, inside the list's own item widgets; the others
   * follow when they are bound. */
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (FP_IS_TRANSACTION_ROW (row))
        fp_transaction_row_set_compact (FP_TRANSACTION_ROW (row), narrow);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
}

/**
 * fp_activity_page_reload:
 * @self: a #FpActivityPage
 *
 * Reads the cache again, for example when a sync brought new
 * transactions or accounts. The filters stay.
 */
void
fp_activity_page_reload (FpActivityPage *self)
{
  g_return_if_fail (FP_IS_ACTIVITY_PAGE (self));

  /* A sync may have brought the accounts catalogue too. */
  load_accounts (self);
  fp_transaction_model_reload (self->model);
}

/**
 * fp_activity_page_clear_filters:
 * @self: a #FpActivityPage
 *
 * Empties the search and every filter, and lists all transactions.
 */
void
fp_activity_page_clear_filters (FpActivityPage *self)
{
  g_return_if_fail (FP_IS_ACTIVITY_PAGE (self));

  self->clearing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->account_dropdown, 0);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->day_from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->day_to_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->amount_min_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->amount_max_entry), "");
  self->clearing = FALSE;

  apply_filter (self);
}

static char *
filter_day_text (gint32 yyyymmdd)
{
  if (yyyymmdd <= 0)
    return g_strdup ("");
  return g_strdup_printf ("%04d-%02d-%02d", yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
}

/**
 * fp_activity_page_set_filter:
 * @self: a #FpActivityPage
 * @filter: what to list: the search (@filter->merchant), the account, the
 *   category, the days and the amounts
 *
 * Shows the transactions @filter covers, with the search and the filters
 * set to say so (and to be changed or cleared by the customer): what a
 * link from elsewhere ("the transactions behind a recommendation") opens.
 */
void
fp_activity_page_set_filter (FpActivityPage    *self,
                             const FpTxnFilter *filter)
{
  guint account = 0;
  FpCategory category;
  g_autofree char *day_from = NULL;
  g_autofree char *day_to = NULL;
  g_autofree char *amount_min = NULL;
  g_autofree char *amount_max = NULL;

  g_return_if_fail (FP_IS_ACTIVITY_PAGE (self));
  g_return_if_fail (filter != NULL);

  for (guint i = 1; filter->account_id != NULL && i < self->account_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->account_ids, i), filter->account_id) == 0)
      account = i;
  day_from = filter_day_text (filter->day_from);
  day_to = filter_day_text (filter->day_to);
  amount_min = filter->use_amount_min ? fp_money_to_decimal (filter->amount_min) : g_strdup ("");
  amount_max = filter->use_amount_max ? fp_money_to_decimal (filter->amount_max) : g_strdup ("");

  self->clearing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), filter->merchant != NULL ? filter->merchant : "");
  gtk_drop_down_set_selected (self->account_dropdown, account);
  gtk_drop_down_set_selected (self->category_dropdown,
                              filter->category != NULL && fp_category_from_id (filter->category, &category)
                              ? (guint) category + 1 : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->day_from_entry), day_from);
  gtk_editable_set_text (GTK_EDITABLE (self->day_to_entry), day_to);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_min_entry), amount_min);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_max_entry), amount_max);
  self->clearing = FALSE;

  apply_filter (self);
}

/**
 * fp_activity_page_get_model:
 * @self: a #FpActivityPage
 *
 * Returns: (transfer none): the list's model
 */
FpTransactionModel *
fp_activity_page_get_model (FpActivityPage *self)
{
  g_return_val_if_fail (FP_IS_ACTIVITY_PAGE (self), NULL);

  return self->model;
}

/**
 * fp_activity_page_open_details:
 * @self: a #FpActivityPage
 * @transaction_id: the bank's id of a transaction in the page's cache
 *
 * Opens the details of the transaction over the window, as activating its
 * row does.
 *
 * Returns: (transfer none) (nullable): the details window, shown, or %NULL
 *   when the transaction cannot be read
 */
GtkWindow *
fp_activity_page_open_details (FpActivityPage *self,
                               const char     *transaction_id)
{
  g_autoptr(GError) error = NULL;
  FpTransactionDetails *details;
  GtkRoot *root;

  g_return_val_if_fail (FP_IS_ACTIVITY_PAGE (self), NULL);
  g_return_val_if_fail (transaction_id != NULL, NULL);

  if (self->cache == NULL)
    return NULL;

  details = fp_transaction_details_new (self->cache, transaction_id, &error);
  if (details == NULL)
    {
      g_debug ("No details: %s", error->message);
      return NULL;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (details), GTK_WINDOW (root));
  g_signal_connect_object (details, "changed", G_CALLBACK (details_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (details));
  return GTK_WINDOW (details);
}
