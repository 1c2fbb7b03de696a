/** Messages of the parameter schema (`src/lib/params`): what a URL value, a CLI flag or a text field got wrong. */
export const paramsId = {
  'param.required': '--{name} wajib diisi ({hint})',
  'param.notOneOf': '{name}: "{value}" bukan salah satu dari {allowed}',
  'param.notWhole': '{name}: "{value}" harus bilangan bulat {min}–{max}',
  'param.notNumber': '{name}: "{value}" harus angka {range}',
  'param.notPeriode': '{name}: "{value}" bukan periode (contoh: 2025-Q1, 2025-S1, 2025-07, 2025)',
  'param.conflict': '{first} dan {second}: pilih salah satu',
  'param.unknownFlag': '{detail} (lihat: npm run kantong -- {command} --help)',
} as const;

export const paramsEn: Record<keyof typeof paramsId, string> = {
  'param.required': '--{name} is required ({hint})',
  'param.notOneOf': '{name}: "{value}" is not one of {allowed}',
  'param.notWhole': '{name}: "{value}" must be a whole number {min}–{max}',
  'param.notNumber': '{name}: "{value}" must be a number {range}',
  'param.notPeriode': '{name}: "{value}" is not a period (e.g. 2025-Q1, 2025-S1, 2025-07, 2025)',
  'param.conflict': '{first} and {second}: choose one',
  'param.unknownFlag': '{detail} (see: npm run kantong -- {command} --help)',
};
