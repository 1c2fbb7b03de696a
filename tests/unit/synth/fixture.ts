import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Position } from 'geojson';
import { area as turfArea } from '@turf/area';
import type { DesaCollection, DesaFeature } from '../../../src/lib/geo/types.ts';

/** Folder of the real Kendal boundaries beside the repository (absent in clones outside the team). */
export const KENDAL_DIR = path.resolve(import.meta.dirname, '../../../../shared/data/kendal');
export const KENDAL_DESA = path.join(KENDAL_DIR, 'desa.geojson');
export const hasKendal = existsSync(KENDAL_DESA);
if (!hasKendal)
  console.warn(`[synth tests] ${KENDAL_DESA} not found: tests on the real Kendal boundaries are skipped`);

/** The 286 real Kendal desa, read in place. */
export function kendalDesa(): DesaFeature[] {
  return (JSON.parse(readFileSync(KENDAL_DESA, 'utf8')) as DesaCollection).features;
}

export interface GridKecamatan {
  kode: string;
  nama: string;
  /** Make the desa of this kecamatan kelurahan. */
  kelurahan?: boolean;
}

/**
 * A small in-memory district: kecamatan blocks of 3×3 square desa (`sizeKm` wide) laid out in rows of
 * `perRow`, near Kendal's latitude. Desa 5 of the first block has a hole (a gap no desa covers) and desa 9 of
 * the last block is a MultiPolygon with a detached 0.4 km part, as real boundary files have.
 */
export function gridDistrict(
  kodeKab: string,
  kecamatan: readonly GridKecamatan[],
  { sizeKm = 2, perRow = 3 } = {},
): DesaFeature[] {
  const lon0 = 110.0;
  const lat0 = -6.95;
  const dLat = sizeKm / 110.574;
  const dLon = sizeKm / (111.32 * Math.cos((lat0 * Math.PI) / 180));
  const features: DesaFeature[] = [];
  kecamatan.forEach((kec, b) => {
    const bx = (b % perRow) * 3;
    const by = Math.floor(b / perRow) * 3;
    for (let j = 0; j < 9; j++) {
      const x = lon0 + (bx + (j % 3)) * dLon;
      const y = lat0 - (by + Math.floor(j / 3)) * dLat;
      const square = (x0: number, y0: number, w: number, h: number): Position[] => [
        [x0, y0],
        [x0 + w, y0],
        [x0 + w, y0 - h],
        [x0, y0 - h],
        [x0, y0],
      ];
      let geometry: DesaFeature['geometry'] = { type: 'Polygon', coordinates: [square(x, y, dLon, dLat)] };
      if (b === 0 && j === 4) {
        const hole = square(x + dLon * 0.3, y - dLat * 0.3, dLon * 0.4, dLat * 0.4).reverse();
        geometry = { type: 'Polygon', coordinates: [square(x, y, dLon, dLat), hole] };
      }
      if (b === kecamatan.length - 1 && j === 8) {
        const part = square(x + dLon * 1.2, y, dLon * 0.2, dLat * 0.2);
        geometry = { type: 'MultiPolygon', coordinates: [[square(x, y, dLon, dLat)], [part]] };
      }
      const kode_desa = `${kec.kode}.${kec.kelurahan ? 1 : 2}${String(j + 1).padStart(3, '0')}`;
      features.push({
        type: 'Feature',
        geometry,
        properties: {
          kode_desa,
          nama_desa: `Desa ${kec.nama} ${j + 1}`,
          kode_kec: kec.kode,
          nama_kec: kec.nama,
          kode_kab: kodeKab,
          nama_kab: `Kabupaten Uji ${kodeKab}`,
          jenis: kec.kelurahan ? 'kelurahan' : 'desa',
          luas_km2: turfArea(geometry) / 1e6,
        },
      });
    }
  });
  return features;
}

/** Grid district coded as Kendal: three kecamatan with census figures and two without (one urban). */
export const KENDAL_GRID: GridKecamatan[] = [
  { kode: '33.24.01', nama: 'Plantungan' },
  { kode: '33.24.07', nama: 'Boja' },
  { kode: '33.24.08', nama: 'Kaliwungu' },
  { kode: '33.24.12', nama: 'Weleri' },
  { kode: '33.24.15', nama: 'Kendal', kelurahan: true },
  { kode: '33.24.05', nama: 'Singorojo' },
];

/** A district with no profile of its own (generic calibration). */
export const GENERIC_GRID: GridKecamatan[] = [
  { kode: '91.71.01', nama: 'Satu' },
  { kode: '91.71.02', nama: 'Dua' },
  { kode: '91.71.03', nama: 'Tiga', kelurahan: true },
  { kode: '91.71.04', nama: 'Empat' },
];

/** Rook neighbours of a `gridDistrict` desa, found by the positions of their squares' top-left corners. */
export function gridNeighbours(desa: readonly DesaFeature[]): number[][] {
  const square = (f: DesaFeature) =>
    f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
  const key = (x: number, y: number) => `${x.toFixed(6)},${y.toFixed(6)}`;
  const index = new Map(desa.map((f, i) => [key(square(f)[0][0], square(f)[0][1]), i]));
  return desa.map((f) => {
    const ring = square(f);
    const [x, y] = ring[0];
    const w = ring[1][0] - x;
    const h = y - ring[2][1];
    return [key(x + w, y), key(x - w, y), key(x, y - h), key(x, y + h)]
      .map((k) => index.get(k))
      .filter((v): v is number => v !== undefined);
  });
}

/**
 * Global Moran's I with binary weights (Moran 1950): I = (n / S₀) · Σᵢⱼ wᵢⱼ zᵢ zⱼ / Σᵢ zᵢ², zᵢ = xᵢ − x̄.
 * Computed here only to check that the generator clusters; the project's own Moran lives in src/lib/stats.
 */
export function moranI(x: readonly number[], neighbours: readonly number[][]): number {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const z = x.map((v) => v - mean);
  let s0 = 0;
  let num = 0;
  neighbours.forEach((js, i) => {
    for (const j of js) {
      s0++;
      num += z[i] * z[j];
    }
  });
  const den = z.reduce((a, v) => a + v * v, 0);
  return (n / s0) * (num / den);
}
