#!/usr/bin/env python3
"""The Flatpak manifest asks for the smallest set of permissions that works."""
import json
import sys

manifest = json.load(open(sys.argv[1]))
args = manifest.get("finish-args", [])
problems = []

allowed = {
    "--share=network",   # the bank API and the GenAI proxy
    "--share=ipc",       # X11 shared memory
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",      # GL rendering
}
for arg in args:
    if arg not in allowed:
        problems.append(f"finish-arg {arg} is not in the minimal set")
for needed in ("--share=network", "--socket=wayland", "--socket=fallback-x11"):
    if needed not in args:
        problems.append(f"finish-arg {needed} is missing")
if any("org.freedesktop.secrets" in a for a in args):
    problems.append("secrets must go through the Secret portal, not org.freedesktop.secrets")
if manifest.get("id", manifest.get("app-id")) != "io.github.finpersona.FinPersona":
    problems.append("wrong application ID")
if manifest.get("runtime") != "org.gnome.Platform":
    problems.append("the runtime must be org.gnome.Platform")
modules = [m["name"] if isinstance(m, dict) else m for m in manifest.get("modules", [])]
if "sqlcipher" not in modules:
    problems.append("SQLCipher must be built as a module")
if modules[-1:] != ["finpersona"]:
    problems.append("finpersona must be the last module")

for p in problems:
    print(p)
print("flatpak manifest: %d problem(s)" % len(problems))
sys.exit(1 if problems else 0)
