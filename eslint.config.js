import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forbiddenInCore = [
  {
    group: ['@aws-sdk/*', 'aws-sdk', 'aws-lambda', '@aws-lambda-powertools/*'],
    message: 'The core is pure: no AWS.',
  },
  { group: ['twilio', 'twilio/*'], message: 'The core is pure: no Twilio.' },
  {
    group: ['fs', 'node:fs', 'fs/*', 'node:fs/*'],
    message: 'The core is pure: templates and data come in as arguments.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'cdk.out/',
      '.scratch/',
      '.data/',
      'coverage/',
      'test-artifacts/',
      '.bench/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        AbortController: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        document: 'readonly',
        window: 'readonly',
        crypto: 'readonly',
        FormData: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        Headers: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['lambda/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenInCore }],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The core reads no env: pass values in.' },
        { name: 'Date', message: 'The core reads no clock: `now` comes in as an argument.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'DateTime', property: 'now', message: 'The core reads no clock.' },
        {
          object: 'DateTime',
          property: 'local',
          message: 'The core reads no clock or process zone.',
        },
        { object: 'Math', property: 'random', message: 'The core is deterministic.' },
      ],
    },
  },
);
