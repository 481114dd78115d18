import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { approachingAt, calendarFor, CalendarPlace, computeDeadline } from '@vt/calendar';
import {
  ERASURE_DEADLINE_APPROACHING,
  ERASURE_DEADLINE_BREACHED,
  ERASURE_REQUESTED,
  ErasureReason,
  HOUSEHOLD_DATA_ERASED,
  HouseholdDataErasedData,
  newEvent,
  PERSON_DATA_ERASED,
  PersonDataErasedData,
  TOPICS,
} from '@vt/contracts';
import { defaultLegalBases, jurisdictionOf, LegalBases } from '@vt/legal';
import { erasureReason, PersonDataCipher } from '@vt/privacy';
import { DATA_SOURCE, Outbox } from '@vt/runtime';
import { loadRetentionRule, RetentionRule, retentionEndsAt } from './retention-rule';

/**
 * A person or melder intake knows, with the record they are on: a melding, or an adviesvraag (its persons, and
 * the adviesvrager as kind `melder`: the one who called).
 */
export interface ErasureSubject {
  kind: 'person' | 'melder';
  personId: string;
  householdId: string;
  record: { kind: 'melding'; meldingId: string } | { kind: 'adviesvraag'; adviesvraagId: string };
  /** The VT region of the record; null for an adviesvraag whose caller named no gemeente (then only national scope may act). */
  region: string | null;
  place: CalendarPlace;
  erasedAt: Date | null;
}

export interface ErasureDone {
  erasureId: string;
  personId: string;
  householdId: string;
  subjectKind: 'person' | 'melder';
  erasedAt: string;
  reason: ErasureReason;
  legalBasis: string;
  requestId?: string;
  actor: string;
}

export type EraseOutcome =
  | { kind: 'erased'; erasure: ErasureDone }
  | { kind: 'already-erased'; erasure: ErasureDone }
  | { kind: 'person-not-found' }
  | { kind: 'request-not-found' }
  | { kind: 'request-of-another-person'; requestPersonId: string };

export interface ErasureRequestRegistered {
  requestId: string;
  personId: string;
  householdId: string;
  receivedAt: string;
  dueAt: string;
  dueLocalDate: string;
  approachingAt: string;
  legalBasis: string;
  warnings: string[];
}

/** The erasure of a household's own key: the free text about the household as a whole (docs/adr/0020). */
export type HouseholdErasureOutcome = { kind: 'erased'; erasure: HouseholdDataErasedData } | { kind: 'already-erased'; erasure: HouseholdDataErasedData } | { kind: 'household-not-found' };

export type RequestOutcome =
  | { kind: 'registered'; request: ErasureRequestRegistered }
  | { kind: 'person-not-found' }
  | { kind: 'already-erased'; erasure: ErasureDone }
  | { kind: 'request-open'; requestId: string };

/**
 * Everyone intake can erase, one row each: the persons and the melder of each melding, the persons and the
 * adviesvrager of each adviesvraag, with the household, the record they are on, its region and island.
 */
const SUBJECTS = `
  select 'person' as kind, p.person_id, m.household_id, 'melding' as record, m.melding_id as record_id, m.vt_region as region, m.island, p.erased_at
    from melding_person p join melding m on m.melding_id = p.melding_id
  union all
  select 'melder', d.melder_id, m.household_id, 'melding', m.melding_id, m.vt_region, m.island, d.erased_at
    from melder d join melding m on m.melding_id = d.melding_id
  union all
  select 'person', p.person_id, a.household_id, 'adviesvraag', a.adviesvraag_id, a.vt_region, null, p.erased_at
    from adviesvraag_person p join adviesvraag a on a.adviesvraag_id = p.adviesvraag_id
  union all
  select 'melder', v.adviesvrager_id, a.household_id, 'adviesvraag', a.adviesvraag_id, a.vt_region, null, v.erased_at
    from adviesvrager v join adviesvraag a on a.adviesvraag_id = v.adviesvraag_id`;

/** A destruction request counts as approaching when 10 working days remain. */
const REQUEST_LEAD_TIME = { workingDaysLeft: 10 } as const;

interface ErasureRow {
  erasure_id: string;
  person_id: string;
  household_id: string;
  subject_kind: 'person' | 'melder';
  reason: ErasureReason;
  request_id: string | null;
  erased_at: Date;
  actor: string;
}

interface HouseholdErasureRow {
  household_id: string;
  erasure_id: string;
  reason: ErasureReason;
  erased_at: Date;
  actor: string;
}

const asHouseholdErasure = (row: HouseholdErasureRow, legalBasis: string): HouseholdDataErasedData => ({
  erasureId: row.erasure_id,
  householdId: row.household_id,
  erasedAt: row.erased_at.toISOString(),
  reason: row.reason,
  legalBasis,
  actor: row.actor,
});

const asErasure = (row: ErasureRow, legalBasis: string): ErasureDone => ({
  erasureId: row.erasure_id,
  personId: row.person_id,
  householdId: row.household_id,
  subjectKind: row.subject_kind,
  erasedAt: row.erased_at.toISOString(),
  reason: row.reason,
  legalBasis,
  ...(row.request_id ? { requestId: row.request_id } : {}),
  actor: row.actor,
});

/**
 * Erasure by crypto-shredding (docs/adr/0007): destroys the person's data key, clears what intake keeps of
 * them in its own tables, and records `PersonDataErased`, all in the caller's transaction. Also destruction
 * requests with their 3-month clock, and the retention clock of each household.
 */
@Injectable()
export class ErasureService {
  readonly retention: RetentionRule = loadRetentionRule();
  /** Read and checked at start (config/legal-bases.json): an island person's erasure cites the law of Caribisch Nederland. */
  private readonly legalBases: LegalBases = defaultLegalBases();

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly personalData: PersonDataCipher,
  ) {}

  async subject(manager: EntityManager, personId: string): Promise<ErasureSubject | undefined> {
    const [row] = (await manager.query(`select * from (${SUBJECTS}) s where person_id = $1`, [personId])) as {
      kind: 'person' | 'melder';
      person_id: string;
      household_id: string;
      record: 'melding' | 'adviesvraag';
      record_id: string;
      region: string | null;
      island: CalendarPlace | null;
      erased_at: Date | null;
    }[];
    if (!row) return undefined;
    return {
      kind: row.kind,
      personId: row.person_id,
      householdId: row.household_id,
      record: row.record === 'melding' ? { kind: 'melding', meldingId: row.record_id } : { kind: 'adviesvraag', adviesvraagId: row.record_id },
      region: row.region,
      place: row.island ?? 'nl',
      erasedAt: row.erased_at,
    };
  }

  /** The recorded erasure of a person, citing the legal basis of the place (`subject.place`) the person is known at. */
  async erasureOf(manager: EntityManager, personId: string, place: CalendarPlace = 'nl'): Promise<ErasureDone | undefined> {
    const [row] = (await manager.query('select * from person_erasure where person_id = $1', [personId])) as ErasureRow[];
    return row ? asErasure(row, this.erasureBasis(place, row.reason)) : undefined;
  }

  /** The basis of erasing for `reason` in the jurisdiction of `place`, cited with ` [verify]` when unconfirmed. */
  private erasureBasis(place: CalendarPlace, reason: ErasureReason): string {
    return this.legalBases.basis(jurisdictionOf(place), `erasure.${reason}`).cited;
  }

  /**
   * Erases one person (or melder). Without `requestId`, an open destruction request of the person is carried
   * out by this erasure. Erasing twice is refused as `already-erased`, naming the first erasure.
   */
  async erase(manager: EntityManager, input: { personId: string; reason: ErasureReason; requestId?: string; actor: string }): Promise<EraseOutcome> {
    const subject = await this.subject(manager, input.personId);
    if (!subject) return { kind: 'person-not-found' };
    let requestId = input.requestId;
    if (requestId) {
      const [request] = (await manager.query('select person_id from erasure_request where request_id = $1 for update', [requestId])) as { person_id: string }[];
      if (!request) return { kind: 'request-not-found' };
      if (request.person_id !== subject.personId) return { kind: 'request-of-another-person', requestPersonId: request.person_id };
    } else {
      const [open] = (await manager.query(`select request_id from erasure_request where person_id = $1 and state <> 'done' for update`, [subject.personId])) as { request_id: string }[];
      requestId = open?.request_id;
    }
    const erasureId = randomUUID();
    // The primary key serialises concurrent erasures of one person: the second waits, then finds the first.
    const [claimed] = (await manager.query(
      `insert into person_erasure (person_id, erasure_id, household_id, subject_kind, reason, request_id, erased_at, actor)
       values ($1, $2, $3, $4, $5, $6, now(), $7) on conflict (person_id) do nothing returning *`,
      [subject.personId, erasureId, subject.householdId, subject.kind, input.reason, requestId ?? null, input.actor],
    )) as ErasureRow[];
    if (!claimed) {
      const earlier = await this.erasureOf(manager, subject.personId, subject.place);
      if (!earlier) throw new Error(`person ${subject.personId}: erasure conflicted but cannot be read`);
      return { kind: 'already-erased', erasure: earlier };
    }
    const destroyed = await this.personalData.keys.destroy(manager, subject.personId, erasureReason(input.reason, erasureId));
    const erasedAt = destroyed.destroyedAt;
    await this.clearFields(manager, subject, erasedAt);
    await manager.query('update person_erasure set erased_at = $2 where person_id = $1', [subject.personId, erasedAt]);
    if (requestId) await manager.query(`update erasure_request set state = 'done', erased_at = $2 where request_id = $1`, [requestId, erasedAt]);
    const data: PersonDataErasedData = {
      erasureId,
      personId: subject.personId,
      householdId: subject.householdId,
      subjectKind: subject.kind,
      erasedAt: erasedAt.toISOString(),
      reason: input.reason,
      legalBasis: this.erasureBasis(subject.place, input.reason),
      ...(requestId ? { requestId } : {}),
      actor: input.actor,
    };
    await this.outbox.publish(manager, [
      { topic: TOPICS.privacyErasures, event: newEvent({ type: PERSON_DATA_ERASED, service: 'intake', householdId: subject.householdId, subject: subject.personId, time: erasedAt, data }) },
    ]);
    return { kind: 'erased', erasure: { ...data } };
  }

  /** The VT region of a household intake knows (of its latest melding or adviesvraag; docs/adr/0017), or undefined when it knows none. */
  async householdRegion(manager: EntityManager, householdId: string): Promise<{ region: string | null; place: CalendarPlace } | undefined> {
    const [row] = (await manager.query(
      `select region, island from (
         select vt_region as region, island, received_at from melding where household_id = $1
         union all select vt_region, null, received_at from adviesvraag where household_id = $1) h
       order by received_at desc limit 1`,
      [householdId],
    )) as { region: string | null; island: CalendarPlace | null }[];
    return row ? { region: row.region, place: row.island ?? 'nl' } : undefined;
  }

  /**
   * Erases the household's own data key, the key that free text about the household as a whole is encrypted
   * under in every service (an assessment's reasoning, safety conditions, monitoring reasons, crisis notes …;
   * docs/adr/0020), and records `HouseholdDataErased` so that every service destroys its copy. Once per
   * household: a second time answers `already-erased` with the first erasure. The persons' own keys are
   * erased person by person (`erase`); the retention job does both.
   */
  async eraseHousehold(manager: EntityManager, input: { householdId: string; reason: ErasureReason; actor: string }): Promise<HouseholdErasureOutcome> {
    const household = await this.householdRegion(manager, input.householdId);
    if (!household) return { kind: 'household-not-found' };
    const legalBasis = this.erasureBasis(household.place, input.reason);
    const erasureId = randomUUID();
    const [claimed] = (await manager.query(
      `insert into household_erasure (household_id, erasure_id, reason, erased_at, actor) values ($1, $2, $3, now(), $4) on conflict (household_id) do nothing returning *`,
      [input.householdId, erasureId, input.reason, input.actor],
    )) as HouseholdErasureRow[];
    if (!claimed) {
      const [earlier] = (await manager.query('select * from household_erasure where household_id = $1', [input.householdId])) as HouseholdErasureRow[];
      if (!earlier) throw new Error(`household ${input.householdId}: erasure conflicted but cannot be read`);
      return { kind: 'already-erased', erasure: asHouseholdErasure(earlier, this.erasureBasis(household.place, earlier.reason)) };
    }
    // Intake keeps no text under the household's key today; the destroyed row stops one being made later.
    const destroyed = await this.personalData.keys.destroy(manager, input.householdId, erasureReason(input.reason, erasureId));
    await manager.query('update household_erasure set erased_at = $2 where household_id = $1', [input.householdId, destroyed.destroyedAt]);
    const erasure = asHouseholdErasure({ ...claimed, erased_at: destroyed.destroyedAt }, legalBasis);
    await this.outbox.publish(manager, [
      { topic: TOPICS.privacyErasures, event: newEvent({ type: HOUSEHOLD_DATA_ERASED, service: 'intake', householdId: input.householdId, subject: input.householdId, time: destroyed.destroyedAt, data: erasure }) },
    ]);
    return { kind: 'erased', erasure };
  }

  /** Clears what intake keeps of the subject in its own tables; the row stays (ids and role, for the record). */
  private async clearFields(manager: EntityManager, subject: ErasureSubject, erasedAt: Date): Promise<void> {
    const { record } = subject;
    if (record.kind === 'melding' && subject.kind === 'person') {
      await manager.query(`update melding_person set name = null, birth_date = null, estimated_age = null, bsn = null, erased_at = $2 where person_id = $1`, [subject.personId, erasedAt]);
      // Radar must not find an erased person again.
      await manager.query('delete from radar_key where person_id = $1', [subject.personId]);
    } else if (record.kind === 'melding') {
      await manager.query(`update melder set name = null, organisation = null, phone = null, email = null, seal_explanation = null, erased_at = $2 where melder_id = $1`, [subject.personId, erasedAt]);
      // The melder's words travel under the melder's key (ADR 0007), so they go with the melder.
      await manager.query('update melding set account = null, acute_ground = null where melding_id = $1', [record.meldingId]);
    } else if (subject.kind === 'person') {
      // An adviesvraag's persons never travel in events: their row is all there is.
      await manager.query(`update adviesvraag_person set name = null, birth_date = null, estimated_age = null, erased_at = $2 where person_id = $1`, [subject.personId, erasedAt]);
    } else {
      await manager.query(`update adviesvrager set name = null, organisation = null, phone = null, email = null, erased_at = $2 where adviesvrager_id = $1`, [subject.personId, erasedAt]);
      // The question is the adviesvrager's words, and the advice answers them: both go with the adviesvrager.
      await manager.query('update adviesvraag set question = null, advice = null where adviesvraag_id = $1', [record.adviesvraagId]);
    }
  }

  /**
   * Records a destruction request and starts its 3-month clock from its receipt, on the basis of the person's
   * jurisdiction (Wmo 2015 art. 5.3.5 in the European Netherlands; config/legal-bases.json).
   */
  async registerRequest(manager: EntityManager, input: { personId: string; receivedAt: Date; actor: string }): Promise<RequestOutcome> {
    const subject = await this.subject(manager, input.personId);
    if (!subject) return { kind: 'person-not-found' };
    const erased = await this.erasureOf(manager, subject.personId, subject.place);
    if (erased) return { kind: 'already-erased', erasure: erased };
    const [open] = (await manager.query(`select request_id from erasure_request where person_id = $1 and state <> 'done'`, [subject.personId])) as { request_id: string }[];
    if (open) return { kind: 'request-open', requestId: open.request_id };
    const calendar = calendarFor(subject.place);
    const deadline = computeDeadline('vernietigingsverzoek', input.receivedAt, { calendar, legalBases: this.legalBases });
    const approaching = approachingAt(deadline, REQUEST_LEAD_TIME, calendar);
    const requestId = randomUUID();
    const inserted = (await manager.query(
      `insert into erasure_request (request_id, person_id, household_id, received_at, due_at, due_local_date, approaching_at, calendar, legal_basis, registered_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict do nothing returning request_id`,
      [requestId, subject.personId, subject.householdId, input.receivedAt, deadline.dueAt, deadline.dueLocalDate, approaching, calendar.id, deadline.legalBasis, input.actor],
    )) as unknown[];
    if (inserted.length === 0) {
      const [raced] = (await manager.query(`select request_id from erasure_request where person_id = $1 and state <> 'done'`, [subject.personId])) as { request_id: string }[];
      return { kind: 'request-open', requestId: raced?.request_id ?? 'unknown' };
    }
    const request: ErasureRequestRegistered = {
      requestId,
      personId: subject.personId,
      householdId: subject.householdId,
      receivedAt: input.receivedAt.toISOString(),
      dueAt: deadline.dueAt.toISOString(),
      dueLocalDate: deadline.dueLocalDate,
      approachingAt: approaching.toISOString(),
      legalBasis: deadline.legalBasis,
      warnings: deadline.warnings,
    };
    await this.outbox.publish(manager, [
      {
        topic: TOPICS.privacyErasures,
        event: newEvent({
          type: ERASURE_REQUESTED,
          service: 'intake',
          householdId: subject.householdId,
          subject: requestId,
          time: new Date(),
          data: {
            requestId,
            personId: subject.personId,
            householdId: subject.householdId,
            receivedAt: request.receivedAt,
            clock: 'vernietigingsverzoek',
            legalBasis: request.legalBasis,
            dueAt: request.dueAt,
            dueLocalDate: request.dueLocalDate,
            approachingAt: request.approachingAt,
            calendar: calendar.id,
            actor: input.actor,
          },
        }),
      },
    ]);
    return { kind: 'registered', request };
  }

  /**
   * Sets (or moves) the household's retention clock from its persons and its last melding or adviesvraag;
   * called in the transaction that registers either. A household whose dossier was erased starts again.
   * The term counts from the last **registration** (`registered_at`), when the record was made: of receipt and
   * registration it is the later, so the dossier is never erased before its term under either reading
   * [verify: Wmo 2015 art. 5.3.4's start point]. An estimated age is a person's age at **receipt**, when the
   * caller told it.
   */
  async scheduleRetention(manager: EntityManager, householdId: string): Promise<void> {
    const persons = (await manager.query(
      `select to_char(p.birth_date, 'YYYY-MM-DD') as birth_date, p.estimated_age, m.received_at
         from melding_person p join melding m on m.melding_id = p.melding_id where m.household_id = $1 and p.erased_at is null
       union all
       select to_char(p.birth_date, 'YYYY-MM-DD'), p.estimated_age, a.received_at
         from adviesvraag_person p join adviesvraag a on a.adviesvraag_id = p.adviesvraag_id where a.household_id = $1 and p.erased_at is null`,
      [householdId],
    )) as { birth_date: string | null; estimated_age: number | null; received_at: Date }[];
    const [last] = (await manager.query(
      `select registered_at, island from (select registered_at, island from melding where household_id = $1
                                          union all select registered_at, null from adviesvraag where household_id = $1) r
        order by registered_at desc limit 1`,
      [householdId],
    )) as {
      registered_at: Date;
      island: CalendarPlace | null;
    }[];
    if (!last) return;
    const end = retentionEndsAt(
      this.retention,
      last.registered_at,
      persons.map((p) => ({ birthDate: p.birth_date, estimatedAge: p.estimated_age, namedAt: p.received_at })),
      calendarFor(last.island ?? 'nl'),
    );
    await manager.query(
      `insert into household_retention (household_id, rule, starts_at, ends_at, basis) values ($1, $2, $3, $4, $5)
       on conflict (household_id) do update set rule = excluded.rule, starts_at = excluded.starts_at, ends_at = excluded.ends_at, basis = excluded.basis, state = 'running', erased_at = null`,
      [householdId, `${this.retention.rule}/${this.retention.years}`, last.registered_at, end.endsAt, end.basis],
    );
  }

  /**
   * Fires what is due at `now`: destruction requests past their lead time or deadline (approaching /
   * breached), rows locked with SKIP LOCKED so replicas share the work. Returns how many moved.
   */
  async fireDueRequests(manager: EntityManager, now: Date, limit = 100): Promise<number> {
    const due = (await manager.query(
      `select * from erasure_request
        where (state = 'open' and approaching_at <= $1) or (state in ('open', 'approaching') and due_at <= $1)
        order by least(approaching_at, due_at) limit $2 for update skip locked`,
      [now, limit],
    )) as { request_id: string; person_id: string; household_id: string; legal_basis: string; due_at: Date; approaching_at: Date }[];
    for (const row of due) {
      const facts = { requestId: row.request_id, personId: row.person_id, householdId: row.household_id, legalBasis: row.legal_basis, dueAt: row.due_at.toISOString() };
      const breached = row.due_at.getTime() <= now.getTime();
      await manager.query('update erasure_request set state = $2 where request_id = $1', [row.request_id, breached ? 'breached' : 'approaching']);
      const event = breached
        ? newEvent({ type: ERASURE_DEADLINE_BREACHED, service: 'intake', householdId: row.household_id, subject: row.request_id, time: now, data: { ...facts, breachedAt: now.toISOString() } })
        : newEvent({ type: ERASURE_DEADLINE_APPROACHING, service: 'intake', householdId: row.household_id, subject: row.request_id, time: now, data: { ...facts, approachingAt: row.approaching_at.toISOString() } });
      await this.outbox.publish(manager, [{ topic: TOPICS.privacyErasures, event }]);
    }
    return due.length;
  }

  /**
   * The retention job: takes one household whose retention ended (SKIP LOCKED) and erases every person and
   * melder of its meldingen and adviesvragen (reason `bewaartermijn-verstreken`, actor `system:retention`),
   * the address kept with them, and the household's own key (the free text about the household, in every
   * service). Returns the household, or undefined when none is due.
   */
  async eraseOneExpiredHousehold(manager: EntityManager, now: Date): Promise<{ householdId: string; erased: number } | undefined> {
    const [due] = (await manager.query(
      `select household_id from household_retention where state = 'running' and ends_at <= $1 order by ends_at limit 1 for update skip locked`,
      [now],
    )) as { household_id: string }[];
    if (!due) return undefined;
    const subjects = (await manager.query(`select person_id from (${SUBJECTS}) s where household_id = $1 and erased_at is null`, [due.household_id])) as {
      person_id: string;
    }[];
    let erased = 0;
    for (const { person_id } of subjects) {
      const outcome = await this.erase(manager, { personId: person_id, reason: 'bewaartermijn-verstreken', actor: 'system:retention' });
      if (outcome.kind === 'erased') erased++;
    }
    await manager.query('update melding set postcode = null, house_number = null where household_id = $1', [due.household_id]);
    await manager.query('update adviesvraag set postcode = null, house_number = null where household_id = $1', [due.household_id]);
    await this.eraseHousehold(manager, { householdId: due.household_id, reason: 'bewaartermijn-verstreken', actor: 'system:retention' });
    await manager.query(`update household_retention set state = 'erased', erased_at = $2 where household_id = $1`, [due.household_id, now]);
    return { householdId: due.household_id, erased };
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
