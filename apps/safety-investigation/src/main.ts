import 'reflect-metadata';
import { bootstrapService, ConfigurationError } from '@vt/runtime';
import { SafetyInvestigationModule } from './safety-investigation.module';

void bootstrapService(SafetyInvestigationModule).catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
