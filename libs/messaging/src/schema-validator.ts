import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { cloudEventEnvelopeSchema, CloudEvent, EVENT_CATALOG, EventType, isKnownEventType, upcastEvent } from '@vt/contracts';

export type ParseResult = { ok: true; event: CloudEvent<EventType> } | { ok: false; reason: string };

function formatErrors(prefix: string, errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${prefix}${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

/**
 * One Ajv for the process, shared by every validator: a compiled schema does not change, so compiling it once is
 * enough. Compiling all ~100 event schemas took 1.5-5 s of CPU, and each consumer group used to do it at start
 * (a service has two or three), so a service spent seconds before it could read anything. A type's data schema is
 * now compiled the first time an event of that type is read (~15 ms once); a group only ever compiles the types it
 * reads, since records of types it does not handle are skipped before parsing. `compileAll` compiles every schema
 * (the unit test does, so a broken schema still fails before it ships).
 */
class CompiledSchemas {
  // Tolerant reader: fields added by a newer producer (additive versioning) are dropped, not refused.
  private readonly ajv = addFormats(new Ajv({ allErrors: true, strict: false, removeAdditional: true }));
  readonly envelope: ValidateFunction = this.ajv.compile(cloudEventEnvelopeSchema);
  private readonly byType = new Map<EventType, ValidateFunction>();

  data(type: EventType): ValidateFunction {
    let validate = this.byType.get(type);
    if (!validate) {
      validate = this.ajv.compile(EVENT_CATALOG[type].schema);
      this.byType.set(type, validate);
    }
    return validate;
  }
}

let shared: CompiledSchemas | undefined;
const compiledSchemas = (): CompiledSchemas => (shared ??= new CompiledSchemas());

/**
 * Parses a record value as a CloudEvent and checks the envelope and the data against the contract of its own
 * type and version; an event of a superseded type is then upcast to the newest version (ADR 0004), so that
 * handlers only ever see the newest version of each type.
 */
export class EventValidator {
  private readonly schemas = compiledSchemas();

  /** Compiles every event type's schema now (otherwise each is compiled when first read); throws on a broken one. */
  compileAll(): void {
    for (const type of Object.keys(EVENT_CATALOG) as EventType[]) this.schemas.data(type);
  }

  parse(value: Buffer | string | null): ParseResult {
    if (value === null || value.length === 0) return { ok: false, reason: 'record has no value' };
    let json: unknown;
    try {
      json = JSON.parse(value.toString('utf8'));
    } catch (error) {
      return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
    }
    const envelope = this.schemas.envelope;
    if (!envelope(json)) return { ok: false, reason: `not a CloudEvent: ${formatErrors('', envelope.errors)}` };
    const event = json as CloudEvent;
    if (!isKnownEventType(event.type)) return { ok: false, reason: `unknown event type ${event.type}` };
    const expectedSchema = EVENT_CATALOG[event.type].schema.$id;
    if (event.dataschema !== expectedSchema) return { ok: false, reason: `dataschema ${event.dataschema} does not match ${expectedSchema}` };
    const validate = this.schemas.data(event.type);
    if (!validate(event.data)) return { ok: false, reason: `data does not match ${event.type}: ${formatErrors('data', validate.errors)}` };
    return { ok: true, event: upcastEvent(event as CloudEvent<EventType>) as CloudEvent<EventType> };
  }
}
