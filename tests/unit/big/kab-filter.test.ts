/** `--kab` sets (`src/lib/region/kab-filter.ts`): the boundary sets' syntax plus `all`, resolved against the gazetteer. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KabTally, parseKabSpec, resolveKabSet } from '../../../src/lib/region/kab-filter.ts';

const KNOWN = ['33.24', '33.25', '33.74', '34.01', '11.01'];

describe('parseKabSpec / resolveKabSet', () => {
  it('reads one code, a list, a province and all, in any spelling of the list', () => {
    expect(parseKabSpec('3324')).toEqual({ kind: 'kabupaten', codes: ['33.24'] });
    expect(parseKabSpec(' 33.25+33.24,33.24 ')).toEqual({ kind: 'kabupaten', codes: ['33.24', '33.25'] });
    expect(parseKabSpec('33')).toEqual({ kind: 'province', province: '33' });
    expect(parseKabSpec('ALL')).toEqual({ kind: 'all' });
    for (const bad of ['', 'Kendal', '33.2', '332', '33.24.01', '33,'])
      expect(parseKabSpec(bad), bad).toBeNull();
  });

  it('a list in any order and separator is the same set; unknown codes are named', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(KNOWN, { minLength: 1 }),
        fc.constantFrom(',', '+', ' , '),
        (codes, sep) => {
          const spec = parseKabSpec(codes.map((c) => (c.length % 2 ? c.replace('.', '') : c)).join(sep));
          const r = spec && resolveKabSet(spec, KNOWN);
          expect(r).toEqual({ ok: true, set: { spec, codes: [...codes].sort() } });
        },
      ),
      { seed: 33 },
    );
    expect(resolveKabSet(parseKabSpec('33.24,33.99')!, KNOWN)).toEqual({ ok: false, unknown: ['33.99'] });
    expect(resolveKabSet(parseKabSpec('98')!, KNOWN)).toEqual({ ok: false, unknown: ['98'] });
    expect(resolveKabSet(parseKabSpec('33')!, KNOWN)).toMatchObject({
      ok: true,
      set: { codes: ['33.24', '33.25', '33.74'] },
    });
    expect(resolveKabSet(parseKabSpec('all')!, KNOWN)).toMatchObject({
      ok: true,
      set: { codes: [...KNOWN].sort() },
    });
  });

  it('KabTally: per kabupaten, read = joined + rejected, outside the set counted', () => {
    const r = resolveKabSet(parseKabSpec('33.24')!, KNOWN);
    if (!r.ok) throw new Error('set');
    const t = new KabTally(r.set);
    t.add('33.24', true, 5);
    t.add('33.24', false, 1);
    t.add('33.25', false, 2);
    t.add('?', false, 3);
    expect(t.toReport()).toEqual({
      '33.24': { rows_read: 6, rows_joined: 5, rows_rejected: 1, outside_set: 0 },
      '33.25': { rows_read: 2, rows_joined: 0, rows_rejected: 2, outside_set: 2 },
      '?': { rows_read: 3, rows_joined: 0, rows_rejected: 3, outside_set: 0 },
    });
  });
});
