/**
 * Fake personal identifiers for synthetic households. They are obviously fake but shaped like the real ones,
 * so an importer's identifier detection and dropping is exercised:
 * - NIK and No. KK are 16 digits starting with the 6-digit region code (province, kabupaten, kecamatan), as
 *   real ones do (Permendagri on Dukcapil numbers). The kecamatan part is always `99`, which no kecamatan in
 *   the Kemendagri gazetteer uses (checked against `idn-area-data` districts), so no fake number can belong
 *   to a real person's region.
 * - Names and addresses say SINTETIS.
 * All identifiers derive from the household's stable key, so they stay the same across periods.
 */

/** Region prefix of the fake numbers: the 4 kabupaten digits and the non-existent kecamatan `99`. */
function regionPrefix(kodeKab: string): string {
  const digits = kodeKab.replace(/\D/g, '');
  if (digits.length !== 4) throw new RangeError(`kabupaten code "${kodeKab}" does not have 4 digits`);
  return `${digits}99`;
}

/** Fake identifier makers for one kabupaten (the region prefix computed once, for writers of many rows). */
export interface FakeIdentifiers {
  /** NIK of the household head: region prefix + `01` + 8-digit serial (key + 1). */
  nik(key: number): string;
  /** Family-card number (No. KK): region prefix + `00` + 8-digit serial (key + 1); the linking key across periods. */
  noKK(key: number): string;
}

/** {@link FakeIdentifiers} for kabupaten `kodeKab` (`33.24`). */
export function fakeIdentifiers(kodeKab: string): FakeIdentifiers {
  const nikPrefix = `${regionPrefix(kodeKab)}01`;
  const kkPrefix = `${regionPrefix(kodeKab)}00`;
  return { nik: (key) => nikPrefix + serial(key, 8), noKK: (key) => kkPrefix + serial(key, 8) };
}

/** Fake NIK of the household head (see {@link FakeIdentifiers.nik}). */
export function fakeNik(kodeKab: string, key: number): string {
  return fakeIdentifiers(kodeKab).nik(key);
}

/** Fake No. KK (see {@link FakeIdentifiers.noKK}). */
export function fakeNoKK(kodeKab: string, key: number): string {
  return fakeIdentifiers(kodeKab).noKK(key);
}

/** Fake name of the household head: `WARGA SINTETIS 000123` (serial key + 1, at least 6 digits). */
export function fakeName(key: number): string {
  return `WARGA SINTETIS ${String(key + 1).padStart(6, '0')}`;
}

/**
 * Fake address: `DUSUN SINTETIS 3 RT 002/RW 003`. One RW per dusun (hamlet), numbered like the dusun.
 * @param hamlet 0-based hamlet index within the desa
 * @param rt 1-based RT number within the hamlet
 */
export function fakeAddress(hamlet: number, rt: number): string {
  return `DUSUN SINTETIS ${hamlet + 1} RT ${String(rt).padStart(3, '0')}/RW ${String(hamlet + 1).padStart(3, '0')}`;
}

function serial(key: number, width: number): string {
  const s = String(key + 1);
  if (s.length > width) throw new RangeError(`household key ${key} does not fit ${width} digits`);
  return s.padStart(width, '0');
}
