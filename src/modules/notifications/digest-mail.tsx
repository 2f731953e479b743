import type { Translator } from '../../platform/i18n/i18n.ts';
import type { RenderedContent } from './notification-mail.tsx';

export interface DigestItem {
  number: number;
  subject: string;
  link: string;
  status: string;
  category: string;
  /** "Last reply by X, date" or "no reply yet", already translated. */
  last: string;
}

export interface DigestModel {
  t: Translator;
  name: string;
  day: string;
  waiting: DigestItem[];
  fresh: DigestItem[];
  /** True when a list was cut at its limit. */
  more: boolean;
  deskLink: string;
}

function Section({ title, items }: { title: string; items: DigestItem[] }) {
  if (items.length === 0) return '';
  return (
    <>
      <h2 style="font-size:16px;margin:20px 0 8px;" safe>
        {title}
      </h2>
      <ul style="margin:0;padding-left:20px;">
        {items.map((i) => (
          <li style="margin:0 0 10px;">
            <a href={i.link} safe>
              {`#${i.number} ${i.subject}`}
            </a>
            <br />
            <span style="font-size:13px;color:#57606a;" safe>
              {`${i.status} · ${i.category} · ${i.last}`}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

function textSection(title: string, items: DigestItem[]): string {
  if (items.length === 0) return '';
  const lines = items.map(
    (i) => `- #${i.number} ${i.subject}\n  ${i.status} · ${i.category} · ${i.last}\n  ${i.link}`,
  );
  return `${title}\n\n${lines.join('\n')}`;
}

/** The daily digest: tickets waiting for the person, then new unassigned ones in their categories. */
export function renderDigest(m: DigestModel): RenderedContent {
  const { t } = m;
  const count = m.waiting.length + m.fresh.length;
  const intro = t.t('notify.digest.intro', { name: m.name, count });
  const waitingTitle = t.t('notify.digest.waiting', { count: m.waiting.length });
  const freshTitle = t.t('notify.digest.fresh', { count: m.fresh.length });
  const more = m.more ? t.t('notify.digest.more') : '';
  const text = [
    intro,
    textSection(waitingTitle, m.waiting),
    textSection(freshTitle, m.fresh),
    more,
    `${t.t('notify.digest.openDesk')}: ${m.deskLink}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const html = (
    <>
      <p style="margin:0 0 8px;" safe>
        {intro}
      </p>
      <Section title={waitingTitle} items={m.waiting} />
      <Section title={freshTitle} items={m.fresh} />
      {more ? (
        <p style="margin:12px 0 0;" safe>
          {more}
        </p>
      ) : (
        ''
      )}
      <p style="margin:16px 0 0;">
        <a href={m.deskLink} safe>
          {t.t('notify.digest.openDesk')}
        </a>
      </p>
    </>
  ) as string;
  return { subject: t.t('notify.digest.subject', { count, day: m.day }), text, html };
}
