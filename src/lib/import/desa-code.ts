import { isMultiKabupaten, kabupatenInSet } from '../geo/boundary-set.ts';
/**
 * Step 4a: desa codes in the forms spreadsheets hold them, normalised to the Kemendagri form `33.24.01.2001`
 * (2-digit province, 2-digit kabupaten/kota, 2-digit kecamatan, 4-digit desa whose first digit is 1 for a
 * kelurahan and 2 for a desa).
 *
 * Accepted:
 * - dotted `33.24.01.2001`, or with spaces, dashes or slashes between the parts (`33 24 01 2001`,
 *   `33-24-01-2001`); a part that lost its leading zero is padded (`33.24.1.2001`; the 4-digit desa part must be
 *   complete);
 * - 10 digits `3324012001`, also with a leading apostrophe (Excel's text mark), a zero fraction (`3324012001.0`)
 *   or thousands grouping (`3.324.012.001`);
 * - 11–13 digits whose extra trailing digits are all zero (`33240120010`, `3324012001000`: padded forms some
 *   exports use).
 * A 10-digit Kemendagri code always starts with a province code 11–94, so it never loses a leading zero as a
 * whole number; lost zeros can only affect the parts of a separated form, which is why those are padded.
 *
 * Detected and never guessed:
 * - `excel_mangled`: scientific notation (`3,32401E+09`, `3.32401E+09`), or 10 digits whose desa part ends in
 *   `000` (what is left after such a rounding: `3324010000`, `3324012000`; desa numbers start at `x001`);
 * - `bps`: a desa part starting with 0 (`3324010001`): BPS numbering (3-digit kecamatan and desa), which needs a
 *   crosswalk, not a guess;
 * - `other_kabupaten`: a well-formed code of another kabupaten/kota;
 * - `invalid`: anything else (a kecamatan code, 16 digits, text).
 */

/** Result of {@link parseKodeDesa}. */
export type KodeDesaParse =
  | { status: 'ok'; kode: string }
  | { status: 'empty' }
  | { status: 'excel_mangled' }
  | { status: 'bps' }
  | { status: 'other_kabupaten'; kode: string }
  | { status: 'invalid' };

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?\s*e\s*[+-]?\d+$/i;
const SEPARATED = /^(\d{1,2})[.\s\-/]+(\d{1,2})[.\s\-/]+(\d{1,2})[.\s\-/]+(\d{4})$/;
const GROUPED = /^\d{1,3}(?:[.,]\d{3})+$/;

/** The 10 digits of a desa code, or a failure status (see the module comment). */
function digitsOf(text: string): string | KodeDesaParse {
  let t = text.trim();
  if (t.charCodeAt(0) === 39) t = t.slice(1).trim();
  if (t === '') return { status: 'empty' };
  if (SCIENTIFIC.test(t)) return { status: 'excel_mangled' };
  const sep = SEPARATED.exec(t);
  if (sep) return sep[1].padStart(2, '0') + sep[2].padStart(2, '0') + sep[3].padStart(2, '0') + sep[4];
  if (GROUPED.test(t)) t = t.replace(/[.,]/g, '');
  else t = t.replace(/[.,]0+$/, '');
  if (!/^\d+$/.test(t)) return { status: 'invalid' };
  if (t.length === 10) return t;
  if (t.length > 10 && t.length <= 13 && /^0+$/.test(t.slice(10))) return t.slice(0, 10);
  return { status: 'invalid' };
}

/**
 * Parses a desa code cell against the kabupaten `kodeKab` (`33.24`) or a set of several (`33`, `33.24+33.25`,
 * see `kabupatenInSet`). A successful result is in Kemendagri form;
 * whether that desa exists is the caller's lookup.
 */
export function parseKodeDesa(text: string, kodeKab: string): KodeDesaParse {
  const d = digitsOf(text);
  if (typeof d !== 'string') return d;
  // Desa numbers run from 001 within 1xxx/2xxx; trailing zeros in the whole desa part are rounding.
  if (d.slice(7) === '000') return { status: 'excel_mangled' };
  const kode = `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}.${d.slice(6)}`;
  if (d[6] === '0') return { status: 'bps' };
  if (!/^[1-9]\d\.\d{2}\.\d{2}\.[1-9]\d{3}$/.test(kode)) return { status: 'invalid' };
  if (!kabupatenInSet(kodeKab, kode.slice(0, 5))) return { status: 'other_kabupaten', kode };
  return { status: 'ok', kode };
}

/**
 * A kecamatan code cell relative to `kodeKab`: `33.24.01`, `332401`, `33 24 01`, or the kecamatan part alone
 * (`01`, `1`) → `33.24.01`; null when it is none of these or belongs to another kabupaten.
 */
export function parseKodeKecamatan(text: string, kodeKab: string): string | null {
  let t = text.trim();
  if (t.charCodeAt(0) === 39) t = t.slice(1).trim();
  let m = /^(\d{2})[.\s\-/]*(\d{2})[.\s\-/]*(\d{1,2})$/.exec(t);
  if (m && t.replace(/\D/g, '').length >= 5) {
    const kode = `${m[1]}.${m[2]}.${m[3].padStart(2, '0')}`;
    return kabupatenInSet(kodeKab, kode.slice(0, 5)) ? kode : null;
  }
  // The kecamatan part alone names a kecamatan only within one kabupaten, not in a set of several.
  m = /^(\d{1,2})$/.exec(t);
  return m && !isMultiKabupaten(kodeKab) ? `${kodeKab}.${m[1].padStart(2, '0')}` : null;
}

/** `33.24.01.2001` → `3324012001` (the lookup key of 10-digit cells, the common case, with no parsing). */
export function kodeDigits(kode: string): string {
  return kode.replace(/\./g, '');
}
