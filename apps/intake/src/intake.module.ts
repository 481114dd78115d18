import { Module } from '@nestjs/common';
import { TOPICS } from '@vt/contracts';
import { ServiceModule } from '@vt/runtime';
import { CreateMeldingen1764300000100 } from './migrations/1764300000100-create-meldingen';
import { RegisterMeldingController } from './meldingen/register-melding.controller';
import { RegisterMeldingHandler } from './meldingen/register-melding.handler';
import { GemeenteRegistry } from './meldingen/gemeente-registry';

@Module({
  imports: [
    ServiceModule.forRoot({
      service: 'intake',
      httpPort: 3001,
      databaseSchema: 'intake',
      migrations: [CreateMeldingen1764300000100],
      produces: [TOPICS.meldingen],
    }),
  ],
  controllers: [RegisterMeldingController],
  providers: [RegisterMeldingHandler, GemeenteRegistry],
})
export class IntakeModule {}
