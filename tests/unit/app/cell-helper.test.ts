/**
 * The analysis engine with a second thread for hexagon cell tables (`spawnCellHelper`, the app's
 * hex-cells Worker), on the committed demo district: the same hexagon layer and pockets as one thread alone;
 * a helper is started for each table built, only for a table at least `shareMinCells` big, and stopped
 * when it is done; a helper that fails changes nothing but the time. The helper here runs in this
 * thread but receives the district the way the Worker does (packed, cloned, unpacked), and hexagon
 * requests read only the desa and the outline.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  candidateCells,
  cellRows,
  cellRowsBuffers,
  type CellDistrict,
} from '../../../src/lib/hex/district-cells.ts';
import { unpackCellDistrict } from '../../../src/lib/hex/district.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { createAnalysisApi, type CellHelper } from '../../../src/worker/analysis-api.ts';

const GEO = path.resolve(import.meta.dirname, '../../../public/geo');
const read = async (_base: string, folder: string, name: string) =>
  readFileSync(path.join(GEO, folder, name), 'utf8');
const desaCount = (
  JSON.parse(readFileSync(path.join(GEO, 'demo', 'desa.json'), 'utf8')) as { features: unknown[] }
).features.length;

/** Seeded desil counts per desa (row-major, 10 per desa). */
function counts(seed: number): Uint32Array {
  const random = new SeededRandom(seed);
  return Uint32Array.from({ length: desaCount * 10 }, () => random.int(0, 30));
}

/** Helpers started so far, with what each was asked. */
function helperSpawner(fail = false) {
  const started: { loads: number; rows: [number, number, number][]; terminated: boolean }[] = [];
  const spawn = (): CellHelper => {
    const log = { loads: 0, rows: [] as [number, number, number][], terminated: false };
    started.push(log);
    let district: CellDistrict | null = null;
    return {
      load: async (packed) => {
        log.loads++;
        district = unpackCellDistrict(structuredClone(packed));
      },
      rows: async (res, part, parts) => {
        log.rows.push([res, part, parts]);
        if (fail || !district) throw new Error('helper lost');
        const rows = cellRows(district, candidateCells(district, res, part, parts), res);
        return structuredClone(rows, { transfer: cellRowsBuffers(rows) });
      },
      terminate: () => {
        log.terminated = true;
      },
    };
  };
  return { spawn, started };
}

const request = (res: number) => ({
  datasetKey: 'demo|1',
  res,
  desaCounts: { '2025-03': counts(1), '2025-09': counts(2) },
  bins: null,
});

/** The layer without its Blob, with the Blob's text. */
async function comparable(layer: Awaited<ReturnType<ReturnType<typeof createAnalysisApi>['hexLayer']>>) {
  const { geojson, ...rest } = layer;
  return { ...rest, geojson: await geojson.text() };
}

describe('the analysis engine with a cell-table helper thread', () => {
  it('gives the same hexagon layer and pockets, with one helper per table built, stopped after it', async () => {
    const reads: string[] = [];
    const alone = createAnalysisApi(read);
    const { spawn, started } = helperSpawner();
    const shared = createAnalysisApi(
      async (base, folder, name) => {
        reads.push(name);
        return read(base, folder, name);
      },
      spawn,
      0,
    );
    alone.loadDistrict('http://localhost/', 'demo');
    shared.loadDistrict('http://localhost/', 'demo');
    for (const res of [8, 9]) {
      expect(await comparable(await shared.hexLayer(request(res))), `res ${res}`).toEqual(
        await comparable(await alone.hexLayer(request(res))),
      );
    }
    // one helper per table built, sent the district once, stopped when its table was done
    expect(started.map((h) => [h.loads, h.rows, h.terminated])).toEqual([
      [1, [[8, 0, 2]], true],
      [1, [[9, 0, 2]], true],
    ]);
    // hexagons read the desa and the outline, not the kecamatan
    expect(reads.sort()).toEqual(['desa.json', 'kabupaten.json']);
    const pockets = {
      datasetKey: 'demo|1',
      unit: 'hex' as const,
      res: 7,
      periode: '2025-03',
      desaCounts: counts(1),
      bins: null,
      toleranceMetres: 5,
      options: {},
    };
    expect(await shared.pockets(pockets)).toEqual(await alone.pockets(pockets));
    expect(started[2].rows).toEqual([[7, 0, 2]]);
    // a cached table needs no helper
    await shared.hexLayer(request(9));
    expect(started).toHaveLength(3);
    // another district: two requests at once build one table, with one helper
    shared.loadDistrict('http://localhost/', 'demo');
    const [layer, hexPockets] = await Promise.all([
      shared.hexLayer(request(8)),
      shared.pockets({ ...pockets, res: 8 }),
    ]);
    expect(layer.resolution).toBe(8);
    expect(hexPockets).toEqual(await alone.pockets({ ...pockets, res: 8 }));
    expect(started).toHaveLength(4);
    expect(started[3].rows).toEqual([[8, 0, 2]]);
  }, 120_000);

  it('a helper that fails leaves the same layer; below the threshold no helper is started', async () => {
    const alone = createAnalysisApi(read);
    alone.loadDistrict('http://localhost/', 'demo');
    const failing = helperSpawner(true);
    const withFailing = createAnalysisApi(read, failing.spawn, 0);
    withFailing.loadDistrict('http://localhost/', 'demo');
    expect(await comparable(await withFailing.hexLayer(request(8)))).toEqual(
      await comparable(await alone.hexLayer(request(8))),
    );
    expect(failing.started[0].rows).toEqual([[8, 0, 2]]);
    const unused = helperSpawner();
    const withDefault = createAnalysisApi(read, unused.spawn);
    withDefault.loadDistrict('http://localhost/', 'demo');
    await withDefault.hexLayer(request(9));
    expect(unused.started, 'the demo district is far below the default threshold').toHaveLength(0);
  }, 120_000);
});
