import { correlationIdFrom, currentContext, eventContext, formatTraceparent, logFields, parseTraceparent, runInContext, traceIdOf } from './context';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

describe('W3C traceparent (rule: https://www.w3.org/TR/trace-context/#traceparent-header)', () => {
  it('parses a valid version-00 traceparent with its sampled flag', () => {
    expect(parseTraceparent(`00-${TRACE_ID}-${SPAN_ID}-01`)).toEqual({ version: '00', traceId: TRACE_ID, spanId: SPAN_ID, flags: '01', sampled: true });
    expect(parseTraceparent(`00-${TRACE_ID}-${SPAN_ID}-00`)?.sampled).toBe(false);
  });

  it.each([
    ['version ff', `ff-${TRACE_ID}-${SPAN_ID}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`],
    ['an all-zero parent id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['upper-case hex', `00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01`],
    ['a short trace id', `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`],
    ['fields after the flags in version 00', `00-${TRACE_ID}-${SPAN_ID}-01-extra`],
    ['free text', 'Jan Jansen'],
    ['no value', undefined],
  ])('refuses %s', (_what, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
    expect(traceIdOf(value)).toBeUndefined();
  });

  it('accepts a later version with more fields, reading the fields it knows', () => {
    expect(parseTraceparent(`01-${TRACE_ID}-${SPAN_ID}-01-what-comes-next`)).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });
  });

  it('formats what it parses', () => {
    const parsed = parseTraceparent(`00-${TRACE_ID}-${SPAN_ID}-01`);
    expect(formatTraceparent(parsed as NonNullable<typeof parsed>)).toBe(`00-${TRACE_ID}-${SPAN_ID}-01`);
  });
});

describe('request and event context (rule: logs carry the correlationid/causationid of what is being handled)', () => {
  it('takes an opaque correlation id from the header and makes a new one for anything else, so no free text reaches the logs', () => {
    expect(correlationIdFrom('b3c1e0d2-5f4a-4e1b-9a77-0c2d3e4f5a6b')).toBe('b3c1e0d2-5f4a-4e1b-9a77-0c2d3e4f5a6b');
    expect(correlationIdFrom(['abc-1', 'abc-2'])).toBe('abc-1');
    for (const bad of ['Jan Jansen woont op nummer 5', 'x'.repeat(129), '', undefined, '<script>']) {
      const id = correlationIdFrom(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('is the context of the work it runs, through awaits and timers, and nothing outside it', async () => {
    expect(currentContext()).toBeUndefined();
    const seen = await runInContext({ correlationId: 'c-1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return currentContext();
    });
    expect(seen).toEqual({ correlationId: 'c-1' });
    expect(currentContext()).toBeUndefined();
  });

  it('keeps concurrent contexts apart', async () => {
    // Each run waits on a gate the test opens, in an order other than the one they started in: no timing involved.
    const gates = new Map<string, () => void>();
    const run = (id: string) =>
      runInContext({ correlationId: id }, async () => {
        await new Promise<void>((resolve) => gates.set(id, resolve));
        return currentContext()?.correlationId;
      });
    const runs = Promise.all([run('a'), run('b'), run('c')]);
    for (const id of ['b', 'c', 'a']) gates.get(id)?.();
    expect(await runs).toEqual(['a', 'b', 'c']);
  });

  it('takes an event’s correlation and its id as the cause; the log fields name them and the trace id', () => {
    const context = eventContext({ id: 'event-1', correlationid: 'melding-1' }, `00-${TRACE_ID}-${SPAN_ID}-01`);
    expect(logFields(context)).toEqual({ correlationid: 'melding-1', causationid: 'event-1', traceid: TRACE_ID });
    expect(logFields({ correlationId: 'request-1' })).toEqual({ correlationid: 'request-1' });
    expect(logFields(undefined)).toEqual({});
  });
});
