import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentDisposition, sanitizeFileName, urlFileName } from '../../src/modules/attachments/index.ts';
import { EXECUTABLE, UNKNOWN, sniffType } from '../../src/platform/storage/file-types.ts';
import { renderMarkdown } from '../../src/platform/render/markdown.ts';
import { PNG_1PX } from './support.ts';

describe('attachment file names', () => {
  it('keeps only the last path segment, so no name can climb out of a folder', () => {
    assert.equal(sanitizeFileName('../../etc/passwd'), 'passwd');
    assert.equal(sanitizeFileName('C:\\Users\\me\\report.pdf'), 'report.pdf');
    assert.equal(sanitizeFileName('..'), 'file');
    assert.equal(sanitizeFileName('/'), 'file');
  });

  it('drops control characters and turns characters Windows refuses into underscores', () => {
    assert.equal(sanitizeFileName('re\u0000po\nrt\u0007.txt'), 'report.txt');
    assert.equal(sanitizeFileName('a<b>c:d"e|f?g*.log'), 'a_b_c_d_e_f_g_.log');
    assert.equal(sanitizeFileName('  .hidden. '), 'hidden');
  });

  it('neutralises right-to-left overrides and other invisible direction marks', () => {
    // Shown as "invoiceexe.pdf" by a naive renderer; really a .exe.
    assert.equal(sanitizeFileName('invoice\u202Efdp.exe'), 'invoicefdp.exe');
    assert.equal(sanitizeFileName('a\u2066b\u2069c\u200Fd\uFEFF.txt'), 'abcd.txt');
  });

  it('prefixes Windows device names and caps the length but keeps the extension', () => {
    assert.equal(sanitizeFileName('CON.txt'), '_CON.txt');
    assert.equal(sanitizeFileName('lpt1'), '_lpt1');
    const long = sanitizeFileName(`${'x'.repeat(300)}.pdf`);
    assert.equal([...long].length, 120);
    assert.ok(long.endsWith('.pdf'));
  });

  it('appends the extension of the sniffed type when the given one does not fit', () => {
    assert.equal(sanitizeFileName('photo.exe', 'image/png'), 'photo.exe.png');
    assert.equal(sanitizeFileName('script.bat', 'text/plain'), 'script.bat.txt');
    assert.equal(sanitizeFileName('page.html', 'text/plain'), 'page.html.txt');
    assert.equal(sanitizeFileName('server.log', 'text/plain'), 'server.log');
    assert.equal(sanitizeFileName('Photo.JPG', 'image/jpeg'), 'Photo.JPG');
    assert.equal(sanitizeFileName('letter.docx', 'application/zip'), 'letter.docx');
  });

  it('writes URL segments Markdown can carry and dispositions with an ASCII fallback', () => {
    assert.equal(urlFileName("it's (final) ü.png"), 'it%27s%20%28final%29%20%C3%BC.png');
    assert.equal(
      contentDisposition('attachment', 'Bericht ü.pdf'),
      `attachment; filename="Bericht _.pdf"; filename*=UTF-8''Bericht%20%C3%BC.pdf`,
    );
    const html = renderMarkdown(
      `![x](/attachments/AAAAAAAAAAAAAAAAAAAAAA/${urlFileName("it's (final).png")})`,
    );
    assert.match(html, /<img src="\/attachments\/AAAAAAAAAAAAAAAAAAAAAA\/it%27s%20%28final%29.png"/);
  });
});

describe('file type sniffing', () => {
  const ascii = (s: string) => Buffer.from(s, 'latin1');

  it('recognises the allow-listed types by their first bytes', () => {
    assert.equal(sniffType(PNG_1PX, 'a.bin', true), 'image/png');
    assert.equal(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'a', true), 'image/jpeg');
    assert.equal(sniffType(ascii('GIF89a\x01\x00'), 'a', true), 'image/gif');
    assert.equal(sniffType(ascii('RIFF\x00\x00\x00\x00WEBPVP8 '), 'a', true), 'image/webp');
    assert.equal(sniffType(ascii('%PDF-1.7\n'), 'a', true), 'application/pdf');
    assert.equal(sniffType(ascii('PK\x03\x04\x14\x00'), 'a', true), 'application/zip');
    assert.equal(sniffType(Buffer.from([0x1f, 0x8b, 0x08, 0]), 'a', true), 'application/gzip');
  });

  it('calls a program a program whatever its name says', () => {
    assert.equal(sniffType(ascii('MZ\x90\x00\x03\x00'), 'cute-cat.png', true), EXECUTABLE);
    assert.equal(sniffType(ascii('\x7fELF\x02\x01'), 'notes.txt', true), EXECUTABLE);
    assert.equal(sniffType(ascii('#!/bin/sh\nrm -rf /\n'), 'readme.txt', true), EXECUTABLE);
    assert.equal(sniffType(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0]), 'x.pdf', true), EXECUTABLE);
  });

  it('tells text (and JSON by name) from binary', () => {
    assert.equal(
      sniffType(ascii('2026-01-01 INFO started\n\x1b[31mERROR\x1b[0m\n'), 'app.log', true),
      'text/plain',
    );
    assert.equal(sniffType(Buffer.from('{"a": "ü"}'), 'data.json', true), 'application/json');
    assert.equal(sniffType(Buffer.from('{"a": 1}'), 'data.txt', true), 'text/plain');
    assert.equal(sniffType(Buffer.from([0x61, 0x00, 0x62]), 'a.txt', true), UNKNOWN);
    assert.equal(sniffType(Buffer.from([0xc3, 0x28]), 'a.txt', true), UNKNOWN);
    // A multi-byte character cut at the end of an incomplete head is still text.
    assert.equal(sniffType(Buffer.from('abc ü').subarray(0, 5), 'a.txt', false), 'text/plain');
    assert.equal(sniffType(Buffer.from('abc ü').subarray(0, 5), 'a.txt', true), UNKNOWN);
  });
});
