import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { Partitioners } from 'kafkajs';
import { newEvent, PARTNER_REFERRAL_ACCEPTED, partnerResponsesTopic } from '@vt/contracts';
import { waitForLeaders } from '@vt/messaging';
import { appEntry, REPO_ROOT, RunningService, startService, testEnvironment, TestEnvironment, waitFor } from '@vt/testing';

const ROOT = join(__dirname, '..', '..', '..', '..');
const PARTNER = { partnerId: 'lokaal-team-gm0014', partnerType: 'lokaal-team', name: 'Lokaal team Groningen', regionCode: 'vt-groningen', gemeenteCode: 'GM0014' };
const GROUP = 'referral-partner-responses';

type Parked = { consumerGroups: { consumerGroup: string; parked: { householdId: string; firstEventId: string; reason: string }[] }[] };
type Ready = { status: string; checks: { consumers: { status: string; groups: { consumerGroup: string; joined: boolean }[] } } };

/**
 * Issue 13 point 6, "dead letters everywhere": every consumer of every service, referral's partner-responses
 * consumer included, is registered in one place, so GET /admin/dead-letters, `vt dlq` and readiness see it.
 * A partner writes a record that is no CloudEvent to its responses topic: the household reference it is keyed
 * by is parked in group referral-partner-responses, visible to the operator and in readiness's consumer list;
 * the partner's next answer for that household waits behind it; `vt dlq redrive` discards the bad record and
 * applies the waiting answer through the group's @OnEvent handler.
 */
describe('dead letters of referral’s partner-responses consumer', () => {
  let env: TestEnvironment;
  let referral: RunningService;
  let db: Client;
  let schema: string;

  beforeAll(async () => {
    env = testEnvironment();
    const dir = join(REPO_ROOT, '.local', 'test-referral', env.runId);
    mkdirSync(dir, { recursive: true });
    const directoryFile = join(dir, 'directory-dlq.json');
    writeFileSync(directoryFile, JSON.stringify({ version: '2026-11-29.99', coverage: 'partial', partners: [PARTNER] }));
    const serviceEnv = await env.serviceEnv('referral');
    schema = serviceEnv['DATABASE_SCHEMA'] as string;
    const admin = env.kafkaClient().admin();
    await admin.connect();
    try {
      // VT creates a partner's responses topic up front, as it does for a new partner.
      const topics = [env.topicPrefix + partnerResponsesTopic(PARTNER.partnerId)];
      await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3, replicationFactor: -1 })), waitForLeaders: false });
      await waitForLeaders(admin, topics, 30_000);
    } finally {
      await admin.disconnect();
    }
    referral = await startService('referral', { ...serviceEnv, PARTNER_DIRECTORY_FILE: directoryFile });
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    // The partner's first referral adds it to partner_subscription (Referrals); here the row stands for that referral.
    await db.query(`insert into ${schema}.partner_subscription (partner_id, since) values ($1, now())`, [PARTNER.partnerId]);
  });

  afterAll(async () => {
    await db?.end();
    await referral?.stop();
    await env?.cleanup();
  });

  it('lists a household parked behind a poison partner response, shows the group in readiness, and re-drives it with vt dlq', async () => {
    const admin = env.authHeaders(['admin']);
    // Readiness names the partner-responses group once the partner is followed, and waits for it to join.
    const ready = await waitFor(
      async () => {
        const response = await fetch(`${referral.url}/health/ready`);
        const body = (await response.json()) as Ready;
        return response.status === 200 && body.checks.consumers.groups.some((group) => group.consumerGroup === GROUP && group.joined) ? body : undefined;
      },
      { description: `readiness to list ${GROUP} joined`, timeoutMs: 60_000 },
    );
    expect(ready.checks.consumers.groups.map((group) => group.consumerGroup).sort()).toEqual(['referral', GROUP]);

    const reference = randomUUID();
    const producer = env.kafkaClient().producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const topic = env.topicPrefix + partnerResponsesTopic(PARTNER.partnerId);
    await producer.send({ topic, acks: -1, messages: [{ key: reference, value: '{"not": "a cloud event"' }] });

    const parked = await waitFor(
      async () => {
        const body = (await (await fetch(`${referral.url}/admin/dead-letters`, { headers: admin })).json()) as Parked;
        return body.consumerGroups.find((group) => group.consumerGroup === GROUP)?.parked.find((p) => p.householdId === reference);
      },
      { description: 'the household reference parked in the partner-responses group', timeoutMs: 60_000 },
    );
    expect(parked.reason).toMatch(/^invalid-event/);

    // The partner's next answer for that household waits behind the bad record (dead-lettered as household-parked).
    const referralId = randomUUID();
    const answer = newEvent({
      type: PARTNER_REFERRAL_ACCEPTED,
      service: 'partner',
      householdId: reference,
      subject: referralId,
      time: new Date(),
      data: { referralId, partnerId: PARTNER.partnerId, answeredAt: new Date().toISOString(), answeredBy: 'medewerker-7' } as never,
    });
    await producer.send({ topic, acks: -1, messages: [{ key: reference, value: JSON.stringify(answer) }] });
    await producer.disconnect();
    await waitFor(
      async () => ((await db.query(`select 1 from ${schema}.inbox where consumer_group = $1 and event_id = $2 and outcome = 'dead-lettered'`, [GROUP, answer.id])).rowCount ?? 0) > 0 || undefined,
      { description: 'the later answer to wait behind the poison record', timeoutMs: 60_000 },
    );

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        appEntry('vt-cli'), 'dlq', 'redrive', '--service', referral.url, '--household', reference,
        '--group', GROUP, '--discard', `${parked.firstEventId}=not a CloudEvent; the partner was told`, '--token', env.token(['admin'], ['*'], 'operator-7'),
      ],
      { cwd: ROOT },
    );
    expect(JSON.parse(stdout)).toMatchObject({ householdKey: reference, discarded: 1, applied: 1, unparked: true });
    // Applied by PartnerResponseHandlers in the re-drive: an answer for a referral that does not exist is refused,
    // as a fact committed to the outbox with the inbox entry (the relay publishes it to vt.referrals.v1 from there).
    const refused = (
      await db.query(`select payload from ${schema}.outbox where payload::jsonb->>'type' = 'nl.veiligthuis.referral.PartnerAnswerRefused.v1' and payload::jsonb->'data'->>'referralId' = $1`, [referralId])
    ).rows.map((row: { payload: string }) => JSON.parse(row.payload) as { data: Record<string, unknown> });
    expect(refused).toHaveLength(1);
    expect(refused[0]?.data).toMatchObject({ answerId: answer.id, code: 'unknown-referral', partnerId: PARTNER.partnerId });
    const inbox = await db.query(`select outcome from ${schema}.inbox where consumer_group = $1 and event_id = $2`, [GROUP, answer.id]);
    expect(inbox.rows).toEqual([{ outcome: 'applied' }]);
    const after = (await (await fetch(`${referral.url}/admin/dead-letters`, { headers: admin })).json()) as Parked;
    expect(after.consumerGroups.flatMap((group) => group.parked).some((p) => p.householdId === reference)).toBe(false);
  });
});
