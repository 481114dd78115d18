import 'reflect-metadata';
import { bootstrapService, ConfigurationError, exitOnStartupFailure } from '@vt/runtime';
import { CrisisTriageModule } from './crisis-triage.module';

void bootstrapService(CrisisTriageModule).catch((error: unknown) => {
  // One JSON line like every other (docs/adr/0023); a configuration problem says what to fix, without a stack.
  exitOnStartupFailure('crisis-triage', error, error instanceof ConfigurationError ? error.message : undefined);
});
