/* fp-tabformer-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines and fields of the TabFormer files: the dataset's own CSV dialect
 * (quotes only where needed), and each kind of field parsed strictly, in
 * the exact way the exporter writes it back.
 */

#define G_LOG_DOMAIN "fp-tabformer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "fp-money.h"
#include "fp-tabformer-private.h"

/* Reading lines */

void
tab_set_row_error (GError     **error,
                   Reader      *reader,
                   const char  *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  reader->failed = TRUE;
  g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID,
               "%s:%u: %s", reader->name, reader->number, message);
}

gboolean
tab_reader_open (Reader      *reader,
                 const char  *path,
                 SourceFile  *source,
                 GError     **error)
{
  memset (reader, 0, sizeof *reader);
  reader->file = g_fopen (path, "rb");
  if (reader->file == NULL)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not read %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  source->crlf = FALSE;
  source->final_newline = TRUE;
  source->bom = FALSE;
  reader->source = source;
  reader->name = source->name;
  reader->buffer = g_malloc (TAB_READ_BUFFER + 1);
  return TRUE;
}

void
tab_reader_close (Reader *reader)
{
  if (reader->file != NULL)
    fclose (reader->file);
  g_free (reader->buffer);
}

/* The next line, its ending cut off, in place in the buffer; @len its
 * length, @newline whether it had an ending. FALSE at the end of the file
 * or on an error (then @error is set). A line too long is refused as soon
 * as its first FP_TABFORMER_MAX_LINE + 2 bytes hold no ending. */
static gboolean
read_line (Reader    *reader,
           gsize     *len,
           gboolean  *newline,
           GError   **error)
{
  for (;;)
    {
      char *start = reader->buffer + reader->start;
      gsize available = reader->end - reader->start;
      char *nl = memchr (start, '\n', MIN (available, (gsize) FP_TABFORMER_MAX_LINE + 2));
      gsize n;

      if (nl != NULL || available >= FP_TABFORMER_MAX_LINE + 2 || (reader->eof && available > 0))
        {
          reader->number++;
          *newline = nl != NULL;
          *len = nl != NULL ? (gsize) (nl - start) : available;
          if (nl == NULL ? available >= FP_TABFORMER_MAX_LINE + 2
                         : *len - (*len > 0 && start[*len - 1] == '\r' ? 1 : 0) > FP_TABFORMER_MAX_LINE)
            {
              tab_set_row_error (error, reader, _("the line is longer than %u bytes"), FP_TABFORMER_MAX_LINE);
              return FALSE;
            }
          start[*len] = '\0';
          reader->line = start;
          reader->start += *len + (nl != NULL ? 1 : 0);
          return TRUE;
        }
      if (reader->eof)
        return FALSE;

      /* Keep what is unread, read more. */
      memmove (reader->buffer, start, available);
      reader->start = 0;
      reader->end = available;
      errno = 0;
      n = fread (reader->buffer + reader->end, 1, TAB_READ_BUFFER - reader->end, reader->file);
      if (n == 0 && ferror (reader->file))
        {
          int saved = errno;

          reader->failed = TRUE;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not read %s: %s"), reader->name, g_strerror (saved));
          return FALSE;
        }
      reader->end += n;
      reader->eof = n == 0;
    }
}

/* Reads the next line without its ending into reader->line; FALSE at the
 * end of the file or on an error (then @error is set). */
gboolean
tab_reader_next (Reader  *reader,
                 GError **error)
{
  gsize len;
  gboolean newline;
  gboolean crlf = FALSE;

  if (!read_line (reader, &len, &newline, error))
    return FALSE;

  if (memchr (reader->line, '\0', len) != NULL)
    {
      tab_set_row_error (error, reader, _("the line holds a NUL byte"));
      return FALSE;
    }
  if (newline)
    {
      if (len > 0 && reader->line[len - 1] == '\r')
        {
          reader->line[--len] = '\0';
          crlf = TRUE;
        }
    }
  else
    reader->source->final_newline = FALSE;

  if (reader->number == 1)
    {
      reader->source->crlf = crlf;
      if (g_str_has_prefix (reader->line, "\xef\xbb\xbf"))
        {
          reader->source->bom = TRUE;
          memmove (reader->line, reader->line + 3, (size_t) len - 2);
          len -= 3;
        }
    }
  else if (reader->source->final_newline && crlf != reader->source->crlf)
    {
      tab_set_row_error (error, reader, _("the line endings are mixed"));
      return FALSE;
    }
  if (!g_utf8_validate_len (reader->line, len, NULL))
    {
      tab_set_row_error (error, reader, _("the line is not valid UTF-8"));
      return FALSE;
    }
  if (len == 0)
    {
      tab_set_row_error (error, reader, _("the line is empty"));
      return FALSE;
    }

  return TRUE;
}

gboolean
tab_needs_quotes (const char *field)
{
  return strpbrk (field, ",\"\r\n") != NULL;
}

/* Splits @line in place into at most @max fields; returns the number of
 * fields, -1 for broken quotes, -2 for quotes where the dataset has none. */
static gint
split_csv (char  *line,
           char **fields,
           guint  max)
{
  guint n = 0;
  char *p = line;

  for (;;)
    {
      char *start;
      char sep;

      if (*p == '"')
        {
          char *w;

          start = w = ++p;
          for (;;)
            {
              if (*p == '\0')
                return -1;
              if (*p == '"')
                {
                  if (p[1] == '"')
                    {
                      *w++ = '"';
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              *w++ = *p++;
            }
          sep = *p;
          if (sep != ',' && sep != '\0')
            return -1;
          *w = '\0';
          if (!tab_needs_quotes (start))
            return -2;
        }
      else
        {
          start = p;
          while (*p != '\0' && *p != ',')
            {
              if (*p == '"' || *p == '\r')
                return -1;
              p++;
            }
          sep = *p;
          *p = '\0';
        }

      if (n < max)
        fields[n] = start;
      n++;
      if (sep == '\0')
        break;
      p++;
    }

  return (gint) MIN (n, (guint) G_MAXINT);
}

gboolean
tab_read_row (Reader  *reader,
              char   **fields,
              guint    expected,
              GError **error)
{
  gint n = split_csv (reader->line, fields, MAX_FIELDS);

  if (n == -1)
    {
      tab_set_row_error (error, reader, _("the quotes are broken"));
      return FALSE;
    }
  if (n == -2)
    {
      tab_set_row_error (error, reader, _("a field is quoted that the dataset does not quote"));
      return FALSE;
    }
  if ((guint) n != expected)
    {
      tab_set_row_error (error, reader, _("expected %u fields but found %d"), expected, n);
      return FALSE;
    }
  return TRUE;
}

gboolean
tab_read_header (Reader      *reader,
                 const char  *expected,
                 GError     **error)
{
  if (!tab_reader_next (reader, error))
    {
      if (!reader->failed)
        {
          reader->number = 1;
          tab_set_row_error (error, reader, _("the file is empty"));
        }
      return FALSE;
    }
  if (strcmp (reader->line, expected) != 0)
    {
      tab_set_row_error (error, reader, _("the header is not the dataset’s: expected “%s”"), expected);
      return FALSE;
    }
  return TRUE;
}

/* Fields, checked against how the exporter writes them */

gboolean
tab_bad_field (GError     **error,
               Reader      *reader,
               const char  *value,
               const char  *column)
{
  tab_set_row_error (error, reader, _("“%s” is not a valid “%s”"), value, column);
  return FALSE;
}

gboolean
tab_parse_uint (const char *text,
                guint       max,
                guint      *out)
{
  guint64 value = 0;

  if (!g_ascii_isdigit (text[0]) || (text[0] == '0' && text[1] != '\0'))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
      if (value > max)
        return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

gboolean
tab_parse_int64 (const char *text,
                 gint64     *out)
{
  const char *digits = text[0] == '-' ? text + 1 : text;
  char buffer[32];

  if (!g_ascii_isdigit (digits[0]) || strlen (text) > 20 ||
      !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out, NULL))
    return FALSE;
  g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, *out);
  return strcmp (buffer, text) == 0;
}

void
tab_format_cents (gint64  minor,
                  char   *buffer,
                  gsize   size)
{
  guint64 abs_minor = minor < 0 ? (guint64) 0 - (guint64) minor : (guint64) minor;

  g_snprintf (buffer, size, "$%s%" G_GUINT64_FORMAT ".%02u",
              minor < 0 ? "-" : "", abs_minor / 100, (guint) (abs_minor % 100));
}

void
tab_format_dollars (gint64  minor,
                    char   *buffer,
                    gsize   size)
{
  g_snprintf (buffer, size, "$%" G_GINT64_FORMAT, minor / 100);
}

gboolean
tab_parse_money (const char *text,
                 gboolean    whole_dollars,
                 gint64     *out)
{
  char buffer[48];

  if (text[0] != '$' || !fp_money_parse (text, out, NULL))
    return FALSE;
  if (whole_dollars)
    {
      if (*out % 100 != 0)
        return FALSE;
      tab_format_dollars (*out, buffer, sizeof buffer);
    }
  else
    tab_format_cents (*out, buffer, sizeof buffer);

  return strcmp (buffer, text) == 0;
}

/* "MM/YYYY" */
gboolean
tab_parse_month_year (const char *text,
                      guint      *month,
                      guint      *year)
{
  if (strlen (text) != 7 || text[2] != '/')
    return FALSE;
  for (guint i = 0; i < 7; i++)
    if (i != 2 && !g_ascii_isdigit (text[i]))
      return FALSE;
  *month = (guint) ((text[0] - '0') * 10 + (text[1] - '0'));
  *year = (guint) atoi (text + 3);
  return *month >= 1 && *month <= 12 && *year >= 1000;
}

/* "-117.76", "91750", "91750.0": digits with an optional sign and fraction. */
gboolean
tab_is_decimal (const char *text,
                gboolean    allow_sign)
{
  const char *p = text;

  if (allow_sign && *p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

gboolean
tab_is_digits (const char *text,
               gsize       min,
               gsize       max)
{
  gsize len = strlen (text);

  if (len < min || len > max)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
tab_parse_choice (const char *text,
                  const char *yes,
                  const char *no,
                  gboolean   *out)
{
  if (strcmp (text, yes) == 0)
    *out = TRUE;
  else if (strcmp (text, no) == 0)
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* "Bad PIN,Insufficient Balance": no empty item. */
gboolean
tab_is_error_list (const char *text)
{
  if (text[0] == '\0')
    return TRUE;
  if (text[0] == ',' || text[strlen (text) - 1] == ',' || strstr (text, ",,") != NULL)
    return FALSE;
  return TRUE;
}
