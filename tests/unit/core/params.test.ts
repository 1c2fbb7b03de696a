import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANALYSIS_PARAMS,
  DEFAULT_ANALYSIS,
  lisaOptionsOf,
  pocketOptionsOf,
} from '../../../src/lib/params/analysis.ts';
import { checkParams, readParams } from '../../../src/lib/params/schema.ts';
import { checkView, DEFAULT_VIEW } from '../../../src/lib/params/view.ts';
import { renderMessage } from '../../../src/lib/messages/render.ts';
import { cliParams } from '../../../src/cli/params.ts';
import { CliError } from '../../../src/cli/errors.ts';

/** Valid texts of each analysis parameter (what a user types in a link, a flag or a field). */
const validText: Record<keyof typeof ANALYSIS_PARAMS, fc.Arbitrary<string>> = {
  adjust: fc.constantFrom('none', 'fdr', 'bonferroni', 'FDR'),
  criterion: fc.constantFrom('lisa', 'gi90', 'gi95', 'gi99', 'gi90-high', 'gi95-high', 'GI99-high'),
  weights: fc.oneof(
    fc.constantFrom('tolerant', 'queen', 'rook'),
    fc.integer({ min: 1, max: 50 }).map((k) => `knn${k}`),
  ),
  tolerance: fc.integer({ min: 0, max: 500 }).map(String),
  res: fc.constantFrom('7', '8', '9'),
  minCount: fc.integer({ min: 3, max: 100_000 }).map(String),
  permutations: fc.oneof(fc.constant('0'), fc.integer({ min: 99, max: 99_999 }).map(String)),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }).map(String),
  alpha: fc.constantFrom('0.1', '0.05', '0.01', '0.001', '0,05'),
  minUnits: fc.integer({ min: 1, max: 1000 }).map(String),
  minHouseholds: fc.integer({ min: 0, max: 100_000 }).map(String),
  gate: fc.constantFrom('require', 'indicative', 'Indicative'),
  stability: fc.oneof(fc.constant('0'), fc.integer({ min: 2, max: 100 }).map(String)),
  rate: fc.constantFrom('eb', 'raw'),
  periode: fc.constantFrom('2025-Q3', '2025Q3', 'TW III 2025', '2025-07', '2025'),
  base: fc.constantFrom('2025-Q1', '2025Q1', 'Triwulan 1 2025', '2024-12', '2024'),
  poorDesil: fc.integer({ min: 1, max: 9 }).map(String),
  graduatedDesil: fc.integer({ min: 2, max: 10 }).map(String),
};

/** Invalid texts of each (out of range, wrong type, typos). */
const invalidText: Record<keyof typeof ANALYSIS_PARAMS, string[]> = {
  adjust: ['holm', 'BH', ''],
  criterion: ['gi80', 'hh2', 'gi95-low', 'gi95high'],
  weights: ['bishop', 'knn0', 'knn51', 'knn'],
  tolerance: ['-3', '501', 'ten', '1e2'],
  res: ['6', '10', '8.5', 'x'],
  minCount: ['2', '0', '-10', '3.5', ''],
  permutations: ['5', '98', '100000', '-1', 'many'],
  seed: ['-1', '1.5', '2147483648', 'abc'],
  alpha: ['0', '0.2', '1.5', '-0.05', 'x'],
  minUnits: ['0', '-1', '2.5'],
  minHouseholds: ['-1', '2.5', 'many'],
  gate: ['off', 'yes'],
  stability: ['1', '101', '-2', '2.5'],
  rate: ['smooth'],
  periode: ['kemarin', '1999', '2025-Q5'],
  base: ['kemarin', '1999', '2025-Q5'],
  poorDesil: ['0', '10', '2.5', 'two'],
  graduatedDesil: ['1', '11', '3.5', ''],
};

describe('one parameter schema for URL, CLI and state', () => {
  const fields = Object.keys(ANALYSIS_PARAMS) as (keyof typeof ANALYSIS_PARAMS)[];

  it('reads a valid text the same from a URL and from CLI flags, and writes it back to the same value', () => {
    for (const field of fields) {
      const spec = ANALYSIS_PARAMS[field];
      fc.assert(
        fc.property(validText[field], (text) => {
          const fromUrl = readParams(ANALYSIS_PARAMS, (k) =>
            new URLSearchParams({ [spec.name]: text }).get(k),
          );
          const fromCli = cliParams(ANALYSIS_PARAMS, { [spec.name]: text });
          expect(fromUrl.errors).toEqual([]);
          expect(fromCli[field]).toEqual(fromUrl.values[field]);
          const parsed = spec.parse(text);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          // a typed value set from the state passes the same check, and survives format → parse
          expect((spec.check as (v: unknown) => { ok: boolean })(parsed.value).ok).toBe(true);
          const again = spec.parse(spec.format(parsed.value as never));
          expect(again).toEqual(parsed);
        }),
        { seed: 9, numRuns: 60 },
      );
    }
  });

  it('refuses every invalid text everywhere, with a message naming the parameter, and never clamps', () => {
    for (const field of fields) {
      const spec = ANALYSIS_PARAMS[field];
      for (const text of invalidText[field]) {
        if (text === '' && field === 'minUnits') continue; // empty = automatic
        const r = spec.parse(text);
        expect(r.ok, `${field} = ${JSON.stringify(text)}`).toBe(false);
        if (r.ok) continue;
        for (const lang of ['id', 'en'] as const) {
          const line = renderMessage(r.error, lang);
          expect(line).toContain(spec.name);
          expect(line).not.toMatch(/\{\w+\}/);
        }
        // the URL keeps the default value, the CLI refuses with one line naming the flag
        const url = readParams(ANALYSIS_PARAMS, (k) => (k === spec.name ? text : null));
        expect(url.values[field]).toEqual(spec.defaultValue);
        expect(url.errors).toHaveLength(1);
        expect(() => cliParams(ANALYSIS_PARAMS, { [spec.name]: text })).toThrow(CliError);
        try {
          cliParams(ANALYSIS_PARAMS, { [spec.name]: text });
        } catch (error) {
          expect((error as Error).message).toContain(`--${spec.name}`);
          expect((error as Error).message.split('\n')).toHaveLength(1);
        }
      }
    }
  });

  it('the state setter takes only values the URL would take', () => {
    fc.assert(
      fc.property(
        fc.record({
          alpha: fc.double({ min: -1, max: 1, noNaN: true }),
          permutations: fc.integer({ min: -10, max: 200_000 }),
          minCount: fc.integer({ min: -5, max: 50 }),
          tolerance: fc.double({ min: -10, max: 1000, noNaN: true }),
        }),
        (patch) => {
          const { values, errors } = checkView(patch);
          const inRange = {
            alpha: patch.alpha > 0 && patch.alpha <= 0.1,
            permutations:
              patch.permutations === 0 || (patch.permutations >= 99 && patch.permutations <= 99_999),
            minCount: patch.minCount >= 3,
            tolerance: patch.tolerance >= 0 && patch.tolerance <= 500,
          };
          for (const [field, ok] of Object.entries(inRange)) {
            // accepted exactly when in range, and then unchanged (no clamping, no rounding)
            expect(field in values, field).toBe(ok);
            if (ok)
              expect((values as Record<string, unknown>)[field]).toBe(patch[field as keyof typeof patch]);
          }
          expect(errors).toHaveLength(Object.values(inRange).filter((ok) => !ok).length);
        },
      ),
      { seed: 3, numRuns: 300 },
    );
  });

  it('gives the app and the CLI identical core options', () => {
    const p = { ...DEFAULT_ANALYSIS, adjust: 'fdr' as const, criterion: 'gi95' as const };
    expect(lisaOptionsOf(p, true)).toEqual({
      permutations: 999,
      seed: 1,
      alpha: 0.05,
      pAdjust: 'fdr',
      expectRate: true,
    });
    expect(pocketOptionsOf(p, 'hex')).toMatchObject({
      criterion: { kind: 'gi', confidence: 95 },
      minUnits: 3,
    });
    expect(pocketOptionsOf({ ...p, minUnits: 4 }, 'desa').minUnits).toBe(4);
    expect(checkParams(ANALYSIS_PARAMS, { adjust: 'BH' }).errors).toHaveLength(1);
    expect(DEFAULT_VIEW.adjust).toBe(DEFAULT_ANALYSIS.adjust);
  });
});
