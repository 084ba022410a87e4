/* fp-cache-dump.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Download my data": every table of the cache, empty ones included, as
 * one JSON file and one CSV file per table, written into a folder the
 * customer chose. Files are created private (0600): they hold everything
 * the encrypted cache holds, in the clear, where the customer asked.
 */

#define G_LOG_DOMAIN "fp-cache-dump"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-cache-dump.h"
#include "fp-cache-private.h"
#include "fp-store-error.h"

#define PROGRESS_EVERY 500

typedef struct {
  char  *name;
  GStrv  columns;
} Table;

typedef struct {
  GFile               *folder;
  GPtrArray           *tables;      /* Table, in name order */
  guint                next_table;  /* first table not started in the JSON */
  gboolean             in_table;
  gboolean             first_row;
  GOutputStream       *json;
  GOutputStream       *csv;
  GString             *buffer;     /* for json */
  GString             *csv_buffer;
  guint64              rows;
  FpCacheDumpProgress  progress;
  gpointer             user_data;
  GCancellable        *cancellable;
  GError              *error;
} Dump;

static void
table_free (gpointer data)
{
  Table *table = data;

  g_free (table->name);
  g_strfreev (table->columns);
  g_free (table);
}

/* Table names become file names: keep them to a safe alphabet. */
static gboolean
is_safe_name (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 64)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static GPtrArray *
list_tables (FpCache  *cache,
             GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (table_free);
  sqlite3_stmt *stmt;
  int rc;

  locker = g_mutex_locker_new (&cache->lock);

  if (!_fp_cache_check_open (cache, error) ||
      !(stmt = _fp_cache_prepare (cache,
                                  "SELECT name FROM sqlite_master WHERE type = 'table'"
                                  " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                                  error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Table *table = g_new0 (Table, 1);

      table->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_ptr_array_add (tables, table);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, cache->db, rc, "list tables");
      return NULL;
    }

  for (guint i = 0; i < tables->len; i++)
    {
      Table *table = g_ptr_array_index (tables, i);
      g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
      g_autofree char *sql = NULL;

      if (!is_safe_name (table->name))
        continue;
      sql = g_strdup_printf ("PRAGMA table_info(\"%s\")", table->name);
      if (!(stmt = _fp_cache_prepare (cache, sql, error)))
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_strv_builder_add (columns, (const char *) sqlite3_column_text (stmt, 1));
      sqlite3_finalize (stmt);
      table->columns = g_strv_builder_end (columns);
    }

  return g_steal_pointer (&tables);
}

static void
json_string (GString    *out,
             const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  valid = g_utf8_make_valid (text, -1);
  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* RFC 4180, and a leading quote before what a spreadsheet would run as a
 * formula. */
static void
csv_field (GString    *out,
           const char *text)
{
  g_autofree char *valid = NULL;
  gboolean quote;

  if (text == NULL)
    return;

  valid = g_utf8_make_valid (text, -1);
  quote = strpbrk (valid, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (out, '"');
  if (valid[0] == '=' || valid[0] == '+' || valid[0] == '@' || valid[0] == '\t')
    g_string_append_c (out, '\'');
  for (const char *p = valid; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static gboolean
write_out (Dump          *dump,
           GOutputStream *stream,
           GString       *buffer)
{
  if (dump->error != NULL)
    return FALSE;
  if (!g_output_stream_write_all (stream, buffer->str, buffer->len, NULL,
                                  dump->cancellable, &dump->error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

static gboolean
flush_to (Dump          *dump,
          GOutputStream *stream)
{
  return write_out (dump, stream, stream == dump->json ? dump->buffer : dump->csv_buffer);
}

static GOutputStream *
create_file (Dump       *dump,
             const char *name)
{
  g_autoptr(GFile) file = g_file_get_child (dump->folder, name);

  return G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE,
                                          G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                          dump->cancellable, &dump->error));
}

static gboolean
close_csv (Dump *dump)
{
  gboolean ok = TRUE;

  if (dump->csv != NULL)
    {
      ok = flush_to (dump, dump->csv) &&
           g_output_stream_close (dump->csv, dump->cancellable, &dump->error);
      g_clear_object (&dump->csv);
    }
  return ok;
}

static gboolean
end_table (Dump *dump)
{
  if (!dump->in_table)
    return TRUE;
  dump->in_table = FALSE;
  g_string_append (dump->buffer, "]");
  return flush_to (dump, dump->json) && close_csv (dump);
}

/* Starts the next table of the list in both outputs. */
static gboolean
begin_next_table (Dump *dump)
{
  Table *table = g_ptr_array_index (dump->tables, dump->next_table);
  g_autofree char *csv_name = g_strconcat (table->name, ".csv", NULL);

  g_string_append (dump->buffer, dump->next_table > 0 ? ",\n" : "\n");
  json_string (dump->buffer, table->name);
  g_string_append (dump->buffer, ":[");
  dump->next_table++;
  dump->in_table = TRUE;
  dump->first_row = TRUE;
  if (!flush_to (dump, dump->json))
    return FALSE;

  if (!(dump->csv = create_file (dump, csv_name)))
    return FALSE;
  for (guint i = 0; table->columns != NULL && table->columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (dump->csv_buffer, ',');
      csv_field (dump->csv_buffer, table->columns[i]);
    }
  g_string_append (dump->csv_buffer, "\r\n");

  if (dump->progress != NULL)
    dump->progress (dump->rows, table->name, dump->user_data);
  return TRUE;
}

/* Opens every listed table up to and including @name, leaving the ones
 * before it empty. */
static gboolean
advance_to (Dump       *dump,
            const char *name)
{
  if (dump->in_table)
    {
      Table *current = g_ptr_array_index (dump->tables, dump->next_table - 1);

      if (g_strcmp0 (current->name, name) == 0)
        return TRUE;
      if (!end_table (dump))
        return FALSE;
    }

  while (dump->next_table < dump->tables->len)
    {
      Table *table = g_ptr_array_index (dump->tables, dump->next_table);
      int cmp = name != NULL ? strcmp (table->name, name) : -1;

      if (cmp > 0)
        break;
      if (!is_safe_name (table->name))
        {
          dump->next_table++;
          continue;
        }
      if (!begin_next_table (dump))
        return FALSE;
      if (cmp == 0)
        return TRUE;
      if (!end_table (dump))
        return FALSE;
    }

  return name == NULL;
}

static gboolean
row_cb (const char        *table,
        guint              n_columns,
        const char *const *names,
        const char *const *values,
        gpointer           user_data)
{
  Dump *dump = user_data;

  if (g_cancellable_is_cancelled (dump->cancellable) || dump->error != NULL)
    return FALSE;
  if (!is_safe_name (table))
    return TRUE;
  if (!advance_to (dump, table))
    {
      if (dump->error == NULL)
        g_set_error (&dump->error, FP_STORE_ERROR, FP_STORE_ERROR_FAILED,
                     "Table %s appeared during the export", table);
      return FALSE;
    }

  /* JSON: one object per row. */
  g_string_append (dump->buffer, dump->first_row ? "\n{" : ",\n{");
  dump->first_row = FALSE;
  for (guint i = 0; i < n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (dump->buffer, ',');
      json_string (dump->buffer, names[i]);
      g_string_append_c (dump->buffer, ':');
      json_string (dump->buffer, values[i]);
    }
  g_string_append_c (dump->buffer, '}');
  if (dump->buffer->len > 64 * 1024 && !flush_to (dump, dump->json))
    return FALSE;

  for (guint i = 0; i < n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (dump->csv_buffer, ',');
      csv_field (dump->csv_buffer, values[i]);
    }
  g_string_append (dump->csv_buffer, "\r\n");
  if (dump->csv_buffer->len > 64 * 1024 && !flush_to (dump, dump->csv))
    return FALSE;

  if (++dump->rows % PROGRESS_EVERY == 0 && dump->progress != NULL)
    dump->progress (dump->rows, table, dump->user_data);
  return TRUE;
}

/**
 * fp_cache_dump_to_folder:
 * @cache: an open cache
 * @folder: an existing folder
 * @progress: (nullable) (scope call): called now and then, from this thread
 * @user_data: data for @progress
 * @out_rows: (out) (optional): rows written
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes every table of @cache, empty ones included, into @folder as
 * `finpersona-data.json` (`{"format":…,"exportedAt":…,"tables":{"NAME":[{…
 * one object per row, values as text or null …}]}}`) and one `NAME.csv` per
 * table with a header line. Blocking: run it in a worker thread.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_dump_to_folder (FpCache              *cache,
                         GFile                *folder,
                         FpCacheDumpProgress   progress,
                         gpointer              user_data,
                         guint64              *out_rows,
                         GCancellable         *cancellable,
                         GError              **error)
{
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  Dump dump = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (FP_IS_CACHE (cache), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(tables = list_tables (cache, error)))
    return FALSE;

  dump.folder = folder;
  dump.tables = tables;
  dump.buffer = g_string_new (NULL);
  dump.csv_buffer = g_string_new (NULL);
  dump.progress = progress;
  dump.user_data = user_data;
  dump.cancellable = cancellable;

  if (!(dump.json = create_file (&dump, FP_CACHE_DUMP_JSON_NAME)))
    goto out;

  g_string_append (dump.buffer, "{\"format\":\"finpersona-export-1\",\"exportedAt\":");
  json_string (dump.buffer, stamp);
  g_string_append (dump.buffer, ",\"tables\":{");
  if (!flush_to (&dump, dump.json))
    goto out;

  {
    GError *local = NULL;

    if (!fp_cache_export (cache, row_cb, &dump, &local))
      {
        if (dump.error == NULL)
          dump.error = local;
        else
          g_error_free (local);
        goto out;
      }
  }
  if (!advance_to (&dump, NULL) || !end_table (&dump))
    goto out;

  g_string_append (dump.buffer, "\n}}\n");
  if (!flush_to (&dump, dump.json) ||
      !g_output_stream_close (dump.json, cancellable, &dump.error))
    goto out;

  if (out_rows != NULL)
    *out_rows = dump.rows;
  g_debug ("Exported %" G_GUINT64_FORMAT " rows of %u tables", dump.rows, tables->len);
  ok = TRUE;

out:
  close_csv (&dump);
  g_clear_object (&dump.json);
  g_string_free (dump.buffer, TRUE);
  g_string_free (dump.csv_buffer, TRUE);
  if (!ok)
    {
      if (dump.error == NULL)
        g_set_error_literal (&dump.error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("Your data could not be written."));
      g_propagate_error (error, dump.error);
    }
  return ok;
}
