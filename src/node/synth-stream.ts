/**
 * `npm run synth -- --kab all --households N --stream`: writes the streamed synthetic households
 * (`src/lib/synth/stream-rows.ts`) of a set of kabupaten (`--kab` as `kantong aggregate` reads it), one file
 * per period, desa by desa, waiting for the file to drain, so memory stays flat for any N. Desa come from the
 * gazetteer (`idn-area-data`).
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import {
  streamDesaRows,
  streamFileHead,
  streamHouseholdCounts,
  type StreamDesa,
} from '../lib/synth/stream-rows.ts';

/** Desa of the kabupaten codes, sorted by code, with their names. */
export async function gazetteerDesa(codes: readonly string[]): Promise<StreamDesa[]> {
  const wanted = new Set(codes);
  const [provinces, regencies, districts, villages] = await Promise.all([
    getProvinces(),
    getRegencies(),
    getDistricts(),
    getVillages(),
  ]);
  const prov = new Map(provinces.map((p) => [p.code, p.name]));
  const kab = new Map(regencies.map((r) => [r.code, r.name]));
  const kec = new Map(districts.map((d) => [d.code, d.name]));
  return villages
    .filter((v) => wanted.has(v.code.slice(0, 5)))
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((v) => ({
      kode_desa: v.code,
      nama_desa: v.name,
      nama_kec: kec.get(v.code.slice(0, 8)) ?? '',
      nama_kab: kab.get(v.code.slice(0, 5)) ?? '',
      nama_prov: prov.get(v.code.slice(0, 2)) ?? '',
    }));
}

/** Writes one file per period; returns the files with their rows and bytes. */
export async function writeStreamedHouseholds(options: {
  desa: StreamDesa[];
  households: number;
  seed: number;
  periods: string[];
  outDir: string;
  label: string;
  onProgress?: (rows: number) => void;
}): Promise<{ path: string; rows: number; bytes: number }[]> {
  await mkdir(options.outDir, { recursive: true });
  const counts = streamHouseholdCounts(options.desa.length, options.households, options.seed);
  const written = [];
  for (const [t, periode] of options.periods.entries()) {
    const file = path.join(options.outDir, `sintetis-dtsen-${options.label}-${periode}.csv`);
    const out = createWriteStream(file);
    const write = (data: Buffer | string) =>
      out.write(data) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve));
    let bytes = 0;
    let rows = 0;
    const head = streamFileHead(options.seed, periode);
    bytes += Buffer.byteLength(head);
    await write(head);
    const keyOfKab = new Map<string, number>();
    // Each desa's text is encoded straight into a 4 MiB buffer handed to the file when full: joining the desa
    // strings into one big string first made the generator spend most of its time collecting garbage.
    const CHUNK = 1 << 22;
    let chunk = Buffer.allocUnsafe(CHUNK);
    let used = 0;
    const flush = async () => {
      if (used === 0) return;
      const full = chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(CHUNK);
      used = 0;
      bytes += full.length;
      await write(full);
      options.onProgress?.(rows);
    };
    for (let i = 0; i < options.desa.length; i++) {
      const d = options.desa[i];
      const kab = d.kode_desa.slice(0, 5);
      const first = keyOfKab.get(kab) ?? 0;
      keyOfKab.set(kab, first + counts[i]);
      const text = streamDesaRows(d, i, counts[i], first, options.seed, periode, t);
      rows += counts[i];
      const size = Buffer.byteLength(text);
      if (used + size > CHUNK) await flush();
      if (size > CHUNK) {
        bytes += size;
        await write(Buffer.from(text));
      } else used += chunk.write(text, used);
    }
    await flush();
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    written.push({ path: file, rows, bytes });
  }
  return written;
}
