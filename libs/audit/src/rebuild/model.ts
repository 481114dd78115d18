import type { CloudEvent, ServiceName } from '@vt/contracts';

/** Postgres types of the compared columns; the rebuilt tables use the live tables' types so comparison is typed. */
export type ColumnType = 'uuid' | 'text' | 'text[]' | 'boolean' | 'integer' | 'timestamptz' | 'jsonb';

/** One live table as the auditor's model sees it: the columns the events fully determine, and its key. */
export interface TableSpec {
  table: string;
  key: string[];
  /** Every compared column (key columns included), in order. */
  columns: Record<string, ColumnType>;
  /** Only the live rows this SQL condition holds for are the model's (the rest come from facts not modelled yet). */
  liveRows?: string;
  /**
   * A live column read through an SQL expression instead of as it is, where the service stores something the
   * log determines only up to order (an aggregate with no order): the model writes the normalised form.
   */
  liveColumns?: Record<string, string>;
}

export type Row = Record<string, unknown>;

/** An event as read from the log: the (unprefixed) topic it lies on, and its envelope. */
export interface LogEvent {
  topic: string;
  event: CloudEvent;
}

/**
 * Per service: which events make which rows. `on` handles events in log order (per partition, so per
 * household and topic); what depends on events of other topics is joined in `rows`, once the whole log is read.
 * The model never decrypts: personal data stays ciphertext, so an erased person stays unreadable here too.
 */
export interface ServiceModel<S = unknown> {
  service: ServiceName;
  /** The live schema's default name (each app module's `databaseSchema`). */
  defaultSchema: string;
  tables: TableSpec[];
  initial(): S;
  on: Record<string, (state: S, event: CloudEvent, topic: string) => void>;
  rows(state: S): Record<string, Row[]>;
}

export function defineModel<S>(model: ServiceModel<S>): ServiceModel<S> {
  for (const spec of model.tables) {
    for (const key of spec.key) if (!(key in spec.columns)) throw new Error(`${model.service}.${spec.table}: key column ${key} is not among its columns`);
  }
  return model;
}

/** Replays events through the models in memory: the pure part of a rebuild, used by the folds' tests and the rebuild alike. */
export class ModelFold {
  private readonly states: Map<ServiceModel, unknown>;

  constructor(readonly models: ServiceModel[]) {
    this.states = new Map(models.map((model) => [model, model.initial()]));
  }

  apply({ topic, event }: LogEvent): void {
    for (const [model, state] of this.states) model.on[event.type]?.(state, event, topic);
  }

  /** The rebuilt rows per service and table. */
  rows(): { model: ServiceModel; spec: TableSpec; rows: Row[] }[] {
    return [...this.states].flatMap(([model, state]) => {
      const byTable = model.rows(state);
      return model.tables.map((spec) => ({ model, spec, rows: byTable[spec.table] ?? [] }));
    });
  }
}
