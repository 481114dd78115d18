import { Attempt, IdempotencyKeys, sendIdempotently } from './idempotent-submit';

describe('idempotent submission', () => {
  const noSleep = { sleep: async () => undefined };

  it('retries a network failure with the same Idempotency-Key until it gets an answer', async () => {
    const keys: string[] = [];
    const answers: Attempt[] = [{ kind: 'network-error', message: 'Failed to fetch' }, { kind: 'network-error', message: 'Failed to fetch' }, { kind: 'answered', status: 201, body: { meldingId: 'm1' } }];
    const result = await sendIdempotently(async (key) => (keys.push(key), answers.shift() as Attempt), 'key-1', noSleep);
    expect(result).toMatchObject({ kind: 'answered', status: 201, attempts: 3 });
    expect(keys).toEqual(['key-1', 'key-1', 'key-1']);
  });

  it('retries 502/503/504, waiting what Retry-After asks (at most 10 s), and never a 4xx', async () => {
    const waits: number[] = [];
    const answers: Attempt[] = [{ kind: 'answered', status: 503, body: { error: 'database-unavailable' }, retryAfterSeconds: 5 }, { kind: 'answered', status: 400, body: { error: 'validation-failed' } }];
    const result = await sendIdempotently(async () => answers.shift() as Attempt, 'k', { sleep: async (ms) => void waits.push(ms) });
    expect(result).toMatchObject({ status: 400, attempts: 2 });
    expect(waits).toEqual([5000]);
  });

  it('gives up after the attempts allowed and says it never got an answer', async () => {
    let sent = 0;
    const result = await sendIdempotently(async () => (sent++, { kind: 'network-error', message: 'offline' }), 'k', { ...noSleep, attempts: 3 });
    expect(result).toEqual({ kind: 'network-error', message: 'offline', attempts: 3 });
    expect(sent).toBe(3);
  });

  it('keeps one key per body until it is stored, and a new one for a changed body or the next melding', () => {
    let n = 0;
    const keys = new IdempotencyKeys(() => `k${++n}`);
    expect(keys.keyFor('{"a":1}')).toBe('k1');
    expect(keys.keyFor('{"a":1}')).toBe('k1'); // pressed again after a network failure
    expect(keys.keyFor('{"a":2}')).toBe('k2'); // the call handler corrected a field
    keys.settled(); // 201
    expect(keys.keyFor('{"a":2}')).toBe('k3'); // the next melding, even if it looks the same
  });
});
