import { dtoLimitProblems } from '@vt/runtime';
import { RegisterAdviesvraagDto } from './adviesvragen/register-adviesvraag.dto';
import { RegisterMeldingDto } from './meldingen/register-melding.dto';
import { EraseHouseholdDto, ErasePersonDto, RegisterErasureRequestDto } from './privacy/erasure.dto';
import { RadarMatchesDto } from './radar/radar-matches.dto';

// Issue 13 point 5: a missing nested object (melder, household, concerns), a wrong type, an endless list or
// string is a 400 naming the field, so every body DTO of intake carries the limits that make it one.
describe('intake request bodies', () => {
  it('check every nested object, list and string they accept', () => {
    expect(dtoLimitProblems([RegisterMeldingDto, RegisterAdviesvraagDto, RadarMatchesDto, ErasePersonDto, RegisterErasureRequestDto, EraseHouseholdDto])).toEqual([]);
  });
});
