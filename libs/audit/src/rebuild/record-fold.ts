import { CloudEvent, EventType, isKnownEventType, upcastEvent } from '@vt/contracts';
import { ModelFold, Row, ServiceModel, TableSpec } from './model';

/**
 * Folds raw log records into the models: each record value parsed, a superseded type read as the newest version
 * (ADR 0004), then applied. Records that are not JSON CloudEvents are counted, not folded (the services
 * dead-lettered them, so no state comes of them). The rebuild runs this on its own thread or in the fold worker
 * (`fold-worker.ts`): the same code either way.
 */
export class RecordFold {
  private readonly fold: ModelFold;
  events = 0;
  unreadableRecords = 0;

  constructor(readonly models: ServiceModel[]) {
    this.fold = new ModelFold(models);
  }

  add(topic: string, value: Buffer | null | undefined): void {
    let event: CloudEvent;
    try {
      event = JSON.parse(value?.toString('utf8') ?? '') as CloudEvent;
    } catch {
      this.unreadableRecords++;
      return;
    }
    if (typeof event !== 'object' || event === null || typeof event.type !== 'string') {
      this.unreadableRecords++;
      return;
    }
    // Known types go through upcastEvent, which gives the event itself back when its type is the newest (no copy:
    // the parsed object belongs to this fold alone).
    this.fold.apply({ topic, event: isKnownEventType(event.type) ? upcastEvent(event as CloudEvent<typeof event.type & EventType, unknown>) : event });
    this.events++;
  }

  rows(): { model: ServiceModel; spec: TableSpec; rows: Row[] }[] {
    return this.fold.rows();
  }
}
