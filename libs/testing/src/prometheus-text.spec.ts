import { Counter, Histogram, Registry } from 'prom-client';
import { parsePrometheusText, parseSampleLine, sampleSum, samplesOf } from './prometheus-text';

describe('the Prometheus text parser the metrics tests read /metrics with', () => {
  it('reads what prom-client writes: families by name, a histogram’s buckets, sum and count under its family', async () => {
    const registry = new Registry();
    const counter = new Counter({ name: 'vt_test_total', help: 'A test counter.', labelNames: ['type'], registers: [registry] });
    const histogram = new Histogram({ name: 'vt_test_seconds', help: 'A test histogram.', labelNames: ['route'], buckets: [0.1, 1], registers: [registry] });
    counter.inc({ type: 'a' }, 2);
    counter.inc({ type: 'b' });
    histogram.observe({ route: '/api/v1/meldingen/:meldingId' }, 0.5);
    histogram.observe({ route: '/api/v1/meldingen/:meldingId' }, 5);

    const families = parsePrometheusText(await registry.metrics());

    expect(families.get('vt_test_total')).toMatchObject({ type: 'counter', help: 'A test counter.' });
    expect(sampleSum(families, 'vt_test_total')).toBe(3);
    expect(sampleSum(families, 'vt_test_total', { type: 'a' })).toBe(2);
    expect(families.get('vt_test_seconds')?.type).toBe('histogram');
    expect(sampleSum(families, 'vt_test_seconds_count', { route: '/api/v1/meldingen/:meldingId' })).toBe(2);
    expect(samplesOf(families, 'vt_test_seconds_bucket', { le: '1' })[0]?.value).toBe(1);
    expect(samplesOf(families, 'vt_test_seconds_bucket', { le: '+Inf' })[0]?.value).toBe(2);
    expect(families.get('vt_test_seconds')?.samples.every((sample) => sample.name.startsWith('vt_test_seconds_'))).toBe(true);
  });

  it('reads escaped label values and special values', () => {
    expect(parseSampleLine('m{a="x\\"y",b="p\\\\q",c="l\\n2"} +Inf')).toEqual({ name: 'm', labels: { a: 'x"y', b: 'p\\q', c: 'l\n2' }, value: Number.POSITIVE_INFINITY });
    expect(parseSampleLine('m 3 1700000000')).toEqual({ name: 'm', labels: {}, value: 3 });
    expect(() => parseSampleLine('m{a=1} 2')).toThrow(/no quoted value/);
    expect(() => parseSampleLine('m{a="1"} x')).toThrow(/not a sample value/);
  });
});
