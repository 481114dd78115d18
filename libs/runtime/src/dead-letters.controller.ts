import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, HttpStatus, NotFoundException, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { BlockedTopic, RedriveResult } from '@vt/messaging';
import { CurrentActor, Roles } from '@vt/auth';
import { MessagingLifecycle } from './messaging-lifecycle';
import { KafkaInboxTransport } from './events/kafka-inbox.transport';
import { ApiProblem } from './api-document';

export class DiscardDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @ApiProperty({ type: String, minLength: 1, maxLength: 200, description: 'The dead letter\'s event id, or `topic:partition:offset` when it could not be read.' })
  id!: string;

  @IsString()
  @MinLength(1, { message: 'reason must say why this dead letter is dropped' })
  @MaxLength(2000)
  @ApiProperty({ type: String, minLength: 1, maxLength: 2000, description: 'Why this dead letter is dropped; recorded.' })
  reason!: string;
}

export class RedriveDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @ApiProperty({ type: String, minLength: 1, maxLength: 200, description: 'The parked household (the record key).' })
  householdId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(249)
  @ApiPropertyOptional({ type: String, maxLength: 249, description: 'Optional when the service has one consumer group (intake: `intake`).' })
  consumerGroup?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DiscardDto)
  @ApiPropertyOptional({ type: () => DiscardDto, isArray: true, maxItems: 100, description: 'Dead letters to drop instead of applying, each with the reason.' })
  discard?: DiscardDto[];
}

/**
 * For operators: which households are parked behind a dead letter, and re-driving them once the cause is
 * fixed (docs/adr/0002). Access control (operator role) comes with the intake issue's JWTs.
 */
@Roles('admin')
@ApiTags('operations')
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(
    private readonly messaging: KafkaInboxTransport,
    private readonly lifecycle: MessagingLifecycle,
  ) {}

  /**
   * Parked households per consumer group, each group's state (joined, restarts, failing since), and the
   * topics the outbox relay cannot publish to (their rows wait in order until the cause is fixed, docs/adr/0026).
   */
  @Get()
  @ApiOperation({ operationId: 'listDeadLetters', summary: 'Parked households', description: 'Role `admin`. For each consumer group of this service, the households parked behind a dead letter (docs/adr/0002).' })
  @ApiOkResponse({ description: 'Parked households per consumer group.', schema: { $ref: '#/components/schemas/ParkedHouseholds' } })
  async list(): Promise<{ consumerGroups: { consumerGroup: string; parked: unknown[] }[]; blockedTopics: BlockedTopic[] }> {
    const consumerGroups = [];
    for (const [consumerGroup, runner] of this.messaging.consumers()) consumerGroups.push({ consumerGroup, ...runner.state(), parked: await runner.parked() });
    return { consumerGroups, blockedTopics: this.lifecycle.outboxRelay()?.blockedTopics() ?? [] };
  }

  @Post('redrive')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'redriveDeadLetters',
    summary: 'Re-drive a parked household',
    description:
      "Role `admin`. Applies the household's dead letters again, in order, with the handlers as they are now; those listed in `discard` are dropped with the reason recorded. When all went through, the household is unparked.",
  })
  @ApiOkResponse({ description: 'What the re-drive did.', schema: { $ref: '#/components/schemas/RedriveResult' } })
  @ApiProblem(404, "No such consumer group in this service (`consumer-group-not-found`); the detail names this service's consumer groups.")
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
