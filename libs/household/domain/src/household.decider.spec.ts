import { HOUSEHOLD_RECORD_OPENED } from '@vt/contracts';
import { decide, evolve, HouseholdCommand, HouseholdEvent, HouseholdState, initialHouseholdState } from './household.decider';

const now = new Date('2026-11-28T10:00:00.000Z');
const open: HouseholdCommand = {
  type: 'OpenHouseholdRecord',
  householdId: '0b0e5c4e-8f3f-4a44-9c51-6f4f3f2c1a10',
  gemeenteCode: 'GM0363',
  persons: [{ personId: '5a1f7a54-1c3e-4a8e-9b8e-2f7d8c1e0a01', role: 'victim' }],
  basedOn: { meldingId: '7d0b2d7e-3f0a-4a57-8a11-0c9e4b1d2a33', acuteCheckId: '1f2e3d4c-5b6a-4789-8abc-def012345678', acute: true },
  actor: 'system:safety-investigation',
};

function given(...events: HouseholdEvent[]): HouseholdState {
  return events.reduce(evolve, initialHouseholdState);
}

describe('household record', () => {
  it('given no record, when a melding opens one, then the household is in directe-veiligheid', () => {
    const events = decide(open, given(), now);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: HOUSEHOLD_RECORD_OPENED, data: { phase: 'directe-veiligheid', householdId: open.householdId, openedAt: now.toISOString() } });
    expect(given(...events)).toMatchObject({ status: 'open', phase: 'directe-veiligheid' });
  });

  it('given an open record, when another melding asks to open it, then nothing new is recorded', () => {
    const state = given(...decide(open, given(), now));
    expect(decide(open, state, now)).toEqual([]);
  });
});
