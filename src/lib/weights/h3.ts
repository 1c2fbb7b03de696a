import { gridDisk, isValidCell } from 'h3-js';
import { SpatialInputError, weightsFromNeighbourLists, type SpatialWeights } from './types.ts';

/**
 * H3 ring weights for a list of hexagon cells: the neighbours of a cell are the cells of its k-ring
 * (`gridDisk(cell, ring)` without the cell itself, 6 cells for ring 1 away from pentagons) that are in the
 * list. Cells whose ring holds no listed cell are islands (reported, not dropped). All cells should share a
 * resolution; a cell of another resolution can only be an island.
 *
 * Reference: Uber H3 (Brodsky 2018), `gridDisk`; Sahr, White & Kimerling (2003), "Geodesic discrete global
 * grid systems", Cartography and GIS 30(2).
 */
export function h3Weights(cells: ReadonlyArray<string>, ring = 1): SpatialWeights {
  if (!Number.isInteger(ring) || ring < 1)
    throw new SpatialInputError(`H3 ring must be a positive integer, got ${ring}`);
  const position = new Map<string, number>();
  cells.forEach((cell, i) => {
    if (!isValidCell(cell)) throw new SpatialInputError(`unit ${i}: "${cell}" is not a valid H3 cell`, i);
    if (position.has(cell))
      throw new SpatialInputError(
        `unit ${i}: H3 cell ${cell} appears twice (also unit ${position.get(cell)})`,
        i,
      );
    position.set(cell, i);
  });
  const lists = cells.map((cell, i) => {
    const out: number[] = [];
    for (const other of gridDisk(cell, ring)) {
      const j = position.get(other);
      if (j !== undefined && j !== i) out.push(j);
    }
    return out;
  });
  return weightsFromNeighbourLists(lists, ring === 1 ? 'h3' : `h3ring${ring}`);
}
