import 'reflect-metadata';
import { bootstrapService, ConfigurationError, exitOnStartupFailure } from '@vt/runtime';
import { IntakeModule } from './intake.module';

void bootstrapService(IntakeModule).catch((error: unknown) => {
  // One JSON line like every other (docs/adr/0023); a configuration problem says what to fix, without a stack.
  exitOnStartupFailure('intake', error, error instanceof ConfigurationError ? error.message : undefined);
});
