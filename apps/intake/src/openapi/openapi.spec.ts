import { DynamicModule, INestApplication, Module, RequestMethod, Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, MODULE_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Test } from '@nestjs/testing';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule, createDevIssuer, IS_PUBLIC_KEY, ROLES_KEY } from '@vt/auth';
import { AARD_VAN_HET_GEWELD_CODES, GEWELD_TAG_CODES } from '@vt/intake-domain';
import { DeadLettersController, HealthController } from '@vt/runtime';
import { AdviesvragenController } from '../adviesvragen/adviesvragen.controller';
import { checkAdviesvraag } from '../adviesvragen/adviesvraag-rules';
import { RegisterAdviesvraagDto } from '../adviesvragen/register-adviesvraag.dto';
import { IntakeModule } from '../intake.module';
import { checkMelding } from '../meldingen/melding-rules';
import { RegisterMeldingController } from '../meldingen/register-melding.controller';
import { RegisterMeldingDto } from '../meldingen/register-melding.dto';
import { MeldingenReadController } from '../reads/meldingen-read.controller';
import { loadOpenApiDocument, OPENAPI_DOCUMENT_PATH, OpenApiController } from './openapi.controller';

/*
 * Keeps docs/openapi/intake.openapi.json in step with the code: every route the controllers declare (Nest's
 * route metadata) is documented and every documented operation exists; path parameters, bound headers,
 * success status, public/bearer and roles agree; and each request body schema says what its class-validator
 * DTO says (properties, required, enums, lengths, sizes, patterns, types), recursively through nested DTOs.
 * The failures are lists of sentences naming the route or property, so a diff says what drifted.
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

interface Parameter {
  name: string;
  in: 'path' | 'header' | 'query' | 'cookie';
  required?: boolean;
  $ref?: string;
}

interface Operation {
  security?: Record<string, string[]>[];
  'x-roles'?: string[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema; examples?: Record<string, { value: unknown }> }> };
  responses?: Record<string, unknown>;
}

interface Document {
  openapi: string;
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter>; securitySchemes: Record<string, unknown> };
}

const DOCUMENT = loadOpenApiDocument() as unknown as Document;
const FILE = 'docs/openapi/intake.openapi.json';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Headers read by a custom parameter decorator rather than `@Headers(name)`, so the metadata does not name them. */
const CUSTOM_DECORATOR_HEADERS = ['x-access-purpose'];

// --- Routes from Nest's metadata ---------------------------------------------------------------------

interface Route {
  method: string;
  path: string;
  controller: Type;
  handlerName: string;
  handler: (...args: unknown[]) => unknown;
  label: string;
}

interface RouteArgument {
  index: number;
  data?: unknown;
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Nest's `api/v1/meldingen` + `:meldingId` → OpenAPI's `/api/v1/meldingen/{meldingId}`. */
function openApiPath(...segments: string[]): string {
  const joined = segments
    .flatMap((segment) => segment.split('/'))
    .filter((part) => part !== '')
    .map((part) => part.replace(/^:(\w+)$/, '{$1}'))
    .join('/');
  return `/${joined}`;
}

function routesOf(controller: Type): Route[] {
  const bases = asList(Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined);
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((handlerName) => {
    const handler = prototype[handlerName];
    if (handlerName === 'constructor' || typeof handler !== 'function') return [];
    const paths = asList(Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined);
    const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (paths.length === 0 || requestMethod === undefined) return [];
    const method = RequestMethod[requestMethod].toLowerCase();
    return bases.flatMap((base) =>
      paths.map((path) => {
        const route = { method, path: openApiPath(base, path), controller, handlerName, handler: handler as Route['handler'] };
        return { ...route, label: `${method.toUpperCase()} ${route.path} (${controller.name}.${handlerName})` };
      }),
    );
  });
}

/** The controllers intake serves: its own (IntakeModule) and those of the modules it imports (libs/runtime's). */
function controllersOf(module: Type): Type[] {
  const own = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) as Type[] | undefined) ?? [];
  const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) as (Type | DynamicModule)[] | undefined) ?? [];
  const imported = imports.flatMap((entry) => ('module' in entry ? [...(entry.controllers ?? []), ...controllersOf(entry.module)] : controllersOf(entry)));
  return [...new Set([...own, ...imported])];
}

function routeArguments(route: Route, type: RouteParamtypes): (RouteArgument & { type: unknown })[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.handlerName) as Record<string, RouteArgument> | undefined) ?? {};
  const paramTypes = (Reflect.getMetadata('design:paramtypes', route.controller.prototype as object, route.handlerName) as unknown[] | undefined) ?? [];
  return Object.entries(args)
    .filter(([key]) => key.split(':')[0] === String(type))
    .map(([, argument]) => ({ ...argument, type: paramTypes[argument.index] }));
}

/** `getAllAndOverride`: the handler's metadata, else the controller's (as the auth guard reads it). */
const metadataOf = <T>(key: string, route: Route): T | undefined =>
  (Reflect.getMetadata(key, route.handler) as T | undefined) ?? (Reflect.getMetadata(key, route.controller) as T | undefined);

const CONTROLLERS = controllersOf(IntakeModule);
const ROUTES = CONTROLLERS.flatMap(routesOf);

// --- The document ------------------------------------------------------------------------------------

const DOCUMENTED = Object.entries(DOCUMENT.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => HTTP_METHODS.includes(method))
    .map(([method, operation]) => ({ method, path, operation, label: `${method.toUpperCase()} ${path}` })),
);

function operationOf(route: Route): Operation {
  const operation = DOCUMENT.paths[route.path]?.[route.method];
  if (!operation) throw new Error(`${route.label} is not in ${FILE}`);
  return operation;
}

function component<T>(ref: string, kind: 'schemas' | 'parameters'): T {
  const prefix = `#/components/${kind}/`;
  const name = ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
  const found = name === undefined ? undefined : (DOCUMENT.components[kind] as Record<string, unknown>)[name];
  if (found === undefined) throw new Error(`${FILE}: "${ref}" does not resolve`);
  return found as T;
}

/** A schema with its `$ref` followed (siblings of a `$ref`, such as a description, are annotations only). */
function resolve(schema: Schema | undefined): Schema | undefined {
  let current = schema;
  while (current?.$ref) current = component<Schema>(current.$ref, 'schemas');
  return current;
}

const parametersOf = (operation: Operation): Parameter[] => (operation.parameters ?? []).map((parameter) => (parameter.$ref ? component<Parameter>(parameter.$ref, 'parameters') : parameter));

function requestSchemaOf(operation: Operation): Schema | undefined {
  return operation.requestBody?.content?.['application/json']?.schema;
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
  switch (meta.name) {
    case 'isIn':
      return sameSet(schema.enum ?? [], first as unknown[]) ? undefined : `has enum ${show(schema.enum)}; @IsIn says ${show(first)}`;
    case 'maxLength':
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
    case 'isString':
    case 'isDateString':
      return expectType('string');
    case 'isEmail':
      return expectType('string') ?? expect('format', 'email');
    case 'isUuid':
      return expectType('string') ?? expect('format', 'uuid');
    case 'isArray':
      return expectType('array');
    case 'isObject':
      return expectType('object');
    case 'isDefined':
      return undefined; // the schema's required says it
    default:
      return `has no rule in openapi.spec.ts for ${decorator(meta)}; add one`;
  }
}

/**
 * Compares a DTO with its schema in the document, recursively through nested DTOs; returns the problems,
 * each naming the route, the field (`body.melder.phone`), the DTO and the schema.
 */
function compareDto(dto: Type, schemaOrRef: Schema, route: string, where = 'body', seen = new Set<string>()): string[] {
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
        else problems.push(...compareDto(nested, (meta.each ? propertySchema.items : schema.properties?.[property]) ?? {}, route, `${where}.${property}${meta.each ? '[]' : ''}`, seen));
        continue;
      }
      const problem = checkConstraint(meta, target);
      if (problem) problems.push(`${path}${meta.each ? '[]' : ''} (${dto.name}): the document ${problem}`);
    }
  }
  return problems;
}

// --- The checks ------------------------------------------------------------------------------------

describe(`${FILE} against the intake controllers and DTOs`, () => {
  it('is OpenAPI 3.1 and every $ref in it resolves', () => {
    expect(DOCUMENT.openapi).toMatch(/^3\.1\./);
    const unresolved: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [keyword, value] of Object.entries(node)) {
          if (keyword === '$ref' && typeof value === 'string') {
            const target = value
              .replace(/^#\//, '')
              .split('/')
              .reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), DOCUMENT);
            if (target === undefined) unresolved.push(value);
          } else walk(value);
        }
      }
    };
    walk(DOCUMENT);
    expect(unresolved).toEqual([]);
  });

  it('reads the routes of all of intake’s controllers, libs/runtime’s included', () => {
    expect(CONTROLLERS).toEqual(
      expect.arrayContaining([RegisterMeldingController, MeldingenReadController, AdviesvragenController, OpenApiController, HealthController, DeadLettersController]),
    );
    expect(ROUTES.length).toBeGreaterThanOrEqual(10);
  });

  it('documents every route the controllers declare', () => {
    const missing = ROUTES.filter((route) => !DOCUMENT.paths[route.path]?.[route.method]).map((route) => `${route.label} is not in ${FILE}`);
    expect(missing).toEqual([]);
  });

  it('documents no operation that no controller serves', () => {
    const served = new Set(ROUTES.map((route) => `${route.method} ${route.path}`));
    const stale = DOCUMENTED.filter(({ method, path }) => !served.has(`${method} ${path}`)).map(({ label }) => `${label} is in ${FILE} but no controller declares it`);
    expect(stale).toEqual([]);
  });

  it('names the path parameters and the headers the handlers read', () => {
    const problems = ROUTES.filter((route) => DOCUMENT.paths[route.path]?.[route.method]).flatMap((route) => {
      const parameters = parametersOf(operationOf(route));
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const documentedPath = parameters.filter((p) => p.in === 'path').map((p) => p.name);
      const bound = routeArguments(route, RouteParamtypes.HEADERS).map((argument) => String(argument.data).toLowerCase());
      const documentedHeaders = parameters.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase());
      return [
        ...inPath.filter((name) => !documentedPath.includes(name as string)).map((name) => `${route.label}: path parameter ${name} is not documented`),
        ...documentedPath.filter((name) => !inPath.includes(name)).map((name) => `${route.label}: documented path parameter ${name} is not in the path`),
        ...parameters.filter((p) => p.in === 'path' && p.required !== true).map((p) => `${route.label}: path parameter ${p.name} must be required: true`),
        ...bound.filter((name) => !documentedHeaders.includes(name)).map((name) => `${route.label}: header ${name} (@Headers) is not documented`),
        ...documentedHeaders
          .filter((name) => !bound.includes(name) && !CUSTOM_DECORATOR_HEADERS.includes(name))
          .map((name) => `${route.label}: documented header ${name} is not read by the handler`),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('documents each route’s success status and, for a route that needs a token, 401 and 403', () => {
    const problems = ROUTES.filter((route) => DOCUMENT.paths[route.path]?.[route.method]).flatMap((route) => {
      const responses = Object.keys(operationOf(route).responses ?? {});
      const status = (Reflect.getMetadata(HTTP_CODE_METADATA, route.handler) as number | undefined) ?? (route.method === 'post' ? 201 : 200);
      const needed = [String(status), ...(metadataOf<boolean>(IS_PUBLIC_KEY, route) ? [] : ['401']), ...(metadataOf<string[]>(ROLES_KEY, route) ? ['403'] : [])];
      return needed.filter((code) => !responses.includes(code)).map((code) => `${route.label}: response ${code} is not documented`);
    });
    expect(problems).toEqual([]);
  });

  it('marks @Public() routes as needing no token and the others with bearerAuth and their @Roles', () => {
    expect(DOCUMENT.components.securitySchemes['bearerAuth']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(DOCUMENT.security).toEqual([{ bearerAuth: [] }]);
    const problems = ROUTES.filter((route) => DOCUMENT.paths[route.path]?.[route.method]).flatMap((route) => {
      const operation = operationOf(route);
      const isPublic = metadataOf<boolean>(IS_PUBLIC_KEY, route) === true;
      const roles = metadataOf<string[]>(ROLES_KEY, route);
      const security = operation.security ?? DOCUMENT.security;
      const found: string[] = [];
      if (isPublic && show(security) !== '[]') found.push(`${route.label} is @Public(): it needs security: []`);
      if (!isPublic && !security?.some((requirement) => 'bearerAuth' in requirement)) found.push(`${route.label} needs a token: its security must be bearerAuth`);
      if (show(operation['x-roles']) !== show(roles)) found.push(`${route.label}: x-roles is ${show(operation['x-roles'])}; @Roles says ${show(roles)}`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('gives each request body the schema of the route’s @Body() DTO, property for property, nested DTOs included', () => {
    const problems = ROUTES.filter((route) => DOCUMENT.paths[route.path]?.[route.method]).flatMap((route) => {
      const [body, ...more] = routeArguments(route, RouteParamtypes.BODY);
      const schema = requestSchemaOf(operationOf(route));
      if (more.length > 0) return [`${route.label}: more than one @Body(); openapi.spec.ts does not know how to compare that`];
      if (!body) return schema ? [`${route.label} takes no @Body(), but ${FILE} documents a request body`] : [];
      if (!schema) return [`${route.label} takes a ${(body.type as Type).name} body, but ${FILE} documents no application/json request body`];
      if (typeof body.type !== 'function' || validationMetadataOf(body.type as Type).length === 0) return [`${route.label}: its @Body() has no class-validator DTO to compare`];
      return compareDto(body.type as Type, schema, route.label);
    });
    expect(problems).toEqual([]);
  });

  it('lists the aard van het geweld and the tags from the current code lists', () => {
    const problems = ['Concerns', 'AdviesvraagConcerns'].flatMap((name) => {
      const properties = DOCUMENT.components.schemas[name]?.properties ?? {};
      return [
        ...(sameSet(properties['aard']?.items?.enum ?? [], AARD_VAN_HET_GEWELD_CODES) ? [] : [`${name}.aard.items.enum differs from AARD_VAN_HET_GEWELD_CODES`]),
        ...(sameSet(properties['tags']?.items?.enum ?? [], GEWELD_TAG_CODES) ? [] : [`${name}.tags.items.enum differs from GEWELD_TAG_CODES`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('gives request examples that the DTOs and the registration rules accept', async () => {
    const rules = new Map<Type, (dto: never, now: Date) => { ok: boolean; problems?: unknown }>([
      [RegisterMeldingDto, checkMelding],
      [RegisterAdviesvraagDto, checkAdviesvraag],
    ]);
    const examples = ROUTES.filter((route) => DOCUMENT.paths[route.path]?.[route.method]).flatMap((route) => {
      const [body] = routeArguments(route, RouteParamtypes.BODY);
      const examplesOf = operationOf(route).requestBody?.content?.['application/json']?.examples ?? {};
      return body ? Object.entries(examplesOf).map(([name, example]) => ({ where: `${route.label} example ${name}`, dto: body.type as Type, value: example.value })) : [];
    });
    expect(examples.map((example) => example.where)).toContain('POST /api/v1/meldingen (RegisterMeldingController.register) example professional');
    const problems: string[] = [];
    for (const { where, dto, value } of examples) {
      const instance = plainToInstance(dto, value) as object;
      const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
      if (errors.length > 0) problems.push(`${where}: refused by ${dto.name}: ${errors.map((error) => error.toString()).join(' ')}`);
      const checked = rules.get(dto)?.(instance as never, new Date());
      if (checked && !checked.ok) problems.push(`${where}: refused by the rules: ${show(checked.problems)}`);
    }
    expect(problems).toEqual([]);
  });

  it('uses the public test BSN 999993653 in the melding example', () => {
    const value = DOCUMENT.paths['/api/v1/meldingen']?.['post']?.requestBody?.content?.['application/json']?.examples?.['professional']?.value as RegisterMeldingDto;
    expect(value.persons.map((person) => person.bsn)).toContain('999993653');
  });
});

describe('GET /api/openapi.json', () => {
  let dir: string;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vt-intake-openapi-'));
    const issuer = createDevIssuer(join(dir, 'dev-issuer'));
    // The real guard, so that @Public() is what lets the request through.
    @Module({
      imports: [AuthModule.forRoot({ env: { AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: issuer.audience, AUTH_JWKS_FILE: issuer.jwksFile } })],
      controllers: [OpenApiController],
    })
    class OpenApiTestModule {}
    const moduleRef = await Test.createTestingModule({ imports: [OpenApiTestModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the document from the repo, as JSON, without a token', async () => {
    const response = await fetch(`${url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(await response.json()).toEqual(JSON.parse(readFileSync(OPENAPI_DOCUMENT_PATH, 'utf8')));
  });
});
