/* fp-aws-eventstream.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The smallest message: prelude, its CRC and the message CRC. */
#define FP_AWS_EVENT_MIN_BYTES     16
/* AWS's limits: 16 MiB per message, 128 KiB of headers. */
#define FP_AWS_EVENT_MAX_BYTES     (16 * 1024 * 1024)
#define FP_AWS_EVENT_MAX_HEADERS   (128 * 1024)

/**
 * FpAwsHeaderType:
 *
 * The value types of an event-stream header (the byte after the name).
 */
typedef enum {
  FP_AWS_HEADER_TRUE      = 0,
  FP_AWS_HEADER_FALSE     = 1,
  FP_AWS_HEADER_BYTE      = 2,
  FP_AWS_HEADER_SHORT     = 3,
  FP_AWS_HEADER_INT       = 4,
  FP_AWS_HEADER_LONG      = 5,
  FP_AWS_HEADER_BYTES     = 6,
  FP_AWS_HEADER_STRING    = 7,
  FP_AWS_HEADER_TIMESTAMP = 8,
  FP_AWS_HEADER_UUID      = 9,
} FpAwsHeaderType;

/**
 * FpAwsEventHeader:
 * @name: the header's name (UTF-8, 1 to 255 bytes)
 * @type: its #FpAwsHeaderType
 * @value: the value's bytes as on the wire, without a length prefix
 *   (big-endian integers; a string's UTF-8 bytes)
 */
typedef struct {
  char   *name;
  guint8  type;
  GBytes *value;
} FpAwsEventHeader;

/**
 * FpAwsEventMessage:
 * @headers: (element-type FpAwsEventHeader): in wire order
 * @payload: the payload (JSON for Bedrock)
 */
typedef struct {
  GPtrArray *headers;
  GBytes    *payload;
} FpAwsEventMessage;

FpAwsEventMessage *fp_aws_event_message_new        (void);
void               fp_aws_event_message_free       (FpAwsEventMessage  *message);
void               fp_aws_event_message_add_string (FpAwsEventMessage  *message,
                                                    const char         *name,
                                                    const char         *value);
void               fp_aws_event_message_add        (FpAwsEventMessage  *message,
                                                    const char         *name,
                                                    FpAwsHeaderType     type,
                                                    const guint8       *value,
                                                    gsize               len);
char              *fp_aws_event_message_dup_string (const FpAwsEventMessage *message,
                                                    const char         *name);
GBytes            *fp_aws_event_encode             (const FpAwsEventMessage *message,
                                                    GError            **error);
GBytes            *fp_aws_event_encode_json        (const char         *message_type,
                                                    const char         *type_header,
                                                    const char         *type,
                                                    const char         *json);
FpAwsEventMessage *fp_aws_event_decode             (const guint8       *data,
                                                    gsize               len,
                                                    gsize              *out_consumed,
                                                    gsize               max_bytes,
                                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpAwsEventMessage, fp_aws_event_message_free)

/**
 * FpAwsEventDecoder:
 *
 * Reads messages from a byte stream fed in pieces of any size.
 */
typedef struct _FpAwsEventDecoder FpAwsEventDecoder;

FpAwsEventDecoder *fp_aws_event_decoder_new        (gsize               max_bytes);
void               fp_aws_event_decoder_free       (FpAwsEventDecoder  *decoder);
void               fp_aws_event_decoder_feed       (FpAwsEventDecoder  *decoder,
                                                    const guint8       *data,
                                                    gsize               len);
FpAwsEventMessage *fp_aws_event_decoder_next       (FpAwsEventDecoder  *decoder,
                                                    GError            **error);
gboolean           fp_aws_event_decoder_finish     (FpAwsEventDecoder  *decoder,
                                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpAwsEventDecoder, fp_aws_event_decoder_free)

G_END_DECLS
