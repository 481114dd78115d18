import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainEvent, HOUSEHOLD_RECORD_OPENED, newEvent, PARTNER_REFERRAL_ISSUED, REFERRAL_ISSUED, SAFETY_ASSESSMENT_COMPLETED, TOPICS } from '@vt/contracts';
import { EventHandler, HandlerContext } from '@vt/messaging';
import { EventHandlers } from '@vt/runtime';
import { LOKAAL_TEAM_DISCLOSURE, routeToLokaalTeam } from '@vt/referral-domain';
import { PartnerDirectoryProvider } from './partner-directory.provider';

/**
 * Routing to the lokaal team: a newly opened household, and an assessment whose outcome is overdracht to
 * the lokaal team, are referred to the gemeente's lokaal team. The internal `ReferralIssued` records the
 * disclosure; the partner's own topic gets only its projection.
 */
@Injectable()
export class IssueReferralHandlers implements EventHandlers {
  constructor(private readonly partners: PartnerDirectoryProvider) {}

  handlers(): Partial<Record<typeof HOUSEHOLD_RECORD_OPENED | typeof SAFETY_ASSESSMENT_COMPLETED, EventHandler>> {
    return {
      [HOUSEHOLD_RECORD_OPENED]: async (event, context) => {
        const { data } = event as DomainEvent<typeof HOUSEHOLD_RECORD_OPENED>;
        // An island household has no gemeente and so no lokaal team; the island desks' partners come with the referral issue.
        if (!data.gemeenteCode) return;
        await this.referToLokaalTeam(context, { householdId: data.householdId, gemeenteCode: data.gemeenteCode }, event);
      },
      [SAFETY_ASSESSMENT_COMPLETED]: async (event, context) => {
        const { data } = event as DomainEvent<typeof SAFETY_ASSESSMENT_COMPLETED>;
        if (data.outcome !== 'overdracht-lokaal-team' || !data.gemeenteCode) return;
        await this.referToLokaalTeam(context, { householdId: data.householdId, gemeenteCode: data.gemeenteCode }, event);
      },
    };
  }

  /** One open referral per household and partner: a second reason to refer adds nothing new. */
  private async referToLokaalTeam({ manager, publish }: HandlerContext, data: { householdId: string; gemeenteCode: string }, event: { id: string; correlationid: string }): Promise<void> {
    const decision = routeToLokaalTeam(this.partners.directory, data.gemeenteCode);
    if (!decision.routed) throw new Error(decision.reason);
    const existing = (await manager.query(`select 1 from referral where household_id = $1 and partner_id = $2 and status = 'issued'`, [data.householdId, decision.partner.partnerId])) as unknown[];
    if (existing.length > 0) return;
    const now = new Date();
    const referralId = randomUUID();
    const { partner } = decision;
    await manager.query(
      `insert into referral (referral_id, household_id, partner_id, partner_type, gemeente_code, status, legal_basis, directory_version, issued_at)
       values ($1, $2, $3, $4, $5, 'issued', $6, $7, $8)`,
      [referralId, data.householdId, partner.partnerId, partner.partnerType, data.gemeenteCode, LOKAAL_TEAM_DISCLOSURE.legalBasis, this.partners.directory.version, now],
    );
    const issued = newEvent({
      type: REFERRAL_ISSUED,
      service: 'referral',
      householdId: data.householdId,
      subject: referralId,
      time: now,
      causedBy: event,
      data: {
        referralId,
        householdId: data.householdId,
        partnerId: partner.partnerId,
        partnerType: partner.partnerType,
        gemeenteCode: data.gemeenteCode,
        disclosure: LOKAAL_TEAM_DISCLOSURE,
        directoryVersion: this.partners.directory.version,
        issuedAt: now.toISOString(),
        actor: 'system:referral',
      },
    });
    const projection = newEvent({
      type: PARTNER_REFERRAL_ISSUED,
      service: 'referral',
      householdId: data.householdId,
      subject: referralId,
      time: now,
      causedBy: issued,
      data: {
        referralId,
        householdReference: data.householdId,
        partnerId: partner.partnerId,
        partnerType: partner.partnerType,
        gemeenteCode: data.gemeenteCode,
        disclosure: LOKAAL_TEAM_DISCLOSURE,
        issuedAt: now.toISOString(),
      },
    });
    await publish([
      { topic: TOPICS.referrals, event: issued },
      { topic: decision.topic, event: projection },
    ]);
  }
}
