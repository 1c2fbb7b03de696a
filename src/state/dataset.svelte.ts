import { parseDesaAggregateTable, type DesaAggregateRow } from '../lib/aggregate/desa-aggregate-table.ts';
import { fetchOptionalText } from './fetch.ts';

/**
 * The household data shown: desa-level aggregates per period. Today the bundled synthetic aggregate of the
 * district; imported datasets replace it. Raw household rows never live here.
 */
export class DatasetState {
  rows = $state.raw<DesaAggregateRow[]>([]);
  periods = $state.raw<string[]>([]);
  synthetic = $state(false);
  /** Short description of where the rows came from, for the source line. */
  source = $state<string | null>(null);

  async loadBundled(folder: string, kodeKab: string): Promise<void> {
    const csv = await fetchOptionalText(`data/${folder}/sintetis-agregat-desa-${kodeKab}.csv`);
    const table = csv ? parseDesaAggregateTable(csv) : null;
    this.rows = table?.rows ?? [];
    this.periods = table?.periods ?? [];
    this.synthetic = table !== null && table.comments.some((c) => /SINTETIS/i.test(c));
    this.source = table ? 'bundled' : null;
  }
}
