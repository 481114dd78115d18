import 'reflect-metadata';
import { bootstrapService, ConfigurationError } from '@vt/runtime';
import { IntakeModule } from './intake.module';

void bootstrapService(IntakeModule).catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
