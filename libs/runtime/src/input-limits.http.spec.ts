import { Body, Controller, Get, INestApplication, Module, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { configureHttp } from './bootstrap';
import { ProblemFilter } from './problem.filter';

// Issue 13 point 5: every bad input is a 4xx problem (RFC 9457) naming the field or a code, never a 500.
class PersonDto {
  @IsString()
  @MaxLength(200)
  name!: string;
}

class ThingDto {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  melder!: PersonDto;

  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  tags!: string[];
}

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() dto: ThingDto): { name: string } {
    return { name: dto.melder.name };
  }

  @Get(':id')
  one(@Param('id', new ParseUUIDPipe()) id: string, @Query('q') q?: string): { id: string; q?: string } {
    return { id, ...(q ? { q } : {}) };
  }

  @Get()
  broken(): never {
    throw new Error('select * from secrets where name = $1');
  }
}

@Module({ controllers: [ThingsController], providers: [{ provide: APP_FILTER, useFactory: () => new ProblemFilter(5) }] })
class ThingsModule {}

describe('input limits and problem responses over HTTP', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ThingsModule] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureHttp(app as NestExpressApplication);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(`${url}/things`, { method: 'POST', headers, body });
  async function problemOf(response: Response): Promise<Record<string, unknown> & { fields?: Array<{ path: string; code: string }> }> {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await response.json()) as Record<string, unknown> & { fields?: Array<{ path: string; code: string }> };
  }

  it('accepts a valid body', async () => {
    const response = await post(JSON.stringify({ melder: { name: 'A' }, tags: [] }));
    expect(response.status).toBe(201);
  });

  it('names a missing or wrongly typed nested object (400 validation-failed)', async () => {
    for (const melder of [undefined, null, 'text', 3, []]) {
      const response = await post(JSON.stringify({ melder, tags: [] }));
      expect(response.status).toBe(400);
      const body = await problemOf(response);
      expect(body).toMatchObject({ type: 'https://veilig-thuis.example/problems/validation-failed', status: 400, statusCode: 400, error: 'validation-failed' });
      expect(body.fields?.map((field) => field.path)).toContain('melder');
    }
  });

  it('answers malformed JSON with 400 malformed-json', async () => {
    const body = await problemOf(await post('{"melder": {'));
    expect(body).toMatchObject({ status: 400, error: 'malformed-json' });
  });

  it('answers a body that is not an object (array, string, number) with 400', async () => {
    for (const text of ['[]', '"x"', '3', 'null']) {
      const response = await post(text);
      expect(response.status).toBe(400);
      expect((await problemOf(response)).error).toMatch(/^(validation-failed|malformed-json)$/);
    }
  });

  it('answers a body nested thousands deep with 400 body-too-deep, not a stack overflow', async () => {
    const depth = 100_000;
    const response = await post(`{"melder":${'['.repeat(depth)}${']'.repeat(depth)},"tags":[]}`);
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toMatchObject({ error: 'body-too-deep' });
  });

  it('answers an oversized body with 413 payload-too-large', async () => {
    const response = await post(JSON.stringify({ melder: { name: 'x'.repeat(300_000) }, tags: [] }));
    expect(response.status).toBe(413);
    expect(await problemOf(response)).toMatchObject({ status: 413, error: 'payload-too-large' });
  });

  it('answers a wrong or missing Content-Type with 415 unsupported-media-type', async () => {
    const valid = JSON.stringify({ melder: { name: 'A' }, tags: [] });
    for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }, { 'content-type': 'application/xml' }]) {
      const response = await post(valid, headers);
      expect(response.status).toBe(415);
      expect(await problemOf(response)).toMatchObject({ error: 'unsupported-media-type' });
    }
    const blob = await fetch(`${url}/things`, { method: 'POST', body: new Blob([valid]) });
    expect(blob.status).toBe(415);
  });

  it('refuses NUL characters, lone surrogates and prototype keys, naming the field', async () => {
    const cases: Array<[string, string, string]> = [
      [JSON.stringify({ melder: { name: 'a\u0000b' }, tags: [] }), 'melder.name', 'invalid-characters'],
      ['{"melder":{"name":"a\\ud800b"},"tags":[]}', 'melder.name', 'invalid-characters'],
      ['{"melder":{"name":"a"},"tags":["\\udc00"]}', 'tags[0]', 'invalid-characters'],
      ['{"melder":{"name":"a","__proto__":{"admin":true}},"tags":[]}', 'melder.__proto__', 'forbidden-key'],
      ['{"melder":{"name":"a"},"tags":[],"constructor":{"prototype":{}}}', 'constructor', 'forbidden-key'],
      // Found by the input fuzz test: class-validator's whitelist took Object.prototype's names for known fields.
      ['{"melder":{"name":"a","toString":"x"},"tags":[]}', 'melder.toString', 'forbidden-key'],
      ['{"melder":{"name":"a"},"tags":[],"hasOwnProperty":1}', 'hasOwnProperty', 'forbidden-key'],
    ];
    for (const [text, path, code] of cases) {
      const response = await post(text);
      expect(response.status).toBe(400);
      expect((await problemOf(response)).fields).toEqual([expect.objectContaining({ path, code })]);
    }
  });

  it('refuses oversized arrays and strings through the DTO limits', async () => {
    const response = await post(JSON.stringify({ melder: { name: 'é'.repeat(201) }, tags: Array.from({ length: 11 }, () => 't') }));
    expect(response.status).toBe(400);
    expect((await problemOf(response)).fields?.map((field) => field.path).sort()).toEqual(['melder.name', 'tags']);
  });

  it('checks path parameters and the query (a non-UUID id, NUL in the query)', async () => {
    const notUuid = await fetch(`${url}/things/not-a-uuid`);
    expect(notUuid.status).toBe(400);
    await problemOf(notUuid);
    const nul = await fetch(`${url}/things/8a1c6e0e-8a5b-4c44-9c1e-3f0f7e6d1b2a?q=%00`);
    expect(nul.status).toBe(400);
    expect((await problemOf(nul)).fields).toEqual([expect.objectContaining({ path: 'query.q', code: 'invalid-characters' })]);
    const badEscape = await fetch(`${url}/things/%E0%A4%A`);
    expect(badEscape.status).toBe(400);
  });

  it('answers an unknown route with a 404 problem and an unexpected error with a bare 500 internal-error', async () => {
    expect(await problemOf(await fetch(`${url}/nowhere`))).toMatchObject({ status: 404, error: 'not-found' });
    const broken = await fetch(`${url}/things`);
    expect(broken.status).toBe(500);
    const text = await broken.clone().text();
    expect(await problemOf(broken)).toMatchObject({ status: 500, error: 'internal-error' });
    expect(text).not.toMatch(/select|secrets|\.ts:/);
  });
});
