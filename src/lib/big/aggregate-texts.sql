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
-- Standard SQL (GROUP BY, CASE, COALESCE, SUM). The one templated line is marked TEXT: the runner repeats it
-- once per (column, sampled text), with {column} a column of `households` (a fixed identifier), {text} the
-- cell text as an SQL string literal (quotes doubled) and {name} the output column (t_<k>, a fixed identifier).

SELECT
  COALESCE(kode_raw, '') AS kode_raw,
  COALESCE(desil_raw, '') AS desil_raw,
  COALESCE(periode_raw, '') AS periode_raw,
  COUNT(*) AS households
  -- TEXT: , SUM(CASE WHEN COALESCE({column}, '') = {text} THEN 1 ELSE 0 END) AS {name}
FROM households
GROUP BY COALESCE(kode_raw, ''), COALESCE(desil_raw, ''), COALESCE(periode_raw, '')
