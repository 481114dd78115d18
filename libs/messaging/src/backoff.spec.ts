import { backoffDelay, retryUntil } from './backoff';
import { isDatabaseUnavailable } from './errors';
import { isTopicError } from './outbox-relay';

const quiet = { error: () => undefined, warn: () => undefined, log: () => undefined };

describe('capped exponential backoff (docs/adr/0026)', () => {
  it('doubles from the initial wait and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((failures) => backoffDelay(failures))).toEqual([250, 500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(backoffDelay(3, { initialMs: 10, maxMs: 25 })).toBe(25);
  });

  it('retryUntil tries again after each failure, logging each failed attempt once at warn, until it succeeds', async () => {
    const warnings: string[] = [];
    let calls = 0;
    const result = await retryUntil(
      'creating the topics',
      async () => {
        calls += 1;
        if (calls < 3) throw new Error(`coordinator is loading (${calls})`);
        return 'done';
      },
      { logger: { ...quiet, warn: (line) => warnings.push(line) }, stopped: () => false, initialMs: 1, maxMs: 2 },
    );
    expect(result).toBe('done');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^creating the topics failed \(attempt 1\), trying again in 1 ms: Error: coordinator is loading \(1\)$/);
  });

  it('retryUntil gives up when the caller stops', async () => {
    let stopped = false;
    const result = await retryUntil(
      'connecting',
      async () => {
        stopped = true;
        throw new Error('Not connected');
      },
      { logger: quiet, stopped: () => stopped, initialMs: 1 },
    );
    expect(result).toBeUndefined();
  });
});

describe('which failures are about the database being gone', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), true],
    ['admin shutdown wrapped by TypeORM', Object.assign(new Error('query failed'), { driverError: { code: '57P01' } }), true],
    ['pg connection terminated', new Error('Connection terminated unexpectedly'), true],
    ['a constraint violation', Object.assign(new Error('duplicate key'), { code: '23505' }), false],
    ['a handler bug', new TypeError('x is undefined'), false],
  ])('%s', (_case, error, unavailable) => {
    expect(isDatabaseUnavailable(error)).toBe(unavailable);
  });
});

describe('which send failures are about one topic', () => {
  it.each([
    ['authorization', Object.assign(new Error('Not authorized to access topics'), { type: 'TOPIC_AUTHORIZATION_FAILED' }), true],
    ['unknown topic after retries', Object.assign(new Error('Number of retries exceeded'), { originalError: { type: 'UNKNOWN_TOPIC_OR_PARTITION' } }), true],
    ['one of several create errors', Object.assign(new Error('aggregate'), { errors: [{ type: 'TOPIC_AUTHORIZATION_FAILED' }] }), true],
    ['the broker is gone', Object.assign(new Error('Connection error: connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), false],
    ['a request timeout', Object.assign(new Error('Request Produce timed out'), { type: 'REQUEST_TIMED_OUT' }), false],
  ])('%s', (_case, error, topicLevel) => {
    expect(isTopicError(error)).toBe(topicLevel);
  });
});
