/** Messages of the parameter schema (`src/lib/params`): what a URL value, a CLI flag or a text field got wrong. */
export const paramsId = {
  'param.required': '{name} belum diisi ({hint})',
  'param.notOneOf': '{name}: "{value}" bukan {allowed}',
  'param.notWhole': '{name}: "{value}" harus bilangan bulat {range}',
  'param.notNumber': '{name}: "{value}" harus angka {range}',
  'param.notPeriode': '{name}: "{value}" bukan periode (contoh: 2025-Q1, 2025-S1, 2025-07, 2025)',
  'param.notResolution':
    '{name}: resolusi H3 harus 7, 8 atau 9 (± 5,2, 0,74 atau 0,11 km² per heksagon), bukan "{value}"',
  'param.unknownWeights':
    'bobot spasial "{value}" tidak dikenal ({name}: tolerant, queen, rook atau knnK, K 1–50)',
  'param.unknownFlag': '{detail} (lihat: npm run kantong -- {command} --help)',
  'param.conflict': '{first} dan {second}: pilih salah satu',
} as const;

export const paramsEn: Record<keyof typeof paramsId, string> = {
  'param.required': 'missing {name} ({hint})',
  'param.notOneOf': '{name}: "{value}" is not {allowed}',
  'param.notWhole': '{name}: "{value}" must be a whole number {range}',
  'param.notNumber': '{name}: "{value}" must be a number {range}',
  'param.notPeriode': '{name}: "{value}" is not a period (e.g. 2025-Q1, 2025-S1, 2025-07, 2025)',
  'param.notResolution':
    '{name}: H3 resolution must be 7, 8 or 9 (≈ 5.2, 0.74 or 0.11 km² per hexagon), got "{value}"',
  'param.unknownWeights': 'unknown weights "{value}" ({name}: tolerant, queen, rook or knnK, K 1–50)',
  'param.unknownFlag': '{detail} (see: npm run kantong -- {command} --help)',
  'param.conflict': '{first} and {second}: choose one',
};
