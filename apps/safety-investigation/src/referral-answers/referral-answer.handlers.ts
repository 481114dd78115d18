import { EntityManager } from 'typeorm';
import { CloudEvent, DomainEvent, EventType, REFERRAL_ACCEPTED, REFERRAL_COMPLETED, REFERRAL_DECLINED_V2, REFERRAL_EXPIRED, REFERRAL_ISSUED, REFERRAL_REROUTED, REFERRAL_ROUTING_FAILED_V2 } from '@vt/contracts';
import { HandlerContext } from '@vt/messaging';
import { EventsController, InboxContext, OnEvent } from '@vt/runtime';
import { Ctx, Payload } from '@nestjs/microservices';
import { SAFETY_INVESTIGATION_GROUP } from '../consumer-groups';
import { HouseholdCommand, IssuedReferral, onReferralAccepted, onReferralCompleted, onReferralRoutingFailed, ReferralClosing } from '@vt/household-domain';
import { recordHouseholdDecision } from '../household-record/record-household-decision';

const ACTOR = 'system:safety-investigation';


/** A referral declined, expired or passed on no longer lets its partner read the household's safety conditions. */
async function closeReferral(manager: EntityManager, referralId: string, closed: ReferralClosing, at: string): Promise<void> {
  await manager.query('update household_referral set closed = $2, closed_at = $3 where referral_id = $1 and closed is null', [referralId, closed, at]);
}

/** A referral fact about a referral this service never saw issued: it cannot tell why it was made. */
export class ReferralNotIssued extends Error {
  override readonly name = 'ReferralNotIssued';

  constructor(eventType: string, referralId: string) {
    super(`${eventType.split('.').slice(-2, -1)[0]} for referral ${referralId}, which safety-investigation never saw issued: it cannot tell whether it was an overdracht`);
  }
}

/**
 * The referral service's facts, read for the household record. A ReferralIssued is remembered (to whom,
 * why, on which basis: the partner reads the safety conditions of that basis from here, see
 * partner/partner-safety-conditions.ts); a decline, an expiry or a re-route closes it for that partner. What a
 * partner then does with a referral made for an overdracht becomes a household command, which
 * the decider turns into HouseholdHandedOver (and the phase that follows), HouseholdHandoverCompleted or
 * HouseholdHandoverFailed. Other referrals (RvdK, voorwaarden, informing the gemeente) change nothing here.
 * Declines, expiries and re-routes put nothing on the household record: a re-route issues a new referral, and
 * running out of partners is ReferralRoutingFailed. An overdracht fact for a household without a record
 * throws HouseholdNotFound, and the event goes to the dead-letter topic with that reason.
 */
@EventsController()
export class ReferralAnswerHandlers {
  @OnEvent(SAFETY_INVESTIGATION_GROUP, REFERRAL_ISSUED)
  async referralIssued(@Payload() event: CloudEvent<EventType>, @Ctx() { manager }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof REFERRAL_ISSUED>;
    await manager.query(
      `insert into household_referral (referral_id, household_id, partner_id, partner_type, purpose, outcome, reroute_of, issued_at, event_id, basis_event_type, basis_event_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (referral_id) do nothing`,
      [
        data.referralId,
        data.householdId,
        data.partnerId,
        data.partnerType,
        data.purpose ?? null,
        data.basis?.outcome ?? null,
        data.rerouteOf ?? null,
        data.issuedAt,
        event.id,
        data.basis?.eventType ?? null,
        data.basis?.eventId ?? null,
      ],
    );
  }

  @OnEvent(SAFETY_INVESTIGATION_GROUP, REFERRAL_DECLINED_V2)
  async referralDeclined(@Payload() event: CloudEvent<EventType>, @Ctx() { manager }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof REFERRAL_DECLINED_V2>;
    await closeReferral(manager, data.referralId, 'declined', data.declinedAt);
  }

  @OnEvent(SAFETY_INVESTIGATION_GROUP, REFERRAL_EXPIRED)
  async referralExpired(@Payload() event: CloudEvent<EventType>, @Ctx() { manager }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof REFERRAL_EXPIRED>;
    await closeReferral(manager, data.referralId, 'expired', data.expiredAt);
  }

  @OnEvent(SAFETY_INVESTIGATION_GROUP, REFERRAL_REROUTED)
  async referralRerouted(@Payload() event: CloudEvent<EventType>, @Ctx() { manager }: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof REFERRAL_REROUTED>;
    await closeReferral(manager, data.referralId, 'rerouted', data.reroutedAt);
  }

  @OnEvent(SAFETY_INVESTIGATION_GROUP, REFERRAL_ACCEPTED)
  async referralAccepted(@Payload() event: CloudEvent<EventType>, @Ctx() context: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof REFERRAL_ACCEPTED>;
    const referral = await issuedReferral(context.manager, data.referralId, event.type);
    await this.decide(context, data.householdId, onReferralAccepted(data, referral, event, ACTOR), event);
  }

  @OnEvent(SAFETY_INVESTIGATION_GROUP, REFERRAL_COMPLETED)
  async referralCompleted(@Payload() event: CloudEvent<EventType>, @Ctx() context: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof REFERRAL_COMPLETED>;
    const referral = await issuedReferral(context.manager, data.referralId, event.type);
    await this.decide(context, data.householdId, onReferralCompleted(data, referral, event, ACTOR), event);
  }

  @OnEvent(SAFETY_INVESTIGATION_GROUP, REFERRAL_ROUTING_FAILED_V2)
  async referralRoutingFailed(@Payload() event: CloudEvent<EventType>, @Ctx() context: InboxContext): Promise<void> {
    const { data } = event as DomainEvent<typeof REFERRAL_ROUTING_FAILED_V2>;
    // Nobody fitted from the start: no referral exists, the failure's own purpose says what was wanted.
    const referral = data.afterReferralId ? await issuedReferral(context.manager, data.afterReferralId, event.type) : undefined;
    await this.decide(context, data.householdId, onReferralRoutingFailed(data, referral, event, ACTOR), event);
  }

  private async decide(
    { manager, publish }: HandlerContext,
    householdId: string,
    command: HouseholdCommand | undefined,
    causedBy: { id: string; correlationid: string },
  ): Promise<void> {
    if (!command) return;
    await recordHouseholdDecision({ manager, publish, householdId, commandFor: () => command, now: new Date(), causedBy });
  }
}

async function issuedReferral(manager: EntityManager, referralId: string, eventType: string): Promise<IssuedReferral> {
  const rows = (await manager.query('select referral_id, household_id, partner_id, partner_type, purpose, outcome from household_referral where referral_id = $1', [referralId])) as {
    referral_id: string;
    household_id: string;
    partner_id: string;
    partner_type: IssuedReferral['partnerType'];
    purpose: IssuedReferral['purpose'] | null;
    outcome: string | null;
  }[];
  const row = rows[0];
  if (!row) throw new ReferralNotIssued(eventType, referralId);
  return {
    referralId: row.referral_id,
    householdId: row.household_id,
    partnerId: row.partner_id,
    partnerType: row.partner_type,
    ...(row.purpose ? { purpose: row.purpose } : {}),
    ...(row.outcome ? { outcome: row.outcome } : {}),
  };
}
