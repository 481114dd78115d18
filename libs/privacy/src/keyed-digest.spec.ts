import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { keyedDigest, keyedDigests } from './keyed-digest';
import { MasterKey, MasterKeyRing } from './master-keys';

// docs/adr/0038: what signal matching stores instead of an organisation's pseudonym. The rules: the same value, key
// and purpose give the same digest (so it can be looked up); another key or another purpose gives another one (a
// digest for one use is useless for any other); the value and the key material appear in neither the digest nor its
// printout; during a rotation every configured key is tried, the current one first.

const keyA = MasterKey.fromBytes('mk-a', randomBytes(32));
const keyB = MasterKey.fromBytes('mk-b', randomBytes(32));
const PSEUDONYM = 'q3m0YFqkP1w7q2P4oJx6b0h0Q8pV9cQ1dT2w3e4r5t6';

describe('keyedDigest', () => {
  it('is the same for the same key, purpose and value, 43 base64url characters, and names its key', () => {
    const first = keyedDigest(keyA, 'signal-pseudonym', PSEUDONYM);
    expect(keyedDigest(keyA, 'signal-pseudonym', PSEUDONYM)).toEqual(first);
    expect(first.keyId).toBe('mk-a');
    expect(first.digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.digest).not.toContain(PSEUDONYM);
  });

  it('differs by key and by purpose', () => {
    const digest = keyedDigest(keyA, 'signal-pseudonym', PSEUDONYM).digest;
    expect(keyedDigest(keyB, 'signal-pseudonym', PSEUDONYM).digest).not.toBe(digest);
    expect(keyedDigest(keyA, 'another-purpose', PSEUDONYM).digest).not.toBe(digest);
    expect(keyedDigest(keyA, 'signal-pseudonym', `${PSEUDONYM}x`).digest).not.toBe(digest);
  });

  it('tries every key of the ring, the current one first', () => {
    const ring = new MasterKeyRing([keyB, keyA]);
    expect(keyedDigests(ring, 'signal-pseudonym', PSEUDONYM)).toEqual([keyedDigest(keyB, 'signal-pseudonym', PSEUDONYM), keyedDigest(keyA, 'signal-pseudonym', PSEUDONYM)]);
    expect(inspect(keyedDigests(ring, 'signal-pseudonym', PSEUDONYM))).not.toContain(PSEUDONYM);
  });

  it('refuses a purpose that is not lower-case words joined by hyphens', () => {
    expect(() => keyedDigest(keyA, 'Signal Pseudonym', PSEUDONYM)).toThrow('the purpose must be lower-case words joined by hyphens');
  });
});
