/* test-shortcuts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shortcuts window (data/gtk/help-overlay.ui) tells the truth: every
 * shortcut it shows works, and every shortcut the app has is in it. The
 * app's shortcuts are read from where they are installed: the application's
 * accelerators (fp_application_add_accels, and GTK's own for the shortcuts
 * window), the window's and the pages' shortcut controllers, and the main
 * menu's F10.
 */

#include "config.h"

#include "fp-application.h"
#include "fp-ui-test.h"
#include "fp-window.h"

typedef struct
{
  guint           keyval;
  GdkModifierType mods;
  char           *where;
} Key;

static void
key_free (Key *key)
{
  g_free (key->where);
  g_free (key);
}

static void
add_key (GPtrArray       *keys,
         guint            keyval,
         GdkModifierType  mods,
         const char      *where)
{
  Key *key = g_new0 (Key, 1);

  key->keyval = gdk_keyval_to_lower (keyval);
  key->mods = mods & gtk_accelerator_get_default_mod_mask ();
  key->where = g_strdup (where);
  g_ptr_array_add (keys, key);
}

static gboolean
has_key (GPtrArray       *keys,
         guint            keyval,
         GdkModifierType  mods)
{
  keyval = gdk_keyval_to_lower (keyval);
  mods &= gtk_accelerator_get_default_mod_mask ();
  for (guint i = 0; i < keys->len; i++)
    {
      Key *key = g_ptr_array_index (keys, i);

      if (key->keyval == keyval && key->mods == mods)
        return TRUE;
    }
  return FALSE;
}

static void
add_accel_string (GPtrArray  *keys,
                  const char *accel,
                  const char *where)
{
  guint keyval;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &mods));
  add_key (keys, keyval, mods, where);
}

static void
add_trigger (GPtrArray          *keys,
             GtkShortcutTrigger *trigger,
             const char         *where)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    add_key (keys,
             gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
             gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)),
             where);
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_trigger (keys, gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), where);
      add_trigger (keys, gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), where);
    }
  else if (!GTK_IS_MNEMONIC_TRIGGER (trigger)) /* mnemonics are underlined where they are */
    g_error ("%s has a shortcut of a kind this test does not know: %s",
             where, G_OBJECT_TYPE_NAME (trigger));
}

static void
add_controller_keys (GtkWidget  *widget,
                     GPtrArray  *keys,
                     const char *where)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          add_trigger (keys, gtk_shortcut_get_trigger (shortcut), where);
        }
    }
}

/* The shortcuts of every widget of ours (the Fp types) in the window: the
 * class bindings and the controllers a page adds (Activity's Ctrl+F), less
 * what the GTK or libadwaita class it derives from has of itself (a
 * window's Space, Tab and inspector keys). */
static void
collect_widget_keys (GtkWidget *widget,
                     GPtrArray *keys)
{
  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Fp"))
    {
      g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify) key_free);
      g_autoptr(GPtrArray) inherited = g_ptr_array_new_with_free_func ((GDestroyNotify) key_free);
      GType base = G_OBJECT_TYPE (widget);

      while (g_str_has_prefix (g_type_name (base), "Fp"))
        base = g_type_parent (base);
      if (!G_TYPE_IS_ABSTRACT (base))
        {
          GtkWidget *plain = g_object_ref_sink (g_object_new (base, NULL));

          add_controller_keys (plain, inherited, g_type_name (base));
          if (GTK_IS_WINDOW (plain))
            gtk_window_destroy (GTK_WINDOW (plain));
          g_object_unref (plain);
        }
      add_controller_keys (widget, own, G_OBJECT_TYPE_NAME (widget));
      for (guint i = 0; i < own->len; i++)
        {
          Key *key = g_ptr_array_index (own, i);

          if (!has_key (inherited, key->keyval, key->mods))
            add_key (keys, key->keyval, key->mods, key->where);
        }
    }
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    add_key (keys, GDK_KEY_F10, 0, "the main menu");
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widget_keys (child, keys);
}

/* "<alt>1...9" in a shortcuts window is the keys from 1 to 9. */
static void
expand_shown (const char *accelerator,
              GPtrArray  *shown)
{
  g_auto(GStrv) accels = g_strsplit (accelerator, " ", -1);

  for (guint i = 0; accels[i] != NULL; i++)
    {
      const char *range = strstr (accels[i], "...");

      if (range != NULL)
        {
          g_autofree char *prefix = g_strndup (accels[i], range - accels[i] - 1);
          char first = range[-1];
          char last = range[3];

          g_assert_true (g_ascii_isalnum (first) && g_ascii_isalnum (last) && range[4] == '\0');
          for (char c = first; c <= last; c++)
            {
              g_autofree char *one = g_strdup_printf ("%s%c", prefix, c);

              add_accel_string (shown, one, accelerator);
            }
        }
      else if (accels[i][0] != '\0')
        add_accel_string (shown, accels[i], accelerator);
    }
}

static void
test_shortcuts_window_tells_the_truth (void)
{
  g_autoptr(GtkApplication) app = g_object_new (GTK_TYPE_APPLICATION,
                                                "application-id", "io.github.finpersona.FinPersona.ShortcutsTest",
                                                "flags", G_APPLICATION_NON_UNIQUE,
                                                "resource-base-path", "/io/github/finpersona/FinPersona",
                                                NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GPtrArray) have = g_ptr_array_new_with_free_func ((GDestroyNotify) key_free);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func ((GDestroyNotify) key_free);
  g_auto(GStrv) actions = NULL;
  g_autoptr(GSList) objects = NULL;
  FpWindow *window;
  guint n_shown = 0;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  fp_application_add_accels (app);

  /* What the app has. */
  actions = gtk_application_list_action_descriptions (app);
  g_assert_true (g_strv_contains ((const char * const *) actions, "win.show-help-overlay"));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        add_accel_string (have, accels[j], actions[i]);
    }
  window = g_object_new (FP_TYPE_WINDOW, "remember-size", FALSE, NULL);
  collect_widget_keys (GTK_WIDGET (window), have);
  g_assert_true (has_key (have, GDK_KEY_F5, 0));       /* refresh */
  g_assert_true (has_key (have, GDK_KEY_f, GDK_CONTROL_MASK)); /* search */
  g_assert_true (has_key (have, GDK_KEY_F10, 0));

  /* What the shortcuts window shows; an action's keys are the app's. */
  builder = gtk_builder_new_from_resource ("/io/github/finpersona/FinPersona/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action_name = NULL;
      g_autofree char *title = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      n_shown++;
      g_object_get (l->data, "accelerator", &accelerator, "action-name", &action_name,
                    "title", &title, NULL);
      if (action_name != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action_name);

          if (accels[0] == NULL)
            g_error ("The shortcuts window shows “%s” (%s), which has no shortcut", title, action_name);
          for (guint j = 0; accels[j] != NULL; j++)
            add_accel_string (shown, accels[j], title);
        }
      else
        {
          g_assert_nonnull (accelerator);
          expand_shown (accelerator, shown);
        }
    }
  g_assert_cmpuint (n_shown, >, 0);

  /* Every key shown works, and every key there is, is shown. */
  for (guint i = 0; i < shown->len; i++)
    {
      Key *key = g_ptr_array_index (shown, i);
      g_autofree char *name = gtk_accelerator_name (key->keyval, key->mods);

      if (!has_key (have, key->keyval, key->mods))
        g_error ("The shortcuts window shows %s for “%s”, which does nothing", name, key->where);
    }
  for (guint i = 0; i < have->len; i++)
    {
      Key *key = g_ptr_array_index (have, i);
      g_autofree char *name = gtk_accelerator_name (key->keyval, key->mods);

      if (!has_key (shown, key->keyval, key->mods))
        g_error ("%s (%s) is not in the shortcuts window", name, key->where);
    }
  g_test_message ("%u keys, all shown; %u entries in the shortcuts window", have->len, n_shown);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  fp_ui_test_init (&argc, &argv);
  g_test_add_func ("/shortcuts/window-tells-the-truth", test_shortcuts_window_tells_the_truth);
  return g_test_run ();
}
