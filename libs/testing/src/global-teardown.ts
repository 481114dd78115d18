import './workspace-paths';
import { takeGlobalInfra } from './global-setup';
import { cleanupTestRunDir, testRunDir } from './infra';
import { reportOpenHandlesIfStillRunning } from './open-handles';

/** Jest globalTeardown: stops what global setup started and anything tests left under the run's folder. */
export default async function globalTeardown(): Promise<void> {
  const infra = takeGlobalInfra();
  const runId = process.env['VT_TEST_RUN_ID'];
  try {
    await infra?.stop();
  } finally {
    if (runId) await cleanupTestRunDir(testRunDir(runId));
    // Jest waits for whatever a test left open (it runs the tests in this process when it uses one worker); say what.
    reportOpenHandlesIfStillRunning(20_000, 'jest');
  }
}
