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
 * after 10 s: a loaded machine may take many frames to lay a window out. */
static inline void
fp_ui_test_wait_for (gboolean (*predicate) (gpointer data),
                     gpointer   data,
                     gboolean   expected)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!predicate (data) != !expected)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
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
