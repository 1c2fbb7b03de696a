import { allocateCounts, allocateToSlots, type AllocationTargets } from './allocate.ts';
import { binPoints, type HouseholdPoints } from './bin-points.ts';
import { cellAreasKm2, cellPolygon } from './cell-polygon.ts';
import { coveredShare, pointInArea } from './clip.ts';
import { repairSwappedCoordinates } from './coordinates.ts';
import { coverDesa } from './desa-cover.ts';
import { districtCellAreasKm2, districtCells } from './district-cells.ts';
import type { HexDistrict } from './district.ts';
import { msg } from '../messages/message.ts';
import { checkResolution, DESIL_COUNT, type HexBins, type HexMessage, type HexResolution } from './types.ts';

/** Households for {@link hexbinsFromHouseholds}: coordinates, desil, and the desa each was joined to. */
export interface HouseholdInput extends HouseholdPoints {
  /** Desa index (into the district's desa) of each household, −1 when unknown; needed to place households
   *  without usable coordinates. */
  desa?: ArrayLike<number>;
}

/** Options of {@link hexbinsFromHouseholds}. */
export interface HexbinOptions {
  /**
   * Households without usable coordinates (missing, invalid, or in a cell wholly outside the kabupaten):
   * `allocate` (default) places them in their desa's cells, `drop` leaves them out. Either way they are counted
   * in the messages.
   */
  missing?: 'allocate' | 'drop';
  /** Swap exchanged latitude/longitude pairs back (default true; see `repairSwappedCoordinates`). */
  repairSwapped?: boolean;
  /** Point binning method (see `binPoints`); `cached` by default. */
  method?: 'cached' | 'direct';
}

/** Cells with desil counts, ascending, before clipping. */
interface RawCells {
  cells: string[];
  desil: Uint32Array;
}

/** Percentage of `part` in `total` to one decimal (a message parameter, formatted by each surface). */
const percentOf = (part: number, total: number) => Math.round((1000 * part) / Math.max(1, total)) / 10;

/** Sum of two ascending cell lists (merge by index). */
function mergeCells(a: RawCells, b: RawCells): RawCells {
  const cells: string[] = [];
  const out: number[] = [];
  let i = 0;
  let j = 0;
  const push = (src: Uint32Array, k: number, other?: { src: Uint32Array; k: number }) => {
    for (let q = 0; q < DESIL_COUNT; q++)
      out.push(src[k * DESIL_COUNT + q] + (other ? other.src[other.k * DESIL_COUNT + q] : 0));
  };
  while (i < a.cells.length || j < b.cells.length) {
    if (j >= b.cells.length || (i < a.cells.length && a.cells[i] < b.cells[j])) {
      cells.push(a.cells[i]);
      push(a.desil, i++);
    } else if (i >= a.cells.length || b.cells[j] < a.cells[i]) {
      cells.push(b.cells[j]);
      push(b.desil, j++);
    } else {
      cells.push(a.cells[i]);
      push(a.desil, i++, { src: b.desil, k: j++ });
    }
  }
  return { cells, desil: Uint32Array.from(out) };
}

/** Share of each cell inside the kabupaten outline (0 = wholly outside). */
function outlineShares(district: HexDistrict, cells: readonly string[]): Float64Array {
  const share = new Float64Array(cells.length);
  for (let c = 0; c < cells.length; c++) share[c] = coveredShare(district.outline, cellPolygon(cells[c]));
  return share;
}

/**
 * Clips counted cells to the kabupaten: cells wholly outside are dropped (their households reported by the
 * caller), the others keep the area they have inside, in km² (ellipsoidal, `cellAreasKm2` of the kept cells
 * in order; `fullAreas` gives it for the raw indices kept when the caller has it at hand).
 */
function finish(
  resolution: HexResolution,
  raw: RawCells,
  share: ArrayLike<number>,
  source: HexBins['source'],
  allocated: number,
  messages: HexMessage[],
  fullAreas: (keep: number[]) => Float64Array = (keep) => cellAreasKm2(keep.map((c) => raw.cells[c])),
): HexBins {
  const keep: number[] = [];
  for (let c = 0; c < raw.cells.length; c++) if (share[c] > 0) keep.push(c);
  const cells = keep.map((c) => raw.cells[c]);
  const households = new Uint32Array(cells.length);
  const desil = new Uint32Array(cells.length * DESIL_COUNT);
  const border = new Uint8Array(cells.length);
  const full = fullAreas(keep);
  const areaKm2 = new Float64Array(cells.length);
  let total = 0;
  for (let r = 0; r < keep.length; r++) {
    const c = keep[r];
    let h = 0;
    for (let q = 0; q < DESIL_COUNT; q++) {
      const v = raw.desil[c * DESIL_COUNT + q];
      desil[r * DESIL_COUNT + q] = v;
      h += v;
    }
    households[r] = h;
    total += h;
    areaKm2[r] = full[r] * share[c];
    border[r] = share[c] < 1 - 1e-9 ? 1 : 0;
  }
  if (allocated > 0)
    messages.push({
      code: 'estimate',
      severity: 'info',
      message:
        source === 'allocation'
          ? msg('hex.estimate.allocation')
          : msg('hex.estimate.fromDesa', { allocated, total, share: percentOf(allocated, total) }),
      count: allocated,
    });
  return {
    resolution,
    source,
    estimate: allocated > 0,
    cells,
    households,
    desil,
    areaKm2,
    border,
    total,
    allocated,
    messages,
  };
}

/**
 * Area-cover targets for the listed desa: the desa's cells from the district cell table (`coverDesa`) with
 * weight share × cell area (= overlap area, km²; `cellAreasKm2` in cover order).
 */
function areaTargets(
  district: HexDistrict,
  desaList: number[],
  resolution: HexResolution,
): AllocationTargets {
  const table = districtCells(district, resolution);
  const cover = coverDesa(district, desaList, resolution);
  const areas = districtCellAreasKm2(
    table,
    Int32Array.from(cover.cells, (c) => table.index.get(c) as number),
  );
  const weight = new Float64Array(cover.cells.length);
  for (let k = 0; k < weight.length; k++) weight[k] = cover.share[k] * areas[k];
  return { desaList: cover.desaList, offsets: cover.offsets, cells: cover.cells, weight };
}

/**
 * Hexagon counts for desa-level data (no coordinates): every desa's desil counts are spread over the cells
 * overlapping it in proportion to the overlap area, with largest-remainder rounding so that each desa
 * total is kept exactly (`allocateCounts`), then clipped to the kabupaten outline. The result is flagged
 * `estimate`.
 *
 * `counts` is row-major by desa index: `counts[desa * 10 + (d − 1)]`.
 *
 * Reference: Goodchild & Lam (1980), areal interpolation; Uber H3 `polygonToCellsExperimental`.
 */
export function hexbinsFromDesaCounts(
  district: HexDistrict,
  counts: ArrayLike<number>,
  res: number,
): HexBins {
  const resolution = checkResolution(res);
  const nDesa = district.desa.length;
  if (counts.length !== nDesa * DESIL_COUNT)
    throw new RangeError(`counts has ${counts.length} values for ${nDesa} desa × ${DESIL_COUNT} desil`);
  const desaList: number[] = [];
  for (let d = 0; d < nDesa; d++) {
    let t = 0;
    for (let q = 0; q < DESIL_COUNT; q++) t += counts[d * DESIL_COUNT + q];
    if (t > 0) desaList.push(d);
  }
  // the cover of the listed desa from the cell table, by cell id
  const table = districtCells(district, resolution);
  const offsets = new Int32Array(desaList.length + 1);
  for (let r = 0; r < desaList.length; r++) {
    const d = desaList[r];
    offsets[r + 1] = offsets[r] + table.coverOffsets[d + 1] - table.coverOffsets[d];
  }
  const slot = new Int32Array(offsets[desaList.length]);
  const coverShare = new Float64Array(slot.length);
  for (let r = 0; r < desaList.length; r++) {
    const d = desaList[r];
    slot.set(table.coverCell.subarray(table.coverOffsets[d], table.coverOffsets[d + 1]), offsets[r]);
    coverShare.set(table.coverShare.subarray(table.coverOffsets[d], table.coverOffsets[d + 1]), offsets[r]);
  }
  const areas = districtCellAreasKm2(table, slot);
  const weight = new Float64Array(slot.length);
  for (let k = 0; k < weight.length; k++) weight[k] = coverShare[k] * areas[k];
  const alloc = allocateToSlots(counts, { desaList, offsets, slot, weight }, table.cells.length);
  // cells ascending = ids ascending
  const ids = alloc.used.sort();
  const raw: RawCells = {
    cells: new Array<string>(ids.length),
    desil: new Uint32Array(ids.length * DESIL_COUNT),
  };
  const share = new Float64Array(ids.length);
  for (let r = 0; r < ids.length; r++) {
    const c = ids[r];
    raw.cells[r] = table.cells[c];
    share[r] = table.outlineShare[c];
    for (let q = 0; q < DESIL_COUNT; q++) raw.desil[r * DESIL_COUNT + q] = alloc.store[c * DESIL_COUNT + q];
  }
  const messages: HexMessage[] = [];
  const bins = finish(resolution, raw, share, 'allocation', alloc.allocated, messages, (keep) =>
    districtCellAreasKm2(
      table,
      keep.map((k) => ids[k]),
    ),
  );
  const lost = alloc.allocated - bins.total;
  if (lost > 0)
    messages.push({
      code: 'outside',
      severity: 'warning',
      message: msg('hex.outside.allocation', { count: lost }),
      count: lost,
    });
  return bins;
}

/**
 * Hexagon counts from household records:
 *
 * 1. exchanged latitude/longitude pairs are swapped back and reported (`repairSwappedCoordinates`);
 * 2. geotagged households are counted per cell and desil (`binPoints`);
 * 3. cells wholly outside the kabupaten outline are dropped; their households, like those without
 *    coordinates or with invalid ones, are "unplaced";
 * 4. with `missing: 'allocate'` (default) unplaced households with a known desa are spread over that desa's
 *    cells: in proportion to where the desa's geotagged households are, or, for a desa without any, to
 *    overlapping area (largest remainder, desa totals exact); the result is then flagged `estimate`;
 * 5. border cells keep their clipped area; geotagged households just outside the outline but inside a
 *    border cell stay in it (they are reported);
 * 6. when some households were placed from their desa, the geotagged part of every cell is kept apart in
 *    `points`, the only counts the hexagon statistics use.
 *
 * Every household ends up counted in a cell or named in a message.
 *
 * @throws {HexInputError} for a resolution outside 7–9.
 */
export function hexbinsFromHouseholds(
  district: HexDistrict,
  households: HouseholdInput,
  options: HexbinOptions & { res: number },
): HexBins {
  const resolution = checkResolution(options.res);
  const n = households.lon.length;
  const desaOf = households.desa;
  if (desaOf && desaOf.length !== n)
    throw new RangeError(`desa has ${desaOf.length} values for ${n} households`);
  const messages: HexMessage[] = [];
  const nDesa = district.desa.length;

  let lon: ArrayLike<number> = households.lon;
  let lat: ArrayLike<number> = households.lat;
  if (options.repairSwapped ?? true) {
    const repair = repairSwappedCoordinates(households.lon, households.lat, district.bbox);
    lon = repair.lon;
    lat = repair.lat;
    if (repair.swapped > 0)
      messages.push({
        code: repair.swapDetected ? 'swapped' : 'swapped-fixed',
        severity: 'warning',
        message: repair.swapDetected
          ? msg('hex.swapped.detected', { count: repair.swapped, geotagged: repair.geotagged })
          : msg('hex.swapped.fixed', { count: repair.swapped }),
        count: repair.swapped,
      });
  }
  const bins = binPoints({ lon, lat, desil: households.desil }, resolution, {
    withPointCells: true,
    method: options.method,
  });
  const share = outlineShares(district, bins.cells);
  const pointCell = bins.pointCell as Int32Array;

  // unplaced households: missing/invalid coordinates, or a cell wholly outside the outline
  const pool = new Float64Array(nDesa * DESIL_COUNT);
  let outside = 0;
  let nearBorder = 0;
  let noDesa = 0;
  let unplaced = 0;
  let invalidDesil = 0;
  const observed = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const d = households.desil[i];
    if (!(d >= 1 && d <= DESIL_COUNT && Number.isInteger(d))) {
      invalidDesil++;
      continue;
    }
    const c = pointCell[i];
    const desa = desaOf ? desaOf[i] : -1;
    if (c >= 0 && share[c] > 0) {
      if (share[c] < 1 && !pointInArea(district.outline, lon[i], lat[i])) nearBorder++;
      if (desa >= 0 && desa < nDesa) {
        const key = desa * bins.cells.length + c;
        observed.set(key, (observed.get(key) ?? 0) + 1);
      }
      continue;
    }
    if (c >= 0) outside++;
    unplaced++;
    if (desa >= 0 && desa < nDesa) pool[desa * DESIL_COUNT + d - 1]++;
    else noDesa++;
  }
  // take the outside households out of their cells: they are placed (or not) like missing coordinates
  const kept: RawCells = { cells: bins.cells, desil: bins.desil.slice() };
  if (outside > 0)
    for (let c = 0; c < bins.cells.length; c++)
      if (share[c] === 0) kept.desil.fill(0, c * DESIL_COUNT, (c + 1) * DESIL_COUNT);

  const geotagged = n - bins.missing;
  if (bins.binned === 0)
    messages.push({
      code: 'no-coordinates',
      severity: 'warning',
      message: msg(options.missing === 'drop' ? 'hex.noCoordinates.drop' : 'hex.noCoordinates.allocate'),
      count: n,
    });
  else if (bins.missing + bins.invalidCoordinates > 0)
    messages.push({
      code: 'missing-coordinates',
      severity: 'info',
      message: msg('hex.missingCoordinates', {
        count: bins.missing + bins.invalidCoordinates,
        total: n,
        invalid:
          bins.invalidCoordinates > 0 ? msg('hex.invalidNote', { count: bins.invalidCoordinates }) : '',
        what: msg(options.missing === 'drop' ? 'hex.leftOut' : 'hex.placedFromDesa'),
      }),
      count: bins.missing + bins.invalidCoordinates,
    });
  if (outside > 0)
    messages.push({
      code: 'outside',
      severity: 'warning',
      message: msg('hex.outside.points', {
        count: outside,
        geotagged,
        what: msg(options.missing === 'drop' ? 'hex.notCounted' : 'hex.placedFromDesaInstead'),
      }),
      count: outside,
    });
  if (nearBorder > 0)
    messages.push({
      code: 'near-border',
      severity: 'info',
      message: msg('hex.nearBorder', { count: nearBorder }),
      count: nearBorder,
    });
  if (invalidDesil > 0)
    messages.push({
      code: 'invalid-desil',
      severity: 'warning',
      message: msg('hex.invalidDesil', { count: invalidDesil }),
      count: invalidDesil,
    });

  if (unplaced === 0 || options.missing === 'drop')
    return finish(resolution, kept, share, 'points', 0, messages);
  if (noDesa > 0)
    messages.push({
      code: 'unknown-desa',
      severity: 'warning',
      message: msg('hex.unknownDesa', { count: noDesa }),
      count: noDesa,
    });

  // targets: observed cells of the desa's geotagged households, else overlapping area
  const desaObserved = new Map<number, { cells: string[]; weight: number[] }>();
  for (const key of [...observed.keys()].sort((a, b) => a - b)) {
    const desa = Math.floor(key / bins.cells.length);
    const c = key - desa * bins.cells.length;
    let t = desaObserved.get(desa);
    if (!t) desaObserved.set(desa, (t = { cells: [], weight: [] }));
    t.cells.push(bins.cells[c]);
    t.weight.push(observed.get(key) as number);
  }
  const byArea: number[] = [];
  const withPool: number[] = [];
  for (let d = 0; d < nDesa; d++) {
    let t = 0;
    for (let q = 0; q < DESIL_COUNT; q++) t += pool[d * DESIL_COUNT + q];
    if (t === 0) continue;
    withPool.push(d);
    if (!desaObserved.has(d)) byArea.push(d);
  }
  const area = byArea.length > 0 ? areaTargets(district, byArea, resolution) : null;
  const targets: AllocationTargets = { desaList: [], offsets: [0], cells: [], weight: [] };
  const tDesa = targets.desaList as number[];
  const tOff = targets.offsets as number[];
  const tCells = targets.cells as string[];
  const tWeight = targets.weight as number[];
  let areaRow = 0;
  for (const d of withPool) {
    const obs = desaObserved.get(d);
    tDesa.push(d);
    if (obs) {
      tCells.push(...obs.cells);
      tWeight.push(...obs.weight);
    } else if (area) {
      for (let k = area.offsets[areaRow]; k < area.offsets[areaRow + 1]; k++) {
        tCells.push(area.cells[k]);
        tWeight.push(area.weight[k]);
      }
      areaRow++;
    }
    tOff.push(tCells.length);
  }
  const alloc = allocateCounts(pool, targets);
  const merged = mergeCells(kept, alloc);
  // shares of the merged list: known cells reuse theirs, new ones are computed
  const known = new Map(bins.cells.map((c, k) => [c, share[k]]));
  const mergedShare = new Float64Array(merged.cells.length);
  merged.cells.forEach((c, k) => {
    mergedShare[k] = known.get(c) ?? coveredShare(district.outline, cellPolygon(c));
  });
  let keptTotal = 0;
  for (const v of kept.desil) keptTotal += v;
  const result = finish(resolution, merged, mergedShare, 'points', 0, messages);
  const allocatedKept = result.total - keptTotal;
  // households allocated to cells outside the outline (a desa polygon reaching beyond it) are lost: say so
  const lost = alloc.allocated - allocatedKept;
  if (lost > 0)
    messages.push({
      code: 'outside',
      severity: 'warning',
      message: msg('hex.outside.fromDesa', { count: lost }),
      count: lost,
    });
  result.allocated = allocatedKept;
  result.estimate = allocatedKept > 0;
  if (allocatedKept > 0) {
    // the geotagged part of each cell apart, for the statistics (allocated counts carry no local information)
    const pointIndex = new Map(kept.cells.map((c, k) => [c, k]));
    const pointHouseholds = new Uint32Array(result.cells.length);
    const pointDesil = new Uint32Array(result.cells.length * DESIL_COUNT);
    result.cells.forEach((cell, r) => {
      const k = pointIndex.get(cell);
      if (k === undefined) return;
      for (let q = 0; q < DESIL_COUNT; q++) {
        const v = kept.desil[k * DESIL_COUNT + q];
        pointDesil[r * DESIL_COUNT + q] = v;
        pointHouseholds[r] += v;
      }
    });
    result.points = { households: pointHouseholds, desil: pointDesil };
  }
  if (allocatedKept > 0)
    messages.push({
      code: 'estimate',
      severity: 'info',
      message: msg('hex.estimate.fromDesa', {
        allocated: allocatedKept,
        total: result.total,
        share: percentOf(allocatedKept, result.total),
      }),
      count: allocatedKept,
    });
  return result;
}
