import { BadRequestException, INestApplication, Logger, LogLevel, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SERVICE_CONFIG } from './tokens';
import type { ServiceConfig } from './config';
import { ApiDocumentHolder, buildApiDocument } from './api-document';

export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({
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
    exceptionFactory: (errors) => new BadRequestException({ statusCode: 400, error: 'validation-failed', fields: flatten(errors) }),
  });
}

export function configureHttp(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: '256kb' });
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
}

/** Creates, configures and starts a service; returns it listening. */
export async function bootstrapService(module: Type<unknown>): Promise<INestApplication> {
  const levels: LogLevel[] = process.env['LOG_LEVEL'] === 'debug' ? ['fatal', 'error', 'warn', 'log', 'debug'] : ['fatal', 'error', 'warn', 'log'];
  const app = await NestFactory.create<NestExpressApplication>(module, { logger: levels });
  configureHttp(app);
  // The OpenAPI document, generated from the controllers (served at GET /api/openapi.json; docs/adr/0029).
  app.get(ApiDocumentHolder).document = buildApiDocument(app, module);
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  await app.listen(config.httpPort, config.httpHost);
  new Logger('Bootstrap').log(`${config.service} listening on ${await app.getUrl()}`);
  return app;
}
