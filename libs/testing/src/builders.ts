import { randomUUID } from 'node:crypto';
import { LateRegistrationReason, MELDING_RECEIVED, MeldingReceivedData, newEvent, DomainEvent } from '@vt/contracts';

/**
 * Builds `MeldingReceived` events the way intake would: `aMelding().acute().forHousehold(h).event()`. A melding is
 * received when it is built (a live call) unless `.receivedAt(date)` says otherwise; one received long before
 * registration needs `.registeredLate(reason)` (intake's `RECEIPT_REASON_AFTER`, default PT24H).
 */
export class MeldingBuilder {
  private readonly builtAt = new Date().toISOString();
  private data: MeldingReceivedData = {
    meldingId: randomUUID(),
    householdId: randomUUID(),
    receivedAt: this.builtAt,
    registeredAt: this.builtAt,
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

  /** The aard van het geweld and tags (codes of `aard-van-het-geweld/1` and `geweld-tags/1`); kindermishandeling by default. */
  concerning(aard: string[], tags: string[] = []): this {
    this.data = { ...this.data, concerns: { aard, tags } };
    return this;
  }

  inGemeente(gemeenteCode: string): this {
    this.data = { ...this.data, gemeenteCode };
    return this;
  }

  /** When the melding reached Veilig Thuis (the request's `receivedAt`, the event's receipt). */
  receivedAt(at: Date | string): this {
    this.data = { ...this.data, receivedAt: typeof at === 'string' ? at : at.toISOString() };
    return this;
  }

  /** Registered more than `RECEIPT_REASON_AFTER` after receipt, for this reason (`lateRegistration.reason`). */
  registeredLate(reason: LateRegistrationReason): this {
    this.data = { ...this.data, lateRegistration: { reason } };
    return this;
  }

  /** The event's time is the registration's, as intake writes it. */
  event(): DomainEvent<typeof MELDING_RECEIVED> {
    return newEvent({ type: MELDING_RECEIVED, service: 'intake', householdId: this.data.householdId, subject: this.data.meldingId, time: new Date(this.data.registeredAt ?? this.data.receivedAt), data: this.data });
  }

  /** The body intake's POST /api/v1/meldingen takes for the same melding. */
  requestBody(): Record<string, unknown> {
    return {
      receivedAt: this.data.receivedAt,
      ...(this.data.lateRegistration ? { lateRegistration: this.data.lateRegistration } : {}),
      channel: 'telefoon',
      melder: { kind: 'professional', sector: 'politie-justitie', role: 'melder', name: 'Agent Test', organisation: 'Politie eenheid Test', phone: '0201234567' },
      household: { gemeenteCode: this.data.gemeenteCode },
      concerns: { aard: this.data.concerns?.aard ?? ['kindermishandeling'], tags: this.data.concerns?.tags ?? [], account: 'Buren horen al dagen geschreeuw; de politie trof een kind met blauwe plekken aan.' },
      persons: this.data.persons.map((p) => ({ role: p.role, name: 'Test Persoon' })),
      acuteIndication: { ...this.data.acuteIndication, ...(this.ground ? { ground: this.ground } : {}) },
    };
  }
}

export function aMelding(): MeldingBuilder {
  return new MeldingBuilder();
}
