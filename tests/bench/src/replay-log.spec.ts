import {
  CASE_DATA_ACCESSED,
  CloudEvent,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DeadlineFacts,
  EncryptedText,
  EVENT_CATALOG,
  EventType,
  HOUSEHOLD_PHASE_CHANGED_V2,
  IMMEDIATE_SAFETY_CONFIRMED,
  IMMEDIATE_SAFETY_CONFIRMED_V2,
  isSuperseded,
  MELDING_RECEIVED,
  MeldingReceivedData,
  newEvent,
  SAFETY_ASSESSMENT_COMPLETED_V2,
  TOPICS,
} from '@vt/contracts';
import { benchSigningKeys, CatalogCheck, ReplayLogGenerator } from './replay-log';

/** A small log, with the data keys kept so that the sealed text can be opened. */
function generate(households: number): { generator: ReplayLogGenerator; events: CloudEvent<string, Record<string, unknown>>[]; values: string[] } {
  const generator = new ReplayLogGenerator(benchSigningKeys().privateKeys, { checkpointEvery: 50, keepDataKeys: true });
  const values: string[] = [];
  const events: CloudEvent<string, Record<string, unknown>>[] = [];
  for (let i = 0; i < households; i++) {
    for (const record of generator.nextHousehold()) {
      values.push(record.value);
      if (record.topic !== TOPICS.auditChainHeads) events.push(JSON.parse(record.value) as CloudEvent<string, Record<string, unknown>>);
    }
  }
  return { generator, events, values };
}

describe('the replay log generator', () => {
  const { generator, events, values } = generate(200);
  const ofType = (type: string) => events.filter((event) => event.type === type);

  it('writes only types the services may still write', () => {
    expect(events.length).toBe(generator.events);
    for (const event of events) {
      expect(event.type in EVENT_CATALOG).toBe(true);
      expect(isSuperseded(event.type as EventType)).toBe(false);
    }
    expect(ofType(IMMEDIATE_SAFETY_CONFIRMED_V2).length).toBeGreaterThan(0);
    expect(ofType(IMMEDIATE_SAFETY_CONFIRMED)).toHaveLength(0);
  });

  it('never carries the workers\' free text in clear, and seals it under the right subject\'s key in the right service\'s table', () => {
    for (const clear of ['Gesproken met betrokkene', 'Directe veiligheid is voor iedereen', 'Veiligheidsbeoordeling afgerond', 'Buren hoorden geschreeuw', 'Agent Bench', 'Bench Persoon']) {
      expect(values.some((value) => value.includes(clear))).toBe(false);
    }
    for (const event of ofType(SAFETY_ASSESSMENT_COMPLETED_V2)) {
      const reasoning = event.data['reasoning'] as EncryptedText;
      expect(reasoning.personId).toBe(event.householdid);
      expect(generator.keyTables['crisis-triage'].open(reasoning)['text']).toMatch(/^Veiligheidsbeoordeling afgerond/);
    }
    for (const event of ofType(IMMEDIATE_SAFETY_CONFIRMED_V2)) {
      const how = event.data['how'] as EncryptedText;
      expect(how.personId).toBe(event.data['personId']);
      expect(generator.keyTables['safety-investigation'].open(how)['text']).toMatch(/^Gesproken met betrokkene/);
    }
    const explained = ofType(HOUSEHOLD_PHASE_CHANGED_V2).filter((event) => event.data['explanation']);
    expect(explained.length).toBeGreaterThan(0);
    for (const event of explained) expect(generator.keyTables['safety-investigation'].open(event.data['explanation'] as EncryptedText)['text']).toMatch(/^Directe veiligheid/);
    for (const event of ofType(MELDING_RECEIVED)) {
      const data = event.data as unknown as MeldingReceivedData;
      expect(data.personalData?.map((sealed) => sealed.personId).sort()).toEqual([...data.persons.map((person) => person.personId), data.melderId].sort());
      for (const sealed of data.personalData ?? []) expect(generator.keyTables.intake.open(sealed)['name']).toBeTruthy();
    }
  });

  it('starts the assessment clock at receipt and an informing clock per person at registration, and meets those of the persons informed', () => {
    const started = ofType(DEADLINE_STARTED).map((event) => event.data as unknown as DeadlineFacts);
    const met = new Set(ofType(DEADLINE_MET).map((event) => (event.data as unknown as DeadlineFacts).timerId));
    for (const event of ofType(MELDING_RECEIVED)) {
      const melding = event.data as unknown as MeldingReceivedData;
      expect(melding.registeredAt).toBeDefined();
      const clocks = started.filter((facts) => facts.subjectId === melding.meldingId);
      expect(clocks.filter((facts) => facts.clock === 'veiligheidsbeoordeling').map((facts) => facts.startedAt)).toEqual([melding.receivedAt]);
      const informing = clocks.filter((facts) => facts.clock === 'informeren-betrokkenen');
      expect(informing.map((facts) => facts.personId).sort()).toEqual(melding.persons.map((person) => person.personId).sort());
      for (const facts of informing) {
        expect(facts.startedAt).toBe(melding.registeredAt);
        const role = melding.persons.find((person) => person.personId === facts.personId)?.role;
        expect(met.has(facts.timerId)).toBe(role !== 'suspected-perpetrator');
      }
    }
    expect(ofType(MELDING_RECEIVED).some((event) => (event.data as unknown as MeldingReceivedData).lateRegistration)).toBe(true);
  });

  it('chains every (producer, topic, household) from 1 without gaps', () => {
    const byChain = new Map<string, number[]>();
    for (const event of events) {
      const chain = `${event.source}|${EVENT_CATALOG[event.type as EventType].address}|${event.householdid}`;
      byChain.set(chain, [...(byChain.get(chain) ?? []), event.vtseq as number]);
    }
    for (const seqs of byChain.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});

describe('CatalogCheck', () => {
  const check = new CatalogCheck();
  const householdId = '6f0d3c1e-8a57-4a8e-9f43-1f7c1d2b0a11';
  const personId = '0b7c64a5-6a0e-4a0e-8a5e-5e6f2b7c9d10';

  it('refuses a superseded type', () => {
    const event = newEvent({
      type: IMMEDIATE_SAFETY_CONFIRMED,
      service: 'safety-investigation',
      householdId,
      time: new Date(),
      data: { householdId, personId, role: 'victim', how: 'in clear', confirmedAt: new Date().toISOString(), actor: 'user:x' },
    });
    expect(() => check.check('safety-investigation', TOPICS.householdPhases, event)).toThrow(/superseded by nl\.veiligthuis\.household\.ImmediateSafetyConfirmed\.v2/);
  });

  it('refuses data the contract does not allow, another topic, another source, and v1', () => {
    const data = { accessId: personId, householdId, subject: { kind: 'melding' as const, id: personId }, service: 'intake', purpose: 'registratie' as const, fields: [], accessedAt: new Date().toISOString(), actor: 'user:x' };
    const event = (extra: Record<string, unknown> = {}) => newEvent({ type: 'nl.veiligthuis.audit.CaseDataAccessed.v2', service: 'intake', householdId, time: new Date(), data: { ...data, ...extra } });
    expect(() => check.check('intake', TOPICS.auditAccess, event())).not.toThrow();
    expect(() => check.check('intake', TOPICS.auditAccess, event({ purpose: 'follow-up call' }))).toThrow(/does not match urn:vt:schema:audit\.CaseDataAccessed\.v2/);
    expect(() => check.check('intake', TOPICS.auditAccess, event({ note: 'x' }))).toThrow(/additional properties/);
    expect(() => check.check('intake', TOPICS.meldingen, event())).toThrow(/its contract's topic is vt\.audit\.access\.v1/);
    expect(() => check.check('crisis-triage', TOPICS.auditAccess, event())).toThrow(/has source \/veilig-thuis\/intake/);
    const v1 = newEvent({ type: CASE_DATA_ACCESSED, service: 'intake', householdId, time: new Date(), data: { ...data, purpose: 'follow-up call' } });
    expect(() => check.check('intake', TOPICS.auditAccess, v1)).toThrow(/superseded/);
  });
});
