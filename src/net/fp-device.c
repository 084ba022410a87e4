/* fp-device.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What this computer is called where the customer reads which device a
 * consent was given on ("Allowed on Anna's laptop", "on Linux laptop").
 *
 * The pretty host name the customer gave the computer (Settings → About
 * writes it as PRETTY_HOSTNAME to /etc/machine-info, which is what
 * systemd-hostnamed serves; reading the file needs no D-Bus round trip at
 * start-up and works without systemd), else a plain description by the
 * chassis (machine-info's CHASSIS, else the firmware's DMI chassis type):
 * "Linux laptop", "Linux computer". Never the raw host name, which is
 * often a serial number or "localhost", and may identify the person to
 * whoever reads the bank's consent records.
 */

#define G_LOG_DOMAIN "fp-device"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-device.h"

#define MACHINE_INFO "/etc/machine-info"
#define DMI_CHASSIS_TYPE "/sys/class/dmi/id/chassis_type"
#define MAX_NAME_CHARS 64

/* KEY=VALUE lines, values shell-quoted (machine-info(5)). */
static char *
machine_info_value (const char *contents,
                    const char *key)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  gsize key_len = strlen (key);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (strncmp (line, key, key_len) == 0 && line[key_len] == '=')
        return g_shell_unquote (line + key_len + 1, NULL);
    }
  return NULL;
}

static gboolean
is_good_name (const char *name)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL) ||
      g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    return FALSE;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* SMBIOS chassis types (DMTF DSP0134, 7.4.1). */
static const char *
chassis_from_dmi (const char *text)
{
  guint64 type = 0;
  g_autofree char *stripped = text != NULL ? g_strstrip (g_strdup (text)) : NULL;

  if (stripped == NULL || !g_ascii_string_to_unsigned (stripped, 10, 1, 255, &type, NULL))
    return NULL;
  switch (type)
    {
    case 8: case 9: case 10: case 14: case 31: case 32:
      return "laptop";
    case 30:
      return "tablet";
    case 11:
      return "handset";
    case 17: case 23: case 28: case 29:
      return "server";
    default:
      return "desktop";
    }
}

static char *
name_for_chassis (const char *chassis)
{
  if (g_strcmp0 (chassis, "laptop") == 0 || g_strcmp0 (chassis, "convertible") == 0)
    return g_strdup (_("Linux laptop"));
  if (g_strcmp0 (chassis, "tablet") == 0)
    return g_strdup (_("Linux tablet"));
  if (g_strcmp0 (chassis, "handset") == 0)
    return g_strdup (_("Linux phone"));
  if (g_strcmp0 (chassis, "server") == 0)
    return g_strdup (_("Linux server"));
  return g_strdup (_("Linux computer"));
}

char *
_fp_device_name_from_files (const char *machine_info,
                            const char *chassis_type)
{
  g_autofree char *info = NULL;
  g_autofree char *dmi = NULL;
  g_autofree char *pretty = NULL;
  g_autofree char *chassis = NULL;

  if (machine_info != NULL && g_file_get_contents (machine_info, &info, NULL, NULL))
    {
      pretty = machine_info_value (info, "PRETTY_HOSTNAME");
      chassis = machine_info_value (info, "CHASSIS");
    }
  if (pretty != NULL)
    g_strstrip (pretty);
  if (is_good_name (pretty))
    return g_steal_pointer (&pretty);

  if (chassis == NULL && chassis_type != NULL && g_file_get_contents (chassis_type, &dmi, NULL, NULL))
    chassis = g_strdup (chassis_from_dmi (dmi));

  return name_for_chassis (chassis);
}

/**
 * fp_device_get_display_name:
 *
 * The name of this computer for people: its pretty host name, else "Linux
 * laptop", "Linux computer" and the like; never the raw host name.
 *
 * Returns: (transfer full): the name
 */
char *
fp_device_get_display_name (void)
{
  return _fp_device_name_from_files (MACHINE_INFO, DMI_CHASSIS_TYPE);
}
