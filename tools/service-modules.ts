import type { Type } from '@nestjs/common';
import { CrisisTriageModule } from '../apps/crisis-triage/src/crisis-triage.module';
import { IntakeModule } from '../apps/intake/src/intake.module';
import { ReferralModule } from '../apps/referral/src/referral.module';
import { SignalMatchingModule } from '../apps/signal-matching/src/signal-matching.module';
import { ShelterPlacementModule } from '../apps/shelter-placement/src/shelter-placement.module';
import { SafetyInvestigationModule } from '../apps/safety-investigation/src/safety-investigation.module';

/** Every service's root module (each carries `@ApiDocument`), in `SERVICES` order. */
export const SERVICE_MODULES: Type[] = [IntakeModule, CrisisTriageModule, SafetyInvestigationModule, ReferralModule, SignalMatchingModule, ShelterPlacementModule];
