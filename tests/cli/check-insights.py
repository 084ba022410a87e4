#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An independent computation of the dashboard, to check `insights --json`.

    check-insights.py TRANSACTIONS.csv INSIGHTS.json MCC-CATEGORIES.csv

Reads the history in TabFormer's columns (Amount is what the card holder
pays, "$-54.00" for money back; "Errors?" non-empty for a declined attempt;
two columns of ours at the end: Account and the bank's Category) and the
merchant category table, and computes from them alone, with the rules of
the product (a declined attempt counts nowhere; a refund - money back at a
merchant - nets against its category in its month and is no income; the
periods end on the newest booked transaction):

- the months shown, and per month the spending per category, the income
  (salary) and other money in;
- the totals of the 30 days up to the newest booked transaction;
- the monthly income and spending over the recent period;
- the recurring payments (rhythm from the intervals between payments);
- the balance of an account the bank sent no balance for;
- that no alert is a declined attempt or a double charge made of one;
- that no text shows a merchant's raw id.

Prints what it compared; exits 1 on the first list of differences.
"""

import csv
import datetime
import json
import sys
from decimal import Decimal, ROUND_HALF_UP

TRANSFER_CATEGORIES = {"savings", "transfer", "card_repayment", "investment", "loan_payment"}
# (period, shortest and longest interval in days, payments needed)
RULES = [("weekly", 6, 8, 4), ("biweekly", 12, 16, 3), ("monthly", 26, 35, 3),
         ("quarterly", 84, 98, 3), ("yearly", 350, 380, 2)]
STALE_DAYS = 7
EPOCH = datetime.date(1970, 1, 1)

failures = []


def check(what, got, expected):
    if got == expected:
        print(f"ok: {what}")
    else:
        failures.append(f"{what}: got {got!r}, expected {expected!r}")


def load_table(path):
    table = {}
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("mcc,"):
            continue
        codes, category = line.split(",")
        lo, _, hi = codes.partition("-")
        for code in range(int(lo), int(hi or lo) + 1):
            table[code] = category
    return table


def cents(text):
    value = Decimal(text.replace("$", "").replace(",", ""))
    return int((value * 100).to_integral_value(rounding=ROUND_HALF_UP))


def round_div(a, b):
    """a / b rounded half away from zero."""
    q, r = divmod(abs(a), b)
    if 2 * r >= b:
        q += 1
    return q if a >= 0 else -q


def per_month(total, days):
    return round_div(total * 1461, 48 * days)


def is_id(name):
    return any(c.isdigit() for c in name) and all(c.isdigit() or c in "-+ " for c in name)


def day_of(text):
    return (datetime.date.fromisoformat(text) - EPOCH).days


def iso(day):
    return (EPOCH + datetime.timedelta(days=day)).isoformat()


def month_of(day):
    d = EPOCH + datetime.timedelta(days=day)
    return d.year * 12 + d.month - 1


def month_start(index):
    return (datetime.date(index // 12, index % 12 + 1, 1) - EPOCH).days


def median(values):
    s = sorted(values)
    n = len(s)
    if n % 2:
        return s[n // 2]
    return round_div(s[n // 2 - 1] + s[n // 2], 2)


def rhythm(days):
    """The period of the payments on @days (sorted), their count, or None."""
    if len(days) < 2:
        return None
    intervals = [b - a for a, b in zip(days, days[1:])]
    m = median(intervals)
    rule = None
    for r in RULES:
        if r[1] <= m <= r[2]:
            rule = r
    if rule is None:
        return None
    run = 0
    for gap in reversed(intervals):
        if not rule[1] <= gap <= rule[2]:
            break
        run += 1
    if run + 1 < rule[3]:
        return None
    return rule, run + 1


def main():
    rows_path, json_path, table_path = sys.argv[1:4]
    table = load_table(table_path)
    dashboard = json.load(open(json_path, encoding="utf-8"))
    today = day_of(dashboard["today"])

    rows = []
    for r in csv.DictReader(open(rows_path, newline="", encoding="utf-8")):
        amount = -cents(r["Amount"])            # money in is positive
        day = (datetime.date(int(r["Year"]), int(r["Month"]), int(r["Day"])) - EPOCH).days
        mcc = int(r["MCC"]) if r["MCC"] else 0
        bank = r["Category"]
        row = {
            "day": day, "amount": amount, "mcc": mcc, "merchant": r["Merchant Name"],
            "account": r["Account"], "booked": r["Errors?"].strip() == "",
            "transfer": bank in TRANSFER_CATEGORIES, "salary": bank == "salary",
        }
        row["refund"] = (row["booked"] and amount > 0 and mcc != 0 and not row["transfer"]
                         and not row["salary"])
        row["spending"] = row["booked"] and amount < 0 and not row["transfer"]
        row["category"] = table.get(mcc, "other")
        if day <= today:
            rows.append(row)

    booked = [r for r in rows if r["booked"]]
    declined = [r for r in rows if not r["booked"]]
    print(f"{len(rows)} rows, {len(declined)} declined, {sum(r['refund'] for r in rows)} refunds")
    first = min(r["day"] for r in booked)
    as_of = max(r["day"] for r in booked)

    fresh = dashboard["freshness"]
    check("the newest booked day", fresh["lastDay"], iso(as_of))
    check("periods end on it", fresh["asOf"], iso(as_of))
    check("stale", fresh["stale"], today - as_of > STALE_DAYS)

    # Months: from the first (at most 12 before) to the one of the newest day.
    last_month = month_of(as_of)
    expected_months = list(range(max(month_of(first), last_month - 12), last_month + 1))
    shown = dashboard["months"]
    check("the months shown", [m["month"] for m in shown],
          [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in expected_months])
    for index, m in zip(expected_months, shown):
        start, end = month_start(index), month_start(index + 1) - 1
        inside = [r for r in booked if start <= r["day"] <= end]
        by_category = {}
        for r in inside:
            if r["spending"] or r["refund"]:
                by_category[r["category"]] = by_category.get(r["category"], 0) - r["amount"]
        by_category = {k: v for k, v in by_category.items() if v != 0}
        name = m["month"]
        check(f"{name} spending per category", m["byCategoryMinor"], by_category)
        check(f"{name} spending", m["spendingMinor"], sum(by_category.values()))
        check(f"{name} income", m["incomeMinor"], sum(r["amount"] for r in inside if r["salary"] and r["amount"] > 0))
        check(f"{name} other money in", m["otherInflowsMinor"],
              sum(r["amount"] for r in inside
                  if r["amount"] > 0 and not (r["transfer"] or r["salary"] or r["refund"])))
        check(f"{name} complete", m["complete"], first <= start and end <= as_of)

    # The 30 days up to the newest booked day, transfers included.
    recent = [r for r in booked if as_of - 29 <= r["day"] <= as_of]
    check("last 30 days: from", dashboard["recent"]["from"], iso(as_of - 29))
    check("last 30 days: count", dashboard["recent"]["count"], len(recent))
    check("last 30 days: in", dashboard["recent"]["inMinor"], sum(r["amount"] for r in recent if r["amount"] > 0))
    check("last 30 days: out", dashboard["recent"]["outMinor"], -sum(r["amount"] for r in recent if r["amount"] < 0))

    # Income and spending a month over the recent period (90 days, at
    # least 30, not before the history).
    start = min(max(first, as_of - 89), as_of - 29)
    days = as_of - start + 1
    period = [r for r in booked if start <= r["day"] <= as_of]
    check("monthly spending", dashboard["monthlySpendingMinor"],
          per_month(-sum(r["amount"] for r in period if r["spending"] or r["refund"]), days))
    check("monthly income", dashboard["monthlyIncomeMinor"],
          per_month(sum(r["amount"] for r in period if r["salary"] and r["amount"] > 0), days))

    # Recurring: per merchant and direction, the rhythm of the booked
    # payments (refunds and transfers are neither), still going on the
    # newest day.
    expected = set()
    merchants = sorted({r["merchant"] for r in booked})
    for merchant in merchants:
        for incoming in (False, True):
            series = [r for r in booked if r["merchant"] == merchant and not r["transfer"] and not r["refund"]
                      and r["amount"] != 0 and (r["amount"] > 0) == incoming]
            series.sort(key=lambda r: r["day"])
            series = series[-24:]
            found = rhythm([r["day"] for r in series])
            if found is None:
                continue
            rule, _ = found
            last = series[-1]
            if as_of - last["day"] > rule[2]:
                continue
            if is_id(merchant):
                failures.append(f"the test data has a regular merchant known only by its id: {merchant}")
            expected.add((merchant, rule[0], incoming, iso(last["day"]), last["amount"]))
    got = {(r["merchant"], r["period"], r["income"], r["lastDay"], r["lastAmountMinor"])
           for r in dashboard["recurring"]}
    print(f"{len(expected)} recurring payments expected, {len(dashboard['alerts'])} alerts shown")
    check("recurring payments", sorted(got), sorted(expected))
    check("never a refused subscription", any(r["merchant"] == "GymPass" for r in dashboard["recurring"]), False)

    # A balance the bank did not send: the opening balance and what was
    # booked.
    for account in dashboard["accounts"]:
        if account["id"] == "acc_1":
            check("derived balance", account["balanceMinor"],
                  100000 + sum(r["amount"] for r in booked if r["account"] == "acc_1"))

    # Alerts: booked payments only, and no double charge made of a
    # declined attempt and its retry.
    payments = {(iso(r["day"]), r["amount"]) for r in booked if r["spending"]}
    check("alerts are booked payments",
          [a for a in dashboard["alerts"] if (a["day"], a["amountMinor"]) not in payments], [])
    check("no double charges", [a for a in dashboard["alerts"] if a["kind"] == "duplicate"], [])

    # No raw merchant id in any text (the link's key is not a text).
    ids = {m.lstrip("-+ ") for m in merchants if is_id(m)}

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, k)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v, key)
        elif isinstance(node, str) and key != "merchantKey":
            yield node

    check("no raw merchant ids in texts", [t for t in walk(dashboard) if any(i in t for i in ids)], [])

    if failures:
        print("\n".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
