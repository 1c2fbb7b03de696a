/** The needs core against hand computation on small inputs (targeting, needs, agencies, verification). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countNeeds, NO_ASSISTANCE } from '../../../src/lib/needs/counts.ts';
import { agencyLists, agencyOf, parseAgencyMap } from '../../../src/lib/needs/agencies.ts';
import { eligibleBounds, parseEligibleBounds } from '../../../src/lib/needs/keys.ts';
import { needsProfile } from '../../../src/lib/needs/profile.ts';
import { publishNeed, publishTargeting } from '../../../src/lib/needs/publish.ts';
import { exclusionRate, inclusionRate, programmeTargeting } from '../../../src/lib/needs/targeting.ts';
import { periodJumps, sizeFence } from '../../../src/lib/needs/verification.ts';
import type { JoinedHouseholds } from '../../../src/lib/import/households.ts';
import { csvCellText } from '../../../src/lib/publish/csv.ts';
import { recoverable, seen, smallCounts } from '../helpers/leak-audit.ts';
import { importText } from '../import/helpers.ts';

/** Joined households from plain rows (one period unless given). */
function joined(
  rows: { desa: number; desil: number; periode?: number; flags?: Record<string, 0 | 1>; size?: number }[],
  flagKeys: string[],
  periods = ['2025-Q1'],
): JoinedHouseholds {
  const n = rows.length;
  return {
    count: n,
    periods,
    desa: Uint16Array.from(rows, (r) => r.desa),
    periode: Uint16Array.from(rows, (r) => r.periode ?? 0),
    desil: Uint8Array.from(rows, (r) => r.desil),
    size: Uint8Array.from(rows, (r) => r.size ?? 0),
    lat: null,
    lon: null,
    flags: Object.fromEntries(flagKeys.map((k) => [k, Uint8Array.from(rows, (r) => r.flags?.[k] ?? 0)])),
    key_hash: null,
    source_row: Uint32Array.from(rows, (_, i) => i + 3),
  };
}

// Desa 0: desil 1..10 one household each; PKH to desil 1, 2, 5 and 7; BPNT to desil 3.
const small = joined(
  Array.from({ length: 10 }, (_, d) => ({
    desa: 0,
    desil: d + 1,
    flags: { pkh: ([1, 2, 5, 7].includes(d + 1) ? 1 : 0) as 0 | 1, bpnt: (d + 1 === 3 ? 1 : 0) as 0 | 1 },
  })).concat([{ desa: 1, desil: 4, flags: { pkh: 1, bpnt: 0 } }]),
  ['pkh', 'bpnt'],
);

describe('targeting: exclusion and inclusion against hand computation', () => {
  const counts = countNeeds(small, 2);
  it('PKH with the default bounds 1–4', () => {
    expect(eligibleBounds('pkh')).toEqual([1, 4]);
    const t = programmeTargeting(counts, '2025-Q1', 'pkh', eligibleBounds('pkh'), [0, 0]);
    // eligible desil 1–4 = 4; receiving among them: desil 1, 2 → excluded 2 (desil 3, 4)
    // recipients 4; outside 1–4: desil 5 and 7 → I = 2; desil ≥ 6: desil 7 → C = 1
    expect(t.desa[0]).toEqual({
      households: 10,
      eligible: 4,
      excluded: 2,
      recipients: 4,
      includedIneligible: 2,
      clearInclusion: 1,
    });
    expect(exclusionRate(t.desa[0])).toBe(0.5);
    expect(inclusionRate(t.desa[0])).toBe(0.5);
    expect(t.desa[1]).toMatchObject({ eligible: 1, excluded: 0, recipients: 1, includedIneligible: 0 });
    expect(t.total).toMatchObject({ households: 11, eligible: 5, excluded: 2, recipients: 5 });
    expect(t.groups[0]).toEqual(t.total);
  });
  it('custom bounds: PKH 1–5 and 2–7', () => {
    const a = programmeTargeting(counts, '2025-Q1', 'pkh', [1, 5], [0, 1]).desa[0];
    expect(a).toMatchObject({ eligible: 5, excluded: 2, includedIneligible: 1, clearInclusion: 1 });
    const b = programmeTargeting(counts, '2025-Q1', 'pkh', [2, 7], [0, 1]).desa[0];
    // eligible desil 2–7 = 6; receiving 2, 5, 7 → excluded 3; ineligible recipients: desil 1 → I = 1, C = 0
    expect(b).toMatchObject({ eligible: 6, excluded: 3, includedIneligible: 1, clearInclusion: 0 });
  });
  it('Sembako (bpnt) default 1–5', () => {
    const t = programmeTargeting(counts, '2025-Q1', 'bpnt', eligibleBounds('bpnt'), [0, 1]).desa[0];
    expect(t).toMatchObject({ eligible: 5, excluded: 4, recipients: 1, includedIneligible: 0 });
  });
  it('property: E = X + RE, R = RE + I, C ≤ I, for random households and bounds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ desil: fc.integer({ min: 1, max: 10 }), pkh: fc.boolean() }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 9 }),
        (rows, a, w) => {
          const b = Math.min(10, a + w);
          const h = joined(
            rows.map((r) => ({ desa: 0, desil: r.desil, flags: { pkh: r.pkh ? 1 : 0 } })),
            ['pkh'],
          );
          const t = programmeTargeting(countNeeds(h, 1), '2025-Q1', 'pkh', [a, b], [0]).desa[0];
          const inB = (d: number) => d >= a && d <= b;
          expect(t.eligible).toBe(rows.filter((r) => inB(r.desil)).length);
          expect(t.excluded).toBe(rows.filter((r) => inB(r.desil) && !r.pkh).length);
          expect(t.includedIneligible).toBe(rows.filter((r) => !inB(r.desil) && r.pkh).length);
          expect(t.clearInclusion).toBe(rows.filter((r) => !inB(r.desil) && r.desil >= 6 && r.pkh).length);
        },
      ),
      { seed: 14 },
    );
  });
  it('parses eligible bounds and refuses bad ones', () => {
    expect(parseEligibleBounds('pkh=1-3, bpnt=2-6')).toEqual({ pkh: [1, 3], bpnt: [2, 6] });
    expect(() => parseEligibleBounds('pkh=5-2')).toThrow(RangeError);
    expect(() => parseEligibleBounds('pkh=0-4')).toThrow(RangeError);
  });
});

describe('needs profile and agency lists', () => {
  const h = joined(
    [
      { desa: 0, desil: 1, flags: { lantai_tanah: 1, air_tidak_layak: 1, pkh: 1 } },
      { desa: 0, desil: 2, flags: { lantai_tanah: 1 } },
      { desa: 0, desil: 4, flags: { air_tidak_layak: 1 } },
      { desa: 0, desil: 7, flags: { lantai_tanah: 1 } }, // outside desil 1–4: not a need here
      { desa: 1, desil: 3, flags: { air_tidak_layak: 1 } },
    ],
    ['pkh', 'lantai_tanah', 'air_tidak_layak'],
  );
  const counts = countNeeds(h, 2);
  it('counts desil 1–4 households per deprivation, and the no-assistance gap', () => {
    const p = needsProfile(counts, '2025-Q1');
    expect(p.needs).toEqual(['lantai_tanah', 'air_tidak_layak', NO_ASSISTANCE]);
    expect(p.desa[0]).toEqual({ poor: 3, counts: { lantai_tanah: 2, air_tidak_layak: 2, tanpa_bansos: 2 } });
    expect(p.desa[1]).toEqual({ poor: 1, counts: { lantai_tanah: 0, air_tidak_layak: 1, tanpa_bansos: 1 } });
  });
  it('groups needs per agency, editable', () => {
    const p = needsProfile(counts, '2025-Q1');
    const t = programmeTargeting(counts, '2025-Q1', 'pkh', [1, 4], [0, 0]);
    const lists = agencyLists(p, { pkh: t.desa });
    expect([...lists.keys()]).toEqual(['Dinas Sosial', 'PUPR/Perkim', 'Perkim']);
    expect(lists.get('Perkim')).toEqual([{ desa: 0, need: 'lantai_tanah', count: 2, base: 3 }]);
    expect(lists.get('PUPR/Perkim')!.map((n) => [n.desa, n.count])).toEqual([
      [0, 2],
      [1, 1],
    ]);
    const edited = agencyLists(p, { pkh: t.desa }, parseAgencyMap('{"air_tidak_layak": "Dinas PUPR"}'));
    expect(edited.has('Dinas PUPR')).toBe(true);
    expect(edited.has('PUPR/Perkim')).toBe(false);
    expect(agencyOf('gap_pbi_jk')).toBe('Dinkes');
    expect(() => parseAgencyMap('[1]')).toThrow(RangeError);
  });
});

describe('publication of the needs views', () => {
  const k = 10;
  it('targeting: small parts are "< k", and no part can be recovered from the public totals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (X, RE, Im, C) => {
          // Im: included ineligible below desil 6; C: clear inclusion (desil ≥ 6)
          const t = {
            households: X + RE + Im + C,
            eligible: X + RE,
            excluded: X,
            recipients: RE + Im + C,
            includedIneligible: Im + C,
            clearInclusion: C,
          };
          const p = publishTargeting(t, k);
          const text = (x: Parameters<typeof csvCellText>[0]) => csvCellText(x);
          const cells = [
            p.eligible,
            p.excluded,
            p.receivingEligible,
            p.recipients,
            p.includedIneligible,
            p.clearInclusion,
          ].map(text);
          expect(smallCounts(cells, k)).toEqual([]);
          const fig = (x: typeof p.excluded) => seen(text(x))!;
          const total = (x: typeof p.eligible) => (x.kind === 'value' ? x.value : null);
          // line E = X + RE, with E public
          expect(recoverable([fig(p.excluded), fig(p.receivingEligible)], total(p.eligible), k)).toEqual([]);
          // line R = RE + I, with R public (I published as a whole)
          expect(
            recoverable([fig(p.receivingEligible), fig(p.includedIneligible)], total(p.recipients), k),
          ).toEqual([]);
          if (p.exclusionRate.kind === 'value') expect(p.excluded.kind).toBe('value');
          // clear inclusion C within I: C and I − C not pinned when I is public
          if (C > 0 && C < Im + C && p.includedIneligible.kind === 'value' && Im > 0 && Im < k)
            expect(p.clearInclusion.kind).not.toBe('value');
        },
      ),
      { seed: 14, numRuns: 3000 },
    );
  });
  it('targeting, exhaustively for every part 0 … 2k + 2 (k = 5): no part recoverable', () => {
    const k = 5;
    const fig = (x: Parameters<typeof csvCellText>[0]) => seen(csvCellText(x))!;
    const tot = (x: { kind: string; value?: number }) => (x.kind === 'value' ? x.value! : null);
    let leaks = 0;
    for (let X = 0; X <= 2 * k + 2; X++)
      for (let RE = 0; RE <= 2 * k + 2; RE++)
        for (let I = 0; I <= 2 * k + 2; I++) {
          const p = publishTargeting(
            {
              households: 0,
              eligible: X + RE,
              excluded: X,
              recipients: RE + I,
              includedIneligible: I,
              clearInclusion: 0,
            },
            k,
          );
          leaks += recoverable([fig(p.excluded), fig(p.receivingEligible)], tot(p.eligible), k).length;
          leaks += recoverable(
            [fig(p.receivingEligible), fig(p.includedIneligible)],
            tot(p.recipients),
            k,
          ).length;
        }
    expect(leaks).toBe(0);
  });
  it('needs: "< k" when few, withheld when nearly all', () => {
    expect(publishNeed(3, 50, k).count).toEqual({ kind: 'below', bound: 10 });
    expect(publishNeed(47, 50, k).count).toEqual({ kind: 'hidden' });
    expect(publishNeed(20, 50, k)).toEqual({
      poor: { kind: 'value', value: 50 },
      count: { kind: 'value', value: 20 },
      share: { kind: 'value', value: 0.4 },
    });
    expect(publishNeed(0, 0, k).count.kind).toBe('none');
  });
});

describe('verification: row-level checks from the import pass', () => {
  const header = 'KODE_DESA;DESIL;JUMLAH_ART;MISKIN_EKSTREM;ID_KELUARGA;PERIODE';
  const lines = [
    '33.24.01.2001;1;4;YA;K001;2025-Q1', // row 2
    '33.24.01.2001;5;4;YA;K002;2025-Q1', // row 3: extreme outside desil 1–2
    '33.24.01.2001;2;3;TIDAK;K001;2025-Q1', // row 4: duplicate of row 2
    '33.24.01.2002;;3;TIDAK;K003;2025-Q1', // row 5: desil missing
    '33.24.01.2002;11;3;TIDAK;K004;2025-Q1', // row 6: desil out of range
    '33.24.01.2002;3;40;TIDAK;K005;2025-Q1', // row 7: size 40
    '33.24.01.2002;3;4;TIDAK;K001;2025-Q3', // row 8: same key, other period: not a duplicate
  ];
  it('finds duplicates, desil problems, size outliers, extreme flag outside desil 1–2; rows only', async () => {
    const result = await importText([header, ...lines].join('\n'), 'uji.csv', { salt: 'garam-uji-12345' });
    const v = result.needs!;
    const found = v.issues.map((i) => [i.issue, i.desa, i.rows]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['duplicate_key', 0, [2, 4]],
        ['desil_missing', 1, [5]],
        ['desil_out_of_range', 1, [6]],
        ['size_outlier', 1, [7]],
        ['extreme_outside_desil_1_2', 0, [3]],
      ]),
    );
    expect(v.issues).toHaveLength(5);
    expect(v.checked).toEqual(
      expect.arrayContaining(['duplicate_key', 'desil_missing', 'size_outlier', 'extreme_outside_desil_1_2']),
    );
    expect(v.checked).not.toContain('geotag_outside_desa');
    const text = JSON.stringify(v.issues);
    expect(text).not.toMatch(/K00\d/);
  });
  it("size fence: Tukey's far-out fence, floored at 12", () => {
    expect(sizeFence([3, 4, 4, 5, 5, 6])).toBe(12);
    expect(sizeFence(Array.from({ length: 100 }, (_, i) => 1 + (i % 20)))).toBeGreaterThan(20);
  });
  it('period jumps: households and desil-1 share between periods', () => {
    // desa 0: 100 → 60 households; desa 1: desil-1 share 10% → 40%; desa 2 steady
    const desil = new Uint32Array(2 * 3 * 10);
    const set = (p: number, i: number, d: number, n: number) => (desil[(p * 3 + i) * 10 + d - 1] = n);
    set(0, 0, 5, 100);
    set(1, 0, 5, 60);
    set(0, 1, 1, 10);
    set(0, 1, 5, 90);
    set(1, 1, 1, 40);
    set(1, 1, 5, 60);
    set(0, 2, 3, 50);
    set(1, 2, 3, 52);
    const jumps = periodJumps({ periods: ['2025-Q1', '2025-Q3'], desaCount: 3, desil });
    expect(jumps.map((j) => [j.issue, j.desa, j.periode])).toEqual([
      ['households_jump', 0, '2025-Q3'],
      ['desil1_share_jump', 1, '2025-Q3'],
    ]);
    expect(periodJumps({ periods: ['2025-Q1'], desaCount: 3, desil: desil.subarray(0, 30) })).toEqual([]);
  });
});

describe('needs as indicators of the priority index', () => {
  it('need_<condition>: desil 1–4 households with it / desil 1–4 households, where the data has it', async () => {
    const { availablePriorityIndicators, priorityIndicatorInfo, priorityValues } =
      await import('../../../src/lib/priority/indicators.ts');
    const { unitsFromDesaRows } = await import('../../../src/lib/indicators/units.ts');
    const row = (kode: string, desil: number[], programmes: Record<string, number>) => ({
      periode: '2025-Q1',
      kode_desa: kode,
      jumlah_kk: desil.reduce((a, b) => a + b, 0),
      kk_desil: desil,
      jumlah_jiwa: null,
      programmes,
    });
    const units = unitsFromDesaRows(
      [
        row('33.24.01.2001', [10, 10, 10, 10, 20, 0, 0, 0, 0, 0], {
          lantai_tanah: 14,
          lantai_tanah_desil_1_4: 12,
        }),
        row('33.24.01.2002', [0, 0, 0, 0, 30, 0, 0, 0, 0, 0], { lantai_tanah: 3, lantai_tanah_desil_1_4: 0 }),
      ],
      [
        { kode: '33.24.01.2001', luas_km2: 1 },
        { kode: '33.24.01.2002', luas_km2: 1 },
      ],
    );
    const data = { units, period: '2025-Q1', previous: null, pocket: null };
    expect(availablePriorityIndicators(data, ['2025-Q1'])).toContain('need_lantai_tanah');
    expect(availablePriorityIndicators(data, ['2025-Q1'])).not.toContain('need_rtlh');
    expect(priorityIndicatorInfo('need_lantai_tanah')).toMatchObject({ kind: 'share', direction: 'higher' });
    expect(priorityIndicatorInfo('need_miskin_ekstrem')).toBeNull();
    expect(priorityValues('need_lantai_tanah', data)).toEqual([12 / 40, null]);
  });
});

describe('the views: published rows for screen and files', () => {
  it('ranks desa per need, lists an agency only where the need is present, worklist per kecamatan', async () => {
    const { buildNeedsViews, agencyNeeds, worklist } = await import('../../../src/lib/needs/views.ts');
    // desa 0: 40 desil-1 households, 20 with earth floor; desa 1: 30, none; desa 2: 12, 3 (below k)
    const rows: Parameters<typeof joined>[0] = [];
    const add = (desa: number, n: number, floor: number) => {
      for (let j = 0; j < n; j++) rows.push({ desa, desil: 1, flags: { lantai_tanah: j < floor ? 1 : 0 } });
    };
    add(0, 40, 20);
    add(1, 30, 0);
    add(2, 12, 3);
    const counts = countNeeds(joined(rows, ['lantai_tanah']), 3);
    const desa = ['33.24.01.2001', '33.24.01.2002', '33.24.02.2001'].map((kode) => ({
      kode_desa: kode,
      nama_desa: kode,
      kode_kec: kode.slice(0, 8),
      nama_kec: kode.slice(0, 8),
    }));
    const issues = [
      { issue: 'duplicate_key' as const, desa: 2, periode: '2025-Q1', count: 2, file: 'a.csv', rows: [5, 9] },
    ];
    const v = buildNeedsViews({ counts, issues, checked: ['duplicate_key'] }, desa, {
      k: 10,
      namaKab: 'Kab',
      kodeKab: '33.24',
    });
    const floor = v.needs.filter((n) => n.need === 'lantai_tanah');
    expect(floor.map((n) => [n.kode_desa, n.rank, n.count.kind])).toEqual([
      ['33.24.01.2001', 1, 'value'],
      ['33.24.01.2002', 2, 'value'],
      ['33.24.02.2001', null, 'below'],
    ]);
    expect(agencyNeeds(v, 'Perkim').map((n) => n.kode_desa)).toEqual(['33.24.01.2001', '33.24.02.2001']);
    expect(worklist(v, '33.24.01')).toEqual([]);
    // two rows listed beside "< 10" would say the count is 2: they are withheld
    expect(worklist(v, '33.24.02')[0]).toMatchObject({
      issue: 'duplicate_key',
      rows: [],
      rowsWithheld: true,
      count: { kind: 'below', bound: 10 },
    });
    expect(v.notChecked).toContain('geotag_outside_desa');
  });

  it('property: no line, cell or label lets a count of 1 … k−1 be counted back from its rows', async () => {
    const { buildNeedsViews } = await import('../../../src/lib/needs/views.ts');
    const { verificationCsv, issueRowsLabel, VERIFICATION_FIELDS } =
      await import('../../../src/lib/needs/files.ts');
    const counts = countNeeds(joined([{ desa: 0, desil: 1, flags: {} }], []), 1);
    const desa = [{ kode_desa: '33.24.01.2001', nama_desa: 'A', kode_kec: '33.24.01', nama_kec: 'K' }];
    const meta = {
      district: 'Kab',
      kodeKab: '33.24',
      date: '2026-12-02',
      dataSource: 'synthetic',
      boundarySource: 'test',
      synthetic: true,
    };
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            issue: fc.constantFrom(
              'duplicate_key' as const,
              'geotag_outside_desa' as const,
              'desil_missing' as const,
            ),
            count: fc.integer({ min: 1, max: 40 }),
            kept: fc.integer({ min: 1, max: 40 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 2, max: 20 }),
        (lines, k) => {
          const issues = lines.map((l, i) => {
            const n = Math.min(l.count, l.kept);
            return {
              issue: l.issue,
              desa: 0,
              periode: `2025-Q${(i % 4) + 1}`,
              count: l.count,
              file: 'a.csv',
              rows: Array.from({ length: n }, (_, j) => 3 + j * 7),
            };
          });
          const v = buildNeedsViews({ counts, issues, checked: ['duplicate_key'] }, desa, {
            k,
            namaKab: 'Kab',
            kodeKab: '33.24',
          });
          const csv = verificationCsv(v, meta, 'id')
            .split('\n')
            .filter((line) => /^\uFEFF?33\.24/.test(line));
          expect(csv).toHaveLength(lines.length);
          for (const [i, e] of v.issues.entries()) {
            const cells = csv[i].split(';');
            const rowsCell = cells[VERIFICATION_FIELDS.indexOf('source_rows')];
            const listed = cells[VERIFICATION_FIELDS.indexOf('rows_listed')];
            const numbers = rowsCell === '' ? 0 : rowsCell.split(' ').length;
            const label = issueRowsLabel(e, k, 'id', 5);
            if (e.count.kind === 'below') {
              expect(e.rows).toEqual([]);
              expect(numbers).toBe(0);
              expect(listed).toBe('');
              expect(label).toMatch(new RegExp(`< ${k}`));
            } else {
              expect(e.count.kind).toBe('value');
              // a public count: its rows (all, or the first of them) may be listed
              expect(numbers).toBe(e.rows.length);
              expect(listed).toBe(String(e.rows.length));
              expect(label.endsWith(' …')).toBe(e.rows.length > 5 || e.rowsTruncated);
            }
            // rows listed without their count would be the count
            if (numbers > 0 && numbers < k) expect(e.count.kind).toBe('value');
          }
        },
      ),
      { seed: 14, numRuns: 400 },
    );
  });
});

describe('duplicate keys: exact on the whole hash and period', () => {
  it('property: rows are listed iff another row of the same period has the same 16 bytes', async () => {
    const { verifyHouseholds } = await import('../../../src/lib/needs/verification.ts');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            base: fc.integer({ min: 0, max: 5 }),
            tail: fc.integer({ min: 0, max: 2 }),
            periode: fc.integer({ min: 0, max: 1 }),
          }),
          { maxLength: 40 },
        ),
        (rows) => {
          const n = rows.length;
          const kh = new Uint8Array(n * 16);
          // keys share their first 6 bytes by `base` and differ (or not) in the last byte by `tail`
          rows.forEach((r, i) => {
            kh.fill(r.base + 1, i * 16, i * 16 + 6);
            kh[i * 16 + 15] = r.tail;
          });
          const h = {
            ...joined(
              rows.map((r) => ({ desa: 0, desil: 1, periode: r.periode })),
              [],
              ['2025-Q1', '2025-Q3'],
            ),
            key_hash: kh,
          };
          const v = verifyHouseholds(h, { fileName: 'a.csv', sizeRead: false });
          const listed = new Set(v.issues.flatMap((i) => i.rows));
          rows.forEach((r, i) => {
            const dup = rows.some(
              (o, j) => j !== i && o.base === r.base && o.tail === r.tail && o.periode === r.periode,
            );
            expect(listed.has(i + 3), `row ${i}`).toBe(dup);
          });
        },
      ),
      { seed: 14, numRuns: 500 },
    );
  });
});
