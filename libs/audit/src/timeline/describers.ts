import {
  ACUTE_CHECK_COMPLETED,
  ADVIESVRAAG_CONVERTED_TO_MELDING,
  ADVIESVRAAG_RECEIVED,
  CASE_DATA_ACCESSED_V2,
  CRISIS_ACTION_RECORDED,
  CRISIS_INTERVENTION_REQUESTED,
  DEADLINE_APPROACHING,
  DEADLINE_BREACHED,
  DEADLINE_EXTENDED_V2,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DEADLINE_SUPERSEDED,
  HOUSEHOLD_PHASE_CHANGE_REFUSED,
  HOUSEHOLD_PHASE_CHANGED_V2,
  HOUSEHOLD_RECORD_OPENED,
  IMMEDIATE_SAFETY_CONFIRMED_V2,
  INFORMING_WITHHELD,
  INVESTIGATION_OPENED,
  INVOLVED_PERSON_INFORMED,
  MELDING_ADDED_TO_HOUSEHOLD,
  MELDING_RECEIVED,
  MONITORING_RESULT_RECORDED_V2,
  PARTNER_REFERRAL_ISSUED_V2,
  REFERRAL_ISSUED,
  SAFETY_ASSESSMENT_COMPLETED_V2,
  SAFETY_CONDITIONS_RECORDED_V2,
  SHELTER_CAPACITY_REPORTED,
  SHELTER_PLACE_REQUEST_WITHDRAWN,
  SHELTER_PLACE_REQUESTED,
  SHELTER_PLACEMENT_ACCEPTED,
  SHELTER_PLACEMENT_CANCELLED,
  SHELTER_PLACEMENT_DECLINED,
  SHELTER_PLACEMENT_ESCALATED,
  SHELTER_PLACEMENT_OFFER_LAPSED,
  SHELTER_PLACEMENT_OFFERED,
  SHELTER_PLACEMENT_REQUESTED,
  SHELTER_STAY_ENDED,
  SHELTER_STAY_MOVED,
  SHELTER_STAY_STARTED,
} from '@vt/contracts';
import { vtRegionOf } from '../vt-regions';
import { DeadlineNote, Described, DisclosureNote } from './timeline-model';

type Data = Record<string, unknown>;
/** Turns one event's data into what an auditor reads; `time` is the envelope's time. */
export type Describer = (data: Data, time: string) => Described;

const str = (data: Data, key: string): string | undefined => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
const obj = (data: Data, key: string): Data => (data[key] && typeof data[key] === 'object' && !Array.isArray(data[key]) ? (data[key] as Data) : {});
const list = (data: Data, key: string): unknown[] => (Array.isArray(data[key]) ? (data[key] as unknown[]) : []);
const strings = (data: Data, key: string): string[] => list(data, key).map(String);
const persons = (data: Data, key = 'persons'): string =>
  list(data, key)
    .map((p) => `${String((p as Data)['role'] ?? '?')} ${String((p as Data)['personId'] ?? '?')}`)
    .join(', ');
const yesNo = (value: unknown): string => (value === true ? 'yes' : value === false ? 'no' : String(value));

/** The `disclosure` {legalBasis, purpose, fields} any event may carry, with its recipient. */
export function disclosureOf(data: Data): DisclosureNote | undefined {
  const disclosure = obj(data, 'disclosure');
  if (typeof disclosure['legalBasis'] !== 'string') return undefined;
  return {
    recipient: str(data, 'partnerId') ?? str(data, 'recipient') ?? str(data, 'partnerType') ?? '(recipient not named)',
    legalBasis: disclosure['legalBasis'],
    purpose: String(disclosure['purpose'] ?? ''),
    fields: Array.isArray(disclosure['fields']) ? (disclosure['fields'] as unknown[]).map(String) : [],
    ...(str(data, 'referralId') ? { referralId: str(data, 'referralId') } : {}),
  };
}

function deadlineNote(data: Data, status: DeadlineNote['status'], at?: string): DeadlineNote {
  return {
    ...(str(data, 'timerId') ? { timerId: str(data, 'timerId') } : {}),
    clock: str(data, 'clock') ?? '?',
    ...(str(data, 'legalBasis') ? { legalBasis: str(data, 'legalBasis') } : {}),
    ...(str(data, 'subjectId') ? { subjectId: str(data, 'subjectId') } : {}),
    ...(str(data, 'personId') ? { personId: str(data, 'personId') } : {}),
    ...(str(data, 'dueAt') ? { dueAt: str(data, 'dueAt') } : {}),
    status,
    ...(at ? { at } : {}),
  };
}

const deadline =
  (status: DeadlineNote['status'], verb: string, atKey?: string): Describer =>
  (data, time) => {
    const at = atKey ? str(data, atKey) : status === 'extended' ? time : undefined;
    return {
      summary: `Deadline ${str(data, 'clock') ?? '?'}${str(data, 'personId') ? ` of person ${str(data, 'personId')}` : ''} ${verb}${status === 'started' || status === 'approaching' ? `, due ${str(data, 'dueAt') ?? '?'}` : ''}`,
      ...(str(data, 'actor') ? { actor: str(data, 'actor') } : { actor: 'system:crisis-triage' }),
      ...(str(data, 'reason') ? { reasoning: str(data, 'reason') } : {}),
      details: [
        ['legal basis', str(data, 'legalBasis') ?? '?'],
        ['due', str(data, 'dueAt') ?? '?'],
        ...(status === 'extended' ? ([['previously due', str(data, 'previousDueAt') ?? '?'], ['extension', String(data['extension'] ?? '?')]] as [string, string][]) : []),
        ['counting', `${str(data, 'counting') ?? '?'} (${str(data, 'calendar') ?? '?'} calendar)`],
      ],
      deadline: deadlineNote(data, status, at),
    };
  };

/** Radar's decision (docs/adr/0018): joined which household, or kept apart with how many links, and who decided. */
function radarDecision(radar: Record<string, unknown>): [string, string][] {
  const decision = obj(radar, 'decision');
  if (!str(decision, 'kind')) return [];
  const links = Array.isArray(radar['references']) ? new Set((radar['references'] as Record<string, unknown>[]).map((reference) => reference['caseId'])).size : 0;
  const what = decision['kind'] === 'joined' ? `joined household ${str(decision, 'householdId') ?? '?'}` : decision['kind'] === 'kept-apart' ? `kept apart, ${links} linked household(s)` : 'no match';
  return [['radar decision', `${what}, by ${str(decision, 'decidedBy') ?? '?'}`]];
}

/** How long after receipt a melding was registered, and why, when the melding says so. */
function registrationDetails(data: Data): [string, string][] {
  const registeredAt = str(data, 'registeredAt');
  if (!registeredAt) return [];
  const receivedAt = str(data, 'receivedAt');
  const minutes = receivedAt ? Math.round((Date.parse(registeredAt) - Date.parse(receivedAt)) / 60_000) : undefined;
  const delay = minutes === undefined || Number.isNaN(minutes) ? '' : minutes >= 60 ? `, ${(minutes / 60).toFixed(1)} h after receipt` : `, ${minutes} min after receipt`;
  const reason = str(obj(data, 'lateRegistration'), 'reason');
  return [['registered', `${registeredAt}${delay}${reason ? ` (${reason})` : ''}`]];
}

/** The clocks an informing recording met: each in time, or done late after its due date. */
function metClocks(data: Data): string {
  return (
    list(data, 'metClocks')
      .map((c) => `${String((c as Data)['timerId'] ?? '?')} (melding ${String((c as Data)['subjectId'] ?? '?')}, due ${String((c as Data)['dueAt'] ?? '?')}): ${(c as Data)['inTime'] === true ? 'met in time' : 'done LATE'}`)
      .join('; ') || 'none'
  );
}

/**
 * One describer per event type. A type not listed here still appears (generic entry with time, type, actor,
 * subject, and any disclosure or personal data it carries); add a describer to say more.
 */
export const DESCRIBERS: Record<string, Describer> = {
  [MELDING_RECEIVED]: (data) => {
    const registration = obj(data, 'registration');
    const concerns = obj(data, 'concerns');
    const radar = obj(data, 'radar');
    const acute = obj(data, 'acuteIndication');
    const melder = [registration['melderKind'], registration['melderSector'], registration['melderRole']].filter(Boolean).join(' / ');
    return {
      summary: `Melding ${str(data, 'meldingId') ?? '?'} received${acute['indicated'] === true ? ', acute danger indicated' : ''}`,
      actor: str(data, 'actor'),
      details: [
        // Receipt starts the veiligheidsbeoordeling; a later registration (a police batch the next morning) is shown apart.
        ['received', str(data, 'receivedAt') ?? '?'],
        ...registrationDetails(data),
        ['region', vtRegionOf({ vtRegion: str(obj(data, 'region'), 'vtRegion'), gemeenteCode: str(data, 'gemeenteCode'), island: str(data, 'island') }) ?? '?'],
        ...(str(data, 'gemeenteCode') ? ([['gemeente', str(data, 'gemeenteCode')]] as [string, string][]) : []),
        ['channel', String(registration['channel'] ?? '?')],
        ['melder', `${melder || '?'}${registration['melderIdentitySealed'] === true ? ' (identity sealed)' : ''}`],
        ['aard', strings(concerns, 'aard').join(', ') || '?'],
        ...(strings(concerns, 'tags').length > 0 ? ([['tags', strings(concerns, 'tags').join(', ')]] as [string, string][]) : []),
        ['radar', String(radar['classification'] ?? '?')],
        ...radarDecision(radar),
        ['acute signals', strings(acute, 'signals').join(', ') || 'none'],
        ['persons', persons(data)],
        ...(str(data, 'convertedFromAdviesvraag') ? ([['from adviesvraag', str(data, 'convertedFromAdviesvraag')]] as [string, string][]) : []),
      ],
    };
  },
  [ADVIESVRAAG_RECEIVED]: (data) => {
    const asker = obj(data, 'adviesvrager');
    return {
      summary: `Adviesvraag ${str(data, 'adviesvraagId') ?? '?'} received`,
      actor: str(data, 'actor'),
      details: [
        ['channel', str(data, 'channel') ?? '?'],
        ['adviesvrager', [asker['kind'], asker['sector'], asker['role']].filter(Boolean).join(' / ')],
        ['aard', strings(obj(data, 'concerns'), 'aard').join(', ')],
      ],
    };
  },
  [ADVIESVRAAG_CONVERTED_TO_MELDING]: (data) => ({
    summary: `Adviesvraag ${str(data, 'adviesvraagId') ?? '?'} became melding ${str(data, 'meldingId') ?? '?'}`,
    actor: str(data, 'actor'),
  }),
  [ACUTE_CHECK_COMPLETED]: (data) => ({
    summary: `Acute check of melding ${str(data, 'meldingId') ?? '?'}: ${data['acute'] === true ? 'ACUTE' : 'not acute'}`,
    actor: str(data, 'actor'),
    reasoning: strings(data, 'grounds').join('; ') || undefined,
    details: [['rule set', str(data, 'ruleSetVersion') ?? '?']],
  }),
  [CRISIS_INTERVENTION_REQUESTED]: (data) => ({
    // The VT region whose crisis function acts; an intervention written before docs/adr/0017 named the veiligheidsregio.
    summary: `Handed to the crisis function of ${vtRegionOf({ region: str(data, 'crisisRegion'), gemeenteCode: str(data, 'gemeenteCode') }) ?? str(data, 'crisisRegion') ?? '?'}`,
    actor: str(data, 'actor'),
    reasoning: strings(data, 'grounds').join('; ') || undefined,
    details: [['rule set', str(data, 'ruleSetVersion') ?? '?']],
  }),
  [CRISIS_ACTION_RECORDED]: (data) => ({
    summary: `Crisis action: ${str(data, 'action') ?? '?'}${str(data, 'personId') ? ` (person ${str(data, 'personId')})` : ''}`,
    actor: str(data, 'actor'),
  }),
  [SAFETY_ASSESSMENT_COMPLETED_V2]: (data) => {
    const due = obj(data, 'deadline');
    return {
      summary: `Veiligheidsbeoordeling: taxatie ${str(data, 'taxatie') ?? '?'}, outcome ${str(data, 'outcome') ?? '?'}`,
      actor: str(data, 'actor'),
      details: [
        ['melding', str(data, 'meldingId') ?? '?'],
        ['deadline', `due ${String(due['dueAt'] ?? '?')}, ${due['met'] === true ? 'met' : due['met'] === false ? 'NOT met' : '?'}`],
      ],
    };
  },
  [HOUSEHOLD_RECORD_OPENED]: (data) => ({
    summary: `Household record opened in ${str(data, 'phase') ?? 'directe-veiligheid'}`,
    actor: str(data, 'actor'),
    reasoning: str(data, 'reason'),
    details: [['persons', persons(data)]],
    phaseChange: { to: str(data, 'phase') ?? 'directe-veiligheid' },
  }),
  [MELDING_ADDED_TO_HOUSEHOLD]: (data) => ({
    summary: `Melding ${str(data, 'meldingId') ?? '?'} added to the household${data['acute'] === true ? ' (acute)' : ''}`,
    actor: str(data, 'actor'),
    details: [['new persons', persons(data, 'addedPersons') || 'none']],
  }),
  [IMMEDIATE_SAFETY_CONFIRMED_V2]: (data) => ({
    summary: `Immediate safety confirmed for ${str(data, 'role') ?? '?'} ${str(data, 'personId') ?? '?'}`,
    actor: str(data, 'actor'),
  }),
  [HOUSEHOLD_PHASE_CHANGED_V2]: (data) => ({
    summary: `Phase ${str(data, 'from') ?? '?'} → ${str(data, 'to') ?? '?'} (${str(data, 'command') ?? '?'})`,
    actor: str(data, 'actor'),
    reasoning: str(data, 'reasonCode'),
    details: strings(data, 'confirmationsWithdrawn').length > 0 ? [['confirmations withdrawn', strings(data, 'confirmationsWithdrawn').join(', ')]] : [],
    phaseChange: { from: str(data, 'from'), to: str(data, 'to') ?? '?' },
  }),
  [HOUSEHOLD_PHASE_CHANGE_REFUSED]: (data) => ({
    summary: `Refused ${str(data, 'command') ?? '?'} in phase ${str(data, 'phase') ?? '?'}: ${str(data, 'reason') ?? '?'}`,
    actor: str(data, 'actor'),
    details: [
      ['missing', list(data, 'missing').map((m) => [(m as Data)['fact'], (m as Data)['personId']].filter(Boolean).join(' ')).join(', ') || 'nothing'],
      ['allowed', list(data, 'allowed').map((m) => String((m as Data)['command'])).join(', ')],
    ],
  }),
  [SAFETY_CONDITIONS_RECORDED_V2]: (data) => ({
    summary: `Safety conditions recorded (${String(data['conditionCount'] ?? '?')}), handed over to ${strings(data, 'handedOverTo').join(', ') || 'nobody yet'}`,
    actor: str(data, 'actor'),
  }),
  [MONITORING_RESULT_RECORDED_V2]: (data) => ({
    summary: `Monitoring: safety ${data['stable'] === true ? 'stable' : 'not stable'}${str(data, 'followUp') ? `, follow-up ${str(data, 'followUp')}` : ''}`,
    actor: str(data, 'actor'),
  }),
  [INVESTIGATION_OPENED]: (data) => ({
    summary: `Investigation ${str(data, 'investigationId') ?? '?'} opened`,
    actor: str(data, 'actor'),
    details: [['based on assessment', str(obj(data, 'basedOn'), 'assessmentId') ?? '?']],
  }),
  'nl.veiligthuis.investigation.InvestigationConcluded.v2': (data) => {
    const conclusion = obj(data, 'conclusion');
    return {
      summary: `Investigation ${str(data, 'investigationId') ?? '?'} concluded: ${str(data, 'outcome') ?? '?'}`,
      actor: str(data, 'actor'),
      details: [
        ['unsafety', yesNo(conclusion['unsafety'])],
        ['risks', strings(conclusion, 'risks').join(', ') || 'none'],
        ['safety conditions', `${String(data['safetyConditionCount'] ?? 0)}`],
        ['hand over to', strings(data, 'handOverTo').join(', ') || 'nobody'],
      ],
    };
  },
  [REFERRAL_ISSUED]: (data) => ({
    summary: `Referral ${str(data, 'referralId') ?? '?'} issued to ${str(data, 'partnerId') ?? '?'}`,
    actor: str(data, 'actor'),
    details: [
      ['partner type', str(data, 'partnerType') ?? '?'],
      ['directory', str(data, 'directoryVersion') ?? '?'],
      ...(str(data, 'purpose') ? ([['purpose', str(data, 'purpose')]] as [string, string][]) : []),
      ...(str(obj(data, 'basis'), 'outcome') ? ([['following', `${shortTypeName(str(obj(data, 'basis'), 'eventType') ?? '?')} ${str(obj(data, 'basis'), 'outcome')}`]] as [string, string][]) : []),
      ...(str(data, 'answerDueAt') ? ([['answer due', str(data, 'answerDueAt')]] as [string, string][]) : []),
      ...(str(data, 'rerouteOf') ? ([['passes on', str(data, 'rerouteOf')]] as [string, string][]) : []),
      // The partner's records are keyed by this reference, not by the household id (docs/adr/0016).
      ...(str(data, 'householdReference') ? ([['partner reference', str(data, 'householdReference')]] as [string, string][]) : []),
    ],
    disclosure: disclosureOf(data),
  }),
  [PARTNER_REFERRAL_ISSUED_V2]: (data) => ({
    summary: `Partner ${str(data, 'partnerId') ?? '?'} received referral ${str(data, 'referralId') ?? '?'}${data['safetyConditionCount'] ? ` (${String(data['safetyConditionCount'])} safety conditions, to be read over HTTP)` : ''}`,
    disclosure: disclosureOf(data),
  }),
  [CASE_DATA_ACCESSED_V2]: (data) => {
    const subject = obj(data, 'subject');
    const read = `${String(subject['kind'] ?? '?')} ${String(subject['id'] ?? '?')}`;
    return {
      summary: `Case read: ${read}`,
      actor: str(data, 'actor'),
      ...(str(data, 'purpose') ? { reasoning: `purpose: ${str(data, 'purpose')}` } : {}),
      details: [['fields', strings(data, 'fields').join(', ')], ['service', str(data, 'service') ?? '?']],
      access: { actor: str(data, 'actor') ?? '?', purpose: str(data, 'purpose') ?? '?', fields: strings(data, 'fields'), subject: read, ...(str(data, 'service') ? { service: str(data, 'service') } : {}) },
    };
  },
  [DEADLINE_STARTED]: deadline('started', 'started'),
  [DEADLINE_APPROACHING]: deadline('approaching', 'approaching'),
  [DEADLINE_MET]: deadline('met', 'MET', 'metAt'),
  [DEADLINE_BREACHED]: deadline('breached', 'BREACHED', 'breachedAt'),
  [DEADLINE_EXTENDED_V2]: deadline('extended', 'extended'),
  [DEADLINE_SUPERSEDED]: (data) => {
    const by = list(data, 'supersededBy').map((b) => `${String((b as Data)['timerId'] ?? '?')} for person ${String((b as Data)['personId'] ?? '?')}`);
    return {
      summary: `Deadline ${str(data, 'clock') ?? '?'} superseded by ${by.length} clock${by.length === 1 ? '' : 's'} per person (${str(data, 'reason') ?? '?'}): neither met nor breached`,
      actor: str(data, 'actor') ?? 'system:crisis-triage',
      details: [['legal basis', str(data, 'legalBasis') ?? '?'], ['due', str(data, 'dueAt') ?? '?'], ['replaced by', by.join(', ') || 'none']],
      deadline: deadlineNote(data, 'superseded', str(data, 'supersededAt')),
    };
  },
  [INVOLVED_PERSON_INFORMED]: (data) => ({
    summary: `${str(data, 'role') ?? '?'} ${str(data, 'personId') ?? '?'} informed that Veilig Thuis recorded data about them (${str(data, 'method') ?? '?'}, ${str(data, 'informedAt') ?? '?'})`,
    actor: str(data, 'actor'),
    details: [
      ['informed by', str(data, 'informedBy') ?? '?'],
      ['informed at', str(data, 'informedAt') ?? '?'],
      ['recorded at', str(data, 'recordedAt') ?? '?'],
      ['informing clocks', metClocks(data)],
    ],
  }),
  [INFORMING_WITHHELD]: (data) => ({
    summary: `Informing ${str(data, 'role') ?? '?'} ${str(data, 'personId') ?? '?'} left out on the ground ${str(data, 'ground') ?? '?'}`,
    actor: str(data, 'actor'),
    details: [
      ['legal basis', str(data, 'legalBasis') ?? '?'],
      ['decided at', str(data, 'decidedAt') ?? '?'],
      ['recorded at', str(data, 'recordedAt') ?? '?'],
      ['informing clocks', metClocks(data)],
    ],
  }),
  'nl.veiligthuis.privacy.ErasureRequested.v1': (data) => ({
    summary: `Destruction of person ${str(data, 'personId') ?? '?'}'s data requested, due ${str(data, 'dueAt') ?? '?'}`,
    actor: str(data, 'actor'),
    details: [['legal basis', str(data, 'legalBasis') ?? '?']],
    deadline: { clock: 'vernietigingsverzoek', status: 'started', ...(str(data, 'legalBasis') ? { legalBasis: str(data, 'legalBasis') } : {}), ...(str(data, 'dueAt') ? { dueAt: str(data, 'dueAt') } : {}) },
  }),
  'nl.veiligthuis.privacy.HouseholdDataErased.v1': (data) => ({
    summary: `The household's own data erased: its free text reads as erased everywhere`,
    actor: str(data, 'actor'),
    reasoning: [str(data, 'reason'), str(data, 'legalBasis')].filter(Boolean).join(', ') || undefined,
    details: [['erased at', str(data, 'erasedAt') ?? '?']],
  }),
  'nl.veiligthuis.privacy.PersonDataErased.v1': (data) => ({
    summary: `Personal data of ${str(data, 'subjectKind') ?? 'person'} ${str(data, 'personId') ?? '?'} erased`,
    actor: str(data, 'actor'),
    reasoning: [str(data, 'reason'), str(data, 'legalBasis')].filter(Boolean).join(', ') || undefined,
    details: [['erased at', str(data, 'erasedAt') ?? '?']],
  }),
};

const ref = (data: Data) => `referral ${str(data, 'referralId') ?? '?'}${str(data, 'partnerId') ? ` (${str(data, 'partnerId')})` : ''}`;
const by = (data: Data, ...keys: string[]) => keys.map((key) => str(data, key)).find(Boolean);

/** Describers for the referral lifecycle, investigation steps, monitoring, huisverbod and erasure clocks. */
Object.assign(DESCRIBERS, {
  'nl.veiligthuis.referral.ReferralAccepted.v1': (data: Data) => ({ summary: `${ref(data)} accepted`, actor: by(data, 'answeredBy', 'actor') }),
  'nl.veiligthuis.referral.ReferralDeclined.v2': (data: Data) => ({ summary: `${ref(data)} DECLINED: ${str(obj(data, 'reason'), 'code') ?? '?'}`, actor: by(data, 'answeredBy', 'actor') }),
  'nl.veiligthuis.referral.ReferralRerouted.v1': (data: Data) => ({ summary: `${ref(data)} rerouted to ${str(data, 'toPartnerId') ?? '?'} (${str(data, 'because') ?? '?'})`, actor: by(data, 'actor'), details: [['new referral', str(data, 'newReferralId') ?? '?']] }),
  'nl.veiligthuis.referral.ReferralExpired.v1': (data: Data) => ({ summary: `${ref(data)} EXPIRED without an answer (due ${str(data, 'answerDueAt') ?? '?'})`, actor: by(data, 'actor') }),
  'nl.veiligthuis.referral.ReferralCompleted.v1': (data: Data) => ({ summary: `${ref(data)} completed by the partner`, actor: by(data, 'completedBy', 'actor') }),
  'nl.veiligthuis.referral.ReferralRoutingFailed.v2': (data: Data) => ({ summary: `No partner found for ${str(data, 'wanted') ?? '?'}`, actor: by(data, 'actor'), reasoning: str(data, 'reasonCode'), details: [['tried', strings(data, 'triedPartnerIds').join(', ') || 'none']] }),
  'nl.veiligthuis.referral.PartnerAnswerRefused.v1': (data: Data) => ({ summary: `Answer of ${str(data, 'partnerId') ?? '?'} to referral ${str(data, 'referralId') ?? '?'} refused: ${str(data, 'code') ?? '?'}`, reasoning: str(data, 'detail') }),
  'nl.veiligthuis.partner.ReferralAccepted.v1': (data: Data) => ({ summary: `Partner answer: ${ref(data)} accepted`, actor: by(data, 'answeredBy') }),
  'nl.veiligthuis.partner.ReferralDeclined.v2': (data: Data) => ({ summary: `Partner answer: ${ref(data)} declined: ${str(obj(data, 'reason'), 'code') ?? '?'}`, actor: by(data, 'answeredBy') }),
  'nl.veiligthuis.partner.ReferralCompleted.v1': (data: Data) => ({ summary: `Partner answer: ${ref(data)} completed`, actor: by(data, 'answeredBy') }),
  'nl.veiligthuis.partner.ReferralWithdrawn.v1': (data: Data) => ({ summary: `Partner told: ${ref(data)} withdrawn`, actor: by(data, 'actor'), reasoning: str(data, 'reason') }),
  'nl.veiligthuis.referral.MelderFeedbackGiven.v2': (data: Data) => ({
    summary: `Terugkoppeling to the melder of melding ${str(data, 'meldingId') ?? '?'} after the ${str(data, 'after') ?? '?'}: follow-up ${data['followUpStarted'] === true ? 'started' : 'not started'}`,
    details: [
      ['taken over by', list(data, 'takenOverBy').map((t) => `${String((t as Data)['partnerType'] ?? '?')} ${String((t as Data)['name'] ?? '')}`.trim()).join(', ') || 'nobody'],
      ['safety conditions shared', data['safetyConditionCount'] ? String(data['safetyConditionCount']) : 'none'],
    ],
  }),
  'nl.veiligthuis.investigation.InvestigationStepPlanned.v1': (data: Data) => ({
    summary: `Investigation step planned: ${str(data, 'kind') ?? '?'}${str(data, 'thirdParty') ? ` with ${str(data, 'thirdParty')}` : ''}${str(data, 'personId') ? ` (person ${str(data, 'personId')})` : ''}`,
    actor: by(data, 'actor'),
    details: str(data, 'legalBasis') ? [['legal basis', str(data, 'legalBasis') as string]] : [],
  }),
  'nl.veiligthuis.investigation.InvestigationStepCompleted.v1': (data: Data) => ({ summary: `Investigation step ${str(data, 'stepId') ?? '?'} completed`, actor: by(data, 'actor') }),
  'nl.veiligthuis.investigation.InvestigationFindingRecorded.v1': (data: Data) => ({ summary: `Finding recorded about person ${str(data, 'personId') ?? '?'}`, actor: by(data, 'actor') }),
  'nl.veiligthuis.household.MonitoringStarted.v1': (data: Data) => ({ summary: `Monitoring started until ${str(data, 'endsAt') ?? '?'} (every ${str(data, 'interval') ?? '?'})`, actor: by(data, 'actor'), details: [['check-ins due', strings(data, 'checkInsDueAt').join(', ')]] }),
  'nl.veiligthuis.household.MonitoringCheckInDue.v1': (data: Data) => ({ summary: `Monitoring check-in ${String(data['checkIn'] ?? '?')} of ${String(data['of'] ?? '?')} due ${str(data, 'dueAt') ?? '?'}`, actor: by(data, 'actor') }),
  'nl.veiligthuis.household.MonitoringCheckInOverdue.v1': (data: Data) => ({
    summary: `Monitoring check-in ${String(data['checkIn'] ?? '?')} of ${String(data['of'] ?? '?')} OVERDUE: no result within ${str(data, 'answerWithin') ?? '?'} of ${str(data, 'dueAt') ?? '?'}`,
    actor: by(data, 'actor'),
    details: [['stable results recorded in the period', String(data['resultsRecorded'] ?? '?')]],
  }),
  'nl.veiligthuis.household.SustainableSafetyConfirmed.v1': (data: Data) => ({ summary: `Duurzame veiligheid confirmed (${String(data['stableResults'] ?? '?')} of ${String(data['checkIns'] ?? '?')} check-ins stable)`, actor: by(data, 'actor') }),
  'nl.veiligthuis.household.NewAssessmentRequested.v2': (data: Data) => ({ summary: 'New veiligheidsbeoordeling requested', actor: by(data, 'actor') }),
  'nl.veiligthuis.triage.AssessmentRequestJoined.v2': (data: Data) => ({
    summary: `Monitoring request ${str(data, 'requestId') ?? '?'} joined the open veiligheidsbeoordeling ${str(data, 'joinedSubjectId') ?? '?'}`,
    actor: by(data, 'actor'),
    details: [
      ['requested at', str(data, 'requestedAt') ?? '?'],
      ...(str(data, 'monitoringId') ? [['monitoring', str(data, 'monitoringId') as string] as [string, string]] : []),
    ],
  }),
  'nl.veiligthuis.household.HouseholdHandedOver.v1': (data: Data) => ({
    summary: `Zicht op veiligheid handed over to ${str(data, 'partnerId') ?? '?'} (${str(data, 'partnerType') ?? '?'}): overdracht accepted at ${str(data, 'acceptedAt') ?? '?'}`,
    actor: by(data, 'actor'),
    details: [['referral', str(data, 'referralId') ?? '?']],
  }),
  'nl.veiligthuis.household.HouseholdHandoverCompleted.v1': (data: Data) => ({
    summary: `Handover to ${str(data, 'partnerId') ?? '?'} completed at ${str(data, 'completedAt') ?? '?'}`,
    actor: by(data, 'actor'),
    details: [['referral', str(data, 'referralId') ?? '?']],
  }),
  'nl.veiligthuis.household.HouseholdHandoverFailed.v2': (data: Data) => ({
    summary: `Handover failed: no partner (${str(data, 'wanted') ?? '?'}) takes the household over; Veilig Thuis keeps zicht op veiligheid`,
    actor: by(data, 'actor'),
    reasoning: str(data, 'reasonCode'),
    details: [['referral', str(data, 'referralId') ?? '?'], ['tried', strings(data, 'triedPartnerIds').join(', ') || 'nobody']],
  }),
  'nl.veiligthuis.investigation.HuisverbodImposed.v1': (data: Data) => ({ summary: `Tijdelijk huisverbod imposed on person ${str(data, 'personId') ?? '?'} until ${str(data, 'endsAt') ?? '?'} (burgemeester of ${str(data, 'burgemeesterOf') ?? '?'})`, actor: by(data, 'actor'), details: [['legal basis', str(data, 'legalBasis') ?? '?'], ['at most until', str(data, 'maxEndsAt') ?? '?']] }),
  'nl.veiligthuis.investigation.HuisverbodExtended.v2': (data: Data) => ({ summary: `Huisverbod extended to ${str(data, 'endsAt') ?? '?'} (was ${str(data, 'previousEndsAt') ?? '?'})`, actor: by(data, 'actor') }),
  // Signal matching (docs/adr/0038): the pseudonym stays encrypted; the timeline names organisations, regions and signals only.
  'nl.veiligthuis.signals.SignalRegistered.v1': (data: Data) => ({
    summary: `${data['renewed'] === true ? 'Signal extended' : 'Signal registered'} by ${str(data, 'organisationId') ?? '?'} in ${str(data, 'region') ?? '?'} (the lookup for matches), until ${str(data, 'expiresAt') ?? '?'}`,
    actor: by(data, 'actor'),
    details: [['signal', str(data, 'signalId') ?? '?'], ['legal basis', str(data, 'legalBasis') ?? '?']],
  }),
  'nl.veiligthuis.signals.SignalWithdrawn.v1': (data: Data) => ({ summary: `Signal withdrawn by ${str(data, 'organisationId') ?? '?'}; its key destroyed`, actor: by(data, 'actor'), details: [['signal', str(data, 'signalId') ?? '?']] }),
  'nl.veiligthuis.signals.SignalExpired.v1': (data: Data) => ({ summary: `Signal of ${str(data, 'organisationId') ?? '?'} expired; its key destroyed`, actor: by(data, 'actor'), details: [['signal', str(data, 'signalId') ?? '?']] }),
  'nl.veiligthuis.signals.SignalsMatched.v1': (data: Data) => {
    const sides = (Array.isArray(data['signals']) ? data['signals'] : []) as { organisationId?: string; signalId?: string; legalBasis?: string }[];
    return {
      summary: `Signals matched: ${sides.map((side) => side.organisationId ?? '?').join(' and ')} are told whom to contact`,
      details: sides.map((side): [string, string] => [`signal of ${side.organisationId ?? '?'}`, `${side.signalId ?? '?'} (${side.legalBasis ?? '?'})`]),
    };
  },
  'nl.veiligthuis.signals.MatchFound.v1': (data: Data) => {
    const contact = (data['contact'] ?? {}) as { organisationId?: string };
    return { summary: `${str(data, 'organisationId') ?? '?'} told to contact ${contact.organisationId ?? '?'}`, details: [['signal', str(data, 'signalId') ?? '?'], ['other signal', str(data, 'otherSignalId') ?? '?']] };
  },
  'nl.veiligthuis.investigation.HuisverbodEndApproaching.v1': (data: Data) => ({ summary: `Huisverbod ends soon (${str(data, 'endsAt') ?? '?'})`, actor: by(data, 'actor') }),
  'nl.veiligthuis.investigation.HuisverbodEnded.v1': (data: Data) => ({ summary: `Huisverbod ended (${str(data, 'endsAt') ?? '?'})`, actor: by(data, 'actor') }),
  'nl.veiligthuis.privacy.ErasureDeadlineApproaching.v1': (data: Data) => ({ summary: `Destruction request for person ${str(data, 'personId') ?? '?'} nears its deadline ${str(data, 'dueAt') ?? '?'}`, deadline: { clock: 'vernietigingsverzoek', status: 'approaching' as const, ...(str(data, 'dueAt') ? { dueAt: str(data, 'dueAt') } : {}) } }),
  'nl.veiligthuis.privacy.ErasureDeadlineBreached.v1': (data: Data) => ({ summary: `Destruction request for person ${str(data, 'personId') ?? '?'} BREACHED its deadline ${str(data, 'dueAt') ?? '?'}`, deadline: { clock: 'vernietigingsverzoek', status: 'breached' as const, ...(str(data, 'dueAt') ? { dueAt: str(data, 'dueAt') } : {}), ...(str(data, 'breachedAt') ? { at: str(data, 'breachedAt') } : {}) } }),
} satisfies Record<string, Describer>);

/** The type without namespace and version: `nl.veiligthuis.intake.MeldingReceived.v1` → `MeldingReceived`. */
export function shortTypeName(type: string): string {
  const parts = type.split('.');
  const last = parts[parts.length - 1] ?? type;
  return /^v\d+$/.test(last) && parts.length > 1 ? (parts[parts.length - 2] ?? type) : last;
}

/** For a type without a describer: its name and subject, the actor, scalar facts, and any disclosure. */
export function describeGeneric(type: string, data: Data, subject?: string): Described {
  const details: [string, string][] = Object.entries(data)
    .filter(([key, value]) => key !== 'actor' && key !== 'householdId' && ['string', 'number', 'boolean'].includes(typeof value))
    .map(([key, value]) => [key, String(value)]);
  const actor = str(data, 'actor') ?? str(data, 'answeredBy');
  const disclosure = disclosureOf(data);
  return {
    summary: `${shortTypeName(type)}${subject ? ` (${subject})` : ''}`,
    ...(actor ? { actor } : {}),
    ...(str(data, 'reason') ? { reasoning: str(data, 'reason') } : {}),
    details,
    ...(disclosure ? { disclosure } : {}),
  };
}

export function describe(type: string, data: Data, time: string, subject?: string): Described & { generic: boolean } {
  const describer = DESCRIBERS[type];
  if (!describer) return { ...describeGeneric(type, data, subject), generic: true };
  const described = describer(data, time);
  // A describer may leave out a disclosure another version of the event added: never hide one.
  const disclosure = described.disclosure ?? disclosureOf(data);
  return { ...described, ...(disclosure ? { disclosure } : {}), generic: false };
}

// Shelter placement (docs/adr/0040, 0041): ids, regions, codes and times only; the desk's contact on a shelter's own topic is left out.
const placement = (data: Data): [string, string] => ['placement', str(data, 'placementId') ?? '?'];
const shelterAt = (data: Data, idKey = 'shelterId', regionKey = 'shelterRegion') => `${str(data, idKey) ?? '?'}${str(data, regionKey) ? ` (${str(data, regionKey)})` : ''}`;
const placesText = (data: Data): string => {
  const places = obj(data, 'places');
  const count = (key: string, one: string, many: string) => {
    const n = typeof places[key] === 'number' ? (places[key] as number) : undefined;
    return n === undefined ? `? ${many}` : `${n} ${n === 1 ? one : many}`;
  };
  return `${count('adults', 'adult', 'adults')} and ${count('children', 'child', 'children')}`;
};
const SHELTER_SYSTEM = 'system:shelter-placement';

Object.assign(DESCRIBERS, {
  [SHELTER_PLACEMENT_REQUESTED]: (data: Data) => {
    const constraints = obj(data, 'constraints');
    const excluded = strings(constraints, 'excludedRegions');
    return {
      summary: `Shelter place requested by ${str(data, 'homeRegion') ?? '?'}: ${str(data, 'urgency') ?? '?'}, ${placesText(data)}`,
      actor: str(data, 'actor'),
      details: [placement(data), ['requested at', str(data, 'requestedAt') ?? '?'], ['constraints', [constraints['notInHomeRegion'] === true ? 'not in the home region' : 'home region allowed', ...(excluded.length > 0 ? [`not in ${excluded.join(', ')}`] : [])].join('; ')]],
    };
  },
  [SHELTER_PLACEMENT_OFFERED]: (data: Data) => ({
    summary: `Place offered to shelter ${shelterAt(data)}, attempt ${String(data['attempt'] ?? '?')}; answer due ${str(data, 'answerDueAt') ?? '?'}`,
    actor: SHELTER_SYSTEM,
    details: [placement(data), ['places', placesText(data)]],
  }),
  [SHELTER_PLACEMENT_ACCEPTED]: (data: Data) => ({ summary: `Shelter ${str(data, 'shelterId') ?? '?'} accepted the placement at ${str(data, 'answeredAt') ?? '?'}`, actor: str(data, 'actor'), details: [placement(data)] }),
  [SHELTER_PLACEMENT_DECLINED]: (data: Data) => ({ summary: `Shelter ${str(data, 'shelterId') ?? '?'} DECLINED the placement: ${str(data, 'reason') ?? '?'}`, actor: str(data, 'actor'), reasoning: str(data, 'reason'), details: [placement(data), ['answered at', str(data, 'answeredAt') ?? '?']] }),
  [SHELTER_PLACEMENT_OFFER_LAPSED]: (data: Data) => ({ summary: `Offer to shelter ${str(data, 'shelterId') ?? '?'} LAPSED unanswered (due ${str(data, 'answerDueAt') ?? '?'})`, actor: SHELTER_SYSTEM, details: [placement(data)] }),
  [SHELTER_PLACEMENT_ESCALATED]: (data: Data) => {
    const asked = strings(data, 'askedShelters');
    return {
      summary: `Placement ESCALATED (${str(data, 'reason') ?? '?'}): ${str(data, 'urgency') ?? '?'} request of ${str(data, 'homeRegion') ?? '?'} needs a person; ${asked.length} shelter(s) asked`,
      actor: SHELTER_SYSTEM,
      reasoning: str(data, 'reason'),
      details: [placement(data), ['asked', asked.join(', ') || 'nobody']],
    };
  },
  [SHELTER_PLACEMENT_CANCELLED]: (data: Data) => ({ summary: `Placement request cancelled: ${str(data, 'reason') ?? '?'}`, actor: str(data, 'actor'), reasoning: str(data, 'reason'), details: [placement(data)] }),
  [SHELTER_STAY_STARTED]: (data: Data) => ({ summary: `Instroom: stay started at shelter ${shelterAt(data)} at ${str(data, 'startedAt') ?? '?'}`, actor: str(data, 'actor'), details: [placement(data), ['home region', str(data, 'homeRegion') ?? '?']] }),
  [SHELTER_STAY_MOVED]: (data: Data) => ({
    summary: `Doorstroom: stay moved from ${str(data, 'fromShelterId') ?? '?'} to ${shelterAt(data, 'toShelterId', 'toShelterRegion')}, programme ${str(data, 'programme') ?? '?'}`,
    actor: str(data, 'actor'),
    details: [placement(data), ['moved at', str(data, 'movedAt') ?? '?']],
  }),
  [SHELTER_STAY_ENDED]: (data: Data) => ({ summary: `Uitstroom: stay at shelter ${shelterAt(data)} ended at ${str(data, 'endedAt') ?? '?'}, destination ${str(data, 'destination') ?? '?'}`, actor: str(data, 'actor'), details: [placement(data), ['home region', str(data, 'homeRegion') ?? '?']] }),
  [SHELTER_CAPACITY_REPORTED]: (data: Data) => ({ summary: `Shelter ${shelterAt(data)} reported ${String(data['freePlaces'] ?? '?')} of ${String(data['totalPlaces'] ?? '?')} places free`, actor: str(data, 'actor'), details: [['reported at', str(data, 'reportedAt') ?? '?']] }),
  [SHELTER_PLACE_REQUESTED]: (data: Data) => ({
    summary: `Shelter ${str(data, 'shelterId') ?? '?'} asked for a place: ${str(data, 'urgency') ?? '?'}, ${placesText(data)}; answer due ${str(data, 'answerDueAt') ?? '?'} (requesting region ${str(data, 'requestingRegion') ?? '?'})`,
    actor: SHELTER_SYSTEM,
    details: [placement(data)],
  }),
  [SHELTER_PLACE_REQUEST_WITHDRAWN]: (data: Data) => ({ summary: `Request for a place withdrawn from shelter ${str(data, 'shelterId') ?? '?'} (${str(data, 'reason') ?? '?'})`, actor: SHELTER_SYSTEM, details: [placement(data), ['withdrawn at', str(data, 'withdrawnAt') ?? '?']] }),
} satisfies Record<string, Describer>);
