import { DynamicModule, Injectable, Logger, Module, OnApplicationShutdown, Provider, Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AuthModule } from '@vt/auth';
import { CreatePersonKeys1764300000080, loadMasterKeys, PersonDataCipher, PersonKeyStore } from '@vt/privacy';
import { TimerStore, TopicNames, createKafka } from '@vt/messaging';
import { AllowDiscardedDeadLetters1764300000010, CreateEventChains1764300000090, CreateMessagingTables1764300000000, CreateTimerTables1764300000050, createServiceDataSource, OutboxTraceparent1764300000095, TimerPersons1764300000060, migrate } from '@vt/persistence';
import { loadServiceConfig, ServiceConfig } from './config';
import { MessagingLifecycle, SERVICE_MODULE_OPTIONS, ServiceModuleOptions } from './messaging-lifecycle';
import { ConsumerGroupStatus } from './consumer-status';
import { HealthController } from './health.controller';
import { DeadLettersController } from './dead-letters.controller';
import { Outbox } from './outbox.service';
import { DATA_SOURCE, KAFKA, SERVICE_CONFIG, TOPIC_NAMES } from './tokens';
import { AUDIT_SIGNER, loadAuditSigner } from './audit-signing';
import { AccessLog } from './access-audit';
import { HouseholdTimelines } from './household-timeline';
import { ProblemFilter } from './problem.filter';
import { loadRetryAfterSeconds } from './problem';
import { logLevel, rootLogger, typeOrmLogger } from './logging';
import { shutdownTracing } from './tracing';

/** Sends the spans still batched when the service stops (docs/adr/0023). */
@Injectable()
class TracingShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await shutdownTracing();
  }
}
import { createServiceRegistry, HttpMetrics, MESSAGING_OBSERVER, MessagingMetrics, METRICS_REGISTRY, MetricsController, StateMetrics } from './metrics';
import { CONSUMER_GROUP_OPTIONS, erasureGroupId, KafkaInboxTransport } from './events/kafka-inbox.transport';
import { erasureEventsController } from './events/erasure-events.controller';
import { ApiDocumentHolder, OpenApiController } from './api-document';

@Module({})
export class ServiceModule {
  static forRoot(options: ServiceModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: SERVICE_MODULE_OPTIONS, useValue: options },
      { provide: CONSUMER_GROUP_OPTIONS, useValue: options },
      { provide: SERVICE_CONFIG, useFactory: () => loadServiceConfig(options) },
      // Every error answer is an RFC 9457 problem; a lost database is 503 with Retry-After (docs/adr/0025).
      { provide: APP_FILTER, useFactory: () => new ProblemFilter(loadRetryAfterSeconds()) },
      {
        provide: DATA_SOURCE,
        inject: [SERVICE_CONFIG],
        useFactory: async (config: ServiceConfig) => {
          const dataSource = createServiceDataSource({
            url: config.databaseUrl,
            schema: config.databaseSchema,
            preparedStatements: config.databasePreparedStatements,
            logger: typeOrmLogger(rootLogger(options.service)),
            migrations: [CreateMessagingTables1764300000000, AllowDiscardedDeadLetters1764300000010, ...(options.timers ? [CreateTimerTables1764300000050, TimerPersons1764300000060] : []), ...(options.personalData ? [CreatePersonKeys1764300000080] : []), CreateEventChains1764300000090, OutboxTraceparent1764300000095, ...options.migrations],
          });
          await dataSource.initialize();
          const applied = await migrate(dataSource);
          if (applied.length > 0) new Logger('Database').log(`applied migrations to schema ${config.databaseSchema}: ${applied.join(', ')}`);
          return dataSource;
        },
      },
      { provide: AUDIT_SIGNER, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig) => loadAuditSigner(config.service) },
      { provide: TOPIC_NAMES, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig) => new TopicNames(config.topicPrefix) },
      {
        provide: KAFKA,
        inject: [SERVICE_CONFIG],
        useFactory: (config: ServiceConfig) =>
          createKafka({ brokers: config.kafkaBrokers, clientId: config.kafkaClientId, ...(config.kafkaSasl ? { sasl: config.kafkaSasl } : {}), verbose: ['debug', 'trace'].includes(logLevel()) }, new Logger('Kafka')),
      },
      { provide: TimerStore, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig) => new TimerStore(config.databaseSchema, config.service) },
      ConsumerGroupStatus,
      Outbox,
      AccessLog,
      // Each service's part of a household's timeline (docs/adr/0034, 0039).
      HouseholdTimelines,
      KafkaInboxTransport,
      MessagingLifecycle,
      TracingShutdown,
      // Metrics (GET /metrics, docs/adr/0024): one registry per service instance.
      { provide: METRICS_REGISTRY, useFactory: () => createServiceRegistry(options.service) },
      HttpMetrics,
      MessagingMetrics,
      { provide: MESSAGING_OBSERVER, useExisting: MessagingMetrics },
      StateMetrics,
      ApiDocumentHolder,
    ];
    const controllers: Type<unknown>[] = [HealthController, DeadLettersController, MetricsController, OpenApiController];
    // The erasure group's handlers (docs/adr/0007, 0020), one more @OnEvent controller run by the transport.
    if (options.personalData) controllers.push(erasureEventsController(erasureGroupId(options.service)));
    if (options.personalData) {
      providers.push({
        provide: PersonDataCipher,
        inject: [DATA_SOURCE],
        useFactory: (dataSource: DataSource) => new PersonDataCipher(new PersonKeyStore({ dataSource, masterKeys: loadMasterKeys() })),
      });
    }
    return {
      module: ServiceModule,
      global: true,
      // Every route needs a bearer token unless marked @Public(); roles and region scope per route.
      // JSON log lines through pino (docs/adr/0023); request logs are written by the request-context middleware.
      imports: [AuthModule.forRoot({ service: options.service }), LoggerModule.forRoot({ pinoHttp: { logger: rootLogger(options.service), autoLogging: false, quietReqLogger: true } })],
      controllers,
      providers,
      exports: [KafkaInboxTransport, MessagingLifecycle, SERVICE_CONFIG, DATA_SOURCE, KAFKA, TOPIC_NAMES, Outbox, AccessLog, HouseholdTimelines, TimerStore, METRICS_REGISTRY, HttpMetrics, ...(options.personalData ? [PersonDataCipher] : [])],
    };
  }
}
