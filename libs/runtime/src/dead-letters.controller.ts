import { Body, Controller, Get, HttpCode, HttpStatus, NotFoundException, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { RedriveResult } from '@vt/messaging';
import { CurrentActor, Roles } from '@vt/auth';
import { MessagingLifecycle } from './messaging-lifecycle';

export class DiscardDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  id!: string;

  @IsString()
  @MinLength(1, { message: 'reason must say why this dead letter is dropped' })
  @MaxLength(2000)
  reason!: string;
}

export class RedriveDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  householdId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(249)
  consumerGroup?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DiscardDto)
  discard?: DiscardDto[];
}

/**
 * For operators: which households are parked behind a dead letter, and re-driving them once the cause is
 * fixed (docs/adr/0002). Access control (operator role) comes with the intake issue's JWTs.
 */
@Roles('admin')
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly messaging: MessagingLifecycle) {}

  @Get()
  async list(): Promise<{ consumerGroups: { consumerGroup: string; parked: unknown[] }[] }> {
    const consumerGroups = [];
    for (const [consumerGroup, runner] of this.messaging.consumers()) consumerGroups.push({ consumerGroup, parked: await runner.parked() });
    return { consumerGroups };
  }

  @Post('redrive')
  @HttpCode(HttpStatus.OK)
  async redrive(@Body() dto: RedriveDto, @CurrentActor() actor: string): Promise<RedriveResult> {
    const consumers = this.messaging.consumers();
    const groupId = dto.consumerGroup ?? (await this.groupParking(dto.householdId));
    const runner = groupId ? consumers.get(groupId) : undefined;
    if (!runner) {
      throw new NotFoundException({ statusCode: 404, error: 'consumer-group-not-found', message: `name one of this service's consumer groups: ${[...consumers.keys()].join(', ') || '(none)'}` });
    }
    return runner.redrive(dto.householdId, { actor, discard: dto.discard ?? [] });
  }

  /**
   * The consumer group to re-drive when the operator named none: the only one, or else the only one the household
   * is parked in (a service with personal data also runs an erasure consumer). Undefined when that is not one group.
   */
  private async groupParking(householdId: string): Promise<string | undefined> {
    const consumers = this.messaging.consumers();
    if (consumers.size === 1) return [...consumers.keys()][0];
    const parkedIn: string[] = [];
    for (const [groupId, runner] of consumers) if ((await runner.parked()).some((parked) => parked.householdId === householdId)) parkedIn.push(groupId);
    return parkedIn.length === 1 ? parkedIn[0] : undefined;
  }
}
