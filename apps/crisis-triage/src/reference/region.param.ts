import { BadRequestException, Param, PipeTransform } from '@nestjs/common';

class RegionPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^(VR\d{2}|vt-bq-(bonaire|saba|sint-eustatius))$/.test(value)) {
      throw new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: [{ path: 'region', code: 'invalid-region', message: 'region must be a veiligheidsregio like VR09 or an island desk like vt-bq-bonaire' }] });
    }
    return value;
  }
}

export const RegionParam = () => Param('region', new RegionPipe());
