import type { Children } from '@kitajs/html';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../../platform/context.ts';
import type { AppError } from '../../../platform/errors.ts';
import { formBody, redirectWithFlash } from '../../../platform/http/request-context.ts';
import { sendHtml } from '../../../platform/render/render.ts';
import type { FormState } from '../../ui/Form.tsx';
import type { View } from '../../ui/view.ts';
import { attempt, formWithError, routeKit, type WebDeps } from '../../route-kit.ts';
import { readCarry, type Carry } from './carry.ts';
import { isHtmx, sendDialogOrPage } from './dialog-kit.tsx';
import { CommercePanels } from './panels.tsx';
import { loadCommercePanels } from './panels.view-model.ts';

export interface Notice {
  key: string;
  values?: Record<string, string | number>;
}

/** A form to show again: what was typed, field errors, and the whole form's message, translated. */
export type ActionForm = FormState & { message?: string | undefined };

export interface ActionSpec<T> {
  run: (ctx: Ctx, carry: Carry, body: Record<string, string>, req: FastifyRequest) => Promise<T>;
  /** The success message; `info` when the action changed nothing (already done). */
  notice: (v: View, value: T) => Notice & { info?: boolean };
  /** The form again, with the error and what was typed. */
  form: (
    v: View,
    carry: Carry,
    form: ActionForm,
    hx: boolean,
    req: FastifyRequest,
  ) => Promise<{ title: string; body: Children; wide?: boolean }>;
}

/** Whether a form in a dialog can refresh the panels in place (it knows whose panels they are). */
export function inPlace(req: FastifyRequest, carry: Carry): boolean {
  return isHtmx(req) && !!carry.customer;
}

/**
 * Runs a commerce action posted from a dialog or a page. Success: with htmx, the re-rendered
 * panels (with the message, and a `commerce:changed` event for the page to refresh the ticket's
 * history); without, a redirect back with a flash. An expected error shows the form again:
 * in the dialog (retargeted) or as a page with the error's status (403 without permission).
 */
export function commerceAction<T>(deps: WebDeps, spec: ActionSpec<T>) {
  const { ctx, view } = routeKit(deps);
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const body = formBody(req);
    const carry = readCarry(body);
    const result = await attempt(() => spec.run(ctx(req), carry, body, req));
    const v = await view(req, reply);
    const hx = inPlace(req, carry);
    if (!result.ok) return showError(req, reply, v, spec, carry, body, result.error, hx);
    deps.pokeWorker();
    const notice = spec.notice(v, result.value);
    if (!hx)
      return redirectWithFlash(reply, carry.back, {
        kind: notice.info ? 'info' : 'success',
        key: notice.key,
        values: notice.values,
      });
    const m = await loadCommercePanels(ctx(req), {
      customer: carry.customer!,
      customerName: carry.customerName,
      ticketNumber: carry.ticketNumber,
      back: carry.back,
      mode: carry.mode,
      notice: v.t.t(notice.key, notice.values),
    });
    reply.header(
      'hx-trigger',
      JSON.stringify({ 'commerce:changed': { ticket: carry.ticketNumber ?? null } }),
    );
    return sendHtml(reply, <CommercePanels v={v} m={m} />);
  };
}

async function showError<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  v: View,
  spec: ActionSpec<T>,
  carry: Carry,
  body: Record<string, string>,
  error: AppError,
  hx: boolean,
) {
  const form = formWithError(body, error);
  const message = Object.keys(error.fields).length
    ? v.t.t('error.form.fix')
    : v.t.t(`error.${error.code}`, error.params);
  const page = await spec.form(v, carry, { ...form, error: undefined, message }, hx, req);
  if (hx) {
    // htmx swaps only 2xx answers: put the dialog with its error back where it was.
    reply.header('hx-retarget', '#commerce-dialog').header('hx-reswap', 'innerHTML');
    return sendDialogOrPage(req, reply, v, { ...page, carry });
  }
  return sendDialogOrPage(req, reply, v, { ...page, carry }, error.status);
}
