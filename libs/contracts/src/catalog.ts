import { ACUTE_CHECK_COMPLETED, AcuteCheckCompletedData, acuteCheckCompletedContract } from './events/acute-check-completed.event';
import { HOUSEHOLD_RECORD_OPENED, HouseholdRecordOpenedData, householdRecordOpenedContract } from './events/household-record-opened.event';
import { MELDING_RECEIVED, MeldingReceivedData, meldingReceivedContract } from './events/melding-received.event';
import { PARTNER_REFERRAL_ISSUED, PartnerReferralIssuedData, partnerReferralIssuedContract } from './events/partner-referral-issued.event';
import { REFERRAL_ISSUED, ReferralIssuedData, referralIssuedContract } from './events/referral-issued.event';
import { CloudEvent } from './envelope';

/** Every event type, its topic (address), producer and data schema. Route by `type`, never by class. */
export const EVENT_CATALOG = {
  [MELDING_RECEIVED]: meldingReceivedContract,
  [ACUTE_CHECK_COMPLETED]: acuteCheckCompletedContract,
  [HOUSEHOLD_RECORD_OPENED]: householdRecordOpenedContract,
  [REFERRAL_ISSUED]: referralIssuedContract,
  [PARTNER_REFERRAL_ISSUED]: partnerReferralIssuedContract,
} as const;

export type EventType = keyof typeof EVENT_CATALOG;

export interface EventDataByType {
  [MELDING_RECEIVED]: MeldingReceivedData;
  [ACUTE_CHECK_COMPLETED]: AcuteCheckCompletedData;
  [HOUSEHOLD_RECORD_OPENED]: HouseholdRecordOpenedData;
  [REFERRAL_ISSUED]: ReferralIssuedData;
  [PARTNER_REFERRAL_ISSUED]: PartnerReferralIssuedData;
}

export type DomainEvent<T extends EventType = EventType> = CloudEvent<T, EventDataByType[T]>;

export function isKnownEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOG, type);
}

/** `dataschema` attribute of an event type: the `$id` of its JSON Schema. */
export function dataSchemaOf(type: EventType): string {
  return EVENT_CATALOG[type].schema.$id;
}
