/* test-assistant.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Assistant page against the whole GenAI path on loopback
 * (tests/fp-proxy-test-env.h: the sandbox bank, the Bedrock stand-in and
 * finpersona-genai-proxy in threads of the test), with a session synced
 * from that bank:
 *  - with the GenAI consent the answer streams in: the page shows text
 *    before the answer is done; the facts it was based on are listed; the
 *    prompt the stand-in was given has no name, merchant or card number;
 *  - Stop Answering (Escape) cancels the stream at the stand-in;
 *  - throttled: "Try again in N seconds"; offline: a clear message;
 *  - without the consent nothing reaches the proxy or the stand-in
 *    (their counters) and the answer is written on this device;
 *  - Enter in the entry asks;
 *  - the conversation is in the cache, comes back in a new page, and
 *    "Clear Conversation" forgets it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "fp-assistant-message.h"
#include "fp-assistant-page.h"
#include "fp-cache-conversation.h"
#include "fp-proxy-test-env.h"
#include "fp-session.h"
#include "fp-ui-test.h"

typedef struct {
  ProxyEnv        *env;
  FpSession       *session;
  GtkWindow       *window;
  FpAssistantPage *page;
} Fixture;

static gboolean
is_synced (gpointer data)
{
  FpSyncEngine *engine = fp_session_get_sync_engine (data);

  g_assert_cmpint (fp_session_get_state (data), !=, FP_SESSION_STATE_FAILED);
  return engine != NULL && fp_sync_engine_get_state (engine) == FP_SYNC_STATE_IDLE
         && fp_sync_engine_get_last_synced (engine) > 0;
}

static void
tweak (ProxyEnv *e,
       gpointer  data)
{
  /* Slow enough to see the answer arrive piece by piece. */
  e->bedrock_config.chunk_delay_ms = 30;
}

static void
set_consent (Fixture   *f,
             FpPurpose  purpose,
             gboolean   granted)
{
  g_assert_true (fp_consent_policy_set (fp_session_get_consent_policy (f->session), purpose,
                                        granted ? FP_CONSENT_GRANTED : FP_CONSENT_REVOKED,
                                        g_get_real_time ()));
}

static void
fixture_set_up (Fixture *f)
{
  f->env = proxy_env_start (tweak, NULL);
  proxy_env_bank_consent (f->env, TRUE);
  f->session = fp_session_new (f->env->bank_url, NULL, FP_SESSION_EPHEMERAL);
  {
    /* A configured proxy's address ends with its version, as in Preferences. */
    g_autofree char *genai = proxy_env_url (f->env->proxy_url, "v1/");

    g_assert_true (fp_session_set_genai_url (f->session, genai));
  }
  fp_session_set_tokens (f->session, proxy_env_sign_in (f->env), NULL,
                         g_get_real_time () / G_USEC_PER_SEC + 3600);
  fp_session_open (f->session);
  fp_ui_test_wait_for (is_synced, f->session, TRUE);
  set_consent (f, FP_PURPOSE_PERSONALIZATION, TRUE);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 900);
  f->page = FP_ASSISTANT_PAGE (fp_assistant_page_new ());
  g_object_set (f->page, "session", f->session, "cache", fp_session_get_cache (f->session),
                "consent-policy", fp_session_get_consent_policy (f->session), NULL);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture *f)
{
  gtk_window_destroy (f->window);
  fp_session_shutdown (f->session);
  g_clear_object (&f->session);
  proxy_env_stop (f->env);
}

static gboolean
is_idle (gpointer data)
{
  return !fp_assistant_page_get_busy (data);
}

static FpAssistantMessage *
last_message (Fixture *f)
{
  return FP_ASSISTANT_MESSAGE (fp_assistant_page_get_last_message (f->page));
}

typedef struct {
  FpAssistantPage *page;
  guint            deltas;
  guint            shown_before_done;
} Stream;

static void
delta_cb (FpGenaiAnswer *answer,
          const char    *text,
          Stream        *s)
{
  s->deltas++;
}

/* After the page handled a delta, the label holds it while the answer is
 * still being written. */
static void
delta_after_cb (FpGenaiAnswer *answer,
                const char    *text,
                Stream        *s)
{
  FpAssistantMessage *m = FP_ASSISTANT_MESSAGE (fp_assistant_page_get_last_message (s->page));
  GtkLabel *label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (m), FP_TYPE_ASSISTANT_MESSAGE,
                                                              "text_label"));

  if (fp_genai_answer_get_state (answer) == FP_GENAI_ANSWER_RUNNING
      && g_str_has_suffix (gtk_label_get_text (label), text) && gtk_widget_get_visible (GTK_WIDGET (label)))
    s->shown_before_done++;
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

/* The answer being written has its first words: the stream is open at
 * the stand-in. */
static gboolean
has_text (gpointer data)
{
  Fixture *f = data;
  GtkWidget *m = fp_assistant_page_get_last_message (f->page);

  return fp_assistant_page_get_busy (f->page) && m != NULL
         && *fp_assistant_message_get_text (FP_ASSISTANT_MESSAGE (m)) != '\0';
}

static gboolean
has_answer (gpointer data)
{
  return fp_assistant_page_get_answer (data) != NULL;
}

static void
check_prompt_has_no_personal_data (Fixture *f)
{
  g_autofree char *url = proxy_env_url (f->env->bedrock_url, "_sandbox/bedrock/stats");
  g_autofree char *body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *prompt;
  const FpBankCustomer *c = fp_bank_data_get_customer (f->env->data, 0);
  guint checked = 0;

  g_assert_cmpuint (proxy_env_send (f->env, url, "GET", NULL, NULL, NULL, NULL, &body, NULL, NULL), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  prompt = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "lastPrompt");
  g_assert_nonnull (prompt);
  g_assert_nonnull (strstr (prompt, "{\"key\":\"question_kind\",\"value\":\"spending\"}"));
  g_assert_nonnull (c);
  g_assert_null (strstr (prompt, c->person));
  g_assert_false (g_regex_match_simple ("[0-9]{9}", prompt, 0, 0));
  for (guint i = 0; i < fp_bank_data_get_n_transactions (f->env->data) && checked < 200; i++)
    {
      FpBankTransaction t;
      char name[128];

      if (!fp_bank_data_get_transaction (f->env->data, i, &t) || t.merchant_id == 0
          || !fp_bank_data_get_merchant_name (f->env->data, t.merchant_id, t.mcc, name, sizeof name))
        continue;
      checked++;
      g_assert_null (strstr (prompt, name));
    }
  g_assert_cmpuint (checked, >, 0);
}

static void
test_assistant (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  Stream s = { 0 };
  FpAssistantMessage *m;
  FpGenaiAnswer *answer;
  g_autoptr(GPtrArray) kept = NULL;
  gint64 requests;
  FpProxyStats stats;
  GtkWidget *consent_box;

  fixture_set_up (f);
  s.page = f->page;
  consent_box = fp_assistant_page_find_child (f->page, "consent_box");

  /* With the GenAI consent (the bank's record came with the sync): the
   * answer streams in; text shows before it is done. */
  g_assert_false (gtk_widget_get_visible (consent_box));
  fp_assistant_page_ask (f->page, "Why did my spending go up in October?");
  fp_ui_test_wait_for (has_answer, f->page, TRUE);
  answer = fp_assistant_page_get_answer (f->page);
  g_signal_connect (answer, "delta", G_CALLBACK (delta_cb), &s);
  g_signal_connect_after (answer, "delta", G_CALLBACK (delta_after_cb), &s);
  fp_ui_test_wait_for (is_idle, f->page, TRUE);
  m = last_message (f);
  g_assert_null (fp_assistant_message_get_status (m));
  g_assert_cmpuint (s.deltas, >, 3);
  g_assert_cmpuint (s.shown_before_done, >, 2);
  g_assert_nonnull (strstr (fp_assistant_message_get_text (m), "In October"));
  g_assert_nonnull (strstr (fp_assistant_message_get_source_text (m), "Amazon Bedrock"));
  g_assert_true (widget_visible (gtk_widget_get_template_child (GTK_WIDGET (m), FP_TYPE_ASSISTANT_MESSAGE,
                                                                "facts_expander")));
  check_prompt_has_no_personal_data (f);

  /* Stop Answering (Escape): the stream is cancelled at the stand-in. */
  proxy_env_bedrock_faults (f->env, "{\"chunkDelayMs\":200}");
  fp_assistant_page_ask (f->page, "What drives my health score?");
  fp_ui_test_wait_for (has_text, f, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "assistant.stop", NULL));
  g_assert_false (fp_assistant_page_get_busy (f->page));
  g_assert_cmpstr (fp_assistant_message_get_status (last_message (f)), ==, "Stopped.");
  proxy_env_wait_bedrock_stat (f->env, "streamsCancelled", 1);
  proxy_env_bedrock_faults (f->env, "{\"chunkDelayMs\":0}");

  /* Throttled by the stand-in, after the proxy's retries: try again later. */
  proxy_env_bedrock_faults (f->env, "{\"throttleNext\":10}");
  fp_assistant_page_ask (f->page, "What do my subscriptions cost?");
  fp_ui_test_wait_for (is_idle, f->page, TRUE);
  g_test_message ("throttled: %s", fp_assistant_message_get_status (last_message (f)));
  g_assert_nonnull (strstr (fp_assistant_message_get_status (last_message (f)), "Try again in"));
  proxy_env_bedrock_faults (f->env, "{\"throttleNext\":0}");

  /* Offline: the proxy cannot be reached. */
  g_assert_true (fp_session_set_genai_url (f->session, "http://127.0.0.1:9/"));
  fp_assistant_page_ask (f->page, "Will I run low before payday?");
  fp_ui_test_wait_for (is_idle, f->page, TRUE);
  g_assert_cmpstr (fp_assistant_message_get_status (last_message (f)), ==,
                   "The assistant cannot be reached. Check your connection and try again.");

  /* Without the GenAI consent: the page says so, and answers here. (The
   * bank's record of it came with the sync; the customer withdraws it.) */
  set_consent (f, FP_PURPOSE_GENAI, FALSE);
  fp_ui_test_wait_for (widget_visible, consent_box, TRUE);
  requests = proxy_env_bedrock_stat (f->env, "requests");
  stats = proxy_env_proxy_stats (f->env);
  fp_assistant_page_ask (f->page, "Why did my spending go up in October?");
  fp_ui_test_wait_for (is_idle, f->page, TRUE);
  m = last_message (f);
  g_assert_cmpstr (fp_assistant_message_get_source_text (m), ==, "Written on this device");
  g_assert_nonnull (strstr (fp_assistant_message_get_text (m), "In October"));
  g_assert_null (fp_assistant_message_get_status (m));
  g_assert_cmpint (proxy_env_bedrock_stat (f->env, "requests"), ==, requests);
  g_assert_cmpuint (proxy_env_proxy_stats (f->env).requests, ==, stats.requests);

  /* Enter in the entry asks. */
  {
    GtkEditable *entry = fp_assistant_page_find_child (f->page, "entry");

    gtk_editable_set_text (entry, "What drives my health score?");
    g_signal_emit_by_name (entry, "activate");
    fp_ui_test_wait_for (is_idle, f->page, TRUE);
    g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
    g_assert_nonnull (strstr (fp_assistant_message_get_text (last_message (f)),
                              "Your financial health score is"));
  }

  /* The conversation is kept; a new page shows it; Clear forgets it. */
  kept = fp_cache_list_assistant_messages (fp_session_get_cache (f->session), NULL);
  g_assert_cmpuint (kept->len, ==, 2 + 1 + 1 + 1 + 2 + 2);
  {
    FpAssistantPage *other = FP_ASSISTANT_PAGE (g_object_ref_sink (fp_assistant_page_new ()));

    g_object_set (other, "cache", fp_session_get_cache (f->session), NULL);
    g_assert_cmpuint (fp_assistant_page_get_n_messages (other), ==, kept->len);
    g_object_unref (other);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "assistant.clear", NULL));
  g_assert_cmpuint (fp_assistant_page_get_n_messages (f->page), ==, 0);
  g_clear_pointer (&kept, g_ptr_array_unref);
  kept = fp_cache_list_assistant_messages (fp_session_get_cache (f->session), NULL);
  g_assert_cmpuint (kept->len, ==, 0);

  fixture_tear_down (f);
}


/* Screenshots for review: _build/tests/ui/assistant-screenshots/. */

static void
save_shot (GtkWindow  *window,
           const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "ui", "assistant-screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  fp_ui_test_spin (100);
  fp_ui_test_save_png (GTK_WIDGET (window), GTK_WIDGET (window), NULL, path);
}

static const struct {
  int         width, height;
  const char *style;
} looks[] = {
  { 360, 640, "light" }, { 360, 640, "dark" }, { 1280, 800, "light" }, { 1280, 800, "dark" },
};

static void
look (Fixture *f,
      guint    i)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      g_str_equal (looks[i].style, "dark") ? ADW_COLOR_SCHEME_FORCE_DARK
                                                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (f->window, looks[i].width, looks[i].height);
  g_object_set (f->page, "narrow", looks[i].width < 600, NULL);
  fp_ui_test_spin (300);
}

static void
expand_facts (Fixture *f)
{
  GtkWidget *m = fp_assistant_page_get_last_message (f->page);

  gtk_expander_set_expanded (GTK_EXPANDER (gtk_widget_get_template_child (m, FP_TYPE_ASSISTANT_MESSAGE,
                                                                          "facts_expander")), TRUE);
}

static void
test_screenshots (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;

  fixture_set_up (f);
  proxy_env_bedrock_faults (f->env, "{\"chunkDelayMs\":150}");
  for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
    {
      g_autofree char *mid = g_strdup_printf ("%dx%d-%s-genai-streaming", looks[i].width, looks[i].height,
                                              looks[i].style);
      g_autofree char *done = g_strdup_printf ("%dx%d-%s-genai-finished", looks[i].width, looks[i].height,
                                               looks[i].style);

      look (f, i);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "assistant.clear", NULL));
      fp_assistant_page_ask (f->page, "Why did my spending go up in October?");
      fp_ui_test_wait_for (has_text, f, TRUE);
      fp_ui_test_spin (500);
      g_assert_true (fp_assistant_page_get_busy (f->page));
      save_shot (f->window, mid);
      fp_ui_test_wait_for (is_idle, f->page, TRUE);
      expand_facts (f);
      save_shot (f->window, done);
    }
  set_consent (f, FP_PURPOSE_GENAI, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
    {
      g_autofree char *name = g_strdup_printf ("%dx%d-%s-on-device", looks[i].width, looks[i].height, looks[i].style);

      look (f, i);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "assistant.clear", NULL));
      fp_assistant_page_ask (f->page, "Can I afford $600 more rent a month?");
      fp_ui_test_wait_for (is_idle, f->page, TRUE);
      save_shot (f->window, name);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  fixture_tear_down (f);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  fp_ui_test_init (&argc, &argv);

  g_test_add_func ("/assistant/page", test_assistant);
  g_test_add_func ("/assistant/screenshots", test_screenshots);

  return g_test_run ();
}
