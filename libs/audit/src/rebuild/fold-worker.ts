// The rebuild's fold worker thread (see `FoldWorker`): parses and folds the records the main thread reads, in the
// order given, with `RecordFold` (the code the rebuild runs on its own thread without a worker); at the end it
// hands back the rebuilt rows.
import { parentPort } from 'node:worker_threads';
import type { ServiceName } from '@vt/contracts';
import { modelsFor } from './models';
import { RecordFold } from './record-fold';

export type FoldRequest =
  | { kind: 'start'; services?: ServiceName[] }
  /** One batch of one topic: the values one after the other in `data`, `lengths[i]` the byte length of value i, -1 for none. */
  | { kind: 'batch'; id: number; topic: string; data: ArrayBuffer; lengths: Int32Array }
  | { kind: 'rows'; id: number };

export type FoldResponse =
  | { kind: 'done'; id: number }
  | { kind: 'rows'; id: number; events: number; unreadableRecords: number; tables: { service: string; table: string; rows: Record<string, unknown>[] }[] }
  | { kind: 'error'; id: number; error: string };

let fold: RecordFold | undefined;

parentPort?.on('message', (request: FoldRequest) => {
  const id = request.kind === 'start' ? -1 : request.id;
  try {
    if (request.kind === 'start') {
      fold = new RecordFold(modelsFor(request.services));
      return;
    }
    if (!fold) throw new Error('no start message before the first batch');
    if (request.kind === 'batch') {
      const bytes = Buffer.from(request.data);
      let at = 0;
      for (const length of request.lengths) {
        if (length < 0) fold.add(request.topic, null);
        else {
          fold.add(request.topic, bytes.subarray(at, at + length));
          at += length;
        }
      }
      parentPort?.postMessage({ kind: 'done', id } satisfies FoldResponse);
      return;
    }
    const tables = fold.rows().map(({ model, spec, rows }) => ({ service: model.service, table: spec.table, rows }));
    parentPort?.postMessage({ kind: 'rows', id, events: fold.events, unreadableRecords: fold.unreadableRecords, tables } satisfies FoldResponse);
  } catch (error) {
    parentPort?.postMessage({ kind: 'error', id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FoldResponse);
  }
});
