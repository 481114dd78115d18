import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { TOPICS } from '@vt/contracts';
import { appEntry, RunningService, startService, testEnvironment, TestEnvironment, waitFor } from '@vt/testing';

const ROOT = join(__dirname, '..', '..', '..', '..');

type Parked = { consumerGroups: { consumerGroup: string; parked: { householdId: string; firstEventId: string; reason: string }[] }[] };

/** The operator's side of dead letters: list parked households and re-drive one, over HTTP and with `vt dlq`. */
describe('dead-letter administration', () => {
  let env: TestEnvironment;
  let triage: RunningService;

  beforeAll(async () => {
    env = testEnvironment();
    triage = await startService('crisis-triage', await env.serviceEnv('crisis_triage'));
  });

  afterAll(async () => {
    await triage?.stop();
    await env?.cleanup();
  });

  it('shows a household parked behind a malformed record to admins only, and re-drives it with vt dlq once the record is discarded', async () => {
    const householdId = randomUUID();
    const kafka = new Kafka({ ...env.kafkaConnection(), clientId: 'dlq-admin-spec', logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: env.topicPrefix + TOPICS.meldingen, acks: -1, messages: [{ key: householdId, value: 'not a cloud event' }] });
    await producer.disconnect();

    const admin = env.authHeaders(['admin']);
    const parked = await waitFor(
      async () => {
        const body = (await (await fetch(`${triage.url}/admin/dead-letters`, { headers: admin })).json()) as Parked;
        return body.consumerGroups.flatMap((group) => group.parked).find((p) => p.householdId === householdId);
      },
      { description: 'the household parked behind the malformed record' },
    );
    expect(parked.reason).toMatch(/^invalid-event/);
    expect((await fetch(`${triage.url}/admin/dead-letters`, { headers: env.authHeaders(['triage']) })).status).toBe(403);

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [appEntry('vt-cli'), 'dlq', 'redrive', '--service', triage.url, '--household', householdId,
        '--discard', `${parked.firstEventId}=not a CloudEvent; the sender was told`, '--token', env.token(['admin'], ['*'], 'operator-7')],
      { cwd: ROOT },
    );
    expect(JSON.parse(stdout)).toMatchObject({ householdKey: householdId, discarded: 1, unparked: true });
    const after = (await (await fetch(`${triage.url}/admin/dead-letters`, { headers: admin })).json()) as Parked;
    expect(after.consumerGroups.flatMap((group) => group.parked).some((p) => p.householdId === householdId)).toBe(false);
  });
});
