import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainEvent, HOUSEHOLD_RECORD_OPENED, newEvent, PARTNER_REFERRAL_ISSUED, REFERRAL_ISSUED, TOPICS } from '@vt/contracts';
import { EventHandler } from '@vt/messaging';
import { EventHandlers } from '@vt/runtime';
import { LOKAAL_TEAM_DISCLOSURE, routeToLokaalTeam } from '@vt/referral-domain';
import { PartnerDirectoryProvider } from './partner-directory.provider';

/**
 * Skeleton routing: a newly opened household is referred to its gemeente's lokaal team. The internal
 * `ReferralIssued` records the disclosure; the partner's own topic gets only its projection.
 */
@Injectable()
export class IssueReferralHandlers implements EventHandlers {
  constructor(private readonly partners: PartnerDirectoryProvider) {}

  handlers(): Partial<Record<typeof HOUSEHOLD_RECORD_OPENED, EventHandler>> {
    return {
      [HOUSEHOLD_RECORD_OPENED]: async (event, { manager, publish }) => {
        const { data } = event as DomainEvent<typeof HOUSEHOLD_RECORD_OPENED>;
        const decision = routeToLokaalTeam(this.partners.directory, data.gemeenteCode);
        if (!decision.routed) throw new Error(decision.reason);
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
      },
    };
  }
}
