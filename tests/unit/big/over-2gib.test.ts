/**
 * A household file over 2 GiB imports in the CLI (`npm run kantong -- import`, the bundle): streamed from
 * disk, never read whole (the former `readFile` failed with `ERR_FS_FILE_TOO_LARGE`). The file is written in
 * blocks into the system temporary folder: rows with a long ignored column, so that 2 GiB are about 134,000
 * rows. Skips with a message when the disk has no room for it.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../import/helpers.ts';

const SIZE = 2 ** 31 + (16 << 20);
const free = (() => {
  const s = statfsSync(os.tmpdir());
  return s.bavail * s.bsize;
})();
const room = free > SIZE + (1 << 30);
if (!room)
  console.warn(
    `skipping the >2 GiB import test: ${(free / 2 ** 30).toFixed(1)} GiB free in ${os.tmpdir()}, ` +
      `it needs ${((SIZE + (1 << 30)) / 2 ** 30).toFixed(1)} GiB`,
  );

const work = mkdtempSync(path.join(os.tmpdir(), 'kantong-2gib-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!room)('a file over 2 GiB', () => {
  it('imports in the CLI: every row read and joined, the aggregate counts them all', () => {
    const geo = path.join(work, 'geo');
    mkdirSync(path.join(geo, '99.99'), { recursive: true });
    const desaJson = readFileSync(path.join(REPO, 'public/geo/demo/desa.json'));
    writeFileSync(path.join(geo, '99.99', 'desa.json'), desaJson);
    const kode = (
      JSON.parse(desaJson.toString('utf8')) as { features: { properties: { kode_desa: string } }[] }
    ).features.map((f) => f.properties.kode_desa.replace(/\./g, ''));
    const file = path.join(work, 'households_99.99_besar.csv');
    const fd = openSync(file, 'w');
    const filler = 'x'.repeat(16_000);
    let bytes = writeSync(fd, '# DATA SINTETIS\nKODE_DESA;DESIL;PERIODE;CATATAN\n');
    let rows = 0;
    const perDesil = new Array(10).fill(0);
    try {
      while (bytes < SIZE) {
        let block = '';
        for (let k = 0; k < 64; k++, rows++) {
          block += `${kode[rows % kode.length]};${(rows % 10) + 1};2025-Q1;${filler}\n`;
          perDesil[rows % 10]++;
        }
        bytes += writeSync(fd, block);
      }
    } finally {
      closeSync(fd);
    }
    expect(statSync(file).size).toBeGreaterThan(2 ** 31);
    const out = path.join(work, 'out');
    const r = spawnSync(
      process.execPath,
      ['scripts/kantong.mjs', 'import', '--kab', '99.99', '--geo', geo, '--households', file, '--out', out],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(r.stderr.split('\n').filter((l) => /kantong:/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(path.join(out, 'join-report.json'), 'utf8')) as {
      rows_read: number;
      rows_joined: number;
      rows_rejected: number;
    };
    expect([report.rows_read, report.rows_joined, report.rows_rejected]).toEqual([rows, rows, 0]);
    // desa.csv: after its first line (the internal-file note) a header with kk_desil_1 … kk_desil_10
    const lines = readFileSync(path.join(out, 'desa.csv'), 'utf8').trim().split(/\r?\n/);
    const header = lines.findIndex((l) => /kk_desil_1\b/.test(l));
    const cols = lines[header].split(/[;,]/);
    const sep = lines[header].includes(';') ? ';' : ',';
    const total = new Array(10).fill(0);
    for (const line of lines.slice(header + 1)) {
      const cells = line.split(sep);
      for (let d = 0; d < 10; d++) total[d] += Number(cells[cols.indexOf(`kk_desil_${d + 1}`)]);
    }
    expect(total).toEqual(perDesil);
  }, 300_000);
});
