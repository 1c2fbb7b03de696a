/**
 * The project file: what is saved reads back identical (rows, hexagon counts as typed arrays, view,
 * scenarios with shortlist and notes), and every bad file — not JSON, not a project, newer, truncated,
 * damaged, wrongly shaped, with identifier-like fields, for another kabupaten — is refused with its own
 * message in both languages, before anything of it is used.
 */
import { describe, expect, it } from 'vitest';
import type { HexBins } from '../../../src/lib/hex/types.ts';
import { msg, type Message } from '../../../src/lib/messages/message.ts';
import { renderMessage } from '../../../src/lib/messages/render.ts';
import { DEFAULT_VIEW } from '../../../src/lib/params/view.ts';
import { scenarioFromPreset, type Scenario } from '../../../src/lib/priority/scenario.ts';
import { sha256Hex } from '../../../src/lib/project/checksum.ts';
import { makeSlide } from '../../../src/lib/slides/slides.ts';
import {
  parseProjectFile,
  PROJECT_MARK,
  PROJECT_VERSION,
  projectFileText,
  type ProjectContent,
  type ProjectExpectation,
} from '../../../src/lib/project/project-file.ts';

const DESA = ['33.24.01.2001', '33.24.01.2002', '33.24.02.2001'];
const SHA = sha256Hex('{"type":"FeatureCollection","features":[]}');
const EXPECTED: ProjectExpectation = {
  kodeKab: '33.24',
  namaKab: 'Kabupaten Kendal',
  desaSha256: SHA,
  knownDesa: new Set(DESA),
};

function bins(): HexBins {
  return {
    resolution: 8,
    source: 'points',
    estimate: false,
    cells: ['88658e1a1bfffff', '88658e1a1dfffff'],
    households: Uint32Array.from([12, 30]),
    desil: Uint32Array.from([3, 2, 1, 1, 1, 1, 1, 1, 0, 1, 9, 4, 3, 3, 3, 2, 2, 2, 1, 1]),
    areaKm2: Float64Array.from([0.737, 0.52]),
    border: Uint8Array.from([0, 1]),
    total: 42,
    allocated: 5,
    messages: [
      {
        code: 'missing-coordinates',
        severity: 'info',
        message: msg('hex.missingCoordinates', { count: 5, share: '12%' }),
        count: 5,
      },
    ],
  };
}

function content(): ProjectContent {
  const current: Scenario = {
    ...scenarioFromPreset('bansos', ''),
    selection: { kind: 'reach', share: 0.4 },
    spread: { maxPerKecamatan: 3, minPerKecamatan: null },
    filters: { kecamatan: ['33.24.01'], jenis: 'desa', minHouseholds: 25 },
    shortlist: [
      { kode_desa: DESA[1], pinned: true, note: 'cek lapangan; "jalan rusak"' },
      { kode_desa: DESA[0], pinned: false, note: '' },
    ],
  };
  return {
    boundary: {
      kode_kab: '33.24',
      nama_kab: 'Kabupaten Kendal',
      folder: '33.24',
      source: 'cahyadsn/wilayah_boundaries (MIT) @3c5a796',
      desa_sha256: SHA,
    },
    dataset: {
      origin: 'imported',
      id: '7f0c2a9e-uji',
      name: 'dtsen-2025-Q1.csv, dtsen-2025-Q3.csv',
      files: ['dtsen-2025-Q1.csv', 'dtsen-2025-Q3.csv'],
      periods: ['2025-Q1', '2025-Q3'],
      synthetic: true,
      imported_at: '2026-01-02T03:04:05.000Z',
      rows_read: 12_345,
      rows_joined: 12_300,
      rows: DESA.flatMap((kode, i) =>
        ['2025-Q1', '2025-Q3'].map((periode, p) => ({
          periode,
          kode_desa: kode,
          jumlah_kk: 100 + i * 10 + p,
          kk_desil: [3 + p, 7, 9, 11, 12, 13, 14, 10, 11, 10 + i * 10],
          jumlah_jiwa: i === 2 ? null : 380 + i,
          programmes: { pkh: 4 + i, bpnt: 2 },
          nama_desa: `Desa ${i + 1}`,
          kode_kec: kode.slice(0, 8),
          nama_kec: i === 2 ? 'Kaliwungu' : 'Patebon',
          kk_jiwa_diketahui: i === 2 ? null : 100,
          share_desil_1: (3 + p) / (100 + i * 10 + p),
          share_desil_1_4: 0.3 + i / 7,
        })),
      ),
      hexbins: { '2025-Q3': { 8: bins() } },
    },
    view: {
      ...DEFAULT_VIEW,
      task: 'priority',
      indicator: 'share_d1_4',
      method: 'quantile',
      classes: 4,
      focus: '33.24.01',
      selected: DESA[1],
      pockets: true,
      minCount: 15,
    },
    scenarios: {
      current,
      saved: [
        { ...scenarioFromPreset('ekstrem', 'Ekstrem 2026'), selection: { kind: 'top', n: 12 } },
        {
          ...scenarioFromPreset('kantong', 'Kantong'),
          shortlist: [{ kode_desa: DESA[2], pinned: true, note: 'x' }],
        },
      ],
    },
    // the presentation's slides: saved views in the link format, with their map area and scenario
    slides: [
      makeSlide('s1', 'Kantong LISA', { ...DEFAULT_VIEW, mode: 'lisa' }, [110, -7.2, 110.3, -6.9], null),
      makeSlide(
        's2',
        'Prioritas',
        { ...DEFAULT_VIEW, task: 'priority' },
        null,
        scenarioFromPreset('bansos', ''),
      ),
    ],
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests edit parsed JSON at any depth
type Json = any;

const text = (c: ProjectContent = content()) => projectFileText(c, '2026-03-02T08:15:00.000Z');

/** A file whose content was edited, with a checksum that matches the edit (a well-formed but bad file). */
function edited(change: (c: Json) => void): string {
  const data = JSON.parse(text());
  change(data.content);
  data.checksum = `sha256:${sha256Hex(JSON.stringify(data.content))}`;
  return JSON.stringify(data);
}

function refused(t: string): Message {
  const r = parseProjectFile(t, 'proyek.json', EXPECTED);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.error;
}

/** The refusal rendered in both languages: no parameter left open, and the two differ. */
function both(error: Message): { id: string; en: string } {
  const id = renderMessage(error, 'id');
  const en = renderMessage(error, 'en');
  expect(id).not.toMatch(/\{\w+\}/);
  expect(en).not.toMatch(/\{\w+\}/);
  expect(id).not.toBe(en);
  expect(id).toContain('proyek.json');
  return { id, en };
}

describe('project file: round trip', () => {
  it('reads back exactly what was saved: rows, typed hexagon counts, view, scenarios, shortlist, notes', () => {
    const c = content();
    const t = text(c);
    const r = parseProjectFile(t, 'proyek.json', EXPECTED);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(r.project.version).toBe(PROJECT_VERSION);
    expect(r.project.savedAt).toBe('2026-03-02T08:15:00.000Z');
    expect(r.project.content).toEqual(c);
    const b = r.project.content.dataset.hexbins!['2025-Q3'][8]!;
    expect(b.households).toBeInstanceOf(Uint32Array);
    expect(b.areaKm2).toBeInstanceOf(Float64Array);
    expect(b.border).toBeInstanceOf(Uint8Array);
    // saving what was read gives the same file, byte for byte
    expect(text(r.project.content)).toBe(t);
  });

  it('keeps the targets (Pemantauan mode) and refuses invalid ones; files without them still open', () => {
    const c: ProjectContent = {
      ...content(),
      targets: [
        { id: 'extreme', year: 2027, value: 0.005 },
        { id: 'poverty', year: 2030, value: 0.04 },
      ],
    };
    const r = parseProjectFile(text(c), 'proyek.json', EXPECTED);
    expect(r.ok && r.project.content.targets).toEqual(c.targets);
    expect(parseProjectFile(text(content()), 'proyek.json', EXPECTED).ok).toBe(true);
    const bad = refused(
      edited((x) => {
        x.targets = [{ id: 'poverty', year: 2029, value: 4.5 }];
      }),
    );
    expect(both(bad).en).toMatch(/targets/);
  });

  it('opens with a readable head: the mark, the internal-file note, the time, the checksum', () => {
    const lines = text().split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toBe(`  "${PROJECT_MARK}": 1,`);
    expect(lines[2]).toMatch(/"note": "BERKAS KERJA INTERNAL/);
    expect(lines[3]).toBe('  "saved_at": "2026-03-02T08:15:00.000Z",');
    expect(lines[4]).toMatch(/^ {2}"checksum": "sha256:[0-9a-f]{64}",$/);
  });

  it('keeps only the fields of the format from the rows the app holds', () => {
    const c = content();
    (c.dataset.rows[0] as unknown as Record<string, unknown>).scratch = 'kept in memory only';
    const r = parseProjectFile(text(c), 'proyek.json', EXPECTED);
    expect(r.ok && Object.keys(r.project.content.dataset.rows[0])).not.toContain('scratch');
  });

  it('restores a scenario being edited that weighs nothing yet, as it was', () => {
    const c = content();
    c.scenarios.current = { ...c.scenarios.current, indicators: [] };
    const r = parseProjectFile(text(c), 'proyek.json', EXPECTED);
    expect(r.ok && r.project.content.scenarios.current).toEqual(c.scenarios.current);
    const zero = content();
    zero.scenarios.current.indicators.forEach((i) => (i.weight = 0));
    const z = parseProjectFile(text(zero), 'proyek.json', EXPECTED);
    expect(z.ok && z.project.content.scenarios.current).toEqual(zero.scenarios.current);
  });

  it('warns, and still opens, when the boundaries changed or shortlisted desa are not in them', () => {
    const r = parseProjectFile(text(), 'proyek.json', { ...EXPECTED, desaSha256: sha256Hex('lain') });
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['project.boundaryChanged']);
    const fewer = parseProjectFile(text(), 'proyek.json', {
      ...EXPECTED,
      knownDesa: new Set([DESA[0], DESA[2]]),
    });
    expect(fewer.ok && fewer.warnings).toEqual([
      msg('project.unknownDesa', { file: 'proyek.json', count: 1 }),
    ]);
    expect(fewer.ok && fewer.project.content.scenarios.current.shortlist!.map((e) => e.kode_desa)).toEqual([
      DESA[0],
    ]);
  });
});

describe('project file: bad files are refused with their own message', () => {
  it('not JSON at all', () => {
    const e = refused('kode_desa;jumlah_kk\n33.24.01.2001;12\n');
    expect(e.code).toBe('project.notJson');
    expect(both(e).en).toMatch(/not a Kantong project file/);
  });

  it('JSON that is not a project (a scenario file, a GeoJSON)', () => {
    expect(refused('{"indicators": [{"id": "share_d1", "weight": 1}]}').code).toBe('project.notProject');
    expect(refused('[1, 2, 3]').code).toBe('project.notProject');
    both(refused('{"type": "FeatureCollection", "features": []}'));
  });

  it('a newer format, named with the version this one reads', () => {
    const e = refused(text().replace(`"${PROJECT_MARK}": 1`, `"${PROJECT_MARK}": 2`));
    expect(e).toEqual(msg('project.newerVersion', { file: 'proyek.json', version: '2', supported: 1 }));
    expect(both(e).id).toMatch(/versi Kantong yang lebih baru/);
  });

  it('a truncated file, at any point after its head', () => {
    const t = text();
    for (const at of [40, Math.floor(t.length / 3), t.length - 3]) {
      const e = refused(t.slice(0, at));
      expect(e.code, `cut at ${at}`).toBe('project.corrupt');
      expect(renderMessage(e, 'en')).toMatch(/truncated/);
    }
    both(refused(t.slice(0, 500)));
  });

  it('a damaged file: one figure changed without its checksum', () => {
    const t = text();
    const damaged = t.replace('"jumlah_kk":100,', '"jumlah_kk":1000,');
    expect(damaged).not.toBe(t);
    const e = refused(damaged);
    expect(e).toEqual(
      msg('project.corrupt', { file: 'proyek.json', detail: msg('project.detail.checksum') }),
    );
    both(e);
    expect(refused(t.replace(/"checksum": "[^"]+",\n/, '')).code).toBe('project.corrupt');
  });

  it('the wrong shape: missing parts, wrong types, rows outside the kabupaten, a bad view or scenario', () => {
    const cases: [string, (c: Json) => void, RegExp][] = [
      ['no rows', (c) => delete c.dataset.rows, /dataset\.rows/],
      ['desil of 9', (c) => c.dataset.rows[0].kk_desil.pop(), /dataset\.rows/],
      ['negative count', (c) => (c.dataset.rows[1].jumlah_kk = -4), /dataset\.rows/],
      ['text count', (c) => (c.dataset.rows[1].programmes.pkh = '4'), /dataset\.rows/],
      ['short hexagon counts', (c) => c.dataset.hexbins['2025-Q3'][8].households.pop(), /dataset\.hexbins/],
      ['resolution 12', (c) => (c.dataset.hexbins['2025-Q3'][12] = {}), /dataset\.hexbins/],
      ['no boundary', (c) => delete c.boundary, /boundary/],
      [
        'row of another kabupaten',
        (c) => (c.dataset.rows[0].kode_desa = '33.25.01.2001'),
        /33\.25\.01\.2001/,
      ],
      ['bad view', (c) => (c.view.level = 'provinsi'), /view/],
      ['bad scenario', (c) => (c.scenarios.saved[0].indicators[0].id = 'nope'), /scenarios\.saved\[0\]/],
      ['no saved list', (c) => (c.scenarios.saved = null), /scenarios\.saved/],
    ];
    for (const [name, change, detail] of cases) {
      const e = refused(edited(change));
      expect(e.code, name).toBe('project.corrupt');
      expect(renderMessage(e, 'en'), name).toMatch(detail);
      both(e);
    }
  });

  it('identifier-like fields, by name or by content, with or without a matching checksum', () => {
    const withNik = edited((c) => (c.dataset.rows[0].nik = '3324011203850001'));
    expect(refused(withNik)).toEqual(msg('project.hasIdentifiers', { file: 'proyek.json', columns: 'nik' }));
    expect(both(refused(withNik)).id).toMatch(/data pribadi \(nik\)/);
    const names = edited((c) => c.dataset.rows.forEach((r: Json) => (r.nama_kepala_keluarga = 'Budi')));
    expect(refused(names).params?.columns).toBe('nama_kepala_keluarga');
    const byContent = edited((c) =>
      c.dataset.rows.forEach((r: Json, i: number) => (r.x1 = `33240112038500${10 + i}`)),
    );
    expect(refused(byContent).params?.columns).toBe('x1');
    const programme = edited((c) => (c.dataset.rows[2].programmes.no_kk = 3));
    expect(refused(programme).params?.columns).toBe('no_kk');
    // a file edited by hand without a new checksum is still refused as personal data, not as damaged
    const t = text().replace('"periode":"2025-Q1",', '"periode":"2025-Q1","alamat":"Jl. Soekarno-Hatta 12",');
    expect(refused(t).code).toBe('project.hasIdentifiers');
  });

  it('a project of another kabupaten, naming both', () => {
    const other = content();
    other.boundary = { ...other.boundary, kode_kab: '33.25', nama_kab: 'Kabupaten Batang' };
    other.dataset.rows = other.dataset.rows.map((r) => ({
      ...r,
      kode_desa: r.kode_desa.replace('33.24', '33.25'),
    }));
    const e = refused(text(other));
    expect(e.code).toBe('project.otherDistrict');
    const { id, en } = both(e);
    expect(id).toContain('Kabupaten Batang (33.25)');
    expect(en).toContain('Kabupaten Kendal, 33.24');
  });
});

describe('project file: slides', () => {
  it('reads a file from before slides as one without, and refuses a damaged slide with its number', () => {
    const older = edited((c: Json) => delete c.slides);
    const r = parseProjectFile(older, 'proyek.json', EXPECTED);
    expect(r.ok && r.project.content.slides).toEqual([]);
    const bad = edited((c: Json) => (c.slides[1].view = '?mode=nope'));
    const b = parseProjectFile(bad, 'proyek.json', EXPECTED);
    expect(!b.ok && b.error.code).toBe('project.corrupt');
    expect(!b.ok && renderMessage(b.error, 'id')).toContain('slide ke-2');
  });
});
