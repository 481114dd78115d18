import { Controller, Get, HttpCode, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Kafka } from 'kafkajs';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@vt/auth';
import { DATA_SOURCE, KAFKA } from './tokens';
import { ConsumerGroupStatus } from './consumer-status';
import { MessagingLifecycle } from './messaging-lifecycle';

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
    private readonly messaging: MessagingLifecycle,
  ) {}

  /** The process is up; says nothing about its dependencies. */
  @Get('live')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'live', summary: 'Liveness', description: 'The process is up; says nothing about its dependencies. No token needed.' })
  @ApiOkResponse({ description: 'Live.', schema: { $ref: '#/components/schemas/Live' } })
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  /**
   * Whether this instance should get traffic (docs/adr/0026):
   * - `ready` (200): the database answers, the broker answers, every consumer is in its group and the relay keeps up;
   * - `degraded` (200): it can take requests, but events wait: the broker does not answer (the consumers
   *   cannot join, the relay holds events in the outbox) or the relay is behind (failing, or topics blocked).
   *   Accepting meldingen is what must go on, so a broker outage does not take intake out of service;
   * - `not-ready` (503): the database does not answer (nothing can be accepted), or a consumer is out of its
   *   group while the broker answers (a consumer of this instance is failing; it restarts by itself).
   * `checks.relay` names the relay's state: backlog, oldest unpublished, last publish, failing since, blocked topics.
   */
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
    const waiting = this.consumers.notJoined();
    // Every group of the service's one consumer registry (docs/adr/0028), joined or not.
    const groups = this.consumers.groups();
    const consumers = waiting.length === 0 ? { status: 'up' as const, groups } : { status: 'down' as const, error: `not joined: ${waiting.map((group) => group.group).join(', ')}`, groups };
    const relay = database.status === 'up' ? await this.relayCheck() : { status: 'unknown' as const, error: 'the outbox is in the database, which does not answer' };
    const ready = database.status === 'up' && (consumers.status === 'up' || kafka.status === 'down');
    const degraded = kafka.status === 'down' || consumers.status === 'down' || relay.status !== 'up';
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? (degraded ? 'degraded' : 'ready') : 'not-ready', checks: { database, kafka, consumers, relay } };
  }

  private async relayCheck(): Promise<Record<string, unknown> & { status: 'up' | 'behind' | 'unknown' }> {
    try {
      const state = await withTimeout(this.messaging.relayState() ?? Promise.reject(new Error('the relay has not started')), 2000, 'the outbox');
      const behind = state.failingSince !== undefined || state.blockedTopics.length > 0;
      return { status: behind ? 'behind' : 'up', ...state };
    } catch (error) {
      return { status: 'unknown', error: (error as Error).message };
    }
  }
}
