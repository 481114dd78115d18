import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { RedriveDto } from './dead-letters.controller';
import { dtoLimitProblems } from './dto-limits';

class Loose {
  @IsString()
  name!: string;

  @IsString({ each: true })
  tags!: string[];
}

class LooseRoot {
  @ValidateNested()
  @Type(() => Loose)
  melder!: Loose;
}

class Tight {
  @IsString()
  @MaxLength(10)
  name!: string;
}

class TightRoot {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => Tight)
  melder!: Tight;

  @IsArray()
  @ArrayMaxSize(3)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => Tight)
  persons!: Tight[];
}

// The rules of docs/adr/0025 for request DTOs (issue 13 point 5), followed into nested DTOs.
describe('dtoLimitProblems', () => {
  it('names every unchecked nested object, list and string, also in nested DTOs', () => {
    expect(dtoLimitProblems([LooseRoot])).toEqual([
      'Loose.name: a string needs @MaxLength()',
      'Loose.tags: a list needs @ArrayMaxSize()',
      'Loose.tags: a list needs @IsArray()',
      'Loose.tags: strings in a list need @MaxLength({ each: true })',
      'LooseRoot.melder: a nested object needs @IsDefined() or @IsOptional()',
      'LooseRoot.melder: a nested object needs @IsObject()',
    ]);
  });

  it('finds nothing in a DTO that checks all of it', () => {
    expect(dtoLimitProblems([TightRoot])).toEqual([]);
  });

  it('finds nothing in the dead-letter admin body every service takes', () => {
    expect(dtoLimitProblems([RedriveDto])).toEqual([]);
  });
});
