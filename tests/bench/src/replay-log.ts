import { generateKeyPairSync, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import {
  AccessPurpose,
  ACUTE_CHECK_COMPLETED,
  CASE_DATA_ACCESSED_V2,
  CHAIN_GENESIS,
  ChainHead,
  chainedEventRecord,
  CloudEvent,
  cloudEventEnvelopeSchema,
  CRISIS_ACTION_RECORDED,
  CRISIS_INTERVENTION_REQUESTED,
  DEADLINE_MET,
  DEADLINE_STARTED,
  DeadlineFacts,
  EncryptedText,
  EVENT_CATALOG,
  EventDataByType,
  EventType,
  HOUSEHOLD_PHASE_CHANGED_V2,
  HOUSEHOLD_RECORD_OPENED,
  IMMEDIATE_SAFETY_CONFIRMED_V2,
  INVESTIGATION_OPENED,
  INVOLVED_PERSON_INFORMED,
  isKnownEventType,
  isSuperseded,
  MELDER_FEEDBACK_GIVEN_V2,
  MELDING_RECEIVED,
  MeldingReceivedData,
  newEvent,
  PersonFields,
  PersonRef,
  PhaseChangeReason,
  REFERRAL_ISSUED,
  SAFETY_ASSESSMENT_COMPLETED_V2,
  canonicalJson,
  newChainCheckpoint,
  TOPICS,
} from '@vt/contracts';
import { openFields, PersonDataKey, sealFields } from '@vt/privacy';
import { expectedHouseholdReference } from '@vt/testing';

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
 * One service's data keys, in memory: what its `person_key` table holds, one random 256-bit key per subject (a
 * person, or a household for text about the household as a whole, ADR 0020), created on first use. Values are
 * sealed with libs/privacy's `sealFields`, the function `PersonDataCipher` seals with, so the ciphertext has the
 * services' format, size and binding to subject and key id; only the key table (Postgres, wrapped under a master
 * key) is left out. The replay benchmark never decrypts (`audit verify` hashes, `audit rebuild` keeps ciphertext as
 * published), so the keys are dropped after each household unless `keep` (the unit test opens the values).
 */
export class BenchKeyTable {
  private readonly keys = new Map<string, PersonDataKey>();

  constructor(
    readonly service: Producer,
    private readonly keep = false,
  ) {}

  private keyFor(subjectId: string): PersonDataKey {
    let key = this.keys.get(subjectId);
    if (!key) {
      key = PersonDataKey.generate(subjectId);
      this.keys.set(subjectId, key);
    }
    return key;
  }

  /** As `PersonDataCipher.encryptFields`. */
  encryptFields(subjectId: string, fields: PersonFields): EncryptedText {
    return sealFields(this.keyFor(subjectId), fields);
  }

  /** As `PersonDataCipher.encryptText`: free text as the field `text`, under the subject's key. */
  encryptText(subjectId: string, text: string): EncryptedText {
    return this.encryptFields(subjectId, { text });
  }

  /** The fields of a value sealed here (only while its key is kept). */
  open(value: EncryptedText): PersonFields {
    const key = this.keys.get(value.personId);
    if (!key) throw new Error(`${this.service}'s bench key table holds no key for ${value.personId}`);
    return openFields(key, value);
  }

  /** Drops the keys of a household that is fully generated, unless the table keeps them. */
  forget(): void {
    if (!this.keep) this.keys.clear();
  }

  get size(): number {
    return this.keys.size;
  }
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

/**
 * What every generated event must pass before it goes on the log, checked against the catalog (libs/contracts),
 * strictly: no `removeAdditional`, so a field the contract does not know fails too. Throws, naming the type and
 * the problem, when the type is unknown or superseded (producers write the newest version only, ADR 0004; the
 * outbox refuses the same), when the topic or producer is not the contract's, or when the envelope, `dataschema`
 * or the data does not match.
 */
export class CatalogCheck {
  private readonly ajv: Ajv;
  private readonly envelope: ValidateFunction;
  private readonly byType = new Map<EventType, ValidateFunction>();

  constructor() {
    this.ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(this.ajv);
    this.envelope = this.ajv.compile(cloudEventEnvelopeSchema);
  }

  check(producer: string, topic: string, event: CloudEvent<string, unknown>): void {
    const fail = (problem: string): never => {
      throw new Error(`the replay log generator made an event the services would not write: ${event.type} (${event.id}) ${problem}`);
    };
    if (!isKnownEventType(event.type)) return fail('is not in EVENT_CATALOG');
    const type = event.type;
    const contract = EVENT_CATALOG[type];
    if (isSuperseded(type)) return fail(`is superseded by ${String((contract as { supersededBy?: string }).supersededBy)}: producers write the newest version only (ADR 0004, ADR 0020)`);
    if (!contract.address.includes('{') && contract.address !== topic) fail(`goes on ${topic}, but its contract's topic is ${contract.address}`);
    const producers: readonly string[] = Array.isArray(contract.producer) ? contract.producer : [contract.producer as string];
    if (!producers.includes(producer)) fail(`is produced by ${producer}, but its contract's producer is ${producers.join(' or ')}`);
    if (event.source !== `/veilig-thuis/${producer}`) fail(`has source ${event.source}, not /veilig-thuis/${producer}`);
    if (!this.envelope(event)) fail(`is not a valid envelope: ${formatErrors(this.envelope.errors)}`);
    if (event.dataschema !== contract.schema.$id) fail(`names dataschema ${event.dataschema}, not ${contract.schema.$id}`);
    let validate = this.byType.get(type);
    if (!validate) {
      validate = this.ajv.compile(contract.schema);
      this.byType.set(type, validate);
    }
    if (!validate(event.data)) fail(`does not match ${contract.schema.$id}: ${formatErrors(validate.errors)}`);
  }
}

const DAY = 24 * 60;
/** The clocks as crisis-triage plans them (libs/calendar `STATUTORY_CLOCKS`, config/legal-bases.json, nl); due dates approximated in calendar days. */
const CLOCKS = {
  veiligheidsbeoordeling: { legalBasis: 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7', counting: 'working-days', days: 7, leadDays: 2 },
  'informeren-betrokkenen': { legalBasis: 'Wmo 2015 art. 5.3.1', counting: 'calendar-term', days: 28, leadDays: 2 },
  onderzoek: { legalBasis: 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7 lid 2', counting: 'calendar-term', days: 70, leadDays: 2 },
} as const;

/** Free text as the workers type it; it only ever goes on the log sealed. */
const TEXT = {
  how: 'Gesproken met betrokkene; zij verblijft bij haar zus, de pleger heeft een contactverbod.',
  explanation: 'Directe veiligheid is voor iedereen gerealiseerd; de afspraken zijn met beide ouders doorgenomen.',
  reasoning: 'Veiligheidsbeoordeling afgerond volgens protocol: structurele onveiligheid, eerdere meldingen van de politie, kinderen getuige van geweld.',
  account: 'Buren hoorden geschreeuw en glasgerinkel; de politie trof een vrouw met letsel aan, twee kinderen waren thuis.',
} as const;

/** MoveToDuurzameVeiligheid's code of `PHASE_CHANGE_REASONS` (the compiler holds it to the list). */
const IMMEDIATE_SAFETY_REALISED: PhaseChangeReason = 'immediate-safety-realised-for-everyone';
/** The codes of `ACCESS_PURPOSES` the audited reads rotate through, never free text. */
const READ_PURPOSES: readonly AccessPurpose[] = ['registratie', 'veiligheidsbeoordeling', 'terugkoppeling'];

export interface ReplayLogGeneratorOptions {
  /** Every `checkpointEvery` households each producer signs a checkpoint of its chain heads (default 500). */
  checkpointEvery?: number;
  /** Keep the data keys (for a test that opens the sealed text); by default they are dropped after each household. */
  keepDataKeys?: boolean;
}

/**
 * A realistic mix of events per household, as the four services write them now (newest versions only, free text
 * sealed, reasons and purposes as codes, ADR 0020; an informing clock per person, ADR 0021): the melding (personal
 * data of each person and the melder sealed under their keys, receipt and registration), its acute check (a crisis
 * intervention and confirmations for 4 in 10), the veiligheidsbeoordeling clock from receipt and an informing clock
 * per person from registration, the household record with a sealed confirmation per person and a phase change (a
 * reason code, a sealed explanation for half), the assessment (reasoning sealed under the household's key) and its
 * clock met, then by outcome an investigation and its clock (1 in 4) or a referral to the lokaal team (1 in 2), the
 * melder's terugkoppeling, an audited read, and informing recorded per person with the clock it meets.
 * Each event is checked against the catalog (`CatalogCheck`) and chained per (producer, topic, household) exactly as
 * the outbox chains it (`vtseq`, `prevhash` = hash of the previous event of the chain); every `checkpointEvery`
 * households each producer signs a checkpoint of its chain heads.
 */
export class ReplayLogGenerator {
  private readonly heads = new Map<string, ChainHead>();
  private readonly touched = new Map<Producer, Map<string, ChainHead>>(PRODUCERS.map((p) => [p, new Map()]));
  private readonly catalog = new CatalogCheck();
  /** Each service's own key table (a subject has a different key with each service that seals text about it). */
  readonly keyTables: Record<Exclude<Producer, 'referral'>, BenchKeyTable>;
  /** The key the referral service derives partner references with (`PARTNER_REFERENCE_KEY`, ADR 0016). */
  private readonly partnerReferenceKey = randomBytes(32).toString('base64');
  private readonly checkpointEvery: number;
  private households = 0;
  events = 0;
  checkpoints = 0;
  readonly eventsByType = new Map<string, number>();

  constructor(
    private readonly keys: Record<Producer, { keyId: string; key: KeyObject }>,
    options: ReplayLogGeneratorOptions = {},
  ) {
    this.checkpointEvery = options.checkpointEvery ?? 500;
    const keep = options.keepDataKeys ?? false;
    this.keyTables = { intake: new BenchKeyTable('intake', keep), 'crisis-triage': new BenchKeyTable('crisis-triage', keep), 'safety-investigation': new BenchKeyTable('safety-investigation', keep) };
  }

  private chain(producer: Producer, topic: string, event: CloudEvent): GeneratedRecord {
    const id = `${producer}\u0000${topic}\u0000${event.householdid}`;
    const head = this.heads.get(id);
    const chained: CloudEvent = { ...event, vtseq: (head?.seq ?? 0) + 1, prevhash: head?.hash ?? CHAIN_GENESIS };
    this.catalog.check(producer, topic, chained);
    // The record value is the canonical JSON the hash covers, as the outbox writes it (docs/adr/0009).
    const record = chainedEventRecord(chained);
    const next: ChainHead = { source: event.source, topic, householdid: event.householdid, seq: chained.vtseq as number, hash: record.hash };
    this.heads.set(id, next);
    this.touched.get(producer)?.set(id, next);
    this.events++;
    this.eventsByType.set(event.type, (this.eventsByType.get(event.type) ?? 0) + 1);
    return { topic, key: event.householdid, value: record.value };
  }

  /** The records of the next household, and of any checkpoints due after it. */
  nextHousehold(): GeneratedRecord[] {
    const n = this.households++;
    const householdId = randomUUID();
    const meldingId = randomUUID();
    const melderId = randomUUID();
    // Minute 0 is the registration; the receipt lies before it.
    const t0 = Date.UTC(2026, 0, 5, 8, 0, 0) + n * 60_000;
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    const iso = (minutes: number) => at(minutes).toISOString();
    const acute = n % 10 < 4;
    const persons: PersonRef[] = [
      { personId: randomUUID(), role: 'victim', minor: false },
      n % 3 === 0 ? { personId: randomUUID(), role: 'suspected-perpetrator', minor: false } : { personId: randomUUID(), role: 'child-involved', minor: true },
      ...(n % 5 === 0 ? [{ personId: randomUUID(), role: 'adult-involved' as const }] : []),
    ];
    const gemeenteCode = `GM0${String(300 + (n % 50)).padStart(3, '0')}`;
    const intakeKeys = this.keyTables.intake;
    const triageKeys = this.keyTables['crisis-triage'];
    const investigationKeys = this.keyTables['safety-investigation'];
    const records: GeneratedRecord[] = [];
    let previous: CloudEvent | undefined;
    const emit = <T extends EventType>(producer: Producer, topic: string, type: T, minutes: number, data: EventDataByType[T], subject?: string) => {
      const event = newEvent({ type, service: producer, householdId, data, time: at(minutes), ...(subject ? { subject } : {}), ...(previous ? { causedBy: previous } : {}) });
      previous = event;
      records.push(this.chain(producer, topic, event));
      return event;
    };

    // Receipt (ADR 0021): most calls are registered at once; 1 in 10 came in the evening before (a police batch
    // registered in the morning); 1 in 100 was forwarded by another region days later, with the reason as a code.
    const late = n % 100 === 99;
    const receivedMinutes = late ? -3 * DAY : n % 10 === 9 ? -10 * 60 : -4;
    const receivedAt = iso(receivedMinutes);
    const registeredAt = iso(0);
    const melding: MeldingReceivedData = {
      meldingId,
      householdId,
      receivedAt,
      registeredAt,
      ...(late ? { lateRegistration: { reason: 'doorgestuurd-door-andere-regio' as const } } : {}),
      gemeenteCode,
      region: { vtRegion: 'vt-amsterdam-amstelland', veiligheidsregio: 'VR13', calendar: 'nl' },
      registration: { channel: n % 10 === 9 ? 'politie' : 'telefoon', melderKind: 'professional', melderSector: 'politie-justitie', melderRole: 'melder', melderIdentitySealed: n % 7 === 0 },
      concerns: { aard: ['ex-partnergeweld'], tags: n % 5 === 0 ? ['stalking'] : [] },
      radar: { classification: 'first', references: [] },
      acuteIndication: acute ? { indicated: true, signals: ['physical-violence'] } : { indicated: false },
      persons,
      melderId,
      // As intake seals them: each person's fields under their own key, the melder's words under the melder's.
      personalData: [
        ...persons.map((person, i) =>
          intakeKeys.encryptFields(person.personId, {
            name: `Bench Persoon ${n}-${i}`,
            birthDate: person.minor ? '2015-03-14' : '1988-07-02',
            estimatedAge: null,
            bsn: null,
            postcode: '1011AB',
            houseNumber: String(1 + (n % 200)),
          }),
        ),
        intakeKeys.encryptFields(melderId, { name: 'Agent Bench', organisation: 'Politie Amsterdam', phone: '0201234567', email: null, account: TEXT.account, acuteGround: acute ? 'threat' : null }),
      ],
      actor: 'user:call-handler-bench',
    };
    emit('intake', TOPICS.meldingen, MELDING_RECEIVED, 0, melding, meldingId);

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
    const interventionId = acute ? randomUUID() : undefined;
    if (interventionId) {
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
    }
    const clock = (name: keyof typeof CLOCKS, startMinutes: number, subjectId: string, personId?: string): DeadlineFacts & { approachingAt: string } => {
      const spec = CLOCKS[name];
      return {
        timerId: randomUUID(),
        clock: name,
        legalBasis: spec.legalBasis,
        householdId,
        subjectId,
        ...(personId ? { personId } : {}),
        startedAt: iso(startMinutes),
        dueAt: iso(startMinutes + spec.days * DAY),
        counting: spec.counting,
        calendar: 'nl',
        approachingAt: iso(startMinutes + (spec.days - spec.leadDays) * DAY),
      };
    };
    const facts = ({ approachingAt: _approaching, ...rest }: DeadlineFacts & { approachingAt: string }): DeadlineFacts => rest;
    // The veiligheidsbeoordeling runs from receipt (rule R1), informing from registration, one clock per person (I1, I2).
    const assessmentClock = clock('veiligheidsbeoordeling', receivedMinutes, meldingId);
    emit('crisis-triage', TOPICS.triageDeadlines, DEADLINE_STARTED, 0, { ...assessmentClock, warnings: [] }, meldingId);
    const informClocks = persons.map((person) => clock('informeren-betrokkenen', 0, meldingId, person.personId));
    for (const informClock of informClocks) emit('crisis-triage', TOPICS.triageDeadlines, DEADLINE_STARTED, 0, { ...informClock, warnings: [] }, meldingId);

    emit('safety-investigation', TOPICS.householdPhases, HOUSEHOLD_RECORD_OPENED, 1, {
      householdId,
      phase: 'directe-veiligheid',
      gemeenteCode,
      persons,
      basedOn: { meldingId, acuteCheckId: checkId, acute },
      // The decider's fixed sentences (libs/household/domain openRecord), not a person's words.
      reason: acute ? 'first melding, judged acute: immediate safety must be realised for everyone involved' : 'first melding: immediate safety is assessed first for everyone involved',
      openedAt: iso(1),
      actor: 'system:safety-investigation',
    });
    if (interventionId) {
      for (const [i, person] of persons.entries()) {
        emit('crisis-triage', TOPICS.triageAssessments, CRISIS_ACTION_RECORDED, 30 + i, { interventionId, householdId, action: 'immediate-safety-confirmed', personId: person.personId, recordedAt: iso(30 + i), actor: 'user:crisis-bench' });
      }
    }
    for (const [i, person] of persons.entries()) {
      emit('safety-investigation', TOPICS.householdPhases, IMMEDIATE_SAFETY_CONFIRMED_V2, 40 + i, {
        householdId,
        personId: person.personId,
        role: person.role,
        how: investigationKeys.encryptText(person.personId, TEXT.how),
        confirmedAt: iso(40 + i),
        actor: 'user:investigator-bench',
      });
    }
    emit('safety-investigation', TOPICS.householdPhases, HOUSEHOLD_PHASE_CHANGED_V2, 60, {
      householdId,
      command: 'MoveToDuurzameVeiligheid',
      from: 'directe-veiligheid',
      to: 'duurzame-veiligheid',
      reasonCode: IMMEDIATE_SAFETY_REALISED,
      // Half of the moves are asked for with an explanation, sealed under the household's key.
      ...(n % 2 === 0 ? { explanation: investigationKeys.encryptText(householdId, TEXT.explanation) } : {}),
      basedOn: { confirmations: persons.map((person, i) => ({ personId: person.personId, role: person.role, confirmedBy: 'user:investigator-bench', confirmedAt: iso(40 + i) })) },
      confirmationsWithdrawn: [],
      changedAt: iso(60),
      actor: 'user:investigator-bench',
    });

    const outcome = n % 4 === 0 ? 'onderzoek' : n % 4 === 3 ? 'voorwaarden-en-vervolg' : 'overdracht-lokaal-team';
    const assessmentId = randomUUID();
    const assessment = emit(
      'crisis-triage',
      TOPICS.triageAssessments,
      SAFETY_ASSESSMENT_COMPLETED_V2,
      DAY,
      {
        assessmentId,
        meldingId,
        householdId,
        gemeenteCode,
        taxatie: acute ? 'acuut' : 'structureel',
        outcome,
        reasoning: triageKeys.encryptText(householdId, TEXT.reasoning),
        completedAt: iso(DAY),
        deadline: { dueAt: assessmentClock.dueAt, met: true },
        actor: 'user:triage-bench',
      },
      meldingId,
    );
    emit('crisis-triage', TOPICS.triageDeadlines, DEADLINE_MET, DAY, { ...facts(assessmentClock), metAt: iso(DAY) }, meldingId);
    let takenOverBy: { partnerType: 'lokaal-team'; name: string }[] = [];
    if (outcome === 'onderzoek') {
      // The decision to investigate starts the 10-week onderzoek clock; safety-investigation opens the investigation.
      emit('crisis-triage', TOPICS.triageDeadlines, DEADLINE_STARTED, DAY, { ...clock('onderzoek', DAY, assessmentId), warnings: [] }, assessmentId);
      previous = assessment;
      emit('safety-investigation', TOPICS.investigations, INVESTIGATION_OPENED, DAY + 1, {
        investigationId: randomUUID(),
        householdId,
        basedOn: { assessmentId, meldingId },
        openedAt: iso(DAY + 1),
        actor: 'system:safety-investigation',
      });
    } else if (outcome === 'overdracht-lokaal-team') {
      // Outcomes refer, a new household does not (config/partners/routing.json).
      const partnerId = `lokaal-team-${gemeenteCode.toLowerCase()}`;
      previous = assessment;
      emit('referral', TOPICS.referrals, REFERRAL_ISSUED, DAY + 1, {
        referralId: randomUUID(),
        householdId,
        partnerId,
        partnerType: 'lokaal-team',
        gemeenteCode,
        disclosure: { legalBasis: 'Wmo 2015 art. 5.2.6', purpose: 'overdracht: the lokaal team organises help and keeps sight of safety', fields: ['householdReference', 'gemeenteCode', 'persons', 'safetyConditionCount'] },
        directoryVersion: 'bench',
        issuedAt: iso(DAY + 1),
        actor: 'system:referral',
        regionCode: 'vt-amsterdam-amstelland',
        purpose: 'overdracht',
        basis: { eventType: SAFETY_ASSESSMENT_COMPLETED_V2, eventId: assessment.id, outcome },
        householdReference: expectedHouseholdReference(this.partnerReferenceKey, partnerId, householdId),
      });
      takenOverBy = [{ partnerType: 'lokaal-team', name: `Lokaal team ${gemeenteCode}` }];
    }
    // Terugkoppeling to the professional melder after the assessment.
    previous = assessment;
    emit('referral', TOPICS.referrals, MELDER_FEEDBACK_GIVEN_V2, DAY + 1, {
      meldingId,
      householdId,
      after: 'assessment',
      aboutId: assessmentId,
      followUpStarted: true,
      takenOverBy,
      givenAt: iso(DAY + 1),
    });

    emit(
      'intake',
      TOPICS.auditAccess,
      CASE_DATA_ACCESSED_V2,
      DAY + 60,
      {
        accessId: randomUUID(),
        householdId,
        subject: { kind: 'melding', id: meldingId },
        service: 'intake',
        purpose: READ_PURPOSES[n % READ_PURPOSES.length] as AccessPurpose,
        fields: ['persons', 'concerns'],
        accessedAt: iso(DAY + 60),
        actor: 'user:call-handler-bench',
      },
      meldingId,
    );

    // Informing recorded per person within the term, each meeting that person's clock (rules I3, I4); a suspected
    // perpetrator is not informed yet, so that clock keeps running.
    for (const [i, person] of persons.entries()) {
      if (person.role === 'suspected-perpetrator') continue;
      const informClock = informClocks[i] as DeadlineFacts & { approachingAt: string };
      const informedMinutes = 7 * DAY + 60 * i;
      previous = undefined;
      emit(
        'crisis-triage',
        TOPICS.triageAssessments,
        INVOLVED_PERSON_INFORMED,
        informedMinutes,
        {
          informingId: randomUUID(),
          householdId,
          personId: person.personId,
          role: person.role,
          informedAt: iso(informedMinutes),
          method: person.role === 'child-involved' ? 'via-wettelijk-vertegenwoordiger' : 'gesprek',
          informedBy: 'user:investigator-bench',
          metClocks: [{ timerId: informClock.timerId, subjectId: meldingId, dueAt: informClock.dueAt, inTime: true }],
          recordedAt: iso(informedMinutes),
          actor: 'user:investigator-bench',
        },
        person.personId,
      );
      emit('crisis-triage', TOPICS.triageDeadlines, DEADLINE_MET, informedMinutes, { ...facts(informClock), metAt: iso(informedMinutes) }, meldingId);
    }

    for (const table of Object.values(this.keyTables)) table.forget();
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
      // As a relay writes it: an AuditChainCheckpointed CloudEvent (docs/adr/0027).
      const checkpoint = newChainCheckpoint({ service: producer, keyId, privateKey: key, heads: [...touched.values()] });
      touched.clear();
      this.checkpoints++;
      records.push({ topic: TOPICS.auditChainHeads, key: producer, value: canonicalJson(checkpoint) });
    }
    return records;
  }
}
