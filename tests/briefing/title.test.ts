// Made-up titles (the article has none): a whole clause with its subject, cut at a word boundary, quotes balanced.
import { describe, expect, it } from 'vitest';
import { deriveTitle } from '../../src/briefing/title.js';

describe('deriveTitle', () => {
  it('keeps the subject of a sentence that opens with a subordinate clause and an aside', () => {
    const title = deriveTitle(
      'As Mary Evans, from Swansea, prepares to mark Armistice Day on Sunday with a parade through the town, she says she will think of her father.',
    );
    expect(title).toBe('As Mary Evans, from Swansea, prepares to mark Armistice Day on Sunday…');
  });

  it('keeps the subject before an age or a relative clause', () => {
    expect(deriveTitle('Mr Patel, 45, was arrested on Monday.')).toBe('Mr Patel, 45, was arrested on Monday');
    expect(
      deriveTitle(
        'Hughes, who returned to the club for a final season after a knee injury, scored twice against Leeds.',
      ),
    ).toBe('Hughes scored twice against Leeds');
  });

  it('drops a framing clause only when a clause with a subject follows', () => {
    expect(deriveTitle('According to police, the man left the bank at noon with a bag.')).toBe(
      'The man left the bank at noon with a bag',
    );
  });

  it('closes a quotation it opens, or ends before it', () => {
    const near = deriveTitle(
      'Jo Hart said she had been "failed again and again by the council" but that she would keep going.',
    );
    expect(near).toBe('Jo Hart said she had been "failed again and again by the council"…');
    const far = deriveTitle(
      'The minister told the committee on Tuesday that "the plan we have put forward is the only one that can work in the time we have".',
    );
    expect(far).toBe('The minister told the committee on Tuesday…');
    for (const t of [near, far]) expect((t.match(/"/g) ?? []).length % 2).toBe(0);
  });

  it('never ends on a word that starts a phrase', () => {
    const title = deriveTitle(
      'Ambulance crews in the north were sent to more calls last winter than in any year before, figures show.',
    );
    expect(title).toBe('Ambulance crews in the north were sent to more calls last winter…');
    expect(title).not.toMatch(/\b(by|the|of|to|in|than)…$/);
  });

  it('takes apostrophes for apostrophes, not quote marks', () => {
    expect(deriveTitle('The band played rock ’n’ roll hits of the ’90s at Patel’s.')).toBe(
      'The band played rock ’n’ roll hits of the ’90s at Patel’s',
    );
  });

  it('ends at a clause that is whole, without an ellipsis', () => {
    expect(
      deriveTitle('Ferry operator raises fares again; islanders say they will protest outside the harbour office.'),
    ).toBe('Ferry operator raises fares again');
    expect(deriveTitle('One two three four five six seven eight nine ten eleven twelve thirteen.')).toBe(
      'One two three four five six seven eight nine ten eleven twelve…',
    );
  });
});
