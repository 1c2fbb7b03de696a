import type { ExploreState } from './explore.svelte.ts';
import { locale } from '../i18n/locale.svelte.ts';
import { DEFAULT_AGENCIES, type AgencyMap } from '../lib/needs/agencies.ts';
import {
  needsWorkbook,
  needsCsv,
  targetingCsv,
  verificationCsv,
  type NeedsExportMeta,
} from '../lib/needs/files.ts';
import { validBounds, type DesilBounds } from '../lib/needs/keys.ts';
import {
  agenciesOf,
  agencyNeeds,
  buildNeedsViews,
  worklist,
  type IssueRow,
  type NeedRow,
  type NeedsDesa,
  type NeedsViews,
  type TargetingRow,
} from '../lib/needs/views.ts';
import { msg, type Message } from '../lib/messages/message.ts';
import type { Published } from '../lib/publish/published.ts';
import { sequentialPalette } from '../map/palette.ts';
import { download, fileSlug, today } from './download.ts';
import { sourceTexts } from './sources.ts';

export type NeedsTab = 'targeting' | 'needs' | 'verification';
export type TargetingMeasure = 'exclusion' | 'inclusion';

/** Fixed class edges of the rate maps (shares), so the legend never rescales silently. */
export const RATE_EDGES: Record<NeedsTab, number[]> = {
  targeting: [0, 0.2, 0.4, 0.6, 0.8, 1],
  needs: [0, 0.05, 0.1, 0.2, 0.4, 1],
  verification: [],
};
export const WITHHELD_COLOUR = '#d9d9d9';
export const NO_DATA_COLOUR = '#f2f2f2';
export const ISSUE_COLOUR = '#d95f0e';
export const NO_ISSUE_COLOUR = '#fff7bc';

const AGENCY_KEY = (kab: string) => `kantong.agencies.${kab}`;

/**
 * The Kebutuhan mode: targeting accuracy per programme, needs per desa and agency, the verification
 * worklist, from the needs data of the imported household files (`dataset.needs`; counts and row numbers
 * only). Everything shown comes from `buildNeedsViews` (the publication layer); exports use the same file
 * builders as `kantong needs`.
 */
export class NeedsState {
  readonly explore: ExploreState;
  tab = $state<NeedsTab>('targeting');
  programme = $state<string | null>(null);
  measure = $state<TargetingMeasure>('exclusion');
  /** Eligible deciles edited by the user, per programme. */
  bounds = $state<Record<string, DesilBounds>>({});
  need = $state<string | null>(null);
  /** The agency whose list is shown (null: all needs). */
  agency = $state<string | null>(null);
  /** Edited agency per need (over the default), kept per kabupaten in this browser. */
  agencies = $state<AgencyMap>({});
  /** The kecamatan of the worklist (null: all). */
  kecamatan = $state<string | null>(null);
  /** Set while printing: the kecamatan pages of the A4 worklist. */
  printing = $state(false);
  #agenciesFor: string | null = null;

  constructor(explore: ExploreState) {
    this.explore = explore;
  }

  readonly data = $derived.by(() => this.explore.dataset.needs);

  /** Why the views cannot show anything (a message for the panel), or null. */
  readonly problem: Message | null = $derived.by(() => {
    const d = this.data;
    if (this.explore.dataset.rows.length === 0) return msg('needs.noHouseholds');
    if (!d || d.counts.periods.length === 0) return msg('needs.noHouseholds');
    const v = this.views;
    if (v && v.programmes.length === 0 && v.conditions.length === 0) return msg('needs.noColumns');
    return null;
  });

  /** The district's desa in the needs data's order (its codes; the map's names). */
  readonly desa: NeedsDesa[] = $derived.by(() => {
    const features = this.explore.district.desa?.features ?? [];
    const byKode = new Map(features.map((f) => [f.properties.kode_desa, f.properties]));
    const codes = this.data?.desaCodes ?? features.map((f) => f.properties.kode_desa);
    return codes.map((kode) => {
      const p = byKode.get(kode);
      return {
        kode_desa: kode,
        nama_desa: p?.nama_desa ?? kode,
        kode_kec: p?.kode_kec ?? kode.slice(0, 8),
        nama_kec: p?.nama_kec ?? kode.slice(0, 8),
      };
    });
  });

  readonly views: NeedsViews | null = $derived.by(() => {
    const d = this.data;
    const m = this.explore.district.manifest;
    if (!d || !m || d.counts.periods.length === 0 || d.counts.desaCount !== this.desa.length) return null;
    const period = this.explore.period;
    return buildNeedsViews(d, this.desa, {
      periode: period && d.counts.periods.includes(period) ? period : null,
      k: this.explore.view.minCount,
      eligible: this.bounds,
      agencies: this.agencies,
      namaKab: m.nama_kab,
      kodeKab: m.kode_kab,
    });
  });

  readonly currentProgramme = $derived.by(() => {
    const v = this.views;
    if (!v || v.programmes.length === 0) return null;
    return this.programme && v.programmes.includes(this.programme) ? this.programme : v.programmes[0];
  });

  /** Needs on offer: conditions present, the assistance gap, and each programme's gap. */
  readonly needKeys: string[] = $derived.by(() => [...new Set((this.views?.needs ?? []).map((n) => n.need))]);

  readonly currentNeed = $derived.by(() =>
    this.need && this.needKeys.includes(this.need) ? this.need : (this.needKeys[0] ?? null),
  );

  readonly agencyNames: string[] = $derived.by(() => (this.views ? agenciesOf(this.views) : []));

  /** Desa lines of the current programme. */
  readonly targetingRows: TargetingRow[] = $derived.by(() =>
    (this.views?.targeting ?? []).filter((t) => t.programme === this.currentProgramme),
  );

  /** The needs table: one agency's list, or the ranking of the current need. */
  readonly needRows: NeedRow[] = $derived.by(() => {
    const v = this.views;
    if (!v) return [];
    if (this.agency && this.agencyNames.includes(this.agency)) return agencyNeeds(v, this.agency);
    return v.needs.filter((n) => n.need === this.currentNeed);
  });

  readonly worklistRows: IssueRow[] = $derived.by(() =>
    this.views ? worklist(this.views, this.kecamatan) : [],
  );

  /** Kecamatan with at least one worklist line, by name. */
  readonly worklistKecamatan: { kode: string; nama: string }[] = $derived.by(() => {
    const seen = new Map<string, string>();
    for (const r of this.views?.issues ?? []) seen.set(r.kode_kec, r.nama_kec);
    return [...seen]
      .map(([kode, nama]) => ({ kode, nama }))
      .sort((a, b) => a.nama.localeCompare(b.nama, 'id'));
  });

  /** Map colours in `explore.mapUnits` order (desa): the published rate of the tab, or the worklist mark. */
  readonly colours: string[] = $derived.by(() => {
    const units = this.explore.mapUnits;
    const byKode = new Map<string, Published | 'issue'>();
    if (this.tab === 'targeting') {
      for (const t of this.targetingRows)
        byKode.set(t.kode, this.measure === 'exclusion' ? t.figures.exclusionRate : t.figures.inclusionRate);
    } else if (this.tab === 'needs') {
      for (const n of this.views?.needs ?? [])
        if (n.need === this.currentNeed) byKode.set(n.kode_desa, n.share);
    } else {
      for (const r of this.views?.issues ?? []) byKode.set(r.kode_desa, 'issue');
    }
    const edges = RATE_EDGES[this.tab];
    const palette = sequentialPalette(5);
    return units.map((u) => {
      const p = byKode.get(u.kode);
      if (this.tab === 'verification') return p === 'issue' ? ISSUE_COLOUR : NO_ISSUE_COLOUR;
      if (p === undefined || p === 'issue' || p.kind === 'none') return NO_DATA_COLOUR;
      if (p.kind !== 'value') return WITHHELD_COLOUR;
      let c = 0;
      while (c < 4 && p.value >= edges[c + 1]) c++;
      return palette[c];
    });
  });

  /** Desa outlined on the map: those of the worklist in the verification tab. */
  readonly marked: Set<string> | null = $derived.by(() =>
    this.tab === 'verification' ? new Set(this.worklistRows.map((r) => r.kode_desa)) : null,
  );

  // --- actions ---

  setBounds(programme: string, from: number, to: number): void {
    const b = [Math.round(from), Math.round(to)];
    if (validBounds(b)) this.bounds = { ...this.bounds, [programme]: b as unknown as DesilBounds };
  }

  setAgency(need: string, agency: string): void {
    this.agencies = { ...this.agencies, [need]: agency.trim().slice(0, 80) };
    this.#saveAgencies();
  }

  resetAgencies(): void {
    this.agencies = {};
    this.#saveAgencies();
  }

  /** The agency of a need as edited (or the default). */
  agencyOf(need: string): string {
    return this.agencies[need] ?? DEFAULT_AGENCIES[need] ?? '';
  }

  /** Loads the edited agency map of the district (once per district). */
  loadAgencies(): void {
    const kab = this.explore.district.manifest?.kode_kab;
    if (!kab || this.#agenciesFor === kab) return;
    this.#agenciesFor = kab;
    try {
      const saved = JSON.parse(localStorage.getItem(AGENCY_KEY(kab)) ?? '{}') as unknown;
      if (saved && typeof saved === 'object' && !Array.isArray(saved))
        this.agencies = Object.fromEntries(
          Object.entries(saved).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
    } catch {
      this.agencies = {};
    }
  }

  #saveAgencies(): void {
    const kab = this.explore.district.manifest?.kode_kab;
    if (!kab) return;
    try {
      localStorage.setItem(AGENCY_KEY(kab), JSON.stringify(this.agencies));
    } catch {
      // storage off: the edits hold for this visit
    }
  }

  // --- exports (the same builders as `kantong needs`) ---

  exportMeta(): NeedsExportMeta | null {
    const m = this.explore.district.manifest;
    if (!m || !this.views) return null;
    const sources = sourceTexts(this.explore, locale);
    return {
      district: m.nama_kab,
      kodeKab: m.kode_kab,
      date: today(),
      dataSource: sources.data,
      boundarySource: sources.boundaries,
      synthetic: this.explore.dataset.synthetic,
    };
  }

  #fileName(ext: string): string {
    const m = this.explore.district.manifest;
    const what =
      this.tab === 'needs'
        ? (this.agency ?? 'kebutuhan')
        : this.tab === 'verification'
          ? 'verifikasi'
          : 'sasaran';
    const where = this.tab === 'verification' ? this.kecamatan : null;
    return `${fileSlug(what, m?.kode_kab, where, this.views?.periode)}.${ext}`;
  }

  /** The current tab's table as CSV (`;`, UTF-8 with BOM). */
  csvText(): string | null {
    const v = this.views;
    const meta = this.exportMeta();
    if (!v || !meta) return null;
    if (this.tab === 'targeting') return targetingCsv(v, meta, locale.lang);
    if (this.tab === 'needs') return needsCsv(v, meta, locale.lang, this.needRows);
    return verificationCsv(v, meta, locale.lang, this.worklistRows);
  }

  downloadCsv(): void {
    const text = this.csvText();
    if (text !== null) download(this.#fileName('csv'), new Blob([text], { type: 'text/csv;charset=utf-8' }));
  }

  async downloadXlsx(): Promise<void> {
    const v = this.views;
    const meta = this.exportMeta();
    if (!v || !meta) return;
    const rows =
      this.tab === 'needs' ? this.needRows : this.tab === 'verification' ? this.worklistRows : undefined;
    const { default: writeXlsxFile } = await import('write-excel-file/universal');
    const blob = await writeXlsxFile(needsWorkbook(v, meta, this.tab, locale.lang, rows)).toBlob();
    download(this.#fileName('xlsx'), blob);
  }

  /** Opens the browser's print dialog on the A4 worklist (one page per kecamatan of the worklist). */
  print(): void {
    this.printing = true;
    // the print view renders from `printing`; give Svelte a frame before the dialog
    requestAnimationFrame(() => {
      window.print();
      this.printing = false;
    });
  }
}
