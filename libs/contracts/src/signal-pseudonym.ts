import { createHmac } from 'node:crypto';

/**
 * The keyed pseudonym organisations signal a young person by (docs/adr/0038): HMAC-SHA256 of the nine-digit BSN
 * under the key the participating organisations share, base64url without padding (43 characters). The key is theirs,
 * never Veilig Thuis's: the signal-matching service sees only pseudonyms and cannot compute or reverse one.
 */
export const SIGNAL_PSEUDONYM_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function signalPseudonym(bsn: string, sharedKey: Buffer): string {
  if (!/^\d{9}$/.test(bsn) || !elfproef(bsn)) throw new Error('signalPseudonym: not a BSN (nine digits passing the elfproef)');
  if (sharedKey.length < 32) throw new Error('signalPseudonym: the shared key must be at least 32 bytes');
  return createHmac('sha256', sharedKey).update(bsn, 'utf8').digest('base64url');
}

function elfproef(bsn: string): boolean {
  if (/^0+$/.test(bsn)) return false;
  const digits = [...bsn].map(Number);
  const sum = digits.slice(0, 8).reduce((total, digit, index) => total + digit * (9 - index), 0) - (digits[8] ?? 0);
  return sum % 11 === 0;
}
