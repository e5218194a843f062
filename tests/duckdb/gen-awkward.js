#!/usr/bin/env node
// gen-awkward.js - writes a seeded CSV of awkward values (quotes, embedded CR/LF, NULLs, exponents, big integers, dates).
//
// usage: node gen-awkward.js [--rows N] [--seed S] [--delim C] [-o FILE]
//
// The same rows, seed and delimiter always give the same bytes. Columns and the type both sluice and
// DuckDB must infer for them (every value of a column parses as that type; an empty field, quoted or
// not, is NULL):
//   id BIGINT (unique), grp VARCHAR (few distinct), name VARCHAR, amount DOUBLE, qty BIGINT,
//   big BIGINT (near 2^53 and the int64 limits), day DATE, ts TIMESTAMP, flag BOOLEAN, note VARCHAR.
// Records end in LF; CR LF and LF appear only inside quoted fields. Used by run.js as a module too,
// which also writes generateEuro's European file (below).
'use strict';

const fs = require('fs');

const COLUMNS = ['id', 'grp', 'name', 'amount', 'qty', 'big', 'day', 'ts', 'flag', 'note'];

// mulberry32: a 32-bit generator whose output depends on nothing but the seed.
function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    float: next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

const GROUPS = ['alpha', 'beta', 'gamma', 'delta, inc', 'say "hi"', "o'neil", 'été'];

const FIRST = ['Ann', 'Bob', 'José', 'Zoë', '日本 太郎', 'Chloé', 'Émile', 'li', 'Mary-Jane', 'Ödön', 'X'];
const LAST = ['Smith', "O'Brien", 'Müller', 'Nakamura', 'de la Cruz', 'van Dijk', 'Ng', '山田'];

const NOTES = [
  'plain note', 'a,b', 'x;y', 'say "hi"', '007', '123', 'café au lait', '日本語テキスト', 'NULL', 'true',
  '  padded both  ', '  lead', 'trail  ', 'line one\nline two', 'crlf one\r\ncrlf two', '"quoted start',
  'end quote"', 'comma, then "quote"', '%literal percent%', 'under_score', 'Ärger über Öl', 'ÉCOLE',
  '-5', '1e5', '2024-01-01', 'tab-free text with many words in it to make a longer field than most',
];

const pad2 = (n) => String(n).padStart(2, '0');

function civilFromDays(z) {
  // days since 1970-01-01 to [y, m, d] (proleptic Gregorian)
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function dateText(days) {
  const [y, m, d] = civilFromDays(days);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

function tsText(secs) {
  const days = Math.floor(secs / 86400);
  const s = secs - days * 86400;
  return `${dateText(days)} ${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
}

// Each generator returns the field's text, '' for NULL (written bare or as "" at random).
function genAmount(r) {
  if (r.chance(0.05)) return '';
  if (r.chance(0.002)) return '9007199254740993'; // 2^53 + 1: rounds to 2^53 as a double
  const special = ['1.5e3', '-2E-2', '2.5E+3', '1e5', '-0.0', '0', '42', '-7', '0.1', '-1234.5678e-2', '1E-3'];
  if (r.chance(0.08)) return r.pick(special);
  const v = (r.float() - 0.3) * 10 ** r.int(0, 5);
  const text = v.toFixed(r.int(0, 4));
  if (r.chance(0.1)) return `${(v / 1000).toFixed(3)}e3`;
  return text === '-0' ? '0' : text;
}

function genQty(r) {
  if (r.chance(0.07)) return '';
  return String(r.int(-1000, 1000));
}

function genBig(r) {
  if (r.chance(0.04)) return '';
  const p53 = 2n ** 53n;
  const specials = [p53 - 1n, p53, p53 + 1n, -p53 - 1n, p53 + 12345n, -p53 + 7n,
    9223372036854775807n, -9223372036854775808n, 9223372036854775000n, -9223372036854770000n,
    4611686018427387904n];
  if (r.chance(0.04)) return String(r.pick(specials));
  return String(BigInt(r.int(-1000000, 1000000)) * BigInt(r.int(1, 1000000)));
}

function genDay(r) {
  if (r.chance(0.05)) return '';
  const specials = ['1970-01-01', '1969-12-31', '2000-02-29', '2024-02-29', '1900-03-01', '2099-12-31', '1900-01-01'];
  if (r.chance(0.05)) return r.pick(specials);
  return dateText(r.int(-25567, 47482)); // 1900-01-01 .. 2099-12-31
}

function genTs(r) {
  if (r.chance(0.05)) return '';
  const specials = ['1970-01-01 00:00:00', '1969-12-31 23:59:59', '2000-02-29 12:00:00', '2024-12-31 23:59:59',
    '1950-06-15 08:30:00'];
  if (r.chance(0.04)) return r.pick(specials);
  return tsText(r.int(-631152000, 2524607999)); // 1950 .. 2049
}

function genName(r) {
  if (r.chance(0.04)) return '';
  let s = `${r.pick(FIRST)} ${r.pick(LAST)}`;
  if (r.chance(0.15)) s += ', Jr.';
  if (r.chance(0.08)) s = `"${s}" the ${r.pick(['great', 'quiet', 'tall'])}`;
  if (r.chance(0.06)) s += '\nsecond line';
  if (r.chance(0.06)) s += '\r\nthird line';
  if (r.chance(0.05)) s = `  ${s}  `;
  return s;
}

function genNote(r) {
  if (r.chance(0.12)) return '';
  return r.pick(NOTES);
}

function genFlag(r) {
  if (r.chance(0.1)) return '';
  return r.chance(0.55) ? 'true' : 'false';
}

// Writes one field: quoted when it must be (delimiter, quote, CR, LF, leading/trailing space, or an empty
// value that is quoted for the test's sake) and sometimes when it need not be.
// The random draw comes first, so that every delimiter gives the same values.
function field(r, v, delim) {
  const x = r.float();
  const must = v.includes(delim) || v.includes('"') || v.includes('\n') || v.includes('\r') ||
    /^\s|\s$/.test(v);
  if (v === '') return x < 0.3 ? '""' : '';
  if (must || x < 0.1) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

// Returns the file's text: header plus rows records.
function generate(rows = 3000, seed = 20240531, delim = ',') {
  const r = makeRng(seed);
  const out = [COLUMNS.join(delim)];
  for (let i = 0; i < rows; i++) {
    const id = ((i * 7919) % rows) + 1; // a permutation of 1..rows when rows is prime to 7919
    const vals = [
      String(id),
      r.chance(0.05) ? '' : r.pick(GROUPS),
      genName(r), genAmount(r), genQty(r), genBig(r), genDay(r), genTs(r), genFlag(r), genNote(r),
    ];
    out.push(vals.map((v) => field(r, v, delim)).join(delim));
  }
  return out.join('\n') + '\n';
}

// The European file: ';' between fields, numbers with a decimal comma (amount with '.' between
// digit groups now and then), dates and timestamps day first with dots. Columns and types:
//   id BIGINT, amount DOUBLE, rate DOUBLE, qty BIGINT, day DATE, ts TIMESTAMP, city VARCHAR,
//   paid BOOLEAN (yes and no, in any case: booleans to DuckDB's sniffer as to sluice's),
//   zoned TIMESTAMPTZ (ISO with a UTC offset: Z, +HH, +HH:MM, -HHMM, or none: UTC, as DuckDB reads it).
// DuckDB's sniffer leaves amount, rate and ts VARCHAR: run.js reads it there with EURO_OPTIONS.
const EURO_COLUMNS = ['id', 'amount', 'rate', 'qty', 'day', 'ts', 'city', 'paid', 'zoned'];
const EURO_OPTIONS = "delim = ';', decimal_separator = ',', thousands = '.', dateformat = '%d.%m.%Y', " +
  "timestampformat = '%d.%m.%Y %H:%M:%S'";
const CITIES = ['Berlin', 'Wien', 'Zürich', 'Köln; Ehrenfeld', 'Lyon', 'Gent'];

function euroDay(days) {
  const [y, m, d] = civilFromDays(days);
  return `${pad2(d)}.${pad2(m)}.${String(y).padStart(4, '0')}`;
}

// A decimal comma, and the integer part's groups split by '.' when grouped.
function euroNumber(v, decimals, grouped) {
  const [int, frac] = Math.abs(v).toFixed(decimals).split('.');
  const digits = grouped ? int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : int;
  const text = (v < 0 ? '-' : '') + digits + (frac ? `,${frac}` : '');
  return /^-0(,0*)?$/.test(text) ? text.slice(1) : text;
}

// An instant with the UTC offset it was written in; the draws come first, whatever the text.
function zonedText(r) {
  const secs = r.int(-631152000, 2524607999);
  const days = Math.floor(secs / 86400), s = secs - days * 86400;
  const time = `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
  const sep = r.pick([' ', 'T']);
  const h = r.int(-12, 14), m = r.pick([0, 0, 30, 45]);
  const sign = h < 0 ? '-' : '+';
  const off = r.pick(['Z', `${sign}${pad2(Math.abs(h))}`, `${sign}${pad2(Math.abs(h))}:${pad2(m)}`,
    `${sign}${pad2(Math.abs(h))}${pad2(m)}`, '']);
  return `${dateText(days)}${sep}${time}${off}`;
}

function generateEuro(rows = 2000, seed = 20240325) {
  const r = makeRng(seed);
  const out = [EURO_COLUMNS.join(';')];
  for (let i = 0; i < rows; i++) {
    const secs = r.int(-631152000, 2524607999);
    const tsDays = Math.floor(secs / 86400), s = secs - tsDays * 86400;
    const vals = [
      String(i + 1),
      r.chance(0.05) ? '' : euroNumber((r.float() - 0.4) * 10 ** r.int(0, 7), r.int(0, 2), r.chance(0.5)),
      r.chance(0.05) ? '' : euroNumber(r.float() * 20 - 5, r.int(1, 4), false),
      r.chance(0.05) ? '' : String(r.int(-500, 500)),
      r.chance(0.05) ? '' : euroDay(r.int(-25567, 47482)),
      r.chance(0.05) ? '' : `${euroDay(tsDays)} ${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`,
      r.chance(0.05) ? '' : r.pick(CITIES),
      r.chance(0.05) ? '' : r.pick(['yes', 'no', 'Yes', 'NO']),
      r.chance(0.05) ? '' : zonedText(r),
    ];
    out.push(vals.map((v) => field(r, v, ';')).join(';'));
  }
  return out.join('\n') + '\n';
}

module.exports = { generate, generateEuro, EURO_OPTIONS, civilFromDays, COLUMNS };

if (require.main === module) {
  const args = process.argv.slice(2);
  let rows = 3000;
  let seed = 20240531;
  let delim = ',';
  let outFile = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--rows') rows = Number(args[++i]);
    else if (a === '--seed') seed = Number(args[++i]);
    else if (a === '--delim') delim = args[++i];
    else if (a === '-o') outFile = args[++i];
    else {
      process.stderr.write('usage: gen-awkward.js [--rows N] [--seed S] [--delim C] [-o FILE]\n');
      process.exit(2);
    }
  }
  if (!Number.isInteger(rows) || rows < 1 || rows % 7919 === 0 || delim.length !== 1) {
    process.stderr.write('gen-awkward.js: --rows needs a positive count not a multiple of 7919, --delim one byte\n');
    process.exit(2);
  }
  const text = generate(rows, seed, delim);
  if (outFile) fs.writeFileSync(outFile, text);
  else process.stdout.write(text);
}
