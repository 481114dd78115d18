import { BadRequestException, ConflictException, NotFoundException, ServiceUnavailableException, UnprocessableEntityException } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { answerFor } from './problem.filter';
import { problem, validationFailed } from './problem';

// Issue 13 point 5 (one exception filter, RFC 9457 problem bodies) and point 4 (database down is 503 + Retry-After).
describe('answerFor: what the one exception filter answers', () => {
  it('keeps a refusal built with problem(): status, code, detail, fields, extensions and headers', () => {
    const answer = answerFor(problem(409, 'already-assessed', { detail: 'already completed', extensions: { allowed: ['a'] } }), '/x', 5);
    expect(answer.body).toEqual({
      type: 'https://veilig-thuis.example/problems/already-assessed',
      title: 'Conflict',
      status: 409,
      detail: 'already completed',
      instance: '/x',
      error: 'already-assessed',
      statusCode: 409,
      message: 'already completed',
      allowed: ['a'],
    });
    expect(answer.unexpected).toBe(false);
  });

  it('turns a hand-built body ({ statusCode, error, message, fields }) into the same shape', () => {
    const fields = [{ path: 'melder', code: 'isDefined', message: 'melder should not be null or undefined' }];
    const answer = answerFor(new UnprocessableEntityException({ statusCode: 422, error: 'semantic-conflict', fields }), undefined, 5);
    expect(answer.body).toMatchObject({ type: 'https://veilig-thuis.example/problems/semantic-conflict', status: 422, statusCode: 422, error: 'semantic-conflict', fields, detail: 'melder: melder should not be null or undefined' });
    expect(validationFailed(fields).getResponse()).toMatchObject({ statusCode: 400, error: 'validation-failed', fields });
  });

  it("gives Nest's own exceptions a machine code instead of their reason phrase", () => {
    expect(answerFor(new NotFoundException('Cannot GET /nowhere'), undefined, 5).body).toMatchObject({ status: 404, error: 'not-found', detail: 'Cannot GET /nowhere' });
    expect(answerFor(new BadRequestException(), undefined, 5).body).toMatchObject({ status: 400, error: 'bad-request' });
    expect(answerFor(new ConflictException({ statusCode: 409, error: 'phase-change-refused', message: 'm', missing: ['x'] }), undefined, 5).body).toMatchObject({ error: 'phase-change-refused', missing: ['x'] });
    expect(answerFor(new ServiceUnavailableException({ statusCode: 503, error: 'auth-unavailable', message: 'keys' }), undefined, 5).body).toMatchObject({ status: 503, error: 'auth-unavailable' });
  });

  it('answers 503 database-unavailable with Retry-After when Postgres is down', () => {
    const shutdown = Object.assign(new DatabaseError('terminating connection due to administrator command', 0, 'error'), { code: '57P01' });
    const answer = answerFor(new QueryFailedError('insert into meldingen …', ['Jan Jansen'], shutdown), '/meldingen', 7);
    expect(answer.body).toMatchObject({ status: 503, statusCode: 503, error: 'database-unavailable', type: 'https://veilig-thuis.example/problems/database-unavailable' });
    expect(answer.headers).toEqual({ 'Retry-After': '7' });
    expect(JSON.stringify(answer.body)).not.toMatch(/insert|Jan|administrator/);
  });

  it('answers 500 internal-error for anything else, with nothing of the error (message, stack, SQL) in the body', () => {
    const error = new QueryFailedError('insert into meldingen (name) values ($1)', ['Jan Jansen'], Object.assign(new DatabaseError('invalid byte sequence for encoding "UTF8": 0x00', 0, 'error'), { code: '22021' }));
    const answer = answerFor(error, '/meldingen', 5);
    expect(answer.body).toMatchObject({ status: 500, error: 'internal-error' });
    expect(answer.unexpected).toBe(true);
    expect(JSON.stringify(answer.body)).not.toMatch(/insert|Jan|byte sequence|at /);
  });

  it('maps the body parser errors: malformed JSON 400, too large 413, wrong charset 415', () => {
    expect(answerFor(Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' }), undefined, 5).body).toMatchObject({ status: 400, error: 'malformed-json' });
    expect(answerFor(Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' }), undefined, 5).body).toMatchObject({ status: 413, error: 'payload-too-large' });
    expect(answerFor(Object.assign(new Error('unsupported charset "LATIN1"'), { status: 415, type: 'charset.unsupported' }), undefined, 5).body).toMatchObject({ status: 415, error: 'unsupported-media-type' });
  });
});
