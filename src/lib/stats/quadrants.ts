import { mean, median } from './validate.ts';

/**
 * Moran scatterplot quadrant codes, PySAL's numbering: 1 High-High, 2 Low-High, 3 Low-Low, 4 High-Low
 * (first the unit's own value, then its neighbours' lag).
 */
export type Quadrant = 1 | 2 | 3 | 4;

/** spdep's labels for the quadrant codes. */
export const QUADRANT_LABELS: Readonly<Record<Quadrant, 'High-High' | 'Low-High' | 'Low-Low' | 'High-Low'>> =
  {
    1: 'High-High',
    2: 'Low-High',
    3: 'Low-Low',
    4: 'High-Low',
  };

/** The three quadrant schemes spdep 1.2-7 returns with `localmoran` (`attr(, "quadr")`). */
export interface LisaQuadrants {
  /** x vs mean(x), lag vs mean(lag) (spdep `quadr$mean`). */
  mean: Uint8Array;
  /** x vs median(x), lag vs median(lag) (spdep `quadr$median`). */
  median: Uint8Array;
  /** sign of z_i and of (Wz)_i, GeoDa/PySAL style (spdep `quadr$pysal`). */
  pysal: Uint8Array;
  xMean: number;
  lagMean: number;
  xMedian: number;
  lagMedian: number;
}

function code(highX: boolean, highLag: boolean): Quadrant {
  if (highX) return highLag ? 1 : 4;
  return highLag ? 2 : 3;
}

/**
 * LISA quadrants of the Moran scatterplot under three schemes. "High" means strictly above the threshold: a
 * value equal to it counts as Low, as R's `cut(x, c(-Inf, t, Inf))` gives. The mean scheme compares the lag
 * with mean(lag), not with mean(x) — spdep's choice; the PySAL scheme compares z_i = x_i − x̄ and (Wz)_i with 0.
 * Islands keep a lag of 0 and still get a quadrant, as in spdep.
 *
 * Reference: Anselin (1996), "The Moran scatterplot as an ESDA tool", in *Spatial Analytical Perspectives on
 * GIS*; spdep 1.2-7 `localmoran` (quadr); PySAL `esda.Moran_Local.q`.
 */
export function lisaQuadrants(
  x: ArrayLike<number>,
  lag: ArrayLike<number>,
  z: ArrayLike<number>,
  lagZ: ArrayLike<number>,
): LisaQuadrants {
  const n = x.length;
  const xMean = mean(x);
  const lagMean = mean(lag);
  const xMedian = median(x);
  const lagMedian = median(lag);
  const byMean = new Uint8Array(n);
  const byMedian = new Uint8Array(n);
  const bySign = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    byMean[i] = code(x[i] > xMean, lag[i] > lagMean);
    byMedian[i] = code(x[i] > xMedian, lag[i] > lagMedian);
    bySign[i] = code(z[i] > 0, lagZ[i] > 0);
  }
  return { mean: byMean, median: byMedian, pysal: bySign, xMean, lagMean, xMedian, lagMedian };
}
