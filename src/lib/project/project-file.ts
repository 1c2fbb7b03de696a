/**
 * The project file: one JSON file that saves a planner's work and restores it on another machine or after
 * the browser's storage was cleared —
 *
 * ```json
 * { "kantong-project": 1,
 *   "note": "BERKAS KERJA INTERNAL …",
 *   "saved_at": "2026-03-02T08:15:00.000Z",
 *   "checksum": "sha256:<hex of the content's JSON text>",
 *   "content": {
 *     "boundary":  { "kode_kab", "nama_kab", "folder", "source", "desa_sha256" },
 *     "dataset":   { "origin", "id", "name", "files", "periods", "synthetic", "imported_at",
 *                    "rows_read", "rows_joined", "rows", "hexbins" },
 *     "view":      { …the explore view, as in a link },
 *     "scenarios": { "current": Scenario, "saved": [Scenario…] },
 *     "targets":   [{ "id": "extreme" | "poverty", "year", "value" }…],
 *     "slides":    [ { "id", "caption", "view", "bounds", "scenario" }… ] } }
 * ```
 *
 * The dataset is the aggregates the app holds — desa rows per period and hexagon counts — never household
 * rows or identifiers. They are exact: like the import's `desa.csv` the project file is an internal working
 * file (its `note` says so), not something to hand out; what people receive goes through `src/lib/publish`.
 *
 * {@link parseProjectFile} refuses, with one message and before anything is used, a file that is not JSON,
 * not a project, from a newer format, truncated, damaged (checksum), of the wrong shape, with
 * identifier-like fields, or for another kabupaten; boundaries that changed since saving are a warning.
 */
import type { DesaAggregateRow } from '../aggregate/desa-aggregate-table.ts';
import type { NamedDesaAggregateRow } from '../aggregate/area-rollup.ts';
import { HEX_RESOLUTIONS, type HexBins, type HexMessage, type HexResolution } from '../hex/types.ts';
import { identifierFromName } from '../import/column-names.ts';
import { identifierFromContent } from '../import/identifiers.ts';
import { msg, type Message } from '../messages/message.ts';
import { isKnownMessage } from '../messages/render.ts';
import { checkView, DEFAULT_VIEW, type ViewParams } from '../params/view.ts';
import { parseScenario, type Scenario } from '../priority/scenario.ts';
import { parseSlides, slidesOut, type Slide } from '../slides/slides.ts';
import { sha256Hex } from './checksum.ts';
import { checkTargets, type Target } from '../graduation/targets.ts';

/** The format this code writes and the newest it reads. */
export const PROJECT_VERSION = 1;

/** The key that marks a project file (its value is the format version). */
export const PROJECT_MARK = 'kantong-project';

/** First field of every project file: what it is and that it is not for handing out. */
export const PROJECT_NOTE =
  'BERKAS KERJA INTERNAL Kantong - agregat persis (jumlah kecil tidak disamarkan), tanpa data rumah tangga atau identitas; jangan disebarkan, bagikan ekspor dari aplikasi.';

/** Which boundaries the project was made on. */
export interface ProjectBoundary {
  kode_kab: string;
  nama_kab: string;
  /** Folder of the boundary set in the app (`public/geo/<folder>`). */
  folder: string;
  /** Where the boundaries came from, as the source line says it. */
  source: string;
  /** SHA-256 of the district's `desa.json`, or null when it could not be read. */
  desa_sha256: string | null;
}

/** A desa row as the app holds it: the counts, and the names where the import added them. */
export type ProjectRow = DesaAggregateRow & Partial<Omit<NamedDesaAggregateRow, keyof DesaAggregateRow>>;

/** Hexagon counts: period → resolution → bins (as `DatasetHexbins` in the app). */
export type ProjectHexbins = Record<string, Partial<Record<HexResolution, HexBins>>>;

/** The data of a project. */
export interface ProjectDataset {
  /** The district's bundled synthetic aggregate, or a dataset the user imported. */
  origin: 'bundled' | 'imported';
  /** The stored dataset's id in the app that saved it (null for the bundled aggregate). */
  id: string | null;
  /** Display name (the imported files' names; the bundled aggregate's file name). */
  name: string;
  files: string[];
  periods: string[];
  synthetic: boolean;
  /** ISO time of the import (null for the bundled aggregate). */
  imported_at: string | null;
  /** Household rows read and joined by the import (null for the bundled aggregate). */
  rows_read: number | null;
  rows_joined: number | null;
  rows: ProjectRow[];
  hexbins: ProjectHexbins | null;
}

/** Everything a project restores. */
export interface ProjectContent {
  boundary: ProjectBoundary;
  dataset: ProjectDataset;
  view: ViewParams;
  scenarios: { current: Scenario; saved: Scenario[] };
  /** The kabupaten's targets (Pemantauan mode); absent in files saved before targets were kept. */
  targets?: Target[];
  /** The presentation's slides (older files have none). */
  slides?: Slide[];
}

/** A project read back. */
export interface Project {
  version: number;
  savedAt: string;
  content: ProjectContent;
}

/** What the district open in the app is, for the checks of {@link parseProjectFile}. */
export interface ProjectExpectation {
  kodeKab: string;
  namaKab: string;
  /** SHA-256 of the open district's `desa.json` (null: not known, no comparison). */
  desaSha256: string | null;
  /** Desa codes of the open district: shortlist entries for other desa are dropped with a warning. */
  knownDesa?: ReadonlySet<string>;
}

export type ProjectResult =
  { ok: true; project: Project; warnings: Message[] } | { ok: false; error: Message };

// --- writing ---

const ROW_FIELDS = [
  'periode',
  'kode_desa',
  'jumlah_kk',
  'kk_desil',
  'jumlah_jiwa',
  'programmes',
  'nama_desa',
  'kode_kec',
  'nama_kec',
  'kk_jiwa_diketahui',
  'share_desil_1',
  'share_desil_1_4',
] as const;

/** A row with only the fields of the format, in a fixed order (nothing else the app may hold rides along). */
function rowOut(row: ProjectRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of ROW_FIELDS) if (row[f] !== undefined) out[f] = row[f];
  out.kk_desil = [...row.kk_desil];
  out.programmes = { ...row.programmes };
  return out;
}

function hexbinsOut(hexbins: ProjectHexbins | null): unknown {
  if (!hexbins) return null;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [periode, byRes] of Object.entries(hexbins)) {
    out[periode] = {};
    for (const res of HEX_RESOLUTIONS) {
      const b = byRes[res];
      if (!b) continue;
      out[periode][res] = {
        resolution: b.resolution,
        source: b.source,
        estimate: b.estimate,
        cells: [...b.cells],
        households: Array.from(b.households),
        desil: Array.from(b.desil),
        areaKm2: Array.from(b.areaKm2),
        border: Array.from(b.border),
        total: b.total,
        allocated: b.allocated,
        messages: b.messages,
      };
    }
  }
  return out;
}

/** A scenario with its fields in one order (the order `parseScenario` gives), so a file saves the same. */
function scenarioOut(s: Scenario): Scenario {
  return {
    version: s.version,
    name: s.name,
    indicators: s.indicators.map((i) => ({
      id: i.id,
      weight: i.weight,
      direction: i.direction,
      normalise: i.normalise,
    })),
    filters: {
      kecamatan: [...s.filters.kecamatan],
      jenis: s.filters.jenis,
      minHouseholds: s.filters.minHouseholds,
    },
    target: s.target,
    selection: { ...s.selection },
    spread: { maxPerKecamatan: s.spread.maxPerKecamatan, minPerKecamatan: s.spread.minPerKecamatan },
    shortlist: s.shortlist
      ? s.shortlist.map((e) => ({ kode_desa: e.kode_desa, pinned: e.pinned, note: e.note }))
      : null,
  };
}

/** The content as plain JSON data, in the order it is written (and checksummed). */
function contentOut(c: ProjectContent): unknown {
  return {
    boundary: {
      kode_kab: c.boundary.kode_kab,
      nama_kab: c.boundary.nama_kab,
      folder: c.boundary.folder,
      source: c.boundary.source,
      desa_sha256: c.boundary.desa_sha256,
    },
    dataset: {
      origin: c.dataset.origin,
      id: c.dataset.id,
      name: c.dataset.name,
      files: [...c.dataset.files],
      periods: [...c.dataset.periods],
      synthetic: c.dataset.synthetic,
      imported_at: c.dataset.imported_at,
      rows_read: c.dataset.rows_read,
      rows_joined: c.dataset.rows_joined,
      rows: c.dataset.rows.map(rowOut),
      hexbins: hexbinsOut(c.dataset.hexbins),
    },
    view: { ...c.view },
    scenarios: { current: scenarioOut(c.scenarios.current), saved: c.scenarios.saved.map(scenarioOut) },
    ...(c.targets ? { targets: c.targets.map((t) => ({ id: t.id, year: t.year, value: t.value })) } : {}),
    slides: slidesOut(
      (c.slides ?? []).map((sl) => ({ ...sl, scenario: sl.scenario ? scenarioOut(sl.scenario) : null })),
    ),
  };
}

/**
 * The project file's text: a small readable head (mark, note, time, checksum) and the content as compact
 * JSON (a kabupaten's rows are thousands of lines when indented). `savedAt` is an ISO time.
 */
export function projectFileText(content: ProjectContent, savedAt: string): string {
  const body = JSON.stringify(contentOut(content));
  return (
    `{\n  ${JSON.stringify(PROJECT_MARK)}: ${PROJECT_VERSION},\n` +
    `  "note": ${JSON.stringify(PROJECT_NOTE)},\n` +
    `  "saved_at": ${JSON.stringify(savedAt)},\n` +
    `  "checksum": "sha256:${sha256Hex(body)}",\n` +
    `  "content": ${body}\n}\n`
  );
}

// --- reading ---

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isNumberOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

/** A refusal: the file is damaged, with what is wrong. */
class Corrupt {
  constructor(readonly detail: Message) {}
}
const field = (name: string) => new Corrupt(msg('project.detail.field', { field: name }));

/**
 * Names of fields (of the dataset, its rows, their programme counts and the hexagon bins) that look like
 * personal identifiers — by name (NIK, No. KK, nama, alamat…) or, for fields the format does not have, by
 * content (16-digit numbers, phone numbers, addresses) — in the order met.
 */
function identifierFields(dataset: unknown): string[] {
  const found = new Set<string>();
  const byName = (key: string) => {
    if (identifierFromName(key)) found.add(key);
  };
  if (!isObject(dataset)) return [];
  Object.keys(dataset).forEach(byName);
  const rows = Array.isArray(dataset.rows) ? dataset.rows.filter(isObject) : [];
  const unknown = new Map<string, (string | null)[]>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      byName(key);
      if (!(ROW_FIELDS as readonly string[]).includes(key)) {
        const cells = unknown.get(key) ?? [];
        cells.push(value === null || value === undefined ? null : String(value));
        unknown.set(key, cells);
      }
    }
    if (isObject(row.programmes)) Object.keys(row.programmes).forEach(byName);
  }
  for (const [key, cells] of unknown) if (identifierFromContent(cells)) found.add(key);
  if (isObject(dataset.hexbins))
    for (const byRes of Object.values(dataset.hexbins))
      if (isObject(byRes))
        for (const bins of Object.values(byRes)) if (isObject(bins)) Object.keys(bins).forEach(byName);
  return [...found];
}

function readBoundary(v: unknown): ProjectBoundary {
  if (
    !isObject(v) ||
    typeof v.kode_kab !== 'string' ||
    typeof v.nama_kab !== 'string' ||
    typeof v.folder !== 'string' ||
    typeof v.source !== 'string' ||
    !(v.desa_sha256 === null || typeof v.desa_sha256 === 'string')
  )
    throw field('boundary');
  return {
    kode_kab: v.kode_kab,
    nama_kab: v.nama_kab,
    folder: v.folder,
    source: v.source,
    desa_sha256: v.desa_sha256,
  };
}

function readRow(v: unknown, kodeKab: string): ProjectRow {
  const bad = field('dataset.rows');
  if (!isObject(v)) throw bad;
  if (Object.keys(v).some((k) => !(ROW_FIELDS as readonly string[]).includes(k))) throw bad;
  const { periode, kode_desa, jumlah_kk, kk_desil, jumlah_jiwa, programmes } = v;
  if (typeof periode !== 'string' || typeof kode_desa !== 'string' || !isCount(jumlah_kk)) throw bad;
  if (!Array.isArray(kk_desil) || kk_desil.length !== 10 || !kk_desil.every(isCount)) throw bad;
  if (!(jumlah_jiwa === null || isCount(jumlah_jiwa))) throw bad;
  if (!isObject(programmes) || !Object.values(programmes).every(isCount)) throw bad;
  if (!kode_desa.startsWith(`${kodeKab}.`))
    throw new Corrupt(msg('project.detail.desa', { kode: kode_desa, kode_kab: kodeKab }));
  const row: ProjectRow = {
    periode,
    kode_desa,
    jumlah_kk,
    kk_desil: [...kk_desil],
    jumlah_jiwa,
    programmes: { ...(programmes as Record<string, number>) },
  };
  for (const name of ['nama_desa', 'kode_kec', 'nama_kec'] as const) {
    if (v[name] === undefined) continue;
    if (typeof v[name] !== 'string') throw bad;
    row[name] = v[name];
  }
  for (const name of ['kk_jiwa_diketahui', 'share_desil_1', 'share_desil_1_4'] as const) {
    if (v[name] === undefined) continue;
    if (!isNumberOrNull(v[name])) throw bad;
    row[name] = v[name] as number | null;
  }
  return row;
}

function numbers<T extends Uint32Array | Uint8Array | Float64Array>(
  v: unknown,
  length: number,
  make: (values: number[]) => T,
  integer: boolean,
): T {
  if (
    !Array.isArray(v) ||
    v.length !== length ||
    !v.every((x) => (integer ? isCount(x) : typeof x === 'number' && Number.isFinite(x) && x >= 0))
  )
    throw field('dataset.hexbins');
  return make(v as number[]);
}

function readBins(v: unknown, res: HexResolution): HexBins {
  const bad = field('dataset.hexbins');
  if (!isObject(v) || v.resolution !== res || !isStrings(v.cells)) throw bad;
  if (v.source !== 'points' && v.source !== 'allocation') throw bad;
  if (typeof v.estimate !== 'boolean' || !isCount(v.total) || !isCount(v.allocated)) throw bad;
  const n = v.cells.length;
  const messages = Array.isArray(v.messages)
    ? (v.messages.filter((m) => isObject(m) && isKnownMessage(m.message)) as unknown as HexMessage[])
    : [];
  return {
    resolution: res,
    source: v.source,
    estimate: v.estimate,
    cells: [...v.cells],
    households: numbers(v.households, n, (a) => Uint32Array.from(a), true),
    desil: numbers(v.desil, n * 10, (a) => Uint32Array.from(a), true),
    areaKm2: numbers(v.areaKm2, n, (a) => Float64Array.from(a), false),
    border: numbers(v.border, n, (a) => Uint8Array.from(a), true),
    total: v.total,
    allocated: v.allocated,
    messages,
  };
}

function readDataset(v: unknown, kodeKab: string): ProjectDataset {
  if (!isObject(v)) throw field('dataset');
  if (v.origin !== 'bundled' && v.origin !== 'imported') throw field('dataset.origin');
  if (typeof v.name !== 'string' || !isStrings(v.files) || !isStrings(v.periods)) throw field('dataset');
  if (typeof v.synthetic !== 'boolean') throw field('dataset.synthetic');
  if (!(v.imported_at === null || typeof v.imported_at === 'string')) throw field('dataset.imported_at');
  if (!(v.id === null || typeof v.id === 'string')) throw field('dataset.id');
  if (!(v.rows_read === null || isCount(v.rows_read)) || !(v.rows_joined === null || isCount(v.rows_joined)))
    throw field('dataset');
  if (!Array.isArray(v.rows)) throw field('dataset.rows');
  const rows = v.rows.map((r) => readRow(r, kodeKab));
  let hexbins: ProjectHexbins | null = null;
  if (v.hexbins !== null) {
    if (!isObject(v.hexbins)) throw field('dataset.hexbins');
    hexbins = {};
    for (const [periode, byRes] of Object.entries(v.hexbins)) {
      if (!isObject(byRes)) throw field('dataset.hexbins');
      const out: Partial<Record<HexResolution, HexBins>> = {};
      for (const key of Object.keys(byRes)) {
        const res = Number(key) as HexResolution;
        if (!HEX_RESOLUTIONS.includes(res)) throw field('dataset.hexbins');
        out[res] = readBins(byRes[key], res);
      }
      hexbins[periode] = out;
    }
  }
  return {
    origin: v.origin,
    id: v.id,
    name: v.name,
    files: [...v.files],
    periods: [...v.periods],
    synthetic: v.synthetic,
    imported_at: v.imported_at,
    rows_read: v.rows_read,
    rows_joined: v.rows_joined,
    rows,
    hexbins,
  };
}

function readView(v: unknown): ViewParams {
  if (!isObject(v)) throw field('view');
  const { values, errors } = checkView(v as Partial<ViewParams>);
  if (errors.length > 0)
    throw new Corrupt(msg('project.detail.nested', { field: 'view', reason: errors[0] }));
  return { ...DEFAULT_VIEW, ...values };
}

function readScenario(v: unknown, file: string, name: string): Scenario {
  const r = parseScenario(v, file);
  if (!r.ok) throw new Corrupt(msg('project.detail.nested', { field: name, reason: r.error }));
  return r.value;
}

/**
 * The scenario being worked on. Unlike a saved one it may weigh nothing yet (every indicator removed or at
 * 0: the app says so and ranks nothing); it is restored as it was, the rest of it checked as usual.
 */
function readCurrentScenario(v: unknown, file: string): Scenario {
  const r = parseScenario(v, file);
  if (r.ok || !isObject(v)) return readScenario(v, file, 'scenarios.current');
  if (r.error.code === 'priority.scenario.noIndicators' && Array.isArray(v.indicators)) {
    const s = readScenario({ ...v, indicators: [{ id: 'share_d1', weight: 1 }] }, file, 'scenarios.current');
    return { ...s, indicators: [] };
  }
  if (r.error.code === 'priority.scenario.allZero' && Array.isArray(v.indicators)) {
    const probe = v.indicators.map((i) => (isObject(i) ? { ...i, weight: 1 } : i));
    const s = readScenario({ ...v, indicators: probe }, file, 'scenarios.current');
    return { ...s, indicators: s.indicators.map((i) => ({ ...i, weight: 0 })) };
  }
  return readScenario(v, file, 'scenarios.current');
}

/**
 * Reads a project file's text (`file` names it in messages) against the district open in the app. Nothing
 * is returned unless the whole file reads; `warnings` say what was read but may differ (other boundaries,
 * shortlisted desa not in them).
 */
export function parseProjectFile(text: string, file: string, expected: ProjectExpectation): ProjectResult {
  const fail = (error: Message): ProjectResult => ({ ok: false, error });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // A file that starts like a project but does not parse was cut short (a broken download or copy).
    return /^\s*\{\s*"kantong-project"/.test(text)
      ? fail(msg('project.corrupt', { file, detail: msg('project.detail.truncated') }))
      : fail(msg('project.notJson', { file }));
  }
  if (!isObject(data) || !(PROJECT_MARK in data)) return fail(msg('project.notProject', { file }));
  const version = data[PROJECT_MARK];
  if (!Number.isInteger(version) || (version as number) < 1)
    return fail(
      msg('project.corrupt', { file, detail: msg('project.detail.version', { version: String(version) }) }),
    );
  if ((version as number) > PROJECT_VERSION)
    return fail(msg('project.newerVersion', { file, version: String(version), supported: PROJECT_VERSION }));
  const content = data.content;
  if (!isObject(content))
    return fail(msg('project.corrupt', { file, detail: msg('project.detail.field', { field: 'content' }) }));
  // Identifiers first: a file carrying personal data is refused as such, whatever else is wrong with it.
  const identifiers = identifierFields(content.dataset);
  if (identifiers.length > 0)
    return fail(msg('project.hasIdentifiers', { file, columns: identifiers.join(', ') }));
  if (typeof data.checksum !== 'string' || data.checksum !== `sha256:${sha256Hex(JSON.stringify(content))}`)
    return fail(msg('project.corrupt', { file, detail: msg('project.detail.checksum') }));
  try {
    const boundary = readBoundary(content.boundary);
    if (boundary.kode_kab !== expected.kodeKab)
      return fail(
        msg('project.otherDistrict', {
          file,
          other: boundary.nama_kab,
          otherKode: boundary.kode_kab,
          kode: `${expected.namaKab}, ${expected.kodeKab}`,
        }),
      );
    const dataset = readDataset(content.dataset, boundary.kode_kab);
    const view = readView(content.view);
    if (!isObject(content.scenarios)) throw field('scenarios');
    const current = readCurrentScenario(content.scenarios.current, file);
    if (!Array.isArray(content.scenarios.saved)) throw field('scenarios.saved');
    const saved = content.scenarios.saved.map((s, i) => readScenario(s, file, `scenarios.saved[${i}]`));
    let targets: Target[] | undefined;
    if (content.targets !== undefined) {
      const t = checkTargets(content.targets);
      if (!t.ok) throw field('targets');
      targets = t.targets;
    }
    const slides = parseSlides(content.slides, file);
    if (!slides.ok)
      throw new Corrupt(msg('project.detail.nested', { field: 'slides', reason: slides.error }));
    const warnings: Message[] = [];
    if (boundary.desa_sha256 && expected.desaSha256 && boundary.desa_sha256 !== expected.desaSha256)
      warnings.push(msg('project.boundaryChanged', { file }));
    const known = expected.knownDesa;
    if (known) {
      let dropped = 0;
      for (const s of [current, ...saved]) {
        if (!s.shortlist) continue;
        const kept = s.shortlist.filter((e) => known.has(e.kode_desa));
        dropped += s.shortlist.length - kept.length;
        s.shortlist = kept;
      }
      if (dropped > 0) warnings.push(msg('project.unknownDesa', { file, count: dropped }));
    }
    return {
      ok: true,
      project: {
        version: version as number,
        savedAt: typeof data.saved_at === 'string' ? data.saved_at : '',
        content: {
          boundary,
          dataset,
          view,
          scenarios: { current, saved },
          ...(targets ? { targets } : {}),
          slides: slides.slides,
        },
      },
      warnings,
    };
  } catch (error) {
    if (error instanceof Corrupt) return fail(msg('project.corrupt', { file, detail: error.detail }));
    throw error;
  }
}
