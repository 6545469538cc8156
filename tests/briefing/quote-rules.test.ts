import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/briefing/clean.js';
import { extractEntities } from '../../src/briefing/entities.js';
import { extractQuotes } from '../../src/briefing/quotes.js';
import { splitSentences } from '../../src/briefing/sentences.js';

const rules = (...paragraphs: string[]) => {
  const text = paragraphs.join('\n\n');
  const s = splitSentences(cleanDocument(text));
  return extractQuotes(text, s).map((q) => [q.speaker, q.rule]);
};

describe('the rule that named each speaker is recorded on the quote', () => {
  it('names the cue subject, a resolved pronoun and a resolved role noun', () => {
    expect(rules('“We will win the vote,” Tom Reed said on Monday.')).toEqual([['Tom Reed', 'cue subject']]);
    expect(rules('Tom Reed spoke in Leeds on Monday.', '“We will win the vote,” he said.')).toEqual([
      ['Tom Reed', 'resolved pronoun'],
    ]);
    expect(
      rules(
        'Former Secretary of State Lena Faro met Tom Reed in Oslo.',
        '“The talks went well,” the former secretary of state said.',
      ),
    ).toEqual([['Lena Faro', 'resolved role noun']]);
  });

  it('names a quote that continues the one before it, and an unattributed one', () => {
    expect(rules('“We will win the vote,” Tom Reed said. “The other side has no plan at all.”')).toEqual([
      ['Tom Reed', 'cue subject'],
      ['Tom Reed', 'continued quote'],
    ]);
    expect(rules('Rain fell all day.', '“We need change,” the businessman said.')).toEqual([[null, 'unattributed']]);
  });
});
