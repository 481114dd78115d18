import { Module } from '@nestjs/common';
import { TOPICS } from '@vt/contracts';
import { ApiDocument, ServiceModule } from '@vt/runtime';
import { CreateMeldingen1764300000100 } from './migrations/1764300000100-create-meldingen';
import { RegistrationModel1764300000110 } from './migrations/1764300000110-registration-model';
import { Radar1764300000120 } from './migrations/1764300000120-radar';
import { MelderAsPerson1764300000140 } from './migrations/1764300000140-melder-as-person';
import { IslandHouseholds1764300000150 } from './migrations/1764300000150-island-households';
import { MeldingStatus1764300000160 } from './migrations/1764300000160-melding-status';
import { ReceiptAndRegistration1764300000172 } from './migrations/1764300000172-receipt-and-registration';
import { receiptPolicyProvider } from './meldingen/receipt-policy';
import { MeldingStatusHandlers } from './reads/melding-status.handlers';
import { Adviesvragen1764300000130 } from './migrations/1764300000130-adviesvragen';
import { AdviesvragenController } from './adviesvragen/adviesvragen.controller';
import { RegisterAdviesvraagHandler } from './adviesvragen/register-adviesvraag.handler';
import { ConvertAdviesvraagHandler } from './adviesvragen/convert-adviesvraag.handler';
import { HouseholdCaseHandlers } from './radar/household-case.handlers';
import { RadarMatchesController } from './radar/radar-matches.controller';
import { RadarCaseHandover1764300000193 } from './migrations/1764300000193-radar-case-handover';
import { OutboxByHousehold1764300000196 } from './migrations/1764300000196-outbox-by-household';
import { HouseholdTimelineController } from './reads/household-timeline.controller';
import { RegisterMeldingController } from './meldingen/register-melding.controller';
import { MeldingenReadController } from './reads/meldingen-read.controller';
import { INTAKE_API } from './openapi/intake.api';
import { RegisterMeldingHandler } from './meldingen/register-melding.handler';
import { Erasure1764300000185 } from './privacy/1764300000185-erasure.migration';
import { AdviesvraagErasure1764300000190 } from './privacy/1764300000190-adviesvraag-erasure.migration';
import { HouseholdErasure1764300000195 } from './privacy/1764300000195-household-erasure.migration';
import { ErasureController } from './privacy/erasure.controller';
import { ErasureService } from './privacy/erasure.service';
import { ErasureClockRunner } from './privacy/erasure-clock.runner';
import { INTAKE_GROUP } from './consumer-groups';

@Module({
  imports: [
    ServiceModule.forRoot({
      service: 'intake',
      httpPort: 3001,
      databaseSchema: 'intake',
      migrations: [CreateMeldingen1764300000100, RegistrationModel1764300000110, Radar1764300000120, Adviesvragen1764300000130, MelderAsPerson1764300000140, IslandHouseholds1764300000150, MeldingStatus1764300000160, ReceiptAndRegistration1764300000172, Erasure1764300000185, AdviesvraagErasure1764300000190, RadarCaseHandover1764300000193, HouseholdErasure1764300000195, OutboxByHousehold1764300000196],
      personalData: true,
      produces: [TOPICS.meldingen, TOPICS.auditAccess, TOPICS.adviesvragen, TOPICS.privacyErasures],
      consumers: [{ groupId: INTAKE_GROUP, topics: [TOPICS.householdPhases, TOPICS.triageAssessments] }],
    }),
  ],
  controllers: [HouseholdCaseHandlers, MeldingStatusHandlers, RegisterMeldingController, MeldingenReadController, HouseholdTimelineController, AdviesvragenController, ErasureController, RadarMatchesController],
  providers: [receiptPolicyProvider, RegisterMeldingHandler, RegisterAdviesvraagHandler, ConvertAdviesvraagHandler, ErasureService, ErasureClockRunner],
})
@ApiDocument(INTAKE_API)
export class IntakeModule {}
