import type { FeatureCollection, Point } from 'geojson';
import type {
  BoundaryManifest,
  DesaCollection,
  DistrictIndex,
  KabupatenCollection,
  KecamatanCollection,
} from '../lib/geo/types.ts';
import { parseDesaAggregateTable, type DesaAggregateRow } from '../lib/aggregate/desa-aggregate-table.ts';
import { desilCount, desilShare, sumAggregates } from '../lib/indicators/desil-share.ts';
import { desil1ShareByDesa } from '../lib/indicators/desa-indicator.ts';
import type { Classification } from '../lib/classify/breaks.ts';
import { labelPoints } from '../lib/geo/label-points.ts';
import { sequentialPalette } from '../map/palette.ts';

const base = import.meta.env.BASE_URL;

async function fetchJson<T>(path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Text of an optional file, or null when it is absent (dev servers answer a missing file with index.html). */
async function fetchOptionalText(path: string): Promise<string | null> {
  const response = await fetch(`${base}${path}`);
  const html = response.headers.get('content-type')?.includes('text/html');
  return response.ok && !html ? await response.text() : null;
}

/**
 * One district opened in the app: its boundaries, its bundled (synthetic) aggregate, the indicator shown
 * (share of households in desil 1, latest period) and its classification. The map and the panels read
 * from here; nothing here touches MapLibre.
 */
export class DistrictState {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  manifest = $state.raw<BoundaryManifest | null>(null);
  desa = $state.raw<DesaCollection | null>(null);
  kecamatan = $state.raw<KecamatanCollection | null>(null);
  kabupaten = $state.raw<KabupatenCollection | null>(null);
  desaLabels = $state.raw<FeatureCollection<Point> | null>(null);
  kecamatanLabels = $state.raw<FeatureCollection<Point> | null>(null);
  rows = $state.raw<DesaAggregateRow[]>([]);
  periods = $state.raw<string[]>([]);
  synthetic = $state(false);
  classCount = $state(5);
  hoveredKode = $state<string | null>(null);
  selectedKode = $state<string | null>(null);

  readonly period = $derived(this.periods.at(-1) ?? null);

  /** The shown indicator per desa and its classification. */
  readonly values = $derived(
    desil1ShareByDesa(
      this.rows,
      this.period,
      this.desa?.features.map((f) => f.properties.kode_desa) ?? [],
      this.classCount,
    ),
  );

  readonly classification: Classification = $derived(this.values.classification);
  readonly palette: string[] = $derived(sequentialPalette(this.classification.counts.length));

  /** Kabupaten-wide share in desil 1 for the shown period (households, not an average of desa shares). */
  readonly kabupatenShare = $derived.by(() => {
    const total = sumAggregates(this.rows.filter((r) => r.periode === this.period));
    return { share: desilShare(total), desil1: desilCount(total), households: total.jumlah_kk };
  });

  /**
   * Opens `requested` (a kode_kab or folder from `geo/index.json`, e.g. `?kab=` in the URL) or else the
   * index's default; without an index (a fresh clone never prepared) the committed demo district.
   */
  async load(requested?: string | null): Promise<void> {
    try {
      const index = await fetchJson<DistrictIndex>('geo/index.json').catch((): DistrictIndex => ({
        default: 'demo',
        districts: [],
      }));
      const find = (key: string | null | undefined) =>
        key ? index.districts.find((d) => d.kode_kab === key || d.folder === key) : undefined;
      const folder = (find(requested) ?? find(index.default))?.folder ?? 'demo';
      const [manifest, desa, kecamatan, kabupaten] = await Promise.all([
        fetchJson<BoundaryManifest>(`geo/${folder}/manifest.json`),
        fetchJson<DesaCollection>(`geo/${folder}/desa.display.json`),
        fetchJson<KecamatanCollection>(`geo/${folder}/kecamatan.display.json`),
        fetchJson<KabupatenCollection>(`geo/${folder}/kabupaten.display.json`),
      ]);
      const csv = await fetchOptionalText(`data/${folder}/sintetis-agregat-desa-${manifest.kode_kab}.csv`);
      const table = csv ? parseDesaAggregateTable(csv) : null;
      this.manifest = manifest;
      this.desa = desa;
      this.kecamatan = kecamatan;
      this.kabupaten = kabupaten;
      this.desaLabels = labelPoints(desa, (p) => ({ kode: p.kode_desa, nama: p.nama_desa }));
      this.kecamatanLabels = labelPoints(kecamatan, (p) => ({ kode: p.kode_kec, nama: p.nama_kec }));
      this.rows = table?.rows ?? [];
      this.periods = table?.periods ?? [];
      this.synthetic = table !== null && table.comments.some((c) => /SINTETIS/i.test(c));
      this.status = 'ready';
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.status = 'error';
    }
  }

  desaName(kode: string): { nama: string; kecamatan: string; jenis: string } | null {
    const f = this.desa?.features.find((d) => d.properties.kode_desa === kode);
    return f
      ? { nama: f.properties.nama_desa, kecamatan: f.properties.nama_kec, jenis: f.properties.jenis }
      : null;
  }
}
