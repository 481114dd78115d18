import { applyToCapacities, available, decideCapacity, eligibleShelters, placesCount } from './capacity';
import { evolve } from './placement';
import {
  accepted,
  capacity,
  capacityContext,
  context,
  declined,
  directory,
  escalated,
  eventsOf,
  given,
  lapsed,
  minutesLater,
  now,
  offered,
  placementId,
  reported,
  requested,
  shelterStaff,
  staff,
} from './shelter.fixtures';
import { PlacementEvent, PlacementState, ReportCapacity } from './types';

const ids = (rows: { shelterId: string }[]): string[] => rows.map((row) => row.shelterId);
const report = (shelterId: string, freePlaces: number, totalPlaces = 12): ReportCapacity => ({ type: 'ReportCapacity', shelterId, freePlaces, totalPlaces, actor: shelterStaff(shelterId) });

/** A second and third placement, waiting after escalation. */
const otherId = 'a0000000-0000-4000-8000-000000000002';
const thirdId = 'a0000000-0000-4000-8000-000000000003';
const waitingPlacement = (id: string, urgency: 'acuut' | 'spoed' | 'regulier', requestedAt: Date, places = { adults: 1, children: 2 }, excludedRegions: string[] = []): PlacementState =>
  given(requested({ placementId: id, urgency, at: requestedAt, places, excludedRegions }), escalated([], 'no-free-place', requestedAt, id, urgency));

describe('available and placesCount', () => {
  it('places are persons (adults and children); available is free at the report less held since, never below 0', () => {
    expect(placesCount({ adults: 1, children: 3 })).toBe(4);
    expect(available(capacity('opvang-utrecht', 6, 2))).toBe(4);
    expect(available(capacity('opvang-utrecht', 2, 5))).toBe(0);
  });
});

describe('rule eligible-shelter', () => {
  const fresh = (): PlacementState => given(requested());

  it('given a placement not in its home region, then the home region\'s shelter is not eligible however many places it has', () => {
    expect(ids(eligibleShelters(fresh(), context(), 'round'))).toEqual(['opvang-utrecht', 'opvang-drenthe']);
  });

  it('given notInHomeRegion false, then the home region\'s shelter is eligible; excludedRegions exclude their shelters', () => {
    const anywhere = given({ ...requested(), constraints: { notInHomeRegion: false, excludedRegions: ['vt-utrecht'] } } as PlacementEvent);
    expect(ids(eligibleShelters(anywhere, context(), 'round'))).toEqual(['opvang-groningen', 'opvang-drenthe']);
  });

  it('a shelter that never reported (unknown capacity) is never eligible; a capacity row of a shelter outside the directory neither', () => {
    const rows = [capacity('opvang-utrecht', 6), { ...capacity('opvang-elders', 10), region: 'vt-zeeland' }];
    expect(ids(eligibleShelters(fresh(), context(rows), 'round'))).toEqual(['opvang-utrecht']);
    expect(directory.map((s) => s.shelterId)).toContain('opvang-amsterdam');
  });

  it('a shelter is eligible when its available places (free less held) are at least the placement\'s places', () => {
    expect(ids(eligibleShelters(fresh(), context([capacity('opvang-utrecht', 3), capacity('opvang-drenthe', 4, 2)]), 'round'))).toEqual(['opvang-utrecht']);
  });

  it('mode round: a shelter is asked at most once per placement, whatever came of it', () => {
    const state = given(requested(), offered('opvang-utrecht', 1), declined('opvang-utrecht', 'no-place'));
    expect(ids(eligibleShelters(state, context(), 'round'))).toEqual(['opvang-drenthe']);
    const lapsedToo = given(requested(), offered('opvang-utrecht', 1), declined('opvang-utrecht'), offered('opvang-drenthe', 2), lapsed('opvang-drenthe', minutesLater(240)));
    expect(eligibleShelters(lapsedToo, context(), 'round')).toEqual([]);
  });

  it('mode after-escalation: a no-place decline or a lapse may be asked again; another decline reason excludes the shelter', () => {
    const state = given(
      requested(),
      offered('opvang-utrecht', 1),
      declined('opvang-utrecht', 'no-place'),
      offered('opvang-drenthe', 2),
      lapsed('opvang-drenthe', minutesLater(240)),
      escalated(['opvang-utrecht', 'opvang-drenthe']),
    );
    expect(ids(eligibleShelters(state, context(), 'after-escalation'))).toEqual(['opvang-utrecht', 'opvang-drenthe']);
    const refusedForSafety = given(requested(), offered('opvang-utrecht', 1), declined('opvang-utrecht', 'safety-risk'), offered('opvang-drenthe', 2), declined('opvang-drenthe', 'needs-not-met'), escalated(['opvang-utrecht', 'opvang-drenthe']));
    expect(eligibleShelters(refusedForSafety, context(), 'after-escalation')).toEqual([]);
  });
});

describe('rule best-first [verify]', () => {
  it('most available places first, then shelterId ascending', () => {
    const anywhere = given({ ...requested(), constraints: { notInHomeRegion: false, excludedRegions: [] } } as PlacementEvent);
    const rows = [capacity('opvang-utrecht', 5), capacity('opvang-groningen', 7, 2), capacity('opvang-drenthe', 9), capacity('opvang-amsterdam', 5)];
    expect(ids(eligibleShelters(anywhere, context(rows), 'round'))).toEqual(['opvang-drenthe', 'opvang-amsterdam', 'opvang-groningen', 'opvang-utrecht']);
  });
});

describe('rule capacity', () => {
  it('given a shelter of the directory, when it reports its places, then the report is recorded with its region', () => {
    expect(decideCapacity(report('opvang-amsterdam', 3, 10), capacityContext())).toEqual({
      ok: true,
      events: [{ type: 'ShelterCapacityReported', shelterId: 'opvang-amsterdam', shelterRegion: 'vt-amsterdam-amstelland', totalPlaces: 10, freePlaces: 3, at: now, actor: shelterStaff('opvang-amsterdam') }],
    });
  });

  it('a reporter not in the directory is refused 403 not-a-shelter; more free than in all, 422 naming freePlaces; a count that is not a whole number, 422 naming it', () => {
    expect(decideCapacity(report('opvang-elders', 3), capacityContext())).toMatchObject({ ok: false, refusal: { rule: 'not-a-shelter', status: 403 } });
    expect(decideCapacity(report('opvang-utrecht', 13, 12), capacityContext())).toMatchObject({ ok: false, refusal: { status: 422, field: 'freePlaces' } });
    expect(decideCapacity(report('opvang-utrecht', -1), capacityContext())).toMatchObject({ ok: false, refusal: { status: 422, field: 'freePlaces' } });
    expect(decideCapacity(report('opvang-utrecht', 1, 2.5), capacityContext())).toMatchObject({ ok: false, refusal: { status: 422, field: 'totalPlaces' } });
  });

  it('given placements waiting after escalation, when an eligible shelter reports free places, then they are offered to it most urgent first, then longest waiting, while its places last', () => {
    const regulierOld = waitingPlacement(placementId, 'regulier', minutesLater(-600));
    const acuutNew = waitingPlacement(otherId, 'acuut', minutesLater(-10));
    const spoed = waitingPlacement(thirdId, 'spoed', minutesLater(-300));
    const decision = decideCapacity(report('opvang-amsterdam', 6), capacityContext({ waiting: [regulierOld, spoed, acuutNew] }));
    expect(eventsOf(decision)).toEqual([
      expect.objectContaining({ type: 'ShelterCapacityReported', freePlaces: 6 }),
      { type: 'ShelterPlacementOffered', placementId: otherId, shelterId: 'opvang-amsterdam', shelterRegion: 'vt-amsterdam-amstelland', places: { adults: 1, children: 2 }, attempt: 1, at: now, answerDueAt: minutesLater(60) },
      expect.objectContaining({ type: 'ShelterPlacementOffered', placementId: thirdId, attempt: 1, answerDueAt: minutesLater(240) }),
      // Six places: three each for the acuut and the spoed placement; the regulier one keeps waiting.
    ]);
  });

  it('the places of offers already open to the reporting shelter are held against its report', () => {
    const openToAmsterdam = given(requested({ placementId: thirdId }), offered('opvang-amsterdam', 1, minutesLater(-5), thirdId));
    const waiting = waitingPlacement(otherId, 'acuut', minutesLater(-10));
    expect(eventsOf(decideCapacity(report('opvang-amsterdam', 5), capacityContext({ waiting: [waiting], openToShelter: [openToAmsterdam] }))).map((e) => e.type)).toEqual(['ShelterCapacityReported']);
    expect(eventsOf(decideCapacity(report('opvang-amsterdam', 6), capacityContext({ waiting: [waiting], openToShelter: [openToAmsterdam] }))).map((e) => e.type)).toEqual([
      'ShelterCapacityReported',
      'ShelterPlacementOffered',
    ]);
  });

  it('an escalated placement the reporting shelter may not take stays waiting: its region excluded, too few places, or it declined for a reason other than no-place', () => {
    const excluded = waitingPlacement(placementId, 'acuut', minutesLater(-30), { adults: 1, children: 0 }, ['vt-amsterdam-amstelland']);
    const tooBig = waitingPlacement(otherId, 'acuut', minutesLater(-20), { adults: 2, children: 5 });
    const declinedForSafety = given(
      requested({ placementId: thirdId }),
      offered('opvang-amsterdam', 1, minutesLater(-60), thirdId),
      declined('opvang-amsterdam', 'safety-risk', minutesLater(-50), thirdId),
      escalated(['opvang-amsterdam'], 'nobody-accepted', minutesLater(-50), thirdId),
    );
    expect(eventsOf(decideCapacity(report('opvang-amsterdam', 6), capacityContext({ waiting: [excluded, tooBig, declinedForSafety] }))).map((e) => e.type)).toEqual(['ShelterCapacityReported']);
  });

  it('given an escalated placement a shelter declined for no-place, when that shelter reports free places, then it is offered to it again (attempt = asks + 1)', () => {
    const state = given(
      requested(),
      offered('opvang-utrecht', 1),
      declined('opvang-utrecht', 'no-place'),
      offered('opvang-drenthe', 2),
      declined('opvang-drenthe', 'no-place'),
      escalated(['opvang-utrecht', 'opvang-drenthe']),
    );
    const events = eventsOf(decideCapacity(report('opvang-drenthe', 3), capacityContext({ waiting: [state] })));
    expect(events[1]).toMatchObject({ type: 'ShelterPlacementOffered', placementId, shelterId: 'opvang-drenthe', attempt: 3 });
    expect((events.slice(1) as PlacementEvent[]).reduce(evolve, state)).toMatchObject({ status: 'offered' });
  });

  it('only placements waiting after escalation are offered on a report (an offered or accepted one is not, even when listed)', () => {
    const offeredOne = given(requested(), offered('opvang-utrecht', 1));
    const acceptedOne = given(requested({ placementId: otherId }), offered('opvang-utrecht', 1, now, otherId), { ...accepted('opvang-utrecht'), placementId: otherId });
    expect(eventsOf(decideCapacity(report('opvang-amsterdam', 9), capacityContext({ waiting: [offeredOne, acceptedOne] }))).map((e) => e.type)).toEqual(['ShelterCapacityReported']);
  });
});

describe('rule held-places', () => {
  const rows = () => [capacity('opvang-utrecht', 6, 1), capacity('opvang-drenthe', 4)];
  const held = (capacities: { shelterId: string; heldPlaces: number }[]) => Object.fromEntries(capacities.map((c) => [c.shelterId, c.heldPlaces]));
  const offeredToUtrecht = () => given(requested(), offered('opvang-utrecht', 1));

  it('an offer holds its places at the shelter; a decline or lapse releases them (not below 0); an acceptance keeps them held until the next report', () => {
    const afterOffer = applyToCapacities(rows(), offered('opvang-utrecht', 1), given(requested()));
    expect(held(afterOffer)).toEqual({ 'opvang-utrecht': 4, 'opvang-drenthe': 0 });
    expect(held(applyToCapacities(afterOffer, declined('opvang-utrecht'), offeredToUtrecht()))).toEqual({ 'opvang-utrecht': 1, 'opvang-drenthe': 0 });
    expect(held(applyToCapacities(afterOffer, lapsed('opvang-utrecht', minutesLater(240)), offeredToUtrecht()))).toEqual({ 'opvang-utrecht': 1, 'opvang-drenthe': 0 });
    expect(held(applyToCapacities(rows(), declined('opvang-utrecht'), offeredToUtrecht()))).toEqual({ 'opvang-utrecht': 0, 'opvang-drenthe': 0 });
    expect(applyToCapacities(afterOffer, accepted('opvang-utrecht'), offeredToUtrecht())).toEqual(afterOffer);
  });

  it('a cancellation releases the places of the open offer, and of an acceptance the shelter has not counted in a report since', () => {
    const cancelled: PlacementEvent = { type: 'ShelterPlacementCancelled', placementId, reason: 'no-longer-needed', at: minutesLater(30), actor: staff };
    const holding = [capacity('opvang-utrecht', 6, 3)];
    expect(held(applyToCapacities(holding, cancelled, offeredToUtrecht()))).toEqual({ 'opvang-utrecht': 0 });
    const acceptedAfterReport = given(requested(), offered('opvang-utrecht', 1), accepted('opvang-utrecht', minutesLater(10)));
    expect(held(applyToCapacities(holding, cancelled, acceptedAfterReport))).toEqual({ 'opvang-utrecht': 0 });
    // Reported at +20 minutes, after the acceptance: the report counted the household; its next report frees the place.
    const reportedSince = [capacity('opvang-utrecht', 5, 0, minutesLater(20))];
    expect(applyToCapacities(reportedSince, cancelled, acceptedAfterReport)).toEqual(reportedSince);
    const escalatedOne = given(requested(), escalated([], 'no-free-place'));
    expect(applyToCapacities(holding, cancelled, escalatedOne)).toEqual(holding);
  });

  it('a report replaces the shelter\'s row (reportedAt its time), holding only the places of the offers still open to it; a first report adds a row', () => {
    const openToUtrecht = offeredToUtrecht();
    const acceptedAtUtrecht = given(requested({ placementId: otherId }), offered('opvang-utrecht', 1, now, otherId), { ...accepted('opvang-utrecht'), placementId: otherId });
    const reportEvent = eventsOf(decideCapacity(report('opvang-utrecht', 2, 12), capacityContext({ now: minutesLater(30) })))[0] as Parameters<typeof applyToCapacities>[1];
    expect(applyToCapacities(rows(), reportEvent, undefined, [openToUtrecht, acceptedAtUtrecht])).toEqual([
      { shelterId: 'opvang-utrecht', region: 'vt-utrecht', totalPlaces: 12, freePlaces: 2, heldPlaces: 3, reportedAt: minutesLater(30) },
      capacity('opvang-drenthe', 4),
    ]);
    const first = eventsOf(decideCapacity(report('opvang-amsterdam', 4, 8), capacityContext()))[0] as Parameters<typeof applyToCapacities>[1];
    expect(applyToCapacities(reported(), first)).toContainEqual({ shelterId: 'opvang-amsterdam', region: 'vt-amsterdam-amstelland', totalPlaces: 8, freePlaces: 4, heldPlaces: 0, reportedAt: now });
  });

  it('a move to another shelter holds the places there until it reports [verify]; a move within the shelter, a start and an end change nothing', () => {
    const inStay = given(...[requested(), offered('opvang-utrecht', 1), accepted('opvang-utrecht')], { type: 'ShelterStayStarted', placementId, shelterId: 'opvang-utrecht', shelterRegion: 'vt-utrecht', homeRegion: 'vt-groningen', at: minutesLater(60), actor: staff });
    const moved = (toShelterId: string): PlacementEvent => ({ type: 'ShelterStayMoved', placementId, fromShelterId: 'opvang-utrecht', toShelterId, toShelterRegion: 'vt-drenthe', programme: 'tweede-fase-opvang', at: minutesLater(90), actor: staff });
    expect(held(applyToCapacities(rows(), moved('opvang-drenthe'), inStay))).toEqual({ 'opvang-utrecht': 1, 'opvang-drenthe': 3 });
    expect(applyToCapacities(rows(), moved('opvang-utrecht'), inStay)).toEqual(rows());
    const ended: PlacementEvent = { type: 'ShelterStayEnded', placementId, shelterId: 'opvang-utrecht', shelterRegion: 'vt-utrecht', homeRegion: 'vt-groningen', destination: 'eigen-woning', at: minutesLater(90), actor: staff };
    expect(applyToCapacities(rows(), ended, inStay)).toEqual(rows());
  });
});
