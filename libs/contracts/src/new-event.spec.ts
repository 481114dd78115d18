import { MELDING_RECEIVED } from './events';
import { newEvent } from './new-event';

const data = {
  meldingId: '7d0b2d7e-3f0a-4a57-8a11-0c9e4b1d2a33',
  householdId: '0b0e5c4e-8f3f-4a44-9c51-6f4f3f2c1a10',
  receivedAt: '2026-11-28T10:00:00.000Z',
  gemeenteCode: 'GM0363',
  acuteIndication: { indicated: true },
  persons: [{ personId: '5a1f7a54-1c3e-4a8e-9b8e-2f7d8c1e0a01', role: 'victim' as const }],
  actor: 'user:unauthenticated',
};

describe('newEvent', () => {
  it('builds a CloudEvents 1.0 envelope with the household, correlation and causation extensions', () => {
    const event = newEvent({ type: MELDING_RECEIVED, service: 'intake', householdId: data.householdId, time: new Date(data.receivedAt), data });
    expect(event).toMatchObject({
      specversion: '1.0',
      source: '/veilig-thuis/intake',
      type: MELDING_RECEIVED,
      time: data.receivedAt,
      datacontenttype: 'application/json',
      dataschema: 'urn:vt:schema:intake.MeldingReceived.v1',
      householdid: data.householdId,
    });
    expect(event.correlationid).toBe(event.id);
    expect(event.causationid).toBe(event.id);
  });

  it('carries the correlation of the event it follows from and names that event as its cause', () => {
    const first = newEvent({ type: MELDING_RECEIVED, service: 'intake', householdId: data.householdId, time: new Date(), data });
    const second = newEvent({ type: MELDING_RECEIVED, service: 'intake', householdId: data.householdId, time: new Date(), data, causedBy: first });
    expect(second.correlationid).toBe(first.id);
    expect(second.causationid).toBe(first.id);
    expect(second.id).not.toBe(first.id);
  });
});
