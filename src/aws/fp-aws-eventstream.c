/* fp-aws-eventstream.c
 *
 * The `application/vnd.amazon.eventstream` framing Bedrock's
 * ConverseStream answers with. Each message:
 *
 *   total length (4, big-endian) | headers length (4) | prelude CRC32 (4)
 *   headers | payload | message CRC32 (4)
 *
 * The prelude CRC covers the first 8 bytes, the message CRC everything
 * before it; zlib's crc32() computes both. A header is a 1-byte name
 * length, the name, a 1-byte type and a value whose size the type gives
 * (strings and byte arrays carry a 2-byte length).
 *
 * Decoding trusts nothing: the prelude CRC is checked before its lengths
 * are used, lengths are bounded, every header is bounds-checked, strings
 * must be UTF-8, and the message CRC must match before anything is
 * returned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-aws"

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "fp-aws-error.h"
#include "fp-aws-eventstream.h"

#define PRELUDE_BYTES 12

struct _FpAwsEventDecoder {
  GByteArray *buffer;
  gsize       offset;      /* bytes of buffer already decoded */
  gsize       max_bytes;
  gboolean    failed;
};

static void
header_free (gpointer data)
{
  FpAwsEventHeader *h = data;

  g_free (h->name);
  g_bytes_unref (h->value);
  g_free (h);
}

FpAwsEventMessage *
fp_aws_event_message_new (void)
{
  FpAwsEventMessage *m = g_new0 (FpAwsEventMessage, 1);

  m->headers = g_ptr_array_new_with_free_func (header_free);
  m->payload = g_bytes_new (NULL, 0);
  return m;
}

void
fp_aws_event_message_free (FpAwsEventMessage *message)
{
  if (message == NULL)
    return;
  g_ptr_array_unref (message->headers);
  g_clear_pointer (&message->payload, g_bytes_unref);
  g_free (message);
}

/**
 * fp_aws_event_message_add:
 * @message: a message
 * @name: the header's name
 * @type: the value's type
 * @value: (array length=len) (nullable): the value's bytes as on the wire
 * @len: their length
 *
 * Appends a header; fp_aws_event_encode() checks sizes.
 */
void
fp_aws_event_message_add (FpAwsEventMessage *message,
                          const char        *name,
                          FpAwsHeaderType    type,
                          const guint8      *value,
                          gsize              len)
{
  FpAwsEventHeader *h;

  g_return_if_fail (message != NULL && name != NULL);

  h = g_new0 (FpAwsEventHeader, 1);
  h->name = g_strdup (name);
  h->type = (guint8) type;
  h->value = g_bytes_new (value, len);
  g_ptr_array_add (message->headers, h);
}

void
fp_aws_event_message_add_string (FpAwsEventMessage *message,
                                 const char        *name,
                                 const char        *value)
{
  g_return_if_fail (value != NULL);

  fp_aws_event_message_add (message, name, FP_AWS_HEADER_STRING, (const guint8 *) value, strlen (value));
}

/**
 * fp_aws_event_message_dup_string:
 * @message: a message
 * @name: a header name
 *
 * Returns: (transfer full) (nullable): the value of the first string header
 *   called @name
 */
char *
fp_aws_event_message_dup_string (const FpAwsEventMessage *message,
                                 const char              *name)
{
  g_return_val_if_fail (message != NULL && name != NULL, NULL);

  for (guint i = 0; i < message->headers->len; i++)
    {
      const FpAwsEventHeader *h = g_ptr_array_index (message->headers, i);
      gsize len = 0;
      const char *data;

      if (h->type != FP_AWS_HEADER_STRING || strcmp (h->name, name) != 0)
        continue;
      data = g_bytes_get_data (h->value, &len);
      return g_strndup (data != NULL ? data : "", len);
    }
  return NULL;
}

static void
put_be32 (GByteArray *out,
          guint32     v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (out, b, 4);
}

static guint32
get_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
crc (const guint8 *data,
     gsize         len)
{
  return (guint32) crc32 (0L, data, (uInt) len);
}

/* Size of a fixed-size value, or -1 for a length-prefixed one, or -2 for
 * an unknown type. */
static gssize
fixed_size (guint8 type)
{
  switch (type)
    {
    case FP_AWS_HEADER_TRUE:
    case FP_AWS_HEADER_FALSE:
      return 0;
    case FP_AWS_HEADER_BYTE:
      return 1;
    case FP_AWS_HEADER_SHORT:
      return 2;
    case FP_AWS_HEADER_INT:
      return 4;
    case FP_AWS_HEADER_LONG:
    case FP_AWS_HEADER_TIMESTAMP:
      return 8;
    case FP_AWS_HEADER_UUID:
      return 16;
    case FP_AWS_HEADER_BYTES:
    case FP_AWS_HEADER_STRING:
      return -1;
    default:
      return -2;
    }
}

/**
 * fp_aws_event_encode:
 * @message: a message
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the framed message, or %NULL when a
 *   name, a value or the whole is too large or of the wrong size
 */
GBytes *
fp_aws_event_encode (const FpAwsEventMessage *message,
                     GError                 **error)
{
  g_autoptr(GByteArray) headers = g_byte_array_new ();
  g_autoptr(GByteArray) out = NULL;
  gsize payload_len = 0;
  const guint8 *payload;
  gsize total;

  g_return_val_if_fail (message != NULL, NULL);

  for (guint i = 0; i < message->headers->len; i++)
    {
      const FpAwsEventHeader *h = g_ptr_array_index (message->headers, i);
      gsize name_len = strlen (h->name);
      gsize value_len = 0;
      const guint8 *value = g_bytes_get_data (h->value, &value_len);
      gssize size = fixed_size (h->type);
      guint8 b;

      if (name_len == 0 || name_len > 255 || size == -2
          || (size >= 0 && (gsize) size != value_len) || (size == -1 && value_len > G_MAXUINT16))
        {
          g_set_error (error, FP_AWS_ERROR, FP_AWS_ERROR_HEADER, "Header %u cannot be encoded", i);
          return NULL;
        }
      b = (guint8) name_len;
      g_byte_array_append (headers, &b, 1);
      g_byte_array_append (headers, (const guint8 *) h->name, (guint) name_len);
      g_byte_array_append (headers, &h->type, 1);
      if (size == -1)
        {
          guint8 len16[2] = { value_len >> 8, value_len };

          g_byte_array_append (headers, len16, 2);
        }
      if (value_len > 0)
        g_byte_array_append (headers, value, (guint) value_len);
    }

  payload = g_bytes_get_data (message->payload, &payload_len);
  total = PRELUDE_BYTES + headers->len + payload_len + 4;
  if (headers->len > FP_AWS_EVENT_MAX_HEADERS || total > FP_AWS_EVENT_MAX_BYTES)
    {
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_LENGTH, "The message is too large");
      return NULL;
    }

  out = g_byte_array_sized_new ((guint) total);
  put_be32 (out, (guint32) total);
  put_be32 (out, headers->len);
  put_be32 (out, crc (out->data, 8));
  g_byte_array_append (out, headers->data, headers->len);
  if (payload_len > 0)
    g_byte_array_append (out, payload, (guint) payload_len);
  put_be32 (out, crc (out->data, out->len));
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * fp_aws_event_encode_json:
 * @message_type: `event` or `exception`
 * @type_header: `:event-type` or `:exception-type`
 * @type: e.g. `contentBlockDelta`
 * @json: the JSON payload
 *
 * The framing of one Bedrock stream message with `:message-type`, the type
 * header and `:content-type: application/json`.
 *
 * Returns: (transfer full): the framed message
 */
GBytes *
fp_aws_event_encode_json (const char *message_type,
                          const char *type_header,
                          const char *type,
                          const char *json)
{
  g_autoptr(FpAwsEventMessage) m = fp_aws_event_message_new ();
  GBytes *out;

  g_return_val_if_fail (message_type != NULL && type_header != NULL && type != NULL && json != NULL, NULL);

  fp_aws_event_message_add_string (m, type_header, type);
  fp_aws_event_message_add_string (m, ":content-type", "application/json");
  fp_aws_event_message_add_string (m, ":message-type", message_type);
  g_bytes_unref (m->payload);
  m->payload = g_bytes_new (json, strlen (json));
  out = fp_aws_event_encode (m, NULL);
  g_assert (out != NULL);
  return out;
}

static gboolean
header_error (GError    **error,
              const char *what)
{
  g_set_error (error, FP_AWS_ERROR, FP_AWS_ERROR_HEADER, "Event-stream header: %s", what);
  return FALSE;
}

static gboolean
parse_headers (const guint8       *p,
               gsize               len,
               FpAwsEventMessage  *m,
               GError            **error)
{
  gsize i = 0;

  while (i < len)
    {
      gsize name_len = p[i++];
      gssize size;
      gsize value_len;
      guint8 type;
      FpAwsEventHeader *h;

      if (name_len == 0)
        return header_error (error, "empty name");
      if (len - i < name_len + 1)
        return header_error (error, "name runs past the headers");
      if (!g_utf8_validate ((const char *) p + i, (gssize) name_len, NULL)
          || memchr (p + i, '\0', name_len) != NULL)
        return header_error (error, "name is not UTF-8");
      h = g_new0 (FpAwsEventHeader, 1);
      h->name = g_strndup ((const char *) p + i, name_len);
      i += name_len;
      type = p[i++];
      size = fixed_size (type);
      if (size == -2)
        {
          header_free (h);
          return header_error (error, "unknown value type");
        }
      if (size == -1)
        {
          if (len - i < 2)
            {
              header_free (h);
              return header_error (error, "length runs past the headers");
            }
          value_len = ((gsize) p[i] << 8) | p[i + 1];
          i += 2;
        }
      else
        value_len = (gsize) size;
      if (len - i < value_len)
        {
          header_free (h);
          return header_error (error, "value runs past the headers");
        }
      if (type == FP_AWS_HEADER_STRING
          && (!g_utf8_validate ((const char *) p + i, (gssize) value_len, NULL)
              || memchr (p + i, '\0', value_len) != NULL))
        {
          header_free (h);
          return header_error (error, "string value is not UTF-8");
        }
      h->type = type;
      h->value = g_bytes_new (p + i, value_len);
      i += value_len;
      g_ptr_array_add (m->headers, h);
    }
  return TRUE;
}

/**
 * fp_aws_event_decode:
 * @data: (array length=len): bytes from the stream
 * @len: how many
 * @out_consumed: (out): bytes of @data the message took; 0 when more bytes
 *   are needed
 * @max_bytes: the largest message accepted (at most
 *   %FP_AWS_EVENT_MAX_BYTES)
 * @error: a #GError
 *
 * Decodes the message at the start of @data. Returns %NULL without an
 * error when @data holds only part of it.
 *
 * Returns: (transfer full) (nullable): the message
 */
FpAwsEventMessage *
fp_aws_event_decode (const guint8  *data,
                     gsize          len,
                     gsize         *out_consumed,
                     gsize          max_bytes,
                     GError       **error)
{
  g_autoptr(FpAwsEventMessage) m = NULL;
  guint32 total, headers_len;

  g_return_val_if_fail (out_consumed != NULL, NULL);

  *out_consumed = 0;
  if (len < PRELUDE_BYTES)
    return NULL;
  if (crc (data, 8) != get_be32 (data + 8))
    {
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_PRELUDE_CRC,
                           "Event-stream prelude CRC mismatch");
      return NULL;
    }
  total = get_be32 (data);
  headers_len = get_be32 (data + 4);
  if (total < FP_AWS_EVENT_MIN_BYTES || total > MIN (max_bytes, FP_AWS_EVENT_MAX_BYTES)
      || headers_len > FP_AWS_EVENT_MAX_HEADERS || headers_len > total - FP_AWS_EVENT_MIN_BYTES)
    {
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_LENGTH,
                           "Event-stream message length out of range");
      return NULL;
    }
  if (len < total)
    return NULL;
  if (crc (data, total - 4) != get_be32 (data + total - 4))
    {
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_MESSAGE_CRC,
                           "Event-stream message CRC mismatch");
      return NULL;
    }

  m = fp_aws_event_message_new ();
  if (!parse_headers (data + PRELUDE_BYTES, headers_len, m, error))
    return NULL;
  g_bytes_unref (m->payload);
  m->payload = g_bytes_new (data + PRELUDE_BYTES + headers_len,
                            total - PRELUDE_BYTES - headers_len - 4);
  *out_consumed = total;
  return g_steal_pointer (&m);
}

/* The decoder */

FpAwsEventDecoder *
fp_aws_event_decoder_new (gsize max_bytes)
{
  FpAwsEventDecoder *d = g_new0 (FpAwsEventDecoder, 1);

  d->buffer = g_byte_array_new ();
  d->max_bytes = max_bytes > 0 ? MIN (max_bytes, FP_AWS_EVENT_MAX_BYTES) : FP_AWS_EVENT_MAX_BYTES;
  return d;
}

void
fp_aws_event_decoder_free (FpAwsEventDecoder *decoder)
{
  if (decoder == NULL)
    return;
  g_byte_array_unref (decoder->buffer);
  g_free (decoder);
}

void
fp_aws_event_decoder_feed (FpAwsEventDecoder *decoder,
                           const guint8      *data,
                           gsize              len)
{
  g_return_if_fail (decoder != NULL);

  if (decoder->failed || len == 0)
    return;
  /* Drop what was decoded before growing the buffer. */
  if (decoder->offset > 0)
    {
      g_byte_array_remove_range (decoder->buffer, 0, (guint) decoder->offset);
      decoder->offset = 0;
    }
  g_byte_array_append (decoder->buffer, data, (guint) len);
}

/**
 * fp_aws_event_decoder_next:
 * @decoder: a decoder
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the next complete message; %NULL
 *   without an error when more bytes are needed. After an error the
 *   decoder refuses everything.
 */
FpAwsEventMessage *
fp_aws_event_decoder_next (FpAwsEventDecoder  *decoder,
                           GError            **error)
{
  FpAwsEventMessage *m;
  gsize consumed = 0;
  GError *local = NULL;

  g_return_val_if_fail (decoder != NULL, NULL);

  if (decoder->failed)
    {
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID, "The event stream failed earlier");
      return NULL;
    }
  m = fp_aws_event_decode (decoder->buffer->data + decoder->offset,
                           decoder->buffer->len - decoder->offset, &consumed, decoder->max_bytes, &local);
  if (local != NULL)
    {
      decoder->failed = TRUE;
      g_propagate_error (error, local);
      return NULL;
    }
  decoder->offset += consumed;
  return m;
}

/**
 * fp_aws_event_decoder_finish:
 * @decoder: a decoder
 * @error: a #GError
 *
 * The stream ended: fails with %FP_AWS_ERROR_TRUNCATED when it ended inside
 * a message.
 *
 * Returns: %TRUE when the stream ended between messages
 */
gboolean
fp_aws_event_decoder_finish (FpAwsEventDecoder  *decoder,
                             GError            **error)
{
  g_return_val_if_fail (decoder != NULL, FALSE);

  if (decoder->failed)
    {
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID, "The event stream failed earlier");
      return FALSE;
    }
  if (decoder->buffer->len > decoder->offset)
    {
      g_set_error (error, FP_AWS_ERROR, FP_AWS_ERROR_TRUNCATED,
                   "The event stream ended inside a message (%u bytes left)",
                   (guint) (decoder->buffer->len - decoder->offset));
      return FALSE;
    }
  return TRUE;
}
