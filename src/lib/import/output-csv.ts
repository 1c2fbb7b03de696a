/**
 * Step 7a: the aggregates as CSV text in the project's own layout (`;` separator, CRLF, a leading `#` comment,
 * Kemendagri codes, integer counts), so `desa.csv` reads back with `parseDesaAggregateTable`. Programme counts are
 * `kk_<flag>` columns; shares are fractions with a decimal point and 6 decimals (empty for a unit without
 * households), and `jumlah_jiwa` is empty when household size was not read. Only codes, boundary-file names,
 * periods and numbers are written: nothing from the input's cells.
 */
import Papa from 'papaparse';
import type { AreaAggregateRow, NamedDesaAggregateRow } from '../aggregate/area-rollup.ts';

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

/** `desa.csv`: one row per desa and period. */
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
  return csv(fields, data, comment(kodeKab, 'agregat per desa', synthetic));
}

/** `kecamatan.csv` or `kabupaten.csv`: one row per unit and period. */
export function formatAreaCsv(
  rows: readonly AreaAggregateRow[],
  kodeKab: string,
  synthetic: boolean,
): string {
  const flags = flagKeys(rows);
  const level = rows[0]?.tingkat ?? 'kecamatan';
  const kode = level === 'kecamatan' ? 'kode_kec' : 'kode_kab';
  const nama = level === 'kecamatan' ? 'nama_kec' : 'nama_kab';
  const fields = ['periode', kode, nama, 'jumlah_desa', ...countFields(flags)];
  const data = rows.map((r) => [r.periode, r.kode, r.nama, r.jumlah_desa, ...countCells(r, flags)]);
  return csv(fields, data, comment(kodeKab, `agregat per ${level}`, synthetic));
}
