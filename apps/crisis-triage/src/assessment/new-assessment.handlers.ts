import { ASSESSMENT_REQUEST_JOINED_V2, CloudEvent, DomainEvent, EventType, NEW_ASSESSMENT_REQUESTED_V2, newEvent, TOPICS } from '@vt/contracts';
import { TimerStore } from '@vt/messaging';
import { EventsController, InboxContext, OnEvent } from '@vt/runtime';
import { Ctx, Payload } from '@nestjs/microservices';
import { CRISIS_TRIAGE_GROUP } from '../consumer-groups';
import { hasMinorOf, householdMinors } from '@vt/triage-domain';
import { calendarPlace, ClockPlanner } from '../clocks/clock-planner';

interface CaseRow {
  melding_id: string;
  region: string;
  calendar: string;
}

/**
 * Monitoring found the household not safe and asked for a new veiligheidsbeoordeling. It joins the
 * region's assessment queue like a melding's, with its own 5-working-day clock from the request time,
 * under the request's event id. It continues the case of the household's latest melding: that melding
 * gives the region and calendar, and the completed assessment names it. A redelivery opens nothing new.
 *
 * When the household already has a veiligheidsbeoordeling that is not yet completed (a melding's, or an
 * earlier request's), no second one opens: the request joins the open assessment (table
 * `assessment_request_joined`, shown with it in the queue as `joinedRequests`) and no second clock
 * starts; the join is published as `AssessmentRequestJoined` in the same transaction. Triage staff
 * assess the household once, knowing what monitoring found (docs/adr/0013): the investigator's reason is
 * free text, encrypted under safety-investigation's key for the household, so it is read on the household
 * record there and never copied here (docs/adr/0020).
 */
@EventsController()
export class NewAssessmentHandlers {
  constructor(
    private readonly clocks: ClockPlanner,
    private readonly timers: TimerStore,
  ) {}

  @OnEvent(CRISIS_TRIAGE_GROUP, NEW_ASSESSMENT_REQUESTED_V2)
  async newAssessmentRequested(@Payload() event: CloudEvent<EventType>, @Ctx() { manager, publish }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof NEW_ASSESSMENT_REQUESTED_V2>;
    const requestedAt = new Date(data.requestedAt);
    // A redelivery of a request that already opened its assessment or joined one changes nothing.
    const handled = (await manager.query(
      'select 1 from safety_assessment where subject_id = $1 union all select 1 from assessment_request_joined where request_id = $1',
      [event.id],
    )) as unknown[];
    if (handled.length > 0) return;
    const [open] = (await manager.query(`select subject_id from safety_assessment where household_id = $1 and status = 'open' order by received_at limit 1 for update`, [
      data.householdId,
    ])) as { subject_id: string }[];
    if (open) {
      const joinedAt = new Date();
      const joined = (await manager.query(
        `insert into assessment_request_joined (request_id, subject_id, household_id, monitoring_id, requested_at, joined_at)
         values ($1, $2, $3, $4, $5, $6) on conflict (request_id) do nothing returning request_id`,
        [event.id, open.subject_id, data.householdId, data.monitoringId ?? null, requestedAt, joinedAt],
      )) as unknown[];
      if (joined.length === 0) return;
      await publish([
        {
          topic: TOPICS.triageAssessments,
          event: newEvent({
            type: ASSESSMENT_REQUEST_JOINED_V2,
            service: 'crisis-triage',
            householdId: data.householdId,
            subject: event.id,
            time: joinedAt,
            causedBy: event,
            data: {
              householdId: data.householdId,
              requestId: event.id,
              ...(data.monitoringId ? { monitoringId: data.monitoringId } : {}),
              requestedAt: requestedAt.toISOString(),
              joinedSubjectId: open.subject_id,
              joinedAt: joinedAt.toISOString(),
              actor: 'system:crisis-triage',
            },
          }),
        },
      ]);
      return;
    }
    const [latest] = (await manager.query(
      `select s.melding_id, s.region, t.calendar
         from safety_assessment s join timer t on t.subject_id = s.subject_id and t.clock = 'veiligheidsbeoordeling'
        where s.household_id = $1 and s.basis = 'melding'
        order by s.received_at desc limit 1`,
      [data.householdId],
    )) as CaseRow[];
    if (!latest) throw new Error(`NewAssessmentRequested ${event.id}: crisis-triage knows no melding of household ${data.householdId}, so it cannot tell the region or the case to assess`);
    // Whether the household has a minor, from its meldingen known here (those received by the request's time).
    const meldingen = (await manager.query(`select has_minor from safety_assessment where household_id = $1 and basis = 'melding' and received_at <= $2`, [
      data.householdId,
      requestedAt,
    ])) as { has_minor: boolean | null }[];
    const hasMinor = hasMinorOf(householdMinors(meldingen.map((melding) => melding.has_minor)));
    const opened = (await manager.query(
      `insert into safety_assessment (subject_id, melding_id, household_id, region, received_at, acute, basis, monitoring_id, has_minor)
       values ($1, $2, $3, $4, $5, null, 'monitoring', $6, $7) on conflict (subject_id) do nothing returning subject_id`,
      [event.id, latest.melding_id, data.householdId, latest.region, requestedAt, data.monitoringId ?? null, hasMinor],
    )) as unknown[];
    if (opened.length === 0) return;
    await this.timers.start(manager, this.clocks.plan('veiligheidsbeoordeling', requestedAt, { householdId: data.householdId, subjectId: event.id }, calendarPlace(latest.calendar)));
  }
}
