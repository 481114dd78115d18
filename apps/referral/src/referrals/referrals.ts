import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  MinorsInHousehold,
  minorsAmong,
  newEvent,
  PARTNER_REFERRAL_ISSUED_V2,
  PARTNER_REFERRAL_WITHDRAWN,
  partnerReferralsTopic,
  PartnerType,
  PersonRef,
  REFERRAL_ISSUED,
  REFERRAL_REROUTED,
  REFERRAL_ROUTING_FAILED_V2,
  ReferralBasis,
  ReferralPurpose,
  RoutingFailureReason,
  TOPICS,
} from '@vt/contracts';
import { jurisdictionOf } from '@vt/legal';
import { OutboxMessage } from '@vt/messaging';
import { answerDueAt, buildProjection, choosePartner, HouseholdPlace, Island, nextPartner, Partner, partnerHouseholdReference, partnerPersonReference, ReferralStatus, Wanted } from '@vt/referral-domain';
import { ReferralConfig } from './referral-config';

type Cause = { id: string; correlationid: string };

export interface HouseholdRow {
  household_id: string;
  gemeente_code: string | null;
  region_code: string | null;
  island: string | null;
  persons: PersonRef[];
  /** How many safety conditions the household has (their text stays encrypted with safety-investigation). */
  safety_condition_count: number | null;
  conditions_to_melder: boolean;
}

export interface ReferralRow {
  referral_id: string;
  household_id: string;
  partner_id: string;
  partner_type: PartnerType;
  gemeente_code: string | null;
  region_code: string | null;
  status: ReferralStatus;
  purpose: ReferralPurpose;
  outcome: string | null;
  wanted_type: PartnerType;
  tried: string[];
  answer_due_at: Date | null;
  /** What the partner knows the household by (docs/adr/0016); null on referrals issued before it existed. */
  household_reference: string | null;
}

/**
 * The household reference a referral's partner was given: its own pseudonymous reference, or the household
 * id for a referral issued before references existed (that is what the partner has).
 */
export function partnerReferenceOf(referral: Pick<ReferralRow, 'household_reference' | 'household_id'>): string {
  return referral.household_reference ?? referral.household_id;
}

/** Whether the household has a minor, from the persons of its meldingen (unknown for a household referral never heard of). */
export function minorsOf(household: HouseholdRow | undefined): MinorsInHousehold {
  return minorsAmong(household?.persons ?? []);
}

export function placeOf(household: HouseholdRow | undefined, gemeenteCode?: string): HouseholdPlace {
  return {
    ...((household?.gemeente_code ?? gemeenteCode) ? { gemeenteCode: (household?.gemeente_code ?? gemeenteCode) as string } : {}),
    ...(household?.region_code ? { regionCode: household.region_code } : {}),
    ...(household?.island ? { island: household.island as Island } : {}),
  };
}

export interface IssueRequest {
  householdId: string;
  place: HouseholdPlace;
  /** Whether the household has a minor: a route for children is refused when it has none. */
  minors: MinorsInHousehold;
  wanted: Wanted;
  basis: ReferralBasis;
  /** How many conditions the partner watches over, when the referral is about them. */
  safetyConditionCount?: number;
  causedBy: Cause;
  now: Date;
}

export type IssueResult = { kind: 'issued'; partner: Partner; referralId: string } | { kind: 'already-open'; partner: Partner } | { kind: 'failed' };

/**
 * Issues, re-routes and withdraws referrals inside the caller's transaction: the referral row and its
 * events (internal record, partner projection) go to the outbox together.
 */
@Injectable()
export class Referrals {
  constructor(private readonly config: ReferralConfig) {}

  async household(manager: EntityManager, householdId: string): Promise<HouseholdRow | undefined> {
    const [row] = (await manager.query('select * from household where household_id = $1', [householdId])) as HouseholdRow[];
    return row;
  }

  /** Chooses the partner for a wish and issues the referral; records ReferralRoutingFailed when nobody fits. */
  async issue(manager: EntityManager, publish: (messages: OutboxMessage[]) => Promise<void>, request: IssueRequest): Promise<IssueResult> {
    const choice = choosePartner(this.config.directory, request.place, request.wanted, request.minors);
    // A party outside the directory (`unroutable`) was named to take the household over: an overdracht.
    const purpose: ReferralPurpose = request.wanted.kind === 'unroutable' ? 'overdracht' : request.wanted.purpose;
    if (!choice.chosen) {
      const wanted = request.wanted.kind === 'type' ? request.wanted.partnerType : request.wanted.kind === 'partner' ? request.wanted.partnerId : request.wanted.wanted;
      await publish([this.routingFailed(request.householdId, wanted, choice.code, [], request.causedBy, request.now, { purpose, outcome: request.basis.outcome })]);
      return { kind: 'failed' };
    }
    const { partner } = choice;
    // One open referral per household and partner: a second reason to refer adds nothing new.
    const open = (await manager.query(`select 1 from referral where household_id = $1 and partner_id = $2 and status in ('issued', 'accepted')`, [request.householdId, partner.partnerId])) as unknown[];
    if (open.length > 0) return { kind: 'already-open', partner };
    const referralId = await this.insertAndPublish(manager, publish, {
      householdId: request.householdId,
      place: request.place,
      partner,
      wantedType: request.wanted.kind === 'type' ? request.wanted.partnerType : partner.partnerType,
      purpose,
      basis: request.basis,
      tried: [partner.partnerId],
      safetyConditionCount: request.safetyConditionCount,
      causedBy: request.causedBy,
      now: request.now,
    });
    return { kind: 'issued', partner, referralId };
  }

  /**
   * Passes a declined or expired referral on to the next partner by the routing rules, or records that
   * nobody is left. The old referral becomes `rerouted` only when a new one was issued.
   */
  async reroute(manager: EntityManager, publish: (messages: OutboxMessage[]) => Promise<void>, old: ReferralRow, because: 'declined' | 'expired', causedBy: Cause, now: Date): Promise<void> {
    const household = await this.household(manager, old.household_id);
    const place = placeOf(household, old.gemeente_code ?? undefined);
    if (old.region_code && !place.regionCode) place.regionCode = old.region_code;
    const choice = nextPartner(this.config.rules, this.config.directory, place, old.wanted_type, old.tried, minorsOf(household));
    if (!choice.chosen) {
      await publish([this.routingFailed(old.household_id, old.wanted_type, choice.code, old.tried, causedBy, now, { afterReferralId: old.referral_id, purpose: old.purpose, outcome: old.outcome ?? undefined })]);
      return;
    }
    const [basisRow] = (await manager.query('select outcome from referral where referral_id = $1', [old.referral_id])) as { outcome: string | null }[];
    const newReferralId = randomUUID();
    const rerouted = newEvent({
      type: REFERRAL_REROUTED,
      service: 'referral',
      householdId: old.household_id,
      subject: old.referral_id,
      time: now,
      causedBy,
      data: {
        referralId: old.referral_id,
        householdId: old.household_id,
        partnerId: old.partner_id,
        because,
        toPartnerId: choice.partner.partnerId,
        toPartnerType: choice.partner.partnerType,
        newReferralId,
        reroutedAt: now.toISOString(),
      },
    });
    await manager.query(`update referral set status = 'rerouted', closed_at = $2 where referral_id = $1`, [old.referral_id, now]);
    await publish([{ topic: TOPICS.referrals, event: rerouted }]);
    await this.insertAndPublish(manager, publish, {
      referralId: newReferralId,
      householdId: old.household_id,
      place,
      partner: choice.partner,
      wantedType: old.wanted_type,
      purpose: old.purpose,
      basis: { eventType: REFERRAL_REROUTED, eventId: rerouted.id, ...(basisRow?.outcome ? { outcome: basisRow.outcome } : {}) },
      tried: [...old.tried, choice.partner.partnerId],
      safetyConditionCount: old.purpose === 'voorwaarden' ? (household?.safety_condition_count ?? undefined) : undefined,
      rerouteOf: old.referral_id,
      causedBy: rerouted,
      now,
    });
  }

  /** Tells the partner, on its own topic, that a referral to it is withdrawn. */
  withdrawal(referral: ReferralRow, reason: 'expired' | 'rerouted', causedBy: Cause, now: Date): OutboxMessage {
    return {
      topic: partnerReferralsTopic(referral.partner_id),
      event: newEvent({
        type: PARTNER_REFERRAL_WITHDRAWN,
        service: 'referral',
        // The partner's reference, never VT's id: it is also the record's key and the chain's household.
        householdId: partnerReferenceOf(referral),
        subject: referral.referral_id,
        time: now,
        causedBy: { id: causedBy.id, correlationid: referral.referral_id },
        data: { referralId: referral.referral_id, partnerId: referral.partner_id, reason, withdrawnAt: now.toISOString() },
      }),
    };
  }

  /**
   * The household's reference for a partner: the one given with an earlier referral to that partner if there is
   * one (so it stays the same if the key is ever replaced), else derived from the key (docs/adr/0016).
   */
  private async householdReference(manager: EntityManager, householdId: string, partnerId: string): Promise<string> {
    const [earlier] = (await manager.query(
      `select household_reference from referral where household_id = $1 and partner_id = $2 and household_reference is not null order by issued_at limit 1`,
      [householdId, partnerId],
    )) as { household_reference: string }[];
    return earlier?.household_reference ?? partnerHouseholdReference(this.config.partnerReferenceKey, partnerId, householdId);
  }

  /** ReferralRoutingFailed, saying what the referral was wanted for (`purpose`, `outcome`) whether or not one was issued before. */
  private routingFailed(
    householdId: string,
    wanted: string,
    reasonCode: RoutingFailureReason,
    tried: string[],
    causedBy: Cause,
    now: Date,
    about: { afterReferralId?: string; purpose: ReferralPurpose; outcome?: string },
  ): OutboxMessage {
    return {
      topic: TOPICS.referrals,
      event: newEvent({
        type: REFERRAL_ROUTING_FAILED_V2,
        service: 'referral',
        householdId,
        subject: householdId,
        time: now,
        causedBy,
        data: {
          householdId,
          wanted,
          reasonCode,
          ...(about.afterReferralId ? { afterReferralId: about.afterReferralId } : {}),
          purpose: about.purpose,
          ...(about.outcome ? { outcome: about.outcome } : {}),
          triedPartnerIds: tried,
          directoryVersion: this.config.directory.version,
          recordedAt: now.toISOString(),
          actor: 'system:referral',
        },
      }),
    };
  }

  private async insertAndPublish(
    manager: EntityManager,
    publish: (messages: OutboxMessage[]) => Promise<void>,
    r: {
      referralId?: string;
      householdId: string;
      place: HouseholdPlace;
      partner: Partner;
      wantedType: PartnerType;
      purpose: ReferralPurpose;
      basis: ReferralBasis;
      tried: string[];
      safetyConditionCount?: number;
      rerouteOf?: string;
      causedBy: Cause;
      now: Date;
    },
  ): Promise<string> {
    const referralId = r.referralId ?? randomUUID();
    const household = await this.household(manager, r.householdId);
    const householdReference = await this.householdReference(manager, r.householdId, r.partner.partnerId);
    const regionCode = r.place.regionCode ?? r.partner.regionCode;
    const gemeenteCode = r.place.gemeenteCode;
    // Informing the gemeente asks for no answer, so nothing expires.
    const due = r.purpose === 'informeren' ? undefined : answerDueAt(this.config.answerWithin, r.now, r.place.island ?? 'nl');
    const projection = buildProjection({
      referralId,
      householdReference,
      partnerId: r.partner.partnerId,
      partnerType: r.partner.partnerType,
      purpose: r.purpose,
      issuedAt: r.now.toISOString(),
      ...(gemeenteCode ? { gemeenteCode } : {}),
      regionCode,
      ...(r.basis.outcome ? { outcome: r.basis.outcome } : {}),
      ...(due ? { answerDueAt: due.toISOString() } : {}),
      // Persons by a reference for this partner only (docs/adr/0016), with their role.
      persons: (household?.persons ?? []).map((p) => ({ personId: partnerPersonReference(this.config.partnerReferenceKey, r.partner.partnerId, p.personId), role: p.role })),
      ...(r.safetyConditionCount ? { safetyConditionCount: r.safetyConditionCount } : {}),
      // An island household's disclosure cites the law of Caribisch Nederland, never the Wmo 2015.
      jurisdiction: jurisdictionOf(r.place.island ?? 'nl'),
    }, this.config.legalBases);
    await manager.query(
      `insert into referral (referral_id, household_id, partner_id, partner_type, gemeente_code, status, legal_basis, directory_version, issued_at,
                             region_code, purpose, outcome, wanted_type, tried, reroute_of, answer_due_at, household_reference)
       values ($1, $2, $3, $4, $5, 'issued', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        referralId,
        r.householdId,
        r.partner.partnerId,
        r.partner.partnerType,
        gemeenteCode ?? null,
        projection.disclosure.legalBasis,
        this.config.directory.version,
        r.now,
        regionCode,
        r.purpose,
        r.basis.outcome ?? null,
        r.wantedType,
        r.tried,
        r.rerouteOf ?? null,
        due ?? null,
        householdReference,
      ],
    );
    await manager.query(`insert into partner_subscription (partner_id, since) values ($1, $2) on conflict do nothing`, [r.partner.partnerId, r.now]);
    const issued = newEvent({
      type: REFERRAL_ISSUED,
      service: 'referral',
      householdId: r.householdId,
      subject: referralId,
      time: r.now,
      causedBy: r.causedBy,
      data: {
        referralId,
        householdId: r.householdId,
        partnerId: r.partner.partnerId,
        partnerType: r.partner.partnerType,
        ...(gemeenteCode ? { gemeenteCode } : {}),
        disclosure: projection.disclosure,
        directoryVersion: this.config.directory.version,
        issuedAt: r.now.toISOString(),
        actor: 'system:referral',
        regionCode,
        purpose: r.purpose,
        basis: r.basis,
        ...(due ? { answerDueAt: due.toISOString() } : {}),
        ...(r.rerouteOf ? { rerouteOf: r.rerouteOf } : {}),
        householdReference,
      },
    });
    // On the partner's topic the household is the partner's reference: the envelope's householdid, so also the
    // record's key and the tamper-evidence chain (docs/adr/0009) of (referral, partner topic, reference).
    // Correlated by the referral id, not by VT's correlation (the melding's first event id, shared by every partner the
    // decision referred to): nothing on a partner topic links the household across partners.
    const partnerEvent = newEvent({ type: PARTNER_REFERRAL_ISSUED_V2, service: 'referral', householdId: householdReference, subject: referralId, time: r.now, causedBy: { id: issued.id, correlationid: referralId }, data: projection });
    await publish([
      { topic: TOPICS.referrals, event: issued },
      { topic: partnerReferralsTopic(r.partner.partnerId), event: partnerEvent },
    ]);
    return referralId;
  }
}
