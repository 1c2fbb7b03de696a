import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DesaCollection, DistrictIndex } from '../../src/lib/geo/types.ts';
import { calibrationProfile } from '../../src/lib/synth/calibration.ts';
import { householdFileHead, HouseholdRowFormatter } from '../../src/lib/synth/csv-format.ts';
import { generateHouseholds } from '../../src/lib/synth/households.ts';

/** The default district of the built app (as `public/geo/index.json` names it). */
export function defaultDistrict(): { folder: string; kodeKab: string; desa: DesaCollection } {
  const index: DistrictIndex = JSON.parse(readFileSync(path.resolve('public/geo/index.json'), 'utf8'));
  const entry = index.districts.find((d) => d.kode_kab === index.default || d.folder === index.default)!;
  const desa: DesaCollection = JSON.parse(
    readFileSync(path.resolve(`public/geo/${entry.folder}/desa.json`), 'utf8'),
  );
  return { folder: entry.folder, kodeKab: entry.kode_kab, desa };
}

/**
 * A synthetic DT-SEN extract of the default district made by the project's generator: `households` per period,
 * all periods in one file (one header, the rows of each period after it), as the generator writes them
 * (`;`, CRLF, decimal commas, fake NIK/No. KK/names/addresses, a `# DATA SINTETIS` first line).
 */
export function syntheticExtract(
  households: number,
  periods: readonly string[],
  seed = 7,
): {
  text: string;
  names: string[];
  identifiers: Set<string>;
  rows: number;
  perPeriod: Record<string, number>;
} {
  const { kodeKab, desa } = defaultDistrict();
  const district = generateHouseholds(kodeKab, desa.features, calibrationProfile(kodeKab), {
    households,
    seed,
    periods,
    geotagShare: 0.8,
  });
  let text = householdFileHead(seed, periods[0]);
  let rows = 0;
  const perPeriod: Record<string, number> = {};
  for (let t = 0; t < periods.length; t++) {
    const formatter = new HouseholdRowFormatter(district, t, 'JAWA TENGAH');
    text += formatter.rows(0, formatter.count);
    rows += formatter.count;
    perPeriod[periods[t]] = formatter.count;
  }
  // The NIK_KRT, NO_KK and NAMA_KRT values, to check that none of them ends up anywhere.
  const cells = text
    .split('\r\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => l.split(';'));
  const names = [...new Set(cells.map((c) => c[2]))];
  const identifiers = new Set(cells.flatMap((c) => [c[0], c[1]]));
  return { text, names, identifiers, rows, perPeriod };
}

/** The extract without one column (by header name), e.g. a file that lacks the desil column. */
export function withoutColumn(text: string, column: string): string {
  const lines = text.split('\r\n');
  const j = lines[1].split(';').indexOf(column);
  if (j < 0) throw new Error(`no column ${column}`);
  return lines
    .map((line, i) => {
      if (i === 0 || line === '') return line;
      const cells = line.split(';');
      cells.splice(j, 1);
      return cells.join(';');
    })
    .join('\r\n');
}

/**
 * The extract with the troubles of a real one, at known rows: the desa code blanked and the desa name misspelt
 * on every row of the first desa (a name suggestion to accept), desil 11 on two rows, an Excel-mangled code on
 * one, latitude and longitude exchanged on three geotagged rows.
 */
export function messyExtract(
  text: string,
  /** Only the first `withinRows` rows are damaged (e.g. the first period's), so later periods stay whole. */
  withinRows = Infinity,
): { text: string; misspelt: string; desaName: string; desilLines: number[]; mangledLines: number[] } {
  const lines = text.split('\r\n');
  const header = lines[1].split(';');
  const at = (name: string) => header.indexOf(name);
  const rows = lines.slice(2).map((l) => (l === '' ? null : l.split(';')));
  const first = rows[0]![at('KODE_WILAYAH')];
  const desaName = rows[0]![at('DESA_KELURAHAN')];
  // Last letter changed (BLUMAH → BLUMAX): close enough to be suggested, too far to be matched by itself.
  const misspelt = `DS. ${desaName.slice(0, -1)}X`;
  let swapped = 0;
  const desilLines: number[] = [];
  const mangledLines: number[] = [];
  // Line numbers as a spreadsheet shows them: the comment is line 1, the header line 2.
  const line = (i: number) => i + 3;
  rows.forEach((cells, i) => {
    if (!cells || i >= withinRows) return;
    if (cells[at('KODE_WILAYAH')] === first) {
      cells[at('KODE_WILAYAH')] = '';
      cells[at('DESA_KELURAHAN')] = misspelt;
      return;
    }
    if (i % 97 === 5 && desilLines.length < 2) {
      cells[at('DESIL_NASIONAL')] = '11';
      desilLines.push(line(i));
    } else if (i % 89 === 7 && mangledLines.length < 1) {
      cells[at('KODE_WILAYAH')] = '3,32401E+09';
      mangledLines.push(line(i));
    } else if (cells[at('LINTANG')] !== '' && i % 50 === 3 && swapped < 3) {
      [cells[at('LINTANG')], cells[at('BUJUR')]] = [cells[at('BUJUR')], cells[at('LINTANG')]];
      swapped++;
    }
  });
  return {
    text: [lines[0], lines[1], ...rows.map((c) => (c ? c.join(';') : ''))].join('\r\n'),
    misspelt,
    desaName,
    desilLines,
    mangledLines,
  };
}
