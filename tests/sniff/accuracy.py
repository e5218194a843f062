#!/usr/bin/python3
"""Measures how often `sluice sniff` (and, with --duckdb, DuckDB's sniff_csv) finds a file's dialect.

usage: accuracy.py --sluice BIN [--corpus DIR] [--min R] [--duckdb]
       accuracy.py --sluice BIN --conformance DIR [--min R] [--duckdb]

Corpus mode (the default): each file named in DIR/expected.json (default datasets/sniff-corpus) is
sniffed with `sluice sniff --format json FILE`, no dialect given. A file is right when the
delimiter, quote, skip and header all match its expectation, and the escape and the comment prefix
too when the expectation names them.

Conformance mode: the cases of tests/conformance/cases (DIR) that carry a .dialect file, less those
tests/conformance/run.py skips as outside what sluice expresses (a multi-byte delimiter, a custom
terminator, ...). The expectation is the .dialect read over the corpus baseline (delimiter ',',
quote '"', no escape): a case is right when the delimiter, quote and escape match, and the comment
prefix too when the .dialect names one. Cases have no header or preamble to judge.

A dialect character that differs from the expected one still counts as right when neither of the
two occurs in the file (for a comment prefix: when neither starts a line): a file with no quote in
it reads the same with quote '"' as with no quoting, and a one-column file the same with any
delimiter it does not contain.

Prints one line per wrong file with what differed, then `sluice: N/M (P%)` and, with --duckdb,
`duckdb: N/M (P%)` (tests/sniff/duckdb-sniff.js, node and DuckDB's Node API in tests/duckdb; when
they are missing, DuckDB's line says why it was skipped). Exit status: 1 when sluice's accuracy is
under --min (default 0: never), 2 on a usage problem; DuckDB's figure never changes it.
"""
import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIELDS = ["delimiter", "quote", "escape", "skip", "header", "comment"]
ALWAYS = {"corpus": ["delimiter", "quote", "skip", "header"], "conformance": ["delimiter", "quote", "escape"]}
CHARS = {"delimiter", "quote", "escape", "comment"}


def corpus_cases(d):
    """(label, path, expectation) for each file of d/expected.json."""
    with open(os.path.join(d, "expected.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    return [(name, os.path.join(d, name), manifest[name]) for name in sorted(manifest)]


def conformance_cases(d):
    """(label, path, expectation) for each case with a .dialect that run.py would run."""
    spec = importlib.util.spec_from_file_location("conformance_run", os.path.join(ROOT, "tests", "conformance",
                                                                                   "run.py"))
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    cases, skipped = [], 0
    for c in run.load_cases(d, []):
        if not c["dialect"]:
            continue
        with open(c["dialect"], encoding="utf-8") as f:
            dia = json.load(f)
        try:
            run.dialect_flags(dia)
        except run.Skip:
            skipped += 1
            continue
        exp = {"delimiter": dia.get("delimiter", ","), "quote": dia.get("quote", '"'), "escape": dia.get("escape")}
        if dia.get("comment"):
            exp["comment"] = dia["comment"]
        cases.append(("%s/%s" % (c["suite"], c["name"]), c["csv"], exp))
    return cases, skipped


def occurs(data, key, value):
    """Whether a dialect character plays any part in reading data (bytes)."""
    if value is None:
        return False
    b = value.encode("utf-8")
    if key == "comment":
        return data.startswith(b) or any(line.startswith(b) for line in data.replace(b"\r", b"\n").split(b"\n"))
    return b in data


def differences(data, exp, got, mode):
    """What differs between an expectation and an answer, as `field X expected, sniffed Y` strings."""
    out = []
    for key in FIELDS:
        if key not in exp or (key not in ALWAYS[mode] and key not in ("escape", "comment")):
            continue
        want, have = exp[key], got.get(key)
        if want == have:
            continue
        if key in CHARS and not occurs(data, key, want) and not occurs(data, key, have):
            continue
        out.append("%s %s expected, sniffed %s" % (key, json.dumps(want, ensure_ascii=False),
                                                   json.dumps(have, ensure_ascii=False)))
    return out


def sniff_sluice(binary, path):
    """sluice's answer for one file, or {"error": ...}."""
    try:
        p = subprocess.run([binary, "sniff", "--format", "json", path], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
    except subprocess.TimeoutExpired:
        return {"error": "timeout"}
    if p.returncode != 0:
        return {"error": "exit %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace").strip()[-200:])}
    try:
        return json.loads(p.stdout)
    except ValueError as e:
        return {"error": "bad JSON (%s)" % e}


def sniff_duckdb(paths):
    """(answers by path, DuckDB version) from duckdb-sniff.js, or (None, why it did not run)."""
    node = shutil.which("node")
    if node is None:
        return None, "node is not installed"
    p = subprocess.run([node, os.path.join(HERE, "duckdb-sniff.js")] + paths, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = p.stderr.decode("utf-8", "replace").strip()
    if p.returncode != 0:
        return None, err.splitlines()[-1] if err else "duckdb-sniff.js exited %d" % p.returncode
    answers = {}
    for line in p.stdout.decode("utf-8").splitlines():
        r = json.loads(line)
        answers[r["file"]] = r
    version = err.splitlines()[0] if err else "duckdb"
    return answers, version


def score(tool, cases, answers, mode):
    """Prints the wrong files of one tool; returns the number right."""
    right = 0
    for label, path, exp in cases:
        got = answers[path]
        if "error" in got:
            print("%s WRONG %s: %s" % (tool, label, got["error"]))
            continue
        with open(path, "rb") as f:
            data = f.read()
        diff = differences(data, exp, got, mode)
        if diff:
            print("%s WRONG %s: %s" % (tool, label, "; ".join(diff)))
        else:
            right += 1
    return right


def summary(tool, right, total, extra=""):
    pct = 100.0 * right / total if total else 0.0
    print("%s: %d/%d (%.1f%%)%s" % (tool, right, total, pct, extra))
    return right / total if total else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sluice", required=True, help="the sluice binary")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "datasets", "sniff-corpus"),
                    help="directory holding expected.json and the files it names")
    ap.add_argument("--conformance", metavar="DIR", help="score the conformance cases with a .dialect in DIR")
    ap.add_argument("--min", type=float, default=0.0, help="exit 1 when sluice's accuracy is under this fraction")
    ap.add_argument("--duckdb", action="store_true", help="score DuckDB's sniff_csv too (for the record)")
    a = ap.parse_args()
    if not os.access(a.sluice, os.X_OK):
        print("accuracy.py: %s is not an executable" % a.sluice, file=sys.stderr)
        return 2
    if a.conformance:
        if not os.path.isdir(a.conformance):
            print("accuracy.py: no conformance cases at %s" % a.conformance, file=sys.stderr)
            return 2
        mode = "conformance"
        cases, skipped = conformance_cases(a.conformance)
        note = " (.dialect cases; %d skipped as run.py skips them)" % skipped
    else:
        if not os.path.exists(os.path.join(a.corpus, "expected.json")):
            print("accuracy.py: no expected.json in %s" % a.corpus, file=sys.stderr)
            return 2
        mode = "corpus"
        cases = corpus_cases(a.corpus)
        note = ""

    answers = {path: sniff_sluice(a.sluice, path) for _label, path, _exp in cases}
    right = score("sluice", cases, answers, mode)
    duck_line = None
    if a.duckdb:
        duck, version = sniff_duckdb([path for _label, path, _exp in cases])
        if duck is None:
            duck_line = "duckdb: skipped (%s)" % version
        else:
            duck_right = score("duckdb", cases, duck, mode)
            duck_line = (duck_right, version)
    rate = summary("sluice", right, len(cases), note)
    if isinstance(duck_line, str):
        print(duck_line)
    elif duck_line:
        summary("duckdb", duck_line[0], len(cases), " [%s]" % duck_line[1])
    if rate < a.min:
        print("accuracy.py: sluice's accuracy %.3f is under --min %.2f" % (rate, a.min), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
