import { Admin } from 'kafkajs';
import { topicSpecFor } from '@vt/contracts';

/** Maps contract topic names to the names on this broker: a deployment-wide prefix, empty in production. */
export class TopicNames {
  constructor(readonly prefix: string) {}

  physical(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  logical(physicalTopic: string): string {
    return physicalTopic.startsWith(this.prefix) ? physicalTopic.slice(this.prefix.length) : physicalTopic;
  }
}

/**
 * Creates the given (logical) topics if they do not exist, with the partitions and retention their
 * kind declares, and waits until their leaders are known. Safe to call from several services at once.
 */
export async function ensureTopics(admin: Admin, names: TopicNames, topics: string[]): Promise<void> {
  const wanted = [...new Set(topics)];
  if (wanted.length === 0) return;
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((topic) => !existing.has(names.physical(topic)));
  if (missing.length > 0) await createTopics(admin, names, missing);
  await waitForLeaders(admin, wanted.map((topic) => names.physical(topic)));
}

async function createTopics(admin: Admin, names: TopicNames, missing: string[]): Promise<void> {
  try {
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((topic) => {
        const spec = topicSpecFor(topic);
        return {
          topic: names.physical(topic),
          numPartitions: spec.numPartitions,
          replicationFactor: -1,
          configEntries: [{ name: 'retention.ms', value: String(spec.retentionMs) }],
        };
      }),
    });
  } catch (error) {
    // Another service created one of them between listTopics and createTopics.
    if (!/already exists/i.test(String((error as Error).message)) && (error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
  }
}

/**
 * A topic another service created a moment ago (or any topic right after a broker restart) may not have
 * leaders yet; subscribing or producing then fails with "does not host this topic-partition". Waits until
 * every partition has a leader. (kafkajs' own `createTopics({ waitForLeaders: true })` gives up on that
 * error instead of waiting, so topics are created without it and this waits instead.)
 */
export async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = '';
  while (Date.now() < deadline) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const leaderless = metadata.filter((topic) => topic.partitions.length === 0 || topic.partitions.some((p) => p.leader < 0));
      if (leaderless.length === 0) return;
      lastProblem = `no leader yet for ${leaderless.map((t) => t.name).join(', ')}`;
    } catch (error) {
      // Not allowed to see it: waiting does not help (a missing ACL); the caller decides what to do.
      if ((error as { type?: string }).type === 'TOPIC_AUTHORIZATION_FAILED') throw error;
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`topics ${topics.join(', ')} were not ready within ${timeoutMs} ms: ${lastProblem}`);
}
