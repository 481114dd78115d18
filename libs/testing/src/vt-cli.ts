import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from './infra';
import { appEntry } from './service-process';
import { AUDITOR_PRINCIPAL } from '@vt/kafka-access';
import type { TestEnvironment } from './test-environment';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `vt` CLI as a user runs `npm run vt -- …` (from the sources, in the repository root) and gives its exit code
 * and output; a non-zero exit is a result, not an error. `env` is the whole environment of the process (PATH is added).
 */
export async function runVt(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [appEntry('vt-cli'), ...args], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: Number(failed.code ?? 1), stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
  }
}

/** `vt audit <args> --brokers … --topic-prefix … --json` against the test environment's broker, as the auditor principal. */
export function vtAuditAsAuditor(env: TestEnvironment, args: string[]): Promise<CliResult> {
  const sasl = env.kafkaSasl(AUDITOR_PRINCIPAL);
  return runVt(['audit', ...args, '--brokers', env.kafkaBrokers, '--topic-prefix', env.topicPrefix, '--json'], sasl ? { KAFKA_USERNAME: sasl.username, KAFKA_PASSWORD: sasl.password } : {});
}
