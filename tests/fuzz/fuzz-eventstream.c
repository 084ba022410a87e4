/* fuzz-eventstream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the vnd.amazon.eventstream decoder (src/aws/
 * fp-aws-eventstream.c): any bytes in, no crash, no sanitizer report; what
 * the one-shot decoder accepts, the incremental decoder fed byte by byte
 * accepts identically; and every accepted message encodes back to exactly
 * the bytes it came from. Random bytes rarely pass the CRCs, so when the
 * input's last byte is odd the CRCs of its first frame are set right
 * before decoding, to let the fuzzer reach the header parser. Build with
 * -Dfuzzing=true and CC=clang, then:
 *
 *   ./tests/fuzz/fuzz-eventstream -max_len=4096 -max_total_time=60 ../tests/fuzz/corpus/eventstream
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "../../src/aws/fp-aws-eventstream.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
put_be32 (uint8_t  *p,
          uint32_t  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

int
LLVMFuzzerTestOneInput (const uint8_t *input,
                        size_t         size)
{
  FpAwsEventDecoder *decoder = NULL;
  g_autofree uint8_t *data = NULL;
  size_t at = 0;

  /* Nothing to decode (and g_memdup2 of nothing is NULL). */
  if (size == 0)
    return 0;
  decoder = fp_aws_event_decoder_new (64 * 1024);
  data = g_memdup2 (input, size);

  if (size >= 16 && (input[size - 1] & 1))
    {
      uint32_t total = MIN ((uint32_t) size, MAX (16u, ((uint32_t) data[0] << 24 | (uint32_t) data[1] << 16
                                                        | (uint32_t) data[2] << 8 | data[3])));

      put_be32 (data, total);
      put_be32 (data + 8, (uint32_t) crc32 (0L, data, 8));
      put_be32 (data + total - 4, (uint32_t) crc32 (0L, data, total - 4));
    }

  for (;;)
    {
      GError *error = NULL;
      gsize consumed = 0;
      FpAwsEventMessage *m = fp_aws_event_decode (data + at, size - at, &consumed, 64 * 1024, &error);
      FpAwsEventMessage *again = NULL;
      GBytes *encoded;

      if (m == NULL)
        {
          g_clear_error (&error);
          break;
        }
      /* Byte by byte, the incremental decoder finds the same message. */
      for (gsize i = 0; i < consumed && again == NULL; i++)
        {
          fp_aws_event_decoder_feed (decoder, data + at + i, 1);
          again = fp_aws_event_decoder_next (decoder, &error);
          if (error != NULL)
            abort ();
        }
      if (again == NULL || again->headers->len != m->headers->len
          || !g_bytes_equal (again->payload, m->payload))
        abort ();

      /* Re-encoding gives the same bytes. */
      encoded = fp_aws_event_encode (m, NULL);
      if (encoded == NULL || g_bytes_get_size (encoded) != consumed
          || memcmp (g_bytes_get_data (encoded, NULL), data + at, consumed) != 0)
        abort ();
      g_bytes_unref (encoded);
      fp_aws_event_message_free (again);
      fp_aws_event_message_free (m);
      at += consumed;
    }
  fp_aws_event_decoder_free (decoder);
  return 0;
}
