import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/geo.ts';
import type {
  BoundaryManifest,
  DesaCollection,
  DistrictIndex,
  KabupatenCollection,
  KecamatanCollection,
} from '../../../src/lib/geo/types.ts';
import { writeDistrictFolder, updateDistrictIndex } from '../../../src/node/geo-files.ts';
import {
  HAS_WILAYAH,
  latLngPath,
  noteSkip,
  rect,
  sink,
  smallDistrictSql,
  snapshot,
  sqlFile,
  sqlRow,
  WILAYAH_DIR,
} from './helpers.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const KAB = '35.78'; // a real kota outside the pinned table, so synthetic files pass the checksum step
const KAB_FILE = `db/kel/35/wilayah_boundaries_kel_${KAB}.sql`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kantong-geo-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A local copy in the repository layout holding one file with `text` at `repoPath`. */
function localCopy(name: string, text: string | Uint8Array, repoPath = KAB_FILE): string {
  const root = path.join(work, name);
  mkdirSync(path.dirname(path.join(root, repoPath)), { recursive: true });
  writeFileSync(path.join(root, repoPath), text);
  return root;
}

/** An output folder already holding a good build of KAB, to prove failures leave it untouched. */
async function populatedOut(name: string): Promise<string> {
  const out = path.join(work, name);
  const s = sink();
  expect(
    await main(
      ['--kab', KAB, '--from', localCopy(`${name}-good`, smallDistrictSql(KAB)), '--out', out],
      s,
      s,
    ),
  ).toBe(0);
  return out;
}

async function expectOneLineFailure(argv: string[], out: string, pattern: RegExp): Promise<void> {
  const before = await snapshot(out);
  const o = sink();
  const e = sink();
  expect(await main([...argv, '--out', out], o, e)).toBe(1);
  expect(o.text()).toBe('');
  expect(e.lines()).toHaveLength(1);
  expect(e.lines()[0]).toMatch(pattern);
  // Nothing half-written: the folder is exactly as before, with no temporary entries left behind.
  expect(await snapshot(out)).toEqual(before);
}

describe('geo CLI: bad input → one clear line, exit 1, output folder untouched', () => {
  it('an unknown --kab, before any download', async () => {
    const out = await populatedOut('unknown-kab');
    await expectOneLineFailure(
      ['--kab', '99.98', '--base-url', 'http://127.0.0.1:1'],
      out,
      /^geo: unknown kabupaten\/kota code 99\.98: not in the gazetteer/,
    );
    await expectOneLineFailure(
      ['--kab', '33.2'],
      out,
      /^geo: --kab "33\.2" is not a kabupaten\/kota code \(expected like 33\.24 or 3324, a province like 33, or a list 33\.24,33\.25\)$/,
    );
    await expectOneLineFailure([], out, /^geo: missing --kab <code>/);
    await expectOneLineFailure(['--kab', '33.24', '--frm', 'x'], out, /^geo: Unknown option '--frm'/);
  });

  it('a missing --from folder, and a folder without the kabupaten file', async () => {
    const out = await populatedOut('missing-from');
    await expectOneLineFailure(
      ['--kab', KAB, '--from', path.join(work, 'nope')],
      out,
      /^geo: --from folder .*nope does not exist or is not a folder/,
    );
    const empty = path.join(work, 'empty-copy');
    mkdirSync(empty);
    await expectOneLineFailure(
      ['--kab', KAB, '--from', empty],
      out,
      /^geo: .*wilayah_boundaries_kel_35\.78\.sql not found: the local copy in .* has no desa file for 35\.78$/,
    );
  });

  it('a truncated SQL file names the file and the line', async () => {
    const out = await populatedOut('truncated');
    const good = smallDistrictSql(KAB);
    const cut = good.slice(0, good.indexOf('35.78.02.2002') + 60);
    const from = localCopy('truncated-src', cut);
    await expectOneLineFailure(
      ['--kab', KAB, '--from', from],
      out,
      /^geo: .*wilayah_boundaries_kel_35\.78\.sql: line 10, column \d+: unterminated string literal \(file truncated\?\)$/,
    );
  });

  it('a corrupt SQL file (bad JSON, wrong field count, a row of another kabupaten) names the line', async () => {
    const out = await populatedOut('corrupt');
    const p = latLngPath([[rect(0, 0, 1, 1)]]);
    const badJson = sqlFile(KAB, [
      [sqlRow(`${KAB}.01.2001`, 'A', p), sqlRow(`${KAB}.01.2002`, 'B', '[[[-7.1,110.2],[-7.1,')],
    ]);
    await expectOneLineFailure(
      ['--kab', KAB, '--from', localCopy('bad-json', badJson)],
      out,
      /: line 7, column 2: path of 35\.78\.01\.2002 is not valid JSON/,
    );
    const short = sqlFile(KAB, [[sqlRow(`${KAB}.01.2001`, 'A', p), `('${KAB}.01.2002','B',-7,'${p}')`]]);
    await expectOneLineFailure(
      ['--kab', KAB, '--from', localCopy('short-row', short)],
      out,
      /: line 7, column 2: row has 4 values, expected 5/,
    );
    const foreign = sqlFile(KAB, [[sqlRow(`${KAB}.01.2001`, 'A', p), sqlRow('35.77.01.2002', 'B', p)]]);
    await expectOneLineFailure(
      ['--kab', KAB, '--from', localCopy('foreign', foreign)],
      out,
      /: line 7, column 2: code 35\.77\.01\.2002 does not belong to kabupaten\/kota 35\.78$/,
    );
    const latin1 = Buffer.from(sqlFile(KAB, [[sqlRow(`${KAB}.01.2001`, 'Caf\u00e9', p)]]), 'latin1');
    await expectOneLineFailure(
      ['--kab', KAB, '--from', localCopy('latin1', latin1)],
      out,
      /^geo: .*wilayah_boundaries_kel_35\.78\.sql: not valid UTF-8 text$/,
    );
  });

  it('a checksum mismatch for a pinned file is refused', async () => {
    const out = await populatedOut('mismatch');
    // A file at Kendal's path whose bytes are not the pinned ones.
    const from = localCopy(
      'mismatch-src',
      smallDistrictSql('33.24'),
      'db/kel/33/wilayah_boundaries_kel_33.24.sql',
    );
    await expectOneLineFailure(
      ['--kab', '33.24', '--from', from],
      out,
      /^geo: checksum mismatch for .*wilayah_boundaries_kel_33\.24\.sql: sha256 [0-9a-f]{64}, the pinned table expects 056130d7[0-9a-f]{56}; refused/,
    );
  });
});

describe('geo CLI: a successful build (synthetic source)', () => {
  it('writes the seven files with exactly the documented properties, and the index', async () => {
    const out = path.join(work, 'ok');
    const o = sink();
    const e = sink();
    expect(
      await main(['--kab', '3578', '--from', localCopy('ok-src', smallDistrictSql(KAB)), '--out', out], o, e),
    ).toBe(0);
    const dir = path.join(out, KAB);
    expect(readdirSync(dir).sort()).toEqual([
      'contiguity.json',
      'desa.display.json',
      'desa.json',
      'kabupaten.display.json',
      'kabupaten.json',
      'kecamatan.display.json',
      'kecamatan.json',
      'manifest.json',
    ]);
    const desa = JSON.parse(readFileSync(path.join(dir, 'desa.json'), 'utf8')) as DesaCollection;
    expect(desa.features.map((f) => Object.keys(f.properties).sort())).toEqual(
      Array(4).fill([
        'jenis',
        'kode_desa',
        'kode_kab',
        'kode_kec',
        'luas_km2',
        'nama_desa',
        'nama_kab',
        'nama_kec',
      ]),
    );
    expect(desa.features[0].properties).toMatchObject({
      kode_desa: '35.78.01.1001',
      nama_desa: 'Satu',
      kode_kec: '35.78.01',
      kode_kab: '35.78',
      nama_kab: 'Kota Surabaya',
      jenis: 'kelurahan',
    });
    expect(desa.features[3].properties.nama_desa).toBe("Ka'empat");
    expect(desa.features[0].properties.luas_km2).toBeCloseTo(4, 1);
    const kec = JSON.parse(readFileSync(path.join(dir, 'kecamatan.json'), 'utf8')) as KecamatanCollection;
    expect(Object.keys(kec.features[0].properties).sort()).toEqual([
      'jumlah_desa',
      'kode_kab',
      'kode_kec',
      'luas_km2',
      'nama_kab',
      'nama_kec',
    ]);
    const kab = JSON.parse(readFileSync(path.join(dir, 'kabupaten.json'), 'utf8')) as KabupatenCollection;
    expect(kab.features[0].properties).toMatchObject({
      kode_kab: '35.78',
      nama_kab: 'Kota Surabaya',
      jumlah_kec: 2,
      jumlah_desa: 4,
    });
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BoundaryManifest;
    for (const [name, size] of Object.entries(manifest.files))
      expect(statSync(path.join(dir, name)).size, name).toBe(size);
    expect(Object.keys(manifest.files)).toHaveLength(7);
    expect(manifest.counts).toEqual({ desa: 3, kelurahan: 1, kecamatan: 2 });
    expect(manifest.bbox[0]).toBeLessThan(manifest.bbox[2]);
    expect(Date.parse(manifest.generated_at)).not.toBeNaN();
    // The gazetteer knows Surabaya's real desa, which the synthetic file lacks: reported, not fatal.
    expect(manifest.validation.missing_from_source.length).toBeGreaterThan(100);
    expect(o.text()).toMatch(/gazetteer: \d+ unknown code\(s\).*desa missing from source/);
    expect(e.text()).toMatch(/recorded in the manifest, not verified/);
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as DistrictIndex;
    expect(index).toEqual({
      default: '35.78',
      districts: [
        {
          kode_kab: '35.78',
          nama_kab: 'Kota Surabaya',
          demo: false,
          folder: '35.78',
          kabupaten: ['35.78'],
          kabupaten_names: ['Kota Surabaya'],
          bbox: manifest.bbox,
          jumlah_desa: 4,
        },
      ],
    });
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('geo-files: atomic writes and the index', () => {
  it('a failure while writing leaves the previous folder as it was and no temporary folder', async () => {
    const out = path.join(work, 'atomic');
    await writeDistrictFolder(out, '35.78', [{ name: 'a.json', text: 'old' }]);
    const before = await snapshot(out);
    await expect(
      writeDistrictFolder(out, '35.78', [
        { name: 'b.json', text: 'new' },
        { name: 'no/such/dir.json', text: 'x' },
      ]),
    ).rejects.toThrow();
    expect(await snapshot(out)).toEqual(before);
    await writeDistrictFolder(out, '35.78', [{ name: 'b.json', text: 'new' }]);
    expect(readdirSync(path.join(out, '35.78'))).toEqual(['b.json']);
    expect(readdirSync(out)).toEqual(['35.78']);
  });

  it('defaults to 33.24 when built, else the demo; the demo is listed last', async () => {
    const out = path.join(work, 'index');
    const manifest = (kode: string, demo: boolean): string =>
      JSON.stringify({ kode_kab: kode, nama_kab: `N ${kode}`, demo });
    await writeDistrictFolder(out, 'demo', [{ name: 'manifest.json', text: manifest('99.99', true) }]);
    await writeDistrictFolder(out, '33.74', [{ name: 'manifest.json', text: manifest('33.74', false) }]);
    expect((await updateDistrictIndex(out)).default).toBe('demo');
    await writeDistrictFolder(out, '33.24', [{ name: 'manifest.json', text: manifest('33.24', false) }]);
    const index = await updateDistrictIndex(out);
    expect(index.default).toBe('33.24');
    expect(index.districts.map((d) => d.folder)).toEqual(['33.24', '33.74', 'demo']);
  });
});

describe.skipIf(!noteSkip(HAS_WILAYAH, 'CLI build of the real Kendal file'))(
  'geo CLI: the real Kendal file from the local copy',
  () => {
    it('builds 33.24 with the expected counts, findings and files', async () => {
      const out = path.join(work, 'kendal');
      const o = sink();
      const e = sink();
      expect(await main(['--kab', '33.24', '--from', WILAYAH_DIR, '--out', out], o, e)).toBe(0);
      expect(e.text()).toBe('');
      const manifest = JSON.parse(
        readFileSync(path.join(out, '33.24/manifest.json'), 'utf8'),
      ) as BoundaryManifest;
      expect(manifest).toMatchObject({
        kode_kab: '33.24',
        nama_kab: 'Kabupaten Kendal',
        demo: false,
        counts: { desa: 266, kelurahan: 20, kecamatan: 20 },
      });
      expect(manifest.source).toMatchObject({
        name: 'cahyadsn/wilayah_boundaries',
        commit: '3c5a7960f4d227a38489094d84252bdbb3f978a5',
        file: 'db/kel/33/wilayah_boundaries_kel_33.24.sql',
        checksum_status: 'pinned',
      });
      // No machine-specific absolute path in the manifest.
      expect(manifest.source.location).toMatch(/^\.\.\/.*\/db\/kel\/33\/wilayah_boundaries_kel_33\.24\.sql$/);
      expect(manifest.validation).toMatchObject({
        unknown_in_gazetteer: [],
        missing_from_source: [],
        name_differences: [{ kode: '33.24.15.1007', source: 'Kalibuntu Wetan', gazetteer: 'Kalibuntuwetan' }],
        holes_kept: 1,
      });
      expect(manifest.validation.holes?.kecamatan.kept).toEqual([
        { kode: '33.24.08', area_ha: expect.closeTo(22.4, 0) },
      ]);
      expect(manifest.bbox.map((v) => Math.round(v * 1000) / 1000)).toEqual([
        109.923, -7.202, 110.366, -6.833,
      ]);
      expect(manifest.files['desa.display.json']).toBeLessThan(manifest.files['desa.json'] * 0.7);
      const desa = JSON.parse(readFileSync(path.join(out, '33.24/desa.json'), 'utf8')) as DesaCollection;
      expect(
        desa.features.find((f) => f.properties.kode_desa === '33.24.15.1007')?.properties.nama_desa,
      ).toBe('Kalibuntu Wetan');
      expect(o.text()).toMatch(/1 name difference/);
      expect(o.text()).toMatch(/kept: 33\.24\.08 22\.4\d ha/);
      expect((JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as DistrictIndex).default).toBe(
        '33.24',
      );
    });
  },
);

describe('geo CLI as a real process', () => {
  it('`npx tsx src/cli/geo.ts --kab 99.98` exits 1 with one line on stderr', () => {
    const out = path.join(work, 'spawn');
    const result = spawnSync('npx', ['tsx', 'src/cli/geo.ts', '--kab', '99.98', '--out', out], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'geo: unknown kabupaten/kota code 99.98: not in the gazetteer (idn-area-data regencies.csv)',
    ]);
    expect(existsSync(out)).toBe(false);
  });
});
