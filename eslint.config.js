// Lint: the layer rules as errors (the same order tests/architecture.test.ts checks, with its import-circle test),
// and size and complexity as warnings, so long files and functions are visible without blocking a change.
import tseslint from 'typescript-eslint';

const SDK = ['discord.js', '@discordjs/*', 'discord-api-types', 'discord-api-types/*', '@slack/*'];

/** Import patterns of each area, as written from anywhere in the tree. */
const AREA = {
  adapters: ['**/adapters/**'],
  app: ['**/app.js', '**/app/**'],
  cli: ['**/cli/**'],
  bot: ['**/core/bot.js', './bot.js'],
  commands: ['**/commands/**'],
  stories: ['**/stories/**'],
  questions: ['**/questions/**'],
  digest: ['**/digest/**'],
  feeds: ['**/feeds/**'],
  llm: ['**/llm/**'],
  library: ['**/library/**'],
  cache: ['**/cache/**'],
  state: ['**/state/**'],
  sources: ['**/sources/**'],
};

/** An error on imports of the given areas, plus the SDKs, from the files matched. */
const layer = (files, above, sdks = true) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...(above.length
            ? [
                {
                  group: above.flatMap((a) => AREA[a]),
                  message: 'imports run with the flow: see the layers in README "How it is built"',
                },
              ]
            : []),
          ...(sdks ? [{ group: SDK, message: 'only adapters import platform SDKs' }] : []),
        ],
      },
    ],
  },
});

const TOP = ['adapters', 'app', 'cli', 'bot'];
const FEATURES = ['commands', 'stories', 'questions', 'digest', 'feeds', 'llm'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'eval/results/**', 'eval/outputs/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'max-lines': ['warn', { max: 250, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }],
      complexity: ['warn', 20],
    },
  },
  { files: ['tests/**/*.ts'], rules: { 'max-lines': 'off', 'max-lines-per-function': 'off' } },
  layer(['src/core/**/*.ts'], ['adapters', 'app', 'cli', ...FEATURES, 'library', 'cache', 'state', 'sources']),
  layer(['src/briefing/**/*.ts'], [...TOP, ...FEATURES, 'library', 'cache', 'state', 'sources']),
  layer(['src/sources/**/*.ts'], [...TOP, ...FEATURES, 'library', 'cache', 'state']),
  layer(['src/library/**/*.ts', 'src/cache/**/*.ts', 'src/state/**/*.ts'], [...TOP, ...FEATURES]),
  layer(['src/questions/**/*.ts', 'src/llm/**/*.ts'], [...TOP, 'commands', 'stories', 'digest', 'feeds']),
  layer(['src/stories/**/*.ts'], [...TOP, 'commands', 'digest', 'feeds']),
  layer(['src/digest/**/*.ts', 'src/feeds/**/*.ts'], [...TOP, 'commands']),
  layer(['commands/**/*.ts'], TOP),
  { files: ['src/core/bot.ts'], rules: { 'no-restricted-imports': 'off' } },
  layer(['src/core/bot.ts'], ['adapters', 'app', 'cli']),
  layer(['src/app.ts', 'src/app/**/*.ts', 'src/cli/**/*.ts'], [], true),
  layer(
    ['src/config.ts', 'src/log.ts', 'src/ops/**/*.ts'],
    [...TOP, ...FEATURES, 'library', 'cache', 'state', 'sources'],
  ),
);
