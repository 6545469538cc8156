import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/briefing/clean.js';

const paragraphs = (text: string) => cleanDocument(text).paragraphs.map((p) => p.text);

describe('cleanDocument', () => {
  it('keeps paragraph offsets into the original text', () => {
    const text = '  First line here.\r\n\nSecond line.  \n';
    const doc = cleanDocument(text);
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['First line here.', 'Second line.']);
    for (const p of doc.paragraphs) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('sets aside newsletter prompts, photo credits, share lines and bare links', () => {
    const doc = cleanDocument(
      [
        'The council voted on Monday.',
        'Stay up-to-date with the latest news!',
        'Subscribe and start receiving our daily emails.',
        'Photo courtesy of Example Media library.',
        'Read more: Council budget explained',
        'https://example.com/story',
        'Share prices rose after the vote.',
      ].join('\n'),
    );
    expect(doc.paragraphs.map((p) => p.text)).toEqual([
      'The council voted on Monday.',
      'Share prices rose after the vote.',
    ]);
    expect(doc.dropped.map((d) => d.reason)).toEqual(['newsletter', 'newsletter', 'credit', 'share', 'link']);
  });

  it('keeps long prose that mentions a newsletter', () => {
    const long =
      'Subscribe numbers fell. ' +
      'The paper said its weekly newsletter had lost readers over the year, which it blamed on rising prices and a shrinking market. '.repeat(
        2,
      );
    expect(paragraphs(long)).toHaveLength(1);
  });

  it('turns an embedded post and its byline into a SocialPost', () => {
    const doc = cleanDocument(
      [
        'A long paragraph of article prose that explains the background of the story at considerable length, with clauses and details that no tweet would carry, and then some more detail to make sure it is long enough to exceed any post.',
        'The minister is out.',
        'Big news tonight!https://t.co/abc123',
        '— Jane Roe (@janeroe) March 4, 2021',
        'The minister resigned on Thursday.',
      ].join('\n'),
    );
    expect(doc.socialPosts).toEqual([
      {
        author: 'Jane Roe',
        handle: '@janeroe',
        date: '2021-03-04',
        text: 'The minister is out.\nBig news tonight!',
        url: 'https://t.co/abc123',
      },
    ]);
    expect(doc.paragraphs.map((p) => p.text)).toEqual([
      expect.stringMatching(/^A long paragraph/),
      'The minister resigned on Thursday.',
    ]);
  });

  it('does not let a post swallow the paragraph that introduces it', () => {
    const doc = cleanDocument(
      ['He wrote on Twitter:', 'See you all in court pic.twitter.com/xyz', '— Sam Poe (@sampoe) 2 May 2020'].join('\n'),
    );
    expect(doc.socialPosts[0]).toMatchObject({
      author: 'Sam Poe',
      date: '2020-05-02',
      text: 'See you all in court',
      url: 'pic.twitter.com/xyz',
    });
    expect(paragraphs(doc.text)).toEqual(['He wrote on Twitter:']);
  });

  it('stops a post at an earlier post and at the tweet length limit', () => {
    const doc = cleanDocument(
      [
        'First post https://t.co/a',
        '— A (@a) May 1, 2020',
        'x'.repeat(150),
        'y'.repeat(150),
        'Second post',
        '— B (@b) May 2, 2020',
      ].join('\n'),
    );
    expect(doc.socialPosts.map((p) => p.text)).toEqual(['First post', `${'y'.repeat(150)}\nSecond post`]);
    expect(paragraphs(doc.text)).toEqual(['x'.repeat(150)]);
  });

  it('sets a headline-like first line apart from the prose', () => {
    const doc = cleanDocument('Council Approves Tram Line\nThe council voted on Friday.');
    expect(doc.headline?.text).toBe('Council Approves Tram Line');
    expect(doc.paragraphs.map((p) => [p.index, p.text])).toEqual([[0, 'The council voted on Friday.']]);
    expect(cleanDocument('The council voted.\nIt was late.').headline).toBeUndefined();
    expect(cleanDocument('A single line without a stop').headline).toBeUndefined();
  });

  it('drops publication stamps', () => {
    const doc = cleanDocument('By Jo Bloggs PUBLISHED: 12:00 EST, 3 March 2014\nThe council voted.');
    expect(doc.dropped).toEqual([{ text: 'By Jo Bloggs PUBLISHED: 12:00 EST, 3 March 2014', reason: 'dateline' }]);
  });

  it('cuts inline video promos out of a run-on line', () => {
    const text = 'The kite flew on Saturday. Scroll down for video Flying high: Half of the kite took off.';
    const doc = cleanDocument(text);
    expect(doc.paragraphs.map((p) => p.text)).toEqual([
      'The kite flew on Saturday.',
      'Flying high: Half of the kite took off.',
    ]);
    for (const p of doc.paragraphs) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('cuts bylines, stamps and datelines off the front of the first line', () => {
    const cases: Array<[string, string]> = [
      [
        'By . Jo Bloggs . PUBLISHED: 12:01 EST, 3 March 2014 . | . UPDATED: 14:20 EST, 3 March 2014 . The council voted to close the bridge.',
        'By . Jo Bloggs . PUBLISHED: 12:01 EST, 3 March 2014 . | . UPDATED: 14:20 EST, 3 March 2014 .',
      ],
      [
        'By . Jo Bloggs and Al Smith . Last updated at 10:02 AM on 4th May 2015 . The council voted to close the bridge.',
        'By . Jo Bloggs and Al Smith . Last updated at 10:02 AM on 4th May 2015 .',
      ],
      ['PARIS, France (CNN) -- The council voted to close the bridge.', 'PARIS, France (CNN) --'],
      ['(The Daily Courier)The council voted to close the bridge.', '(The Daily Courier)'],
    ];
    for (const [text, stamp] of cases) {
      const doc = cleanDocument(text);
      expect(doc.paragraphs.map((p) => text.slice(p.start, p.end))).toEqual(['The council voted to close the bridge.']);
      expect(doc.dropped).toEqual([{ text: stamp, reason: 'dateline' }]);
    }
    expect(cleanDocument('By the end of the day the council had voted.').paragraphs).toHaveLength(1);
  });

  it('cuts share widgets and player notices glued into the prose', () => {
    const text =
      'Share this withEmailFacebookTwitterLinkedInCopy this linkThe council voted.Media playback is not supported on this deviceThe mayor spoke.';
    const doc = cleanDocument(text);
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['The council voted.', 'The mayor spoke.']);
    for (const p of doc.paragraphs) expect(text.slice(p.start, p.end)).toBe(p.text);
  });
});
