import type { ServiceName } from '@vt/contracts';
import { crisisTriageModel } from './crisis-triage.model';
import { intakeModel } from './intake.model';
import { ServiceModel } from './model';
import { referralModel } from './referral.model';
import { safetyInvestigationModel } from './safety-investigation.model';
import { shelterPlacementModel } from './shelter-placement.model';
import { signalMatchingModel } from './signal-matching.model';

/** The auditor's model of every service, in the order the report lists them. */
export const SERVICE_MODELS: readonly ServiceModel[] = [intakeModel, crisisTriageModel, safetyInvestigationModel, referralModel, signalMatchingModel, shelterPlacementModel] as ServiceModel[];

export function modelsFor(services?: readonly ServiceName[]): ServiceModel[] {
  if (!services) return [...SERVICE_MODELS];
  return SERVICE_MODELS.filter((model) => services.includes(model.service));
}
