import { ACUTE_CHECK_COMPLETED, AcuteCheckCompletedData, acuteCheckCompletedContract } from './events/acute-check-completed.event';
import { HOUSEHOLD_RECORD_OPENED, HouseholdRecordOpenedData, householdRecordOpenedContract } from './events/household-record-opened.event';
import { MELDING_ADDED_TO_HOUSEHOLD, MeldingAddedToHouseholdData, meldingAddedToHouseholdContract } from './events/household-melding-added.event';
import {
  IMMEDIATE_SAFETY_CONFIRMED,
  IMMEDIATE_SAFETY_CONFIRMED_V2,
  ImmediateSafetyConfirmedData,
  immediateSafetyConfirmedContract,
  ImmediateSafetyConfirmedV2Data,
  immediateSafetyConfirmedV2Contract,
} from './events/household-immediate-safety-confirmed.event';
import {
  HOUSEHOLD_PHASE_CHANGED,
  HOUSEHOLD_PHASE_CHANGED_V2,
  HouseholdPhaseChangedData,
  householdPhaseChangedContract,
  HouseholdPhaseChangedV2Data,
  householdPhaseChangedV2Contract,
} from './events/household-phase-changed.event';
import {
  SAFETY_CONDITIONS_RECORDED,
  SAFETY_CONDITIONS_RECORDED_V2,
  SafetyConditionsRecordedData,
  safetyConditionsRecordedContract,
  SafetyConditionsRecordedV2Data,
  safetyConditionsRecordedV2Contract,
} from './events/household-safety-conditions-recorded.event';
import {
  MONITORING_RESULT_RECORDED,
  MONITORING_RESULT_RECORDED_V2,
  MonitoringResultRecordedData,
  monitoringResultRecordedContract,
  MonitoringResultRecordedV2Data,
  monitoringResultRecordedV2Contract,
} from './events/household-monitoring-result-recorded.event';
import { HOUSEHOLD_PHASE_CHANGE_REFUSED, HouseholdPhaseChangeRefusedData, householdPhaseChangeRefusedContract } from './events/household-phase-change-refused.event';
import {
  HOUSEHOLD_HANDED_OVER,
  HOUSEHOLD_HANDOVER_COMPLETED,
  HOUSEHOLD_HANDOVER_FAILED,
  HOUSEHOLD_HANDOVER_FAILED_V2,
  HouseholdHandoverFailedV2Data,
  householdHandoverFailedV2Contract,
  HouseholdHandedOverData,
  householdHandedOverContract,
  HouseholdHandoverCompletedData,
  householdHandoverCompletedContract,
  HouseholdHandoverFailedData,
  householdHandoverFailedContract,
} from './events/household-handover.event';
import { MELDING_RECEIVED, MeldingReceivedData, meldingReceivedContract } from './events/melding-received.event';
import {
  PARTNER_REFERRAL_ISSUED,
  PARTNER_REFERRAL_ISSUED_V2,
  PartnerReferralIssuedData,
  partnerReferralIssuedContract,
  PartnerReferralIssuedV2Data,
  partnerReferralIssuedV2Contract,
} from './events/partner-referral-issued.event';
import {
  PARTNER_REFERRAL_ACCEPTED,
  PARTNER_REFERRAL_COMPLETED,
  PARTNER_REFERRAL_DECLINED,
  PARTNER_REFERRAL_DECLINED_V2,
  PartnerReferralDeclinedV2Data,
  partnerReferralDeclinedV2Contract,
  PartnerReferralAcceptedData,
  partnerReferralAcceptedContract,
  PartnerReferralCompletedData,
  partnerReferralCompletedContract,
  PartnerReferralDeclinedData,
  partnerReferralDeclinedContract,
} from './events/partner-response.event';
import { REFERRAL_ISSUED, ReferralIssuedData, referralIssuedContract } from './events/referral-issued.event';
import {
  PARTNER_ANSWER_REFUSED,
  PartnerAnswerRefusedData,
  partnerAnswerRefusedContract,
  REFERRAL_ACCEPTED,
  REFERRAL_COMPLETED,
  REFERRAL_DECLINED,
  REFERRAL_DECLINED_V2,
  ReferralDeclinedV2Data,
  referralDeclinedV2Contract,
  REFERRAL_ROUTING_FAILED_V2,
  ReferralRoutingFailedV2Data,
  referralRoutingFailedV2Contract,
  REFERRAL_EXPIRED,
  REFERRAL_REROUTED,
  REFERRAL_ROUTING_FAILED,
  ReferralAcceptedData,
  referralAcceptedContract,
  ReferralCompletedData,
  referralCompletedContract,
  ReferralDeclinedData,
  referralDeclinedContract,
  ReferralExpiredData,
  referralExpiredContract,
  ReferralReroutedData,
  referralReroutedContract,
  ReferralRoutingFailedData,
  referralRoutingFailedContract,
} from './events/referral-lifecycle.event';
import {
  MELDER_FEEDBACK_GIVEN,
  MELDER_FEEDBACK_GIVEN_V2,
  MelderFeedbackGivenData,
  melderFeedbackGivenContract,
  MelderFeedbackGivenV2Data,
  melderFeedbackGivenV2Contract,
} from './events/referral-feedback.event';
import { PARTNER_REFERRAL_WITHDRAWN, PartnerReferralWithdrawnData, partnerReferralWithdrawnContract } from './events/partner-referral-withdrawn.event';
import { CloudEvent } from './envelope';
import {
  SIGNAL_EXPIRED,
  SIGNAL_MATCH_FOUND,
  SIGNAL_REGISTERED,
  SIGNAL_WITHDRAWN,
  SIGNALS_MATCHED,
  SignalEndedData,
  signalExpiredContract,
  SignalMatchFoundData,
  signalMatchFoundContract,
  SignalRegisteredData,
  signalRegisteredContract,
  signalWithdrawnContract,
  SignalsMatchedData,
  signalsMatchedContract,
} from './events/signal-matching.event';
import {
  SHELTER_PLACEMENT_REQUESTED,
  SHELTER_PLACEMENT_OFFERED,
  SHELTER_PLACEMENT_ACCEPTED,
  SHELTER_PLACEMENT_DECLINED,
  SHELTER_PLACEMENT_OFFER_LAPSED,
  SHELTER_PLACEMENT_ESCALATED,
  SHELTER_PLACEMENT_CANCELLED,
  SHELTER_STAY_STARTED,
  SHELTER_STAY_MOVED,
  SHELTER_STAY_ENDED,
  SHELTER_CAPACITY_REPORTED,
  SHELTER_PLACE_REQUESTED,
  SHELTER_PLACE_REQUEST_WITHDRAWN,
  shelterPlacementRequestedContract,
  shelterPlacementOfferedContract,
  shelterPlacementAcceptedContract,
  shelterPlacementDeclinedContract,
  shelterPlacementOfferLapsedContract,
  shelterPlacementEscalatedContract,
  shelterPlacementCancelledContract,
  shelterStayStartedContract,
  shelterStayMovedContract,
  shelterStayEndedContract,
  shelterCapacityReportedContract,
  shelterPlaceRequestedContract,
  shelterPlaceRequestWithdrawnContract,
  ShelterCapacityReportedData,
  ShelterPlaceRequestWithdrawnData,
  ShelterPlaceRequestedData,
  ShelterPlacementAnsweredData,
  ShelterPlacementCancelledData,
  ShelterPlacementDeclinedData,
  ShelterPlacementEscalatedData,
  ShelterPlacementOfferLapsedData,
  ShelterPlacementOfferedData,
  ShelterPlacementRequestedData,
  ShelterStayEndedData,
  ShelterStayMovedData,
  ShelterStayStartedData,
} from './events/shelter-placement.event';
import { AUDIT_CHAIN_CHECKPOINTED, AuditChainCheckpointedData, auditChainCheckpointedContract } from './events/audit-chain-checkpointed.event';
import {
  ERASURE_DEADLINE_APPROACHING,
  ERASURE_DEADLINE_BREACHED,
  ERASURE_REQUESTED,
  ErasureDeadlineApproachingData,
  erasureDeadlineApproachingContract,
  ErasureDeadlineBreachedData,
  erasureDeadlineBreachedContract,
  ErasureRequestedData,
  erasureRequestedContract,
  PERSON_DATA_ERASED,
  PersonDataErasedData,
  personDataErasedContract,
  HOUSEHOLD_DATA_ERASED,
  HouseholdDataErasedData,
  householdDataErasedContract,
} from './events/person-data-erased.event';
import {
  CASE_DATA_ACCESSED,
  CASE_DATA_ACCESSED_V2,
  CaseDataAccessedData,
  caseDataAccessedContract,
  CaseDataAccessedV2Data,
  caseDataAccessedV2Contract,
} from './events/case-data-accessed.event';
import { ADVIESVRAAG_RECEIVED, AdviesvraagReceivedData, adviesvraagReceivedContract } from './events/adviesvraag-received.event';
import { ADVIESVRAAG_CONVERTED_TO_MELDING, AdviesvraagConvertedToMeldingData, adviesvraagConvertedToMeldingContract } from './events/adviesvraag-converted-to-melding.event';
import { INVESTIGATION_OPENED, InvestigationOpenedData, investigationOpenedContract } from './events/investigation-opened.event';
import {
  INVESTIGATION_CONCLUDED,
  INVESTIGATION_CONCLUDED_V2,
  InvestigationConcludedData,
  investigationConcludedContract,
  InvestigationConcludedV2Data,
  investigationConcludedV2Contract,
} from './events/investigation-concluded.event';
import {
  INVESTIGATION_FINDING_RECORDED,
  INVESTIGATION_STEP_COMPLETED,
  INVESTIGATION_STEP_PLANNED,
  InvestigationFindingRecordedData,
  investigationFindingRecordedContract,
  InvestigationStepCompletedData,
  investigationStepCompletedContract,
  InvestigationStepPlannedData,
  investigationStepPlannedContract,
} from './events/investigation-plan.event';
import {
  MONITORING_CHECK_IN_DUE,
  MONITORING_CHECK_IN_OVERDUE,
  MONITORING_STARTED,
  MonitoringCheckInDueData,
  monitoringCheckInDueContract,
  MonitoringCheckInOverdueData,
  monitoringCheckInOverdueContract,
  MonitoringStartedData,
  monitoringStartedContract,
  NEW_ASSESSMENT_REQUESTED,
  NEW_ASSESSMENT_REQUESTED_V2,
  NewAssessmentRequestedData,
  newAssessmentRequestedContract,
  NewAssessmentRequestedV2Data,
  newAssessmentRequestedV2Contract,
  SUSTAINABLE_SAFETY_CONFIRMED,
  SustainableSafetyConfirmedData,
  sustainableSafetyConfirmedContract,
} from './events/household-monitoring.event';
import {
  HUISVERBOD_END_APPROACHING,
  HUISVERBOD_ENDED,
  HUISVERBOD_EXTENDED,
  HUISVERBOD_EXTENDED_V2,
  HuisverbodExtendedV2Data,
  huisverbodExtendedV2Contract,
  HUISVERBOD_IMPOSED,
  HuisverbodClockData,
  huisverbodEndApproachingContract,
  huisverbodEndedContract,
  HuisverbodExtendedData,
  huisverbodExtendedContract,
  HuisverbodImposedData,
  huisverbodImposedContract,
} from './events/huisverbod.event';
import {
  CRISIS_ACTION_RECORDED,
  CRISIS_INTERVENTION_REQUESTED,
  CrisisActionRecordedData,
  crisisActionRecordedContract,
  CrisisInterventionRequestedData,
  crisisInterventionRequestedContract,
} from './events/crisis-intervention.event';
import {
  SAFETY_ASSESSMENT_COMPLETED,
  SAFETY_ASSESSMENT_COMPLETED_V2,
  SafetyAssessmentCompletedData,
  safetyAssessmentCompletedContract,
  SafetyAssessmentCompletedV2Data,
  safetyAssessmentCompletedV2Contract,
} from './events/safety-assessment-completed.event';
import {
  ASSESSMENT_REQUEST_JOINED,
  ASSESSMENT_REQUEST_JOINED_V2,
  AssessmentRequestJoinedData,
  assessmentRequestJoinedContract,
  AssessmentRequestJoinedV2Data,
  assessmentRequestJoinedV2Contract,
} from './events/assessment-request-joined.event';
import {
  DEADLINE_APPROACHING,
  DEADLINE_BREACHED,
  DEADLINE_EXTENDED,
  DEADLINE_EXTENDED_V2,
  DeadlineExtendedV2Data,
  deadlineExtendedV2Contract,
  DEADLINE_SUPERSEDED,
  DeadlineSupersededData,
  deadlineSupersededContract,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DeadlineApproachingData,
  deadlineApproachingContract,
  DeadlineBreachedData,
  deadlineBreachedContract,
  DeadlineExtendedData,
  deadlineExtendedContract,
  DeadlineMetData,
  deadlineMetContract,
  DeadlineStartedData,
  deadlineStartedContract,
} from './events/deadline.event';
import {
  INFORMING_WITHHELD,
  InformingWithheldData,
  informingWithheldContract,
  INVOLVED_PERSON_INFORMED,
  InvolvedPersonInformedData,
  involvedPersonInformedContract,
} from './events/informing.event';

/** Every event type, its topic (address), producer and data schema. Route by `type`, never by class. */
export const EVENT_CATALOG = {
  [MELDING_RECEIVED]: meldingReceivedContract,
  [ACUTE_CHECK_COMPLETED]: acuteCheckCompletedContract,
  [HOUSEHOLD_RECORD_OPENED]: householdRecordOpenedContract,
  [MELDING_ADDED_TO_HOUSEHOLD]: meldingAddedToHouseholdContract,
  [IMMEDIATE_SAFETY_CONFIRMED]: immediateSafetyConfirmedContract,
  [HOUSEHOLD_PHASE_CHANGED]: householdPhaseChangedContract,
  [SAFETY_CONDITIONS_RECORDED]: safetyConditionsRecordedContract,
  [MONITORING_RESULT_RECORDED]: monitoringResultRecordedContract,
  [HOUSEHOLD_PHASE_CHANGE_REFUSED]: householdPhaseChangeRefusedContract,
  [HOUSEHOLD_HANDED_OVER]: householdHandedOverContract,
  [HOUSEHOLD_HANDOVER_COMPLETED]: householdHandoverCompletedContract,
  [HOUSEHOLD_HANDOVER_FAILED]: householdHandoverFailedContract,
  [REFERRAL_ISSUED]: referralIssuedContract,
  [PARTNER_REFERRAL_ISSUED]: partnerReferralIssuedContract,
  [PARTNER_REFERRAL_ACCEPTED]: partnerReferralAcceptedContract,
  [PARTNER_REFERRAL_DECLINED]: partnerReferralDeclinedContract,
  [PARTNER_REFERRAL_COMPLETED]: partnerReferralCompletedContract,
  [REFERRAL_ACCEPTED]: referralAcceptedContract,
  [REFERRAL_DECLINED]: referralDeclinedContract,
  [REFERRAL_REROUTED]: referralReroutedContract,
  [REFERRAL_EXPIRED]: referralExpiredContract,
  [REFERRAL_COMPLETED]: referralCompletedContract,
  [REFERRAL_ROUTING_FAILED]: referralRoutingFailedContract,
  [PARTNER_ANSWER_REFUSED]: partnerAnswerRefusedContract,
  [MELDER_FEEDBACK_GIVEN]: melderFeedbackGivenContract,
  [PARTNER_REFERRAL_WITHDRAWN]: partnerReferralWithdrawnContract,
  [SIGNAL_REGISTERED]: signalRegisteredContract,
  [SIGNAL_WITHDRAWN]: signalWithdrawnContract,
  [SIGNAL_EXPIRED]: signalExpiredContract,
  [SIGNALS_MATCHED]: signalsMatchedContract,
  [SIGNAL_MATCH_FOUND]: signalMatchFoundContract,
  [SHELTER_PLACEMENT_REQUESTED]: shelterPlacementRequestedContract,
  [SHELTER_PLACEMENT_OFFERED]: shelterPlacementOfferedContract,
  [SHELTER_PLACEMENT_ACCEPTED]: shelterPlacementAcceptedContract,
  [SHELTER_PLACEMENT_DECLINED]: shelterPlacementDeclinedContract,
  [SHELTER_PLACEMENT_OFFER_LAPSED]: shelterPlacementOfferLapsedContract,
  [SHELTER_PLACEMENT_ESCALATED]: shelterPlacementEscalatedContract,
  [SHELTER_PLACEMENT_CANCELLED]: shelterPlacementCancelledContract,
  [SHELTER_STAY_STARTED]: shelterStayStartedContract,
  [SHELTER_STAY_MOVED]: shelterStayMovedContract,
  [SHELTER_STAY_ENDED]: shelterStayEndedContract,
  [SHELTER_CAPACITY_REPORTED]: shelterCapacityReportedContract,
  [SHELTER_PLACE_REQUESTED]: shelterPlaceRequestedContract,
  [SHELTER_PLACE_REQUEST_WITHDRAWN]: shelterPlaceRequestWithdrawnContract,
  [CRISIS_INTERVENTION_REQUESTED]: crisisInterventionRequestedContract,
  [CRISIS_ACTION_RECORDED]: crisisActionRecordedContract,
  [SAFETY_ASSESSMENT_COMPLETED]: safetyAssessmentCompletedContract,
  [ASSESSMENT_REQUEST_JOINED]: assessmentRequestJoinedContract,
  [DEADLINE_STARTED]: deadlineStartedContract,
  [DEADLINE_APPROACHING]: deadlineApproachingContract,
  [DEADLINE_BREACHED]: deadlineBreachedContract,
  [DEADLINE_MET]: deadlineMetContract,
  [DEADLINE_EXTENDED]: deadlineExtendedContract,
  [INVESTIGATION_OPENED]: investigationOpenedContract,
  [INVESTIGATION_CONCLUDED]: investigationConcludedContract,
  [INVESTIGATION_STEP_PLANNED]: investigationStepPlannedContract,
  [INVESTIGATION_STEP_COMPLETED]: investigationStepCompletedContract,
  [INVESTIGATION_FINDING_RECORDED]: investigationFindingRecordedContract,
  [MONITORING_STARTED]: monitoringStartedContract,
  [MONITORING_CHECK_IN_DUE]: monitoringCheckInDueContract,
  [MONITORING_CHECK_IN_OVERDUE]: monitoringCheckInOverdueContract,
  [SUSTAINABLE_SAFETY_CONFIRMED]: sustainableSafetyConfirmedContract,
  [NEW_ASSESSMENT_REQUESTED]: newAssessmentRequestedContract,
  [HUISVERBOD_IMPOSED]: huisverbodImposedContract,
  [HUISVERBOD_EXTENDED]: huisverbodExtendedContract,
  [HUISVERBOD_END_APPROACHING]: huisverbodEndApproachingContract,
  [HUISVERBOD_ENDED]: huisverbodEndedContract,
  [CASE_DATA_ACCESSED]: caseDataAccessedContract,
  [ERASURE_REQUESTED]: erasureRequestedContract,
  [ERASURE_DEADLINE_APPROACHING]: erasureDeadlineApproachingContract,
  [ERASURE_DEADLINE_BREACHED]: erasureDeadlineBreachedContract,
  [PERSON_DATA_ERASED]: personDataErasedContract,
  [ADVIESVRAAG_RECEIVED]: adviesvraagReceivedContract,
  [ADVIESVRAAG_CONVERTED_TO_MELDING]: adviesvraagConvertedToMeldingContract,
  // Second versions (ADR 0020): free text only encrypted, system reasons as codes. The v1 types above stay
  // readable (their contracts name `supersededBy`); `UPCASTERS` turns a v1 record into v2 on read.
  [SAFETY_ASSESSMENT_COMPLETED_V2]: safetyAssessmentCompletedV2Contract,
  [ASSESSMENT_REQUEST_JOINED_V2]: assessmentRequestJoinedV2Contract,
  [DEADLINE_EXTENDED_V2]: deadlineExtendedV2Contract,
  [IMMEDIATE_SAFETY_CONFIRMED_V2]: immediateSafetyConfirmedV2Contract,
  [HOUSEHOLD_PHASE_CHANGED_V2]: householdPhaseChangedV2Contract,
  [SAFETY_CONDITIONS_RECORDED_V2]: safetyConditionsRecordedV2Contract,
  [MONITORING_RESULT_RECORDED_V2]: monitoringResultRecordedV2Contract,
  [NEW_ASSESSMENT_REQUESTED_V2]: newAssessmentRequestedV2Contract,
  [HOUSEHOLD_HANDOVER_FAILED_V2]: householdHandoverFailedV2Contract,
  [HUISVERBOD_EXTENDED_V2]: huisverbodExtendedV2Contract,
  [INVESTIGATION_CONCLUDED_V2]: investigationConcludedV2Contract,
  [REFERRAL_DECLINED_V2]: referralDeclinedV2Contract,
  [REFERRAL_ROUTING_FAILED_V2]: referralRoutingFailedV2Contract,
  [PARTNER_REFERRAL_DECLINED_V2]: partnerReferralDeclinedV2Contract,
  [PARTNER_REFERRAL_ISSUED_V2]: partnerReferralIssuedV2Contract,
  [MELDER_FEEDBACK_GIVEN_V2]: melderFeedbackGivenV2Contract,
  [CASE_DATA_ACCESSED_V2]: caseDataAccessedV2Contract,
  // New facts of issue 11.
  [INVOLVED_PERSON_INFORMED]: involvedPersonInformedContract,
  [INFORMING_WITHHELD]: informingWithheldContract,
  [DEADLINE_SUPERSEDED]: deadlineSupersededContract,
  [HOUSEHOLD_DATA_ERASED]: householdDataErasedContract,
  // Tamper evidence (docs/adr/0027): the relays' signed chain heads, a CloudEvent like every other record.
  [AUDIT_CHAIN_CHECKPOINTED]: auditChainCheckpointedContract,
} as const;

export type EventType = keyof typeof EVENT_CATALOG;

export interface EventDataByType {
  [MELDING_RECEIVED]: MeldingReceivedData;
  [ACUTE_CHECK_COMPLETED]: AcuteCheckCompletedData;
  [HOUSEHOLD_RECORD_OPENED]: HouseholdRecordOpenedData;
  [MELDING_ADDED_TO_HOUSEHOLD]: MeldingAddedToHouseholdData;
  [IMMEDIATE_SAFETY_CONFIRMED]: ImmediateSafetyConfirmedData;
  [HOUSEHOLD_PHASE_CHANGED]: HouseholdPhaseChangedData;
  [SAFETY_CONDITIONS_RECORDED]: SafetyConditionsRecordedData;
  [MONITORING_RESULT_RECORDED]: MonitoringResultRecordedData;
  [HOUSEHOLD_PHASE_CHANGE_REFUSED]: HouseholdPhaseChangeRefusedData;
  [HOUSEHOLD_HANDED_OVER]: HouseholdHandedOverData;
  [HOUSEHOLD_HANDOVER_COMPLETED]: HouseholdHandoverCompletedData;
  [HOUSEHOLD_HANDOVER_FAILED]: HouseholdHandoverFailedData;
  [REFERRAL_ISSUED]: ReferralIssuedData;
  [PARTNER_REFERRAL_ISSUED]: PartnerReferralIssuedData;
  [PARTNER_REFERRAL_ACCEPTED]: PartnerReferralAcceptedData;
  [PARTNER_REFERRAL_DECLINED]: PartnerReferralDeclinedData;
  [PARTNER_REFERRAL_COMPLETED]: PartnerReferralCompletedData;
  [REFERRAL_ACCEPTED]: ReferralAcceptedData;
  [REFERRAL_DECLINED]: ReferralDeclinedData;
  [REFERRAL_REROUTED]: ReferralReroutedData;
  [REFERRAL_EXPIRED]: ReferralExpiredData;
  [REFERRAL_COMPLETED]: ReferralCompletedData;
  [REFERRAL_ROUTING_FAILED]: ReferralRoutingFailedData;
  [PARTNER_ANSWER_REFUSED]: PartnerAnswerRefusedData;
  [MELDER_FEEDBACK_GIVEN]: MelderFeedbackGivenData;
  [PARTNER_REFERRAL_WITHDRAWN]: PartnerReferralWithdrawnData;
  [SIGNAL_REGISTERED]: SignalRegisteredData;
  [SIGNAL_WITHDRAWN]: SignalEndedData;
  [SIGNAL_EXPIRED]: SignalEndedData;
  [SIGNALS_MATCHED]: SignalsMatchedData;
  [SIGNAL_MATCH_FOUND]: SignalMatchFoundData;
  [SHELTER_PLACEMENT_REQUESTED]: ShelterPlacementRequestedData;
  [SHELTER_PLACEMENT_OFFERED]: ShelterPlacementOfferedData;
  [SHELTER_PLACEMENT_ACCEPTED]: ShelterPlacementAnsweredData;
  [SHELTER_PLACEMENT_DECLINED]: ShelterPlacementDeclinedData;
  [SHELTER_PLACEMENT_OFFER_LAPSED]: ShelterPlacementOfferLapsedData;
  [SHELTER_PLACEMENT_ESCALATED]: ShelterPlacementEscalatedData;
  [SHELTER_PLACEMENT_CANCELLED]: ShelterPlacementCancelledData;
  [SHELTER_STAY_STARTED]: ShelterStayStartedData;
  [SHELTER_STAY_MOVED]: ShelterStayMovedData;
  [SHELTER_STAY_ENDED]: ShelterStayEndedData;
  [SHELTER_CAPACITY_REPORTED]: ShelterCapacityReportedData;
  [SHELTER_PLACE_REQUESTED]: ShelterPlaceRequestedData;
  [SHELTER_PLACE_REQUEST_WITHDRAWN]: ShelterPlaceRequestWithdrawnData;
  [CRISIS_INTERVENTION_REQUESTED]: CrisisInterventionRequestedData;
  [CRISIS_ACTION_RECORDED]: CrisisActionRecordedData;
  [SAFETY_ASSESSMENT_COMPLETED]: SafetyAssessmentCompletedData;
  [ASSESSMENT_REQUEST_JOINED]: AssessmentRequestJoinedData;
  [DEADLINE_STARTED]: DeadlineStartedData;
  [DEADLINE_APPROACHING]: DeadlineApproachingData;
  [DEADLINE_BREACHED]: DeadlineBreachedData;
  [DEADLINE_MET]: DeadlineMetData;
  [DEADLINE_EXTENDED]: DeadlineExtendedData;
  [INVESTIGATION_OPENED]: InvestigationOpenedData;
  [INVESTIGATION_CONCLUDED]: InvestigationConcludedData;
  [INVESTIGATION_STEP_PLANNED]: InvestigationStepPlannedData;
  [INVESTIGATION_STEP_COMPLETED]: InvestigationStepCompletedData;
  [INVESTIGATION_FINDING_RECORDED]: InvestigationFindingRecordedData;
  [MONITORING_STARTED]: MonitoringStartedData;
  [MONITORING_CHECK_IN_DUE]: MonitoringCheckInDueData;
  [MONITORING_CHECK_IN_OVERDUE]: MonitoringCheckInOverdueData;
  [SUSTAINABLE_SAFETY_CONFIRMED]: SustainableSafetyConfirmedData;
  [NEW_ASSESSMENT_REQUESTED]: NewAssessmentRequestedData;
  [HUISVERBOD_IMPOSED]: HuisverbodImposedData;
  [HUISVERBOD_EXTENDED]: HuisverbodExtendedData;
  [HUISVERBOD_END_APPROACHING]: HuisverbodClockData;
  [HUISVERBOD_ENDED]: HuisverbodClockData;
  [CASE_DATA_ACCESSED]: CaseDataAccessedData;
  [ERASURE_REQUESTED]: ErasureRequestedData;
  [ERASURE_DEADLINE_APPROACHING]: ErasureDeadlineApproachingData;
  [ERASURE_DEADLINE_BREACHED]: ErasureDeadlineBreachedData;
  [PERSON_DATA_ERASED]: PersonDataErasedData;
  [ADVIESVRAAG_RECEIVED]: AdviesvraagReceivedData;
  [ADVIESVRAAG_CONVERTED_TO_MELDING]: AdviesvraagConvertedToMeldingData;
  [SAFETY_ASSESSMENT_COMPLETED_V2]: SafetyAssessmentCompletedV2Data;
  [ASSESSMENT_REQUEST_JOINED_V2]: AssessmentRequestJoinedV2Data;
  [DEADLINE_EXTENDED_V2]: DeadlineExtendedV2Data;
  [IMMEDIATE_SAFETY_CONFIRMED_V2]: ImmediateSafetyConfirmedV2Data;
  [HOUSEHOLD_PHASE_CHANGED_V2]: HouseholdPhaseChangedV2Data;
  [SAFETY_CONDITIONS_RECORDED_V2]: SafetyConditionsRecordedV2Data;
  [MONITORING_RESULT_RECORDED_V2]: MonitoringResultRecordedV2Data;
  [NEW_ASSESSMENT_REQUESTED_V2]: NewAssessmentRequestedV2Data;
  [HOUSEHOLD_HANDOVER_FAILED_V2]: HouseholdHandoverFailedV2Data;
  [HUISVERBOD_EXTENDED_V2]: HuisverbodExtendedV2Data;
  [INVESTIGATION_CONCLUDED_V2]: InvestigationConcludedV2Data;
  [REFERRAL_DECLINED_V2]: ReferralDeclinedV2Data;
  [REFERRAL_ROUTING_FAILED_V2]: ReferralRoutingFailedV2Data;
  [PARTNER_REFERRAL_DECLINED_V2]: PartnerReferralDeclinedV2Data;
  [PARTNER_REFERRAL_ISSUED_V2]: PartnerReferralIssuedV2Data;
  [MELDER_FEEDBACK_GIVEN_V2]: MelderFeedbackGivenV2Data;
  [CASE_DATA_ACCESSED_V2]: CaseDataAccessedV2Data;
  [INVOLVED_PERSON_INFORMED]: InvolvedPersonInformedData;
  [INFORMING_WITHHELD]: InformingWithheldData;
  [DEADLINE_SUPERSEDED]: DeadlineSupersededData;
  [HOUSEHOLD_DATA_ERASED]: HouseholdDataErasedData;
  [AUDIT_CHAIN_CHECKPOINTED]: AuditChainCheckpointedData;
}

export type DomainEvent<T extends EventType = EventType> = CloudEvent<T, EventDataByType[T]>;

export function isKnownEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOG, type);
}

/** `dataschema` attribute of an event type: the `$id` of its JSON Schema. */
export function dataSchemaOf(type: EventType): string {
  return EVENT_CATALOG[type].schema.$id;
}
