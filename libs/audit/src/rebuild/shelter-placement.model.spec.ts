import { randomUUID } from 'node:crypto';
import {
  CloudEvent,
  EventDataByType,
  EventType,
  newEvent,
  SHELTER_CAPACITY_REPORTED,
  SHELTER_PLACEMENT_ACCEPTED,
  SHELTER_PLACEMENT_CANCELLED,
  SHELTER_PLACEMENT_DECLINED,
  SHELTER_PLACEMENT_ESCALATED,
  SHELTER_PLACEMENT_OFFERED,
  SHELTER_PLACEMENT_REQUESTED,
  SHELTER_STAY_MOVED,
  SHELTER_STAY_STARTED,
  TOPICS,
} from '@vt/contracts';
import { ModelFold, ServiceModel } from './model';
import { shelterPlacementModel } from './shelter-placement.model';

const at = (second: number): Date => new Date(Date.UTC(2026, 11, 7, 9, 0, second));
const iso = (second: number): string => at(second).toISOString();

function event<T extends EventType>(type: T, key: string, data: EventDataByType[T], second: number): { topic: string; event: CloudEvent } {
  return { topic: TOPICS.shelterPlacements, event: newEvent({ type, service: 'shelter-placement', householdId: key, subject: key, time: at(second), data }) as CloudEvent };
}

describe('rebuild model of shelter-placement', () => {
  const [a, b] = [randomUUID(), randomUUID()];
  const [householdA, householdB] = [randomUUID(), randomUUID()];
  const requested = (placementId: string, householdId: string, second: number) =>
    event(SHELTER_PLACEMENT_REQUESTED, householdId, { placementId, householdId, homeRegion: 'vt-groningen', urgency: 'spoed', places: { adults: 1, children: 1 }, constraints: { notInHomeRegion: true, excludedRegions: ['vt-drenthe'] }, requestedAt: iso(second), actor: 'user:t' }, second);
  const offered = (placementId: string, householdId: string, shelterId: string, attempt: number, second: number) =>
    event(SHELTER_PLACEMENT_OFFERED, householdId, { placementId, householdId, shelterId, shelterRegion: `vt-${shelterId.replace('vrouwenopvang-', '')}`, places: { adults: 1, children: 1 }, attempt, offeredAt: iso(second), answerDueAt: iso(second + 60) }, second);
  const reported = (shelterId: string, free: number, second: number) =>
    event(SHELTER_CAPACITY_REPORTED, shelterId, { shelterId, shelterRegion: `vt-${shelterId.replace('vrouwenopvang-', '')}`, totalPlaces: 10, freePlaces: free, reportedAt: iso(second), actor: 'user:partner:x:y' }, second);

  it('rule held-places as the decider has it: offers hold, a decline frees, a report resets to the offers open then, a move holds at the new shelter, whatever order the partitions are read in', () => {
    const log = [
      reported('vrouwenopvang-fryslan', 3, 1),
      reported('vrouwenopvang-twente', 4, 1),
      requested(a, householdA, 2),
      offered(a, householdA, 'vrouwenopvang-fryslan', 1, 2),
      event(SHELTER_PLACEMENT_DECLINED, householdA, { placementId: a, householdId: householdA, shelterId: 'vrouwenopvang-fryslan', reason: 'no-place', answeredAt: iso(3), actor: 'user:partner:x:y' }, 3),
      event(SHELTER_PLACEMENT_ESCALATED, householdA, { placementId: a, householdId: householdA, homeRegion: 'vt-groningen', urgency: 'spoed', reason: 'nobody-accepted', askedShelters: ['vrouwenopvang-fryslan'], escalatedAt: iso(3) }, 3),
      requested(b, householdB, 4),
      offered(b, householdB, 'vrouwenopvang-twente', 1, 4),
      // One decision: the report, then the escalated placement offered to the reporting shelter.
      reported('vrouwenopvang-fryslan', 2, 5),
      offered(a, householdA, 'vrouwenopvang-fryslan', 2, 5),
      event(SHELTER_PLACEMENT_ACCEPTED, householdA, { placementId: a, householdId: householdA, shelterId: 'vrouwenopvang-fryslan', answeredAt: iso(6), actor: 'user:partner:x:y' }, 6),
      event(SHELTER_STAY_STARTED, householdA, { placementId: a, householdId: householdA, shelterId: 'vrouwenopvang-fryslan', shelterRegion: 'vt-fryslan', homeRegion: 'vt-groningen', startedAt: iso(6), actor: 'user:partner:x:y' }, 7),
      event(SHELTER_STAY_MOVED, householdA, { placementId: a, householdId: householdA, fromShelterId: 'vrouwenopvang-fryslan', toShelterId: 'vrouwenopvang-twente', toShelterRegion: 'vt-twente', programme: 'tweede-fase-opvang', movedAt: iso(7), actor: 'user:partner:x:y' }, 8),
      event(SHELTER_PLACEMENT_CANCELLED, householdB, { placementId: b, householdId: householdB, reason: 'placed-elsewhere', cancelledAt: iso(9), actor: 'user:t' }, 9),
    ];
    // The rebuild reads partitions one after another: here every shelter's reports after every placement's events.
    const read = [...log.filter((r) => r.event.type !== SHELTER_CAPACITY_REPORTED), ...log.filter((r) => r.event.type === SHELTER_CAPACITY_REPORTED)];
    const fold = new ModelFold([shelterPlacementModel as ServiceModel]);
    for (const record of read) fold.apply(record);
    const rows = Object.fromEntries(fold.rows().map(({ spec, rows }) => [spec.table, rows]));
    expect(rows['shelter_capacity']).toEqual([
      // Reported at 5 with nothing open to it, then offered a (2 places, held), which it accepted: held until its next report.
      { shelter_id: 'vrouwenopvang-fryslan', region: 'vt-fryslan', total_places: 10, free_places: 2, held_places: 2, reported_at: iso(5) },
      // b's offer held 2, its cancellation freed them; a's move holds 2 here until Twente reports.
      { shelter_id: 'vrouwenopvang-twente', region: 'vt-twente', total_places: 10, free_places: 4, held_places: 2, reported_at: iso(1) },
    ]);
    expect(rows['placement']?.find((row) => row['placement_id'] === a)).toMatchObject({ status: 'in-stay', shelter_id: 'vrouwenopvang-twente', shelter_region: 'vt-twente', programme: 'tweede-fase-opvang', accepted_at: iso(6), escalated_at: iso(3), escalation_reason: 'nobody-accepted', excluded_regions: ['vt-drenthe'] });
    expect(rows['placement']?.find((row) => row['placement_id'] === b)).toMatchObject({ status: 'cancelled', cancel_reason: 'placed-elsewhere', shelter_id: null });
    expect(rows['placement_ask']?.map((ask) => [ask['placement_id'] === a ? 'a' : 'b', ask['attempt'], ask['outcome'], ask['decline_reason'], ask['closed_at']])).toEqual([
      ['a', 1, 'declined', 'no-place', iso(3)],
      ['a', 2, 'accepted', null, iso(6)],
      ['b', 1, 'withdrawn', null, iso(9)],
    ]);
  });
});
