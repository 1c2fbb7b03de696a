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
-- Why two queries: counting a few fixed texts per row costs DuckDB much less than reading every cell with
-- the full rule in SQL (a CASE per flag per row: twice the cost; measured, `npm run bench -- aggregate`).
--
-- Two texts of a column are counted by one sum (`PAIR`): a row adds 1 for the first text and 2^31 for the
-- second, so the sum is n1 + n2 * 2^31, exact while a group has fewer than 2^31 rows (the runner checks the
-- largest group and otherwise runs `aggregate.sql`); the counts are taken apart per group, not per row
-- (`TEXT`). Evaluating one CASE per pair instead of one per text (13 instead of 26 a row for a DT-SEN
-- extract) took a third off the query on a national Parquet file (measured: docs/big-extracts.md).
--
-- SQL: WITH, GROUP BY, CASE, COUNT, SUM, COALESCE, % and DuckDB's integer division // (FLOOR(x / 2^31) in
-- other engines). Templated lines: PAIR is repeated once per pair of texts of a column, with {weights} the
-- CASE `CASE column WHEN 'text1' THEN 1 WHEN 'text2' THEN 2147483648 END` (a column of `households`, a fixed
-- identifier; each text an SQL string literal, quotes doubled; an empty cell is NULL or '', so a pair with ''
-- starts `CASE WHEN column IS NULL THEN w ELSE …`) and {pair} its output column (p_<j>); TEXT is repeated
-- once per counted text with {decode} `COALESCE(p_j, 0) % 2147483648` (the first text of the pair) or
-- `COALESCE(p_j, 0) // 2147483648` (the second) and {name} its output column (t_<k>). A NULL code, desil or
-- period (an empty cell) is its own group here and read as '' by the runner. No COALESCE per row: DuckDB
-- evaluates it like a CASE (measured: 25 of them per row doubled the query's time).

WITH counted AS (
  SELECT
    kode_raw,
    desil_raw,
    periode_raw,
    COUNT(*) AS households
    -- PAIR: , SUM({weights}) AS {pair}
  FROM households
  GROUP BY kode_raw, desil_raw, periode_raw
)
SELECT
  kode_raw,
  desil_raw,
  periode_raw,
  households
  -- TEXT: , CAST({decode} AS BIGINT) AS {name}
FROM counted
