import type { SpatialWeights } from '../weights/types.ts';

/**
 * Connected groups of selected units over the weights graph: two selected units are in one group when a
 * path of neighbour links (either direction) joins them through selected units only. Groups with fewer than
 * `minUnits` units are dropped. Each group's members are ascending, and groups are ordered by their first
 * member, so the output depends only on the selection and the graph.
 *
 * Method: breadth-first search on the subgraph induced by the selection (Tarjan 1972; spdep `n.comp.nb`).
 */
export function selectedComponents(
  selected: ArrayLike<number | boolean>,
  weights: SpatialWeights,
  minUnits = 1,
): Int32Array[] {
  const { n, offsets, neighbors } = weights;
  if (selected.length !== n) throw new RangeError(`selection has ${selected.length} units, weights ${n}`);
  // undirected adjacency, as knn weights need not be symmetric
  const deg = new Int32Array(n + 1);
  for (let i = 0; i < n; i++)
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      deg[i + 1]++;
      deg[neighbors[p] + 1]++;
    }
  for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
  const adj = new Int32Array(deg[n]);
  const fill = deg.slice(0, n);
  for (let i = 0; i < n; i++)
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = neighbors[p];
      adj[fill[i]++] = j;
      adj[fill[j]++] = i;
    }
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  const groups: Int32Array[] = [];
  for (let s = 0; s < n; s++) {
    if (!selected[s] || seen[s]) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    seen[s] = 1;
    while (head < tail) {
      const i = queue[head++];
      for (let p = deg[i]; p < deg[i + 1]; p++) {
        const j = adj[p];
        if (selected[j] && !seen[j]) {
          seen[j] = 1;
          queue[tail++] = j;
        }
      }
    }
    if (tail >= minUnits) groups.push(queue.slice(0, tail).sort());
  }
  return groups;
}
