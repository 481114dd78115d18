import { BadRequestException, Param, PipeTransform } from '@nestjs/common';
import { unknownRegionProblem } from '@vt/reference-data';

/** A `{region}` route parameter: a VT region code in force (`vt-west-brabant`, `vt-bq-bonaire`); a veiligheidsregio is refused naming the VT region(s) that serve it. */
class RegionPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const problem = unknownRegionProblem(value);
    if (problem) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'validation-failed',
        fields: [{ path: 'region', code: 'invalid-region', message: `region must be a VT region code like vt-amsterdam-amstelland, vt-west-brabant or vt-bq-bonaire: ${problem}` }],
      });
    }
    return value;
  }
}

export const RegionParam = () => Param('region', new RegionPipe());
