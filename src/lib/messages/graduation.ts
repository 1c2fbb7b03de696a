/**
 * Messages of the graduation and monitoring core (`src/lib/graduation`): linking two periods, stuck pockets,
 * pockets over time and the targets.
 */
export const graduationId = {
  'graduation.stuck.tooFew':
    'tidak ada kantong stagnan: hanya {count} desa dengan sedikitnya {k} keluarga miskin pada periode dasar, sedangkan uji spasial memerlukan sedikitnya {min}',
  'graduation.stuck.noVariance':
    'tidak ada kantong stagnan: setelah penghalusan empirical Bayes semua desa sama dengan tingkat kelulusan kabupaten ({rate}%)',
  'graduation.stuck.noTest': 'tidak ada kantong stagnan: uji spasial tidak dapat dijalankan pada desa ini',
  'graduation.stuck.none':
    'tidak ada kantong stagnan: tidak ada kelompok desa Rendah–Rendah yang signifikan (α = {alpha})',
  'graduation.stuck.found':
    '{count} kantong stagnan ({desa} desa dengan kelulusan rendah dikelilingi kelulusan rendah)',
  'graduation.link.duplicates':
    'periode {periode}: {keys} kunci keluarga dipakai oleh lebih dari satu baris ({rows} baris); baris ini tidak ditautkan',
  'graduation.link.ambiguous':
    'periode {periode}: {count} keluarga tidak dapat ditautkan karena kuncinya ganda di periode lain',
  'graduation.link.withoutKey': 'periode {periode}: {count} keluarga tanpa kunci yang dapat dipakai',
  'graduation.link.noKey':
    'tidak ada transisi: data periode {periode} tidak memuat kunci keluarga (petakan kolom kunci saat impor)',
  'graduation.link.otherSalt':
    'tidak ada keluarga yang tertaut antara {base} dan {comparison}: kunci mungkin disamarkan dengan salt lain (impor di perangkat lain) atau kolom kunci berbeda',
  'graduation.change.totalNote':
    '{count} wilayah: jumlah keluarga berubah {share}% atau lebih antara {base} dan {comparison} (pendaftaran baru, pembersihan data); perubahan persentase di sana sebagian karena perubahan jumlah itu',
  'graduation.pockets.status.new': 'baru',
  'graduation.pockets.status.disappeared': 'hilang',
  'graduation.pockets.status.grew': 'membesar',
  'graduation.pockets.status.shrank': 'mengecil',
  'graduation.pockets.status.stable': 'tetap',
  'graduation.pockets.status.split': 'terpecah',
  'graduation.pockets.status.merged': 'bergabung',
  'graduation.targets.proxy.poverty':
    'proksi: persentase keluarga desil 1 DT-SEN (peringkat kesejahteraan nasional), bukan angka kemiskinan BPS (P0, persentase penduduk di bawah garis kemiskinan)',
  'graduation.targets.proxy.extremeFlag':
    'proksi: persentase keluarga dengan penanda miskin ekstrem dalam data DT-SEN, bukan angka kemiskinan ekstrem BPS',
  'graduation.targets.proxy.extremeDesil':
    'proksi kasar: data tanpa penanda miskin ekstrem, dipakai persentase keluarga desil 1 (batas atas), bukan angka kemiskinan ekstrem BPS',
  'graduation.targets.onePeriod': 'tren memerlukan sedikitnya dua periode',
  'graduation.targets.onTrack':
    'dengan laju garis lurus saat ini ({slope} poin per tahun), proyeksi {year} = {projected}%: target {target}% tercapai',
  'graduation.targets.offTrack':
    'dengan laju garis lurus saat ini ({slope} poin per tahun), proyeksi {year} = {projected}%: target {target}% tidak tercapai',
  'graduation.targets.passed':
    'tahun target {year} sudah lewat: nilai terakhir {current}% dibanding target {target}%',
  'graduation.targets.invalid': 'target tidak sah: {reason}',
  'graduation.cli.keyColumnMissing': '{file}: tidak ada kolom "{column}" (--key)',
  'graduation.cli.keyNeedsSalt':
    '--key {column}: kunci keluarga hanya dipakai sebagai hash bergaram; berikan --salt-file FILE (garam yang sama dengan impor)',
  'graduation.cli.keyIdentifierNeedsSalt':
    '--key {column}: kolom ini berisi nomor identitas ({kind}); tidak pernah disimpan mentah, hanya sebagai hash bergaram: berikan --salt-file FILE (garam yang sama dengan impor)',
  'graduation.cli.samePeriode':
    'periode {periode} ada dua kali ({first} dan {second}): setiap periode hanya dari satu berkas; beri berkas lain periodenya sendiri (--periode)',
  'graduation.cli.onePeriode':
    'kelulusan memerlukan dua periode; berkas memberi hanya {periods}: berikan --households untuk periode lain',
  'graduation.cli.periodeCount':
    '--periode diberikan {given} kali untuk {files} berkas: berikan sekali (untuk semua) atau sekali per berkas, dalam urutan --households',
  'graduation.cli.periodeUnknown': '--{flag} {periode}: tidak ada di data (periode: {periods})',
  'graduation.cli.baseAfter': '--base {base} harus sebelum periode pembanding {comparison}',
} as const;

export const graduationEn: Record<keyof typeof graduationId, string> = {
  'graduation.stuck.tooFew':
    'no stagnant pockets: only {count} desa have at least {k} poor households in the base period, and spatial tests need at least {min}',
  'graduation.stuck.noVariance':
    "no stagnant pockets: after empirical-Bayes smoothing every desa equals the kabupaten's graduation rate ({rate}%)",
  'graduation.stuck.noTest': 'no stagnant pockets: the spatial test cannot run on these desa',
  'graduation.stuck.none': 'no stagnant pockets: no significant Low–Low group of desa (α = {alpha})',
  'graduation.stuck.found':
    '{count} stagnant pocket(s) ({desa} desa of low graduation surrounded by low graduation)',
  'graduation.link.duplicates':
    'period {periode}: {keys} household keys are used by more than one row ({rows} rows); these rows are not linked',
  'graduation.link.ambiguous':
    'period {periode}: {count} households cannot be linked because their key is repeated in the other period',
  'graduation.link.withoutKey': 'period {periode}: {count} households without a usable key',
  'graduation.link.noKey':
    'no transitions: the data of period {periode} holds no household key (map the key column when importing)',
  'graduation.link.otherSalt':
    'no household links between {base} and {comparison}: the keys may have been hashed with another salt (imported on another device) or come from another key column',
  'graduation.change.totalNote':
    '{count} unit(s): the number of families changed by {share}% or more between {base} and {comparison} (new registrations, data cleaning); part of the change in shares there comes from that',
  'graduation.pockets.status.new': 'new',
  'graduation.pockets.status.disappeared': 'disappeared',
  'graduation.pockets.status.grew': 'grew',
  'graduation.pockets.status.shrank': 'shrank',
  'graduation.pockets.status.stable': 'unchanged',
  'graduation.pockets.status.split': 'split',
  'graduation.pockets.status.merged': 'merged',
  'graduation.targets.proxy.poverty':
    'proxy: share of families in DT-SEN desil 1 (a national welfare rank), not the BPS poverty rate (P0, share of people below the poverty line)',
  'graduation.targets.proxy.extremeFlag':
    'proxy: share of families flagged extremely poor in the DT-SEN data, not the BPS extreme-poverty rate',
  'graduation.targets.proxy.extremeDesil':
    'rough proxy: the data has no extreme-poverty flag, so the desil-1 share is used (an upper bound), not the BPS extreme-poverty rate',
  'graduation.targets.onePeriod': 'a trend needs at least two periods',
  'graduation.targets.onTrack':
    'at the current straight-line pace ({slope} points a year), {year} projects to {projected}%: the {target}% target is met',
  'graduation.targets.offTrack':
    'at the current straight-line pace ({slope} points a year), {year} projects to {projected}%: the {target}% target is not met',
  'graduation.targets.passed':
    'the target year {year} has passed: latest value {current}% against a target of {target}%',
  'graduation.targets.invalid': 'invalid target: {reason}',
  'graduation.cli.keyColumnMissing': '{file}: no column "{column}" (--key)',
  'graduation.cli.keyNeedsSalt':
    '--key {column}: a household key is used only as a salted hash; give --salt-file FILE (the same salt as the import)',
  'graduation.cli.keyIdentifierNeedsSalt':
    '--key {column}: this column holds identity numbers ({kind}); it is never stored raw, only as a salted hash: give --salt-file FILE (the same salt as the import)',
  'graduation.cli.samePeriode':
    'period {periode} appears twice ({first} and {second}): each period comes from one file only; give the other file its own period (--periode)',
  'graduation.cli.onePeriode':
    'graduation needs two periods; the files give only {periods}: add --households for another period',
  'graduation.cli.periodeCount':
    '--periode given {given} times for {files} files: give it once (for all) or once per file, in the order of --households',
  'graduation.cli.periodeUnknown': '--{flag} {periode}: not in the data (periods: {periods})',
  'graduation.cli.baseAfter': '--base {base} must come before the comparison period {comparison}',
};
