import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/** The analysis core must run unchanged in the app, the Worker and the CLI. */
const coreRestrictedImports = {
  patterns: [
    {
      group: ['svelte', 'svelte/*', '*.svelte', '*.svelte.ts', '*.svelte.js'],
      message: 'src/lib is the pure core: no Svelte.',
    },
    { group: ['maplibre-gl', 'maplibre-gl/*'], message: 'src/lib is the pure core: no MapLibre.' },
    {
      group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https'],
      message: 'src/lib is the pure core: Node I/O belongs in src/cli or src/node.',
    },
  ],
};
const domGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'location',
  'HTMLElement',
  'Element',
  'requestAnimationFrame',
];

export default ts.config(
  {
    ignores: [
      'dist/',
      'dist-test/',
      'dist-cli/',
      'node_modules/',
      'public/',
      'data/',
      'test-results/',
      '.bench/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // State is Svelte 5 runes; svelte/store is never imported (no-restricted-imports below), so this
      // type-aware store check could only cost time — it took 40 % of the lint run.
      'svelte/require-store-reactive-access': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'svelte/store', message: 'State lives in *.svelte.ts classes with runes, not stores.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    // State classes build lookup Maps inside $derived: rebuilt on change, never mutated, so SvelteMap's
    // fine-grained reactivity would only add cost.
    files: ['src/state/**/*.svelte.ts'],
    rules: { 'svelte/prefer-svelte-reactivity': 'off' },
  },
  {
    files: ['src/lib/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', coreRestrictedImports],
      'no-restricted-globals': [
        'error',
        ...domGlobals.map((name) => ({ name, message: 'src/lib is the pure core: no DOM.' })),
      ],
    },
  },
);
