#!/usr/bin/env node
// run.js - differential test: every query of queries.sql run by `sluice query` and by DuckDB, results compared.
//
// usage: node run.js SLUICE_BIN [--only N[,N...]] [--duckdb-only] [--keep DIR] [--max-diffs N] [--queries FILE] [--format json|jsonl] [--verbose]
//
// The data: gen-awkward.js writes a comma and a ';' file into a scratch directory (or DIR with --keep,
// which is left in place); datasets/trips-small.csv is used as it is. DuckDB (in memory, one thread)
// runs the SQL text with the paths filled in; sluice runs the same text as
// `sluice query --format json SQL` (or --format jsonl when json is not offered). Results compare by
// column position: the same number of columns and rows; NULL only against NULL; integers exactly;
// other numbers within a relative 1e-9; booleans; strings byte for byte; DATE, TIMESTAMP and TIMESTAMPTZ as
// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS[.ffffff]` (fraction without trailing zeros) and that in UTC with
// `+00` (DuckDB runs with TimeZone 'UTC').
// Each query runs again with --no-prefilter, and those tagged @kernels under each forced kernel the
// CPU runs (of scalar and avx2); their output must equal the first run's byte for byte (row for row,
// in any order, for @unordered queries).
//
// Prints `PASS n: SQL` or `FAIL n: SQL` with the differences, then `N passed, N failed`; exits 1 on
// any failure, 2 on a usage error, and 77 (skipped, for meson) when node_modules is missing, unless
// SLUICE_REQUIRE_DUCKDB is set (not empty or 0), in which case a missing DuckDB is a failure. Check 0
// is the column types both engines infer (`DESCRIBE`, `sluice schema`). --duckdb-only checks the
// queries and the types against DuckDB alone.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { generate, generateEuro, EURO_OPTIONS, civilFromDays } = require('./gen-awkward.js');

const HERE = __dirname;
const TRIPS = path.resolve(HERE, '..', '..', 'datasets', 'trips-small.csv');
const REL_TOL = 1e-9;
const KERNELS = ['scalar', 'avx2'];
let maxDiffs = 12;

// The types DuckDB must infer, so that a query tests what it was written for.
const EXPECTED_TYPES = {
  awkward: 'id BIGINT, grp VARCHAR, name VARCHAR, amount DOUBLE, qty BIGINT, big BIGINT, day DATE, ts TIMESTAMP, ' +
    'flag BOOLEAN, note VARCHAR',
  euro: 'id BIGINT, amount DOUBLE, rate DOUBLE, qty BIGINT, day DATE, ts TIMESTAMP, city VARCHAR, paid BOOLEAN, ' +
    'zoned TIMESTAMP WITH TIME ZONE',
  trips: 'id BIGINT, pickup_ts TIMESTAMP, passenger_count BIGINT, distance DOUBLE, fare DOUBLE, ' +
    'payment_type VARCHAR, vendor VARCHAR, note VARCHAR, lat DOUBLE, lon DOUBLE, flag VARCHAR',
};

function usage() {
  process.stderr.write('usage: run.js SLUICE_BIN [--only N[,N...]] [--duckdb-only] [--keep DIR] [--max-diffs N] [--queries FILE] [--format json|jsonl] [--verbose]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { bin: null, only: null, duckdbOnly: false, keep: null, verbose: false, queries: path.join(HERE, 'queries.sql'), format: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only' && i + 1 < argv.length) o.only = new Set(argv[++i].split(',').map(Number));
    else if (a === '--duckdb-only') o.duckdbOnly = true;
    else if (a === '--keep' && i + 1 < argv.length) o.keep = path.resolve(argv[++i]);
    else if (a === '--max-diffs' && i + 1 < argv.length) maxDiffs = Number(argv[++i]) || 12;
    else if (a === '--queries' && i + 1 < argv.length) o.queries = path.resolve(argv[++i]);
    else if (a === '--format' && ['json', 'jsonl'].includes(argv[i + 1])) o.format = argv[++i];
    else if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (!a.startsWith('-') && o.bin === null) o.bin = path.resolve(a);
    else usage();
  }
  if (o.bin === null && !o.duckdbOnly) usage();
  return o;
}

// Splits queries.sql at each `;` outside quotes; `-- @tag` comments before a statement tag it.
function loadQueries(file) {
  const text = fs.readFileSync(file, 'utf8');
  const out = [];
  let sql = '';
  let tags = new Set();
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\'' || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new Error(`${file}: unterminated ${c}`);
      sql += text.slice(i, end + 1);
      i = end + 1; // a doubled quote reads as two adjacent literals, which copies it unchanged
    } else if (c === '-' && text[i + 1] === '-') {
      let end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
      for (const m of text.slice(i, end).matchAll(/@(\w+)/g)) tags.add(m[1]);
      i = end;
    } else if (c === ';') {
      out.push({ n: out.length + 1, sql: sql.trim(), tags });
      sql = '';
      tags = new Set();
      i++;
    } else {
      sql += c;
      i++;
    }
  }
  if (sql.trim() !== '') throw new Error(`${file}: the last statement has no ';'`);
  return out;
}

function sqlString(p) {
  return p.replace(/'/g, '\'\'');
}

// The paths filled in. {euro} stands for a whole table: sluice sniffs its formats, DuckDB is told them.
function expand(sql, files, engine = 'sluice') {
  return sql
    .replace(/\{euro\}/g, () => (engine === 'duckdb' ? euroTable(files.euro) : `'${sqlString(files.euro)}'`))
    .replace(/\{(awkward|awkward_semi|trips)\}/g, (_, k) => sqlString(files[k]));
}

function euroTable(file) {
  return `read_csv('${sqlString(file)}', ${EURO_OPTIONS})`;
}

// One line for PASS/FAIL: the SQL with its placeholders; line breaks inside literals shown as \r \n.
function oneLine(sql) {
  let out = '';
  let quote = null;
  for (const c of sql) {
    if (quote) {
      out += c === '\r' ? '\\r' : c === '\n' ? '\\n' : c;
      if (c === quote) quote = null;
    } else {
      if (c === '\'' || c === '"') quote = c;
      out += /\s/.test(c) ? ' ' : c;
    }
  }
  return out.replace(/ {2,}(?=(?:[^']*'[^']*')*[^']*$)/g, ' ');
}

/* ---------------------------------------------------------------------------------------------
 * Values. Both sides become {k, v}: k is 'null', 'bool', 'int' (v a BigInt), 'num' (v a Number),
 * 'str'; sluice's numbers keep their text so that integers past 2^53 compare exactly.
 * ------------------------------------------------------------------------------------------- */
const pad = (n, w = 2) => String(n).padStart(w, '0');

function dateText(days) {
  const [y, m, d] = civilFromDays(days);
  const ys = y < 0 ? `-${pad(-y, 4)}` : pad(y, 4);
  return `${ys}-${pad(m)}-${pad(d)}`;
}

function timestampText(micros) {
  const perDay = 86400000000n;
  let days = micros / perDay;
  let rest = micros % perDay;
  if (rest < 0n) {
    rest += perDay;
    days -= 1n;
  }
  const secs = Number(rest / 1000000n);
  const frac = Number(rest % 1000000n);
  let s = `${dateText(Number(days))} ${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
  if (frac) s += `.${pad(frac, 6)}`.replace(/0+$/, '');
  return s;
}

function duckValue(v, type) {
  if (v === null || v === undefined) return { k: 'null' };
  const T = duck.DuckDBTypeId;
  switch (type.typeId) {
    case T.BOOLEAN:
      return { k: 'bool', v };
    case T.TINYINT: case T.SMALLINT: case T.INTEGER: case T.BIGINT: case T.HUGEINT:
    case T.UTINYINT: case T.USMALLINT: case T.UINTEGER: case T.UBIGINT: case T.UHUGEINT:
      return { k: 'int', v: BigInt(v) };
    case T.FLOAT: case T.DOUBLE:
      return { k: 'num', v };
    case T.DECIMAL:
      return { k: 'num', v: Number(v.toString()) };
    case T.DATE:
      return { k: 'str', v: dateText(v.days) };
    case T.TIMESTAMP:
      return { k: 'str', v: timestampText(v.micros) };
    case T.TIMESTAMP_TZ: // the instant in UTC, as DuckDB prints it with TimeZone 'UTC'
      return { k: 'str', v: `${timestampText(v.micros)}+00` };
    case T.VARCHAR:
      return { k: 'str', v };
    default:
      return { k: 'str', v: String(v) };
  }
}

// A JSON reader that keeps number tokens as text and object members in order.
function parseJson(text) {
  let i = 0;
  const fail = (what) => {
    throw new Error(`bad JSON at byte ${i}: ${what}: ${JSON.stringify(text.slice(i, i + 40))}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '[') {
      i++;
      const a = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return a;
        } else fail('expected , or ]');
      }
    }
    if (c === '{') {
      i++;
      const members = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { members };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const k = string();
        ws();
        if (text[i++] !== ':') fail('expected :');
        members.push([k, value()]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return { members };
        } else fail('expected , or }');
      }
    }
    if (c === '"') return string();
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m) {
      i += m[0].length;
      return { num: m[0] };
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail('unexpected token');
  };
  const string = () => {
    let s = '';
    i++;
    for (;;) {
      const j = i;
      while (i < text.length && text[i] !== '"' && text[i] !== '\\') i++;
      s += text.slice(j, i);
      if (i >= text.length) fail('unterminated string');
      if (text[i] === '"') {
        i++;
        return s;
      }
      const e = text[i + 1];
      i += 2;
      const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e in simple) s += simple[e];
      else if (e === 'u') {
        s += String.fromCharCode(parseInt(text.slice(i, i + 4), 16)); // surrogate halves pair up in the JS string
        i += 4;
      } else fail('bad escape');
    }
  };
  const v = value();
  ws();
  if (i !== text.length) fail('trailing text');
  return v;
}

function jsonValue(v) {
  if (v === null) return { k: 'null' };
  if (v === true || v === false) return { k: 'bool', v };
  if (typeof v === 'string') return { k: 'str', v };
  if (v.num !== undefined) {
    return /^-?\d+$/.test(v.num) ? { k: 'int', v: BigInt(v.num), text: v.num } : { k: 'num', v: Number(v.num), text: v.num };
  }
  return { k: 'str', v: JSON.stringify(v) }; // an array or object: never equal to what DuckDB gives
}

// sluice's output as {names, rows}; json is [[header], [row]...], jsonl one {name: value} per row.
function parseSluice(stdout, format) {
  if (format === 'json') {
    const a = parseJson(stdout);
    if (!Array.isArray(a) || a.length === 0 || !a.every(Array.isArray)) throw new Error('expected [[header], [row]...]');
    return { names: a[0], rows: a.slice(1).map((r) => r.map(jsonValue)) };
  }
  const rows = [];
  let names = null;
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const o = parseJson(line);
    if (!o.members) throw new Error('expected one object per line');
    names = names || o.members.map(([k]) => k);
    rows.push(o.members.map(([, v]) => jsonValue(v)));
  }
  return { names, rows };
}

function show(x) {
  switch (x.k) {
    case 'null': return 'NULL';
    case 'bool': return String(x.v);
    case 'int': return x.v.toString();
    case 'num': return x.text !== undefined ? x.text : String(x.v);
    default: return JSON.stringify(x.v);
  }
}

function close(a, b) {
  if (a === b) return true;
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= REL_TOL * Math.max(Math.abs(a), Math.abs(b));
}

// Why got differs from the expected value, or null when they agree.
function differs(exp, got) {
  if (exp.k === 'null' || got.k === 'null') return exp.k === got.k ? null : 'NULL on one side only';
  switch (exp.k) {
    case 'bool':
      return got.k === 'bool' && got.v === exp.v ? null : 'not the same boolean';
    case 'int':
      if (got.k === 'int') return got.v === exp.v ? null : 'not the same integer';
      return got.k === 'num' ? 'an integer expected' : 'a number expected';
    case 'num':
      if (!Number.isFinite(exp.v) && got.k === 'str') { // JSON has no infinity: accept its usual spellings
        const m = /^([-+]?)(inf|infinity|nan)$/i.exec(got.v);
        const v = m && (m[2].toLowerCase() === 'nan' ? NaN : m[1] === '-' ? -Infinity : Infinity);
        return m && close(v, exp.v) ? null : 'not the same non-finite number';
      }
      if (got.k !== 'int' && got.k !== 'num') return 'a number expected';
      return close(Number(got.v), exp.v) ? null : 'numbers differ by more than the tolerance';
    default:
      if (got.k !== 'str') return 'a string expected';
      return got.v === exp.v ? null : 'not the same text';
  }
}

// A key that sorts rows for @unordered comparisons (doubles rounded so that near-equal ones tie).
function rowKey(row) {
  return JSON.stringify(row.map((x) => (x.k === 'num' ? ['n', Number(x.v).toPrecision(12)] : [x.k === 'int' ? 'n' : x.k, show(x)])));
}

// Whether two outputs hold the same rows in any order, each value with the same text.
function sameRows(a, b, format) {
  const key = (out) => {
    const p = parseSluice(out, format);
    return JSON.stringify([p.names, p.rows.map((r) => JSON.stringify(r.map((x) => [x.k, show(x)]))).sort()]);
  };
  try {
    return key(a) === key(b);
  } catch (e) {
    return false;
  }
}

function compare(exp, got, unordered) {
  const problems = [];
  if (got.names !== null && got.names.length !== exp.names.length) {
    problems.push(`columns: expected ${exp.names.length} (${exp.names.join(', ')}), got ${got.names.length} (${got.names.join(', ')})`);
    return problems;
  }
  if (got.rows.length !== exp.rows.length) problems.push(`rows: expected ${exp.rows.length}, got ${got.rows.length}`);
  let e = exp.rows;
  let g = got.rows;
  if (unordered) {
    const sortRows = (rows) => rows.map((r) => [rowKey(r), r]).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map((x) => x[1]);
    e = sortRows(e);
    g = sortRows(g);
  }
  const diffs = [];
  const n = Math.min(e.length, g.length);
  for (let r = 0; r < n; r++) {
    if (g[r].length !== e[r].length) {
      diffs.push(`row ${r + 1}: expected ${e[r].length} values, got ${g[r].length}`);
      continue;
    }
    const cols = [];
    for (let c = 0; c < e[r].length; c++) {
      const why = differs(e[r][c], g[r][c]);
      if (why) cols.push(`${c + 1} ${exp.names[c]}: expected ${show(e[r][c])}, got ${show(g[r][c])} (${why})`);
    }
    if (cols.length) diffs.push(`row ${r + 1}, column ${cols.join('; column ')}`);
  }
  for (let r = n; r < e.length; r++) diffs.push(`row ${r + 1} missing: ${e[r].map(show).join(' | ')}`);
  for (let r = n; r < g.length; r++) diffs.push(`row ${r + 1} extra: ${g[r].map(show).join(' | ')}`);
  problems.push(...diffs.slice(0, maxDiffs));
  if (diffs.length > maxDiffs) problems.push(`(${diffs.length - maxDiffs} more rows differ)`);
  return problems;
}

/* ---------------------------------------------------------------------------------------------
 * Running.
 * ------------------------------------------------------------------------------------------- */
let duck = null;

async function duckRun(conn, sql) {
  const reader = await conn.runAndReadAll(sql);
  const types = reader.columnTypes();
  return {
    names: reader.columnNames(),
    types: types.map(String),
    rows: reader.getRows().map((row) => row.map((v, c) => duckValue(v, types[c]))),
  };
}

function sluiceRun(bin, args) {
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120000 });
  return { status: r.status, signal: r.signal, stdout: r.stdout || '', stderr: r.stderr || '', error: r.error };
}

function failedRun(r) {
  if (r.error) return `could not run: ${r.error.message}`;
  if (r.signal) return `killed by ${r.signal}`;
  if (r.status !== 0) return `exit status ${r.status}`;
  return null;
}

// The kernels of KERNELS that `sluice --version` lists as runnable here.
function runnableKernels(bin) {
  const r = sluiceRun(bin, ['--version']);
  const m = /kernels:\s*([^(\n]*)/.exec(r.stdout + r.stderr);
  const listed = m ? m[1].trim().split(/[\s,]+/) : [];
  return KERNELS.filter((k) => listed.includes(k));
}

// json when `sluice query` offers it (an array of arrays, header first), else jsonl.
function pickFormat(bin, files) {
  const probe = expand('SELECT count(*) FROM \'{trips}\'', files);
  const r = sluiceRun(bin, ['query', '--format', 'json', probe]);
  if (r.status === 0) {
    try {
      const a = parseJson(r.stdout);
      if (Array.isArray(a) && a.length >= 1 && a.every(Array.isArray)) return 'json';
    } catch (e) {
      // not json: fall through to jsonl
    }
  }
  return 'jsonl';
}

// The column types DuckDB and (without --duckdb-only) `sluice schema` infer, against EXPECTED_TYPES.
async function checkTypes(conn, files, bin, verbose) {
  const problems = [];
  for (const [label, from, want, delim] of [
    ['awkward', `'${sqlString(files.awkward)}'`, EXPECTED_TYPES.awkward, ','],
    ['awkward_semi', `read_csv('${sqlString(files.awkward_semi)}', delim = ';')`, EXPECTED_TYPES.awkward, ';'],
    ['trips', `'${sqlString(files.trips)}'`, EXPECTED_TYPES.trips, ','],
    ['euro', euroTable(files.euro), EXPECTED_TYPES.euro, ';'],
  ]) {
    const d = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`);
    const got = d.getRowsJson().map((r) => `${r[0]} ${r[1]}`).join(', ');
    if (verbose) console.log(`DuckDB DESCRIBE ${label}: ${got}`);
    if (got !== want) problems.push(`DuckDB infers ${label} as`, `  ${got}`, 'not', `  ${want}`);
    if (bin === null) continue;
    const r = sluiceRun(bin, ['schema', '--format', 'json', files[label]]);
    let s = null;
    try {
      s = failedRun(r) ? null : parseJson(r.stdout);
    } catch (e) {
      s = null;
    }
    const get = (o, key) => (o && o.members ? (o.members.find(([k]) => k === key) || [])[1] : undefined);
    const cols = get(s, 'columns');
    if (!Array.isArray(cols)) {
      problems.push(`sluice schema ${label}: ${failedRun(r) || 'no columns in its output'} ${r.stderr.trim()}`);
      continue;
    }
    const sgot = cols.map((c) => `${get(c, 'name')} ${get(c, 'type')}`).join(', ');
    if (verbose) console.log(`sluice schema ${label}: delimiter ${get(s, 'delimiter')}: ${sgot}`);
    if (sgot !== want) problems.push(`sluice infers ${label} as`, `  ${sgot}`, 'not', `  ${want}`);
    if (get(s, 'delimiter') !== delim) problems.push(`sluice sniffs the delimiter of ${label} as ${JSON.stringify(get(s, 'delimiter'))}`);
  }
  return problems;
}

function indent(lines) {
  return lines.map((l) => `    ${l}`).join('\n');
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const required = !['', '0'].includes(process.env.SLUICE_REQUIRE_DUCKDB || '');
  if (!fs.existsSync(path.join(HERE, 'node_modules'))) {
    const msg = `DuckDB's Node API is not installed: run ${path.join(HERE, 'setup.sh')} (npm, needs the registry)`;
    if (required) {
      console.log(`FAIL: ${msg}; SLUICE_REQUIRE_DUCKDB is set`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
    console.log(`SKIP: ${msg}`);
    process.exit(77);
  }
  duck = require('@duckdb/node-api');
  if (!o.duckdbOnly && !fs.existsSync(o.bin)) {
    process.stderr.write(`run.js: no such file: ${o.bin}\n`);
    process.exit(2);
  }

  const dir = o.keep || fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-duckdb-'));
  fs.mkdirSync(dir, { recursive: true });
  if (!o.keep) process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const files = {
    awkward: path.join(dir, 'awkward.csv'),
    awkward_semi: path.join(dir, 'awkward-semi.csv'),
    euro: path.join(dir, 'euro.csv'),
    trips: TRIPS,
  };
  fs.writeFileSync(files.euro, generateEuro());
  fs.writeFileSync(files.awkward, generate(3000, 20240531, ','));
  fs.writeFileSync(files.awkward_semi, generate(3000, 20240531, ';'));

  const queries = loadQueries(o.queries).filter((q) => !o.only || o.only.has(q.n));
  const instance = await duck.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run('SET threads = 1');
  await conn.run("SET TimeZone = 'UTC'");

  let pass = 0;
  let fail = 0;
  const format = o.duckdbOnly ? null : o.format || pickFormat(o.bin, files);
  const kernels = o.duckdbOnly ? [] : runnableKernels(o.bin);
  if (!o.duckdbOnly) {
    console.log(`sluice: ${o.bin} (--format ${format}; forced kernels: ${kernels.join(', ') || 'none'}); data in ${dir}`);
  }

  const typeProblems = await checkTypes(conn, files, o.duckdbOnly ? null : o.bin, o.verbose || o.duckdbOnly);
  if (typeProblems.length) {
    console.log(`FAIL 0: column types\n${indent(typeProblems)}`);
    fail++;
  } else {
    console.log('PASS 0: column types');
    pass++;
  }

  for (const q of queries) {
    const sql = expand(q.sql, files);
    const problems = [];
    let exp = null;
    try {
      exp = await duckRun(conn, expand(q.sql, files, 'duckdb'));
    } catch (e) {
      problems.push(`DuckDB: ${e.message}`);
    }
    if (exp && o.duckdbOnly) {
      if (o.verbose) console.log(`    ${exp.rows.length} rows: ${exp.names.map((nm, c) => `${nm} ${exp.types[c]}`).join(', ')}`);
    } else if (exp) {
      const base = ['query', '--format', format];
      const r = sluiceRun(o.bin, [...base, sql]);
      const bad = failedRun(r);
      if (bad) {
        problems.push(`sluice: ${bad}`);
        if (r.stderr) problems.push(...r.stderr.trimEnd().split('\n').map((l) => `  ${l}`));
      } else {
        try {
          problems.push(...compare(exp, parseSluice(r.stdout, format), q.tags.has('unordered')));
        } catch (e) {
          problems.push(`sluice output: ${e.message}`);
        }
        const variants = [['--no-prefilter']];
        if (q.tags.has('kernels')) for (const k of kernels) variants.push(['--kernel', k]);
        for (const v of variants) {
          const rv = sluiceRun(o.bin, [...base, ...v, sql]);
          const badv = failedRun(rv);
          if (badv) problems.push(`with ${v.join(' ')}: ${badv}: ${rv.stderr.trim().split('\n')[0] || ''}`);
          else if (q.tags.has('unordered') ? !sameRows(r.stdout, rv.stdout, format) : rv.stdout !== r.stdout) {
            let at = 0;
            while (at < r.stdout.length && r.stdout[at] === rv.stdout[at]) at++;
            const around = (t) => JSON.stringify(t.slice(Math.max(0, at - 60), at + 60));
            problems.push(`with ${v.join(' ')}: output differs from the default run at character ${at}:`,
              `  default: ${around(r.stdout)}`, `  ${v.join(' ')}: ${around(rv.stdout)}`);
          }
        }
      }
    }
    if (problems.length) {
      fail++;
      console.log(`FAIL ${q.n}: ${oneLine(q.sql)}\n${indent(problems)}`);
    } else {
      pass++;
      console.log(`PASS ${q.n}: ${oneLine(q.sql)}`);
    }
  }

  conn.closeSync();
  if (fail && !o.keep) console.log('(--keep DIR --only N keeps the generated files to rerun a query by hand)');
  console.log(`${pass} passed, ${fail} failed`);
  process.exit(fail ? 1 : 0);
}

process.stdout.on('error', (e) => process.exit(e.code === 'EPIPE' ? 0 : 1)); // e.g. piped into head

main().catch((e) => {
  console.error(`run.js: ${e.stack || e}`);
  process.exit(1);
});
