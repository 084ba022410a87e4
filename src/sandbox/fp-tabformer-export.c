/* fp-tabformer-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the three TabFormer files the way the dataset does, each through
 * a temporary file renamed into place; imported data goes back to the
 * files it came from, with their line endings, byte order mark and final
 * newline.
 */

#define G_LOG_DOMAIN "fp-tabformer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fp-clock.h"
#include "fp-tabformer-private.h"

/* Export */

typedef struct {
  FILE        *file;
  char        *path;
  char        *tmp_path;
  GString     *buffer;
  const char  *eol;
} Writer;

static void
append_field (GString    *s,
              const char *field)
{
  if (!tab_needs_quotes (field))
    {
      g_string_append (s, field);
      return;
    }
  g_string_append_c (s, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

static gboolean
set_write_error (GError     **error,
                 const char  *path)
{
  int saved = errno;
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               _("Could not write %s: %s"), display, g_strerror (saved));
  return FALSE;
}

static gboolean
writer_open (Writer      *w,
             const char  *dir,
             const char  *name,
             gboolean     crlf,
             gboolean     bom,
             GError     **error)
{
  memset (w, 0, sizeof *w);
  w->path = g_build_filename (dir, name, NULL);
  w->tmp_path = g_strconcat (w->path, ".tmp", NULL);
  w->eol = crlf ? "\r\n" : "\n";
  w->file = g_fopen (w->tmp_path, "wb");
  if (w->file == NULL)
    return set_write_error (error, w->tmp_path);
  w->buffer = g_string_sized_new (1 << 20);
  if (bom)
    g_string_append (w->buffer, "\xef\xbb\xbf");
  return TRUE;
}

static gboolean
writer_flush (Writer  *w,
              GError **error)
{
  if (w->buffer->len > 0 &&
      fwrite (w->buffer->str, 1, w->buffer->len, w->file) != w->buffer->len)
    return set_write_error (error, w->tmp_path);
  g_string_truncate (w->buffer, 0);
  return TRUE;
}

/* Ends a line; the whole buffer goes to the file now and then. */
static gboolean
writer_end_line (Writer  *w,
                 GError **error)
{
  g_string_append (w->buffer, w->eol);
  if (w->buffer->len >= (1 << 20) - 512)
    return writer_flush (w, error);
  return TRUE;
}

static gboolean
writer_close (Writer   *w,
              gboolean  final_newline,
              gboolean  ok,
              GError  **error)
{
  if (ok && !final_newline && g_str_has_suffix (w->buffer->str, w->eol))
    g_string_truncate (w->buffer, w->buffer->len - strlen (w->eol));
  if (ok)
    ok = writer_flush (w, error);
  if (w->file != NULL && fclose (w->file) != 0 && ok)
    ok = set_write_error (error, w->tmp_path);
  if (ok && g_rename (w->tmp_path, w->path) != 0)
    ok = set_write_error (error, w->path);
  if (!ok)
    g_unlink (w->tmp_path);
  if (w->buffer != NULL)
    g_string_free (w->buffer, TRUE);
  g_free (w->path);
  g_free (w->tmp_path);
  return ok;
}

static gboolean
write_users (FpBankData  *data,
             const char  *dir,
             SourceFile  *source,
             GError     **error)
{
  Writer w;
  gboolean ok = TRUE;

  if (!writer_open (&w, dir, source->name, source->crlf, source->bom, error))
    return FALSE;

  g_string_append (w.buffer, USERS_HEADER);
  ok = writer_end_line (&w, error);
  for (guint32 i = 0; ok && i < fp_bank_data_get_n_customers (data); i++)
    {
      const FpBankCustomer *c = fp_bank_data_get_customer (data, i);
      char a[32], b[32], d[32];

      append_field (w.buffer, c->person);
      g_string_append_printf (w.buffer, ",%u,%u,%u,%u,", c->current_age, c->retirement_age,
                              c->birth_year, c->birth_month);
      append_field (w.buffer, c->gender);
      g_string_append_c (w.buffer, ',');
      append_field (w.buffer, c->address);
      g_string_append_c (w.buffer, ',');
      append_field (w.buffer, c->apartment);
      g_string_append_c (w.buffer, ',');
      append_field (w.buffer, c->city);
      g_string_append_c (w.buffer, ',');
      append_field (w.buffer, c->state);
      tab_format_dollars (c->per_capita_income, a, sizeof a);
      tab_format_dollars (c->yearly_income, b, sizeof b);
      tab_format_dollars (c->total_debt, d, sizeof d);
      g_string_append_printf (w.buffer, ",%s,%s,%s,%s,%s,%s,%u,%u", c->zipcode, c->latitude,
                              c->longitude, a, b, d, c->fico_score, c->num_credit_cards);
      ok = writer_end_line (&w, error);
    }

  return writer_close (&w, source->final_newline, ok, error);
}

static gboolean
write_cards (FpBankData  *data,
             const char  *dir,
             SourceFile  *source,
             GError     **error)
{
  Writer w;
  gboolean ok = TRUE;

  if (!writer_open (&w, dir, source->name, source->crlf, source->bom, error))
    return FALSE;

  g_string_append (w.buffer, CARDS_HEADER);
  ok = writer_end_line (&w, error);
  for (guint32 i = 0; ok && i < fp_bank_data_get_n_cards (data); i++)
    {
      const FpBankCard *c = fp_bank_data_get_card (data, i);
      char limit[32];

      g_string_append_printf (w.buffer, "%u,%u,", c->customer, c->card_index);
      append_field (w.buffer, c->brand);
      g_string_append_c (w.buffer, ',');
      append_field (w.buffer, c->card_type);
      tab_format_dollars (c->credit_limit, limit, sizeof limit);
      g_string_append_printf (w.buffer, ",%s,%02u/%u,%s,%s,%u,%s,%02u/%u,%u,%s",
                              fp_bank_data_get_card_number (data, i),
                              c->expires_month, c->expires_year,
                              fp_bank_data_get_card_cvv (data, i),
                              c->has_chip ? "YES" : "NO", c->cards_issued, limit,
                              c->open_month, c->open_year, c->year_pin_last_changed,
                              c->on_dark_web ? "Yes" : "No");
      ok = writer_end_line (&w, error);
    }

  return writer_close (&w, source->final_newline, ok, error);
}

static gboolean
write_transactions (FpBankData  *data,
                    const char  *dir,
                    SourceFile  *source,
                    guint32      first,
                    guint32      end,
                    GError     **error)
{
  static const char * const use_chip[] = {
    "", "Swipe Transaction", "Chip Transaction", "Online Transaction",
  };
  Writer w;
  gboolean ok = TRUE;

  if (!writer_open (&w, dir, source->name, source->crlf, source->bom, error))
    return FALSE;

  g_string_append (w.buffer, TXNS_HEADER);
  ok = writer_end_line (&w, error);
  for (guint32 id = first; ok && id < end; id++)
    {
      const FpBankTxnRecord *r = fp_bank_data_get_record (data, id);
      const FpBankCard *card;
      char amount[48];
      gint32 days;
      gint year;
      guint month, day, minute_of_day;

      if (r->card == FP_BANK_NO_ID || r->is_deleted)
        continue;

      card = fp_bank_data_get_card (data, r->card);
      days = r->minutes >= 0 ? r->minutes / 1440 : -((-r->minutes + 1439) / 1440);
      minute_of_day = (guint) (r->minutes - days * 1440);
      fp_clock_civil_from_day (days, &year, &month, &day);
      tab_format_cents (-r->amount, amount, sizeof amount);

      g_string_append_printf (w.buffer, "%u,%u,%d,%u,%u,%02u:%02u,%s,%s,%" G_GINT64_FORMAT ",",
                              card->customer, card->card_index, year, month, day,
                              minute_of_day / 60, minute_of_day % 60, amount,
                              use_chip[r->use_chip == FP_BANK_USE_CHIP_NONE ? FP_BANK_USE_CHIP_SWIPE : r->use_chip],
                              r->merchant);
      append_field (w.buffer, fp_bank_data_string (data, r->city));
      g_string_append_c (w.buffer, ',');
      append_field (w.buffer, fp_bank_data_string (data, r->state));
      g_string_append_c (w.buffer, ',');
      append_field (w.buffer, fp_bank_data_string (data, r->zip));
      g_string_append_printf (w.buffer, ",%u,", (guint) r->mcc);
      append_field (w.buffer, fp_bank_data_string (data, r->text));
      g_string_append (w.buffer, r->is_fraud ? ",Yes" : ",No");
      ok = writer_end_line (&w, error);
    }

  return writer_close (&w, source->final_newline, ok, error);
}

gboolean
fp_tabformer_export (FpBankData  *data,
                     const char  *dir,
                     GError     **error)
{
  ImportInfo *info;
  SourceFile users = { (char *) FP_TABFORMER_USERS_FILE, 0, 0, FALSE, TRUE, FALSE };
  SourceFile cards = { (char *) FP_TABFORMER_CARDS_FILE, 0, 0, FALSE, TRUE, FALSE };
  SourceFile txns = { (char *) FP_TABFORMER_TRANSACTIONS_FILE, 0, 0, FALSE, TRUE, FALSE };
  guint32 n_txns;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    return set_write_error (error, dir);

  info = fp_bank_data_get_import_info (data);
  n_txns = fp_bank_data_get_n_transactions (data);

  if (info == NULL)
    return write_users (data, dir, &users, error) &&
           write_cards (data, dir, &cards, error) &&
           write_transactions (data, dir, &txns, 0, n_txns, error);

  if (!write_users (data, dir, &info->users, error) ||
      !write_cards (data, dir, &info->cards, error))
    return FALSE;

  for (guint i = 0; i < info->txn_files->len; i++)
    {
      SourceFile *source = &g_array_index (info->txn_files, SourceFile, i);
      gboolean last = i + 1 == info->txn_files->len;

      /* Transactions added since the import go to the last file. */
      if (!write_transactions (data, dir, source, source->first_txn,
                               last ? n_txns : source->end_txn, error))
        return FALSE;
    }

  return TRUE;
}
