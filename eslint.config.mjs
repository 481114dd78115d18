import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const frameworkImports = ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', 'testcontainers'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '.local', '.nx', 'infra/kafka/lib', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:reference', 'type:platform', 'type:domain'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:reference', 'type:platform'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:reference', 'type:platform', 'type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:reference', 'type:platform', 'type:testing'] },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: frameworkImports,
            },
            // Dated reference tables (gemeenten, VT regions): shared vocabulary every layer may read, like contracts.
            {
              sourceTag: 'type:reference',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: frameworkImports,
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:reference', 'type:domain'],
              bannedExternalImports: frameworkImports,
            },
            // The browser workspace (apps/workspace): pure libraries only, and only as types or data; it talks to the services over HTTP.
            { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:contracts', 'type:reference', 'type:domain'], bannedExternalImports: [...frameworkImports, 'jose'] },
            { sourceTag: 'scope:workspace', onlyDependOnLibsWithTags: ['scope:shared', 'scope:intake', 'scope:crisis-triage', 'scope:safety-investigation', 'scope:referral'] },
            { sourceTag: 'scope:intake', onlyDependOnLibsWithTags: ['scope:intake', 'scope:shared'] },
            { sourceTag: 'scope:crisis-triage', onlyDependOnLibsWithTags: ['scope:crisis-triage', 'scope:shared'] },
            { sourceTag: 'scope:safety-investigation', onlyDependOnLibsWithTags: ['scope:safety-investigation', 'scope:shared'] },
            { sourceTag: 'scope:referral', onlyDependOnLibsWithTags: ['scope:referral', 'scope:shared'] },
            { sourceTag: 'scope:signal-matching', onlyDependOnLibsWithTags: ['scope:signal-matching', 'scope:shared'] },
            { sourceTag: 'scope:shelter-placement', onlyDependOnLibsWithTags: ['scope:shelter-placement', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  // The workspace's Node-side dev server (Vite config and plugin: dev issuer, proxy, reference data at build time) is
  // never in the browser bundle and may load libs/auth; the browser sources under apps/workspace/src may not.
  {
    files: ['apps/workspace/vite.config.ts', 'apps/workspace/dev-server/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
