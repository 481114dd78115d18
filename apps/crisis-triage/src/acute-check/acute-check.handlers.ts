import { randomUUID } from 'node:crypto';
import { ACUTE_CHECK_COMPLETED, CloudEvent, CRISIS_INTERVENTION_REQUESTED, DomainEvent, EventType, MELDING_RECEIVED, newEvent, TOPICS } from '@vt/contracts';
import { OutboxMessage, TimerStore } from '@vt/messaging';
import { EventsController, InboxContext, OnEvent } from '@vt/runtime';
import { Ctx, Payload } from '@nestjs/microservices';
import { CRISIS_TRIAGE_GROUP } from '../consumer-groups';
import { assessmentClockStart, checkAcute, informingClockStart, meldingHasMinor, personsToInform, violenceSeen } from '@vt/triage-domain';
import { calendarPlace, ClockPlanner } from '../clocks/clock-planner';
import { storePersons } from '../informing/melding-persons';
import { Regions } from '../reference/regions';

/**
 * Every melding is checked for acute unsafety the moment it arrives; an acute one goes to the crisis function
 * of its VT region at once. Every melding joins its VT region's assessment queue with its statutory clocks: the
 * veiligheidsbeoordeling from receipt, and one `informeren-betrokkenen` clock per involved person from the
 * registration of the melding (docs/adr/0021). The persons (id and role) are kept to record informing against.
 */
@EventsController()
export class AcuteCheckHandlers {
  constructor(
    private readonly regions: Regions,
    private readonly clocks: ClockPlanner,
    private readonly timers: TimerStore,
  ) {}

  @OnEvent(CRISIS_TRIAGE_GROUP, MELDING_RECEIVED)
  async meldingReceived(@Payload() event: CloudEvent<EventType>, @Ctx() { manager, publish }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof MELDING_RECEIVED>;
    const now = new Date();
    const receivedAt = assessmentClockStart(data);
    const region = this.regions.regionOf(data);
    const decision = checkAcute({ acuteIndication: data.acuteIndication });
    // The forms of violence and whether a victim was 65 or older, for the assessment to decide from (docs/adr/0036).
    const violence = violenceSeen(data);
    const checkId = randomUUID();
    await manager.query(
      `insert into acute_check (check_id, melding_id, household_id, gemeente_code, acute, grounds, rule_set_version, checked_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [checkId, data.meldingId, data.householdId, data.gemeenteCode ?? null, decision.acute, decision.grounds, decision.ruleSetVersion, now],
    );
    const checked = newEvent({
      type: ACUTE_CHECK_COMPLETED,
      service: 'crisis-triage',
      householdId: data.householdId,
      subject: data.meldingId,
      time: now,
      causedBy: event,
      data: {
        checkId,
        meldingId: data.meldingId,
        householdId: data.householdId,
        ...(data.gemeenteCode ? { gemeenteCode: data.gemeenteCode } : {}),
        vtRegion: region,
        acute: decision.acute,
        grounds: decision.grounds,
        ruleSetVersion: decision.ruleSetVersion,
        persons: data.persons,
        ...(violence ? { violence } : {}),
        checkedAt: now.toISOString(),
        actor: 'system:crisis-triage',
      },
    });
    const messages: OutboxMessage[] = [{ topic: TOPICS.triageAssessments, event: checked }];
    if (decision.acute) {
      const interventionId = randomUUID();
      await manager.query(
        `insert into crisis_intervention (intervention_id, melding_id, household_id, crisis_region, gemeente_code, grounds, persons, requested_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [interventionId, data.meldingId, data.householdId, region, data.gemeenteCode ?? null, decision.grounds, JSON.stringify(data.persons), now],
      );
      messages.push({
        topic: TOPICS.triageAssessments,
        event: newEvent({
          type: CRISIS_INTERVENTION_REQUESTED,
          service: 'crisis-triage',
          householdId: data.householdId,
          subject: interventionId,
          time: now,
          causedBy: checked,
          data: {
            interventionId,
            meldingId: data.meldingId,
            householdId: data.householdId,
            crisisRegion: region,
            ...(data.gemeenteCode ? { gemeenteCode: data.gemeenteCode } : {}),
            grounds: decision.grounds,
            ruleSetVersion: decision.ruleSetVersion,
            persons: data.persons,
            requestedAt: now.toISOString(),
            actor: 'system:crisis-triage',
          },
        }),
      });
    }
    await publish(messages);
    // Radar's links (earlier households, by reference only) and the call handler's decision, for the assessment queue (docs/adr/0018).
    const radar = data.radar ? { classification: data.radar.classification, ...(data.radar.decision ? { decision: data.radar.decision } : {}), links: data.radar.references } : null;
    // Whether the melding names a minor: a route for children (verzoek-rvdk) needs one in the household (docs/adr/0022).
    await manager.query(
      `insert into safety_assessment (subject_id, melding_id, household_id, region, received_at, registered_at, acute, radar, has_minor, aard, forms_of_violence, elderly_victim)
       values ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        data.meldingId,
        data.householdId,
        region,
        receivedAt,
        data.registeredAt ? new Date(data.registeredAt) : null,
        decision.acute,
        radar ? JSON.stringify(radar) : null,
        meldingHasMinor(data.persons),
        violence?.aard ?? null,
        violence?.forms ?? null,
        violence?.elderlyVictim ?? null,
      ],
    );
    const subject = { householdId: data.householdId, subjectId: data.meldingId };
    // Deadlines are counted in the household's own calendar: the islands have their own holidays and time zone.
    const place = calendarPlace(data.region?.calendar);
    await this.timers.start(manager, this.clocks.plan('veiligheidsbeoordeling', receivedAt, subject, place));
    const persons = personsToInform(data);
    await storePersons(manager, data.meldingId, data.householdId, persons);
    const informingFrom = informingClockStart(data);
    for (const person of persons) {
      await this.timers.start(manager, this.clocks.plan('informeren-betrokkenen', informingFrom, { ...subject, personId: person.personId }, place));
    }
  }
}
