import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Admin, Kafka, Partitioners } from 'kafkajs';
import { newEvent, PARTNER_REFERRAL_ISSUED, partnerReferralsTopic, partnerResponsesTopic } from '@vt/contracts';
import { partnerPrincipal } from '@vt/kafka-access';
import { EventValidator, waitForLeaders } from '@vt/messaging';
import { appEntry, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

const ROOT = join(__dirname, '..', '..', '..', '..');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run vt -- partner …` as a partner would (without npm's own output), and waits for it to exit. */
function vtPartner(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [appEntry('vt-cli'), 'partner', ...args],
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...credentials, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { kind: string; event?: { type: string; data: Record<string, unknown> }; message?: string });

/** On the secured broker, the partner's own principal (it may read and write only its own topics); nothing on a plaintext one. */
let credentials: Record<string, string> = {};

/** The partner side against the real broker: `vt partner consume` reads a partner topic and answers on its responses topic. */
describe('vt partner consume', () => {
  // A partner of the directory, so that on the secured broker its principal and ACLs exist; the prefix keeps the topics this file's own.
  const partnerId = 'lokaal-team-gm0363';
  let env: TestEnvironment;
  let brokers: string[];
  let prefix: string;
  let referrals: string;
  let responses: string;
  let connection: string[];
  const validator = new EventValidator();
  let kafka: Kafka;
  let admin: Admin;
  let reader: TopicReader;

  const referral = (householdReference: string) => {
    const referralId = randomUUID();
    return newEvent({
      type: PARTNER_REFERRAL_ISSUED,
      service: 'referral',
      householdId: householdReference,
      subject: referralId,
      time: new Date(),
      data: {
        referralId,
        householdReference,
        partnerId,
        partnerType: 'lokaal-team',
        gemeenteCode: 'GM0363',
        disclosure: { legalBasis: 'Wmo 2015 art. 4.1.1 lid 2 onder e', purpose: 'overdracht aan het lokaal team', fields: ['householdReference', 'gemeenteCode'] },
        issuedAt: new Date().toISOString(),
      },
    });
  };

  beforeAll(async () => {
    env = testEnvironment();
    brokers = env.kafkaBrokers.split(',');
    prefix = env.topicPrefix;
    referrals = prefix + partnerReferralsTopic(partnerId);
    responses = prefix + partnerResponsesTopic(partnerId);
    connection = ['--partner', partnerId, '--brokers', brokers.join(','), '--topic-prefix', prefix, '--as', 'medewerker-17', '--json', '--no-prompt'];
    const sasl = env.kafkaSasl(partnerPrincipal(partnerId));
    if (sasl) credentials = { VT_PARTNER_USERNAME: sasl.username, VT_PARTNER_PASSWORD: sasl.password };
    await env.grantAccess();
    kafka = env.kafkaClient(undefined, 'partner-consume-spec');
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [referrals, responses].map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })), waitForLeaders: false });
    await waitForLeaders(admin, [referrals, responses], 30_000);
    reader = await new TopicReader(brokers, [responses]).start();
  });

  afterAll(async () => {
    await reader?.stop();
    await admin?.deleteTopics({ topics: [referrals, responses] }).catch(() => undefined);
    await admin?.disconnect();
    await env?.cleanup();
  });

  it('accepts one referral, leaves the other pending, declines it later, completes the first, and says what it cannot find', async () => {
    const first = referral(randomUUID());
    const second = referral(randomUUID());
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (const event of [first, second]) await producer.send({ topic: referrals, acks: -1, messages: [{ key: event.householdid, value: JSON.stringify(event) }] });
    await producer.disconnect();

    const accepted = await vtPartner(['consume', ...connection, '--accept', first.data.referralId]);
    expect(accepted).toMatchObject({ code: 0 });
    const answer = lines(accepted.stdout).find((line) => line.kind === 'answer');
    expect(answer?.event).toMatchObject({ type: 'nl.veiligthuis.partner.ReferralAccepted.v1', data: { referralId: first.data.referralId, partnerId, answeredBy: 'medewerker-17' } });

    const onTopic = await waitFor(() => reader.on(responses).find((record) => record.json<{ subject?: string }>().subject === first.data.referralId), { description: 'the acceptance on the responses topic' });
    expect(onTopic.key).toBe(first.data.householdReference);
    expect(onTopic.headers['ce_type']).toBe('nl.veiligthuis.partner.ReferralAccepted.v1');
    // The answer names the household by the reference the partner was given, in the envelope and in the data.
    expect(onTopic.json()).toMatchObject({ source: `/veilig-thuis/partner/${partnerId}`, householdid: first.data.householdReference, causationid: first.id, correlationid: first.correlationid, data: { householdReference: first.data.householdReference } });
    expect(validator.parse(onTopic.value ?? null)).toMatchObject({ ok: true });

    // The acceptance was committed in group partner-<id>; the unanswered referral is still waiting.
    const pending = await vtPartner(['consume', ...connection, '--once']);
    expect(pending.code).toBe(0);
    expect(lines(pending.stdout).filter((line) => line.kind === 'referral').map((line) => line.event?.data['referralId'])).toEqual([second.data.referralId]);

    // The partner's topic is part of the permanent record: a decline carries a code, never free text (ADR 0020).
    const withText = await vtPartner(['consume', ...connection, '--decline', second.data.referralId, '--reason', 'geen-capaciteit', '--text', 'Wachtlijst tot maart.']);
    expect(withText.code).toBe(2);
    expect(withText.stderr).toMatch(/--text/);
    const declined = await vtPartner(['consume', ...connection, '--decline', second.data.referralId, '--reason', 'geen-capaciteit']);
    expect(declined.code).toBe(0);
    const decline = await waitFor(() => reader.on(responses).find((record) => record.json<{ subject?: string }>().subject === second.data.referralId), { description: 'the decline on the responses topic' });
    expect(decline.json()).toMatchObject({ type: 'nl.veiligthuis.partner.ReferralDeclined.v2', data: { reason: { code: 'geen-capaciteit' } } });
    expect(decline.value).not.toContain('Wachtlijst');
    expect(validator.parse(decline.value ?? null)).toMatchObject({ ok: true });

    const nothing = await vtPartner(['consume', ...connection, '--once']);
    expect(nothing.code).toBe(0);
    expect(lines(nothing.stdout)).toEqual([{ kind: 'notice', message: `no referrals waiting for ${partnerId} on ${referrals}` }]);

    // Completing reads every referral ever received (the accepted one was committed long ago).
    const completed = await vtPartner(['consume', ...connection, '--complete', first.data.referralId]);
    expect(completed.code).toBe(0);
    await waitFor(() => reader.on(responses).find((record) => record.headers['ce_type'] === 'nl.veiligthuis.partner.ReferralCompleted.v1'), { description: 'the completion on the responses topic' });

    const unknown = randomUUID();
    const missing = await vtPartner(['consume', ...connection, '--accept', unknown]);
    expect(missing.code).toBe(1);
    expect(lines(missing.stdout).find((line) => line.kind === 'notice')?.message).toContain(unknown);
    expect(reader.on(responses)).toHaveLength(3);
  });

  it('prints referrals readably for a person', async () => {
    const event = referral(randomUUID());
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: referrals, acks: -1, messages: [{ key: event.householdid, value: JSON.stringify(event) }] });
    await producer.disconnect();

    const shown = await vtPartner(['consume', ...connection.filter((arg) => arg !== '--json'), '--all', '--once']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Referral ${event.data.referralId}`);
    expect(shown.stdout).toMatch(/legal basis: +Wmo 2015 art\. 4\.1\.1 lid 2 onder e/);
    expect(shown.stdout).toMatch(/purpose: +overdracht aan het lokaal team/);
  });

  it('names the topic when the referrals topic does not exist', async () => {
    // Another partner of the directory, whose topics this file never created.
    const other = 'lokaal-team-gm0014';
    const sasl = env.kafkaSasl(partnerPrincipal(other));
    const result = await vtPartner(['consume', '--partner', other, '--brokers', brokers.join(','), '--topic-prefix', prefix, '--once', '--no-prompt'], sasl ? { VT_PARTNER_USERNAME: sasl.username, VT_PARTNER_PASSWORD: sasl.password } : {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${prefix}vt.partner.${other}.referrals.v1 does not exist (yet)`);
  });
});
