/**
 * Step N4: which agency (OPD) acts on which need, so each gets its own desa list. The mapping is the
 * kabupaten's to edit; the default follows the usual split of duties in a kabupaten:
 * housing (RTLH, floor, walls, roof, electricity in the home) → Perkim; drinking water and sanitation →
 * PUPR/Perkim; assistance gaps (PKH, Sembako, no assistance) → Dinas Sosial; health insurance (PBI-JK) → Dinkes.
 *
 * A need is either a living condition (`needs.counts`) or a programme's exclusion (`gap_<programme>`:
 * eligible households not receiving it, from `targeting.ts`).
 */

/** Need key → agency name. */
export type AgencyMap = Record<string, string>;

export const DEFAULT_AGENCIES: Readonly<AgencyMap> = {
  rtlh: 'Perkim',
  lantai_tanah: 'Perkim',
  dinding_tidak_layak: 'Perkim',
  atap_tidak_layak: 'Perkim',
  tanpa_listrik: 'Perkim',
  air_tidak_layak: 'PUPR/Perkim',
  sanitasi_tidak_layak: 'PUPR/Perkim',
  tanpa_bansos: 'Dinas Sosial',
  gap_pkh: 'Dinas Sosial',
  gap_bpnt: 'Dinas Sosial',
  gap_blt: 'Dinas Sosial',
  gap_blt_dd: 'Dinas Sosial',
  gap_pbi_jk: 'Dinkes',
  gap_pbi_apbd: 'Dinkes',
};

/** The agency of `need` under `map` (edited entries first, then the default); null when none. */
export function agencyOf(need: string, map: Readonly<AgencyMap> = {}): string | null {
  const a = (map[need] ?? DEFAULT_AGENCIES[need] ?? '').trim();
  return a === '' ? null : a;
}

/**
 * Parses an agency map as JSON (`{"rtlh": "Perkim", ...}`), keeping string values for `[a-z0-9_]+` keys;
 * throws a RangeError with the reason otherwise.
 */
export function parseAgencyMap(text: string): AgencyMap {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new RangeError((e as Error).message, { cause: e });
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new RangeError('not an object');
  const out: AgencyMap = {};
  for (const [k, a] of Object.entries(v)) {
    if (!/^[a-z0-9_]+$/.test(k)) throw new RangeError(`key "${k}"`);
    if (typeof a !== 'string') throw new RangeError(`value of "${k}" is not text`);
    out[k] = a.trim().slice(0, 80);
  }
  return out;
}

/** One need of one desa on an agency's list (exact count; published by `publish.ts`). */
export interface AgencyNeed {
  desa: number;
  need: string;
  count: number;
  /** The denominator: desil 1–4 households (conditions) or eligible households (programme gaps). */
  base: number;
}

/**
 * The agencies and their needs: every (desa, need) with a positive count, grouped by agency, each agency's
 * list sorted by count (largest first, then desa index). `needs` are the condition needs with their counts;
 * `gaps` programme → excluded/eligible per desa.
 */
export function agencyLists(
  needs: { needs: readonly string[]; desa: readonly { poor: number; counts: Record<string, number> }[] },
  gaps: Readonly<Record<string, readonly { excluded: number; eligible: number }[]>>,
  map: Readonly<AgencyMap> = {},
): Map<string, AgencyNeed[]> {
  const out = new Map<string, AgencyNeed[]>();
  const push = (agency: string | null, item: AgencyNeed) => {
    if (agency === null || item.count <= 0) return;
    let list = out.get(agency);
    if (!list) out.set(agency, (list = []));
    list.push(item);
  };
  needs.desa.forEach((d, i) => {
    for (const f of needs.needs)
      push(agencyOf(f, map), { desa: i, need: f, count: d.counts[f], base: d.poor });
  });
  for (const [programme, rows] of Object.entries(gaps))
    rows.forEach((t, i) =>
      push(agencyOf(`gap_${programme}`, map), {
        desa: i,
        need: `gap_${programme}`,
        count: t.excluded,
        base: t.eligible,
      }),
    );
  for (const list of out.values()) list.sort((a, b) => b.count - a.count || a.desa - b.desa);
  return new Map([...out].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}
