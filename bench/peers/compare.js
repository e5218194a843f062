#!/usr/bin/env node
// compare.js - checks that two engines gave the same answer to a benchmark query.
//
// usage: node compare.js REFERENCE OTHER
// Both files are CSV with a header line (names are not compared: engines name count(*) differently).
// The data rows are sorted by their first field, then compared field by field: integers exactly,
// other numbers within a relative 1e-9 (engines sum doubles in different orders), anything else
// byte for byte. Prints nothing and exits 0 when they agree; otherwise prints the differences on
// stderr and exits 1. Exit 2 on a usage or read error.
'use strict';

const fs = require('fs');

const REL_TOL = 1e-9;
const MAX_SHOWN = 10;

// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
function parseCsv(text) {
  const records = [];
  let rec = [];
  let f = '';
  let i = 0;
  let quoted = false;
  let started = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { f += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      f += c; i++; continue;
    }
    if (c === '"' && f === '') { quoted = true; started = true; i++; continue; }
    if (c === ',') { rec.push(f); f = ''; started = true; i++; continue; }
    if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rec.push(f); records.push(rec); rec = []; f = ''; started = false; i++; continue;
    }
    f += c; started = true; i++;
  }
  if (started || f !== '' || rec.length) { rec.push(f); records.push(rec); }
  return records;
}

const INT = /^[+-]?[0-9]+$/;
const NUM = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

function sameField(a, b) {
  if (a === b) return true;
  if (INT.test(a) && INT.test(b)) return BigInt(a) === BigInt(b);
  if (NUM.test(a) && NUM.test(b)) {
    const x = Number(a);
    const y = Number(b);
    return Math.abs(x - y) <= REL_TOL * Math.max(Math.abs(x), Math.abs(y));
  }
  return false;
}

function byKey(a, b) {
  const ka = a[0] ?? '';
  const kb = b[0] ?? '';
  if (INT.test(ka) && INT.test(kb)) {
    const d = BigInt(ka) - BigInt(kb);
    if (d !== 0n) return d < 0n ? -1 : 1;
  } else if (ka !== kb) {
    return ka < kb ? -1 : 1;
  }
  const ja = a.join(',');
  const jb = b.join(',');
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

function load(file) {
  const recs = parseCsv(fs.readFileSync(file, 'utf8'));
  if (recs.length === 0) throw new Error(`${file}: empty (not even a header)`);
  return { header: recs[0], rows: recs.slice(1).sort(byKey) };
}

function main() {
  const argv = process.argv.slice(2);
  if (argv.length !== 2) {
    process.stderr.write('usage: compare.js REFERENCE OTHER\n');
    process.exit(2);
  }
  let ref, got;
  try {
    ref = load(argv[0]);
    got = load(argv[1]);
  } catch (err) {
    process.stderr.write(`compare.js: ${err.message}\n`);
    process.exit(2);
  }
  const diffs = [];
  if (ref.header.length !== got.header.length) {
    diffs.push(`${ref.header.length} columns vs ${got.header.length}`);
  }
  if (ref.rows.length !== got.rows.length) diffs.push(`${ref.rows.length} rows vs ${got.rows.length}`);
  const n = Math.min(ref.rows.length, got.rows.length);
  let shown = 0;
  let bad = 0;
  for (let r = 0; r < n; r++) {
    const a = ref.rows[r];
    const b = got.rows[r];
    const ok = a.length === b.length && a.every((v, c) => sameField(v, b[c]));
    if (!ok) {
      bad++;
      if (shown++ < MAX_SHOWN) diffs.push(`row ${r + 1}: ${a.join(',')}  vs  ${b.join(',')}`);
    }
  }
  if (bad > MAX_SHOWN) diffs.push(`... ${bad - MAX_SHOWN} more rows differ`);
  if (diffs.length) {
    for (const d of diffs) process.stderr.write(`  ${d}\n`);
    process.exit(1);
  }
}

main();
