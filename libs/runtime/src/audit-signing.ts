import { readFileSync } from 'node:fs';
import { parseSigningKey } from '@vt/contracts';
import { ChainSigner } from '@vt/messaging';
import { ConfigurationError } from './config';

export const AUDIT_SIGNER = Symbol('AUDIT_SIGNER');

/**
 * The service's Ed25519 key for signing chain heads (docs/adr/0009-tamper-evident-event-chains.md):
 * `AUDIT_KEY_ID` and `AUDIT_SIGNING_KEY` (PKCS#8 PEM or base64 DER) or `AUDIT_SIGNING_KEY_FILE`.
 * A service without one refuses to start: its events could not be verified.
 */
export function loadAuditSigner(service: string, env: NodeJS.ProcessEnv = process.env): ChainSigner {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const problems: string[] = [];
  const keyId = read('AUDIT_KEY_ID');
  if (!keyId) problems.push('AUDIT_KEY_ID is missing (the id under which the public key is published in config/audit/public-keys.json, e.g. intake-2026-01)');
  else if (!/^[A-Za-z0-9._-]{1,100}$/.test(keyId)) problems.push(`AUDIT_KEY_ID may hold only letters, digits, '.', '_' and '-' (got "${keyId}")`);
  let keyText = read('AUDIT_SIGNING_KEY');
  const keyFile = read('AUDIT_SIGNING_KEY_FILE');
  if (!keyText && keyFile) {
    try {
      keyText = readFileSync(keyFile, 'utf8');
    } catch (error) {
      problems.push(`AUDIT_SIGNING_KEY_FILE ${keyFile} cannot be read: ${(error as Error).message}`);
    }
  }
  let privateKey: ChainSigner['privateKey'] | undefined;
  if (!keyText && !keyFile) problems.push('AUDIT_SIGNING_KEY (or AUDIT_SIGNING_KEY_FILE) is missing: an Ed25519 private key, PKCS#8 PEM or base64 DER; `npm start` generates one into .local/audit/');
  else if (keyText) {
    try {
      privateKey = parseSigningKey(keyText);
    } catch (error) {
      problems.push(`AUDIT_SIGNING_KEY is not a usable Ed25519 private key (PKCS#8 PEM or base64 DER): ${(error as Error).message}`);
    }
  }
  if (problems.length > 0 || !keyId || !privateKey) {
    throw new ConfigurationError(`${service} cannot start without its audit signing key:\n  - ${problems.join('\n  - ')}`);
  }
  return { service, keyId, privateKey };
}
