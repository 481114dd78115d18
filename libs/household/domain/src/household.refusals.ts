import { AllowedMove, HOUSEHOLD_PHASE_CHANGE_REFUSED, HouseholdPhaseChangeRefusedData, MissingFact, MissingFactKind, RefusalReason } from '@vt/contracts';
import { HouseholdEvent } from './household.decider';

const FACTS: Record<MissingFactKind, string> = {
  'immediate-safety-confirmed': 'immediate safety confirmed',
  'person-in-household': 'a person of this household',
  'safety-conditions-recorded': 'safety conditions recorded',
  'safety-conditions-handed-over': 'safety conditions handed over',
  'monitoring-result-recorded': 'a monitoring result recorded',
  'monitoring-result-stable': 'the latest monitoring result stable',
};

const REASONS: Record<RefusalReason, string> = {
  'not-allowed-in-phase': 'is not allowed in this phase',
  'household-closed': 'is not allowed: the household record is closed',
  'immediate-safety-not-confirmed': 'needs immediate safety confirmed for every person',
  'sustainable-safety-not-shown': 'needs safety conditions recorded and handed over and a stable latest monitoring result',
  'unknown-person': 'names a person who is not part of this household',
};

const fact = (missing: MissingFact): string => `${FACTS[missing.fact]}${missing.personId ? ` (person ${missing.personId}${missing.role ? `, ${missing.role}` : ''})` : ''}`;
const move = (allowed: AllowedMove): string => (allowed.to ? `${allowed.command} (to ${allowed.to})` : allowed.command);

/** The refusal in words, for the person who asked. */
export function describeRefusal(refusal: HouseholdPhaseChangeRefusedData): string {
  const missing = refusal.missing.length > 0 ? `; missing: ${refusal.missing.map(fact).join(', ')}` : '';
  return `${refusal.command} ${REASONS[refusal.reason]} (phase ${refusal.phase})${missing}; allowed: ${refusal.allowed.map(move).join(', ') || 'nothing'}`;
}

/** The refusal among decided events, if the command was refused. */
export function refusalIn(events: HouseholdEvent[]): HouseholdPhaseChangeRefusedData | undefined {
  for (const event of events) if (event.type === HOUSEHOLD_PHASE_CHANGE_REFUSED) return event.data;
  return undefined;
}
