/**
 * `npx tsx scripts/bench-import.ts [--households 300000] [--large 3000000] [--runs 3]` (also `npm run bench --
 * import`): times the import of a synthetic Kendal household extract (read + detect + map + join + aggregate,
 * `importFile` of `src/lib/import`) against a bare papaparse parse of the same bytes, and prints rows/s, the
 * ratio and peak memory. Each measurement runs in its own process so peak RSS belongs to that step alone.
 *
 * Cases: `bare` = strict UTF-8 decode + `Papa.parse(text)` (default options, the whole result in memory);
 * `bare-step` = the same with a `step` callback (nothing kept); `import` = `importFile` with the proposed mapping;
 * `import+key` = the same with NO_KK hashed as the household key. The large case (default 3,000,000 rows, about
 * 650 MB) cannot be one JavaScript string (V8's limit is ~512 MiB), so its bare parse streams the file through
 * papaparse's Node stream input instead. `--large 0` skips it.
 *
 * `--cases import,import-xlsx,bomb` runs only those (the bare parse always runs: it is the reference).
 * Workbooks (`--xlsx 0` skips them): the same households as an XLSX workbook (shared strings, numbers as
 * numbers, as Excel saves a DT-SEN extract), imported the same way (`import-xlsx`: inspection + import), with its
 * time and peak RSS; and two decompression bombs (`bomb-1g`: about 1 MB inflating to 1 GiB, `bomb-2.6g`: a few MB
 * inflating to 2.6 GB), each refused in one line: the time to refuse and the peak RSS are printed.
 *
 * Boundaries: public/geo/33.24/desa.json when built, else ../shared/data/kendal/desa.geojson read in place.
 * Files go to .bench/import/ (git-ignored) and are removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { kendalProfile } from '../src/lib/synth/calibration.ts';
import { householdFileName } from '../src/lib/synth/csv-format.ts';
import { generateHouseholds } from '../src/lib/synth/households.ts';
import { ImportError, importFile, inspectFile } from '../src/lib/import/index.ts';
import { statSync } from 'node:fs';
import { csvToXlsx, writeBomb } from './xlsx-files.ts';
import { writeHouseholdFile } from '../src/node/synth-files.ts';
import { loadDesaFile, provinceName } from '../src/node/synth-geo.ts';

const { values } = parseArgs({
  options: {
    households: { type: 'string', default: '300000' },
    large: { type: 'string', default: '3000000' },
    runs: { type: 'string', default: '3' },
    measure: { type: 'string' },
    file: { type: 'string' },
    boundaries: { type: 'string' },
    xlsx: { type: 'string', default: '1' },
    cases: { type: 'string' },
  },
});

const candidates = [
  path.resolve('public/geo/33.24/desa.json'),
  path.resolve('../shared/data/kendal/desa.geojson'),
];

/** One measurement in this (child) process: prints `{ ms: number[], rows, maxRssMb }` as JSON. */
async function measure(kind: string, file: string, runs: number, boundaries: string): Promise<void> {
  const desa = (await loadDesaFile(boundaries, '33.24')).map((f) => f.properties);
  const ms: number[] = [];
  let rows = 0;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    if (kind === 'bare' || kind === 'bare-step') {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
      if (kind === 'bare') rows = Papa.parse<string[]>(text).data.length;
      else {
        rows = 0;
        Papa.parse<string[]>(text, { step: () => void rows++ });
      }
    } else if (kind === 'bare-stream') {
      rows = await new Promise<number>((resolve, reject) => {
        let n = 0;
        Papa.parse(createReadStream(file, { encoding: 'utf8' }), {
          step: () => void n++,
          complete: () => resolve(n),
          error: reject,
        });
      });
    } else if (kind === 'bomb') {
      const bytes = readFileSync(file);
      try {
        await importFile(bytes, { fileName: path.basename(file), kodeKab: '33.24', desa });
        throw new Error('the bomb was not refused');
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        process.stderr.write(`${error.message}\n`);
      }
      rows = 0;
    } else {
      const bytes = readFileSync(file);
      const fileName = path.basename(file);
      const mapping = structuredClone(
        (await inspectFile(bytes, fileName, { desa, kodeKab: '33.24' })).proposal.mapping,
      );
      if (kind === 'import+key') mapping.fields.kunci_keluarga = 'NO_KK';
      const result = await importFile(bytes, {
        fileName,
        kodeKab: '33.24',
        desa,
        mapping,
        salt: 'bench-salt-not-secret',
      });
      rows = result.report.rows_read;
    }
    ms.push(performance.now() - t0);
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ms, rows, maxRssMb })}\n`);
}

function child(
  kind: string,
  file: string,
  runs: number,
  boundaries: string,
): { ms: number[]; rows: number; maxRssMb: number } {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      import.meta.filename,
      '--measure',
      kind,
      '--file',
      file,
      '--runs',
      String(runs),
      '--boundaries',
      boundaries,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string);
}

async function makeFile(boundaries: string, households: number, dir: string): Promise<string> {
  const desa = await loadDesaFile(boundaries, '33.24');
  const district = generateHouseholds('33.24', desa, kendalProfile, {
    households,
    seed: 1,
    periods: ['2025-Q1'],
    geotagShare: 0.85,
  });
  const file = path.join(dir, householdFileName('33.24', '2025-Q1'));
  await writeHouseholdFile(district, 0, await provinceName('33.24'), file);
  return file;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (values.measure) {
  await measure(values.measure, values.file as string, Number(values.runs), values.boundaries as string);
} else {
  const boundaries = candidates.find((f) => existsSync(f));
  if (!boundaries) {
    process.stderr.write(`bench-import: no Kendal boundaries (looked for ${candidates.join(', ')})\n`);
    process.exit(1);
  }
  const runs = Number(values.runs);
  const sizes = [Number(values.households), Number(values.large)].filter((n) => n > 0);
  for (const households of sizes) {
    const dir = path.resolve('.bench/import', String(households));
    const file = await makeFile(boundaries, households, dir);
    const mb = readFileSync(file).length / 1e6;
    const large = households > 1_000_000;
    const r = large ? 1 : runs;
    process.stdout.write(
      `\nimport of a synthetic Kendal extract: ${households.toLocaleString('en-US')} households, ${mb.toFixed(0)} MB, ` +
        `fastest of ${large ? r : 3 * r} run(s) in ${large ? 1 : 3} interleaved rounds, Node ${process.version}\n`,
    );
    const only = values.cases ? new Set(values.cases.split(',')) : null;
    const cases = (
      large ? ['bare-stream', 'import', 'import+key'] : ['bare', 'bare-step', 'import', 'import+key']
    ).filter((c, i) => i === 0 || !only || only.has(c));
    // The machine is shared: cases run interleaved, round after round, and the fastest run of each is its figure
    // (the least disturbed), with the median beside it.
    const rounds = large ? 1 : 3;
    const results: Record<string, { ms: number[]; rows: number; maxRssMb: number }> = {};
    for (let round = 0; round < rounds; round++)
      for (const c of cases) {
        const x = child(c, file, r, boundaries);
        const e = (results[c] ??= { ms: [], rows: x.rows, maxRssMb: 0 });
        e.ms.push(...x.ms);
        e.maxRssMb = Math.max(e.maxRssMb, x.maxRssMb);
      }
    const base = results[large ? 'bare-stream' : 'bare'];
    for (const c of cases) {
      const m = Math.min(...results[c].ms);
      process.stdout.write(
        `  ${c.padEnd(12)} ${m.toFixed(0).padStart(6)} ms  ${((results[c].rows / m) * 1000).toFixed(0).padStart(8)} rows/s  ` +
          `×${(m / Math.min(...base.ms)).toFixed(2)} of ${large ? 'bare-stream' : 'bare'} (median ×${(median(results[c].ms) / median(base.ms)).toFixed(2)})  peak RSS ${results[c].maxRssMb.toFixed(0)} MB\n`,
      );
    }
    if (!large && values.xlsx !== '0' && (!only || only.has('import-xlsx'))) {
      const xlsx = file.replace(/\.csv$/, '.xlsx');
      await csvToXlsx(file, xlsx);
      const x = child('import-xlsx', xlsx, r, boundaries);
      const m = Math.min(...x.ms);
      process.stdout.write(
        `  ${'import-xlsx'.padEnd(12)} ${m.toFixed(0).padStart(6)} ms  ${((x.rows / m) * 1000).toFixed(0).padStart(8)} rows/s  ` +
          `(${(statSync(xlsx).size / 1e6).toFixed(0)} MB workbook)  peak RSS ${x.maxRssMb.toFixed(0)} MB\n`,
      );
    }
    rmSync(dir, { recursive: true, force: true });
  }
  if (values.xlsx !== '0' && (!values.cases || values.cases.split(',').includes('bomb'))) {
    const dir = path.resolve('.bench/import/bombs');
    mkdirSync(dir, { recursive: true });
    process.stdout.write('\ndecompression bombs (refused in one line; time to refuse and peak RSS):\n');
    for (const [name, bytes] of [
      ['bomb-1g.xlsx', 1 << 30],
      ['bomb-2.6g.xlsx', 2.6e9],
    ] as const) {
      const bomb = path.join(dir, name);
      await writeBomb(bomb, bytes);
      const b = child('bomb', bomb, 1, boundaries);
      process.stdout.write(
        `  ${name.padEnd(16)} ${(statSync(bomb).size / 1e6).toFixed(1)} MB → ${(bytes / 1e9).toFixed(2)} GB inflated: ` +
          `refused after ${b.ms[0].toFixed(0)} ms, peak RSS ${b.maxRssMb.toFixed(0)} MB\n`,
      );
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
