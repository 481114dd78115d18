import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';
import { LATENCY_BUCKETS, METRICS_REGISTRY } from './registry';

/** The route label of a request that matched no route (an unknown path, or rejected before routing, e.g. a body too large). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route template Express matched (`/api/v1/meldingen/:meldingId`), never the raw URL: no ids in labels,
 * and one series per route however many households there are.
 */
export function routeLabel(request: { route?: unknown; baseUrl?: string }): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  // No route, or Nest's catch-all that answers 404 (`{/*splat}` on Express 5): the services declare no wildcard routes.
  if (typeof path !== 'string' || path.includes('*')) return UNMATCHED_ROUTE;
  return `${request.baseUrl ?? ''}${path}` || '/';
}

/** `vt_http_request_duration_seconds{method, route, status}`: every HTTP request, from arrival to the last byte of the response. */
@Injectable()
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.duration = new Histogram({
      name: 'vt_http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status code.',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
  }

  /** Express middleware; mounted first (libs/runtime bootstrap) so that rejections before routing are counted too. */
  middleware(): (request: Request, response: Response, next: NextFunction) => void {
    return (request, response, next) => {
      const started = process.hrtime.bigint();
      response.once('finish', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        this.duration.observe({ method: request.method, route: routeLabel(request), status: String(response.statusCode) }, seconds);
      });
      next();
    };
  }
}
