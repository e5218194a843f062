#!/usr/bin/env python3
"""Runs `sluice cat --no-sniff --no-header --format json` over the CSV conformance corpus and compares the rows.

usage: run.py --sluice PATH [--cases DIR] [--suite S]... [--only-default] [--exclude-tag TAG]...
              [--kernel NAME] [--require-default-pass] [--min-pass-rate R] [-q] [-v]

Each case's .dialect is mapped to sluice CLI flags. A case whose dialect uses something sluice does
not express (see UNSUPPORTED below and README.md) is reported as SKIP and never run. A case that
expects an error passes when sluice exits 1 and prints `sluice: FILE:LINE:COL: message`.

Output: one `PASS|FAIL|SKIP suite/name` line per case (-q: failures only), totals per suite, and
a final `N passed, N failed, N skipped` line.

Exit status: 2 on a usage problem. Otherwise, when --require-default-pass or --min-pass-rate is
given, 1 unless every requested gate holds; without them, 1 when any case failed.
"""
import argparse
import difflib
import json
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Dialect keys sluice has no way to express, with the reason shown on the SKIP line. A key only
# causes a skip when its value asks for the behaviour (e.g. `lone_cr: "data"`, `trim: "leading"`).
UNSUPPORTED = {
    "terminator": "custom record terminator (sluice ends records at LF, CRLF and lone CR only)",
    "lone_cr": "lone CR as data (sluice: a lone CR ends a line)",
    "crlf_in_quotes_to_lf": "CRLF inside quotes rewritten to LF (sluice keeps the bytes)",
    "skip_initial_space": "skip_initial_space (sluice trims both sides or nothing)",
    "escape_scope": "escape limited to the quote char (sluice: the escape makes any next byte data)",
    "fields_per_record": "field-count check (sluice keeps ragged records)",
    "lazy_quotes": "Go LazyQuotes keeps a stray quote inside a quoted field; sluice's repair consumes it",
}


class Skip(Exception):
    """The case's dialect is outside what sluice expresses."""


def one_byte(value, what):
    """The single byte a dialect character stands for, or Skip when it is longer (e.g. '£', ', ')."""
    b = value.encode("utf-8")
    if len(b) != 1:
        raise Skip("multi-byte %s %r" % (what, value))
    return b


def dialect_flags(d):
    """Maps a corpus dialect (dict) to sluice CLI arguments; raises Skip when sluice cannot express it."""
    flags = []
    delim = b","
    quote = b'"'
    escape = None
    for key in sorted(d):
        v = d[key]
        if key == "delimiter":
            delim = one_byte(v, "delimiter")
            if delim != b",":
                flags += ["-d", v]
        elif key == "quote":
            if v is None:
                quote = None
                flags.append("--no-quote")
            else:
                quote = one_byte(v, "quote")
                if quote != b'"':
                    flags += ["--quote", v]
        elif key == "escape":
            if v is not None:
                escape = one_byte(v, "escape")
                flags += ["--escape", v]
        elif key == "double_quote":
            if v is False:
                flags.append("--no-doublequote")
        elif key == "comment":
            if v:
                b = v.encode("utf-8")
                if b"\n" in b or b"\r" in b:
                    raise Skip("comment prefix containing a line break (sluice looks for it at a line start)")
                if len(b) > 7:
                    raise Skip("comment prefix longer than 7 bytes")
                flags += ["--comment", v]
        elif key == "trim":
            if v == "both":
                flags.append("--trim")
            elif v:
                raise Skip("trim %r (sluice trims both sides or nothing)" % (v,))
        elif key == "skip_empty_lines":
            if v is True:
                flags.append("--skip-empty-lines")
            elif v:
                raise Skip("skip_empty_lines %r (sluice only drops lines that are empty)" % (v,))
        elif key == "strict":
            if v:
                flags.append("--strict")
        elif key in UNSUPPORTED:
            if key == "fields_per_record":
                asks = v is not None and v >= 0  # Go: 0 = as many as the first record, < 0 = no check
            elif key == "lone_cr":
                asks = v == "data"
            else:
                asks = v is not None and v is not False
            if asks:
                raise Skip(UNSUPPORTED[key])
        else:
            raise Skip("unknown dialect key %r" % key)
    # Combinations sluice_dialect_check() rejects: the delimiter must differ from the quote and the
    # escape, and none of the three may be CR or LF.
    specials = [c for c in (delim, quote, escape) if c is not None]
    if len(set(specials)) != len(specials):
        raise Skip("delimiter, quote and escape are not distinct")
    if any(c in (b"\r", b"\n") for c in specials):
        raise Skip("CR or LF used as a dialect character")
    return flags


def load_cases(root, suites):
    cases = []
    for suite in sorted(os.listdir(root)):
        sd = os.path.join(root, suite)
        if not os.path.isdir(sd) or (suites and suite not in suites):
            continue
        tags = {}
        mf = os.path.join(sd, "MANIFEST.json")
        if os.path.exists(mf):
            with open(mf, encoding="utf-8") as f:
                for c in json.load(f)["cases"]:
                    tags[c["name"]] = set(c.get("tags", []))
        for fn in sorted(os.listdir(sd)):
            if not fn.endswith(".csv"):
                continue
            base = os.path.join(sd, fn[:-4])
            dia = base + ".dialect"
            cases.append({"suite": suite, "name": fn[:-4], "csv": base + ".csv", "json": base + ".json",
                          "dialect": dia if os.path.exists(dia) else None, "tags": tags.get(fn[:-4], set())})
    return cases


def as_bytes(rows):
    """Rows of str (surrogateescape for invalid UTF-8) as rows of bytes; ValueError when not rows."""
    if not isinstance(rows, list):
        raise ValueError("output is not a JSON array")
    out = []
    for r in rows:
        if not isinstance(r, list):
            raise ValueError("a record is not an array: %r" % (r,))
        row = []
        for f in r:
            if not isinstance(f, str):
                raise ValueError("a field is not a string: %r" % (f,))
            row.append(f.encode("utf-8", "surrogateescape"))
        out.append(row)
    return out


def show_rows(rows):
    """One line per record, fields shown as Python bytes literals so every byte is visible."""
    return ["[" + ", ".join(repr(f) for f in r) + "]" for r in rows]


def run_case(c, flags, a):
    """Returns (ok, reason, detail lines)."""
    with open(c["json"], encoding="utf-8") as f:
        exp = json.load(f)
    exp_err = isinstance(exp, dict) and bool(exp.get("error"))
    if exp_err and "--strict" not in flags:
        # Lenient sluice repairs malformed quoting by design and never reports it; an error
        # expectation without `strict` has no sluice counterpart.
        raise Skip("error expected without strict")
    cmd = [a.sluice, "cat", "--no-sniff", "--no-header", "--format", "json"]
    if a.kernel:
        cmd += ["--kernel", a.kernel]
    cmd += flags + [c["csv"]]
    shown = shlex.join(cmd)
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=a.timeout)
    except subprocess.TimeoutExpired:
        return False, "timeout after %gs" % a.timeout, ["  command: " + shown]
    err = p.stderr.decode("utf-8", "replace").strip()
    if exp_err:
        if p.returncode == 0:
            got = p.stdout.decode("utf-8", "surrogateescape")
            return False, "expected an error, got exit 0", ["  command: " + shown, "  stdout: " + got[:400]]
        pat = r"^sluice: %s:\d+:\d+: \S" % re.escape(c["csv"])
        if p.returncode != 1 or not re.search(pat, err, re.M):
            return False, "expected exit 1 and 'sluice: FILE:LINE:COL: message', got exit %d" % p.returncode, \
                ["  command: " + shown, "  stderr: " + err[-400:]]
        return True, None, []
    if p.returncode != 0:
        return False, "unexpected exit %d: %s" % (p.returncode, err[-200:]), ["  command: " + shown]
    try:
        got = as_bytes(json.loads(p.stdout.decode("utf-8", "surrogateescape")))
    except ValueError as e:
        return False, "bad output: %s" % e, ["  command: " + shown,
                                            "  stdout: " + p.stdout.decode("utf-8", "replace")[:400]]
    want = as_bytes(exp)
    if got != want:
        diff = difflib.unified_diff(show_rows(want), show_rows(got), "expected", "sluice", lineterm="", n=2)
        return False, "rows differ", ["  command: " + shown] + ["  " + l for l in diff]
    return True, None, []


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sluice", required=True, help="the sluice binary")
    ap.add_argument("--cases", default=os.path.join(HERE, "cases"), help="corpus directory")
    ap.add_argument("--suite", action="append", default=[], help="only this suite (repeatable)")
    ap.add_argument("--only-default", action="store_true", help="only cases without a .dialect")
    ap.add_argument("--exclude-tag", action="append", default=[], help="skip cases with this MANIFEST tag")
    ap.add_argument("--kernel", help="pass --kernel NAME to sluice")
    ap.add_argument("--require-default-pass", action="store_true",
                    help="fail unless every case without a .dialect and not tagged ambiguous passes")
    ap.add_argument("--min-pass-rate", type=float, default=None,
                    help="fail unless passed / (passed + failed) reaches this fraction")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per case")
    ap.add_argument("-q", "--quiet", action="store_true", help="print only failures and the totals")
    ap.add_argument("-v", "--verbose", action="store_true", help="show the command and a diff for failures")
    a = ap.parse_args()
    if not os.access(a.sluice, os.X_OK):
        print("run.py: %s is not an executable" % a.sluice, file=sys.stderr)
        return 2
    if not os.path.isdir(a.cases):
        print("run.py: no corpus at %s" % a.cases, file=sys.stderr)
        return 2

    totals = {}
    default_failures = []
    for c in load_cases(a.cases, a.suite):
        cid = "%s/%s" % (c["suite"], c["name"])
        t = totals.setdefault(c["suite"], [0, 0, 0])
        try:
            if a.only_default and c["dialect"]:
                raise Skip("has a dialect (--only-default)")
            hit = sorted(c["tags"] & set(a.exclude_tag))
            if hit:
                raise Skip("tagged %s (--exclude-tag)" % ",".join(hit))
            d = {}
            if c["dialect"]:
                with open(c["dialect"], encoding="utf-8") as f:
                    d = json.load(f)
            ok, reason, detail = run_case(c, dialect_flags(d), a)
        except Skip as s:
            t[2] += 1
            if not a.quiet:
                print("SKIP %s: %s" % (cid, s))
            continue
        if ok:
            t[0] += 1
            if not a.quiet:
                print("PASS %s" % cid)
        else:
            t[1] += 1
            print("FAIL %s: %s" % (cid, reason))
            if a.verbose:
                for line in detail:
                    print(line)
            if not c["dialect"] and "ambiguous" not in c["tags"]:
                default_failures.append(cid)

    print()
    for suite, (p, f, s) in sorted(totals.items()):
        print("%-14s %3d passed, %3d failed, %3d skipped" % (suite, p, f, s))
    passed = sum(t[0] for t in totals.values())
    failed = sum(t[1] for t in totals.values())
    skipped = sum(t[2] for t in totals.values())
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))

    gated = a.require_default_pass or a.min_pass_rate is not None
    status = 0 if gated or not failed else 1
    if a.require_default_pass and default_failures:
        print("gate: %d baseline case(s) (no dialect, not ambiguous) failed: %s"
              % (len(default_failures), " ".join(default_failures)), file=sys.stderr)
        status = 1
    if a.min_pass_rate is not None:
        ran = passed + failed
        rate = passed / ran if ran else 0.0
        if rate < a.min_pass_rate:
            print("gate: pass rate %.3f is below %.3f" % (rate, a.min_pass_rate), file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
