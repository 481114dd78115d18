// Creates one schema and role per service on an administrative connection and prints their URLs as JSON.
import { provisionServiceDatabase } from '@vt/persistence';

const SCHEMAS = { intake: 'intake', 'crisis-triage': 'crisis_triage', 'safety-investigation': 'safety_investigation', referral: 'referral' };

async function main(adminUrl: string | undefined): Promise<void> {
  if (!adminUrl) throw new Error('usage: provision.ts <admin DATABASE_URL>');
  const result: Record<string, { url: string; schema: string }> = {};
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
