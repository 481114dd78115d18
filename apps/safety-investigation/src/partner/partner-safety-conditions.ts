import { ForbiddenException, GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CASE_DATA_ACCESSED_V2, EncryptedText, EventDataByType, EventType, newEvent, TOPICS, upcastData } from '@vt/contracts';
import { partnerActorOf, Principal } from '@vt/auth';
import { evolve, initialHouseholdState, PartnerReferral, ReferralClosing, safetyConditionsAccess } from '@vt/household-domain';
import { DATA_SOURCE, Outbox } from '@vt/runtime';
import { SealedText } from '../free-text/sealed-text';
import { readHouseholdEvents } from '../household-record/household-record.repository';

interface HouseholdReferralRow {
  referral_id: string;
  household_id: string;
  partner_id: string;
  partner_type: PartnerReferral['partnerType'];
  purpose: PartnerReferral['purpose'] | null;
  outcome: string | null;
  reroute_of: string | null;
  basis_event_type: string | null;
  basis_event_id: string | null;
  closed: ReferralClosing | null;
}

/** The conditions a referral was made with: sealed under the household's key, how many, and when they were set. */
interface ReferralConditions {
  sealed?: EncryptedText;
  count: number;
  recordedAt: string | null;
}

/** What the partner reads: the conditions of the referral issued to it, opened. No VT household id (docs/adr/0016). */
export interface PartnerSafetyConditions {
  referralId: string;
  partnerId: string;
  conditionCount: number;
  conditions: string[];
  /** When the conditions were set (recorded or concluded); null when the referral carries none. */
  recordedAt: string | null;
}

const SAFETY_CONDITIONS_RECORDED_TYPE = /^nl\.veiligthuis\.household\.SafetyConditionsRecorded\.v\d+$/;
const INVESTIGATION_CONCLUDED_TYPE = /^nl\.veiligthuis\.investigation\.InvestigationConcluded\.v\d+$/;

/**
 * A partner's read of the safety conditions of a referral issued to it (ADR 0020: partner topics carry only
 * `safetyConditionCount`). safety-investigation holds the conditions, sealed under the household's key, and knows
 * every referral from its ReferralIssued (`household_referral`). The read is allowed to the partner the referral was
 * issued to, when its projection holds the conditions and the referral is still open (`safetyConditionsAccess`), and
 * is recorded as a disclosure (`CaseDataAccessed` v2 on `vt.audit.access.v1`, through the outbox) before the answer.
 * Once the household's key is destroyed the conditions are gone: 410.
 */
@Injectable()
export class PartnerSafetyConditionsReader {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly texts: SealedText,
  ) {}

  async read(referralId: string, principal: Principal): Promise<PartnerSafetyConditions> {
    const partnerId = principal.partner;
    if (!partnerId) throw new ForbiddenException({ statusCode: 403, error: 'forbidden', message: 'this needs a partner token (role partner with a partner claim)' });
    const referral = await this.referral(this.dataSource.manager, referralId);
    // Another partner is told nothing about the referral, not even that it exists.
    const access = referral ? safetyConditionsAccess(toPartnerReferral(referral), partnerId) : undefined;
    if (!referral || !access || (!access.allowed && access.reason === 'another-partner')) {
      throw new NotFoundException({ statusCode: 404, error: 'referral-not-found', message: `no referral ${referralId} was issued to ${partnerId}` });
    }
    if (!access.allowed) throw new ForbiddenException({ statusCode: 403, error: access.reason === 'referral-closed' ? 'referral-closed' : 'not-disclosed', message: access.message });

    const found = await this.conditionsOf(this.dataSource.manager, referral, 0);
    let conditions: string[] = [];
    if (found.count > 0) {
      if (!found.sealed) {
        throw new GoneException({
          statusCode: 410,
          error: 'safety-conditions-removed',
          message: `the ${found.count} safety condition(s) of referral ${referralId} were recorded before they were kept encrypted, and their text is no longer kept (ADR 0020); ask Veilig Thuis`,
        });
      }
      const opened = await this.texts.openList(found.sealed);
      if (!Array.isArray(opened)) {
        throw new GoneException({ statusCode: 410, error: 'safety-conditions-erased', message: `the household's data was erased on ${opened.erasedAt}; its safety conditions are gone`, erasedAt: opened.erasedAt });
      }
      conditions = opened;
    }

    const now = new Date();
    await this.dataSource.transaction((manager) => this.recordDisclosure(manager, referral, access.purpose, conditions.length > 0 ? ['safetyConditions'] : [], partnerActorOf(principal), now));
    return { referralId: referral.referral_id, partnerId, conditionCount: found.count, conditions, recordedAt: found.recordedAt };
  }

  private async referral(manager: EntityManager, referralId: string): Promise<HouseholdReferralRow | undefined> {
    const [row] = (await manager.query(
      'select referral_id, household_id, partner_id, partner_type, purpose, outcome, reroute_of, basis_event_type, basis_event_id, closed from household_referral where referral_id = $1',
      [referralId],
    )) as HouseholdReferralRow[];
    return row;
  }

  /**
   * The conditions of the decision the referral follows from (`basis`): recorded conditions (a household event), or
   * an investigation's conclusion; a re-routed referral carries those of the referral it passes on. A referral from
   * before the basis was kept here gets the household's current conditions; any other basis has none.
   */
  private async conditionsOf(manager: EntityManager, referral: HouseholdReferralRow, depth: number): Promise<ReferralConditions> {
    const type = referral.basis_event_type ?? '';
    if (SAFETY_CONDITIONS_RECORDED_TYPE.test(type)) {
      const [row] = (await manager.query('select type, data from household_event where event_id = $1 and household_id = $2', [referral.basis_event_id, referral.household_id])) as { type: EventType; data: unknown }[];
      if (row) {
        const data = upcastData(row.type, row.data).data as EventDataByType['nl.veiligthuis.household.SafetyConditionsRecorded.v2'];
        return { ...(data.conditions ? { sealed: data.conditions } : {}), count: data.conditionCount, recordedAt: data.recordedAt };
      }
    } else if (INVESTIGATION_CONCLUDED_TYPE.test(type)) {
      const [row] = (await manager.query('select conclusion from investigation where concluded_event_id = $1', [referral.basis_event_id])) as { conclusion: EventDataByType['nl.veiligthuis.investigation.InvestigationConcluded.v2'] | null }[];
      if (row?.conclusion) {
        const { safetyConditions, safetyConditionCount, concludedAt } = row.conclusion;
        return { ...(safetyConditions ? { sealed: safetyConditions } : {}), count: safetyConditionCount, recordedAt: concludedAt };
      }
    } else if (referral.reroute_of && depth < 50) {
      const passedOn = await this.referral(manager, referral.reroute_of);
      if (passedOn) return this.conditionsOf(manager, passedOn, depth + 1);
    } else if (referral.basis_event_type === null) {
      const state = (await readHouseholdEvents(manager, referral.household_id)).map((stored) => stored.event).reduce(evolve, initialHouseholdState);
      const current = state.status === 'recorded' ? state.safetyConditions : null;
      if (current) return { ...(current.conditions ? { sealed: current.conditions } : {}), count: current.conditionCount, recordedAt: current.recordedAt };
    }
    return { count: 0, recordedAt: null };
  }

  private async recordDisclosure(manager: EntityManager, referral: HouseholdReferralRow, purpose: EventDataByType[typeof CASE_DATA_ACCESSED_V2]['purpose'] & string, fields: string[], actor: string, now: Date): Promise<void> {
    const data: EventDataByType[typeof CASE_DATA_ACCESSED_V2] = {
      accessId: randomUUID(),
      householdId: referral.household_id,
      subject: { kind: 'referral', id: referral.referral_id },
      service: 'safety-investigation',
      purpose,
      fields,
      accessedAt: now.toISOString(),
      actor,
    };
    const event = newEvent({ type: CASE_DATA_ACCESSED_V2, service: 'safety-investigation', householdId: referral.household_id, subject: referral.referral_id, time: now, data });
    await this.outbox.publish(manager, [{ topic: TOPICS.auditAccess, event }]);
  }
}

function toPartnerReferral(row: HouseholdReferralRow): PartnerReferral {
  return {
    referralId: row.referral_id,
    householdId: row.household_id,
    partnerId: row.partner_id,
    partnerType: row.partner_type,
    ...(row.purpose ? { purpose: row.purpose } : {}),
    ...(row.outcome ? { outcome: row.outcome } : {}),
    ...(row.closed ? { closed: row.closed } : {}),
  };
}
