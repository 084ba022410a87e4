#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Contract tests of the FinPersona bank API.

  check-contract.py document SPEC...
      Each OpenAPI document is valid JSON, shaped as OpenAPI 3.1, every $ref
      resolves and every schema is a valid JSON Schema 2020-12.

  check-contract.py responses SPEC SANDBOX_EXECUTABLE [GENAI_SPEC]
      Starts the sandbox on a free loopback port, walks every operation of
      the bank API (signing in through the real OAuth code flow with PKCE
      computed here), and validates every response: its status must be
      documented for the operation and its body must match the documented
      schema. Fails if an operation of the document was never exercised
      with its success status. Every path asked with a method it does not
      have must answer 405 with Allow listing the document's methods, and
      a token without the scope `accounts` gets 403. With GENAI_SPEC, the
      GenAI proxy under /genai/v1/ likewise, each server-sent event of the
      chat checked against the event type the document declares
      (x-event-schema).

  check-contract.py proxy SPEC GENAI_SPEC SANDBOX_EXECUTABLE PROXY_EXECUTABLE
      The same walk of the GenAI contract against finpersona-genai-proxy,
      started in front of the sandbox bank and its Bedrock stand-in.

Prints TAP.
"""

import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import subprocess
import sys
import urllib.parse

import jsonschema

try:  # jsonschema >= 4.18
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError:  # Debian 12: jsonschema 4.10
    Registry = None

OPENAPI_KEYS = {"openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks",
                "components", "security", "tags", "externalDocs"}
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}

results = []


def ok(cond, name, detail=""):
    results.append((bool(cond), name, detail))
    return bool(cond)


def finish():
    print("1..%d" % len(results))
    failed = 0
    for n, (good, name, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if good else "not ok", n, name))
        if not good:
            failed += 1
            for line in str(detail).splitlines()[:20]:
                print("# " + line)
    sys.exit(1 if failed else 0)


# The document

def walk(node, path=""):
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, path + "/" + k.replace("~", "~0").replace("/", "~1"))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, "%s/%d" % (path, i))


def resolve_pointer(doc, pointer):
    node = doc
    for part in pointer.lstrip("/").split("/") if pointer not in ("", "/") else []:
        part = urllib.parse.unquote(part).replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            node = node[int(part)]
        else:
            node = node[part]
    return node


def schemas_of(doc):
    """Every Schema Object of the document, with its location."""
    comps = doc.get("components", {})
    for name, schema in comps.get("schemas", {}).items():
        yield "/components/schemas/" + name, schema
    for path, node in walk(doc):
        if path.startswith("/components/schemas/"):
            continue
        if isinstance(node, dict) and "schema" in node and isinstance(node["schema"], dict):
            yield path + "/schema", node["schema"]


def check_document(spec_path):
    name = os.path.basename(spec_path)
    try:
        with open(spec_path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        ok(False, name + ": is JSON", e)
        return
    ok(True, name + ": is JSON")
    ok(isinstance(doc, dict) and re.match(r"^3\.1\.\d+$", str(doc.get("openapi", ""))),
       name + ": openapi is 3.1.x")
    extra = [k for k in doc if k not in OPENAPI_KEYS and not k.startswith("x-")]
    ok(not extra, name + ": only OpenAPI 3.1 top-level fields", extra)
    info = doc.get("info", {})
    ok(isinstance(info.get("title"), str) and isinstance(info.get("version"), str),
       name + ": info has title and version")
    ok(isinstance(doc.get("paths"), dict) and doc["paths"], name + ": has paths")

    bad_refs = []
    for path, node in walk(doc):
        if isinstance(node, dict) and "$ref" in node:
            target = node["$ref"]
            if not target.startswith("#"):
                bad_refs.append((path, target, "external"))
                continue
            try:
                resolve_pointer(doc, target[1:])
            except (KeyError, IndexError, ValueError):
                bad_refs.append((path, target))
    ok(not bad_refs, name + ": every $ref resolves", bad_refs)

    # Operations: unique ids, responses, declared path parameters.
    problems = []
    op_ids = set()
    for p, item in doc.get("paths", {}).items():
        if not p.startswith("/"):
            problems.append((p, "path must start with /"))
        templated = set(re.findall(r"{([^}]+)}", p))
        item_params = item.get("parameters", [])
        for method, op in item.items():
            if method not in METHODS:
                continue
            oid = op.get("operationId")
            if not oid or oid in op_ids:
                problems.append((p, method, "operationId missing or duplicate"))
            op_ids.add(oid)
            if not op.get("responses"):
                problems.append((p, method, "no responses"))
            for code in op.get("responses", {}):
                if not re.match(r"^([1-5][0-9][0-9]|[1-5]XX|default)$", code):
                    problems.append((p, method, "bad status key " + code))
            declared = set()
            for prm in item_params + op.get("parameters", []):
                if "$ref" in prm:
                    prm = resolve_pointer(doc, prm["$ref"][1:])
                if prm.get("in") == "path":
                    declared.add(prm["name"])
                    if not prm.get("required"):
                        problems.append((p, method, "path parameter not required"))
            if declared != templated:
                problems.append((p, method, "path parameters", sorted(declared), sorted(templated)))
    ok(not problems, name + ": operations are well formed", problems)

    invalid = []
    count = 0
    for where, schema in schemas_of(doc):
        count += 1
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            invalid.append((where, e.message))
    ok(count > 0 and not invalid, "%s: %d schemas are valid JSON Schema 2020-12" % (name, count), invalid)
    return doc


# The responses

class Contract:
    def __init__(self, doc, prefix=""):
        self.doc = doc
        self.prefix = prefix
        if Registry is not None:
            resource = Resource.from_contents(doc, default_specification=DRAFT202012)
            self.registry = Registry().with_resource("urn:finpersona:contract", resource)
        self.operations = {}
        for p, item in doc["paths"].items():
            regex = "^" + re.sub(r"{[^}]+}", "[^/]+", p) + "$"
            for method, op in item.items():
                if method in METHODS:
                    self.operations[(method.upper(), p)] = (re.compile(regex), op)
        self.exercised = set()

    def deref(self, node):
        while isinstance(node, dict) and "$ref" in node:
            node = resolve_pointer(self.doc, node["$ref"][1:])
        return node

    def find(self, method, path):
        if self.prefix:
            if not path.startswith(self.prefix):
                return None, None
            path = path[len(self.prefix):]
        for (m, template), (regex, op) in self.operations.items():
            if m == method and regex.match(path):
                return template, op
        return None, None

    def validate(self, method, path, status, content_type, body, label):
        path_only = path.split("?")[0]
        template, op = self.find(method, path_only)
        if op is None:
            return ok(False, "%s: %s %s is in the contract" % (label, method, path_only))
        responses = op["responses"]
        key = str(status)
        if key not in responses:
            key = key[0] + "XX" if key[0] + "XX" in responses else "default"
        if key not in responses:
            return ok(False, "%s: %s %s -> %d is documented" % (label, method, template, status), body[:300])
        self.exercised.add((method, template, str(status)))
        response = self.deref(responses[key])
        content = response.get("content")
        if not content:
            return ok(not body, "%s: %s %s -> %d has no body" % (label, method, template, status))
        media = (content_type or "").split(";")[0].strip()
        if media not in content:
            return ok(False, "%s: %s %s -> %d media type %s is documented" % (label, method, template, status, media))
        schema = content[media].get("schema", {})
        if media.endswith("json"):
            try:
                instance = json.loads(body)
            except ValueError as e:
                return ok(False, "%s: %s %s -> %d body is JSON" % (label, method, template, status), e)
            if Registry is not None:
                wrapped = {"$ref": "urn:finpersona:contract" + schema["$ref"]} if "$ref" in schema else schema
                validator = jsonschema.Draft202012Validator(wrapped, registry=self.registry,
                                                            format_checker=jsonschema.FormatChecker())
            else:
                resolver = jsonschema.RefResolver.from_schema(self.doc)
                validator = jsonschema.Draft202012Validator(schema, resolver=resolver,
                                                            format_checker=jsonschema.FormatChecker())
            errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
            return ok(not errors, "%s: %s %s -> %d matches its schema" % (label, method, template, status),
                      "\n".join("%s: %s" % ("/".join(map(str, e.absolute_path)), e.message) for e in errors[:5]))
        if media == "text/event-stream":
            return self.validate_events(body, "%s: %s %s -> %d" % (label, method, template, status),
                                        method, template)
        return ok(True, "%s: %s %s -> %d (%s)" % (label, method, template, status, media))

    def schema_validator(self, name):
        schema = {"$ref": "#/components/schemas/" + name}
        if Registry is not None:
            return jsonschema.Draft202012Validator({"$ref": "urn:finpersona:contract" + schema["$ref"]},
                                                   registry=self.registry)
        return jsonschema.Draft202012Validator(schema, resolver=jsonschema.RefResolver.from_schema(self.doc))

    def event_validator(self, method, template):
        """The validator of the typed events the document declares for the
        operation's stream (x-event-schema)."""
        op = self.operations[(method, template)][1]
        media = self.deref(op["responses"]["200"])["content"]["text/event-stream"]
        schema = media.get("x-event-schema")
        if schema is None:
            return None
        if Registry is not None:
            return jsonschema.Draft202012Validator({"$ref": "urn:finpersona:contract" + schema["$ref"]},
                                                   registry=self.registry)
        return jsonschema.Draft202012Validator(schema, resolver=jsonschema.RefResolver.from_schema(self.doc))

    def validate_events(self, body, label, method=None, template=None):
        validator = self.event_validator(method, template) if method else None
        if not ok(validator is not None, label + " declares the type of its events"):
            return False
        # Comment lines (heartbeats) are for keeping the connection alive.
        events = [e for e in body.split("\n\n") if e and not all(l.startswith(":") for l in e.split("\n"))]
        order = []
        problems = []
        for e in events:
            lines = e.split("\n")
            if len(lines) != 2 or not lines[0].startswith("event: ") or not lines[1].startswith("data: "):
                problems.append("malformed event %r" % e[:80])
                continue
            name = lines[0][7:]
            order.append(name)
            try:
                data = json.loads(lines[1][6:])
            except ValueError as err:
                problems.append("data of %s is not JSON: %s" % (name, err))
                continue
            for err in validator.iter_errors({"event": name, "data": data}):
                problems.append("%s: %s" % (name, err.message))
        if not (order and order[0] == "meta" and order[-1] in ("done", "error") and set(order[1:-1]) <= {"delta"}):
            problems.append("event order " + " ".join(order))
        return ok(not problems, label + " events match their schemas", "\n".join(problems))


class Client:
    def __init__(self, base, contract):
        u = urllib.parse.urlparse(base)
        self.host, self.port = u.hostname, u.port
        self.contract = contract

    def raw(self, method, path, headers=None, body=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read().decode("utf-8", "replace")
        conn.close()
        return r.status, r.getheader("Content-Type"), data, r

    def call(self, method, path, token=None, body=None, key=None, headers=None, label="", expect=None, contract=None):
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + token
        payload = None
        if body is not None:
            payload = json.dumps(body) if not isinstance(body, str) else body
            h["Content-Type"] = "application/json"
        if key:
            h["Idempotency-Key"] = key
        status, ctype, data, r = self.raw(method, path, h, payload)
        (contract or self.contract).validate(method, path, status, ctype, data, label or path)
        if expect is not None:
            ok(status == expect, "%s %s gave %d" % (method, path, expect), "got %d: %s" % (status, data[:300]))
        parsed = None
        if data and ctype and "json" in ctype:
            try:
                parsed = json.loads(data)
            except ValueError:
                pass
        return status, parsed, r

    def form(self, path, fields, label="", expect=None):
        body = urllib.parse.urlencode(fields)
        status, ctype, data, r = self.raw("POST", path, {"Content-Type": "application/x-www-form-urlencoded"}, body)
        self.contract.validate("POST", path, status, ctype, data, label or path)
        if expect is not None:
            ok(status == expect, "POST %s gave %d" % (path, expect), "got %d: %s" % (status, data[:300]))
        return status, data, r


CLIENT_ID = "io.github.finpersona.FinPersona"
REDIRECT = "http://127.0.0.1:49152/callback"


def otp(username):
    d = hmac.new(b"finpersona-sandbox-otp", username.encode(), hashlib.sha256).digest()
    return "%06d" % ((int.from_bytes(d[:4], "big") & 0x7FFFFFFF) % 1000000)


def sign_in(c, username, scope=None):
    verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": REDIRECT,
             "code_challenge": challenge, "code_challenge_method": "S256", "state": "xyz"}
    if scope is not None:
        query["scope"] = scope
    q = urllib.parse.urlencode(query)
    status, ctype, data, r = c.raw("GET", "/oauth/authorize?" + q)
    c.contract.validate("GET", "/oauth/authorize", status, ctype, data, "authorize page")
    fields = dict(urllib.parse.parse_qsl(q))
    fields.update({"username": username, "password": "sandbox", "otp": otp(username), "action": "approve"})
    status, data, r = c.form("/oauth/authorize", fields, expect=302)
    loc = urllib.parse.urlparse(r.getheader("Location"))
    params = dict(urllib.parse.parse_qsl(loc.query))
    ok(params.get("state") == "xyz", "state echoed")
    status, data, r = c.form("/oauth/token", {"grant_type": "authorization_code", "client_id": CLIENT_ID,
                                              "code": params["code"], "redirect_uri": REDIRECT,
                                              "code_verifier": verifier}, expect=200)
    return json.loads(data)


def check_responses(spec_path, exe, genai_path=None):
    doc = check_document(spec_path)
    if doc is None:
        return
    contract = Contract(doc)
    genai = None
    if genai_path:
        genai_doc = check_document(genai_path)
        if genai_doc is None:
            return
        genai = Contract(genai_doc, prefix="/genai/v1")
    proc = subprocess.Popen([exe, "--port", "0", "--customers", "3", "--years", "1", "--seed", "5",
                             "--test-hooks", "--demo", "--max-body-bytes", "2048"],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        if not ok(line.startswith("FINPERSONA_SANDBOX_URL=http://127.0.0.1:"), "sandbox prints its URL", line):
            return
        c = Client(line.split("=", 1)[1], contract)
        walk_api(c, contract)
        check_methods(c, contract)
        if genai:
            walk_genai(c, genai)
            check_methods(c, genai)
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    for con in [contract] + ([genai] if genai else []):
        success = {}
        for (method, template), (regex, op) in con.operations.items():
            for code in op["responses"]:
                if code.startswith("2") or code == "302":
                    success.setdefault((method, template), code)
        missing = [(m, t) for (m, t), code in success.items()
                   if not any(e[0] == m and e[1] == t and e[2][0] in "23" for e in con.exercised)]
        ok(not missing, "%s: every operation was exercised with a success status"
           % con.doc["info"]["title"], missing)


def walk_api(c, contract):
    status, meta, r = c.call("GET", "/.well-known/oauth-authorization-server", expect=200)
    a = sign_in(c, "user1")
    b = sign_in(c, "user2")
    ta, tb = a["access_token"], b["access_token"]

    # Refresh, device flow, revoke: the OAuth error shapes too.
    status, data, r = c.form("/oauth/token", {"grant_type": "refresh_token", "client_id": CLIENT_ID,
                                              "refresh_token": a["refresh_token"]}, expect=200)
    ta = json.loads(data)["access_token"]
    c.form("/oauth/token", {"grant_type": "refresh_token", "client_id": CLIENT_ID,
                            "refresh_token": "nonsense"}, expect=400)
    c.form("/oauth/token", {"grant_type": "password", "client_id": "x"}, expect=401)
    status, data, r = c.form("/oauth/device_authorization", {"client_id": CLIENT_ID}, expect=200)
    grant = json.loads(data)
    c.form("/oauth/token", {"grant_type": "urn:ietf:params:oauth:grant-type:device_code", "client_id": CLIENT_ID,
                            "device_code": grant["device_code"]}, expect=400)
    status, ctype, body, r = c.raw("GET", "/oauth/device?user_code=" + grant["user_code"])
    contract.validate("GET", "/oauth/device", status, ctype, body, "device page")
    c.form("/oauth/device", {"user_code": grant["user_code"], "username": "user2", "password": "wrong",
                             "otp": "1", "action": "approve"}, expect=401)
    c.form("/oauth/device", {"user_code": "BCDF-GHJK", "action": "deny"}, expect=400)
    c.form("/oauth/device", {"user_code": grant["user_code"], "username": "user2", "password": "sandbox",
                             "otp": otp("user2"), "action": "approve"}, expect=200)
    q = urllib.parse.urlencode({"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": "http://evil.example/",
                                "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                                "code_challenge_method": "S256"})
    status, ctype, body, r = c.raw("GET", "/oauth/authorize?" + q)
    contract.validate("GET", "/oauth/authorize", status, ctype, body, "foreign redirect")
    ok(status == 400, "foreign redirect refused")
    c.form("/oauth/authorize", dict(urllib.parse.parse_qsl(q)), expect=400)
    extra = sign_in(c, "user3")
    c.form("/oauth/revoke", {"client_id": CLIENT_ID, "token": extra["refresh_token"]}, expect=200)

    # Resources, each with success and the documented failures.
    c.call("GET", "/v1/customer", ta, expect=200)
    c.call("GET", "/v1/customer", None, expect=401)
    c.call("GET", "/v1/customer", extra["access_token"], expect=401)
    status, accounts, r = c.call("GET", "/v1/accounts", ta, expect=200)
    per_account = []
    c.call("GET", "/v1/balances", ta, expect=200)
    for acc in accounts["accounts"]:
        aid = acc["accountId"]
        c.call("GET", "/v1/accounts/" + aid, ta, expect=200)
        c.call("GET", "/v1/accounts/%s/balances" % aid, ta, expect=200)
        status, held, r = c.call("GET", "/v1/accounts/%s/holdings" % aid, ta, expect=200)
        per_account.extend(dict(h, accountId=aid) for h in held["holdings"])
        c.call("GET", "/v1/accounts/" + aid, tb, expect=404)
    status, holdings, r = c.call("GET", "/v1/holdings", ta, expect=200)
    ok(holdings["holdings"] == per_account, "GET /v1/holdings is every account's holdings with its account",
       (len(holdings["holdings"]), len(per_account)))
    status, cards, r = c.call("GET", "/v1/cards", ta, expect=200)
    for card in cards["cards"]:
        c.call("GET", "/v1/cards/" + card["cardId"], ta, expect=200)
        c.call("GET", "/v1/cards/" + card["cardId"], tb, expect=404)

    cursor, pages = None, 0
    seen_kinds = set()
    while True:
        path = "/v1/transactions?limit=250" + ("&cursor=" + cursor if cursor else "")
        status, page, r = c.call("GET", path, ta, expect=200)
        for ch in page["changes"]:
            seen_kinds.add(ch["change"])
            txn = ch.get("transaction")
            if txn is not None:
                declined = txn["status"] == "Declined"
                if declined != bool(txn.get("errors")):
                    ok(False, "a transaction is Declined exactly when it has errors", txn)
                if "merchant" in txn and not txn["merchant"].get("name"):
                    ok(False, "a generated merchant has a name", txn)
        if pages == 0 and page["changes"]:
            tid = page["changes"][0]["transactionId"]
            c.call("GET", "/v1/transactions/" + tid, ta, expect=200)
            c.call("GET", "/v1/transactions/" + tid, tb, expect=404)
        pages += 1
        cursor = page["nextCursor"]
        if not page["hasMore"] or pages > 500:
            break
    ok(pages > 1, "the feed has several pages")

    # Card control: idempotent in effect, reflected in the list, 404 for B.
    card_id = cards["cards"][0]["cardId"]
    status, frozen, r = c.call("POST", "/v1/cards/%s/freeze" % card_id, ta, key="fz1", expect=200)
    ok(frozen and frozen["frozen"] is True, "a frozen card says so")
    status, again, r = c.call("POST", "/v1/cards/%s/freeze" % card_id, ta, body={}, key="fz2", expect=200)
    ok(again == frozen, "freezing a frozen card answers the same card")
    status, listed, r = c.call("GET", "/v1/cards", ta, expect=200)
    ok([x["frozen"] for x in listed["cards"] if x["cardId"] == card_id] == [True], "the cards list shows the freeze")
    c.call("POST", "/v1/cards/%s/freeze" % card_id, tb, key="fz3", expect=404)
    c.call("POST", "/v1/cards/%s/freeze" % card_id, ta, expect=400)
    c.call("POST", "/v1/cards/%s/unfreeze" % card_id, ta, body={"x": 1}, key="fz4", expect=400)
    status, thawed, r = c.call("POST", "/v1/cards/%s/unfreeze" % card_id, ta, key="fz5", expect=200)
    ok(thawed and thawed["frozen"] is False, "an unfrozen card says so")

    # Verdicts on a transaction: none, given, read back, B sees nothing.
    vpath = "/v1/transactions/%s/verdict" % tid
    c.call("GET", vpath, ta, expect=404)
    status, verdict, r = c.call("POST", vpath, ta, {"verdict": "not_mine"}, key="v1", expect=201)
    ok(r.getheader("Location") == vpath, "a verdict's Location is its resource")
    status, read, r = c.call("GET", vpath, ta, expect=200)
    ok(read == verdict, "the verdict reads back")
    c.call("GET", vpath, tb, expect=404)
    c.call("POST", vpath, tb, {"verdict": "mine"}, key="v2", expect=404)
    c.call("POST", vpath, ta, {"verdict": "maybe"}, key="v3", expect=400)
    c.call("POST", vpath, ta, {"verdict": "mine"}, expect=400)
    c.call("GET", "/v1/transactions?limit=0", ta, expect=400)
    c.call("GET", "/v1/transactions?cursor=" + cursor, tb, expect=400)

    for path in ["/v1/offers", "/v1/offers/loan-personal", "/v1/offers/ecoinvest", "/v1/offers/credit-line-adaptive",
                 "/v1/offers/portfolio-balanced", "/v1/offers/savings-goal",
                 "/v1/market-data/indices", "/v1/market-data/capital-market-assumptions",
                 "/v1/market-data/inflation", "/v1/market-data/funds", "/v1/models", "/v1/models/segments",
                 "/v1/models/health-score", "/v1/models/credit-line"]:
        status, body, r = c.call("GET", path, ta, expect=200)
        c.call("GET", path, ta, headers={"If-None-Match": r.getheader("ETag")}, expect=304)
    c.call("GET", "/v1/offers/nothing", ta, expect=404)
    c.call("GET", "/v1/models/nothing", ta, expect=404)

    status, consent, r = c.call("POST", "/v1/consents", ta, {"purpose": "genai"}, key="k1", expect=201)
    c.call("POST", "/v1/consents", ta, {"purpose": "genai"}, key="k1", expect=201)
    c.call("POST", "/v1/consents", ta, {"purpose": "marketing"}, key="k1", expect=422)
    c.call("POST", "/v1/consents", ta, {"purpose": "genai"}, key="k2", expect=409)
    c.call("POST", "/v1/consents", ta, {"purpose": "genai", "x": 1}, key="k3", expect=400)
    c.call("POST", "/v1/consents", ta, {"purpose": "genai", "policyVersion": "x" * 3000}, key="k4", expect=413)
    c.call("POST", "/v1/consents", ta, {"purpose": "genai"}, expect=400)
    status, ctype, body, r = c.raw("POST", "/v1/consents", {"Authorization": "Bearer " + ta, "Idempotency-Key": "k5",
                                                            "Content-Type": "text/plain"}, "purpose=genai")
    contract.validate("POST", "/v1/consents", status, ctype, body, "text/plain body")
    ok(status == 415, "a text/plain body is refused")
    c.call("POST", "/v1/consents", ta, {"purpose": "open_banking", "expirationDateTime": "2099-12-31T00:00:00Z"},
           key="k6", expect=201)
    c.call("GET", "/v1/consents", ta, expect=200)
    cid = consent["consentId"]
    c.call("GET", "/v1/consents/" + cid, ta, expect=200)
    c.call("GET", "/v1/consents/" + cid, tb, expect=404)
    c.call("POST", "/v1/consents/%s/revoke" % cid, tb, {}, key="r0", expect=404)
    c.call("POST", "/v1/consents/%s/revoke" % cid, ta, {"reason": "changed my mind"}, key="r1", expect=200)
    c.call("POST", "/v1/consents/%s/revoke" % cid, ta, {}, key="r2", expect=409)
    c.call("GET", "/v1/consents/history", ta, expect=200)

    c.call("POST", "/v1/feedback", ta, {"offerId": "loan-personal", "reaction": "not_for_me",
                                        "reasons": ["rate_too_high"]}, key="f1", expect=201)
    c.call("POST", "/v1/feedback", ta, {"offerId": "nope", "reaction": "interested"}, key="f2", expect=422)
    c.call("GET", "/v1/feedback", ta, expect=200)

    # Loan applications: a decision either way, declines with their reasons.
    application = {"offerId": "loan-personal", "purpose": "car", "amount": {"amount": "15000.00", "currency": "USD"},
                   "termMonths": 48, "confirmed": True}
    status, app, r = c.call("POST", "/v1/loan-applications", ta, application, key="l1", expect=201)
    status, again, r = c.call("POST", "/v1/loan-applications", ta, application, key="l1", expect=201)
    ok(again == app, "a replayed application returns the first decision")
    status, big, r = c.call("POST", "/v1/loan-applications", ta,
                            dict(application, amount={"amount": "50000.00", "currency": "USD"}, termMonths=12),
                            key="l2", expect=201)
    ok(big["status"] == "declined" and big["reasons"] and all(x["message"] for x in big["reasons"]),
       "a loan the income cannot carry is declined with its reasons in words", big)
    c.call("POST", "/v1/loan-applications", ta, dict(application, confirmed=False), key="l3", expect=400)
    c.call("POST", "/v1/loan-applications", ta, dict(application, offerId="savings-goal"), key="l4", expect=422)
    c.call("POST", "/v1/loan-applications", ta, dict(application, amount={"amount": "-1.00", "currency": "USD"}),
           key="l5", expect=400)
    c.call("GET", "/v1/loan-applications", ta, expect=200)
    c.call("GET", "/v1/loan-applications/" + app["applicationId"], ta, expect=200)
    c.call("GET", "/v1/loan-applications/" + app["applicationId"], tb, expect=404)

    status, exp, r = c.call("POST", "/v1/privacy/export-requests", ta, {"format": "json"}, key="p1", expect=202)
    c.call("GET", "/v1/privacy/export-requests/" + exp["requestId"], ta, expect=200)
    c.call("GET", "/v1/privacy/export-requests/%s/data" % exp["requestId"], ta, expect=200)
    c.call("GET", "/v1/privacy/export-requests/%s/data" % exp["requestId"], tb, expect=404)
    status, era, r = c.call("POST", "/v1/privacy/erasure-requests", ta, {"scope": "all"}, key="p2", expect=202)
    c.call("GET", "/v1/privacy/erasure-requests/" + era["requestId"], ta, expect=200)
    c.call("GET", "/v1/privacy/erasure-requests/" + era["requestId"], tb, expect=404)

    # A token without the scope the operations need.
    narrow = sign_in(c, "user1", scope="offline_access")["access_token"]
    status, problem, r = c.call("GET", "/v1/customer", narrow, expect=403)
    ok("insufficient_scope" in (r.getheader("WWW-Authenticate") or ""), "403 says insufficient_scope")

    # Introspection (RFC 7662), for the bank's own services only.
    basic = "Basic " + base64.b64encode(b"finpersona-genai-proxy:finpersona-sandbox-proxy-not-a-secret").decode()
    form = urllib.parse.urlencode({"token": ta, "token_type_hint": "access_token"})
    for auth, code in ((basic, 200), (None, 401)):
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        if auth:
            h["Authorization"] = auth
        status, ctype, data, r = c.raw("POST", "/oauth/introspect", h, form)
        contract.validate("POST", "/oauth/introspect", status, ctype, data, "introspect")
        ok(status == code, "introspect gave %d" % code, data[:200])

    # Faults: the error responses they produce are documented too.
    c.raw("POST", "/_sandbox/faults", {"Content-Type": "application/json"}, json.dumps({"errorRate": 1}))
    c.call("GET", "/v1/accounts", ta, expect=503)
    c.raw("POST", "/_sandbox/faults", {"Content-Type": "application/json"}, json.dumps({"stormRate": 1, "stormLength": 1}))
    c.call("GET", "/v1/accounts", ta, expect=429)
    c.raw("POST", "/_sandbox/faults", {"Content-Type": "application/json"}, "{}")


def check_methods(c, con):
    """Every resource of the document asked with a method it does not have:
    405 problem+json with Allow listing exactly the document's methods, even
    without a token."""
    response = con.deref({"$ref": "#/components/responses/MethodNotAllowed"})
    validator = None
    bad = []
    for path, item in con.doc["paths"].items():
        methods = sorted(m.upper() for m in item if m in METHODS)
        wrong = next(m for m in ["PATCH", "PUT", "DELETE", "POST"] if m not in methods)
        concrete = con.prefix + re.sub(r"{[^}]+}", "x1", path)
        status, ctype, body, r = c.raw(wrong, concrete, {"Content-Type": "application/json"}, "{}")
        allow = sorted(m.strip() for m in (r.getheader("Allow") or "").split(","))
        if status != 405 or allow != methods or not (ctype or "").startswith("application/problem+json"):
            bad.append((wrong, path, status, r.getheader("Allow")))
            continue
        if response is not None:
            schema = response["content"]["application/problem+json"]["schema"]
            if Registry is not None:
                validator = jsonschema.Draft202012Validator({"$ref": "urn:finpersona:contract" + schema["$ref"]},
                                                            registry=con.registry)
            else:
                validator = jsonschema.Draft202012Validator(schema, resolver=jsonschema.RefResolver.from_schema(con.doc))
            errors = list(validator.iter_errors(json.loads(body)))
            if errors:
                bad.append((wrong, path, errors[0].message))
        for m in methods:
            if "405" not in item[m.lower()]["responses"]:
                bad.append((m, path, "405 not documented"))
    ok(not bad, "%s: a wrong method gets 405 with Allow, on all %d paths" % (con.doc["info"]["title"], len(con.doc["paths"])),
       bad)


def walk_genai(c, g, gc=None, base="/genai/v1"):
    """The GenAI contract: c speaks to the bank, gc to the GenAI server."""
    gc = gc or c
    t = sign_in(c, "user1")["access_token"]
    facts = [{"key": "monthly_income", "value": 4200, "unit": "USD"},
             {"key": "goal.probability", "value": 0.82, "unit": "ratio"},
             {"key": "segment", "value": "careful-saver"}]
    narrative = {"task": "simulation_summary", "locale": "en", "facts": facts}
    gc.call("POST", base + "/narratives", t, narrative, expect=403, contract=g)
    c.call("POST", "/v1/consents", t, {"purpose": "genai"}, key="genai-consent", expect=201)
    gc.call("POST", base + "/narratives", t, narrative, expect=200, contract=g)
    gc.call("POST", base + "/narratives", t, narrative, headers={"Accept": "text/event-stream"}, expect=200,
            contract=g)
    gc.call("POST", base + "/narratives", t, {"task": "poem", "facts": facts}, expect=400, contract=g)
    gc.call("POST", base + "/narratives", t, {"task": "spending_summary",
                                              "facts": [{"key": "contact", "value": "jane.doe@example.com"}]},
            expect=422, contract=g)
    gc.call("POST", base + "/chat", t, {"messages": [{"role": "user", "content": "How am I doing?"}],
                                        "facts": facts}, expect=200, contract=g)
    gc.call("POST", base + "/chat", t, {"messages": [{"role": "user", "content": "My card is 4111 1111 1111 1111"}]},
            expect=422, contract=g)
    gc.call("POST", base + "/chat", None, {"messages": [{"role": "user", "content": "Hi"}]},
            expect=401, contract=g)


def check_proxy(spec_path, genai_path, sandbox_exe, proxy_exe):
    doc = check_document(spec_path)
    genai_doc = check_document(genai_path)
    if doc is None or genai_doc is None:
        return
    contract = Contract(doc)
    genai = Contract(genai_doc, prefix="/v1")
    bank = subprocess.Popen([sandbox_exe, "--port", "0", "--bedrock-port", "0", "--customers", "3", "--years", "1",
                             "--seed", "5", "--demo"], stdout=subprocess.PIPE, text=True)
    proxy = None
    try:
        urls = {}
        while "FINPERSONA_SANDBOX_URL" not in urls:
            line = bank.stdout.readline()
            if not line:
                break
            if "=" in line:
                k, v = line.strip().split("=", 1)
                urls[k] = v
        if not ok("FINPERSONA_BEDROCK_URL" in urls and "FINPERSONA_SANDBOX_URL" in urls,
                  "the sandbox prints the bank's and Bedrock's URLs", urls):
            return
        env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDFINPERSONASANDBOX",
                   AWS_SECRET_ACCESS_KEY="finpersona-sandbox-bedrock-not-a-secret",
                   FINPERSONA_PROXY_CLIENT_SECRET="finpersona-sandbox-proxy-not-a-secret")
        env.pop("AWS_SESSION_TOKEN", None)
        proxy = subprocess.Popen([proxy_exe, "--port", "0", "--bank-url", urls["FINPERSONA_SANDBOX_URL"],
                                  "--bedrock-url", urls["FINPERSONA_BEDROCK_URL"], "--consent-cache-seconds", "0",
                                  "--burst", "100", "--audit-file", "/dev/null"],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        line = proxy.stdout.readline().strip()
        if not ok(line.startswith("FINPERSONA_GENAI_PROXY_URL=http://127.0.0.1:"), "the proxy prints its URL", line):
            return
        bank_client = Client(urls["FINPERSONA_SANDBOX_URL"], contract)
        proxy_client = Client(line.split("=", 1)[1], genai)
        walk_genai(bank_client, genai, proxy_client, "/v1")
    finally:
        for p in (proxy, bank):
            if p is not None:
                p.terminate()
                p.wait(timeout=10)

    success = {}
    for (method, template), (regex, op) in genai.operations.items():
        for code in op["responses"]:
            if code.startswith("2"):
                success.setdefault((method, template), code)
    missing = [(m, t) for (m, t), code in success.items()
               if not any(e[0] == m and e[1] == t and e[2][0] == "2" for e in genai.exercised)]
    ok(not missing, "the proxy: every operation was exercised with a success status", missing)


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "document":
        for spec in sys.argv[2:]:
            check_document(spec)
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "responses":
        check_responses(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) == 5 else None)
    elif len(sys.argv) == 6 and sys.argv[1] == "proxy":
        check_proxy(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    finish()


if __name__ == "__main__":
    main()
