/**
 * Step 4d: period labels. Every period is normalised to one of the forms the synthetic generator and the app
 * use: `2025` (year), `2025-Q3` (quarter, *triwulan*), `2025-S1` (half-year, *semester*), `2025-07` (month).
 * Accepted spellings: `2025Q3`, `Q3 2025`, `TW III 2025`, `Triwulan 3 2025`, `Semester I 2025`, `2025/07`,
 * `07-2025`, `Juli 2025`, `Jul-2025`, an ISO date `2025-07-31` or `31/07/2025` (its month). Years 2000–2099.
 * Anything else is not a period: the row is rejected rather than creating a period from free text.
 */

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const MONTHS: Record<string, number> = {
  jan: 1,
  januari: 1,
  january: 1,
  feb: 2,
  februari: 2,
  february: 2,
  pebruari: 2,
  mar: 3,
  maret: 3,
  march: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  agu: 8,
  agt: 8,
  ags: 8,
  agustus: 8,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  oct: 10,
  october: 10,
  nov: 11,
  nopember: 11,
  november: 11,
  des: 12,
  desember: 12,
  dec: 12,
  december: 12,
};

function part(n: string): number {
  return ROMAN[n] ?? Number(n);
}

function year(y: string): string | null {
  const v = Number(y);
  return v >= 2000 && v <= 2099 ? y : null;
}

function month(y: string, m: number): string | null {
  return year(y) && m >= 1 && m <= 12 ? `${y}-${String(m).padStart(2, '0')}` : null;
}

const Q = '(?:q|tw|triwulan|kuartal|quarter)';
const S = '(?:s|sem|semester)';
const QN = '([1-4]|iv|i{1,3})';
const SN = '([12]|i{1,2})';
const SEP = '[\\s\\-/_.]*';
const QUARTER_AFTER = new RegExp(`^(\\d{4})${SEP}${Q}${SEP}${QN}$`);
const QUARTER_BEFORE = new RegExp(`^${Q}${SEP}${QN}${SEP}(\\d{4})$`);
const HALF_AFTER = new RegExp(`^(\\d{4})${SEP}${S}${SEP}${SN}$`);
const HALF_BEFORE = new RegExp(`^${S}${SEP}${SN}${SEP}(\\d{4})$`);

/** The canonical period of a cell (see the module comment), or null. */
export function parsePeriode(text: string): string | null {
  let t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t.startsWith("'")) t = t.slice(1);
  if (t === '') return null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(t))) return year(m[1]);
  if ((m = QUARTER_AFTER.exec(t))) return year(m[1]) && `${m[1]}-Q${part(m[2])}`;
  if ((m = QUARTER_BEFORE.exec(t))) return year(m[2]) && `${m[2]}-Q${part(m[1])}`;
  if ((m = HALF_AFTER.exec(t))) return year(m[1]) && `${m[1]}-S${part(m[2])}`;
  if ((m = HALF_BEFORE.exec(t))) return year(m[2]) && `${m[2]}-S${part(m[1])}`;
  if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(t))) return month(m[1], Number(m[2]));
  if ((m = /^(\d{1,2})[-/.](\d{4})$/.exec(t))) return month(m[2], Number(m[1]));
  if ((m = /^(\d{4})-(\d{2})-(\d{2})([ t].*)?$/.exec(t))) return month(m[1], Number(m[2]));
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t))) return month(m[3], Number(m[2]));
  if ((m = /^([a-z]+)\.?[\s\-/]*(\d{4})$/.exec(t)) && MONTHS[m[1]]) return month(m[2], MONTHS[m[1]]);
  if ((m = /^(\d{4})[\s\-/]*([a-z]+)$/.exec(t)) && MONTHS[m[2]]) return month(m[1], MONTHS[m[2]]);
  return null;
}

/**
 * A period written in a file name, e.g. `sintetis-dtsen-33.24-2025-Q1.csv` → `2025-Q1`, `dtsen_2025_07.xlsx` →
 * `2025-07`, `DTSEN 2025 S1.csv` → `2025-S1`, `dtsen-2025.csv` → `2025`; null when there is none. Used for
 * rows without a period cell (see {@link filePeriode}).
 */
export function periodeFromFileName(fileName: string): string | null {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[a-z0-9]+$/i, '');
  const m = /(?<!\d)(20\d{2})[\s\-_.]?(q[1-4]|s[12]|0[1-9]|1[0-2])(?![0-9a-z])/i.exec(base);
  if (m) return parsePeriode(`${m[1]}-${m[2]}`);
  const y = /(?<![\d.])(20\d{2})(?![\d.])/.exec(base);
  return y ? y[1] : null;
}

/** Where the period of a file's rows without a period cell came from (see {@link filePeriode}). */
export type PeriodeOrigin = 'file_name' | 'given';

/**
 * The period rule, the same for the app, the Worker and every command: a row's period comes from the file's
 * period column; a row without one (no period column, or an empty cell) gets the file's period, which is the
 * period written in the file name ({@link periodeFromFileName}), else `given` (the CLI's `--periode`, the
 * period the app asks for, or a mapping's `periode`). Null when neither gives one: then a file without a period
 * column cannot be imported, and a surface asks for a period before it starts. `given` is returned as
 * written: the join normalises it, or rejects the rows with `periode_invalid`.
 */
export function filePeriode(
  fileName: string,
  given?: string | null,
): { periode: string; from: PeriodeOrigin } | null {
  const fromName = periodeFromFileName(fileName);
  if (fromName !== null) return { periode: fromName, from: 'file_name' };
  return given === undefined || given === null || given.trim() === ''
    ? null
    : { periode: given, from: 'given' };
}

/**
 * Whether a period must be given for a file (the rule of {@link filePeriode}): it has no period column and its
 * name holds no period.
 */
export function needsGivenPeriode(hasPeriodeColumn: boolean, fileName: string): boolean {
  return !hasPeriodeColumn && periodeFromFileName(fileName) === null;
}

/** Sorts canonical periods in time order (year, then month/quarter/half by its start month). */
export function comparePeriode(a: string, b: string): number {
  const key = (p: string) => {
    const [y, rest = ''] = p.split('-');
    const start = rest.startsWith('Q')
      ? (Number(rest[1]) - 1) * 3 + 1
      : rest.startsWith('S')
        ? (Number(rest[1]) - 1) * 6 + 1
        : rest
          ? Number(rest)
          : 0;
    return Number(y) * 100 + start;
  };
  return key(a) - key(b) || (a < b ? -1 : a > b ? 1 : 0);
}
