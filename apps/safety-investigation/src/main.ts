import 'reflect-metadata';
import { bootstrapService, ConfigurationError, exitOnStartupFailure } from '@vt/runtime';
import { SafetyInvestigationModule } from './safety-investigation.module';

void bootstrapService(SafetyInvestigationModule).catch((error: unknown) => {
  // One JSON line like every other (docs/adr/0023); a configuration problem says what to fix, without a stack.
  exitOnStartupFailure('safety-investigation', error, error instanceof ConfigurationError ? error.message : undefined);
});
