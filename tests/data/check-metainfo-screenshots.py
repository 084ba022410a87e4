#!/usr/bin/env python3
"""The store shows the screenshots the metainfo names: each is a file of this
repository (made by the screenshot test, tests/ui/check-screenshots.sh) at
the size the metainfo states."""
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

PREFIX = "https://raw.githubusercontent.com/finpersona/finpersona/main/"
root = Path(sys.argv[2])
problems = []
images = ET.parse(sys.argv[1]).getroot().findall("./screenshots/screenshot/image")
if not images:
    problems.append("the metainfo names no screenshot")
for image in images:
    url = (image.text or "").strip()
    if not url.startswith(PREFIX):
        problems.append(f"{url}: not a file of this repository")
        continue
    path = root / url[len(PREFIX):]
    if not path.is_file():
        problems.append(f"{url}: no such file in the repository")
        continue
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        problems.append(f"{path}: not a PNG image")
        continue
    width, height = struct.unpack(">II", head[16:24])
    if (str(width), str(height)) != (image.get("width"), image.get("height")):
        problems.append(f"{path}: {width}x{height}, the metainfo says "
                        f"{image.get('width')}x{image.get('height')}")
for p in problems:
    print(p)
print("metainfo screenshots: %d image(s), %d problem(s)" % (len(images), len(problems)))
sys.exit(1 if problems else 0)
