/**
 * Step 7a: the aggregates as CSV text in the project's own layout (`;` separator, CRLF, a leading `#` comment,
 * Kemendagri codes, integer counts). Programme counts are `kk_<flag>` columns; shares are fractions with a
 * decimal point and 6 decimals (empty for a unit without households), and `jumlah_jiwa` is empty when household
 * size was not read. Only codes, boundary-file names, periods and numbers are written: nothing from the input's
 * cells.
 *
 * `desa.csv` is the import's **internal working table**: exact counts, so that it reads back with
 * `parseDesaAggregateTable` (the app's bundled data, a later import); its first line says it is not for
 * distribution. `kecamatan.csv` and `kabupaten.csv` are published tables: their counts pass the publication
 * layer (`src/lib/publish`), so no count of 1 … k−1 households appears in them.
 */
import Papa from 'papaparse';
import type { AreaAggregateRow, NamedDesaAggregateRow } from '../aggregate/area-rollup.ts';
import { DEFAULT_MIN_COUNT } from '../hex/suppression.ts';
import { publishedCsv, type CsvCell } from '../publish/csv.ts';
import { HIDDEN, NONE, type Published } from '../publish/published.ts';
import {
  publishedDesil,
  publishedHouseholds,
  publishedProgramme,
  publishUnits,
  unitShown,
} from '../publish/units.ts';

const EOL = '\r\n';
const DESIL = Array.from({ length: 10 }, (_, d) => `kk_desil_${d + 1}`);

function flagKeys(rows: readonly { programmes: Record<string, number> }[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r.programmes)))].sort();
}

function share(x: number | null): string {
  return x === null ? '' : x.toFixed(6);
}

function comment(kodeKab: string, what: string, synthetic: boolean): string {
  return `# ${synthetic ? 'DATA SINTETIS - ' : ''}Kantong: ${what} kabupaten/kota ${kodeKab} dari impor DT-SEN.`;
}

/** Count and share columns every level writes after its own key columns. */
function countFields(flags: readonly string[]): string[] {
  return [
    'jumlah_kk',
    ...DESIL,
    'jumlah_jiwa',
    'jumlah_kk_jiwa_diketahui',
    ...flags.map((f) => `kk_${f}`),
    'share_desil_1',
    'share_desil_1_4',
  ];
}

type CountRow = Pick<
  NamedDesaAggregateRow,
  | 'jumlah_kk'
  | 'kk_desil'
  | 'jumlah_jiwa'
  | 'kk_jiwa_diketahui'
  | 'programmes'
  | 'share_desil_1'
  | 'share_desil_1_4'
>;

function countCells(r: CountRow, flags: readonly string[]): (string | number)[] {
  return [
    r.jumlah_kk,
    ...r.kk_desil,
    r.jumlah_jiwa ?? '',
    r.kk_jiwa_diketahui ?? '',
    ...flags.map((f) => r.programmes[f] ?? 0),
    share(r.share_desil_1),
    share(r.share_desil_1_4),
  ];
}

function csv(fields: string[], data: (string | number)[][], head: string): string {
  return head + EOL + Papa.unparse({ fields, data }, { delimiter: ';', newline: EOL }) + EOL;
}

/** The first line of `desa.csv`: an internal working file with exact counts (see the module comment). */
export const WORKING_FILE_NOTE =
  'BERKAS KERJA INTERNAL - angka persis, bukan untuk disebarkan (jumlah kecil tidak disamarkan); bagikan kecamatan.csv/kabupaten.csv atau ekspor dari aplikasi.';

/** `desa.csv`: one row per desa and period, exact (the internal working table). */
export function formatDesaCsv(
  rows: readonly NamedDesaAggregateRow[],
  kodeKab: string,
  synthetic: boolean,
): string {
  const flags = flagKeys(rows);
  const fields = ['periode', 'kode_desa', 'nama_desa', 'kode_kec', 'nama_kec', ...countFields(flags)];
  const data = rows.map((r) => [
    r.periode,
    r.kode_desa,
    r.nama_desa,
    r.kode_kec,
    r.nama_kec,
    ...countCells(r, flags),
  ]);
  return csv(fields, data, `# ${WORKING_FILE_NOTE}${EOL}${comment(kodeKab, 'agregat per desa', synthetic)}`);
}

/**
 * The published cells of one period's area rows: households, desil and flag counts with small-number
 * suppression (kecamatan of one period are one published line with the kabupaten as its total; households
 * whose size is known are one more column), persons only beside a shown size count, shares only beside
 * their shown counts.
 */
function publishedAreaCells(
  rows: readonly AreaAggregateRow[],
  flags: readonly string[],
  k: number,
): CsvCell[][] {
  const programmes: Record<string, number[]> = Object.fromEntries(
    flags.map((f) => [f, rows.map((r) => r.programmes[f] ?? 0)]),
  );
  programmes[SIZE_KNOWN] = rows.map((r) => r.kk_jiwa_diketahui ?? 0);
  const t = publishUnits({
    households: rows.map((r) => r.jumlah_kk),
    desil: rows.flatMap((r) => r.kk_desil),
    programmes,
    k,
  });
  return rows.map((r, u) => {
    const desil = Array.from({ length: 10 }, (_, d) => publishedDesil(t, u, d + 1));
    const shareIf = (share: number | null, parts: Published[]): CsvCell =>
      share === null ? NONE : parts.every((p) => p.kind === 'value') ? share : HIDDEN;
    const sizeKnown = r.kk_jiwa_diketahui === null ? NONE : publishedProgramme(t, u, SIZE_KNOWN);
    return [
      publishedHouseholds(t, u),
      ...desil,
      r.jumlah_jiwa === null ? NONE : sizeKnown.kind === 'value' && unitShown(t, u) ? r.jumlah_jiwa : HIDDEN,
      sizeKnown,
      ...flags.map((f) => publishedProgramme(t, u, f)),
      shareIf(r.share_desil_1, desil.slice(0, 1)),
      shareIf(r.share_desil_1_4, desil.slice(0, 4)),
    ];
  });
}

/** The programme key under which households of known size are suppressed like a flag column. */
const SIZE_KNOWN = 'kk_jiwa_diketahui';

/**
 * `kecamatan.csv` or `kabupaten.csv`: one row per unit and period, published (see the module comment) with
 * threshold `k`.
 */
export function formatAreaCsv(
  rows: readonly AreaAggregateRow[],
  kodeKab: string,
  synthetic: boolean,
  k = DEFAULT_MIN_COUNT,
): string {
  const flags = flagKeys(rows);
  const level = rows[0]?.tingkat ?? 'kecamatan';
  const kode = level === 'kecamatan' ? 'kode_kec' : 'kode_kab';
  const nama = level === 'kecamatan' ? 'nama_kec' : 'nama_kab';
  const fields = ['periode', kode, nama, 'jumlah_desa', ...countFields(flags)];
  const out: CsvCell[][] = [];
  const periods = [...new Set(rows.map((r) => r.periode))];
  for (const periode of periods) {
    const ofPeriod = rows.filter((r) => r.periode === periode);
    const cells = publishedAreaCells(ofPeriod, flags, k);
    ofPeriod.forEach((r, i) => out.push([r.periode, r.kode, r.nama, r.jumlah_desa, ...cells[i]]));
  }
  return publishedCsv({
    comments: [
      `${comment(kodeKab, `agregat per ${level}`, synthetic).slice(2)} Angka < ${k} keluarga disamarkan.`,
    ],
    fields,
    rows: out,
  });
}
