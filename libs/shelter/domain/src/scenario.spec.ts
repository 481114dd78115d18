import { applyToCapacities, decideCapacity } from './capacity';
import { DEFAULT_ANSWER_TERMS_MS, decide, evolve } from './placement';
import { capacity, directory, eventsOf, minutesLater, now, placementId, request, shelterStaff } from './shelter.fixtures';
import { CapacityEvent, Decision, PlacementCommand, PlacementEvent, PlacementState, ReportCapacity, ShelterCapacity } from './types';

/**
 * One placement from request to uitstroom, as the service would run it: each decision's events folded into the
 * placement (`evolve`) and into the capacity rows (`applyToCapacities`, given the state before each event). Checks
 * rule one-open-offer after every step and rule held-places along the way.
 */
describe('scenario: request → decline → lapse → escalation → capacity report → offer → accept → stay start → move → end', () => {
  let state: PlacementState | undefined;
  let capacities: ShelterCapacity[];
  const log: string[] = [];

  function record(decision: Decision<PlacementEvent | CapacityEvent>): void {
    for (const event of eventsOf(decision)) {
      log.push(event.type);
      if (event.type === 'ShelterCapacityReported') {
        capacities = applyToCapacities(capacities, event, undefined, state?.status === 'offered' ? [state] : []);
      } else {
        capacities = applyToCapacities(capacities, event, state);
        state = evolve(state, event);
      }
      expect(state?.asks.filter((ask) => ask.outcome === 'open').length ?? 0).toBeLessThanOrEqual(1);
    }
  }
  const run = (command: PlacementCommand, at: Date): void => record(decide(state, command, { now: at, shelters: directory, capacities, answerTerms: DEFAULT_ANSWER_TERMS_MS }));
  const reportAt = (command: ReportCapacity, at: Date): void =>
    record(decideCapacity(command, { now: at, shelters: directory, capacities, answerTerms: DEFAULT_ANSWER_TERMS_MS, waiting: state?.status === 'escalated' ? [state] : [], openToShelter: [] }));
  const heldAt = (shelterId: string): number | undefined => capacities.find((row) => row.shelterId === shelterId)?.heldPlaces;

  it('walks the placement through every step', () => {
    // Given: Groningen (the household's home region) 8 free, Utrecht 6, Drenthe 4; Amsterdam never reported.
    capacities = [capacity('opvang-groningen', 8), capacity('opvang-utrecht', 6), capacity('opvang-drenthe', 4)];

    // Request, spoed, three places, not in the home region: offered to Utrecht (most places outside vt-groningen).
    run(request(), now);
    expect(log.splice(0)).toEqual(['ShelterPlacementRequested', 'ShelterPlacementOffered']);
    expect(state?.asks.at(-1)).toMatchObject({ shelterId: 'opvang-utrecht', attempt: 1, answerDueAt: minutesLater(240) });
    expect(heldAt('opvang-utrecht')).toBe(3);

    // Utrecht declines (no place after all): offered to Drenthe.
    run({ type: 'AnswerOffer', placementId, shelterId: 'opvang-utrecht', accepted: false, reason: 'no-place', actor: shelterStaff('opvang-utrecht') }, minutesLater(15));
    expect(log.splice(0)).toEqual(['ShelterPlacementDeclined', 'ShelterPlacementOffered']);
    expect(state?.asks.at(-1)).toMatchObject({ shelterId: 'opvang-drenthe', attempt: 2, answerDueAt: minutesLater(255) });
    expect([heldAt('opvang-utrecht'), heldAt('opvang-drenthe')]).toEqual([0, 3]);

    // Drenthe does not answer; the due-work loop fires twice: it lapses once, and nobody is left: escalation.
    run({ type: 'LapseOffer', placementId, shelterId: 'opvang-drenthe' }, minutesLater(255));
    run({ type: 'LapseOffer', placementId, shelterId: 'opvang-drenthe' }, minutesLater(256));
    expect(log.splice(0)).toEqual(['ShelterPlacementOfferLapsed', 'ShelterPlacementEscalated']);
    expect(state).toMatchObject({ status: 'escalated', escalatedAt: minutesLater(255) });
    expect(heldAt('opvang-drenthe')).toBe(0);

    // Amsterdam reports for the first time, 4 free: the waiting placement is offered to it.
    reportAt({ type: 'ReportCapacity', shelterId: 'opvang-amsterdam', totalPlaces: 10, freePlaces: 4, actor: shelterStaff('opvang-amsterdam') }, minutesLater(300));
    expect(log.splice(0)).toEqual(['ShelterCapacityReported', 'ShelterPlacementOffered']);
    expect(state?.asks.at(-1)).toMatchObject({ shelterId: 'opvang-amsterdam', shelterRegion: 'vt-amsterdam-amstelland', attempt: 3, outcome: 'open' });
    expect(heldAt('opvang-amsterdam')).toBe(3);

    // Amsterdam accepts; the places stay held until its next report.
    run({ type: 'AnswerOffer', placementId, shelterId: 'opvang-amsterdam', accepted: true, actor: shelterStaff('opvang-amsterdam') }, minutesLater(320));
    expect(log.splice(0)).toEqual(['ShelterPlacementAccepted']);
    expect(state).toMatchObject({ status: 'accepted', shelterId: 'opvang-amsterdam', acceptedAt: minutesLater(320) });
    expect(heldAt('opvang-amsterdam')).toBe(3);

    // Instroom that evening.
    run({ type: 'StartStay', placementId, shelterId: 'opvang-amsterdam', startedAt: minutesLater(480), actor: shelterStaff('opvang-amsterdam') }, minutesLater(482));
    expect(log.splice(0)).toEqual(['ShelterStayStarted']);

    // Doorstroom after three weeks to Utrecht's second-stage shelter.
    const movedAt = minutesLater(21 * 24 * 60);
    run({ type: 'MoveStay', placementId, shelterId: 'opvang-amsterdam', toShelterId: 'opvang-utrecht', programme: 'tweede-fase-opvang', movedAt, actor: shelterStaff('opvang-amsterdam') }, movedAt);
    expect(log.splice(0)).toEqual(['ShelterStayMoved']);
    expect(state).toMatchObject({ status: 'in-stay', shelterId: 'opvang-utrecht', shelterRegion: 'vt-utrecht', programme: 'tweede-fase-opvang', stayStartedAt: minutesLater(480) });
    expect(heldAt('opvang-utrecht')).toBe(3);

    // Uitstroom after six weeks in all, to new housing, recorded by Utrecht.
    const endedAt = minutesLater(42 * 24 * 60);
    run({ type: 'EndStay', placementId, shelterId: 'opvang-utrecht', destination: 'nieuwe-woning', endedAt, actor: shelterStaff('opvang-utrecht') }, endedAt);
    expect(log.splice(0)).toEqual(['ShelterStayEnded']);
    expect(state).toMatchObject({ status: 'ended', shelterId: 'opvang-utrecht', destination: 'nieuwe-woning', endedAt });
    expect(state?.asks.map((ask) => [ask.shelterId, ask.attempt, ask.outcome])).toEqual([
      ['opvang-utrecht', 1, 'declined'],
      ['opvang-drenthe', 2, 'lapsed'],
      ['opvang-amsterdam', 3, 'accepted'],
    ]);
  });
});
