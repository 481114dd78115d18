import 'reflect-metadata';
import { Type } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { join } from 'node:path';
import { AARD_VAN_HET_GEWELD_CODES, GEWELD_TAG_CODES } from '@vt/intake-domain';
import { apiDocumentDrift, checkApiDocument, createApiDocument } from '@vt/runtime';
import { checkAdviesvraag } from '../adviesvragen/adviesvraag-rules';
import { RegisterAdviesvraagDto } from '../adviesvragen/register-adviesvraag.dto';
import { IntakeModule } from '../intake.module';
import { checkMelding } from '../meldingen/melding-rules';
import { RegisterMeldingDto } from '../meldingen/register-melding.dto';

/*
 * Issue 13, point 9: intake's OpenAPI document is generated from its controllers and DTOs (@nestjs/swagger), no
 * longer kept by hand, and a test fails when the committed docs/openapi/intake.openapi.json drifts from the code.
 * The document is built from the controllers' metadata alone (stub providers): no Postgres, no Kafka.
 */

interface Schema {
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
}

type Operation = { requestBody?: { content?: Record<string, { examples?: Record<string, { value: unknown }> }> } };

let document: OpenAPIObject;
beforeAll(async () => {
  document = await createApiDocument(IntakeModule);
});

const schemaOf = (name: string): Schema => (document.components?.schemas?.[name] ?? {}) as Schema;
const operation = (path: string, method: string): Operation => (document.paths[path] as Record<string, Operation>)[method] ?? {};
const sameSet = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((value) => b.includes(value));

describe('docs/openapi/intake.openapi.json', () => {
  it('is what the controllers and DTOs generate (else: run `npm run docs:generate`)', async () => {
    expect(await apiDocumentDrift(IntakeModule, join(__dirname, '..', '..', '..', '..'))).toBeUndefined();
  });

  it('documents every route, every $ref resolves, and each request schema says what its DTO validates, nested DTOs included', () => {
    expect(checkApiDocument(IntakeModule, document)).toEqual([]);
  });

  it('is OpenAPI 3.1 with the problem body every error answer has', () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(schemaOf('Problem').properties ?? {}).sort()).toEqual(['detail', 'error', 'fields', 'instance', 'status', 'statusCode', 'title', 'type']);
    expect(Object.keys(schemaOf('ProblemField').properties ?? {}).sort()).toEqual(['code', 'message', 'path']);
  });

  it('lists the aard van het geweld and the tags from the current code lists', () => {
    const problems = ['Concerns', 'AdviesvraagConcerns'].flatMap((name) => {
      const properties = schemaOf(name).properties ?? {};
      return [
        ...(sameSet(properties['aard']?.items?.enum ?? [], AARD_VAN_HET_GEWELD_CODES) ? [] : [`${name}.aard.items.enum differs from AARD_VAN_HET_GEWELD_CODES`]),
        ...(sameSet(properties['tags']?.items?.enum ?? [], GEWELD_TAG_CODES) ? [] : [`${name}.tags.items.enum differs from GEWELD_TAG_CODES`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('gives request examples that the DTOs and the registration rules accept', async () => {
    const bodies: { path: string; dto: Type; rules: (dto: never, now: Date) => { ok: boolean; problems?: unknown } }[] = [
      { path: '/api/v1/meldingen', dto: RegisterMeldingDto, rules: checkMelding as never },
      { path: '/api/v1/adviesvragen', dto: RegisterAdviesvraagDto, rules: checkAdviesvraag as never },
    ];
    const problems: string[] = [];
    let examples = 0;
    for (const { path, dto, rules } of bodies) {
      for (const [name, example] of Object.entries(operation(path, 'post').requestBody?.content?.['application/json']?.examples ?? {})) {
        examples += 1;
        const instance = plainToInstance(dto, example.value) as object;
        const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
        if (errors.length > 0) problems.push(`POST ${path} example ${name}: refused by ${dto.name}: ${errors.map((error) => error.toString()).join(' ')}`);
        const checked = rules(instance as never, new Date());
        if (!checked.ok) problems.push(`POST ${path} example ${name}: refused by the rules: ${JSON.stringify(checked.problems)}`);
      }
    }
    expect(examples).toBeGreaterThanOrEqual(2);
    expect(problems).toEqual([]);
  });

  it('uses the public test BSN 999993653 in the melding example', () => {
    const value = operation('/api/v1/meldingen', 'post').requestBody?.content?.['application/json']?.examples?.['professional']?.value as RegisterMeldingDto;
    expect(value.persons.map((person) => person.bsn)).toContain('999993653');
  });
});
