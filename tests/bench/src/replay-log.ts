import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import {
  ACUTE_CHECK_COMPLETED,
  CASE_DATA_ACCESSED,
  CHAIN_GENESIS,
  CHAIN_HEADS_FORMAT,
  ChainHead,
  chainedEventRecord,
  CloudEvent,
  CRISIS_ACTION_RECORDED,
  CRISIS_INTERVENTION_REQUESTED,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DeadlineFacts,
  EventDataByType,
  EventType,
  HOUSEHOLD_PHASE_CHANGED,
  HOUSEHOLD_RECORD_OPENED,
  IMMEDIATE_SAFETY_CONFIRMED,
  INVESTIGATION_OPENED,
  MELDING_RECEIVED,
  newEvent,
  PERSON_DATA_ALGORITHM,
  PersonRef,
  REFERRAL_ISSUED,
  SAFETY_ASSESSMENT_COMPLETED,
  signCheckpoint,
  TOPICS,
} from '@vt/contracts';

export const PRODUCERS = ['intake', 'crisis-triage', 'safety-investigation', 'referral'] as const;
type Producer = (typeof PRODUCERS)[number];

export interface GeneratedRecord {
  topic: string;
  key: string;
  value: string;
}

/** One Ed25519 key per producer, as the services hold them; `publicKeys` is in the format of `.local/audit/public-keys.json`. */
export function benchSigningKeys(): { privateKeys: Record<Producer, { keyId: string; key: KeyObject }>; publicKeys: { keys: Record<string, { service: string; publicKey: string; validFrom: string }> } } {
  const privateKeys = {} as Record<Producer, { keyId: string; key: KeyObject }>;
  const keys: Record<string, { service: string; publicKey: string; validFrom: string }> = {};
  for (const producer of PRODUCERS) {
    const pair = generateKeyPairSync('ed25519');
    const keyId = `bench-${producer}`;
    privateKeys[producer] = { keyId, key: pair.privateKey };
    keys[keyId] = { service: producer, publicKey: pair.publicKey.export({ format: 'pem', type: 'spki' }).toString(), validFrom: '2000-01-01T00:00:00.000Z' };
  }
  return { privateKeys, publicKeys: { keys } };
}

/**
 * A realistic mix of events per household, as the four services write them: the melding, its acute check (a
 * crisis intervention and confirmations for about 4 in 10), two statutory clocks, the assessment and its clock
 * met, the household record with confirmations and a phase change, an investigation for onderzoek, a referral
 * and an audited read: 14–19 events. Each event is chained per (producer, topic, household) exactly as the
 * outbox chains it (`vtseq`, `prevhash` = hash of the previous event of the chain), and every `checkpointEvery`
 * households each producer signs a checkpoint of its chain heads.
 */
export class ReplayLogGenerator {
  private readonly heads = new Map<string, ChainHead>();
  private readonly touched = new Map<Producer, Map<string, ChainHead>>(PRODUCERS.map((p) => [p, new Map()]));
  private households = 0;
  events = 0;
  checkpoints = 0;

  constructor(
    private readonly keys: Record<Producer, { keyId: string; key: KeyObject }>,
    private readonly checkpointEvery = 500,
  ) {}

  private chain(producer: Producer, topic: string, event: CloudEvent): GeneratedRecord {
    const id = `${producer}\u0000${topic}\u0000${event.householdid}`;
    const head = this.heads.get(id);
    const chained: CloudEvent = { ...event, vtseq: (head?.seq ?? 0) + 1, prevhash: head?.hash ?? CHAIN_GENESIS };
    // The record value is the canonical JSON the hash covers, as the outbox writes it (docs/adr/0009).
    const record = chainedEventRecord(chained);
    const next: ChainHead = { source: event.source, topic, householdid: event.householdid, seq: chained.vtseq as number, hash: record.hash };
    this.heads.set(id, next);
    this.touched.get(producer)?.set(id, next);
    this.events++;
    return { topic, key: event.householdid, value: record.value };
  }

  /** The records of the next household, and of any checkpoints due after it. */
  nextHousehold(): GeneratedRecord[] {
    const n = this.households++;
    const householdId = randomUUID();
    const meldingId = randomUUID();
    const t0 = Date.UTC(2026, 0, 5, 8, 0, 0) + n * 60_000;
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    const iso = (minutes: number) => at(minutes).toISOString();
    const acute = n % 10 < 4;
    const persons: PersonRef[] = [
      { personId: randomUUID(), role: 'victim' },
      { personId: randomUUID(), role: n % 3 === 0 ? 'suspected-perpetrator' : 'child-involved' },
    ];
    const gemeenteCode = `GM0${String(300 + (n % 50)).padStart(3, '0')}`;
    const records: GeneratedRecord[] = [];
    let previous: CloudEvent | undefined;
    const emit = <T extends EventType>(producer: Producer, topic: string, type: T, minutes: number, data: EventDataByType[T], subject?: string) => {
      const event = newEvent({ type, service: producer, householdId, data, time: at(minutes), ...(subject ? { subject } : {}), ...(previous ? { causedBy: previous } : {}) });
      previous = event;
      records.push(this.chain(producer, topic, event));
      return event;
    };

    emit('intake', TOPICS.meldingen, MELDING_RECEIVED, 0, {
      meldingId,
      householdId,
      receivedAt: iso(0),
      gemeenteCode,
      region: { vtRegion: 'vt-amsterdam-amstelland', veiligheidsregio: 'VR13', calendar: 'nl' },
      registration: { channel: 'telefoon', melderKind: 'professional', melderSector: 'politie-justitie', melderRole: 'melder', melderIdentitySealed: n % 7 === 0 },
      concerns: { aard: ['ex-partnergeweld'], tags: n % 5 === 0 ? ['stalking'] : [] },
      radar: { classification: 'first', references: [] },
      melderId: randomUUID(),
      personalData: persons.map((person) => ({
        personId: person.personId,
        keyId: `pk-${person.personId}`,
        alg: PERSON_DATA_ALGORITHM,
        iv: 'AAAAAAAAAAAAAAAA',
        ciphertext: 'c2VhbGVkLXBlcnNvbmFsLWRhdGEtb2YtYS10ZXN0LXBlcnNvbi13aXRoLWEtbmFtZS1hbmQtYnNu',
        tag: 'AAAAAAAAAAAAAAAAAAAAAA',
      })),
      acuteIndication: acute ? { indicated: true, signals: ['physical-violence'] } : { indicated: false },
      persons,
      actor: 'user:call-handler-bench',
    });
    const checkId = randomUUID();
    emit('crisis-triage', TOPICS.triageAssessments, ACUTE_CHECK_COMPLETED, 0, {
      checkId,
      meldingId,
      householdId,
      gemeenteCode,
      acute,
      grounds: acute ? ['physical-violence'] : [],
      ruleSetVersion: 'acute-rules/1',
      persons,
      checkedAt: iso(0),
      actor: 'system:crisis-triage',
    });
    const facts = (clock: string, days: number): DeadlineFacts => ({
      timerId: randomUUID(),
      clock,
      legalBasis: 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7',
      householdId,
      subjectId: meldingId,
      startedAt: iso(0),
      dueAt: iso(days * 24 * 60),
      counting: 'working-days',
      calendar: 'nl',
    });
    const assessmentClock = facts('veiligheidsbeoordeling', 7);
    emit('crisis-triage', TOPICS.triageDeadlines, DEADLINE_STARTED, 0, { ...assessmentClock, approachingAt: iso(5 * 24 * 60), warnings: [] });
    const informClock = facts('informeren-betrokkenen', 28);
    emit('crisis-triage', TOPICS.triageDeadlines, DEADLINE_STARTED, 0, { ...informClock, approachingAt: iso(21 * 24 * 60), warnings: [] });
    emit('safety-investigation', TOPICS.householdPhases, HOUSEHOLD_RECORD_OPENED, 1, {
      householdId,
      phase: 'directe-veiligheid',
      gemeenteCode,
      persons,
      basedOn: { meldingId, acuteCheckId: checkId, acute },
      reason: acute ? 'acute melding' : 'melding',
      openedAt: iso(1),
      actor: 'system:safety-investigation',
    });
    emit('referral', TOPICS.referrals, REFERRAL_ISSUED, 2, {
      referralId: randomUUID(),
      householdId,
      partnerId: `lokaal-team-${gemeenteCode.toLowerCase()}`,
      partnerType: 'lokaal-team',
      gemeenteCode,
      disclosure: { legalBasis: 'Wmo 2015 art. 4.1.1 lid 2 sub e', purpose: 'hulp en ondersteuning door het lokale team', fields: ['householdReference', 'gemeenteCode'] },
      directoryVersion: 'bench',
      issuedAt: iso(2),
      actor: 'system:referral',
    });
    if (acute) {
      const interventionId = randomUUID();
      emit('crisis-triage', TOPICS.triageAssessments, CRISIS_INTERVENTION_REQUESTED, 0, {
        interventionId,
        meldingId,
        householdId,
        crisisRegion: 'vt-amsterdam-amstelland',
        gemeenteCode,
        grounds: ['physical-violence'],
        ruleSetVersion: 'acute-rules/1',
        persons,
        requestedAt: iso(0),
        actor: 'system:crisis-triage',
      });
      for (const [i, person] of persons.entries()) {
        emit('crisis-triage', TOPICS.triageAssessments, CRISIS_ACTION_RECORDED, 30 + i, { interventionId, householdId, action: 'immediate-safety-confirmed', personId: person.personId, recordedAt: iso(30 + i), actor: 'user:crisis-bench' });
      }
    }
    for (const [i, person] of persons.entries()) {
      emit('safety-investigation', TOPICS.householdPhases, IMMEDIATE_SAFETY_CONFIRMED, 40 + i, { householdId, personId: person.personId, role: person.role, how: 'seen in person', confirmedAt: iso(40 + i), actor: 'user:investigator-bench' });
    }
    emit('safety-investigation', TOPICS.householdPhases, HOUSEHOLD_PHASE_CHANGED, 60, {
      householdId,
      command: 'MoveToDuurzameVeiligheid',
      from: 'directe-veiligheid',
      to: 'duurzame-veiligheid',
      reason: 'everyone is safe for now',
      basedOn: { confirmations: persons.map((person, i) => ({ personId: person.personId, role: person.role, confirmedBy: 'user:investigator-bench', confirmedAt: iso(40 + i) })) },
      confirmationsWithdrawn: [],
      changedAt: iso(60),
      actor: 'user:investigator-bench',
    });
    const onderzoek = n % 4 === 0;
    const assessmentId = randomUUID();
    emit('crisis-triage', TOPICS.triageAssessments, SAFETY_ASSESSMENT_COMPLETED, 24 * 60, {
      assessmentId,
      meldingId,
      householdId,
      gemeenteCode,
      taxatie: acute ? 'acuut' : 'structureel',
      outcome: onderzoek ? 'onderzoek' : 'voorwaarden-en-vervolg',
      reasoning: 'Veiligheidsbeoordeling afgerond volgens protocol.',
      completedAt: iso(24 * 60),
      deadline: { dueAt: assessmentClock.dueAt, met: true },
      actor: 'user:triage-bench',
    });
    emit('crisis-triage', TOPICS.triageDeadlines, DEADLINE_MET, 24 * 60, { ...assessmentClock, metAt: iso(24 * 60) });
    if (onderzoek) {
      emit('safety-investigation', TOPICS.investigations, INVESTIGATION_OPENED, 24 * 60 + 1, {
        investigationId: randomUUID(),
        householdId,
        basedOn: { assessmentId, meldingId },
        openedAt: iso(24 * 60 + 1),
        actor: 'system:safety-investigation',
      });
    }
    emit('intake', TOPICS.auditAccess, CASE_DATA_ACCESSED, 25 * 60, {
      accessId: randomUUID(),
      householdId,
      subject: { kind: 'melding', id: meldingId },
      service: 'intake',
      purpose: 'follow-up call',
      fields: ['persons', 'concerns'],
      accessedAt: iso(25 * 60),
      actor: 'user:call-handler-bench',
    });
    if (this.households % this.checkpointEvery === 0) records.push(...this.checkpointsNow());
    return records;
  }

  /** A signed checkpoint per producer of the chain heads it touched since its last one. */
  checkpointsNow(): GeneratedRecord[] {
    const records: GeneratedRecord[] = [];
    for (const producer of PRODUCERS) {
      const touched = this.touched.get(producer) as Map<string, ChainHead>;
      if (touched.size === 0) continue;
      const { keyId, key } = this.keys[producer];
      const checkpoint = signCheckpoint({ format: CHAIN_HEADS_FORMAT, id: randomUUID(), producer, keyid: keyId, time: new Date().toISOString(), heads: [...touched.values()] }, key);
      touched.clear();
      this.checkpoints++;
      records.push({ topic: TOPICS.auditChainHeads, key: producer, value: JSON.stringify(checkpoint) });
    }
    return records;
  }
}
