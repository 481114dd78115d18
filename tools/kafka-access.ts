// Broker principals and ACLs for `npm run infra:up` / `npm start` (libs/kafka-access):
//   kafka-access.ts credentials <file>                 make sure <file> holds a password for every principal
//   kafka-access.ts apply <brokers> <file> [prefix]    put the access table's ACLs on the broker, as the admin
// Prints one JSON line; passwords never reach the output.
import { Kafka, logLevel } from 'kafkajs';
import { accessGrants, ADMIN_PRINCIPAL, applyGrants, ensureCredentials, kafkaPrincipals, loadPartnerIds, readCredentials, saslFor } from '@vt/kafka-access';

async function main([command, ...args]: string[]): Promise<void> {
  const directory = loadPartnerIds();
  switch (command) {
    case 'credentials': {
      const [file] = args;
      if (!file) throw new Error('usage: kafka-access.ts credentials <file>');
      const { credentials, added } = ensureCredentials(file, kafkaPrincipals(directory.partnerIds));
      process.stdout.write(`${JSON.stringify({ file, directoryVersion: directory.version, users: credentials.users.map((user) => user.name), added })}\n`);
      return;
    }
    case 'apply': {
      const [brokers, file, topicPrefix = ''] = args;
      if (!brokers || !file) throw new Error('usage: kafka-access.ts apply <brokers> <credentials file> [topic prefix]');
      const sasl = saslFor(readCredentials(file), ADMIN_PRINCIPAL);
      const admin = new Kafka({ clientId: 'vt-provision-acls', brokers: brokers.split(','), sasl, logLevel: logLevel.NOTHING }).admin();
      const grants = accessGrants({ partnerIds: directory.partnerIds, topicPrefix });
      const started = Date.now();
      await admin.connect();
      try {
        await applyGrants(admin, grants);
      } finally {
        await admin.disconnect();
      }
      process.stdout.write(`${JSON.stringify({ acls: grants.length, directoryVersion: directory.version, partners: directory.partnerIds.length, ms: Date.now() - started })}\n`);
      return;
    }
    default:
      throw new Error('usage: kafka-access.ts credentials <file> | apply <brokers> <file> [prefix]');
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
