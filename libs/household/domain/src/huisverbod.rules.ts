import { HUISVERBOD_ISLANDS, HuisverbodIsland } from '@vt/contracts';
import { FieldProblem } from './investigation.rules';

/** Wet tijdelijk huisverbod art. 9: the burgemeester may extend up to 28 days after imposition. */
export const HUISVERBOD_MAX_DAYS = 28;

export function huisverbodMaxEnd(imposedAt: Date): Date {
  return new Date(imposedAt.getTime() + HUISVERBOD_MAX_DAYS * 86_400_000);
}

/**
 * Which islands the tijdelijk huisverbod pilot covers, from `HUISVERBOD_ISLANDS_PILOT`: unset or
 * `false` none, `true` all, else a comma list (`bonaire,saba`). Anything else is refused at start-up.
 */
export function parseIslandPilot(value: string | undefined): HuisverbodIsland[] {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'false') return [];
  if (text === 'true') return [...HUISVERBOD_ISLANDS];
  const islands = text.split(',').map((part) => part.trim());
  const unknown = islands.filter((island) => !(HUISVERBOD_ISLANDS as readonly string[]).includes(island));
  if (unknown.length > 0) throw new Error(`HUISVERBOD_ISLANDS_PILOT names ${unknown.join(', ')}; use true, false, or a comma list of ${HUISVERBOD_ISLANDS.join(', ')}`);
  return islands as HuisverbodIsland[];
}

/**
 * Whether a huisverbod can be recorded for a household: the law does not apply on the islands (Caribisch
 * Nederland) except where a pilot runs. An island household has no gemeentecode and names its island.
 */
export function impositionProblems(household: { gemeenteCode?: string }, island: string | undefined, pilot: readonly HuisverbodIsland[]): FieldProblem[] {
  if (household.gemeenteCode) {
    return island ? [{ path: 'island', code: 'not-allowed', message: `this household lives in gemeente ${household.gemeenteCode}, not on an island` }] : [];
  }
  if (!island) return [{ path: 'island', code: 'required', message: 'an island household: name the island whose gezaghebber imposed it (bonaire, saba, sint-eustatius)' }];
  if (!(pilot as readonly string[]).includes(island)) {
    return [{ path: 'island', code: 'not-applicable', message: `the Wet tijdelijk huisverbod does not apply on ${island}, and no pilot covers it (HUISVERBOD_ISLANDS_PILOT)` }];
  }
  return [];
}

/** An extension moves the end later, and never past 28 days from imposition. */
export function extensionProblems(huisverbod: { imposedAt: Date; endsAt: Date; status: 'running' | 'ended' }, endsAt: Date): FieldProblem[] {
  const max = huisverbodMaxEnd(huisverbod.imposedAt);
  if (endsAt.getTime() > max.getTime()) {
    return [{ path: 'endsAt', code: 'beyond-maximum', message: `a huisverbod can be extended to at most ${HUISVERBOD_MAX_DAYS} days from imposition: ${max.toISOString()}` }];
  }
  if (endsAt.getTime() <= huisverbod.endsAt.getTime()) return [{ path: 'endsAt', code: 'not-later', message: `an extension ends later than the current end ${huisverbod.endsAt.toISOString()}` }];
  return [];
}
