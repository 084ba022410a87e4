/* test-aws-eventstream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vnd.amazon.eventstream codec (src/aws/fp-aws-eventstream.c): two
 * messages checked against bytes made elsewhere (AWS's "empty message" and
 * one framed by Python's struct and zlib.crc32), round trips through the
 * incremental decoder fed in every piece size, and every way a frame can
 * be damaged refused with its own error.
 */

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "fp-aws-error.h"
#include "fp-aws-eventstream.h"

/* From Python, independently of the codec:
 *   hdr = lambda n, v: bytes([len(n)]) + n + b'\x07' + struct.pack('>H', len(v)) + v
 *   headers = hdr(b':event-type', b'contentBlockDelta') + hdr(b':content-type',
 *             b'application/json') + hdr(b':message-type', b'event')
 *   payload = b'{"contentBlockIndex":0,"delta":{"text":"Hi"}}'
 *   prelude = struct.pack('>II', 12 + len(headers) + len(payload) + 4, len(headers))
 *   msg = prelude + struct.pack('>I', zlib.crc32(prelude)) + headers + payload
 *   msg += struct.pack('>I', zlib.crc32(msg)) */
static const char *const delta_hex =
  "0000009400000057b4ab9aee0b3a6576656e742d74797065070011636f6e74656e74426c6f636b44656c74610d3a63"
  "6f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d74797065070005"
  "6576656e747b22636f6e74656e74426c6f636b496e646578223a302c2264656c7461223a7b2274657874223a224869"
  "227d7d1f944657";

static GBytes *
from_hex (const char *hex)
{
  gsize len = strlen (hex) / 2;
  guint8 *out = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    out[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) * 16 + g_ascii_xdigit_value (hex[2 * i + 1]));
  return g_bytes_new_take (out, len);
}

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* Recomputes both CRCs after a test changed the frame on purpose. */
static void
fix_crcs (guint8 *p,
          gsize   len)
{
  put_be32 (p + 8, (guint32) crc32 (0L, p, 8));
  put_be32 (p + len - 4, (guint32) crc32 (0L, p, (uInt) (len - 4)));
}

static void
test_empty_message (void)
{
  g_autoptr(FpAwsEventMessage) m = fp_aws_event_message_new ();
  g_autoptr(GBytes) expected = from_hex ("00000010000000000" "5c248eb7d98c8ff");
  g_autoptr(GBytes) bytes = fp_aws_event_encode (m, NULL);
  g_autoptr(FpAwsEventMessage) back = NULL;
  gsize consumed = 0;

  g_assert_true (g_bytes_equal (bytes, expected));
  back = fp_aws_event_decode (g_bytes_get_data (expected, NULL), 16, &consumed, 0 + FP_AWS_EVENT_MAX_BYTES, NULL);
  g_assert_nonnull (back);
  g_assert_cmpuint (consumed, ==, 16);
  g_assert_cmpuint (back->headers->len, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (back->payload), ==, 0);
}

static void
test_python_vector (void)
{
  g_autoptr(GBytes) expected = from_hex (delta_hex);
  g_autoptr(GBytes) encoded = fp_aws_event_encode_json ("event", ":event-type", "contentBlockDelta",
                                                        "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}");
  g_autoptr(FpAwsEventMessage) m = NULL;
  g_autofree char *type = NULL;
  g_autofree char *message_type = NULL;
  gsize consumed = 0;

  /* The encoder writes :event-type, :content-type, :message-type in that
   * order, as the Python frame does. */
  g_assert_true (g_bytes_equal (encoded, expected));
  m = fp_aws_event_decode (g_bytes_get_data (expected, NULL), g_bytes_get_size (expected), &consumed,
                           FP_AWS_EVENT_MAX_BYTES, NULL);
  g_assert_nonnull (m);
  g_assert_cmpuint (consumed, ==, 148);
  type = fp_aws_event_message_dup_string (m, ":event-type");
  message_type = fp_aws_event_message_dup_string (m, ":message-type");
  g_assert_cmpstr (type, ==, "contentBlockDelta");
  g_assert_cmpstr (message_type, ==, "event");
  g_assert_cmpmem (g_bytes_get_data (m->payload, NULL), g_bytes_get_size (m->payload),
                   "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}", 45);
}

static FpAwsEventMessage *
every_type (gsize payload_len)
{
  FpAwsEventMessage *m = fp_aws_event_message_new ();
  guint8 *payload = g_malloc (payload_len + 1);
  static const guint8 eight[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  static const guint8 uuid[16] = { 0xde, 0xad, 0xbe, 0xef };

  fp_aws_event_message_add (m, "t", FP_AWS_HEADER_TRUE, NULL, 0);
  fp_aws_event_message_add (m, "f", FP_AWS_HEADER_FALSE, NULL, 0);
  fp_aws_event_message_add (m, "byte", FP_AWS_HEADER_BYTE, eight, 1);
  fp_aws_event_message_add (m, "short", FP_AWS_HEADER_SHORT, eight, 2);
  fp_aws_event_message_add (m, "int", FP_AWS_HEADER_INT, eight, 4);
  fp_aws_event_message_add (m, "long", FP_AWS_HEADER_LONG, eight, 8);
  fp_aws_event_message_add (m, "bytes", FP_AWS_HEADER_BYTES, eight, 5);
  fp_aws_event_message_add_string (m, ":event-type", "messageStop");
  fp_aws_event_message_add_string (m, "ünïcode", "värde");
  fp_aws_event_message_add (m, "time", FP_AWS_HEADER_TIMESTAMP, eight, 8);
  fp_aws_event_message_add (m, "uuid", FP_AWS_HEADER_UUID, uuid, 16);
  for (gsize i = 0; i < payload_len; i++)
    payload[i] = (guint8) (i * 7 + 3);
  g_bytes_unref (m->payload);
  m->payload = g_bytes_new_take (payload, payload_len);
  return m;
}

static void
assert_same (const FpAwsEventMessage *a,
             const FpAwsEventMessage *b)
{
  g_assert_cmpuint (a->headers->len, ==, b->headers->len);
  for (guint i = 0; i < a->headers->len; i++)
    {
      const FpAwsEventHeader *x = g_ptr_array_index (a->headers, i);
      const FpAwsEventHeader *y = g_ptr_array_index (b->headers, i);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpuint (x->type, ==, y->type);
      g_assert_true (g_bytes_equal (x->value, y->value));
    }
  g_assert_true (g_bytes_equal (a->payload, b->payload));
}

static void
test_round_trip (void)
{
  static const gsize sizes[] = { 0, 1, 100, 70000 };
  static const gsize pieces[] = { 1, 7, 4096 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(FpAwsEventMessage) m = every_type (sizes[s]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = fp_aws_event_encode (m, &error);
      g_autoptr(GByteArray) stream = g_byte_array_new ();
      gsize len = 0;
      const guint8 *data;

      g_assert_no_error (error);
      data = g_bytes_get_data (bytes, &len);
      /* Three copies back to back, fed in pieces of 1, 7 and 4096 bytes. */
      for (guint i = 0; i < 3; i++)
        g_byte_array_append (stream, data, (guint) len);
      for (guint k = 0; k < G_N_ELEMENTS (pieces); k++)
        {
          gsize piece = pieces[k];
          g_autoptr(FpAwsEventDecoder) decoder = fp_aws_event_decoder_new (0);
          guint n = 0;

          for (gsize at = 0; at < stream->len; at += piece)
            {
              FpAwsEventMessage *out;

              fp_aws_event_decoder_feed (decoder, stream->data + at, MIN (piece, stream->len - at));
              while ((out = fp_aws_event_decoder_next (decoder, &error)) != NULL)
                {
                  assert_same (m, out);
                  fp_aws_event_message_free (out);
                  n++;
                }
              g_assert_no_error (error);
            }
          g_assert_cmpuint (n, ==, 3);
          g_assert_true (fp_aws_event_decoder_finish (decoder, &error));
          g_assert_no_error (error);
        }
    }
}

static GError *
decode_error (const guint8 *data,
              gsize         len,
              gsize         max_bytes)
{
  GError *error = NULL;
  gsize consumed = 0;
  g_autoptr(FpAwsEventMessage) m = fp_aws_event_decode (data, len, &consumed, max_bytes, &error);

  g_assert_null (m);
  g_assert_cmpuint (consumed, ==, 0);
  return error;
}

static void
test_crc_refused (void)
{
  g_autoptr(GBytes) good = from_hex (delta_hex);
  gsize len = g_bytes_get_size (good);

  /* Every single-bit flip anywhere is caught: in the prelude by its CRC,
   * in the rest by the message CRC. */
  for (gsize byte = 0; byte < len; byte++)
    for (guint bit = 0; bit < 8; bit += 3)
      {
        g_autofree guint8 *bad = g_memdup2 (g_bytes_get_data (good, NULL), len);
        g_autoptr(GError) error = NULL;

        bad[byte] ^= (guint8) (1u << bit);
        error = decode_error (bad, len, FP_AWS_EVENT_MAX_BYTES);
        if (byte < 12)
          g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_PRELUDE_CRC);
        else
          g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_MESSAGE_CRC);
      }
}

static void
test_truncated_refused (void)
{
  g_autoptr(GBytes) good = from_hex (delta_hex);
  gsize len = g_bytes_get_size (good);

  for (gsize keep = 1; keep < len; keep++)
    {
      g_autoptr(FpAwsEventDecoder) decoder = fp_aws_event_decoder_new (0);
      g_autoptr(GError) error = NULL;
      g_autoptr(FpAwsEventMessage) m = NULL;

      fp_aws_event_decoder_feed (decoder, g_bytes_get_data (good, NULL), keep);
      m = fp_aws_event_decoder_next (decoder, &error);
      g_assert_null (m);
      g_assert_no_error (error);
      g_assert_false (fp_aws_event_decoder_finish (decoder, &error));
      g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_TRUNCATED);
    }
}

static void
test_lengths_refused (void)
{
  g_autoptr(GBytes) good = from_hex (delta_hex);
  gsize len = g_bytes_get_size (good);
  guint8 *p;
  GError *error;

  /* Too short a total, with a prelude CRC that matches. */
  p = g_memdup2 (g_bytes_get_data (good, NULL), len);
  put_be32 (p, 15);
  put_be32 (p + 4, 0);
  fix_crcs (p, len);
  error = decode_error (p, len, FP_AWS_EVENT_MAX_BYTES);
  g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_LENGTH);
  g_clear_error (&error);
  g_free (p);

  /* Headers longer than the message. */
  p = g_memdup2 (g_bytes_get_data (good, NULL), len);
  put_be32 (p + 4, (guint32) len - 15);
  fix_crcs (p, len);
  error = decode_error (p, len, FP_AWS_EVENT_MAX_BYTES);
  g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_LENGTH);
  g_clear_error (&error);
  g_free (p);

  /* Larger than the caller allows, refused before the body arrives. */
  error = decode_error (g_bytes_get_data (good, NULL), 12, 100);
  g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_LENGTH);
  g_clear_error (&error);

  /* A total of 4 GiB - 1 never makes the decoder wait for it. */
  p = g_memdup2 (g_bytes_get_data (good, NULL), len);
  put_be32 (p, G_MAXUINT32);
  put_be32 (p + 8, (guint32) crc32 (0L, p, 8));
  error = decode_error (p, 12, FP_AWS_EVENT_MAX_BYTES);
  g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_LENGTH);
  g_clear_error (&error);
  g_free (p);
}

static void
test_headers_refused (void)
{
  g_autoptr(GBytes) good = from_hex (delta_hex);
  gsize len = g_bytes_get_size (good);
  /* Offsets in the Python frame: name length at 12, type at 24, value
   * length at 25, value at 27. */
  static const struct {
    gsize  at;
    guint8 value;
  } damage[] = {
    { 12, 0 },       /* empty name */
    { 12, 200 },     /* name runs past the headers */
    { 24, 10 },      /* unknown type */
    { 25, 0xff },    /* value runs past the headers */
    { 27, 0xc3 },    /* value not UTF-8 */
    { 28, 0x00 },    /* NUL inside a string */
  };

  for (guint i = 0; i < G_N_ELEMENTS (damage); i++)
    {
      g_autofree guint8 *p = g_memdup2 (g_bytes_get_data (good, NULL), len);
      g_autoptr(GError) error = NULL;

      p[damage[i].at] = damage[i].value;
      fix_crcs (p, len);
      error = decode_error (p, len, FP_AWS_EVENT_MAX_BYTES);
      g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_HEADER);
    }
}

static void
test_decoder_stays_failed (void)
{
  g_autoptr(GBytes) good = from_hex (delta_hex);
  g_autoptr(FpAwsEventDecoder) decoder = fp_aws_event_decoder_new (0);
  g_autofree guint8 *bad = g_memdup2 (g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  g_autoptr(GError) error = NULL;
  FpAwsEventMessage *m;

  bad[40] ^= 1;
  fp_aws_event_decoder_feed (decoder, bad, g_bytes_get_size (good));
  fp_aws_event_decoder_feed (decoder, g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  m = fp_aws_event_decoder_next (decoder, &error);
  g_assert_null (m);
  g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_MESSAGE_CRC);
  g_clear_error (&error);
  /* The good message after it is not read: the stream is not trusted. */
  m = fp_aws_event_decoder_next (decoder, &error);
  g_assert_null (m);
  g_assert_nonnull (error);
}

static void
test_encode_refuses (void)
{
  g_autoptr(FpAwsEventMessage) m = fp_aws_event_message_new ();
  g_autofree char *long_name = g_strnfill (256, 'n');
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  fp_aws_event_message_add (m, "int", FP_AWS_HEADER_INT, (const guint8 *) "ab", 2);
  bytes = fp_aws_event_encode (m, &error);
  g_assert_null (bytes);
  g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_HEADER);
  g_clear_error (&error);

  g_ptr_array_set_size (m->headers, 0);
  fp_aws_event_message_add_string (m, long_name, "x");
  bytes = fp_aws_event_encode (m, &error);
  g_assert_null (bytes);
  g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_HEADER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/eventstream/empty-message", test_empty_message);
  g_test_add_func ("/aws/eventstream/python-vector", test_python_vector);
  g_test_add_func ("/aws/eventstream/round-trip", test_round_trip);
  g_test_add_func ("/aws/eventstream/crc-refused", test_crc_refused);
  g_test_add_func ("/aws/eventstream/truncated-refused", test_truncated_refused);
  g_test_add_func ("/aws/eventstream/lengths-refused", test_lengths_refused);
  g_test_add_func ("/aws/eventstream/headers-refused", test_headers_refused);
  g_test_add_func ("/aws/eventstream/decoder-stays-failed", test_decoder_stays_failed);
  g_test_add_func ("/aws/eventstream/encode-refuses", test_encode_refuses);

  return g_test_run ();
}
