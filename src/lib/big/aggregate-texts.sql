-- Kantong: the big path's fast aggregation (kantong aggregate; src/node/duckdb-aggregate.ts runs it first).
--
-- Input: the relation `households` of `aggregate.sql` (only the mapped columns, renamed; identifier columns
-- are never selected).
--
-- Output: one row per distinct (code, desil, period) text with its households and, for the household-size
-- column and each flag column, how many of its rows hold each cell text seen in a sample of the file's
-- rows (a DT-SEN extract writes a handful: 1 … 12 for the size, YA / TIDAK for a flag). The runner reads
-- each sampled text once with the import core's own rules (parseSize, flagValue), in JS, so the rule is
-- not written twice. A row whose cell is none of the sampled texts makes its group's text counts add up
-- to less than its households; the runner then runs `aggregate.sql`, which reads every cell in SQL.
--
-- Why two queries: counting a few fixed texts per row costs DuckDB about as much as a bare GROUP BY with
-- COUNT(*) (measured: `npm run bench -- aggregate`), where reading every cell with the full rule in SQL (a
-- CASE per flag per row) costs twice that.
--
-- Standard SQL (GROUP BY, CASE, COUNT). The one templated line is marked TEXT: the runner repeats it once per
-- (column, sampled text), with {match} `column = 'text'` (a column of `households`, a fixed identifier, and
-- the cell text as an SQL string literal, quotes doubled; an empty cell is `column IS NULL OR column = ''`)
-- and {name} the output column (t_<k>, a fixed identifier). A NULL code, desil or period (an empty cell)
-- is its own group here and read as '' by the runner. No COALESCE per row: DuckDB evaluates it like a CASE,
-- and 25 of them per row doubled the query's time (measured).

SELECT
  kode_raw,
  desil_raw,
  periode_raw,
  COUNT(*) AS households
  -- TEXT: , COUNT(CASE WHEN {match} THEN 1 END) AS {name}
FROM households
GROUP BY kode_raw, desil_raw, periode_raw
