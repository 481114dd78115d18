import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { cloudEventEnvelopeSchema, CloudEvent, EVENT_CATALOG, EventType, isKnownEventType, upcastEvent } from '@vt/contracts';

export type ParseResult = { ok: true; event: CloudEvent<EventType> } | { ok: false; reason: string };

function formatErrors(prefix: string, errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${prefix}${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

/**
 * Parses a record value as a CloudEvent and checks the envelope and the data against the contract of its own
 * type and version; an event of a superseded type is then upcast to the newest version (ADR 0004), so that
 * handlers only ever see the newest version of each type.
 */
export class EventValidator {
  private readonly envelope: ValidateFunction;
  private readonly byType = new Map<string, ValidateFunction>();

  constructor() {
    // Tolerant reader: fields added by a newer producer (additive versioning) are dropped, not refused.
    const ajv = new Ajv({ allErrors: true, strict: false, removeAdditional: true });
    addFormats(ajv);
    this.envelope = ajv.compile(cloudEventEnvelopeSchema);
    for (const [type, contract] of Object.entries(EVENT_CATALOG)) this.byType.set(type, ajv.compile(contract.schema));
  }

  parse(value: Buffer | string | null): ParseResult {
    if (value === null || value.length === 0) return { ok: false, reason: 'record has no value' };
    let json: unknown;
    try {
      json = JSON.parse(value.toString('utf8'));
    } catch (error) {
      return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
    }
    if (!this.envelope(json)) return { ok: false, reason: `not a CloudEvent: ${formatErrors('', this.envelope.errors)}` };
    const event = json as CloudEvent;
    if (!isKnownEventType(event.type)) return { ok: false, reason: `unknown event type ${event.type}` };
    const expectedSchema = EVENT_CATALOG[event.type].schema.$id;
    if (event.dataschema !== expectedSchema) return { ok: false, reason: `dataschema ${event.dataschema} does not match ${expectedSchema}` };
    const validate = this.byType.get(event.type);
    if (validate && !validate(event.data)) return { ok: false, reason: `data does not match ${event.type}: ${formatErrors('data', validate.errors)}` };
    return { ok: true, event: upcastEvent(event as CloudEvent<EventType>) as CloudEvent<EventType> };
  }
}
