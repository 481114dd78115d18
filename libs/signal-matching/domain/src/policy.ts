/**
 * What signal matching runs by, per region: whether the region opted in, on which legal basis, and which
 * organisations it admitted (with whom to contact there). Loaded from configuration at start (docs/adr/0038).
 */
export interface AdmittedOrganisation {
  /** A partner id (lower-case letters, digits, single hyphens): also its Kafka principal `partner-<id>`. */
  organisationId: string;
  name: string;
  phone?: string;
  email?: string;
}

export interface RegionPolicy {
  region: string;
  optedIn: boolean;
  /** Required when opted in: the legal basis the region processes signals on ([verify]: no statute since the Jeugdwet's verwijsindex was abolished). */
  legalBasis?: string;
  organisations: AdmittedOrganisation[];
}

export interface SignalMatchingPolicy {
  regions: RegionPolicy[];
  /** Signals are for young people younger than this ([verify]: the verwijsindex was for "jongeren tot 23 jaar"). */
  ageLimitYears: number;
  /** How long a signal stays active unless renewed, in milliseconds ([verify]; default two years). */
  termMs: number;
}

export const DEFAULT_AGE_LIMIT_YEARS = 23;
export const DEFAULT_TERM = 'P2Y';

const ORGANISATION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const REGION = /^vt-[a-z0-9-]+$/;

/**
 * An ISO 8601 duration of years, days, hours, minutes or seconds (`P2Y`, `P365D`, `PT5S`) in milliseconds; a year
 * counts 365 days. Throws naming the accepted forms.
 */
export function parseTerm(text: string = DEFAULT_TERM): number {
  const match = /^P(?:(\d+)Y)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text.trim());
  const [, y, d, h, m, s] = match ?? [];
  const ms = match ? ((Number(y ?? 0) * 365 + Number(d ?? 0)) * 24 * 3600 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0)) * 1000 : 0;
  if (!match || ms <= 0) throw new Error(`SIGNAL_TERM must be a positive ISO 8601 duration such as P2Y, P365D or PT30S (got "${text}")`);
  return ms;
}

/** Checks a parsed configuration file; throws listing every problem, so an operator can fix them in one go. */
export function parsePolicy(raw: unknown, options: { ageLimitYears?: number; termMs?: number } = {}): SignalMatchingPolicy {
  const problems: string[] = [];
  const regions = (raw as { regions?: unknown })?.regions;
  if (!Array.isArray(regions)) throw new Error('signal matching configuration: expected { "regions": [ { "region", "optedIn", "legalBasis", "organisations": [...] } ] }');
  const seenRegions = new Set<string>();
  const parsed: RegionPolicy[] = regions.map((entry: unknown, index): RegionPolicy => {
    const r = entry as Partial<RegionPolicy>;
    const at = `regions[${index}]`;
    if (typeof r.region !== 'string' || !REGION.test(r.region)) problems.push(`${at}.region must be a VT region code such as vt-groningen`);
    else if (seenRegions.has(r.region)) problems.push(`${at}.region ${r.region} appears twice`);
    else seenRegions.add(r.region);
    if (typeof r.optedIn !== 'boolean') problems.push(`${at}.optedIn must be true or false`);
    if (r.optedIn === true && (typeof r.legalBasis !== 'string' || r.legalBasis.trim() === '')) problems.push(`${at}.legalBasis is required for a region that opted in`);
    const organisations = Array.isArray(r.organisations) ? r.organisations : [];
    if (!Array.isArray(r.organisations)) problems.push(`${at}.organisations must be a list`);
    organisations.forEach((o, j) => {
      if (typeof o?.organisationId !== 'string' || !ORGANISATION_ID.test(o.organisationId)) problems.push(`${at}.organisations[${j}].organisationId must be a partner id (lower-case letters, digits and single hyphens)`);
      if (typeof o?.name !== 'string' || o.name.trim() === '') problems.push(`${at}.organisations[${j}].name is required (it is whom the other organisation contacts)`);
    });
    return {
      region: String(r.region),
      optedIn: r.optedIn === true,
      ...(typeof r.legalBasis === 'string' ? { legalBasis: r.legalBasis } : {}),
      organisations: organisations.map((o) => ({ organisationId: o.organisationId, name: o.name, ...(o.phone ? { phone: o.phone } : {}), ...(o.email ? { email: o.email } : {}) })),
    };
  });
  if (problems.length > 0) throw new Error(`signal matching configuration: ${problems.join('; ')}`);
  return { regions: parsed, ageLimitYears: options.ageLimitYears ?? DEFAULT_AGE_LIMIT_YEARS, termMs: options.termMs ?? parseTerm(DEFAULT_TERM) };
}

export function regionPolicy(policy: SignalMatchingPolicy, region: string): RegionPolicy | undefined {
  return policy.regions.find((r) => r.region === region);
}

export function admittedOrganisation(policy: SignalMatchingPolicy, region: string, organisationId: string): AdmittedOrganisation | undefined {
  return regionPolicy(policy, region)?.organisations.find((o) => o.organisationId === organisationId);
}

/** Every organisation admitted by any region (opted in or not): each has its own matches topic. */
export function signalOrganisationIds(policy: Pick<SignalMatchingPolicy, 'regions'>): string[] {
  return [...new Set(policy.regions.flatMap((r) => r.organisations.map((o) => o.organisationId)))].sort();
}
