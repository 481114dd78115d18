import { dtoLimitProblems } from '@vt/runtime';
import { CompleteAssessmentDto } from './assessment/assessment.controller';
import { ExtendDeadlineDto } from './clocks/deadlines.controller';
import { RecordCrisisActionDto } from './crisis/crisis.controller';
import { RecordInformingDto } from './informing/informing.controller';

// Issue 13 point 5: every bad input is a 400 naming the field, so every body DTO of crisis-triage carries its limits.
describe('crisis-triage request bodies', () => {
  it('check every nested object, list and string they accept', () => {
    expect(dtoLimitProblems([CompleteAssessmentDto, ExtendDeadlineDto, RecordCrisisActionDto, RecordInformingDto])).toEqual([]);
  });
});
