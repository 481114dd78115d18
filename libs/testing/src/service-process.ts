import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait-for';

const ROOT = join(__dirname, '..', '..', '..');
/** Each service a test starts writes its whole output here too, for reading after a failure. */
export const SERVICE_LOG_DIR = join(ROOT, '.local', 'test-reports', 'services');

export type AppName = 'intake' | 'crisis-triage' | 'safety-investigation' | 'referral' | 'signal-matching' | 'shelter-placement';

/**
 * The compiled entry point of an app (`npm run build`, which the integration run's global setup calls): tests
 * start services and the CLI as production does, with plain `node dist/apps/<app>/src/main.js`. From compiled
 * JavaScript a service loads in about a second instead of four through ts-node on 2 cores, and the suite
 * starts a hundred of them.
 */
export function appEntry(app: AppName | 'vt-cli'): string {
  const entry = join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` (the integration tests' global setup runs it)`);
  return entry;
}

export interface RunningService {
  name: AppName;
  url: string;
  process: ChildProcess;
  output(): string;
  /** Graceful stop (SIGTERM): the service finishes in-flight work and leaves its group. */
  stop(): Promise<void>;
  /** Hard stop (SIGKILL): nothing is finished, nothing is committed that was not committed already. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || address === null) throw new Error('could not find a free port');
  return address.port;
}

/**
 * Starts one service as its own process, from its compiled JavaScript as production does, and waits until its
 * readiness check says the database, the broker and its consumer groups are up.
 */
export async function startService(name: AppName, env: Record<string, string>, options: { readyTimeoutMs?: number } = {}): Promise<RunningService> {
  // `freePort` closes its probe before the service listens; in between another process (an outgoing connection's
  // ephemeral port) can take the port, and the service exits with EADDRINUSE. That one cause is a new port, not a failure.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startServiceOn(name, env, options, port);
    } catch (error) {
      if (attempt >= 3 || !(error as Error).message.includes(`EADDRINUSE: address already in use 127.0.0.1:${port}`)) throw error;
    }
  }
}

async function startServiceOn(name: AppName, env: Record<string, string>, options: { readyTimeoutMs?: number }, port: number): Promise<RunningService> {
  let output = '';
  // VT_SERVICE_NODE_ARGS: extra Node options for the services only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile
  // them under `npm run bench` (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = (process.env['VT_SERVICE_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, appEntry(name)], {
    cwd: ROOT,
    env: { ...process.env, ...env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mkdirSync(SERVICE_LOG_DIR, { recursive: true });
  const log = createWriteStream(join(SERVICE_LOG_DIR, `${name}-${port}.log`));
  child.once('exit', () => log.end());
  const capture = (chunk: Buffer) => {
    output += chunk.toString();
    log.write(chunk);
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output.slice(-4000)}`))),
  );
  exited.catch(() => undefined);
  const url = `http://127.0.0.1:${port}`;
  const ready = waitFor(
    async () => {
      // A process that exited is not polled on (the race below has already failed with its output).
      if (child.exitCode !== null || child.signalCode !== null) return 'exited';
      const response = await fetch(`${url}/health/ready`);
      return response.status === 200 ? true : undefined;
    },
    { description: `${name} to be ready at ${url}/health/ready`, timeoutMs: options.readyTimeoutMs ?? 60_000, intervalMs: 100 },
  );
  try {
    await Promise.race([ready, exited]);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- ${name} output ---\n${output.slice(-4000)}`);
  }
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = once(child, 'exit');
    child.kill(signal);
    await done;
  };
  return { name, url, process: child, output: () => output, stop: () => stopWith('SIGTERM'), kill: () => stopWith('SIGKILL') };
}
