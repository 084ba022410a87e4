/* fp-screenshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders each page of a window to a PNG file, for reviewers and UI tests:
 * present the window, then for every page show it, let a few frames pass so
 * that layout and transitions settle, and render the window's own widget
 * tree with its renderer. Before that, a run can answer the consent step
 * the way a customer does (`--screenshot-consents`): the window's own step
 * gets the choices and its button, and the window takes it from there.
 */

#define G_LOG_DOMAIN "fp-screenshot"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <json-glib/json-glib.h>

#include "fp-onboarding-consent.h"
#include "fp-screenshot.h"

/* Frames to wait after a page switch: allocation, the crossfade, one spare. */
#define SETTLE_FRAMES 12
/* A run that has not finished by then is stuck, not slow. */
#define TIMEOUT_SECONDS 60

typedef struct
{
  char   *directory;
  char  **pages;
  guint   index;
  guint   frames;
  int     width;
  int     height;
  guint   resizes;
  guint   tick_id;
  guint   timeout_id;
} ShotState;

static void
shot_state_free (ShotState *state)
{
  g_clear_pointer (&state->directory, g_free);
  g_clear_pointer (&state->pages, g_strfreev);
  g_clear_handle_id (&state->timeout_id, g_source_remove);
  g_free (state);
}

static gboolean
save_window (GtkWidget   *window,
             const char  *path,
             GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  if (renderer == NULL || width <= 0 || height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The window was not shown, so there is nothing to save"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The window drew nothing"));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write %s"), path);
      return FALSE;
    }

  return TRUE;
}

/* Where the text is: every label drawn in the picture, with its bounds in
 * the window (clipped by its ancestors, so that a label scrolled out of
 * view has none), for the contrast test (tests/ui/check-contrast.py),
 * which measures the text against its background in the PNG. Insensitive
 * labels are left out (WCAG exempts them). */
static void
add_text_regions (GtkWidget   *window,
                  GtkWidget   *widget,
                  JsonBuilder *builder)
{
  if (!gtk_widget_get_mapped (widget) || gtk_widget_get_opacity (widget) <= 0.0)
    return;

  if (GTK_IS_LABEL (widget) && gtk_widget_is_sensitive (widget) &&
      *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      graphene_rect_t bounds, clip;
      gboolean visible = gtk_widget_compute_bounds (widget, window, &bounds);

      for (GtkWidget *up = gtk_widget_get_parent (widget); visible && up != NULL && up != window;
           up = gtk_widget_get_parent (up))
        {
          if (!GTK_IS_VIEWPORT (up) && !GTK_IS_SCROLLED_WINDOW (up) && !GTK_IS_POPOVER (up) &&
              gtk_widget_get_overflow (up) != GTK_OVERFLOW_HIDDEN)
            continue;
          visible = gtk_widget_compute_bounds (up, window, &clip) &&
                    graphene_rect_intersection (&bounds, &clip, &bounds);
        }
      if (visible && bounds.size.width >= 4 && bounds.size.height >= 4)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, gtk_label_get_text (GTK_LABEL (widget)));
          json_builder_set_member_name (builder, "classes");
          json_builder_begin_array (builder);
          for (GtkWidget *up = widget; up != NULL && up != window; up = gtk_widget_get_parent (up))
            {
              g_auto(GStrv) classes = gtk_widget_get_css_classes (up);

              for (guint i = 0; classes[i] != NULL; i++)
                json_builder_add_string_value (builder, classes[i]);
            }
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "in-button");
          json_builder_add_boolean_value (builder, gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON) != NULL);
          json_builder_set_member_name (builder, "x");
          json_builder_add_int_value (builder, (gint64) ceil (bounds.origin.x));
          json_builder_set_member_name (builder, "y");
          json_builder_add_int_value (builder, (gint64) ceil (bounds.origin.y));
          json_builder_set_member_name (builder, "width");
          json_builder_add_int_value (builder, (gint64) floor (bounds.size.width));
          json_builder_set_member_name (builder, "height");
          json_builder_add_int_value (builder, (gint64) floor (bounds.size.height));
          json_builder_end_object (builder);
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    add_text_regions (window, child, builder);
}

static gboolean
save_text_regions (GtkWidget   *window,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  add_text_regions (window, window, builder);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_file (generator, path, error);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  GTask *task = user_data;
  ShotState *state = g_task_get_task_data (task);
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    goto stop;

  if (++state->frames < SETTLE_FRAMES)
    return G_SOURCE_CONTINUE;

  /* The default size includes the window frame that client-side
   * decorations draw outside the widget, and a first layout may ask for
   * more; correct for both (a few times at most) so that the picture has
   * exactly the size asked for. */
  if (state->resizes < 3 &&
      (gtk_widget_get_width (widget) != state->width ||
       gtk_widget_get_height (widget) != state->height))
    {
      int default_width, default_height;

      gtk_window_get_default_size (GTK_WINDOW (widget), &default_width, &default_height);
      gtk_window_set_default_size (GTK_WINDOW (widget),
                                   default_width + state->width - gtk_widget_get_width (widget),
                                   default_height + state->height - gtk_widget_get_height (widget));
      state->resizes++;
      state->frames = 0;
      return G_SOURCE_CONTINUE;
    }

  file_name = g_strconcat (state->pages[state->index], ".png", NULL);
  path = g_build_filename (state->directory, file_name, NULL);
  if (!save_window (widget, path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      goto stop;
    }

  g_print ("%s\n", path);

  g_free (file_name);
  g_free (path);
  file_name = g_strconcat (state->pages[state->index], ".text.json", NULL);
  path = g_build_filename (state->directory, file_name, NULL);
  if (!save_text_regions (widget, path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      goto stop;
    }

  state->index++;
  state->frames = 0;
  if (state->pages[state->index] == NULL)
    {
      g_task_return_boolean (task, TRUE);
      goto stop;
    }

  fp_window_show_page (FP_WINDOW (widget), state->pages[state->index]);
  return G_SOURCE_CONTINUE;

stop:
  state->tick_id = 0;
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  ShotState *state = g_task_get_task_data (task);

  state->timeout_id = 0;
  if (!g_task_had_error (task) && state->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (g_task_get_source_object (task)), state->tick_id);
      state->tick_id = 0;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               _("The window did not draw within %d seconds"), TIMEOUT_SECONDS);
      g_object_unref (task);
    }

  return G_SOURCE_REMOVE;
}

/**
 * fp_screenshot_pages_async:
 * @window: the window to render, with its default size set to the size
 *   the pictures must have; it is presented if it is not yet
 * @directory: where to write `PAGE.png` for every page
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is saved or on the first error
 * @user_data: data for @callback
 *
 * Renders every page of @window to a PNG file at the window's size.
 */
void
fp_screenshot_pages_async (FpWindow            *window,
                           const char          *directory,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ShotState *state;

  g_return_if_fail (FP_IS_WINDOW (window));
  g_return_if_fail (directory != NULL);

  task = g_task_new (window, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_screenshot_pages_async);

  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not create the folder %s: %s"),
                               directory, g_strerror (saved_errno));
      return;
    }

  state = g_new0 (ShotState, 1);
  state->directory = g_strdup (directory);
  state->pages = fp_window_list_pages (window);
  gtk_window_get_default_size (GTK_WINDOW (window), &state->width, &state->height);
  g_task_set_task_data (task, state, (GDestroyNotify) shot_state_free);

  fp_window_show_page (window, state->pages[0]);
  gtk_window_present (GTK_WINDOW (window));

  state->timeout_id = g_timeout_add_seconds (TIMEOUT_SECONDS, timeout_cb, task);
  state->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb,
                                                 g_steal_pointer (&task), NULL);
}

/**
 * fp_screenshot_pages_finish:
 * @window: the window
 * @result: the result given to the callback
 * @error: a #GError
 *
 * Returns: %TRUE if every page was saved
 */
gboolean
fp_screenshot_pages_finish (FpWindow      *window,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, window), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * fp_screenshot_parse_consents:
 * @text: `all`, `none`, or purpose ids separated by commas
 *   (`personalization,genai`)
 * @out_mask: (out): the purposes to allow, bit (1 << #FpPurpose)
 * @error: a #GError naming what is valid
 *
 * Reads the value of `--screenshot-consents`, strictly: an unknown
 * purpose, an empty item or one given twice is an error.
 *
 * Returns: whether @text was valid
 */
gboolean
fp_screenshot_parse_consents (const char  *text,
                              guint       *out_mask,
                              GError     **error)
{
  g_auto(GStrv) items = NULL;
  guint mask = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_mask != NULL, FALSE);

  if (g_str_equal (text, "all") || g_str_equal (text, "none"))
    {
      *out_mask = g_str_equal (text, "all") ? (1u << FP_N_PURPOSES) - 1 : 0;
      return TRUE;
    }

  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      FpPurpose purpose;

      if (!fp_purpose_from_id (items[i], &purpose))
        {
          g_autoptr(GString) valid = g_string_new (NULL);

          for (guint p = 0; p < FP_N_PURPOSES; p++)
            g_string_append_printf (valid, "%s, ", fp_purpose_to_id ((FpPurpose) p));
          /* Translators: %s is "personalization, genai, …, "; keep "all or none" as is */
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a purpose. Give purposes separated by commas, from: %sall or none."),
                       items[i], valid->str);
          return FALSE;
        }
      if ((mask & (1u << purpose)) != 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is given twice in --screenshot-consents."), items[i]);
          return FALSE;
        }
      mask |= 1u << purpose;
    }

  *out_mask = mask;
  return TRUE;
}

static GtkWidget *
find_consent_step (GtkWidget *widget)
{
  if (FP_IS_ONBOARDING_CONSENT (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_consent_step (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * fp_screenshot_answer_consent_step:
 * @window: a window showing the consent step
 * @granted: the purposes to allow, bit (1 << #FpPurpose)
 *
 * Answers the window's consent step as a customer does: "Allow All" when
 * @granted has every purpose, otherwise the switches of @granted and
 * "Continue". The step records the choices and the window finishes the
 * onboarding (every purpose left off is recorded as chosen off).
 *
 * Returns: %TRUE if the window showed the step and it was answered
 */
gboolean
fp_screenshot_answer_consent_step (FpWindow *window,
                                   guint     granted)
{
  GtkWidget *step;

  g_return_val_if_fail (FP_IS_WINDOW (window), FALSE);

  step = find_consent_step (GTK_WIDGET (window));
  if (step == NULL)
    return FALSE;

  if (granted == (1u << FP_N_PURPOSES) - 1)
    return gtk_widget_activate_action (step, "onboarding.allow-all", NULL);

  for (guint i = 0; i < FP_N_PURPOSES; i++)
    fp_onboarding_consent_set_chosen (FP_ONBOARDING_CONSENT (step), (FpPurpose) i, (granted & (1u << i)) != 0);
  return gtk_widget_activate_action (step, "onboarding.continue", NULL);
}
