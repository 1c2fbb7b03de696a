import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/geo.ts';
import { WILAYAH_SHA256 } from '../../../src/lib/geo/wilayah-checksums.ts';
import type { BoundaryManifest, DistrictIndex } from '../../../src/lib/geo/types.ts';
import {
  downloadWilayah,
  sha256Hex,
  verifyWilayahChecksum,
  WilayahOfflineError,
  WilayahSourceError,
} from '../../../src/node/wilayah-fetch.ts';
import {
  closedPort,
  HAS_WILAYAH,
  noteSkip,
  serveFolder,
  sink,
  smallDistrictSql,
  snapshot,
  WILAYAH_DIR,
  type FolderServer,
} from './helpers.ts';

/** Kota Surabaya: a real code with no entry in the pinned checksum table (only Jawa Tengah is pinned). */
const UNPINNED_KAB = '35.78';
const UNPINNED_PATH = `db/kel/35/wilayah_boundaries_kel_${UNPINNED_KAB}.sql`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kantong-geo-download-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function outDir(name: string): string {
  return path.join(work, name);
}

describe('download from a loopback server (synthetic source, always runs)', () => {
  let server: FolderServer;
  let root: string;
  const sql = smallDistrictSql(UNPINNED_KAB);

  beforeAll(async () => {
    root = path.join(work, 'repo');
    mkdirSync(path.join(root, 'db/kel/35'), { recursive: true });
    writeFileSync(path.join(root, UNPINNED_PATH), sql);
    server = await serveFolder(root);
  });
  afterAll(() => server.close());

  it('downloads the file at <base>/<repository path>', async () => {
    const file = await downloadWilayah(`${server.baseUrl}/`, UNPINNED_KAB, 5_000);
    expect(file.path).toBe(UNPINNED_PATH);
    expect(file.location).toBe(`${server.baseUrl}/${UNPINNED_PATH}`);
    expect(Buffer.from(file.bytes).toString('utf8')).toBe(sql);
    expect(server.requests).toContain(UNPINNED_PATH);
  });

  it('accepts a file missing from the pinned table with a recorded checksum and a warning', async () => {
    expect(WILAYAH_SHA256[UNPINNED_PATH]).toBeUndefined();
    const out = sink();
    const err = sink();
    const code = await main(
      ['--kab', '3578', '--base-url', server.baseUrl, '--out', outDir('recorded')],
      out,
      err,
    );
    expect(code).toBe(0);
    expect(err.lines()).toHaveLength(1);
    expect(err.text()).toMatch(
      /not in the pinned checksum table; its sha256 [0-9a-f]{64} was recorded in the manifest, not verified/,
    );
    const manifest = JSON.parse(
      readFileSync(path.join(outDir('recorded'), '35.78/manifest.json'), 'utf8'),
    ) as BoundaryManifest;
    expect(manifest.source).toMatchObject({
      checksum_status: 'recorded',
      sha256: sha256Hex(Buffer.from(sql)),
      file: UNPINNED_PATH,
    });
    expect(manifest.source.location).toBe(`${server.baseUrl}/${UNPINNED_PATH}`);
    expect(manifest.nama_kab).toBe('Kota Surabaya');
    expect(out.text()).toMatch(/^geo: Kota Surabaya \(35\.78\): 3 desa \+ 1 kelurahan in 2 kecamatan/);
  });

  it('--sha256 pins a file explicitly: a match is "pinned", a mismatch is refused and nothing is written', async () => {
    const ok = sink();
    expect(
      await main(
        [
          '--kab',
          UNPINNED_KAB,
          '--base-url',
          server.baseUrl,
          '--sha256',
          sha256Hex(Buffer.from(sql)),
          '--out',
          outDir('explicit'),
        ],
        ok,
        ok,
      ),
    ).toBe(0);
    expect(
      JSON.parse(readFileSync(path.join(outDir('explicit'), '35.78/manifest.json'), 'utf8')).source
        .checksum_status,
    ).toBe('pinned');

    const err = sink();
    const wrong = 'ab'.repeat(32);
    expect(
      await main(
        [
          '--kab',
          UNPINNED_KAB,
          '--base-url',
          server.baseUrl,
          '--sha256',
          wrong,
          '--out',
          outDir('explicit-bad'),
        ],
        err,
        err,
      ),
    ).toBe(1);
    expect(err.lines()).toHaveLength(1);
    expect(err.text()).toMatch(
      /^geo: checksum mismatch for http:\/\/127\.0\.0\.1:\d+\/db\/kel\/35\/wilayah_boundaries_kel_35\.78\.sql: sha256 [0-9a-f]{64}, --sha256 expects (ab){32}; refused/,
    );
    expect(existsSync(outDir('explicit-bad'))).toBe(false);
  });

  it('a 404 for a code the gazetteer knows is a clear error, nothing written', async () => {
    await expect(downloadWilayah(server.baseUrl, '35.01', 5_000)).rejects.toThrow(WilayahSourceError);
    const err = sink();
    expect(
      await main(['--kab', '35.01', '--base-url', server.baseUrl, '--out', outDir('missing')], err, err),
    ).toBe(1);
    expect(err.lines()).toEqual([
      `geo: ${server.baseUrl}/db/kel/35/wilayah_boundaries_kel_35.01.sql answered 404 Not Found: the source has no desa file for 35.01 at this commit`,
    ]);
    expect(existsSync(outDir('missing'))).toBe(false);
  });

  it('the base URL can come from KANTONG_WILAYAH_BASE_URL', async () => {
    const before = process.env.KANTONG_WILAYAH_BASE_URL;
    process.env.KANTONG_WILAYAH_BASE_URL = server.baseUrl;
    try {
      const out = sink();
      expect(await main(['--kab', UNPINNED_KAB, '--out', outDir('env')], out, out)).toBe(0);
      expect(existsSync(path.join(outDir('env'), '35.78/desa.json'))).toBe(true);
    } finally {
      if (before === undefined) delete process.env.KANTONG_WILAYAH_BASE_URL;
      else process.env.KANTONG_WILAYAH_BASE_URL = before;
    }
  });
});

describe('no network: connection refused', () => {
  it('downloadWilayah reports the host as unreachable', async () => {
    const port = await closedPort();
    await expect(downloadWilayah(`http://127.0.0.1:${port}`, '33.24', 5_000)).rejects.toThrow(
      WilayahOfflineError,
    );
  });

  it('the command says the district was NOT built, writes the demo district instead and exits 0', async () => {
    const port = await closedPort();
    const dir = outDir('offline');
    const out = sink();
    const err = sink();
    const code = await main(
      ['--kab', '33.24', '--base-url', `http://127.0.0.1:${port}`, '--out', dir],
      out,
      err,
    );
    expect(code).toBe(0);
    expect(err.lines()).toHaveLength(2);
    expect(err.lines()[0]).toBe(
      `geo: could not reach http://127.0.0.1:${port}/db/kel/33/wilayah_boundaries_kel_33.24.sql: ECONNREFUSED; no network and no --from copy, so Kabupaten Kendal (33.24) was NOT built.`,
    );
    expect(err.lines()[1]).toMatch(
      /^geo: fell back to the demo district "Kabupaten Contoh \(DEMO\)" \(made-up, code 99\.99\) in .*demo; rerun online or with --from DIR to build 33\.24\.$/,
    );
    expect(existsSync(path.join(dir, '33.24'))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(dir, 'demo/manifest.json'), 'utf8')).demo).toBe(true);
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as DistrictIndex;
    expect(index).toMatchObject({
      default: 'demo',
      districts: [{ kode_kab: '99.99', nama_kab: 'Kabupaten Contoh (DEMO)', demo: true, folder: 'demo' }],
    });
    expect(index.districts).toHaveLength(1);
  });
});

describe.skipIf(!noteSkip(HAS_WILAYAH, 'loopback download of the real source'))(
  'download from a loopback server serving ../shared/data/wilayah_boundaries',
  () => {
    const kendalPath = 'db/kel/33/wilayah_boundaries_kel_33.24.sql';
    let server: FolderServer;
    let tampered: FolderServer;

    beforeAll(async () => {
      server = await serveFolder(WILAYAH_DIR);
      const original = readFileSync(path.join(WILAYAH_DIR, kendalPath));
      // Same file with one row's name changed: still valid SQL, different bytes.
      tampered = await serveFolder(WILAYAH_DIR, {
        [kendalPath]: original.toString('utf8').replace("'Blumah'", "'Blumeh'"),
      });
    });
    afterAll(async () => {
      await server.close();
      await tampered.close();
    });

    it('downloads Kendal and its sha256 matches the pinned table', async () => {
      const file = verifyWilayahChecksum(await downloadWilayah(server.baseUrl, '33.24', 10_000));
      expect(file.checksum_status).toBe('pinned');
      expect(file.sha256).toBe(WILAYAH_SHA256[kendalPath]);
    });

    it('a changed file is refused with a clear message, and nothing is written', async () => {
      const file = await downloadWilayah(tampered.baseUrl, '33.24', 10_000);
      expect(() => verifyWilayahChecksum(file)).toThrow(
        /checksum mismatch .* the pinned table expects [0-9a-f]{64}; refused/,
      );

      const dir = outDir('tampered');
      mkdirSync(path.join(dir, 'demo'), { recursive: true });
      writeFileSync(path.join(dir, 'demo/manifest.json'), '{"previous":true}');
      const before = await snapshot(dir);
      const err = sink();
      expect(await main(['--kab', '33.24', '--base-url', tampered.baseUrl, '--out', dir], err, err)).toBe(1);
      expect(err.lines()).toHaveLength(1);
      expect(err.text()).toMatch(
        new RegExp(
          `^geo: checksum mismatch for ${tampered.baseUrl.replace(/\./g, '\\.')}/${kendalPath.replace(/\./g, '\\.')}: sha256 [0-9a-f]{64}, the pinned table expects ${WILAYAH_SHA256[kendalPath]}; refused`,
        ),
      );
      expect(await snapshot(dir)).toEqual(before);
    });

    it('builds a small real kota end to end over HTTP (Kota Salatiga, 33.73)', async () => {
      const dir = outDir('salatiga');
      const out = sink();
      expect(await main(['--kab', '3373', '--base-url', server.baseUrl, '--out', dir], out, out)).toBe(0);
      const manifest = JSON.parse(
        readFileSync(path.join(dir, '33.73/manifest.json'), 'utf8'),
      ) as BoundaryManifest;
      expect(manifest).toMatchObject({ kode_kab: '33.73', nama_kab: 'Kota Salatiga', demo: false });
      expect(manifest.source).toMatchObject({
        checksum_status: 'pinned',
        location: `${server.baseUrl}/db/kel/33/wilayah_boundaries_kel_33.73.sql`,
      });
      expect(manifest.counts.kecamatan).toBe(4);
    });
  },
);
