#!/usr/bin/env node
// duckdb.js - runs one benchmark query with DuckDB (in memory) and prints the normalized result.
//
// usage: node duckdb.js [--threads N] QUERY_ID FILE
//        node duckdb.js --version     prints the DuckDB version and the pinned package's
// The SQL is queries.js's text with `FROM 'FILE'`, exactly what `sluice query` runs; DuckDB reads the
// CSV with its own sniffer (read_csv_auto through the replacement scan). `--threads N` runs
// `SET threads = N` first; without it DuckDB uses one thread per core. Output: see result.js.
// Exit status: 0, 1 on a DuckDB error, 2 on a usage error.
'use strict';

const { DuckDBInstance } = require('@duckdb/node-api');
const { sqlFor } = require('./queries.js');
const { writeResult, parseArgs } = require('./result.js');

async function version() {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const v = (await conn.runAndReadAll('SELECT version()')).getRows()[0][0];
  const pkg = require('@duckdb/node-api/package.json').version;
  process.stdout.write(`DuckDB ${v} (@duckdb/node-api ${pkg})\n`);
}

async function main() {
  if (process.argv[2] === '--version') return version();
  const args = parseArgs(process.argv.slice(2), 'duckdb.js [--threads N] QUERY_ID FILE');
  const sql = sqlFor(args.id, args.file);
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  if (args.threads !== null) await conn.run(`SET threads = ${args.threads}`);
  const reader = await conn.runAndReadAll(sql);
  await writeResult(reader.columnNames(), reader.getRows());
  conn.closeSync();
  instance.closeSync();
}

main().catch((err) => {
  process.stderr.write(`duckdb.js: ${err && err.message ? err.message : err}\n`);
  process.exit(1);
});
