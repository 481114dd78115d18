// No imports: the verify worker (verify-worker.ts) loads this file alone.

/**
 * What the verifier reads of an event besides its hash: the CloudEvent's chain fields as `JSON.parse` of the record
 * value gives them, each kept only when it is a string or a number (every check asks for one of those, so nothing
 * else can change a verdict) and `type` as `String(type)`.
 */
export interface ChainFields {
  id: string | number | undefined;
  householdid: string | number | undefined;
  source: string | number | undefined;
  vtseq: string | number | undefined;
  prevhash: string | number | undefined;
  type: string;
}

/**
 * The chain fields of a record value (its UTF-8 text), or undefined when the value is not a JSON object (the
 * verifier's "not a JSON CloudEvent"). The verify worker (`verify-worker.ts`) runs this very function, so the
 * worker and the verifier read a record the same way. Never throws.
 */
export function chainFieldsOf(text: string): ChainFields | undefined {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return undefined;
  const e = event as Record<string, unknown>;
  const kept = (value: unknown): string | number | undefined => (typeof value === 'string' || typeof value === 'number' ? value : undefined);
  let type: string;
  try {
    type = String(e['type']);
  } catch {
    // An object whose own "toString"/"valueOf" are not functions: no type the catalog knows either way.
    type = '(a type that is not text)';
  }
  return { id: kept(e['id']), householdid: kept(e['householdid']), source: kept(e['source']), vtseq: kept(e['vtseq']), prevhash: kept(e['prevhash']), type };
}
