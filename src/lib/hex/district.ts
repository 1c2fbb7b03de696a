import Flatbush from 'flatbush';
import type { AreaGeometry } from '../geo/types.ts';
import { prepareArea, type PreparedArea } from './clip.ts';
import { HexInputError } from './types.ts';

/**
 * A kabupaten ready for hexbins: its outline and its desa polygons flattened and indexed. Build it once per
 * district (a few milliseconds for ~300 desa) and reuse it for every resolution; it holds a Flatbush index, so
 * it stays inside the Worker that built it (send GeoJSON across, not this).
 */
export interface HexDistrict {
  outline: PreparedArea;
  /** The outline as given (GeoJSON, for clipping pocket outlines). */
  outlineGeometry: AreaGeometry;
  /** Desa polygons in the caller's order: desa index d everywhere in the hex core refers to `desa[d]`. */
  desa: PreparedArea[];
  /** The desa geometries as given (GeoJSON, for `polygonToCells`). */
  geometries: readonly AreaGeometry[];
  /** R-tree of the desa bounding boxes. */
  desaIndex: Flatbush;
  /** [minLon, minLat, maxLon, maxLat] of the outline. */
  bbox: [number, number, number, number];
}

/**
 * Prepares the kabupaten outline (`kabupaten.json`) and its desa polygons (`desa.json`, in the order the
 * counts will refer to). Throws a `HexInputError` naming the desa for a geometry that is not a polygon.
 */
export function prepareHexDistrict(outline: AreaGeometry, desa: readonly AreaGeometry[]): HexDistrict {
  if (desa.length === 0) throw new HexInputError('the district has no desa polygons');
  let preparedOutline: PreparedArea;
  try {
    preparedOutline = prepareArea(outline, 0);
  } catch (error) {
    throw new HexInputError(`kabupaten outline: ${(error as Error).message.replace(/^unit 0 /, '')}`);
  }
  const prepared = desa.map((g, i) => {
    try {
      return prepareArea(g, i);
    } catch (error) {
      throw new HexInputError(`desa ${i}: ${(error as Error).message.replace(/^unit \d+ /, '')}`);
    }
  });
  const desaIndex = new Flatbush(prepared.length);
  for (const p of prepared) desaIndex.add(p.flat.minX, p.flat.minY, p.flat.maxX, p.flat.maxY);
  desaIndex.finish();
  const f = preparedOutline.flat;
  return {
    outline: preparedOutline,
    outlineGeometry: outline,
    desa: prepared,
    geometries: desa,
    desaIndex,
    bbox: [f.minX, f.minY, f.maxX, f.maxY],
  };
}

/** A {@link PreparedArea} as plain data: its R-tree as Flatbush's own buffer. */
interface PackedArea {
  flat: PreparedArea['flat'];
  ringBox: Float64Array;
  segments: ArrayBuffer;
  segmentVertex: Int32Array;
}

/** What another thread needs to compute cell rows (`cellRows`) of a district: typed arrays only. */
export interface PackedCellDistrict {
  outline: PackedArea;
  desa: PackedArea[];
  desaIndex: ArrayBuffer;
}

function packArea(area: PreparedArea): PackedArea {
  return {
    flat: area.flat,
    ringBox: area.ringBox,
    segments: area.segments.data as ArrayBuffer,
    segmentVertex: area.segmentVertex,
  };
}

function unpackArea(area: PackedArea): PreparedArea {
  return { ...area, segments: Flatbush.from(area.segments) };
}

/**
 * The desa, their index and the outline of `district` as plain data, for `postMessage` (a structured clone
 * copies the typed arrays; Flatbush indexes travel as their buffers and are reopened, not rebuilt).
 */
export function packCellDistrict(district: HexDistrict): PackedCellDistrict {
  return {
    outline: packArea(district.outline),
    desa: district.desa.map(packArea),
    desaIndex: district.desaIndex.data as ArrayBuffer,
  };
}

/** The district of {@link packCellDistrict} again, on the receiving side. */
export function unpackCellDistrict(
  packed: PackedCellDistrict,
): Pick<HexDistrict, 'desa' | 'desaIndex' | 'outline'> {
  return {
    outline: unpackArea(packed.outline),
    desa: packed.desa.map(unpackArea),
    desaIndex: Flatbush.from(packed.desaIndex),
  };
}
