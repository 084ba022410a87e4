/* bench-kiosk.c: a kiosk's customer, from the sign-in approved on the
 * phone (the verification page's POST) to the dashboard painted, for a
 * customer with N transactions.
 *
 * The sandbox bank runs on a thread of this process (the demo customer's
 * history topped up with copies to N, and the personalization consent
 * recorded at the bank, so the first dashboard is the whole one); the
 * kiosk is the real one (FpKiosk, its window at 1920×1080 in the
 * benchmark's own Xvfb): the device grant polling at the bank's interval
 * (5 s, the sandbox's default), the ephemeral cache, the first sync of
 * everything, the consents applied, the dashboard computed and painted.
 *
 * Printed per run and as the median of 3 runs (1 at the small size): approval → tokens (the poll
 * interval's share: the approval is seen at the next poll), tokens →
 * synced, synced → dashboard computed, → painted, and the total. The
 * approval is sent at a random moment within the polling interval, as a
 * person's would be.
 *
 * FP_BENCH_SIZE=small: 10k transactions; full: 100k.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <libsoup/soup.h>

#include "fp-bank-data.h"
#include "fp-dashboard-page.h"
#include "fp-generator.h"
#include "fp-kiosk.h"
#include "fp-oauth-client.h"
#include "fp-sandbox-oauth.h"
#include "fp-sandbox-server.h"

#define MAX_RUNS 3

typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  FpBankData   *data;
  char         *url;
  GMutex        lock;
  GCond         cond;
} Bank;

static gpointer
bank_thread (gpointer user_data)
{
  Bank *b = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpSandboxServer) server = NULL;
  FpSandboxConfig config;

  g_main_context_push_thread_default (b->context);
  fp_sandbox_config_init (&config);
  config.demo = TRUE;
  server = fp_sandbox_server_new (b->data, &config);
  if (!fp_sandbox_server_listen (server, &error))
    g_error ("%s", error->message);
  g_mutex_lock (&b->lock);
  b->url = g_strdup (fp_sandbox_server_get_base_url (server));
  g_cond_signal (&b->cond);
  g_mutex_unlock (&b->lock);
  g_main_loop_run (b->loop);
  g_main_context_pop_thread_default (b->context);
  return NULL;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* The demo customer's history, with copies up to @n changes in the feed
 * (as bench-sync.c); @out_rows: the transactions that are not deleted. */
static FpBankData *
make_data (guint    n,
           guint64 *out_rows)
{
  g_autoptr(GError) error = NULL;
  FpBankData *data = fp_bank_data_new_generated (0, 1, 1, &error);
  g_autoptr(GArray) templates = g_array_new (FALSE, FALSE, sizeof (FpBankTransaction));
  guint64 have;

  g_assert_no_error (error);
  for (guint32 id = 0; id < fp_bank_data_get_n_transactions (data); id++)
    {
      FpBankTransaction t;

      if (fp_bank_data_get_transaction (data, id, &t) && t.customer == 0 && !t.is_deleted)
        g_array_append_val (templates, t);
    }
  have = fp_bank_data_get_latest_seq (data, 0);
  for (guint64 i = 0; have + i < n; i++)
    {
      FpBankTransaction t = g_array_index (templates, FpBankTransaction, i % templates->len);

      t.booked_at -= (gint64) ((i / templates->len + 1) % 5000) * 60 * 17;
      t.amount += (gint64) (i % 97) - 48;
      if (fp_bank_data_add_transaction (data, &t, &error) == FP_BANK_NO_ID)
        g_error ("%s", error->message);
      (*out_rows)++;
    }
  *out_rows += templates->len;
  return data;
}

static guint
send (SoupSession *session,
      SoupMessage *msg)
{
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

  return soup_message_get_status (msg);
}

/* The customer consented to personalization at home: the bank has it. */
static void
record_consent (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpHttpClient) http = fp_http_client_new (url, &error);
  g_autoptr(FpOAuthClient) oauth = fp_oauth_client_new (http);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *consents = g_strconcat (url, "v1/consents", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", consents);
  g_autofree char *access = NULL, *refresh = NULL;
  g_autofree char *auth = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"purpose\": \"personalization\"}", 30);
  gint64 expires = 0;

  if (!fp_oauth_client_sign_in (oauth, FP_OAUTH_SIGN_IN_DEMO, NULL, &error))
    g_error ("sign-in: %s", error->message);
  fp_oauth_client_export_tokens (oauth, &access, &refresh, &expires);
  auth = g_strconcat ("Bearer ", access, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key",
                                "bench-kiosk-consent");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  if (send (session, msg) / 100 != 2)
    g_error ("the consent was not recorded (HTTP %u)", soup_message_get_status (msg));
  fp_oauth_client_sign_out (oauth, NULL, NULL);
}

typedef struct {
  FpKiosk *kiosk;
  guint64  cached;
  gint64   tokens_at;
  gint64   synced_at;
  gint64   updated_at;
  gint64   painted_at;
} Run;

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  if (run->updated_at > 0 && run->painted_at == 0)
    run->painted_at = g_get_monotonic_time ();
}

static void
updated_cb (FpDashboardPage *page,
            Run             *run)
{
  if (run->synced_at > 0 && run->updated_at == 0)
    {
      run->updated_at = g_get_monotonic_time ();
      gtk_widget_queue_draw (GTK_WIDGET (page));
    }
}

static void
synced_cb (FpSession *session,
           Run       *run)
{
  if (run->synced_at == 0)
    {
      run->synced_at = g_get_monotonic_time ();
      fp_cache_count_transactions (fp_session_get_cache (session), NULL, &run->cached, NULL);
    }
}

static void
state_cb (FpKioskSession *kiosk_session,
          GParamSpec     *pspec,
          Run            *run)
{
  FpWindow *window = fp_kiosk_get_window (run->kiosk);

  if (fp_kiosk_session_get_state (kiosk_session) != FP_KIOSK_STATE_SIGNED_IN || run->tokens_at > 0)
    return;
  run->tokens_at = g_get_monotonic_time ();
  g_signal_connect (fp_kiosk_session_get_session (kiosk_session), "synced", G_CALLBACK (synced_cb), run);
  g_signal_connect (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), FP_TYPE_WINDOW, "stack")),
                                                      "dashboard"),
                    "updated", G_CALLBACK (updated_cb), run);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), run);
}

static void
spin_until (gint64 *when)
{
  gint64 deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;

  while (*when == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("the kiosk did not get there within 300 s");
    }
}

static int
compare_i64 (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static double
ms (gint64 usec)
{
  return usec / 1000.0;
}

static void
bench (guint n)
{
  Bank b = { 0 };
  GThread *thread;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *otp = fp_sandbox_one_time_code ("demo");
  gint64 poll[MAX_RUNS], sync[MAX_RUNS], compute[MAX_RUNS], paint[MAX_RUNS], total[MAX_RUNS];
  gint64 from_tokens[MAX_RUNS];
  gint64 interval = 0;
  guint runs = n >= 100000 ? MAX_RUNS : 1;
  guint64 rows = 0;

  b.data = make_data (n, &rows);
  b.context = g_main_context_new ();
  b.loop = g_main_loop_new (b.context, FALSE);
  g_mutex_init (&b.lock);
  g_cond_init (&b.cond);
  g_mutex_lock (&b.lock);
  thread = g_thread_new ("bank", bank_thread, &b);
  while (b.url == NULL)
    g_cond_wait (&b.cond, &b.lock);
  g_mutex_unlock (&b.lock);
  record_consent (b.url);

  settings = g_settings_new (FP_KIOSK_SCHEMA_ID);
  g_settings_set_string (settings, "bank-api-url", b.url);

  for (guint r = 0; r < runs; r++)
    {
      Run run = { 0 };
      FpKioskSession *ks;
      g_autofree char *page = NULL;
      g_autoptr(SoupMessage) msg = NULL;
      gint64 approved, until;

      run.kiosk = fp_kiosk_new (NULL, settings);
      fp_kiosk_set_size (run.kiosk, 1920, 1080);
      fp_kiosk_present (run.kiosk);
      ks = fp_kiosk_get_kiosk_session (run.kiosk);
      g_signal_connect (ks, "notify::state", G_CALLBACK (state_cb), &run);

      fp_kiosk_start (run.kiosk);
      while (fp_kiosk_session_get_state (ks) != FP_KIOSK_STATE_WAITING)
        g_main_context_iteration (NULL, TRUE);
      interval = fp_kiosk_session_get_interval (ks);

      /* A person takes a while to type on the phone: the approval lands
       * somewhere in the polling interval. */
      until = g_get_monotonic_time () + g_rand_int_range (rand, 2000, 2000 + (int) interval * 1000) * 1000;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);

      page = g_strconcat (b.url, "oauth/device", NULL);
      msg = soup_message_new_from_encoded_form ("POST", page,
                                                soup_form_encode ("user_code", fp_kiosk_session_get_user_code (ks),
                                                                  "username", "demo", "password", "sandbox",
                                                                  "otp", otp, "action", "approve", NULL));
      approved = g_get_monotonic_time ();
      if (send (session, msg) != 200)
        g_error ("the approval failed");

      spin_until (&run.painted_at);
      if (run.cached != rows)
        g_error ("%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " transactions were synced", run.cached, rows);
      poll[r] = run.tokens_at - approved;
      sync[r] = run.synced_at - run.tokens_at;
      compute[r] = run.updated_at - run.synced_at;
      paint[r] = run.painted_at - run.updated_at;
      total[r] = run.painted_at - approved;
      from_tokens[r] = run.painted_at - run.tokens_at;
      printf ("run %u (%" G_GUINT64_FORMAT " transactions cached): approval → tokens %7.1f ms, → synced %7.1f ms, → dashboard computed %6.1f ms,"
              " → painted %5.1f ms; total %7.1f ms\n",
              r + 1, run.cached, ms (poll[r]), ms (sync[r]), ms (compute[r]), ms (paint[r]), ms (total[r]));
      fflush (stdout);

      fp_kiosk_shutdown (run.kiosk);
      g_object_unref (run.kiosk);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  qsort (poll, runs, sizeof (gint64), compare_i64);
  qsort (sync, runs, sizeof (gint64), compare_i64);
  qsort (compute, runs, sizeof (gint64), compare_i64);
  qsort (paint, runs, sizeof (gint64), compare_i64);
  qsort (total, runs, sizeof (gint64), compare_i64);
  qsort (from_tokens, runs, sizeof (gint64), compare_i64);
  printf ("kiosk: %u changes in the feed, %" G_GUINT64_FORMAT " transactions (median of %u; the bank polls every %" G_GINT64_FORMAT " s):\n",
          n, rows, runs, interval);
  printf ("  approval on the phone → dashboard painted     %8.1f ms\n", ms (total[runs / 2]));
  printf ("    approval → tokens (waiting for the next poll) %8.1f ms\n", ms (poll[runs / 2]));
  printf ("    tokens → dashboard painted                    %8.1f ms\n", ms (from_tokens[runs / 2]));
  printf ("      of which the first sync                     %8.1f ms\n", ms (sync[runs / 2]));
  printf ("      the dashboard computed                      %8.1f ms\n", ms (compute[runs / 2]));
  printf ("      and painted                                 %8.1f ms\n", ms (paint[runs / 2]));
  fflush (stdout);

  g_main_context_invoke (b.context, quit_cb, b.loop);
  g_thread_join (thread);
  g_main_loop_unref (b.loop);
  g_main_context_unref (b.context);
  g_free (b.url);
}

int
main (int   argc,
      char *argv[])
{
  const char *size = g_getenv ("FP_BENCH_SIZE");

  if (!gtk_init_check ())
    {
      printf ("no display: the kiosk is not measured\n");
      return 0;
    }
  adw_init ();
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    /* What the application loads from its resources. */
    gtk_css_provider_load_from_resource (css, "/io/github/finpersona/FinPersona/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  bench (g_strcmp0 (size, "full") == 0 ? 100000 : 10000);
  return 0;
}
