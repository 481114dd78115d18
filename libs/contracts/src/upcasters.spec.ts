import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { EVENT_CATALOG, EventType } from './catalog';
import { routingFailureReasonOf } from './events/referral-lifecycle.event';
import { newestTypeOf, isSuperseded, upcastData, upcastEvent, UPCASTERS } from './upcasters';

/*
 * ADR 0004: within a major version only optional fields are added; a breaking change is a new version, published
 * next to the old one, with an upcaster that reads the old JSON as the new version. ADR 0020: the second versions
 * carry no free text in clear, so the upcaster leaves the clear text of a v1 record behind.
 */

const HOUSEHOLD = '0b6f0c1e-8d5e-4f5a-9c7e-2f4d8a1b3c5d';
const MELDING = '1c7a1d2f-9e6f-4a6b-8d8f-3a5e9b2c4d6e';
const OTHER = '2d8b2e3a-af7a-4b7c-9e9a-4b6fac3d5e7f';
const TIME = '2026-03-02T09:15:00.000Z';

/** A v1 record per superseded type, as the first releases wrote it (clear text included). */
const V1_RECORDS: Record<string, unknown> = {
  'nl.veiligthuis.triage.SafetyAssessmentCompleted.v1': {
    assessmentId: OTHER, meldingId: MELDING, householdId: HOUSEHOLD, gemeenteCode: 'GM0363', taxatie: 'structureel', outcome: 'onderzoek',
    reasoning: 'Vader dreigt; moeder durft niet te praten.', completedAt: TIME, deadline: { dueAt: TIME, met: true }, actor: 'user:triage-1',
  },
  'nl.veiligthuis.triage.AssessmentRequestJoined.v1': {
    householdId: HOUSEHOLD, requestId: OTHER, reason: 'Buren melden opnieuw geschreeuw.', requestedAt: TIME, joinedSubjectId: MELDING, joinedAt: TIME, actor: 'system:crisis-triage',
  },
  'nl.veiligthuis.triage.DeadlineExtended.v1': {
    timerId: OTHER, clock: 'informeren-betrokkenen', legalBasis: 'Wmo 2015 art. 5.3.1', householdId: HOUSEHOLD, subjectId: MELDING, startedAt: TIME, dueAt: TIME,
    counting: 'calendar-term', calendar: 'nl', previousDueAt: TIME, extension: 1, reason: 'Moeder is opgenomen.', actor: 'user:triage-1',
  },
  'nl.veiligthuis.household.ImmediateSafetyConfirmed.v1': { householdId: HOUSEHOLD, personId: OTHER, role: 'victim', how: 'Bij oma ondergebracht.', confirmedAt: TIME, actor: 'user:inv-1' },
  'nl.veiligthuis.household.HouseholdPhaseChanged.v1': {
    householdId: HOUSEHOLD, command: 'RecordMonitoringResult', from: 'duurzame-veiligheid', to: 'directe-veiligheid', reason: 'monitoring found safety not stable: vader weer thuis',
    basedOn: {}, confirmationsWithdrawn: [OTHER], changedAt: TIME, actor: 'user:inv-1',
  },
  'nl.veiligthuis.household.SafetyConditionsRecorded.v1': { householdId: HOUSEHOLD, conditions: ['Vader komt niet thuis.', 'School meldt verzuim.'], handedOverTo: ['lokaal-team'], recordedAt: TIME, actor: 'user:inv-1' },
  'nl.veiligthuis.household.MonitoringResultRecorded.v1': { householdId: HOUSEHOLD, stable: false, reason: 'Vader weer thuis.', followUp: 'new-assessment', recordedAt: TIME, actor: 'user:inv-1' },
  'nl.veiligthuis.household.NewAssessmentRequested.v1': { householdId: HOUSEHOLD, monitoringId: OTHER, reason: 'Vader weer thuis.', requestedAt: TIME, actor: 'user:inv-1' },
  'nl.veiligthuis.household.HouseholdHandoverFailed.v1': {
    householdId: HOUSEHOLD, referralId: OTHER, wanted: 'lokaal-team', reason: 'no other lokaal-team or mdt for gemeente GM0363 left after lokaal-team-gm0363 (routing routing/1, partner directory 1)',
    triedPartnerIds: ['lokaal-team-gm0363'], failedAt: TIME, basis: { eventType: 'nl.veiligthuis.referral.ReferralRoutingFailed.v1', eventId: OTHER }, actor: 'system:safety-investigation',
  },
  'nl.veiligthuis.investigation.HuisverbodExtended.v1': {
    huisverbodId: OTHER, householdId: HOUSEHOLD, previousEndsAt: TIME, endsAt: TIME, decidedAt: TIME, reason: 'Dreiging houdt aan.', recordedAt: TIME, actor: 'user:inv-1',
  },
  'nl.veiligthuis.investigation.InvestigationConcluded.v1': {
    investigationId: OTHER, householdId: HOUSEHOLD, basedOn: { assessmentId: OTHER, meldingId: MELDING }, conclusion: { unsafety: true, risks: ['lichamelijk-geweld'] },
    safetyConditions: ['Vader komt niet thuis.'], outcome: 'voorwaarden-en-vervolg', handOverTo: ['lokaal-team'], concludedAt: TIME, actor: 'user:inv-1',
  },
  'nl.veiligthuis.referral.ReferralDeclined.v1': {
    referralId: OTHER, householdId: HOUSEHOLD, partnerId: 'lokaal-team-gm0363', declinedAt: TIME, answeredBy: 'wijkteam-1', answerId: OTHER, reason: { code: 'geen-capaciteit', text: 'Wachtlijst tot mei.' },
  },
  'nl.veiligthuis.referral.ReferralRoutingFailed.v1': {
    householdId: HOUSEHOLD, wanted: 'betrokken-zorg', reason: 'betrokken-zorg is neither a partner nor a partner type in partner directory 1', triedPartnerIds: [], directoryVersion: '1', recordedAt: TIME, actor: 'system:referral',
  },
  'nl.veiligthuis.partner.ReferralDeclined.v1': {
    referralId: OTHER, partnerId: 'lokaal-team-gm0363', answeredAt: TIME, answeredBy: 'wijkteam-1', reason: { code: 'al-betrokken', text: 'Gezin is al bij ons bekend.' },
  },
  'nl.veiligthuis.partner.ReferralIssued.v1': {
    referralId: OTHER, householdReference: HOUSEHOLD, partnerId: 'lokaal-team-gm0363', partnerType: 'lokaal-team', disclosure: { legalBasis: 'Wmo 2015 art. 5.2.6', purpose: 'voorwaarden', fields: ['safetyConditions'] },
    issuedAt: TIME, safetyConditions: ['Vader komt niet thuis.', 'School meldt verzuim.'],
  },
  'nl.veiligthuis.referral.MelderFeedbackGiven.v1': {
    meldingId: MELDING, householdId: HOUSEHOLD, after: 'investigation', aboutId: OTHER, followUpStarted: true, takenOverBy: [], safetyConditions: ['School meldt verzuim.'], givenAt: TIME,
  },
  'nl.veiligthuis.audit.CaseDataAccessed.v1': {
    accessId: OTHER, householdId: HOUSEHOLD, subject: { kind: 'melding', id: MELDING }, service: 'intake', purpose: 'Gesprek met Jan de Vries over zijn dochter.', fields: ['status'], accessedAt: TIME, actor: 'user:triage-1',
  },
};

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validatorOf = (type: EventType) => ajv.compile(EVENT_CATALOG[type].schema);

const supersededTypes = (Object.keys(EVENT_CATALOG) as EventType[]).filter(isSuperseded);

describe('upcasters (ADR 0004, ADR 0020)', () => {
  it('exist for exactly the types whose contract names supersededBy, and lead to that type', () => {
    expect(Object.keys(UPCASTERS).sort()).toEqual([...supersededTypes].sort());
    for (const type of supersededTypes) expect(UPCASTERS[type]?.to).toBe((EVENT_CATALOG[type] as { supersededBy?: string }).supersededBy);
  });

  it('have an old v1 record to prove each of them with', () => {
    expect(Object.keys(V1_RECORDS).sort()).toEqual([...supersededTypes].sort());
  });

  describe.each(supersededTypes.map((type) => [type] as const))('%s', (type) => {
    const old = V1_RECORDS[type];

    it('reads the old JSON, which its own v1 schema accepts, as the newest version', () => {
      expect(validatorOf(type)(old)).toBe(true);
      const newest = upcastData(type, JSON.parse(JSON.stringify(old)));
      expect(newest.type).toBe(newestTypeOf(type));
      expect(isSuperseded(newest.type)).toBe(false);
    });

    it('keeps every field the newest schema requires, except the encrypted text a v1 record never had', () => {
      const newest = upcastData(type, old);
      const validate = validatorOf(newest.type);
      validate(newest.data);
      const missing = (validate.errors ?? []).filter((error) => error.keyword === 'required').map((error) => (error.params as { missingProperty: string }).missingProperty);
      const other = (validate.errors ?? []).filter((error) => error.keyword !== 'required');
      expect(other).toEqual([]);
      // Only free text may be missing: it was in clear in v1 and is never carried into v2.
      for (const field of missing) expect(['reasoning', 'reason', 'how', 'conditions', 'purpose']).toContain(field);
    });

    it('carries no clear text of the v1 record into the newest version', () => {
      // The free texts of the fixtures are the Dutch sentences ending in a full stop.
      const words = JSON.stringify(old).match(/"[A-Z][a-z]+ [^"]*\."/g) ?? [];
      expect(words.length + (type.endsWith('HouseholdPhaseChanged.v1') || type.endsWith('RoutingFailed.v1') || type.endsWith('HandoverFailed.v1') ? 1 : 0)).toBeGreaterThan(0);
      const newest = JSON.stringify(upcastData(type, old).data);
      for (const text of words) expect(newest).not.toContain(text.slice(1, -1));
    });
  });

  it('derives the reason code of an old phase change from its command and phases', () => {
    const data = upcastData('nl.veiligthuis.household.HouseholdPhaseChanged.v1', V1_RECORDS['nl.veiligthuis.household.HouseholdPhaseChanged.v1']).data as { reasonCode: string };
    expect(data.reasonCode).toBe('monitoring-found-safety-not-stable');
  });

  it('reads an old routing failure sentence as its code', () => {
    const unknown = upcastData('nl.veiligthuis.referral.ReferralRoutingFailed.v1', V1_RECORDS['nl.veiligthuis.referral.ReferralRoutingFailed.v1']).data as { reasonCode: string };
    expect(unknown.reasonCode).toBe('unknown-party');
    const noneLeft = upcastData('nl.veiligthuis.household.HouseholdHandoverFailed.v1', V1_RECORDS['nl.veiligthuis.household.HouseholdHandoverFailed.v1']).data as { reasonCode: string };
    expect(noneLeft.reasonCode).toBe('no-partner-left');
  });

  it('reads a route for children refused for a household without a minor as route-needs-a-minor, also after partners were tried', () => {
    const sentence =
      'rvdk works for children and needs a minor in the household (route-needs-a-minor): nobody in this household is known to be under 18 at receipt or registered as child-involved; the routes for adults are lokaal-team, politie, vrouwenopvang, ggz, slachtofferhulp, reclassering, mdt';
    const v1 = { ...(V1_RECORDS['nl.veiligthuis.referral.ReferralRoutingFailed.v1'] as Record<string, unknown>), wanted: 'rvdk', reason: sentence };
    expect((upcastData('nl.veiligthuis.referral.ReferralRoutingFailed.v1', v1).data as { reasonCode: string }).reasonCode).toBe('route-needs-a-minor');
    expect(routingFailureReasonOf(sentence, ['lokaal-team-gm0014'])).toBe('route-needs-a-minor');
  });

  it('keeps the envelope of the record (id, time, chain fields) and names the newest type and schema', () => {
    const event = {
      specversion: '1.0' as const, id: OTHER, source: '/veilig-thuis/crisis-triage', type: 'nl.veiligthuis.triage.SafetyAssessmentCompleted.v1' as const, time: TIME,
      datacontenttype: 'application/json' as const, dataschema: 'urn:vt:schema:triage.SafetyAssessmentCompleted.v1', householdid: HOUSEHOLD, correlationid: OTHER, causationid: OTHER,
      vtseq: 7, prevhash: 'abc', data: V1_RECORDS['nl.veiligthuis.triage.SafetyAssessmentCompleted.v1'],
    };
    const newest = upcastEvent(event);
    expect(newest).toMatchObject({ id: OTHER, time: TIME, vtseq: 7, prevhash: 'abc', type: 'nl.veiligthuis.triage.SafetyAssessmentCompleted.v2', dataschema: 'urn:vt:schema:triage.SafetyAssessmentCompleted.v2' });
  });

  it('leaves an event of a type that is not superseded as it is', () => {
    const event = {
      specversion: '1.0' as const, id: OTHER, source: '/veilig-thuis/intake', type: 'nl.veiligthuis.triage.DeadlineMet.v1' as const, time: TIME,
      datacontenttype: 'application/json' as const, dataschema: 'urn:vt:schema:triage.DeadlineMet.v1', householdid: HOUSEHOLD, correlationid: OTHER, causationid: OTHER, data: {},
    };
    expect(upcastEvent(event)).toBe(event);
  });
});
