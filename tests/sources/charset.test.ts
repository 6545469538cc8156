import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetOfContentType, decodeBytes, decodeLocal } from '../../src/sources/charset.js';

const FRENCH = 'L\u2019\u00e9t\u00e9 \u00ab na\u00eff \u00bb \u2014 50 \u20ac';

describe('charset', () => {
  it('takes the charset from Content-Type', () => {
    expect(charsetOfContentType('text/html; charset="Windows-1252"')).toBe('windows-1252');
    expect(charsetOfContentType('text/html; charset=nonsense')).toBeUndefined();
    expect(decodeBytes(iconv.encode(FRENCH, 'windows-1252'), 'text/html; charset=windows-1252')).toEqual({
      text: FRENCH,
      charset: 'windows-1252',
      source: 'content-type',
    });
  });

  it('reads Latin-1 labels as Windows-1252, so curly quotes survive', () => {
    expect(decodeBytes(iconv.encode('\u201cyes\u201d', 'windows-1252'), 'text/plain; charset=ISO-8859-1').text).toBe(
      '\u201cyes\u201d',
    );
  });

  it('lets a BOM decide', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('h\u00e9', 'utf-16le')]);
    expect(decodeBytes(bytes, 'text/html')).toMatchObject({ text: 'h\u00e9', charset: 'utf-16le', source: 'bom' });
  });

  it('reads the XML declaration and <meta charset>', () => {
    const xml = iconv.encode('<?xml version="1.0" encoding="Shift_JIS"?><t>東京</t>', 'shift_jis');
    expect(decodeBytes(xml, 'application/xml')).toMatchObject({ charset: 'shift_jis', source: 'declaration' });
    expect(decodeBytes(xml).text).toContain('東京');
    const html = iconv.encode(
      '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr"><p>서울</p>',
      'euc-kr',
    );
    expect(decodeBytes(html).text).toContain('서울');
  });

  it('does not believe a UTF-8 header over bytes that are not UTF-8', () => {
    const bytes = iconv.encode('<p>Gar\u00e7on</p>', 'latin1');
    expect(decodeBytes(bytes, 'text/html; charset=utf-8')).toMatchObject({
      text: '<p>Gar\u00e7on</p>',
      source: 'fallback',
    });
  });

  it('decodes local files: UTF-8 when valid, else Windows-1252', () => {
    expect(decodeLocal(Buffer.from(FRENCH, 'utf8'))).toMatchObject({ text: FRENCH, charset: 'utf-8' });
    expect(decodeLocal(iconv.encode(FRENCH, 'windows-1252'))).toMatchObject({
      text: FRENCH,
      charset: 'windows-1252',
      source: 'fallback',
    });
  });
});
