/**
 * `npm run bench -- cli`: the start-up time of the CLI. Times `kantong --help` from the bundle
 * (`node dist-cli/kantong.mjs`), through the launcher that checks the bundle is current
 * (`node scripts/kantong.mjs`, what `npm run kantong` runs after npm's own start-up), and the former
 * `tsx src/cli/kantong.ts`, against bare `node -e 0` on the same machine. Prints the median and the minimum
 * of `--runs` runs each (wall clock of the child process).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error: plain JavaScript module without types
import { ensureCli } from './build-cli.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const root = path.resolve(import.meta.dirname, '..');
await ensureCli();

function time(label: string, args: string[]): void {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`${label}: exit ${r.status}\n${r.stderr}`);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  console.log(
    `${label.padEnd(40)} median ${median.toFixed(0).padStart(5)} ms   min ${ms[0].toFixed(0).padStart(5)} ms`,
  );
}

console.log(`kantong --help start-up, ${runs} runs each (target: under 100 ms)`);
time('node -e 0 (Node itself)', ['-e', '0']);
time('node dist-cli/kantong.mjs --help', ['dist-cli/kantong.mjs', '--help']);
time('node scripts/kantong.mjs --help', ['scripts/kantong.mjs', '--help']);
time('tsx src/cli/kantong.ts --help (before)', ['--import', 'tsx', 'src/cli/kantong.ts', '--help']);
