import { randomUUID } from 'node:crypto';
import { MELDING_RECEIVED, MeldingReceivedData, newEvent, DomainEvent } from '@vt/contracts';

/** Builds `MeldingReceived` events the way intake would: `aMelding().acute().forHousehold(h).event()`. */
export class MeldingBuilder {
  private data: MeldingReceivedData = {
    meldingId: randomUUID(),
    householdId: randomUUID(),
    receivedAt: new Date().toISOString(),
    gemeenteCode: 'GM0363',
    acuteIndication: { indicated: false },
    persons: [{ personId: randomUUID(), role: 'victim' }],
    actor: 'user:test-call-handler',
  };

  private ground?: string;

  acute(ground = 'partner threatened with a weapon tonight'): this {
    this.data = { ...this.data, acuteIndication: { indicated: true } };
    this.ground = ground;
    return this;
  }

  forHousehold(householdId: string): this {
    this.data = { ...this.data, householdId };
    return this;
  }

  inGemeente(gemeenteCode: string): this {
    this.data = { ...this.data, gemeenteCode };
    return this;
  }

  event(): DomainEvent<typeof MELDING_RECEIVED> {
    return newEvent({ type: MELDING_RECEIVED, service: 'intake', householdId: this.data.householdId, subject: this.data.meldingId, time: new Date(this.data.receivedAt), data: this.data });
  }

  /** The body intake's POST /api/v1/meldingen takes for the same melding. */
  requestBody(): Record<string, unknown> {
    return {
      channel: 'telefoon',
      melder: { kind: 'professional', sector: 'politie-justitie', role: 'melder', name: 'Agent Test', organisation: 'Politie eenheid Test', phone: '0201234567' },
      household: { gemeenteCode: this.data.gemeenteCode },
      concerns: { aard: ['kindermishandeling'], tags: [], account: 'Buren horen al dagen geschreeuw; de politie trof een kind met blauwe plekken aan.' },
      persons: this.data.persons.map((p) => ({ role: p.role, name: 'Test Persoon' })),
      acuteIndication: { ...this.data.acuteIndication, ...(this.ground ? { ground: this.ground } : {}) },
    };
  }
}

export function aMelding(): MeldingBuilder {
  return new MeldingBuilder();
}
