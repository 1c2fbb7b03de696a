/**
 * Planted patterns for the needs and verification views: known defects put into a synthetic district so tests
 * (and demos) can check that each is found. Only when asked for (`npm run synth -- --plant-needs`): the
 * patterns are drawn from their own stream ({@link SynthStream.needs}) and applied to a copy, so the default
 * output stays the same byte for byte.
 *
 * 1. **High PKH exclusion in one kecamatan**: each desil 1–4 PKH recipient there loses PKH with probability
 *    `exclusionShare` (default 0.8), from a uniform fixed per household (the same household in every period).
 * 2. **Displaced geotags**: in `displacedDesa` desa (default 3), each geotagged household is moved with
 *    probability `displacedShare` (default 0.3) to the place of a geotagged household of a desa whose
 *    bounding-box centre is at least `displacedKm` (default 5) km away: inside another desa, far outside
 *    its own.
 * 3. **A block of duplicate keys**: in one desa, `duplicatePairs` (default 6) pairs of consecutive rows of
 *    every period share the family key (the second row repeats the first's key, and with it its identifiers
 *    and place, as a family entered twice).
 */
import type { SyntheticDistrict } from './households.ts';
import { streamRandom, streamSeed, SynthStream } from './streams.ts';

/** Options of {@link plantNeedsPatterns}. */
export interface NeedsPatternOptions {
  exclusionShare?: number;
  displacedDesa?: number;
  displacedShare?: number;
  displacedKm?: number;
  duplicatePairs?: number;
}

/** What was planted, by code (for tests and the `planted-needs.json` beside the files). */
export interface PlantedNeedsPatterns {
  exclusion_kecamatan: string;
  /** Desa whose households got displaced geotags, with how many households (all periods' registry). */
  displaced_desa: { kode_desa: string; households: number }[];
  duplicate_desa: string;
  /** Per period: rows (0-based within the period) whose key repeats the row before. */
  duplicate_rows: Record<string, number[]>;
}

/** A uniform in [0, 1) fixed for (stream seed, household key). */
function keyUniform(base: number, key: number): number {
  return (streamSeed(base, key) >>> 0) / 2 ** 32;
}

const centreOf = (d: SyntheticDistrict['desa'][number]): [number, number] => {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const polys = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
  for (const poly of polys)
    for (const [x, y] of poly[0]) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  return [(x0 + x1) / 2, (y0 + y1) / 2];
};

const km = (a: [number, number], b: [number, number]) =>
  Math.hypot((a[0] - b[0]) * 111.32 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 110.574);

/** A copy of `district` with the patterns planted (see the module comment), and what was planted. */
export function plantNeedsPatterns(
  district: SyntheticDistrict,
  options: NeedsPatternOptions = {},
): { district: SyntheticDistrict; planted: PlantedNeedsPatterns } {
  const exclusionShare = options.exclusionShare ?? 0.8;
  const displacedCount = options.displacedDesa ?? 3;
  const displacedShare = options.displacedShare ?? 0.3;
  const displacedKm = options.displacedKm ?? 5;
  const pairs = options.duplicatePairs ?? 6;
  const rng = streamRandom(district.options.seed, SynthStream.needs);
  const base = streamSeed(district.options.seed, SynthStream.needs);
  const desa = district.desa;
  const reg = district.registry;

  // 1. the kecamatan (one with at least 5 desa, drawn uniformly)
  const kecDesa = new Map<string, number[]>();
  desa.forEach((d, i) => {
    const k = d.properties.kode_kec;
    const list = kecDesa.get(k) ?? [];
    list.push(i);
    kecDesa.set(k, list);
  });
  const kecs = [...kecDesa.keys()].sort().filter((k) => kecDesa.get(k)!.length >= 5);
  const kec = kecs[rng.int(0, kecs.length - 1)];
  const inKec = new Uint8Array(desa.length);
  for (const i of kecDesa.get(kec)!) inKec[i] = 1;

  // 2. displaced desa outside that kecamatan, each with a far desa that has geotagged households
  const geotagged: number[][] = desa.map(() => []);
  for (let key = 0; key < reg.count; key++)
    if (!Number.isNaN(reg.lat[key])) geotagged[reg.desa[key]].push(key);
  const centres = desa.map(centreOf);
  const candidates = desa.map((_, i) => i).filter((i) => !inKec[i] && geotagged[i].length >= 20);
  const displaced: number[] = [];
  while (displaced.length < Math.min(displacedCount, candidates.length)) {
    const i = candidates[rng.int(0, candidates.length - 1)];
    if (!displaced.includes(i)) displaced.push(i);
  }
  const lon = reg.lon.slice();
  const lat = reg.lat.slice();
  const displacedDesa = displaced.map((i) => {
    const far = desa
      .map((_, j) => j)
      .filter((j) => geotagged[j].length > 0 && km(centres[i], centres[j]) >= displacedKm);
    let moved = 0;
    for (const key of geotagged[i]) {
      if (keyUniform(base ^ 0x5bd1e995, key) >= displacedShare) continue;
      const j = far[rng.int(0, far.length - 1)];
      const src = geotagged[j][rng.int(0, geotagged[j].length - 1)];
      lon[key] = reg.lon[src];
      lat[key] = reg.lat[src];
      moved++;
    }
    return { kode_desa: desa[i].properties.kode_desa, households: moved };
  });

  // 3. the duplicate block: a desa outside the others, with enough rows in every period
  const used = new Set(displaced);
  const dupCandidates = desa
    .map((_, i) => i)
    .filter(
      (i) => !inKec[i] && !used.has(i) && district.periods.every((p) => countOf(p.desa, i) >= 4 * pairs),
    );
  const dup = dupCandidates[rng.int(0, dupCandidates.length - 1)];

  const duplicateRows: Record<string, number[]> = {};
  const periods = district.periods.map((p) => {
    const pkh = p.pkh.slice();
    for (let k = 0; k < p.count; k++)
      if (inKec[p.desa[k]] && p.desil[k] <= 4 && pkh[k] && keyUniform(base, p.key[k]) < exclusionShare)
        pkh[k] = 0;
    const key = p.key.slice();
    const first = p.desa.indexOf(dup);
    const rows: number[] = [];
    for (let q = 0; q < pairs; q++) {
      const r = first + 2 * q + 1;
      key[r] = key[r - 1];
      rows.push(r);
    }
    duplicateRows[p.periode] = rows;
    return { ...p, pkh, key };
  });
  return {
    district: { ...district, registry: { ...reg, lon, lat }, periods },
    planted: {
      exclusion_kecamatan: kec,
      displaced_desa: displacedDesa,
      duplicate_desa: desa[dup].properties.kode_desa,
      duplicate_rows: duplicateRows,
    },
  };
}

function countOf(a: Uint32Array, v: number): number {
  let n = 0;
  for (let k = 0; k < a.length; k++) if (a[k] === v) n++;
  return n;
}
