import { assertIdentifier, outboxChannel } from './identifiers';

describe('identifiers used in DDL', () => {
  it('accepts lower-case Postgres identifiers', () => {
    expect(assertIdentifier('crisis_triage', 'schema')).toBe('crisis_triage');
    expect(outboxChannel('intake')).toBe('intake_outbox');
  });

  it.each(['Intake', 'intake; drop table x', '1intake', 'a'.repeat(64), 'crisis-triage'])('refuses %s', (name) => {
    expect(() => assertIdentifier(name, 'schema')).toThrow(/must be a lower-case Postgres identifier/);
  });
});
