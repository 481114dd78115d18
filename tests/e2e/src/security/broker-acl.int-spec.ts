import { Admin, Kafka, KafkaJSProtocolError, logLevel, Partitioners } from 'kafkajs';
import { partnerReferralsTopic, partnerResponsesTopic, TOPICS } from '@vt/contracts';
import { accessGrants, ADMIN_PRINCIPAL, applyGrants, loadPartnerIds, partnerPrincipal, SaslScram, saslFor, servicePrincipal } from '@vt/kafka-access';
import { waitForLeaders } from '@vt/messaging';
import { PrivateKafka, startPrivateKafka, testEnvironment, uniqueToken, withTimeout } from '@vt/testing';

/**
 * Partner isolation enforced by the broker: the run's secured broker (SASL/SCRAM-SHA-512, StandardAuthorizer,
 * nothing allowed without an ACL) with the real principals and the real access table (libs/kafka-access),
 * for this file's topic prefix. On a plaintext run broker (KAFKA_BROKERS given without credentials) it
 * starts a secured broker of its own with the same principals instead, so it never passes without one.
 */
const env = testEnvironment();
const { partnerIds } = loadPartnerIds();
const PARTNER_A = partnerIds.includes('lokaal-team-gm0363') ? 'lokaal-team-gm0363' : (partnerIds[0] as string);
const PARTNER_B = partnerIds.find((id) => id !== PARTNER_A && id.startsWith('politie-')) ?? (partnerIds[1] as string);

const prefix = env.topicPrefix;
const A_REFERRALS = prefix + partnerReferralsTopic(PARTNER_A);
const A_RESPONSES = prefix + partnerResponsesTopic(PARTNER_A);
const B_REFERRALS = prefix + partnerReferralsTopic(PARTNER_B);
const B_RESPONSES = prefix + partnerResponsesTopic(PARTNER_B);
const MELDINGEN = prefix + TOPICS.meldingen;
const ASSESSMENTS = prefix + TOPICS.triageAssessments;

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

describe('broker-enforced isolation with the real principals and access table', () => {
  let privateKafka: PrivateKafka | undefined;
  let as: (principal: string, password?: string) => Kafka;
  let brokers: string[];
  let credentialsOf: (principal: string) => { sasl: SaslScram };
  let admin: Admin;

  beforeAll(async () => {
    // The refusals are what this test expects; kafkajs would log each as an ERROR line.
    const quiet = { logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 100 } };
    if (env.secured) {
      brokers = env.kafkaConnection().brokers;
      const saslOf = (principal: string) => {
        const sasl = env.kafkaSasl(principal);
        if (!sasl) throw new Error(`the run's secured broker has no credentials for ${principal}`);
        return sasl;
      };
      credentialsOf = (principal) => ({ sasl: saslOf(principal) });
      as = (principal, password) =>
        new Kafka({ clientId: `acl-spec-${principal}`, brokers: env.kafkaConnection(principal).brokers, sasl: { ...saslOf(principal), ...(password ? { password } : {}) }, ...quiet });
      await env.grantAccess();
    } else {
      privateKafka = await startPrivateKafka({ accessTable: true });
      const { credentials } = privateKafka;
      if (!credentials) throw new Error('the private secured broker came up without credentials');
      brokers = privateKafka.brokers;
      credentialsOf = (principal) => ({ sasl: saslFor(credentials, principal) });
      as = (principal, password) => {
        const sasl = saslFor(credentials, principal);
        return new Kafka({ clientId: `acl-spec-${principal}`, brokers, sasl: { ...sasl, ...(password ? { password } : {}) }, ...quiet });
      };
    }
    admin = as(ADMIN_PRINCIPAL).admin();
    await admin.connect();
    if (privateKafka) await applyGrants(admin, accessGrants({ partnerIds, topicPrefix: prefix }));
    const topics = [A_REFERRALS, A_RESPONSES, B_REFERRALS, B_RESPONSES, MELDINGEN, ASSESSMENTS];
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })), waitForLeaders: false });
    await waitForLeaders(admin, topics, 30_000);
  }, 180_000);

  afterAll(async () => {
    await admin?.deleteTopics({ topics: [A_REFERRALS, A_RESPONSES, B_REFERRALS, B_RESPONSES, MELDINGEN, ASSESSMENTS] }).catch(() => undefined);
    await admin?.disconnect();
    await env.cleanup();
    await privateKafka?.destroy();
  });

  const consumeOne = (kafka: Kafka, groupId: string, topic: string): Promise<string> => {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const received = (async () => {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      return new Promise<string>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
        consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') }).catch(reject);
      });
    })();
    return withTimeout(received, 30_000, `${groupId} to read a record of ${topic}`).finally(() => consumer.disconnect());
  };

  it(`lets ${partnerPrincipal(PARTNER_A)} read its own referrals topic in its own group and write its own responses topic`, async () => {
    const referralService = as(servicePrincipal('referral')).producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
    await referralService.connect();
    const value = `referral-${uniqueToken(8)}`;
    await referralService.send({ topic: A_REFERRALS, acks: -1, messages: [{ key: 'household-1', value }] });
    await referralService.disconnect();

    await expect(consumeOne(as(partnerPrincipal(PARTNER_A)), `${prefix}${partnerPrincipal(PARTNER_A)}.${uniqueToken(6)}`, A_REFERRALS)).resolves.toBe(value);

    const producer = as(partnerPrincipal(PARTNER_A)).producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      const [result] = await producer.send({ topic: A_RESPONSES, acks: -1, messages: [{ key: 'household-1', value: 'accepted' }] });
      expect(result?.errorCode).toBe(0);
    } finally {
      await producer.disconnect();
    }
    await expect(consumeOne(as(servicePrincipal('referral')), `${prefix}referral-${uniqueToken(6)}`, A_RESPONSES)).resolves.toBe('accepted');
  });

  it(`refuses ${partnerPrincipal(PARTNER_A)} reading ${partnerPrincipal(PARTNER_B)}'s referrals topic`, async () => {
    const error = await refusal(() => consumeOne(as(partnerPrincipal(PARTNER_A)), `${prefix}${partnerPrincipal(PARTNER_A)}.${uniqueToken(6)}`, B_REFERRALS));
    expect(kafkaErrorTypes(error)).toContain('TOPIC_AUTHORIZATION_FAILED');
  });

  it(`refuses ${partnerPrincipal(PARTNER_A)} reading in a consumer group not named for it`, async () => {
    // FindCoordinator answers GROUP_AUTHORIZATION_FAILED; kafkajs reports that only in its debug log and then
    // throws KafkaJSGroupCoordinatorNotFound, so the broker's answer is read from the log.
    const brokerAnswers: string[] = [];
    const { sasl } = credentialsOf(partnerPrincipal(PARTNER_A));
    const partnerA = new Kafka({
      clientId: 'acl-spec-group',
      brokers,
      sasl,
      retry: { retries: 1, initialRetryTime: 100 },
      logLevel: logLevel.DEBUG,
      logCreator: () => (entry) => {
        const error = (entry.log as { error?: { type?: unknown } }).error;
        if (typeof error?.type === 'string') brokerAnswers.push(error.type);
      },
    });
    const error = await refusal(() => consumeOne(partnerA, `${prefix}${partnerPrincipal(PARTNER_B)}.${uniqueToken(6)}`, A_REFERRALS));
    expect((error as Error).name).toBe('KafkaJSGroupCoordinatorNotFound');
    expect(brokerAnswers).toContain('GROUP_AUTHORIZATION_FAILED');
  });

  it(`refuses ${partnerPrincipal(PARTNER_A)} writing ${partnerPrincipal(PARTNER_B)}'s responses topic, or forging a referral on its own`, async () => {
    const producer = as(partnerPrincipal(PARTNER_A)).producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      for (const topic of [B_RESPONSES, A_REFERRALS]) {
        const error = await refusal(() => producer.send({ topic, acks: -1, messages: [{ value: 'forged' }] }));
        expect({ topic, types: kafkaErrorTypes(error) }).toEqual({ topic, types: expect.arrayContaining(['TOPIC_AUTHORIZATION_FAILED']) });
      }
    } finally {
      await producer.disconnect();
    }
  });

  it("refuses a service principal writing another service's topic, and allows its own", async () => {
    const producer = as(servicePrincipal('intake')).producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
    await producer.connect();
    try {
      const [own] = await producer.send({ topic: MELDINGEN, acks: -1, messages: [{ key: 'household-1', value: 'melding' }] });
      expect(own?.errorCode).toBe(0);
      const error = await refusal(() => producer.send({ topic: ASSESSMENTS, acks: -1, messages: [{ value: 'forged' }] }));
      expect(kafkaErrorTypes(error)).toContain('TOPIC_AUTHORIZATION_FAILED');
    } finally {
      await producer.disconnect();
    }
  });

  it('refuses a service reading a partner topic', async () => {
    const error = await refusal(() => consumeOne(as(servicePrincipal('intake')), `${prefix}intake-${uniqueToken(6)}`, A_RESPONSES));
    expect(kafkaErrorTypes(error)).toContain('TOPIC_AUTHORIZATION_FAILED');
  });

  it('refuses a wrong password', async () => {
    const impostor = as(partnerPrincipal(PARTNER_A), `wrong-${uniqueToken(12)}`).admin();
    const error = await refusal(() => impostor.connect());
    await impostor.disconnect();
    expect((error as Error).name).toBe('KafkaJSSASLAuthenticationError');
    expect((error as Error).message).toMatch(/authentication failed/i);
  });
});
