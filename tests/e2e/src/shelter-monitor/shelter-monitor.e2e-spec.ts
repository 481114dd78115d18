import { Kafka, logLevel } from 'kafkajs';
import { renderTimelineText, replayHousehold } from '@vt/audit';
import { HEADERS, TOPICS } from '@vt/contracts';
import { ensureTopics, TopicNames } from '@vt/messaging';
import { runVt, SHELTER_HAND_COUNTS, SHELTER_Q1_HAND_COUNTS, ShelterMonitorScenario, shelterMonitorScenario, testEnvironment, TestEnvironment } from '@vt/testing';

// The national shelter monitor (docs/adr/0041) from the shelter placement record on the real broker, run as the CLI
// process an auditor runs, against the figures worked out by hand in libs/testing/src/shelter-monitor-scenario.ts.
describe('vt audit report --shelters and replay of a placement, on a real broker', () => {
  let env: TestEnvironment;
  let scenario: ShelterMonitorScenario;
  let cliEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    env = testEnvironment();
    // The auditor's ACLs (every topic, its own consumer groups) for this file's topic prefix.
    await env.grantAccess();
    scenario = shelterMonitorScenario();
    const kafka = new Kafka({ ...env.kafkaConnection(), clientId: 'shelter-monitor-test', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, new TopicNames(env.topicPrefix), [TOPICS.shelterPlacements]);
    await admin.disconnect();
    // As shelter placement's relay writes them: keyed by placement id (capacity by shelter id), the type in a header.
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    try {
      await producer.send({
        topic: env.topicPrefix + TOPICS.shelterPlacements,
        acks: -1,
        messages: scenario.records.map(({ key, event }) => ({ key, value: JSON.stringify(event), headers: { [HEADERS.eventType]: event.type, [HEADERS.eventId]: event.id } })),
      });
    } finally {
      await producer.disconnect();
    }
    // The monitor reads as the auditor: read-only, on a secured broker only its own consumer groups.
    const auditor = env.kafkaSasl('vt-auditor');
    cliEnv = { KAFKA_BROKERS: env.kafkaBrokers, TOPIC_PREFIX: env.topicPrefix, ...(auditor ? { KAFKA_USERNAME: auditor.username, KAFKA_PASSWORD: auditor.password } : {}) };
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('computes 2025 by year as JSON: every figure equals the hand count', async () => {
    const run = await runVt(['audit', 'report', '--shelters', '--from', '2025-01-01', '--to', '2025-12-31', '--period', 'year', '--json'], cliEnv);
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject(SHELTER_HAND_COUNTS);
  });

  it('computes the first quarter of 2025 as text and JSON: "no baseline" where 2024 has no ended stay yet', async () => {
    const json = await runVt(['audit', 'report', '--shelters', '--from', '2025-01-01', '--to', '2025-03-31', '--period', 'quarter', '--json'], cliEnv);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject(SHELTER_Q1_HAND_COUNTS);
    const text = await runVt(['audit', 'report', '--shelters', '--from', '2025-01-01', '--to', '2025-03-31', '--period', 'quarter', '--region', 'vt-utrecht'], cliEnv);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('National shelter monitor (vrouwenopvang), 2025-01-01 – 2025-03-31 by quarter, region vt-utrecht');
    expect(text.stdout).toMatch(/2025-Q1 {3}vt-utrecht\s+1\s+111\s+111\s+111\s+111\s+111\s+111\s+111/);
    expect(text.stdout).toMatch(/national\s+none\s+111 \(1\)\s+n\/a\s+n\/a\s+none\s+111 \(1\)\s+n\/a\s+n\/a\s+no baseline/);
    expect(text.stdout).not.toMatch(/vt-twente {10}/);
  });

  it('replays a household: its placement from request to uitstroom, no capacity report and no other placement', async () => {
    const p7 = scenario.placements['P7'];
    if (!p7) throw new Error('scenario without P7');
    const timeline = await replayHousehold({ ...env.kafkaConnection('vt-auditor'), topicPrefix: env.topicPrefix, householdId: p7.householdId });
    expect(timeline.entries.map((entry) => entry.name)).toEqual([
      'ShelterPlacementRequested',
      'ShelterPlacementOffered',
      'ShelterPlacementOfferLapsed',
      'ShelterPlacementEscalated',
      'ShelterPlacementOffered',
      'ShelterPlacementAccepted',
      'ShelterStayStarted',
      'ShelterStayMoved',
      'ShelterStayEnded',
    ]);
    expect(timeline.entries.every((entry) => entry.generic === undefined)).toBe(true);
    const text = renderTimelineText(timeline);
    expect(text).toContain('Placement ESCALATED (nobody-accepted): spoed request of vt-twente needs a person; 1 shelter(s) asked');
    expect(text).toContain('Uitstroom: stay at shelter opvang-utrecht-1 (vt-utrecht) ended at 2025-05-26T10:00:00.000Z, destination andere-opvang');
    expect(text).not.toContain('places free');
  });
});
