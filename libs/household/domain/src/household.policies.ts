import { MissingFact, PhaseChangeBasis } from '@vt/contracts';
import { RecordedHousehold } from './household.state';

/** A rule a move rests on: either it holds, with the facts it holds on, or it names what is missing. */
export type PolicyOutcome = { holds: true; basedOn: PhaseChangeBasis } | { holds: false; missing: MissingFact[] };

/** Leaving directe veiligheid: immediate safety is confirmed for every person involved. */
export function immediateSafetyForEveryone(state: RecordedHousehold): PolicyOutcome {
  const missing: MissingFact[] = state.persons
    .filter((person) => person.immediateSafety.status !== 'confirmed')
    .map(({ personId, role }) => ({ fact: 'immediate-safety-confirmed', personId, role }));
  if (missing.length > 0) return { holds: false, missing };
  const confirmations = state.persons.flatMap(({ personId, role, immediateSafety }) =>
    immediateSafety.status === 'confirmed' ? [{ personId, role, confirmedBy: immediateSafety.confirmedBy, confirmedAt: immediateSafety.confirmedAt }] : [],
  );
  return { holds: true, basedOn: { confirmations } };
}

/** Entering herstel: safety conditions are set and handed over, and the latest monitoring result is stable. */
export function sustainableSafetyShown(state: RecordedHousehold): PolicyOutcome {
  const { safetyConditions, monitoring } = state;
  const missing: MissingFact[] = [];
  if (!safetyConditions) missing.push({ fact: 'safety-conditions-recorded' });
  if (!safetyConditions || safetyConditions.handedOverTo.length === 0) missing.push({ fact: 'safety-conditions-handed-over' });
  if (!monitoring) missing.push({ fact: 'monitoring-result-recorded' });
  else if (!monitoring.stable) missing.push({ fact: 'monitoring-result-stable' });
  if (!safetyConditions || !monitoring || missing.length > 0) return { holds: false, missing };
  return {
    holds: true,
    basedOn: {
      safetyConditions: { recordedBy: safetyConditions.recordedBy, recordedAt: safetyConditions.recordedAt, handedOverTo: safetyConditions.handedOverTo },
      monitoringResult: { stable: monitoring.stable, recordedBy: monitoring.recordedBy, recordedAt: monitoring.recordedAt },
    },
  };
}
