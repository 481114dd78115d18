import { run } from './cli';
import { runAuditRebuild } from './audit-rebuild';
import { runAuditReplay } from './audit-replay';
import { runAuditReport } from './audit-report';
import { runAuditVerify } from './audit-verify';
import { runDlq } from './dlq';
import { runPrivacy } from './privacy';
import { runPartnerFromShell } from './partner';
import { runShelterFromShell } from './shelter';
import { runSignalsFromShell } from './signals';
import type { CliIo } from './cli';
import { applyKafkajsIdleFix } from '@vt/messaging';

// `vt partner consume --follow` and the audit commands hold kafkajs clients; see libs/messaging kafkajs-idle-fix.ts.
applyKafkajsIdleFix();

const io: CliIo = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
};

type AsyncCommand = (args: string[], io: CliIo) => Promise<number>;

/** The commands that talk to a service or the broker, by their words on the command line (see apps/vt-cli/README.md). */
const ASYNC_COMMANDS: Record<string, AsyncCommand> = {
  dlq: runDlq,
  privacy: runPrivacy,
  partner: runPartnerFromShell,
  shelter: runShelterFromShell,
  signals: runSignalsFromShell,
  'audit replay': runAuditReplay,
  'audit report': runAuditReport,
  'audit rebuild': runAuditRebuild,
  'audit verify': runAuditVerify,
};

// `npm run vt -- <command>`: the asynchronous commands above, else the synchronous ones of cli.ts (dev-token, dev-issuer).
const args = process.argv.slice(2);
const [command, sub] = args;
const name = command === 'audit' && sub !== undefined && ASYNC_COMMANDS[`audit ${sub}`] ? `audit ${sub}` : command;
const asyncCommand = name !== undefined ? ASYNC_COMMANDS[name] : undefined;
if (asyncCommand) {
  asyncCommand(args.slice(name?.split(' ').length ?? 1), io).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      io.stderr(`vt ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
} else {
  process.exitCode = run(args, io);
}
