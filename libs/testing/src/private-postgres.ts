import fsp from 'node:fs/promises';
import path from 'node:path';
import { uniqueToken } from './ids';
import { ensureTestRunDir, LauncherError, startLocalPostgres, stopLocalPostgres, waitForPostgres } from './infra';

export interface PrivatePostgres {
  /** The cluster's superuser URL (`postgres://postgres@127.0.0.1:PORT/postgres`), to provision service schemas with. */
  url: string;
  port: number;
  /** Fast shutdown (`pg_ctl stop -m fast`): open connections are cut; the data stays. */
  stop(): Promise<void>;
  /** Starts the cluster again on the same data dir and port, and waits until it answers. */
  start(): Promise<void>;
  /** Stops the cluster and deletes its data. */
  destroy(): Promise<void>;
}

/**
 * A Postgres cluster of the test's own from the local launcher (infra/postgres), for tests that take the
 * database down and bring it back without touching the shared one. It lives under the run's folder, so
 * global teardown removes it if a test does not.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const runDir = await ensureTestRunDir(process.env['VT_TEST_RUN_ID'] ?? `p${uniqueToken(10)}`);
  const dataDir = path.join(runDir, `private-postgres-${uniqueToken(8)}`);
  let port: number | undefined;
  const start = async (): Promise<string> => {
    try {
      const started = await startLocalPostgres(dataDir, port === undefined ? {} : { port });
      port = started.port;
      await waitForPostgres(started.url);
      return started.url;
    } catch (error) {
      if (error instanceof LauncherError && error.prerequisiteMissing) throw new Error(`startPrivatePostgres needs initdb/pg_ctl, which are not installed here: ${error.message}`);
      throw error;
    }
  };
  const url = await start();
  return {
    url,
    port: port as number,
    stop: () => stopLocalPostgres(dataDir),
    start: async () => void (await start()),
    destroy: async () => {
      await stopLocalPostgres(dataDir).catch(() => undefined);
      await fsp.rm(dataDir, { recursive: true, force: true });
    },
  };
}
