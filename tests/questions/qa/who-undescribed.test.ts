// "Who is X?" about someone the stories name in full but describe nowhere is declined: a sentence that merely
// mentions X ("Residents said X and two neighbours …") does not say who X is. Someone described by a noun before
// the name, an appositive or a role is still answered, and so are other questions about the undescribed person.
import { describe, expect, it } from 'vitest';
import { Library } from '../../../src/library/library.js';
import { ask } from '../../../src/questions/qa/ask.js';
import { buildIndex } from '../../../src/questions/search-index.js';
import { describedNowhere } from '../../../src/questions/who.js';
import { storyOf } from '../helpers.js';

const FLOOD = storyOf(
  [
    'Flooding closed the Marrow Valley road on Tuesday.',
    'Residents said Tomas Ferrand and two neighbours cleared the drains before the water rose.',
    'The council reopened the road on Thursday.',
  ].join(' '),
  'made-up/flood.txt',
);
const CHOIR = storyOf(
  'The Harlow choir won the regional contest. Its conductor, Ada Vence, said the singers had rehearsed for a year. ' +
    'Former organist Pell Marrin played at the final. Famous singers of the town include Anna Moss and Peter Tarr.',
  'made-up/choir.txt',
);
const index = buildIndex(new Library([FLOOD, CHOIR]));

describe('who is someone named but never described', () => {
  it('declines, rather than answering with a sentence that mentions the name', () => {
    expect(describedNowhere(index, 'Tomas Ferrand')).toBe(true);
    expect(ask(index, 'Who is Tomas Ferrand?').answer).toBeNull();
    expect(ask(index, 'Who was Tomas Ferrand?').answer).toBeNull();
  });

  it('still answers other questions about that person', () => {
    expect(ask(index, 'Who cleared the drains?').short).toBe('Tomas Ferrand');
  });

  it('answers someone described by an appositive or a noun before the name', () => {
    expect(describedNowhere(index, 'Ada Vence')).toBe(false);
    expect(ask(index, 'Who is Ada Vence?').answer).toContain('conductor');
    expect(describedNowhere(index, 'Pell Marrin')).toBe(false);
    expect(ask(index, 'Who is Pell Marrin?').answer).toContain('organist');
    expect(describedNowhere(index, 'Peter Tarr')).toBe(false);
  });

  it('leaves a name no story holds to the usual decline', () => {
    expect(describedNowhere(index, 'Marta Olsen')).toBe(false);
    expect(ask(index, 'Who is Marta Olsen?').answer).toBeNull();
  });
});
