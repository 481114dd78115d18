import { MELDING_RECEIVED, TOPICS } from '@vt/contracts';
import { aMelding, parsePrometheusText, PromFamily, RunningService, sampleSum, samplesOf, startService, testEnvironment, TestEnvironment, waitFor } from '@vt/testing';

type Families = Map<string, PromFamily>;

/**
 * Issue 13 point 2: every service serves `GET /metrics` in Prometheus text format (prom-client), names
 * prefixed `vt_`: HTTP durations by route and status, outbox backlog and oldest unpublished age, consumer lag
 * per group and partition, events applied/retried/dead-lettered per type, parked households, statutory clocks
 * per clock and region, relay publish latency. Read here from the real stack (processes on the real broker
 * and database, each service as its own Kafka principal).
 */
describe('metrics at GET /metrics on every service', () => {
  let env: TestEnvironment;
  let intake: RunningService;
  let crisisTriage: RunningService;

  beforeAll(async () => {
    env = testEnvironment();
    // Consumer lag is read from the broker at most every 200 ms here (5 s by default), so the test sees it move.
    const withFastLag = (e: Record<string, string>) => ({ ...e, METRICS_LAG_CACHE_MS: '200' });
    [intake, crisisTriage] = await Promise.all([
      env.serviceEnv('intake').then((e) => startService('intake', withFastLag(e), { readyTimeoutMs: 200_000 })),
      env.serviceEnv('crisis_triage').then((e) => startService('crisis-triage', withFastLag(e), { readyTimeoutMs: 200_000 })),
    ]);
  }, 240_000); // two processes compiled from source on a shared machine can take minutes to start

  afterAll(async () => {
    await Promise.all([intake, crisisTriage].filter(Boolean).map((service) => service.stop()));
    await env?.cleanup();
  });

  async function scrape(service: RunningService): Promise<{ text: string; families: Families }> {
    // No token: /metrics is public like /health (its labels carry no personal data).
    const response = await fetch(`${service.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    return { text, families: parsePrometheusText(text) };
  }

  const FAMILIES = [
    ['vt_http_request_duration_seconds', 'histogram'],
    ['vt_outbox_backlog', 'gauge'],
    ['vt_outbox_oldest_unpublished_age_seconds', 'gauge'],
    ['vt_relay_publish_latency_seconds', 'histogram'],
    ['vt_relay_batch_send_seconds', 'histogram'],
    ['vt_events_applied_total', 'counter'],
    ['vt_events_retried_total', 'counter'],
    ['vt_events_dead_lettered_total', 'counter'],
    ['vt_parked_households', 'gauge'],
    ['vt_consumer_lag', 'gauge'],
    ['vt_process_cpu_seconds_total', 'counter'],
  ] as const;

  it('serves every family, all prefixed vt_, on a service without clocks (intake) and one with them (crisis-triage)', async () => {
    for (const service of [intake, crisisTriage]) {
      const { families } = await scrape(service);
      for (const [name, type] of FAMILIES) expect({ name, type: families.get(name)?.type }).toEqual({ name, type });
      expect([...families.keys()].filter((name) => !name.startsWith('vt_'))).toEqual([]);
      expect(samplesOf(families, 'vt_outbox_backlog')[0]?.labels['service']).toBe(service.name);
    }
    expect((await scrape(crisisTriage)).families.get('vt_statutory_clocks')?.type).toBe('gauge');
  });

  it('follows a melding: its 201 by route template, published (backlog back to 0), applied by crisis-triage, its clocks running in its region, lag back to 0', async () => {
    const posted = await fetch(`${intake.url}/api/v1/meldingen`, { method: 'POST', headers: env.authHeaders(['call-handler']), body: JSON.stringify(aMelding().requestBody()) });
    expect(posted.status).toBe(201);
    const { meldingId, householdId } = (await posted.json()) as { meldingId: string; householdId: string };
    const read = await fetch(`${intake.url}/api/v1/meldingen/${meldingId}`, { headers: { ...env.authHeaders(['call-handler']), 'x-access-purpose': 'registratie' } });
    expect(read.status).toBe(200);

    // Intake: the POST and the GET by route template and status; nothing left in the outbox; the melding published.
    const intakeMetrics = await waitFor(
      async () => {
        const { text, families } = await scrape(intake);
        const backlog = sampleSum(families, 'vt_outbox_backlog');
        const published = sampleSum(families, 'vt_relay_publish_latency_seconds_count', { topic: TOPICS.meldingen });
        return backlog === 0 && published >= 1 ? { text, families } : undefined;
      },
      { description: 'intake’s outbox backlog back to 0 with the melding published', timeoutMs: 90_000 },
    );
    const { text, families } = intakeMetrics;
    expect(sampleSum(families, 'vt_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/meldingen', status: '201' })).toBeGreaterThanOrEqual(1);
    expect(sampleSum(families, 'vt_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/meldingen/:meldingId', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(sampleSum(families, 'vt_outbox_oldest_unpublished_age_seconds')).toBe(0);
    expect(sampleSum(families, 'vt_relay_events_published_total', { topic: TOPICS.meldingen, type: MELDING_RECEIVED })).toBeGreaterThanOrEqual(1);
    expect(sampleSum(families, 'vt_relay_batch_send_seconds_count')).toBeGreaterThanOrEqual(1);
    // Route templates, not URLs: no id of the melding or household in any label.
    expect(text).not.toContain(meldingId);
    expect(text).not.toContain(householdId);

    // crisis-triage: MeldingReceived applied in its group, its veiligheidsbeoordeling clock running in the melding's VT region.
    const triage = await waitFor(
      async () => {
        const { families: f } = await scrape(crisisTriage);
        const applied = sampleSum(f, 'vt_events_applied_total', { group: 'crisis-triage', type: MELDING_RECEIVED });
        const running = sampleSum(f, 'vt_statutory_clocks', { clock: 'veiligheidsbeoordeling', region: 'vt-amsterdam-amstelland', state: 'running' });
        return applied >= 1 && running >= 1 ? f : undefined;
      },
      { description: 'crisis-triage to apply the melding and count its clock', timeoutMs: 90_000 },
    );
    expect(sampleSum(triage, 'vt_statutory_clocks', { clock: 'veiligheidsbeoordeling', region: 'vt-amsterdam-amstelland', state: 'breached' })).toBe(0);
    expect(samplesOf(triage, 'vt_statutory_clocks', { region: 'unknown' })).toEqual([]);
    expect(samplesOf(triage, 'vt_parked_households', { group: 'crisis-triage' }).map((s) => s.value)).toEqual([0]);
    expect(sampleSum(triage, 'vt_events_dead_lettered_total', { group: 'crisis-triage' })).toBe(0);

    // Consumer lag per group and partition, read with crisis-triage's own principal: present for every partition of what it reads, and back to 0.
    const lag = await waitFor(
      async () => {
        const { families: f } = await scrape(crisisTriage);
        const series = samplesOf(f, 'vt_consumer_lag', { group: 'crisis-triage', topic: TOPICS.meldingen });
        return series.length > 0 && series.every((s) => s.value === 0) ? series : undefined;
      },
      { description: 'crisis-triage’s lag on the meldingen topic back to 0', timeoutMs: 90_000 },
    );
    expect(lag.map((s) => s.labels['partition']).every((partition) => /^\d+$/.test(partition ?? ''))).toBe(true);
    expect(sampleSum(triage, 'vt_metrics_collect_errors_total')).toBe(0);
  }, 300_000);

  it('counts a request to an unknown path as route "unmatched", not by its URL', async () => {
    const path = `/no-such-route/${env.runId}`;
    expect((await fetch(`${intake.url}${path}`)).status).toBe(404);
    const { text, families } = await scrape(intake);
    const counted = text.split('\n').filter((line) => line.startsWith('vt_http_request_duration_seconds_count'));
    expect({ unmatched404: sampleSum(families, 'vt_http_request_duration_seconds_count', { route: 'unmatched', status: '404' }) >= 1, counted }).toEqual({ unmatched404: true, counted });
    expect(text).not.toContain(path);
  });
});
