/**
 * Step 2a: recognising column names of DT-SEN, DTKS and P3KE extracts (and the usual hand-made variants).
 *
 * Names are compared in a *compact* form: Unicode compatibility decomposition, diacritics removed, lower case,
 * and every character that is not a–z or 0–9 dropped, so `Kode Desa/Kel.`, `KODE_DESA_KEL` and `kodeDesaKel`
 * all read `kodedesakel`. A name listed in the vocabulary below is an exact match (confidence 0.95); a name that
 * only fits a pattern (e.g. starts with `kode` and contains `desa`) is a pattern match (0.75).
 */

/** Household-file and aggregate-table fields a column can be mapped to. */
export type FieldName =
  | 'kode_desa'
  | 'nama_desa'
  | 'kode_kec'
  | 'nama_kec'
  | 'kode_kab'
  | 'nama_kab'
  | 'kode_prov'
  | 'nama_prov'
  | 'desil'
  | 'jumlah_art'
  | 'periode'
  | 'lintang'
  | 'bujur'
  | 'koordinat'
  | 'kunci_keluarga'
  | 'jumlah_kk'
  | 'jumlah_jiwa';

/** Kinds of personal identifier columns (dropped while parsing). */
export type IdentifierKind =
  'nik' | 'no_kk' | 'nama' | 'alamat' | 'tanggal_lahir' | 'kontak' | 'nomor_peserta';

/** What a column name says (several answers can hold: `KK_PKH` is a flag count, `NIK` an identifier). */
export interface ColumnRecognition {
  field?: { name: FieldName; exact: boolean };
  /** Aggregate tables: the column counts households of this desil (1–10). */
  desilCount?: number;
  /** Programme or living-condition flag (household files) or count (aggregate tables), e.g. `pkh`. */
  flag?: string;
  identifier?: IdentifierKind;
  /** Province or kabupaten name/code: recognised, never needed. */
  region?: boolean;
}

/** `Kode Desa/Kel.` → `kodedesakel` (see the module comment). */
export function compactName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Words of a name: split at non-alphanumerics and lower→upper case changes, lower-cased. */
export function nameTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

const EXACT_FIELDS: Record<FieldName, readonly string[]> = {
  kode_desa: [
    'kodedesa',
    'kddesa',
    'kodedesakelurahan',
    'kodedeskel',
    'kodedesakel',
    'kodekelurahan',
    'kodekel',
    'kdkel',
    'kdkelurahan',
    'kodewilayah',
    'kdwilayah',
    'kodewil',
    'kodewilayahdesa',
    'kodedesakemendagri',
    'kodekemendagri',
    'idwilayah',
    'kodedagri',
    'kodedesadagri',
    'kodewilayahkemendagri',
    'kodedesabps',
    'kodebps',
    'iddesa',
    'kodedesaataukelurahan',
    'kodedeskelkemendagri',
  ],
  kode_kec: ['kodekecamatan', 'kodekec', 'kdkec', 'kdkecamatan', 'idkecamatan', 'idkec'],
  nama_desa: [
    'desa',
    'namadesa',
    'nmdesa',
    'desakelurahan',
    'desakel',
    'deskel',
    'kelurahan',
    'namakelurahan',
    'namadesakelurahan',
    'namadeskel',
    'kelurahandesa',
    'kel',
    'desaataukelurahan',
    'namadesakel',
    'nmkel',
    'nmdeskel',
    'kelurahandesanama',
  ],
  nama_kec: ['kecamatan', 'kec', 'namakecamatan', 'nmkec', 'namakec', 'nmkecamatan'],
  kode_kab: [
    'kodekabupaten',
    'kodekab',
    'kodekabkota',
    'kdkab',
    'kdkabupaten',
    'idkab',
    'idkabupaten',
    'kodekota',
  ],
  nama_kab: [
    'kabupaten',
    'kab',
    'kabkota',
    'kabupatenkota',
    'namakabupaten',
    'namakab',
    'nmkab',
    'kota',
    'namakabkota',
    'namakota',
    'namakabupatenkota',
  ],
  kode_prov: ['kodeprovinsi', 'kodeprov', 'kdprov', 'kdprovinsi', 'idprov', 'idprovinsi', 'kodepropinsi'],
  nama_prov: ['provinsi', 'prov', 'namaprovinsi', 'namaprov', 'nmprov', 'propinsi', 'namapropinsi'],
  desil: [
    'desil',
    'desilnasional',
    'desilnas',
    'desilkesejahteraan',
    'desildtsen',
    'desilkeluarga',
    'desilrt',
    'desilrumahtangga',
    'peringkatdesil',
    'kelompokdesil',
    'statusdesil',
    'decile',
    'desilp3ke',
    'desilruta',
    'desilnasionaldtsen',
    'kategoridesil',
  ],
  jumlah_art: [
    'jumlahart',
    'jmlart',
    'art',
    'jumlahanggotakeluarga',
    'jumlahanggota',
    'jmlanggota',
    'jumlahanggotart',
    'jumlahanggotarumahtangga',
    'jumlahartkeluarga',
    'ukuranrumahtangga',
    'ukurankeluarga',
    'householdsize',
    'jumlahanggotakel',
    'jmlanggotakeluarga',
    'anggotakeluarga',
    'jumlahjiwa',
    'jmljiwa',
  ],
  periode: [
    'periode',
    'period',
    'periodedata',
    'periodepemutakhiran',
    'triwulan',
    'semester',
    'periodeupdate',
    'periodedtsen',
    'periodedtks',
    'bulanperiode',
    'periodebulan',
    'tahun',
    'tahundata',
    'tahunperiode',
  ],
  lintang: [
    'lintang',
    'lat',
    'latitude',
    'lattitude',
    'geolat',
    'koordinatlat',
    'gpslat',
    'gpslatitude',
    'latitut',
    'lintangselatan',
    'y',
  ],
  bujur: [
    'bujur',
    'lon',
    'lng',
    'long',
    'longitude',
    'longtitude',
    'geolon',
    'geolng',
    'koordinatlon',
    'koordinatlng',
    'gpslon',
    'gpslng',
    'gpslongitude',
    'bujurtimur',
    'x',
  ],
  koordinat: [
    'koordinat',
    'coordinate',
    'coordinates',
    'latlon',
    'latlong',
    'latlng',
    'geotag',
    'titikkoordinat',
    'koordinatgps',
    'gps',
    'lokasigps',
  ],
  kunci_keluarga: [
    'idkeluarga',
    'idkeluargap3ke',
    'idrumahtangga',
    'idruta',
    'iddtsen',
    'iddtks',
    'idbdt',
    'idkeluargadtsen',
    'kodekeluarga',
    'idhousehold',
    'householdid',
    'idkeluargadtks',
    'idkk',
  ],
  jumlah_kk: [
    'jumlahkk',
    'jmlkk',
    'jumlahkeluarga',
    'jmlkeluarga',
    'jumlahrumahtangga',
    'jumlahruta',
    'jumlahrt',
    'totalkk',
    'keluarga',
    'rumahtangga',
    'jumlahkeluargadtsen',
    'kk',
  ],
  jumlah_jiwa: ['jumlahjiwa', 'jmljiwa', 'jiwa', 'jumlahart', 'jmlart', 'totaljiwa', 'jumlahanggotakeluarga'],
};

/** Flag names (compact, after stripping `status`/`penerima`/`kk_`/`jumlah` prefixes) → flag key. */
const FLAGS: Record<string, string> = {
  pkh: 'pkh',
  kpmpkh: 'pkh',
  bansospkh: 'pkh',
  bpnt: 'bpnt',
  sembako: 'bpnt',
  programsembako: 'bpnt',
  kartusembako: 'bpnt',
  pbi: 'pbi_jk',
  pbijk: 'pbi_jk',
  pbijkn: 'pbi_jk',
  pbiapbn: 'pbi_jk',
  kis: 'pbi_jk',
  kispbi: 'pbi_jk',
  pbiapbd: 'pbi_apbd',
  blt: 'blt',
  bltdd: 'blt_dd',
  bltdanadesa: 'blt_dd',
  bst: 'bst',
  pip: 'pip',
  kip: 'pip',
  rtlh: 'rtlh',
  rumahtidaklayakhuni: 'rtlh',
  lantaitanah: 'lantai_tanah',
  lantaitidaklayak: 'lantai_tanah',
  dindingtidaklayak: 'dinding_tidak_layak',
  ataptidaklayak: 'atap_tidak_layak',
  airtidaklayak: 'air_tidak_layak',
  airminumtidaklayak: 'air_tidak_layak',
  sumberairtidaklayak: 'air_tidak_layak',
  sanitasitidaklayak: 'sanitasi_tidak_layak',
  jambantidaklayak: 'sanitasi_tidak_layak',
  tanpajamban: 'sanitasi_tidak_layak',
  tanpalistrik: 'tanpa_listrik',
  listriktidakada: 'tanpa_listrik',
  miskinekstrem: 'miskin_ekstrem',
  kemiskinanekstrem: 'miskin_ekstrem',
  statusmiskinekstrem: 'miskin_ekstrem',
};
const FLAG_PREFIX = /^(status|penerima|flag|is|jumlahkk|jmlkk|kk|jumlah|jml|rt)/;

const REGION = new Set([
  'provinsi',
  'prov',
  'namaprovinsi',
  'kodeprovinsi',
  'kodeprov',
  'kabupaten',
  'kab',
  'kabkota',
  'kabupatenkota',
  'namakabupaten',
  'namakab',
  'kota',
  'kodekabupaten',
  'kodekab',
  'kodekabkota',
  'namakabkota',
]);

/** After `nama`/`nm`, these words make a place or programme name, not a person's name. */
const NOT_A_PERSON =
  /^(desa|kel|kec|kab|kota|prov|dusun|wil|program|bansos|bantuan|sls|kampung|daerah|lokasi|file|sheet|kolom)/;

const EXACT_LOOKUP = new Map<string, FieldName>();
for (const [field, names] of Object.entries(EXACT_FIELDS) as [FieldName, readonly string[]][])
  for (const n of names) if (!EXACT_LOOKUP.has(n)) EXACT_LOOKUP.set(n, field);

/** Identifier kind from a column name (see the module comment of `identifiers.ts`), or undefined. */
export function identifierFromName(name: string): IdentifierKind | undefined {
  const c = compactName(name);
  const tokens = nameTokens(name);
  if (c === '') return undefined;
  if (
    tokens.includes('nik') ||
    (/^nik/.test(c) && !/^nikah/.test(c)) ||
    /^(no|nomor)?ktp/.test(c) ||
    /^(no|nomor)induk/.test(c)
  )
    return 'nik';
  if (
    /^(no|nomor)(kk|kartukeluarga)/.test(c) ||
    c === 'kartukeluarga' ||
    (tokens[0] === 'no' && tokens[1] === 'kk') ||
    c === 'idkk'
  )
    return 'no_kk';
  if (/lahir/.test(c) || c === 'ttl') return 'tanggal_lahir';
  if (/^(no|nomor)?(hp|handphone|telp|telepon|wa|whatsapp)$/.test(c) || c === 'email') return 'kontak';
  if (/^(no|nomor)(peserta|bpjs|kis|kks|rekening)/.test(c) || c === 'rekening') return 'nomor_peserta';
  if (
    /alamat/.test(c) ||
    /^(jalan|jln|jl|rt|rw|rtrw|nort|norw|nomorrt|nomorrw|norumah|nomorrumah|blok|gang|gg)$/.test(c)
  )
    return 'alamat';
  const person = /^(nama|nm)(.*)$/.exec(c);
  if (person && !NOT_A_PERSON.test(person[2])) return 'nama';
  if (tokens.includes('nama') && !tokens.some((t) => NOT_A_PERSON.test(t))) return 'nama';
  if (
    /^(namakrt|krtnama|krt|namakrtnama|kepalakeluarga|namakepalakeluarga|kepalakel|kepalart|kepalaruta|kepalarumahtangga|namakepalarumahtangga|namakepalart|ibukandung|pengurus|namaanggota|anggotakeluarganama|namaart|namalengkap|namapenerima|penerimamanfaat|namaresponden|responden|namapemilik|pemilik|namasuami|namaistri|namaayah|namaibu|namapasangan|pasangan|namakk|kknama)$/.test(
      c,
    )
  )
    return 'nama';
  return undefined;
}

function desilCountOf(c: string): number | undefined {
  const m =
    /^(?:kk|jumlahkk|jmlkk|jumlah|jml|rt|ruta|keluarga|jumlahkeluarga|n|total)?desil(\d{1,2})(?:kk|jumlah|keluarga|rt)?$/.exec(
      c,
    );
  if (!m) return undefined;
  const d = Number(m[1]);
  return d >= 1 && d <= 10 ? d : undefined;
}

/** Everything a column name says (see {@link ColumnRecognition}). */
export function recogniseColumn(name: string): ColumnRecognition {
  const c = compactName(name);
  const out: ColumnRecognition = {};
  if (c === '') return out;
  const identifier = identifierFromName(name);
  if (identifier) out.identifier = identifier;
  const desilCount = desilCountOf(c);
  if (desilCount !== undefined) {
    out.desilCount = desilCount;
    return out;
  }
  if (REGION.has(c)) out.region = true;
  const exact = EXACT_LOOKUP.get(c);
  if (exact) out.field = { name: exact, exact: true };
  else if (!identifier && !out.region) {
    const pattern = fieldPattern(c);
    if (pattern) out.field = { name: pattern, exact: false };
  }
  const flag = FLAGS[c] ?? FLAGS[c.replace(FLAG_PREFIX, '')];
  if (flag && !out.field) out.flag = flag;
  return out;
}

function fieldPattern(c: string): FieldName | undefined {
  if (/^(kode|kd|id)(wil|desa|kel|deskel)/.test(c)) return 'kode_desa';
  if (/^(kode|kd|id)kec/.test(c)) return 'kode_kec';
  if (/desil/.test(c) && !/\d/.test(c) && !/(persen|pct|share|jumlah|jml)/.test(c)) return 'desil';
  if (/^(nama|nm)?(desa|kel|deskel)/.test(c)) return 'nama_desa';
  if (/^(nama|nm)?kec/.test(c)) return 'nama_kec';
  if (/^(jumlah|jml)(art|anggota)/.test(c)) return 'jumlah_art';
  if (/^(jumlah|jml|total)(kk|keluarga|rumahtangga|ruta)/.test(c)) return 'jumlah_kk';
  if (/^periode/.test(c)) return 'periode';
  if (/^(lintang|latitude)/.test(c)) return 'lintang';
  if (/^(bujur|longitude)/.test(c)) return 'bujur';
  if (/koordinat/.test(c)) return 'koordinat';
  return undefined;
}

/** Whether a header cell is a name this module knows (used to find the header row). */
export function isKnownColumnName(name: string): boolean {
  const r = recogniseColumn(name);
  return (
    r.field !== undefined ||
    r.identifier !== undefined ||
    r.flag !== undefined ||
    r.desilCount !== undefined ||
    r.region === true
  );
}
