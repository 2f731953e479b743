import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders emphasis, lists, code and tables', () => {
    const html = renderMarkdown('**bold** _it_\n\n- a\n- b\n\n`x<y`\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<li>a<\/li>/);
    assert.match(html, /<code>x&lt;y<\/code>/);
    assert.match(html, /<table>/);
  });

  it('neutralises raw HTML and script URLs', () => {
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '<svg><script>alert(1)</script></svg>',
      '<a href="javascript:alert(1)">x</a>',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    ];
    for (const p of payloads) {
      const html = renderMarkdown(p);
      assert.doesNotMatch(
        html,
        /<script|<[a-z][^>]*\son\w+=|<a [^>]*href="(javascript|data):|<img/i,
        `${p} → ${html}`,
      );
    }
  });

  it('marks links nofollow noopener ugc', () => {
    assert.match(
      renderMarkdown('[site](https://example.com)'),
      /<a href="https:\/\/example.com" rel="nofollow noopener ugc" target="_blank">/,
    );
    assert.match(renderMarkdown('see https://example.com/x'), /rel="nofollow noopener ugc"/);
  });

  it('keeps images only from our own attachment URLs', () => {
    assert.match(
      renderMarkdown('![shot](/attachments/abc123/shot.png)'),
      /<img src="\/attachments\/abc123\/shot.png" alt="shot"/,
    );
    assert.doesNotMatch(renderMarkdown('![t](https://tracker.example/pixel.gif)'), /<img/);
    assert.doesNotMatch(renderMarkdown('![t](//tracker.example/pixel.gif)'), /<img/);
  });
});
