/* fp-ui-test.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers for the widget tests.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

static inline void
fp_ui_test_init (int    *argc,
                 char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/* Runs the main loop until @done is TRUE, or fails after 10 s. */
static inline void
fp_ui_test_wait (const gboolean *done)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!*done)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

/* Runs the main loop until @predicate (@data) equals @expected, or fails
 * after 30 s naming the caller: a loaded machine may take many frames to
 * lay a window out, and a sync with the sandbox bank takes a while. */
#define fp_ui_test_wait_for(predicate, data, expected) \
  fp_ui_test_wait_for_at ((predicate), (data), (expected), G_STRLOC, #predicate)

static inline void
fp_ui_test_wait_for_at (gboolean    (*predicate) (gpointer data),
                        gpointer      data,
                        gboolean      expected,
                        const char   *where,
                        const char   *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!predicate (data) != !expected)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("%s: %s did not become %s within 30 s", where, what, expected ? "TRUE" : "FALSE");
    }
}

/* Runs the main loop for a few frames' worth of time. */
static inline void
fp_ui_test_spin (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

G_END_DECLS
