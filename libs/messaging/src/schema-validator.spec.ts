import { MELDING_RECEIVED, newEvent } from '@vt/contracts';
import { EventValidator } from './schema-validator';

const validator = new EventValidator();
const data = {
  meldingId: '7d0b2d7e-3f0a-4a57-8a11-0c9e4b1d2a33',
  householdId: '0b0e5c4e-8f3f-4a44-9c51-6f4f3f2c1a10',
  receivedAt: '2026-11-28T10:00:00.000Z',
  gemeenteCode: 'GM0363',
  acuteIndication: { indicated: false },
  persons: [{ personId: '5a1f7a54-1c3e-4a8e-9b8e-2f7d8c1e0a01', role: 'victim' as const }],
  actor: 'user:unauthenticated',
};
const valid = newEvent({ type: MELDING_RECEIVED, service: 'intake', householdId: data.householdId, time: new Date(), data });

describe('event validation on receipt', () => {
  it('accepts an event that matches its envelope and data schema', () => {
    expect(validator.parse(Buffer.from(JSON.stringify(valid)))).toEqual({ ok: true, event: valid });
  });

  it.each([
    ['not JSON', '{"specversion"', /value is not JSON/],
    ['no envelope', JSON.stringify({ hello: 'world' }), /not a CloudEvent: .*must have required property 'specversion'/],
    ['unknown type', JSON.stringify({ ...valid, type: 'nl.veiligthuis.intake.Unheard.v1' }), /unknown event type nl.veiligthuis.intake.Unheard.v1/],
    ['data off contract', JSON.stringify({ ...valid, data: { ...data, gemeenteCode: 'Amsterdam' } }), /data\/gemeenteCode must match pattern/],
  ])('refuses %s, saying why', (_case, value, reason) => {
    const result = validator.parse(Buffer.from(value));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('reads an event from a newer producer that added a field, dropping what it does not know (additive versioning)', () => {
    const newer = { ...valid, data: { ...data, addedLater: 'x' } };
    expect(validator.parse(Buffer.from(JSON.stringify(newer)))).toEqual({ ok: true, event: valid });
  });

  it('compiles the schema of every event type in the catalog (services compile each when first read, so a broken one must fail here)', () => {
    expect(() => new EventValidator().compileAll()).not.toThrow();
  });

  it('checks an event against its own schema the first time its type is read by a new validator', () => {
    const fresh = new EventValidator();
    const result = fresh.parse(Buffer.from(JSON.stringify({ ...valid, data: { ...data, persons: [] } })));
    expect(result.ok ? '' : result.reason).toMatch(/data\/persons must NOT have fewer than 1 items/);
  });

  it('refuses a record without a value', () => {
    expect(validator.parse(null)).toEqual({ ok: false, reason: 'record has no value' });
  });
});
