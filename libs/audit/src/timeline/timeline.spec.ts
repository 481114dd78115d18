import { randomUUID } from 'node:crypto';
import { CASE_DATA_ACCESSED_V2, DEADLINE_BREACHED, EncryptedPersonData, HOUSEHOLD_PHASE_CHANGED_V2, MELDING_RECEIVED, newEvent, REFERRAL_ISSUED, SAFETY_ASSESSMENT_COMPLETED_V2, CloudEvent } from '@vt/contracts';
import { AuditEvent } from '../log-reader/log-event';
import { StopOffsets } from '../log-reader/stop-offsets';
import { buildTimeline, HOUSEHOLD_DATA_ERASED_TYPE, PERSON_DATA_ERASED_TYPE } from './build-timeline';
import { PersonDataOpener } from './person-data';
import { describe as describeEvent, shortTypeName } from './describers';
import { renderTimelineHtml, renderTimelineText } from './render-timeline';

const householdId = randomUUID();
const personId = randomUUID();
let offset = 0;
/** An encrypted value as it lies on the log (opaque without the keys). */
const encrypted = (subjectId: string): EncryptedPersonData => ({ personId: subjectId, keyId: randomUUID(), alg: 'A256GCM', iv: 'AAAAAAAAAAAAAAAA', ciphertext: 'c2VjcmV0', tag: 'AAAAAAAAAAAAAAAAAAAAAA' });
const reasoning = encrypted(householdId);
/** An auditor with the keys: opens the assessment's reasoning (and nothing else it was not given). */
const withKeys: PersonDataOpener = {
  async open(value, service) {
    if (value === reasoning || (value.ciphertext === reasoning.ciphertext && value.keyId === reasoning.keyId)) {
      expect(service).toBe('crisis-triage');
      return { personId: value.personId, state: 'readable', fields: { text: 'Vader dreigde; <script>alert(1)</script>' } };
    }
    return { personId: value.personId, state: 'encrypted' };
  },
};
const onLog = (event: CloudEvent<string, unknown>): AuditEvent => ({ topic: 'vt.test.v1', partition: 0, offset: String(offset++), event: event as AuditEvent['event'] });

const melding = newEvent({
  type: MELDING_RECEIVED,
  service: 'intake',
  householdId,
  time: new Date('2025-03-03T09:00:00Z'),
  data: {
    meldingId: randomUUID(),
    householdId,
    receivedAt: '2025-03-03T09:00:00Z',
    region: { vtRegion: 'vt-utrecht', calendar: 'nl' },
    personalData: [{ personId, keyId: randomUUID(), alg: 'A256GCM', iv: 'AAAAAAAAAAAAAAAA', ciphertext: 'abc', tag: 'AAAAAAAAAAAAAAAAAAAAAA' }],
    acuteIndication: { indicated: true, signals: ['physical-violence'] },
    persons: [{ personId, role: 'victim' }],
    actor: 'user:call-handler-1',
  },
});
const assessed = newEvent({
  type: SAFETY_ASSESSMENT_COMPLETED_V2,
  service: 'crisis-triage',
  householdId,
  time: new Date('2025-03-05T09:00:00Z'),
  data: { assessmentId: randomUUID(), meldingId: melding.data.meldingId, householdId, taxatie: 'acuut', outcome: 'voorwaarden-en-vervolg', reasoning, completedAt: '2025-03-05T09:00:00Z', deadline: { dueAt: '2025-03-10T23:00:00Z', met: true }, actor: 'user:triage-7' },
});
const referral = newEvent({
  type: REFERRAL_ISSUED,
  service: 'referral',
  householdId,
  time: new Date('2025-03-06T09:00:00Z'),
  data: { referralId: randomUUID(), householdId, partnerId: 'lokaal-team-gm0344', partnerType: 'lokaal-team', gemeenteCode: 'GM0344', disclosure: { legalBasis: 'Wmo 2015 art. 5.2.6', purpose: 'overdracht', fields: ['householdReference', 'persons.role'] }, directoryVersion: 'd1', issuedAt: '2025-03-06T09:00:00Z', actor: 'system:referral' },
});
const read = newEvent({
  type: CASE_DATA_ACCESSED_V2,
  service: 'intake',
  householdId,
  time: new Date('2025-03-07T09:00:00Z'),
  data: { accessId: randomUUID(), householdId, subject: { kind: 'melding', id: melding.data.meldingId }, service: 'intake', purpose: 'onderzoek', fields: ['persons'], accessedAt: '2025-03-07T09:00:00Z', actor: 'user:investigator-2' },
});
const timerId = randomUUID();
const breached = newEvent({
  type: DEADLINE_BREACHED,
  service: 'crisis-triage',
  householdId,
  time: new Date('2025-03-11T00:00:00Z'),
  data: { timerId, clock: 'onderzoek', legalBasis: 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7 lid 2', householdId, subjectId: randomUUID(), startedAt: '2025-01-01T00:00:00Z', dueAt: '2025-03-11T00:00:00Z', counting: 'calendar-term', calendar: 'nl', breachedAt: '2025-03-11T00:00:00Z' },
});
const phase = newEvent({
  type: HOUSEHOLD_PHASE_CHANGED_V2,
  service: 'safety-investigation',
  householdId,
  time: new Date('2025-03-04T09:00:00Z'),
  data: { householdId, command: 'MoveToDuurzameVeiligheid', from: 'directe-veiligheid', to: 'duurzame-veiligheid', reasonCode: 'immediate-safety-realised-for-everyone', basedOn: {}, confirmationsWithdrawn: [], changedAt: '2025-03-04T09:00:00Z', actor: 'user:investigator-2' },
});
const unknown = { ...newEvent({ type: MELDING_RECEIVED, service: 'x', householdId, time: new Date('2025-03-12T00:00:00Z'), data: {} as never }), type: 'nl.veiligthuis.partner.ReferralSomethingNew.v3', subject: 'ref-1', data: { actor: 'user:partner-9', note: 'n', disclosure: { legalBasis: 'toestemming', purpose: 'p', fields: ['a'] }, partnerId: 'ggz-x' } };

describe('describers', () => {
  it('say what was decided and by whom; the reasoning is encrypted, so the describer alone cannot say why (ADR 0020)', () => {
    const d = describeEvent(assessed.type, assessed.data as never, assessed.time);
    expect(d.summary).toBe('Veiligheidsbeoordeling: taxatie acuut, outcome voorwaarden-en-vervolg');
    expect(d.actor).toBe('user:triage-7');
    expect(d.reasoning).toBeUndefined();
    expect(d.generic).toBe(false);
  });

  it('fall back for unknown types: time, type, actor, subject, and any disclosure', () => {
    const d = describeEvent(unknown.type, unknown.data, unknown.time, unknown.subject);
    expect(d.generic).toBe(true);
    expect(d.summary).toBe('ReferralSomethingNew (ref-1)');
    expect(d.actor).toBe('user:partner-9');
    expect(d.disclosure).toEqual({ recipient: 'ggz-x', legalBasis: 'toestemming', purpose: 'p', fields: ['a'] });
    expect(shortTypeName('nl.veiligthuis.intake.MeldingReceived.v1')).toBe('MeldingReceived');
  });

  it('describe the referral lifecycle as it landed: a decline names the partner, reason and who answered', () => {
    const d = describeEvent('nl.veiligthuis.referral.ReferralDeclined.v2', { referralId: 'r-1', partnerId: 'ggz-utrecht', answeredBy: 'J. Partner', reason: { code: 'geen-capaciteit' } }, '2025-03-01T00:00:00Z');
    expect(d).toMatchObject({ summary: 'referral r-1 (ggz-utrecht) DECLINED: geen-capaciteit', actor: 'J. Partner', generic: false });
  });

  it('say which open veiligheidsbeoordeling a monitoring request joined', () => {
    const d = describeEvent('nl.veiligthuis.triage.AssessmentRequestJoined.v2', { requestId: 'req-1', joinedSubjectId: 'melding-1', requestedAt: '2025-03-01T00:00:00Z', joinedAt: '2025-03-01T00:00:01Z', actor: 'system:crisis-triage' }, '2025-03-01T00:00:01Z');
    expect(d).toMatchObject({ summary: 'Monitoring request req-1 joined the open veiligheidsbeoordeling melding-1', actor: 'system:crisis-triage', generic: false });
  });
});

describe('timeline', () => {
  it('orders by time and gathers phases, deadlines, disclosures and reads', async () => {
    const timeline = await buildTimeline({ householdId, events: [breached, read, referral, assessed, phase, melding, unknown].map(onLog), personData: withKeys });
    expect(timeline.entries.map((e) => e.name)).toEqual(['MeldingReceived', 'HouseholdPhaseChanged', 'SafetyAssessmentCompleted', 'ReferralIssued', 'CaseDataAccessed', 'DeadlineBreached', 'ReferralSomethingNew']);
    expect(timeline.phases).toEqual([expect.objectContaining({ from: 'directe-veiligheid', to: 'duurzame-veiligheid', actor: 'user:investigator-2' })]);
    expect(timeline.deadlines).toEqual([expect.objectContaining({ timerId, clock: 'onderzoek', outcome: 'breached' })]);
    expect(timeline.disclosures.map((d) => [d.recipient, d.legalBasis])).toEqual([['lokaal-team-gm0344', 'Wmo 2015 art. 5.2.6'], ['ggz-x', 'toestemming']]);
    expect(timeline.reads).toEqual([expect.objectContaining({ actor: 'user:investigator-2', purpose: 'onderzoek' })]);
    expect(timeline.entries[0]?.persons).toEqual([{ personId, state: 'encrypted' }]);
    // The encrypted reasoning, opened with crisis-triage's keys, is the entry's why (not a person's personal data).
    const assessment = timeline.entries.find((e) => e.name === 'SafetyAssessmentCompleted');
    expect(assessment?.reasoning).toBe('Vader dreigde; <script>alert(1)</script>');
    expect(assessment?.persons).toBeUndefined();

    const text = renderTimelineText(timeline);
    expect(text).toContain('legal basis Wmo 2015 art. 5.2.6');
    expect(text).toContain('[encrypted]');
    expect(text).toContain('Deadline onderzoek BREACHED');
    const html = renderTimelineHtml(timeline);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<link|src=|https?:\/\//);
  });

  it('shows an erased person as erased with the date from the log', async () => {
    const erased = { ...melding, id: randomUUID(), type: PERSON_DATA_ERASED_TYPE, time: '2025-04-01T10:00:00.000Z', data: { erasureId: randomUUID(), personId, householdId, subjectKind: 'person', erasedAt: '2025-04-01T10:00:00.000Z', reason: 'verzoek-betrokkene', legalBasis: 'Wmo 2015 art. 5.3.5', actor: 'user:privacy-officer' } };
    const timeline = await buildTimeline({
      householdId,
      events: [melding, erased].map(onLog),
      erasures: new Map([[personId, { personId, erasedAt: '2025-04-01T10:00:00.000Z' }]]),
    });
    expect(timeline.entries[0]?.persons).toEqual([{ personId, state: 'erased', erasedAt: '2025-04-01T10:00:00.000Z' }]);
    expect(renderTimelineText(timeline)).toContain(`personal data ${personId}: [erased 2025-04-01]`);
    expect(timeline.erasures).toEqual([expect.objectContaining({ personId, reason: 'verzoek-betrokkene' })]);
  });

  it('shows free text about the household as erased once the household’s own key is erased (ADR 0020), keys or not', async () => {
    const householdErased = { ...melding, id: randomUUID(), type: HOUSEHOLD_DATA_ERASED_TYPE, time: '2025-05-01T10:00:00.000Z', data: { erasureId: randomUUID(), householdId, erasedAt: '2025-05-01T10:00:00.000Z', reason: 'bewaartermijn-verstreken', legalBasis: 'Wmo 2015 art. 5.3.4', actor: 'system:retention' } };
    const timeline = await buildTimeline({
      householdId,
      events: [assessed, householdErased].map(onLog),
      erasures: new Map([[householdId, { personId: householdId, erasedAt: '2025-05-01T10:00:00.000Z' }]]),
      personData: withKeys,
    });
    expect(timeline.entries[0]?.reasoning).toBe('[erased 2025-05-01T10:00:00.000Z]');
    expect(renderTimelineText(timeline)).not.toContain('Vader dreigde');
    expect(timeline.entries[1]?.summary).toContain("household's own data erased");
  });
});

describe('stop offsets', () => {
  it('end the read at the high-water marks fetched at the start, control records included', () => {
    const stops = new StopOffsets([{ topic: 't', partitions: [{ partition: 0, low: '0', high: '3' }, { partition: 1, low: '5', high: '5' }] }]);
    expect(stops.done).toBe(false);
    expect(stops.includes('t', 0, '2')).toBe(true);
    stops.reached('t', 0, '1');
    expect(stops.pending()).toEqual(['t/0']);
    stops.reached('t', 0, '2');
    expect(stops.done).toBe(true);
    expect(stops.includes('t', 0, '3')).toBe(false);
    expect(stops.includes('t', 1, '5')).toBe(false);
  });
});
