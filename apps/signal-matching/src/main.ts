import 'reflect-metadata';
import { bootstrapService, ConfigurationError, exitOnStartupFailure } from '@vt/runtime';
import { SignalMatchingModule } from './signal-matching.module';

void bootstrapService(SignalMatchingModule).catch((error: unknown) => {
  // One JSON line like every other (docs/adr/0023); a configuration problem says what to fix, without a stack.
  exitOnStartupFailure('signal-matching', error, error instanceof ConfigurationError ? error.message : undefined);
});
