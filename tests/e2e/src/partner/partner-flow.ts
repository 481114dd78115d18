import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { partnerReferralsTopic, TOPICS } from '@vt/contracts';
import { partnerPrincipal } from '@vt/kafka-access';
import { waitForLeaders } from '@vt/messaging';
import { appEntry, aMelding, REPO_ROOT, RunningService, startService, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

/*
 * Shared steps of the issue-5 end-to-end tests: the four services as processes, a household taken from a
 * melding to a referral on a partner's topic, and `vt partner consume` run as the partner would run it.
 */

const ROOT = join(__dirname, '..', '..', '..', '..');
/** Four services and the CLI share two cores with other work: bounds for waits, never expectations of speed. */
export const WAIT_MS = 180_000;

export type Envelope = { id: string; type: string; subject?: string; householdid: string; causationid: string; correlationid: string; data: Record<string, unknown> };

export interface Services {
  intake: RunningService;
  crisisTriage: RunningService;
  safetyInvestigation: RunningService;
  referral: RunningService;
  all: RunningService[];
}

/** A partner as the directory file holds it. */
export interface DirectoryPartner {
  partnerId: string;
  partnerType: string;
  name: string;
  regionCode: string;
  gemeenteCode?: string;
}

/** The part of the partner directory these tests route to: Groningen's lokaal team and the region's MDT (its fallback). */
export const PARTNERS = [
  { partnerId: 'lokaal-team-gm0014', partnerType: 'lokaal-team', name: 'Lokaal team Groningen', regionCode: 'vt-groningen', gemeenteCode: 'GM0014' },
  { partnerId: 'mdt-groningen', partnerType: 'mdt', name: 'MDT / Zorg- en Veiligheidshuis, Groningen', regionCode: 'vt-groningen' },
] as const;

/**
 * The four services as processes. The referral service gets a partial directory (so it creates only these
 * partners' topics), and each partner's referral topic exists up front, as Veilig Thuis makes it when it
 * registers a partner.
 */
export async function startFourServices(
  env: TestEnvironment,
  referralEnv: Record<string, string> = {},
  partners: readonly DirectoryPartner[] = PARTNERS,
  options: { env?: Record<string, string>; readyTimeoutMs?: number } = {},
): Promise<Services> {
  const allEnv = options.env ?? {};
  const ready = { readyTimeoutMs: options.readyTimeoutMs ?? WAIT_MS };
  const dir = join(REPO_ROOT, '.local', 'test-partner', env.runId);
  mkdirSync(dir, { recursive: true });
  const directoryFile = join(dir, `directory-${env.topicPrefix.replace(/\W/g, '')}.json`);
  writeFileSync(directoryFile, JSON.stringify({ version: '2026-11-29.98', coverage: 'partial', partners }));
  const admin = env.kafkaClient().admin();
  await admin.connect();
  try {
    const topics = partners.map((partner) => env.topicPrefix + partnerReferralsTopic(partner.partnerId));
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3, replicationFactor: -1, configEntries: [{ name: 'retention.ms', value: '-1' }] })), waitForLeaders: false });
    await waitForLeaders(admin, topics, 30_000);
  } finally {
    await admin.disconnect();
  }
  const started = await Promise.allSettled([
    env.serviceEnv('intake').then((e) => startService('intake', { ...e, ...allEnv }, ready)),
    env.serviceEnv('crisis_triage').then((e) => startService('crisis-triage', { ...e, ...allEnv }, ready)),
    env.serviceEnv('safety_investigation').then((e) => startService('safety-investigation', { ...e, ...allEnv }, ready)),
    env.serviceEnv('referral').then((e) => startService('referral', { ...e, ...allEnv, PARTNER_DIRECTORY_FILE: directoryFile, ...referralEnv }, ready)),
  ]);
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    // Stop the ones that did start: nobody else holds them, and they would outlive the test run.
    await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.kill() : undefined)));
    throw failed.reason;
  }
  const [intake, crisisTriage, safetyInvestigation, referral] = started.map((result) => (result as PromiseFulfilledResult<RunningService>).value) as [RunningService, RunningService, RunningService, RunningService];
  return { intake, crisisTriage, safetyInvestigation, referral, all: [intake, crisisTriage, safetyInvestigation, referral] };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run vt -- partner consume --partner <id> …` as the partner runs it: its own connection, nothing of the services'. */
export function partnerConsume(env: TestEnvironment, partnerId: string, args: string[]): Promise<CliResult> {
  const connection: Record<string, string> = { KAFKA_BROKERS: env.kafkaBrokers, TOPIC_PREFIX: env.topicPrefix };
  // On the secured broker the partner connects as its own principal, which may read and write only its own topics.
  const sasl = env.kafkaSasl(partnerPrincipal(partnerId));
  if (sasl) Object.assign(connection, { VT_PARTNER_USERNAME: sasl.username, VT_PARTNER_PASSWORD: sasl.password });
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [appEntry('vt-cli'), 'partner', 'consume', '--partner', partnerId, '--no-prompt', '--as', `medewerker-${partnerId}`, ...args],
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...connection }, timeout: WAIT_MS },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Reads a partner's referral topic from the beginning once the referral service has created it. */
export async function partnerTopicReader(env: TestEnvironment, partnerId: string): Promise<TopicReader> {
  return waitFor(() => new TopicReader(env.kafkaBrokers.split(','), [env.topicPrefix + partnerReferralsTopic(partnerId)]).start(), {
    description: `the referral topic of ${partnerId} to exist`,
    timeoutMs: WAIT_MS,
  });
}

export class Flow {
  constructor(
    private readonly env: TestEnvironment,
    private readonly services: Services,
    readonly reader: TopicReader,
  ) {}

  static topics(env: TestEnvironment): string[] {
    return [TOPICS.triageAssessments, TOPICS.householdPhases, TOPICS.investigations, TOPICS.referrals].map((topic) => env.topicPrefix + topic);
  }

  events(topic: string, householdId: string, type?: string): Envelope[] {
    return this.reader
      .on(this.env.topicPrefix + topic)
      .filter((record) => record.key === householdId)
      .map((record) => record.json<Envelope>())
      .filter((event) => type === undefined || event.type === type);
  }

  async event(topic: string, householdId: string, type: string, match: (event: Envelope) => boolean = () => true): Promise<Envelope> {
    return waitFor(() => this.events(topic, householdId, type).find(match), { description: `${type.split('.').slice(-2).join('.')} of household ${householdId}`, timeoutMs: WAIT_MS });
  }

  async post(url: string, body: unknown, roles: Parameters<TestEnvironment['authHeaders']>[0], subject: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(url, { method: 'POST', headers: this.env.authHeaders(roles, ['*'], subject), body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  async get(url: string, roles: Parameters<TestEnvironment['authHeaders']>[0] = ['investigator']): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(url, { headers: { ...this.env.authHeaders(roles, ['*'], 'investigator-e2e'), 'x-access-purpose': 'overdracht' } });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  householdUrl(householdId: string, path = ''): string {
    return `${this.services.safetyInvestigation.url}/api/v1/households/${householdId}${path}`;
  }

  /**
   * A melding in `gemeenteCode` through intake (with `persons` of the request body and the aard van het geweld, when
   * given; kindermishandeling needs a minor), and its household record opened by safety-investigation.
   */
  async melding(gemeenteCode: string, persons?: Record<string, unknown>[], aard?: string[]): Promise<{ meldingId: string; householdId: string }> {
    const builder = aMelding().inGemeente(gemeenteCode);
    const body = { ...(aard ? builder.concerning(aard) : builder).requestBody(), ...(persons ? { persons } : {}) };
    const registered = await this.post(`${this.services.intake.url}/api/v1/meldingen`, body, ['call-handler'], 'call-handler-e2e');
    if (registered.status !== 201) throw new Error(`intake answered ${registered.status}: ${JSON.stringify(registered.body)}`);
    const { meldingId, householdId } = registered.body as { meldingId: string; householdId: string };
    try {
      await waitFor(async () => (await this.get(this.householdUrl(householdId))).status === 200 || undefined, { description: `household ${householdId} to be opened`, timeoutMs: WAIT_MS });
    } catch (error) {
      const tails = [this.services.crisisTriage, this.services.safetyInvestigation].map((service) => `--- ${service.name} ---\n${service.output().slice(-3000)}`);
      throw new Error(`${(error as Error).message}\n${tails.join('\n')}`);
    }
    return { meldingId, householdId };
  }

  /** The investigator confirms immediate safety for every person of the household (the household phases endpoint). */
  async confirmImmediateSafetyForEveryone(householdId: string, investigator: string): Promise<string[]> {
    const household = (await this.get(this.householdUrl(householdId))).body as { persons: { personId: string }[] };
    for (const { personId } of household.persons) {
      const confirmed = await this.post(this.householdUrl(householdId, `/persons/${personId}/immediate-safety-confirmations`), { how: 'Gezien op een veilig adres; de partner verblijft elders.' }, ['investigator'], investigator);
      if (confirmed.status !== 201 && confirmed.status !== 200) throw new Error(`confirming immediate safety of ${personId} answered ${confirmed.status}: ${JSON.stringify(confirmed.body)}`);
    }
    return household.persons.map((person) => person.personId);
  }

  /** The veiligheidsbeoordeling with `outcome`, by triage staff. */
  async assess(meldingId: string, outcome: string): Promise<Record<string, unknown>> {
    const assessed = await this.post(
      `${this.services.crisisTriage.url}/api/v1/meldingen/${meldingId}/safety-assessment`,
      { taxatie: 'structureel', outcome, reasoning: 'Onduidelijk of er geweld is; het gezin werkt niet mee.' },
      ['triage'],
      'triage-groningen-e2e',
    );
    if (assessed.status !== 201) throw new Error(`crisis-triage answered ${assessed.status}: ${JSON.stringify(assessed.body)}`);
    return assessed.body;
  }

  /** The internal ReferralIssued for the household to a partner that `match` picks, and its projection on that partner's topic. */
  async referralOnPartnerTopic(householdId: string, match: (event: Envelope) => boolean = () => true): Promise<{ issued: Envelope; partnerId: string; referralId: string; projection: Envelope }> {
    const issued = await this.event(TOPICS.referrals, householdId, 'nl.veiligthuis.referral.ReferralIssued.v1', match);
    const partnerId = issued.data['partnerId'] as string;
    const referralId = issued.data['referralId'] as string;
    const partner = await partnerTopicReader(this.env, partnerId);
    try {
      const projection = await waitFor(() => partner.records.map((record) => record.json<Envelope>()).find((event) => event.data['referralId'] === referralId), {
        description: `referral ${referralId} on the topic of ${partnerId}`,
        timeoutMs: WAIT_MS,
      });
      return { issued, partnerId, referralId, projection };
    } finally {
      await partner.stop();
    }
  }
}

export const jsonLines = (stdout: string): { kind: string; event?: Envelope; message?: string }[] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { kind: string; event?: Envelope; message?: string });
