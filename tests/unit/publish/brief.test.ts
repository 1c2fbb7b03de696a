/**
 * The A4 brief as text: the shortlist or one kecamatan's desa, counts only as the publication layer gives
 * them ("< k", "×"), the robustness of each desa in words, the method without repeating the head, in both
 * languages.
 */
import { describe, expect, it } from 'vitest';
import { buildBrief, BRIEF_TOP } from '../../../src/lib/publish/brief.ts';
import { below, HIDDEN, value, type Published } from '../../../src/lib/publish/published.ts';
import type { PublishedRankingRow } from '../../../src/lib/publish/ranking.ts';
import { methodLines, type ExportMeta } from '../../../src/lib/publish/ranking-files.ts';
import { scenarioFromPreset } from '../../../src/lib/priority/scenario.ts';

const K = 10;

function row(i: number, over: Partial<PublishedRankingRow> = {}): PublishedRankingRow {
  const kec = i % 3 === 0 ? ['33.24.01', 'Patebon'] : ['33.24.02', 'Kaliwungu'];
  return {
    kode_desa: `${kec[0]}.${2001 + i}`,
    nama_desa: `Desa ${i + 1}`,
    kode_kec: kec[0],
    nama_kec: kec[1],
    rank: i + 1,
    index: Math.round((1 - i / 40) * 100) / 100,
    contributions: [0.5, 0.3],
    values: [value(20 + i), value(0.1)],
    households: value(1200 - i * 10),
    desil1: value(60 - i),
    target: value(60 - i),
    inShortlist: i < 5,
    pinned: false,
    note: '',
    robustness: i < 5 ? [0.95, 0.9, 0.85, 0.8, 0.75][i] : 0.1,
    rankLow: null,
    rankHigh: null,
    ...over,
  };
}

function rows(n = 30): PublishedRankingRow[] {
  return Array.from({ length: n }, (_, i) => row(i));
}

const META: ExportMeta = {
  district: 'Kabupaten Kendal',
  kodeKab: '33.24',
  periode: '2025-Q3',
  date: '2026-03-02',
  dataSource: 'DATA SINTETIS, generator data sintetis Kantong',
  boundarySource: 'cahyadsn/wilayah_boundaries (MIT) @3c5a796',
  synthetic: true,
  k: K,
  scenario: { ...scenarioFromPreset('ekstrem', 'Ekstrem 2026'), selection: { kind: 'top', n: 5 } },
  scopeSize: 30,
  shortlistSize: 5,
  reached: value(290),
  total: value(1300),
  reachedShare: 290 / 1300,
  robustness: { draws: 1000, seed: 1 },
};

const cell = (b: ReturnType<typeof buildBrief>, r: number, key: string) =>
  b.rows[r].cells[b.columns.findIndex((c) => c.key === key)];

describe('A4 brief', () => {
  it('lists the shortlist in rank order with the columns of a hand-over table', () => {
    const b = buildBrief({ rows: rows(), meta: META, kecamatan: null, lang: 'id' });
    expect(b.title).toBe('Ringkasan desa prioritas: Kabupaten Kendal (33.24)');
    expect(b.scenario).toBe('Skenario: Ekstrem 2026');
    expect(b.synthetic).toMatch(/^DATA SINTETIS/);
    expect(b.facts).toEqual([
      'Tanggal: 2026-03-02',
      'Periode: 2025-Q3',
      'Sumber data: DATA SINTETIS, generator data sintetis Kantong',
      'Batas wilayah: cahyadsn/wilayah_boundaries (MIT) @3c5a796',
    ]);
    expect(b.tableTitle).toBe('Daftar pendek: 5 desa');
    expect(b.columns.map((c) => c.key)).toEqual([
      'rank',
      'code',
      'desa',
      'kecamatan',
      'index',
      'households',
      'target',
      'robustness',
    ]);
    expect(b.columns.find((c) => c.key === 'target')!.label).toBe('Keluarga desil 1');
    expect(b.rows.map((r) => r.kode_desa)).toEqual(
      rows()
        .slice(0, 5)
        .map((r) => r.kode_desa),
    );
    expect(b.rows[0].cells).toEqual([
      '1',
      '33.24.01.2001',
      'Desa 1',
      'Patebon',
      '1,00',
      '1.200',
      '60',
      'masuk daftar pada 95% variasi bobot',
    ]);
  });

  it('writes counts only as published: "< k", "×" for withheld, "–" for none; never 1 … k−1', () => {
    const small: Published = below(K);
    const data = rows();
    data[1] = row(1, { households: value(40), target: small });
    data[2] = row(2, { target: HIDDEN });
    data[3] = row(3, { target: { kind: 'none' } });
    const b = buildBrief({ rows: data, meta: META, kecamatan: null, lang: 'id' });
    expect(cell(b, 1, 'target')).toBe('< 10');
    expect(cell(b, 2, 'target')).toBe('×');
    expect(cell(b, 3, 'target')).toBe('–');
    expect(b.marks).toMatch(/"< 10" = kurang dari 10 keluarga/);
    const counts = b.rows.flatMap((r) => [
      cell(b, b.rows.indexOf(r), 'households'),
      cell(b, b.rows.indexOf(r), 'target'),
    ]);
    expect(counts.filter((t) => /^\d+$/.test(t) && Number(t) >= 1 && Number(t) < K)).toEqual([]);
  });

  it('marks desa that are in only because of the exact weights, and sums the robustness up', () => {
    const b = buildBrief({ rows: rows(), meta: META, kecamatan: null, lang: 'id' });
    // 0.95, 0.90, 0.85, 0.80 stay in for ≥ 80% of draws; 0.75 does not
    expect(b.rows.map((r) => r.dependsOnWeights)).toEqual([false, false, false, false, true]);
    expect(cell(b, 4, 'robustness')).toBe('⚠ masuk daftar pada 75% variasi bobot');
    expect(b.robustness).toMatch(/^4 dari 5 desa daftar pendek tetap masuk .* 1 desa masuk atau keluar/);
    const none = buildBrief({
      rows: rows().map((r) => ({ ...r, robustness: null })),
      meta: { ...META, robustness: null },
      kecamatan: null,
      lang: 'en',
    });
    expect(cell(none, 0, 'robustness')).toBe('not computed');
    expect(none.robustness).toMatch(/had not been computed/);
  });

  it('gives the method in plain words without repeating the head', () => {
    const b = buildBrief({ rows: rows(), meta: META, kecamatan: null, lang: 'id' });
    const all = methodLines(META, 'id');
    expect(b.method.length).toBeLessThan(all.length);
    expect(b.method.every((l) => all.includes(l))).toBe(true);
    expect(b.method.some((l) => /bobot 50%/.test(l))).toBe(true);
    expect(b.method.some((l) => /Aturan: 5 desa teratas/.test(l))).toBe(true);
    expect(b.method.some((l) => /Dirichlet, seed 1/.test(l))).toBe(true);
    for (const line of [...b.facts, b.synthetic!, b.marks]) expect(b.method).not.toContain(line);
  });

  it('for one kecamatan: its desa by rank, which are on the shortlist, and notes when there are any', () => {
    const data = rows();
    data[3] = row(3, { note: 'cek jalan desa' });
    const b = buildBrief({
      rows: data,
      meta: META,
      kecamatan: { kode: '33.24.01', nama: 'Patebon' },
      lang: 'en',
    });
    expect(b.title).toBe('Priority desa brief, kecamatan Patebon: Kabupaten Kendal (33.24)');
    expect(b.rows.map((r) => r.kode_desa)).toEqual(
      data.filter((r) => r.kode_kec === '33.24.01').map((r) => r.kode_desa),
    );
    expect(b.tableTitle).toBe('Desa of kecamatan Patebon by rank: 10 desa, 2 on the shortlist');
    expect(b.columns.map((c) => c.key)).not.toContain('kecamatan');
    expect(b.columns.map((c) => c.key)).toContain('shortlist');
    expect(cell(b, 0, 'shortlist')).toBe('yes');
    expect(cell(b, 2, 'shortlist')).toBe('–');
    expect(cell(b, 1, 'note')).toBe('cek jalan desa');
    expect(cell(b, 0, 'households')).toBe('1,200');
  });

  it('lists the top of the ranking when nothing is on the shortlist', () => {
    const b = buildBrief({
      rows: rows(40).map((r) => ({ ...r, inShortlist: false })),
      meta: META,
      kecamatan: null,
      lang: 'id',
    });
    expect(b.rows).toHaveLength(BRIEF_TOP);
    expect(b.tableTitle).toBe(`Desa teratas menurut indeks: ${BRIEF_TOP} desa`);
    const empty = buildBrief({ rows: [], meta: META, kecamatan: null, lang: 'id' });
    expect(empty.tableTitle).toBe('Tidak ada desa untuk ditampilkan.');
  });
});
