/**
 * `npm run bench`: runs every `scripts/bench-*.ts` (or those named on the command line, e.g.
 * `npm run bench -- synth stats`) one after another in its own process, so one benchmark's heap and JIT
 * state do not colour the next. Options after the names go to each benchmark named
 * (`npm run bench -- aggregate --national-parquet 94000000 --dir /data`). Benchmarks print figures; they never
 * fail a build on timings.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('--'));
const wanted = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
const scripts = readdirSync(import.meta.dirname)
  .filter((f) => /^bench-.+\.ts$/.test(f))
  .filter((f) => wanted.length === 0 || wanted.includes(f.slice('bench-'.length, -'.ts'.length)))
  .sort();
if (scripts.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ')}`);
  process.exit(1);
}
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== ${script} ===`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, script), ...options],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
