/**
 * Periods that accumulate: a district's dataset gains the periods of each new import instead of a new
 * one-period dataset taking its place (so changes and transitions stay available), a period imported again
 * replaces the old one only when the user says so, and a period can be removed. Pure steps on stored records
 * (`dataset-record.ts`); `DatasetState` stores the result.
 */
import { comparePeriode } from '../lib/import/periode.ts';
import { mergeNeedsPeriods, needsWithoutPeriods } from '../lib/needs/import-needs.ts';
import type { StoredDataset, StoredFileSummary } from './dataset-record.ts';
import { datasetName } from './dataset-record.ts';

/** What adding `added` to `existing` would do: the new periods, and those both hold (to replace or cancel). */
export interface PeriodPlan {
  added: string[];
  overlapping: string[];
}

export function planPeriods(existing: StoredDataset, added: StoredDataset): PeriodPlan {
  const have = new Set(existing.meta.periods);
  return {
    added: added.meta.periods.filter((p) => !have.has(p)),
    overlapping: added.meta.periods.filter((p) => have.has(p)),
  };
}

const sorted = (periods: Iterable<string>) => [...new Set(periods)].sort(comparePeriode);

/** A file summary restricted to the periods kept (a file of removed periods only is dropped). */
function keptFile(f: StoredFileSummary, removed: ReadonlySet<string>): StoredFileSummary | null {
  const periods = f.periods.filter((p) => !removed.has(p));
  return periods.length === 0 && f.periods.length > 0 ? null : { ...f, periods };
}

/**
 * `dataset` without the periods in `removed`: its rows, hexagon counts, linking panels and file list. The
 * join-report counts stay those of the imports (they describe what was read), the list of periods and files
 * follows what is kept.
 */
export function withoutPeriods(dataset: StoredDataset, removed: readonly string[]): StoredDataset {
  const gone = new Set(removed);
  const rows = dataset.rows.filter((r) => !gone.has(r.periode));
  const hexbins = dataset.hexbins
    ? Object.fromEntries(Object.entries(dataset.hexbins).filter(([p]) => !gone.has(p)))
    : null;
  const files = dataset.report.files
    .map((f) => keptFile(f, gone))
    .filter((f): f is StoredFileSummary => f !== null);
  const names = files.map((f) => f.name);
  const panels = dataset.panels?.filter((p) => !gone.has(p.periode)) ?? null;
  const needs = dataset.needs ? mergeNeedsPeriods(needsWithoutPeriods(dataset.needs, removed), null) : null;
  return {
    ...dataset,
    meta: {
      ...dataset.meta,
      name: datasetName(names),
      files: names,
      periods: dataset.meta.periods.filter((p) => !gone.has(p)),
      desa_rows: rows.length,
      has_hexbins: hexbins !== null && Object.keys(hexbins).length > 0,
    },
    rows,
    report: { ...dataset.report, files },
    hexbins: hexbins && Object.keys(hexbins).length > 0 ? hexbins : null,
    panels: panels && panels.length > 0 ? panels : null,
    needs: needs && needs.counts.periods.length > 0 ? needs : null,
  };
}

/**
 * `existing` with the periods of `added` joined in (the id of `existing` kept: it stays the district's
 * dataset). Periods both hold are taken from `added` (the caller asked the user to replace them first).
 */
export function mergePeriods(existing: StoredDataset, added: StoredDataset): StoredDataset {
  const base = withoutPeriods(existing, added.meta.periods);
  const rows = [...base.rows, ...added.rows];
  const hexbins =
    base.hexbins || added.hexbins ? { ...(base.hexbins ?? {}), ...(added.hexbins ?? {}) } : null;
  const panels = [...(base.panels ?? []), ...(added.panels ?? [])];
  const needs = mergeNeedsPeriods(base.needs ?? null, added.needs ?? null);
  const files = [...base.report.files, ...added.report.files];
  const names = files.map((f) => f.name);
  const r = base.report;
  const a = added.report;
  return {
    ...base,
    meta: {
      ...base.meta,
      name: datasetName(names),
      files: names,
      imported_at: added.meta.imported_at,
      periods: sorted([...base.meta.periods, ...added.meta.periods]),
      rows_read: base.meta.rows_read + added.meta.rows_read,
      rows_joined: base.meta.rows_joined + added.meta.rows_joined,
      desa_rows: rows.length,
      synthetic: base.meta.synthetic || added.meta.synthetic,
      has_hexbins: hexbins !== null && Object.keys(hexbins).length > 0,
    },
    rows,
    report: {
      ...r,
      rows_read: r.rows_read + a.rows_read,
      rows_joined: r.rows_joined + a.rows_joined,
      rows_rejected: r.rows_rejected + a.rows_rejected,
      rejected_by_reason: mergeReasons(r.rejected_by_reason, a.rejected_by_reason),
      identifier_columns_dropped: [
        ...new Set([...r.identifier_columns_dropped, ...a.identifier_columns_dropped]),
      ],
      desa_without_rows: Math.max(r.desa_without_rows, a.desa_without_rows),
      overlapping_desa_periode: r.overlapping_desa_periode + a.overlapping_desa_periode,
      files,
    },
    hexbins,
    panels: panels.length > 0 ? panels : null,
    needs,
  };
}

function mergeReasons(
  a: StoredDataset['report']['rejected_by_reason'],
  b: StoredDataset['report']['rejected_by_reason'],
): StoredDataset['report']['rejected_by_reason'] {
  const out = { ...a };
  for (const [reason, entry] of Object.entries(b) as [keyof typeof b, { label: string; count: number }][]) {
    const old = out[reason];
    out[reason] = old ? { label: old.label, count: old.count + entry.count } : { ...entry };
  }
  return out;
}
