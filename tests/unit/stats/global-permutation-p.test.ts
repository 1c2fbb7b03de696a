/**
 * The global Moran permutation p that the cluster view (`analyseUnitClusters`) and the pocket analysis
 * (`spreadLisa`) pass on: two different one-sided p-values of the same permutation run, under two names.
 */
import { describe, expect, it } from 'vitest';
import { analyseUnitClusters } from '../../../src/lib/clusters/unit-clusters.ts';
import { spreadLisa } from '../../../src/lib/pockets/analysis.ts';
import { analyseLisa } from '../../../src/lib/stats/lisa.ts';
import { weightsFromNeighbourLists, type SpatialWeights } from '../../../src/lib/weights/types.ts';

/** Rook lattice rows × cols. */
function lattice(rows: number, cols: number): SpatialWeights {
  const lists: number[][] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const l: number[] = [];
      if (r > 0) l.push((r - 1) * cols + c);
      if (c > 0) l.push(r * cols + c - 1);
      if (c < cols - 1) l.push(r * cols + c + 1);
      if (r < rows - 1) l.push((r + 1) * cols + c);
      lists.push(l);
    }
  return weightsFromNeighbourLists(lists, 'rook');
}

const w = lattice(8, 8);
const options = { permutations: 199, seed: 3 };
/** Left half high, right half low: strong positive autocorrelation. */
const halves = Array.from({ length: 64 }, (_, i) => (i % 8 < 4 ? 1 : 0) + ((i * 7) % 5) / 50);
/** A checkerboard: strong negative autocorrelation. */
const checkerboard = Array.from({ length: 64 }, (_, i) => ((i % 8) + Math.floor(i / 8)) % 2);

function both(values: number[]) {
  const lisa = analyseLisa(values, w, options);
  const clusters = analyseUnitClusters(values, w, options);
  const index = values.map((_, i) => i);
  const pockets = spreadLisa(values.length, index, values, lisa, lisa.permutation!.pSim);
  return { lisa, clusters, pockets };
}

describe('global Moran permutation p of the cluster view and of the pockets', () => {
  it('the cluster view passes on spdep moran.mc "greater" p, the pockets the (M + 1)/(R + 1) pseudo p', () => {
    for (const values of [halves, checkerboard]) {
      const { lisa, clusters, pockets } = both(values);
      expect(clusters.moran.pPermutationGreater).toBe(lisa.moranPermutation!.pGreater);
      expect(pockets.moran.pPermutationAtLeast).toBe(lisa.moranPermutation!.pSim);
    }
  });

  it('both are one-sided: small for clustering, near 1 for a checkerboard (a two-sided p would be small)', () => {
    const hot = both(halves);
    expect(hot.clusters.moran.pPermutationGreater).toBe(1 / 200);
    expect(hot.pockets.moran.pPermutationAtLeast).toBe(1 / 200);
    const board = both(checkerboard);
    expect(board.clusters.moran.pPermutationGreater).toBeGreaterThan(0.99);
    expect(board.pockets.moran.pPermutationAtLeast).toBeGreaterThan(0.99);
  });

  it('are null without permutations', () => {
    const clusters = analyseUnitClusters(halves, w, { permutations: 0 });
    const lisa = analyseLisa(halves, w, { permutations: 0 });
    const pockets = spreadLisa(
      64,
      halves.map((_, i) => i),
      halves,
      lisa,
      lisa.local.pAnalytical,
    );
    expect(clusters.moran.pPermutationGreater).toBeNull();
    expect(pockets.moran.pPermutationAtLeast).toBeNull();
  });
});
