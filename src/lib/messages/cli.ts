/**
 * Messages the command-line tools add around the core: a refusal that names the flag to give, and notes on
 * choices a command made for the person (printed and written into the join report in `--lang`).
 */
export const cliId = {
  'cli.periodeRequired':
    '{file}: tidak ada kolom periode dan nama file tidak memuat periode; berikan periodenya dengan --periode (contoh: --periode 2025-Q3)',
  'cli.keyNotUsed': '{file}: kolom kunci keluarga "{column}" tidak dipakai (tanpa --salt-file)',
  'cli.hexNoCoordinates':
    'tidak ada keluarga dengan koordinat yang dapat dipakai: jumlah per heksagon hanya dapat dibagi dari desa (perkiraan), dan LISA, Gi* serta kantong tidak dihitung pada heksagon seperti itu; pakai --unit desa',
  'cli.sheetNotWorkbook': '{file}: bukan workbook; --sheet {sheet} tidak berlaku untuk file teks',
} as const;

export const cliEn: Record<keyof typeof cliId, string> = {
  'cli.periodeRequired':
    '{file}: no period column and no period in the file name; give the period with --periode (e.g. --periode 2025-Q3)',
  'cli.keyNotUsed': '{file}: household key column "{column}" not used (no --salt-file)',
  'cli.hexNoCoordinates':
    'no household has usable coordinates: hexagon counts could only be spread from the desa (an estimate), and LISA, Gi* and pockets are not computed on such hexagons; use --unit desa',
  'cli.sheetNotWorkbook': '{file}: not a workbook; --sheet {sheet} does not apply to a text file',
};
