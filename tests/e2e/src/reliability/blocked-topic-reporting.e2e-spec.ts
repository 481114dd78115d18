import { TOPICS } from '@vt/contracts';
import { accessGrants, ADMIN_PRINCIPAL, applyGrants, loadPartnerIds, removeGrants, servicePrincipal } from '@vt/kafka-access';
import { parsePrometheusText, RunningService, sampleSum, samplesOf, startService, testEnvironment, TestEnvironment, waitFor } from '@vt/testing';

type BlockedTopic = { topic: string; since: string; reason: string; rows: number };
type DeadLetters = { consumerGroups: unknown[]; blockedTopics: BlockedTopic[] };
type Ready = { status: string; checks: { relay: { status: string; blockedTopics?: BlockedTopic[] } } };

/**
 * Issue 13 point 4: a topic the relay cannot publish to is isolated, and the relay "reports it in metrics and the
 * dead-letter admin" (docs/adr/0026, 0024). Here on the running intake, as an operator sees it: its ACL on the
 * adviesvragen topic is taken away while it runs; intake keeps accepting (201), `GET /admin/dead-letters` names
 * the blocked topic, `/metrics` counts its waiting rows in `vt_relay_blocked_topic_rows`, readiness says the relay
 * is behind; with the ACL back, all three clear by themselves.
 */
describe('a blocked topic as the operator sees it: dead-letter admin, metrics and readiness of the running intake', () => {
  let env: TestEnvironment;
  let intake: RunningService;

  beforeAll(async () => {
    env = testEnvironment();
    intake = await startService('intake', await env.serviceEnv('intake'));
  }, 240_000);

  afterAll(async () => {
    await intake?.stop();
    await env?.cleanup();
  });

  const adviesvraag = () => ({
    channel: 'chat',
    adviesvrager: { kind: 'niet-professional', role: 'informant', name: 'Buurvrouw Test' },
    household: { gemeenteCode: 'GM0363' },
    persons: [{ role: 'child-involved', name: 'Kind Test', estimatedAge: 7 }],
    concerns: { aard: ['kindermishandeling'], tags: ['psychisch-geweld'], question: 'Wat kan ik doen?' },
    advice: 'Bel opnieuw als het erger wordt.',
  });

  const registerAdviesvraag = async (): Promise<void> => {
    const response = await fetch(`${intake.url}/api/v1/adviesvragen`, {
      method: 'POST',
      headers: env.authHeaders(['call-handler'], ['*'], 'call-handler-blocked-topic'),
      body: JSON.stringify(adviesvraag()),
    });
    if (response.status !== 201) throw new Error(`POST /api/v1/adviesvragen answered ${response.status}: ${await response.text()}`);
  };

  const deadLetters = async (): Promise<DeadLetters> => {
    const response = await fetch(`${intake.url}/admin/dead-letters`, { headers: env.authHeaders(['admin'], ['*'], 'operator-blocked-topic') });
    expect(response.status).toBe(200);
    return (await response.json()) as DeadLetters;
  };

  const metrics = async () => parsePrometheusText(await (await fetch(`${intake.url}/metrics`)).text());

  const ready = async (): Promise<Ready> => (await (await fetch(`${intake.url}/health/ready`)).json()) as Ready;

  it('names the blocked topic in the dead-letter admin, counts its rows in the metrics and says the relay is behind, until the ACL is back', async () => {
    expect(env.secured).toBe(true); // the rule is about a missing ACL: it needs the secured broker
    // The topic in use first, so the relay's producer knows it when it becomes refused.
    await registerAdviesvraag();
    await waitFor(async () => sampleSum(await metrics(), 'vt_outbox_backlog') === 0 || undefined, { description: 'the first adviesvraag published', timeoutMs: 60_000 });

    const grants = accessGrants({ partnerIds: loadPartnerIds().partnerIds, topicPrefix: env.topicPrefix }).filter(
      (grant) => grant.principal === servicePrincipal('intake') && grant.name === env.topicPrefix + TOPICS.adviesvragen,
    );
    expect(grants.length).toBeGreaterThan(0);
    const admin = env.kafkaClient(ADMIN_PRINCIPAL).admin();
    await admin.connect();
    try {
      await removeGrants(admin, grants);
      // Accepting goes on: the adviesvraag is stored and waits in the outbox.
      await registerAdviesvraag();

      const blocked = await waitFor(async () => (await deadLetters()).blockedTopics.find((entry) => entry.topic === TOPICS.adviesvragen && entry.rows >= 1), {
        description: 'GET /admin/dead-letters naming the adviesvragen topic as blocked',
        timeoutMs: 60_000,
      });
      expect(blocked.reason).toMatch(/authoriz/i);
      const rows = await waitFor(async () => sampleSum(await metrics(), 'vt_relay_blocked_topic_rows', { topic: TOPICS.adviesvragen }) || undefined, {
        description: 'vt_relay_blocked_topic_rows for the adviesvragen topic',
      });
      expect(rows).toBeGreaterThanOrEqual(1);
      const readiness = await ready();
      expect(readiness.checks.relay.status).toBe('behind');
      expect(readiness.checks.relay.blockedTopics?.map((entry) => entry.topic)).toEqual([TOPICS.adviesvragen]);

      await applyGrants(admin, grants);
      await waitFor(async () => ((await deadLetters()).blockedTopics.length === 0 && sampleSum(await metrics(), 'vt_outbox_backlog') === 0) || undefined, {
        description: 'the blocked topic cleared and its rows published once the ACL is back',
        timeoutMs: 90_000,
      });
      expect(samplesOf(await metrics(), 'vt_relay_blocked_topic_rows')).toEqual([]);
      expect((await ready()).checks.relay.status).toBe('up');
    } finally {
      await applyGrants(admin, grants).catch(() => undefined);
      await admin.disconnect();
    }
  }, 300_000);
});
