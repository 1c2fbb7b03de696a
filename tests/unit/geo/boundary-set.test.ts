/**
 * Boundary sets of several kabupaten/kota: the `--kab` / `?kab=` syntax (shared with the household commands:
 * keep it stable), and the dissolve of a multi-kabupaten set (outline = union of the kabupaten, no seam).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/geo.ts';
import type { DistrictIndex } from '../../../src/lib/geo/types.ts';
import {
  combineDistricts,
  overlapsAndGaps,
  parseSetCode,
  setCode,
} from '../../../src/lib/geo/boundary-set.ts';
import { buildDistrict, type DesaInput } from '../../../src/lib/geo/district.ts';
import { luasKm2 } from '../../../src/lib/geo/geodesic-area.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { desaDetailFile, hasLazyDesa } from '../../../src/lib/geo/lazy-desa.ts';
import { HAS_WILAYAH, noteSkip, rect, WILAYAH_DIR } from './helpers.ts';

describe('parseSetCode: the set syntax of --kab and ?kab=', () => {
  it.each([
    ['33.24', { kind: 'kabupaten', codes: ['33.24'] }],
    ['3324', { kind: 'kabupaten', codes: ['33.24'] }],
    [' 33 ', { kind: 'province', province: '33' }],
    ['33.26,33.24,33.25', { kind: 'kabupaten', codes: ['33.24', '33.25', '33.26'] }],
    ['33.24+33.25', { kind: 'kabupaten', codes: ['33.24', '33.25'] }],
    ['3324, 3325,33.24', { kind: 'kabupaten', codes: ['33.24', '33.25'] }],
  ])('%s', (text, expected) => expect(parseSetCode(text)).toEqual(expected));

  it.each(['', '3', '33.2', '333', '33.24.01', 'kendal', '33.24,x', '33,33.24'])('refuses %j', (text) =>
    expect(parseSetCode(text)).toBeNull(),
  );

  it('setCode is the folder name parseSetCode reads back (seeded random lists)', () => {
    const random = new SeededRandom(17);
    for (let round = 0; round < 50; round++) {
      const codes = Array.from(
        { length: random.int(1, 6) },
        () => `3${random.int(1, 9)}.${String(random.int(1, 79)).padStart(2, '0')}`,
      );
      const parsed = parseSetCode(setCode(codes));
      expect(parsed).toEqual({ kind: 'kabupaten', codes: [...new Set(codes)].sort() });
    }
  });
});

/** A kabupaten of `cols × rows` 1-km desa cells starting at column `x0` (codes `kab.01.2001`…). */
function gridKabupaten(kab: string, x0: number, cols: number, rows: number): DesaInput[] {
  const desa: DesaInput[] = [];
  for (let c = 0; c < cols; c++)
    for (let r = 0; r < rows; r++)
      desa.push({
        kode: `${kab}.0${1 + (c % 2)}.${2001 + c * rows + r}`,
        nama: `Desa ${kab} ${c} ${r}`,
        geometry: { type: 'Polygon', coordinates: [rect(x0 + c, r, x0 + c + 1, r + 1)] },
      });
  return desa;
}

describe('combineDistricts: a multi-kabupaten set', () => {
  it('side-by-side kabupaten (seeded random widths): one outline, area = sum, no seam hole', () => {
    const random = new SeededRandom(2024);
    for (let round = 0; round < 6; round++) {
      const n = random.int(2, 4);
      const parts = [];
      let x = 0;
      for (let k = 0; k < n; k++) {
        const cols = random.int(1, 4);
        const rows = random.int(2, 4);
        const kab = `33.${String(10 + k * 7).padStart(2, '0')}`;
        parts.push(
          buildDistrict({
            kodeKab: kab,
            namaKab: `Kabupaten ${kab}`,
            desa: gridKabupaten(kab, x, cols, rows),
            kecamatanName: (kode) => `Kec ${kode}`,
          }),
        );
        x += cols;
      }
      // Given in reverse: the set orders its kabupaten by code.
      const set = combineDistricts([...parts].reverse(), {
        kode: setCode(parts.map((p) => p.kabupaten.features[0].properties.kode_kab)),
        nama: 'Set',
      });
      expect(set.kabupaten.features.map((f) => f.properties.kode_kab)).toEqual(
        parts.map((p) => p.kabupaten.features[0].properties.kode_kab),
      );
      expect(set.desa.features).toHaveLength(parts.reduce((a, p) => a + p.desa.features.length, 0));
      expect(set.kecamatan.features).toHaveLength(parts.reduce((a, p) => a + p.kecamatan.features.length, 0));
      const outline = set.set!.outline;
      // Kabupaten touch along whole edges: the union is one polygon without holes.
      expect(outline.type === 'Polygon' || outline.coordinates.length === 1).toBe(true);
      const rings = outline.type === 'Polygon' ? outline.coordinates : outline.coordinates[0];
      expect(rings).toHaveLength(1);
      const sum = parts.reduce((a, p) => a + luasKm2(p.kabupaten.features[0].geometry), 0);
      // Within 0.1 %: the union drops collinear vertices, and a long geodesic edge bows unlike its pieces.
      expect(Math.abs(luasKm2(outline) - sum) / sum).toBeLessThan(1e-3);
      expect(overlapsAndGaps(set)).toEqual({ overlaps_km2: 0, gaps_km2: 0 });
      expect(set.bbox[0]).toBe(parts[0].bbox[0]);
      expect(set.bbox[2]).toBe(parts[parts.length - 1].bbox[2]);
    }
  });

  it('refuses a kabupaten given twice', () => {
    const a = buildDistrict({
      kodeKab: '33.24',
      namaKab: 'A',
      desa: gridKabupaten('33.24', 0, 1, 1),
      kecamatanName: () => 'K',
    });
    expect(() => combineDistricts([a, a], { kode: '33.24', nama: 'x' })).toThrow(/a kabupaten twice/);
  });
});

describe.skipIf(!noteSkip(HAS_WILAYAH, 'CLI build of a two-kabupaten set'))(
  'geo --kab 33.24,33.25 (real source)',
  () => {
    it('writes each kabupaten and the set (outline, display copies) and lists all three in index.json', async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'kantong-set-'));
      try {
        const o: string[] = [];
        const sink = (a: string[]) => ({ write: (s: string) => !!a.push(s) });
        expect(
          await main(['--kab', '33.25,33.24', '--from', WILAYAH_DIR, '--out', out], sink(o), sink([])),
        ).toBe(0);
        const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as DistrictIndex;
        expect(index.districts.map((d) => d.folder)).toEqual(['33.24', '33.24+33.25', '33.25']);
        const set = index.districts.find((d) => d.folder === '33.24+33.25')!;
        expect(set.kabupaten).toEqual(['33.24', '33.25']);
        expect(set.kabupaten_names).toEqual(['Kabupaten Kendal', 'Kabupaten Batang']);
        const read = (f: string) => JSON.parse(readFileSync(path.join(out, f), 'utf8'));
        const m = read('33.24+33.25/manifest.json');
        const parts = [read('33.24/manifest.json'), read('33.25/manifest.json')];
        expect(m.counts.desa).toBe(parts[0].counts.desa + parts[1].counts.desa);
        expect(m.counts.kecamatan).toBe(parts[0].counts.kecamatan + parts[1].counts.kecamatan);
        expect(read('33.24+33.25/kabupaten.json').features).toHaveLength(2);
        const outline = read('33.24+33.25/outline.json');
        expect(outline.features ?? [outline]).toHaveLength(1);
        for (const f of ['desa', 'kecamatan', 'kabupaten'])
          expect(read(`33.24+33.25/${f}.display.json`).features.length).toBe(
            read(`33.24+33.25/${f}.json`).features.length,
          );
        // Lazy desa files: the overview has every desa with its properties and fewer vertices; the detail
        // files cut the display copy by kabupaten, together exactly its features; labels, one per unit.
        expect(hasLazyDesa(m)).toBe(true);
        const display = read('33.24+33.25/desa.display.json');
        const overview = read('33.24+33.25/desa.overview.json');
        type F = { properties: { kode_desa: string }; geometry: { coordinates: unknown } };
        expect(overview.features.map((f: F) => f.properties)).toEqual(
          display.features.map((f: F) => f.properties),
        );
        const vertices = (c: { features: F[] }) =>
          JSON.stringify(c.features.map((f) => f.geometry.coordinates)).split('],[').length;
        expect(vertices(overview)).toBeLessThan(vertices(display) / 2);
        const detail = ['33.24', '33.25'].flatMap((k) => read(`33.24+33.25/${desaDetailFile(k)}`).features);
        expect(detail).toEqual(display.features);
        expect(read('33.24+33.25/desa.labels.json').features).toHaveLength(display.features.length);
        expect(read('33.24+33.25/kecamatan.labels.json').features).toHaveLength(m.counts.kecamatan);
        // One kabupaten keeps its files as before (no lazy desa).
        expect(hasLazyDesa(parts[0])).toBe(false);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }, 180_000);
  },
);
