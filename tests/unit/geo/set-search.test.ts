import { describe, expect, it } from 'vitest';
import { searchSets } from '../../../src/lib/geo/set-search.ts';
import type { DistrictIndexEntry } from '../../../src/lib/geo/types.ts';

const entry = (kode: string, nama: string, members?: [string, string][]): DistrictIndexEntry => ({
  kode_kab: kode,
  nama_kab: nama,
  demo: kode === '99.99',
  folder: kode === '99.99' ? 'demo' : kode,
  ...(members ? { kabupaten: members.map((m) => m[0]), kabupaten_names: members.map((m) => m[1]) } : {}),
});

const INDEX = [
  entry('33.24', 'Kabupaten Kendal', [['33.24', 'Kabupaten Kendal']]),
  entry('33', 'Provinsi Jawa Tengah', [
    ['33.24', 'Kabupaten Kendal'],
    ['33.28', 'Kabupaten Tegal'],
    ['33.29', 'Kabupaten Brebes'],
    ['33.76', 'Kota Tegal'],
  ]),
  entry('33.29', 'Kabupaten Brebes'),
  entry('33.24+33.25', 'Kabupaten Kendal, Kabupaten Batang', [
    ['33.24', 'Kabupaten Kendal'],
    ['33.25', 'Kabupaten Batang'],
  ]),
  entry('99.99', 'Kabupaten Contoh (DEMO)'),
];

const folders = (query: string) => searchSets(INDEX, query).map((h) => h.entry.folder);

describe('searchSets: the district picker', () => {
  it('finds Brebes by name in any spelling, the kabupaten before the province holding it', () => {
    for (const q of ['Brebes', 'brebes', 'BREB', 'Kab. Brebes', 'kabupaten brebes', ' bre '])
      expect(folders(q)).toEqual(['33.29', '33']);
    expect(searchSets(INDEX, 'brebes')[1].member).toBe('Kabupaten Brebes');
  });

  it('finds by code in both forms, and the province by its two digits', () => {
    expect(folders('33.29')[0]).toBe('33.29');
    expect(folders('3329')[0]).toBe('33.29');
    expect(folders('33')[0]).toBe('33');
    expect(folders('33.25')).toEqual(['33.24+33.25']);
  });

  it('a name held by two kabupaten/kota (Tegal) finds the set once; unknown names find nothing', () => {
    expect(folders('tegal')).toEqual(['33']);
    expect(folders('Sleman')).toEqual([]);
  });

  it('the empty query lists every set, the demo last', () => {
    const all = folders('');
    expect(all).toHaveLength(INDEX.length);
    expect(all[all.length - 1]).toBe('demo');
  });
});
