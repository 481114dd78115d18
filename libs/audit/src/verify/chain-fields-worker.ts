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
/** Buffers kept for copying batches into, and the smallest one made: fresh large buffers cost page faults and garbage collections. */
const SPARE_BUFFERS = 16;
const MIN_BUFFER_BYTES = 256 * 1024;

/**
 * A batch's record values copied one after the other into shared memory (`bytes`, a view from the start of a pooled
 * SharedArrayBuffer), `lengths[i]` the byte length of value i, -1 for no value. The copy is this thread's as much as
 * the worker's: `valueAt` reads a value back (for verifying here when the worker failed), and `release` gives the
 * memory back for a later batch once nothing reads it any more.
 */
export interface PackedValues {
  bytes: Uint8Array;
  lengths: Int32Array;
  /** Where value i starts in `bytes`. */
  starts: Int32Array;
}

/**
 * A worker thread that hashes and parses record values for the verifier (`verify-worker.ts`), so that on a
 * machine with a second core this work runs beside the reading of the log. Batches are answered in the order
 * given. When the worker fails, every pending and later batch is refused (`run` rejects) and the caller does
 * the work itself: a worker can only make verifying faster, never change what it finds.
 */
export class ChainFieldsWorker {
  private readonly pending = new Map<number, { resolve(batch: ChainFieldsBatch): void; reject(error: Error): void }>();
  /** Shared buffers no batch uses any more, to copy the next batches into. */
  private readonly spare: SharedArrayBuffer[] = [];
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

  /** Copies `values` (null: a record without a value) into shared memory, for `runPacked`. */
  pack(values: readonly (Buffer | null | undefined)[]): PackedValues {
    let total = 0;
    const lengths = new Int32Array(values.length);
    const starts = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      lengths[i] = value ? value.length : -1;
      starts[i] = total;
      if (value) total += value.length;
    }
    const bytes = new Uint8Array(this.bufferFor(total), 0, total);
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value) bytes.set(value, starts[i] as number);
    }
    return { bytes, lengths, starts };
  }

  /** Value i of a packed batch, as the record carried it (a view of the shared copy; null for no value). */
  static valueAt(packed: PackedValues, i: number): Buffer | null {
    const length = packed.lengths[i] as number;
    if (length < 0) return null;
    return Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset + (packed.starts[i] as number), length);
  }

  /** Gives a packed batch's memory back for later batches: nothing may read it afterwards. */
  release(packed: PackedValues): void {
    if (this.spare.length < SPARE_BUFFERS) this.spare.push(packed.bytes.buffer as SharedArrayBuffer);
  }

  /** Hashes and parses `values` (null: a record without a value). */
  async run(values: readonly (Buffer | null | undefined)[]): Promise<ChainFieldsBatch> {
    const packed = this.pack(values);
    try {
      return await this.runPacked(packed);
    } finally {
      this.release(packed);
    }
  }

  /** Hashes and parses the values of a packed batch; the batch must not be released before this settles. */
  runPacked(packed: PackedValues): Promise<ChainFieldsBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<ChainFieldsBatch>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: ChainFieldsRequest = { id, data: packed.bytes.buffer as SharedArrayBuffer, lengths: packed.lengths };
      this.worker.postMessage(request);
    });
  }

  /** A spare shared buffer of at least `bytes`, or a new one (a power of two, so that it fits later batches too). */
  private bufferFor(bytes: number): SharedArrayBuffer {
    const at = this.spare.findIndex((buffer) => buffer.byteLength >= bytes);
    if (at >= 0) return this.spare.splice(at, 1)[0] as SharedArrayBuffer;
    return new SharedArrayBuffer(Math.max(MIN_BUFFER_BYTES, 2 ** Math.ceil(Math.log2(Math.max(bytes, 1)))));
  }

  async stop(): Promise<void> {
    this.failure ??= new Error('verify worker stopped');
    await this.worker.terminate();
  }
}
