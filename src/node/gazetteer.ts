/**
 * Loads the gazetteer (npm `idn-area-data` v3, data licence ODbL) through the package's own CSV readers.
 * Each list is read once per process and shared (the villages list is ~84,000 rows).
 */
import { getDistricts, getRegencies, getVillages } from 'idn-area-data';
import {
  selectKabupaten,
  type GazetteerDistrict,
  type GazetteerRegency,
  type GazetteerVillage,
  type KabupatenGazetteer,
} from '../lib/geo/gazetteer.ts';

let regencies: Promise<GazetteerRegency[]> | undefined;
let districts: Promise<GazetteerDistrict[]> | undefined;
let villages: Promise<GazetteerVillage[]> | undefined;

/** All kabupaten/kota of Indonesia: `{ code: '33.24', name: 'KABUPATEN KENDAL' }`. */
export function loadRegencies(): Promise<GazetteerRegency[]> {
  regencies ??= getRegencies().then((rows) => rows.map((r) => ({ code: r.code, name: r.name })));
  return regencies;
}

/** The regency, kecamatan and desa/kelurahan of one kabupaten/kota; `null` when the code is unknown. */
export async function loadKabupatenGazetteer(kodeKab: string): Promise<KabupatenGazetteer | null> {
  districts ??= getDistricts().then((rows) => rows.map((d) => ({ code: d.code, name: d.name })));
  villages ??= getVillages().then((rows) => rows.map((v) => ({ code: v.code, name: v.name })));
  const [r, d, v] = await Promise.all([loadRegencies(), districts, villages]);
  return selectKabupaten(kodeKab, r, d, v);
}

/** The whole gazetteer (regencies, kecamatan, desa of Indonesia), for matching a user's boundary file. */
export async function loadGazetteerRows(): Promise<{
  regencies: GazetteerRegency[];
  districts: GazetteerDistrict[];
  villages: GazetteerVillage[];
}> {
  districts ??= getDistricts().then((rows) => rows.map((d) => ({ code: d.code, name: d.name })));
  villages ??= getVillages().then((rows) => rows.map((v) => ({ code: v.code, name: v.name })));
  const [r, d, v] = await Promise.all([loadRegencies(), districts, villages]);
  return { regencies: r, districts: d, villages: v };
}
