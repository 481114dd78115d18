import { DataSource, DataSourceOptions, EntitySchema, Logger, MigrationInterface } from 'typeorm';
import { assertIdentifier } from './identifiers';

export interface ServiceDatabaseOptions {
  url: string;
  /** The service's own schema; every connection's search_path is set to it. */
  schema: string;
  entities?: (EntitySchema | (new () => unknown))[];
  migrations?: (new () => MigrationInterface)[];
  poolSize?: number;
  /** Where TypeORM's own messages go (a service's JSON log lines); without one, TypeORM writes to the console. */
  logger?: Logger;
}

/** TypeORM options for one service: its own schema, its own migrations, never `synchronize`. */
export function serviceDataSourceOptions(options: ServiceDatabaseOptions): DataSourceOptions {
  const schema = assertIdentifier(options.schema, 'database schema');
  return {
    type: 'postgres',
    url: options.url,
    schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'typeorm_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: ['error', 'warn'],
    ...(options.logger ? { logger: options.logger } : {}),
    extra: {
      max: options.poolSize ?? 10,
      options: `-c search_path=${schema}`,
      application_name: schema,
    },
  };
}

export function createServiceDataSource(options: ServiceDatabaseOptions): DataSource {
  return new DataSource(serviceDataSourceOptions(options));
}

/** Creates the schema if it is missing (the service's role owns it), then runs pending migrations. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('data source has no schema');
  const [exists] = (await dataSource.query('select 1 from pg_namespace where nspname = $1', [schema])) as unknown[];
  if (!exists) await dataSource.query(`create schema ${assertIdentifier(schema, 'schema')}`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}
