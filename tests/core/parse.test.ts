import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/core/command.js';
import { resolveOptions } from '../../src/core/options.js';
import { argsToOptions, parseLine, tokenize } from '../../src/core/parse.js';

const quotesLike = defineCommand({
  name: 'quotes',
  description: 'test',
  options: {
    speaker: { type: 'string', description: 'who' },
    story: { type: 'string', description: 'which', positional: 'rest' },
  },
  run: () => ({ sections: [] }),
});

const askLike = defineCommand({
  name: 'ask',
  description: 'test',
  options: {
    question: { type: 'string', description: 'q', required: true, positional: 'rest', freeText: true, maxLength: 20 },
    story: { type: 'string', description: 'which' },
  },
  run: () => ({ sections: [] }),
});

const digestLike = defineCommand({
  name: 'digest',
  description: 'test',
  options: {
    action: { type: 'string', description: 'what', choices: ['subscribe', 'list'], positional: true },
    schedule: { type: 'string', description: 'when' },
    count: { type: 'integer', description: 'n', min: 1, max: 5 },
    dry: { type: 'boolean', description: 'b' },
  },
  run: () => ({ sections: [] }),
});

describe('tokenize', () => {
  it('keeps quoted values together, straight or curly, after name:', () => {
    expect(tokenize(`speaker:"Kim Jong-un" story:“north korea” plain`)).toEqual([
      { name: 'speaker', value: 'Kim Jong-un' },
      { name: 'story', value: 'north korea' },
      { value: 'plain' },
    ]);
  });
  it('runs an unclosed quote to the end instead of failing', () => {
    expect(tokenize(`speaker:"Kim Jong`)).toEqual([{ name: 'speaker', value: 'Kim Jong' }]);
  });
  it('reads name:value only when the name starts with a letter, so a time stays a word', () => {
    expect(tokenize('see x:y at 10:30')).toEqual([
      { value: 'see' },
      { name: 'x', value: 'y' },
      { value: 'at' },
      { value: '10:30' },
    ]);
  });
  it('keeps a link a value, so "/summary https://…" names the link rather than an option "https"', () => {
    expect(tokenize('see https://x.y/a?b=c url:http://z.w/')).toEqual([
      { value: 'see' },
      { value: 'https://x.y/a?b=c' },
      { name: 'url', value: 'http://z.w/' },
    ]);
  });
});

describe('parseLine', () => {
  it('reads commands, mentions and blanks', () => {
    expect(parseLine('/Summary length:long')).toEqual({ kind: 'command', name: 'summary', args: 'length:long' });
    expect(parseLine('@briefbot who is Kim?')).toEqual({ kind: 'mention', text: 'who is Kim?' });
    expect(parseLine('@BriefBot, why?')).toEqual({ kind: 'mention', text: 'why?' });
    expect(parseLine('   ')).toEqual({ kind: 'empty' });
  });
});

describe('argsToOptions + resolveOptions', () => {
  it('fills named options and sends bare words to the rest option', () => {
    const parsed = argsToOptions(quotesLike, 'speaker:Kim north korea');
    expect(parsed).toEqual({ ok: true, raw: { speaker: 'Kim', story: 'north korea' } });
  });
  it('names an unknown option and lists the real ones', () => {
    const parsed = argsToOptions(quotesLike, 'who:Kim');
    expect(parsed.ok).toBe(true);
    const resolved = resolveOptions(quotesLike, parsed.ok ? parsed.raw : {});
    expect(resolved).toEqual({ ok: false, error: '/quotes has no option "who". Its options are: speaker, story.' });
  });
  it('keeps name:value words inside free text, but still reads declared options', () => {
    const parsed = argsToOptions(askLike, 'what is note:this story:abc');
    expect(parsed).toEqual({ ok: true, raw: { question: 'what is note:this', story: 'abc' } });
  });
  it('cuts an over-long free text with a notice', () => {
    const resolved = resolveOptions(askLike, { question: 'x'.repeat(25) });
    expect(resolved.ok && resolved.values.question).toBe('x'.repeat(20));
    expect(resolved.ok && resolved.notices[0]).toMatch(/longer than 20 characters/);
  });
  it('fills positional options, validates choices, integers and booleans', () => {
    const parsed = argsToOptions(digestLike, 'SUBSCRIBE schedule:"daily 08:00" count:3 dry:yes');
    const resolved = resolveOptions(digestLike, parsed.ok ? parsed.raw : {});
    expect(resolved).toEqual({
      ok: true,
      values: { action: 'subscribe', schedule: 'daily 08:00', count: 3, dry: true },
      notices: [],
    });
    expect(resolveOptions(digestLike, { action: 'nope' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('one of subscribe, list'),
    });
    expect(resolveOptions(digestLike, { count: '9' })).toMatchObject({
      ok: false,
      error: 'Option "count" must be at most 5.',
    });
    expect(resolveOptions(digestLike, { dry: 'maybe' })).toMatchObject({ ok: false });
  });
  it('refuses words a command without a rest option cannot place', () => {
    expect(argsToOptions(digestLike, 'list extra words')).toEqual({
      ok: false,
      error: '/digest did not expect "extra words".',
    });
  });
  it('reports a missing required option', () => {
    expect(resolveOptions(askLike, {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('needs the option "question"'),
    });
  });
});

describe('multiWord options', () => {
  const named = defineCommand({
    name: 'quotes',
    description: 'test',
    options: {
      speaker: { type: 'string', description: 'who', multiWord: true },
      length: { type: 'string', description: 'how long', choices: ['short', 'long'] },
      story: { type: 'string', description: 'which', positional: 'rest', multiWord: true },
    },
    run: () => ({ sections: [] }),
  });
  it('an unquoted value runs on to the next declared option', () => {
    expect(argsToOptions(named, 'speaker:Kim Jong-un length:long story:north korea')).toEqual({
      ok: true,
      raw: { speaker: 'Kim Jong-un', length: 'long', story: 'north korea' },
    });
  });
  it('a quoted value is whole, and the words after it go to the rest option', () => {
    expect(argsToOptions(named, 'speaker:"Kim" north korea')).toEqual({
      ok: true,
      raw: { speaker: 'Kim', story: 'north korea' },
    });
  });
  it('a bare choice word gets a hint for when the command fails', () => {
    expect(argsToOptions(named, 'long')).toEqual({
      ok: true,
      raw: { story: 'long' },
      hints: ['Did you mean length:long?'],
    });
  });
  it('free text with multiWord keeps undeclared name:value words in the question', () => {
    const ask = defineCommand({
      name: 'ask',
      description: 'test',
      options: {
        question: {
          type: 'string',
          description: 'q',
          required: true,
          positional: 'rest',
          freeText: true,
          multiWord: true,
        },
        story: { type: 'string', description: 'which' },
      },
      run: () => ({ sections: [] }),
    });
    expect(argsToOptions(ask, 'question:who is note:this? story:abc')).toEqual({
      ok: true,
      raw: { question: 'who is note:this?', story: 'abc' },
    });
  });
});
