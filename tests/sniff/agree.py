#!/usr/bin/env python3
"""agree.py - every command reads every corpus file the same way.

usage: agree.py --sluice SLUICE [--corpus DIR]

For each file that datasets/sniff-corpus/expected.json names, with no dialect given:
- the record count of `count`, `count --where 1=1`, `SELECT count(*)`, `cat --format json`,
  `select * --format json` and `head -n 1000000 --format json` is one number;
- the header: `sniff` says whether there is one; then `cat` and `head` print it (and only then),
  and `sniff`, `schema` and the query name the same columns;
- the first record: `head` and `cat` print the same one, and `select *` one of the table's width.
Prints one line per disagreement and `N/M files agree`; exits 1 on any disagreement.
"""
import argparse
import json
import os
import subprocess
import sys


def run(sluice, *args):
    p = subprocess.run([sluice, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"sluice {' '.join(args)}: status {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def text(v):
    """A JSON value as the text a CSV field would hold (typed query output compared with raw)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def check(sluice, path):
    """The disagreements on one file, as strings."""
    problems = []
    sniff = json.loads(run(sluice, "sniff", "--format", "json", path))
    header = sniff["header"]
    names = [c["name"] for c in sniff["columns"]]

    counts = {}
    counts["count"] = int(run(sluice, "count", path))
    counts["count --where"] = int(run(sluice, "count", "--where", "1=1", path))
    q = run(sluice, "query", "--format", "csv", f"SELECT count(*) AS n FROM '{path}'").splitlines()
    counts["SELECT count(*)"] = int(q[1])
    cat = json.loads(run(sluice, "cat", "--format", "json", path))
    counts["cat"] = len(cat) - (1 if header else 0)
    head = json.loads(run(sluice, "head", "-n", "1000000", "--format", "json", path))
    counts["head"] = len(head) - (1 if header else 0)
    sel = json.loads(run(sluice, "select", "*", "--format", "json", path))
    counts["select"] = len(sel) - 1  # a query's json starts with the column names
    if len(set(counts.values())) != 1:
        problems.append("record counts differ: " + ", ".join(f"{k} {v}" for k, v in counts.items()))

    schema = json.loads(run(sluice, "schema", "--format", "json", path))
    schema_names = [c["name"] for c in schema["columns"]]
    if schema["header"] != header:
        problems.append(f"header: sniff says {header}, schema {schema['header']}")
    if schema_names != names:
        problems.append(f"columns: sniff {names}, schema {schema_names}")
    if sel and sel[0] != names:
        problems.append(f"columns: sniff {names}, select {sel[0]}")
    if header:
        for label, rows in (("cat", cat), ("head", head)):
            if not rows or len(rows[0]) != len(names):
                problems.append(f"{label} prints no header of {len(names)} names")
    first = {}
    if len(cat) > (1 if header else 0):
        first["cat"] = cat[1 if header else 0]
    if len(head) > (1 if header else 0):
        first["head"] = head[1 if header else 0]
    if len(sel) > 1:
        first["select"] = [text(v) for v in sel[1]]
    if len({json.dumps(v) for k, v in first.items() if k != "select"}) > 1:
        problems.append("first records differ: " + "; ".join(f"{k} {v}" for k, v in first.items()))
    elif "select" in first and len(first["select"]) != len(names):
        # a query's rows are the table's width (a ragged record is padded or cut), and its typed
        # values print their own way (0.50 as 0.5): only the width is compared
        problems.append(f"first record: select has {len(first['select'])} fields, {len(names)} columns")
    return problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sluice", required=True)
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "datasets", "sniff-corpus"))
    a = ap.parse_args()
    with open(os.path.join(a.corpus, "expected.json")) as f:
        files = sorted(json.load(f))
    bad = 0
    for name in files:
        try:
            problems = check(a.sluice, os.path.join(a.corpus, name))
        except (RuntimeError, ValueError, IndexError) as e:
            problems = [str(e)]
        for p in problems:
            print(f"DISAGREE {name}: {p}")
        bad += bool(problems)
    print(f"{len(files) - bad}/{len(files)} files agree")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
