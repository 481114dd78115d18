import { createHmac } from 'node:crypto';
import { SIGNAL_PSEUDONYM_PATTERN, signalPseudonym } from './signal-pseudonym';

describe('signalPseudonym (docs/adr/0038)', () => {
  const key = Buffer.alloc(32, 7);

  it('is HMAC-SHA256 of the BSN under the shared key, base64url without padding, 43 characters', () => {
    const pseudonym = signalPseudonym('999993653', key);
    expect(pseudonym).toBe(createHmac('sha256', key).update('999993653').digest('base64url'));
    expect(pseudonym).toMatch(SIGNAL_PSEUDONYM_PATTERN);
    expect(signalPseudonym('999993653', Buffer.alloc(32, 8))).not.toBe(pseudonym);
  });

  it('refuses what is not a BSN, and a short key', () => {
    expect(() => signalPseudonym('999993654', key)).toThrow('not a BSN');
    expect(() => signalPseudonym('000000000', key)).toThrow('not a BSN');
    expect(() => signalPseudonym('999993653', Buffer.alloc(16))).toThrow('at least 32 bytes');
  });
});
