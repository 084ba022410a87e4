/* fp-tabformer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import keeps the text of every field it cannot re-create exactly
 * (coordinates, zips, error lists) and checks every other field against the
 * way the exporter writes it, so that a file that imports also exports to
 * the same bytes; a field written differently is a bad row, not a silent
 * normalization. Line endings and the final newline are remembered per
 * file, and the transactions of each input file are written back to a file
 * of the same name.
 */

#define G_LOG_DOMAIN "fp-tabformer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fp-bank-data-private.h"
#include "fp-money.h"
#include "fp-tabformer.h"

#define USERS_HEADER "Person,Current Age,Retirement Age,Birth Year,Birth Month,Gender," \
                     "Address,Apartment,City,State,Zipcode,Latitude,Longitude," \
                     "Per Capita Income - Zipcode,Yearly Income - Person,Total Debt," \
                     "FICO Score,Num Credit Cards"
#define CARDS_HEADER "User,CARD INDEX,Card Brand,Card Type,Card Number,Expires,CVV," \
                     "Has Chip,Cards Issued,Credit Limit,Acct Open Date," \
                     "Year PIN last Changed,Card on Dark Web"
#define TXNS_HEADER  "User,Card,Year,Month,Day,Time,Amount,Use Chip,Merchant Name," \
                     "Merchant City,Merchant State,Zip,MCC,Errors?,Is Fraud?"

#define N_USER_FIELDS 18
#define N_CARD_FIELDS 13
#define N_TXN_FIELDS  15
#define MAX_FIELDS    20

typedef struct {
  char     *name;
  guint32   first_txn;     /* the transactions read from it */
  guint32   end_txn;
  gboolean  crlf;
  gboolean  final_newline;
  gboolean  bom;           /* starts with a UTF-8 byte order mark */
} SourceFile;

typedef struct {
  SourceFile  users;
  SourceFile  cards;
  GArray     *txn_files;   /* SourceFile */
} ImportInfo;

static void
import_info_free (gpointer data)
{
  ImportInfo *info = data;

  g_free (info->users.name);
  g_free (info->cards.name);
  for (guint i = 0; i < info->txn_files->len; i++)
    g_free (g_array_index (info->txn_files, SourceFile, i).name);
  g_array_unref (info->txn_files);
  g_free (info);
}

/* Reading lines */

typedef struct {
  FILE        *file;
  const char  *name;        /* base name, for messages */
  char        *line;
  size_t       size;
  guint        number;      /* of the line last read, 1-based */
  gboolean     failed;
  SourceFile  *source;
} Reader;

static void
set_row_error (GError     **error,
               Reader      *reader,
               const char  *format,
               ...) G_GNUC_PRINTF (3, 4);

static void
set_row_error (GError     **error,
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

static gboolean
reader_open (Reader      *reader,
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
  return TRUE;
}

static void
reader_close (Reader *reader)
{
  if (reader->file != NULL)
    fclose (reader->file);
  free (reader->line);
}

/* Reads the next line without its ending into reader->line; FALSE at the
 * end of the file or on an error (then @error is set). */
static gboolean
reader_next (Reader  *reader,
             GError **error)
{
  ssize_t len;
  gboolean crlf = FALSE;

  errno = 0;
  len = getline (&reader->line, &reader->size, reader->file);
  if (len < 0)
    {
      if (ferror (reader->file))
        {
          int saved = errno;

          reader->failed = TRUE;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not read %s: %s"), reader->name, g_strerror (saved));
        }
      return FALSE;
    }

  reader->number++;
  if ((size_t) len != strlen (reader->line))
    {
      set_row_error (error, reader, _("the line holds a NUL byte"));
      return FALSE;
    }
  if (len > 0 && reader->line[len - 1] == '\n')
    {
      reader->line[--len] = '\0';
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
      set_row_error (error, reader, _("the line endings are mixed"));
      return FALSE;
    }
  if (len == 0)
    {
      set_row_error (error, reader, _("the line is empty"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
needs_quotes (const char *field)
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
          if (!needs_quotes (start))
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

static gboolean
read_row (Reader  *reader,
          char   **fields,
          guint    expected,
          GError **error)
{
  gint n = split_csv (reader->line, fields, MAX_FIELDS);

  if (n == -1)
    {
      set_row_error (error, reader, _("the quotes are broken"));
      return FALSE;
    }
  if (n == -2)
    {
      set_row_error (error, reader, _("a field is quoted that the dataset does not quote"));
      return FALSE;
    }
  if ((guint) n != expected)
    {
      set_row_error (error, reader, _("expected %u fields but found %d"), expected, n);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_header (Reader      *reader,
             const char  *expected,
             GError     **error)
{
  if (!reader_next (reader, error))
    {
      if (!reader->failed)
        {
          reader->number = 1;
          set_row_error (error, reader, _("the file is empty"));
        }
      return FALSE;
    }
  if (strcmp (reader->line, expected) != 0)
    {
      set_row_error (error, reader, _("the header is not the dataset’s: expected “%s”"), expected);
      return FALSE;
    }
  return TRUE;
}

/* Fields, checked against how the exporter writes them */

static gboolean
bad_field (GError     **error,
           Reader      *reader,
           const char  *value,
           const char  *column)
{
  set_row_error (error, reader, _("“%s” is not a valid “%s”"), value, column);
  return FALSE;
}

static gboolean
parse_uint (const char *text,
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

static gboolean
parse_int64 (const char *text,
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

static void
format_cents (gint64  minor,
              char   *buffer,
              gsize   size)
{
  guint64 abs_minor = minor < 0 ? (guint64) 0 - (guint64) minor : (guint64) minor;

  g_snprintf (buffer, size, "$%s%" G_GUINT64_FORMAT ".%02u",
              minor < 0 ? "-" : "", abs_minor / 100, (guint) (abs_minor % 100));
}

static void
format_dollars (gint64  minor,
                char   *buffer,
                gsize   size)
{
  g_snprintf (buffer, size, "$%" G_GINT64_FORMAT, minor / 100);
}

static gboolean
parse_money (const char *text,
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
      format_dollars (*out, buffer, sizeof buffer);
    }
  else
    format_cents (*out, buffer, sizeof buffer);

  return strcmp (buffer, text) == 0;
}

/* "MM/YYYY" */
static gboolean
parse_month_year (const char *text,
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
static gboolean
is_decimal (const char *text,
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

static gboolean
is_digits (const char *text,
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

static gboolean
parse_choice (const char *text,
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
static gboolean
is_error_list (const char *text)
{
  if (text[0] == '\0')
    return TRUE;
  if (text[0] == ',' || text[strlen (text) - 1] == ',' || strstr (text, ",,") != NULL)
    return FALSE;
  return TRUE;
}

/* The three files */

static gboolean
read_users (FpBankData  *data,
            Reader      *reader,
            GError     **error)
{
  static const char * const columns[N_USER_FIELDS] = {
    "Person", "Current Age", "Retirement Age", "Birth Year", "Birth Month",
    "Gender", "Address", "Apartment", "City", "State", "Zipcode", "Latitude",
    "Longitude", "Per Capita Income - Zipcode", "Yearly Income - Person",
    "Total Debt", "FICO Score", "Num Credit Cards",
  };
  char *f[MAX_FIELDS];

  if (!read_header (reader, USERS_HEADER, error))
    return FALSE;

  while (reader_next (reader, error))
    {
      guint current_age, retirement_age, birth_year, birth_month, zipcode, fico, n_cards;
      gint64 per_capita, income, debt;
      g_autofree char *username = NULL;
      FpBankCustomer *c;

      if (!read_row (reader, f, N_USER_FIELDS, error))
        return FALSE;
      if (f[0][0] == '\0')
        return bad_field (error, reader, f[0], columns[0]);
      if (!parse_uint (f[1], 150, &current_age))
        return bad_field (error, reader, f[1], columns[1]);
      if (!parse_uint (f[2], 150, &retirement_age))
        return bad_field (error, reader, f[2], columns[2]);
      if (!parse_uint (f[3], 9999, &birth_year))
        return bad_field (error, reader, f[3], columns[3]);
      if (!parse_uint (f[4], 12, &birth_month) || birth_month == 0)
        return bad_field (error, reader, f[4], columns[4]);
      if (f[5][0] == '\0')
        return bad_field (error, reader, f[5], columns[5]);
      if (!parse_uint (f[10], 99999, &zipcode))
        return bad_field (error, reader, f[10], columns[10]);
      if (!is_decimal (f[11], TRUE))
        return bad_field (error, reader, f[11], columns[11]);
      if (!is_decimal (f[12], TRUE))
        return bad_field (error, reader, f[12], columns[12]);
      if (!parse_money (f[13], TRUE, &per_capita))
        return bad_field (error, reader, f[13], columns[13]);
      if (!parse_money (f[14], TRUE, &income))
        return bad_field (error, reader, f[14], columns[14]);
      if (!parse_money (f[15], TRUE, &debt))
        return bad_field (error, reader, f[15], columns[15]);
      if (!parse_uint (f[16], 999, &fico))
        return bad_field (error, reader, f[16], columns[16]);
      if (!parse_uint (f[17], 99, &n_cards))
        return bad_field (error, reader, f[17], columns[17]);

      username = g_strdup_printf ("user%u", fp_bank_data_get_n_customers (data));
      c = fp_bank_data_append_customer (data, username);
      c->person = fp_bank_data_intern_static (data, f[0]);
      c->current_age = current_age;
      c->retirement_age = retirement_age;
      c->birth_year = birth_year;
      c->birth_month = birth_month;
      c->gender = fp_bank_data_intern_static (data, f[5]);
      c->address = fp_bank_data_intern_static (data, f[6]);
      c->apartment = fp_bank_data_intern_static (data, f[7]);
      c->city = fp_bank_data_intern_static (data, f[8]);
      c->state = fp_bank_data_intern_static (data, f[9]);
      c->zipcode = fp_bank_data_intern_static (data, f[10]);
      c->latitude = fp_bank_data_intern_static (data, f[11]);
      c->longitude = fp_bank_data_intern_static (data, f[12]);
      c->per_capita_income = per_capita;
      c->yearly_income = income;
      c->total_debt = debt;
      c->fico_score = fico;
      c->num_credit_cards = n_cards;
    }

  return !reader->failed;
}

static guint32
find_card (FpBankData *data,
           guint       user,
           guint       card_index)
{
  guint n;
  const guint32 *cards = fp_bank_data_get_customer_cards (data, user, &n);

  for (guint i = 0; i < n; i++)
    if (fp_bank_data_get_card (data, cards[i])->card_index == card_index)
      return cards[i];
  return FP_BANK_NO_ID;
}

static gboolean
read_cards (FpBankData  *data,
            Reader      *reader,
            GError     **error)
{
  static const char * const columns[N_CARD_FIELDS] = {
    "User", "CARD INDEX", "Card Brand", "Card Type", "Card Number", "Expires",
    "CVV", "Has Chip", "Cards Issued", "Credit Limit", "Acct Open Date",
    "Year PIN last Changed", "Card on Dark Web",
  };
  char *f[MAX_FIELDS];
  guint n_users = fp_bank_data_get_n_customers (data);

  if (!read_header (reader, CARDS_HEADER, error))
    return FALSE;

  while (reader_next (reader, error))
    {
      guint user, index, exp_month, exp_year, issued, open_month, open_year, pin_year;
      gboolean has_chip, dark_web;
      gint64 limit;
      FpBankCard *card;

      if (!read_row (reader, f, N_CARD_FIELDS, error))
        return FALSE;
      if (!parse_uint (f[0], G_MAXINT32, &user))
        return bad_field (error, reader, f[0], columns[0]);
      if (user >= n_users)
        {
          set_row_error (error, reader, _("the user %u is not in %s"), user, FP_TABFORMER_USERS_FILE);
          return FALSE;
        }
      if (!parse_uint (f[1], 999, &index))
        return bad_field (error, reader, f[1], columns[1]);
      if (find_card (data, user, index) != FP_BANK_NO_ID)
        {
          set_row_error (error, reader, _("the card %u of user %u appears twice"), index, user);
          return FALSE;
        }
      if (f[2][0] == '\0')
        return bad_field (error, reader, f[2], columns[2]);
      if (f[3][0] == '\0')
        return bad_field (error, reader, f[3], columns[3]);
      if (!is_digits (f[4], 12, 19))
        return bad_field (error, reader, f[4], columns[4]);
      if (!parse_month_year (f[5], &exp_month, &exp_year))
        return bad_field (error, reader, f[5], columns[5]);
      if (!is_digits (f[6], 1, 4))
        return bad_field (error, reader, f[6], columns[6]);
      if (!parse_choice (f[7], "YES", "NO", &has_chip))
        return bad_field (error, reader, f[7], columns[7]);
      if (!parse_uint (f[8], 99, &issued))
        return bad_field (error, reader, f[8], columns[8]);
      if (!parse_money (f[9], TRUE, &limit))
        return bad_field (error, reader, f[9], columns[9]);
      if (!parse_month_year (f[10], &open_month, &open_year))
        return bad_field (error, reader, f[10], columns[10]);
      if (!parse_uint (f[11], 9999, &pin_year))
        return bad_field (error, reader, f[11], columns[11]);
      if (!parse_choice (f[12], "Yes", "No", &dark_web))
        return bad_field (error, reader, f[12], columns[12]);

      card = fp_bank_data_append_card (data, user, f[4], f[6]);
      card->card_index = index;
      card->brand = fp_bank_data_intern_static (data, f[2]);
      card->card_type = fp_bank_data_intern_static (data, f[3]);
      card->expires_month = exp_month;
      card->expires_year = exp_year;
      card->has_chip = has_chip;
      card->cards_issued = issued;
      card->credit_limit = limit;
      card->open_month = open_month;
      card->open_year = open_year;
      card->year_pin_last_changed = pin_year;
      card->on_dark_web = dark_web;
    }

  return !reader->failed;
}

/* Each customer gets a current account, where debit cards book, and an
 * account per credit card. */
static void
create_accounts (FpBankData *data)
{
  for (guint32 u = 0; u < fp_bank_data_get_n_customers (data); u++)
    {
      FpBankAccount *current = fp_bank_data_append_account (data, u, FP_BANK_ACCOUNT_CURRENT);
      guint32 current_id = current->id;
      const guint32 *cards;
      guint n;

      current->name = "Everyday Checking";
      g_snprintf (current->last_four, sizeof current->last_four, "%04u", (u * 7919u + 1234u) % 10000u);

      cards = fp_bank_data_get_customer_cards (data, u, &n);
      for (guint i = 0; i < n; i++)
        {
          FpBankCard *card = (FpBankCard *) fp_bank_data_get_card (data, cards[i]);

          if (g_str_equal (card->card_type, "Credit"))
            {
              FpBankAccount *account = fp_bank_data_append_account (data, u, FP_BANK_ACCOUNT_CREDIT_CARD);
              g_autofree char *name = g_strdup_printf ("%s Credit ...%s", card->brand, card->last_four);

              account->name = fp_bank_data_intern_static (data, name);
              memcpy (account->last_four, card->last_four, sizeof account->last_four);
              account->credit_limit = card->credit_limit;
              account->card = card->id;
              card->account = account->id;
            }
          else
            card->account = current_id;
        }
    }
}

/* The files hold no balances: choose opening balances so that the current
 * account holds two months of income and each card owes a tenth of its
 * limit. */
static void
set_opening_balances (FpBankData *data)
{
  for (guint32 a = 0; a < fp_bank_data_get_n_accounts (data); a++)
    {
      const FpBankAccount *account = fp_bank_data_get_account (data, a);
      gint64 target;

      if (account->kind == FP_BANK_ACCOUNT_CURRENT)
        target = fp_bank_data_get_customer (data, account->customer)->yearly_income / 6;
      else
        target = -(account->credit_limit / 10);
      fp_bank_data_set_opening_balance (data, a, target - account->transactions_sum);
    }
}

static gboolean
read_transactions (FpBankData  *data,
                   Reader      *reader,
                   GError     **error)
{
  static const char * const columns[N_TXN_FIELDS] = {
    "User", "Card", "Year", "Month", "Day", "Time", "Amount", "Use Chip",
    "Merchant Name", "Merchant City", "Merchant State", "Zip", "MCC",
    "Errors?", "Is Fraud?",
  };
  char *f[MAX_FIELDS];
  guint n_users = fp_bank_data_get_n_customers (data);
  guint last_user = G_MAXUINT, last_index = G_MAXUINT;
  guint32 last_card = FP_BANK_NO_ID;
  guint32 last_account = FP_BANK_NO_ID;

  if (!read_header (reader, TXNS_HEADER, error))
    return FALSE;

  while (reader_next (reader, error))
    {
      FpBankTxnRecord r = { 0 };
      guint user, index, year, month, day, mcc;
      gboolean fraud;
      gint64 amount;
      const char *t;
      guint32 id;

      if (!read_row (reader, f, N_TXN_FIELDS, error))
        return FALSE;
      if (fp_bank_data_get_n_transactions (data) >= FP_BANK_MAX_TRANSACTIONS)
        {
          set_row_error (error, reader, _("the sandbox holds at most %u transactions"),
                         FP_BANK_MAX_TRANSACTIONS);
          return FALSE;
        }
      if (!parse_uint (f[0], G_MAXINT32, &user))
        return bad_field (error, reader, f[0], columns[0]);
      if (!parse_uint (f[1], 999, &index))
        return bad_field (error, reader, f[1], columns[1]);
      if (user != last_user || index != last_index)
        {
          if (user >= n_users)
            {
              set_row_error (error, reader, _("the user %u is not in %s"), user, FP_TABFORMER_USERS_FILE);
              return FALSE;
            }
          last_card = find_card (data, user, index);
          if (last_card == FP_BANK_NO_ID)
            {
              set_row_error (error, reader, _("the card %u of user %u is not in %s"),
                             index, user, FP_TABFORMER_CARDS_FILE);
              return FALSE;
            }
          last_account = fp_bank_data_get_card (data, last_card)->account;
          last_user = user;
          last_index = index;
        }
      if (!parse_uint (f[2], 2200, &year) || year < 1900)
        return bad_field (error, reader, f[2], columns[2]);
      if (!parse_uint (f[3], 12, &month) || month == 0)
        return bad_field (error, reader, f[3], columns[3]);
      if (!parse_uint (f[4], 31, &day) || day == 0 || day > fp_bank_days_in_month ((gint) year, month))
        return bad_field (error, reader, f[4], columns[4]);
      t = f[5];
      if (strlen (t) != 5 || t[2] != ':' || !g_ascii_isdigit (t[0]) || !g_ascii_isdigit (t[1]) ||
          !g_ascii_isdigit (t[3]) || !g_ascii_isdigit (t[4]) ||
          (t[0] - '0') * 10 + (t[1] - '0') > 23 || (t[3] - '0') * 10 + (t[4] - '0') > 59)
        return bad_field (error, reader, f[5], columns[5]);
      if (!parse_money (f[6], FALSE, &amount) || amount == G_MININT64)
        return bad_field (error, reader, f[6], columns[6]);
      if (strcmp (f[7], "Swipe Transaction") == 0)
        r.use_chip = FP_BANK_USE_CHIP_SWIPE;
      else if (strcmp (f[7], "Chip Transaction") == 0)
        r.use_chip = FP_BANK_USE_CHIP_CHIP;
      else if (strcmp (f[7], "Online Transaction") == 0)
        r.use_chip = FP_BANK_USE_CHIP_ONLINE;
      else
        return bad_field (error, reader, f[7], columns[7]);
      if (!parse_int64 (f[8], &r.merchant))
        return bad_field (error, reader, f[8], columns[8]);
      if (f[9][0] == '\0')
        return bad_field (error, reader, f[9], columns[9]);
      if (f[11][0] != '\0' && !is_decimal (f[11], FALSE))
        return bad_field (error, reader, f[11], columns[11]);
      if (!parse_uint (f[12], 9999, &mcc))
        return bad_field (error, reader, f[12], columns[12]);
      if (!is_error_list (f[13]))
        return bad_field (error, reader, f[13], columns[13]);
      if (!parse_choice (f[14], "Yes", "No", &fraud))
        return bad_field (error, reader, f[14], columns[14]);

      /* TabFormer's purchases are positive; the bank's debits negative. */
      r.amount = -amount;
      r.minutes = fp_bank_days_from_civil ((gint) year, month, day) * 1440 +
                  ((t[0] - '0') * 10 + (t[1] - '0')) * 60 + (t[3] - '0') * 10 + (t[4] - '0');
      r.account = last_account;
      r.card = last_card;
      r.city = fp_bank_data_intern (data, f[9]);
      r.state = fp_bank_data_intern (data, f[10]);
      r.zip = fp_bank_data_intern (data, f[11]);
      r.text = fp_bank_data_intern (data, f[13]);
      r.mcc = mcc;
      r.category = FP_BANK_CATEGORY_CARD;
      r.is_fraud = fraud ? 1 : 0;

      id = fp_bank_data_append_record (data, &r);
      fp_bank_data_push_change (data, FP_BANK_CHANGE_CREATED, id, r.minutes);
    }

  return !reader->failed;
}

static gboolean
read_file (FpBankData  *data,
           const char  *dir,
           SourceFile  *source,
           gboolean   (*read_rows) (FpBankData *, Reader *, GError **),
           GError     **error)
{
  g_autofree char *path = g_build_filename (dir, source->name, NULL);
  Reader reader;
  gboolean ok;

  if (!reader_open (&reader, path, source, error))
    return FALSE;
  ok = read_rows (data, &reader, error);
  reader_close (&reader);

  return ok;
}

static int
compare_user_files (gconstpointer a,
                    gconstpointer b)
{
  const char *na = *(const char * const *) a;
  const char *nb = *(const char * const *) b;
  guint64 ua = g_ascii_strtoull (na + 4, NULL, 10);
  guint64 ub = g_ascii_strtoull (nb + 4, NULL, 10);

  if (ua != ub)
    return ua < ub ? -1 : 1;
  return strcmp (na, nb);
}

/* The transactions files of @dir, in reading order. */
static GPtrArray *
find_transaction_files (const char  *dir,
                        GError     **error)
{
  static const char * const names[] = {
    FP_TABFORMER_TRANSACTIONS_FILE,
    "credit_card_transactions-ibm_v2.csv",
    "card_transaction.v1.csv",
  };
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = NULL;
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_ptr_array_add (found, g_strdup (names[i]));
          return g_steal_pointer (&found);
        }
    }

  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      const char *p = name + 4;

      if (!g_str_has_prefix (name, "User") || !g_ascii_isdigit (*p))
        continue;
      while (g_ascii_isdigit (*p))
        p++;
      if (strcmp (p, "_credit_card_transactions.csv") == 0)
        g_ptr_array_add (found, g_strdup (name));
    }
  if (found->len == 0)
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_MISSING_FILE,
                   _("No card transactions file in %s (expected %s)"),
                   display, FP_TABFORMER_TRANSACTIONS_FILE);
      return NULL;
    }
  g_ptr_array_sort (found, compare_user_files);

  return g_steal_pointer (&found);
}

FpBankData *
fp_tabformer_import (const char  *dir,
                     GError     **error)
{
  g_autoptr(FpBankData) data = NULL;
  g_autoptr(GPtrArray) txn_names = NULL;
  ImportInfo *info;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  txn_names = find_transaction_files (dir, error);
  if (txn_names == NULL)
    return NULL;

  data = fp_bank_data_new ();
  info = g_new0 (ImportInfo, 1);
  info->users.name = g_strdup (FP_TABFORMER_USERS_FILE);
  info->cards.name = g_strdup (FP_TABFORMER_CARDS_FILE);
  info->txn_files = g_array_new (FALSE, TRUE, sizeof (SourceFile));
  fp_bank_data_set_import_info (data, info, import_info_free);

  if (!read_file (data, dir, &info->users, read_users, error) ||
      !read_file (data, dir, &info->cards, read_cards, error))
    return NULL;

  create_accounts (data);

  for (guint i = 0; i < txn_names->len; i++)
    {
      SourceFile source = { 0 };
      SourceFile *stored;

      source.name = g_strdup (g_ptr_array_index (txn_names, i));
      source.first_txn = fp_bank_data_get_n_transactions (data);
      g_array_append_val (info->txn_files, source);
      stored = &g_array_index (info->txn_files, SourceFile, i);
      if (!read_file (data, dir, stored, read_transactions, error))
        return NULL;
      stored->end_txn = fp_bank_data_get_n_transactions (data);
    }

  set_opening_balances (data);
  fp_bank_data_seal (data);

  return g_steal_pointer (&data);
}

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
  if (!needs_quotes (field))
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
      format_dollars (c->per_capita_income, a, sizeof a);
      format_dollars (c->yearly_income, b, sizeof b);
      format_dollars (c->total_debt, d, sizeof d);
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
      format_dollars (c->credit_limit, limit, sizeof limit);
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
      fp_bank_civil_from_days (days, &year, &month, &day);
      format_cents (-r->amount, amount, sizeof amount);

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
