import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEMO_KODE_KAB,
  DEMO_NAMA_KAB,
  DEMO_SEED,
  generateDemoDistrict,
} from '../../../src/lib/geo/demo-district.ts';
import { buildDistrict } from '../../../src/lib/geo/district.ts';
import { renderDistrictFiles } from '../../../src/lib/geo/district-files.ts';
import { geodesicAreaM2 } from '../../../src/lib/geo/geodesic-area.ts';
import { smallestHoleArea } from '../../../src/lib/geo/dissolve.ts';
import { DEMO_GENERATED_AT } from '../../../src/node/boundary-pipeline.ts';

const demo = generateDemoDistrict();
const district = buildDistrict({
  kodeKab: demo.kodeKab,
  namaKab: demo.namaKab,
  desa: demo.desa,
  kecamatanName: (k) => demo.kecamatanNames.get(k),
});

describe('generateDemoDistrict', () => {
  it('is reproducible: same seed → identical district, another seed → another district', () => {
    expect(JSON.stringify(generateDemoDistrict({ seed: DEMO_SEED }))).toBe(JSON.stringify(demo));
    expect(JSON.stringify(generateDemoDistrict({ seed: 2 }).desa)).not.toBe(JSON.stringify(demo.desa));
  });

  it('has ~120 desa in 8 kecamatan, some kelurahan, demo codes and names', () => {
    expect(demo.kodeKab).toBe('99.99');
    expect(demo.namaKab).toBe('Kabupaten Contoh (DEMO)');
    expect(demo.desa).toHaveLength(120);
    expect(district.counts.kecamatan).toBe(8);
    expect(district.counts.kelurahan).toBeGreaterThanOrEqual(3);
    expect(district.counts.kelurahan).toBeLessThanOrEqual(30);
    const codes = demo.desa.map((d) => d.kode);
    expect(new Set(codes).size).toBe(120);
    for (const code of codes) expect(code).toMatch(/^99\.99\.0[1-8]\.[12]\d{3}$/);
    const names = demo.desa.map((d) => d.nama);
    expect(new Set(names).size).toBe(120);
    for (const name of names) expect(name).toMatch(/^[A-Z][a-z]+( (Lor|Kidul|Wetan|Kulon))?$/);
    for (const f of district.kecamatan.features) expect(f.properties.nama_kec).toMatch(/^[A-Z]/);
  });

  it('lies in open sea around 111.6°E 5.4°S', () => {
    const [w, s, e, n] = district.bbox;
    expect(w).toBeGreaterThan(111.3);
    expect(e).toBeLessThan(111.9);
    expect(s).toBeGreaterThan(-5.7);
    expect(n).toBeLessThan(-5.1);
  });

  it('tiles its outline: desa do not overlap or leave gaps, kecamatan are single pieces without holes', () => {
    const desaSum = district.desa.features.reduce((sum, f) => sum + geodesicAreaM2(f.geometry), 0);
    const kab = geodesicAreaM2(district.kabupaten.features[0].geometry);
    expect(Math.abs(desaSum / kab - 1)).toBeLessThan(1e-6);
    const outline = geodesicAreaM2({ type: 'Polygon', coordinates: [demo.outline] });
    expect(Math.abs(kab / outline - 1)).toBeLessThan(1e-6);
    expect(kab / 1e6).toBeGreaterThan(600);
    expect(kab / 1e6).toBeLessThan(1600);
    for (const f of district.kecamatan.features) {
      expect(f.geometry.type, f.properties.kode_kec).toBe('Polygon');
      expect(smallestHoleArea(f.geometry)).toBe(Infinity);
    }
    expect(district.holes.kecamatan.removed + district.holes.kabupaten.removed).toBe(0);
  });
});

describe('the committed demo files (public/geo/demo)', () => {
  const dir = path.resolve(import.meta.dirname, '../../../public/geo/demo');

  it.skipIf(!existsSync(path.join(dir, 'manifest.json')))(
    'are exactly what the generator makes (run `npm run geo -- --demo` after changing it)',
    () => {
      const { files, manifest } = renderDistrictFiles(district, {
        demo: true,
        source: JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).source,
        validation: {
          unknown_in_gazetteer: [],
          missing_from_source: [],
          name_differences: [],
          parse_warnings: [],
        },
        generated_at: DEMO_GENERATED_AT,
      });
      expect(manifest).toMatchObject({ kode_kab: DEMO_KODE_KAB, nama_kab: DEMO_NAMA_KAB, demo: true });
      let total = 0;
      for (const file of files) {
        const committed = readFileSync(path.join(dir, file.name), 'utf8');
        expect(committed === file.text, `${file.name} differs from a fresh generation`).toBe(true);
        total += Buffer.byteLength(committed);
      }
      expect(total).toBeLessThan(300 * 1024);
    },
  );
});
