import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { parseWilayahSql, toGeometry, WilayahSqlError } from '../../../src/lib/geo/wilayah-sql.ts';
import {
  HAS_KENDAL_REF,
  HAS_WILAYAH,
  KENDAL_REF,
  KENDAL_SQL,
  latLngPath,
  noteSkip,
  rect,
  signedArea,
  sqlFile,
  sqlRow,
} from './helpers.ts';

function parseError(text: string, kodeKab?: string): WilayahSqlError {
  try {
    parseWilayahSql(text, { kodeKab });
  } catch (error) {
    if (error instanceof WilayahSqlError) return error;
    throw error;
  }
  throw new Error('expected a WilayahSqlError');
}

describe('parseWilayahSql: the source format', () => {
  it('reads a polygon row and swaps [lat,lng] to GeoJSON [lng,lat]', () => {
    const text = sqlFile('33.24', [
      [
        sqlRow(
          '33.24.01.2001',
          'Blumah',
          '[[[-7.0,110.0],[-7.0,110.01],[-7.01,110.01],[-7.0,110.0]]]',
          -7.003,
          110.006,
        ),
      ],
    ]);
    const { rows, warnings, insertStatements } = parseWilayahSql(text, { kodeKab: '33.24' });
    expect(insertStatements).toBe(1);
    expect(warnings).toEqual([]);
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({
      kode: '33.24.01.2001',
      nama: 'Blumah',
      lat: -7.003,
      lng: 110.006,
      line: 6,
      swapped: false,
    });
    expect(row.geometry.type).toBe('Polygon');
    const ring = (row.geometry as Polygon).coordinates[0];
    // Every position is [lng, lat]: longitudes ~110, latitudes ~-7.
    for (const [x, y] of ring) {
      expect(x).toBeGreaterThan(109.9);
      expect(y).toBeLessThan(-6.9);
    }
    expect(ring).toContainEqual([110.01, -7.01]);
  });

  it('reads a list of polygons as a MultiPolygon, across several INSERT statements', () => {
    const part1 = [rect(0, 0, 1, 1)];
    const part2 = [rect(3, 3, 4, 4)];
    const text = sqlFile('33.24', [
      [sqlRow('33.24.01.2001', 'Satu', latLngPath([part1, part2]))],
      [sqlRow('33.24.01.2002', 'Dua', latLngPath([[rect(1, 0, 2, 1)]]))],
    ]);
    const { rows, insertStatements } = parseWilayahSql(text);
    expect(insertStatements).toBe(2);
    expect(rows.map((r) => r.geometry.type)).toEqual(['MultiPolygon', 'Polygon']);
    expect((rows[0].geometry as MultiPolygon).coordinates).toHaveLength(2);
    expect(rows[1].line).toBe(8);
  });

  it("resolves '' and \\' escapes in names", () => {
    const path = latLngPath([[rect(0, 0, 1, 1)]]);
    const text = sqlFile('33.24', [
      [
        `('33.24.01.2001','Ka''ampel',-7,110.2,'${path}')`,
        `('33.24.01.2002','Ra\\'as',-7,110.2,'${path}')`,
        `('33.24.01.2003','Back\\\\slash',-7,110.2,'${path}')`,
      ],
    ]);
    expect(parseWilayahSql(text).rows.map((r) => r.nama)).toEqual(["Ka'ampel", "Ra'as", 'Back\\slash']);
  });

  it('closes unclosed rings and says so', () => {
    const text = sqlFile('33.24', [
      [sqlRow('33.24.01.2001', 'Buka', '[[[-7.0,110.0],[-7.0,110.01],[-7.01,110.01]]]')],
    ]);
    const { rows, warnings } = parseWilayahSql(text);
    const ring = (rows[0].geometry as Polygon).coordinates[0];
    expect(ring).toHaveLength(4);
    expect(ring[3]).toEqual(ring[0]);
    expect(warnings[0]).toMatchObject({ line: 6, kode: '33.24.01.2001' });
    expect(warnings[0].message).toMatch(/closed 1 unclosed ring/);
  });

  it('detects a row already in [lng,lat] order, reports it with its line, and does not swap it twice', () => {
    const normal = '[[[-7.0,110.0],[-7.0,110.01],[-7.01,110.01],[-7.0,110.0]]]';
    const swapped = '[[[110.0,-7.0],[110.01,-7.0],[110.01,-7.01],[110.0,-7.0]]]';
    const text = sqlFile('33.24', [
      [sqlRow('33.24.01.2001', 'Benar', normal), sqlRow('33.24.01.2002', 'Terbalik', swapped)],
    ]);
    const { rows, warnings } = parseWilayahSql(text);
    expect(rows[1].swapped).toBe(true);
    expect(rows[1].geometry).toEqual(rows[0].geometry);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ line: 7, kode: '33.24.01.2002' });
    expect(warnings[0].message).toMatch(/\[lng,lat\] order/);
  });

  it('uses the centroid columns when the numbers alone cannot tell the order (all within ±90)', () => {
    const ring = [
      [10, 50],
      [10, 50.1],
      [10.1, 50.1],
      [10, 50],
    ];
    const asLatLng = toGeometry([ring], { lat: 10.03, lng: 50.06 });
    const asLngLat = toGeometry([ring], { lat: 50.06, lng: 10.03 });
    if (typeof asLatLng === 'string' || typeof asLngLat === 'string') throw new Error('unexpected error');
    expect(asLatLng.swapped).toBe(false);
    expect(asLngLat.swapped).toBe(true);
  });

  it('rejects a row that mixes both orders', () => {
    expect(
      toGeometry([
        [
          [-7, 110],
          [110.01, -7],
          [-7.01, 110.01],
          [-7, 110],
        ],
      ]),
    ).toMatch(/mixed coordinate order/);
  });

  it('skips other statements and comments, including semicolons inside their strings', () => {
    const row = sqlRow('33.24.01.2001', 'Satu', latLngPath([[rect(0, 0, 1, 1)]]));
    const text = `-- a comment; with a semicolon\n# another\nSET NAMES 'utf8;mb4';\n/* block ; */\nINSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES ${row};\n`;
    expect(parseWilayahSql(text).rows).toHaveLength(1);
  });

  it('maps columns by name (extra columns, other order)', () => {
    const p = latLngPath([[rect(0, 0, 1, 1)]]);
    const text = `INSERT INTO \`wilayah_boundaries\` (\`path\`,\`kode\`,\`nama\`,\`status\`) VALUES ('${p}','33.24.01.2001','Satu',1);`;
    expect(parseWilayahSql(text).rows[0]).toMatchObject({
      kode: '33.24.01.2001',
      nama: 'Satu',
      lat: null,
      lng: null,
    });
  });
});

describe('parseWilayahSql: RFC 7946 winding', () => {
  it('rewinds a clockwise exterior to counter-clockwise and holes to clockwise', () => {
    const outerCw = [...rect(0, 0, 4, 4)].reverse();
    const holeCcw = rect(1, 1, 2, 2);
    expect(signedArea(outerCw)).toBeLessThan(0);
    const text = sqlFile('33.24', [[sqlRow('33.24.01.2001', 'Lubang', latLngPath([[outerCw, holeCcw]]))]]);
    const geometry = parseWilayahSql(text).rows[0].geometry as Polygon;
    expect(signedArea(geometry.coordinates[0])).toBeGreaterThan(0);
    expect(signedArea(geometry.coordinates[1])).toBeLessThan(0);
  });

  it('rewinds every part of a multipolygon', () => {
    const text = sqlFile('33.24', [
      [
        sqlRow(
          '33.24.01.2001',
          'Dua Bagian',
          latLngPath([[[...rect(0, 0, 1, 1)].reverse()], [[...rect(2, 2, 3, 3)].reverse()]]),
        ),
      ],
    ]);
    const geometry = parseWilayahSql(text).rows[0].geometry as MultiPolygon;
    for (const polygon of geometry.coordinates) expect(signedArea(polygon[0])).toBeGreaterThan(0);
  });
});

describe('parseWilayahSql: corrupt and truncated input names the line', () => {
  const good = (kode: string): string => sqlRow(kode, 'Baik', latLngPath([[rect(0, 0, 1, 1)]]));
  const threeRows = sqlFile('33.24', [[good('33.24.01.2001'), good('33.24.01.2002'), good('33.24.01.2003')]]);

  it('a file cut inside the last row: unterminated string at that row', () => {
    const cut = threeRows.slice(0, threeRows.lastIndexOf('[[[') + 40);
    const error = parseError(cut);
    expect(error.line).toBe(8);
    expect(error.message).toMatch(/^line 8, column \d+: unterminated string literal \(file truncated\?\)/);
  });

  it('a file cut right after a row (no ; at the end)', () => {
    const cut = threeRows.slice(0, threeRows.lastIndexOf(';'));
    const error = parseError(cut);
    expect(error.message).toMatch(/file ends after a row without ',' or ';'/);
    expect(error.line).toBe(8);
  });

  it('a file cut between rows (after a comma)', () => {
    const cut = threeRows.slice(0, threeRows.indexOf('\t', threeRows.indexOf('33.24.01.2002')));
    expect(parseError(cut).message).toMatch(/file ends where a row '\(' was expected/);
  });

  it('a row with the wrong number of values', () => {
    const text = sqlFile('33.24', [
      [good('33.24.01.2001'), "('33.24.01.2002','Kurang',-7,110.2)", good('33.24.01.2003')],
    ]);
    const error = parseError(text);
    expect(error.line).toBe(7);
    expect(error.reason).toBe('row has 4 values, expected 5 (kode,nama,lat,lng,path)');
  });

  it('a path that is not valid JSON', () => {
    const text = sqlFile('33.24', [
      [good('33.24.01.2001'), sqlRow('33.24.01.2002', 'Rusak', '[[[-7.0,110.0],[-7.0,')],
    ]);
    const error = parseError(text);
    expect(error.line).toBe(7);
    expect(error.reason).toMatch(/^path of 33.24.01.2002 is not valid JSON/);
  });

  it('a path that is JSON but not rings of pairs', () => {
    const text = sqlFile('33.24', [
      [sqlRow('33.24.01.2001', 'Aneh', '[[[-7.0,110.0,5],[-7.0,110.1,5],[-7.1,110.1,5]]]')],
    ]);
    expect(parseError(text).reason).toMatch(/is not a pair of numbers/);
  });

  it('an unterminated block comment', () => {
    expect(parseError(`${threeRows}\n/* trailing`).message).toMatch(
      /^line 10, column 1: unterminated \/\* comment/,
    );
  });

  it('a garbage value', () => {
    const text = sqlFile('33.24', [["('33.24.01.2001','X',oops,110,'[]')"]]);
    expect(parseError(text).message).toMatch(/^line 6, column 23: unexpected "oops,110,'\[\]'\)/);
  });

  it('a row of another kabupaten, a malformed code and a duplicate code', () => {
    expect(parseError(threeRows.replace('33.24.01.2002', '33.25.01.2002'), '33.24').reason).toBe(
      'code 33.25.01.2002 does not belong to kabupaten/kota 33.24',
    );
    expect(parseError(threeRows.replace('33.24.01.2002', '3324012002')).reason).toMatch(/is not a desa code/);
    const dup = parseError(threeRows.replace('33.24.01.2003', '33.24.01.2001'));
    expect(dup.line).toBe(8);
    expect(dup.reason).toBe('code 33.24.01.2001 appears twice (first at line 6)');
  });
});

describe.skipIf(!noteSkip(HAS_WILAYAH && HAS_KENDAL_REF, 'real Kendal SQL parse'))(
  'parseWilayahSql: the real Kendal file',
  () => {
    it('reads 286 desa, 9 multipolygons, all exteriors counter-clockwise, coordinates identical to the reference', () => {
      const { rows, warnings } = parseWilayahSql(readFileSync(KENDAL_SQL, 'utf8'), { kodeKab: '33.24' });
      expect(rows).toHaveLength(286);
      expect(warnings).toEqual([]);
      expect(rows.filter((r) => r.geometry.type === 'MultiPolygon')).toHaveLength(9);
      const ref = JSON.parse(readFileSync(path.join(KENDAL_REF, 'desa.geojson'), 'utf8')) as {
        features: {
          properties: { kode_desa: string; nama_desa: string };
          geometry: Polygon | MultiPolygon;
        }[];
      };
      const byKode = new Map(ref.features.map((f) => [f.properties.kode_desa, f]));
      const positions = (g: Polygon | MultiPolygon): string[] => {
        const polys: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
        return polys
          .flat(2)
          .map((p) => `${p[0]},${p[1]}`)
          .sort();
      };
      for (const row of rows) {
        const polys = row.geometry.type === 'Polygon' ? [row.geometry.coordinates] : row.geometry.coordinates;
        for (const polygon of polys) {
          expect(signedArea(polygon[0])).toBeGreaterThan(0);
          for (const hole of polygon.slice(1)) expect(signedArea(hole)).toBeLessThan(0);
        }
        const f = byKode.get(row.kode);
        expect(f, row.kode).toBeDefined();
        expect(row.nama).toBe(f?.properties.nama_desa);
        // Same numbers in [lng,lat] order (the reference is the same source, swapped, winding left as found).
        expect(positions(row.geometry)).toEqual(positions(f!.geometry));
      }
    });
  },
);
