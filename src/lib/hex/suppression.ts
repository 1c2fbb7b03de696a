/**
 * Small-number suppression for any map unit (hexagon, desa, kecamatan) and every export.
 *
 * Rules (documented for users in the report and the CLI help):
 * 1. **Primary.** A unit with 1 … k−1 households is not shown, not labelled and not exported. Within a shown
 *    unit, a count of 1 … k−1 (e.g. desil-1 households) is shown as "< k". Zero is shown: it discloses no
 *    household.
 * 2. **Complementary.** Totals of groups are public elsewhere (kecamatan and kabupaten figures, pocket
 *    totals), so a single suppressed entry in a group could be recovered as total − Σ shown. Every public
 *    line — the units of a group, one desil column of a group, the desil counts of one unit — therefore
 *    holds either no suppressed entry or at least two; when it holds exactly one, the next smallest shown
 *    entry of that line (a unit, or a count ≥ k; ties to the lower index) is suppressed too.
 * 3. **Bounds.** A reader knows a "< k" entry lies in [1, k−1] and a complementary one in [k, ∞). Where these
 *    bounds pin a primary entry to one value (e.g. two "< 10" entries summing to 18 are both 9), one more
 *    entry is suppressed, as in rule 2.
 * 4. A line whose own total is 1 … k−1 is itself suppressed where it is shown, so it is not a constraint.
 * 5. Rules 2–3 are applied to every line until nothing changes. A desil line with no count ≥ k left to hide
 *    is protected by hiding a whole unit (rule 2 at unit level); a line that still cannot be protected
 *    because nothing is left to hide in it is listed in `residual` (callers report it).
 *
 * Limits: each line is audited on its own (the "subtraction" attack of the brief); inference that combines
 * several lines through linear programming is not ruled out. Statistical agencies audit that with
 * τ-ARGUS; for counts of ≥ 10 households per shown hexagon the practical risk is small.
 *
 * Reference: Hundepool et al. (2012), *Statistical Disclosure Control*, Wiley, ch. 4 (threshold rule, primary
 * and secondary suppression, protection intervals); Cox (1980), "Properties of the sensitivity criterion",
 * JASA 75; Statistics Netherlands, τ-ARGUS manual (hypercube/singleton heuristics).
 */

/** Default threshold k (households). */
export const DEFAULT_MIN_COUNT = 10;
/** Smallest threshold accepted: below 3 a shown count of 2 lets two households see each other. */
export const MIN_MIN_COUNT = 3;

/** Status of a unit or a value. */
export const Suppressed = {
  /** Shown and exported. */
  Shown: 0,
  /** Below k: not shown (a unit) or shown as "< k" (a value). */
  Primary: 1,
  /** Hidden to protect another entry of a line. */
  Complementary: 2,
  /** A value of a unit that is hidden as a whole. */
  WithUnit: 3,
} as const;
/** One of {@link Suppressed}. */
export type SuppressedStatus = (typeof Suppressed)[keyof typeof Suppressed];

/** Input table of {@link suppressSmallCounts}. */
export interface SuppressionInput {
  /** Households per unit (row totals). */
  totals: ArrayLike<number>;
  /** Counts per unit and column (e.g. desil), row-major `values[unit * width + column]`; rows sum to `totals`. */
  values?: ArrayLike<number>;
  /** Columns per row of `values`. */
  width?: number;
  /** Group of each unit (e.g. kecamatan index) whose totals are public; −1 for none. */
  groups?: ArrayLike<number>;
  /** Further published groups (e.g. pockets): lists of unit indices. */
  extraGroups?: ReadonlyArray<ArrayLike<number>>;
  /** Whether the whole table's total (the kabupaten) is public: default true. */
  tableTotal?: boolean;
}

/** A line that could not be protected (see rule 5). */
export interface ResidualLine {
  kind: 'units' | 'row' | 'column';
  /** The line's group (`group:3`, `extra:0`, `table`) or, for a row, the unit index as text. */
  line: string;
  /** The column of a `column` line. */
  column?: number;
}

/** Result of {@link suppressSmallCounts}. */
export interface Suppression {
  k: number;
  /** Per unit: a {@link Suppressed} status (Shown, Primary or Complementary). */
  unit: Uint8Array;
  /** Per value (same layout as `values`): a {@link Suppressed} status; null without values. */
  value: Uint8Array | null;
  primaryUnits: number;
  complementaryUnits: number;
  primaryValues: number;
  complementaryValues: number;
  residual: ResidualLine[];
}

/**
 * Checks and returns the threshold k: a whole number ≥ {@link MIN_MIN_COUNT}.
 *
 * @throws {RangeError} otherwise (message names the limit).
 */
export function checkMinCount(k: unknown): number {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < MIN_MIN_COUNT)
    throw new RangeError(
      `the small-number threshold must be a whole number ≥ ${MIN_MIN_COUNT}, got ${String(k)}`,
    );
  return k;
}

/** One audited line: member entry ids, their true values and public-ness. */
export interface Line {
  kind: ResidualLine['kind'];
  name: string;
  column?: number;
  members: Int32Array;
}

/** Entry store for one audit (units, or values): value, status, and bounds for the reader. */
export interface Entries {
  value: ArrayLike<number>;
  status: Uint8Array;
  /** Reader's lower/upper bound of a hidden entry, by status (WithUnit entries carry their own). */
  hiddenHi?: Float64Array;
}

/**
 * What a reader knows of one line: its total and, over its hidden entries, their count, true sum and the
 * sums of the reader's bounds (`hiInfinite` counts the unbounded ones), and how many are primary. Kept up to
 * date as entries are hidden, so that a line is checked in constant time (see {@link unsafe}).
 */
interface LineState {
  total: Float64Array;
  hidden: Int32Array;
  sumHidden: Float64Array;
  sumLo: Float64Array;
  sumHiFinite: Float64Array;
  hiInfinite: Int32Array;
  primary: Int32Array;
}

/** Adds (sign 1) or removes (sign −1) entry `id`'s hidden part to line `l`'s state. */
function account(state: LineState, l: number, e: Entries, id: number, k: number, sign: 1 | -1): void {
  const status = e.status[id];
  if (status === Suppressed.Shown) return;
  state.hidden[l] += sign;
  state.sumHidden[l] += sign * e.value[id];
  if (status === Suppressed.Primary) {
    state.primary[l] += sign;
    state.sumLo[l] += sign;
    state.sumHiFinite[l] += sign * (k - 1);
  } else if (status === Suppressed.Complementary) {
    state.sumLo[l] += sign * k;
    state.hiInfinite[l] += sign;
  } else {
    const hi = e.hiddenHi ? e.hiddenHi[id] : Infinity;
    if (hi === Infinity) state.hiInfinite[l] += sign;
    else state.sumHiFinite[l] += sign * hi;
  }
}

/**
 * True when line `l` lets a reader recover a suppressed entry (rules 2–3). A reader bounds a primary entry by
 * [1, k−1], a complementary one by [k, ∞) and a value hidden with its unit by [0, its bound]; one primary entry
 * is pinned when its bounds and the others' leave a single value for it:
 * max(1, S − (H − (k−1))) ≥ min(k−1, S − (L − 1)), with S the hidden entries' true sum and L, H the sums of
 * their bounds. Every primary entry has the same bounds, so one test covers them all.
 */
function unsafe(state: LineState, l: number, k: number): boolean {
  const hidden = state.hidden[l];
  const total = state.total[l];
  if (hidden === 0 || (total > 0 && total < k)) return false;
  if (hidden === 1) return true;
  if (state.primary[l] === 0) return false;
  const sumHi = state.hiInfinite[l] > 0 ? Infinity : state.sumHiFinite[l];
  const sumHidden = state.sumHidden[l];
  const low = Math.max(1, sumHidden - (sumHi - (k - 1)));
  const high = Math.min(k - 1, sumHidden - (state.sumLo[l] - 1));
  return low >= high;
}

/** Next smallest shown entry of the line with value ≥ minValue (ties to the lower id), or −1. */
function nextSmallest(line: Line, e: Entries, minValue: number): number {
  let best = -1;
  for (const id of line.members) {
    if (e.status[id] !== Suppressed.Shown) continue;
    const v = e.value[id];
    if (v < minValue) continue;
    if (best < 0 || v < e.value[best] || (v === e.value[best] && id < best)) best = id;
  }
  return best;
}

/**
 * Rules 2–3 over a set of lines until nothing changes; returns the lines left unsafe with nothing to pick.
 * Lines are visited in order, pass after pass, as a plain fixed-point loop would, but a line found safe is
 * visited again only once one of its entries has been hidden since (nothing else changes its state), so
 * the result is the plain loop's and each pass costs the lines that changed. Exported for the test that
 * checks exactly that against the plain loop.
 */
export function audit(lines: Line[], e: Entries, k: number, minPick: number): Line[] {
  const m = lines.length;
  const state: LineState = {
    total: new Float64Array(m),
    hidden: new Int32Array(m),
    sumHidden: new Float64Array(m),
    sumLo: new Float64Array(m),
    sumHiFinite: new Float64Array(m),
    hiInfinite: new Int32Array(m),
    primary: new Int32Array(m),
  };
  // the lines of each entry (CSR), to update and revisit them when it is hidden
  const size = e.status.length;
  const start = new Int32Array(size + 1);
  for (const line of lines) {
    const members = line.members;
    for (let j = 0; j < members.length; j++) start[members[j] + 1]++;
  }
  for (let i = 0; i < size; i++) start[i + 1] += start[i];
  const linesOf = new Int32Array(start[size]);
  const fill = start.slice(0, size);
  for (let l = 0; l < m; l++) {
    const members = lines[l].members;
    for (let j = 0; j < members.length; j++) {
      const id = members[j];
      linesOf[fill[id]++] = l;
      state.total[l] += e.value[id];
      account(state, l, e, id, k, 1);
    }
  }
  const dirty = new Uint8Array(m).fill(1);
  const stuck = new Uint8Array(m);
  const stuckOrder: number[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (let l = 0; l < m; l++) {
      if (stuck[l] || !dirty[l]) continue;
      if (!unsafe(state, l, k)) {
        dirty[l] = 0;
        continue;
      }
      const pick = nextSmallest(lines[l], e, minPick);
      if (pick < 0) {
        stuck[l] = 1;
        stuckOrder.push(l);
        continue;
      }
      for (let j = start[pick]; j < start[pick + 1]; j++) account(state, linesOf[j], e, pick, k, -1);
      e.status[pick] = Suppressed.Complementary;
      for (let j = start[pick]; j < start[pick + 1]; j++) {
        account(state, linesOf[j], e, pick, k, 1);
        dirty[linesOf[j]] = 1;
      }
      changed = true;
    }
  }
  return stuckOrder.filter((l) => unsafe(state, l, k)).map((l) => lines[l]);
}

/**
 * Applies primary and complementary small-number suppression (rules above) to a table of units with optional
 * per-unit columns, with the groups whose totals are published. Value lines that cannot be protected by
 * hiding more counts (no count ≥ k left in them) are protected by hiding a whole unit instead — the unit of a
 * row, or the smallest shown unit of a column line — after which the unit lines are audited again; this
 * repeats until nothing changes. Deterministic: the same table gives the same statuses.
 *
 * @param k threshold (default 10, at least 3).
 */
export function suppressSmallCounts(input: SuppressionInput, k = DEFAULT_MIN_COUNT): Suppression {
  checkMinCount(k);
  const n = input.totals.length;
  const width = input.width ?? 0;
  if (input.values && (width < 1 || input.values.length !== n * width))
    throw new RangeError(`values has ${input.values.length} entries for ${n} units × ${width} columns`);
  if (input.groups && input.groups.length !== n)
    throw new RangeError(`groups has ${input.groups.length} entries for ${n} units`);

  // lines of units: each group, each extra group, the whole table
  const unitLines: Line[] = [];
  if (input.groups) {
    const byGroup = new Map<number, number[]>();
    for (let u = 0; u < n; u++) {
      const g = input.groups[u];
      if (g < 0) continue;
      let list = byGroup.get(g);
      if (!list) byGroup.set(g, (list = []));
      list.push(u);
    }
    for (const g of [...byGroup.keys()].sort((a, b) => a - b))
      unitLines.push({
        kind: 'units',
        name: `group:${g}`,
        members: Int32Array.from(byGroup.get(g) as number[]),
      });
  }
  (input.extraGroups ?? []).forEach((members, x) =>
    unitLines.push({ kind: 'units', name: `extra:${x}`, members: Int32Array.from(members) }),
  );
  if (input.tableTotal ?? true) {
    const members = new Int32Array(n);
    for (let u = 0; u < n; u++) members[u] = u;
    unitLines.push({ kind: 'units', name: 'table', members });
  }

  const unit = new Uint8Array(n);
  for (let u = 0; u < n; u++) {
    const t = input.totals[u];
    if (t > 0 && t < k) unit[u] = Suppressed.Primary;
  }
  const units: Entries = { value: input.totals, status: unit };
  let stuckUnits = audit(unitLines, units, k, 1);

  let value: Uint8Array | null = null;
  let stuckValues: Line[] = [];
  if (input.values) {
    const values = input.values;
    value = new Uint8Array(n * width);
    const hiddenHi = new Float64Array(n * width).fill(Infinity);
    for (let u = 0; u < n; u++)
      for (let q = 0; q < width; q++) {
        const v = values[u * width + q];
        if (v > 0 && v < k) value[u * width + q] = Suppressed.Primary;
      }
    // one entry id sequence, viewed per row and per column line (no copy per line)
    const rowLines: Line[] = [];
    const ids = new Int32Array(n * width);
    for (let i = 0; i < ids.length; i++) ids[i] = i;
    for (let u = 0; u < n; u++)
      rowLines.push({ kind: 'row', name: String(u), members: ids.subarray(u * width, (u + 1) * width) });
    const columnLines: Line[] = [];
    for (const ul of unitLines)
      for (let q = 0; q < width; q++) {
        const members = new Int32Array(ul.members.length);
        for (let j = 0; j < members.length; j++) members[j] = ul.members[j] * width + q;
        columnLines.push({ kind: 'column', name: ul.name, column: q, members });
      }
    const entries: Entries = { value: values, status: value, hiddenHi };
    for (;;) {
      // values of hidden units go with them; a value of a unit with < k households is itself < k
      for (let u = 0; u < n; u++) {
        if (unit[u] === Suppressed.Shown) continue;
        for (let q = 0; q < width; q++) {
          value[u * width + q] = Suppressed.WithUnit;
          hiddenHi[u * width + q] = unit[u] === Suppressed.Primary ? k - 1 : Infinity;
        }
      }
      // a hidden unit's row total is hidden too: its row is no longer a line
      const lines = rowLines.filter((_, u) => unit[u] === Suppressed.Shown).concat(columnLines);
      // complementary values are picked among counts ≥ k (shown counts are 0 or ≥ k after rule 1)
      stuckValues = audit(lines, entries, k, k);
      let hidUnit = false;
      for (const line of stuckValues) {
        let pick = -1;
        if (line.kind === 'row') pick = Number(line.name);
        else
          for (const id of line.members) {
            const u = Math.floor(id / width);
            if (
              unit[u] === Suppressed.Shown &&
              input.totals[u] > 0 &&
              (pick < 0 || input.totals[u] < input.totals[pick])
            )
              pick = u;
          }
        if (pick >= 0 && unit[pick] === Suppressed.Shown) {
          unit[pick] = Suppressed.Complementary;
          hidUnit = true;
        }
      }
      if (!hidUnit) break;
      stuckUnits = audit(unitLines, units, k, 1);
    }
  }
  const residual: ResidualLine[] = [...stuckUnits, ...stuckValues].map((l) => ({
    kind: l.kind,
    line: l.name,
    column: l.column,
  }));
  let primaryUnits = 0;
  let complementaryUnits = 0;
  for (let u = 0; u < n; u++) {
    if (unit[u] === Suppressed.Primary) primaryUnits++;
    else if (unit[u] === Suppressed.Complementary) complementaryUnits++;
  }
  let primaryValues = 0;
  let complementaryValues = 0;
  if (value)
    for (const st of value) {
      if (st === Suppressed.Primary) primaryValues++;
      else if (st === Suppressed.Complementary) complementaryValues++;
    }
  return { k, unit, value, primaryUnits, complementaryUnits, primaryValues, complementaryValues, residual };
}

/** Result of {@link suppressCells}. */
export interface CellSuppression {
  k: number;
  /** Per cell: Shown, Primary ("< k") or Complementary. */
  status: Uint8Array;
  /** Indices (into `lines`) of the lines that could not be protected: their totals must not be published. */
  residual: number[];
}

/**
 * Rules 1–3 on a table whose public lines are any sets of cells (a transition matrix: its rows, its columns,
 * and the blocks a graduation count sums): a cell of 1 … k−1 is "< k"; a line holding exactly one suppressed
 * cell, or whose bounds pin one, gets its next smallest shown cell ≥ k suppressed too, until nothing
 * changes. A line whose total is 1 … k−1 is published as "< k" itself and is no constraint (rule 4). A line
 * left unsafe with no cell ≥ k to hide is returned in `residual`: the caller withholds its total.
 *
 * @param lines each public line as the indices of its cells
 */
export function suppressCells(
  values: ArrayLike<number>,
  lines: readonly ArrayLike<number>[],
  k = DEFAULT_MIN_COUNT,
): CellSuppression {
  checkMinCount(k);
  const status = new Uint8Array(values.length);
  for (let c = 0; c < values.length; c++) if (values[c] > 0 && values[c] < k) status[c] = Suppressed.Primary;
  const audited: Line[] = lines.map((members, i) => ({
    kind: 'column',
    name: String(i),
    members: Int32Array.from(members),
  }));
  const stuck = audit(audited, { value: values, status }, k, k);
  return { k, status, residual: stuck.map((l) => Number(l.name)) };
}

/**
 * Text of a count for a table or an export cell: the number, `"< k"` for a primary-suppressed value, and an
 * empty string for anything hidden otherwise (complementary, or a value of a hidden unit).
 */
export function suppressedText(count: number, status: number, k: number): string {
  if (status === Suppressed.Shown) return String(count);
  if (status === Suppressed.Primary) return `< ${k}`;
  return '';
}
