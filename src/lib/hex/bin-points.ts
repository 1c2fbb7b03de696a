import {
  cellToBoundary,
  getHexagonEdgeLengthAvg,
  getIcosahedronFaces,
  gridDisk,
  isPentagon,
  latLngToCell,
} from 'h3-js';
import { DESIL_COUNT, type HexResolution, checkResolution } from './types.ts';

/** Household coordinates and desil as parallel columns (typed arrays from the import, or plain arrays). */
export interface HouseholdPoints {
  /** Longitude in degrees; NaN when the household has no geotag. */
  lon: ArrayLike<number>;
  /** Latitude in degrees; NaN when the household has no geotag. */
  lat: ArrayLike<number>;
  /** National welfare decile 1–10. */
  desil: ArrayLike<number>;
}

/** Options of {@link binPoints}. */
export interface BinPointsOptions {
  /**
   * `cached` (default): find most points' cells by a point-in-hexagon test against cells already met (see
   * {@link binPoints}); `direct`: one `latLngToCell` per point and a Map from index to slot. Both give the
   * same counts; `direct` is the reference the tests and the benchmark compare with.
   */
  method?: 'cached' | 'direct';
  /** Also return, per point, the position of its cell in `cells` (−1 when not binned). */
  withPointCells?: boolean;
}

/** Households counted per H3 cell, before any clipping to the kabupaten. */
export interface PointBins {
  resolution: HexResolution;
  /** H3 indexes of the cells that received a household, ascending. */
  cells: string[];
  /** Households per cell. */
  households: Uint32Array;
  /** Households per cell and desil, `desil[c * 10 + (d − 1)]`. */
  desil: Uint32Array;
  /** Position in `cells` of each point's cell, −1 when not binned; null unless `withPointCells`. */
  pointCell: Int32Array | null;
  /** Points counted into a cell. */
  binned: number;
  /** Points without coordinates (both NaN). */
  missing: number;
  /** Points with one coordinate missing or out of range (|lat| > 90, |lon| > 180). */
  invalidCoordinates: number;
  /** Points with coordinates but a desil outside 1–10. */
  invalidDesil: number;
  /** `latLngToCell` calls made (diagnostic: the cached method makes far fewer than one per point). */
  lookups: number;
}

/** Half-plane tests per cell: up to 6 edges × (nx, ny, threshold). */
const EDGE_STRIDE = 18;
/** Edge margin as a share of the average edge length: points this close to an edge go to `latLngToCell`. */
const MARGIN_SHARE = 1e-3;
/** Largest lookup grid (entries of an Int32Array); the squares grow when the points spread wider. */
const MAX_GRID = 1 << 22;

/**
 * Counts households per H3 cell and desil at resolution `res`.
 *
 * Counting is Σ_i [cell(p_i) = c] [desil_i = d] with cell(p) = `latLngToCell(lat, lon, res)`; the result is
 * identical to calling `latLngToCell` for every point (the tests check it), but the `cached` method calls
 * it only for a small share of the points:
 *
 * 1. The points' bounding box is cut into squares of side ≈ edge/√2, so two points of one square are less
 *    than one edge apart; each square remembers the last cell found in it.
 * 2. A point is tested against that cell, then against the cell's ring-1 neighbours already met, with a
 *    strict half-plane test per edge shrunk by a margin m = 10⁻³ × edge length: nᵢ·p > nᵢ·aᵢ + m for every
 *    edge aᵢ→bᵢ (inward unit normal nᵢ). H3 edges are great-circle arcs, straight in the gnomonic plane of
 *    one icosahedron face; they leave the lon/lat chord by ≈ Δλ²/8 · sin φ cos φ ≈ 10⁻⁹°, a thousand times
 *    less than m, so a point passing the test lies inside the true cell. Only hexagons on a single
 *    icosahedron face (`getIcosahedronFaces`), not pentagons, with |lat| ≤ 70°, take part.
 * 3. Anything else (first point of a square, a point within m of an edge, an unmet neighbour) goes to
 *    `latLngToCell`.
 *
 * Points without coordinates, with invalid coordinates or with a desil outside 1–10 are counted, not binned.
 * Cells come back sorted ascending (H3 indexes of one resolution sort as their 64-bit values).
 *
 * Reference: Uber H3 (Brodsky 2018), `latLngToCell`, `cellToBoundary`, `getIcosahedronFaces`; Snyder (1987),
 * *Map Projections*, §22 (gnomonic).
 *
 * @throws {HexInputError} when `res` is not 7, 8 or 9.
 */
export function binPoints(points: HouseholdPoints, res: number, options: BinPointsOptions = {}): PointBins {
  const resolution = checkResolution(res);
  const { lon, lat, desil } = points;
  const n = lon.length;
  if (lat.length !== n || desil.length !== n)
    throw new RangeError(
      `lon (${n}), lat (${lat.length}) and desil (${desil.length}) must have the same length`,
    );
  const method = options.method ?? 'cached';
  const pointCell = options.withPointCells ? new Int32Array(n).fill(-1) : null;

  // pass 1: validity and the bounding box
  let missing = 0;
  let invalidCoordinates = 0;
  let invalidDesil = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const ok = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = lon[i];
    const y = lat[i];
    if (Number.isNaN(x) && Number.isNaN(y)) {
      missing++;
      continue;
    }
    if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) {
      invalidCoordinates++;
      continue;
    }
    const d = desil[i];
    if (!(d >= 1 && d <= DESIL_COUNT && Number.isInteger(d))) {
      invalidDesil++;
      continue;
    }
    ok[i] = 1;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }

  const slots = new SlotTable(resolution, method === 'cached');
  let binned = 0;
  if (method === 'direct') {
    for (let i = 0; i < n; i++) {
      if (!ok[i]) continue;
      const s = slots.slotOf(latLngToCell(lat[i], lon[i], resolution));
      slots.counts[s * DESIL_COUNT + desil[i] - 1]++;
      if (pointCell) pointCell[i] = s;
      binned++;
    }
  } else if (minX <= maxX) {
    const edgeKm = getHexagonEdgeLengthAvg(resolution, 'km');
    const maxAbsLat = Math.min(89, Math.max(Math.abs(minY), Math.abs(maxY)));
    let side = (edgeKm / Math.SQRT2) * 0.95;
    const squares = () => {
      const dLat = side / 110.574;
      const dLon = side / (111.32 * Math.cos((maxAbsLat * Math.PI) / 180));
      return {
        dLat,
        dLon,
        nx: Math.floor((maxX - minX) / dLon) + 1,
        ny: Math.floor((maxY - minY) / dLat) + 1,
      };
    };
    let grid0 = squares();
    while (grid0.nx * grid0.ny > MAX_GRID) {
      side *= 2;
      grid0 = squares();
    }
    const { dLat, dLon, nx, ny } = grid0;
    const grid = new Int32Array(nx * ny);
    for (let i = 0; i < n; i++) {
      if (!ok[i]) continue;
      const x = lon[i];
      const y = lat[i];
      const g = Math.floor((y - minY) / dLat) * nx + Math.floor((x - minX) / dLon);
      let s = grid[g] - 1;
      if (s >= 0 && !slots.contains(s, x, y)) {
        const found = slots.neighbourContaining(s, x, y);
        s = found;
        if (found >= 0) grid[g] = found + 1;
      }
      if (s < 0) {
        s = slots.slotOf(latLngToCell(y, x, resolution));
        grid[g] = s + 1;
      }
      slots.counts[s * DESIL_COUNT + desil[i] - 1]++;
      if (pointCell) pointCell[i] = s;
      binned++;
    }
  }

  // ascending cell order, so that the same households always give the same arrays
  const m = slots.size;
  const order = Array.from({ length: m }, (_, s) => s).sort((a, b) =>
    slots.cells[a] < slots.cells[b] ? -1 : slots.cells[a] > slots.cells[b] ? 1 : 0,
  );
  const rank = new Int32Array(m);
  const cells: string[] = new Array(m);
  const households = new Uint32Array(m);
  const desilOut = new Uint32Array(m * DESIL_COUNT);
  for (let r = 0; r < m; r++) {
    const s = order[r];
    rank[s] = r;
    cells[r] = slots.cells[s];
    let total = 0;
    for (let d = 0; d < DESIL_COUNT; d++) {
      const v = slots.counts[s * DESIL_COUNT + d];
      desilOut[r * DESIL_COUNT + d] = v;
      total += v;
    }
    households[r] = total;
  }
  if (pointCell) for (let i = 0; i < n; i++) if (pointCell[i] >= 0) pointCell[i] = rank[pointCell[i]];
  return {
    resolution,
    cells,
    households,
    desil: desilOut,
    pointCell,
    binned,
    missing,
    invalidCoordinates,
    invalidDesil,
    lookups: slots.lookups,
  };
}

/** Growable table of the cells met so far: slot per index, desil counts, and for the cached method the
 *  half-plane tests and ring-1 neighbour slots of each cell. */
class SlotTable {
  size = 0;
  lookups = 0;
  readonly cells: string[] = [];
  counts = new Uint32Array(1024 * DESIL_COUNT);
  private readonly index = new Map<string, number>();
  private edges = new Float64Array(1024 * EDGE_STRIDE);
  /** 0 = no fast test for this cell (pentagon, several faces, near a pole); else 6. */
  private edgeCount = new Uint8Array(1024);
  private neighbours = new Int32Array(1024 * 6).fill(-1);
  private readonly margin: number;

  constructor(
    res: HexResolution,
    private readonly cached: boolean,
  ) {
    this.margin = (MARGIN_SHARE * getHexagonEdgeLengthAvg(res, 'km')) / 111.32;
  }

  /** Slot of `cell`, created (with its geometry when cached) on first sight. */
  slotOf(cell: string): number {
    this.lookups++;
    const known = this.index.get(cell);
    if (known !== undefined) return known;
    const s = this.size++;
    if (s === this.edgeCount.length) this.grow();
    this.index.set(cell, s);
    this.cells.push(cell);
    if (this.cached) this.prepare(s, cell);
    return s;
  }

  /** Strict point-in-hexagon test with the margin (false for cells without a fast test). */
  contains(s: number, x: number, y: number): boolean {
    const k = this.edgeCount[s];
    if (k === 0) return false;
    const e = this.edges;
    const b = s * EDGE_STRIDE;
    for (let j = 0; j < 3 * k; j += 3) if (e[b + j] * x + e[b + j + 1] * y <= e[b + j + 2]) return false;
    return true;
  }

  /** A ring-1 neighbour slot of `s` that contains the point, or −1. */
  neighbourContaining(s: number, x: number, y: number): number {
    const nb = this.neighbours;
    for (let k = 6 * s; k < 6 * s + 6; k++) {
      const t = nb[k];
      if (t < 0) return -1;
      if (this.contains(t, x, y)) return t;
    }
    return -1;
  }

  private prepare(s: number, cell: string): void {
    // link with neighbours already met, both ways
    for (const other of gridDisk(cell, 1)) {
      const t = this.index.get(other);
      if (t === undefined || t === s) continue;
      this.link(s, t);
      this.link(t, s);
    }
    if (isPentagon(cell) || getIcosahedronFaces(cell).length !== 1) return;
    const ring = cellToBoundary(cell, true);
    let k = ring.length;
    if (k > 1 && ring[0][0] === ring[k - 1][0] && ring[0][1] === ring[k - 1][1]) k--;
    if (k !== 6) return;
    let twice = 0;
    for (let i = 0, j = k - 1; i < k; j = i++) twice += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    const sign = twice > 0 ? 1 : -1;
    let maxAbsLat = 0;
    for (let i = 0; i < k; i++) maxAbsLat = Math.max(maxAbsLat, Math.abs(ring[i][1]));
    if (maxAbsLat > 70) return;
    const b = s * EDGE_STRIDE;
    for (let i = 0; i < k; i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[(i + 1) % k];
      const len = Math.hypot(bx - ax, by - ay);
      if (len === 0 || Math.abs(bx - ax) > 180) return;
      // inward unit normal of a counter-clockwise ring: (−dy, dx)/len
      const nx = (sign * -(by - ay)) / len;
      const ny = (sign * (bx - ax)) / len;
      this.edges[b + 3 * i] = nx;
      this.edges[b + 3 * i + 1] = ny;
      this.edges[b + 3 * i + 2] = nx * ax + ny * ay + this.margin;
    }
    this.edgeCount[s] = k;
  }

  private link(from: number, to: number): void {
    const nb = this.neighbours;
    for (let k = 6 * from; k < 6 * from + 6; k++) {
      if (nb[k] === to) return;
      if (nb[k] < 0) {
        nb[k] = to;
        return;
      }
    }
  }

  private grow(): void {
    const cap = this.edgeCount.length * 2;
    const counts = new Uint32Array(cap * DESIL_COUNT);
    counts.set(this.counts);
    this.counts = counts;
    const edges = new Float64Array(cap * EDGE_STRIDE);
    edges.set(this.edges);
    this.edges = edges;
    const edgeCount = new Uint8Array(cap);
    edgeCount.set(this.edgeCount);
    this.edgeCount = edgeCount;
    const neighbours = new Int32Array(cap * 6).fill(-1);
    neighbours.set(this.neighbours);
    this.neighbours = neighbours;
  }
}
