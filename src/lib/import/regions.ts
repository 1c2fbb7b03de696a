/**
 * Step 4c: province and kabupaten/kota columns checked against the kabupaten being imported. A row whose
 * province or kabupaten cell names another region is rejected (`provinsi_other`, `kabupaten_other`), so that a
 * names-only row of another kabupaten can never be joined to a namesake desa here.
 *
 * A cell agrees when it is
 * - a code of the region: province `33` (also `'33`, `33.0`), kabupaten `33.24`, `3324`, `33 24`, `33-24`;
 * - its name after folding (accents, case, punctuation and spaces removed), without the prefix
 *   `Provinsi`/`Prov.`/`Propinsi` or `Kabupaten`/`Kab.`/`Kota`/`Kotamadya`/`Kodya` (or the suffix
 *   `Regency`/`City`); a prefix that names the other kind (`KOTA SEMARANG` for Kabupaten Semarang) disagrees;
 * - for provinces, a usual short form too (`JATENG`, `DIY`, `NTB`...).
 * A blank cell (no letter or digit) says nothing and agrees; so does a province name when the province code is
 * not in the gazetteer (the demo district's `99`: only codes can be checked there). Province names are those of the gazetteer
 * (`idn-area-data`, ODbL); the kabupaten's name is the boundary set's.
 */
import type { RejectReason } from './reasons.ts';
import { kabupatenInSet } from '../geo/boundary-set.ts';

/** Province code → gazetteer name (`idn-area-data` `provinces.csv`). */
export const PROVINCES: Readonly<Record<string, string>> = {
  '11': 'ACEH',
  '12': 'SUMATERA UTARA',
  '13': 'SUMATERA BARAT',
  '14': 'RIAU',
  '15': 'JAMBI',
  '16': 'SUMATERA SELATAN',
  '17': 'BENGKULU',
  '18': 'LAMPUNG',
  '19': 'KEPULAUAN BANGKA BELITUNG',
  '21': 'KEPULAUAN RIAU',
  '31': 'DKI JAKARTA',
  '32': 'JAWA BARAT',
  '33': 'JAWA TENGAH',
  '34': 'DAERAH ISTIMEWA YOGYAKARTA',
  '35': 'JAWA TIMUR',
  '36': 'BANTEN',
  '51': 'BALI',
  '52': 'NUSA TENGGARA BARAT',
  '53': 'NUSA TENGGARA TIMUR',
  '61': 'KALIMANTAN BARAT',
  '62': 'KALIMANTAN TENGAH',
  '63': 'KALIMANTAN SELATAN',
  '64': 'KALIMANTAN TIMUR',
  '65': 'KALIMANTAN UTARA',
  '71': 'SULAWESI UTARA',
  '72': 'SULAWESI TENGAH',
  '73': 'SULAWESI SELATAN',
  '74': 'SULAWESI TENGGARA',
  '75': 'GORONTALO',
  '76': 'SULAWESI BARAT',
  '81': 'MALUKU',
  '82': 'MALUKU UTARA',
  '91': 'PAPUA',
  '92': 'PAPUA BARAT',
  '93': 'PAPUA SELATAN',
  '94': 'PAPUA TENGAH',
  '95': 'PAPUA PEGUNUNGAN',
  '96': 'PAPUA BARAT DAYA',
};

/** Usual short forms of province names. */
const PROVINCE_SHORT: Readonly<Record<string, string>> = {
  nad: '11',
  sumut: '12',
  sumbar: '13',
  sumsel: '16',
  babel: '19',
  kepri: '21',
  dki: '31',
  jakarta: '31',
  jabar: '32',
  jateng: '33',
  diy: '34',
  yogyakarta: '34',
  diyogyakarta: '34',
  jatim: '35',
  ntb: '52',
  ntt: '53',
  kalbar: '61',
  kalteng: '62',
  kalsel: '63',
  kaltim: '64',
  kaltara: '65',
  sulut: '71',
  sulteng: '72',
  sulsel: '73',
  sultra: '74',
  sulbar: '76',
  malut: '82',
  pabar: '92',
};

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** `KAB. KENDAL` → `{ kind: 'kabupaten', key: 'kendal' }` (see the module comment). */
export function kabupatenNameKey(text: string): { kind: 'kabupaten' | 'kota' | null; key: string } {
  let words = fold(text).split(' ').filter(Boolean);
  let kind: 'kabupaten' | 'kota' | null = null;
  if (words[0] === 'pemerintah' || words[0] === 'pemkab' || words[0] === 'pemkot') {
    if (words[0] !== 'pemerintah') kind = words[0] === 'pemkab' ? 'kabupaten' : 'kota';
    words = words.slice(1);
  }
  if (['kabupaten', 'kab', 'kabu'].includes(words[0])) [kind, words] = ['kabupaten', words.slice(1)];
  else if (['kota', 'kotamadya', 'kodya', 'kotamadia'].includes(words[0]))
    [kind, words] = ['kota', words.slice(1)];
  if (words.at(-1) === 'regency') [kind, words] = ['kabupaten', words.slice(0, -1)];
  else if (words.at(-1) === 'city') [kind, words] = ['kota', words.slice(0, -1)];
  return { kind, key: words.join('') };
}

function provinceKey(text: string): string {
  const words = fold(text).split(' ').filter(Boolean);
  const rest = ['provinsi', 'prov', 'propinsi', 'province'].includes(words[0]) ? words.slice(1) : words;
  return rest.join('');
}

const PROVINCE_BY_KEY = new Map<string, string>();
for (const [code, name] of Object.entries(PROVINCES)) PROVINCE_BY_KEY.set(provinceKey(name), code);
for (const [short, code] of Object.entries(PROVINCE_SHORT)) PROVINCE_BY_KEY.set(short, code);

const hasContent = (text: string) => /[\p{L}\p{N}]/u.test(text);

/** Whether a province cell agrees with province `kodeProv` (`33`). */
export function provinceAgrees(text: string, kodeProv: string): boolean {
  if (!hasContent(text)) return true;
  const t = text
    .trim()
    .replace(/^'/, '')
    .replace(/[.,]0+$/, '');
  if (/^\d{1,2}$/.test(t)) return t.padStart(2, '0') === kodeProv;
  const key = provinceKey(text);
  if (/^\d{1,2}$/.test(key)) return key.padStart(2, '0') === kodeProv;
  // A province the gazetteer does not have (the demo district's 99): its names cannot be checked.
  if (PROVINCES[kodeProv] === undefined) return true;
  return PROVINCE_BY_KEY.get(key) === kodeProv;
}

/**
 * Whether a kabupaten cell agrees with kabupaten `kodeKab` (`33.24`) named `namaKab` (null: codes only), or with
 * a member of a set (`kodeKab` `33` or `33.24+33.25`, `namaKab` the member names joined by `|`).
 */
export function kabupatenAgrees(text: string, kodeKab: string, namaKab: string | null): boolean {
  if (!hasContent(text)) return true;
  const t = text
    .trim()
    .replace(/^'/, '')
    .replace(/[.,]0+$/, '');
  const code = /^(\d{2})[.\s-]?(\d{2})$/.exec(t);
  if (code) return kabupatenInSet(kodeKab, `${code[1]}.${code[2]}`);
  if (/^\d+$/.test(t)) return false;
  if (namaKab === null) return true;
  // A set of several: the cell must name one of its kabupaten (`namaKab` lists them, joined by `|`).
  if (namaKab.includes('|')) return namaKab.split('|').some((n) => kabupatenAgrees(text, kodeKab, n));
  const ours = kabupatenNameKey(namaKab);
  const cell = kabupatenNameKey(text);
  if (cell.key === '') return cell.kind === null || ours.kind === null || cell.kind === ours.kind;
  return cell.key === ours.key && (cell.kind === null || ours.kind === null || cell.kind === ours.kind);
}

/** Columns of a row that name the province and kabupaten, checked with caches per distinct text. */
export class RegionChecker {
  private readonly cache = new Map<string, boolean>();
  private readonly checks: {
    column: number;
    reason: RejectReason;
    agrees: (t: string) => boolean;
    /** The last text seen and its answer: nearly every row repeats the one before. */
    last: string;
    lastOk: boolean;
  }[];

  constructor(
    columns: { kodeProv: number; namaProv: number; kodeKab: number; namaKab: number },
    kodeKab: string,
    namaKab: string | null,
  ) {
    const prov = kodeKab.slice(0, 2);
    this.checks = [
      {
        column: columns.kodeProv,
        reason: 'provinsi_other' as const,
        agrees: (t: string) => provinceAgrees(t, prov),
      },
      {
        column: columns.namaProv,
        reason: 'provinsi_other' as const,
        agrees: (t: string) => provinceAgrees(t, prov),
      },
      {
        column: columns.kodeKab,
        reason: 'kabupaten_other' as const,
        agrees: (t: string) => kabupatenAgrees(t, kodeKab, null),
      },
      {
        column: columns.namaKab,
        reason: 'kabupaten_other' as const,
        agrees: (t: string) => kabupatenAgrees(t, kodeKab, namaKab),
      },
    ]
      .filter((c) => c.column >= 0)
      .map((c) => ({ ...c, last: '\u0000', lastOk: true }));
  }

  /** Whether any region column is checked. */
  get active(): boolean {
    return this.checks.length > 0;
  }

  /** The reason a row names another province or kabupaten, or null when it agrees. */
  check(cells: readonly string[]): RejectReason | null {
    for (const c of this.checks) {
      const text = cells[c.column] ?? '';
      if (text === '') continue;
      let ok: boolean;
      if (text === c.last) ok = c.lastOk;
      else {
        const id = `${c.column}\u0000${text}`;
        let cached = this.cache.get(id);
        if (cached === undefined) {
          cached = c.agrees(text);
          if (this.cache.size < 10_000) this.cache.set(id, cached);
        }
        ok = cached;
        c.last = text;
        c.lastOk = ok;
      }
      if (!ok) return c.reason;
    }
    return null;
  }
}
