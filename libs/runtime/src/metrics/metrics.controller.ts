import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
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
  @Header('Cache-Control', 'no-store')
  async metrics(@Res({ passthrough: true }) response: Response): Promise<string> {
    await this.state.collect();
    response.type(this.registry.contentType);
    return this.registry.metrics();
  }
}
