// Creates one schema and role per service on an administrative connection, the local token issuer
// (.local/dev-issuer), a local master key for personal data and one Ed25519 audit signing key per service
// (.local/audit, docs/adr/0009), referral's partner reference key (.local/dev-partner-reference-key, docs/adr/0016)
// — all git-ignored — and prints each service's settings as JSON.
import { createDevIssuer } from '@vt/auth';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { provisionServiceDatabase } from '@vt/persistence';
import { generateMasterKey } from '@vt/privacy';

const SCHEMAS = { intake: 'intake', 'crisis-triage': 'crisis_triage', 'safety-investigation': 'safety_investigation', referral: 'referral', 'signal-matching': 'signal_matching', 'shelter-placement': 'shelter_placement' };

/**
 * The service's audit signing key, made once: `<service>.key.pem` (PKCS#8) and `<service>.key-id` beside
 * it (docker-compose reads both), and every public key in `public-keys.json` for `vt audit verify --keys`.
 */
function auditSigningKey(auditDir: string, service: string, publicKeys: Record<string, unknown>): { AUDIT_KEY_ID: string; AUDIT_SIGNING_KEY_FILE: string } {
  const keyFile = join(auditDir, `${service}.key.pem`);
  if (!existsSync(keyFile)) writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  const publicKey = createPublicKey(createPrivateKey(readFileSync(keyFile, 'utf8'))).export({ format: 'pem', type: 'spki' }).toString();
  const keyId = `dev-${service}-${createHash('sha256').update(publicKey).digest('hex').slice(0, 12)}`;
  writeFileSync(join(auditDir, `${service}.key-id`), `${keyId}\n`);
  publicKeys[keyId] = { service, publicKey, validFrom: '2000-01-01T00:00:00.000Z' };
  return { AUDIT_KEY_ID: keyId, AUDIT_SIGNING_KEY_FILE: keyFile };
}

async function main(adminUrl: string | undefined): Promise<void> {
  if (!adminUrl) throw new Error('usage: provision.ts <admin DATABASE_URL>');
  const issuer = createDevIssuer();
  // A local master key for personal data, made once and kept in the git-ignored .local folder.
  const keyFile = join(__dirname, '..', '.local', 'dev-master-keys');
  if (!existsSync(keyFile)) {
    mkdirSync(join(__dirname, '..', '.local'), { recursive: true });
    writeFileSync(keyFile, generateMasterKey('local-1').entry, { mode: 0o600 });
  }
  const masterKeys = process.env['PERSONAL_DATA_MASTER_KEYS'] ?? readFileSync(keyFile, 'utf8').trim();
  const result: Record<string, unknown> = { auth: { AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: issuer.audience, AUTH_JWKS_FILE: issuer.jwksFile, PERSONAL_DATA_MASTER_KEYS: masterKeys } };
  const auditDir = join(__dirname, '..', '.local', 'audit');
  mkdirSync(auditDir, { recursive: true, mode: 0o700 });
  const publicKeys: Record<string, unknown> = {};
  for (const [service, schema] of Object.entries(SCHEMAS)) {
    const provisioned = await provisionServiceDatabase(adminUrl, schema, `vt_${schema}`);
    result[service] = { url: provisioned.url, schema, audit: auditSigningKey(auditDir, service, publicKeys) };
  }
  writeFileSync(join(auditDir, 'public-keys.json'), `${JSON.stringify({ keys: publicKeys }, null, 2)}\n`);
  // The secret referral derives partners' household references with (docs/adr/0016), made once; only referral gets it.
  const referenceKeyFile = join(__dirname, '..', '.local', 'dev-partner-reference-key');
  if (!existsSync(referenceKeyFile)) writeFileSync(referenceKeyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  (result['referral'] as Record<string, unknown>)['env'] = { PARTNER_REFERENCE_KEY: process.env['PARTNER_REFERENCE_KEY'] ?? readFileSync(referenceKeyFile, 'utf8').trim() };
  process.stdout.write(JSON.stringify(result));
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
