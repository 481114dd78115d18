import { DEFAULT_ANSWER_TERMS_MS, decide, evolve } from './placement';
import {
  accepted,
  acceptedAtUtrecht,
  capacity,
  context,
  declined,
  escalated,
  eventsOf,
  given,
  householdId,
  inStayAtUtrecht,
  lapsed,
  minutesLater,
  now,
  offered,
  placementId,
  request,
  requested,
  shelterStaff,
  staff,
} from './shelter.fixtures';
import { AnswerOffer, EndStay, MoveStay, PlacementEvent, PlacementState, StartStay } from './types';

const answer = (shelterId: string, overrides: Partial<AnswerOffer> = {}): AnswerOffer => ({ type: 'AnswerOffer', placementId, shelterId, accepted: true, actor: shelterStaff(shelterId), ...overrides });
const decline = (shelterId: string, reason: AnswerOffer['reason'] = 'no-place'): AnswerOffer => answer(shelterId, { accepted: false, reason });
const start = (shelterId: string, startedAt: Date): StartStay => ({ type: 'StartStay', placementId, shelterId, startedAt, actor: shelterStaff(shelterId) });
const move = (shelterId: string, toShelterId: string, programme: MoveStay['programme'], movedAt: Date): MoveStay => ({ type: 'MoveStay', placementId, shelterId, toShelterId, programme, movedAt, actor: shelterStaff(shelterId) });
const end = (shelterId: string, endedAt: Date, destination: EndStay['destination'] = 'nieuwe-woning'): EndStay => ({ type: 'EndStay', placementId, shelterId, destination, endedAt, actor: shelterStaff(shelterId) });
const openAsks = (state: PlacementState): number => state.asks.filter((ask) => ask.outcome === 'open').length;

describe('rule request', () => {
  it('given no placement, when Veilig Thuis requests one, then it is recorded and offered to the best eligible shelter (attempt 1, answer due after the urgency term)', () => {
    const events = eventsOf(decide(undefined, request({ urgency: 'acuut' }), context()));
    expect(events).toEqual([
      {
        type: 'ShelterPlacementRequested',
        placementId,
        householdId,
        homeRegion: 'vt-groningen',
        urgency: 'acuut',
        places: { adults: 1, children: 2 },
        constraints: { notInHomeRegion: true, excludedRegions: [] },
        at: now,
        actor: staff,
      },
      // Groningen has the most places (8) but is the home region; Utrecht (6) comes before Drenthe (4).
      { type: 'ShelterPlacementOffered', placementId, shelterId: 'opvang-utrecht', shelterRegion: 'vt-utrecht', places: { adults: 1, children: 2 }, attempt: 1, at: now, answerDueAt: minutesLater(60) },
    ]);
    const state = events.reduce<PlacementState | undefined>(evolve, undefined);
    expect(state).toMatchObject({ status: 'offered', requestedAt: now, asks: [{ shelterId: 'opvang-utrecht', attempt: 1, outcome: 'open', answerDueAt: minutesLater(60) }] });
  });

  it('the answer term is the urgency\'s: acuut 1 hour, spoed 4 hours, regulier 24 hours by default [verify]', () => {
    expect(DEFAULT_ANSWER_TERMS_MS).toEqual({ acuut: 3600000, spoed: 4 * 3600000, regulier: 24 * 3600000 });
    const regulier = eventsOf(decide(undefined, request({ urgency: 'regulier' }), context()));
    expect(regulier[1]).toMatchObject({ type: 'ShelterPlacementOffered', answerDueAt: minutesLater(24 * 60) });
    const shortTerms = { ...context(), answerTerms: { acuut: 60000, spoed: 120000, regulier: 180000 } };
    expect(eventsOf(decide(undefined, request(), shortTerms))[1]).toMatchObject({ answerDueAt: minutesLater(2) });
  });

  it('given no eligible shelter with a free place, when a placement is requested, then it is recorded and escalates at once (no-free-place, nobody asked)', () => {
    const events = eventsOf(decide(undefined, request(), context([capacity('opvang-groningen', 8), capacity('opvang-utrecht', 2)])));
    expect(events).toEqual([
      expect.objectContaining({ type: 'ShelterPlacementRequested' }),
      { type: 'ShelterPlacementEscalated', placementId, homeRegion: 'vt-groningen', urgency: 'spoed', reason: 'no-free-place', askedShelters: [], at: now },
    ]);
    expect(given(...events)).toMatchObject({ status: 'escalated', escalatedAt: now, asks: [] });
  });

  it('given a placement, when the same placement id is requested again, then 409 placement-exists', () => {
    expect(decide(given(requested(), offered('opvang-utrecht', 1)), request(), context())).toEqual({
      ok: false,
      refusal: { rule: 'placement-exists', status: 409, message: `placement ${placementId} was requested already` },
    });
  });

  it.each([
    ['places.adults', { places: { adults: 0, children: 2 } }],
    ['places.adults', { places: { adults: 1.5, children: 0 } }],
    ['places.children', { places: { adults: 1, children: -1 } }],
    ['places', { places: { adults: 2, children: 19 } }],
    ['constraints.excludedRegions', { constraints: { notInHomeRegion: true, excludedRegions: ['vt-drenthe', 'vt-drenthe'] } }],
    ['urgency', { urgency: 'morgen' as never }],
  ])('a request against the rule is refused 422 naming %s, and records nothing', (field, overrides) => {
    expect(decide(undefined, request(overrides), context())).toMatchObject({ ok: false, refusal: { rule: 'request-invalid', status: 422, field } });
  });

  it('a request for 20 places (the most) and one naming its home region among the excluded regions are taken', () => {
    expect(decide(undefined, request({ places: { adults: 2, children: 18 } }), context())).toMatchObject({ ok: true });
    expect(decide(undefined, request({ constraints: { notInHomeRegion: false, excludedRegions: ['vt-groningen'] } }), context())).toMatchObject({ ok: true });
  });
});

describe('rule answer', () => {
  const offeredToUtrecht = (): PlacementState => given(requested(), offered('opvang-utrecht', 1));

  it('given an offer to Utrecht, when Utrecht accepts, then the placement is accepted there', () => {
    const events = eventsOf(decide(offeredToUtrecht(), answer('opvang-utrecht'), context()));
    expect(events).toEqual([{ type: 'ShelterPlacementAccepted', placementId, shelterId: 'opvang-utrecht', at: now, actor: shelterStaff('opvang-utrecht') }]);
    expect(events.reduce(evolve, offeredToUtrecht())).toMatchObject({
      status: 'accepted',
      shelterId: 'opvang-utrecht',
      shelterRegion: 'vt-utrecht',
      acceptedAt: now,
      asks: [{ shelterId: 'opvang-utrecht', outcome: 'accepted' }],
    });
  });

  it('given an offer to Utrecht, when Utrecht declines, then the next eligible shelter is asked (attempt 2), one offer open at a time', () => {
    const at = minutesLater(10);
    const events = eventsOf(decide(offeredToUtrecht(), decline('opvang-utrecht', 'needs-not-met'), context(undefined, at)));
    expect(events).toEqual([
      { type: 'ShelterPlacementDeclined', placementId, shelterId: 'opvang-utrecht', reason: 'needs-not-met', at, actor: shelterStaff('opvang-utrecht') },
      { type: 'ShelterPlacementOffered', placementId, shelterId: 'opvang-drenthe', shelterRegion: 'vt-drenthe', places: { adults: 1, children: 2 }, attempt: 2, at, answerDueAt: minutesLater(4 * 60, at) },
    ]);
    const after = events.reduce(evolve, offeredToUtrecht());
    expect(after.asks.map((ask) => [ask.shelterId, ask.outcome, ask.declineReason])).toEqual([
      ['opvang-utrecht', 'declined', 'needs-not-met'],
      ['opvang-drenthe', 'open', undefined],
    ]);
    expect(openAsks(after)).toBe(1);
  });

  it('given every eligible shelter asked, when the last one declines, then the placement escalates (nobody-accepted, the shelters asked in order)', () => {
    const state = given(requested(), offered('opvang-utrecht', 1), declined('opvang-utrecht'), offered('opvang-drenthe', 2));
    const events = eventsOf(decide(state, decline('opvang-drenthe', 'safety-risk'), context()));
    expect(events.map((e) => e.type)).toEqual(['ShelterPlacementDeclined', 'ShelterPlacementEscalated']);
    expect(events[1]).toEqual({ type: 'ShelterPlacementEscalated', placementId, homeRegion: 'vt-groningen', urgency: 'spoed', reason: 'nobody-accepted', askedShelters: ['opvang-utrecht', 'opvang-drenthe'], at: now });
    expect(events.reduce(evolve, state)).toMatchObject({ status: 'escalated' });
  });

  it.each([
    ['accepted', [...acceptedAtUtrecht()]],
    ['escalated', [requested(), escalated([], 'no-free-place')]],
    ['cancelled', [requested(), offered('opvang-utrecht', 1), { type: 'ShelterPlacementCancelled', placementId, reason: 'no-longer-needed', at: now, actor: staff } as PlacementEvent]],
  ])('given a placement %s, when a shelter answers, then 409 no-open-offer', (_status, events) => {
    expect(decide(given(...events), answer('opvang-utrecht'), context())).toMatchObject({ ok: false, refusal: { rule: 'no-open-offer', status: 409 } });
  });

  it('given an offer to Utrecht, when Drenthe answers, then 403 not-the-asked-shelter', () => {
    expect(decide(offeredToUtrecht(), answer('opvang-drenthe'), context())).toMatchObject({ ok: false, refusal: { rule: 'not-the-asked-shelter', status: 403 } });
  });

  it('given an offer, when the shelter declines without a reason, then 422 naming reason', () => {
    expect(decide(offeredToUtrecht(), answer('opvang-utrecht', { accepted: false }), context())).toMatchObject({ ok: false, refusal: { rule: 'decline-needs-reason', status: 422, field: 'reason' } });
  });

  it('given an offer past its answerDueAt whose lapse was not recorded yet, when the shelter accepts, then the acceptance counts', () => {
    const late = minutesLater(4 * 60 + 30);
    expect(eventsOf(decide(offeredToUtrecht(), answer('opvang-utrecht'), context(undefined, late)))).toEqual([
      { type: 'ShelterPlacementAccepted', placementId, shelterId: 'opvang-utrecht', at: late, actor: shelterStaff('opvang-utrecht') },
    ]);
  });

  it('given no placement, when a shelter answers, then 404 placement-not-found', () => {
    expect(decide(undefined, answer('opvang-utrecht'), context())).toMatchObject({ ok: false, refusal: { rule: 'placement-not-found', status: 404 } });
  });
});

describe('rule lapse', () => {
  const due = minutesLater(4 * 60);
  const lapse = (shelterId = 'opvang-utrecht') => ({ type: 'LapseOffer', placementId, shelterId }) as const;

  it('given an offer to Utrecht, when its answerDueAt has come, then the offer lapses and the next eligible shelter is asked', () => {
    const events = eventsOf(decide(given(requested(), offered('opvang-utrecht', 1)), lapse(), context(undefined, due)));
    expect(events).toEqual([
      { type: 'ShelterPlacementOfferLapsed', placementId, shelterId: 'opvang-utrecht', answerDueAt: due, at: due },
      expect.objectContaining({ type: 'ShelterPlacementOffered', shelterId: 'opvang-drenthe', attempt: 2, at: due }),
    ]);
  });

  it('given the last eligible shelter\'s offer, when it lapses, then the placement escalates (nobody-accepted)', () => {
    const state = given(requested(), offered('opvang-utrecht', 1), declined('opvang-utrecht'), offered('opvang-drenthe', 2));
    const events = eventsOf(decide(state, lapse('opvang-drenthe'), context(undefined, due)));
    expect(events.map((e) => e.type)).toEqual(['ShelterPlacementOfferLapsed', 'ShelterPlacementEscalated']);
    expect(events[1]).toMatchObject({ reason: 'nobody-accepted', askedShelters: ['opvang-utrecht', 'opvang-drenthe'] });
  });

  it.each([
    ['not yet due', [requested(), offered('opvang-utrecht', 1)], minutesLater(4 * 60 - 1)],
    ['already answered', acceptedAtUtrecht(), due],
    ['already lapsed (the loop fired twice)', [requested(), offered('opvang-utrecht', 1), lapsed('opvang-utrecht', due), offered('opvang-drenthe', 2, due)], minutesLater(5)],
    ['cancelled', [requested(), offered('opvang-utrecht', 1), { type: 'ShelterPlacementCancelled', placementId, reason: 'other', at: now, actor: staff } as PlacementEvent], due],
    ['escalated', [requested(), escalated([], 'no-free-place')], due],
  ])('given an offer %s, when the due-work loop fires for Utrecht, then nothing happens', (_case, events, at) => {
    expect(decide(given(...events), lapse(), context(undefined, at))).toEqual({ ok: true, events: [] });
  });

  it('given no placement, when the due-work loop fires, then nothing happens', () => {
    expect(decide(undefined, lapse(), context(undefined, due))).toEqual({ ok: true, events: [] });
  });
});

describe('rule cancel', () => {
  const cancel = { type: 'CancelPlacement', placementId, reason: 'placed-elsewhere', actor: staff } as const;

  it.each([
    ['offered', [requested(), offered('opvang-utrecht', 1)]],
    ['escalated', [requested(), escalated([], 'no-free-place')]],
    ['accepted', acceptedAtUtrecht()],
  ])('given a placement %s, when Veilig Thuis cancels it, then it is cancelled', (_status, events) => {
    const decided = eventsOf(decide(given(...events), cancel, context()));
    expect(decided).toEqual([{ type: 'ShelterPlacementCancelled', placementId, reason: 'placed-elsewhere', at: now, actor: staff }]);
    expect(decided.reduce(evolve, given(...events))).toMatchObject({ status: 'cancelled', cancelledAt: now });
  });

  it('given an open offer, when the placement is cancelled, then that ask is withdrawn (no offer stays open)', () => {
    const state = decideAndFold(given(requested(), offered('opvang-utrecht', 1)), cancel);
    expect(state.asks.map((ask) => ask.outcome)).toEqual(['withdrawn']);
  });

  it('given a stay started or ended, when Veilig Thuis cancels, then 409 stay-started; given cancelled, 409 already-cancelled; given none, 404', () => {
    expect(decide(given(...inStayAtUtrecht()), cancel, context())).toMatchObject({ ok: false, refusal: { rule: 'stay-started', status: 409 } });
    const ended = given(...inStayAtUtrecht(), { type: 'ShelterStayEnded', placementId, shelterId: 'opvang-utrecht', shelterRegion: 'vt-utrecht', homeRegion: 'vt-groningen', destination: 'onbekend', at: minutesLater(90), actor: staff });
    expect(decide(ended, cancel, context(undefined, minutesLater(100)))).toMatchObject({ ok: false, refusal: { rule: 'stay-started', status: 409 } });
    const cancelled = decideAndFold(given(...acceptedAtUtrecht()), cancel);
    expect(decide(cancelled, cancel, context())).toMatchObject({ ok: false, refusal: { rule: 'already-cancelled', status: 409 } });
    expect(decide(undefined, cancel, context())).toMatchObject({ ok: false, refusal: { rule: 'placement-not-found', status: 404 } });
  });

  function decideAndFold(state: PlacementState, command: typeof cancel): PlacementState {
    return eventsOf(decide(state, command, context())).reduce(evolve, state);
  }
});

describe('rule instroom', () => {
  const acceptedAt = minutesLater(20);

  it('given a placement accepted by Utrecht, when Utrecht records the arrival, then the stay starts there (shelter region and home region named)', () => {
    const startedAt = minutesLater(50);
    const events = eventsOf(decide(given(...acceptedAtUtrecht()), start('opvang-utrecht', startedAt), context(undefined, minutesLater(55))));
    expect(events).toEqual([{ type: 'ShelterStayStarted', placementId, shelterId: 'opvang-utrecht', shelterRegion: 'vt-utrecht', homeRegion: 'vt-groningen', at: startedAt, actor: shelterStaff('opvang-utrecht') }]);
    expect(events.reduce(evolve, given(...acceptedAtUtrecht()))).toMatchObject({ status: 'in-stay', stayStartedAt: startedAt, lastStayChangeAt: startedAt });
  });

  it('given a placement not accepted, when a stay is started, then 409 not-accepted', () => {
    expect(decide(given(requested(), offered('opvang-utrecht', 1)), start('opvang-utrecht', now), context())).toMatchObject({ ok: false, refusal: { rule: 'not-accepted', status: 409 } });
    expect(decide(given(...inStayAtUtrecht()), start('opvang-utrecht', minutesLater(70)), context(undefined, minutesLater(70)))).toMatchObject({ ok: false, refusal: { rule: 'not-accepted' } });
  });

  it('given a placement accepted by Utrecht, when Drenthe records an arrival, then 403 not-the-accepting-shelter', () => {
    expect(decide(given(...acceptedAtUtrecht()), start('opvang-drenthe', minutesLater(30)), context(undefined, minutesLater(30)))).toMatchObject({
      ok: false,
      refusal: { rule: 'not-the-accepting-shelter', status: 403 },
    });
  });

  it('startedAt lies not before the acceptance and at most 5 minutes after now (422 naming startedAt)', () => {
    const state = given(...acceptedAtUtrecht());
    const at = minutesLater(30);
    expect(decide(state, start('opvang-utrecht', minutesLater(-1, acceptedAt)), context(undefined, at))).toMatchObject({ ok: false, refusal: { rule: 'stay-time-invalid', status: 422, field: 'startedAt' } });
    expect(decide(state, start('opvang-utrecht', acceptedAt), context(undefined, at))).toMatchObject({ ok: true });
    expect(decide(state, start('opvang-utrecht', minutesLater(5, at)), context(undefined, at))).toMatchObject({ ok: true });
    expect(decide(state, start('opvang-utrecht', new Date(minutesLater(5, at).getTime() + 1)), context(undefined, at))).toMatchObject({ ok: false, refusal: { field: 'startedAt' } });
    expect(decide(state, start('opvang-utrecht', new Date('not a time')), context(undefined, at))).toMatchObject({ ok: false, refusal: { field: 'startedAt' } });
  });
});

describe('rule doorstroom', () => {
  const startedAt = minutesLater(60);
  const at = minutesLater(24 * 60);

  it('given a stay at Utrecht, when Utrecht moves it to Drenthe, then the stay continues at Drenthe in the programme named', () => {
    const events = eventsOf(decide(given(...inStayAtUtrecht()), move('opvang-utrecht', 'opvang-drenthe', 'crisisopvang', at), context(undefined, at)));
    expect(events).toEqual([
      { type: 'ShelterStayMoved', placementId, fromShelterId: 'opvang-utrecht', toShelterId: 'opvang-drenthe', toShelterRegion: 'vt-drenthe', programme: 'crisisopvang', at, actor: shelterStaff('opvang-utrecht') },
    ]);
    expect(events.reduce(evolve, given(...inStayAtUtrecht()))).toMatchObject({ status: 'in-stay', shelterId: 'opvang-drenthe', shelterRegion: 'vt-drenthe', programme: 'crisisopvang', stayStartedAt: startedAt, lastStayChangeAt: at });
  });

  it('a move within the same shelter is to another programme (422 naming programme otherwise)', () => {
    const state = given(...inStayAtUtrecht());
    const within = eventsOf(decide(state, move('opvang-utrecht', 'opvang-utrecht', 'tweede-fase-opvang', at), context(undefined, at)));
    const after = within.reduce(evolve, state);
    expect(after).toMatchObject({ shelterId: 'opvang-utrecht', programme: 'tweede-fase-opvang' });
    expect(decide(after, move('opvang-utrecht', 'opvang-utrecht', 'tweede-fase-opvang', minutesLater(60, at)), context(undefined, minutesLater(60, at)))).toMatchObject({
      ok: false,
      refusal: { rule: 'move-changes-nothing', status: 422, field: 'programme' },
    });
  });

  it('a move goes to a shelter of the directory (422 naming toShelterId)', () => {
    expect(decide(given(...inStayAtUtrecht()), move('opvang-utrecht', 'opvang-nergens', 'crisisopvang', at), context(undefined, at))).toMatchObject({
      ok: false,
      refusal: { rule: 'unknown-shelter', status: 422, field: 'toShelterId' },
    });
  });

  it('only a stay is moved (409 not-in-stay), only by the shelter where it is now (403 not-the-current-shelter)', () => {
    expect(decide(given(...acceptedAtUtrecht()), move('opvang-utrecht', 'opvang-drenthe', 'crisisopvang', at), context(undefined, at))).toMatchObject({ ok: false, refusal: { rule: 'not-in-stay', status: 409 } });
    const moved = given(...inStayAtUtrecht(), { type: 'ShelterStayMoved', placementId, fromShelterId: 'opvang-utrecht', toShelterId: 'opvang-drenthe', toShelterRegion: 'vt-drenthe', programme: 'crisisopvang', at, actor: staff });
    expect(decide(moved, move('opvang-utrecht', 'opvang-amsterdam', 'crisisopvang', minutesLater(1, at)), context(undefined, minutesLater(1, at)))).toMatchObject({
      ok: false,
      refusal: { rule: 'not-the-current-shelter', status: 403 },
    });
  });

  it('movedAt lies not before the stay\'s last start or move and at most 5 minutes after now (422 naming movedAt)', () => {
    const state = given(...inStayAtUtrecht());
    expect(decide(state, move('opvang-utrecht', 'opvang-drenthe', 'crisisopvang', minutesLater(-1, startedAt)), context(undefined, at))).toMatchObject({ ok: false, refusal: { rule: 'stay-time-invalid', field: 'movedAt' } });
    expect(decide(state, move('opvang-utrecht', 'opvang-drenthe', 'crisisopvang', minutesLater(6, at)), context(undefined, at))).toMatchObject({ ok: false, refusal: { rule: 'stay-time-invalid', field: 'movedAt' } });
    expect(decide(state, move('opvang-utrecht', 'opvang-drenthe', 'crisisopvang', startedAt), context(undefined, at))).toMatchObject({ ok: true });
  });
});

describe('rule uitstroom', () => {
  const at = minutesLater(6 * 7 * 24 * 60);
  const movedAt = minutesLater(24 * 60);
  const movedToDrenthe = (): PlacementState =>
    given(...inStayAtUtrecht(), { type: 'ShelterStayMoved', placementId, fromShelterId: 'opvang-utrecht', toShelterId: 'opvang-drenthe', toShelterRegion: 'vt-drenthe', programme: 'tweede-fase-opvang', at: movedAt, actor: staff });

  it('given a stay moved to Drenthe, when Drenthe records the departure, then the stay ends there with its destination', () => {
    const events = eventsOf(decide(movedToDrenthe(), end('opvang-drenthe', at, 'eigen-woning'), context(undefined, at)));
    expect(events).toEqual([
      { type: 'ShelterStayEnded', placementId, shelterId: 'opvang-drenthe', shelterRegion: 'vt-drenthe', homeRegion: 'vt-groningen', destination: 'eigen-woning', at, actor: shelterStaff('opvang-drenthe') },
    ]);
    const after = events.reduce(evolve, movedToDrenthe());
    expect(after).toMatchObject({ status: 'ended', endedAt: at, destination: 'eigen-woning' });
    expect(decide(after, end('opvang-drenthe', at, 'eigen-woning'), context(undefined, at))).toMatchObject({ ok: false, refusal: { rule: 'not-in-stay', status: 409 } });
  });

  it('only the shelter where the stay is now ends it (403 not-the-current-shelter); a placement not in a stay cannot end (409 not-in-stay)', () => {
    expect(decide(movedToDrenthe(), end('opvang-utrecht', at), context(undefined, at))).toMatchObject({ ok: false, refusal: { rule: 'not-the-current-shelter', status: 403 } });
    expect(decide(given(...acceptedAtUtrecht()), end('opvang-utrecht', at), context(undefined, at))).toMatchObject({ ok: false, refusal: { rule: 'not-in-stay', status: 409 } });
  });

  it('endedAt lies not before the stay\'s last start or move and at most 5 minutes after now (422 naming endedAt); the destination is one of the list (422 naming destination)', () => {
    expect(decide(movedToDrenthe(), end('opvang-drenthe', minutesLater(-1, movedAt)), context(undefined, at))).toMatchObject({ ok: false, refusal: { rule: 'stay-time-invalid', field: 'endedAt' } });
    expect(decide(movedToDrenthe(), end('opvang-drenthe', minutesLater(6, at)), context(undefined, at))).toMatchObject({ ok: false, refusal: { field: 'endedAt' } });
    expect(decide(movedToDrenthe(), end('opvang-drenthe', at, 'ergens' as never), context(undefined, at))).toMatchObject({ ok: false, refusal: { status: 422, field: 'destination' } });
  });
});

describe('evolve', () => {
  it('builds the placement from its events: asks with their outcomes, status, shelter, stay', () => {
    const state = given(
      requested(),
      offered('opvang-utrecht', 1),
      declined('opvang-utrecht', 'safety-risk'),
      offered('opvang-drenthe', 2),
      lapsed('opvang-drenthe', minutesLater(240)),
      escalated(['opvang-utrecht', 'opvang-drenthe'], 'nobody-accepted', minutesLater(240)),
      offered('opvang-drenthe', 3, minutesLater(300)),
      accepted('opvang-drenthe', minutesLater(310)),
    );
    expect(state).toMatchObject({
      placementId,
      householdId,
      status: 'accepted',
      shelterId: 'opvang-drenthe',
      shelterRegion: 'vt-drenthe',
      acceptedAt: minutesLater(310),
      escalatedAt: minutesLater(240),
      asks: [
        { shelterId: 'opvang-utrecht', attempt: 1, outcome: 'declined', declineReason: 'safety-risk' },
        { shelterId: 'opvang-drenthe', attempt: 2, outcome: 'lapsed' },
        { shelterId: 'opvang-drenthe', attempt: 3, outcome: 'accepted', offeredAt: minutesLater(300) },
      ],
    });
  });

  it('refuses to fold an event into a placement that was never requested (a programming error, not a refusal)', () => {
    expect(() => evolve(undefined, offered('opvang-utrecht', 1))).toThrow('before it was requested');
  });
});
