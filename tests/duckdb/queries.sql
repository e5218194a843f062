-- queries.sql - the SQL that run.js gives both sluice and DuckDB, one statement per `;`.
--
-- {awkward} is the file gen-awkward.js writes (comma), {awkward_semi} the same rows with ';' as the
-- delimiter, {trips} is datasets/trips-small.csv. Every result of more than one row is ordered
-- completely (ties broken by id), so rows compare in order. Tags in the comments just before a
-- statement: `@kernels` also runs it under each forced kernel; `@unordered` compares the rows as
-- a sorted multiset.
-- Columns of {awkward}: id BIGINT, grp VARCHAR, name VARCHAR, amount DOUBLE, qty BIGINT, big BIGINT,
-- day DATE, ts TIMESTAMP, flag BOOLEAN, note VARCHAR.
-- {euro} is a whole table, written bare: gen-awkward.js's ';' file of decimal commas ('.' digit
-- groups in amount) and day-first dates, which sluice sniffs and DuckDB is told of (run.js's
-- EURO_OPTIONS). Its columns: id BIGINT, amount DOUBLE, rate DOUBLE, qty BIGINT, day DATE,
-- ts TIMESTAMP, city VARCHAR, paid BOOLEAN, zoned TIMESTAMPTZ (DuckDB runs with TimeZone 'UTC').

-- every value of every column, read back
-- @kernels
SELECT * FROM '{awkward}' ORDER BY id;

-- @kernels
SELECT count(*) FROM '{awkward}';

SELECT count(name), count(amount), count(qty), count(big), count(day), count(ts), count(flag), count(note), count(grp)
FROM '{awkward}';

SELECT count(DISTINCT grp), count(DISTINCT qty), count(DISTINCT day), count(DISTINCT note), count(DISTINCT amount)
FROM '{awkward}';

SELECT sum(qty), avg(qty), min(qty), max(qty) FROM '{awkward}';

SELECT sum(amount), avg(amount), min(amount), max(amount) FROM '{awkward}';

-- without the values near 2^53 that swamp the small ones (and a literal with an exponent)
SELECT sum(amount), avg(amount), stddev(amount), count(amount) FROM '{awkward}' WHERE amount < 1e6;

SELECT min(big), max(big) FROM '{awkward}';

-- integers past 2^53 summed exactly (the filter keeps the sum inside BIGINT)
SELECT sum(big), avg(big), count(big) FROM '{awkward}' WHERE big BETWEEN -10000000000000000 AND 10000000000000000;

SELECT min(name), max(name), min(note), max(note), min(grp), max(grp) FROM '{awkward}';

SELECT min(day), max(day), min(ts), max(ts) FROM '{awkward}';

SELECT stddev(amount), variance(amount), stddev_pop(amount), var_pop(amount) FROM '{awkward}';

SELECT stddev(qty), variance(qty), stddev_pop(qty), var_pop(qty) FROM '{awkward}';

-- aggregates over no rows
SELECT count(*), count(qty), sum(qty), avg(amount), min(day), max(name), stddev(amount) FROM '{awkward}' WHERE qty > 5000;

SELECT id FROM '{awkward}' WHERE qty > 5000 ORDER BY id;

-- @kernels
SELECT grp, count(*), sum(qty), avg(amount), min(day), max(ts), count(DISTINCT note) FROM '{awkward}' GROUP BY grp ORDER BY grp;

SELECT grp, flag, count(*) AS n, sum(qty) AS s, max(amount) AS hi FROM '{awkward}' GROUP BY grp, flag
ORDER BY grp, flag;

SELECT year(day) AS y, count(*) AS n FROM '{awkward}' WHERE day IS NOT NULL GROUP BY year(day) ORDER BY y DESC LIMIT 20;

SELECT grp, count(*) AS n FROM '{awkward}' GROUP BY grp HAVING count(*) > 400 ORDER BY n DESC, grp;

SELECT grp, avg(qty) AS a, min(amount) AS lo FROM '{awkward}' GROUP BY grp HAVING avg(qty) > 0 OR min(amount) < -2000
ORDER BY grp;

SELECT flag, stddev(amount), var_pop(qty), sum(amount) FROM '{awkward}' GROUP BY flag ORDER BY flag;

-- @unordered
SELECT note, count(*) AS n FROM '{awkward}' GROUP BY note;

-- top-N, NULLs last in both directions
SELECT id, amount FROM '{awkward}' ORDER BY amount DESC, id LIMIT 10;

SELECT id, amount FROM '{awkward}' ORDER BY amount, id LIMIT 10;

SELECT id, qty FROM '{awkward}' ORDER BY qty DESC, id DESC LIMIT 25;

-- @kernels
SELECT id, name FROM '{awkward}' ORDER BY name, id;

SELECT id, day, flag FROM '{awkward}' ORDER BY day DESC, flag, id;

SELECT id, ts FROM '{awkward}' ORDER BY ts DESC, id LIMIT 5 OFFSET 3;

SELECT id, big FROM '{awkward}' ORDER BY big, id LIMIT 12;

SELECT id, qty FROM '{awkward}' ORDER BY qty NULLS FIRST, id LIMIT 15;

SELECT id, name FROM '{awkward}' ORDER BY id LIMIT 20 OFFSET 100;

SELECT id, name FROM '{awkward}' ORDER BY id DESC LIMIT 3 OFFSET 2990;

SELECT id FROM '{awkward}' ORDER BY qty * -1, id LIMIT 5;

SELECT grp, max(qty) FROM '{awkward}' GROUP BY grp ORDER BY sum(amount) DESC, grp;

SELECT id FROM '{awkward}' ORDER BY id LIMIT 0;

SELECT id FROM '{awkward}' ORDER BY id DESC LIMIT 100000 OFFSET 2995;

-- comparisons on each type
SELECT id, grp, name, note FROM '{awkward}' WHERE id = 1234;

SELECT count(*) FROM '{awkward}' WHERE qty <> 17;

SELECT id, qty FROM '{awkward}' WHERE qty < -990 ORDER BY id;

SELECT count(*) FROM '{awkward}' WHERE amount <= 0;

SELECT count(*), sum(amount) FROM '{awkward}' WHERE amount > 1000.5;

SELECT id, amount FROM '{awkward}' WHERE amount = 1500 ORDER BY id;

SELECT id, big FROM '{awkward}' WHERE big >= 9007199254740992 ORDER BY id;

-- exact: 2^53 + 1 is not a double
SELECT id, big FROM '{awkward}' WHERE big = 9007199254740993 ORDER BY id;

SELECT id, big FROM '{awkward}' WHERE big = -9223372036854775808 OR big = 9223372036854775807 ORDER BY id;

SELECT count(*) FROM '{awkward}' WHERE day < DATE '1970-01-01';

SELECT count(*) FROM '{awkward}' WHERE day >= '2000-02-29';

SELECT id, day FROM '{awkward}' WHERE day = '2024-02-29' ORDER BY id;

SELECT id, ts FROM '{awkward}' WHERE ts > TIMESTAMP '2049-06-01 00:00:00' ORDER BY ts, id;

SELECT count(*) FROM '{awkward}' WHERE ts <= '1969-12-31 23:59:59';

SELECT count(*) FROM '{awkward}' WHERE flag = true;

SELECT count(*) FROM '{awkward}' WHERE NOT flag;

SELECT count(*) FROM '{awkward}' WHERE name < 'M';

SELECT count(*) FROM '{awkward}' WHERE name >= 'Zoë';

-- string literals that the raw-byte prefilter must handle: a delimiter, a doubled quote, a quote
-- of SQL, UTF-8, spaces kept, an embedded newline
-- @kernels
SELECT id, grp FROM '{awkward}' WHERE grp = 'delta, inc' ORDER BY id;

-- @kernels
SELECT id, grp FROM '{awkward}' WHERE grp = 'say "hi"' ORDER BY id;

SELECT count(*) FROM '{awkward}' WHERE grp = 'o''neil';

SELECT count(*) FROM '{awkward}' WHERE grp = 'été';

-- @kernels
SELECT id, note FROM '{awkward}' WHERE note = 'comma, then "quote"' ORDER BY id;

SELECT id, name FROM '{awkward}' WHERE name = '  José van Dijk  ' ORDER BY id;

SELECT id, note FROM '{awkward}' WHERE note = 'line one
line two' ORDER BY id;

SELECT id FROM '{awkward}' WHERE note = '"quoted start' ORDER BY id;


-- a literal found on a later physical line of a quoted field: the record starts lines earlier
-- @kernels
SELECT id, name FROM '{awkward}' WHERE name LIKE '%second line' ORDER BY id;

SELECT id, name FROM '{awkward}' WHERE contains(name, 'third line') AND ends_with(name, 'line') ORDER BY id;

SELECT count(*) FROM '{awkward}' WHERE note = 'NULL';

SELECT count(*) FROM '{awkward}' WHERE note = 'no such note, anywhere';

SELECT min(flag), max(flag), count(DISTINCT flag) FROM '{awkward}';

SELECT count(*) FROM '{awkward}' WHERE day < TIMESTAMP '1970-01-01 12:00:00';

SELECT grp, sum(big), max(big) - min(big) FROM '{awkward}' WHERE big BETWEEN -10000000000000000 AND 10000000000000000
GROUP BY grp ORDER BY grp;

SELECT id, big / 3, big * 1.0, CAST(big AS DOUBLE), CAST(big AS VARCHAR) FROM '{awkward}' WHERE big > 9007199254740000
ORDER BY id LIMIT 8;

-- boolean logic with NULLs
SELECT count(*) FROM '{awkward}' WHERE (qty > 0 AND amount < 0) OR NOT (flag OR grp = 'alpha');

SELECT id FROM '{awkward}' WHERE qty > 900 AND NOT flag AND grp <> 'beta' ORDER BY id;

SELECT grp, count(*) FROM '{awkward}' WHERE grp IN ('alpha', 'delta, inc', 'été') GROUP BY grp ORDER BY grp;

SELECT count(*) FROM '{awkward}' WHERE qty NOT IN (1, 2, 3, -5, 0);

SELECT count(*) FROM '{awkward}' WHERE qty NOT IN (1, NULL);

SELECT count(*) FROM '{awkward}' WHERE qty IN (-1000, 1000, 0) OR day IN ('2000-02-29', '1970-01-01');

SELECT count(*) FROM '{awkward}' WHERE NOT (grp = 'alpha') OR grp NOT LIKE 'b%' AND note NOT ILIKE '%E%';

SELECT count(*) FROM '{awkward}' WHERE amount BETWEEN -100 AND 100;

SELECT count(*) FROM '{awkward}' WHERE day BETWEEN '2000-01-01' AND '2000-12-31';

SELECT count(*) FROM '{awkward}' WHERE qty NOT BETWEEN -10 AND 10;

-- LIKE / ILIKE
-- @kernels
SELECT id, name FROM '{awkward}' WHERE name LIKE 'Jos_ %' ORDER BY id;

SELECT count(*) FROM '{awkward}' WHERE note LIKE '%"%';

SELECT count(*) FROM '{awkward}' WHERE name LIKE '%, Jr.%' AND name NOT LIKE '%Smith%';

SELECT id FROM '{awkward}' WHERE note LIKE 'crlf one%crlf two' ORDER BY id;

SELECT count(*) FROM '{awkward}' WHERE name LIKE '%
third line';

SELECT count(*) FROM '{awkward}' WHERE grp ILIKE 'ALPHA' OR note ILIKE '%PLAIN%';

SELECT count(*) FROM '{awkward}' WHERE name ILIKE '%müller%';

SELECT count(*) FROM '{awkward}' WHERE name ILIKE 'chloÉ%';

-- NULL tests
SELECT count(*) FROM '{awkward}' WHERE name IS NULL;

SELECT id, qty FROM '{awkward}' WHERE amount IS NULL AND qty IS NOT NULL ORDER BY id;

SELECT id FROM '{awkward}' WHERE note IS NULL AND flag IS NULL AND grp IS NOT NULL ORDER BY id;

-- arithmetic
SELECT id, qty + 1, qty - id, qty * 3, amount / 4, amount * qty, amount - 0.5, -qty FROM '{awkward}' ORDER BY id LIMIT 60;

SELECT id, qty / 7, id / 3 FROM '{awkward}' WHERE id <= 40 ORDER BY id;

SELECT id, amount / qty FROM '{awkward}' WHERE qty = 0 OR id <= 5 ORDER BY id;

SELECT sum(qty * 2 + 1), sum(amount * 2.5), avg(qty - amount) FROM '{awkward}';

-- casts
SELECT id, CAST(qty AS VARCHAR), CAST(qty AS DOUBLE), CAST(day AS VARCHAR), CAST(ts AS VARCHAR), CAST(flag AS VARCHAR)
FROM '{awkward}' ORDER BY id LIMIT 40;

SELECT id, CAST(amount AS BIGINT) FROM '{awkward}' WHERE amount BETWEEN -1000000 AND 1000000 ORDER BY id LIMIT 200;

SELECT id, CAST(amount AS VARCHAR) FROM '{awkward}' ORDER BY id LIMIT 200;

SELECT id, CAST(ts AS DATE), CAST('2024-03-01' AS DATE), CAST(note AS VARCHAR) FROM '{awkward}' ORDER BY id LIMIT 30;

SELECT count(*) FROM '{awkward}' WHERE CAST(ts AS DATE) < day;

-- scalar functions
SELECT id, lower(name), upper(note), length(name), substr(name, 2, 3) FROM '{awkward}' ORDER BY id LIMIT 200;

SELECT id, starts_with(name, 'Jos'), contains(note, ','), abs(qty), abs(amount), round(amount, 2)
FROM '{awkward}' ORDER BY id LIMIT 300;

SELECT id, year(day), month(day), day(day), year(ts), month(ts), day(ts) FROM '{awkward}' ORDER BY id LIMIT 100;

SELECT date_trunc('month', ts) AS m, count(*) AS n FROM '{awkward}' WHERE ts >= '2040-01-01' GROUP BY m ORDER BY m;

SELECT id, date_trunc('month', day) FROM '{awkward}' ORDER BY id LIMIT 10;

SELECT id, coalesce(qty, -1), concat(grp, '/', note) FROM '{awkward}' ORDER BY id LIMIT 50;

SELECT count(*) FROM '{awkward}' WHERE length(note) > 10 AND starts_with(note, 'c');

SELECT id, trim(name), ends_with(note, 'two'), floor(amount), ceil(amount) FROM '{awkward}' ORDER BY id LIMIT 100;

SELECT id, hour(ts), minute(ts), second(ts), quarter(day), dayofweek(day), week(day), weekofyear(ts) FROM '{awkward}' ORDER BY id LIMIT 100;

SELECT id, date_trunc('year', ts), date_trunc('quarter', ts), date_trunc('week', ts), date_trunc('day', ts),
date_trunc('hour', ts) FROM '{awkward}' ORDER BY id LIMIT 60;

SELECT id, qty % 7, id % 10, qty - qty * 2 / 4 + (qty - 1) * -3, grp || '-' || note FROM '{awkward}' ORDER BY id LIMIT 60;

SELECT sum(qty::DOUBLE), max(day::VARCHAR), min(CAST(qty AS VARCHAR)) FROM '{awkward}';

SELECT count(*) FROM '{awkward}' WHERE qty > amount OR qty * 10 <= amount;

-- aliases and quoted identifiers
SELECT grp AS g, count(*) AS "row count", sum("qty") AS "Total Qty" FROM '{awkward}' GROUP BY g ORDER BY g;

SELECT "id", "name" FROM '{awkward}' WHERE "qty" > 990 ORDER BY "id";

SELECT grp, count(*) FROM '{awkward}' GROUP BY 1 ORDER BY 2 DESC, 1;

SELECT grp, note, count(*) AS n FROM '{awkward}' WHERE note LIKE '%o%' GROUP BY grp, note ORDER BY grp ASC, n DESC, note;

-- the same rows with ';' as the delimiter
-- @kernels
SELECT * FROM read_csv('{awkward_semi}', delim = ';') ORDER BY id;

SELECT count(*), count(DISTINCT name), sum(qty), min(note), max(note) FROM read_csv('{awkward_semi}', delim = ';');

SELECT id, name, note FROM read_csv('{awkward_semi}', delim = ';') WHERE note = 'x;y' ORDER BY id;

SELECT grp, sum(amount), count(ts) FROM read_csv('{awkward_semi}', delim = ';') GROUP BY grp ORDER BY grp;

-- the delimiter sniffed
SELECT count(*), sum(qty), count(big) FROM '{awkward_semi}' WHERE qty BETWEEN -100 AND 100;

-- datasets/trips-small.csv
-- @kernels
SELECT * FROM '{trips}' ORDER BY id;

SELECT payment_type, count(*), avg(fare), sum(distance), min(pickup_ts) FROM '{trips}' GROUP BY payment_type
ORDER BY payment_type;

SELECT vendor, passenger_count, count(*) AS n, max(fare) FROM '{trips}' GROUP BY vendor, passenger_count
ORDER BY vendor, passenger_count;

SELECT id, fare, distance FROM '{trips}' WHERE fare > 40 AND payment_type <> 'cash' ORDER BY fare DESC, id LIMIT 10;

SELECT date_trunc('month', pickup_ts) AS m, count(*), round(avg(fare), 2) FROM '{trips}' GROUP BY m ORDER BY m;

SELECT count(*) FROM '{trips}' WHERE note LIKE '%window%';

SELECT id, lat, lon FROM '{trips}' WHERE lat BETWEEN 40.7 AND 40.75 ORDER BY id;

SELECT hour(pickup_ts) AS h, count(*) FROM '{trips}' GROUP BY h ORDER BY h;

SELECT count(*), count(note), stddev(fare), var_pop(distance) FROM '{trips}' WHERE note IS NOT NULL OR fare < 10;

SELECT vendor, sum(fare * passenger_count) / sum(passenger_count) AS w FROM '{trips}' GROUP BY vendor ORDER BY w DESC, vendor;

-- the European file: every value read back, then numbers, dates and timestamps computed on
-- @kernels
SELECT * FROM {euro} ORDER BY id;

-- @kernels
SELECT sum(amount), avg(rate), min(amount), max(amount), count(amount), sum(qty) FROM {euro};

SELECT min(day), max(day), min(ts), max(ts), count(day), count(ts) FROM {euro};

SELECT city, count(*), sum(amount), min(rate), max(day) FROM {euro} GROUP BY city ORDER BY city;

SELECT paid, count(*), sum(qty) FROM {euro} GROUP BY paid ORDER BY paid;

SELECT id, amount, day FROM {euro} WHERE day >= DATE '2020-01-01' AND amount > 1000 ORDER BY id LIMIT 25;

SELECT year(ts) AS y, count(*) AS n, avg(amount) AS a FROM {euro} WHERE ts IS NOT NULL GROUP BY y ORDER BY y LIMIT 30;

SELECT id, rate FROM {euro} WHERE rate BETWEEN -1 AND 1 ORDER BY rate DESC, id LIMIT 15;

-- TIMESTAMPTZ: instants written with their UTC offsets, compared, ordered, cast and truncated
SELECT min(zoned), max(zoned), count(zoned), count(DISTINCT zoned) FROM {euro};

SELECT id, zoned, CAST(zoned AS TIMESTAMP) AS local, CAST(zoned AS DATE) AS d FROM {euro}
WHERE zoned >= '2020-01-01 00:00:00+00' ORDER BY zoned, id LIMIT 20;

SELECT id, zoned FROM {euro} WHERE zoned > ts ORDER BY id LIMIT 20;

SELECT year(zoned) AS y, count(*) AS n, min(zoned) AS first FROM {euro} WHERE zoned IS NOT NULL GROUP BY y ORDER BY y LIMIT 15;

SELECT date_trunc('day', zoned) AS d, count(*) FROM {euro} WHERE zoned < '1951-01-01 00:00:00Z' GROUP BY d ORDER BY d;
