import 'reflect-metadata';
import { bootstrapService, ConfigurationError } from '@vt/runtime';
import { ReferralModule } from './referral.module';

void bootstrapService(ReferralModule).catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
