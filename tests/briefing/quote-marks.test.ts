import { describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';

const quotes = (text: string) => deriveBriefing({ text, source: 'x.txt' }).quotes.map((q) => [q.text, q.speaker]);

describe('quotes in the house styles of real outlets', () => {
  it('finds quotes in single quotation marks, curly or straight (British style)', () => {
    expect(quotes('‘We heard a bang,’ said shopkeeper Raj Patel. The shop on the corner was closed all day.')).toEqual([
      ['We heard a bang,', 'Raj Patel'],
    ]);
    expect(quotes("'We heard a bang,' said shopkeeper Raj Patel. The shop on the corner was closed all day.")).toEqual([
      ['We heard a bang,', 'Raj Patel'],
    ]);
  });

  it('takes no apostrophe for a quote mark', () => {
    expect(
      quotes('Fans of rock ’n’ roll in the ’90s packed Patel’s shop and the Smiths’ bar. It was a great night.'),
    ).toEqual([]);
    expect(quotes("Fans of rock 'n' roll in the '90s packed Patel's shop. It was the band's best night.")).toEqual([]);
  });

  it('leaves single marks alone where double marks carry the quoting', () => {
    expect(
      quotes('“It was a night of ‘pure magic’ for us all,” Raj Patel said. The ‘big three’ parties agreed.'),
    ).toEqual([['It was a night of ‘pure magic’ for us all,', 'Raj Patel']]);
  });

  it('reads a speech verb before a name with its role as the cue', () => {
    const text = 'Services were cut all week.\n\n"The trains will run again on Monday," said station manager Jo Hart.';
    expect(deriveBriefing({ text, source: 'x.txt' }).quotes.map((q) => [q.text, q.speaker, q.rule])).toEqual([
      ['The trains will run again on Monday,', 'Jo Hart', 'cue subject'],
    ]);
  });
});
