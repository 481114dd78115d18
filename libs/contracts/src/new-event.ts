import { randomUUID } from 'node:crypto';
import { dataSchemaOf, EventDataByType, EventType, DomainEvent } from './catalog';

export interface NewEventInput<T extends EventType> {
  type: T;
  /** The producing service, e.g. `intake`; becomes `/veilig-thuis/intake`. */
  service: string;
  householdId: string;
  data: EventDataByType[T];
  time: Date;
  subject?: string;
  /** The event (or request) this one follows from; a first event correlates with itself. */
  causedBy?: { id: string; correlationid: string };
  id?: string;
}

export function newEvent<T extends EventType>(input: NewEventInput<T>): DomainEvent<T> {
  const id = input.id ?? randomUUID();
  return {
    specversion: '1.0',
    id,
    source: `/veilig-thuis/${input.service}`,
    type: input.type,
    time: input.time.toISOString(),
    ...(input.subject ? { subject: input.subject } : {}),
    datacontenttype: 'application/json',
    dataschema: dataSchemaOf(input.type),
    householdid: input.householdId,
    correlationid: input.causedBy?.correlationid ?? id,
    causationid: input.causedBy?.id ?? id,
    data: input.data,
  };
}
