import 'reflect-metadata';
import { Body, Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsString } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule, createDevIssuer, Public, Roles } from '@vt/auth';
import { ApiDocument, ApiDocumentHolder, ApiProblem, createApiDocument, OpenApiController } from './api-document';
import { checkApiDocument } from './api-document-check';

/*
 * Issue 13, point 9: OpenAPI generated from the controllers. What follows from metadata the services already have
 * is added to every operation so it cannot drift from the code: @Public routes need no token, the others name
 * bearerAuth, their @Roles (`x-roles`), 401/403/503; a route with a body documents 400/413/415; every problem
 * answer has the shared Problem schema.
 */

class NoteDto {
  @IsString()
  @ApiProperty({ type: String })
  text!: string;
}

@Controller('notes')
class NotesController {
  @Public()
  @Get()
  list(): string[] {
    return [];
  }

  @Roles('admin')
  @Post()
  @ApiProblem(409, 'A note like it exists (`note-exists`).')
  add(@Body() dto: NoteDto): NoteDto {
    return dto;
  }
}

@ApiDocument({ service: 'notes', title: 'Notes', description: 'A test service.' })
@Module({ controllers: [NotesController] })
class NotesModule {}

describe('createApiDocument (from the controllers, without starting the service)', () => {
  it('marks @Public routes as needing no token, and the others with bearerAuth, their roles and their problem answers', async () => {
    const document = await createApiDocument(NotesModule);
    const paths = document.paths as Record<string, Record<string, { security?: unknown; responses: Record<string, { content?: Record<string, { schema?: unknown }> }>; 'x-roles'?: string[] }>>;
    expect(paths['/notes']?.['get']?.security).toEqual([]);
    const add = paths['/notes']?.['post'];
    expect(add?.security).toEqual([{ bearerAuth: [] }]);
    expect(add?.['x-roles']).toEqual(['admin']);
    expect(Object.keys(add?.responses ?? {})).toEqual(['201', '400', '401', '403', '409', '413', '415', '503']);
    for (const status of ['400', '401', '403', '409', '413', '415', '503']) {
      expect(add?.responses[status]?.content?.['application/problem+json']?.schema).toEqual({ $ref: '#/components/schemas/Problem' });
    }
    expect(document.components?.schemas?.['Note']).toMatchObject({ required: ['text'], additionalProperties: false });
    expect(checkApiDocument(NotesModule, document)).toEqual([]);
  });

  it('builds the same document every time (stable order)', async () => {
    expect(JSON.stringify(await createApiDocument(NotesModule))).toEqual(JSON.stringify(await createApiDocument(NotesModule)));
  });
});

describe('GET /api/openapi.json', () => {
  let dir: string;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vt-openapi-'));
    const issuer = createDevIssuer(join(dir, 'dev-issuer'));
    // The real guard, so that @Public() is what lets the request through.
    @Module({
      imports: [AuthModule.forRoot({ env: { AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: issuer.audience, AUTH_JWKS_FILE: issuer.jwksFile } })],
      controllers: [OpenApiController],
      providers: [ApiDocumentHolder],
    })
    class OpenApiTestModule {}
    app = await NestFactory.create(OpenApiTestModule, { logger: false });
    app.get(ApiDocumentHolder).document = await createApiDocument(NotesModule);
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the document built at start, as JSON, without a token', async () => {
    const response = await fetch(`${url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(app.get(ApiDocumentHolder).document)));
  });
});
