import {
  SHELTER_CAPACITY_REPORTED,
  SHELTER_PLACE_REQUEST_WITHDRAWN,
  SHELTER_PLACE_REQUESTED,
  SHELTER_PLACEMENT_ACCEPTED,
  SHELTER_PLACEMENT_CANCELLED,
  SHELTER_PLACEMENT_DECLINED,
  SHELTER_PLACEMENT_ESCALATED,
  SHELTER_PLACEMENT_OFFER_LAPSED,
  SHELTER_PLACEMENT_OFFERED,
  SHELTER_PLACEMENT_REQUESTED,
  SHELTER_STAY_ENDED,
  SHELTER_STAY_MOVED,
  SHELTER_STAY_STARTED,
} from '@vt/contracts';
import { describe as describeEvent } from './describers';

const ids = { placementId: '6f1c2a8e-7d1b-4a54-9a63-0f0e8c1d2b3a', householdId: '0b7e6c1a-1f2d-4c3b-8a9e-5d4c3b2a1f0e' };
const at = '2025-03-03T10:00:00.000Z';
const partner = 'user:partner:opvang-utrecht-1:m';

// Replay of a placement (docs/adr/0041): every shelter event says who did what and when, with ids, regions and codes only.
describe('timeline describers for shelter placement', () => {
  const cases: [string, Record<string, unknown>, string, string | undefined][] = [
    [SHELTER_PLACEMENT_REQUESTED, { ...ids, homeRegion: 'vt-twente', urgency: 'spoed', places: { adults: 1, children: 2 }, constraints: { notInHomeRegion: true, excludedRegions: ['vt-ijsselland'] }, requestedAt: at, actor: 'user:crisis-tw' }, 'Shelter place requested by vt-twente: spoed, 1 adult and 2 children', 'user:crisis-tw'],
    [SHELTER_PLACEMENT_OFFERED, { ...ids, shelterId: 'opvang-utrecht-1', shelterRegion: 'vt-utrecht', places: { adults: 1, children: 2 }, attempt: 2, offeredAt: at, answerDueAt: '2025-03-03T14:00:00.000Z' }, 'Place offered to shelter opvang-utrecht-1 (vt-utrecht), attempt 2; answer due 2025-03-03T14:00:00.000Z', 'system:shelter-placement'],
    [SHELTER_PLACEMENT_ACCEPTED, { ...ids, shelterId: 'opvang-utrecht-1', answeredAt: at, actor: partner }, `Shelter opvang-utrecht-1 accepted the placement at ${at}`, partner],
    [SHELTER_PLACEMENT_DECLINED, { ...ids, shelterId: 'opvang-utrecht-1', reason: 'no-place', answeredAt: at, actor: partner }, 'Shelter opvang-utrecht-1 DECLINED the placement: no-place', partner],
    [SHELTER_PLACEMENT_OFFER_LAPSED, { ...ids, shelterId: 'opvang-utrecht-1', answerDueAt: at, lapsedAt: at }, `Offer to shelter opvang-utrecht-1 LAPSED unanswered (due ${at})`, 'system:shelter-placement'],
    [SHELTER_PLACEMENT_ESCALATED, { ...ids, homeRegion: 'vt-twente', urgency: 'spoed', reason: 'nobody-accepted', askedShelters: ['opvang-utrecht-1', 'opvang-utrecht-2'], escalatedAt: at }, 'Placement ESCALATED (nobody-accepted): spoed request of vt-twente needs a person; 2 shelter(s) asked', 'system:shelter-placement'],
    [SHELTER_PLACEMENT_CANCELLED, { ...ids, reason: 'placed-elsewhere', cancelledAt: at, actor: 'user:crisis-tw' }, 'Placement request cancelled: placed-elsewhere', 'user:crisis-tw'],
    [SHELTER_STAY_STARTED, { ...ids, shelterId: 'opvang-utrecht-1', shelterRegion: 'vt-utrecht', homeRegion: 'vt-twente', startedAt: at, actor: partner }, `Instroom: stay started at shelter opvang-utrecht-1 (vt-utrecht) at ${at}`, partner],
    [SHELTER_STAY_MOVED, { ...ids, fromShelterId: 'opvang-utrecht-1', toShelterId: 'opvang-utrecht-2', toShelterRegion: 'vt-utrecht', programme: 'tweede-fase-opvang', movedAt: at, actor: partner }, 'Doorstroom: stay moved from opvang-utrecht-1 to opvang-utrecht-2 (vt-utrecht), programme tweede-fase-opvang', partner],
    [SHELTER_STAY_ENDED, { ...ids, shelterId: 'opvang-utrecht-2', shelterRegion: 'vt-utrecht', homeRegion: 'vt-twente', destination: 'nieuwe-woning', endedAt: at, actor: partner }, `Uitstroom: stay at shelter opvang-utrecht-2 (vt-utrecht) ended at ${at}, destination nieuwe-woning`, partner],
    [SHELTER_CAPACITY_REPORTED, { shelterId: 'opvang-utrecht-1', shelterRegion: 'vt-utrecht', totalPlaces: 12, freePlaces: 3, reportedAt: at, actor: partner }, 'Shelter opvang-utrecht-1 (vt-utrecht) reported 3 of 12 places free', partner],
    [SHELTER_PLACE_REQUESTED, { placementId: ids.placementId, shelterId: 'opvang-utrecht-1', urgency: 'acuut', places: { adults: 1, children: 0 }, offeredAt: at, answerDueAt: at, requestingRegion: 'vt-twente', contact: { name: 'Crisisdienst Twente', phone: '+31 53 000 0000' } }, `Shelter opvang-utrecht-1 asked for a place: acuut, 1 adult and 0 children; answer due ${at} (requesting region vt-twente)`, 'system:shelter-placement'],
    [SHELTER_PLACE_REQUEST_WITHDRAWN, { placementId: ids.placementId, shelterId: 'opvang-utrecht-1', reason: 'lapsed', withdrawnAt: at }, 'Request for a place withdrawn from shelter opvang-utrecht-1 (lapsed)', 'system:shelter-placement'],
  ];

  it.each(cases)('describes %s: what happened and who did it', (type, data, summary, actor) => {
    const described = describeEvent(type, data, at);
    expect(described).toMatchObject({ generic: false, summary, actor });
    if ('placementId' in data) expect(described.details).toContainEqual(['placement', ids.placementId]);
  });

  it('covers all thirteen shelter events', () => {
    expect(new Set(cases.map(([type]) => type)).size).toBe(13);
  });

  it('leaves the desk contact on a shelter topic out of the timeline', () => {
    const described = describeEvent(SHELTER_PLACE_REQUESTED, cases[11]?.[1] ?? {}, at);
    expect(JSON.stringify(described)).not.toMatch(/Crisisdienst|\+31/);
  });

  it('names the constraints of a request as codes', () => {
    expect(describeEvent(SHELTER_PLACEMENT_REQUESTED, cases[0]?.[1] ?? {}, at).details).toContainEqual(['constraints', 'not in the home region; not in vt-ijsselland']);
  });
});
