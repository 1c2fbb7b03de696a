/**
 * `npm run bench -- geo-province`: `npm run geo -- --kab 33` (Jawa Tengah: 35 kabupaten/kota, 8,563 desa) from
 * the local copy of the public source, into a temporary folder. Target: under 60 s on the 2-core machine.
 * Prints the wall time, the CPU time and the command's own step timings.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/geo.ts';
import { buildThreads } from '../src/node/set-build.ts';

const from = path.resolve(import.meta.dirname, '../../shared/data/wilayah_boundaries');
if (!existsSync(path.join(from, 'db/kel/33'))) {
  console.log(`skip: ../shared/data/wilayah_boundaries not found at ${from}`);
  process.exit(0);
}
const out = mkdtempSync(path.join(tmpdir(), 'kantong-bench-geo-'));
const text: string[] = [];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const code = await main(
  ['--kab', '33', '--from', from, '--out', out],
  { write: (s) => !!text.push(s) },
  process.stderr,
);
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
rmSync(out, { recursive: true, force: true });
console.log(text.join('').trimEnd());
console.log(
  `geo --kab 33: exit ${code}, wall ${wall.toFixed(1)} s (target < 60 s), main-thread CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, ${buildThreads(35)} worker thread(s) on ${cpus().length} core(s)`,
);
