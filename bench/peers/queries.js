// queries.js - the benchmark's queries, one list shared by peers.sh, duckdb.js and polars.js.
//
// Each query names its table (`trips` or `logs`) in its SQL; sqlFor() replaces `FROM <table>` with
// `FROM '<file>'`, the form both `sluice query` and DuckDB accept, so those two run the same text.
// polars.js writes the same query with the lazy expression API, keyed by the same id.
//
// Run as a program, it prints one line per query, `ID<TAB>TABLE<TAB>SQL`, for peers.sh.
'use strict';

const QUERIES = [
  { id: 'Q1', table: 'trips', sql: 'SELECT count(*) FROM trips' },
  { id: 'Q2', table: 'trips', sql: 'SELECT count(*) FROM trips WHERE fare > 50' },
  { id: 'Q3', table: 'trips', sql: "SELECT id, fare FROM trips WHERE payment_type = 'disputed'" },
  {
    id: 'Q4', table: 'trips',
    sql: 'SELECT payment_type, count(*), sum(fare), avg(distance) FROM trips GROUP BY payment_type',
  },
  { id: 'Q5', table: 'trips', sql: 'SELECT sum(distance), min(fare), max(fare) FROM trips' },
  {
    id: 'Q6', table: 'logs',
    sql: "SELECT count(*) FROM logs WHERE level = 'ERROR' AND message LIKE '%timeout%'",
  },
];

function find(id) {
  const q = QUERIES.find((x) => x.id === id);
  if (!q) throw new Error(`unknown query id '${id}' (known: ${QUERIES.map((x) => x.id).join(' ')})`);
  return q;
}

// The SQL of query `id` reading `file`; a quote in the path is doubled as SQL wants.
function sqlFor(id, file) {
  const q = find(id);
  const lit = `'${file.replace(/'/g, "''")}'`;
  return q.sql.replace(new RegExp(`\\bFROM ${q.table}\\b`), `FROM ${lit}`);
}

module.exports = { QUERIES, find, sqlFor };

if (require.main === module) {
  for (const q of QUERIES) process.stdout.write(`${q.id}\t${q.table}\t${q.sql}\n`);
}
