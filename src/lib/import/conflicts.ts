/**
 * Step 4d: rows whose desa code and names disagree. When a file has a desa code column and name columns (desa
 * name, kecamatan name or code), a row joined by its code is checked against them: the names must be those of
 * the code's desa —
 * - a kecamatan code must be the code's kecamatan; a kecamatan name must be found as that kecamatan (see
 *   `resolveKecamatan`);
 * - a desa name must be the desa's name after normalisation (see `desa-name.ts`), a name accepted for it on
 *   the review, or — when it is no desa's name — a close spelling of it (similarity ≥ {@link CLOSE_SPELLING}, so
 *   a typo is not a contradiction, while `Bugangin` written beside Blumah's code is).
 * A row that fails is a contradiction. It is never joined silently: the mapping's `on_conflict` decides —
 * `reject` (the default: reason `kode_nama_conflict`), `code` (join to the code's desa) or `name` (join as if the
 * row had no code; a name that matches nothing is then rejected with its name reason). Contradictions are counted
 * per pair (the code's desa, the desa the names point to) for the review, with their first rows; only
 * gazetteer names and codes are shown, never the text of the file.
 */
import { resolveKecamatan, type DesaLookup } from './desa-lookup.ts';
import { parseKodeKecamatan } from './desa-code.ts';
import { nameSimilarity, normaliseDesaName } from './desa-name.ts';
import type { ConflictChoice } from './mapping.ts';
import { FIRST_ROWS_KEPT } from './report.ts';

/** Similarity from which a desa name that is no desa's name counts as a spelling of the code's desa. */
export const CLOSE_SPELLING = 0.8;
/** Pairs listed in the report (the count covers all). */
export const CONFLICT_PAIRS_KEPT = 50;

/** A desa as the review shows it (gazetteer names). */
export interface DesaName {
  kode_desa: string;
  nama_desa: string;
  nama_kec: string;
}

/** One kind of contradiction: the code's desa and the desa the names point to (null: none, or several). */
export interface ConflictPair {
  by_code: DesaName;
  by_name: DesaName | null;
  count: number;
  first_rows: number[];
}

/** The contradictions of a file (see the module comment). */
export interface ConflictReport {
  /** Rows whose code and names disagree, however they were resolved. */
  count: number;
  resolution: ConflictChoice;
  /** The columns compared with the code. */
  columns: string[];
  pairs: ConflictPair[];
}

/** Column indices the check reads (-1: not mapped). */
export interface NameColumns {
  nama: number;
  kodeKec: number;
  namaKec: number;
}

/**
 * Whether a row's names agree with the desa of its code (see the module comment). `accepted(kec, name)` gives
 * the desa index of a name accepted on the review, if any.
 */
export class ConsistencyCheck {
  private readonly cache = new Map<string, boolean>();
  private lastIndex = -1;
  private lastNama = '';
  private lastKodeKec = '';
  private lastNamaKec = '';
  private lastResult = true;

  constructor(
    private readonly lookup: DesaLookup,
    private readonly columns: NameColumns,
    private readonly accepted: (kecamatan: string | null, nama: string) => number | undefined,
  ) {}

  /** Whether any name column is there to compare. */
  get active(): boolean {
    return this.columns.nama >= 0 || this.columns.kodeKec >= 0 || this.columns.namaKec >= 0;
  }

  agrees(index: number, cells: readonly string[]): boolean {
    const { nama, kodeKec, namaKec } = this.columns;
    const n = nama >= 0 ? cells[nama] : '';
    const kk = kodeKec >= 0 ? cells[kodeKec] : '';
    const nk = namaKec >= 0 ? cells[namaKec] : '';
    // Extracts are sorted by desa: most rows repeat the previous one (compared without building a key).
    if (index === this.lastIndex && n === this.lastNama && kk === this.lastKodeKec && nk === this.lastNamaKec)
      return this.lastResult;
    const key = `${index}\u0000${kk}\u0000${nk}\u0000${n}`;
    let r = this.cache.get(key);
    if (r === undefined) {
      r = this.compute(index, n, kk, nk);
      if (this.cache.size < 100_000) this.cache.set(key, r);
    }
    this.lastIndex = index;
    this.lastNama = n;
    this.lastKodeKec = kk;
    this.lastNamaKec = nk;
    this.lastResult = r;
    return r;
  }

  private compute(index: number, nama: string, kodeKec: string, namaKec: string): boolean {
    const d = this.lookup.desa[index];
    if (kodeKec.trim() !== '' && parseKodeKecamatan(kodeKec, this.lookup.members) !== d.kode_kec)
      return false;
    if (namaKec.trim() !== '' && !(resolveKecamatan(this.lookup, null, namaKec) ?? []).includes(d.kode_kec))
      return false;
    if (nama.trim() === '') return true;
    const accepted = this.accepted(namaKec.trim() || null, nama);
    if (accepted !== undefined) return accepted === index;
    const key = normaliseDesaName(nama);
    const own = normaliseDesaName(d.nama_desa);
    if (key === own) return true;
    if (this.lookup.byName.has(key)) return false;
    return nameSimilarity(key, own) >= CLOSE_SPELLING;
  }
}

/** Counts contradictions per pair (see {@link ConflictPair}). */
export class ConflictTally {
  count = 0;
  private readonly pairs = new Map<
    string,
    { code: number; name: number | null; count: number; rows: number[] }
  >();

  add(code: number, name: number | null, row: number): void {
    this.count++;
    const id = `${code}|${name ?? ''}`;
    let e = this.pairs.get(id);
    if (!e) {
      if (this.pairs.size >= 10_000) return;
      this.pairs.set(id, (e = { code, name, count: 0, rows: [] }));
    }
    e.count++;
    if (e.rows.length < FIRST_ROWS_KEPT) e.rows.push(row);
  }

  /** The report's `conflicts` (most frequent pairs first). */
  toReport(lookup: DesaLookup, resolution: ConflictChoice, columns: string[]): ConflictReport {
    const named = (i: number): DesaName => {
      const d = lookup.desa[i];
      return { kode_desa: d.kode_desa, nama_desa: d.nama_desa, nama_kec: d.nama_kec };
    };
    const pairs = [...this.pairs.values()]
      .sort((a, b) => b.count - a.count || a.rows[0] - b.rows[0])
      .slice(0, CONFLICT_PAIRS_KEPT)
      .map((e) => ({
        by_code: named(e.code),
        by_name: e.name === null ? null : named(e.name),
        count: e.count,
        first_rows: e.rows,
      }));
    return { count: this.count, resolution, columns, pairs };
  }
}
