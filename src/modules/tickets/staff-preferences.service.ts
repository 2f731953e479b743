import type { Ctx } from '../../platform/context.ts';
import { findPreferenceRow, upsertPreferenceRow } from './staff-preferences.repo.ts';
import { assertValid, type FieldErrors } from '../../platform/errors.ts';
import { requirePermission } from '../accounts/index.ts';
import { BODY_MAX } from './ticket.validation.ts';

export interface StaffPreferences {
  defaultReply: string;
  defaultAction: 'respond' | 'note';
  timelineOrder: 'asc' | 'desc';
}

const DEFAULTS: StaffPreferences = { defaultReply: '', defaultAction: 'respond', timelineOrder: 'asc' };

/** The signed-in staff member's preferences, with defaults. */
export async function getStaffPreferences(ctx: Ctx): Promise<StaffPreferences> {
  requirePermission(ctx.actor, 'tickets');
  const row = await findPreferenceRow(ctx.db, ctx.actor.id);
  if (!row) return DEFAULTS;
  return {
    defaultReply: row.default_reply ?? '',
    defaultAction: row.default_action,
    timelineOrder: row.timeline_order,
  };
}

/** Saves the default reply template, the default button and the timeline direction. */
export async function saveStaffPreferences(ctx: Ctx, input: StaffPreferences): Promise<void> {
  requirePermission(ctx.actor, 'tickets');
  const errors: FieldErrors = {};
  if (input.defaultReply.length > BODY_MAX) errors.defaultReply = 'error.field.bodyLength';
  if (!['respond', 'note'].includes(input.defaultAction)) errors.defaultAction = 'error.field.invalid';
  if (!['asc', 'desc'].includes(input.timelineOrder)) errors.timelineOrder = 'error.field.invalid';
  assertValid(errors);
  const values = {
    default_reply: input.defaultReply.trim() || null,
    default_action: input.defaultAction,
    timeline_order: input.timelineOrder,
    updated_at: ctx.now(),
  };
  await upsertPreferenceRow(ctx.db, ctx.actor.id, values);
}

/** Escapes Markdown syntax so a customer's name cannot inject formatting or links into a template. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!|<>~])/g, '\\$1');
}

/** Fills {customer_name} and {ticket_number} in a reply template, escaped for Markdown. */
export function fillReplyTemplate(
  template: string,
  values: { customerName: string; ticketNumber: number },
): string {
  return template
    .replaceAll('{customer_name}', escapeMarkdown(values.customerName))
    .replaceAll('{ticket_number}', String(values.ticketNumber));
}
