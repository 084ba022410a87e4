/* test-privacy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Privacy page and the onboarding consent step, driven like a
 * customer would: switches reflect the policy; flipping one appends to the
 * history and queues an outbox item; revoking personalization drops the
 * derived data; the export writes a JSON file that parses and holds every
 * table; erasing leaves no file in the cache folder. Onboarding: nothing
 * pre-ticked, "Continue with None" grants nothing, "Allow All" grants all,
 * and both buttons look the same. Screenshots of both at 360×640 and
 * 1280×800, light and dark.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "fp-cache-consent.h"
#include "fp-cache-dump.h"
#include "fp-consent-row.h"
#include "fp-onboarding-consent.h"
#include "fp-privacy-page.h"
#include "fp-store.h"
#include "fp-ui-test.h"

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x42, 0x07, 0x9e, 0x1c, 0xd3, 0x68, 0xa5, 0x2b, 0xf1, 0x30, 0x8d, 0x4e, 0xc6, 0x17, 0x79, 0xe2,
  0x05, 0xba, 0x63, 0x94, 0x2f, 0xd8, 0x41, 0x7c, 0xe9, 0x16, 0xab, 0x50, 0x3d, 0x82, 0xf4, 0x6b,
};

/* The tables the cache holds, listed by hand from the store's schema and
 * fp-cache-consent.c. */
static const char * const expected_tables[] = {
  "accounts", "balances", "cards", "consent_history", "consent_history_details",
  "consent_records", "consents", "derived_rankings", "feedback", "holdings", "insights_cache",
  "manual_assets", "market_data", "models", "monthly_totals", "offers", "outbox",
  "scenarios", "sync_state", "transactions",
};

typedef struct {
  char            *dir;
  FpCache         *cache;
  FpConsentPolicy *policy;
  FpConsentStore  *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("fp-privacy-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->cache = fp_cache_open (f->dir, key, &error);
  g_assert_no_error (error);
  f->policy = fp_consent_policy_new ("Test laptop");
  f->store = fp_consent_store_new (f->cache, f->policy, &error);
  g_assert_no_error (error);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_unlink (path);
      return;
    }
  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        rm_rf (child);
      }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->policy);
  g_clear_object (&f->cache);
  rm_rf (f->dir);
  g_free (f->dir);
}

static void
collect_switches (GtkWidget *widget,
                  GPtrArray *out)
{
  if (GTK_IS_SWITCH (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_switches (c, out);
}

static GtkSwitch *
purpose_switch (GtkWidget *page,
                FpPurpose  purpose)
{
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();

  collect_switches (page, switches);
  g_assert_cmpuint (switches->len, ==, FP_N_PURPOSES);
  return g_ptr_array_index (switches, purpose);
}

static gboolean
count_cb (const char        *table,
          guint              n_columns,
          const char *const *names,
          const char *const *values,
          gpointer           user_data)
{
  GHashTable *counts = user_data;

  g_hash_table_insert (counts, g_strdup (table),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, table)) + 1));
  return TRUE;
}

static guint
rows_of (FpCache    *cache,
         const char *table)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_cache_export (cache, count_cb, counts, &error));
  g_assert_no_error (error);
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, table));
}

static GtkWindow *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());

  gtk_window_set_default_size (window, width, height);
  adw_window_set_content (ADW_WINDOW (window), child);
  gtk_window_present (window);
  fp_ui_test_spin (100);
  return window;
}

static void
test_empty_state (void)
{
  GtkWidget *page = fp_privacy_page_new ();
  GtkWindow *window = show_in_window (page, 800, 600);
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (page, FP_TYPE_PRIVACY_PAGE, "state_stack"));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_null (fp_privacy_page_get_cache (FP_PRIVACY_PAGE (page)));

  gtk_window_destroy (window);
}

static void
test_switches (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *page;
  GtkWindow *window;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GError) error = NULL;
  guint history_before;

  /* A consent given before the page exists. */
  fp_consent_policy_set (f->policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, g_get_real_time ());
  fp_consent_policy_set (f->policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, g_get_real_time ());

  page = fp_privacy_page_new ();
  g_object_set (page, "cache", f->cache, "consent-policy", f->policy, NULL);
  window = show_in_window (page, 1280, 800);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (page, FP_TYPE_PRIVACY_PAGE, "state_stack"))),
                   ==, "content");
  for (guint i = 0; i < FP_N_PURPOSES; i++)
    g_assert_cmpint (gtk_switch_get_active (purpose_switch (page, (FpPurpose) i)), ==,
                     i == FP_PURPOSE_GENAI || i == FP_PURPOSE_PERSONALIZATION);

  /* The policy changes elsewhere (the bank): the switch follows. */
  {
    g_autoptr(FpConsentRecord) record = fp_consent_record_new (FP_PURPOSE_OPEN_BANKING, FP_CONSENT_GRANTED,
                                                               g_get_real_time (), NULL, NULL, "rcp_5");

    fp_consent_policy_apply_bank_record (f->policy, record, g_get_real_time (), NULL);
    g_assert_true (gtk_switch_get_active (purpose_switch (page, FP_PURPOSE_OPEN_BANKING)));
  }

  /* Flipping a switch: the policy, the history and the outbox. */
  history_before = rows_of (f->cache, "consent_history");
  outbox = fp_cache_outbox_list_pending (f->cache, &error);
  g_assert_cmpuint (outbox->len, ==, 2);
  g_clear_pointer (&outbox, g_ptr_array_unref);

  gtk_switch_set_active (purpose_switch (page, FP_PURPOSE_MARKETING), TRUE);
  fp_ui_test_spin (50);
  g_assert_true (fp_consent_policy_allows (f->policy, FP_PURPOSE_MARKETING));
  g_assert_true (gtk_switch_get_state (purpose_switch (page, FP_PURPOSE_MARKETING)));
  g_assert_cmpuint (rows_of (f->cache, "consent_history"), ==, history_before + 1);
  outbox = fp_cache_outbox_list_pending (f->cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 3);
  {
    const FpOutboxItem *item = g_ptr_array_index (outbox, 2);

    g_assert_cmpstr (item->path, ==, "v1/consents");
    g_assert_nonnull (strstr (item->body, "\"marketing\""));
  }

  /* Revoking personalization drops the insights and rankings at once. */
  g_assert_true (fp_cache_put_derived (f->cache, FP_CACHE_INSIGHTS, "health", "{\"score\":71}", &error));
  g_assert_true (fp_cache_put_derived (f->cache, FP_CACHE_RANKINGS, "offers", "[1,2]", &error));
  gtk_switch_set_active (purpose_switch (page, FP_PURPOSE_PERSONALIZATION), FALSE);
  fp_ui_test_spin (50);
  g_assert_false (fp_consent_policy_allows (f->policy, FP_PURPOSE_PERSONALIZATION));
  g_assert_cmpuint (rows_of (f->cache, "insights_cache"), ==, 0);
  g_assert_cmpuint (rows_of (f->cache, "derived_rankings"), ==, 0);
  g_assert_cmpuint (rows_of (f->cache, "consent_history"), ==, history_before + 2);

  /* A conflict the bank wins shows in the switch (and a toast). */
  {
    g_autoptr(FpConsentRecord) record = fp_consent_record_new (FP_PURPOSE_MARKETING, FP_CONSENT_REVOKED,
                                                               g_get_real_time (), NULL, NULL, "rcp_6");

    g_assert_cmpint (fp_consent_policy_apply_bank_record (f->policy, record, g_get_real_time (), NULL),
                     ==, FP_CONSENT_RESOLUTION_OVERRIDDEN);
    fp_ui_test_spin (50);
    g_assert_false (gtk_switch_get_active (purpose_switch (page, FP_PURPOSE_MARKETING)));
  }

  gtk_window_destroy (window);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *out)
{
  if (FP_IS_CONSENT_ROW (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_rows (c, out);
}

static const char *
row_status (GtkWidget *page,
            FpPurpose  purpose)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (page, rows);
  g_assert_cmpuint (rows->len, ==, FP_N_PURPOSES);
  return fp_consent_row_get_status_text (g_ptr_array_index (rows, purpose));
}

/* Each purpose says what was chosen, when, on which device, and where it
 * stands with the bank: why it waits when it could not be sent, that the
 * bank has it once delivered. */
static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *page = fp_privacy_page_new ();
  GtkWindow *window;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%-d %B");
  g_autofree char *expected = NULL;

  g_object_set (page, "cache", f->cache, "consent-policy", f->policy, NULL);
  window = show_in_window (page, 1280, 800);

  /* Before the consent step nothing was chosen. */
  g_assert_cmpstr (row_status (page, FP_PURPOSE_GENAI), ==, "Off. Not chosen yet.");

  /* Chosen off (as the consent step records a purpose left off), while
   * the computer is offline: the sync notes why it waits. */
  gtk_switch_set_active (purpose_switch (page, FP_PURPOSE_GENAI), TRUE);
  gtk_switch_set_active (purpose_switch (page, FP_PURPOSE_GENAI), FALSE);
  g_assert_true (fp_cache_outbox_note_waiting (f->cache, "offline", &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (page, "page.refresh", NULL));
  expected = g_strdup_printf ("Off, chosen on %s on Test laptop. Not sent to your bank yet: ", day);
  g_test_message ("%s", row_status (page, FP_PURPOSE_GENAI));
  g_assert_true (g_str_has_prefix (row_status (page, FP_PURPOSE_GENAI), expected));
  g_assert_true (g_str_has_suffix (row_status (page, FP_PURPOSE_GENAI), "offline."));

  /* Delivered by the next sync: the bank has it. */
  pending = fp_cache_outbox_list_pending (f->cache, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pending->len; i++)
    g_assert_true (fp_cache_outbox_mark (f->cache, ((FpOutboxItem *) g_ptr_array_index (pending, i))->id,
                                         FP_OUTBOX_DELIVERED, NULL, &error));
  g_assert_true (gtk_widget_activate_action (page, "page.refresh", NULL));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Off, chosen on %s on Test laptop. Your bank has it.", day);
  g_assert_cmpstr (row_status (page, FP_PURPOSE_GENAI), ==, expected);

  gtk_window_destroy (window);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GFile **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = fp_privacy_page_export_finish (FP_PRIVACY_PAGE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *page = fp_privacy_page_new ();
  GtkWindow *window;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) json_file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *parent_path = g_dir_make_tmp ("fp-privacy-export-XXXXXX", &error);
  g_autofree char *json_path = NULL;
  const char *ids[] = { "acc_1", "acc_2" };
  const char *jsons[] = { "{\"name\":\"Current \\\"main\\\", joint\"}", "{\"name\":\"Savings\\nline\"}" };
  JsonObject *root, *tables;

  g_assert_no_error (error);
  g_assert_true (fp_cache_replace_catalogue (f->cache, FP_CACHE_ACCOUNTS, ids, jsons, 2, NULL, &error));
  fp_consent_policy_set (f->policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, g_get_real_time ());
  fp_consent_policy_set (f->policy, FP_PURPOSE_GENAI, FP_CONSENT_REVOKED, g_get_real_time ());

  g_object_set (page, "cache", f->cache, "consent-policy", f->policy, NULL);
  window = show_in_window (page, 800, 600);

  parent = g_file_new_for_path (parent_path);
  fp_privacy_page_export_async (FP_PRIVACY_PAGE (page), parent, NULL, export_done_cb, &folder);
  while (folder == NULL)
    g_main_context_iteration (NULL, TRUE);

  json_file = g_file_get_child (folder, FP_CACHE_DUMP_JSON_NAME);
  json_path = g_file_get_path (json_file);
  g_assert_true (json_parser_load_from_file (parser, json_path, &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "finpersona-export-1");
  tables = json_object_get_object_member (root, "tables");
  for (guint i = 0; i < G_N_ELEMENTS (expected_tables); i++)
    {
      g_autofree char *csv_name = g_strconcat (expected_tables[i], ".csv", NULL);
      g_autoptr(GFile) csv = g_file_get_child (folder, csv_name);

      g_test_message ("table %s", expected_tables[i]);
      g_assert_true (json_object_has_member (tables, expected_tables[i]));
      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (tables, expected_tables[i])));
      g_assert_true (g_file_query_exists (csv, NULL));
    }

  /* Content: the two accounts with their tricky text, the two changes. */
  {
    JsonArray *accounts = json_object_get_array_member (tables, "accounts");
    JsonArray *history = json_object_get_array_member (tables, "consent_history");
    JsonArray *empty = json_object_get_array_member (tables, "scenarios");
    g_autofree char *csv_path = g_build_filename (g_file_peek_path (folder), "accounts.csv", NULL);
    g_autofree char *empty_path = g_build_filename (g_file_peek_path (folder), "scenarios.csv", NULL);
    g_autofree char *csv_text = NULL;
    g_autofree char *empty_text = NULL;

    g_assert_cmpuint (json_array_get_length (accounts), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (accounts, 0), "json"),
                     ==, jsons[0]);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (accounts, 1), "json"),
                     ==, jsons[1]);
    g_assert_cmpuint (json_array_get_length (history), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 1), "action"),
                     ==, "revoked");
    g_assert_cmpuint (json_array_get_length (empty), ==, 0);

    g_assert_true (g_file_get_contents (csv_path, &csv_text, NULL, NULL));
    g_assert_true (g_str_has_prefix (csv_text, "id,json,updated\r\nacc_1,\"{\"\"name\"\":\"\"Current \\\"\"main\\\"\", joint\"\"}\","));
    g_assert_true (g_file_get_contents (empty_path, &empty_text, NULL, NULL));
    g_assert_true (g_str_has_prefix (empty_text, "id,name,created,json"));
  }

  gtk_window_destroy (window);
  rm_rf (parent_path);
}

static void
erased_cb (FpPrivacyPage *page,
           gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

static GtkWindow *
find_message_dialog (const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (w), response))
        return w;
    }
  return NULL;
}

static void
count_files (const char *path,
             guint      *n)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        count_files (child, n);
      else
        {
          g_test_message ("file in the cache folder: %s", name);
          (*n)++;
        }
    }
}

static void
test_erase (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *page = fp_privacy_page_new ();
  GtkWindow *window;
  GtkWindow *dialog;
  gboolean erased = FALSE;
  guint n_files = 0;
  g_autoptr(GError) error = NULL;

  fp_consent_policy_set (f->policy, FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, g_get_real_time ());
  g_assert_true (fp_cache_put_derived (f->cache, FP_CACHE_INSIGHTS, "health", "{}", &error));
  g_object_set (page, "cache", f->cache, "consent-policy", f->policy, NULL);
  g_signal_connect (page, "erased", G_CALLBACK (erased_cb), &erased);
  window = show_in_window (page, 800, 600);

  count_files (f->dir, &n_files);
  g_assert_cmpuint (n_files, >, 0);

  /* "Ask the bank" queues the erasure request. */
  g_assert_true (gtk_widget_activate_action (page, "privacy.request-erasure", NULL));
  fp_ui_test_spin (50);
  dialog = find_message_dialog ("send");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "send");
  fp_ui_test_spin (50);
  {
    g_autoptr(GPtrArray) items = fp_cache_outbox_list_pending (f->cache, &error);
    const FpOutboxItem *last = g_ptr_array_index (items, items->len - 1);

    g_assert_cmpstr (last->path, ==, "v1/privacy/erasure-requests");
  }

  /* Cancel changes nothing. */
  g_assert_true (gtk_widget_activate_action (page, "privacy.erase-device", NULL));
  fp_ui_test_spin (50);
  dialog = find_message_dialog ("erase");
  g_assert_nonnull (dialog);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase"),
                   ==, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  fp_ui_test_spin (50);
  g_assert_false (erased);
  g_assert_nonnull (fp_privacy_page_get_cache (FP_PRIVACY_PAGE (page)));

  /* Erase. */
  g_assert_true (gtk_widget_activate_action (page, "privacy.erase-device", NULL));
  fp_ui_test_spin (50);
  dialog = find_message_dialog ("erase");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "erase");
  fp_ui_test_wait (&erased);

  n_files = 0;
  count_files (f->dir, &n_files);
  g_assert_cmpuint (n_files, ==, 0);
  g_assert_null (fp_privacy_page_get_cache (FP_PRIVACY_PAGE (page)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (page, FP_TYPE_PRIVACY_PAGE, "state_stack"))),
                   ==, "empty");

  gtk_window_destroy (window);
}

/* Onboarding */

static void
done_cb (FpOnboardingConsent *step,
         guint                mask,
         gpointer             user_data)
{
  guint *out = user_data;

  *out = mask;
}

static void
test_onboarding (void)
{
  g_autoptr(FpConsentPolicy) none_policy = fp_consent_policy_new ("Test laptop");
  g_autoptr(FpConsentPolicy) all_policy = fp_consent_policy_new ("Test laptop");
  GtkWidget *step = fp_onboarding_consent_new (none_policy);
  GtkWindow *window = show_in_window (step, 1280, 800);
  GtkWidget *none_button = GTK_WIDGET (gtk_widget_get_template_child (step, FP_TYPE_ONBOARDING_CONSENT, "none_button"));
  GtkWidget *all_button = GTK_WIDGET (gtk_widget_get_template_child (step, FP_TYPE_ONBOARDING_CONSENT, "all_button"));
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  guint mask = G_MAXUINT;

  /* Nothing pre-ticked. */
  collect_switches (step, switches);
  g_assert_cmpuint (switches->len, ==, FP_N_PURPOSES);
  for (guint i = 0; i < switches->len; i++)
    g_assert_false (gtk_switch_get_active (g_ptr_array_index (switches, i)));

  /* As easy as each other: same style, same size, neither suggested. */
  g_assert_false (gtk_widget_has_css_class (none_button, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (all_button, "suggested-action"));
  g_assert_cmpint (gtk_widget_has_css_class (none_button, "pill"), ==,
                   gtk_widget_has_css_class (all_button, "pill"));
  g_assert_cmpint (gtk_widget_get_width (none_button), ==, gtk_widget_get_width (all_button));
  g_assert_cmpint (gtk_widget_get_height (none_button), ==, gtk_widget_get_height (all_button));

  g_signal_connect (step, "done", G_CALLBACK (done_cb), &mask);
  g_signal_emit_by_name (none_button, "clicked");
  g_assert_cmpuint (mask, ==, 0);
  g_assert_cmpuint (fp_consent_policy_get_n_changes (none_policy), ==, 0);
  for (guint i = 0; i < FP_N_PURPOSES; i++)
    g_assert_false (fp_consent_policy_allows (none_policy, (FpPurpose) i));

  /* A choice of one. */
  fp_onboarding_consent_set_consent_policy (FP_ONBOARDING_CONSENT (step), all_policy);
  gtk_switch_set_active (g_ptr_array_index (switches, FP_PURPOSE_GENAI), TRUE);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (none_button)), !=, "_Continue with None");
  gtk_switch_set_active (g_ptr_array_index (switches, FP_PURPOSE_GENAI), FALSE);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (none_button)), ==, "_Continue with None");

  g_signal_emit_by_name (all_button, "clicked");
  g_assert_cmpuint (mask, ==, (1u << FP_N_PURPOSES) - 1);
  for (guint i = 0; i < FP_N_PURPOSES; i++)
    g_assert_true (fp_consent_policy_allows (all_policy, (FpPurpose) i));
  g_assert_cmpuint (fp_consent_policy_get_n_changes (all_policy), ==, FP_N_PURPOSES);

  gtk_window_destroy (window);
}

/* Screenshots, rendered as src/ui/fp-screenshot.c does. */

static void
save_window (GtkWidget  *window,
             const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static void
shoot (GtkWidget  *child,
       int         width,
       int         height,
       const char *path,
       const char *scrolled_path)
{
  GtkWindow *window = show_in_window (child, width, height);
  int w, h;

  fp_ui_test_spin (300);
  /* Correct for the frame client-side decorations draw outside. */
  gtk_window_get_default_size (window, &w, &h);
  if (gtk_widget_get_width (GTK_WIDGET (window)) != width ||
      gtk_widget_get_height (GTK_WIDGET (window)) != height)
    {
      gtk_window_set_default_size (window, w + width - gtk_widget_get_width (GTK_WIDGET (window)),
                                   h + height - gtk_widget_get_height (GTK_WIDGET (window)));
      fp_ui_test_spin (300);
    }
  save_window (GTK_WIDGET (window), path);

  /* The end of the page too: the history. */
  if (scrolled_path != NULL)
    {
      GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (child, FP_TYPE_PRIVACY_PAGE, "scroller"));
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
      fp_ui_test_spin (300);
      save_window (GTK_WIDGET (window), scrolled_path);
    }
  gtk_window_destroy (window);
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { int w, h; const char *name; } sizes[] = {
    { 360, 640, "360x640" },
    { 1280, 800, "1280x800" },
  };
  const char *build_root = g_getenv ("FP_BUILD_ROOT");
  g_autofree char *dir = g_build_filename (build_root != NULL ? build_root : ".", "tests", "ui",
                                           "screenshots-privacy", NULL);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(FpConsentRecord) bank = NULL;
  gint64 t = g_get_real_time () - G_GINT64_CONSTANT (3) * 24 * 3600 * G_USEC_PER_SEC;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  /* A plausible history: two consents, one confirmed, one overridden. */
  fp_consent_policy_set (f->policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, t);
  fp_consent_policy_confirm (f->policy, FP_PURPOSE_PERSONALIZATION, "rcp_1041", t + G_GINT64_CONSTANT (60) * G_USEC_PER_SEC);
  fp_consent_policy_set (f->policy, FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, t + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC);
  bank = fp_consent_record_new (FP_PURPOSE_MARKETING, FP_CONSENT_REVOKED, t + G_GINT64_CONSTANT (7200) * G_USEC_PER_SEC,
                                NULL, NULL, "rcp_1042");
  fp_consent_policy_apply_bank_record (f->policy, bank, t + G_GINT64_CONSTANT (7200) * G_USEC_PER_SEC, NULL);
  fp_consent_policy_set (f->policy, FP_PURPOSE_GENAI, FP_CONSENT_GRANTED, g_get_real_time ());

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          gboolean narrow = sizes[i].w < 720;
          g_autofree char *privacy_name = g_strdup_printf ("privacy-%s-%s.png", sizes[i].name, dark ? "dark" : "light");
          g_autofree char *onboarding_name = g_strdup_printf ("onboarding-%s-%s.png", sizes[i].name, dark ? "dark" : "light");
          g_autofree char *privacy_path = g_build_filename (dir, privacy_name, NULL);
          g_autofree char *onboarding_path = g_build_filename (dir, onboarding_name, NULL);
          g_autofree char *history_name = g_strdup_printf ("privacy-end-%s-%s.png", sizes[i].name, dark ? "dark" : "light");
          g_autofree char *history_path = g_build_filename (dir, history_name, NULL);
          GtkWidget *page = fp_privacy_page_new ();
          GtkWidget *step = fp_onboarding_consent_new (NULL);

          g_object_set (page, "cache", f->cache, "consent-policy", f->policy, "narrow", narrow, NULL);
          shoot (page, sizes[i].w, sizes[i].h, privacy_path, history_path);
          g_object_set (step, "narrow", narrow, NULL);
          shoot (step, sizes[i].w, sizes[i].h, onboarding_path, NULL);
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  fp_ui_test_init (&argc, &argv);

  g_test_add_func ("/privacy/empty-state", test_empty_state);
  g_test_add ("/privacy/switches", Fixture, NULL, fixture_set_up, test_switches, fixture_tear_down);
  g_test_add ("/privacy/status", Fixture, NULL, fixture_set_up, test_status, fixture_tear_down);
  g_test_add ("/privacy/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/privacy/erase", Fixture, NULL, fixture_set_up, test_erase, fixture_tear_down);
  g_test_add_func ("/privacy/onboarding", test_onboarding);
  g_test_add ("/privacy/screenshots", Fixture, NULL, fixture_set_up, test_screenshots, fixture_tear_down);

  return g_test_run ();
}
