#!/usr/bin/env node
// duckdb-sniff.js - DuckDB's sniff_csv on each file, printed in the fields of `sluice sniff --format json`.
//
// usage: node duckdb-sniff.js FILE...
//
// One JSON line per file, in the order given:
//   {"file":F,"delimiter":",","quote":"\"","escape":null,"skip":0,"header":true,"comment":null}
// or {"file":F,"error":"message"} when DuckDB cannot sniff it. DuckDB writes "(empty)" for a
// dialect character it did not find, which becomes null; it reports a doubled quote as an escape
// equal to the quote, which is what sluice calls no escape (escape null), so that becomes null too.
// DuckDB's Node API is the one tests/duckdb/setup.sh installs into tests/duckdb/node_modules; without
// it the helper prints a message and exits 77, as tests/duckdb/run.js does.
'use strict';

const fs = require('fs');
const path = require('path');

const MODULES = path.resolve(__dirname, '..', 'duckdb', 'node_modules');

function none(v) {
  return v === undefined || v === null || v === '' || v === '(empty)' ? null : v;
}

// sniff_csv's row (column name -> value) in sluice's field names.
function mapRow(file, r) {
  const quote = none(r.Quote);
  let escape = none(r.Escape);
  if (escape !== null && escape === quote) escape = null;
  return {
    file,
    delimiter: none(r.Delimiter),
    quote,
    escape,
    skip: Number(r.SkipRows),
    header: Boolean(r.HasHeader),
    comment: none(r.Comment),
  };
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: duckdb-sniff.js FILE...\n');
    process.exit(2);
  }
  if (!fs.existsSync(path.join(MODULES, '@duckdb', 'node-api'))) {
    process.stderr.write(`duckdb-sniff.js: DuckDB's Node API is not in ${MODULES}: run tests/duckdb/setup.sh\n`);
    process.exit(77);
  }
  const duck = require(path.join(MODULES, '@duckdb', 'node-api'));
  const instance = await duck.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run('SET threads = 1');
  const version = (await conn.runAndReadAll('SELECT version()')).getRows()[0][0];
  process.stderr.write(`duckdb ${version}\n`);
  for (const file of files) {
    const lit = `'${path.resolve(file).replace(/'/g, "''")}'`;
    let out;
    try {
      const reader = await conn.runAndReadAll(`SELECT * FROM sniff_csv(${lit})`);
      const names = reader.columnNames();
      const row = reader.getRowsJson()[0];
      const r = {};
      names.forEach((n, i) => { r[n] = row[i]; });
      out = mapRow(file, r);
    } catch (e) {
      out = { file, error: String(e.message || e).split('\n')[0] };
    }
    process.stdout.write(JSON.stringify(out) + '\n');
  }
}

main().catch((e) => {
  process.stderr.write(`duckdb-sniff.js: ${e.stack || e}\n`);
  process.exit(1);
});
