/**
 * Messages the command-line tools add around the core: a refusal that names the flag to give, and notes on
 * choices a command made for the person (printed and written into the join report in `--lang`); what
 * `kantong convert` refuses and reports.
 */
export const cliId = {
  'cli.periodeRequired':
    '{file}: tidak ada kolom periode dan nama file tidak memuat periode; berikan periodenya dengan --periode (contoh: --periode 2025-Q3)',
  'cli.keyNotUsed': '{file}: kolom kunci keluarga "{column}" tidak dipakai (tanpa --salt-file)',
  'cli.hexNoCoordinates':
    'tidak ada keluarga dengan koordinat yang dapat dipakai: jumlah per heksagon hanya dapat dibagi dari desa (perkiraan), dan LISA, Gi* serta kantong tidak dihitung pada heksagon seperti itu; pakai --unit desa',
  'cli.sheetNotWorkbook': '{file}: bukan workbook; --sheet {sheet} tidak berlaku untuk file teks',
  'cli.convertOneFile':
    'convert membaca satu --households FILE setiap kali ({count} diberikan); jalankan sekali per file',
  'cli.convertOutIsInput': '--out {out} adalah file --households itu sendiri; pilih nama lain',
  'cli.convertOutUnwritable': '--out {out}: tidak dapat ditulis ({why}); tidak ada yang ditulis',
  'cli.fileCannotRead': '{file}: tidak dapat dibaca ({why}); tidak ada yang ditulis',
  'cli.convertDone':
    '{file}: {rows} baris ditulis ke {out} ({size} MB), kolom {columns}; kolom identitas tidak dibaca: {identifiers}; kolom lain dibuang: {dropped}',
  'cli.convertUnreadable':
    '{count} baris dengan jumlah sel yang salah tidak terbaca: tercatat di file dan ditolak sebagai column_count oleh kantong aggregate',
  'cli.convertNone': 'tidak ada',
  'cli.convertNext': 'berikutnya: npm run kantong -- aggregate --households {out} --kab all --out DIR',
} as const;

export const cliEn: Record<keyof typeof cliId, string> = {
  'cli.periodeRequired':
    '{file}: no period column and no period in the file name; give the period with --periode (e.g. --periode 2025-Q3)',
  'cli.keyNotUsed': '{file}: household key column "{column}" not used (no --salt-file)',
  'cli.hexNoCoordinates':
    'no household has usable coordinates: hexagon counts could only be spread from the desa (an estimate), and LISA, Gi* and pockets are not computed on such hexagons; use --unit desa',
  'cli.sheetNotWorkbook': '{file}: not a workbook; --sheet {sheet} does not apply to a text file',
  'cli.convertOneFile': 'convert reads one --households FILE at a time ({count} given); run it once per file',
  'cli.convertOutIsInput': '--out {out} is the --households file itself; choose another name',
  'cli.convertOutUnwritable': '--out {out}: cannot be written ({why}); nothing written',
  'cli.fileCannotRead': '{file}: cannot read ({why}); nothing written',
  'cli.convertDone':
    '{file}: {rows} rows written to {out} ({size} MB), columns {columns}; identifier columns never read: {identifiers}; other columns dropped: {dropped}',
  'cli.convertUnreadable':
    '{count} lines with the wrong number of cells could not be read: recorded in the file and rejected as column_count by kantong aggregate',
  'cli.convertNone': 'none',
  'cli.convertNext': 'next: npm run kantong -- aggregate --households {out} --kab all --out DIR',
};
