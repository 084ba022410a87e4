#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The contrast of the text in the screenshots (WCAG 2.1, 1.4.3 AA): for
# every label the screenshot run says it drew (PAGE.text.json beside
# PAGE.png: its text, style classes and bounds in the picture), the
# background is the most frequent colour inside its bounds and the text's
# colour the pixel that differs from it most; their contrast ratio from
# the relative luminances must be at least 4.5:1. Labels on buttons are
# the buttons' own business (libadwaita's) and are not measured.
#
# Usage: check-contrast.py DIR...   (each DIR holds a screenshot run)
# Prints every label below 4.5:1 with its page, text and ratio, and the
# lowest ratio per style class; exits 1 if any label is below.
import collections
import json
import os
import sys

import gi
gi.require_version('GdkPixbuf', '2.0')
from gi.repository import GdkPixbuf  # noqa: E402

MINIMUM = 4.5


def channel(c):
    c /= 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb):
    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a, b):
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def load(path):
    pixbuf = GdkPixbuf.Pixbuf.new_from_file(path)
    return (pixbuf.get_width(), pixbuf.get_height(), pixbuf.get_rowstride(),
            pixbuf.get_n_channels(), pixbuf.get_pixels())


def measure(image, region):
    width, height, stride, n, pixels = image
    x0, y0 = max(0, region['x']), max(0, region['y'])
    x1 = min(width, region['x'] + region['width'])
    y1 = min(height, region['y'] + region['height'])
    counts = collections.Counter()
    for y in range(y0, y1):
        row = y * stride
        for x in range(x0, x1):
            i = row + x * n
            counts[(pixels[i], pixels[i + 1], pixels[i + 2])] += 1
    if not counts:
        return None
    background = counts.most_common(1)[0][0]
    text = max(counts, key=lambda c: ratio(c, background))
    return ratio(text, background), text, background


def main(dirs):
    failures = []
    lowest = {}
    measured = 0
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if not name.endswith('.text.json'):
                continue
            page = name[:-len('.text.json')]
            image = load(os.path.join(d, page + '.png'))
            with open(os.path.join(d, name), encoding='utf-8') as f:
                regions = json.load(f)
            for region in regions:
                if region.get('in-button') or not region['text'].strip():
                    continue
                result = measure(image, region)
                if result is None:
                    continue
                value, text, background = result
                if text == background:
                    continue  # nothing drawn: an empty line
                measured += 1
                key = ' '.join(c for c in region['classes'][:2]) or '(none)'
                if key not in lowest or value < lowest[key][0]:
                    lowest[key] = (value, f'{os.path.basename(d)}/{page}', region['text'][:40])
                if value < MINIMUM:
                    failures.append((value, f'{os.path.basename(d)}/{page}', region, text, background))
    for key, (value, where, text) in sorted(lowest.items(), key=lambda kv: kv[1][0]):
        print(f'# lowest {value:5.2f}:1  [{key}]  {where}  “{text}”')
    for value, where, region, text, background in sorted(failures, key=lambda f: f[0]):
        print(f'not ok: {value:.2f}:1 < {MINIMUM}:1  {where}  “{region["text"][:60]}”  '
              f'classes {region["classes"][:3]}  text #{bytes(text).hex()} on #{bytes(background).hex()} '
              f'at {region["x"]},{region["y"]} {region["width"]}x{region["height"]}')
    print(f'{measured} labels measured, {len(failures)} below {MINIMUM}:1')
    if measured == 0:
        print('not ok: no label measured (no PAGE.text.json?)')
        return 1
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
