import type { ClientBase } from 'pg';
import { ColumnType, Row } from './model';

/**
 * Rows as COPY text (`COPY … FROM STDIN`, the default text format), or undefined when a value is not one this
 * encoder turns into exactly what `insertRows` (jsonb_to_recordset) would store: then the caller writes the table
 * with `insertRows`. Exact: strings as they are (only well-formed UTF-16, the tab, newline, carriage return and
 * backslash escaped), null and undefined as NULL, booleans and integers where the column takes them, jsonb as
 * `JSON.stringify` (the same text the JSON batch carries), text[] as an array literal of strings and nulls.
 */
export function copyText(rows: readonly Row[], columns: readonly [string, ColumnType][]): string | undefined {
  const lines: string[] = new Array(rows.length);
  const fields: string[] = new Array(columns.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Row;
    for (let c = 0; c < columns.length; c++) {
      const [name, type] = columns[c] as [string, ColumnType];
      const field = copyField(row[name], type);
      if (field === undefined) return undefined;
      fields[c] = field;
    }
    lines[r] = fields.join('\t');
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `String.prototype.isWellFormed` (Node 20; not in the ES2022 library the workspace compiles against): no lone surrogate. */
const isWellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

function escaped(text: string): string | undefined {
  if (!isWellFormed(text)) return undefined;
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c] as string) : text;
}

function copyField(value: unknown, type: ColumnType): string | undefined {
  if (value === null || value === undefined) return '\\N';
  switch (type) {
    case 'jsonb': {
      const json = JSON.stringify(value);
      return json === undefined ? '\\N' : escaped(json);
    }
    case 'boolean':
      return typeof value === 'boolean' ? (value ? 't' : 'f') : undefined;
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
    case 'text[]': {
      if (!Array.isArray(value)) return undefined;
      const elements: string[] = [];
      for (const element of value) {
        if (element === null) elements.push('NULL');
        else if (typeof element === 'string') elements.push(`"${element.replace(/["\\]/g, (c) => `\\${c}`)}"`);
        else return undefined;
      }
      return escaped(`{${elements.join(',')}}`);
    }
    default:
      // uuid, text, timestamptz: the text as given (their input functions parse it as jsonb_to_recordset's do).
      if (typeof value === 'string') return escaped(value);
      if (type === 'text' && typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
      return undefined;
  }
}

/**
 * `COPY <table> (<columns>) FROM STDIN` of the given text on a pg client, as a query the client queues like any
 * other (pg's "submittable" interface: it sends the query, then the data when the server asks for it).
 */
export function copyFrom(client: ClientBase, statement: string, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve();
    };
    const CHUNK = 1 << 20;
    const data = Buffer.from(text, 'utf8');
    // Messages a COPY does not get, or that need nothing of it (the end comes with readyForQuery).
    const ignore = (): void => undefined;
    const submittable = {
      submit(connection: { query(text: string): void }) {
        connection.query(statement);
      },
      handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }) {
        for (let at = 0; at < data.length; at += CHUNK) connection.sendCopyFromChunk(data.subarray(at, at + CHUNK));
        connection.endCopyFrom();
      },
      handleCommandComplete: ignore,
      handleReadyForQuery() {
        settle();
      },
      handleError(error: Error) {
        settle(error);
      },
      handleRowDescription: ignore,
      handleDataRow: ignore,
      handleEmptyQuery: ignore,
      handleCopyData: ignore,
      handlePortalSuspended: ignore,
    };
    (client as unknown as { query(submittable: unknown): unknown }).query(submittable);
  });
}
