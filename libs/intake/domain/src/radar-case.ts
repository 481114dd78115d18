/**
 * Whether an earlier case counts as open or closed for radar. DOMAIN.md (point 2, Radar): a *hermelding*
 * is about someone known from a **closed** case, a *vervolgmelding* adds to a **running** one. Issue 11
 * point 3 and the plan's Radar section: a case counts as closed when its household record is closed
 * (`gesloten`) **or** zicht op veiligheid was handed over by an accepted overdracht (`HouseholdHandedOver`),
 * until the household enters directe veiligheid again (libs/household/domain: entering directe veiligheid
 * ends every handover, VT holds zicht op veiligheid again).
 *
 * Intake keeps these facts from `vt.household.phases.v1`, each as the latest time it happened, so that the
 * answer does not depend on the order in which the facts arrive or on a fact arriving twice.
 */

export interface RadarCaseFacts {
  /** The household record as of its latest phase fact: `closed` in `gesloten`, otherwise `open`. */
  record: 'open' | 'closed';
  /** When the latest accepted overdracht was recorded (the `HouseholdHandedOver` event's time); none if never. */
  handedOverAt?: string | Date | null;
  /** When the household last entered directe veiligheid (its record opened there, or a phase change to it). */
  directeVeiligheidSince?: string | Date | null;
}

export interface RadarCaseStatus {
  status: 'open' | 'closed';
  /** Why a closed case is closed: its record is `gesloten`, or zicht op veiligheid was handed over. */
  closedBy?: 'gesloten' | 'overdracht';
}

const time = (value: string | Date | null | undefined): number | undefined => {
  if (value === null || value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`radar: ${String(value)} is not a time`);
  return ms;
};

/**
 * The case's status for radar. A handover counts only when it was recorded after the household last
 * entered directe veiligheid; a handover and an entry at the same instant count as the entry (the case is
 * open: VT holds zicht op veiligheid), which the household record never produces in one decision.
 */
export function radarCaseStatus(facts: RadarCaseFacts): RadarCaseStatus {
  if (facts.record === 'closed') return { status: 'closed', closedBy: 'gesloten' };
  const handedOver = time(facts.handedOverAt);
  const entered = time(facts.directeVeiligheidSince);
  if (handedOver !== undefined && (entered === undefined || entered < handedOver)) return { status: 'closed', closedBy: 'overdracht' };
  return { status: 'open' };
}
