/**
 * `npm run bench -- priority`: what a slider move costs in the Prioritas mode, and the robustness run.
 *
 * - index + rank + selection + coverage (`rankDesa`) and the published rows (`publishRanking`) after a weight
 *   change, for Kendal's 286 desa (the committed synthetic aggregate, or the demo district) and for 8,563
 *   made-up desa (the size of all Jawa Tengah);
 * - the robustness of the shortlist with 1,000 Dirichlet draws (`shortlistRobustness`, what the Worker runs).
 *
 * Medians of several runs after a warm-up; printed, never asserted. Budgets (issue 12): under 16 ms for 286
 * desa and under 100 ms for 8,563 per slider move; robustness under 200 ms for Kendal.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDesaAggregateTable } from '../src/lib/aggregate/desa-aggregate-table.ts';
import { DESIL_COUNT } from '../src/lib/hex/types.ts';
import { unitsFromDesaRows, type UnitData } from '../src/lib/indicators/units.ts';
import { priorityValues } from '../src/lib/priority/indicators.ts';
import { rankDesa, type RankedDesa } from '../src/lib/priority/ranking.ts';
import { shortlistRobustness } from '../src/lib/priority/robustness.ts';
import { scenarioFromPreset, type Scenario } from '../src/lib/priority/scenario.ts';
import { publishRanking } from '../src/lib/publish/ranking.ts';
import { publishUnits } from '../src/lib/publish/units.ts';
import { SeededRandom } from '../src/lib/random.ts';
import type { DesaCollection } from '../src/lib/geo/types.ts';

const root = path.resolve(import.meta.dirname, '..');

function median(fn: () => void, repeats = 15): number {
  fn();
  const runs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

interface District {
  label: string;
  desa: RankedDesa[];
  units: UnitData[];
  area: number[];
  period: string;
}

function kendal(): District {
  const folder = existsSync(path.join(root, 'public/geo/33.24/desa.json')) ? '33.24' : 'demo';
  const desa: DesaCollection = JSON.parse(
    readFileSync(path.join(root, `public/geo/${folder}/desa.json`), 'utf8'),
  );
  const kab = desa.features[0].properties.kode_kab;
  const table = parseDesaAggregateTable(
    readFileSync(path.join(root, `public/data/${folder}/sintetis-agregat-desa-${kab}.csv`), 'utf8'),
  );
  const props = desa.features.map((f) => f.properties);
  return {
    label: `${props[0].nama_kab} (${props.length} desa)`,
    desa: props,
    units: unitsFromDesaRows(
      table.rows,
      props.map((p) => ({ kode: p.kode_desa, luas_km2: p.luas_km2 })),
    ),
    area: props.map((p) => p.luas_km2),
    period: table.periods.at(-1)!,
  };
}

/** 8,563 made-up desa in 576 kecamatan with seeded counts (only the sizes matter here). */
function province(): District {
  const rng = new SeededRandom(7);
  const n = 8563;
  const desa: RankedDesa[] = [];
  const units: UnitData[] = [];
  for (let i = 0; i < n; i++) {
    const kec = `33.${String(1 + (i % 35)).padStart(2, '0')}.${String(i % 16).padStart(2, '0')}`;
    const kode = `${kec}.${String(2000 + i).padStart(4, '0')}`;
    desa.push({
      kode_desa: kode,
      nama_desa: `Desa ${i}`,
      kode_kec: kec,
      nama_kec: `Kec ${kec}`,
      jenis: 'desa',
    });
    const desil = Array.from({ length: DESIL_COUNT }, () => rng.int(0, 200));
    units.push({
      kode,
      luas_km2: 1 + rng.float() * 10,
      byPeriod: new Map([
        [
          '2025-Q3',
          { jumlah_kk: desil.reduce((a, b) => a + b, 0), kk_desil: desil, jumlah_jiwa: null, programmes: {} },
        ],
      ]),
    });
  }
  return {
    label: `Jawa Tengah size (${n} desa, made up)`,
    desa,
    units,
    area: units.map((u) => u.luas_km2),
    period: '2025-Q3',
  };
}

function bench(d: District): void {
  const scenario: Scenario = scenarioFromPreset('ekstrem');
  const n = d.units.length;
  const groups = d.desa.map((x) => x.kode_kec);
  const kecIndex = new Map<string, number>();
  const g = groups.map((k) => kecIndex.get(k) ?? (kecIndex.set(k, kecIndex.size), kecIndex.size - 1));
  const households = Uint32Array.from(d.units, (u) => u.byPeriod.get(d.period)?.jumlah_kk ?? 0);
  const desil = new Uint32Array(n * DESIL_COUNT);
  d.units.forEach((u, i) =>
    u.byPeriod.get(d.period)?.kk_desil.forEach((v, q) => (desil[i * DESIL_COUNT + q] = v)),
  );
  const published = publishUnits({ households, desil, groups: g, k: 10 });
  const data = { units: d.units, period: d.period, previous: null, pocket: null };
  let w = 50;
  const move = () => {
    // a slider move: the weights change, everything downstream is recomputed as the app's $derived do
    w = w === 50 ? 60 : 50;
    scenario.indicators[0].weight = w;
    scenario.indicators[1].weight = 100 - w;
    const ranking = rankDesa({
      desa: d.desa,
      units: d.units,
      period: d.period,
      previous: null,
      pocket: null,
      scenario,
    });
    const exact = scenario.indicators.map((i) => priorityValues(i.id, data));
    publishRanking({
      ranking,
      desa: d.desa,
      exact,
      indicators: scenario.indicators,
      published,
      publishedPrevious: null,
      areaKm2: d.area,
      shortlist: null,
      robustness: null,
      target: 'd1',
    });
    return ranking;
  };
  const tMove = median(move);
  const ranking = move();
  const tRank = median(() =>
    rankDesa({ desa: d.desa, units: d.units, period: d.period, previous: null, pocket: null, scenario }),
  );
  const tRobust = median(
    () =>
      shortlistRobustness({
        normalised: ranking.result.normalised,
        weights: scenario.indicators.map((i) => i.weight),
        codes: ranking.scope.map((i) => d.desa[i].kode_desa),
        kecamatan: ranking.scope.map((i) => d.desa[i].kode_kec),
        target: ranking.target,
        rule: scenario.selection,
        spread: scenario.spread,
        draws: 1000,
        seed: 1,
      }),
    5,
  );
  console.log(`${d.label}`);
  console.log(`  slider move (index, rank, selection, coverage, published rows): ${tMove.toFixed(1)} ms`);
  console.log(`    of which rankDesa: ${tRank.toFixed(1)} ms`);
  console.log(`  robustness, 1,000 draws: ${tRobust.toFixed(0)} ms`);
}

bench(kendal());
bench(province());
