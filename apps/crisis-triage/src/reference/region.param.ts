import { BadRequestException, Param, PipeTransform } from '@nestjs/common';

class RegionPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^VR\d{2}$/.test(value)) {
      throw new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: [{ path: 'region', code: 'invalid-region', message: 'region must be a region code like VR09' }] });
    }
    return value;
  }
}

export const RegionParam = () => Param('region', new RegionPipe());
