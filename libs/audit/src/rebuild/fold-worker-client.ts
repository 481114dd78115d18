import { Worker } from 'node:worker_threads';
import type { ServiceName } from '@vt/contracts';
import { workerEntry } from '../worker-entry';
import type { FoldRequest, FoldResponse } from './fold-worker';
import { Row, ServiceModel, TableSpec } from './model';

/**
 * Handed to the worker and not folded yet: beyond this many batches or bytes the reading waits for the oldest. Wide,
 * so the reading rarely waits on a round trip to the worker (batches are often small: one partition's records of one
 * fetch), while the memory it may hold stays bounded.
 */
const BATCHES_IN_FLIGHT = 512;
const BYTES_IN_FLIGHT = 64 * 1024 * 1024;

/**
 * The rebuild's fold in a worker thread (`fold-worker.ts`): this thread reads the log and hands over the raw
 * values, the worker parses and folds them in the order given, and gives the rows back at the end. A failure of
 * the worker (its code throwing, or the thread dying) fails the rebuild at `rows()`; nothing is folded twice or left out
 * silently.
 */
export class FoldWorker {
  private readonly waiting = new Map<number, { resolve(response: FoldResponse): void; reject(error: Error): void }>();
  private readonly inFlight: { done: Promise<unknown>; bytes: number }[] = [];
  private bytesInFlight = 0;
  private nextId = 0;
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly models: ServiceModel[],
  ) {
    worker.on('message', (response: FoldResponse) => {
      if (response.kind === 'error') this.fail(new Error(`rebuild fold worker: ${response.error}`));
      const waiting = this.waiting.get(response.id);
      if (!waiting) return;
      this.waiting.delete(response.id);
      waiting.resolve(response);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`rebuild fold worker exited (code ${code})`)));
  }

  /** A started worker folding into `models` (by their services), or undefined when its code cannot be found. */
  static start(models: ServiceModel[], services?: ServiceName[]): FoldWorker | undefined {
    const entry = workerEntry(__dirname, 'fold-worker');
    if (!entry) return undefined;
    let worker: Worker;
    try {
      // A young generation larger than V8's default: the fold keeps much of what it parses, and with the default
      // semi-spaces it spent a sixth of its time copying survivors (about 15 % faster folding with this).
      worker = new Worker(entry.file, { execArgv: entry.execArgv, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
    } catch {
      return undefined;
    }
    const folding = new FoldWorker(worker, models);
    folding.post({ kind: 'start', ...(services ? { services } : {}) });
    return folding;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(this.failure);
    this.waiting.clear();
  }

  private post(request: FoldRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(request, transfer);
  }

  private ask(request: FoldRequest & { id: number }, transfer: ArrayBuffer[] = []): Promise<FoldResponse> {
    return new Promise<FoldResponse>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.set(request.id, { resolve, reject });
      this.post(request, transfer);
    });
  }

  /**
   * Hands over one batch of one topic, in log order. Resolves at once, or when more than `BATCHES_IN_FLIGHT`
   * batches or `BYTES_IN_FLIGHT` bytes are still being folded, once enough of the oldest are. Never rejects: a
   * failure shows at `rows()`.
   */
  async add(topic: string, values: readonly (Buffer | null | undefined)[]): Promise<void> {
    if (this.failure) return;
    let total = 0;
    const lengths = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      lengths[i] = value ? value.length : -1;
      if (value) total += value.length;
    }
    const data = new ArrayBuffer(total);
    const bytes = new Uint8Array(data);
    let at = 0;
    for (const value of values) {
      if (!value) continue;
      bytes.set(value, at);
      at += value.length;
    }
    this.inFlight.push({ done: this.ask({ kind: 'batch', id: this.nextId++, topic, data, lengths }, [data, lengths.buffer as ArrayBuffer]).catch(() => undefined), bytes: total });
    this.bytesInFlight += total;
    while (this.inFlight.length > BATCHES_IN_FLIGHT || this.bytesInFlight > BYTES_IN_FLIGHT) {
      const oldest = this.inFlight.shift() as { done: Promise<unknown>; bytes: number };
      await oldest.done;
      this.bytesInFlight -= oldest.bytes;
    }
  }

  /** Every batch folded: the counts and the rebuilt rows per model and table (as `ModelFold.rows()`). */
  async rows(): Promise<{ events: number; unreadableRecords: number; tables: { model: ServiceModel; spec: TableSpec; rows: Row[] }[] }> {
    const answer = await this.ask({ kind: 'rows', id: this.nextId++ });
    if (this.failure) throw this.failure;
    if (answer.kind !== 'rows') throw new Error(`rebuild fold worker: expected the rows, got ${answer.kind}`);
    const byTable = new Map(answer.tables.map((table) => [`${table.service}\u0000${table.table}`, table.rows as Row[]]));
    return {
      events: answer.events,
      unreadableRecords: answer.unreadableRecords,
      tables: this.models.flatMap((model) => model.tables.map((spec) => ({ model, spec, rows: byTable.get(`${model.service}\u0000${spec.table}`) ?? [] }))),
    };
  }

  async stop(): Promise<void> {
    this.failure ??= new Error('rebuild fold worker stopped');
    await this.worker.terminate();
  }
}
