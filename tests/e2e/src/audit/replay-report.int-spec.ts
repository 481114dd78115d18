import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { complianceReportFromLog, DOMAIN_TOPICS, KeyStoreOpener, parsePeriod, renderReportText, renderTimelineHtml, renderTimelineText, replayHousehold } from '@vt/audit';
import { CloudEvent, EVENT_CATALOG, HEADERS, isKnownEventType } from '@vt/contracts';
import { ensureTopics, TopicNames } from '@vt/messaging';
import { createServiceDataSource, migrate } from '@vt/persistence';
import { CreatePersonKeys1764300000080, PersonDataCipher, PersonKeyStore, parseMasterKeys } from '@vt/privacy';
import { appEntry, REPO_ROOT, testEnvironment, TestEnvironment } from '@vt/testing';
import { ReplayScenario, replayScenario, SCENARIO_REASONING } from './replay-scenario';

/** Runs `npm run vt -- …` as a user would (from the TypeScript sources), with the given environment. */
async function vt(args: string[], extraEnv: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [appEntry('vt-cli'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...extraEnv },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('vt audit replay and report, from a generated log on a real broker', () => {
  let env: TestEnvironment;
  let kafka: Kafka;
  let producer: Producer;
  let dataSource: DataSource;
  let scenario: ReplayScenario;
  let cliEnv: NodeJS.ProcessEnv;
  let keysDb: { databaseUrl: string; schemas: Record<string, string> };
  let triageDataSource: DataSource;

  beforeAll(async () => {
    env = testEnvironment();
    // The key owner's person_key table, as intake keeps it (docs/adr/0007).
    const serviceEnv = await env.serviceEnv('intake');
    dataSource = createServiceDataSource({ url: serviceEnv['DATABASE_URL'] as string, schema: serviceEnv['DATABASE_SCHEMA'] as string, migrations: [CreatePersonKeys1764300000080] });
    await dataSource.initialize();
    await migrate(dataSource);
    const cipher = new PersonDataCipher(new PersonKeyStore({ dataSource, masterKeys: parseMasterKeys(env.personalDataMasterKeys) }));
    // crisis-triage's own key table: it seals the assessments' reasoning under the household's key (docs/adr/0020).
    const triageEnv = await env.serviceEnv('crisis_triage');
    triageDataSource = createServiceDataSource({ url: triageEnv['DATABASE_URL'] as string, schema: triageEnv['DATABASE_SCHEMA'] as string, migrations: [CreatePersonKeys1764300000080] });
    await triageDataSource.initialize();
    await migrate(triageDataSource);
    const triageCipher = new PersonDataCipher(new PersonKeyStore({ dataSource: triageDataSource, masterKeys: parseMasterKeys(env.personalDataMasterKeys) }));
    scenario = await replayScenario(cipher, triageCipher);
    // Replay and report read as the auditor: read-only, on a secured broker only its own consumer groups.
    const auditor = env.kafkaSasl('vt-auditor');
    cliEnv = {
      KAFKA_BROKERS: env.kafkaBrokers,
      TOPIC_PREFIX: env.topicPrefix,
      PERSONAL_DATA_MASTER_KEYS: env.personalDataMasterKeys,
      ...(auditor ? { KAFKA_USERNAME: auditor.username, KAFKA_PASSWORD: auditor.password } : {}),
    };
    // The auditor reads every service's key table, so it connects as an account that may read them all.
    keysDb = { databaseUrl: env.adminDatabaseUrl, schemas: { intake: serviceEnv['DATABASE_SCHEMA'] as string, 'crisis-triage': triageEnv['DATABASE_SCHEMA'] as string } };

    // Every event is valid per its catalog schema, as a producer's outbox would have checked.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const { event } of scenario.records) {
      if (!isKnownEventType(event.type)) continue;
      const validate = ajv.compile(EVENT_CATALOG[event.type].schema);
      expect({ type: event.type, valid: validate(event.data), errors: validate.errors ?? null }).toEqual({ type: event.type, valid: true, errors: null });
    }

    kafka = new Kafka({ ...env.kafkaConnection(), clientId: 'replay-test', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, new TopicNames(env.topicPrefix), [...DOMAIN_TOPICS]);
    await admin.disconnect();
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const byTopic = new Map<string, CloudEvent<string, unknown>[]>();
    for (const { topic, event } of scenario.records) byTopic.set(topic, [...(byTopic.get(topic) ?? []), event]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, events]) => ({
        topic: env.topicPrefix + topic,
        messages: events.map((event) => ({ key: event.householdid, value: JSON.stringify(event), headers: { [HEADERS.eventType]: event.type, [HEADERS.eventId]: event.id } })),
      })),
    });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await dataSource?.destroy();
    await triageDataSource?.destroy();
    await env?.cleanup();
  });

  const log = () => ({ ...env.kafkaConnection('vt-auditor'), topicPrefix: env.topicPrefix });

  it('replays a household as text, JSON and HTML: decisions, phases, deadlines, disclosures, reads, erasure', async () => {
    const timeline = await replayHousehold({ ...log(), householdId: scenario.householdId });
    const out = renderTimelineText(timeline);
    expect(out).toContain(`Household ${scenario.householdId}`);
    expect(out).toMatch(/MeldingReceived\s+Melding .* received, acute danger indicated {2}— by user:call-handler-ut/);
    expect(out).toContain('Veiligheidsbeoordeling: taxatie acuut-en-structureel, outcome onderzoek');
    // The reasoning is a professional's free text: without crisis-triage's keys the log says only that it is sealed (ADR 0020).
    expect(out).toContain('why: [encrypted]');
    expect(out).not.toContain('Geweld tussen ouders');
    expect(out).toContain('Phase directe-veiligheid → duurzame-veiligheid (MoveToDuurzameVeiligheid)');
    expect(out).toContain('Deadline veiligheidsbeoordeling MET');
    expect(out).toContain('Deadline onderzoek BREACHED');
    expect(out).toMatch(/disclosed to: lokaal-team-gm0344; legal basis Wmo 2015 art\. 5\.2\.6; purpose [^;]+; fields householdReference, persons\.role/);
    expect(out).toContain(`read: melding ${scenario.meldingId} by user:investigator-ut for "onderzoek"`);
    expect(out).toContain('ReferralFeedbackSomethingNew');
    // Without keys personal data stays encrypted; the erased melder shows as erased with the date, keys or not.
    expect(out).toContain(`personal data ${scenario.victimId}: [encrypted]`);
    expect(out).toContain(`personal data ${scenario.melderId}: [erased ${scenario.erasedAt.slice(0, 10)}]`);
    // Only this household: another household's melding in the same region is not in it.
    expect(out).not.toContain(scenario.otherMeldingId);

    const page = renderTimelineHtml(timeline);
    expect(page).toContain('<!DOCTYPE html>');
    expect(page).toContain('Wmo 2015 art. 5.2.6');
    expect(page).not.toMatch(/<script|<link|src=|https?:\/\//);

    const json = JSON.parse(JSON.stringify(timeline));
    expect(json.phases.map((p: { to: string }) => p.to)).toEqual(['directe-veiligheid', 'duurzame-veiligheid']);
    // The melding-level informing clock of the first releases is superseded by the victim's own, met by the recording (ADR 0021).
    expect(out).toContain('Deadline informeren-betrokkenen superseded by 1 clock per person (informing-clock-per-person): neither met nor breached');
    expect(out).toContain(`victim ${scenario.victimId} informed that Veilig Thuis recorded data about them (gesprek, 2025-01-20T10:00:00.000Z)`);
    expect(json.deadlines.map((d: { clock: string; outcome: string; personId?: string }) => [d.clock, d.outcome, d.personId ?? null]).sort()).toEqual([
      ['informeren-betrokkenen', 'met', scenario.victimId],
      ['informeren-betrokkenen', 'superseded', null],
      ['onderzoek', 'breached', null],
      ['veiligheidsbeoordeling', 'met', null],
    ]);
    expect(json.disclosures).toEqual([expect.objectContaining({ recipient: 'lokaal-team-gm0344', legalBasis: 'Wmo 2015 art. 5.2.6', fields: ['householdReference', 'persons.role'] })]);
    expect(json.reads).toEqual([expect.objectContaining({ actor: 'user:investigator-ut', purpose: 'onderzoek' })]);
    expect(json.entries).toHaveLength(scenario.householdEvents);
  });

  it('shows personal data and the reasoning decrypted for an auditor with each producing service’s keys, erased persons still erased', async () => {
    const opener = await KeyStoreOpener.connect({ ...keysDb, masterKeys: parseMasterKeys(env.personalDataMasterKeys) });
    try {
      const timeline = await replayHousehold({ ...log(), householdId: scenario.householdId, personData: opener });
      const out = renderTimelineText(timeline);
      expect(out).toContain(`personal data ${scenario.victimId}: naam=Test Slachtoffer, bsn=999993653`);
      // intake's keys open intake's fields, crisis-triage's keys the reasoning crisis-triage sealed.
      expect(out).toContain(`why: ${SCENARIO_REASONING}`);
      expect(renderTimelineHtml(timeline)).toContain('&lt;b&gt;toedracht&lt;/b&gt;'); // the reasoning's markup is escaped, never rendered
      expect(out).toContain(`personal data ${scenario.melderId}: [erased ${scenario.erasedAt.slice(0, 10)}]`);
    } finally {
      await opener.close();
    }
  });

  it('computes the compliance report of the region and half-year, matching the counts by hand', async () => {
    const { report } = await complianceReportFromLog({ ...log(), region: 'vt-utrecht', period: parsePeriod('2025H1') });
    // By hand, from replay-scenario.ts: 7 meldingen in vt-utrecht in 2025H1 (one more in H2, one in vt-twente).
    expect(report.cbs.meldingen).toBe(7);
    expect(report.cbs.adviezen).toBe(2);
    expect(report.cbs.melderKinds).toEqual({ professional: 3, 'non-professional': 4 });
    expect(report.cbs.melderSectors).toEqual({ 'politie-justitie': 2, onderwijs: 1 });
    expect(report.cbs.aard).toEqual({ 'ex-partnergeweld': 4, kindermishandeling: 4, ouderenmishandeling: 1 });
    expect(report.cbs.radar).toEqual({ first: 4, hermelding: 2, vervolgmelding: 1 });
    expect(report.cbs.taxatie).toEqual({ 'acuut-en-structureel': 1, structureel: 3, geen: 1 });
    expect(report.cbs.assessmentOutcomes).toEqual({ onderzoek: 1, 'voorwaarden-en-vervolg': 2, 'overdracht-lokaal-team': 1, 'geen-vervolgstappen': 1 });
    // veiligheidsbeoordeling: 7 due in H1; 3 met in time, 3 breached (two assessed late afterwards, one of them the police
    // melding: late from its receipt on Sunday 22:00, though in time counted from its registration on Monday), 1 not decided yet.
    expect(report.inspectorate.veiligheidsbeoordeling).toEqual({ due: 7, withinTerm: 3, late: 3, pending: 1, share: 3 / 6 });
    // onderzoek: the one investigation of the household breached its 10 weeks in H1 and is not concluded.
    expect(report.inspectorate.onderzoek).toEqual({ due: 1, withinTerm: 0, late: 1, pending: 0, share: 0 });
    // Informing, per person (rules I3–I5, I7): only the suspected perpetrator informed after the due date is late; the
    // melding-level clocks that breached because nothing could meet them are no breaches (one superseded, one not measured).
    expect(report.inspectorate.informeren).toEqual({ due: 4, withinTerm: 3, late: 1, pending: 0, share: 3 / 4, withheld: 1, recordedAfterDue: 1, superseded: 1, meldingLevel: 1 });
    expect(report.inspectorate.openBreaches.total).toBe(2);
    expect(report.inspectorate.openBreaches.byClock).toEqual({ veiligheidsbeoordeling: 1, onderzoek: 1 });
    // The police melding's lateness counts from receipt (rule R1); its registration shows apart.
    expect(report.inspectorate.lateAssessments.find((a) => a.meldingId === scenario.policeMeldingId)).toEqual(
      expect.objectContaining({ receivedAt: '2025-02-02T21:00:00.000Z', registeredAt: '2025-02-03T07:30:00.000Z', lateRegistrationReason: 'batchverwerking', clockFromReceipt: true, daysLate: 2.4, registrationDelayHours: 10.5 }),
    );
    expect(report.inspectorate.registrationDelay).toEqual({ measured: 1, anHourOrMore: 1, medianMinutes: 630, maxHours: 10.5, byReason: { batchverwerking: 1 } });
    const text = renderReportText(report);
    expect(text).toMatch(/veiligheidsbeoordeling within 5 working days\s+50\.0%/);
    expect(text).toMatch(/informeren betrokkenen per person \(4 weeks\)\s+75\.0%/);
  });

  it('runs as `vt audit report` and `vt audit replay --html` from the command line', async () => {
    const report = await vt(['audit', 'report', '--region', 'vt-utrecht', '--period', '2025H1', '--json'], cliEnv);
    expect(report).toMatchObject({ code: 0 });
    expect(JSON.parse(report.stdout).cbs.meldingen).toBe(7);
    // As an auditor reads it: no informing breach that did not happen, and the police melding's real lateness.
    const text = await vt(['audit', 'report', '--region', 'vt-utrecht', '--period', '2025H1'], cliEnv);
    expect(text).toMatchObject({ code: 0 });
    expect(text.stdout).toMatch(/informeren betrokkenen per person \(4 weeks\)\s+75\.0%\s+\(3 within term, 1 late, 0 not decided yet; 4 due in the period\)/);
    expect(text.stdout).toMatch(/open breaches at the end of the period\s+2\s+onderzoek 1, veiligheidsbeoordeling 1\n/);
    expect(text.stdout).toContain(`melding ${scenario.policeMeldingId}: received 2025-02-02 22:00, registered 2025-02-03 08:30 (batchverwerking); due 2025-02-08 00:00; assessed 2025-02-10 10:00; 2.4 days late`);
    const dir = mkdtempSync(join(tmpdir(), 'vt-replay-'));
    try {
      const page = join(dir, 'household.html');
      const replay = await vt(['audit', 'replay', '--household', scenario.householdId, '--html', page], cliEnv);
      expect(replay).toMatchObject({ code: 0 });
      expect(replay.stdout).toContain('Deadline onderzoek BREACHED');
      expect(readFileSync(page, 'utf8')).toContain('lokaal-team-gm0344');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
