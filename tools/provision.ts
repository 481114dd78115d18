// Creates one schema and role per service on an administrative connection, and the local token issuer
// (.local/dev-issuer, git-ignored), and prints the services' database URLs and auth settings as JSON.
import { createDevIssuer } from '@vt/auth';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { provisionServiceDatabase } from '@vt/persistence';
import { generateMasterKey } from '@vt/privacy';

const SCHEMAS = { intake: 'intake', 'crisis-triage': 'crisis_triage', 'safety-investigation': 'safety_investigation', referral: 'referral' };

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
  for (const [service, schema] of Object.entries(SCHEMAS)) {
    const provisioned = await provisionServiceDatabase(adminUrl, schema, `vt_${schema}`);
    result[service] = { url: provisioned.url, schema };
  }
  process.stdout.write(JSON.stringify(result));
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
