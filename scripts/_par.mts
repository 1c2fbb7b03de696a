import { readFileSync } from 'node:fs';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { candidateCells, cellRows } from '../src/lib/hex/district-cells.ts';
import { prepareHexDistrict } from '../src/lib/hex/district.ts';
import { kabupatenOutline } from '../src/worker/district-geometry.ts';
const dir = '/work/pset/33';
const desa = JSON.parse(readFileSync(`${dir}/desa.json`, 'utf8'));
const kab = JSON.parse(readFileSync(`${dir}/kabupaten.json`, 'utf8'));
const d = prepareHexDistrict(kabupatenOutline(kab), desa.features.map((f: any) => f.geometry));
const half = (part: number) => { const t = performance.now(); cellRows(d, candidateCells(d, 9, part, 2), 9); return performance.now() - t; };
if (isMainThread) {
  console.log('alone part1', half(1).toFixed(0), 'part0', half(0).toFixed(0));
  const u = import.meta.url;
  const w = new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => m.tsImport(${JSON.stringify(u)}, ${JSON.stringify(u)}))`, { eval: true });
  await new Promise((r) => w.once('message', r)); // ready
  const p = new Promise((r) => w.once('message', r));
  w.postMessage('go');
  console.log('concurrent main part1', half(1).toFixed(0), 'worker part0', (await p as number).toFixed(0));
  w.terminate();
} else {
  parentPort!.postMessage('ready');
  parentPort!.once('message', () => parentPort!.postMessage(half(0)));
}
