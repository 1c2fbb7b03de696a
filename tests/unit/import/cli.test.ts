/**
 * `kantong import` on synthetic extracts made by the project's generator in a temporary folder (the committed
 * demo district, 99.99): the aggregates equal the generator's own, nothing identifying reaches any file, and
 * unusable input ends in one line with no output written.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/commands/import.ts';
import { CliError } from '../../../src/cli/errors.ts';
import { cliLanguage } from '../../../src/cli/lang.ts';
import { parseDesaAggregateTable } from '../../../src/lib/aggregate/desa-aggregate-table.ts';
import { aggregateFileName, householdFileName } from '../../../src/lib/synth/csv-format.ts';
import { runSynth, type SynthRunResult } from '../../../src/node/synth-files.ts';
import { FIXTURES, REPO } from './helpers.ts';
import { withoutColumn } from '../helpers/cli.ts';

const KAB = '99.99';
const PERIODS = ['2025-Q1', '2025-Q3'];
let tmp: string;
let geo: string;
let synth: SynthRunResult;
let files: string[];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'kantong-import-'));
  geo = path.join(tmp, 'geo');
  mkdirSync(path.join(geo, KAB), { recursive: true });
  writeFileSync(path.join(geo, KAB, 'desa.json'), readFileSync(path.join(REPO, 'public/geo/demo/desa.json')));
  synth = await runSynth({
    kodeKab: KAB,
    geoDir: geo,
    outDir: path.join(tmp, 'synth'),
    households: 5_000,
    seed: 3,
    periods: PERIODS,
    geotagShare: 0.85,
  });
  files = PERIODS.map((p) => path.join(tmp, 'synth', householdFileName(KAB, p)));
  // A mapping that hashes No. KK as the household key (it needs --salt-file).
  const mapping = {
    version: 1,
    kind: 'households',
    fields: {
      kode_desa: 'KODE_WILAYAH',
      desil: 'DESIL_NASIONAL',
      jumlah_art: 'JUMLAH_ART',
      periode: 'PERIODE',
      kunci_keluarga: 'NO_KK',
    },
    flags: { pkh: 'PKH' },
  };
  writeFileSync(path.join(tmp, 'mapping.json'), JSON.stringify(mapping));
  writeFileSync(path.join(tmp, 'salt.txt'), 'rahasia-proyek-uji\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ stdout: string }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  try {
    await run(args);
  } finally {
    spy.mockRestore();
  }
  return { stdout };
}

function outputs(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

describe('kantong import on a generated extract (5,000 households, two periods)', () => {
  let out: string;
  let written: Record<string, string>;
  beforeAll(async () => {
    out = path.join(tmp, 'out');
    await cli(['--kab', KAB, '--geo', geo, '--households', files[0], '--households', files[1], '--out', out]);
    written = outputs(out);
  });

  it('writes the report and the aggregates, and nothing else', () => {
    expect(Object.keys(written).sort()).toEqual([
      'desa.csv',
      'join-report.json',
      'kabupaten.csv',
      'kecamatan.csv',
    ]);
  });

  it("desa totals equal the generator's own aggregate", () => {
    const own = parseDesaAggregateTable(
      readFileSync(path.join(tmp, 'synth', aggregateFileName(KAB)), 'utf8'),
    );
    const imported = parseDesaAggregateTable(written['desa.csv']);
    expect(imported.rejected).toEqual([]);
    expect(imported.comments.join(' ')).toMatch(/DATA SINTETIS/);
    const key = (r: { periode: string; kode_desa: string }) => `${r.periode} ${r.kode_desa}`;
    const mine = new Map(imported.rows.map((r) => [key(r), r]));
    const nonEmpty = own.rows.filter((r) => r.jumlah_kk > 0);
    expect(imported.rows.length).toBe(nonEmpty.length);
    for (const r of nonEmpty) {
      const m = mine.get(key(r));
      expect(m, key(r)).toBeDefined();
      expect(m!.jumlah_kk).toBe(r.jumlah_kk);
      expect(m!.kk_desil).toEqual(r.kk_desil);
      expect(m!.jumlah_jiwa).toBe(r.jumlah_jiwa);
      for (const p of ['pkh', 'bpnt', 'pbi_jk', 'miskin_ekstrem'])
        expect(m!.programmes[p], p).toBe(r.programmes[p]);
    }
  });

  it('kecamatan and kabupaten rows add up to the households of each period', () => {
    const report = JSON.parse(written['join-report.json']);
    const kab = written['kabupaten.csv']
      .split('\r\n')
      .filter((l) => /^\d{4}/.test(l))
      .map((l) => l.split(';'));
    expect(kab.map((c) => [c[0], Number(c[4])])).toEqual(
      synth.summaries.map((s) => [s.periode, s.households]),
    );
    const kec = written['kecamatan.csv']
      .split('\r\n')
      .filter((l) => /^\d{4}/.test(l))
      .map((l) => l.split(';'));
    for (const s of synth.summaries)
      expect(kec.filter((c) => c[0] === s.periode).reduce((a, c) => a + Number(c[4]), 0)).toBe(s.households);
    expect(report.rows_read).toBe(synth.summaries.reduce((a, s) => a + s.households, 0));
    expect(report.rows_read).toBe(report.rows_joined + report.rows_rejected);
    expect(report.rows_rejected).toBe(0);
    expect(report.periods).toEqual(PERIODS);
    expect(report.identifier_columns_dropped).toEqual(['NIK_KRT', 'NO_KK', 'NAMA_KRT', 'ALAMAT']);
    expect(Object.keys(report.mapping)).toEqual(files.map((f) => path.basename(f)));
    expect(report.files[0].mapping.fields).toMatchObject({
      kode_desa: 'KODE_WILAYAH',
      desil: 'DESIL_NASIONAL',
    });
  });

  it('no output file contains a NIK-like number, a name or an address from the input', () => {
    const input = readFileSync(files[0], 'utf8');
    expect(input).toMatch(/\d{16}/);
    expect(input).toMatch(/WARGA SINTETIS/);
    for (const [name, text] of Object.entries(written)) {
      expect(text, name).not.toMatch(/\d{16}/);
      expect(text, name).not.toMatch(/WARGA SINTETIS|DUSUN SINTETIS|RT 0\d\d\/RW/);
    }
  });

  it('hashes No. KK as the household key when a mapping and a salt are given', async () => {
    const out2 = path.join(tmp, 'out-key');
    const { stdout } = await cli([
      '--kab',
      KAB,
      '--geo',
      geo,
      '--households',
      files[1],
      '--mapping',
      path.join(tmp, 'mapping.json'),
      '--salt-file',
      path.join(tmp, 'salt.txt'),
      '--out',
      out2,
    ]);
    expect(stdout).toMatch(/joined, 0 rejected/);
    const r2 = JSON.parse(readFileSync(path.join(out2, 'join-report.json'), 'utf8'));
    expect(r2.files[0].household_key).toEqual({
      column: 'NO_KK',
      rows_hashed: synth.summaries[1].households,
      rows_without_key: 0,
    });
    for (const text of Object.values(outputs(out2))) expect(text).not.toMatch(/\d{16}/);
  });
});

describe('kantong import: unusable input ends in one line and writes nothing', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['an unknown kabupaten', () => ['--kab', '12.34', '--households', files[0]], /12\.34.*gazetteer/],
    [
      'an unknown kabupaten in a set',
      () => ['--kab', '33.24,33.99', '--households', files[0]],
      /33\.99.*gazetteer/,
    ],
    ['an unknown province', () => ['--kab', '98', '--households', files[0]], /98.*gazetteer/],
    [
      'a kabupaten code that is not one',
      () => ['--kab', 'kendal', '--households', files[0]],
      /bukan kode kabupaten\/kota/,
    ],
    [
      'a missing file',
      () => ['--kab', KAB, '--households', path.join(tmp, 'tidak-ada.csv')],
      /tidak-ada\.csv: cannot read/,
    ],
    [
      'a GeoJSON given as households',
      () => ['--kab', KAB, '--households', path.join(FIXTURES, 'not-households.geojson')],
      /^not-households\.geojson: berisi JSON\/GeoJSON/,
    ],
    [
      'an empty file',
      () => ['--kab', KAB, '--households', path.join(FIXTURES, 'empty.csv')],
      /^empty\.csv: file kosong/,
    ],
    [
      'no desil column',
      () => ['--kab', KAB, '--households', path.join(FIXTURES, 'no-desil.csv')],
      /^no-desil\.csv: kolom desil tidak ditemukan/,
    ],
    [
      'no desa key column',
      () => ['--kab', KAB, '--households', path.join(FIXTURES, 'no-desa-key.csv')],
      /^no-desa-key\.csv: tidak ada kolom kode desa/,
    ],
    [
      'a file of another kabupaten',
      // The fixture has no period column and no period in its name: without --periode it stops earlier.
      () => [
        '--kab',
        KAB,
        '--households',
        path.join(FIXTURES, 'other-kabupaten.csv'),
        '--periode',
        '2025-Q1',
      ],
      /kabupaten\/kota lain, bukan 99\.99/,
    ],
    [
      'a bad mapping file',
      () => ['--kab', KAB, '--households', files[0], '--mapping', path.join(FIXTURES, 'empty.csv')],
      /mapping .*not valid JSON/,
    ],
    [
      'a key mapped without a salt',
      () => ['--kab', KAB, '--households', files[0], '--mapping', path.join(tmp, 'mapping.json')],
      /salt/,
    ],
  ];
  for (const [what, args, message] of cases)
    it(what, async () => {
      const out = path.join(tmp, `bad-${what.replace(/\W+/g, '-')}`);
      const error = await cli([...args(), '--geo', geo, '--out', out]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toMatch(message);
      expect((error as CliError).message.split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    });
});

/** A household file's text without its PERIODE column (the `# DATA SINTETIS` line is kept). */
function withoutPeriodeColumn(file: string): string {
  return withoutColumn(file, 'PERIODE');
}

describe('kantong import: a file without a period column', () => {
  let named: string;
  let unnamed: string;
  beforeAll(() => {
    const text = withoutPeriodeColumn(files[0]);
    named = path.join(tmp, 'dtsen-tanpa-kolom-2025-Q3.csv');
    unnamed = path.join(tmp, 'dtsen-tanpa-kolom.csv');
    writeFileSync(named, text);
    writeFileSync(unnamed, text);
  });
  const report = (out: string) => JSON.parse(readFileSync(path.join(out, 'join-report.json'), 'utf8'));

  it('takes the period from the file name, and says so', async () => {
    const out = path.join(tmp, 'per-name');
    const { stdout } = await cli(['--kab', KAB, '--geo', geo, '--households', named, '--out', out]);
    const r = report(out);
    expect(r.periods).toEqual(['2025-Q3']);
    expect(r.rows_rejected).toBe(0);
    expect(r.rows_joined).toBe(synth.summaries[0].households);
    const note = r.warnings.find((w: { code: string }) => w.code === 'import.warning.periodeFromFileName');
    expect(note.params).toMatchObject({ periode: '2025-Q3', count: r.rows_read });
    expect(stdout).toContain(`! ${note.text}`);
    expect(note.text).toMatch(/baris tanpa periode diberi periode 2025-Q3 dari nama file/);
  });

  it('without a period in the name either, stops in one line that names --periode and writes nothing', async () => {
    const out = path.join(tmp, 'per-none');
    const error = await cli(['--kab', KAB, '--geo', geo, '--households', unnamed, '--out', out]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
    expect((error as CliError).message).toMatch(/^dtsen-tanpa-kolom\.csv: .*--periode/);
    expect((error as CliError).message.split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    // Before any file is joined: a good file first changes nothing.
    const both = ['--households', files[1], '--households', unnamed];
    await expect(cli(['--kab', KAB, '--geo', geo, ...both, '--out', out])).rejects.toThrow(/--periode/);
    expect(existsSync(out)).toBe(false);
  });

  it('with --periode 2025-Q3, gives every row that period', async () => {
    const out = path.join(tmp, 'per-given');
    await cli(['--kab', KAB, '--geo', geo, '--households', unnamed, '--periode', '2025-Q3', '--out', out]);
    const r = report(out);
    expect(r.periods).toEqual(['2025-Q3']);
    expect(r.rows_joined).toBe(synth.summaries[0].households);
    expect(r.warnings.map((w: { code: string }) => w.code)).toContain('import.warning.periodeGiven');
  });

  it('refuses a --periode that is not a period, in one line', async () => {
    const out = path.join(tmp, 'per-bad');
    const args = ['--kab', KAB, '--geo', geo, '--households', unnamed, '--periode', 'kuartal', '--out', out];
    await expect(cli(args)).rejects.toThrow(/^--periode: "kuartal" bukan periode/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('kantong import --lang', () => {
  it('prints and writes the core messages in English with --lang en, in Indonesian by default', async () => {
    // Two rows with desil 11 (lines 3 and 4 as a spreadsheet numbers them: the comment, the header, data).
    const lines = readFileSync(files[0], 'utf8').split('\r\n');
    const j = lines[1].split(';').indexOf('DESIL_NASIONAL');
    for (const k of [2, 3]) {
      const cells = lines[k].split(';');
      cells[j] = '11';
      lines[k] = cells.join(';');
    }
    const damaged = path.join(tmp, 'dtsen-rusak-2025-Q1.csv');
    writeFileSync(damaged, lines.join('\r\n'));
    const run = (lang: string[], out: string) =>
      cli(['--kab', KAB, '--geo', geo, '--households', damaged, ...lang, '--out', out]);
    const en = await run(['--lang', 'en'], path.join(tmp, 'lang-en'));
    const id = await run([], path.join(tmp, 'lang-id'));
    const line =
      /dtsen-rusak-2025-Q1\.csv: 2 (rows rejected — desil outside|baris ditolak — desil di luar) 1–10 \((column|kolom) DESIL_NASIONAL\); (rows|baris) 3, 4$/m;
    expect(en.stdout).toMatch(line);
    expect(en.stdout).toContain('2 rows rejected — desil outside 1–10');
    expect(id.stdout).toContain('2 baris ditolak — desil di luar 1–10');
    const r = JSON.parse(readFileSync(path.join(tmp, 'lang-en', 'join-report.json'), 'utf8'));
    expect(r.rejected_by_reason.desil_out_of_range.label).toBe('desil outside 1–10');
    expect(r.messages[0]).toMatchObject({
      code: 'import.rejectedRows',
      params: { count: 2, rows: [3, 4] },
      text: expect.stringMatching(/rows rejected/),
    });
    await expect(run(['--lang', 'fr'], path.join(tmp, 'lang-fr'))).rejects.toThrow(/--lang: "fr"/);
    expect(existsSync(path.join(tmp, 'lang-fr'))).toBe(false);
  });

  it('takes the language from --lang, else KANTONG_LANG, else Indonesian', () => {
    expect(cliLanguage(undefined, undefined)).toBe('id');
    expect(cliLanguage(undefined, 'en')).toBe('en');
    expect(cliLanguage('id', 'en')).toBe('id');
    expect(() => cliLanguage(undefined, 'de')).toThrow(/KANTONG_LANG: "de"/);
  });
});

describe('kantong import: workbook sheets and code/name contradictions', () => {
  let book: string;
  beforeAll(async () => {
    const { buildXlsx } = await import('../helpers/xlsx.ts');
    const lines = readFileSync(files[0], 'utf8').split('\r\n').filter(Boolean);
    const header = lines[1].split(';');
    const rows = lines.slice(2, 302).map((l) => l.split(';'));
    book = path.join(tmp, 'per-kecamatan-2025-Q1.xlsx');
    writeFileSync(
      book,
      buildXlsx([
        { name: 'A', rows: [header, ...rows.slice(0, 150)] },
        { name: 'B', rows: [header, ...rows.slice(150)] },
        { name: 'Catatan', state: 'hidden', rows: [['CATATAN'], ['tidak dibaca']] },
      ]),
    );
  });

  it('reads the default sheet and names the sheets it did not read; --sheet all reads every sheet with the header', async () => {
    const one = path.join(tmp, 'sheet-default');
    const { stdout } = await cli(['--kab', KAB, '--geo', geo, '--households', book, '--out', one]);
    const report = JSON.parse(readFileSync(path.join(one, 'join-report.json'), 'utf8'));
    expect(report.rows_read).toBe(150);
    expect(report.sheets_not_read.map((s: { sheet: string }) => s.sheet)).toEqual(['B', 'Catatan']);
    expect(stdout).toMatch(/per-kecamatan-2025-Q1\.xlsx: 2 lembar tidak dibaca: "B", "Catatan" \(hidden\)/);
    const all = path.join(tmp, 'sheet-all');
    await cli(['--kab', KAB, '--geo', geo, '--households', book, '--sheet', 'all', '--out', all]);
    const both = JSON.parse(readFileSync(path.join(all, 'join-report.json'), 'utf8'));
    expect(both.rows_read).toBe(300);
    expect(both.files.map((f: { file: { name: string } }) => f.file.name)).toEqual([
      'per-kecamatan-2025-Q1.xlsx [A]',
      'per-kecamatan-2025-Q1.xlsx [B]',
    ]);
    expect(both.sheets_not_read.map((s: { sheet: string }) => s.sheet)).toEqual(['Catatan']);
  });

  it('refuses an unknown sheet or --on-conflict value in one line, writing nothing', async () => {
    for (const [args, message] of [
      [['--sheet', 'Z'], /^per-kecamatan-2025-Q1\.xlsx: lembar "Z" tidak ada/],
      [['--on-conflict', 'maybe'], /^--on-conflict "maybe" is not one of reject, code, name$/],
    ] as const) {
      const out = path.join(tmp, `bad-${args[0]}`);
      const error = await cli(['--kab', KAB, '--geo', geo, '--households', book, ...args, '--out', out]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toMatch(message);
      expect((error as CliError).message.split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('rejects contradicting rows by default; --on-conflict code joins them by their code', async () => {
    const lines = readFileSync(files[0], 'utf8').split('\r\n');
    const header = lines[1].split(';');
    const d = header.indexOf('DESA_KELURAHAN');
    const first = lines[2].split(';');
    const other = lines
      .slice(3)
      .find((l) => l.split(';')[d] !== first[d] && l !== '')!
      .split(';');
    // Three rows keep their code but take another desa's name (and kecamatan).
    const k = header.indexOf('KECAMATAN');
    const changed = lines.map((l, i) => {
      if (i < 2 || i > 4 || l === '') return l;
      const c = l.split(';');
      c[d] = other[d];
      c[k] = other[k];
      return c.join(';');
    });
    const file = path.join(tmp, 'bertentangan-2025-Q1.csv');
    writeFileSync(file, changed.join('\r\n'));
    const rejectDir = path.join(tmp, 'conflict-reject');
    await cli(['--kab', KAB, '--geo', geo, '--households', file, '--out', rejectDir]);
    const rejected = JSON.parse(readFileSync(path.join(rejectDir, 'join-report.json'), 'utf8')).files[0];
    expect(rejected.conflicts.count).toBe(3);
    expect(rejected.rejected_by_reason.kode_nama_conflict.first_rows).toEqual([3, 4, 5]);
    const codeDir = path.join(tmp, 'conflict-code');
    await cli(['--kab', KAB, '--geo', geo, '--households', file, '--on-conflict', 'code', '--out', codeDir]);
    const byCode = JSON.parse(readFileSync(path.join(codeDir, 'join-report.json'), 'utf8')).files[0];
    expect(byCode.conflicts).toMatchObject({ count: 3, resolution: 'code' });
    expect(byCode.rows_joined).toBe(rejected.rows_joined + 3);
  });
});
