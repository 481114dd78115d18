import { randomBytes } from 'node:crypto';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Admin, Kafka, KafkaJSProtocolError, logLevel, Partitioners, ResourcePatternTypes } from 'kafkajs';
import { partnerReferralsTopic, partnerResponsesTopic, TOPICS } from '@vt/contracts';
import { waitForLeaders } from '@vt/messaging';
import { PrivateKafka, startPrivateKafka, uniqueToken, waitFor, withTimeout } from '@vt/testing';

/**
 * Groundwork for "partner isolation enforced by the broker": a private broker in the launcher's secure
 * mode (SASL/SCRAM-SHA-512, StandardAuthorizer, nothing allowed without an ACL). It ignores KAFKA_BROKERS.
 */
const USERS = ['admin', 'partner-a', 'partner-b', 'svc-intake', 'svc-referral'] as const;
type User = (typeof USERS)[number];

const SECRET = Object.fromEntries(USERS.map((name) => [name, randomBytes(18).toString('hex')])) as Record<User, string>;

const A_REFERRALS = partnerReferralsTopic('partner-a');
const A_RESPONSES = partnerResponsesTopic('partner-a');
const B_REFERRALS = partnerReferralsTopic('partner-b');
const B_RESPONSES = partnerResponsesTopic('partner-b');

function client(brokers: string[], username: string, password: string): Kafka {
  return new Kafka({
    clientId: `acl-spec-${username}`,
    brokers,
    sasl: { mechanism: 'scram-sha-512', username, password },
    // The refusals are what this test expects; kafkajs would log each as an ERROR line.
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 100 },
  });
}

/** The broker's error type, wherever kafkajs put it: on the error, its `cause`, or in an aggregate. */
function kafkaErrorTypes(error: unknown, seen = new Set<unknown>()): string[] {
  if (typeof error !== 'object' || error === null || seen.has(error)) return [];
  seen.add(error);
  const record = error as { type?: unknown; cause?: unknown; errors?: unknown };
  const own = error instanceof KafkaJSProtocolError || typeof record.type === 'string' ? [String(record.type)] : [];
  const nested = Array.isArray(record.errors) ? record.errors : [];
  return [...own, ...kafkaErrorTypes(record.cause, seen), ...nested.flatMap((inner: unknown) => kafkaErrorTypes(inner, seen))];
}

async function refusal(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('the broker allowed what it should have refused');
}


describe('broker-enforced isolation (secure broker mode)', () => {
  let kafka: PrivateKafka;
  let admin: Admin;

  const as = (user: User): Kafka => client(kafka.brokers, user, SECRET[user]);

  beforeAll(async () => {
    kafka = await startPrivateKafka({
      security: { users: USERS.map((name) => ({ name, password: SECRET[name] })), superUsers: ['admin'] },
    });
    admin = as('admin').admin();
    await admin.connect();
    const topics = [A_REFERRALS, A_RESPONSES, B_REFERRALS, B_RESPONSES, TOPICS.meldingen, TOPICS.referrals];
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })), waitForLeaders: false });
    await waitForLeaders(admin, topics, 30_000);

    const allow = (principal: User, resourceType: AclResourceTypes, resourceName: string, operation: AclOperationTypes, resourcePatternType = ResourcePatternTypes.LITERAL) => ({
      resourceType,
      resourceName,
      resourcePatternType,
      principal: `User:${principal}`,
      host: '*',
      operation,
      permissionType: AclPermissionTypes.ALLOW,
    });
    const { TOPIC, GROUP } = AclResourceTypes;
    const { READ, WRITE, DESCRIBE } = AclOperationTypes;
    const partnerAcls = (partner: 'partner-a' | 'partner-b') => [
      allow(partner, TOPIC, partnerReferralsTopic(partner), READ),
      allow(partner, TOPIC, partnerReferralsTopic(partner), DESCRIBE),
      allow(partner, TOPIC, partnerResponsesTopic(partner), WRITE),
      allow(partner, TOPIC, partnerResponsesTopic(partner), DESCRIBE),
      allow(partner, GROUP, partner, READ, ResourcePatternTypes.PREFIXED),
    ];
    await admin.createAcls({
      acl: [
        ...partnerAcls('partner-a'),
        ...partnerAcls('partner-b'),
        allow('svc-intake', TOPIC, TOPICS.meldingen, WRITE),
        allow('svc-intake', TOPIC, TOPICS.meldingen, DESCRIBE),
        allow('svc-referral', TOPIC, TOPICS.referrals, WRITE),
        allow('svc-referral', TOPIC, TOPICS.referrals, DESCRIBE),
      ],
    });
    // ACLs reach the authorizer through the metadata log: wait until they are visible.
    await waitFor(
      async () => {
        const described = await admin.describeAcls({
          resourceType: AclResourceTypes.ANY,
          host: '*',
          permissionType: AclPermissionTypes.ANY,
          operation: AclOperationTypes.ANY,
          resourcePatternType: ResourcePatternTypes.ANY,
        });
        return described.resources.reduce((count, resource) => count + resource.acls.length, 0) === 14 || undefined;
      },
      { description: 'the 14 ACLs to be visible', timeoutMs: 15_000 },
    );
  }, 180_000);

  afterAll(async () => {
    await admin?.disconnect();
    await kafka?.destroy();
  });

  it('lets partner-a read its own referrals topic and write its own responses topic', async () => {
    const adminProducer = as('admin').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await adminProducer.connect();
    const value = `referral-${uniqueToken(8)}`;
    await adminProducer.send({ topic: A_REFERRALS, acks: -1, messages: [{ key: 'household-1', value }] });
    await adminProducer.disconnect();

    const consumer = as('partner-a').consumer({ groupId: `partner-a-${uniqueToken(6)}`, maxWaitTimeInMs: 100 });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [A_REFERRALS], fromBeginning: true });
      const received = await withTimeout(
        new Promise<string>((resolve, reject) => {
          consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
          consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') }).catch(reject);
        }),
        30_000,
        `partner-a to receive the referral on ${A_REFERRALS}`,
      );
      expect(received).toBe(value);
    } finally {
      await consumer.disconnect();
    }

    const producer = as('partner-a').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      const [result] = await producer.send({ topic: A_RESPONSES, acks: -1, messages: [{ key: 'household-1', value: 'accepted' }] });
      expect(result?.errorCode).toBe(0);
    } finally {
      await producer.disconnect();
    }
  });

  it("refuses partner-a reading partner-b's referrals topic", async () => {
    const consumer = as('partner-a').consumer({ groupId: `partner-a-${uniqueToken(6)}`, maxWaitTimeInMs: 100 });
    try {
      await consumer.connect();
      const error = await refusal(() =>
        withTimeout(
          (async () => {
            await consumer.subscribe({ topics: [B_REFERRALS], fromBeginning: true });
            // Should subscribe not ask the broker, the group join or the first fetch does; a crash reports it.
            await new Promise<void>((_, reject) => {
              consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
              consumer.run({ eachMessage: async () => reject(new Error(`partner-a read a record of ${B_REFERRALS}`)) }).catch(reject);
            });
          })(),
          30_000,
          `the broker to refuse partner-a on ${B_REFERRALS}`,
        ),
      );
      expect(kafkaErrorTypes(error)).toContain('TOPIC_AUTHORIZATION_FAILED');
    } finally {
      await consumer.disconnect();
    }
  });

  it("refuses partner-a writing partner-b's responses topic", async () => {
    const producer = as('partner-a').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      const error = await refusal(() => producer.send({ topic: B_RESPONSES, acks: -1, messages: [{ value: 'forged' }] }));
      expect(kafkaErrorTypes(error)).toContain('TOPIC_AUTHORIZATION_FAILED');
    } finally {
      await producer.disconnect();
    }
  });

  it("refuses a service principal writing another service's topic, and allows its own", async () => {
    const producer = as('svc-intake').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      const [own] = await producer.send({ topic: TOPICS.meldingen, acks: -1, messages: [{ value: 'melding' }] });
      expect(own?.errorCode).toBe(0);
      const error = await refusal(() => producer.send({ topic: TOPICS.referrals, acks: -1, messages: [{ value: 'forged' }] }));
      expect(kafkaErrorTypes(error)).toContain('TOPIC_AUTHORIZATION_FAILED');
    } finally {
      await producer.disconnect();
    }
  });

  it('refuses a wrong password', async () => {
    const impostor = client(kafka.brokers, 'partner-a', `${SECRET['partner-a']}x`).admin();
    const error = await refusal(() => impostor.connect());
    await impostor.disconnect();
    expect((error as Error).name).toBe('KafkaJSSASLAuthenticationError');
    expect((error as Error).message).toMatch(/authentication failed/i);
  });
});
