/**
 * The district cell table (`districtCells`) against the hexagon core as it was (`reference.ts`: one H3
 * overlapping cover per desa polygon, every cell clipped, every use recomputed): the same cover pairs and
 * shares, the same hexbins (cells, counts, areas, border flags), the same overlaps and own desa, the same map
 * polygons. On seeded random polygons (stars, holes, multipolygons, slivers, a hole smaller than a cell) and
 * on the real Kendal boundaries (read in place from ../shared/data/kendal; skipped without it).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cellToBoundary, gridDisk } from 'h3-js';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry, DesaCollection, KabupatenCollection } from '../../../src/lib/geo/types.ts';
import { cellDesaOverlaps, cellPrimaryDesa } from '../../../src/lib/hex/cell-desa.ts';
import {
  assembleDistrictCells,
  buildDistrictCells,
  candidateCells,
  candidateRuns,
  cellRows,
  cellRowsBuffers,
  districtCells,
  districtCellsShared,
  type CellRowsHelper,
} from '../../../src/lib/hex/district-cells.ts';
import {
  packCellDistrict,
  prepareHexDistrict,
  unpackCellDistrict,
  type HexDistrict,
} from '../../../src/lib/hex/district.ts';
import { hexLayerFromBins } from '../../../src/lib/hex/hex-layer.ts';
import { hexbinsFromDesaCounts } from '../../../src/lib/hex/hexbins.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { apportion } from '../../../src/lib/synth/apportion.ts';
import { referenceCellDesa, referenceCover, referenceDesaHexbins } from './reference.ts';

type Ring = [number, number][];

/** A star-shaped (hence simple) closed ring around (x, y): k vertices at radii in [lo·r, hi·r]. */
function star(
  random: SeededRandom,
  x: number,
  y: number,
  r: number,
  k: number,
  lo: number,
  hi: number,
): Ring {
  const ring: Ring = [];
  for (let i = 0; i < k; i++) {
    const a = (2 * Math.PI * i) / k;
    const rr = r * (lo + (hi - lo) * random.float());
    ring.push([x + rr * Math.cos(a), y + rr * Math.sin(a)]);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/** Seeded random desa around 110.0° E 7.0° S over `span` degrees and an outline covering part of them. */
function randomDistrict(seed: number, span = 0.06): HexDistrict {
  const random = new SeededRandom(seed);
  const x0 = 110;
  const y0 = -7;
  const desa: AreaGeometry[] = [];
  for (let i = 0; i < 14; i++) {
    const x = x0 + span * random.float();
    const y = y0 + span * random.float();
    const r = 0.003 + 0.012 * random.float();
    const shell = star(random, x, y, r, random.int(5, 25), 0.6, 1);
    const kind = i % 5;
    if (kind === 1)
      // a hole well inside the shell
      desa.push({ type: 'Polygon', coordinates: [shell, star(random, x, y, r, random.int(4, 9), 0.1, 0.4)] });
    else if (kind === 2)
      // a hole smaller than a resolution-9 cell
      desa.push({ type: 'Polygon', coordinates: [shell, star(random, x, y, 0.0006, 6, 0.5, 1)] });
    else if (kind === 3)
      desa.push({
        type: 'MultiPolygon',
        coordinates: [[shell], [star(random, x + 2.5 * r, y, r / 2, random.int(5, 12), 0.6, 1)]],
      });
    else if (kind === 4) {
      // a sliver: a triangle 10⁻⁷° wide
      desa.push({
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + r, y + r],
            [x + r + 1e-7, y + r],
            [x, y],
          ],
        ],
      });
    } else desa.push({ type: 'Polygon', coordinates: [shell] });
  }
  const outline: AreaGeometry = {
    type: 'Polygon',
    coordinates: [star(random, x0 + span / 2, y0 + span / 2, span / 2, 40, 0.7, 1)],
  };
  return prepareHexDistrict(outline, desa);
}

/** Seeded counts, some desa empty. */
function randomCounts(random: SeededRandom, nDesa: number): Uint32Array {
  return new Uint32Array(nDesa * 10).map((_, i) => (Math.floor(i / 10) % 4 === 3 ? 0 : random.int(0, 40)));
}

/** Every comparison of the table path with the reference on one district and resolution. */
function compareWithReference(district: HexDistrict, res: 7 | 8 | 9, seed: number) {
  const all = district.desa.map((_, d) => d);
  // a fresh table (not the cached one another test may have built)
  const table = buildDistrictCells(district, res);
  const ref = referenceCover(district, all, res);
  expect(Array.from(table.coverOffsets), 'cover offsets').toEqual(ref.offsets);
  expect(
    Array.from(table.coverCell, (c) => table.cells[c]),
    'cover cells',
  ).toEqual(ref.cells);
  expect(Array.from(table.coverShare), 'cover shares').toEqual(ref.share);

  const random = new SeededRandom(seed);
  const counts = randomCounts(random, all.length);
  const bins = hexbinsFromDesaCounts(district, counts, res);
  const expected = referenceDesaHexbins(district, counts, res);
  expect(bins.cells, 'cells').toEqual(expected.cells);
  expect(Array.from(bins.desil), 'counts').toEqual(expected.desil);
  expect(Array.from(bins.areaKm2), 'areas').toEqual(expected.areaKm2);
  expect(Array.from(bins.border), 'border').toEqual(expected.border);

  // overlaps from the table, for the table's cells and for cells around them it lacks
  const extra = [...new Set(bins.cells.slice(0, 40).flatMap((c) => gridDisk(c, 3)))].sort();
  const cells = [...new Set([...table.cells, ...extra])].sort();
  const overlaps = cellDesaOverlaps(cells, district);
  const refOverlaps = referenceCellDesa(cells, district);
  expect(Array.from(overlaps.offsets), 'overlap offsets').toEqual(refOverlaps.offsets);
  expect(Array.from(overlaps.desa), 'overlap desa').toEqual(refOverlaps.desa);
  expect(Array.from(overlaps.share), 'overlap shares').toEqual(refOverlaps.share);
  expect(Array.from(overlaps.primary), 'own desa').toEqual(refOverlaps.primary);
  expect(Array.from(cellPrimaryDesa(cells, district)), 'own desa alone').toEqual(refOverlaps.primary);

  const layer = hexLayerFromBins(district, {
    a: bins,
    b: hexbinsFromDesaCounts(
      district,
      counts.map((v) => v >> 1),
      res,
    ),
  });
  expect(Array.from(layer.primaryDesa), 'layer own desa').toEqual(
    referenceCellDesa(layer.cells, district).primary,
  );
  // the map's GeoJSON text: one closed ring per cell, in cells order, to 1e-7 degree, inside its bounds
  const fc = JSON.parse(Buffer.concat(layer.geojsonParts).toString('utf8')) as {
    features: { properties: { cell: string }; geometry: { coordinates: number[][][] } }[];
  };
  const round = (ring: number[][]) => ring.map(([x, y]) => [Number(x.toFixed(7)), Number(y.toFixed(7))]);
  expect(
    fc.features.map((f) => f.properties.cell),
    'map cells',
  ).toEqual(layer.cells);
  expect(
    fc.features.map((f) => f.geometry.coordinates[0]),
    'map polygons',
  ).toEqual(layer.cells.map((c) => round(cellToBoundary(c, true))));
  layer.cells.forEach((c, i) => {
    const [minX, minY, maxX, maxY] = layer.cellBounds.subarray(i * 4, i * 4 + 4);
    for (const [x, y] of cellToBoundary(c, true))
      expect(x >= minX && x <= maxX && y >= minY && y <= maxY, `bounds of ${c}`).toBe(true);
  });
}

describe('district cell table = the former per-desa cover', () => {
  it('on seeded random polygons (holes, multipolygons, slivers, a hole inside one cell), resolutions 7–9', () => {
    for (const seed of [1, 2, 3]) {
      const district = randomDistrict(seed);
      for (const res of [7, 8, 9] as const) compareWithReference(district, res, seed * 10 + res);
    }
  }, 120_000);

  it('the table is built once per district and resolution', () => {
    const district = randomDistrict(4);
    expect(districtCells(district, 9)).toBe(districtCells(district, 9));
    const res8 = districtCells(district, 8);
    districtCells(district, 7);
    expect(districtCells(district, 8)).toBe(res8);
  });
});

describe('the cell table built in parts (two threads) = built in one', () => {
  /** Desa spread over 0.4°, so that their candidates come from several runs of tiles. */
  const spread = (seed: number) => randomDistrict(seed, 0.4);

  /** A helper as the app's hex-cells Worker is: the district packed, cloned across, unpacked; rows transferred. */
  function cloningHelper(district: HexDistrict, calls: [number, number][] = []): CellRowsHelper {
    const copy = unpackCellDistrict(structuredClone(packCellDistrict(district)));
    return {
      ready: async () => undefined,
      rows: async (res, part, parts) => {
        calls.push([part, parts]);
        const rows = cellRows(copy, candidateCells(copy, res, part, parts), res);
        return structuredClone(rows, { transfer: cellRowsBuffers(rows) });
      },
    };
  }

  it('the candidates of the parts of the runs together are the candidates', () => {
    for (const seed of [1, 2, 3]) {
      const district = spread(seed);
      for (const res of [7, 8, 9] as const) {
        expect(candidateRuns(district, res).length, 'runs to share').toBeGreaterThanOrEqual(3);
        const all = candidateCells(district, res).sort();
        for (const parts of [2, 3, 5]) {
          const union = new Set(
            Array.from({ length: parts }, (_, p) => candidateCells(district, res, p, parts)).flat(),
          );
          expect([...union].sort(), `seed ${seed} res ${res} in ${parts}`).toEqual(all);
        }
      }
    }
  });

  it('any split of the candidates into parts, overlapping or not, in any order, assembles to the same table', () => {
    const random = new SeededRandom(91);
    for (const seed of [1, 2, 3, 5]) {
      const district = spread(seed);
      for (const res of [7, 8, 9] as const) {
        const whole = buildDistrictCells(district, res);
        const candidates = candidateCells(district, res);
        for (let round = 0; round < 4; round++) {
          const k = random.int(1, 5);
          const parts: string[][] = Array.from({ length: k }, () => []);
          // each cell in one part, some in a second one too (as neighbouring runs share their margins)
          for (const c of candidates) {
            parts[random.int(0, k - 1)].push(c);
            if (random.float() < 0.1) parts[random.int(0, k - 1)].push(c);
          }
          const rows = parts.map((p) => cellRows(district, [...new Set(p)], res));
          expect(
            assembleDistrictCells(district, res, rows),
            `seed ${seed} res ${res} round ${round}`,
          ).toEqual(whole);
        }
      }
    }
  }, 120_000);

  it('with a helper holding a cloned district, with one that fails to start, and with one that fails', async () => {
    for (const seed of [1, 6]) {
      for (const res of [8, 9] as const) {
        const whole = buildDistrictCells(spread(seed), res);
        const d1 = spread(seed);
        const calls: [number, number][] = [];
        const shared = await districtCellsShared(d1, res, cloningHelper(d1, calls), 0);
        expect(calls, 'the helper did one part of two').toEqual([[0, 2]]);
        expect(shared).toEqual(whole);
        expect(districtCells(d1, res), 'cached').toBe(shared);
        const failing = (ready: boolean): CellRowsHelper => ({
          ready: () => (ready ? Promise.resolve() : Promise.reject(new Error('no worker'))),
          rows: () => Promise.reject(new Error('lost')),
        });
        expect(await districtCellsShared(spread(seed), res, failing(false), 0)).toEqual(whole);
        expect(await districtCellsShared(spread(seed), res, failing(true), 0)).toEqual(whole);
      }
    }
  }, 120_000);

  it('below the threshold the helper is not started', async () => {
    const district = spread(2);
    let started = false;
    const table = await districtCellsShared(district, 8, {
      ready: async () => {
        started = true;
      },
      rows: async (res, part, parts) => cellRows(district, candidateCells(district, res, part, parts), res),
    });
    expect(started).toBe(false);
    expect(table).toEqual(buildDistrictCells(district, 8));
  });
});

describe('apportion: few leftover units by selection', () => {
  it('gives the parts of a full sort of the remainders (ties to the lower index)', () => {
    const random = new SeededRandom(77);
    for (let round = 0; round < 2000; round++) {
      const n = random.int(1, 30);
      // coarse weights make ties frequent
      const weights = Array.from({ length: n }, () => random.int(0, 4));
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      const total = random.int(0, 60);
      const parts = apportion(total, weights);
      const sum = weights.reduce((a, b) => a + b, 0);
      const quota = weights.map((w) => (total * w) / sum);
      const floor = quota.map(Math.floor);
      const order = quota
        .map((_, i) => i)
        .sort((a, b) => quota[b] - floor[b] - (quota[a] - floor[a]) || a - b);
      const expected = [...floor];
      let given = floor.reduce((a, b) => a + b, 0);
      for (let k = 0; given < total; k++, given++) expected[order[k % n]]++;
      expect(Array.from(parts), `round ${round}`).toEqual(expected);
    }
  });
});

const KENDAL = path.resolve(import.meta.dirname, '../../../../shared/data/kendal');
const hasKendal =
  existsSync(path.join(KENDAL, 'desa.geojson')) && existsSync(path.join(KENDAL, 'kabupaten.geojson'));
if (!hasKendal)
  console.warn(
    `[hex tests] ${KENDAL} not found: the cell table is not compared on the real Kendal boundaries`,
  );

describe.skipIf(!hasKendal)('district cell table on the real Kendal boundaries', () => {
  it('equals the former per-desa cover, hexbins and overlaps at resolutions 7–9', () => {
    const desa = (JSON.parse(readFileSync(path.join(KENDAL, 'desa.geojson'), 'utf8')) as DesaCollection)
      .features;
    const kab = (
      JSON.parse(readFileSync(path.join(KENDAL, 'kabupaten.geojson'), 'utf8')) as KabupatenCollection
    ).features[0];
    const district = prepareHexDistrict(
      kab.geometry,
      desa.map((d) => d.geometry),
    );
    for (const res of [7, 8, 9] as const) compareWithReference(district, res, res);
  }, 300_000);
});
