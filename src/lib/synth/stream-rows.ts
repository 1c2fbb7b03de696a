/**
 * Synthetic households for many kabupaten at once (a province, the whole country), made to be streamed: the
 * rows of each desa are drawn from the desa's own seeded stream (seed, period, desa index), so a file of any
 * size is written in chunks without holding it, and the same options always give the same bytes whatever
 * the chunking. This is the benchmark's file for the big path, not the calibrated district model of
 * `households.ts` (no landscape, no pockets, no coordinates): every desa gets households ∝ a seeded
 * log-normal weight, its own poverty level (desil drawn as 1 + ⌊10·u^γ⌋ with u uniform and
 * γ = exp(0.6·z), z standard normal, so γ > 1 gives a poorer desa), household sizes 1–8 and programme flags
 * more likely in desil 1–4. Columns, identifiers (invented) and the DATA SINTETIS mark are those of the
 * district generator's files (`csv-format.ts`).
 */
import { SeededRandom } from '../random.ts';
import { apportion } from './apportion.ts';
import { CSV_EOL, HOUSEHOLD_COLUMNS, householdComment, kodeWilayah } from './csv-format.ts';
import { fakeAddress, fakeIdentifiers, fakeName } from './identifiers.ts';

/** A desa of the set, with the names the file writes. */
export interface StreamDesa {
  kode_desa: string;
  nama_desa: string;
  nama_kec: string;
  nama_kab: string;
  nama_prov: string;
}

const clean = (s: string) => s.toUpperCase().replace(/[;\r\n]+/g, ' ');

/** Households per desa: `total` split ∝ seeded log-normal weights (largest remainder, deterministic). */
export function streamHouseholdCounts(desaCount: number, total: number, seed: number): Uint32Array {
  const rng = new SeededRandom(seed ^ 0x5eed5);
  const w = new Float64Array(desaCount);
  for (let i = 0; i < desaCount; i++) w[i] = Math.exp(0.7 * rng.normal());
  return apportion(total, w);
}

/** The file's first lines: the DATA SINTETIS comment and the header. */
export function streamFileHead(seed: number, periode: string): string {
  return householdComment(seed, periode) + CSV_EOL + HOUSEHOLD_COLUMNS.join(';') + CSV_EOL;
}

/**
 * The rows of desa `index` (see the module comment) for period `periodIndex`, as CSV text; `firstKey` is
 * the household key of its first row within its kabupaten (for the invented identifiers).
 */
export function streamDesaRows(
  desa: StreamDesa,
  index: number,
  count: number,
  firstKey: number,
  seed: number,
  periode: string,
  periodIndex: number,
): string {
  const rng = new SeededRandom((seed * 1_000_003 + index * 97 + periodIndex * 7_919) >>> 0);
  const gamma = Math.exp(0.6 * rng.normal());
  const ids = fakeIdentifiers(desa.kode_desa.slice(0, 5));
  const region = [
    kodeWilayah(desa.kode_desa),
    clean(desa.nama_prov),
    clean(desa.nama_kab),
    clean(desa.nama_kec),
    clean(desa.nama_desa),
  ].join(';');
  const yn = (p: number) => (rng.float() < p ? 'YA' : 'TIDAK');
  let out = '';
  for (let k = 0; k < count; k++) {
    const key = firstKey + k;
    const desil = 1 + Math.min(9, Math.floor(10 * rng.float() ** gamma));
    const poor = desil <= 4;
    const size = 1 + Math.min(7, Math.floor(rng.float() * rng.float() * 9));
    out +=
      `${ids.nik(key)};${ids.noKK(key)};${fakeName(key)};${fakeAddress(key % 5, 1 + (key % 12))};${region};` +
      `${size};${desil};;;${yn(poor ? 0.45 : 0.04)};${yn(poor ? 0.5 : 0.06)};${yn(poor ? 0.6 : 0.2)};` +
      `${yn(poor ? 0.15 : 0.02)};${yn(poor ? 0.12 : 0.03)};${yn(poor ? 0.2 : 0.05)};${yn(desil === 1 ? 0.3 : 0)};` +
      `${periode}${CSV_EOL}`;
  }
  return out;
}
