import { DESIL_COUNT } from './calibration.ts';
import type { DesaAggregate } from './desa-aggregate.ts';
import type { SyntheticDistrict } from './households.ts';
import { fakeAddress, fakeIdentifiers, fakeName, type FakeIdentifiers } from './identifiers.ts';

/**
 * Text layout of the synthetic files. Household files imitate an extract exported from Excel with Indonesian
 * regional settings: `;` separator, CRLF line ends, UTF-8 without BOM, decimal commas, capitalised names,
 * 10-digit region codes without dots, YA/TIDAK flags. Every file starts with a `#` comment line saying the data
 * are synthetic (importers treat it as a comment; papaparse's `comments: '#'`).
 */
export const CSV_SEPARATOR = ';';
/** Line end of every synthetic file (Windows, as Excel writes). */
export const CSV_EOL = '\r\n';

/** Columns of the household extract, in file order. */
export const HOUSEHOLD_COLUMNS = [
  'NIK_KRT',
  'NO_KK',
  'NAMA_KRT',
  'ALAMAT',
  'KODE_WILAYAH',
  'PROVINSI',
  'KABUPATEN',
  'KECAMATAN',
  'DESA_KELURAHAN',
  'JUMLAH_ART',
  'DESIL_NASIONAL',
  'LINTANG',
  'BUJUR',
  'PKH',
  'BPNT',
  'PBI_JK',
  'LANTAI_TANAH',
  'AIR_TIDAK_LAYAK',
  'SANITASI_TIDAK_LAYAK',
  'MISKIN_EKSTREM',
  'PERIODE',
] as const;

/** Columns of the desa-level aggregate, in file order. */
export const AGGREGATE_COLUMNS = [
  'periode',
  'kode_desa',
  'nama_desa',
  'kode_kec',
  'nama_kec',
  'jumlah_kk',
  ...Array.from({ length: DESIL_COUNT }, (_, d) => `kk_desil_${d + 1}`),
  'jumlah_jiwa',
  'kk_pkh',
  'kk_bpnt',
  'kk_pbi_jk',
  'kk_miskin_ekstrem',
  // recipients among desil 1–4 households: the app's programme-coverage indicators
  'kk_pkh_desil_1_4',
  'kk_bpnt_desil_1_4',
  'kk_pbi_jk_desil_1_4',
] as const;

/** `sintetis-dtsen-33.24-2025-Q1.csv`: the name itself says synthetic. */
export function householdFileName(kodeKab: string, periode: string): string {
  return `sintetis-dtsen-${kodeKab}-${periode}.csv`;
}

/** `sintetis-agregat-desa-33.24.csv`. */
export function aggregateFileName(kodeKab: string): string {
  return `sintetis-agregat-desa-${kodeKab}.csv`;
}

/** First line of a household file (without line end). */
export function householdComment(seed: number, periode: string): string {
  return `# DATA SINTETIS - bukan data DT-SEN asli. Dibuat oleh generator Kantong (seed ${seed}, periode ${periode}). Semua NIK, No. KK, nama dan alamat palsu.`;
}

/** First line of an aggregate file (without line end). */
export function aggregateComment(seed: number, periodes: readonly string[]): string {
  return `# DATA SINTETIS - bukan data DT-SEN asli. Dibuat oleh generator Kantong (seed ${seed}, periode ${periodes.join(', ')}). Agregat per desa dari rumah tangga sintetis.`;
}

/** `33.24.01.2001` → `3324012001` (the form Excel leaves after dropping dots). */
export function kodeWilayah(kodeDesa: string): string {
  return kodeDesa.replace(/\./g, '');
}

/** A number with a decimal comma and fixed decimals: −6.9876543 → `-6,9876543`. */
export function decimalComma(x: number, digits: number): string {
  return x.toFixed(digits).replace('.', ',');
}

/** Flag text by value (0/1), as DT-SEN extracts write them. */
const YA_TIDAK = ['TIDAK', 'YA'] as const;

/** Keeps a text field on one line and free of the separator. */
function field(text: string): string {
  return text.replace(/[;\r\n]+/g, ' ');
}

/** Comment line, then the header line, each ending in CRLF. */
export function householdFileHead(seed: number, periode: string): string {
  return householdComment(seed, periode) + CSV_EOL + HOUSEHOLD_COLUMNS.join(CSV_SEPARATOR) + CSV_EOL;
}

/**
 * Formats the rows of one period of a synthetic district as CSV text (each row CRLF-terminated). Writers call
 * {@link HouseholdRowFormatter.rows} in slices to stream large files.
 */
export class HouseholdRowFormatter {
  private readonly regionPart: string[];
  private readonly ids: FakeIdentifiers;

  /**
   * @param provinceName province name as written in the file (e.g. `JAWA TENGAH`)
   */
  constructor(
    private readonly district: SyntheticDistrict,
    private readonly periodIndex: number,
    provinceName: string,
  ) {
    this.ids = fakeIdentifiers(district.kodeKab);
    const kab = field(district.desa[0]?.properties.nama_kab.toUpperCase() ?? '');
    const prov = field(provinceName.toUpperCase());
    // KODE_WILAYAH;PROVINSI;KABUPATEN;KECAMATAN;DESA_KELURAHAN; is the same for every row of a desa.
    this.regionPart = district.desa.map((d) =>
      [
        kodeWilayah(d.properties.kode_desa),
        prov,
        kab,
        field(d.properties.nama_kec.toUpperCase()),
        field(d.properties.nama_desa.toUpperCase()),
      ].join(CSV_SEPARATOR),
    );
  }

  /** Number of rows of the period. */
  get count(): number {
    return this.district.periods[this.periodIndex].count;
  }

  /** Rows `from` (inclusive) to `to` (exclusive) as CSV text. */
  rows(from: number, to: number): string {
    const { registry } = this.district;
    const p = this.district.periods[this.periodIndex];
    const ids = this.ids;
    let out = '';
    for (let k = from; k < to; k++) {
      const key = p.key[k];
      const lat = registry.lat[key];
      const lon = registry.lon[key];
      const geo = Number.isNaN(lat) ? ';' : `${decimalComma(lat, 7)};${decimalComma(lon, 7)}`;
      out +=
        `${ids.nik(key)};${ids.noKK(key)};${fakeName(key)};${fakeAddress(registry.hamlet[key], registry.rt[key])};` +
        `${this.regionPart[p.desa[k]]};${p.size[k]};${p.desil[k]};${geo};` +
        `${YA_TIDAK[p.pkh[k]]};${YA_TIDAK[p.bpnt[k]]};${YA_TIDAK[p.pbiJk[k]]};${YA_TIDAK[p.earthFloor[k]]};` +
        `${YA_TIDAK[p.unsafeWater[k]]};${YA_TIDAK[p.poorSanitation[k]]};${YA_TIDAK[p.extreme[k]]};` +
        `${p.periode}${CSV_EOL}`;
    }
    return out;
  }
}

/**
 * The desa-level aggregate file: comment line, header, then one row per desa per period (every desa, zeros
 * allowed), codes in dotted Kemendagri form, integers only.
 *
 * @param aggregates one aggregate per period, over `district.desa` order
 */
export function formatAggregateCsv(
  district: Pick<SyntheticDistrict, 'desa'>,
  periodes: readonly string[],
  aggregates: readonly DesaAggregate[],
  comment: string,
): string {
  const lines = [comment, AGGREGATE_COLUMNS.join(CSV_SEPARATOR)];
  aggregates.forEach((agg, t) => {
    district.desa.forEach((d, i) => {
      const p = d.properties;
      const perDesil = Array.from(agg.perDesil.subarray(i * DESIL_COUNT, (i + 1) * DESIL_COUNT));
      lines.push(
        [
          periodes[t],
          p.kode_desa,
          field(p.nama_desa),
          p.kode_kec,
          field(p.nama_kec),
          agg.households[i],
          ...perDesil,
          agg.persons[i],
          agg.pkh[i],
          agg.bpnt[i],
          agg.pbiJk[i],
          agg.extreme[i],
          agg.pkhDesil14[i],
          agg.bpntDesil14[i],
          agg.pbiJkDesil14[i],
        ].join(CSV_SEPARATOR),
      );
    });
  });
  return lines.join(CSV_EOL) + CSV_EOL;
}
