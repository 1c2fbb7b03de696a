/**
 * The planted synthetic patterns (`src/lib/synth/needs-patterns.ts`) on the real Kendal desa, through the
 * import core as a user's file would go: each pattern is found, and planted-free units are not flagged above
 * the stated false-positive rates. Also: planting is opt-in and leaves the default output as it was.
 */
import { describe, expect, it } from 'vitest';
import { calibrationProfile } from '../../../src/lib/synth/calibration.ts';
import { householdFileHead, HouseholdRowFormatter } from '../../../src/lib/synth/csv-format.ts';
import { generateHouseholds } from '../../../src/lib/synth/households.ts';
import { plantNeedsPatterns } from '../../../src/lib/synth/needs-patterns.ts';
import { importFile, inspectFile } from '../../../src/lib/import/index.ts';
import { combineNeeds } from '../../../src/lib/needs/import-needs.ts';
import { exclusionRate, programmeTargeting } from '../../../src/lib/needs/targeting.ts';
import { hasKendal, kendalDesa } from '../synth/fixture.ts';

/** Stated false-positive rates: share of planted-free units flagged. */
const FP_GEOTAG_DESA = 0.01;
const FP_DUPLICATE_DESA = 0;
const FP_EXCLUSION_KECAMATAN = 0;
const FP_PERIOD_JUMP_DESA = 0.05;
/** A kecamatan is flagged for PKH exclusion when its rate is this far above the kabupaten's. */
const EXCLUSION_MARGIN = 0.15;

describe.skipIf(!hasKendal)('planted needs patterns on the real Kendal desa', () => {
  const desa = hasKendal ? kendalDesa() : [];
  const periods = ['2025-Q1', '2025-Q3'];
  const make = () =>
    generateHouseholds('33.24', desa, calibrationProfile('33.24'), {
      households: 30_000,
      seed: 5,
      periods,
      geotagShare: 0.85,
    });

  it('planting is opt-in: the generated district is unchanged by it', () => {
    const a = make();
    const before = new HouseholdRowFormatter(a, 0, 'Jawa Tengah').rows(0, 2000);
    plantNeedsPatterns(a);
    expect(new HouseholdRowFormatter(a, 0, 'Jawa Tengah').rows(0, 2000)).toBe(before);
  });

  it('each planted pattern is found through the import; planted-free units are not flagged', async () => {
    const { district, planted } = plantNeedsPatterns(make());
    const props = district.desa.map((d) => d.properties);
    const imports = [];
    for (let t = 0; t < periods.length; t++) {
      const f = new HouseholdRowFormatter(district, t, 'Jawa Tengah');
      const bytes = new TextEncoder().encode(householdFileHead(5, periods[t]) + f.rows(0, f.count));
      // the office chooses the family-card number as the household key (hashed at once, never kept)
      const mapping = structuredClone((await inspectFile(bytes, 'x.csv')).proposal.mapping);
      mapping.fields.kunci_keluarga = 'NO_KK';
      imports.push(
        await importFile(bytes, {
          mapping,
          fileName: `sintetis-dtsen-33.24-${periods[t]}.csv`,
          kodeKab: '33.24',
          desa: props,
          salt: 'uji-garam-needs-14',
          geometries: district.desa.map((d) => d.geometry),
        }),
      );
    }
    const needs = combineNeeds(
      imports.map((i) => i.needs!),
      props.length,
    );
    expect(needs.checked).toEqual(expect.arrayContaining(['geotag_outside_desa', 'duplicate_key']));
    const code = (i: number) => props[i].kode_desa;

    // displaced geotags: every planted desa flagged; other desa at most FP_GEOTAG_DESA
    const geotag = needs.issues.filter((i) => i.issue === 'geotag_outside_desa');
    const flagged = new Set(geotag.map((i) => code(i.desa)));
    for (const d of planted.displaced_desa) {
      expect(flagged.has(d.kode_desa)).toBe(true);
      const found = geotag.filter((i) => code(i.desa) === d.kode_desa).reduce((a, i) => a + i.count, 0);
      // the moved households, in each period they are in (stayers are moved in both)
      expect(found).toBeGreaterThanOrEqual(d.households);
      expect(
        Math.max(...geotag.filter((i) => code(i.desa) === d.kode_desa).map((i) => i.maxDistanceM!)),
      ).toBeGreaterThan(1000);
    }
    const plantedGeo = new Set(planted.displaced_desa.map((d) => d.kode_desa));
    const falseGeo = [...flagged].filter((k) => !plantedGeo.has(k));
    expect(falseGeo.length / (props.length - plantedGeo.size)).toBeLessThanOrEqual(FP_GEOTAG_DESA);

    // duplicate keys: the block, in every period, rows as in the file (row = 2 + index: comment, header)
    const dups = needs.issues.filter((i) => i.issue === 'duplicate_key');
    expect(new Set(dups.map((i) => code(i.desa)))).toEqual(new Set([planted.duplicate_desa]));
    for (const p of periods) {
      const e = dups.find((i) => i.periode === p)!;
      const rows = planted.duplicate_rows[p].flatMap((r) => [r + 2, r + 3]);
      expect(e.rows.sort((a, b) => a - b)).toEqual(rows.sort((a, b) => a - b));
    }
    expect(FP_DUPLICATE_DESA).toBe(0); // stated: the block's desa and no other

    // period checks on planted-free data: 2% leave and join, welfare noise; few desa may move past them
    const jumps = new Set(needs.issues.filter((i) => i.issue.endsWith('_jump')).map((i) => code(i.desa)));
    expect(jumps.size / props.length).toBeLessThanOrEqual(FP_PERIOD_JUMP_DESA);

    // PKH exclusion: the planted kecamatan stands out; no other kecamatan does
    const kecs = [...new Set(props.map((d) => d.kode_kec))].sort();
    const groups = props.map((d) => kecs.indexOf(d.kode_kec));
    const t = programmeTargeting(needs.counts, '2025-Q3', 'pkh', [1, 4], groups);
    const kab = exclusionRate(t.total)!;
    const high = kecs.filter((_, g) => exclusionRate(t.groups[g])! > kab + EXCLUSION_MARGIN);
    expect(high).toContain(planted.exclusion_kecamatan);
    expect((high.length - 1) / (kecs.length - 1)).toBeLessThanOrEqual(FP_EXCLUSION_KECAMATAN);

    // nothing else is planted: no desil, size or extreme-flag issues in the synthetic files
    expect(
      needs.issues.filter((i) =>
        ['desil_missing', 'desil_out_of_range', 'size_outlier', 'extreme_outside_desil_1_2'].includes(
          i.issue,
        ),
      ),
    ).toEqual([]);
  }, 60_000);
});
