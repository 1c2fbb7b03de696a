import * as Comlink from 'comlink';
import type {
  ColumnMapping,
  ConflictChoice,
  FieldName,
  FileInspection,
  JoinReport,
  NameMatch,
  TableKind,
} from '../lib/import/index.ts';
import { filePeriode, needsGivenPeriode, parsePeriode } from '../lib/import/periode.ts';
import { msg } from '../lib/messages/message.ts';
import { renderMessage } from '../lib/messages/render.ts';
import type {
  ImportApi,
  ImportDistrictSource,
  ImportFailure,
  ImportProgress,
} from '../worker/import.worker.ts';
import { buildStoredDataset, type StoredDataset, type StoredDatasetMeta } from './dataset-record.ts';
import { planPeriods, type PeriodPlan } from './dataset-periods.ts';
import { projectSalt, rememberedMappings, rememberMapping } from './dataset-store.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { DistrictState } from './district.svelte.ts';
import { reviewImport, type ReviewSuggestion, type ReviewSummary } from './import-review.ts';
import { flagKey } from './mapping-fields.ts';

/** The dialog's steps, in order. */
export const IMPORT_STEPS = ['files', 'detect', 'mapping', 'review', 'done'] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

/** Files above this size show a progress bar with a percentage while they are joined. */
export const PROGRESS_BAR_BYTES = 2 * 1024 * 1024;

/** One file picked in the dialog. */
export interface ImportFileEntry {
  key: string;
  file: File;
  name: string;
  size: number;
  status: 'reading' | 'ready' | 'error';
  inspection: FileInspection | null;
  /** Lines after the header (text files), an estimate for the summary. */
  approxRows: number | null;
  /** The mapping came from an earlier import of a file with the same header. */
  remembered: boolean;
  error: ImportFailure | null;
  /** Period typed by the user for a file that has no period column and no period in its name. */
  periode: string;
  report: JoinReport | null;
  /** Workbooks: the sheet this entry reads when it is not the default one (added by `includeSameSheets`). */
  sheet: string | null;
  /** The entry whose inspection offered this sheet (removed with it). */
  parent: string | null;
}

/** The name an entry is shown under: the file name, with the sheet for a workbook of several sheets. */
export function entryLabel(entry: Pick<ImportFileEntry, 'name' | 'inspection'>): string {
  return entry.inspection?.file.name ?? entry.name;
}

/** Files that share a header share one mapping. */
export interface MappingGroup {
  signature: string;
  files: ImportFileEntry[];
  inspection: FileInspection;
  remembered: boolean;
}

let nextKey = 0;
let nextJob = 0;

/**
 * The import dialog's workflow (see DESIGN "Surfaces" 2): files → detection → column mapping → join review
 * → done. Reading and joining run in the import Worker; this class keeps the dialog's state, the mappings
 * being edited (one per header signature), and hands the finished aggregates to {@link DatasetState}.
 */
export class ImportState {
  readonly district: DistrictState;
  readonly dataset: DatasetState;
  open = $state(false);
  step = $state<ImportStep>('files');
  files = $state.raw<ImportFileEntry[]>([]);
  /** Mapping being edited, by header signature (deep state: the selects change it field by field). */
  mappings = $state<Record<string, ColumnMapping>>({});
  busy = $state<null | 'inspect' | 'join' | 'finish'>(null);
  progress = $state<{ step: 'read' | 'hexbins'; fraction: number; file: string } | null>(null);
  /** The error that stopped the last step (named file, the core's message to render in the UI language). */
  error = $state.raw<ImportFailure | null>(null);
  /** A one-line status for the dialog (cancelled, not saved...), as a message key. */
  notice = $state<'cancelled' | 'notSaved' | null>(null);
  /** Suggestion ids the user rejected. */
  rejected = $state.raw<Set<string>>(new Set());
  /** The stored dataset made by the last finish. */
  finished = $state.raw<StoredDatasetMeta | null>(null);
  /**
   * A finished import waiting for the answer to "tambahkan sebagai periode …?" (the district already has
   * imported data): its periods, those the dataset already holds, and the dataset's name.
   */
  pendingPeriods = $state.raw<{ dataset: StoredDataset; plan: PeriodPlan; into: string } | null>(null);

  #api: Comlink.Remote<ImportApi> | null = null;
  #districtSent: string | null = null;
  #job: number | null = null;
  #cancelled = false;
  #salt: Uint8Array | null = null;
  /** The aggregates of the last finish not yet stored (its period question was cancelled). */
  #prepared: StoredDataset | null = null;
  /** Grows on every reset: a job that returns into a newer session (the dialog was closed) is ignored. */
  #session = 0;

  constructor(district: DistrictState, dataset: DatasetState) {
    this.district = district;
    this.dataset = dataset;
  }

  readonly readyFiles = $derived(this.files.filter((f) => f.status === 'ready' && f.inspection !== null));
  readonly anyFailed = $derived(this.files.some((f) => f.status === 'error'));
  readonly anyReading = $derived(this.files.some((f) => f.status === 'reading'));

  readonly groups: MappingGroup[] = $derived.by(() => {
    const bySignature = new Map<string, MappingGroup>();
    for (const f of this.readyFiles) {
      const inspection = f.inspection as FileInspection;
      const g = bySignature.get(inspection.header_signature);
      if (g) g.files.push(f);
      else
        bySignature.set(inspection.header_signature, {
          signature: inspection.header_signature,
          files: [f],
          inspection,
          remembered: f.remembered,
        });
    }
    return [...bySignature.values()];
  });

  readonly review: ReviewSummary | null = $derived.by(() => {
    const joined = this.readyFiles.filter((f) => f.report !== null);
    if (joined.length === 0 || joined.length !== this.readyFiles.length) return null;
    return reviewImport(
      joined.map((f) => ({ key: f.key, report: f.report as JoinReport })),
      this.rejected,
    );
  });

  /** Whether the running job is big enough for a progress bar with a percentage. */
  readonly showsProgressBar = $derived(
    this.busy !== null && this.busy !== 'inspect' && this.readyFiles.some((f) => f.size > PROGRESS_BAR_BYTES),
  );

  #worker(): Comlink.Remote<ImportApi> {
    this.#api ??= Comlink.wrap<ImportApi>(
      new Worker(new URL('../worker/import.worker.ts', import.meta.url), {
        type: 'module',
        name: 'kantong-import',
      }),
    );
    return this.#api;
  }

  /** Sends the district to the Worker once per district. */
  async #ensureDistrict(): Promise<void> {
    const d = this.district;
    const kab = d.manifest?.kode_kab;
    if (!kab || !d.desa || !d.kabupaten) throw new Error('district not loaded');
    if (this.#districtSent === kab) return;
    const payload: ImportDistrictSource = {
      kodeKab: kab,
      namaKab: d.manifest?.nama_kab ?? kab,
      baseUrl: new URL(import.meta.env.BASE_URL, document.baseURI).href,
      folder: d.folder ?? kab,
    };
    await this.#worker().setDistrict(payload);
    this.#districtSent = kab;
  }

  show(): void {
    this.open = true;
  }

  /** Closes the dialog: cancels a running job and forgets the files (the data shown stays as it is). */
  close(): void {
    if (this.busy) this.cancel();
    this.open = false;
    this.reset();
  }

  /** Back to an empty first step; held imports in the Worker are dropped. */
  reset(): void {
    this.#session++;
    if (this.#api) void this.#api.discard();
    this.files = [];
    this.mappings = {};
    this.step = 'files';
    this.error = null;
    this.notice = null;
    this.rejected = new Set();
    this.finished = null;
    this.pendingPeriods = null;
    this.#prepared = null;
    this.progress = null;
  }

  goTo(step: ImportStep): void {
    this.error = null;
    this.step = step;
  }

  #patch(key: string, changes: Partial<ImportFileEntry>): void {
    this.files = this.files.map((f) => (f.key === key ? { ...f, ...changes } : f));
  }

  /** Adds picked or dropped files and inspects them in the Worker; then shows the detection step. */
  async addFiles(list: Iterable<File>): Promise<void> {
    const added: ImportFileEntry[] = [...list].map((file) => newEntry(file, null, null));
    if (added.length === 0) return;
    await this.#inspectAdded(added);
  }

  /** Sheets of a workbook entry, other than its own, that have the same columns (they can be imported with it). */
  sameHeaderSheets(entry: ImportFileEntry): string[] {
    return (entry.inspection?.sheets ?? []).filter((s) => s.same_header).map((s) => s.name);
  }

  /** Whether the same-header sheets of a workbook entry are imported with it. */
  includesSameSheets(entry: ImportFileEntry): boolean {
    return this.files.some((f) => f.parent === entry.key);
  }

  /**
   * Imports (or stops importing) the other sheets of a workbook that have the same columns as the sheet read,
   * each as a table of its own (named `book.xlsx [sheet]`), inspected in the Worker.
   */
  async includeSameSheets(key: string, include: boolean): Promise<void> {
    const entry = this.files.find((f) => f.key === key);
    if (!entry || this.busy) return;
    if (!include) {
      for (const child of this.files.filter((f) => f.parent === key)) this.removeFile(child.key);
      return;
    }
    const have = new Set(this.files.filter((f) => f.parent === key).map((f) => f.sheet));
    const added = this.sameHeaderSheets(entry)
      .filter((sheet) => !have.has(sheet))
      .map((sheet) => newEntry(entry.file, sheet, key));
    if (added.length > 0) await this.#inspectAdded(added);
  }

  async #inspectAdded(added: ImportFileEntry[]): Promise<void> {
    this.files = [...this.files.map((f) => ({ ...f, report: null })), ...added];
    this.notice = null;
    this.error = null;
    this.step = 'detect';
    this.busy = 'inspect';
    const session = this.#session;
    try {
      // The district first: with it the Worker chooses desa and kecamatan columns by the gazetteer.
      await this.#ensureDistrict().catch(() => undefined);
      // All remembered mappings (few and small): the Worker picks the one for each file's header.
      const memory = await rememberedMappings();
      await Promise.all(
        added.map(async (entry) => {
          const out = await this.#worker().inspect(entry.file, entry.name, memory, entry.sheet ?? undefined);
          if (session !== this.#session) return;
          if (!out.ok) {
            this.#patch(entry.key, { status: 'error', error: out.cancelled ? null : out.error });
            return;
          }
          const { inspection, remembered, approxRows } = out.value;
          const sig = inspection.header_signature;
          if (!this.mappings[sig])
            this.mappings[sig] = structuredClone(remembered ?? inspection.proposal.mapping);
          this.#patch(entry.key, {
            status: 'ready',
            inspection,
            approxRows,
            remembered: remembered !== null,
          });
        }),
      );
    } finally {
      this.busy = null;
    }
  }

  removeFile(key: string): void {
    const gone = this.files.filter((f) => f.key === key || f.parent === key).map((f) => f.key);
    this.files = this.files.filter((f) => !gone.includes(f.key));
    if (this.#api) void this.#api.discard(gone);
    const signatures = new Set(this.readyFiles.map((f) => f.inspection?.header_signature));
    for (const sig of Object.keys(this.mappings)) if (!signatures.has(sig)) delete this.mappings[sig];
    if (this.files.length === 0) this.step = 'files';
  }

  /** Maps `field` of a header's mapping to `column` (null: not used). */
  setField(signature: string, field: FieldName, column: string | null): void {
    const m = this.mappings[signature];
    if (!m) return;
    if (column) m.fields[field] = column;
    else delete m.fields[field];
  }

  /** Household file or desa aggregate table; an aggregate table needs its ten desil count columns. */
  setKind(signature: string, kind: TableKind): void {
    const m = this.mappings[signature];
    if (!m || m.kind === kind) return;
    m.kind = kind;
    if (kind === 'desa_aggregate') {
      const proposed = this.groups.find((g) => g.signature === signature)?.inspection.proposal.mapping;
      m.desil_counts = proposed?.desil_counts ? [...proposed.desil_counts] : Array(10).fill('');
      delete m.fields.desil;
    } else delete m.desil_counts;
  }

  /** Column counting households of desil `d` (1–10) in an aggregate table. */
  setDesilCount(signature: string, d: number, column: string): void {
    const m = this.mappings[signature];
    if (!m) return;
    const counts = m.desil_counts ?? Array(10).fill('');
    counts[d - 1] = column;
    m.desil_counts = counts;
  }

  /** Programme flag `key` read from `column` (null removes the flag). */
  setFlag(signature: string, key: string, column: string | null): void {
    const m = this.mappings[signature];
    if (!m) return;
    if (column) m.flags[key] = column;
    else delete m.flags[key];
  }

  /** Adds a flag read from `column`, keyed by the column's name (`PKH Plus` → `pkh_plus`). */
  addFlag(signature: string, column: string): void {
    this.setFlag(signature, flagKey(column, Object.keys(this.mappings[signature]?.flags ?? {})), column);
  }

  setPeriode(key: string, periode: string): void {
    this.#patch(key, { periode });
  }

  #hasPeriodeColumn(entry: ImportFileEntry): boolean | null {
    const sig = entry.inspection?.header_signature;
    return sig === undefined ? null : Boolean(this.mappings[sig]?.fields.periode);
  }

  /**
   * Whether a file needs a period typed in (the core's rule, `filePeriode`): its mapping has no period column
   * and its name holds no period.
   */
  needsPeriode(entry: ImportFileEntry): boolean {
    const column = this.#hasPeriodeColumn(entry);
    return column !== null && needsGivenPeriode(column, entryLabel(entry));
  }

  /** The period a file without a period column takes from its name (shown, not asked), or null. */
  periodeFromName(entry: ImportFileEntry): string | null {
    return this.#hasPeriodeColumn(entry) === false ? (filePeriode(entryLabel(entry))?.periode ?? null) : null;
  }

  /** The period typed for a file, normalised, or null when it is not a period. */
  periodeOf(entry: ImportFileEntry): string | null {
    return parsePeriode(entry.periode);
  }

  /** Files whose period is needed but missing or not understood. */
  readonly periodeProblems = $derived(
    this.readyFiles.filter((f) => this.needsPeriode(f) && parsePeriode(f.periode) === null).map((f) => f.key),
  );

  async #saltBytes(): Promise<Uint8Array> {
    this.#salt ??= await projectSalt();
    return this.#salt;
  }

  #startJob(): number {
    this.#cancelled = false;
    this.#job = ++nextJob;
    return this.#job;
  }

  #endJob(jobId: number): void {
    if (this.#api) void this.#api.release(jobId);
    if (this.#job === jobId) this.#job = null;
    this.busy = null;
    this.progress = null;
  }

  #progress(file: string): ImportProgress {
    return Comlink.proxy((step: 'read' | 'hexbins', fraction: number) => {
      this.progress = { step, fraction, file };
    });
  }

  /** Stops the running join or finish; the data shown before stays. */
  cancel(): void {
    if (this.#job === null) return;
    this.#cancelled = true;
    void this.#worker().cancel(this.#job);
  }

  /**
   * Joins the files (all, or only `keys`) with their group's mapping. On success shows the join review; an
   * error or a cancel leaves the dialog on the mapping step with the message.
   */
  async join(keys?: readonly string[]): Promise<boolean> {
    if (this.busy) return false;
    const targets = this.readyFiles.filter((f) => !keys || keys.includes(f.key));
    if (targets.length === 0 || this.periodeProblems.length > 0) return false;
    this.error = null;
    this.notice = null;
    this.#prepared = null;
    this.busy = 'join';
    const jobId = this.#startJob();
    const session = this.#session;
    try {
      await this.#ensureDistrict();
      const salt = await this.#saltBytes();
      for (const entry of targets) {
        if (this.#cancelled) break;
        const sig = (entry.inspection as FileInspection).header_signature;
        const mapping = $state.snapshot(this.mappings[sig]) as ColumnMapping;
        const periode = this.needsPeriode(entry) ? (this.periodeOf(entry) ?? undefined) : undefined;
        this.progress = { step: 'read', fraction: 0, file: entry.name };
        const out = await this.#worker().importOne(
          jobId,
          entry.key,
          entry.file,
          {
            fileName: entry.name,
            mapping,
            salt,
            ...(periode ? { periode } : {}),
            ...(entry.sheet !== null ? { sheet: entry.sheet } : {}),
          },
          this.#progress(entry.name),
        );
        if (session !== this.#session) return false;
        if (!out.ok) {
          if (out.cancelled) this.#cancelled = true;
          else this.error = out.error;
          break;
        }
        this.#patch(entry.key, { report: out.value.report });
      }
      if (this.#cancelled || this.error) {
        // Nothing half-imported: drop what this run joined, the dialog goes back to the mapping.
        for (const entry of targets) this.#patch(entry.key, { report: null });
        void this.#worker().discard(targets.map((t) => t.key));
        if (this.#cancelled) this.notice = 'cancelled';
        this.step = 'mapping';
        return false;
      }
      this.step = 'review';
      return true;
    } catch (error) {
      if (session !== this.#session) return false;
      const fileName = targets.map((t) => t.name).join(', ');
      const detail = msg('import.error.internal', {
        file: fileName,
        reason: error instanceof Error ? error.message : String(error),
      });
      this.error = { code: 'internal', detail, message: renderMessage(detail, 'id'), fileName };
      this.step = 'mapping';
      return false;
    } finally {
      this.#endJob(jobId);
    }
  }

  /** Accepts a name suggestion: adds the pair to the file's mapping and joins that file's group again. */
  async accept(suggestion: ReviewSuggestion, kodeDesa: string): Promise<void> {
    const entry = this.files.find((f) => f.key === suggestion.fileKey);
    const sig = entry?.inspection?.header_signature;
    if (!entry || !sig || this.busy) return;
    const mapping = this.mappings[sig];
    const match: NameMatch = {
      nama_desa: suggestion.nama_desa,
      nama_kec: suggestion.nama_kec,
      kode_desa: kodeDesa,
    };
    mapping.name_matches = [
      ...(mapping.name_matches ?? []).filter(
        (m) => !(m.nama_desa === match.nama_desa && (m.nama_kec ?? null) === (match.nama_kec ?? null)),
      ),
      match,
    ];
    const group = this.readyFiles.filter((f) => f.inspection?.header_signature === sig).map((f) => f.key);
    // On failure `join` leaves the dialog on the mapping step with the message (nothing half-joined).
    await this.join(group);
  }

  /**
   * Decides what happens to the rows of a file whose desa code and names disagree (for every file with the
   * same columns): rejected, joined by the code, or joined by the names; then joins those files again.
   */
  async resolveConflicts(fileKey: string, choice: ConflictChoice): Promise<void> {
    const entry = this.files.find((f) => f.key === fileKey);
    const sig = entry?.inspection?.header_signature;
    if (!entry || !sig || this.busy) return;
    this.mappings[sig].on_conflict = choice;
    const group = this.readyFiles.filter((f) => f.inspection?.header_signature === sig).map((f) => f.key);
    await this.join(group);
  }

  /** Rejects a name suggestion: its rows stay rejected. */
  reject(suggestion: ReviewSuggestion): void {
    this.rejected = new Set([...this.rejected, suggestion.id]);
  }

  /** Undoes {@link reject}. */
  unreject(id: string): void {
    const next = new Set(this.rejected);
    next.delete(id);
    this.rejected = next;
  }

  /**
   * Combines the joined files, computes hexbins, stores the dataset (aggregates only), remembers the
   * mappings, and shows the data on the map.
   */
  async finish(): Promise<boolean> {
    if (this.busy || !this.review) return false;
    const kab = this.district.manifest?.kode_kab;
    if (!kab) return false;
    // the question was cancelled: the combined aggregates are still here (the Worker has let them go)
    const prepared = this.#prepared;
    if (prepared) {
      this.notice = null;
      return this.#place(prepared, kab);
    }
    this.error = null;
    this.notice = null;
    this.busy = 'finish';
    const jobId = this.#startJob();
    const session = this.#session;
    try {
      const files = this.readyFiles;
      const out = await this.#worker().finish(
        jobId,
        files.map((f) => f.key),
        this.#progress(files.map((f) => f.name).join(', ')),
      );
      if (session !== this.#session) return false;
      if (!out.ok) {
        if (out.cancelled) this.notice = 'cancelled';
        else this.error = out.error;
        return false;
      }
      const { summary, hexbins, panels, needs } = out.value;
      const stored = buildStoredDataset({
        id: randomId(),
        kodeKab: kab,
        importedAt: new Date(),
        report: summary.report,
        rows: summary.desa_rows,
        hexbins,
        panels,
        needs,
      });
      this.#prepared = stored;
      return await this.#place(stored, kab);
    } finally {
      this.#endJob(jobId);
    }
  }

  /** A district that already has imported data gains the new periods once the user says so; else stored. */
  async #place(stored: StoredDataset, kab: string): Promise<boolean> {
    const record = this.dataset.record;
    if (record && record.meta.kode_kab === kab) {
      this.pendingPeriods = { dataset: stored, plan: planPeriods(record, stored), into: record.meta.name };
      return true;
    }
    await this.#save(stored, 'new');
    return true;
  }

  /**
   * The answer to "tambahkan sebagai periode …?": `add` joins the new periods to the district's dataset
   * (`replace` too, replacing the periods both hold), `separate` keeps the import as a dataset of its own,
   * `cancel` stores nothing and leaves the dialog on the review.
   */
  async confirmPeriods(choice: 'add' | 'replace' | 'separate' | 'cancel'): Promise<void> {
    const pending = this.pendingPeriods;
    if (!pending || this.busy) return;
    this.pendingPeriods = null;
    if (choice === 'cancel') {
      this.notice = 'cancelled';
      return;
    }
    this.busy = 'finish';
    try {
      await this.#save(pending.dataset, choice === 'separate' ? 'new' : 'add');
    } finally {
      this.busy = null;
    }
  }

  async #save(stored: StoredDataset, how: 'new' | 'add'): Promise<void> {
    this.#prepared = null;
    const saved =
      how === 'new' ? await this.dataset.addImported(stored) : await this.dataset.addPeriods(stored);
    if (!saved) this.notice = 'notSaved';
    for (const g of this.groups)
      await rememberMapping(g.signature, $state.snapshot(this.mappings[g.signature]) as ColumnMapping).catch(
        () => undefined,
      );
    this.finished = how === 'new' ? stored.meta : (this.dataset.record?.meta ?? stored.meta);
    this.step = 'done';
  }
}

function newEntry(file: File, sheet: string | null, parent: string | null): ImportFileEntry {
  return {
    key: `f${++nextKey}`,
    file,
    name: file.name,
    size: file.size,
    status: 'reading',
    inspection: null,
    approxRows: null,
    remembered: false,
    error: null,
    periode: '',
    report: null,
    sheet,
    parent,
  };
}

/** A random dataset id (`crypto.randomUUID` needs a secure context; a LAN address is not one). */
function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}
