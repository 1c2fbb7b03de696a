/**
 * Shared vocabulary of the hexbin core (`src/lib/hex/`): resolutions, the error type and the plain result
 * objects that cross the Worker boundary (typed arrays and strings only, so `postMessage` can clone or
 * transfer them).
 */
import type { Message } from '../messages/message.ts';

/** H3 resolutions Kantong offers: 7 (≈ 5.2 km² per cell), 8 (≈ 0.74 km²) and 9 (≈ 0.11 km²). */
export const HEX_RESOLUTIONS = [7, 8, 9] as const;

/** One of {@link HEX_RESOLUTIONS}. */
export type HexResolution = (typeof HEX_RESOLUTIONS)[number];

/** Number of national welfare deciles (desil 1 = poorest). */
export const DESIL_COUNT = 10;

/** Bad input to the hexbin core: the message is one line meant for the person who supplied the input. */
export class HexInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HexInputError';
  }
}

/**
 * Checks that `res` is one of {@link HEX_RESOLUTIONS} and returns it typed. Coarser cells than 7 blur whole
 * kecamatan together; finer than 9 (≈ 0.015 km²) hold a handful of houses and would be suppressed almost
 * everywhere, so both are refused rather than silently clamped.
 *
 * @throws {HexInputError} for anything else (non-integers, strings, 6, 10…).
 */
export function checkResolution(res: unknown): HexResolution {
  if (typeof res === 'number' && (HEX_RESOLUTIONS as readonly number[]).includes(res))
    return res as HexResolution;
  throw new HexInputError(
    `H3 resolution must be 7, 8 or 9 (≈ 5.2, 0.74 or 0.11 km² per hexagon), got ${typeof res === 'string' ? JSON.stringify(res) : String(res)}`,
  );
}

/** Where the counts of a hexbin layer come from. */
export type HexSource = 'points' | 'allocation';

/** What a {@link HexMessage} is about. */
export type HexMessageCode =
  | 'missing-coordinates'
  | 'no-coordinates'
  | 'outside'
  | 'swapped'
  | 'swapped-fixed'
  | 'near-border'
  | 'invalid-desil'
  | 'estimate'
  | 'unknown-desa';

/**
 * A message of a hexbin run for the import report, the app's notice and the CLI's stderr: `code` says what it
 * is about, `message` says it (rendered by each surface in its language, `renderMessage(m.message, lang)`).
 */
export interface HexMessage {
  code: HexMessageCode;
  severity: 'info' | 'warning' | 'error';
  message: Message;
  /** How many households (or desa, for `unknown-desa`) the message is about. */
  count: number;
}

/**
 * Household counts per H3 cell, clipped to the kabupaten: the hexagon layer of the map and the input of
 * the hexagon statistics. All arrays are indexed by cell position (cells sorted ascending by index, so the
 * same input always gives the same order).
 */
export interface HexBins {
  resolution: HexResolution;
  /** `points` when counted from geotagged households; `allocation` when desa counts were spread by area. */
  source: HexSource;
  /** True when the counts are an area-weighted estimate (allocation): the UI must say so. */
  estimate: boolean;
  /** H3 indexes (15 hex digits), ascending. */
  cells: string[];
  /** Households per cell. */
  households: Uint32Array;
  /** Households per cell and desil, row-major: `desil[c * 10 + (d − 1)]`. */
  desil: Uint32Array;
  /** Area of the cell inside the kabupaten outline, km² (the full cell area unless the border clips it). */
  areaKm2: Float64Array;
  /** 1 where the kabupaten border clips the cell. */
  border: Uint8Array;
  /** Households counted into the cells (= Σ households). */
  total: number;
  /** Of `total`, households placed by allocation from their desa rather than by their own coordinates. */
  allocated: number;
  /**
   * The households of each cell counted at their own coordinates (same layout as `households` and `desil`),
   * when the others were placed from their desa (`source` `points`, `allocated` > 0): the only counts hexagon
   * statistics may rest on (see `hexStatisticCounts`). Absent otherwise (all counts are then of one kind).
   */
  points?: { households: Uint32Array; desil: Uint32Array };
  messages: HexMessage[];
}

/** The buffers of a {@link HexBins} to list in a `postMessage` transfer list. */
export function hexBinsTransferList(bins: HexBins): ArrayBuffer[] {
  return [
    bins.households.buffer,
    bins.desil.buffer,
    bins.areaKm2.buffer,
    bins.border.buffer,
    ...(bins.points ? [bins.points.households.buffer, bins.points.desil.buffer] : []),
  ] as ArrayBuffer[];
}
