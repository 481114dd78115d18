import {
  CloudEvent,
  SHELTER_CAPACITY_REPORTED,
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
  ShelterCapacityReportedData,
  ShelterPlacementAnsweredData,
  ShelterPlacementCancelledData,
  ShelterPlacementDeclinedData,
  ShelterPlacementEscalatedData,
  ShelterPlacementOfferedData,
  ShelterPlacementOfferLapsedData,
  ShelterPlacementRequestedData,
  ShelterStayEndedData,
  ShelterStayMovedData,
  ShelterStayStartedData,
} from '@vt/contracts';
import { defineModel, Row } from './model';

const TYPES = [
  SHELTER_PLACEMENT_REQUESTED,
  SHELTER_PLACEMENT_OFFERED,
  SHELTER_PLACEMENT_ACCEPTED,
  SHELTER_PLACEMENT_DECLINED,
  SHELTER_PLACEMENT_OFFER_LAPSED,
  SHELTER_PLACEMENT_ESCALATED,
  SHELTER_PLACEMENT_CANCELLED,
  SHELTER_STAY_STARTED,
  SHELTER_STAY_MOVED,
  SHELTER_STAY_ENDED,
  SHELTER_CAPACITY_REPORTED,
] as const;

interface Logged {
  event: CloudEvent;
  /** The order the event was read in (per partition, the log's order). */
  index: number;
}

interface State {
  events: Logged[];
}

const time = (value: string): number => new Date(value).getTime();

/**
 * shelter-placement (docs/adr/0040): `placement` (the request, its constraints and where it stands), `placement_ask`
 * (every shelter asked and what came of it) and `shelter_capacity` (each shelter's last report and the places held
 * since). Not compared: `idempotent_request` (retries' keys are not on the log).
 *
 * A placement's events lie on one partition (keyed by placement id), a shelter's reports on another (keyed by shelter
 * id), so the log gives no order between them; what a shelter holds depends on that order. The events are therefore
 * folded once the whole log is read, in the order they were recorded (the envelope's `time`, which is the recording
 * time of the decision for every event of this service, the log's order within a partition kept, and a capacity
 * report first among the events of its own decision, as the service folds them). The held places follow the
 * decider's rule held-places (`applyToCapacities` in libs/shelter/domain, which this library may not import): an
 * offer holds the placement's places; a decline, a lapse or the cancellation of an open offer frees them; the
 * cancellation of a placement accepted after the shelter's last report frees them at the accepting shelter; a move to
 * another shelter holds them there; a report resets what is held to the offers open to the shelter then.
 */
export const shelterPlacementModel = defineModel<State>({
  service: 'shelter-placement',
  defaultSchema: 'shelter_placement',
  tables: [
    {
      table: 'placement',
      key: ['placement_id'],
      columns: {
        placement_id: 'uuid',
        household_id: 'uuid',
        home_region: 'text',
        urgency: 'text',
        adults: 'integer',
        children: 'integer',
        not_in_home_region: 'boolean',
        excluded_regions: 'text[]',
        status: 'text',
        shelter_id: 'text',
        shelter_region: 'text',
        programme: 'text',
        requested_at: 'timestamptz',
        accepted_at: 'timestamptz',
        escalated_at: 'timestamptz',
        escalation_reason: 'text',
        cancelled_at: 'timestamptz',
        cancel_reason: 'text',
        stay_started_at: 'timestamptz',
        last_stay_change_at: 'timestamptz',
        ended_at: 'timestamptz',
        destination: 'text',
      },
    },
    {
      table: 'placement_ask',
      key: ['placement_id', 'attempt'],
      columns: {
        placement_id: 'uuid',
        attempt: 'integer',
        shelter_id: 'text',
        shelter_region: 'text',
        offered_at: 'timestamptz',
        answer_due_at: 'timestamptz',
        outcome: 'text',
        decline_reason: 'text',
        closed_at: 'timestamptz',
      },
    },
    { table: 'shelter_capacity', key: ['shelter_id'], columns: { shelter_id: 'text', region: 'text', total_places: 'integer', free_places: 'integer', held_places: 'integer', reported_at: 'timestamptz' } },
  ],
  initial: () => ({ events: [] }),
  on: Object.fromEntries(
    TYPES.map((type) => [
      type,
      // Only vt.shelter.placements.v1 carries these types.
      (state: State, event: CloudEvent) => {
        state.events.push({ event, index: state.events.length });
      },
    ]),
  ),
  rows: (state) => foldShelterPlacements(state.events.map((logged) => logged.event)),
});

/** The three tables from the record's events, in the order the service recorded them (see the model's note). */
export function foldShelterPlacements(events: readonly CloudEvent[]): Record<string, Row[]> {
  const ordered = events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => time(a.event.time) - time(b.event.time) || rank(a.event) - rank(b.event) || a.index - b.index)
    .map(({ event }) => event);
  const placements = new Map<string, Row>();
  const asks = new Map<string, Row[]>();
  const capacities = new Map<string, Row>();
  const placesOf = (placementId: string): number => {
    const row = placements.get(placementId);
    return row ? Number(row['adults']) + Number(row['children']) : 0;
  };
  const openAsk = (placementId: string): Row | undefined => {
    const row = placements.get(placementId);
    const last = asks.get(placementId)?.at(-1);
    return row?.['status'] === 'offered' && last?.['outcome'] === 'open' ? last : undefined;
  };
  const hold = (shelterId: string, places: number): void => {
    const row = capacities.get(shelterId);
    if (row) row['held_places'] = Math.max(0, Number(row['held_places']) + places);
  };
  const close = (placementId: string, outcome: string, at: string, declineReason?: string): void => {
    const open = openAsk(placementId);
    if (open) Object.assign(open, { outcome, closed_at: at, ...(declineReason ? { decline_reason: declineReason } : {}) });
  };

  for (const event of ordered) {
    switch (event.type) {
      case SHELTER_PLACEMENT_REQUESTED: {
        const d = event.data as unknown as ShelterPlacementRequestedData;
        placements.set(d.placementId, {
          placement_id: d.placementId,
          household_id: d.householdId,
          home_region: d.homeRegion,
          urgency: d.urgency,
          adults: d.places.adults,
          children: d.places.children,
          not_in_home_region: d.constraints.notInHomeRegion,
          excluded_regions: [...d.constraints.excludedRegions],
          status: 'requested',
          shelter_id: null,
          shelter_region: null,
          programme: null,
          requested_at: d.requestedAt,
          accepted_at: null,
          escalated_at: null,
          escalation_reason: null,
          cancelled_at: null,
          cancel_reason: null,
          stay_started_at: null,
          last_stay_change_at: null,
          ended_at: null,
          destination: null,
        });
        asks.set(d.placementId, []);
        break;
      }
      case SHELTER_PLACEMENT_OFFERED: {
        const d = event.data as unknown as ShelterPlacementOfferedData;
        const row = placements.get(d.placementId);
        if (!row) break;
        asks.get(d.placementId)?.push({
          placement_id: d.placementId,
          attempt: d.attempt,
          shelter_id: d.shelterId,
          shelter_region: d.shelterRegion,
          offered_at: d.offeredAt,
          answer_due_at: d.answerDueAt,
          outcome: 'open',
          decline_reason: null,
          closed_at: null,
        });
        row['status'] = 'offered';
        hold(d.shelterId, d.places.adults + d.places.children);
        break;
      }
      case SHELTER_PLACEMENT_ACCEPTED: {
        const d = event.data as unknown as ShelterPlacementAnsweredData;
        const row = placements.get(d.placementId);
        const open = openAsk(d.placementId);
        if (!row) break;
        close(d.placementId, 'accepted', d.answeredAt);
        Object.assign(row, { status: 'accepted', shelter_id: d.shelterId, shelter_region: open?.['shelter_region'] ?? row['shelter_region'], accepted_at: d.answeredAt });
        break;
      }
      case SHELTER_PLACEMENT_DECLINED:
      case SHELTER_PLACEMENT_OFFER_LAPSED: {
        const declined = event.type === SHELTER_PLACEMENT_DECLINED;
        const d = event.data as unknown as ShelterPlacementDeclinedData & ShelterPlacementOfferLapsedData;
        const row = placements.get(d.placementId);
        if (!row) break;
        hold(d.shelterId, -placesOf(d.placementId));
        close(d.placementId, declined ? 'declined' : 'lapsed', declined ? d.answeredAt : d.lapsedAt, declined ? d.reason : undefined);
        row['status'] = 'requested';
        break;
      }
      case SHELTER_PLACEMENT_ESCALATED: {
        const d = event.data as unknown as ShelterPlacementEscalatedData;
        const row = placements.get(d.placementId);
        if (row) Object.assign(row, { status: 'escalated', escalated_at: d.escalatedAt, escalation_reason: d.reason });
        break;
      }
      case SHELTER_PLACEMENT_CANCELLED: {
        const d = event.data as unknown as ShelterPlacementCancelledData;
        const row = placements.get(d.placementId);
        if (!row) break;
        const open = openAsk(d.placementId);
        if (open) hold(String(open['shelter_id']), -placesOf(d.placementId));
        else if (row['status'] === 'accepted' && row['shelter_id'] && row['accepted_at']) {
          const capacity = capacities.get(String(row['shelter_id']));
          if (capacity && time(String(row['accepted_at'])) > time(String(capacity['reported_at']))) hold(String(row['shelter_id']), -placesOf(d.placementId));
        }
        close(d.placementId, 'withdrawn', d.cancelledAt);
        Object.assign(row, { status: 'cancelled', cancelled_at: d.cancelledAt, cancel_reason: d.reason });
        break;
      }
      case SHELTER_STAY_STARTED: {
        const d = event.data as unknown as ShelterStayStartedData;
        const row = placements.get(d.placementId);
        if (row) Object.assign(row, { status: 'in-stay', shelter_id: d.shelterId, shelter_region: d.shelterRegion, stay_started_at: d.startedAt, last_stay_change_at: d.startedAt });
        break;
      }
      case SHELTER_STAY_MOVED: {
        const d = event.data as unknown as ShelterStayMovedData;
        const row = placements.get(d.placementId);
        if (!row) break;
        if (d.toShelterId !== d.fromShelterId) hold(d.toShelterId, placesOf(d.placementId));
        Object.assign(row, { shelter_id: d.toShelterId, shelter_region: d.toShelterRegion, programme: d.programme, last_stay_change_at: d.movedAt });
        break;
      }
      case SHELTER_STAY_ENDED: {
        const d = event.data as unknown as ShelterStayEndedData;
        const row = placements.get(d.placementId);
        if (row) Object.assign(row, { status: 'ended', ended_at: d.endedAt, destination: d.destination });
        break;
      }
      case SHELTER_CAPACITY_REPORTED: {
        const d = event.data as unknown as ShelterCapacityReportedData;
        let held = 0;
        for (const placementId of placements.keys()) if (openAsk(placementId)?.['shelter_id'] === d.shelterId) held += placesOf(placementId);
        capacities.set(d.shelterId, { shelter_id: d.shelterId, region: d.shelterRegion, total_places: d.totalPlaces, free_places: d.freePlaces, held_places: held, reported_at: d.reportedAt });
        break;
      }
    }
  }
  return { placement: [...placements.values()], placement_ask: [...asks.values()].flat(), shelter_capacity: [...capacities.values()] };
}

/** Among the events of one decision (one recording time), a capacity report comes first: the offers it leads to follow it. */
function rank(event: CloudEvent): number {
  return event.type === SHELTER_CAPACITY_REPORTED ? 0 : 1;
}
