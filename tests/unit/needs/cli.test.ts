/**
 * `kantong needs` end to end on a planted synthetic extract (with fake NIK, No. KK, names and addresses):
 * the documented files and columns, the planted patterns in verification.csv, and a privacy audit of every
 * output (files, workbook, stdout, stderr): no name, address, 16-digit number, raw household key or
 * coordinate; counts of 1 … k−1 never shown; row numbers only.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/commands/needs.ts';
import { CliError } from '../../../src/cli/errors.ts';
import { kendalProfile } from '../../../src/lib/synth/calibration.ts';
import { generateHouseholds } from '../../../src/lib/synth/households.ts';
import { plantNeedsPatterns, type PlantedNeedsPatterns } from '../../../src/lib/synth/needs-patterns.ts';
import { fakeIdentifiers, fakeName } from '../../../src/lib/synth/identifiers.ts';
import { writeHouseholdFile } from '../../../src/node/synth-files.ts';
import { quiet, withoutColumn, writeTestGeo } from '../helpers/cli.ts';
import { smallCounts } from '../helpers/leak-audit.ts';

vi.stubEnv('KANTONG_LANG', 'en');
vi.stubEnv('SOURCE_DATE_EPOCH', '1764547200');

let dir: string;
let geo: string;
let files: string[];
let planted: PlantedNeedsPatterns;
let keys: number[];
let desaCount: number;

function table(out: string, name: string) {
  const text = readFileSync(path.join(out, name), 'utf8');
  expect(text.startsWith('\uFEFF# DATA SINTETIS')).toBe(true);
  const body = text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => !l.startsWith('#'))
    .join('\r\n');
  return Papa.parse<Record<string, string>>(body, { header: true, delimiter: ';', skipEmptyLines: true });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kantong-needs-'));
  const written = writeTestGeo(dir);
  geo = written.geo;
  desaCount = written.desa.length;
  const synth = generateHouseholds('33.24', written.desa, kendalProfile, {
    households: 20_000,
    seed: 21,
    periods: ['2025-Q1', '2025-Q3'],
    geotagShare: 0.85,
  });
  const plantedDistrict = plantNeedsPatterns(synth);
  planted = plantedDistrict.planted;
  keys = [...plantedDistrict.district.periods[1].key.slice(0, 200)];
  files = [];
  for (let t = 0; t < 2; t++) {
    const file = path.join(dir, `extract-${synth.periods[t].periode}.csv`);
    await writeHouseholdFile(plantedDistrict.district, t, 'JAWA TENGAH', file);
    files.push(file);
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = () => ['--kab', '33.24', '--geo', geo, ...files.flatMap((f) => ['--households', f])];

describe('kantong needs', () => {
  let out: string;
  let output: { stdout: string; stderr: string };

  beforeAll(async () => {
    out = path.join(dir, 'out');
    output = await quiet(() => run([...base(), '--key', 'NO_KK', '--out', out]));
  }, 60_000);

  it('writes targeting.csv, needs.csv and verification.csv with the documented columns', () => {
    expect(readdirSync(out).sort()).toEqual([
      'needs.csv',
      'needs.xlsx',
      'targeting-kecamatan.csv',
      'targeting.csv',
      'verification.csv',
    ]);
    const t = table(out, 'targeting.csv');
    expect(t.meta.fields!.slice(0, 7)).toEqual([
      'kode_desa',
      'program',
      'eligible_households',
      'excluded_households',
      'included_ineligible_households',
      'clear_inclusion_households',
      'recipients',
    ]);
    // one row per desa × programme
    expect(t.data).toHaveLength(desaCount * 3);
    expect(new Set(t.data.map((r) => r.program))).toEqual(new Set(['pkh', 'bpnt', 'pbi_jk']));
    expect(t.data.find((r) => r.program === 'bpnt')!.eligible_desil).toBe('1-5');
    const v = table(out, 'verification.csv');
    expect(v.meta.fields!.slice(0, 4)).toEqual(['kode_desa', 'issue', 'count', 'source_rows']);
    const n = table(out, 'needs.csv');
    expect(n.meta.fields!.slice(0, 5)).toEqual([
      'kode_desa',
      'need',
      'agency',
      'base_households',
      'households_with_need',
    ]);
    expect(new Set(n.data.map((r) => r.agency))).toEqual(
      new Set(['Perkim', 'PUPR/Perkim', 'Dinas Sosial', 'Dinkes']),
    );
    expect(output.stdout).toMatch(/3 programme\(s\) \[pkh, bpnt, pbi_jk\]/);
  });

  it('lists the planted duplicates and displaced geotags with their source row numbers', () => {
    const v = table(out, 'verification.csv').data;
    const dup = v.filter((r) => r.issue === 'duplicate_key');
    expect(new Set(dup.map((r) => r.kode_desa))).toEqual(new Set([planted.duplicate_desa]));
    const q3 = dup.find((r) => r.periode === '2025-Q3')!;
    // file row = index + 3 (comment line, header, 1-based)
    const expected = planted.duplicate_rows['2025-Q3'].flatMap((r) => [r + 2, r + 3]).sort((a, b) => a - b);
    expect(q3.source_rows.split(' ').map(Number)).toEqual(expected);
    expect(q3.source_file).toBe('extract-2025-Q3.csv');
    const geotag = new Set(v.filter((r) => r.issue === 'geotag_outside_desa').map((r) => r.kode_desa));
    for (const d of planted.displaced_desa) if (d.households > 0) expect(geotag.has(d.kode_desa)).toBe(true);
  });

  it('privacy audit: no identifier, key, coordinate or small count in any output', async () => {
    const ids = fakeIdentifiers('33.24');
    const texts: { name: string; text: string }[] = [
      { name: 'stdout', text: output.stdout },
      { name: 'stderr', text: output.stderr },
    ];
    for (const f of readdirSync(out).filter((f) => f.endsWith('.csv')))
      texts.push({ name: f, text: readFileSync(path.join(out, f), 'utf8') });
    const book = path.join(out, 'needs.xlsx');
    const sheets = await readXlsxFile(book);
    expect(sheets.map((s) => s.sheet)).toEqual(['Targeting', 'Kecamatan', 'Needs', 'Verification', 'Notes']);
    for (const s of sheets)
      texts.push({ name: `needs.xlsx[${s.sheet}]`, text: s.data.map((r) => r.join(';')).join('\n') });
    for (const { name, text } of texts) {
      // a 16-digit number (NIK, No. KK) that is not the fraction of a rate
      expect(text, name).not.toMatch(/(?<![\d.,])\d{16}/);
      expect(text, name).not.toMatch(/WARGA SINTETIS|DUSUN SINTETIS|RT \d{3}\/RW/);
      expect(text, name).not.toMatch(/-6[.,]\d{4,}|110[.,]\d{4,}/); // no latitude or longitude
      for (const key of keys.slice(0, 50)) {
        expect(text, name).not.toContain(ids.noKK(key));
        expect(text, name).not.toContain(ids.nik(key));
        expect(text, name).not.toContain(fakeName(key));
      }
    }
    // counts of 1 … k−1 households are never shown, in any count column of any file
    const k = 10;
    const countColumns: Record<string, string[]> = {
      'targeting.csv': [
        'eligible_households',
        'excluded_households',
        'included_ineligible_households',
        'clear_inclusion_households',
        'recipients',
      ],
      'targeting-kecamatan.csv': ['eligible_households', 'excluded_households', 'recipients'],
      'needs.csv': ['base_households', 'households_with_need'],
      'verification.csv': ['count'],
    };
    for (const [file, columns] of Object.entries(countColumns)) {
      const rows = table(out, file).data;
      for (const c of columns)
        expect(
          smallCounts(
            rows.map((r) => r[c]),
            k,
          ),
          `${file} ${c}`,
        ).toEqual([]);
    }
    const verification = table(out, 'verification.csv').data;
    for (const r of verification) {
      expect(r.source_rows).toMatch(/^(\d+( \d+)*)?$/);
      // beside a count not shown exactly, no row list (its length would be the count)
      if (!/^\d+$/.test(r.count)) expect([r.source_rows, r.rows_listed]).toEqual(['', '']);
    }
  });

  it('custom eligible deciles and agencies', async () => {
    const agencies = path.join(dir, 'agencies.json');
    writeFileSync(agencies, JSON.stringify({ lantai_tanah: 'Dinas Perkim Kendal' }));
    const o = path.join(dir, 'custom');
    await quiet(() => run([...base(), '--eligible', 'pkh=1-2', '--agencies', agencies, '--out', o]));
    const t = table(o, 'targeting.csv').data;
    expect(t.find((r) => r.program === 'pkh')!.eligible_desil).toBe('1-2');
    expect(table(o, 'needs.csv').data.some((r) => r.agency === 'Dinas Perkim Kendal')).toBe(true);
    // without --key: the duplicate check is not run, and the files say so
    expect(readFileSync(path.join(o, 'verification.csv'), 'utf8')).toMatch(/Not checked/);
  });

  it('bad flags end with one line and write nothing', async () => {
    const o = path.join(dir, 'bad');
    await expect(run([...base(), '--eligible', 'pkh=4-1', '--out', o])).rejects.toThrow(CliError);
    await expect(run([...base(), '--eligible', 'pkh=4-1', '--out', o])).rejects.toThrow(/pkh=4-1/);
    expect(() => readdirSync(o)).toThrow();
  });

  it('a file without programme or condition columns: the files are written and stderr says what is needed', async () => {
    let text = readFileSync(files[1], 'utf8');
    for (const c of ['PKH', 'BPNT', 'PBI_JK', 'LANTAI_TANAH', 'AIR_TIDAK_LAYAK', 'SANITASI_TIDAK_LAYAK']) {
      const f = path.join(dir, 'stripped.csv');
      writeFileSync(f, text);
      text = withoutColumn(f, c);
    }
    const f = path.join(dir, 'plain-2025-Q3.csv');
    writeFileSync(f, text);
    const o = path.join(dir, 'plain');
    const { stderr } = await quiet(() =>
      run(['--kab', '33.24', '--geo', geo, '--households', f, '--out', o]),
    );
    expect(stderr).toMatch(/no programme columns .*living-condition columns/);
    expect(table(o, 'targeting.csv').data).toEqual([]);
    expect(table(o, 'verification.csv').meta.fields![0]).toBe('kode_desa');
  });
});
