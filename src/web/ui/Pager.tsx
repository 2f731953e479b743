import type { View } from './view.ts';

/** Keyset pagination: a "next page" link carrying the cursor, and a link back to the start. */
export function Pager({
  v,
  base,
  cursorName,
  cursor,
  params,
}: {
  v: View;
  base: string;
  cursorName: string;
  cursor: number | undefined;
  params?: Record<string, string | undefined>;
}) {
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    for (const [k, val] of Object.entries({ ...params, ...extra })) if (val) q.set(k, val);
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <nav class="pager" aria-label={v.t.t('pager.label')}>
      <a href={query({})} safe>
        {v.t.t('pager.first')}
      </a>
      {cursor ? (
        <a href={query({ [cursorName]: String(cursor) })} rel="next" safe>
          {v.t.t('pager.next')}
        </a>
      ) : (
        ''
      )}
    </nav>
  );
}
