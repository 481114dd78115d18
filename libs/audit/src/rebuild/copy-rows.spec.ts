import { copyText } from './copy-rows';
import { ColumnType } from './model';

const columns = (types: Record<string, ColumnType>) => Object.entries(types) as [string, ColumnType][];

describe('copyText (the rebuild writes its tables with COPY)', () => {
  it('writes each row on a line, its fields tab-separated, null and undefined as \\N', () => {
    expect(copyText([{ a: 'x', b: null }, { a: 'y' }], columns({ a: 'text', b: 'text' }))).toBe('x\t\\N\ny\t\\N\n');
    expect(copyText([], columns({ a: 'text' }))).toBe('');
  });

  it('escapes backslash, tab, newline and carriage return in text, arrays and jsonb', () => {
    expect(copyText([{ a: 'a\\b\tc\nd\re', j: { t: 'x\ty' }, l: ['p"q', 'r\\s', null] }], columns({ a: 'text', j: 'jsonb', l: 'text[]' }))).toBe(
      'a\\\\b\\tc\\nd\\re\t{"t":"x\\\\ty"}\t{"p\\\\"q","r\\\\\\\\s",NULL}\n',
    );
  });

  it('gives jsonb the same text the INSERT path sends (JSON.stringify), lone surrogates escaped as there', () => {
    expect(copyText([{ j: { t: 'lone \udc00' } }], columns({ j: 'jsonb' }))).toBe('{"t":"lone \\\\udc00"}\n');
  });

  it('writes booleans, integers, jsonb of any JSON value, and strings of uuid and timestamptz columns as given', () => {
    expect(
      copyText(
        [{ b: true, f: false, i: 42, j: [1, 'two', null], s: 'plain', u: '7d1c0c8e-2f00-4b58-9a8a-2b2f1f6f2c11', t: '2026-01-01T00:00:00.000Z', n: 7 }],
        columns({ b: 'boolean', f: 'boolean', i: 'integer', j: 'jsonb', s: 'jsonb', u: 'uuid', t: 'timestamptz', n: 'text' }),
      ),
    ).toBe('t\tf\t42\t[1,"two",null]\t"plain"\t7d1c0c8e-2f00-4b58-9a8a-2b2f1f6f2c11\t2026-01-01T00:00:00.000Z\t7\n');
  });

  it('refuses (so the table is written with INSERT instead) every value it cannot carry exactly', () => {
    const refused: [unknown, ColumnType][] = [
      ['true', 'boolean'],
      [1, 'boolean'],
      [1.5, 'integer'],
      ['3', 'integer'],
      [2 ** 60, 'integer'],
      [{ a: 1 }, 'text'],
      [1.5, 'text'],
      [true, 'text'],
      [42, 'timestamptz'],
      ['x', 'text[]'],
      [[1, 2], 'text[]'],
      [[['nested']], 'text[]'],
      ['lone \ud800 surrogate', 'text'],
    ];
    for (const [value, type] of refused) expect({ value, type, text: copyText([{ v: value }], columns({ v: type })) }).toEqual({ value, type, text: undefined });
  });
});
