/**
 * A second thread for the analysis Worker's hexagon cell table (see `districtCellsShared`): it holds a copy of
 * the district's prepared desa and computes the candidates and rows of its part of the table, so that a
 * province's res-9 table is built on two cores. Started by the analysis Worker when a table is big enough to share.
 */
import * as Comlink from 'comlink';
import { candidateCells, cellRows, cellRowsBuffers, type CellDistrict } from '../lib/hex/district-cells.ts';
import { unpackCellDistrict, type PackedCellDistrict } from '../lib/hex/district.ts';
import type { HexResolution } from '../lib/hex/types.ts';

let district: CellDistrict | null = null;

const helper = {
  load(packed: PackedCellDistrict): void {
    district = unpackCellDistrict(packed);
  },
  rows(resolution: HexResolution, part: number, parts: number) {
    if (!district) throw new Error('hex-cells helper: no district loaded');
    const start = performance.now();
    const rows = cellRows(district, candidateCells(district, resolution, part, parts), resolution);
    performance.measure(`kantong:hex-cells-helper-res${resolution}`, { start, end: performance.now() });
    return Comlink.transfer(rows, cellRowsBuffers(rows));
  },
};

export type HexCellsHelper = typeof helper;

Comlink.expose(helper);
