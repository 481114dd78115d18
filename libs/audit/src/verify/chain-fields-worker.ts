import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import { ChainFields } from './chain-fields';
import type { ChainFieldsRequest, ChainFieldsResponse } from './verify-worker';

/** What the worker computed for a batch: per value its SHA-256 (32 bytes at 32·i of `sums`) and chain fields. */
export interface ChainFieldsBatch {
  sums: Buffer;
  fields: (ChainFields | null)[];
}

/**
 * A worker thread that hashes and parses record values for the verifier (`verify-worker.ts`), so that on a
 * machine with a second core this work runs beside the reading of the log. Batches are answered in the order
 * given. When the worker fails, every pending and later batch is refused (`run` rejects) and the caller does
 * the work itself: a worker can only make verifying faster, never change what it finds.
 */
export class ChainFieldsWorker {
  private readonly pending = new Map<number, { resolve(batch: ChainFieldsBatch): void; reject(error: Error): void }>();
  private nextId = 0;
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (response: ChainFieldsResponse) => {
      const waiting = this.pending.get(response.id);
      if (!waiting) return;
      this.pending.delete(response.id);
      if (response.error !== undefined || !response.sums || !response.fields) waiting.reject(new Error(`verify worker: ${response.error ?? 'empty answer'}`));
      else waiting.resolve({ sums: Buffer.from(response.sums), fields: response.fields as (ChainFields | null)[] });
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`verify worker exited (code ${code})`)));
  }

  /** A started worker, or undefined when its code cannot be found (the caller then works alone). */
  static start(): ChainFieldsWorker | undefined {
    const entry = workerEntry(__dirname, 'verify-worker');
    if (!entry) return undefined;
    try {
      return new ChainFieldsWorker(new Worker(entry.file, { execArgv: entry.execArgv, stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: 64 } }));
    } catch {
      return undefined;
    }
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.failure);
    this.pending.clear();
  }

  /** Hashes and parses `values` (null: a record without a value). */
  run(values: readonly (Buffer | null | undefined)[]): Promise<ChainFieldsBatch> {
    if (this.failure) return Promise.reject(this.failure);
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
    const id = this.nextId++;
    return new Promise<ChainFieldsBatch>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: ChainFieldsRequest = { id, data, lengths };
      this.worker.postMessage(request, [data, lengths.buffer]);
    });
  }

  async stop(): Promise<void> {
    this.failure ??= new Error('verify worker stopped');
    await this.worker.terminate();
  }
}
