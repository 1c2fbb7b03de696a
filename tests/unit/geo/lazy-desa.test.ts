import { describe, expect, it } from 'vitest';
import { desaDetailFile, hasLazyDesa, kabupatenToLoad } from '../../../src/lib/geo/lazy-desa.ts';
import type { SetMember } from '../../../src/lib/geo/types.ts';
import { SeededRandom } from '../../../src/lib/random.ts';

const member = (kode: string, bbox: [number, number, number, number]): SetMember => ({
  kode_kab: kode,
  nama_kab: `Kabupaten ${kode}`,
  jumlah_kec: 1,
  jumlah_desa: 1,
  bbox,
});

describe('lazy desa of a set', () => {
  it('loads the kabupaten whose box meets the view, once (seeded random boxes and views)', () => {
    const random = new SeededRandom(16);
    for (let round = 0; round < 200; round++) {
      const members = Array.from({ length: random.int(1, 12) }, (_, i) => {
        const x = 108 + random.float() * 3;
        const y = -8 + random.float() * 2;
        return member(`33.${String(i + 1).padStart(2, '0')}`, [
          x,
          y,
          x + random.float() * 0.6,
          y + random.float() * 0.6,
        ]);
      });
      const x = 108 + random.float() * 3;
      const y = -8 + random.float() * 2;
      const view: [number, number, number, number] = [x, y, x + random.float(), y + random.float()];
      const loaded = new Set(members.filter(() => random.float() < 0.3).map((m) => m.kode_kab));
      const got = kabupatenToLoad(members, view, loaded);
      for (const m of members) {
        // Brute force: a point of the box inside the view, or the view inside the box.
        const meets = !(
          m.bbox[2] < view[0] ||
          m.bbox[0] > view[2] ||
          m.bbox[3] < view[1] ||
          m.bbox[1] > view[3]
        );
        expect(got.includes(m.kode_kab), `${round} ${m.kode_kab}`).toBe(meets && !loaded.has(m.kode_kab));
      }
      expect(got).toEqual(members.map((m) => m.kode_kab).filter((k) => got.includes(k)));
    }
  });

  it('is on only when the manifest lists the overview and every member file', () => {
    const kabupaten = [member('33.24', [0, 0, 1, 1]), member('33.25', [1, 0, 2, 1])];
    const files = { 'desa.overview.json': 1, [desaDetailFile('33.24')]: 1, [desaDetailFile('33.25')]: 1 };
    expect(hasLazyDesa({ files, kabupaten })).toBe(true);
    expect(hasLazyDesa({ files: { ...files, 'desa.overview.json': undefined as never }, kabupaten })).toBe(
      false,
    );
    const { [desaDetailFile('33.25')]: _, ...partial } = files;
    expect(hasLazyDesa({ files: partial, kabupaten })).toBe(false);
    expect(hasLazyDesa({ files: { 'desa.display.json': 1 }, kabupaten: [kabupaten[0]] })).toBe(false);
  });
});
