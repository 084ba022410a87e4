/* fp-tabformer-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the TabFormer importer and exporter share: the dataset's headers,
 * what an import remembers to write the files back byte for byte, the line
 * reader and the field parsers.
 */

#pragma once

#include <stdio.h>

#include "fp-bank-data-private.h"
#include "fp-tabformer.h"

G_BEGIN_DECLS

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

/* Reading lines (fp-tabformer-csv.c) */

/* Lines are read through a buffer of their own: a line longer than
 * FP_TABFORMER_MAX_LINE is refused without reading it whole. */
#define TAB_READ_BUFFER (256 * 1024)

typedef struct {
  FILE        *file;
  const char  *name;        /* base name, for messages */
  char        *line;        /* the line last read, in @buffer */
  char        *buffer;      /* TAB_READ_BUFFER + 1 bytes */
  gsize        start;       /* unread bytes of @buffer: start..end */
  gsize        end;
  gboolean     eof;
  guint        number;      /* of the line last read, 1-based */
  gboolean     failed;
  SourceFile  *source;
} Reader;

void      tab_set_row_error     (GError      **error,
                                 Reader       *reader,
                                 const char   *format,
                                 ...) G_GNUC_PRINTF (3, 4);
gboolean  tab_reader_open       (Reader       *reader,
                                 const char   *path,
                                 SourceFile   *source,
                                 GError      **error);
void      tab_reader_close      (Reader       *reader);
gboolean  tab_reader_next       (Reader       *reader,
                                 GError      **error);
gboolean  tab_needs_quotes      (const char   *field);
gboolean  tab_read_row          (Reader       *reader,
                                 char        **fields,
                                 guint         expected,
                                 GError      **error);
gboolean  tab_read_header       (Reader       *reader,
                                 const char   *expected,
                                 GError      **error);

/* Fields, checked against how the exporter writes them */

gboolean  tab_bad_field         (GError      **error,
                                 Reader       *reader,
                                 const char   *value,
                                 const char   *column);
gboolean  tab_parse_uint        (const char   *text,
                                 guint         max,
                                 guint        *out);
gboolean  tab_parse_int64       (const char   *text,
                                 gint64       *out);
void      tab_format_cents      (gint64        minor,
                                 char         *buffer,
                                 gsize         size);
void      tab_format_dollars    (gint64        minor,
                                 char         *buffer,
                                 gsize         size);
gboolean  tab_parse_money       (const char   *text,
                                 gboolean      whole_dollars,
                                 gint64       *out);
gboolean  tab_parse_month_year  (const char   *text,
                                 guint        *month,
                                 guint        *year);
gboolean  tab_is_decimal        (const char   *text,
                                 gboolean      allow_sign);
gboolean  tab_is_digits         (const char   *text,
                                 gsize         min,
                                 gsize         max);
gboolean  tab_parse_choice      (const char   *text,
                                 const char   *yes,
                                 const char   *no,
                                 gboolean     *out);
gboolean  tab_is_error_list     (const char   *text);

G_END_DECLS
