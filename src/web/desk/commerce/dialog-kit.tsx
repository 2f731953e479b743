import type { Children } from '@kitajs/html';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendHtml } from '../../../platform/render/render.ts';
import { Csrf, type FormState } from '../../ui/Form.tsx';
import { DeskLayout } from '../../ui/layouts.tsx';
import type { View } from '../../ui/view.ts';
import { carryFields, type Carry } from './carry.ts';

/** True for a request htmx made to fill the dialog slot or the panels. */
export function isHtmx(req: FastifyRequest): boolean {
  return req.headers['hx-request'] === 'true' && req.headers['hx-boosted'] !== 'true';
}

/** A modal dialog fragment; src/web/client/behaviours/dialogs.ts opens it once htmx has swapped it in. */
export function CommerceDialog(props: { v: View; title: string; wide?: boolean; children: Children }) {
  return (
    <dialog
      class={props.wide ? 'dialog dialog-wide' : 'dialog'}
      data-dialog
      aria-labelledby="commerce-dialog-title"
    >
      <header class="dialog-head">
        <h2 id="commerce-dialog-title" safe>
          {props.title}
        </h2>
        <form method="dialog">
          <button
            type="submit"
            class="button button-small button-plain"
            aria-label={props.v.t.t('commerce.close')}
          >
            ×
          </button>
        </form>
      </header>
      <div class="dialog-body">{props.children}</div>
    </dialog>
  );
}

/** The same content as a dialog for htmx, or as a desk page with a way back without JavaScript. */
export function sendDialogOrPage(
  req: FastifyRequest,
  reply: FastifyReply,
  v: View,
  page: { title: string; carry: Carry; wide?: boolean; body: Children },
  status = 200,
) {
  if (isHtmx(req))
    return sendHtml(
      reply,
      <CommerceDialog v={v} title={page.title} wide={page.wide}>
        {page.body}
      </CommerceDialog>,
      status,
    );
  return sendHtml(
    reply,
    <DeskLayout v={v} title={page.title}>
      <p class="breadcrumb">
        <a href={page.carry.back} safe>
          {v.t.t('commerce.back')}
        </a>
      </p>
      <h1 safe>{page.title}</h1>
      <div class="commerce-page">{page.body}</div>
    </DeskLayout>,
    status,
  );
}

/**
 * A POST form for a commerce action. With htmx it posts in place and the answer (the re-rendered
 * panels) replaces the panels, which closes the dialog; without, it is a plain form.
 */
export function ActionFormTag(props: {
  v: View;
  action: string;
  carry: Carry;
  hx: boolean;
  form?: (FormState & { message?: string | undefined }) | undefined;
  children: Children;
}) {
  return (
    <form
      method="post"
      action={props.action}
      class="stack"
      hx-post={props.hx ? props.action : undefined}
      hx-target={props.hx ? '#commerce-panels' : undefined}
      hx-swap={props.hx ? 'outerHTML' : undefined}
      hx-disabled-elt={props.hx ? 'find button[type=submit]' : undefined}
    >
      <Csrf v={props.v} />
      {Object.entries(carryFields(props.carry)).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {props.form?.message ? (
        <div class="alert alert-error" role="alert" safe>
          {props.form.message}
        </div>
      ) : (
        ''
      )}
      {props.children}
    </form>
  );
}
