import { HOUSEHOLD_RECORD_OPENED, HouseholdPhase, HouseholdRecordOpenedData, PersonRef } from '@vt/contracts';

/**
 * The household safety record: one per household, owned by safety-investigation.
 * `decide` is pure — time and actor are passed in — and returns the facts to record.
 */
export type HouseholdState =
  | { status: 'unknown' }
  | { status: 'open'; householdId: string; phase: HouseholdPhase; gemeenteCode: string; persons: PersonRef[] };

export type HouseholdCommand = {
  type: 'OpenHouseholdRecord';
  householdId: string;
  gemeenteCode: string;
  persons: PersonRef[];
  basedOn: { meldingId: string; acuteCheckId: string; acute: boolean };
  actor: string;
};

export type HouseholdEvent = { type: typeof HOUSEHOLD_RECORD_OPENED; data: HouseholdRecordOpenedData };

export const initialHouseholdState: HouseholdState = { status: 'unknown' };

export function decide(command: HouseholdCommand, state: HouseholdState, now: Date): HouseholdEvent[] {
  switch (command.type) {
    case 'OpenHouseholdRecord': {
      // A record that exists stays as it is; what a later melding changes is the phase workflow's concern.
      if (state.status === 'open') return [];
      return [
        {
          type: HOUSEHOLD_RECORD_OPENED,
          data: {
            householdId: command.householdId,
            phase: 'directe-veiligheid',
            gemeenteCode: command.gemeenteCode,
            persons: command.persons,
            basedOn: command.basedOn,
            reason: command.basedOn.acute
              ? 'first melding, judged acute: immediate safety must be realised for everyone involved'
              : 'first melding: immediate safety is assessed first for everyone involved',
            openedAt: now.toISOString(),
            actor: command.actor,
          },
        },
      ];
    }
  }
}

export function evolve(state: HouseholdState, event: HouseholdEvent): HouseholdState {
  switch (event.type) {
    case HOUSEHOLD_RECORD_OPENED:
      return { status: 'open', householdId: event.data.householdId, phase: event.data.phase, gemeenteCode: event.data.gemeenteCode, persons: event.data.persons };
  }
  return state;
}
