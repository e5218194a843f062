#!/usr/bin/env node
// polars.js - runs one benchmark query with Polars (lazy scanCSV) and prints the normalized result.
//
// usage: node polars.js [--threads N] QUERY_ID FILE
//        node polars.js --version     prints the pinned packages' versions
// Each query of queries.js is written here with the lazy expression API over `pl.scanCSV(FILE)`, so
// Polars pushes the projection and the filter into its CSV reader and collects once. `--threads N`
// sets POLARS_MAX_THREADS before Polars loads (its thread pool reads it once); without it the
// variable is left as the caller set it. Output: see result.js.
// Exit status: 0, 1 on a Polars error, 2 on a usage error.
'use strict';

const { find } = require('./queries.js');
const { writeResult, parseArgs } = require('./result.js');

if (process.argv[2] === '--version') {
  const js = require('nodejs-polars/package.json').version;
  const native = require('nodejs-polars-linux-x64-gnu/package.json').version;
  process.stdout.write(`Polars (nodejs-polars ${js}, nodejs-polars-linux-x64-gnu ${native})\n`);
  process.exit(0);
}
const args = parseArgs(process.argv.slice(2), 'polars.js [--threads N] QUERY_ID FILE');
if (args.threads !== null) process.env.POLARS_MAX_THREADS = String(args.threads);
const pl = require('nodejs-polars');

// The same queries as queries.js's SQL, by id; `scan` is a fresh lazy frame over the file.
const PLANS = {
  Q1: (scan) => scan.select(pl.len().alias('count')),
  Q2: (scan) => scan.filter(pl.col('fare').gt(pl.lit(50))).select(pl.len().alias('count')),
  Q3: (scan) => scan.filter(pl.col('payment_type').eq(pl.lit('disputed'))).select('id', 'fare'),
  Q4: (scan) => scan.groupBy('payment_type').agg(
    pl.len().alias('count'),
    pl.col('fare').sum().alias('sum_fare'),
    pl.col('distance').mean().alias('avg_distance'),
  ),
  Q5: (scan) => scan.select(
    pl.col('distance').sum().alias('sum_distance'),
    pl.col('fare').min().alias('min_fare'),
    pl.col('fare').max().alias('max_fare'),
  ),
  // LIKE '%timeout%' is a literal substring test.
  Q6: (scan) => scan.filter(pl.col('level').eq(pl.lit('ERROR'))
    .and(pl.col('message').str.contains('timeout', true))).select(pl.len().alias('count')),
};

async function main() {
  find(args.id); // an unknown id fails the same way as in duckdb.js
  const plan = PLANS[args.id];
  if (!plan) throw new Error(`no Polars plan for query '${args.id}'`);
  const df = plan(pl.scanCSV(args.file)).collectSync();
  await writeResult(df.columns, df.rows());
}

main().catch((err) => {
  process.stderr.write(`polars.js: ${err && err.message ? err.message : err}\n`);
  process.exit(1);
});
