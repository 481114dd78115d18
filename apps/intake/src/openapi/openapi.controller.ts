import { Controller, Get, Header } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '@vt/auth';

/** The OpenAPI document kept in the repo; `openapi.spec.ts` keeps it in step with the controllers and DTOs. */
export const OPENAPI_DOCUMENT_PATH = join(__dirname, '..', '..', '..', '..', 'docs', 'openapi', 'intake.openapi.json');

/** Reads and parses the document; a missing or broken file throws, naming the file. */
export function loadOpenApiDocument(path = OPENAPI_DOCUMENT_PATH): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot read the OpenAPI document ${path}: ${(error as Error).message}`);
  }
}

/** `GET /api/openapi.json`: intake's OpenAPI 3.1 document, read once at start. No token needed. */
@Public()
@Controller('api')
export class OpenApiController {
  private readonly document = loadOpenApiDocument();

  @Get('openapi.json')
  @Header('Content-Type', 'application/json; charset=utf-8')
  openApi(): Record<string, unknown> {
    return this.document;
  }
}
