import {
  CloudEvent,
  DomainEvent,
  EventType,
  INVESTIGATION_CONCLUDED_V2,
  MELDER_FEEDBACK_GIVEN_V2,
  MELDING_RECEIVED,
  newEvent,
  SAFETY_ASSESSMENT_COMPLETED_V2,
  SAFETY_CONDITIONS_RECORDED_V2,
  TOPICS,
} from '@vt/contracts';
import { HandlerContext } from '@vt/messaging';
import { EventsController, InboxContext, OnEvent } from '@vt/runtime';
import { Ctx, Payload } from '@nestjs/microservices';
import { REFERRAL_GROUP } from '../consumer-groups';
import { Partner, wantedAfterAssessment, wantedAfterInvestigation, wantedForHousehold, wantedForSafetyConditions, Wanted } from '@vt/referral-domain';
import { ReferralConfig } from './referral-config';
import { minorsOf, placeOf, Referrals } from './referrals';


/**
 * Outcomes refer: a veiligheidsbeoordeling's or an investigation's outcome, and safety conditions handed
 * to partners, become referrals by the routing rules. After an assessment and after an investigation a
 * professional melder gets terugkoppeling. A newly opened household is not referred by itself.
 * The conditions themselves are free text that safety-investigation keeps encrypted under its own key for the
 * household (docs/adr/0020): this service only learns how many there are, and never holds their text.
 */
@EventsController()
export class OutcomeHandlers {
  constructor(
    private readonly config: ReferralConfig,
    private readonly referrals: Referrals,
  ) {}

  @OnEvent(REFERRAL_GROUP, MELDING_RECEIVED)
  async meldingReceived(@Payload() event: CloudEvent<EventType>, @Ctx() { manager }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof MELDING_RECEIVED>;
    const now = new Date(event.time ?? Date.now());
    // Where the household lives and who is in it (ids and roles); never names, never the melder's identity.
    await manager.query(
      `insert into household (household_id, gemeente_code, region_code, island, persons, updated_at) values ($1, $2, $3, $4, $5, $6)
       on conflict (household_id) do update set
         gemeente_code = coalesce(excluded.gemeente_code, household.gemeente_code),
         region_code = coalesce(excluded.region_code, household.region_code),
         island = coalesce(excluded.island, household.island),
         persons = (select coalesce(jsonb_agg(distinct p), '[]') from jsonb_array_elements(household.persons || excluded.persons) p),
         updated_at = excluded.updated_at`,
      [
        data.householdId,
        data.gemeenteCode ?? null,
        data.region?.vtRegion ?? null,
        data.island ?? null,
        // With whether each was a minor at receipt: routes for children need one (docs/adr/0022).
        JSON.stringify(data.persons.map((p) => ({ personId: p.personId, role: p.role, ...(p.minor !== undefined ? { minor: p.minor } : {}) }))),
        now,
      ],
    );
    // Terugkoppeling only for a professional acting as melder; an informant or a private person gets none.
    const feedbackDue = data.registration?.melderKind === 'professional' && data.registration.melderRole === 'melder';
    await manager.query(`insert into melding_feedback (melding_id, household_id, feedback_due) values ($1, $2, $3) on conflict do nothing`, [data.meldingId, data.householdId, feedbackDue]);
  }

  @OnEvent(REFERRAL_GROUP, SAFETY_ASSESSMENT_COMPLETED_V2)
  async safetyAssessmentCompleted(@Payload() event: CloudEvent<EventType>, @Ctx() context: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof SAFETY_ASSESSMENT_COMPLETED_V2>;
    const wanted = wantedAfterAssessment(this.config.rules, data.outcome);
    const takenOver = await this.refer(context, data.householdId, data.gemeenteCode, wanted, { eventType: event.type, eventId: event.id, outcome: data.outcome }, event);
    await this.feedback(context, event, {
      meldingId: data.meldingId,
      householdId: data.householdId,
      after: 'assessment',
      aboutId: data.assessmentId,
      followUpStarted: data.outcome !== 'geen-vervolgstappen',
      takenOver,
    });
  }

  @OnEvent(REFERRAL_GROUP, INVESTIGATION_CONCLUDED_V2)
  async investigationConcluded(@Payload() event: CloudEvent<EventType>, @Ctx() context: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof INVESTIGATION_CONCLUDED_V2>;
    const wanted = wantedAfterInvestigation(this.config.rules, this.config.directory, data.outcome, data.handOverTo);
    const conditionCount = data.safetyConditionCount > 0 ? data.safetyConditionCount : undefined;
    const takenOver = await this.refer(context, data.householdId, data.gemeenteCode, wanted, { eventType: event.type, eventId: event.id, outcome: data.outcome }, event, conditionCount);
    await this.feedback(context, event, {
      meldingId: data.basedOn.meldingId,
      householdId: data.householdId,
      after: 'investigation',
      aboutId: data.investigationId,
      followUpStarted: data.outcome !== 'afsluiten',
      takenOver,
    });
  }

  @OnEvent(REFERRAL_GROUP, SAFETY_CONDITIONS_RECORDED_V2)
  async safetyConditionsRecorded(@Payload() event: CloudEvent<EventType>, @Ctx() context: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof SAFETY_CONDITIONS_RECORDED_V2>;
    const now = new Date();
    await context.manager.query(
      `insert into household (household_id, safety_condition_count, conditions_to_melder, updated_at) values ($1, $2, $3, $4)
       on conflict (household_id) do update set safety_condition_count = excluded.safety_condition_count, conditions_to_melder = excluded.conditions_to_melder, updated_at = excluded.updated_at`,
      [data.householdId, data.conditionCount, data.handedOverTo.includes('melder'), now],
    );
    const wanted = wantedForSafetyConditions(this.config.rules, this.config.directory, data.handedOverTo);
    await this.refer(context, data.householdId, undefined, wanted, { eventType: event.type, eventId: event.id }, event, data.conditionCount);
  }

  /** Issues a referral for each wish; returns the partners that take over (not the ones only informed). */
  private async refer(
    { manager, publish }: HandlerContext,
    householdId: string,
    gemeenteCode: string | undefined,
    wanted: Wanted[],
    basis: { eventType: string; eventId: string; outcome?: string },
    cause: { id: string; correlationid: string },
    safetyConditionCount?: number,
  ): Promise<Partner[]> {
    if (wanted.length === 0) return [];
    const household = await this.referrals.household(manager, householdId);
    const place = placeOf(household, gemeenteCode);
    // Never a route for children for a household known to have no minor (defence in depth behind the services' 422).
    const minors = minorsOf(household);
    const now = new Date();
    const takenOver: Partner[] = [];
    for (const wish of wantedForHousehold(this.config.directory, wanted, minors)) {
      const result = await this.referrals.issue(manager, publish, { householdId, place, minors, wanted: wish, basis, ...(safetyConditionCount ? { safetyConditionCount } : {}), causedBy: cause, now });
      if (result.kind !== 'failed' && !(wish.kind !== 'unroutable' && wish.purpose === 'informeren')) takenOver.push(result.partner);
    }
    return takenOver;
  }

  private async feedback(
    { manager, publish }: HandlerContext,
    cause: { id: string; correlationid: string },
    f: { meldingId: string; householdId: string; after: 'assessment' | 'investigation'; aboutId: string; followUpStarted: boolean; takenOver: Partner[] },
  ): Promise<void> {
    const [melding] = (await manager.query('select feedback_due from melding_feedback where melding_id = $1', [f.meldingId])) as { feedback_due: boolean }[];
    if (!melding?.feedback_due) return;
    const household = await this.referrals.household(manager, f.householdId);
    const now = new Date();
    await publish([
      {
        topic: TOPICS.referrals,
        event: newEvent({
          type: MELDER_FEEDBACK_GIVEN_V2,
          service: 'referral',
          householdId: f.householdId,
          subject: f.meldingId,
          time: now,
          causedBy: cause,
          data: {
            meldingId: f.meldingId,
            householdId: f.householdId,
            after: f.after,
            aboutId: f.aboutId,
            followUpStarted: f.followUpStarted,
            takenOverBy: f.takenOver.map((p) => ({ partnerType: p.partnerType, name: p.name })),
            ...(household?.conditions_to_melder && household.safety_condition_count ? { safetyConditionCount: household.safety_condition_count } : {}),
            givenAt: now.toISOString(),
          },
        }),
      },
    ]);
  }
}
