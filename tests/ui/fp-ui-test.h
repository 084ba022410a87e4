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

/* A deadline @seconds from now, against hangs, not a measurement: under
 * the sanitizers (FP_TEST_TIME_SCALE, set by tests/meson.build) everything
 * takes several times longer. */
static inline gint64
fp_ui_test_deadline (int seconds)
{
  const char *scale = g_getenv ("FP_TEST_TIME_SCALE");
  gint64 k = scale != NULL ? CLAMP (g_ascii_strtoll (scale, NULL, 10), 1, 20) : 1;

  return g_get_monotonic_time () + seconds * k * G_USEC_PER_SEC;
}

/* Runs the main loop until @done is TRUE, or fails after 10 s. */
static inline void
fp_ui_test_wait (const gboolean *done)
{
  gint64 deadline = fp_ui_test_deadline (10);

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
  gint64 deadline = fp_ui_test_deadline (30);

  while (!predicate (data) != !expected)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("%s: %s did not become %s in time (30 s, times FP_TEST_TIME_SCALE)",
                 where, what, expected ? "TRUE" : "FALSE");
    }
}

/* Renders @widget (the window, or a whole scrolled content over
 * @background) into the PNG @path, as src/ui/fp-screenshot.c does, once it
 * is mapped and has a size: a loaded machine may take many frames to lay
 * out what was just shown. */
static inline void
fp_ui_test_save_png (GtkWidget     *window,
                     GtkWidget     *widget,
                     const GdkRGBA *background,
                     const char    *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  gint64 deadline = fp_ui_test_deadline (30);
  int width, height;

  g_assert_nonnull (renderer);
  for (;;)
    {
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      if (gtk_widget_get_mapped (widget) && width > 0 && height > 0)
        {
          GtkSnapshot *snapshot = gtk_snapshot_new ();

          if (background != NULL)
            gtk_snapshot_append_color (snapshot, background, &GRAPHENE_RECT_INIT (0, 0, width, height));
          gdk_paintable_snapshot (paintable, snapshot, width, height);
          node = gtk_snapshot_free_to_node (snapshot);
          if (node != NULL)
            break;
        }
      if (g_get_monotonic_time () > deadline)
        g_error ("%s: nothing to draw in time", path);
      g_main_context_iteration (NULL, FALSE);
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s (%d×%d)", path, width, height);
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
