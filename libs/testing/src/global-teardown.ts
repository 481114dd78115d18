import './workspace-paths';
import { takeGlobalInfra } from './global-setup';
import { cleanupTestRunDir, testRunDir } from './infra';

/** Jest globalTeardown: stops what global setup started and anything tests left under the run's folder. */
export default async function globalTeardown(): Promise<void> {
  const infra = takeGlobalInfra();
  const runId = process.env['VT_TEST_RUN_ID'];
  try {
    await infra?.stop();
  } finally {
    if (runId) await cleanupTestRunDir(testRunDir(runId));
  }
}
