import { run } from './cli';
import { runAuditRebuild } from './audit-rebuild';
import { runAuditReplay } from './audit-replay';
import { runAuditReport } from './audit-report';
import { runAuditVerify } from './audit-verify';
import { runDlq } from './dlq';
import { runPrivacy } from './privacy';
import { runPartnerFromShell } from './partner';
import { runSignalsFromShell } from './signals';

const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
};

// `npm run vt -- <command>`: see apps/vt-cli/README.md. `dlq` talks to a service over HTTP.
const [command, ...rest] = process.argv.slice(2);
if (command === 'dlq') {
  runDlq(rest, io).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      io.stderr(`vt dlq: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
} else if (command === 'privacy') {
  runPrivacy(rest, io).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      io.stderr(`vt privacy: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
} else if (command === 'partner') {
  runPartnerFromShell(rest, io).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      io.stderr(`vt partner: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
} else if (command === 'signals') {
  runSignalsFromShell(rest, io).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      io.stderr(`vt signals: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
} else if (command === 'audit' && (rest[0] === 'replay' || rest[0] === 'report')) {
  const sub = rest[0];
  (sub === 'replay' ? runAuditReplay : runAuditReport)(rest.slice(1), io).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      io.stderr(`vt audit ${sub}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
} else if (command === 'audit' && rest[0] === 'rebuild') {
  runAuditRebuild(rest.slice(1), io).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      io.stderr(`vt audit rebuild: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
} else if (command === 'audit' && rest[0] === 'verify') {
  runAuditVerify(rest.slice(1), io).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      io.stderr(`vt audit verify: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
} else {
  process.exitCode = run(process.argv.slice(2), io);
}
