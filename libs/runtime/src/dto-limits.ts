import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer keeps the @Type() targets in a storage it does not export from its index.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

type DtoClass = abstract new (...args: never[]) => unknown;

/**
 * What a request DTO leaves unchecked, by the rules of docs/adr/0025: a nested object is `@IsDefined()` or
 * `@IsOptional()` and `@IsObject()` (else a missing or non-object `melder` slips past validation into the
 * handler), each entry of a list of them `@IsObject({ each: true })` (class-validator finds nothing wrong in
 * an empty array where an object belongs); a list has `@IsArray()` and `@ArrayMaxSize()`; a string has `@MaxLength()`. Follows `@Type()`
 * into nested DTOs. Meant for a unit test per service: `expect(dtoLimitProblems([…])).toEqual([])`.
 */
export function dtoLimitProblems(roots: DtoClass[]): string[] {
  const problems: string[] = [];
  const seen = new Set<DtoClass>();
  const pending = [...roots];
  while (pending.length > 0) {
    const target = pending.pop() as DtoClass;
    if (seen.has(target)) continue;
    seen.add(target);
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const metadata of getMetadataStorage().getTargetValidationMetadatas(target as unknown as new () => unknown, '', true, false)) {
      byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
    }
    for (const [property, metadatas] of byProperty) {
      const at = `${target.name}.${property}`;
      const has = (name: string, each?: boolean) => metadatas.some((m) => (m.name ?? m.type) === name && (each === undefined || Boolean(m.each) === each));
      const nested = metadatas.find((m) => m.type === 'nestedValidation');
      const list = has('isArray') || has('arrayMinSize') || metadatas.some((m) => m.each === true);
      if (nested?.each && !has('isObject', true)) problems.push(`${at}: a list of nested objects needs @IsObject({ each: true })`);
      if (nested && !nested.each) {
        if (!has('isObject')) problems.push(`${at}: a nested object needs @IsObject()`);
        if (!has('isDefined') && !has('isOptional')) problems.push(`${at}: a nested object needs @IsDefined() or @IsOptional()`);
      }
      if (list && !has('isArray')) problems.push(`${at}: a list needs @IsArray()`);
      if (list && !has('arrayMaxSize')) problems.push(`${at}: a list needs @ArrayMaxSize()`);
      if (has('isString', false) && !has('maxLength', false)) problems.push(`${at}: a string needs @MaxLength()`);
      if (has('isString', true) && !has('maxLength', true)) problems.push(`${at}: strings in a list need @MaxLength({ each: true })`);
      const type = defaultMetadataStorage.findTypeMetadata(target as unknown as new () => unknown, property)?.typeFunction();
      if (typeof type === 'function' && type !== String && type !== Number && type !== Boolean && type !== Date) pending.push(type as DtoClass);
    }
  }
  return problems.sort();
}
