import { collectDefaultMetrics, Registry } from 'prom-client';

/** The service's own Prometheus registry (one per service instance; prom-client's global registry is not used). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** The `MessagingObserver` the service's relay and consumers report to (the messaging metrics). */
export const MESSAGING_OBSERVER = Symbol('MESSAGING_OBSERVER');

/** How often the event-loop delay (`vt_nodejs_eventloop_lag_*`) is sampled, ms. */
export const EVENT_LOOP_SAMPLE_MS = 100;

/** Every metric of the project starts with this. */
export const METRIC_PREFIX = 'vt_';

/**
 * A registry for one service instance: the process metrics (`vt_process_*`, `vt_nodejs_*`) and a `service`
 * label on every series. Two apps in one process (tests) keep separate registries.
 */
export function createServiceRegistry(service: string, options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // The event-loop delay is sampled every 100 ms rather than prom-client's 10 ms: each sample wakes the process, and at
  // 10 ms that alone cost an idle service about 4.5 CPU-ms a second (tests/bench/README.md); the delay of each
  // sample is still measured to the nanosecond, so the lag percentiles stay meaningful.
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  return registry;
}

/** Seconds, for latencies of HTTP requests and broker round trips. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds from an outbox row's commit to its publication: milliseconds normally, minutes when the broker was away. */
export const PUBLISH_LAG_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];
