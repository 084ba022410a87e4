/* fp-kiosk-qr.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A QR code (libqrencode) drawn crisp at any size: every module is a whole
 * number of pixels, dark on white whatever the style (phones read that
 * best), with the quiet zone of four modules the standard asks for, the
 * symbol centred in the widget's square. Error correction M: a code shown
 * on a screen is not torn or stained, and it keeps the symbol small.
 */

#define G_LOG_DOMAIN "fp-kiosk-qr"

#include "config.h"

#include <glib/gi18n.h>
#include <qrencode.h>

#include "fp-kiosk-qr.h"

#define QUIET_ZONE 4

struct _FpKioskQr
{
  GtkWidget  parent_instance;

  char      *text;
  int        n;          /* modules per side, 0 without a code */
  guint8    *dark;       /* n * n, 1 for a dark module */
};

G_DEFINE_FINAL_TYPE (FpKioskQr, fp_kiosk_qr, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
encode (FpKioskQr *self)
{
  QRcode *code;

  g_clear_pointer (&self->dark, g_free);
  self->n = 0;
  if (self->text == NULL || *self->text == '\0')
    return;

  /* Case matters in a URL's path and query: 8-bit mode, case sensitive. */
  code = QRcode_encodeString (self->text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      g_warning ("The sign-in address does not fit in a QR code");
      return;
    }
  self->n = code->width;
  self->dark = g_malloc ((gsize) code->width * code->width);
  for (int i = 0; i < code->width * code->width; i++)
    self->dark[i] = code->data[i] & 1;
  QRcode_free (code);
}

static void
fp_kiosk_qr_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  FpKioskQr *self = FP_KIOSK_QR (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int total, module, side, x0, y0;
  GdkRGBA white = { 1, 1, 1, 1 };
  GdkRGBA black = { 0, 0, 0, 1 };

  if (self->n == 0)
    return;

  total = self->n + 2 * QUIET_ZONE;
  module = MIN (width, height) / total;
  if (module < 1)
    return;
  side = module * total;
  x0 = (width - side) / 2;
  y0 = (height - side) / 2;

  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (x0, y0, side, side));
  x0 += QUIET_ZONE * module;
  y0 += QUIET_ZONE * module;
  for (int y = 0; y < self->n; y++)
    {
      const guint8 *row = self->dark + (gsize) y * self->n;

      for (int x = 0; x < self->n;)
        {
          int run = 0;

          while (x + run < self->n && row[x + run])
            run++;
          if (run > 0)
            {
              gtk_snapshot_append_color (snapshot, &black,
                                         &GRAPHENE_RECT_INIT (x0 + x * module, y0 + y * module,
                                                              run * module, module));
              x += run;
            }
          else
            x++;
        }
    }
}

static void
fp_kiosk_qr_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  FpKioskQr *self = FP_KIOSK_QR (widget);
  int total = self->n > 0 ? self->n + 2 * QUIET_ZONE : 0;

  /* Two pixels a module at least; a phone wants more, so ask for six. */
  *minimum = total * 2;
  *natural = total * 6;
}

static void
fp_kiosk_qr_finalize (GObject *object)
{
  FpKioskQr *self = FP_KIOSK_QR (object);

  g_free (self->text);
  g_free (self->dark);

  G_OBJECT_CLASS (fp_kiosk_qr_parent_class)->finalize (object);
}

static void
fp_kiosk_qr_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FpKioskQr *self = FP_KIOSK_QR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_kiosk_qr_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FpKioskQr *self = FP_KIOSK_QR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      fp_kiosk_qr_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_kiosk_qr_class_init (FpKioskQrClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_kiosk_qr_finalize;
  object_class->get_property = fp_kiosk_qr_get_property;
  object_class->set_property = fp_kiosk_qr_set_property;
  widget_class->snapshot = fp_kiosk_qr_snapshot;
  widget_class->measure = fp_kiosk_qr_measure;

  /**
   * FpKioskQr:text: (nullable)
   *
   * What the code encodes: the verification address with the code filled
   * in.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "qrcode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fp_kiosk_qr_init (FpKioskQr *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("QR code: scan it with your phone’s camera to sign in"),
                                  -1);
}

GtkWidget *
fp_kiosk_qr_new (void)
{
  return g_object_new (FP_TYPE_KIOSK_QR, NULL);
}

const char *
fp_kiosk_qr_get_text (FpKioskQr *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_QR (self), NULL);

  return self->text;
}

void
fp_kiosk_qr_set_text (FpKioskQr  *self,
                      const char *text)
{
  g_return_if_fail (FP_IS_KIOSK_QR (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  encode (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * fp_kiosk_qr_get_modules:
 * @self: a #FpKioskQr
 *
 * Returns: modules per side of the symbol (without the quiet zone), 0
 *   without a code
 */
int
fp_kiosk_qr_get_modules (FpKioskQr *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_QR (self), 0);

  return self->n;
}
