#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Booked means booked, checked from outside against the raw data.

  check-balances.py SANDBOX_EXECUTABLE TABFORMER_DIR

1. The sandbox serves the TabFormer files of TABFORMER_DIR. From the CSV
   alone, this script sums each account's rows without errors (a row with
   errors is a declined attempt) and checks that the bank's balance is its
   opening balance plus that sum, and that exactly the rows with errors are
   Declined in the feed.
2. A generated bank (--today 2026-11-15): the same from its feed, for every
   customer; each card repayment pays exactly what was booked on the card
   the month before; every refund carries the merchant and MCC of a
   purchase it refunds. Its TabFormer export has exactly the feed's
   declined rows. After each customer the clock moves ten days on: the
   days are booked and the balances still add up.

Independent of the C code: amounts are parsed here with Decimal, months
and sums computed here. Prints TAP.
"""

import csv
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from decimal import Decimal

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("contract", os.path.join(here, "check-contract.py"))
contract = importlib.util.module_from_spec(spec)
spec.loader.exec_module(contract)
ok = contract.ok


class NoContract:
    def validate(self, *args):
        return True


def start(exe, *args):
    proc = subprocess.Popen([exe, "--port", "0", "--test-hooks"] + list(args), stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    if not line.startswith("FINPERSONA_SANDBOX_URL="):
        proc.kill()
        raise SystemExit("the sandbox did not start: " + line)
    return proc, contract.Client(line.split("=", 1)[1], NoContract())


def get(c, token, path):
    status, body, r = c.call("GET", path, token)
    assert status == 200, (path, status, body)
    return body


def feed(c, token, cursor=None, txns=None):
    txns = {} if txns is None else txns
    while True:
        page = get(c, token, "/v1/transactions?limit=1000" + ("&cursor=" + cursor if cursor else ""))
        for ch in page["changes"]:
            txns[ch["transactionId"]] = ch.get("transaction")
        cursor = page["nextCursor"]
        if not page["hasMore"]:
            return txns, cursor


def money(m):
    return Decimal(m["amount"])


def check_balances(c, token, txns, label):
    accounts = get(c, token, "/v1/accounts")["accounts"]
    balances = {b["accountId"]: b for b in get(c, token, "/v1/balances")["accounts"]}
    bad = []
    for a in accounts:
        if a["kind"] == "investment":
            continue
        expected = money(a["openingBalance"]) + sum(
            (money(t["amount"]) for t in txns.values()
             if t is not None and t["accountId"] == a["accountId"] and t["status"] == "Booked"), Decimal(0))
        booked = money(balances[a["accountId"]]["balances"][0]["amount"])
        if expected != booked:
            bad.append((a["accountId"], str(expected), str(booked)))
    ok(not bad, "%s: every balance is the opening balance plus the booked transactions" % label, bad)


def check_import(exe, fixtures):
    cards = {(r["User"], r["CARD INDEX"]): r["Card Type"]
             for r in csv.DictReader(open(os.path.join(fixtures, "sd254_cards.csv"), newline=""))}
    rows = list(csv.DictReader(open(os.path.join(fixtures, "credit_card_transactions.csv"), newline="")))
    # user -> account role -> (sum of booked rows, rows, declined rows)
    sums = defaultdict(lambda: defaultdict(Decimal))
    declined = defaultdict(int)
    for r in rows:
        role = "credit:" + r["Card"] if cards[(r["User"], r["Card"])] == "Credit" else "current"
        if r["Errors?"]:
            declined[r["User"]] += 1
        else:
            # TabFormer's purchases are positive; the bank's debits negative.
            sums[r["User"]][role] -= Decimal(r["Amount"].replace("$", ""))

    proc, c = start(exe, "--import-tabformer", fixtures)
    try:
        users = sorted({r["User"] for r in rows})
        for user in users:
            token = contract.sign_in(c, "user" + user)["access_token"]
            txns, cursor = feed(c, token)
            accounts = get(c, token, "/v1/accounts")["accounts"]
            balances = {b["accountId"]: b for b in get(c, token, "/v1/balances")["accounts"]}
            by_card = {card["cardId"]: card for card in get(c, token, "/v1/cards")["cards"]}
            bad = []
            for a in accounts:
                if a["kind"] == "current":
                    role = "current"
                else:
                    # The cards list is in the file's order, which is the
                    # card index order in the fixture.
                    index = [i for i, card in enumerate(by_card) if card == a.get("cardId")]
                    role = "credit:%d" % index[0]
                booked = money(balances[a["accountId"]]["balances"][0]["amount"])
                if money(a["openingBalance"]) + sums[user][role] != booked:
                    bad.append((a["accountId"], role, str(money(a["openingBalance"]) + sums[user][role]), str(booked)))
            ok(not bad, "import, user%s: the balances add up the CSV's rows without errors" % user, bad)
            n_declined = sum(1 for t in txns.values() if t is not None and t["status"] == "Declined")
            with_errors = sum(1 for t in txns.values() if t is not None and t.get("errors"))
            ok(n_declined == declined[user] == with_errors,
               "import, user%s: the %d rows with errors are the declined ones" % (user, declined[user]),
               (n_declined, declined[user], with_errors))
            named = [t for t in txns.values() if t is not None and "name" in t.get("merchant", {})]
            ok(not named, "import, user%s: TabFormer merchants have no names" % user)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def month_before(date):
    y, m = int(date[:4]), int(date[5:7])
    return "%04d-%02d" % ((y, m - 1) if m > 1 else (y - 1, 12))


def check_generated(exe):
    args = ["--today", "2026-11-15", "--customers", "3", "--years", "1", "--seed", "9"]
    proc, c = start(exe, *args)
    n_declined = 0
    try:
        for user in ["demo", "user1", "user2", "user3"]:
            token = contract.sign_in(c, user)["access_token"]
            txns, cursor = feed(c, token)
            check_balances(c, token, txns, "generated, " + user)

            # Card repayments pay what was booked on the card the month before.
            spent = defaultdict(Decimal)
            live = [t for t in txns.values() if t is not None]
            for t in live:
                if t.get("cardId") and t["status"] == "Booked":
                    spent[(t["accountId"], t["bookingDateTime"][:7])] += money(t["amount"])
            credit = {a["accountId"] for a in get(c, token, "/v1/accounts")["accounts"] if a["kind"] == "credit_card"}
            repayments = sorted((t for t in live if t["category"] == "card_repayment" and t["accountId"] in credit),
                                key=lambda t: t["bookingDateTime"])
            first = min(t["bookingDateTime"][:7] for t in live)
            bad = [(t["transactionId"], t["amount"]["amount"],
                    str(-spent[(t["accountId"], month_before(t["bookingDateTime"]))]))
                   for t in repayments
                   if month_before(t["bookingDateTime"]) >= first
                   and money(t["amount"]) != -spent[(t["accountId"], month_before(t["bookingDateTime"]))]]
            ok(bool(repayments) == bool(credit) and not bad,
               "generated, %s: each of %d card repayments pays last month's booked card spending"
               % (user, len(repayments)), bad)

            # Refunds name what they refund.
            purchases = {(t["merchant"]["merchantId"], t["merchant"]["merchantCategoryCode"])
                         for t in live if t.get("merchant") and money(t["amount"]) < 0}
            refunds = [t for t in live if t.get("merchant") and money(t["amount"]) > 0]
            orphans = [t["transactionId"] for t in refunds
                       if (t["merchant"]["merchantId"], t["merchant"]["merchantCategoryCode"]) not in purchases]
            ok(not orphans, "generated, %s: %d refunds carry the merchant and MCC of a purchase"
               % (user, len(refunds)), orphans)
            n_declined += sum(1 for t in live if t["status"] == "Declined" and t["bookingDateTime"] < "2026-11-16")

            # Ten days later the days are booked and the balances still add up.
            c.raw("POST", "/_sandbox/clock", {"Content-Type": "application/json"},
                  json.dumps({"advanceSeconds": 10 * 86400}))
            token = contract.sign_in(c, user)["access_token"]
            before = len(txns)
            txns, cursor = feed(c, token, cursor, txns)
            ok(len(txns) > before, "generated, %s: ten days later there is more" % user)
            latest = max(t["bookingDateTime"] for t in txns.values() if t is not None)
            ok(latest[:10] <= "%s" % get(c, None, "/_sandbox/stats")["today"] and latest[:10] > "2026-11-15",
               "generated, %s: the new transactions are of the new days" % user, latest)
            check_balances(c, token, txns, "generated, %s, ten days later" % user)
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    # The export of the same bank: exactly the feed's declined rows have errors.
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([exe] + args + ["--export-tabformer", out], check=True)
        rows = list(csv.DictReader(open(os.path.join(out, "credit_card_transactions.csv"), newline="")))
        with_errors = sum(1 for r in rows if r["Errors?"])
        ok(with_errors == n_declined and n_declined > 0,
           "generated: the export's %d rows with errors are the feed's declined attempts" % with_errors,
           (with_errors, n_declined))


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    check_import(sys.argv[1], sys.argv[2])
    check_generated(sys.argv[1])
    contract.finish()


if __name__ == "__main__":
    main()
