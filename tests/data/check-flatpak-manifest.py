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


# Every source is pinned: a git source by its commit (a tag can move), an
# archive or file by its sha256. Only the app itself comes from the tree it
# is built in.
HEX = set("0123456789abcdef")
for module in manifest.get("modules", []):
    if not isinstance(module, dict):
        problems.append(f"module {module} is not inline, so its sources cannot be checked")
        continue
    for source in module.get("sources", []):
        kind = source.get("type")
        where = f"module {module['name']}, {kind} source"
        if kind == "git":
            commit = source.get("commit", "")
            if len(commit) != 40 or not set(commit) <= HEX:
                problems.append(f"{where}: no full commit hash")
            if not source.get("url", "").startswith("https://"):
                problems.append(f"{where}: not fetched over https")
        elif kind in ("archive", "file"):
            digest = source.get("sha256", "")
            if len(digest) != 64 or not set(digest) <= HEX:
                problems.append(f"{where}: no sha256")
            if "url" in source and not source["url"].startswith("https://"):
                problems.append(f"{where}: not fetched over https")
        elif kind == "dir":
            if module["name"] != "finpersona":
                problems.append(f"{where}: only the app is built from the local tree")
        else:
            problems.append(f"{where}: a kind of source this check cannot pin")

for p in problems:
    print(p)
print("flatpak manifest: %d problem(s)" % len(problems))
sys.exit(1 if problems else 0)
