import 'reflect-metadata';
import { bootstrapService, ConfigurationError, exitOnStartupFailure } from '@vt/runtime';
import { ShelterPlacementModule } from './shelter-placement.module';

void bootstrapService(ShelterPlacementModule).catch((error: unknown) => {
  // One JSON line like every other (docs/adr/0023); a configuration problem says what to fix, without a stack.
  exitOnStartupFailure('shelter-placement', error, error instanceof ConfigurationError ? error.message : undefined);
});
