import { DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenVerifier, AuthGuard } from './auth.guard';
import { AuthConfig, loadAuthConfig } from './config';
import { KeySource } from './jwk';
import { createJwksSource } from './jwks-source';
import { AUTH_CONFIG, AUTH_KEYS } from './tokens';

export interface AuthModuleOptions {
  /** Default: `loadAuthConfig(env)` at start-up (AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL | AUTH_JWKS_FILE). */
  config?: AuthConfig;
  /** The environment to read when `config` is not given; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Names the service in configuration errors. */
  service?: string;
  /** Default: the JWKS URL or file of the configuration. */
  keys?: KeySource;
}

/**
 * Bearer-token access control for a whole app: import `AuthModule.forRoot()` once in the app module.
 * Installs `AuthGuard` globally (APP_GUARD); exports `AUTH_CONFIG`, `AUTH_KEYS` and `AccessTokenVerifier`.
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_CONFIG, useFactory: () => options.config ?? loadAuthConfig(options.env ?? process.env, { ...(options.service ? { service: options.service } : {}) }) },
        {
          provide: AUTH_KEYS,
          inject: [AUTH_CONFIG],
          useFactory: (config: AuthConfig): KeySource => {
            if (options.keys) return options.keys;
            const logger = new Logger('Auth');
            return createJwksSource(config.jwks, { onWarning: (message) => logger.warn(message) });
          },
        },
        AccessTokenVerifier,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AUTH_CONFIG, AUTH_KEYS, AccessTokenVerifier],
    };
  }
}
