/**
 * The desa cover is cached per district and resolution for every desa (periods and datasets share it): a
 * cached result must equal one computed afresh, for seeded random counts, including counts with empty desa
 * (rows taken from the whole cover) and alternating resolutions (the cache keeps two).
 */
import { describe, expect, it } from 'vitest';
import { prepareHexDistrict } from '../../../src/lib/hex/district.ts';
import { hexbinsFromDesaCounts } from '../../../src/lib/hex/hexbins.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { testDistrict } from './helpers.ts';

describe('hexbinsFromDesaCounts: cached desa covers', () => {
  it('give the same hexbins as a fresh district (seeded random counts, resolutions 7–9)', () => {
    const { desa, outline, district } = testDistrict();
    const random = new SeededRandom(916);
    for (let round = 0; round < 12; round++) {
      const res = [7, 8, 9][round % 3] as 7 | 8 | 9;
      const empty = random.float() < 0.4;
      const counts = new Uint32Array(desa.length * 10).map((_, i) =>
        empty && Math.floor(i / 10) % 5 === round % 5 ? 0 : random.int(0, 12),
      );
      const cached = hexbinsFromDesaCounts(district, counts, res);
      const again = hexbinsFromDesaCounts(district, counts, res);
      // A new district object has no cache: the cover is computed from scratch.
      const fresh = hexbinsFromDesaCounts(
        prepareHexDistrict(
          outline,
          desa.map((d) => d.geometry),
        ),
        counts,
        res,
      );
      expect(cached, `round ${round}`).toEqual(fresh);
      expect(again, `round ${round}`).toEqual(fresh);
    }
  });
});
