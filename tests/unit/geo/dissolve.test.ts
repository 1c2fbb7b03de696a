import { readFileSync } from 'node:fs';
import path from 'node:path';
import area from '@turf/area';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  dissolveBy,
  removeSliverHoles,
  ringArea,
  smallestHoleArea,
  unionAll,
} from '../../../src/lib/geo/dissolve.ts';
import { buildDistrict, type District } from '../../../src/lib/geo/district.ts';
import { geodesicAreaM2 } from '../../../src/lib/geo/geodesic-area.ts';
import type { AreaGeometry } from '../../../src/lib/geo/types.ts';
import { parseWilayahSql } from '../../../src/lib/geo/wilayah-sql.ts';
import { loadKabupatenGazetteer } from '../../../src/node/gazetteer.ts';
import {
  HAS_KENDAL_REF,
  HAS_WILAYAH,
  KENDAL_REF,
  KENDAL_SQL,
  km,
  noteSkip,
  rect,
  signedArea,
} from './helpers.ts';

const polygon = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });

function holes(g: AreaGeometry): Position[][] {
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flatMap((p) => p.slice(1));
}

/**
 * A synthetic district with the troubles of real data, in km around a point near Kendal:
 * kecamatan 01 = desa A1 (with a 600 m × 500 m hole) + desa A2, which overlaps A1 at the bottom and leaves
 * a 3 m wide, 2 km long gap (0.6 ha) in the middle; kecamatan 02 = desa B1, a multipolygon whose
 * detached part exactly fills A1's hole (an enclave), plus desa B2.
 */
function syntheticDesa(): { kode: string; nama: string; geometry: AreaGeometry }[] {
  const a1 = polygon(rect(0, 0, 2, 4), [...rect(0.5, 2.5, 1.1, 3.0)].reverse());
  const a2 = polygon([
    km(1.999, 0),
    km(4, 0),
    km(4, 4),
    km(2, 4),
    km(2, 3),
    km(2.003, 3),
    km(2.003, 1),
    km(2, 1),
    km(1.999, 1),
    km(1.999, 0),
  ]);
  const b1: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: [[rect(4, 0, 6, 4)], [rect(0.5, 2.5, 1.1, 3.0)]],
  };
  const b2 = polygon(rect(6, 0, 8, 4));
  return [
    { kode: '33.24.01.2001', nama: 'A1', geometry: a1 },
    { kode: '33.24.01.2002', nama: 'A2', geometry: a2 },
    { kode: '33.24.02.2001', nama: 'B1', geometry: b1 },
    { kode: '33.24.02.1002', nama: 'B2', geometry: b2 },
  ];
}

describe('dissolve: synthetic cases', () => {
  it('ringArea is the geodesic area of a ring (1 km × 1 km ≈ 100 ha)', () => {
    expect(ringArea(rect(0, 0, 1, 1)) / 10_000).toBeCloseTo(100, -0.5);
  });

  it('removeSliverHoles drops holes under 1 ha and keeps larger ones, in polygons and multipolygons', () => {
    const sliver = [...rect(0.1, 0.1, 0.15, 0.15)].reverse(); // 50 m × 50 m = 0.25 ha
    const big = [...rect(0.5, 0.5, 0.7, 0.7)].reverse(); // 200 m × 200 m = 4 ha
    const cleaned = removeSliverHoles(polygon(rect(0, 0, 1, 1), sliver, big));
    expect(cleaned.removed).toBe(1);
    expect(cleaned.kept).toHaveLength(1);
    expect(cleaned.kept[0].area_m2 / 10_000).toBeCloseTo(4, 1);
    expect(cleaned.largest_removed_m2 / 10_000).toBeCloseTo(0.25, 1);
    expect(holes(cleaned.geometry)).toEqual([big]);
    const multi = removeSliverHoles({
      type: 'MultiPolygon',
      coordinates: [[rect(0, 0, 1, 1), sliver], [rect(2, 2, 3, 3)]],
    });
    expect(multi.removed).toBe(1);
    expect(multi.geometry.type).toBe('MultiPolygon');
    expect(holes(multi.geometry)).toHaveLength(0);
  });

  it('unionAll merges touching squares into one counter-clockwise polygon', () => {
    const merged = unionAll([polygon(rect(0, 0, 1, 1)), polygon(rect(1, 0, 2, 1))]);
    expect(merged.type).toBe('Polygon');
    expect(signedArea((merged as Polygon).coordinates[0])).toBeGreaterThan(0);
    expect(area(merged) / 1e6).toBeCloseTo(2, 1);
  });

  it('builds kecamatan without the 0.6 ha sliver, keeps the 30 ha enclave hole, and a kabupaten without holes', () => {
    const d = buildDistrict({
      kodeKab: '33.24',
      namaKab: 'Kabupaten Uji',
      desa: syntheticDesa(),
      kecamatanName: (k) => ({ '33.24.01': 'Satu' })[k],
    });
    const [kecA, kecB] = d.kecamatan.features;
    expect(kecA.properties).toEqual({
      kode_kec: '33.24.01',
      nama_kec: 'Satu',
      kode_kab: '33.24',
      nama_kab: 'Kabupaten Uji',
      jumlah_desa: 2,
      luas_km2: kecA.properties.luas_km2,
    });
    // The gap between A1 and A2 became a sliver hole of the union and was removed; the enclave hole stayed.
    expect(d.holes.kecamatan.removed).toBe(1);
    expect(d.holes.kecamatan.largest_removed_m2 / 10_000).toBeCloseTo(0.6, 1);
    expect(d.holes.kecamatan.kept.map((h) => h.kode)).toEqual(['33.24.01']);
    expect(d.holes.kecamatan.kept[0].area_m2 / 10_000).toBeCloseTo(30, 0);
    expect(holes(kecA.geometry)).toHaveLength(1);
    expect(kecB.geometry.type).toBe('MultiPolygon');
    // Kabupaten: the enclave is filled by B1's detached part; nothing else is a hole.
    expect(d.kabupaten.features[0].geometry.type).toBe('Polygon');
    expect(holes(d.kabupaten.features[0].geometry)).toHaveLength(0);
    expect(d.kabupaten.features[0].properties).toMatchObject({ jumlah_kec: 2, jumlah_desa: 4 });
    expect(d.kabupaten.features[0].properties.luas_km2).toBeCloseTo(32, 0);
    // A kecamatan without a gazetteer name is named after its code and reported.
    expect(kecB.properties.nama_kec).toBe('Kecamatan 33.24.02');
    expect(d.unnamed_kecamatan).toEqual(['33.24.02']);
    expect(d.counts).toEqual({ desa: 3, kelurahan: 1, kecamatan: 2 });
    expect(d.desa.features.map((f) => f.properties.jenis)).toEqual(['desa', 'desa', 'kelurahan', 'desa']); // sorted by code: 33.24.02.1002 before 33.24.02.2001
  });

  it('dissolveBy groups by key in code order', () => {
    const units = dissolveBy(
      syntheticDesa(),
      (d) => d.kode.slice(0, 8),
      (d) => d.geometry,
    );
    expect(units.map((u) => [u.key, u.members])).toEqual([
      ['33.24.01', 2],
      ['33.24.02', 2],
    ]);
  });
});

describe.skipIf(!noteSkip(HAS_WILAYAH && HAS_KENDAL_REF, 'real Kendal dissolve'))(
  'dissolve: the real Kendal desa',
  () => {
    let district: District;
    let reference: {
      features: { properties: { kode_kec: string; luas_km2: number }; geometry: AreaGeometry }[];
    };

    beforeAll(async () => {
      const { rows } = parseWilayahSql(readFileSync(KENDAL_SQL, 'utf8'), { kodeKab: '33.24' });
      const gazetteer = await loadKabupatenGazetteer('33.24');
      const names = new Map(gazetteer?.districts.map((d) => [d.code, d.name]));
      district = buildDistrict({
        kodeKab: '33.24',
        namaKab: 'Kabupaten Kendal',
        desa: rows,
        kecamatanName: (k) => names.get(k),
      });
      reference = JSON.parse(readFileSync(path.join(KENDAL_REF, 'kecamatan.geojson'), 'utf8'));
    });

    it('leaves no hole under 1 ha in any kecamatan or in the kabupaten', () => {
      for (const f of [...district.kecamatan.features, ...district.kabupaten.features]) {
        expect(smallestHoleArea(f.geometry)).toBeGreaterThanOrEqual(10_000);
      }
      // Over a thousand slivers were removed (shapely removed 1,115 from the same desa).
      expect(district.holes.kecamatan.removed).toBeGreaterThan(1000);
      expect(district.holes.kecamatan.largest_removed_m2).toBeLessThan(10_000);
    });

    it('keeps the Protomulyo enclave: Kaliwungu has one ~22.4 ha hole, Kaliwungu Selatan is a MultiPolygon', () => {
      const byKode = new Map(district.kecamatan.features.map((f) => [f.properties.kode_kec, f]));
      const kaliwungu = byKode.get('33.24.08');
      expect(kaliwungu?.properties.nama_kec).toBe('Kaliwungu');
      const kept = holes(kaliwungu!.geometry);
      expect(kept).toHaveLength(1);
      expect(geodesicAreaM2(polygon(kept[0])) / 10_000).toBeCloseTo(22.4, 0);
      expect(district.holes.kecamatan.kept.map((h) => h.kode)).toEqual(['33.24.08']);
      expect(byKode.get('33.24.20')?.geometry.type).toBe('MultiPolygon');
      const kab = district.kabupaten.features[0];
      expect(kab.geometry.type).toBe('Polygon');
      expect(holes(kab.geometry)).toHaveLength(0);
      expect(kab.properties).toMatchObject({ kode_kab: '33.24', jumlah_kec: 20, jumlah_desa: 286 });
    });

    it('matches the shapely reference: kecamatan areas within 0.5%, kabupaten within 0.5%', () => {
      expect(district.kecamatan.features).toHaveLength(20);
      for (const ref of reference.features) {
        const ours = district.kecamatan.features.find(
          (f) => f.properties.kode_kec === ref.properties.kode_kec,
        );
        expect(ours, ref.properties.kode_kec).toBeDefined();
        const rel = Math.abs(ours!.properties.luas_km2 / ref.properties.luas_km2 - 1);
        expect(rel, ref.properties.kode_kec).toBeLessThan(0.005);
      }
      const refKab = JSON.parse(readFileSync(path.join(KENDAL_REF, 'kabupaten.geojson'), 'utf8')).features[0]
        .properties.luas_km2;
      expect(Math.abs(district.kabupaten.features[0].properties.luas_km2 / refKab - 1)).toBeLessThan(0.005);
    });

    it('gives every desa its ellipsoidal area (same as the reference luas_km2 to 1e-4 km²)', () => {
      const ref = JSON.parse(readFileSync(path.join(KENDAL_REF, 'desa.geojson'), 'utf8')) as {
        features: { properties: { kode_desa: string; luas_km2: number; nama_kec: string; jenis: string } }[];
      };
      const byKode = new Map(ref.features.map((f) => [f.properties.kode_desa, f.properties]));
      for (const f of district.desa.features) {
        const r = byKode.get(f.properties.kode_desa);
        expect(Math.abs(f.properties.luas_km2 - (r?.luas_km2 ?? NaN))).toBeLessThanOrEqual(0.00011);
        expect(f.properties.nama_kec).toBe(r?.nama_kec);
        expect(f.properties.jenis).toBe(r?.jenis);
      }
    });
  },
);
