#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An independent check of the headless offers commands.

  check-offers.py FINPERSONA CACHE_DIR

Runs `loan`, `portfolio` and `wealth` on the cache and recomputes their
figures here, with Python's decimal module and its own root finder, never
with the app's code: every instalment from the closed form and the exact
interest, the schedule's sums, the APR of Directive 2008/48/EC Annex I,
what early repayment saves, the rebalancing's targets and sums, the
EcoInvest weights, and the wealth view's net worth and order.

Exits 0 when every check holds; prints what differs otherwise.
"""

import json
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_EVEN, ROUND_HALF_UP

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def run(exe, cache, *args):
    out = subprocess.run([exe, "--headless", *args, "--json", "--cache-dir", cache],
                         capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        sys.exit("%s failed (%d): %s" % (" ".join(args), out.returncode, out.stderr))
    return json.loads(out.stdout)


def payment(principal, n, bps):
    if bps == 0:
        return int((Decimal(principal) / n).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    r = Decimal(bps) / Decimal(120000)
    x = Decimal(principal) * r / (1 - (1 + r) ** (-n))
    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def interest(balance, bps):
    return int((Decimal(balance) * bps / Decimal(120000)).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def apr(flows):
    """Bisection on X for sum(a (1+X)^-t) = 0, flows as (years, amount)."""
    lo, hi = -0.99, 100.0
    f = lambda x: sum(a * (1.0 + x) ** (-t) for t, a in flows)
    for _ in range(200):
        mid = (lo + hi) / 2
        if f(mid) > 0:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


def check_loan(loan, label):
    p, n, bps = loan["principalMinor"], loan["termMonths"], loan["rateBps"]
    rows = loan["instalments"]
    check(len(rows) == n, "%s: %d instalments for %d months" % (label, len(rows), n))
    pay = payment(p, n, bps)
    check(loan["paymentMinor"] == pay, "%s: payment %d, closed form %d" % (label, loan["paymentMinor"], pay))
    balance, total_interest, total_fees = p, 0, loan["upfrontFeeMinor"]
    flows = [(0.0, p - loan["upfrontFeeMinor"])]
    for k, row in enumerate(rows, 1):
        i = interest(balance, bps)
        check(row["interestMinor"] == i, "%s month %d: interest %d, expected %d" % (label, k, row["interestMinor"], i))
        if k < n:
            check(row["paymentMinor"] == pay, "%s month %d: payment %d" % (label, k, row["paymentMinor"]))
            principal = pay - i
        else:
            principal = balance
            check(row["paymentMinor"] == balance + i, "%s: the last instalment repays the rest" % label)
        check(row["principalMinor"] == principal, "%s month %d: principal" % (label, k))
        balance -= principal
        check(row["balanceMinor"] == balance, "%s month %d: balance" % (label, k))
        total_interest += i
        total_fees += row["feeMinor"]
        flows.append((k / 12.0, -(row["paymentMinor"] + row["feeMinor"])))
    check(balance == 0, "%s: the principal paid is the amount" % label)
    check(sum(r["principalMinor"] for r in rows) == p, "%s: principal sums to the amount" % label)
    check(loan["totalInterestMinor"] == total_interest, "%s: total interest" % label)
    check(loan["totalFeesMinor"] == total_fees, "%s: total fees" % label)
    check(loan["totalPayableMinor"] == p + total_interest + total_fees, "%s: total payable" % label)
    x = apr(flows)
    check(abs(loan["apr"] - x) < 1e-7, "%s: APR %.9f, recomputed %.9f" % (label, loan["apr"], x))
    tenths = int((Decimal(repr(x)) * 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    check(loan["aprTenthsPercent"] == tenths, "%s: APR disclosed %d, recomputed %d" % (label, loan["aprTenthsPercent"], tenths))
    return rows


def check_early(structure, rows, label):
    e = structure["earlyRepayment"]
    m = e["afterMonth"]
    n = len(rows)
    outstanding = structure["loan"]["principalMinor"] if m == 0 else rows[m - 1]["balanceMinor"]
    saved = sum(r["interestMinor"] for r in rows[m:])
    fees = sum(r["feeMinor"] for r in rows[m:])
    share = Decimal("0.01") if n - m > 12 else Decimal("0.005")
    comp = min(int((outstanding * share).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)), saved)
    check(e["outstandingMinor"] == outstanding, "%s: early repayment outstanding" % label)
    check(e["interestSavedMinor"] == saved, "%s: early repayment interest saved" % label)
    check(e["compensationMinor"] == comp, "%s: compensation %d, expected %d" % (label, e["compensationMinor"], comp))
    check(e["savingMinor"] == saved + fees - comp, "%s: saving" % label)


def check_loans(exe, cache):
    for args in (["--amount", "15000"], ["--payment", "400", "--purpose", "car"]):
        out = run(exe, cache, "loan", *args)
        fit = out["fit"]
        label = "loan " + " ".join(args)
        check(fit["structures"] or fit["refusal"], "%s: structures or a refusal" % label)
        for s in fit["structures"]:
            rows = check_loan(s["loan"], "%s (%s)" % (label, s["label"]))
            check_early(s, rows, label)
            if args[0] == "--amount":
                check(s["loan"]["principalMinor"] == 1500000, "%s: the amount asked for" % label)
            else:
                check(s["loan"]["paymentMinor"] <= 40000, "%s: at most the payment asked for" % label)
            if fit["affordabilityChecked"]:
                check(s["loan"]["paymentMinor"] + s["loan"]["monthlyFeeMinor"] <= fit["maxPaymentMinor"],
                      "%s: within what the cash flow carries" % label)
                check(s["headroomMinor"] == fit["freeCashFlowMinor"] - s["loan"]["paymentMinor"]
                      - s["loan"]["monthlyFeeMinor"], "%s: headroom" % label)


def split(total, weights):
    """Largest remainders, ties to the first listed."""
    exact = [total * w for w in weights]
    out = [e // 10000 for e in exact]
    rem = [e % 10000 for e in exact]
    for _ in range(total - sum(out)):
        best = max(range(len(rem)), key=lambda i: (rem[i], -i))
        out[best] += 1
        rem[best] = -1
    return out


def check_portfolio(exe, cache):
    out = run(exe, cache, "portfolio", "--contribution", "500", "--exclude", "fossil_fuels,weapons",
              "--favour", "climate")
    d = out["drift"]
    funds = d["funds"]
    total = d["totalMinor"]
    c = d["contributionMinor"]
    check(c == 50000, "portfolio: the contribution")
    check(sum(f["valueMinor"] for f in funds) == total, "portfolio: the holdings' total")
    check(sum(f["tradeMinor"] for f in funds) == c, "portfolio: trades sum to the contribution")
    check(sum(f["afterMinor"] for f in funds) == total + c, "portfolio: holdings after sum to total + contribution")
    weights = [round(f["targetWeight"] * 10000) for f in funds]
    check(sum(weights) == 10000, "portfolio: target weights sum to one")
    targets = split(total + c, weights)
    check([f["targetMinor"] for f in funds] == targets, "portfolio: targets by largest remainders %s" % targets)
    for f in funds:
        drift = f["weight"] - f["targetWeight"]
        band = abs(drift) > 0.05 or (f["targetWeight"] > 0 and abs(drift) / f["targetWeight"] > 0.25)
        check(f["outOfBand"] == band, "portfolio: band of %s" % f["fundId"])
        if d["fullRebalance"]:
            check(f["afterMinor"] == f["targetMinor"], "portfolio: %s traded to its target" % f["fundId"])
        else:
            check(f["tradeMinor"] >= 0, "portfolio: nothing sold within the bands")
    check(d["outOfBand"] == any(f["outOfBand"] for f in funds), "portfolio: out of band")
    eco = out["ecoInvest"]
    check(eco is not None and sum(a["weightBps"] for a in eco["allocation"]) == 10000,
          "EcoInvest: weights sum to one")
    check(abs(eco["returnDifference"] - (eco["netReturn"] - eco["unfilteredNetReturn"])) < 1e-12,
          "EcoInvest: the cost is the difference")
    o = out["recommended"]["outcomes"]
    check(o["p5Minor"] <= o["p50Minor"] <= o["p95Minor"], "portfolio: outcomes in order")
    check(sum(a["weightBps"] for a in out["recommended"]["allocation"]) == 10000, "portfolio: the model sums to one")


def check_wealth(exe, cache):
    out = run(exe, cache, "wealth")
    w = out["wealth"]
    items = w["items"]
    check(w["netWorthMinor"] == sum(i["valueMinor"] for i in items), "wealth: net worth is the sum of the items")
    check(w["assetsMinor"] == sum(i["valueMinor"] for i in items if i["valueMinor"] > 0), "wealth: assets")
    check(w["debtsMinor"] == -sum(i["valueMinor"] for i in items if i["valueMinor"] < 0), "wealth: debts")
    check(w["manualAssetsMinor"] == sum(i["valueMinor"] for i in items if i["manual"] and i["valueMinor"] > 0),
          "wealth: manual assets")
    groups = [0 if s["kind"] == "emergency_fund" else 1 if s["kind"] == "high_rate_debt" else 2
              for s in w["suggestions"]]
    check(groups == sorted(groups), "wealth: emergency fund first, then expensive debt")
    rest = [s["yearlyMinor"] for s, g in zip(w["suggestions"], groups) if g == 2]
    check(rest == sorted(rest, reverse=True), "wealth: the others by what they are worth a year")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    exe, cache = sys.argv[1], sys.argv[2]
    check_loans(exe, cache)
    check_portfolio(exe, cache)
    check_wealth(exe, cache)
    for f in failures:
        print(f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
