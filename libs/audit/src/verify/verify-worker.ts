// The verify worker thread (see `ChainFieldsWorker`): for each record value of a batch, the SHA-256 of its raw
// bytes and `chainFieldsOf` of its UTF-8 text, the two costly steps of `ChainVerifier.addEvent`, so the main thread
// only reads the log and runs the checks. Loads nothing but node: and chain-fields.ts.
import { hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { chainFieldsOf } from './chain-fields';

/**
 * A batch: the values one after the other from the start of `data`, shared with the main thread (which may be longer
 * and is only read here); `lengths[i]` is the byte length of value i, -1 for no value.
 */
export interface ChainFieldsRequest {
  id: number;
  data: SharedArrayBuffer;
  lengths: Int32Array;
}

/** Per value the 32 bytes of its SHA-256 in `sums` (zero for no value) and its chain fields (null when not a JSON object or no value). */
export interface ChainFieldsResponse {
  id: number;
  sums?: ArrayBuffer;
  fields?: (ReturnType<typeof chainFieldsOf> | null)[];
  error?: string;
}

parentPort?.on('message', ({ id, data, lengths }: ChainFieldsRequest) => {
  try {
    const bytes = Buffer.from(data);
    const sums = new Uint8Array(32 * lengths.length);
    const fields: (ReturnType<typeof chainFieldsOf> | null)[] = new Array(lengths.length);
    let at = 0;
    for (let i = 0; i < lengths.length; i++) {
      const length = lengths[i] as number;
      if (length < 0) {
        fields[i] = null;
        continue;
      }
      const value = bytes.subarray(at, at + length);
      at += length;
      fields[i] = chainFieldsOf(value.toString('utf8')) ?? null;
      sums.set(hash('sha256', value, 'buffer'), 32 * i);
    }
    const response: ChainFieldsResponse = { id, sums: sums.buffer, fields };
    parentPort?.postMessage(response, [sums.buffer]);
  } catch (error) {
    const response: ChainFieldsResponse = { id, error: error instanceof Error ? error.message : String(error) };
    parentPort?.postMessage(response);
  }
});
