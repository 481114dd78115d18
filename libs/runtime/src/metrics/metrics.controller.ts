import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import { Public } from '@vt/auth';
import { METRICS_REGISTRY } from './registry';
import { StateMetrics } from './state-metrics';

/**
 * `GET /metrics`: Prometheus text format. Public like the health endpoints: the series carry no personal
 * data (labels are route templates, status codes, event types, topics, consumer groups, partitions, clock
 * names and VT region codes), so a scraper needs no token. Keep the port off the public network anyway.
 */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly state: StateMetrics,
  ) {}

  @Get()
  async metrics(@Res() response: Response): Promise<void> {
    await this.state.collect();
    const body = await this.registry.metrics();
    // Written as is: Express's send() would add a charset parameter to prom-client's content type.
    response.status(200).setHeader('Content-Type', this.registry.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.end(body);
  }
}
