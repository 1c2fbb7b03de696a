/**
 * The stability job of the analysis engine (the app's Worker): it reruns the pocket answer the page has, gives
 * the same shares as the core, answers other requests between its reruns (so the map stays responsive), and
 * stops when a newer stability request arrives.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DesaCollection, KabupatenCollection, KecamatanCollection } from '../../../src/lib/geo/types.ts';
import { DEFAULT_VIEW } from '../../../src/lib/params/view.ts';
import { analyseDesaPockets } from '../../../src/lib/pockets/desa-pockets.ts';
import { pocketStability } from '../../../src/lib/pockets/stability.ts';
import { calibrationProfile } from '../../../src/lib/synth/calibration.ts';
import { generateHouseholds } from '../../../src/lib/synth/households.ts';
import { aggregatePeriods } from '../../../src/lib/synth/summary.ts';
import { buildWeights } from '../../../src/lib/weights/build.ts';
import { pocketRequestOf, stabilityRequestOf } from '../../../src/state/analysis-requests.ts';
import { createAnalysisApi, StabilitySuperseded } from '../../../src/worker/analysis-api.ts';

const DEMO = path.resolve('public/geo/demo');
const read = <T>(name: string) => JSON.parse(readFileSync(path.join(DEMO, name), 'utf8')) as T;

const geometry = {
  desa: read<DesaCollection>('desa.json'),
  kecamatan: read<KecamatanCollection>('kecamatan.json'),
  kabupaten: read<KabupatenCollection>('kabupaten.json'),
};
// desa counts in the order of desa.json (the engine's), one period
let counts: Uint32Array;
beforeAll(() => {
  const synth = generateHouseholds('99.99', geometry.desa.features, calibrationProfile('99.99'), {
    households: 12_000,
    seed: 7,
    periods: ['2025-Q3'],
    geotagShare: 0,
  });
  const agg = aggregatePeriods(synth)[0];
  const position = new Map(synth.desa.map((f, i) => [f.properties.kode_desa, i]));
  counts = new Uint32Array(geometry.desa.features.length * 10);
  geometry.desa.features.forEach((f, d) => {
    const s = position.get(f.properties.kode_desa)!;
    counts.set(agg.perDesil.subarray(s * 10, s * 10 + 10), d * 10);
  });
});

/** The request of the pocket list for a view patch (one-desa pockets: the demo's planted pockets are small). */
const request = (patch: Partial<typeof DEFAULT_VIEW> = {}) =>
  pocketRequestOf(
    { datasetKey: 'demo|1', unit: 'desa', periode: '2025-Q3', desaCounts: counts, bins: null },
    { ...DEFAULT_VIEW, minUnits: 1, minHouseholds: 0, pockets: true, ...patch },
  );

describe('the stability job of the analysis engine', () => {
  it('reruns the pockets of the answer, with the shares the core gives', async () => {
    const engine = createAnalysisApi();
    engine.setDistrict(geometry);
    const req = request();
    const answer = await engine.pockets(req.request);
    expect(answer.pockets.length).toBeGreaterThan(0);
    const s = await engine.pocketStability(stabilityRequestOf(req, 20).request);
    const weights = buildWeights(
      { kind: 'tolerant', toleranceMetres: DEFAULT_VIEW.tolerance },
      geometry.desa.features.map((f) => f.geometry),
    ).weights;
    const core = pocketStability(
      analyseDesaPockets({ desa: geometry.desa.features, desil: counts, weights }, req.request.options),
      20,
    );
    expect(s).toEqual(core);
    expect(s.runs).toBe(20);
  });

  it('answers a pocket request made while it runs first, and stops for a newer stability request', async () => {
    const engine = createAnalysisApi();
    engine.setDistrict(geometry);
    const req = request();
    await engine.pockets(req.request);
    let settled = false;
    const first = engine.pocketStability(stabilityRequestOf(req, 20).request);
    first.then(
      () => (settled = true),
      () => (settled = true),
    );
    // another pocket request (the user changed α) is answered between the reruns
    const other = request({ alpha: 0.01 });
    await engine.pockets(other.request);
    expect(settled).toBe(false);
    // a newer stability request supersedes the running one
    const second = engine.pocketStability(stabilityRequestOf(other, 5).request);
    await expect(first).rejects.toBeInstanceOf(StabilitySuperseded);
    const s = await second;
    expect(s.runs).toBe(5);
  });
});
