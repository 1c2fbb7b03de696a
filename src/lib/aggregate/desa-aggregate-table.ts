import Papa from 'papaparse';

/** Household counts of one desa in one period, as read from a desa-level aggregate table. */
export interface DesaAggregateRow {
  periode: string;
  kode_desa: string;
  /** Households (keluarga) in total. */
  jumlah_kk: number;
  /** Households per national welfare decile; index 0 is desil 1 (poorest). */
  kk_desil: number[];
  jumlah_jiwa: number | null;
  /** Programme and status counts keyed by column name without the `kk_` prefix (pkh, bpnt, ...). */
  programmes: Record<string, number>;
}

export interface RejectedRow {
  /** 1-based line number in the file, counting comment lines, as a spreadsheet shows it. */
  line: number;
  reason: string;
}

export interface DesaAggregateTable {
  rows: DesaAggregateRow[];
  rejected: RejectedRow[];
  periods: string[];
  /** Text of the leading `#` comment lines (the synthetic-data notice lives there). */
  comments: string[];
}

const DESIL_COLUMNS = Array.from({ length: 10 }, (_, i) => `kk_desil_${i + 1}`);
const REQUIRED = ['periode', 'kode_desa', 'jumlah_kk', ...DESIL_COLUMNS];

function nonNegativeInteger(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = text.trim().replace(/\./g, '');
  if (!/^\d+$/.test(t)) return null;
  return Number(t);
}

/**
 * Reads the project's desa-level aggregate table (`sintetis-agregat-desa-<kab>.csv` and files in the same
 * layout): leading `#` comment lines, a header with `periode;kode_desa;jumlah_kk;kk_desil_1..10` and
 * optional `jumlah_jiwa` and `kk_<programme>` columns, separated by `;` or `,`.
 *
 * Every data line is either returned as a row or listed in `rejected` with its line number and reason,
 * so rows read = rows + rejected. A row whose desil counts do not sum to `jumlah_kk` is rejected rather
 * than silently rescaled.
 */
export function parseDesaAggregateTable(text: string): DesaAggregateTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const comments: string[] = [];
  let start = 0;
  while (start < lines.length && (lines[start].startsWith('#') || lines[start].trim() === '')) {
    if (lines[start].startsWith('#')) comments.push(lines[start].slice(1).trim());
    start++;
  }
  const body = lines.slice(start).join('\n');
  const parsed = Papa.parse<string[]>(body, { delimiter: '', skipEmptyLines: false });
  const [header, ...records] = parsed.data;
  if (!header) throw new Error('Tabel agregat kosong: tidak ada baris judul kolom.');
  const columns = header.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new Error(`Kolom wajib tidak ada di tabel agregat: ${missing.join(', ')}.`);
  const at = (name: string) => columns.indexOf(name);
  const programmeColumns = columns.filter((c) => c.startsWith('kk_') && !DESIL_COLUMNS.includes(c));

  const rows: DesaAggregateRow[] = [];
  const rejected: RejectedRow[] = [];
  const periods = new Set<string>();
  records.forEach((record, i) => {
    const line = start + 2 + i;
    if (record.length === 1 && record[0].trim() === '') return; // blank line: nothing was read
    const reject = (reason: string) => rejected.push({ line, reason });
    if (record.length !== columns.length)
      return reject(`jumlah kolom ${record.length}, seharusnya ${columns.length}`);
    const periode = record[at('periode')].trim();
    const kode = record[at('kode_desa')].trim();
    if (!periode) return reject('kolom periode kosong');
    if (!/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(kode))
      return reject(`kode_desa "${kode}" bukan kode Kemendagri`);
    const total = nonNegativeInteger(record[at('jumlah_kk')]);
    if (total === null) return reject(`jumlah_kk "${record[at('jumlah_kk')]}" bukan bilangan bulat`);
    const desil: number[] = [];
    for (const c of DESIL_COLUMNS) {
      const v = nonNegativeInteger(record[at(c)]);
      if (v === null) return reject(`${c} "${record[at(c)]}" bukan bilangan bulat`);
      desil.push(v);
    }
    const sum = desil.reduce((a, b) => a + b, 0);
    if (sum !== total) return reject(`jumlah kk_desil_1..10 (${sum}) tidak sama dengan jumlah_kk (${total})`);
    const programmes: Record<string, number> = {};
    for (const c of programmeColumns) {
      const v = nonNegativeInteger(record[at(c)]);
      if (v === null) return reject(`${c} "${record[at(c)]}" bukan bilangan bulat`);
      programmes[c.slice(3)] = v;
    }
    const jiwaIndex = at('jumlah_jiwa');
    periods.add(periode);
    rows.push({
      periode,
      kode_desa: kode,
      jumlah_kk: total,
      kk_desil: desil,
      jumlah_jiwa: jiwaIndex >= 0 ? nonNegativeInteger(record[jiwaIndex]) : null,
      programmes,
    });
  });
  return { rows, rejected, periods: [...periods].sort(), comments };
}
