import { EVENT_CATALOG, EventDataByType, EventType } from './catalog';
import { CloudEvent } from './envelope';
import {
  ASSESSMENT_REQUEST_JOINED,
  ASSESSMENT_REQUEST_JOINED_V2,
  upcastAssessmentRequestJoinedV1,
} from './events/assessment-request-joined.event';
import { CASE_DATA_ACCESSED, CASE_DATA_ACCESSED_V2, upcastCaseDataAccessedV1 } from './events/case-data-accessed.event';
import { DEADLINE_EXTENDED, DEADLINE_EXTENDED_V2, upcastDeadlineExtendedV1 } from './events/deadline.event';
import { HOUSEHOLD_HANDOVER_FAILED, HOUSEHOLD_HANDOVER_FAILED_V2, upcastHouseholdHandoverFailedV1 } from './events/household-handover.event';
import {
  IMMEDIATE_SAFETY_CONFIRMED,
  IMMEDIATE_SAFETY_CONFIRMED_V2,
  upcastImmediateSafetyConfirmedV1,
} from './events/household-immediate-safety-confirmed.event';
import { NEW_ASSESSMENT_REQUESTED, NEW_ASSESSMENT_REQUESTED_V2, upcastNewAssessmentRequestedV1 } from './events/household-monitoring.event';
import {
  MONITORING_RESULT_RECORDED,
  MONITORING_RESULT_RECORDED_V2,
  upcastMonitoringResultRecordedV1,
} from './events/household-monitoring-result-recorded.event';
import { HOUSEHOLD_PHASE_CHANGED, HOUSEHOLD_PHASE_CHANGED_V2, upcastHouseholdPhaseChangedV1 } from './events/household-phase-changed.event';
import {
  SAFETY_CONDITIONS_RECORDED,
  SAFETY_CONDITIONS_RECORDED_V2,
  upcastSafetyConditionsRecordedV1,
} from './events/household-safety-conditions-recorded.event';
import { HUISVERBOD_EXTENDED, HUISVERBOD_EXTENDED_V2, upcastHuisverbodExtendedV1 } from './events/huisverbod.event';
import { INVESTIGATION_CONCLUDED, INVESTIGATION_CONCLUDED_V2, upcastInvestigationConcludedV1 } from './events/investigation-concluded.event';
import { PARTNER_REFERRAL_ISSUED, PARTNER_REFERRAL_ISSUED_V2, upcastPartnerReferralIssuedV1 } from './events/partner-referral-issued.event';
import { PARTNER_REFERRAL_DECLINED, PARTNER_REFERRAL_DECLINED_V2, upcastPartnerReferralDeclinedV1 } from './events/partner-response.event';
import { MELDER_FEEDBACK_GIVEN, MELDER_FEEDBACK_GIVEN_V2, upcastMelderFeedbackGivenV1 } from './events/referral-feedback.event';
import {
  REFERRAL_DECLINED,
  REFERRAL_DECLINED_V2,
  REFERRAL_ROUTING_FAILED,
  REFERRAL_ROUTING_FAILED_V2,
  upcastReferralDeclinedV1,
  upcastReferralRoutingFailedV1,
} from './events/referral-lifecycle.event';
import {
  SAFETY_ASSESSMENT_COMPLETED,
  SAFETY_ASSESSMENT_COMPLETED_V2,
  upcastSafetyAssessmentCompletedV1,
} from './events/safety-assessment-completed.event';

/** How a record of a superseded type is read as the type that superseded it. */
export interface Upcaster {
  to: EventType;
  upcast(data: unknown): unknown;
}

/** An upcaster from `_from` to `to`, checked by the compiler against both types' data. */
function upcaster<From extends EventType, To extends EventType>(_from: From, to: To, upcast: (data: EventDataByType[From]) => EventDataByType[To]): Upcaster {
  return { to, upcast: upcast as (data: unknown) => unknown };
}

/**
 * Every superseded type and its upcaster (ADR 0004: a breaking change is a new version; old records stay on
 * the log and are read as the new version). The consumer runner and the audit log reader apply them after
 * the v1 record was checked against its own schema, so handlers, timelines and rebuild models know only the
 * newest version of each type. Add an entry whenever a contract gets `supersededBy`.
 */
export const UPCASTERS: { readonly [T in EventType]?: Upcaster } = {
  [SAFETY_ASSESSMENT_COMPLETED]: upcaster(SAFETY_ASSESSMENT_COMPLETED, SAFETY_ASSESSMENT_COMPLETED_V2, upcastSafetyAssessmentCompletedV1),
  [ASSESSMENT_REQUEST_JOINED]: upcaster(ASSESSMENT_REQUEST_JOINED, ASSESSMENT_REQUEST_JOINED_V2, upcastAssessmentRequestJoinedV1),
  [DEADLINE_EXTENDED]: upcaster(DEADLINE_EXTENDED, DEADLINE_EXTENDED_V2, upcastDeadlineExtendedV1),
  [IMMEDIATE_SAFETY_CONFIRMED]: upcaster(IMMEDIATE_SAFETY_CONFIRMED, IMMEDIATE_SAFETY_CONFIRMED_V2, upcastImmediateSafetyConfirmedV1),
  [HOUSEHOLD_PHASE_CHANGED]: upcaster(HOUSEHOLD_PHASE_CHANGED, HOUSEHOLD_PHASE_CHANGED_V2, upcastHouseholdPhaseChangedV1),
  [SAFETY_CONDITIONS_RECORDED]: upcaster(SAFETY_CONDITIONS_RECORDED, SAFETY_CONDITIONS_RECORDED_V2, upcastSafetyConditionsRecordedV1),
  [MONITORING_RESULT_RECORDED]: upcaster(MONITORING_RESULT_RECORDED, MONITORING_RESULT_RECORDED_V2, upcastMonitoringResultRecordedV1),
  [NEW_ASSESSMENT_REQUESTED]: upcaster(NEW_ASSESSMENT_REQUESTED, NEW_ASSESSMENT_REQUESTED_V2, upcastNewAssessmentRequestedV1),
  [HOUSEHOLD_HANDOVER_FAILED]: upcaster(HOUSEHOLD_HANDOVER_FAILED, HOUSEHOLD_HANDOVER_FAILED_V2, upcastHouseholdHandoverFailedV1),
  [HUISVERBOD_EXTENDED]: upcaster(HUISVERBOD_EXTENDED, HUISVERBOD_EXTENDED_V2, upcastHuisverbodExtendedV1),
  [INVESTIGATION_CONCLUDED]: upcaster(INVESTIGATION_CONCLUDED, INVESTIGATION_CONCLUDED_V2, upcastInvestigationConcludedV1),
  [REFERRAL_DECLINED]: upcaster(REFERRAL_DECLINED, REFERRAL_DECLINED_V2, upcastReferralDeclinedV1),
  [REFERRAL_ROUTING_FAILED]: upcaster(REFERRAL_ROUTING_FAILED, REFERRAL_ROUTING_FAILED_V2, upcastReferralRoutingFailedV1),
  [PARTNER_REFERRAL_DECLINED]: upcaster(PARTNER_REFERRAL_DECLINED, PARTNER_REFERRAL_DECLINED_V2, upcastPartnerReferralDeclinedV1),
  [PARTNER_REFERRAL_ISSUED]: upcaster(PARTNER_REFERRAL_ISSUED, PARTNER_REFERRAL_ISSUED_V2, upcastPartnerReferralIssuedV1),
  [MELDER_FEEDBACK_GIVEN]: upcaster(MELDER_FEEDBACK_GIVEN, MELDER_FEEDBACK_GIVEN_V2, upcastMelderFeedbackGivenV1),
  [CASE_DATA_ACCESSED]: upcaster(CASE_DATA_ACCESSED, CASE_DATA_ACCESSED_V2, upcastCaseDataAccessedV1),
};

/** The type a record of `type` is read as: itself, or the newest type that supersedes it. */
export function newestTypeOf<T extends EventType>(type: T): EventType {
  let current: EventType = type;
  for (let step = UPCASTERS[current]; step !== undefined; step = UPCASTERS[current]) current = step.to;
  return current;
}

/** True when producers must no longer write `type` (its contract names `supersededBy`). */
export function isSuperseded(type: EventType): boolean {
  return 'supersededBy' in EVENT_CATALOG[type];
}

/** A type and its data as the newest version of that type (for facts kept outside an envelope, e.g. an event-sourced table). */
export function upcastData(type: EventType, data: unknown): { type: EventType; data: unknown } {
  let current = { type, data };
  for (let step = UPCASTERS[current.type]; step !== undefined; step = UPCASTERS[current.type]) current = { type: step.to, data: step.upcast(current.data) };
  return current;
}

/**
 * The event as the newest version of its type: type, `dataschema` and `data` upcast step by step; the rest of
 * the envelope (id, time, source, household, correlation, the chain fields) stays, since it describes the
 * record as it lies on the log. An event of a type that is not superseded is returned as it is.
 */
export function upcastEvent<E extends CloudEvent<EventType, unknown>>(event: E): CloudEvent<EventType, unknown> {
  if (UPCASTERS[event.type] === undefined) return event;
  const newest = upcastData(event.type, event.data);
  return { ...event, type: newest.type, dataschema: EVENT_CATALOG[newest.type].schema.$id, data: newest.data };
}
