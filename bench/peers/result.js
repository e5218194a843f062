// result.js - prints a query result in the one normalized form that compare.js reads.
//
// The form: CSV, a header line, then the rows sorted as strings (every query's first column is a
// unique key or the result has one row, so this order is the same for every engine). Integers
// (JS bigint or integral numbers) print as integers, other numbers as JavaScript's shortest
// round-trip decimal, NULL as an empty field; text is quoted when it needs to be.
'use strict';

function field(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : String(v).toLowerCase();
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// Writes `columns` (names) and `rows` (arrays of values) to stdout and resolves once it is flushed.
function writeResult(columns, rows) {
  const lines = rows.map((r) => r.map(field).join(','));
  lines.sort();
  const text = [columns.map(field).join(','), ...lines].join('\n') + '\n';
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

// Parses `--threads N` and two positional arguments (query id, file) or exits 2 with `usage`.
function parseArgs(argv, usage) {
  let threads = null;
  const pos = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--threads' && i + 1 < argv.length) threads = argv[++i];
    else if (argv[i].startsWith('--threads=')) threads = argv[i].slice('--threads='.length);
    else pos.push(argv[i]);
  }
  if (pos.length !== 2 || (threads !== null && !/^[1-9][0-9]*$/.test(threads))) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  return { threads: threads === null ? null : Number(threads), id: pos[0], file: pos[1] };
}

module.exports = { writeResult, parseArgs };
