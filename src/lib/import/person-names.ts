/**
 * Step 3b: whether a cell's text looks like personal data — a person's name, an address, a NIK/No. KK or a
 * phone number — by its content alone. Used where a value from the file could otherwise be echoed (unmatched
 * keys, name suggestions, header cells taken for column names) and to find name columns under innocent headers.
 *
 * A person's name cannot be proven from its text, so the test leans to "yes" (a false "yes" only hides a value):
 * a word that in Indonesian names marks a person — titles and kinship (`BIN`, `BINTI`, `HJ`, `ALM`, `IBU`, `BPK`,
 * `MBAH`, `NY`…) or an academic degree (`S.PD`, `DRS`) —, one of the commonest given names of DT-SEN heads of
 * household (`SITI`, `MUHAMMAD`, `SRI`, `NUR`, `SLAMET`…), an apostrophe inside a word (`MA'RUF`), or four words
 * or more. Desa names seldom have any of these; where a desa name is kept for the review it must also resemble a
 * desa of the kabupaten (see `report.ts`).
 */
const MARKERS = new Set([
  'bin',
  'binti',
  'bt',
  'bn',
  'alm',
  'almh',
  'almarhum',
  'almarhumah',
  'hj',
  'haji',
  'hajjah',
  'hajah',
  'ibu',
  'bu',
  'bpk',
  'bapak',
  'pak',
  'mbah',
  'mbok',
  'ny',
  'nyonya',
  'nn',
  'tn',
  'tuan',
  'sdr',
  'sdri',
  'saudara',
  'saudari',
  'kyai',
  'kh',
  'ust',
  'ustadz',
  'ustadzah',
  'drs',
  'dra',
  'spd',
  'spdi',
  'ssos',
  'amd',
  'mpd',
  'skm',
  'sag',
  'shi',
  'spdsd',
  'ssi',
  'skom',
  'st',
  'sh',
  'se',
  'wn',
  'anak',
  'istri',
  'suami',
]);

const GIVEN = new Set([
  'muhammad',
  'muhamad',
  'mohammad',
  'mohamad',
  'moh',
  'mochamad',
  'mochammad',
  'moch',
  'muh',
  'mohd',
  'mukhammad',
  'ahmad',
  'achmad',
  'akhmad',
  'ahmat',
  'abdul',
  'abdullah',
  'siti',
  'sri',
  'nur',
  'nurul',
  'dewi',
  'putri',
  'agus',
  'budi',
  'eko',
  'dwi',
  'tri',
  'joko',
  'slamet',
  'bambang',
  'suparman',
  'supriyadi',
  'sutrisno',
  'sugeng',
  'puji',
  'rini',
  'yuli',
  'endang',
  'wahyu',
  'rahmat',
  'rohmat',
  'umar',
  'fatimah',
  'aminah',
  'khotimah',
  'aisyah',
  'indah',
  'lestari',
  'yanti',
  'sumarni',
  'sumiyati',
  'suwarni',
  'suparmi',
  'sukarni',
  'sulastri',
  'suminah',
  'kasmini',
  'tumini',
  'paijo',
  'tukiman',
  'karto',
  'sarmi',
  'darmi',
  'painem',
  'sukirman',
  'rusmini',
  'jumiati',
  'juminah',
  'kartini',
  'musripah',
  'kastini',
  'warsini',
  'sutini',
  'rubiyah',
  'ngatemi',
  'ngatinah',
  'wagiman',
  'wagiyem',
  'parmin',
  'sarno',
  'tarno',
  'darto',
  'warno',
  'kasno',
  'ratno',
  'parno',
  'marno',
  'sarmin',
  'darmin',
  'karmin',
  'kasmin',
  'waluyo',
  'sunarto',
  'sumarno',
  'sugiyono',
  'sunardi',
  'suyono',
  'hartono',
  'haryanto',
  'mulyono',
  'prayitno',
  'setiawan',
  'kurniawan',
  'hidayat',
  'saputra',
  'pratama',
  'nugroho',
  'santoso',
  'susanto',
  'wibowo',
  'wijaya',
  'purnomo',
  'rahayu',
  'astuti',
  'handayani',
  'wulandari',
  'safitri',
  'utami',
  'susanti',
  'kusumawati',
  'maryam',
  'khodijah',
  'zainab',
  'rohmah',
  'sholeh',
  'soleh',
  'ibrahim',
  'ismail',
  'yusuf',
  'hasan',
  'husen',
  'anwar',
  'arif',
  'imam',
  'mustofa',
  'mahmud',
  'rohman',
  'rahman',
  'rochman',
  'sodiq',
  'ngadimin',
  'ngadiman',
  'ngatijo',
  'mujiono',
  'mujiyanto',
  'suyati',
  'sutarmi',
  'suratmi',
  'sumiati',
  'marsini',
  'darsini',
  'tarsini',
  'sariyem',
  'saminah',
  'kasiyem',
  'tugiyem',
  'poniyem',
]);

const WORDS = /[a-z]+(?:'[a-z]+)?/g;

/** Lower-case words of a text, accents removed (`S.Pd.` gives `s`, `pd`; `Ma'ruf` stays one word). */
function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[\u2018\u2019`]/g, "'")
      .match(WORDS) ?? []
  );
}

/** Whether a word marks a person (title, kinship, degree) or is one of the commonest given names. */
export function isPersonWord(word: string): boolean {
  return MARKERS.has(word) || GIVEN.has(word);
}

/** Whether `text` looks like a person's name (see the module comment). */
export function looksLikePersonName(text: string): boolean {
  const w = words(text);
  if (w.length === 0) return false;
  if (w.length >= 4) return true;
  const compact = text.toLowerCase().replace(/[^a-z]/g, '');
  // Degrees written with dots (S.Pd, S.Sos, A.Md) split into letters: compare them joined.
  if (/\b(s\.?\s?(pd|sos|ag|kom|e|h|t|si|ip|kep|km)|a\.?\s?md|dr|ir)\.?(\s|,|$)/i.test(text) && w.length >= 2)
    return true;
  if (w.some((x) => x.includes("'"))) return true;
  if (w.some(isPersonWord)) return true;
  return compact.length > 40;
}

const SIXTEEN_DIGITS = /(?<!\d)\d{16}(?!\d)/;
const LONG_DIGITS = /\d{14,}/;
const SCIENTIFIC_SIXTEEN = /\d[.,]\d+e\+?15/i;
const PHONE = /(?<!\d)(\+?62|0)8\d{7,11}(?!\d)/;
const ADDRESS =
  /\b(rt|rw)\b\.?\s*\d|\bjl\.?\s|\bjln\.?\s|\bjalan\s|\bgg\.?\s|\bgang\s|\bblok\s|\bdukuh\s|\bdusun\s/i;

/** Whether `text` holds a NIK/No. KK-like number (16 digits, or 14+ in a run, or its Excel form), or a phone number. */
export function looksLikeIdentifierNumber(text: string): boolean {
  const digits = text.replace(/[\s-]/g, '');
  return (
    SIXTEEN_DIGITS.test(digits) ||
    LONG_DIGITS.test(digits) ||
    SCIENTIFIC_SIXTEEN.test(digits) ||
    PHONE.test(digits)
  );
}

/** Whether `text` looks like a street address (`RT 2`, `RW 03`, `JL.`, `GANG`, `BLOK`, `DUSUN …`). */
export function looksLikeAddress(text: string): boolean {
  return ADDRESS.test(text);
}

/** Whether `text` looks like any personal data (name, address, NIK/KK, phone). */
export function looksLikePersonalData(text: string): boolean {
  return looksLikeIdentifierNumber(text) || looksLikeAddress(text) || looksLikePersonName(text);
}

/**
 * Whether a column's sampled cells are person names: at least 3 non-empty cells and a quarter of them with a
 * person word (see {@link isPersonWord}) or an apostrophe inside a word. A quarter, because most names carry no
 * such word, while desa and kecamatan names (and codes, numbers, programme flags) almost never do.
 */
export function personNameColumn(cells: readonly (string | null)[]): boolean {
  let n = 0;
  let hits = 0;
  for (const c of cells) {
    if (c === null) continue;
    const t = c.trim();
    if (t === '' || /\d/.test(t)) {
      if (t !== '') n++;
      continue;
    }
    n++;
    const w = words(t);
    if (w.some(isPersonWord) || w.some((x) => x.includes("'"))) hits++;
  }
  return n >= 3 && hits >= 3 && hits >= 0.25 * n;
}
