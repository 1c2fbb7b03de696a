import type { districtUiId } from './district.id.ts';

/** Messages of the district picker (boundary sets), English. Merged into `en.ts`. */
export const districtUiEn: Record<keyof typeof districtUiId, string> = {
  'district.pick': 'Change region',
  'district.pickLabel': 'Choose a kabupaten/kota or a province (now: {name})',
  'district.title': 'Choose a region',
  'district.search': 'Search by name or code',
  'district.searchHint': 'e.g. Brebes, 33.29, or 33 for a whole province',
  'district.none': 'No available region matches "{query}".',
  'district.size': '{desa} desa/kelurahan',
  'district.members': '{count} kabupaten/kota · {desa} desa/kelurahan',
  'district.holds': 'holds {name}',
  'district.current': 'open now',
  'district.close': 'Close',
  'level.kabupaten': 'Kab/Kota',
  'kind.kabupaten': 'Kabupaten/kota',
  'title.perLevel.kabupaten': 'per kabupaten/kota',
  'legend.units.kabupaten': '{count} kab/kota',
  'table.kabupaten': 'Kab/kota',
  'district.buildHint': 'Other regions are built with: npm run geo -- --kab CODE',
};
