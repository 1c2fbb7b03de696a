-- Kantong: the big path's aggregation (kantong aggregate; src/node/duckdb-aggregate.ts runs it).
--
-- Input: a relation `households` that the runner defines over the files (DuckDB: read_csv with the layout
-- the import core detected, every column read as text, or read_parquet), with only these columns, renamed:
--   kode_raw     the desa code cell, as text
--   desil_raw    the national desil cell, as text
--   periode_raw  the period cell, as text ('' when the file has no period column: the file's own period)
--   art_raw      the household size cell, as text (NULL when not mapped)
--   flag_<key>   one per programme/status flag mapped (pkh, bpnt, ...), as text
-- Identifier columns (NIK, No. KK, names, addresses) are never selected into `households`, so nothing below
-- can read them.
--
-- Output: one row per distinct (code, desil, period) text as found in the files, with the households,
-- the persons and the flag counts. The codes, desil and periods are then read by the import core's own rules
-- (parseKodeDesa, parseDesil, parsePeriode), once per distinct text, so the big path joins and rejects rows
-- exactly as the app and `kantong import` do; every row lands in exactly one output row, so
-- rows read = Σ households = joined + rejected.
--
-- This is the general query, for files whose size or flag cells take many different texts. The runner
-- first tries `aggregate-texts.sql` (only counts of each size and flag text seen in a sample, read by the
-- core in JS: cheaper per row) and runs this one only when a cell outside the sample turns up.
--
-- One pass, grouped only by (code, desil, period): each row's size and flag cells are read by the CASE
-- expressions below and summed into its group, so the engine's hash table holds only those groups (~85,000
-- for a province, ~1 million for the country). (An earlier version grouped by the raw text of every size and
-- flag cell first; for 10 M rows that table had millions of groups, took 800 MB and spilled.) The flag
-- cell is lowered once (`lowered`) and compared with a simple CASE: DuckDB turns an IN list of constants
-- into a join, and re-evaluates an inlined expression in every WHEN; both were measured slower.
--
-- Standard SQL (SQL:2003 GROUP BY, CASE, TRIM, LOWER, CAST, SUBSTRING), plus TRANSLATE, which DuckDB,
-- Spark SQL, Trino and PostgreSQL all have. The templated lines are marked FLAG: the runner repeats them for
-- each mapped flag with {flag} replaced by the flag's key (a fixed list of identifiers, never user text).
--
-- A size cell counts when it is 1 to 99 written with digits only (a longer or non-numeric cell is an unknown
-- size, as in the core's parseSize for the forms DT-SEN extracts use). A flag is yes when its trimmed,
-- lower-cased text is one of the core's yes words, or a positive number; unrecognised when it is none of the
-- yes words, no words or numbers.

WITH lowered AS (
  SELECT
    COALESCE(kode_raw, '') AS kode_raw,
    COALESCE(desil_raw, '') AS desil_raw,
    COALESCE(periode_raw, '') AS periode_raw,
    CASE
      WHEN art_raw IS NULL THEN NULL
      WHEN TRIM(art_raw) = '' OR LENGTH(TRIM(art_raw)) > 2 THEN 0
      WHEN TRANSLATE(TRIM(art_raw), '0123456789', '') <> '' THEN 0
      ELSE CAST(TRIM(art_raw) AS INTEGER)
    END AS art
    -- FLAG: , LOWER(TRIM(COALESCE(flag_{flag}, ''))) AS l_{flag}
  FROM households
),
cells AS (
  SELECT
    kode_raw,
    desil_raw,
    periode_raw,
    art
    -- FLAG: , CASE l_{flag} WHEN 'ya' THEN 1 WHEN 'tidak' THEN 0 WHEN 'y' THEN 1 WHEN 'yes' THEN 1 WHEN 'iya' THEN 1 WHEN '1' THEN 1 WHEN 'true' THEN 1 WHEN 'benar' THEN 1 WHEN 'ada' THEN 1 WHEN 'penerima' THEN 1 WHEN 'v' THEN 1 WHEN '✓' THEN 1 WHEN '√' THEN 1 WHEN 't' THEN 0 WHEN 'tdk' THEN 0 WHEN 'n' THEN 0 WHEN 'no' THEN 0 WHEN '0' THEN 0 WHEN 'false' THEN 0 WHEN 'salah' THEN 0 WHEN 'bukan' THEN 0 WHEN 'tidak ada' THEN 0 WHEN '-' THEN 0 WHEN '' THEN 0 WHEN 'bukan penerima' THEN 0 ELSE CASE WHEN TRANSLATE(l_{flag}, '0123456789', '') IN ('', '.', ',') AND TRANSLATE(l_{flag}, '.,', '') <> '' THEN CASE WHEN CAST(REPLACE(l_{flag}, ',', '.') AS DOUBLE PRECISION) > 0 THEN 1 ELSE 0 END ELSE 2 END END AS f_{flag}
  FROM lowered
)
SELECT
  kode_raw,
  desil_raw,
  periode_raw,
  COUNT(*) AS households,
  SUM(CASE WHEN art BETWEEN 1 AND 99 THEN art ELSE 0 END) AS persons,
  SUM(CASE WHEN art BETWEEN 1 AND 99 THEN 1 ELSE 0 END) AS persons_known
  -- FLAG: , SUM(CASE WHEN f_{flag} = 1 THEN 1 ELSE 0 END) AS yes_{flag}, SUM(CASE WHEN f_{flag} = 2 THEN 1 ELSE 0 END) AS odd_{flag}
FROM cells
GROUP BY kode_raw, desil_raw, periode_raw
