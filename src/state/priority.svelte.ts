import type { ExploreState } from './explore.svelte.ts';
import { LatestJob } from './latest-job.svelte.ts';
import { analysisWorker } from './analysis-worker.ts';
import {
  keepWorkingScenario,
  listScenarios,
  loadWorkingScenario,
  removeScenario,
  saveScenario,
} from './dataset-store.ts';
import {
  availablePriorityIndicators,
  priorityIndicatorInfo,
  priorityValues,
  type PriorityIndicatorId,
} from '../lib/priority/indicators.ts';
import { rankDesa, type RankedDesa, type Ranking } from '../lib/priority/ranking.ts';
import type { Robustness } from '../lib/priority/robustness.ts';
import { DEFAULT_DRAWS } from '../lib/priority/robustness.ts';
import {
  parseScenario,
  PRESETS,
  scenarioFromPreset,
  type Scenario,
  type ShortlistEntry,
} from '../lib/priority/scenario.ts';
import type { SelectionRule, SpreadRule } from '../lib/priority/select.ts';
import { setWeight, toPercentages } from '../lib/priority/weights.ts';
import { publishedReach, publishRanking, type PublishedRankingRow } from '../lib/publish/ranking.ts';
import type { Published } from '../lib/publish/published.ts';
import { msg, type Message } from '../lib/messages/message.ts';
import { sequentialPalette } from '../map/palette.ts';
import { rankingCsv, rankingWorkbook, type ExportMeta } from '../lib/publish/ranking-files.ts';
import { locale } from '../i18n/locale.svelte.ts';
import { download, fileSlug, today } from './download.ts';
import { sourceTexts } from './sources.ts';

export type PresetId = keyof typeof PRESETS;

/** Seed of the weight perturbations (shown in the method notes of every export). */
export const ROBUSTNESS_SEED = 1;

/**
 * The Prioritas mode: the scenario being worked on (indicators and weights, filters, target group, rule,
 * shortlist with pins and notes), the ranking and shortlist it gives on the current data, the robustness of
 * the shortlist (computed in the Worker), and the saved scenarios. Everything derives from the core
 * (`src/lib/priority`, `src/lib/publish`); components only call the methods.
 */
export class PriorityState {
  readonly explore: ExploreState;
  scenario = $state<Scenario>(scenarioFromPreset('ekstrem'));
  /** Saved scenarios of the district (IndexedDB). */
  saved = $state.raw<Scenario[]>([]);
  /** Name of a saved scenario shown beside the current one, or null. */
  compareWith = $state<string | null>(null);
  readonly robustnessJob = new LatestJob<Robustness>();
  #loadedFor: string | null = null;

  constructor(explore: ExploreState) {
    this.explore = explore;
  }

  readonly kodeKab = $derived.by(() => this.explore.district.manifest?.kode_kab ?? null);

  /** Desa of the district in the map's order. */
  readonly desa: RankedDesa[] = $derived.by(() =>
    (this.explore.district.desa?.features ?? []).map((f) => ({
      kode_desa: f.properties.kode_desa,
      nama_desa: f.properties.nama_desa,
      kode_kec: f.properties.kode_kec,
      nama_kec: f.properties.nama_kec,
      jenis: f.properties.jenis,
    })),
  );

  /** Desa units (counts per period) — the Prioritas mode keeps the map at the desa level. */
  readonly units = $derived.by(() => (this.explore.level === 'desa' ? this.explore.units : []));

  /**
   * Graduation per desa from the monitoring analysis (EB-smoothed rate, stagnant-pocket membership, whether
   * the rate may be shown), set by the app when households of two periods were linked; null otherwise.
   */
  linked = $state.raw<{ graduation: (number | null)[]; stuck: Uint8Array; shown: boolean[] } | null>(null);

  /** 1 for desa inside a pocket of the current desa pocket analysis; null while none has answered. */
  readonly pocket: Uint8Array | null = $derived.by(() => {
    const p = this.explore.pockets;
    if (!p || p.pockets[0]?.unit === 'hex' || this.explore.level !== 'desa') return null;
    const members = new Set(p.pockets.flatMap((x) => x.members));
    return Uint8Array.from(this.desa, (d) => (members.has(d.kode_desa) ? 1 : 0));
  });

  /** Whether the scenario weighs pocket membership but the pocket analysis has not answered yet. */
  readonly waitingForPockets = $derived.by(
    () => this.scenario.indicators.some((i) => i.id === 'pocket' && i.weight > 0) && this.pocket === null,
  );

  readonly available: PriorityIndicatorId[] = $derived.by(() =>
    availablePriorityIndicators(
      {
        units: this.units,
        period: this.explore.period,
        previous: this.explore.previousPeriod,
        pocket: this.pocket,
        graduation: this.linked?.graduation ?? null,
        stuck: this.linked?.stuck ?? null,
      },
      this.explore.periods,
    ),
  );

  /** The indicators of the scenario the data can answer (others stay in the scenario, marked unavailable). */
  readonly usable = $derived.by(() => this.scenario.indicators.filter((i) => this.available.includes(i.id)));

  /** Why no ranking can be made (no data, every weight 0), or null. */
  readonly problem: Message | null = $derived.by(() => {
    if (this.units.length === 0 || !this.explore.period) return msg('priority.noData');
    if (!this.usable.some((i) => i.weight > 0)) return msg('priority.scenario.allZero');
    return null;
  });

  /** The scenario applied to the current data (null when {@link problem} says why not). */
  readonly ranking: Ranking | null = $derived.by(() => {
    if (this.problem) return null;
    return rankDesa({
      desa: this.desa,
      units: this.units,
      period: this.explore.period,
      previous: this.explore.previousPeriod,
      pocket: this.pocket,
      graduation: this.linked?.graduation ?? null,
      stuck: this.linked?.stuck ?? null,
      scenario: { ...this.scenario, indicators: this.usable },
    });
  });

  /** Exact values of each usable indicator over all desa (for the publication of the table). */
  readonly #exact = $derived.by(() =>
    this.usable.map((i) =>
      priorityValues(i.id, {
        units: this.units,
        period: this.explore.period,
        previous: this.explore.previousPeriod,
        pocket: this.pocket,
        graduation: this.linked?.graduation ?? null,
        stuck: this.linked?.stuck ?? null,
      }),
    ),
  );

  /** Key of the robustness request: everything the shortlist depends on. */
  readonly #robustnessKey = $derived.by(() =>
    this.ranking
      ? JSON.stringify([
          this.explore.datasetKey,
          this.explore.period,
          this.usable,
          this.scenario.filters,
          this.scenario.target,
          this.scenario.selection,
          this.scenario.spread,
          this.pocket ? Array.from(this.pocket).join('') : null,
        ])
      : null,
  );

  /** The robustness of the current shortlist when it answers the current set-up. */
  readonly robustness: Robustness | null = $derived.by(() =>
    this.robustnessJob.resultFor(this.#robustnessKey),
  );

  /** Posts the robustness job (called from an effect, debounced by the caller while sliders move). */
  runRobustness(): void {
    const key = this.#robustnessKey;
    const r = this.ranking;
    if (!key || !r) return;
    const input = {
      normalised: r.result.normalised.map((a) => Float64Array.from(a)),
      weights: this.usable.map((i) => i.weight),
      codes: r.scope.map((i) => this.desa[i].kode_desa),
      kecamatan: r.scope.map((i) => this.desa[i].kode_kec),
      target: Float64Array.from(r.target),
      rule: $state.snapshot(this.scenario.selection),
      spread: $state.snapshot(this.scenario.spread),
      draws: DEFAULT_DRAWS,
      seed: ROBUSTNESS_SEED,
    };
    void this.robustnessJob.run(key, () => analysisWorker().robustness(input));
  }

  /** The ranking as it may be shown (best rank first): the table, the map and every export read this. */
  readonly rows: PublishedRankingRow[] = $derived.by(() => {
    const r = this.ranking;
    const t = this.explore.published;
    if (!r || !t) return [];
    return publishRanking({
      ranking: r,
      desa: this.desa,
      exact: this.#exact,
      indicators: this.usable,
      published: t,
      publishedPrevious: this.explore.publishedPrevious,
      areaKm2: this.explore.mapUnits.map((u) => u.luas_km2),
      shortlist: this.scenario.shortlist,
      robustness: this.robustness,
      target: this.scenario.target,
      graduationShown: this.linked?.shown ?? null,
    });
  });

  /** Codes of the shortlisted desa. */
  readonly shortlistCodes: Set<string> = $derived.by(
    () => new Set(this.rows.filter((r) => r.inShortlist).map((r) => r.kode_desa)),
  );

  /** Target households reached by the shortlist, as published. */
  readonly reach: { reached: Published; total: Published; share: number } | null = $derived.by(() =>
    this.ranking ? publishedReach(this.ranking, this.explore.view.minCount) : null,
  );

  /** Why the rule could not be met as asked, as a message (or null). */
  readonly ruleProblem: Message | null = $derived.by(() => {
    const p = this.ranking?.selection.problem;
    if (!p || p.code === 'none') return null;
    if (p.code === 'reachNotMet')
      return msg('priority.select.reachNotMet', {
        wanted: `${Math.round(p.wanted * 100)}%`,
        desa: p.desa,
        reached: `${(p.reached * 100).toFixed(1)}%`,
      });
    if (p.code === 'minTooMany')
      return msg('priority.select.minTooMany', { needed: p.needed, allowed: p.allowed });
    if (p.code === 'minAboveMax') return msg('priority.select.minAboveMax', { min: p.min, max: p.max });
    return msg('priority.select.badRule');
  });

  /** Map colours in desa order: five classes of the index (quintiles of the desa in scope), grey outside. */
  readonly colours: string[] = $derived.by(() => {
    const palette = sequentialPalette(5);
    const byKode = new Map(this.rows.map((r, i) => [r.kode_desa, i]));
    const n = this.rows.length;
    return this.desa.map((d, i) => {
      if (this.explore.hidden[i]) return '#f2f2f2';
      const pos = byKode.get(d.kode_desa);
      if (pos === undefined || n === 0) return '#d9d9d9';
      return palette[4 - Math.min(4, Math.floor((5 * pos) / n))];
    });
  });

  // --- actions: every change goes through these (components never edit the scenario themselves) ---

  /** Starts again from a preset (its indicators and target; filters and rule stay). */
  applyPreset(id: PresetId): void {
    const p = PRESETS[id];
    this.scenario.indicators = structuredClone(p.indicators);
    this.scenario.target = p.target;
    this.scenario.name = '';
    this.#pocketsIfNeeded();
  }

  /** Moves one indicator's weight (slider or typed number); the others follow so the sum stays 100. */
  setWeight(id: PriorityIndicatorId, value: number): void {
    const i = this.scenario.indicators.findIndex((x) => x.id === id);
    if (i < 0) return;
    const next = setWeight(
      this.scenario.indicators.map((x) => x.weight),
      i,
      value,
    );
    this.scenario.indicators.forEach((x, k) => (x.weight = next[k]));
  }

  addIndicator(id: PriorityIndicatorId): void {
    const info = priorityIndicatorInfo(id);
    if (!info || this.scenario.indicators.some((x) => x.id === id)) return;
    const n = this.scenario.indicators.length + 1;
    this.scenario.indicators.push({ id, weight: 0, direction: info.direction, normalise: 'minmax' });
    // the new indicator gets an equal share, the others shrink in proportion
    this.setWeight(id, Math.round(100 / n));
    this.#pocketsIfNeeded();
  }

  removeIndicator(id: PriorityIndicatorId): void {
    const rest = this.scenario.indicators.filter((x) => x.id !== id);
    const weights = toPercentages(rest.map((x) => x.weight));
    rest.forEach((x, k) => (x.weight = weights[k]));
    this.scenario.indicators = rest;
  }

  setDirection(id: PriorityIndicatorId, direction: 'higher' | 'lower'): void {
    const x = this.scenario.indicators.find((i) => i.id === id);
    if (x) x.direction = direction;
  }

  setNormalise(id: PriorityIndicatorId, normalise: 'minmax' | 'percentile'): void {
    const x = this.scenario.indicators.find((i) => i.id === id);
    if (x) x.normalise = normalise;
  }

  setFilters(patch: Partial<Scenario['filters']>): void {
    Object.assign(this.scenario.filters, patch);
  }

  setTarget(target: Scenario['target']): void {
    this.scenario.target = target;
  }

  setRule(rule: SelectionRule): void {
    this.scenario.selection = rule;
  }

  setSpread(patch: Partial<SpreadRule>): void {
    Object.assign(this.scenario.spread, patch);
  }

  /** The entries of the hand-kept shortlist, starting from the rule's selection on the first edit. */
  #entries(): ShortlistEntry[] {
    if (this.scenario.shortlist) return this.scenario.shortlist;
    const list = this.rows
      .filter((r) => r.inShortlist)
      .map((r) => ({ kode_desa: r.kode_desa, pinned: false, note: '' }));
    this.scenario.shortlist = list;
    return this.scenario.shortlist;
  }

  /** Adds a desa to the shortlist or removes it. */
  toggleShortlist(kode: string): void {
    const list = this.#entries();
    const i = list.findIndex((e) => e.kode_desa === kode);
    if (i >= 0) list.splice(i, 1);
    else list.push({ kode_desa: kode, pinned: false, note: '' });
  }

  /** Pins a desa (it stays when the rule is applied again) or unpins it. */
  togglePin(kode: string): void {
    const list = this.#entries();
    const e = list.find((x) => x.kode_desa === kode);
    if (e) e.pinned = !e.pinned;
    else list.push({ kode_desa: kode, pinned: true, note: '' });
  }

  setNote(kode: string, note: string): void {
    const list = this.#entries();
    const e = list.find((x) => x.kode_desa === kode);
    if (e) e.note = note.slice(0, 500);
    else if (note.trim()) list.push({ kode_desa: kode, pinned: false, note: note.slice(0, 500) });
  }

  /** The shortlist follows the rule again, keeping pinned desa and every note. */
  applyRule(): void {
    const kept = (this.scenario.shortlist ?? []).filter((e) => e.pinned || e.note);
    this.scenario.shortlist = null;
    const chosen = this.rows.filter((r) => r.inShortlist).map((r) => r.kode_desa);
    if (kept.length === 0) return;
    const byKode = new Map(kept.map((e) => [e.kode_desa, e]));
    this.scenario.shortlist = [
      ...chosen.map((k) => byKode.get(k) ?? { kode_desa: k, pinned: false, note: '' }),
      ...kept.filter((e) => e.pinned && !chosen.includes(e.kode_desa)),
    ];
  }

  /** Weighing pockets needs the pocket analysis: turn it on (the outlines show why a desa ranks high). */
  #pocketsIfNeeded(): void {
    if (this.scenario.indicators.some((i) => i.id === 'pocket') && !this.explore.view.pockets)
      this.explore.set({ pockets: true });
  }

  // --- exports ---

  /** What every export of the current ranking says about itself. */
  exportMeta(): ExportMeta | null {
    const m = this.explore.district.manifest;
    const r = this.ranking;
    const reach = this.reach;
    if (!m || !r || !reach) return null;
    const sources = sourceTexts(this.explore, locale);
    return {
      district: m.nama_kab,
      kodeKab: m.kode_kab,
      periode: this.explore.period,
      date: today(),
      dataSource: sources.data,
      boundarySource: sources.boundaries,
      synthetic: this.explore.dataset.synthetic,
      k: this.explore.view.minCount,
      scenario: $state.snapshot({ ...this.scenario, indicators: this.usable }) as Scenario,
      scopeSize: r.scope.length,
      shortlistSize: r.shortlist.length,
      reached: reach.reached,
      total: reach.total,
      reachedShare: reach.share,
      robustness: this.robustness ? { draws: this.robustness.draws, seed: ROBUSTNESS_SEED } : null,
    };
  }

  #fileName(ext: string): string {
    const m = this.explore.district.manifest;
    return `${fileSlug('prioritas', m?.kode_kab, this.scenario.name || null, this.explore.period)}.${ext}`;
  }

  /** Downloads the ranking as CSV (UTF-8 with BOM; `;` or `,`). */
  downloadCsv(delimiter: ';' | ','): void {
    const meta = this.exportMeta();
    if (!meta) return;
    download(
      this.#fileName('csv'),
      new Blob([rankingCsv(this.rows, meta, { delimiter })], { type: 'text/csv;charset=utf-8' }),
    );
  }

  /** Downloads the shortlist workbook (shortlist, method, ranking) in the UI language. */
  async downloadXlsx(): Promise<void> {
    const meta = this.exportMeta();
    if (!meta) return;
    const { default: writeXlsxFile } = await import('write-excel-file/universal');
    const blob = await writeXlsxFile(rankingWorkbook(this.rows, meta, locale.lang)).toBlob();
    download(this.#fileName('xlsx'), blob);
  }

  // --- scenarios ---

  /** Loads the saved scenarios and the one being worked on, once per district. */
  async load(): Promise<void> {
    const kab = this.kodeKab;
    if (!kab || this.#loadedFor === kab) return;
    this.#loadedFor = kab;
    const [saved, working] = await Promise.all([listScenarios(kab), loadWorkingScenario(kab)]);
    this.saved = saved;
    if (working) this.scenario = working;
    this.#pocketsIfNeeded();
  }

  /** Keeps the scenario being worked on across reloads (called from an effect). */
  keep(): void {
    const kab = this.kodeKab;
    if (kab && this.#loadedFor === kab)
      void keepWorkingScenario(kab, $state.snapshot(this.scenario) as Scenario);
  }

  /** Saves the current set-up under a name; the message says why not when storage fails. */
  async saveAs(name: string): Promise<Message | null> {
    const kab = this.kodeKab;
    const clean = name.trim().slice(0, 120);
    if (!kab || !clean) return null;
    this.scenario.name = clean;
    try {
      await saveScenario(kab, $state.snapshot(this.scenario) as Scenario);
      this.saved = await listScenarios(kab);
      return null;
    } catch {
      return msg('priority.storageFailed');
    }
  }

  /** Opens a saved scenario (the current one is replaced; save it first to keep it). */
  open(name: string): void {
    const s = this.saved.find((x) => x.name === name);
    if (!s) return;
    const r = parseScenario(structuredClone(s), name);
    if (r.ok) {
      this.scenario = r.value;
      this.#pocketsIfNeeded();
    }
  }

  /**
   * Restores the scenarios of a project file: the one being worked on replaces the current one, the saved
   * ones are stored (replacing those of the same name; others stay). Resolves to a message when storage
   * failed (the scenarios are shown for this visit anyway).
   */
  async restore(current: Scenario, saved: Scenario[]): Promise<Message | null> {
    const kab = this.kodeKab;
    if (!kab) return null;
    // the project's scenarios win over what `load()` would read from storage
    this.#loadedFor = kab;
    this.scenario = structuredClone(current);
    this.compareWith = null;
    this.#pocketsIfNeeded();
    try {
      for (const s of saved) await saveScenario(kab, s);
      await keepWorkingScenario(kab, current);
      this.saved = await listScenarios(kab);
      return null;
    } catch {
      this.saved = saved;
      return msg('priority.storageFailed');
    }
  }

  async remove(name: string): Promise<void> {
    const kab = this.kodeKab;
    if (!kab) return;
    await removeScenario(kab, name).catch(() => {});
    this.saved = await listScenarios(kab);
    if (this.compareWith === name) this.compareWith = null;
  }

  /** The shortlist another saved scenario gives on the current data (for the side-by-side comparison). */
  readonly comparison = $derived.by(() => {
    const other = this.saved.find((s) => s.name === this.compareWith);
    if (!other || !this.ranking) return null;
    const usable = other.indicators.filter((i) => this.available.includes(i.id));
    if (!usable.some((i) => i.weight > 0)) return null;
    const r = rankDesa({
      desa: this.desa,
      units: this.units,
      period: this.explore.period,
      previous: this.explore.previousPeriod,
      pocket: this.pocket,
      graduation: this.linked?.graduation ?? null,
      stuck: this.linked?.stuck ?? null,
      scenario: { ...other, indicators: usable },
    });
    const theirs = new Set(r.shortlist.map((p) => this.desa[r.scope[p]].kode_desa));
    const ours = this.shortlistCodes;
    const name = (k: string) => this.desa.find((d) => d.kode_desa === k)!;
    return {
      name: other.name,
      both: [...ours].filter((k) => theirs.has(k)).map(name),
      onlyHere: [...ours].filter((k) => !theirs.has(k)).map(name),
      onlyThere: [...theirs].filter((k) => !ours.has(k)).map(name),
    };
  });
}
