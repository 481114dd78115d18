import { ancestors, fieldMessage, placeFieldErrors, toProblem } from './problem';

describe('problem bodies → fields', () => {
  const body = {
    type: 'https://veilig-thuis.example/problems/validation-failed',
    title: 'Bad Request',
    status: 400,
    error: 'validation-failed',
    detail: 'persons[0].bsn: …',
    fields: [
      { path: 'persons[0].bsn', code: 'bsn-fails-elfproef', message: 'This is not a valid BSN' },
      { path: 'melder.phone', code: 'contact-missing', message: 'A melding needs the melder’s phone or e-mail' },
      { path: 'persons[1].role', code: 'isIn', message: 'role must be one of …' },
      { path: 'extra', code: 'unknown-field', message: 'extra is not a field of a melding' },
      { path: 'Idempotency-Key', code: 'idempotency-key-format', message: 'bad key' },
      { nonsense: true },
    ],
  };

  it('reads an RFC 9457 body, dropping fields without a path', () => {
    const problem = toProblem(400, body);
    expect(problem).toMatchObject({ status: 400, error: 'validation-failed', detail: 'persons[0].bsn: …' });
    expect(problem.fields.map((f) => f.path)).toEqual(['persons[0].bsn', 'melder.phone', 'persons[1].role', 'extra', 'Idempotency-Key']);
  });

  it('makes a problem of anything else a service or proxy answers', () => {
    expect(toProblem(502, undefined)).toEqual({ status: 502, error: 'http-502', fields: [] });
    expect(toProblem(403, { statusCode: 403, error: 'forbidden', message: 'this needs role call-handler; the token has triage' })).toMatchObject({ error: 'forbidden', detail: expect.stringContaining('call-handler') });
  });

  it('puts each field error at its field, else the nearest field shown, else in the summary', () => {
    const shown = new Set(['persons[0].bsn', 'melder.phone', 'persons[1]', 'persons']);
    const { byPath, unplaced } = placeFieldErrors(toProblem(400, body).fields, (path) => shown.has(path));
    expect([...byPath.keys()]).toEqual(['persons[0].bsn', 'melder.phone', 'persons[1]']);
    expect(byPath.get('persons[1]')?.[0]?.code).toBe('isIn');
    expect(unplaced.map((f) => f.path)).toEqual(['extra', 'Idempotency-Key']);
  });

  it('walks a path up to its ancestors', () => {
    expect(ancestors('persons[0].bsn')).toEqual(['persons[0].bsn', 'persons[0]', 'persons']);
    expect(ancestors('household.gemeenteCode')).toEqual(['household.gemeenteCode', 'household']);
    expect(ancestors('receivedAt')).toEqual(['receivedAt']);
  });

  it('says known codes in Dutch, with the suggestions the service gives, and the service’s sentence for the rest', () => {
    expect(fieldMessage({ path: 'persons[0].bsn', code: 'bsn-fails-elfproef', message: 'x' })).toBe('Dit BSN voldoet niet aan de elfproef.');
    expect(fieldMessage({ path: 'household.gemeenteCode', code: 'unknown-gemeente', message: 'x', suggestions: ['Amsterdam', 'Amstelveen'] })).toBe('Deze gemeente is onbekend. Bedoelt u Amsterdam, Amstelveen?');
    expect(fieldMessage({ path: 'x', code: 'something-new', message: 'The service says why.' })).toBe('The service says why.');
  });
});
