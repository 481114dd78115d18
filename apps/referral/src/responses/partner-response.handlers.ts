import { Ctx, Payload } from '@nestjs/microservices';
import {
  CloudEvent,
  DomainEvent,
  EventType,
  newEvent,
  PARTNER_ANSWER_REFUSED,
  PARTNER_REFERRAL_ACCEPTED,
  PARTNER_REFERRAL_COMPLETED,
  PARTNER_REFERRAL_DECLINED_V2,
  PartnerAnswerRefusalCode,
  REFERRAL_ACCEPTED,
  REFERRAL_COMPLETED,
  REFERRAL_DECLINED_V2,
  TOPICS,
} from '@vt/contracts';
import { HandlerContext } from '@vt/messaging';
import { EventsController, InboxContext, OnEvent } from '@vt/runtime';
import { decideMove, ReferralMove } from '@vt/referral-domain';
import { partnerReferenceOf, ReferralRow, Referrals } from '../referrals/referrals';
import { RESPONSES_GROUP } from '../consumer-groups';

type Answer = typeof PARTNER_REFERRAL_ACCEPTED | typeof PARTNER_REFERRAL_DECLINED_V2 | typeof PARTNER_REFERRAL_COMPLETED;

const MOVES: Record<Answer, ReferralMove> = {
  [PARTNER_REFERRAL_ACCEPTED]: 'accept',
  [PARTNER_REFERRAL_DECLINED_V2]: 'decline',
  [PARTNER_REFERRAL_COMPLETED]: 'complete',
};

/** The partner a responses topic belongs to: `vt.partner.<partnerId>.responses.v1`. */
export function partnerOfResponsesTopic(topic: string): string | undefined {
  return /^vt\.partner\.([a-z0-9]+(?:-[a-z0-9]+)*)\.responses\.v1$/.exec(topic)?.[1];
}

/**
 * Partners' answers, read from every partner's responses topic and applied once (the inbox). The
 * partner is the one whose topic carried the answer (only it may write there); an answer for an
 * unknown referral, from another partner, or for a referral that is no longer open is recorded as
 * PartnerAnswerRefused and changes nothing.
 */
@EventsController()
export class PartnerResponseHandlers {
  constructor(private readonly referrals: Referrals) {}

  @OnEvent(RESPONSES_GROUP, PARTNER_REFERRAL_ACCEPTED)
  referralAccepted(@Payload() event: CloudEvent<EventType>, @Ctx() context: InboxContext): Promise<void> {
    return this.apply(PARTNER_REFERRAL_ACCEPTED, event, context);
  }

  @OnEvent(RESPONSES_GROUP, PARTNER_REFERRAL_DECLINED_V2)
  referralDeclined(@Payload() event: CloudEvent<EventType>, @Ctx() context: InboxContext): Promise<void> {
    return this.apply(PARTNER_REFERRAL_DECLINED_V2, event, context);
  }

  @OnEvent(RESPONSES_GROUP, PARTNER_REFERRAL_COMPLETED)
  referralCompleted(@Payload() event: CloudEvent<EventType>, @Ctx() context: InboxContext): Promise<void> {
    return this.apply(PARTNER_REFERRAL_COMPLETED, event, context);
  }

  private async apply(type: Answer, event: CloudEvent<EventType>, context: HandlerContext): Promise<void> {
    const { manager, publish } = context;
    const { data } = event as DomainEvent<Answer>;
    const topicPartner = partnerOfResponsesTopic(context.topic);
    if (!topicPartner) throw new Error(`partner answer ${event.id} came from ${context.topic}, which is not a partner responses topic`);
    const now = new Date();
    const [referral] = (await manager.query('select * from referral where referral_id = $1 for update', [data.referralId])) as ReferralRow[];
    // A refusal is recorded under VT's household: the referral's, else the one this partner's reference stands for.
    const [known] = referral
      ? [{ household_id: referral.household_id }]
      : ((await manager.query('select household_id from referral where household_reference::text = lower($1) and partner_id = $2 limit 1', [event.householdid, topicPartner])) as { household_id: string }[]);
    const refuse = (code: PartnerAnswerRefusalCode, detail: string) =>
      publish([
        {
          topic: TOPICS.referrals,
          event: newEvent({
            type: PARTNER_ANSWER_REFUSED,
            service: 'referral',
            householdId: known?.household_id ?? event.householdid,
            subject: data.referralId,
            time: now,
            causedBy: event,
            data: {
              answerId: event.id,
              answerType: type,
              referralId: data.referralId,
              partnerId: topicPartner,
              ...(data.partnerId !== topicPartner ? { claimedPartnerId: data.partnerId } : {}),
              code,
              detail,
              ...(referral ? { referralStatus: referral.status } : {}),
              refusedAt: now.toISOString(),
            },
          }),
        },
      ]);
    if (!referral) return refuse('unknown-referral', `no referral ${data.referralId}`);
    if (data.partnerId !== topicPartner) return refuse('wrong-partner', `the answer names partner ${data.partnerId} but came on the responses topic of ${topicPartner}`);
    if (referral.partner_id !== topicPartner) return refuse('wrong-partner', `referral ${referral.referral_id} was issued to ${referral.partner_id}, not to ${topicPartner}`);
    // The partner answers with the household reference it was given (envelope householdid, and householdReference in newer answers).
    const reference = partnerReferenceOf(referral);
    if (event.householdid.toLowerCase() !== reference) return refuse('wrong-household-reference', `the answer's householdid ${event.householdid} is not the household reference given with referral ${referral.referral_id}`);
    if (data.householdReference !== undefined && data.householdReference.toLowerCase() !== reference) {
      return refuse('wrong-household-reference', `the answer's householdReference ${data.householdReference} is not the household reference given with referral ${referral.referral_id}`);
    }
    const move = decideMove(referral.status, MOVES[type]);
    if (!move.allowed) return refuse('referral-not-open', move.reason);

    await manager.query(`update referral set status = $2, answered_at = coalesce(answered_at, $3), answered_by = $4, closed_at = $5, decline_code = $6 where referral_id = $1`, [
      referral.referral_id,
      move.to,
      now,
      data.answeredBy,
      move.to === 'completed' || move.to === 'declined' ? now : null,
      type === PARTNER_REFERRAL_DECLINED_V2 ? (data as DomainEvent<typeof PARTNER_REFERRAL_DECLINED_V2>['data']).reason.code : null,
    ]);
    const fact = { referralId: referral.referral_id, householdId: referral.household_id, partnerId: referral.partner_id };
    const base = { service: 'referral', householdId: referral.household_id, subject: referral.referral_id, time: now, causedBy: event } as const;
    if (type === PARTNER_REFERRAL_ACCEPTED) {
      await publish([{ topic: TOPICS.referrals, event: newEvent({ ...base, type: REFERRAL_ACCEPTED, data: { ...fact, acceptedAt: data.answeredAt, answeredBy: data.answeredBy, answerId: event.id } }) }]);
    } else if (type === PARTNER_REFERRAL_COMPLETED) {
      await publish([{ topic: TOPICS.referrals, event: newEvent({ ...base, type: REFERRAL_COMPLETED, data: { ...fact, completedAt: data.answeredAt, completedBy: data.answeredBy, answerId: event.id } }) }]);
    } else {
      const { reason } = data as DomainEvent<typeof PARTNER_REFERRAL_DECLINED_V2>['data'];
      const declined = newEvent({ ...base, type: REFERRAL_DECLINED_V2, data: { ...fact, declinedAt: data.answeredAt, answeredBy: data.answeredBy, answerId: event.id, reason } });
      await publish([{ topic: TOPICS.referrals, event: declined }]);
      await this.referrals.reroute(manager, publish, { ...referral, status: 'declined' }, 'declined', declined, now);
    }
  }
}
