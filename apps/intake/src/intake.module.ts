import { Module } from '@nestjs/common';
import { TOPICS } from '@vt/contracts';
import { ServiceModule } from '@vt/runtime';
import { CreateMeldingen1764300000100 } from './migrations/1764300000100-create-meldingen';
import { RegistrationModel1764300000110 } from './migrations/1764300000110-registration-model';
import { Radar1764300000120 } from './migrations/1764300000120-radar';
import { HouseholdCaseHandlers } from './radar/household-case.handlers';
import { RegisterMeldingController } from './meldingen/register-melding.controller';
import { MeldingenReadController } from './reads/meldingen-read.controller';
import { RegisterMeldingHandler } from './meldingen/register-melding.handler';

@Module({
  imports: [
    ServiceModule.forRoot({
      service: 'intake',
      httpPort: 3001,
      databaseSchema: 'intake',
      migrations: [CreateMeldingen1764300000100, RegistrationModel1764300000110, Radar1764300000120],
      produces: [TOPICS.meldingen, TOPICS.auditAccess],
      consumers: [{ groupId: 'intake', topics: [TOPICS.householdPhases], handlers: [HouseholdCaseHandlers] }],
    }),
  ],
  controllers: [RegisterMeldingController, MeldingenReadController],
  providers: [RegisterMeldingHandler, HouseholdCaseHandlers],
})
export class IntakeModule {}
