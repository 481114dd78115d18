import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  newEvent,
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
  shelterOffersTopic,
  ShelterCancelReason,
  ShelterDeclineReason,
  ShelterDestination,
  ShelterProgramme,
  ShelterUrgency,
  TOPICS,
} from '@vt/contracts';
import { OutboxMessage } from '@vt/messaging';
import { DATA_SOURCE, Outbox, problem } from '@vt/runtime';
import {
  applyToCapacities,
  CapacityEvent,
  decide,
  decideCapacity,
  Decision,
  evolve,
  openAsk,
  PlacementCommand,
  PlacementContext,
  PlacementEvent,
  PlacementState,
  Refusal,
  ShelterCapacity,
} from '@vt/shelter-domain';
import { LoadedPlacement, loadCapacities, loadPlacements, PlacementExtras, saveCapacities, savePlacement } from './placement-store';
import { ShelterPlacementConfig } from './shelter-placement-config';

const SERVICE = 'shelter-placement';
export const SYSTEM_ACTOR = 'system:shelter-placement';
/** One lock for every placement and capacity decision: at national volumes (thousands of requests a year) a queue of one is no bottleneck, and offers never promise a place twice. */
const DECISION_LOCK = 'shelter-placement:decisions';
const UNIQUE_VIOLATION = '23505';
/** The most placements one list answers with (oldest request first). */
const LIST_LIMIT = 500;

/** A placement as Veilig Thuis staff see it (`GET /api/v1/shelter-placements/:id`). */
export interface PlacementView {
  placementId: string;
  householdId: string;
  homeRegion: string;
  urgency: ShelterUrgency;
  places: { adults: number; children: number };
  constraints: { notInHomeRegion: boolean; excludedRegions: string[] };
  status: PlacementState['status'];
  requestedAt: string;
  /** The shelter with the open offer, or the one that accepted or where the stay is now. */
  currentShelter: { shelterId: string; shelterRegion: string; answerDueAt?: string } | null;
  asks: { attempt: number; shelterId: string; shelterRegion: string; offeredAt: string; answerDueAt: string; outcome: string; declineReason?: string }[];
  programme?: string;
  acceptedAt?: string;
  escalatedAt?: string;
  cancelledAt?: string;
  stayStartedAt?: string;
  endedAt?: string;
  destination?: string;
}

/** What a shelter sees of a request offered to it: never the household. */
export interface ShelterOfferView {
  placementId: string;
  urgency: ShelterUrgency;
  places: { adults: number; children: number };
  offeredAt: string;
  answerDueAt: string;
  requestingRegion: string;
  contact: { name: string; phone: string };
}

/** What a shelter hears back after answering or reporting on a stay. */
export interface ShelterPlacementAnswer {
  placementId: string;
  status: PlacementState['status'];
  shelterId?: string;
  programme?: string;
}

export interface CapacityView {
  shelterId: string;
  region: string;
  totalPlaces: number;
  freePlaces: number;
  heldPlaces: number;
  reportedAt: string;
  /** Escalated placements offered to this shelter because of this report. */
  offered: number;
}

export interface RequestInput {
  householdId: string;
  urgency: ShelterUrgency;
  places: { adults: number; children: number };
  constraints: { notInHomeRegion: boolean; excludedRegions: string[] };
}

/** A refusal of the decider as the RFC 9457 problem every service answers with: its status, the rule as `error` and `rule`, the field. */
export function refusalProblem(refusal: Refusal): Error {
  return problem(refusal.status, refusal.rule, {
    detail: refusal.message,
    ...(refusal.field ? { fields: [{ path: refusal.field, code: refusal.rule, message: refusal.message }] } : {}),
    extensions: { rule: refusal.rule },
  });
}

export function placementNotFound(placementId: string): Error {
  return problem(404, 'placement-not-found', { detail: `no placement ${placementId}`, extensions: { rule: 'placement-not-found' } });
}

const iso = (date: Date | undefined): string | undefined => date?.toISOString();

export function viewOf(state: PlacementState): PlacementView {
  const open = openAsk(state);
  const current = open
    ? { shelterId: open.shelterId, shelterRegion: open.shelterRegion, answerDueAt: open.answerDueAt.toISOString() }
    : state.shelterId && ['accepted', 'in-stay', 'ended'].includes(state.status)
      ? { shelterId: state.shelterId, shelterRegion: state.shelterRegion ?? '' }
      : null;
  const optional = {
    programme: state.programme,
    acceptedAt: iso(state.acceptedAt),
    escalatedAt: iso(state.escalatedAt),
    cancelledAt: iso(state.cancelledAt),
    stayStartedAt: iso(state.stayStartedAt),
    endedAt: iso(state.endedAt),
    destination: state.destination,
  };
  return {
    placementId: state.placementId,
    householdId: state.householdId,
    homeRegion: state.homeRegion,
    urgency: state.urgency,
    places: { ...state.places },
    constraints: { notInHomeRegion: state.constraints.notInHomeRegion, excludedRegions: [...state.constraints.excludedRegions] },
    status: state.status,
    requestedAt: state.requestedAt.toISOString(),
    currentShelter: current,
    asks: state.asks.map((ask) => ({
      attempt: ask.attempt,
      shelterId: ask.shelterId,
      shelterRegion: ask.shelterRegion,
      offeredAt: ask.offeredAt.toISOString(),
      answerDueAt: ask.answerDueAt.toISOString(),
      outcome: ask.outcome,
      ...(ask.declineReason ? { declineReason: ask.declineReason } : {}),
    })),
    ...(Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)) as Partial<PlacementView>),
  };
}

/** A shelter sees a placement it was asked about, or one whose stay is (or was moved) to it; to anyone else it does not exist. */
export function visibleToShelter(state: PlacementState | undefined, shelterId: string): state is PlacementState {
  return state !== undefined && (state.asks.some((ask) => ask.shelterId === shelterId) || state.shelterId === shelterId);
}

/**
 * Shelter placement's commands (docs/adr/0040), each one transaction: the global decision lock, the placement's state
 * and every shelter's capacity loaded, the decider asked, its events folded into the tables and written to the outbox
 * mapped 1:1 onto the catalog's (the record on `vt.shelter.placements.v1`; `PlaceRequested` and its withdrawal on the
 * shelter's own topic, keyed and enveloped by placement id, never the household id).
 */
@Injectable()
export class Placements {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly config: ShelterPlacementConfig,
  ) {}

  // ---- Veilig Thuis -----------------------------------------------------------------------------------------------

  async request(input: RequestInput, homeRegion: string, actor: string, idempotencyKey: string | undefined): Promise<PlacementView> {
    const requestHash = createHash('sha256').update(JSON.stringify({ input, homeRegion })).digest('hex');
    if (idempotencyKey) {
      const earlier = await this.earlierAnswer(idempotencyKey, requestHash);
      if (earlier) return earlier;
    }
    const command: PlacementCommand = { type: 'RequestPlacement', placementId: randomUUID(), householdId: input.householdId, homeRegion, urgency: input.urgency, places: input.places, constraints: input.constraints, actor };
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { states } = await this.decideOn(manager, command.placementId, () => true, (state, context) => decide(state, command, context));
        const view = viewOf(states.get(command.placementId)?.state as PlacementState);
        if (idempotencyKey) {
          await manager.query('insert into idempotent_request (idempotency_key, request_hash, placement_id, response) values ($1, $2, $3, $4)', [idempotencyKey, requestHash, view.placementId, view]);
        }
        return view;
      });
    } catch (error) {
      // The same key was committed concurrently: answer as the first request was answered.
      if (idempotencyKey && (error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        const earlier = await this.earlierAnswer(idempotencyKey, requestHash);
        if (earlier) return earlier;
      }
      throw error;
    }
  }

  async cancel(placementId: string, reason: ShelterCancelReason, scope: (homeRegion: string) => boolean, actor: string): Promise<PlacementView> {
    return this.dataSource.transaction(async (manager) => {
      const { states } = await this.decideOn(manager, placementId, (state) => state !== undefined && scope(state.homeRegion), (state, context) =>
        decide(state, { type: 'CancelPlacement', placementId, reason, actor }, context),
      );
      return viewOf(states.get(placementId)?.state as PlacementState);
    });
  }

  /** One placement for staff of its home region; `read` records the read in the same transaction. */
  async show(placementId: string, scope: (homeRegion: string) => boolean, read: (manager: EntityManager, views: PlacementView[]) => Promise<void>): Promise<PlacementView> {
    return this.dataSource.transaction(async (manager) => {
      const [loaded] = await loadPlacements(manager, 'p.placement_id = $1', [placementId]);
      if (!loaded || !scope(loaded.state.homeRegion)) throw placementNotFound(placementId);
      const view = viewOf(loaded.state);
      await read(manager, [view]);
      return view;
    });
  }

  async list(regions: string[] | '*', status: PlacementState['status'] | undefined, read: (manager: EntityManager, views: PlacementView[]) => Promise<void>): Promise<PlacementView[]> {
    return this.dataSource.transaction(async (manager) => {
      const conditions: string[] = [];
      const params: unknown[] = [];
      if (regions !== '*') conditions.push(`p.home_region = any($${params.push(regions)})`);
      if (status) conditions.push(`p.status = $${params.push(status)}`);
      const loaded = await loadPlacements(manager, conditions.length > 0 ? conditions.join(' and ') : 'true', params, LIST_LIMIT);
      const views = loaded.map(({ state }) => viewOf(state));
      await read(manager, views);
      return views;
    });
  }

  // ---- shelters ---------------------------------------------------------------------------------------------------

  async reportCapacity(shelterId: string, totalPlaces: number, freePlaces: number, actor: string): Promise<CapacityView> {
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager);
      const now = new Date();
      const capacities = await loadCapacities(manager);
      const waiting = await loadPlacements(manager, `p.status = 'escalated'`);
      const openToShelter = await loadPlacements(manager, `p.status = 'offered' and exists (select 1 from placement_ask a where a.placement_id = p.placement_id and a.outcome = 'open' and a.shelter_id = $1)`, [shelterId]);
      const decision = decideCapacity(
        { type: 'ReportCapacity', shelterId, totalPlaces, freePlaces, actor },
        { now, shelters: this.config.shelters, capacities, answerTerms: this.config.answerTerms, waiting: waiting.map((p) => p.state), openToShelter: openToShelter.map((p) => p.state) },
      );
      if (!decision.ok) throw refusalProblem(decision.refusal);
      const states = new Map([...waiting, ...openToShelter].map((p) => [p.state.placementId, p]));
      const after = await this.apply(manager, decision.events, states, capacities, now, openToShelter.map((p) => p.state));
      const row = after.find((capacity) => capacity.shelterId === shelterId) as ShelterCapacity;
      return {
        shelterId,
        region: row.region,
        totalPlaces: row.totalPlaces,
        freePlaces: row.freePlaces,
        heldPlaces: row.heldPlaces,
        reportedAt: row.reportedAt.toISOString(),
        offered: decision.events.filter((event) => event.type === 'ShelterPlacementOffered').length,
      };
    });
  }

  /** The requests open to a shelter now (offered, not answered, not lapsed). */
  async openOffers(shelterId: string): Promise<ShelterOfferView[]> {
    const loaded = await loadPlacements(this.dataSource.manager, `p.status = 'offered' and exists (select 1 from placement_ask a where a.placement_id = p.placement_id and a.outcome = 'open' and a.shelter_id = $1)`, [shelterId]);
    return loaded.map(({ state }) => {
      const ask = openAsk(state);
      return {
        placementId: state.placementId,
        urgency: state.urgency,
        places: { ...state.places },
        offeredAt: (ask?.offeredAt as Date).toISOString(),
        answerDueAt: (ask?.answerDueAt as Date).toISOString(),
        requestingRegion: state.homeRegion,
        contact: this.contactOf(state.homeRegion),
      };
    });
  }

  async answer(shelterId: string, placementId: string, accepted: boolean, reason: ShelterDeclineReason | undefined, actor: string): Promise<ShelterPlacementAnswer> {
    return this.shelterCommand(shelterId, placementId, { type: 'AnswerOffer', placementId, shelterId, accepted, ...(reason ? { reason } : {}), actor });
  }

  async startStay(shelterId: string, placementId: string, startedAt: Date, actor: string): Promise<ShelterPlacementAnswer> {
    return this.shelterCommand(shelterId, placementId, { type: 'StartStay', placementId, shelterId, startedAt, actor });
  }

  async moveStay(shelterId: string, placementId: string, toShelterId: string, programme: ShelterProgramme, movedAt: Date, actor: string): Promise<ShelterPlacementAnswer> {
    return this.shelterCommand(shelterId, placementId, { type: 'MoveStay', placementId, shelterId, toShelterId, programme, movedAt, actor });
  }

  async endStay(shelterId: string, placementId: string, destination: ShelterDestination, endedAt: Date, actor: string): Promise<ShelterPlacementAnswer> {
    return this.shelterCommand(shelterId, placementId, { type: 'EndStay', placementId, shelterId, destination, endedAt, actor });
  }

  // ---- the lapse clock ---------------------------------------------------------------------------------------------

  /** Lapses the offers due at `now` (durable: the due time is a column; SKIP LOCKED shares the work between replicas). */
  async lapseDue(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // The decision lock first, as every decision takes it: rows locked before it could deadlock with a decision
      // (a cancellation, an answer) that holds it and updates the same ask.
      await this.lock(manager);
      const due = (await manager.query(`select placement_id, shelter_id from placement_ask where outcome = 'open' and answer_due_at <= $1 order by answer_due_at limit 50 for update skip locked`, [now])) as {
        placement_id: string;
        shelter_id: string;
      }[];
      if (due.length === 0) return 0;
      const at = new Date();
      let capacities = await loadCapacities(manager);
      const loaded = await loadPlacements(manager, 'p.placement_id = any($1)', [due.map((row) => row.placement_id)]);
      const states = new Map(loaded.map((p) => [p.state.placementId, p]));
      for (const row of due) {
        const state = states.get(row.placement_id)?.state;
        const decision = decide(state, { type: 'LapseOffer', placementId: row.placement_id, shelterId: row.shelter_id }, { now: at, shelters: this.config.shelters, capacities, answerTerms: this.config.answerTerms });
        if (decision.ok && decision.events.length > 0) capacities = await this.apply(manager, decision.events, states, capacities, at);
      }
      return due.length;
    });
  }

  async nextDue(): Promise<Date | undefined> {
    const [row] = (await this.dataSource.query(`select min(answer_due_at) as next from placement_ask where outcome = 'open'`)) as { next: Date | null }[];
    return row?.next ?? undefined;
  }

  // ---- the transaction's parts -------------------------------------------------------------------------------------

  private async shelterCommand(shelterId: string, placementId: string, command: PlacementCommand): Promise<ShelterPlacementAnswer> {
    return this.dataSource.transaction(async (manager) => {
      const { states } = await this.decideOn(manager, placementId, (state) => visibleToShelter(state, shelterId), (state, context) => decide(state, command, context));
      const state = states.get(placementId)?.state as PlacementState;
      // The shelter hears where the placement stands, never whose it is.
      return { placementId, status: state.status, ...(state.shelterId ? { shelterId: state.shelterId } : {}), ...(state.programme ? { programme: state.programme } : {}) };
    });
  }

  private async lock(manager: EntityManager): Promise<void> {
    await manager.query('select pg_advisory_xact_lock(hashtextextended($1, 40))', [DECISION_LOCK]);
  }

  /** Lock, load one placement and the capacities, check who may see it (else 404), decide, fold and write. */
  private async decideOn(
    manager: EntityManager,
    placementId: string,
    visible: (state: PlacementState | undefined) => boolean,
    decision: (state: PlacementState | undefined, context: PlacementContext) => Decision<PlacementEvent>,
  ): Promise<{ states: Map<string, LoadedPlacement> }> {
    await this.lock(manager);
    const now = new Date();
    const [loaded] = await loadPlacements(manager, 'p.placement_id = $1', [placementId]);
    if (!visible(loaded?.state)) throw placementNotFound(placementId);
    const capacities = await loadCapacities(manager);
    const decided = decision(loaded?.state, { now, shelters: this.config.shelters, capacities, answerTerms: this.config.answerTerms });
    if (!decided.ok) throw refusalProblem(decided.refusal);
    const states = new Map(loaded ? [[placementId, loaded]] : []);
    await this.apply(manager, decided.events, states, capacities, now);
    return { states };
  }

  /**
   * Folds `events` (in order) into the placements of `states` and into `capacities`, writes what changed and puts the
   * events in the outbox; returns the capacities after them. `openToShelter` is what `decideCapacity` was given.
   */
  private async apply(
    manager: EntityManager,
    events: (PlacementEvent | CapacityEvent)[],
    states: Map<string, LoadedPlacement>,
    capacitiesBefore: ShelterCapacity[],
    now: Date,
    openToShelter: PlacementState[] = [],
  ): Promise<ShelterCapacity[]> {
    let capacities = capacitiesBefore;
    const touched = new Set<string>();
    const messages: OutboxMessage[] = [];
    for (const event of events) {
      if (event.type === 'ShelterCapacityReported') {
        capacities = applyToCapacities(capacities, event, undefined, openToShelter);
        messages.push({
          topic: TOPICS.shelterPlacements,
          key: event.shelterId,
          event: newEvent({
            type: SHELTER_CAPACITY_REPORTED,
            service: SERVICE,
            // No household: a shelter's capacity chain is its own, named by the shelter id (docs/adr/0040).
            householdId: event.shelterId,
            subject: event.shelterId,
            time: now,
            data: { shelterId: event.shelterId, shelterRegion: event.shelterRegion, totalPlaces: event.totalPlaces, freePlaces: event.freePlaces, reportedAt: event.at.toISOString(), actor: event.actor },
          }),
        });
        continue;
      }
      const loaded = states.get(event.placementId);
      const before = loaded?.state;
      const after = evolve(before, event);
      capacities = applyToCapacities(capacities, event, before);
      const extras: PlacementExtras = loaded?.extras ?? { closedAt: new Map() };
      const open = openAsk(before);
      if (open && ['ShelterPlacementAccepted', 'ShelterPlacementDeclined', 'ShelterPlacementOfferLapsed', 'ShelterPlacementCancelled'].includes(event.type)) extras.closedAt.set(open.attempt, event.at);
      if (event.type === 'ShelterPlacementEscalated') extras.escalationReason = event.reason;
      if (event.type === 'ShelterPlacementCancelled') extras.cancelReason = event.reason;
      states.set(event.placementId, { state: after, extras });
      touched.add(event.placementId);
      messages.push(...this.messagesOf(event, before, after, now));
    }
    for (const placementId of touched) {
      const { state, extras } = states.get(placementId) as LoadedPlacement;
      if (state.status === 'requested') throw new Error(`placement ${placementId}: a decision left it between an answer and the next offer`);
      await savePlacement(manager, state, extras);
    }
    await saveCapacities(manager, capacitiesBefore, capacities);
    await this.outbox.publish(manager, messages);
    return capacities;
  }

  /** The catalog's events for one decider event: the record, and what the shelter reads on its own topic. */
  private messagesOf(event: PlacementEvent, before: PlacementState | undefined, after: PlacementState, now: Date): OutboxMessage[] {
    const placementId = event.placementId;
    const householdId = after.householdId;
    const record = <T extends Parameters<typeof newEvent>[0]['type']>(type: T, data: Parameters<typeof newEvent<T>>[0]['data']) => {
      const built = newEvent({ type, service: SERVICE, householdId, subject: placementId, time: now, data });
      return { topic: TOPICS.shelterPlacements, key: placementId, event: built };
    };
    const forShelter = <T extends Parameters<typeof newEvent>[0]['type']>(shelterId: string, type: T, data: Parameters<typeof newEvent<T>>[0]['data'], cause: { id: string; correlationid: string }): OutboxMessage => ({
      topic: shelterOffersTopic(shelterId),
      key: placementId,
      // The shelter's topic carries the placement id where the household id would be (as referral's partner topics carry a reference, docs/adr/0016).
      event: newEvent({ type, service: SERVICE, householdId: placementId, subject: placementId, time: now, causedBy: cause, data }),
    });
    switch (event.type) {
      case 'ShelterPlacementRequested':
        return [
          record(SHELTER_PLACEMENT_REQUESTED, {
            placementId,
            householdId,
            homeRegion: event.homeRegion,
            urgency: event.urgency,
            places: event.places,
            constraints: event.constraints,
            requestedAt: event.at.toISOString(),
            actor: event.actor,
          }),
        ];
      case 'ShelterPlacementOffered': {
        const offered = record(SHELTER_PLACEMENT_OFFERED, {
          placementId,
          householdId,
          shelterId: event.shelterId,
          shelterRegion: event.shelterRegion,
          places: event.places,
          attempt: event.attempt,
          offeredAt: event.at.toISOString(),
          answerDueAt: event.answerDueAt.toISOString(),
        });
        return [
          offered,
          forShelter(
            event.shelterId,
            SHELTER_PLACE_REQUESTED,
            {
              placementId,
              shelterId: event.shelterId,
              urgency: after.urgency,
              places: event.places,
              offeredAt: event.at.toISOString(),
              answerDueAt: event.answerDueAt.toISOString(),
              requestingRegion: after.homeRegion,
              contact: this.contactOf(after.homeRegion),
            },
            offered.event,
          ),
        ];
      }
      case 'ShelterPlacementAccepted':
        return [record(SHELTER_PLACEMENT_ACCEPTED, { placementId, householdId, shelterId: event.shelterId, answeredAt: event.at.toISOString(), actor: event.actor })];
      case 'ShelterPlacementDeclined':
        return [record(SHELTER_PLACEMENT_DECLINED, { placementId, householdId, shelterId: event.shelterId, reason: event.reason, answeredAt: event.at.toISOString(), actor: event.actor })];
      case 'ShelterPlacementOfferLapsed': {
        const lapsed = record(SHELTER_PLACEMENT_OFFER_LAPSED, { placementId, householdId, shelterId: event.shelterId, answerDueAt: event.answerDueAt.toISOString(), lapsedAt: event.at.toISOString() });
        return [lapsed, forShelter(event.shelterId, SHELTER_PLACE_REQUEST_WITHDRAWN, { placementId, shelterId: event.shelterId, reason: 'lapsed', withdrawnAt: event.at.toISOString() }, lapsed.event)];
      }
      case 'ShelterPlacementEscalated':
        return [
          record(SHELTER_PLACEMENT_ESCALATED, {
            placementId,
            householdId,
            homeRegion: event.homeRegion,
            urgency: event.urgency,
            reason: event.reason,
            askedShelters: event.askedShelters,
            escalatedAt: event.at.toISOString(),
          }),
        ];
      case 'ShelterPlacementCancelled': {
        const cancelled = record(SHELTER_PLACEMENT_CANCELLED, { placementId, householdId, reason: event.reason, cancelledAt: event.at.toISOString(), actor: event.actor });
        // The shelter that has the open offer, or that accepted, hears that the request is withdrawn.
        const told = openAsk(before)?.shelterId ?? (before?.status === 'accepted' ? before.shelterId : undefined);
        return told ? [cancelled, forShelter(told, SHELTER_PLACE_REQUEST_WITHDRAWN, { placementId, shelterId: told, reason: 'cancelled', withdrawnAt: event.at.toISOString() }, cancelled.event)] : [cancelled];
      }
      case 'ShelterStayStarted':
        return [
          record(SHELTER_STAY_STARTED, {
            placementId,
            householdId,
            shelterId: event.shelterId,
            shelterRegion: event.shelterRegion,
            homeRegion: event.homeRegion,
            startedAt: event.at.toISOString(),
            actor: event.actor,
          }),
        ];
      case 'ShelterStayMoved':
        return [
          record(SHELTER_STAY_MOVED, {
            placementId,
            householdId,
            fromShelterId: event.fromShelterId,
            toShelterId: event.toShelterId,
            toShelterRegion: event.toShelterRegion,
            programme: event.programme,
            movedAt: event.at.toISOString(),
            actor: event.actor,
          }),
        ];
      case 'ShelterStayEnded':
        return [
          record(SHELTER_STAY_ENDED, {
            placementId,
            householdId,
            shelterId: event.shelterId,
            shelterRegion: event.shelterRegion,
            homeRegion: event.homeRegion,
            destination: event.destination,
            endedAt: event.at.toISOString(),
            actor: event.actor,
          }),
        ];
    }
  }

  private contactOf(region: string): { name: string; phone: string } {
    const contact = this.config.contacts.get(region);
    if (!contact) throw new Error(`no contact configured for ${region} (checked at start)`);
    return { ...contact };
  }

  private async earlierAnswer(idempotencyKey: string, requestHash: string): Promise<PlacementView | undefined> {
    const [row] = (await this.dataSource.query('select request_hash, response from idempotent_request where idempotency_key = $1', [idempotencyKey])) as { request_hash: string; response: PlacementView }[];
    if (!row) return undefined;
    if (row.request_hash !== requestHash) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'idempotency-key-reused',
        fields: [{ path: 'Idempotency-Key', code: 'idempotency-key-reused', message: 'this Idempotency-Key was used for a different request; use a new key for a new request' }],
      });
    }
    return row.response;
  }
}
