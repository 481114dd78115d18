import { isRetriable, RetriableError } from './errors';

describe('which failures are worth another attempt', () => {
  it.each([
    ['a RetriableError', new RetriableError('partner directory is reloading'), true],
    ['a lost connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), true],
    ['a serialization failure', Object.assign(new Error('could not serialize access'), { code: '40001' }), true],
    ['a deadlock wrapped by TypeORM', Object.assign(new Error('query failed'), { driverError: { code: '40P01' } }), true],
    ['a constraint violation', Object.assign(new Error('duplicate key'), { code: '23505' }), false],
    ['a programming error', new TypeError('x is undefined'), false],
  ])('%s', (_case, error, retriable) => {
    expect(isRetriable(error)).toBe(retriable);
  });
});
