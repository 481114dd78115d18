import { Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { OpenAPIObject } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import { controllersOf, DocumentedRoute, routesOf } from './api-document';

/*
 * Checks a generated OpenAPI document against what the code enforces, for the drift tests and the generator:
 * every route the controllers declare is documented, every `$ref` resolves, and each request body's schema
 * says what its class-validator DTO says (properties, required, enums, lengths, sizes, patterns, types),
 * recursively through nested DTOs. The @ApiProperty decorators are written by hand next to the validation
 * decorators (no CLI plugin), so this is what keeps the two from drifting apart. Each problem is a sentence
 * naming the route or property.
 */

interface Schema {
  [keyword: string]: unknown;
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function bodyTypeOf(route: DocumentedRoute): Type | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.handlerName) as Record<string, { index: number }> | undefined) ?? {};
  const paramTypes = (Reflect.getMetadata('design:paramtypes', route.controller.prototype as object, route.handlerName) as unknown[] | undefined) ?? [];
  const body = Object.entries(args).find(([key]) => key.split(':')[0] === String(RouteParamtypes.BODY));
  return body ? (paramTypes[body[1].index] as Type) : undefined;
}

// --- DTOs against request schemas ----------------------------------------------------------------------

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

const validationMetadataOf = (dto: Type): ValidationMetadata[] => getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);

/** The class a nested property is turned into (its `@Type`), found by letting class-transformer do it. */
function nestedClassOf(dto: Type, property: string, each: boolean): Type | undefined {
  const instance = plainToInstance(dto, { [property]: each ? [{}] : {} }) as Record<string, unknown>;
  const value = instance[property];
  const nested = (each && Array.isArray(value) ? (value as unknown[])[0] : value) as object | undefined;
  return nested && nested.constructor !== Object ? (nested.constructor as Type) : undefined;
}

const show = (value: unknown): string => JSON.stringify(value);
/** `maxLength` → `@MaxLength`, as the decorator is written. */
const decorator = (meta: ValidationMetadata): string => {
  const name = meta.name ?? meta.type;
  return `@${name.charAt(0).toUpperCase()}${name.slice(1)}`;
};
const sameSet = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((value) => b.includes(value));

/**
 * What a class-validator constraint means in JSON Schema, checked on `schema` (the property's, or its
 * `items` for `each`). Returns a problem or undefined. A decorator without a rule here is a problem, so a
 * new kind of constraint gets a rule rather than going unchecked.
 */
function checkConstraint(meta: ValidationMetadata, schema: Schema): string | undefined {
  const [first] = (meta.constraints ?? []) as unknown[];
  const expect = (keyword: string, value: unknown): string | undefined =>
    schema[keyword] === value ? undefined : `has ${keyword} ${show(schema[keyword])}; ${decorator(meta)} says ${show(value)}`;
  const types = asList(schema.type);
  const expectType = (type: string): string | undefined => (types.includes(type) ? undefined : `has type ${show(schema.type)}; ${decorator(meta)} says ${show(type)}`);
  switch (meta.name ?? meta.type) {
    case 'isDefined':
      // Required, which the comparison of `required` lists checks.
      return undefined;
    case 'isObject':
      return types.includes('object') || schema.properties !== undefined ? undefined : `has type ${show(schema.type)}; @IsObject says an object`;
    case 'isIn':
      return sameSet(schema.enum ?? [], first as unknown[]) ? undefined : `has enum ${show(schema.enum)}; @IsIn says ${show(first)}`;
    case 'maxLength':
      // A code list already bounds the length: every allowed value is shorter.
      if (Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string' && value.length <= (first as number))) return undefined;
      return expect('maxLength', first);
    case 'minLength':
      return expect('minLength', first);
    case 'isNotEmpty':
      return typeof schema['minLength'] === 'number' && schema['minLength'] >= 1 ? undefined : `has minLength ${show(schema['minLength'])}; @IsNotEmpty says at least 1`;
    case 'arrayMaxSize':
      return expect('maxItems', first);
    case 'arrayMinSize':
      return expect('minItems', first);
    case 'arrayUnique':
      return expect('uniqueItems', true);
    case 'min':
      return expect('minimum', first);
    case 'max':
      return expect('maximum', first);
    case 'matches':
      return expect('pattern', (first as RegExp).source);
    case 'isInt':
      return expectType('integer');
    case 'isBoolean':
      return expectType('boolean');
    case 'isArray':
      return expectType('array');
    case 'isString':
    case 'isIso8601':
    case 'isDateString':
      return expectType('string');
    case 'isEmail':
      return expectType('string') ?? expect('format', 'email');
    case 'isUuid':
      return expectType('string') ?? expect('format', 'uuid');
    default:
      return `has no rule in api-document-check.ts for ${decorator(meta)}; add one`;
  }
}

/**
 * Compares a DTO with its schema in the document, recursively through nested DTOs; returns the problems,
 * each naming the route, the field (`body.melder.phone`), the DTO and the schema.
 */
function compareDto(resolve: (schema: Schema | undefined) => Schema | undefined, dto: Type, schemaOrRef: Schema, route: string, where = 'body', seen = new Set<string>()): string[] {
  const schemaName = schemaOrRef.$ref ?? 'an inline schema';
  const key = `${dto.name}=${schemaName}`;
  if (schemaOrRef.$ref && seen.has(key)) return [];
  seen.add(key);
  const schema = resolve(schemaOrRef);
  if (!schema) return [`${route}: ${where}: no schema for ${dto.name}`];
  const at = `${route}: ${where} (${dto.name} ↔ ${schemaName})`;
  const problems: string[] = [];
  const metas = validationMetadataOf(dto);
  const properties = [...new Set(metas.map((meta) => meta.propertyName))];
  const documented = Object.keys(schema.properties ?? {});
  for (const property of properties.filter((p) => !documented.includes(p))) problems.push(`${at}: ${dto.name}.${property} is not in the document's schema`);
  for (const property of documented.filter((p) => !properties.includes(p))) problems.push(`${at}: the document's ${property} is not a property of ${dto.name}`);
  if (schema['additionalProperties'] !== false) problems.push(`${at}: unknown fields are refused, so the schema needs additionalProperties: false`);

  const required = properties.filter((property) => !metas.some((meta) => meta.propertyName === property && meta.type === 'conditionalValidation'));
  const documentedRequired = schema.required ?? [];
  for (const property of required.filter((p) => !documentedRequired.includes(p))) problems.push(`${at}: ${property} is required by ${dto.name} but not in the schema's required`);
  for (const property of documentedRequired.filter((p) => !required.includes(p))) problems.push(`${at}: ${property} is in the schema's required but optional in ${dto.name}`);

  for (const property of properties.filter((p) => documented.includes(p))) {
    const propertySchema = resolve(schema.properties?.[property]) ?? {};
    const path = `${route}: ${where}.${property}`;
    for (const meta of metas.filter((m) => m.propertyName === property)) {
      if (meta.type === 'conditionalValidation' || meta.type === 'whitelistValidation') continue;
      const target = meta.each ? resolve(propertySchema.items) : propertySchema;
      if (meta.each && !asList(propertySchema.type).includes('array')) problems.push(`${path} (${dto.name}): ${decorator(meta)}({ each: true }) needs type array`);
      if (!target) {
        problems.push(`${path} (${dto.name}): the schema has no items for ${decorator(meta)}({ each: true })`);
        continue;
      }
      if (meta.type === 'nestedValidation') {
        const nested = nestedClassOf(dto, property, meta.each ?? false);
        if (!nested) problems.push(`${path} (${dto.name}): @ValidateNested without @Type, cannot compare`);
        else problems.push(...compareDto(resolve, nested, (meta.each ? propertySchema.items : schema.properties?.[property]) ?? {}, route, `${where}.${property}${meta.each ? '[]' : ''}`, seen));
        continue;
      }
      const problem = checkConstraint(meta, target);
      if (problem) problems.push(`${path}${meta.each ? '[]' : ''} (${dto.name}): the document ${problem}`);
    }
  }
  return problems;
}

/** The problems of `document` as the document of the service whose root module is `module`; empty when none. */
export function checkApiDocument(module: Type, document: OpenAPIObject): string[] {
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  function resolve(schema: Schema | undefined): Schema | undefined {
    let current = schema;
    for (;;) {
      const allOf = current?.['allOf'] as Schema[] | undefined;
      if (current?.$ref) current = components[current.$ref.replace('#/components/schemas/', '')];
      // `{ description, allOf: [{ $ref }] }`: a reference with a description of its own.
      else if (allOf?.length === 1) current = allOf[0];
      else return current;
    }
  }

  const problems: string[] = [];
  const unresolved: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [keyword, value] of Object.entries(node)) {
        if (keyword === '$ref' && typeof value === 'string') {
          const target = value
            .replace(/^#\//, '')
            .split('/')
            .reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), document);
          if (target === undefined) unresolved.push(value);
        } else walk(value);
      }
    }
  };
  walk(document);
  problems.push(...[...new Set(unresolved)].map((ref) => `"${ref}" does not resolve`));

  for (const route of controllersOf(module).flatMap(routesOf)) {
    const label = `${route.method.toUpperCase()} ${route.path} (${route.controller.name}.${route.handlerName})`;
    const operation = (document.paths[route.path] as Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }> | undefined)?.[route.method];
    if (!operation) {
      problems.push(`${label} is not documented`);
      continue;
    }
    const dto = bodyTypeOf(route);
    const schema = operation.requestBody?.content?.['application/json']?.schema;
    if (!dto) continue;
    if (!schema) problems.push(`${label} takes a ${dto.name} body, but the document has no application/json request body`);
    else if (validationMetadataOf(dto).length === 0) problems.push(`${label}: its @Body() has no class-validator DTO to compare`);
    else problems.push(...compareDto(resolve, dto, schema, label));
  }
  return problems;
}
