import { Controller, Get, HttpCode, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Kafka } from 'kafkajs';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@vt/auth';
import { DATA_SOURCE, KAFKA } from './tokens';
import { ConsumerGroupStatus } from './consumer-status';

type Check = { status: 'up' } | { status: 'down'; error: string };

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);
}

async function check(run: () => Promise<unknown>): Promise<Check> {
  try {
    await run();
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  }
}

@Public()
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly consumers: ConsumerGroupStatus,
  ) {}

  /** The process is up; says nothing about its dependencies. */
  @Get('live')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'live', summary: 'Liveness', description: 'The process is up; says nothing about its dependencies. No token needed.' })
  @ApiOkResponse({ description: 'Live.', schema: { $ref: '#/components/schemas/Live' } })
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  /** Ready when the database answers, the broker answers and every consumer has joined its group. */
  @Get('ready')
  @ApiOperation({ operationId: 'ready', summary: 'Readiness', description: 'Ready when Postgres answers, Kafka answers and every consumer has joined its group (each checked within 2 s). No token needed.' })
  @ApiOkResponse({ description: 'Ready.', schema: { $ref: '#/components/schemas/Readiness' } })
  @ApiServiceUnavailableResponse({ description: 'Not ready; the failing checks say why.', schema: { $ref: '#/components/schemas/Readiness' } })
  async ready(@Res({ passthrough: true }) response: Response): Promise<Record<string, unknown>> {
    const [database, kafka] = await Promise.all([
      check(() => withTimeout(this.dataSource.query('select 1'), 2000, 'Postgres')),
      check(async () => {
        const admin = this.kafka.admin();
        try {
          await withTimeout(admin.connect().then(() => admin.describeCluster()), 2000, 'Kafka');
        } finally {
          await admin.disconnect().catch(() => undefined);
        }
      }),
    ]);
    const consumers: Check = this.consumers.allJoined() ? { status: 'up' } : { status: 'down', error: `not yet joined: ${this.consumers.waiting().join(', ')}` };
    const ready = database.status === 'up' && kafka.status === 'up' && consumers.status === 'up';
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ready' : 'not-ready', checks: { database, kafka, consumers } };
  }
}
