#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Nothing of a kiosk's customer is left behind.

Run by check-kiosk-traces.sh: a private /tmp and /dev/shm, a throwaway
HOME, a display and a gnome-keyring (tests/fp-test-session). Against the
sandbox bank (its own process, configured as the kiosk's bank through
GSettings), it uses `finpersona --kiosk` the way a customer does: Start
(the app's `kiosk-start` action on the session bus, as a tap), the QR
code's address opened and approved by a "phone" over HTTP, the data
synced, then

  1. Sign Out: the process ends normally afterwards;
  2. kill -9 in the middle of a session, then the next start of the kiosk.

After each, a scan of HOME, the XDG folders, /tmp and /dev/shm (every
file, whole) and of the keyring (gnome-keyring over D-Bus) finds none of
the customer's merchant names, transaction descriptions, amounts, name,
address or account numbers (fetched from the sandbox for the scan), no
ephemeral cache folder, and no keyring item. The kiosk runs with
G_MESSAGES_DEBUG=all: its log is searched too. Prints TAP.
"""

import hashlib
import hmac
import html.parser
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

FINPERSONA, SANDBOX = sys.argv[1], sys.argv[2]
CLIENT_ID = "io.github.finpersona.FinPersona"
APP_PATH = "/io/github/finpersona/FinPersona"
WAIT = 90

tap_count = 0


def ok(condition, what):
    global tap_count
    tap_count += 1
    print(("ok %d - %s" if condition else "not ok %d - %s") % (tap_count, what), flush=True)
    if not condition:
        print("1..%d" % tap_count, flush=True)
        sys.exit(1)


def note(text):
    print("# " + text, flush=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect())


def http(method, url, form=None, token=None, body=None, content_type=None):
    data = None
    headers = {}
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = body.encode()
        headers["Content-Type"] = content_type
    if token is not None:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def one_time_code(username):
    digest = hmac.new(b"finpersona-sandbox-otp", username.encode(), hashlib.sha256).digest()
    return "%06d" % ((int.from_bytes(digest[:4], "big") & 0x7FFFFFFF) % 1000000)


class Form(html.parser.HTMLParser):
    """The first POST form of a page: its action, fields and buttons."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.fields = {}
        self.required = set()
        self.buttons = []
        self.inside = False
        self.done = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.inside = True
            self.action = a.get("action", "")
        elif self.inside and tag == "input" and a.get("name"):
            self.fields[a["name"]] = a.get("value") or ""
            if "required" in a:
                self.required.add(a["name"])
        elif self.inside and tag == "button" and a.get("name"):
            self.buttons.append(a)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
            self.done = True


def browser_submit(page_url, button, typed):
    """What a phone's browser does with the verification page."""
    status, body = http("GET", page_url)
    ok(status == 200, "the verification page opens in a browser")
    form = Form()
    form.feed(body.decode())
    fields = dict(form.fields)
    fields.update(typed)
    chosen = [b for b in form.buttons if b.get("value") == button][0]
    if "formnovalidate" not in chosen:
        missing = [name for name in form.required if not fields.get(name)]
        ok(not missing, "the browser would submit the form (nothing required is empty)")
    fields[chosen["name"]] = chosen["value"]
    return http("POST", urllib.parse.urljoin(page_url, form.action), form=fields)


def approve(page_url):
    status, body = browser_submit(page_url, "approve", {
        "username": "demo", "password": "sandbox", "otp": one_time_code("demo")})
    ok(status == 200 and b"Signed in" in body, "the phone approves the sign-in")


def needles_from_bank(url):
    """The customer's words and figures, as the bank has them."""
    status, body = http("POST", url + "oauth/device_authorization", form={"client_id": CLIENT_ID})
    grant = json.loads(body)
    approve(grant["verification_uri_complete"])
    time.sleep(grant["interval"])
    status, body = http("POST", url + "oauth/token", form={
        "grant_type": "urn:ietf:params:oauth:grant-type:device_code",
        "device_code": grant["device_code"], "client_id": CLIENT_ID})
    tokens = json.loads(body)
    token = tokens["access_token"]

    words = set()
    amounts = set()
    _, body = http("GET", url + "v1/customer", token=token)
    customer = json.loads(body)
    words.add(customer["name"])
    words.update(customer["name"].split())
    words.add(customer["address"]["addressLine"])
    _, body = http("GET", url + "v1/accounts", token=token)
    for account in json.loads(body)["accounts"]:
        words.add(account["maskedIdentification"])
        _, balances = http("GET", url + "v1/accounts/%s/balances" % account["accountId"], token=token)
        for balance in json.loads(balances).get("balances", []):
            amounts.add(balance["amount"]["amount"].lstrip("-"))
    cursor = None
    while True:
        query = "v1/transactions?limit=500" + ("&cursor=" + cursor if cursor else "")
        _, body = http("GET", url + query, token=token)
        page = json.loads(body)
        for change in page["changes"]:
            t = change.get("transaction") or {}
            if t.get("description"):
                words.add(t["description"])
            merchant = t.get("merchant") or {}
            if merchant.get("name"):
                words.add(merchant["name"])
            if merchant.get("merchantId"):
                words.add(merchant["merchantId"])
            if t.get("amount"):
                amounts.add(t["amount"]["amount"].lstrip("-"))
        if not page.get("hasMore"):
            break
        cursor = page["nextCursor"]
    http("POST", url + "oauth/revoke", form={"token": tokens["refresh_token"], "client_id": CLIENT_ID})

    needles = set(w for w in words if len(w) >= 4)
    for amount in amounts:
        units, cents = amount.split(".")
        # Amounts of three digits or more: "1410.00" as the bank writes it
        # and "$1,410.00" as the app shows it.
        if len(units) >= 3:
            needles.add(amount)
            needles.add("$" + "{:,}".format(int(units)) + "." + cents)
    return sorted(needles)


def scan(roots, needles):
    """Files under @roots holding any needle: {path: needle}."""
    pattern = re.compile(b"|".join(re.escape(n.encode()) for n in sorted(needles, key=len, reverse=True)))
    found = {}
    files = 0
    # The checkout and build tree, when they live under /tmp, are bound
    # into the private /tmp by check-kiosk-traces.sh: not the kiosk's.
    keep = [k for k in os.environ.get("FP_KIOSK_TRACES_KEEP", "").split(":") if k]
    for root in roots:
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if os.path.join(folder, d) not in keep]
            for name in names:
                path = os.path.join(folder, name)
                if os.path.islink(path) or not os.path.isfile(path):
                    continue
                files += 1
                try:
                    with open(path, "rb") as f:
                        data = f.read()
                except OSError:
                    continue
                match = pattern.search(data)
                if match:
                    found[path] = match.group(0).decode(errors="replace")
    return found, files


def ephemeral_folders():
    parent = os.path.join(os.environ["XDG_RUNTIME_DIR"], "finpersona")
    if not os.path.isdir(parent):
        return []
    return [n for n in os.listdir(parent) if n.startswith("ephemeral-")]


def keyring_items():
    out = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.secrets",
                          "--object-path", "/org/freedesktop/secrets", "--method",
                          "org.freedesktop.DBus.Properties.Get", "org.freedesktop.Secret.Service",
                          "Collections"], capture_output=True, text=True, check=True).stdout
    items = []
    for collection in re.findall(r"'(/org/freedesktop/secrets/collection/[^']+)'", out):
        out = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.secrets",
                              "--object-path", collection, "--method",
                              "org.freedesktop.DBus.Properties.Get", "org.freedesktop.Secret.Collection",
                              "Items"], capture_output=True, text=True, check=True).stdout
        items += re.findall(r"'(/org/freedesktop/secrets/collection/[^']+)'", out)
    return items


class Kiosk:
    """`finpersona --kiosk`, its log read as it comes."""

    def __init__(self):
        env = dict(os.environ)
        env["G_MESSAGES_DEBUG"] = "all"
        env["GSETTINGS_BACKEND"] = "keyfile"
        self.lines = []
        self.lock = threading.Condition()
        # GLib writes debug messages to stdout, warnings to stderr.
        self.process = subprocess.Popen([FINPERSONA, "--kiosk", "--size", "1080x1920"], env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        errors="replace")
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            with self.lock:
                self.lines.append(line)
                self.lock.notify_all()

    def wait(self, regex, start=0):
        deadline = time.monotonic() + WAIT
        compiled = re.compile(regex)
        with self.lock:
            while True:
                for i in range(start, len(self.lines)):
                    m = compiled.search(self.lines[i])
                    if m:
                        return m, i + 1
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    sys.stderr.write("exit status %r; the kiosk's last words:\n" % self.process.poll())
                    sys.stderr.write("".join(self.lines[-40:]))
                    ok(False, "the kiosk logged /%s/" % regex)
                self.lock.wait(min(left, 1))

    def action(self, name):
        subprocess.run(["gdbus", "call", "--session", "--dest", CLIENT_ID, "--object-path", APP_PATH,
                        "--method", "org.gtk.Actions.Activate", name, "[]", "{}"],
                       check=True, capture_output=True)

    def log(self):
        with self.lock:
            return "".join(self.lines)


def sign_in(kiosk, start):
    _, start = kiosk.wait(r"the kiosk is ready", start)
    time.sleep(1)
    kiosk.action("kiosk-start")
    m, start = kiosk.wait(r"sign-in code (\S+), expires", start)
    approve(BANK + "oauth/device?user_code=" + m.group(1))
    _, start = kiosk.wait(r"the customer's data is synced", start)
    return start


def stat(path):
    _, body = http("GET", BANK + "_sandbox/stats")
    return json.loads(body)["routes"].get(path, 0)


def scan_roots():
    """/tmp and /dev/shm, and HOME and the XDG folders where they are not
    under those (fp-test-session puts them in /tmp)."""
    roots = ["/tmp", "/dev/shm"]
    for var in ("HOME", "XDG_RUNTIME_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        path = os.path.realpath(os.environ[var])
        if not any(path == r or path.startswith(r + "/") for r in roots):
            roots.append(path)
    return roots


def check_nothing_left(needles, log_text, when):
    roots = scan_roots()
    found, files = scan(roots, needles)
    note("%s: %d files scanned under %s (HOME %s)" % (when, files, ", ".join(roots), os.environ["HOME"]))
    for path, needle in found.items():
        note("  %s holds %r" % (path, needle))
    ok(not found, "%s: no file holds the customer's names or amounts" % when)
    ok(not ephemeral_folders(), "%s: no ephemeral cache folder is left" % when)
    ok(not keyring_items(), "%s: the keyring holds nothing" % when)
    with open(KEYFILE) as f:
        ok(f.read() == SETTINGS, "%s: the kiosk wrote nothing to GSettings (no window state)" % when)
    leaked = [n for n in needles if n in log_text]
    ok(not leaked, "%s: the kiosk's debug log names none of them%s" % (when, (": %r" % leaked[:3]) if leaked else ""))


sandbox = subprocess.Popen([SANDBOX, "--port", "0", "--years", "1", "--device-interval", "1", "--test-hooks"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    line = sandbox.stdout.readline()
    BANK = line.strip().split("=", 1)[1]
    note("the bank: " + BANK)

    needles = needles_from_bank(BANK)
    ok(len(needles) > 100, "%d names and amounts of the customer to look for" % len(needles))

    # The scan finds what is there: a merchant's name in a file under HOME.
    planted = os.path.join(os.environ["XDG_CACHE_HOME"], "planted.txt")
    with open(planted, "w") as f:
        f.write("paid at %s\n" % [n for n in needles if not n[0].isdigit()][0])
    found, _ = scan(scan_roots(), needles)
    ok(list(found) == [planted], "the scan finds a name planted under HOME")
    os.unlink(planted)

    # The branch's setting (GSettings' keyfile backend here; dconf at a
    # branch): written before the kiosk starts, the only thing in the file.
    settings_dir = os.path.join(os.environ["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(settings_dir, exist_ok=True)
    KEYFILE = os.path.join(settings_dir, "keyfile")
    SETTINGS = "[io/github/finpersona/FinPersona/kiosk]\nbank-api-url='%s'\n" % BANK
    with open(KEYFILE, "w") as f:
        f.write(SETTINGS)

    # 1. A session that ends with Sign Out.
    kiosk = Kiosk()
    start = sign_in(kiosk, 0)
    ok(len(ephemeral_folders()) == 1, "the session's cache is an ephemeral folder")
    found, _ = scan([os.environ["XDG_RUNTIME_DIR"]], needles)
    ok(not found, "while signed in, the cache's files hold nothing readable")
    ok(not keyring_items(), "while signed in, the keyring holds nothing")
    revoked_before = stat("POST /oauth/revoke")
    kiosk.action("kiosk-sign-out")
    _, start = kiosk.wait(r"session ended \(sign-out\)", start)
    ok(stat("POST /oauth/revoke") > revoked_before, "signing out revoked the tokens at the bank")
    ok(not ephemeral_folders(), "signing out removed the cache at once")
    kiosk.action("quit")
    ok(kiosk.process.wait(timeout=WAIT) == 0, "the kiosk quits cleanly")
    check_nothing_left(needles, kiosk.log(), "after Sign Out")

    # 2. kill -9 in the middle of a session, then the next start.
    kiosk = Kiosk()
    sign_in(kiosk, 0)
    ok(len(ephemeral_folders()) == 1, "a second session has its cache")
    os.kill(kiosk.process.pid, signal.SIGKILL)
    kiosk.process.wait(timeout=WAIT)
    log_text = kiosk.log()
    ok(len(ephemeral_folders()) == 1, "kill -9 left the cache's (encrypted) folder")
    found, _ = scan(["/tmp", "/dev/shm"], needles)
    ok(not found, "even before the next start, nothing of the customer is readable (%s)" % ", ".join(found) if found
       else "even before the next start, nothing of the customer is readable")

    # The next start, this time without a bank's address: the embedded
    # demo bank, as on a desktop.
    SETTINGS = ""
    with open(KEYFILE, "w") as f:
        f.write(SETTINGS)
    kiosk = Kiosk()
    kiosk.wait(r"the kiosk is ready")
    ok(not ephemeral_folders(), "the next start removed what the crash left")
    m, _ = kiosk.wait(r"the demo bank listens on (\S+)")
    demo = m.group(1)
    status, _ = http("GET", demo + ".well-known/oauth-authorization-server")
    ok(status == 200, "without a bank's address the kiosk runs the embedded demo bank")
    kiosk.action("quit")
    ok(kiosk.process.wait(timeout=WAIT) == 0, "the kiosk quits cleanly")
    try:
        http("GET", demo + ".well-known/oauth-authorization-server")
        gone = False
    except (urllib.error.URLError, ConnectionError, OSError):
        gone = True
    ok(gone, "the demo bank stopped with the kiosk")
    check_nothing_left(needles, log_text + kiosk.log(), "after kill -9 and a restart")
finally:
    sandbox.terminate()
    sandbox.wait()

print("1..%d" % tap_count)
