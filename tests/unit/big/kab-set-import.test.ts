/**
 * The import core on a `--kab` set (`ImportOptions.kabupaten`, `src/lib/region/kab-filter.ts`), with seeded
 * random kabupaten, sets and rows (fast-check):
 * - for any set, the rows per kabupaten add up: Σ read = rows read, Σ joined = joined, Σ rejected = rejected,
 *   and per kabupaten read = joined + rejected; a kabupaten outside the set joins nothing and all its rows
 *   are `outside_set`, counted under `kode_other_kabupaten`;
 * - counts per desa are local: the set's desa rows are the union of each member's own import, and each
 *   member's row counts are the same in both;
 * - the region checks (province/kabupaten columns) and kecamatan codes accept any member of the set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DesaRef } from '../../../src/lib/import/desa-lookup.ts';
import { parseKodeKecamatan } from '../../../src/lib/import/desa-code.ts';
import { combineImports, importFile, ImportError } from '../../../src/lib/import/index.ts';

/** A made-up kabupaten: 2 kecamatan × 3 desa, names shared across kabupaten on purpose. */
function kabupatenDesa(kab: string): DesaRef[] {
  const out: DesaRef[] = [];
  for (let k = 1; k <= 2; k++)
    for (let d = 1; d <= 3; d++)
      out.push({
        kode_desa: `${kab}.0${k}.200${d}`,
        nama_desa: `Desa ${String.fromCharCode(64 + d)}`,
        kode_kec: `${kab}.0${k}`,
        nama_kec: `Kecamatan ${k}`,
        nama_kab: `Kabupaten ${kab}`,
      });
  return out;
}

const POOL = ['33.01', '33.02', '33.03', '33.24', '34.01', '35.07'];

interface Row {
  code: string;
  desil: string;
}

/** Rows: codes of desa of the pool (some unknown desa, some malformed), desil 1–10 or unusable. */
const rowsArb = fc.array(
  fc.record({
    code: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...POOL.flatMap(kabupatenDesa).map((d) => d.kode_desa)) },
      { weight: 1, arbitrary: fc.constantFrom(...POOL.map((k) => `${k}.01.2009`)) },
      { weight: 1, arbitrary: fc.constantFrom('', 'abc', '3324', '33.24.01.0001') },
    ),
    desil: fc.oneof(
      { weight: 9, arbitrary: fc.integer({ min: 1, max: 10 }).map(String) },
      { weight: 1, arbitrary: fc.constantFrom('', '0', 'x') },
    ),
  }),
  { minLength: 1, maxLength: 400 },
);

function csv(rows: Row[]): Uint8Array {
  const lines = ['KODE_WILAYAH;DESIL_NASIONAL;PERIODE', ...rows.map((r) => `${r.code};${r.desil};2025-Q3`)];
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

const DESA = POOL.flatMap(kabupatenDesa);

async function importOf(rows: Row[], kabupaten: string[]) {
  try {
    return await importFile(csv(rows), {
      fileName: 'rows.csv',
      kodeKab: kabupaten.join('+'),
      kabupaten,
      desa: DESA,
    });
  } catch (error) {
    if (error instanceof ImportError && error.code === 'nothing_joined') return null;
    throw error;
  }
}

describe('import on a set of kabupaten', () => {
  it('per-kabupaten rows add up to rows read, joined and rejected, for any set', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(POOL, { minLength: 1 }), rowsArb, async (set, rows) => {
        const result = await importOf(rows, set);
        if (result === null) return;
        const r = result.report;
        const byKab = Object.entries(r.rows_by_kabupaten);
        const sum = (f: (c: (typeof byKab)[number][1]) => number) => byKab.reduce((s, [, c]) => s + f(c), 0);
        expect(r.rows_read).toBe(rows.length);
        expect(r.rows_joined + r.rows_rejected).toBe(r.rows_read);
        expect(sum((c) => c.rows_read)).toBe(r.rows_read);
        expect(sum((c) => c.rows_joined)).toBe(r.rows_joined);
        expect(sum((c) => c.rows_rejected)).toBe(r.rows_rejected);
        let outside = 0;
        for (const [kab, c] of byKab) {
          expect(c.rows_joined + c.rows_rejected, kab).toBe(c.rows_read);
          if (kab !== '?' && !set.includes(kab)) {
            expect(c.rows_joined, kab).toBe(0);
            expect(c.outside_set, kab).toBe(c.rows_read);
            outside += c.rows_read;
          } else expect(c.outside_set, kab).toBe(0);
        }
        expect(r.rejected_by_reason.kode_other_kabupaten?.count ?? 0).toBe(outside);
        // rows with a well-formed desa code are read under its kabupaten (a BPS-form code is `?`)
        for (const kab of POOL) {
          const mine = rows.filter(
            (row) => row.code.startsWith(`${kab}.`) && /^\d{2}\.\d{2}\.\d{2}\.[1-9]\d{3}$/.test(row.code),
          );
          expect(r.rows_by_kabupaten[kab]?.rows_read ?? 0, kab).toBe(mine.length);
        }
      }),
      { seed: 1724, numRuns: 40 },
    );
  });

  it('desa counts on a set are the union of each member’s own import', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(POOL, { minLength: 2 }), rowsArb, async (set, rows) => {
        const whole = await importOf(rows, set);
        const parts = [];
        for (const kab of [...set].sort()) {
          const one = await importOf(rows, [kab]);
          if (one) parts.push({ kab, one });
        }
        if (whole === null) {
          expect(parts).toEqual([]);
          return;
        }
        const key = (r: { periode: string; kode_desa: string }) => `${r.periode} ${r.kode_desa}`;
        const sort = <T extends { periode: string; kode_desa: string }>(a: T[]) =>
          [...a].sort((x, y) => (key(x) < key(y) ? -1 : 1));
        expect(sort(whole.desa_rows)).toEqual(sort(parts.flatMap((p) => p.one.desa_rows)));
        for (const { kab, one } of parts) {
          const a = whole.report.rows_by_kabupaten[kab];
          const b = one.report.rows_by_kabupaten[kab];
          expect({ read: a.rows_read, joined: a.rows_joined }).toEqual({
            read: b.rows_read,
            joined: b.rows_joined,
          });
        }
        // the combination: one kabupaten row per member, summing to the desa
        const combined = combineImports([whole], DESA, set.join('+'), 'Set', set);
        const kabRows = combined.kabupaten_rows;
        expect(kabRows.map((k) => k.kode).sort()).toEqual(
          [...new Set(whole.desa_rows.map((d) => d.kode_desa.slice(0, 5)))].sort(),
        );
        expect(kabRows.reduce((s, k) => s + k.jumlah_kk, 0)).toBe(
          whole.desa_rows.reduce((s, d) => s + d.jumlah_kk, 0),
        );
        expect(combined.report.rows_by_kabupaten).toEqual(whole.report.rows_by_kabupaten);
      }),
      { seed: 2501, numRuns: 25 },
    );
  });

  it('a set named by its code alone (the app on a boundary set) joins as the same set', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(POOL, { minLength: 2 }), rowsArb, async (set, rows) => {
        const given = await importOf(rows, set);
        const byCode = await importFile(csv(rows), {
          fileName: 'rows.csv',
          kodeKab: [...set].reverse().join('+'),
          desa: DESA,
        }).catch((e: unknown) => (e instanceof ImportError ? null : Promise.reject(e)));
        expect(byCode?.desa_rows ?? null).toEqual(given?.desa_rows ?? null);
        expect(byCode?.report.rows_by_kabupaten ?? null).toEqual(given?.report.rows_by_kabupaten ?? null);
      }),
      { seed: 77, numRuns: 15 },
    );
    // a province: its kabupaten among the desa
    const province = await importFile(
      csv([
        { code: '33.02.01.2001', desil: '1' },
        { code: '34.01.01.2001', desil: '1' },
      ]),
      {
        fileName: 'p.csv',
        kodeKab: '33',
        desa: DESA,
      },
    );
    expect(province.report.rows_joined).toBe(1);
    expect(Object.keys(province.report.rows_by_kabupaten)).toEqual(['33.02', '34.01']);
  });

  it('kabupaten and province columns, and full kecamatan codes, of any member agree', async () => {
    const set = ['33.02', '34.01'];
    const text = [
      'KODE_PROV;KODE_KAB;KODE_KEC;KODE_WILAYAH;DESIL_NASIONAL;PERIODE',
      '33;33.02;33.02.01;33.02.01.2001;1;2025-Q3',
      '34;34.01;34.01.02;34.01.02.2003;2;2025-Q3',
      '33;33.01;33.01.01;33.01.01.2001;3;2025-Q3',
      '35;35.07;35.07.01;35.07.01.2001;3;2025-Q3',
    ].join('\n');
    const result = await importFile(new TextEncoder().encode(text), {
      fileName: 'region.csv',
      kodeKab: '33.02+34.01',
      kabupaten: set,
      desa: DESA,
    });
    expect(result.report.rows_joined).toBe(2);
    expect(Object.keys(result.report.rejected_by_reason).sort()).toEqual([
      'kabupaten_other',
      'provinsi_other',
    ]);
    expect(result.report.rows_by_kabupaten).toMatchObject({
      '33.01': { rows_read: 1, outside_set: 1 },
      '33.02': { rows_read: 1, rows_joined: 1 },
      '34.01': { rows_read: 1, rows_joined: 1 },
      '35.07': { rows_read: 1, outside_set: 1 },
    });
    // a kecamatan part alone names one kecamatan in every member: only full codes are read in a set
    expect(parseKodeKecamatan('01', new Set(set))).toBeNull();
    expect(parseKodeKecamatan('34.01.02', new Set(set))).toBe('34.01.02');
    expect(parseKodeKecamatan('01', new Set(['33.02']))).toBe('33.02.01');
  });
});
