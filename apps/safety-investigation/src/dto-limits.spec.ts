import { dtoLimitProblems } from '@vt/runtime';
import { ConfirmImmediateSafetyDto, MonitoringResultDto, PhaseTransitionDto, SafetyConditionsDto } from './household-phases/household-phases.dto';
import { ExtendHuisverbodDto, ImposeHuisverbodDto } from './huisverbod/huisverbod.dto';
import { ConclusionDto, FindingDto, PlanStepDto } from './investigation/investigation.dto';

// Issue 13 point 5: every bad input is a 400 naming the field, so every body DTO of safety-investigation carries its limits.
describe('safety-investigation request bodies', () => {
  it('check every nested object, list and string they accept', () => {
    expect(dtoLimitProblems([ConfirmImmediateSafetyDto, PhaseTransitionDto, SafetyConditionsDto, MonitoringResultDto, ImposeHuisverbodDto, ExtendHuisverbodDto, PlanStepDto, FindingDto, ConclusionDto])).toEqual([]);
  });
});
