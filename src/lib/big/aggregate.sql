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
-- Standard SQL (SQL:2003 GROUP BY, CASE, TRIM, LOWER, CAST, SUBSTRING), plus TRANSLATE, which DuckDB,
-- Spark SQL, Trino and PostgreSQL all have. The one templated line is marked FLAG: the runner repeats it for
-- each mapped flag with {flag} replaced by the flag's key (a fixed list of identifiers, never user text).
--
-- A size cell counts when it is 1 to 99 written with digits only (a longer or non-numeric cell is an unknown
-- size, as in the core's parseSize for the forms DT-SEN extracts use). A flag is yes when its trimmed,
-- lower-cased text is one of the core's yes words, or a positive number; unrecognised when it is none of the
-- yes words, no words or numbers.

WITH grouped AS (
  -- The rows' cells as found, counted: the expressions below run once per distinct combination, not per row.
  SELECT
    COALESCE(kode_raw, '') AS kode_raw,
    COALESCE(desil_raw, '') AS desil_raw,
    COALESCE(periode_raw, '') AS periode_raw,
    art_raw,
    -- FLAG: flag_{flag},
    COUNT(*) AS n
  FROM households
  GROUP BY
    COALESCE(kode_raw, ''),
    COALESCE(desil_raw, ''),
    COALESCE(periode_raw, ''),
    -- FLAG: flag_{flag},
    art_raw
),
cells AS (
  SELECT
    kode_raw,
    desil_raw,
    periode_raw,
    n,
    CASE
      WHEN art_raw IS NULL THEN NULL
      WHEN TRIM(art_raw) = '' OR LENGTH(TRIM(art_raw)) > 2 THEN 0
      WHEN TRANSLATE(TRIM(art_raw), '0123456789', '') <> '' THEN 0
      ELSE CAST(TRIM(art_raw) AS INTEGER)
    END AS art
    -- FLAG: , CASE WHEN LOWER(TRIM(COALESCE(flag_{flag}, ''))) IN ('ya', 'y', 'yes', 'iya', '1', 'true', 'benar', 'ada', 'penerima', 'v', '✓', '√') THEN 1 WHEN LOWER(TRIM(COALESCE(flag_{flag}, ''))) IN ('tidak', 't', 'tdk', 'n', 'no', '0', 'false', 'salah', 'bukan', 'tidak ada', '-', '', 'bukan penerima') THEN 0 WHEN TRANSLATE(TRIM(flag_{flag}), '0123456789', '') IN ('', '.', ',') AND TRANSLATE(TRIM(flag_{flag}), '.,', '') <> '' THEN CASE WHEN CAST(REPLACE(TRIM(flag_{flag}), ',', '.') AS DOUBLE PRECISION) > 0 THEN 1 ELSE 0 END ELSE 2 END AS f_{flag}
  FROM grouped
)
SELECT
  kode_raw,
  desil_raw,
  periode_raw,
  SUM(n) AS households,
  SUM(CASE WHEN art BETWEEN 1 AND 99 THEN art * n ELSE 0 END) AS persons,
  SUM(CASE WHEN art BETWEEN 1 AND 99 THEN n ELSE 0 END) AS persons_known
  -- FLAG: , SUM(CASE WHEN f_{flag} = 1 THEN n ELSE 0 END) AS yes_{flag}, SUM(CASE WHEN f_{flag} = 2 THEN n ELSE 0 END) AS odd_{flag}
FROM cells
GROUP BY kode_raw, desil_raw, periode_raw
