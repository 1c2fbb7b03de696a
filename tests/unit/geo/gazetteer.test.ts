import { describe, expect, it } from 'vitest';
import {
  checkAgainstGazetteer,
  normaliseKodeKab,
  regencyDisplayName,
  selectKabupaten,
  type KabupatenGazetteer,
} from '../../../src/lib/geo/gazetteer.ts';
import { loadKabupatenGazetteer, loadRegencies } from '../../../src/node/gazetteer.ts';

const gazetteer: KabupatenGazetteer = {
  regency: { code: '33.24', name: 'KABUPATEN KENDAL' },
  districts: [{ code: '33.24.01', name: 'Plantungan' }],
  villages: [
    { code: '33.24.01.2001', name: 'Blumah' },
    { code: '33.24.01.2002', name: 'Kalibuntuwetan' },
    { code: '33.24.01.2003', name: 'Jurangagung' },
  ],
};

describe('checkAgainstGazetteer', () => {
  it('reports unknown codes, missing desa and name differences, sorted', () => {
    const report = checkAgainstGazetteer(
      [
        { kode: '33.24.01.2099', nama: 'Entah' },
        { kode: '33.24.01.2002', nama: 'Kalibuntu Wetan' },
        { kode: '33.24.01.2001', nama: 'Blumah' },
        { kode: '33.24.01.2098', nama: 'Baru' },
      ],
      gazetteer,
    );
    expect(report.unknown_in_gazetteer).toEqual(['33.24.01.2098', '33.24.01.2099']);
    expect(report.missing_from_source).toEqual(['33.24.01.2003']);
    expect(report.name_differences).toEqual([
      { kode: '33.24.01.2002', source: 'Kalibuntu Wetan', gazetteer: 'Kalibuntuwetan' },
    ]);
  });

  it('reports nothing when source and gazetteer agree', () => {
    const rows = gazetteer.villages.map((v) => ({ kode: v.code, nama: v.name }));
    expect(checkAgainstGazetteer(rows, gazetteer)).toEqual({
      unknown_in_gazetteer: [],
      missing_from_source: [],
      name_differences: [],
    });
  });
});

describe('codes and names', () => {
  it('normalises kabupaten codes typed in either form', () => {
    expect(normaliseKodeKab('33.24')).toBe('33.24');
    expect(normaliseKodeKab(' 3324 ')).toBe('33.24');
    for (const bad of ['332', '33.2', '33-24', '33.24.01', 'abc', ''])
      expect(normaliseKodeKab(bad)).toBeNull();
  });

  it('title-cases regency names', () => {
    expect(regencyDisplayName('KABUPATEN KENDAL')).toBe('Kabupaten Kendal');
    expect(regencyDisplayName('KOTA SEMARANG')).toBe('Kota Semarang');
    expect(regencyDisplayName('KABUPATEN PANGKAJENE DAN KEPULAUAN')).toBe(
      'Kabupaten Pangkajene dan Kepulauan',
    );
    expect(regencyDisplayName('KOTA BAU-BAU')).toBe('Kota Bau-Bau');
  });

  it('selects one kabupaten by code prefix', () => {
    const k = selectKabupaten(
      '33.24',
      [{ code: '33.24', name: 'KABUPATEN KENDAL' }],
      [
        { code: '33.24.01', name: 'Plantungan' },
        { code: '33.25.01', name: 'Wonotunggal' },
      ],
      [
        { code: '33.24.01.2001', name: 'Blumah' },
        { code: '33.25.01.2001', name: 'Other' },
      ],
    );
    expect(k?.districts.map((d) => d.code)).toEqual(['33.24.01']);
    expect(k?.villages.map((v) => v.code)).toEqual(['33.24.01.2001']);
    expect(selectKabupaten('99.99', [], [], [])).toBeNull();
  });
});

describe('the installed gazetteer (idn-area-data v3)', () => {
  it('knows Kendal: 20 kecamatan, 286 desa/kelurahan, the gazetteer spelling Kalibuntuwetan', async () => {
    const kendal = await loadKabupatenGazetteer('33.24');
    expect(kendal?.regency.name).toBe('KABUPATEN KENDAL');
    expect(kendal?.districts).toHaveLength(20);
    expect(kendal?.districts.find((d) => d.code === '33.24.08')?.name).toBe('Kaliwungu');
    expect(kendal?.villages).toHaveLength(286);
    expect(kendal?.villages.find((v) => v.code === '33.24.15.1007')?.name).toBe('Kalibuntuwetan');
  });

  it('has every kabupaten/kota (514) and no province 99', async () => {
    const regencies = await loadRegencies();
    expect(regencies).toHaveLength(514);
    expect(regencies.some((r) => r.code.startsWith('99.'))).toBe(false);
    expect(await loadKabupatenGazetteer('99.99')).toBeNull();
  });
});
