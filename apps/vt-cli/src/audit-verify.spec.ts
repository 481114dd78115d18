import { AUDIT_VERIFY_HELP, PUBLIC_KEYS_ENV, unknownKeysMessage } from './audit-verify';

// Rule (issue 13, point 8): without the right public keys, verify says which key ids it does not know and how to pass them.
describe('vt audit verify: unknown keys', () => {
  it('names each unknown key id with whose checkpoints it signed, and the flag, environment variable and file format to pass keys', () => {
    const message = unknownKeysMessage([
      { keyId: 'intake-2027-01', producers: ['intake'], checkpoints: 12 },
      { keyId: 'referral-1', producers: ['referral'], checkpoints: 1 },
    ]);
    expect(message).toContain('Unknown key ids: "intake-2027-01" (12 checkpoints of intake), "referral-1" (1 checkpoint of referral).');
    expect(message).toContain('unverifiable, not forged');
    expect(message).toContain('--keys <file>');
    expect(message).toContain(`${PUBLIC_KEYS_ENV}=<file>`);
    expect(message).toContain('"keys": { "<key id>": { "service", "publicKey"');
    expect(message).toContain('.local/audit/public-keys.json');
  });

  it('documents the unverifiable outcome, the environment variable and exit code 3 in its help', () => {
    expect(AUDIT_VERIFY_HELP).toContain(PUBLIC_KEYS_ENV);
    expect(AUDIT_VERIFY_HELP).toMatch(/unverifiable/);
    expect(AUDIT_VERIFY_HELP).toMatch(/3: no tampering found, but events are unverifiable/);
  });
});
