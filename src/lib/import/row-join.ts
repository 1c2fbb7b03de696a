/**
 * Step 4f: the per-row join shared by household files and desa aggregate tables: which desa a row belongs to
 * and which period, with every failure tallied as a reason. Results are cached per distinct cell text (a
 * district has a few hundred codes and a handful of periods), so the cost per row is a map lookup.
 *
 * Region: a row whose province or kabupaten column names another region is rejected first (see `regions.ts`).
 * Desa: a non-empty code decides (see `desa-code.ts`), once the row's desa and kecamatan names agree with it
 * (see `conflicts.ts`: a contradiction is rejected, or resolved by code or by name as the mapping's
 * `on_conflict` says); rows without a code are matched by desa name within the kecamatan (see
 * `desa-lookup.ts`). With `mapping.name_fallback`, rows whose code is unusable are matched by name too. Accepted
 * name matches (`mapping.name_matches`) are applied before the automatic name match, so an ambiguous name can
 * be resolved by the user; nothing else is guessed.
 */
import { ConflictTally, ConsistencyCheck } from './conflicts.ts';
import { matchDesaName, resolveKecamatan, type DesaLookup } from './desa-lookup.ts';
import { RegionChecker } from './regions.ts';
import { parseKodeDesa, parseKodeKecamatan } from './desa-code.ts';
import { KabTally } from '../region/kab-filter.ts';
import { normaliseDesaName, normaliseKecamatanName } from './desa-name.ts';
import type { ColumnMapping, ConflictChoice } from './mapping.ts';
import { parsePeriode } from './periode.ts';
import type { RejectReason } from './reasons.ts';
import type { UnmatchedTally } from './report.ts';

/** Cached results per distinct text stop growing past this many entries (pathological files). */
const CACHE_LIMIT = 100_000;

function setCapped<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size < CACHE_LIMIT) map.set(key, value);
}

const CODE_REASONS: Record<string, RejectReason> = {
  empty: 'kode_empty',
  invalid: 'kode_invalid',
  excel_mangled: 'kode_excel_mangled',
  bps: 'kode_bps',
  other_kabupaten: 'kode_other_kabupaten',
};
const NAME_REASONS: Record<string, RejectReason> = {
  empty: 'nama_empty',
  not_found: 'nama_not_found',
  ambiguous: 'nama_ambiguous',
  kecamatan_not_found: 'kecamatan_not_found',
};

/** Column index of a mapped column, or -1. */
export function columnIndex(columns: readonly string[], name: string | undefined): number {
  return name === undefined ? -1 : columns.indexOf(name);
}

/**
 * Resolves the desa of rows (see the module comment). A failure returns its reason, and a non-empty unmatched
 * code or name is tallied into `unmatched`; the caller tallies the reason itself.
 */
export class DesaResolver {
  /** Rows joined, by how their desa was found (counted by {@link DesaResolver.countJoined}). */
  readonly joinedBy = { kode: 0, nama: 0, nama_diterima: 0 };
  /** How the last resolved row's desa was found. */
  private lastMethod: 'kode' | 'nama' | 'nama_diterima' = 'kode';
  private readonly kode: number;
  private readonly nama: number;
  private readonly kodeKec: number;
  private readonly namaKec: number;
  private readonly fallback: boolean;
  private readonly codeCache = new Map<string, number | RejectReason>();
  private readonly nameCache = new Map<string, { index: number; accepted: boolean } | RejectReason>();
  private readonly accepted = new Map<string, number>();
  private readonly region: RegionChecker;
  private readonly consistency: ConsistencyCheck;
  private readonly onConflict: ConflictChoice;
  /** Rows whose code and names disagreed (see `conflicts.ts`). */
  readonly conflicts = new ConflictTally();
  /**
   * Rows per kabupaten (`src/lib/region/kab-filter.ts`): every row resolved here is counted as read, under its
   * desa's kabupaten, else the kabupaten of its code cell (a well-formed code of a kabupaten outside the lookup
   * counts there), else of its kabupaten code cell, else `?`; {@link DesaResolver.countJoined} moves it to
   * joined. Rows the pass rejects before resolving (column count, empty) are the caller's `?`.
   */
  readonly kabupaten: KabTally;
  private readonly desaKab: string[];
  private readonly kabCache = new Map<string, string>();
  private readonly kodeKab: number;
  private lastKab = '?';

  constructor(
    readonly lookup: DesaLookup,
    columns: readonly string[],
    mapping: ColumnMapping,
    private readonly unmatched: UnmatchedTally,
  ) {
    this.kode = columnIndex(columns, mapping.fields.kode_desa);
    this.nama = columnIndex(columns, mapping.fields.nama_desa);
    this.kodeKec = columnIndex(columns, mapping.fields.kode_kec);
    this.namaKec = columnIndex(columns, mapping.fields.nama_kec);
    this.fallback = mapping.name_fallback === true;
    for (const m of mapping.name_matches ?? []) {
      const index = lookup.byKode.get(m.kode_desa);
      if (index !== undefined) this.accepted.set(this.acceptedKey(m.nama_kec ?? null, m.nama_desa), index);
    }
    const f = mapping.fields;
    this.region = new RegionChecker(
      {
        kodeProv: columnIndex(columns, f.kode_prov),
        namaProv: columnIndex(columns, f.nama_prov),
        kodeKab: columnIndex(columns, f.kode_kab),
        namaKab: columnIndex(columns, f.nama_kab),
      },
      lookup.memberNames,
    );
    this.consistency = new ConsistencyCheck(
      lookup,
      { nama: this.nama, kodeKec: this.kodeKec, namaKec: this.namaKec },
      (kec, nama) => this.accepted.get(this.acceptedKey(kec, nama)),
    );
    this.onConflict = mapping.on_conflict ?? 'reject';
    this.kabupaten = KabTally.of(lookup.members);
    this.desaKab = lookup.desa.map((d) => d.kode_desa.slice(0, 5));
    this.kodeKab = columnIndex(columns, f.kode_kab);
  }

  /** The kabupaten of a row without a desa (see {@link DesaResolver.kabupaten}). */
  private kabOfRejected(cells: readonly string[]): string {
    const code = this.kode >= 0 ? cells[this.kode] : '';
    const kab = this.kodeKab >= 0 ? cells[this.kodeKab] : '';
    const key = `${code}\u0000${kab}`;
    let k = this.kabCache.get(key);
    if (k === undefined) {
      const p = code.trim() === '' ? null : parseKodeDesa(code, this.lookup.members);
      const m = /^'?(\d{2})[.\s-]?(\d{2})(?:[.,]0+)?$/.exec(kab.trim());
      k =
        p && (p.status === 'ok' || p.status === 'other_kabupaten')
          ? p.kode.slice(0, 5)
          : m
            ? `${m[1]}.${m[2]}`
            : '?';
      setCapped(this.kabCache, key, k);
    }
    return k;
  }

  /** Whether rows joined by code are compared with name columns (the file has both). */
  get comparesNames(): boolean {
    return this.kode >= 0 && this.consistency.active;
  }

  /** The columns compared with the code. */
  comparedColumns(columns: readonly string[]): string[] {
    return [this.nama, this.namaKec, this.kodeKec].filter((j) => j >= 0).map((j) => columns[j]);
  }

  /** Accepted matches that name a desa this kabupaten does not have are ignored; the caller reports them. */
  static unknownAcceptedCodes(lookup: DesaLookup, mapping: ColumnMapping): string[] {
    return (mapping.name_matches ?? [])
      .filter((m) => !lookup.byKode.has(m.kode_desa))
      .map((m) => m.kode_desa);
  }

  private acceptedKey(kecamatan: string | null, nama: string): string {
    return `${kecamatan ? normaliseKecamatanName(kecamatan) : ''}|${normaliseDesaName(nama)}`;
  }

  /** The last code cell and its result: extracts are usually sorted by desa, so most rows repeat it. */
  private lastCode = '\u0000';
  private lastCodeResult: number | RejectReason = 'kode_empty';

  private code(text: string): number | RejectReason {
    if (text === this.lastCode) return this.lastCodeResult;
    let r = this.codeCache.get(text);
    if (r !== undefined) {
      this.lastCode = text;
      this.lastCodeResult = r;
      return r;
    }
    if (r !== undefined) return r;
    const p = parseKodeDesa(text, this.lookup.members);
    r = p.status === 'ok' ? (this.lookup.byKode.get(p.kode) ?? 'kode_unknown') : CODE_REASONS[p.status];
    setCapped(this.codeCache, text, r);
    return r;
  }

  private name(cells: readonly string[]): { index: number; accepted: boolean } | RejectReason {
    const nama = cells[this.nama];
    const kodeKecText = this.kodeKec >= 0 ? cells[this.kodeKec] : '';
    const namaKecText = this.namaKec >= 0 ? cells[this.namaKec] : '';
    const cacheKey = `${kodeKecText}\u0000${namaKecText}\u0000${nama}`;
    let r = this.nameCache.get(cacheKey);
    if (r !== undefined) return r;
    if (nama.trim() === '') r = 'nama_empty';
    else {
      const accepted = this.accepted.get(this.acceptedKey(namaKecText.trim() || null, nama));
      if (accepted !== undefined) r = { index: accepted, accepted: true };
      else {
        const kodeKec =
          kodeKecText.trim() === '' ? null : parseKodeKecamatan(kodeKecText, this.lookup.members);
        const kec =
          kodeKecText.trim() !== '' && kodeKec === null
            ? []
            : resolveKecamatan(this.lookup, kodeKec, namaKecText);
        const m = matchDesaName(this.lookup, nama, kec);
        r = m.status === 'ok' ? { index: m.index, accepted: false } : NAME_REASONS[m.status];
      }
    }
    setCapped(this.nameCache, cacheKey, r);
    return r;
  }

  /** Desa index of a row, or the reason it has none; the row is counted under its kabupaten. */
  resolve(cells: readonly string[], row: number): number | RejectReason {
    const r = this.resolveDesa(cells, row);
    this.lastKab = typeof r === 'number' ? this.desaKab[r] : this.kabOfRejected(cells);
    this.kabupaten.read(this.lastKab);
    return r;
  }

  private resolveDesa(cells: readonly string[], row: number): number | RejectReason {
    if (this.region.active) {
      const other = this.region.check(cells);
      if (other !== null) return other;
    }
    let codeReason: RejectReason | null = null;
    let codeText = '';
    if (this.kode >= 0) {
      codeText = cells[this.kode];
      if (codeText.length > 0 && (codeText.charCodeAt(0) > 32 || codeText.trim() !== '')) {
        const r = this.code(codeText);
        if (typeof r === 'number') {
          if (this.consistency.active && !this.consistency.agrees(r, cells))
            return this.conflict(r, cells, row);
          this.lastMethod = 'kode';
          return r;
        }
        codeReason = r;
        if (!this.fallback || this.nama < 0) return this.reject(r, 'kode', codeText, null, row);
      }
    }
    if (this.nama < 0 || (codeReason !== null && cells[this.nama].trim() === ''))
      return this.reject(codeReason ?? 'kode_empty', 'kode', codeText, null, row);
    const r = this.name(cells);
    if (typeof r !== 'string') {
      this.lastMethod = r.accepted ? 'nama_diterima' : 'nama';
      return r.index;
    }
    const kec = this.namaKec >= 0 ? cells[this.namaKec] : this.kodeKec >= 0 ? cells[this.kodeKec] : null;
    return this.reject(r, 'nama', cells[this.nama], kec, row);
  }

  /** A row whose code and names disagree: tallied, then resolved as `on_conflict` says. */
  private conflict(byCode: number, cells: readonly string[], row: number): number | RejectReason {
    const byName = this.nama >= 0 ? this.name(cells) : null;
    const nameIndex = byName !== null && typeof byName !== 'string' ? byName.index : null;
    this.conflicts.add(byCode, nameIndex, row);
    if (this.onConflict === 'code') {
      this.lastMethod = 'kode';
      return byCode;
    }
    if (this.onConflict === 'name') {
      if (byName !== null && typeof byName !== 'string') {
        this.lastMethod = byName.accepted ? 'nama_diterima' : 'nama';
        return byName.index;
      }
      const kec = this.namaKec >= 0 ? cells[this.namaKec] : this.kodeKec >= 0 ? cells[this.kodeKec] : null;
      return this.nama >= 0
        ? this.reject(byName ?? 'nama_empty', 'nama', cells[this.nama], kec, row)
        : 'kode_nama_conflict';
    }
    return 'kode_nama_conflict';
  }

  /** Counts the last resolved row as joined (called once the row passed every other check too). */
  countJoined(): void {
    this.joinedBy[this.lastMethod]++;
    this.kabupaten.joined(this.lastKab);
  }

  private reject(
    reason: RejectReason,
    kind: 'kode' | 'nama',
    text: string,
    kec: string | null,
    row: number,
  ): RejectReason {
    if (reason !== 'kode_empty' && reason !== 'nama_empty') this.unmatched.add(kind, reason, text, kec, row);
    return reason;
  }
}

/**
 * Resolves the period of rows: the period column's cell (see `periode.ts`), else `fallback` (the mapping's or
 * caller's period, or one taken from the file name) when the cell is empty or there is no column.
 */
export class PeriodeResolver {
  readonly periods: string[] = [];
  readonly rowsPerPeriode: number[] = [];
  private readonly index = new Map<string, number>();
  private readonly cache = new Map<string, number | RejectReason>();
  private readonly column: number;
  private readonly fallback: string | RejectReason;

  constructor(columns: readonly string[], mapping: ColumnMapping, fallback: string | null) {
    this.column = columnIndex(columns, mapping.fields.periode);
    const f = fallback === null ? null : parsePeriode(fallback);
    this.fallback = f ?? (fallback === null ? 'periode_missing' : 'periode_invalid');
  }

  private fallbackIndex(): number | RejectReason {
    return this.fallback.startsWith('periode_')
      ? (this.fallback as RejectReason)
      : this.indexOf(this.fallback);
  }

  private indexOf(periode: string): number {
    let i = this.index.get(periode);
    if (i === undefined) {
      i = this.periods.length;
      this.periods.push(periode);
      this.rowsPerPeriode.push(0);
      this.index.set(periode, i);
    }
    return i;
  }

  private lastText = '\u0000';
  private lastResult: number | RejectReason = 'periode_missing';
  /** Rows given the fallback period (no period column, or an empty cell). */
  fallbackUsed = 0;

  /** Period index of a row, or the reason it has none. */
  resolve(cells: readonly string[]): number | RejectReason {
    if (this.column < 0) {
      this.fallbackUsed++;
      return this.fallbackIndex();
    }
    const text = cells[this.column];
    if (text === this.lastText) return this.lastResult;
    if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) this.fallbackUsed++;
    let r = this.cache.get(text);
    if (r === undefined) {
      if (text.trim() === '') r = this.fallbackIndex();
      else {
        const p = parsePeriode(text);
        r = p === null ? 'periode_invalid' : this.indexOf(p);
      }
      setCapped(this.cache, text, r);
    }
    // A blank cell is not remembered as the last text, so every blank row is counted in fallbackUsed.
    if (text.length > 0 && text.charCodeAt(0) > 32) {
      this.lastText = text;
      this.lastResult = r;
    }
    return r;
  }
}
