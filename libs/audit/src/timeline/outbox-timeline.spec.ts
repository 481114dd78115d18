import { randomUUID } from 'node:crypto';
import { parseLogRecord } from '../log-reader';
import { buildTimeline } from './build-timeline';
import { renderTimelineText } from './render-timeline';
import { CASE_DATA_ACCESSED_V2, EncryptedPersonData, HOUSEHOLD_RECORD_OPENED, IMMEDIATE_SAFETY_CONFIRMED_V2, newEvent } from '@vt/contracts';
import { householdTimeline, OutboxRow } from './outbox-timeline';

const householdId = randomUUID();
const personId = randomUUID();
/** A sealed free text as this service stores and publishes it (ADR 0020): opaque without the person's key. */
const sealed: EncryptedPersonData = { personId, keyId: randomUUID(), alg: 'A256GCM', iv: 'AAAAAAAAAAAAAAAA', ciphertext: 'c2VjcmV0LXRleHQ', tag: 'AAAAAAAAAAAAAAAAAAAAAA' };
const opened = newEvent({
  type: HOUSEHOLD_RECORD_OPENED,
  service: 'safety-investigation',
  householdId,
  time: new Date('2026-03-02T10:00:00Z'),
  data: { householdId, phase: 'directe-veiligheid', gemeenteCode: 'GM0363', vtRegion: 'vt-amsterdam-amstelland', openedAt: '2026-03-02T10:00:00Z', persons: [{ personId, role: 'victim' }], basedOn: { meldingId: randomUUID(), acute: true }, actor: 'system:safety-investigation' } as never,
});
const confirmed = newEvent({
  type: IMMEDIATE_SAFETY_CONFIRMED_V2,
  service: 'safety-investigation',
  householdId,
  time: new Date('2026-03-02T11:00:00Z'),
  data: { householdId, personId, role: 'victim', how: sealed, confirmedAt: '2026-03-02T11:00:00Z', actor: 'user:triage-1' } as never,
});
const read = newEvent({
  type: CASE_DATA_ACCESSED_V2,
  service: 'safety-investigation',
  householdId,
  time: new Date('2026-03-02T12:00:00Z'),
  data: { accessId: randomUUID(), householdId, subject: { kind: 'household', id: householdId }, service: 'safety-investigation', purpose: 'onderzoek', fields: ['persons'], accessedAt: '2026-03-02T12:00:00Z', actor: 'user:investigator-1' },
});
const row = (position: number, topic: string, event: unknown): OutboxRow => ({ position: String(position), topic, payload: typeof event === 'string' ? event : JSON.stringify(event) });
// Outbox order is not event time: the read was committed before the confirmation's row here.
const rows = [row(1, 'vt.household.phases.v1', opened), row(3, 'vt.audit.access.v1', read), row(4, 'vt.household.phases.v1', confirmed), row(5, 'vt.household.phases.v1', 'not json')];
const now = new Date('2026-03-03T00:00:00Z');

describe('household timeline from a service’s outbox (docs/adr/0034, 0039)', () => {
  // Rule (issue 12 point 6): the household view's timeline is the same history `vt audit replay` prints, by the same code.
  it('is what the replay’s buildTimeline and renderTimelineText make of the same events', async () => {
    const answer = await householdTimeline(householdId, 'safety-investigation', rows, now);
    const events = rows.slice(0, 3).map((r) => parseLogRecord({ topic: r.topic, partition: -1, offset: r.position, key: householdId, type: undefined, value: r.payload })).flatMap((p) => (p.ok ? [p.value] : []));
    const replayed = await buildTimeline({ householdId, events, erasures: new Map(), now, problems: answer.timeline.problems, log: answer.timeline.log });
    expect(answer.timeline).toEqual(replayed);
    expect(answer.text).toBe(renderTimelineText(replayed));
    expect(answer.scope).toBe('safety-investigation');
  });

  // Rule (DOMAIN.md "Data protection": reads are audited; the auditor sees who read the case): the recorded reads are in the timeline.
  it('orders the facts by event time and lists the recorded reads and the phase the record opened in', async () => {
    const { timeline } = await householdTimeline(householdId, 'safety-investigation', rows, now);
    expect(timeline.entries.map((e) => e.name)).toEqual(['HouseholdRecordOpened', 'ImmediateSafetyConfirmed', 'CaseDataAccessed']);
    expect(timeline.phases).toEqual([expect.objectContaining({ to: 'directe-veiligheid' })]);
    expect(timeline.reads).toEqual([expect.objectContaining({ actor: 'user:investigator-1', purpose: 'onderzoek' })]);
    expect(timeline.log).toEqual({ topics: [{ topic: 'vt.household.phases.v1', records: 3 }, { topic: 'vt.audit.access.v1', records: 1 }], missingTopics: [], records: 4 });
  });

  // Rule (ADR 0020): free text about a person is sealed under their key; the timeline shows it as the keyless replay does.
  it('shows sealed free text as [encrypted], never its ciphertext, and keeps a row that is no event as a problem', async () => {
    const { timeline, text } = await householdTimeline(householdId, 'safety-investigation', rows, now);
    expect(timeline.entries[1]?.reasoning).toBe('[encrypted]');
    expect(text).not.toContain(sealed.ciphertext);
    expect(timeline.problems).toEqual([{ topic: 'vt.household.phases.v1', partition: -1, offset: '5', problem: 'record value is not JSON' }]);
  });
});
