import 'reflect-metadata';
import { bootstrapService, ConfigurationError } from '@vt/runtime';
import { CrisisTriageModule } from './crisis-triage.module';

void bootstrapService(CrisisTriageModule).catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
