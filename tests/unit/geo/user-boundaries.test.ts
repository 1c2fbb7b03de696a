/**
 * A user's boundary file end to end (`buildUserSet`, the core the app's Worker and `npm run geo -- --file` call):
 * zipped Shapefiles with and without `.prj` (UTM 49S, WGS 84), TopoJSON, Kemendagri/BPS codes and names matched
 * to the gazetteer, and one clear refusal per bad input with nothing written.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import geographiclib from 'geographiclib-geodesic';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import mapshaper from 'mapshaper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/geo.ts';
import {
  BoundaryFileError,
  MAX_BOUNDARY_TEXT_BYTES,
  readBoundaryFile,
} from '../../../src/lib/geo/boundary-file.ts';
import type { GazetteerRows } from '../../../src/lib/geo/boundary-match.ts';
import { fromEpsg, fromPrj } from '../../../src/lib/geo/crs.ts';
import { buildUserSet, type UserSetInput } from '../../../src/lib/geo/user-set.ts';
import { renderMessage } from '../../../src/lib/messages/render.ts';
import { loadGazetteerRows } from '../../../src/node/gazetteer.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { UTM49S_PRJ, zippedShapefile } from '../helpers/shapefile.ts';
import { HAS_KENDAL_REF, KENDAL_REF, noteSkip, rect, snapshot } from './helpers.ts';

type Desa = FeatureCollection<Polygon | MultiPolygon, Record<string, string | number>>;

const WGS84 = geographiclib.Geodesic.WGS84;
const metres = (a: Position, b: Position) => WGS84.Inverse(a[1], a[0], b[1], b[0]).s12!;

let gazetteer: GazetteerRows;
let kendal: Desa;
let kendalBox: [number, number, number, number];
let work: string;

beforeAll(async () => {
  gazetteer = await loadGazetteerRows();
  work = mkdtempSync(path.join(tmpdir(), 'kantong-user-geo-'));
  if (HAS_KENDAL_REF) {
    kendal = JSON.parse(readFileSync(path.join(KENDAL_REF, 'desa.geojson'), 'utf8')) as Desa;
    const kab = JSON.parse(
      readFileSync(path.join(KENDAL_REF, 'kabupaten.geojson'), 'utf8'),
    ) as FeatureCollection;
    const xs: number[] = [];
    const ys: number[] = [];
    const walk = (c: unknown): void => {
      if (typeof (c as number[])[0] === 'number') {
        xs.push((c as number[])[0]);
        ys.push((c as number[])[1]);
      } else (c as unknown[]).forEach(walk);
    };
    walk((kab.features[0].geometry as Polygon).coordinates);
    kendalBox = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  }
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function input(bytes: Uint8Array, fileName: string, extra: Partial<UserSetInput> = {}): UserSetInput {
  return { bytes, fileName, gazetteer, now: new Date('2026-01-01T00:00:00Z'), ...extra };
}

/** The message of a refusal, in English. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BoundaryFileError);
    return renderMessage((error as BoundaryFileError).detail, 'en');
  }
  throw new Error('expected a refusal');
}

/** A few small made-up desa with real Kendal codes (no shared data needed). */
function smallSet(shift: [number, number] = [0, 0]): Desa {
  const codes = [
    ['33.24.01.2001', 'Desa A'],
    ['33.24.01.2002', 'Desa B'],
    ['33.24.01.2003', 'Desa C'],
  ];
  return {
    type: 'FeatureCollection',
    features: codes.map(([kode, nama], i) => ({
      type: 'Feature',
      properties: { KODE: kode, NAMA: nama },
      geometry: {
        type: 'Polygon',
        coordinates: [rect(i * 2, 0, i * 2 + 2, 2).map(([x, y]) => [x + shift[0], y + shift[1]])],
      },
    })),
  };
}

const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('coordinate systems', () => {
  it('UTM 49S → WGS 84 is within 1 m of PROJ (cs2cs 9.1.1, EPSG:32749 → EPSG:4326)', () => {
    // Reference values printed by `cs2cs -f %.9f EPSG:32749 EPSG:4326` (PROJ 9.1.1), independent of proj4js.
    const reference: [number, number, number, number][] = [
      [420000, 9230000, 110.275768951, -6.965533181],
      [440123.45, 9236789.01, 110.458008009, -6.904366586],
      [395500.5, 9219876.25, 110.053811156, -7.056707938],
      [500000, 9300000, 111.0, -6.332861242],
    ];
    const byCode = fromEpsg('EPSG:32749')!;
    const byPrj = fromPrj(UTM49S_PRJ)!;
    for (const [x, y, lon, lat] of reference) {
      expect(metres(byCode.convert(x, y), [lon, lat])).toBeLessThan(1);
      expect(metres(byPrj.convert(x, y), [lon, lat])).toBeLessThan(1);
    }
  });

  it('refuses a .prj that names no known system, with its text', async () => {
    const zip = await zippedShapefile(smallSet(), {
      prj: 'PROJCS["Mystery_Grid",GEOGCS["X",DATUM["D_X",SPHEROID["X",6378000,300]]],PROJECTION["Foo_Bar"]]',
    });
    expect(refusal(() => readBoundaryFile(zip, 'desa.zip'))).toMatch(
      /^desa\.zip: the coordinate system in desa\.prj is unknown \("PROJCS\["Mystery_Grid"/,
    );
  });
});

describe('bad input: one message each', () => {
  it('a shapefile without .dbf', async () => {
    const zip = await zippedShapefile(smallSet(), { noDbf: true });
    expect(refusal(() => readBoundaryFile(zip, 'batas.zip'))).toBe(
      'batas.zip: desa.shp comes without desa.dbf (the attribute table with the desa codes and names); put the .dbf in the zip',
    );
  });

  it('features outside Indonesia (numbers in metres read as degrees, or a far-away place)', async () => {
    const far = utf8(smallSet([-120, 40]));
    expect(refusal(() => readBoundaryFile(far, 'far.geojson'))).toMatch(
      /^far\.geojson: 3 of 3 features lie outside Indonesia \(box .*\); check the coordinate system$/,
    );
    // A UTM shapefile whose .prj wrongly says WGS 84: the numbers cannot be degrees.
    const zip = await zippedShapefile(smallSet(), { utm49s: true, prj: null });
    expect(refusal(() => buildUserSet(input(zip, 'utm.zip', { crs: 'EPSG:4326' })))).toMatch(
      /^utm\.zip: .*outside Indonesia.*the file may be UTM, choose EPSG:32749/,
    );
  });

  it('not a boundary file, invalid JSON', () => {
    expect(refusal(() => readBoundaryFile(new TextEncoder().encode('kode,nama\n1,2\n'), 'x.csv'))).toMatch(
      /^x\.csv: not GeoJSON, TopoJSON or a zipped Shapefile/,
    );
    expect(refusal(() => readBoundaryFile(new TextEncoder().encode('{"type": "Feat'), 'x.geojson'))).toMatch(
      /^x\.geojson: not valid JSON/,
    );
  });

  it('a GeoJSON over the memory limit: refused by size, not as "not valid JSON", and nothing written', async () => {
    // Core: the size is checked before decoding (a 638 MB text cannot become one JS string).
    const big = new Uint8Array(MAX_BOUNDARY_TEXT_BYTES + 1).fill(0x20);
    big[0] = 0x7b;
    expect(refusal(() => readBoundaryFile(big, 'jateng.geojson'))).toMatch(
      /^jateng\.geojson: the file is 256 MB, over the 256 MB limit .*simplify it or split it per kabupaten/,
    );
    // CLI: a 638 MB file (sparse) is refused from its size, without reading it.
    const file = path.join(work, 'desa-besar.geojson');
    writeFileSync(file, '{"type":"FeatureCollection","features":[');
    truncateSync(file, 638 << 20);
    const out = path.join(work, 'out-big');
    const before = await snapshot(out);
    const err: string[] = [];
    const code = await main(
      ['--file', file, '--out', out],
      { write: () => true },
      { write: (s) => !!err.push(s) },
    );
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/^geo: desa-besar\.geojson: the file is 638 MB, over the 256 MB limit/);
    expect(err.join('')).not.toMatch(/JSON/);
    expect(await snapshot(out)).toEqual(before);
    rmSync(file);
  });
});

describe.skipIf(!noteSkip(HAS_KENDAL_REF, 'user boundary files of Kendal'))(
  "Kendal from users' files",
  () => {
    it('zipped UTM 49S Shapefile with .prj: 286 desa in Kendal, positions within 1 m of the source', async () => {
      const zip = await zippedShapefile(kendal, { utm49s: true });
      const read = readBoundaryFile(zip, 'kendal-utm.zip');
      expect(read.kind).toBe('read');
      if (read.kind !== 'read') return;
      expect(read.content.format).toBe('shapefile');
      expect(read.content.crsSource).toBe('file');
      // Seeded sample of vertices: every one back within 1 m of the original lon/lat.
      const random = new SeededRandom(16);
      const rand = () => random.float();
      const byCode = new Map(kendal.features.map((f) => [f.properties.kode_desa, f]));
      for (let i = 0; i < 200; i++) {
        const f = read.content.features[Math.floor(rand() * read.content.features.length)];
        const original = byCode.get(String(f.properties.kode_desa))!;
        const polys = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
        const outer = polys(original.geometry)[0][0];
        const readOuter = polys(f.geometry)[0][0];
        const p = readOuter[Math.floor(rand() * readOuter.length)];
        const nearest = Math.min(...outer.map((q) => metres(p, q)));
        expect(nearest).toBeLessThan(1);
      }
      const result = buildUserSet(input(zip, 'kendal-utm.zip'));
      expect(result.kind).toBe('set');
      if (result.kind !== 'set') return;
      const { set } = result;
      expect(set.kode).toBe('33.24');
      expect(set.manifest.counts).toEqual({ desa: 266, kelurahan: 20, kecamatan: 20 });
      expect(set.report.matched_by_code).toBe(286);
      expect(set.report.unmatched).toEqual([]);
      expect(set.manifest.validation.missing_from_source).toEqual([]);
      expect(set.files.map((f) => f.name).sort()).toEqual(
        expect.arrayContaining(['desa.json', 'kecamatan.json', 'kabupaten.json', 'manifest.json']),
      );
      const [w, s, e, n] = set.manifest.bbox;
      expect(metres([w, s], [kendalBox[0], kendalBox[1]])).toBeLessThan(5);
      expect(metres([e, n], [kendalBox[2], kendalBox[3]])).toBeLessThan(5);
    }, 60_000);

    it('without .prj: asks (EPSG:32749 or EPSG:4326); the right answer falls in Kendal, the wrong ones are refused', async () => {
      const zip = await zippedShapefile(kendal, { utm49s: true, prj: null });
      const asked = buildUserSet(input(zip, 'kendal.zip'));
      expect(asked.kind).toBe('needs_crs');
      if (asked.kind !== 'needs_crs') return;
      expect(asked.choices).toEqual(['EPSG:32749', 'EPSG:4326']);
      expect(asked.looksProjected).toBe(true);
      expect(renderMessage(asked.question, 'en')).toBe(
        'kendal.zip: desa.prj is missing: choose its coordinate system (EPSG:32749 UTM 49S or EPSG:4326)',
      );
      const reference = (kab: string) => (kab === '33.24' ? kendalBox : null);
      const ok = buildUserSet(input(zip, 'kendal.zip', { crs: 'EPSG:32749', reference }));
      expect(ok.kind).toBe('set');
      if (ok.kind === 'set') {
        expect(ok.set.content.crsSource).toBe('chosen');
        expect(ok.set.manifest.counts.desa + ok.set.manifest.counts.kelurahan).toBe(286);
      }
      expect(refusal(() => buildUserSet(input(zip, 'kendal.zip', { crs: 'EPSG:4326', reference })))).toMatch(
        /outside Indonesia/,
      );
      // UTM 50S is in Indonesia but not where Kendal is: caught by the kabupaten check.
      expect(refusal(() => buildUserSet(input(zip, 'kendal.zip', { crs: 'EPSG:32750', reference })))).toMatch(
        /^kendal\.zip: projected with EPSG:32750, the boundaries lie outside Kabupaten Kendal/,
      );
      // The same .prj-less file in WGS 84 degrees: EPSG:4326 is the answer, and it is not flagged as metres.
      const geo = await zippedShapefile(kendal, { prj: null });
      const askedGeo = buildUserSet(input(geo, 'kendal-ll.zip'));
      expect(askedGeo.kind === 'needs_crs' && askedGeo.looksProjected).toBe(false);
      expect(buildUserSet(input(geo, 'kendal-ll.zip', { crs: 'EPSG:4326', reference })).kind).toBe('set');
    }, 120_000);

    it('TopoJSON (made by mapshaper) gives the same set as the GeoJSON', async () => {
      const out = await mapshaper.applyCommands('-i in.json -o out.json format=topojson', {
        'in.json': JSON.stringify(kendal),
      });
      const topo = new TextEncoder().encode(String(out['out.json']));
      expect(JSON.parse(new TextDecoder().decode(topo)).type).toBe('Topology');
      const fromTopo = buildUserSet(input(topo, 'kendal.topojson'));
      const fromGeo = buildUserSet(input(utf8(kendal), 'kendal.geojson'));
      expect(fromTopo.kind).toBe('set');
      expect(fromGeo.kind).toBe('set');
      if (fromTopo.kind !== 'set' || fromGeo.kind !== 'set') return;
      expect(fromTopo.set.content.format).toBe('topojson');
      expect(fromTopo.set.manifest.counts).toEqual(fromGeo.set.manifest.counts);
      const areas = (s: typeof fromGeo.set) => s.district.desa.features.map((f) => f.properties.luas_km2);
      const a = areas(fromTopo.set);
      const b = areas(fromGeo.set);
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-3 * Math.max(1, b[i]));
    }, 120_000);

    it('BPS codes and names only: matched by name within the kecamatan, to the Kemendagri codes', () => {
      // BPS form: 33 24 kec(3) desa(3, starting with 0); numbers made up per kecamatan, as BPS's differ.
      const kecNo = new Map<string, number>();
      const desaNo = new Map<string, number>();
      const bps: Desa = {
        type: 'FeatureCollection',
        features: kendal.features.map((f) => {
          const kec = String(f.properties.kode_kec);
          if (!kecNo.has(kec)) kecNo.set(kec, kecNo.size + 1);
          desaNo.set(kec, (desaNo.get(kec) ?? 0) + 1);
          const code = `3324${String(kecNo.get(kec)! * 10).padStart(3, '0')}${String(desaNo.get(kec)).padStart(3, '0')}`;
          return {
            ...f,
            properties: { IDDESA: code, NAMOBJ: f.properties.nama_desa, WADMKC: f.properties.nama_kec },
          };
        }),
      };
      const r = buildUserSet(input(utf8(bps), 'bps.geojson'));
      expect(r.kind).toBe('set');
      if (r.kind !== 'set') return;
      expect(r.set.mapping).toMatchObject({ kode: 'IDDESA', nama: 'NAMOBJ', kecamatan: 'WADMKC' });
      expect(r.set.report.bps_codes).toBe(286);
      expect(r.set.report.matched_by_name).toBe(286);
      expect(r.set.report.unmatched).toEqual([]);
      const codes = new Set(r.set.district.desa.features.map((f) => f.properties.kode_desa));
      expect(codes).toEqual(new Set(kendal.features.map((f) => f.properties.kode_desa)));

      // Names only, the kabupaten said by the user: property over seeded random subsets and spellings.
      const random = new SeededRandom(1624);
      const rand = () => random.float();
      for (let round = 0; round < 4; round++) {
        const picked = kendal.features.filter(() => rand() < 0.3);
        const spelled: Feature[] = picked.map((f) => {
          const name = String(f.properties.nama_desa);
          const variant = [name.toUpperCase(), name.toLowerCase(), `  ${name} `, `Desa ${name}`][
            Math.floor(rand() * 4)
          ];
          return {
            ...f,
            properties: { nama: variant, kecamatan: String(f.properties.nama_kec).toUpperCase() },
          };
        });
        const names = buildUserSet(
          input(utf8({ type: 'FeatureCollection', features: spelled }), 'nama.geojson', {
            kabupaten: ['33.24'],
          }),
        );
        expect(names.kind).toBe('set');
        if (names.kind !== 'set') return;
        expect(names.set.report.matched_by_name + names.set.report.unmatched.length).toBe(picked.length);
        expect(names.set.report.unmatched).toEqual([]);
        expect(new Set(names.set.district.desa.features.map((f) => f.properties.kode_desa))).toEqual(
          new Set(picked.map((f) => f.properties.kode_desa)),
        );
        expect(names.set.manifest.validation.missing_from_source).toHaveLength(286 - picked.length);
      }
    }, 120_000);

    it('CLI --file writes the public-source files and index.json; a refused file writes nothing', async () => {
      const out = path.join(work, 'cli');
      const zip = path.join(work, 'kendal-utm.zip');
      writeFileSync(zip, await zippedShapefile(kendal, { utm49s: true }));
      const o: string[] = [];
      const e: string[] = [];
      const sink = (a: string[]) => ({ write: (s: string) => !!a.push(s) });
      expect(await main(['--file', zip, '--out', out], sink(o), sink(e))).toBe(0);
      expect(o.join('')).toMatch(
        /Kabupaten Kendal \(33\.24\) from your file kendal-utm\.zip \(shapefile layer desa, /,
      );
      const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8'));
      expect(index.districts.map((d: { folder: string }) => d.folder)).toEqual(['33.24']);
      const manifest = JSON.parse(readFileSync(path.join(out, '33.24', 'manifest.json'), 'utf8'));
      expect(manifest.source.name).toBe('berkas pengguna');
      expect(manifest.source.sha256).toMatch(/^[0-9a-f]{64}$/);
      // A .prj-less file without --crs: the question, and nothing changed.
      const before = await snapshot(out);
      const noPrj = path.join(work, 'kendal-noprj.zip');
      writeFileSync(noPrj, await zippedShapefile(kendal, { utm49s: true, prj: null }));
      e.length = 0;
      expect(await main(['--file', noPrj, '--out', out], sink(o), sink(e))).toBe(1);
      expect(e.join('')).toMatch(/desa\.prj is missing.*rerun with --crs EPSG:32749 or --crs EPSG:4326/);
      expect(await snapshot(out)).toEqual(before);
      // With --crs the check against the built 33.24 set passes.
      expect(await main(['--file', noPrj, '--crs', 'EPSG:32749', '--out', out], sink(o), sink(e))).toBe(0);
    }, 120_000);
  },
);
