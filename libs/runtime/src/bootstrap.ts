import { INestApplication, Logger, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SERVICE_CONFIG } from './tokens';
import type { ServiceConfig } from './config';
import { FieldProblem, validationFailed } from './problem';
import { bodyParserProblems, DEFAULT_INPUT_LIMITS, InputLimits, inspectRequest, JSON_MEDIA_TYPES, requireJsonBody } from './input-limits';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { currentRootLogger, rootLogger } from './logging';
import { initTracing, requestContextMiddleware } from './tracing';
import { HttpMetrics, routeLabel } from './metrics/http-metrics';
import { KafkaInboxTransport } from './events/kafka-inbox.transport';
import { ApiDocumentHolder, buildApiDocument } from './api-document';

const TYPE_CONSTRAINTS = new Set(['isString', 'isArray', 'isObject', 'isDefined']);
const UPPER_LIMITS = new Set(['maxLength', 'arrayMaxSize']);

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    // A value of the wrong type (or none) is not also "too long": the upper limits only speak about a value of the type.
    const wrongType = Object.keys(error.constraints ?? {}).some((code) => TYPE_CONSTRAINTS.has(code));
    const own = Object.entries(error.constraints ?? {}).filter(([code]) => !(wrongType && UPPER_LIMITS.has(code))).map(([code, message]) => ({
      path,
      code: code === 'whitelistValidation' ? 'unknown-field' : code,
      message: code === 'whitelistValidation' ? `${path} is not a known field` : message,
    }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Whitelisted DTOs; a rejection is a 400 that lists every failing field by path, code and message. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}

function httpMetricsOf(app: NestExpressApplication): HttpMetrics | undefined {
  try {
    return app.get(HttpMetrics, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * Bodies are JSON objects of at most 256 kB nested at most 32 deep; anything else is a 4xx problem before
 * a controller sees it (docs/adr/0025). The problem filter itself is global through ServiceModule.
 */
export function configureHttp(app: NestExpressApplication, limits: InputLimits = DEFAULT_INPUT_LIMITS): void {
  // First, so that every request is timed, also one refused before routing (e.g. a body too large). An app
  // without ServiceModule (a test of the input limits alone) has no metrics.
  const metrics = httpMetricsOf(app);
  if (metrics) app.use(metrics.middleware());
  app.use(requireJsonBody);
  app.useBodyParser('json', { limit: limits.maxBodySize, type: JSON_MEDIA_TYPES });
  app.use(bodyParserProblems);
  app.use(inspectRequest(limits));
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
}

/**
 * Connects the service's `KafkaInboxTransport` (its provider) as a Nest microservice of the app, so Nest
 * registers the `@OnEvent` handlers with it (docs/adr/0028). Global HTTP enhancers (auth guard, HTTP exception
 * filter, validation pipe) are not inherited: events are not requests. `app.startAllMicroservices()` starts the consumers.
 */
export function connectEventTransport(app: INestApplication): KafkaInboxTransport {
  const transport = app.get(KafkaInboxTransport);
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: false });
  return transport;
}

/** Creates, configures and starts a service (providers, relay, consumers, then HTTP); returns it listening. Logs are JSON lines through pino (docs/adr/0023). */
export async function bootstrapService(module: Type<unknown>): Promise<INestApplication> {
  // The service module made the root logger when it was defined: log through it from the first line on, so a
  // start-up that hangs (a database or broker not there) says so as it happens.
  const root = currentRootLogger();
  const early = root ? new PinoNestLogger(new PinoLogger({ pinoHttp: { logger: root } }), {}) : undefined;
  // abortOnError: false, so that a failed start reaches the service's main (exitOnStartupFailure: one fatal line, and the
  // message in plain text on stderr) instead of Nest's own exit.
  const app = await NestFactory.create<NestExpressApplication>(module, { abortOnError: false, ...(early ? { logger: early } : { bufferLogs: true }) });
  app.useLogger(app.get(PinoNestLogger));
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  // Before the consumers start, so that they handle events in their spans.
  const tracing = initTracing(config.service);
  const requests = rootLogger(config.service).child({ context: 'Http' });
  app.use(
    requestContextMiddleware((request, response, _context, durationMs) => {
      const route = routeLabel(request);
      const quiet = route.startsWith('/health') || route === '/metrics';
      const fields = { method: request.method, route, status: response.statusCode, durationMs: Math.round(durationMs * 10) / 10 };
      // Health and metrics at debug whatever they answer: a readiness 503 while the service starts is its answer, not a failure.
      if (quiet) requests.debug(fields, 'request completed');
      else if (response.statusCode >= 500) requests.error(fields, 'request failed');
      else requests.info(fields, 'request completed');
    }),
  );
  // After the request context: a body refused before any controller (415, 413, too deep) is logged and traced too.
  configureHttp(app);
  // The OpenAPI document, generated from the controllers when first asked for (GET /api/openapi.json; docs/adr/0029).
  app.get(ApiDocumentHolder).buildOnFirstRead(() => buildApiDocument(app, module));
  connectEventTransport(app);
  // Every provider initialised (and the relay started) before the first event is handled; the consumers start
  // without waiting for the broker (they retry by themselves, docs/adr/0026), then the HTTP port opens.
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.httpPort, config.httpHost);
  new Logger('Bootstrap').log(`${config.service} listening on ${await app.getUrl()}${tracing.exporting ? ', exporting traces' : ''}`);
  return app;
}
