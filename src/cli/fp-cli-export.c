/* fp-cli-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `finpersona --headless export --format json|csv --output FILE`: every
 * table of the encrypted cache, in clear text, into a file only the
 * customer can read (mode 0600).
 *
 * JSON: {"tables": {"NAME": [{"column": "value" or null, …}, …], …}}.
 * CSV (RFC 4180): per table a line "# NAME", a header row, the rows, and
 * an empty line.
 */

#define G_LOG_DOMAIN "fp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fp-cache.h"
#include "fp-cli-private.h"

typedef struct {
  GOutputStream *out;
  GString       *buf;
  gboolean       csv;
  char          *table;
  guint64        rows;
  GError        *error;
} Export;

static gboolean
flush (Export  *e,
       gboolean force)
{
  if (e->buf->len == 0 || (!force && e->buf->len < 1 << 16))
    return TRUE;
  if (!g_output_stream_write_all (e->out, e->buf->str, e->buf->len, NULL, NULL, &e->error))
    return FALSE;
  g_string_truncate (e->buf, 0);
  return TRUE;
}

static void
json_string (GString    *out,
             const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
csv_field (GString    *out,
           const char *s)
{
  if (s == NULL)
    return;
  if (strpbrk (s, ",\"\r\n") == NULL)
    {
      g_string_append (out, s);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
row_cb (const char        *table,
        guint              n_columns,
        const char *const *names,
        const char *const *values,
        gpointer           user_data)
{
  Export *e = user_data;
  gboolean new_table = g_strcmp0 (e->table, table) != 0;

  if (e->csv)
    {
      if (new_table)
        {
          if (e->table != NULL)
            g_string_append (e->buf, "\r\n");
          g_string_append_printf (e->buf, "# %s\r\n", table);
          for (guint i = 0; i < n_columns; i++)
            {
              if (i > 0)
                g_string_append_c (e->buf, ',');
              csv_field (e->buf, names[i]);
            }
          g_string_append (e->buf, "\r\n");
        }
      for (guint i = 0; i < n_columns; i++)
        {
          if (i > 0)
            g_string_append_c (e->buf, ',');
          csv_field (e->buf, values[i]);
        }
      g_string_append (e->buf, "\r\n");
    }
  else
    {
      if (new_table)
        {
          if (e->table != NULL)
            g_string_append (e->buf, "\n  ],\n  ");
          else
            g_string_append (e->buf, "{\"tables\": {\n  ");
          json_string (e->buf, table);
          g_string_append (e->buf, ": [\n    ");
        }
      else
        g_string_append (e->buf, ",\n    ");
      g_string_append_c (e->buf, '{');
      for (guint i = 0; i < n_columns; i++)
        {
          if (i > 0)
            g_string_append (e->buf, ", ");
          json_string (e->buf, names[i]);
          g_string_append (e->buf, ": ");
          if (values[i] == NULL)
            g_string_append (e->buf, "null");
          else
            json_string (e->buf, values[i]);
        }
      g_string_append_c (e->buf, '}');
    }
  if (new_table)
    {
      g_free (e->table);
      e->table = g_strdup (table);
    }
  e->rows++;
  return flush (e, FALSE);
}

int
fp_cli_export (int    argc,
               char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *cache_dir = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("json or csv"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir, N_("Folder of the encrypted cache"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  Export e = { 0 };
  gboolean ok;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Write every table of the encrypted cache to a file."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_USAGE;
    }
  if (format == NULL)
    format = g_strdup ("json");
  if (output == NULL || (g_strcmp0 (format, "json") != 0 && g_strcmp0 (format, "csv") != 0))
    {
      g_printerr ("%s\n", _("Usage: finpersona --headless export --format json|csv --output FILE"));
      return FP_CLI_EXIT_USAGE;
    }

  if (cache_dir == NULL)
    cache_dir = fp_cache_get_default_dir ();
  if (!fp_cache_dir_exists (cache_dir))
    {
      g_printerr ("%s\n", _("There is no cache to export yet. Sync first."));
      return FP_CLI_EXIT_FAILURE;
    }
  cache = fp_cache_open_with_keyring (cache_dir, FP_KEYRING_NONE, NULL, &error);
  if (cache == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FP_CLI_EXIT_FAILURE;
    }

  /* The export holds everything in clear: only the customer may read it. */
  file = g_file_new_for_commandline_arg (output);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           NULL, &error);
  if (stream == NULL)
    {
      g_printerr ("%s\n", error->message);
      fp_cache_close (cache);
      return FP_CLI_EXIT_FAILURE;
    }
  e.out = G_OUTPUT_STREAM (stream);
  e.buf = g_string_sized_new (1 << 17);
  e.csv = g_str_equal (format, "csv");

  ok = fp_cache_export (cache, row_cb, &e, &error);
  if (ok && !e.csv)
    g_string_append (e.buf, e.table != NULL ? "\n  ]\n}}\n" : "{\"tables\": {}}\n");
  if (ok)
    ok = flush (&e, TRUE) && g_output_stream_close (e.out, NULL, &e.error);
  if (!ok && error == NULL && e.error != NULL)
    error = g_steal_pointer (&e.error);
  g_clear_error (&e.error);
  g_string_free (e.buf, TRUE);
  g_free (e.table);
  fp_cache_close (cache);

  if (!ok)
    {
      g_printerr ("%s\n", error != NULL ? error->message : _("The export failed."));
      g_file_delete (file, NULL, NULL);
      return FP_CLI_EXIT_FAILURE;
    }
  g_print ("{\"status\": \"ok\", \"format\": \"%s\", \"rows\": %" G_GUINT64_FORMAT "}\n", format, e.rows);
  return FP_CLI_EXIT_OK;
}
