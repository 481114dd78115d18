/**
 * Key material lives here, next to the object it belongs to, and nowhere on that object: a master key or
 * data key has no property holding its bytes, so `JSON.stringify`, `util.inspect`, loggers and error
 * reporters cannot print them. Only this library's own modules read the bytes (not exported from index.ts).
 */
const secrets = new WeakMap<object, Buffer>();

export function attachSecret(owner: object, bytes: Buffer): void {
  secrets.set(owner, bytes);
}

export function secretOf(owner: object): Buffer {
  const bytes = secrets.get(owner);
  if (!bytes) throw new Error('no key material for this object');
  return bytes;
}
