import 'reflect-metadata';
import { bootstrapService, ConfigurationError, exitOnStartupFailure } from '@vt/runtime';
import { ReferralModule } from './referral.module';

void bootstrapService(ReferralModule).catch((error: unknown) => {
  // One JSON line like every other (docs/adr/0023); a configuration problem says what to fix, without a stack.
  exitOnStartupFailure('referral', error, error instanceof ConfigurationError ? error.message : undefined);
});
