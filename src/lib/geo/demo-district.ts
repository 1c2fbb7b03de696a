import intersect from '@turf/intersect';
import { Delaunay } from 'd3-delaunay';
import type { Feature, Polygon, Position } from 'geojson';
import { SeededRandom } from '../random.ts';
import type { DesaInput } from './district.ts';

/**
 * A generated demo district so that the app always opens, even offline on a first run with no boundary
 * source. It is deliberately unmistakable: code `99.99` (there is no province 99), the name
 * "Kabupaten Contoh (DEMO)", and it floats in the open Java Sea (around 111.6°E, 5.4°S) where there is no
 * land. Desa are Voronoi cells (Aurenhammer 1991, "Voronoi diagrams — a survey", ACM Comput. Surv. 23(3);
 * via `d3-delaunay`) of seeded, well-spaced sites, with gently wiggled shared edges so they look like
 * surveyed boundaries, clipped to a smooth irregular outline; kecamatan are k-means groups of desa.
 * Same seed → same district, vertex for vertex.
 */

/** Kemendagri-like code of the demo district (province 99 does not exist). */
export const DEMO_KODE_KAB = '99.99';
/** Display name of the demo district: says it is a demo. */
export const DEMO_NAMA_KAB = 'Kabupaten Contoh (DEMO)';
/** Seed of the committed demo district. */
export const DEMO_SEED = 1;

/** Options of {@link generateDemoDistrict}. */
export interface DemoOptions {
  seed?: number;
  /** Number of desa/kelurahan (default 120). */
  desa?: number;
  /** Number of kecamatan (default 8). */
  kecamatan?: number;
  /** Centre [lon, lat] (default open sea north of Java, [111.6, -5.4]). */
  center?: [number, number];
  /** Mean radius of the outline in km (default 18, about 1,000 km²). */
  radiusKm?: number;
}

/** The generated district: desa ready for `buildDistrict`, and kecamatan names by code. */
export interface DemoDistrict {
  kodeKab: string;
  namaKab: string;
  seed: number;
  desa: DesaInput[];
  kecamatanNames: Map<string, string>;
  /** The smooth outline the cells were clipped to (lon/lat, closed ring). */
  outline: Position[];
}

const PREFIXES = [
  'Sido',
  'Karang',
  'Kali',
  'Banyu',
  'Tegal',
  'Wono',
  'Purwo',
  'Sumber',
  'Jati',
  'Gedong',
  'Pucang',
  'Randu',
  'Kedung',
  'Mojo',
  'Waru',
  'Tambak',
  'Pandan',
  'Bulu',
  'Dadap',
  'Ngadi',
  'Tanjung',
  'Gondang',
  'Salam',
  'Krajan',
];
const SUFFIXES = [
  'rejo',
  'sari',
  'mulyo',
  'harjo',
  'agung',
  'asri',
  'makmur',
  'anyar',
  'wangi',
  'kerto',
  'mukti',
  'arum',
  'rahayu',
  'jaya',
  'winangun',
  'tengah',
  'lerep',
  'joyo',
];
const DIRECTIONS = ['Lor', 'Kidul', 'Wetan', 'Kulon'];

/** Decimal places of demo coordinates (5 ≈ 1.1 m): enough for a map, small for the committed files. */
const DECIMALS = 5;
const KM_PER_DEG_LAT = 110.574;

/**
 * Generates the demo district. Steps: (1) a star-shaped outline r(θ) = R·(1 + Σₖ aₖ·cos(kθ + φₖ)),
 * k = 2..8; (2) desa sites by dart throwing with a minimum spacing that shrinks near the town, so desa are
 * smaller there, as in real districts; (3) Voronoi cells of the sites, each shared edge displaced by the
 * same seeded curve on both sides (so neighbours still share exact vertices), clipped to the outline
 * (`@turf/intersect`); (4) kecamatan by k-means (Lloyd 1982) on the sites; (5) codes — kelurahan `1xxx`
 * near the town, desa `2xxx` — and made-up Javanese-style names (syllable pairs such as Sidorejo).
 */
export function generateDemoDistrict(options: DemoOptions = {}): DemoDistrict {
  const seed = options.seed ?? DEMO_SEED;
  const nDesa = options.desa ?? 120;
  const nKec = options.kecamatan ?? 8;
  const [cx, cy] = options.center ?? [111.6, -5.4];
  const radius = options.radiusKm ?? 18;
  const rng = new SeededRandom(seed);
  const kmPerDegLon = KM_PER_DEG_LAT * Math.cos((cy * Math.PI) / 180);
  const round = (v: number): number => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS;
  const toLonLat = ([x, y]: [number, number]): Position => [
    round(cx + x / kmPerDegLon),
    round(cy + y / KM_PER_DEG_LAT),
  ];

  // (1) Outline in km around the centre.
  const harmonics = [2, 3, 4, 5, 6, 7, 8].map((k) => ({
    k,
    a: (rng.float() * 0.24) / k,
    phase: rng.float() * 2 * Math.PI,
  }));
  const radiusAt = (theta: number): number =>
    radius * (1 + harmonics.reduce((s, h) => s + h.a * Math.cos(h.k * theta + h.phase), 0));
  const outlineKm: [number, number][] = [];
  const outlineVertices = 192;
  for (let i = 0; i < outlineVertices; i++) {
    const theta = (2 * Math.PI * i) / outlineVertices;
    const r = radiusAt(theta);
    outlineKm.push([r * Math.cos(theta), r * Math.sin(theta)]);
  }
  const inside = (x: number, y: number, margin: number): boolean =>
    Math.hypot(x, y) < radiusAt(Math.atan2(y, x)) - margin;

  // (2) Sites: dart throwing with spacing smaller near the town.
  const town: [number, number] = [radius * 0.3, -radius * 0.15];
  let spacing = 0.85 * Math.sqrt((Math.PI * radius * radius) / nDesa);
  const sites: [number, number][] = [];
  let misses = 0;
  while (sites.length < nDesa) {
    const x = (rng.float() * 2 - 1) * radius * 1.4;
    const y = (rng.float() * 2 - 1) * radius * 1.4;
    if (!inside(x, y, spacing * 0.3)) continue;
    const nearTown = Math.min(1, Math.hypot(x - town[0], y - town[1]) / (0.6 * radius));
    const d = spacing * (0.55 + 0.45 * nearTown);
    if (sites.every(([sx, sy]) => Math.hypot(sx - x, sy - y) >= d)) {
      sites.push([x, y]);
      misses = 0;
    } else if (++misses > 2000) {
      spacing *= 0.95;
      misses = 0;
    }
  }

  // (3) Voronoi cells with wiggled shared edges, clipped to the outline.
  const pad = radius * 0.6;
  const voronoi = Delaunay.from(sites).voronoi([
    -radius * 1.4 - pad,
    -radius * 1.4 - pad,
    radius * 1.4 + pad,
    radius * 1.4 + pad,
  ]);
  const outline = closeRing(outlineKm.map(toLonLat));
  const outlineFeature: Feature<Polygon> = {
    type: 'Feature',
    properties: {},
    geometry: { type: 'Polygon', coordinates: [outline] },
  };
  const geometries = sites.map((_, i) => {
    const cell = voronoi.cellPolygon(i) as [number, number][];
    const ring = closeRing(wiggleRing(cell, seed).map(toLonLat));
    const clipped = intersect({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } },
        outlineFeature,
      ],
    });
    if (!clipped) throw new Error(`demo: cell ${i} lies outside the outline`);
    return clipped.geometry;
  });

  // (4) Kecamatan: k-means on the sites, numbered north to south.
  const assignment = kMeans(sites, nKec, rng);
  const centroids = Array.from({ length: nKec }, (_, k) => mean(sites.filter((_, i) => assignment[i] === k)));
  const kecOrder = centroids.map((c, k) => ({ c, k })).sort((a, b) => b.c[1] - a.c[1] || a.c[0] - b.c[0]);
  const townKec = assignment[nearestIndex(sites, town)];

  // (5) Codes and names.
  const names = new NameMaker(rng);
  const desa: DesaInput[] = [];
  const kecamatanNames = new Map<string, string>();
  kecOrder.forEach(({ c, k }, order) => {
    const kodeKec = `${DEMO_KODE_KAB}.${String(order + 1).padStart(2, '0')}`;
    const members = sites
      .map((p, i) => ({ i, p }))
      .filter(({ i }) => assignment[i] === k)
      .sort((a, b) => dist(a.p, k === townKec ? town : c) - dist(b.p, k === townKec ? town : c));
    const kelurahan = k === townKec ? Math.min(7, members.length - 1) : rng.float() < 0.4 ? 1 : 0;
    let nextKel = 1;
    let nextDesa = 1;
    members.forEach(({ i }, rank) => {
      const isKelurahan = rank < kelurahan;
      const number = isKelurahan ? 1000 + nextKel++ : 2000 + nextDesa++;
      const nama = names.next();
      if (rank === 0) kecamatanNames.set(kodeKec, nama);
      desa.push({ kode: `${kodeKec}.${number}`, nama, geometry: geometries[i] });
    });
  });
  return { kodeKab: DEMO_KODE_KAB, namaKab: DEMO_NAMA_KAB, seed, desa, kecamatanNames, outline };
}

function closeRing(ring: Position[]): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, [first[0], first[1]]];
}

function dist(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

function mean(points: [number, number][]): [number, number] {
  const n = Math.max(points.length, 1);
  return [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
}

function nearestIndex(points: [number, number][], target: [number, number]): number {
  let best = 0;
  for (let i = 1; i < points.length; i++) if (dist(points[i], target) < dist(points[best], target)) best = i;
  return best;
}

/** FNV-1a 32-bit hash of a string (Fowler, Noll, Vo): a stable per-edge seed. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * Replaces each edge of a cell by a gentle curve: offset(t) = L·(A₁·sin πt + A₂·sin 2πt) along the edge's
 * normal, with A drawn from a generator seeded by the edge's endpoints, so the neighbouring cell, which
 * walks the same edge the other way, gets exactly the same points in reverse.
 */
function wiggleRing(cell: [number, number][], seed: number): [number, number][] {
  const key = (p: [number, number]): string => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
  const out: [number, number][] = [];
  const n = cell.length - 1;
  for (let i = 0; i < n; i++) {
    const a = cell[i];
    const b = cell[i + 1];
    out.push(a);
    const ka = key(a);
    const kb = key(b);
    const forward = ka < kb;
    const [p, q] = forward ? [a, b] : [b, a];
    const edgeRng = new SeededRandom(fnv1a(`${seed}|${forward ? ka : kb}|${forward ? kb : ka}`));
    const a1 = (edgeRng.float() * 2 - 1) * 0.09;
    const a2 = (edgeRng.float() * 2 - 1) * 0.05;
    const dx = q[0] - p[0];
    const dy = q[1] - p[1];
    const interior: [number, number][] = [0.25, 0.5, 0.75].map((t) => {
      const off = a1 * Math.sin(Math.PI * t) + a2 * Math.sin(2 * Math.PI * t);
      return [p[0] + t * dx - off * dy, p[1] + t * dy + off * dx];
    });
    out.push(...(forward ? interior : interior.reverse()));
  }
  out.push(cell[0]);
  return out;
}

/** k-means (Lloyd 1982) with k-means++ seeding (Arthur & Vassilvitskii 2007); returns a cluster per point. */
function kMeans(points: [number, number][], k: number, rng: SeededRandom): number[] {
  const centres: [number, number][] = [points[rng.int(0, points.length - 1)]];
  while (centres.length < k) {
    const d2 = points.map((p) => Math.min(...centres.map((c) => dist(p, c) ** 2)));
    centres.push(points[rng.weightedIndex(d2)]);
  }
  let assignment = points.map(() => 0);
  for (let iter = 0; iter < 50; iter++) {
    const next = points.map((p) => {
      let best = 0;
      for (let c = 1; c < k; c++) if (dist(p, centres[c]) < dist(p, centres[best])) best = c;
      return best;
    });
    const stable = next.every((c, i) => c === assignment[i]);
    assignment = next;
    for (let c = 0; c < k; c++) {
      const members = points.filter((_, i) => assignment[i] === c);
      if (members.length > 0) centres[c] = mean(members);
    }
    if (stable && iter > 0) break;
  }
  return assignment;
}

/** Unique made-up names from syllable pairs, a few with a direction word (Lor, Kidul, Wetan, Kulon). */
class NameMaker {
  private readonly used = new Set<string>();

  constructor(private readonly rng: SeededRandom) {}

  next(): string {
    for (;;) {
      const prefix = PREFIXES[this.rng.int(0, PREFIXES.length - 1)];
      const suffix = SUFFIXES[this.rng.int(0, SUFFIXES.length - 1)];
      let name = prefix + suffix;
      if (this.rng.float() < 0.12) name += ` ${DIRECTIONS[this.rng.int(0, DIRECTIONS.length - 1)]}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}
