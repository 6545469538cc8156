// The one-way house, checked: every relative import in src/ and commands/ points down the flow
// (briefing → sources → library → questions → stories → digest → commands → bot → adapters → app/cli),
// only adapters import platform SDKs, and only the config module reads the environment.
// Imports are read with the TypeScript compiler's own pre-processor, so comments and strings don't count.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

/** Layers, lowest first. A file may import its own layer or any lower one. */
const LAYERS: readonly (readonly string[])[] = [
  [
    'core/reply',
    'core/caller',
    'core/command',
    'core/options',
    'core/parse',
    'core/bounded-map',
    'core/time-zone',
    'core/channel-rate',
    'src/log',
  ],
  ['src/config', 'src/ops'],
  ['src/briefing'],
  ['src/sources'],
  ['src/library', 'src/cache', 'src/state'],
  ['src/questions', 'src/llm'],
  ['src/stories'],
  ['src/digest', 'src/feeds'],
  ['commands'],
  ['core/bot'],
  ['src/adapters'],
  ['src/app'],
  ['src/cli'],
];

const PLATFORM_SDK = /^(discord\.js|@discordjs\/|discord-api-types|@slack\/)/;

/** The area a repository path belongs to: `core/<file>` for core, `src/<folder>` for the rest of src/. */
export function areaOf(repoPath: string): string {
  const parts = repoPath.split(/[\\/]/);
  if (parts[0] !== 'src') return parts[0]!;
  if (parts.length === 2) return `src/${parts[1]!.replace(/\.ts$/, '')}`;
  if (parts[1] === 'core') return `core/${parts[2]!.replace(/\.ts$/, '')}`;
  return `src/${parts[1]}`;
}

function rankOf(area: string): number {
  const rank = LAYERS.findIndex((layer) => layer.includes(area));
  return rank;
}

/** Why an import from one area to another breaks the flow, or undefined when it is fine. */
export function violation(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  const a = rankOf(from);
  const b = rankOf(to);
  if (a < 0) return `${from} is in no layer: add it to LAYERS`;
  if (b < 0) return `${to} is in no layer: add it to LAYERS`;
  if (b > a) return `${from} (layer ${a}) imports ${to} (layer ${b}), against the flow`;
  return undefined;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

interface Import {
  file: string;
  spec: string;
  target?: string;
}

function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  return info.importedFiles.map(({ fileName }) => {
    if (!fileName.startsWith('.')) return { file, spec: fileName };
    const target = relative(root, resolve(root, dirname(file), fileName.replace(/\.js$/, '.ts')))
      .split(sep)
      .join('/');
    return { file, spec: fileName, target };
  });
}

/** The strongly connected components of more than one file (Tarjan), each sorted: the import circles. */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

const files = [...tsFiles('src'), ...tsFiles('commands')].map((f) => f.split(sep).join('/'));
const imports = files.flatMap(importsOf);

describe('the one-way house', () => {
  it('reads the imports of every source file', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(imports.filter((i) => i.target).length).toBeGreaterThan(200);
  });

  it('knows a backwards import when it sees one', () => {
    expect(violation('src/briefing', 'src/library')).toMatch(/against the flow/);
    expect(violation('commands', 'src/adapters')).toMatch(/against the flow/);
    expect(violation('core/reply', 'core/bot')).toMatch(/against the flow/);
    expect(violation('src/adapters', 'commands')).toBeUndefined();
    expect(violation('src/newthing', 'src/log')).toMatch(/in no layer/);
    expect(areaOf('src/core/bot.ts')).toBe('core/bot');
    expect(areaOf('src/app.ts')).toBe('src/app');
    expect(areaOf('src/adapters/discord/index.ts')).toBe('src/adapters');
    expect(areaOf('commands/brief.ts')).toBe('commands');
  });

  it('every import in src/ and commands/ runs with the flow', () => {
    const wrong = imports
      .filter((i): i is Required<Import> => i.target !== undefined)
      .map((i) => ({ i, why: violation(areaOf(i.file), areaOf(i.target)) }))
      .filter((x) => x.why)
      .map(({ i, why }) => `${i.file} → ${i.spec}: ${why}`);
    expect(wrong).toEqual([]);
  });

  it('knows an import circle when it sees one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(circles(graph)).toEqual([['a', 'b', 'c']]);
    expect(
      circles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('no import circle among files, types included', () => {
    const graph = new Map<string, string[]>(files.map((f) => [f, []]));
    for (const i of imports) if (i.target && graph.has(i.target)) graph.get(i.file)!.push(i.target);
    expect(circles(graph)).toEqual([]);
  });

  it('no source file imports tests/, bench/ or eval/', () => {
    const wrong = imports
      .filter((i) => i.target && /^(tests|bench|eval)\//.test(i.target))
      .map((i) => `${i.file} → ${i.spec}`);
    expect(wrong).toEqual([]);
  });

  it('bench/, eval/ and the shared testkit/ import nothing from tests/', () => {
    const scanned = ['bench', 'eval', 'testkit'].flatMap((dir) => tsFiles(dir)).map((f) => f.split(sep).join('/'));
    expect(scanned.filter((f) => f.startsWith('testkit/emulators/')).length).toBeGreaterThan(0);
    const wrong = scanned
      .flatMap(importsOf)
      .filter((i) => i.target?.startsWith('tests/'))
      .map((i) => `${i.file} → ${i.spec}`);
    expect(wrong).toEqual([]);
  });

  it('only adapters import the platform SDKs', () => {
    const wrong = imports
      .filter((i) => !i.target && PLATFORM_SDK.test(i.spec) && !i.file.startsWith('src/adapters/'))
      .map((i) => `${i.file} → ${i.spec}`);
    expect(wrong).toEqual([]);
  });

  it('only the config module (and the CLI entry that hands it the environment) reads process.env', () => {
    const readers = files.filter((f) => /\bprocess\.env\b/.test(readFileSync(join(root, f), 'utf8')));
    expect(readers.filter((f) => f !== 'src/config.ts' && f !== 'src/cli/main.ts')).toEqual([]);
  });
});
