import { INestApplication, Logger, LogLevel, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SERVICE_CONFIG } from './tokens';
import type { ServiceConfig } from './config';
import { FieldProblem, validationFailed } from './problem';
import { bodyParserProblems, DEFAULT_INPUT_LIMITS, InputLimits, inspectRequest, JSON_MEDIA_TYPES, requireJsonBody } from './input-limits';

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

/**
 * Bodies are JSON objects of at most 256 kB nested at most 32 deep; anything else is a 4xx problem before
 * a controller sees it (docs/adr/0025). The problem filter itself is global through ServiceModule.
 */
export function configureHttp(app: NestExpressApplication, limits: InputLimits = DEFAULT_INPUT_LIMITS): void {
  app.use(requireJsonBody);
  app.useBodyParser('json', { limit: limits.maxBodySize, type: JSON_MEDIA_TYPES });
  app.use(bodyParserProblems);
  app.use(inspectRequest(limits));
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
}

/** Creates, configures and starts a service; returns it listening. */
export async function bootstrapService(module: Type<unknown>): Promise<INestApplication> {
  const levels: LogLevel[] = process.env['LOG_LEVEL'] === 'debug' ? ['fatal', 'error', 'warn', 'log', 'debug'] : ['fatal', 'error', 'warn', 'log'];
  const app = await NestFactory.create<NestExpressApplication>(module, { logger: levels });
  configureHttp(app);
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  await app.listen(config.httpPort, config.httpHost);
  new Logger('Bootstrap').log(`${config.service} listening on ${await app.getUrl()}`);
  return app;
}
