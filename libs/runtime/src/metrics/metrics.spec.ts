import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { observe, MessagingObserver } from '@vt/messaging';
import { HttpMetrics, routeLabel, UNMATCHED_ROUTE } from './http-metrics';
import { MessagingMetrics } from './messaging-metrics';
import { createServiceRegistry } from './registry';
import { clockSeries, partitionLag, StateMetrics } from './state-metrics';

/** The sum of a registry's samples named `name` whose labels include `labels` (prom-client's JSON form; the text form is read in the e2e test). */
async function sampleSum(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metrics = await registry.getMetricsAsJSON();
  return metrics
    .flatMap((metric) => metric.values.map((value) => ({ name: (value as { metricName?: string }).metricName ?? metric.name, labels: value.labels, value: value.value })))
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => String(sample.labels[key]) === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

describe('metrics (issue 13 point 2)', () => {
  describe('route label: route templates, never raw URLs (no ids in labels)', () => {
    it('is the template Express matched, under its mount path', () => {
      expect(routeLabel({ route: { path: '/api/v1/meldingen/:meldingId' }, baseUrl: '' } as never)).toBe('/api/v1/meldingen/:meldingId');
      expect(routeLabel({ route: { path: '/:id' }, baseUrl: '/admin' } as never)).toBe('/admin/:id');
      // Nest's catch-all that answers an unknown path with 404 (Express 5) is no route of ours.
      expect(routeLabel({ route: { path: '{/*splat}' }, baseUrl: '' } as never)).toBe(UNMATCHED_ROUTE);
    });

    it('is `unmatched` when no route matched (unknown path, or refused before routing)', () => {
      expect(routeLabel({ route: undefined, baseUrl: '' } as never)).toBe(UNMATCHED_ROUTE);
    });
  });

  describe('consumer lag per partition', () => {
    it('is the newest offset minus the committed one, counting from the oldest kept offset where the group has committed nothing', () => {
      expect(
        partitionLag(
          [
            { partition: 0, offset: '7' },
            { partition: 1, offset: '-1' },
          ],
          [
            { partition: 0, high: '10', low: '0' },
            { partition: 1, high: '5', low: '2' },
            { partition: 2, high: '4', low: '4' },
          ],
        ),
      ).toEqual([
        { partition: 0, lag: 3 },
        { partition: 1, lag: 3 },
        { partition: 2, lag: 0 },
      ]);
    });

    it('is never negative (a committed offset past a truncated high watermark)', () => {
      expect(partitionLag([{ partition: 0, offset: '12' }], [{ partition: 0, high: '10', low: '0' }])).toEqual([{ partition: 0, lag: 0 }]);
    });
  });

  describe('statutory clocks per clock, region and state', () => {
    it('gives every (clock, region) seen all three open states, zero where none', () => {
      const series = clockSeries([
        { clock: 'veiligheidsbeoordeling', region: 'vt-groningen', state: 'running', count: 2 },
        { clock: 'onderzoek', region: 'vt-amsterdam-amstelland', state: 'breached', count: 1 },
      ]);
      expect(series).toEqual([
        { clock: 'veiligheidsbeoordeling', region: 'vt-groningen', state: 'running', count: 2 },
        { clock: 'veiligheidsbeoordeling', region: 'vt-groningen', state: 'approaching', count: 0 },
        { clock: 'veiligheidsbeoordeling', region: 'vt-groningen', state: 'breached', count: 0 },
        { clock: 'onderzoek', region: 'vt-amsterdam-amstelland', state: 'running', count: 0 },
        { clock: 'onderzoek', region: 'vt-amsterdam-amstelland', state: 'approaching', count: 0 },
        { clock: 'onderzoek', region: 'vt-amsterdam-amstelland', state: 'breached', count: 1 },
      ]);
    });
  });

  describe('messaging metrics through the MessagingObserver', () => {
    it('counts applied, retried and dead-lettered events per group and type, and publish latency per topic', async () => {
      const registry = createServiceRegistry('intake', { defaultMetrics: false });
      const metrics = new MessagingMetrics(registry);
      const type = 'nl.veiligthuis.intake.MeldingReceived.v1';
      observe(metrics, 'eventApplied', { group: 'crisis-triage', type });
      observe(metrics, 'eventApplied', { group: 'crisis-triage', type });
      observe(metrics, 'eventRetried', { group: 'crisis-triage', type, attempt: 1 });
      observe(metrics, 'eventDeadLettered', { group: 'crisis-triage', type: 'unreadable', reason: 'invalid-event' });
      const publishedAt = new Date('2026-12-06T12:00:02Z');
      observe(metrics, 'batchPublished', { sendSeconds: 0.01, publishedAt, events: [{ topic: 'vt.intake.meldingen.v1', type, createdAt: new Date('2026-12-06T12:00:00Z') }] });

      expect(await sampleSum(registry, 'vt_events_applied_total', { service: 'intake', group: 'crisis-triage', type })).toBe(2);
      expect(await sampleSum(registry, 'vt_events_retried_total', { group: 'crisis-triage', type })).toBe(1);
      expect(await sampleSum(registry, 'vt_events_dead_lettered_total', { group: 'crisis-triage', type: 'unreadable', reason: 'invalid-event' })).toBe(1);
      expect(await sampleSum(registry, 'vt_relay_publish_latency_seconds_count', { topic: 'vt.intake.meldingen.v1' })).toBe(1);
      expect(await sampleSum(registry, 'vt_relay_publish_latency_seconds_sum', { topic: 'vt.intake.meldingen.v1' })).toBe(2);
      expect(await sampleSum(registry, 'vt_relay_events_published_total', { topic: 'vt.intake.meldingen.v1', type })).toBe(1);
    });

    it('is optional, and an observer that throws never reaches the relay or the consumer', () => {
      const throwing: MessagingObserver = {
        eventApplied: () => {
          throw new Error('broken metrics');
        },
      };
      expect(() => observe(undefined, 'eventApplied', { group: 'g', type: 't' })).not.toThrow();
      expect(() => observe({}, 'eventApplied', { group: 'g', type: 't' })).not.toThrow();
      expect(() => observe(throwing, 'eventApplied', { group: 'g', type: 't' })).not.toThrow();
    });
  });

  it('keeps one registry per service instance: two services in one process do not share series', async () => {
    const a = createServiceRegistry('intake', { defaultMetrics: false });
    const b = createServiceRegistry('referral', { defaultMetrics: false });
    new MessagingMetrics(a).eventApplied({ group: 'g', type: 't' });
    new MessagingMetrics(b);
    expect(await sampleSum(a, 'vt_events_applied_total')).toBe(1);
    expect(await sampleSum(b, 'vt_events_applied_total')).toBe(0);
    expect(new Registry().getMetricsAsArray()).toEqual([]);
  });

  it('prefixes the process metrics with vt_', async () => {
    const names = (await createServiceRegistry('intake').getMetricsAsJSON()).map((metric) => metric.name);
    expect(names.filter((name) => !name.startsWith('vt_'))).toEqual([]);
    expect(names).toContain('vt_process_cpu_seconds_total');
  });

  it('has a Grafana dashboard (infra/grafana/veilig-thuis.json) that queries only metrics the services serve', async () => {
    const registry = createServiceRegistry('crisis-triage');
    new HttpMetrics(registry);
    new MessagingMetrics(registry);
    // Only the constructor runs: it registers the state gauges; nothing is read.
    new StateMetrics(registry, {} as never, {} as never, {} as never, {} as never, {} as never);
    const served = new Set((await registry.getMetricsAsJSON()).map((metric) => metric.name));
    const dashboard = readFileSync(join(__dirname, '..', '..', '..', '..', 'infra', 'grafana', 'veilig-thuis.json'), 'utf8');
    const queried = new Set([...dashboard.matchAll(/\bvt_[a-z0-9_]+/g)].map(([name]) => name.replace(/_(bucket|count|sum)$/, '')));
    expect(queried.size).toBeGreaterThan(10);
    expect([...queried].filter((name) => !served.has(name))).toEqual([]);
    for (const name of ['vt_http_request_duration_seconds', 'vt_outbox_backlog', 'vt_consumer_lag', 'vt_statutory_clocks', 'vt_events_dead_lettered_total', 'vt_parked_households', 'vt_relay_publish_latency_seconds']) {
      expect(queried.has(name)).toBe(true);
    }
  });
});
