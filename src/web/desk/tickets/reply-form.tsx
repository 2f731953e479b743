import { AttachmentPicker, multipartAction, type UploadLimitsView } from '../../ui/Attachments.tsx';
import { Csrf, FormError, type FormState } from '../../ui/Form.tsx';
import { MarkdownEditor } from '../../ui/MarkdownEditor.tsx';
import type { View } from '../../ui/view.ts';
import type { Option } from './queue.page.tsx';

export interface ReplyFormModel {
  number: number;
  form: FormState;
  limits: UploadLimitsView;
  /** The ticket's values when the page was rendered: only fields the agent changes from these are applied. */
  baseline: { statusId: string; categoryId: string; priority: string; assigneeId: string; locked: string };
  seenEventId: number;
  statuses: Option[];
  categories: Option[];
  priorities: Option[];
  staff: Option[];
  defaultAction: 'respond' | 'note';
  collision: number;
}

function Pick({
  name,
  label,
  options,
  value,
}: {
  v: View;
  name: string;
  label: string;
  options: Option[];
  value: string;
}) {
  return (
    <div class="field">
      <label for={`r-${name}`} safe>
        {label}
      </label>
      <select id={`r-${name}`} name={name}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Reply, internal note or update-only, with the ticket's attributes, in one form. */
export function ReplyForm({ v, m }: { v: View; m: ReplyFormModel }) {
  const t = v.t.t;
  const val = (k: keyof ReplyFormModel['baseline']) => m.form.values[k] ?? m.baseline[k];
  const buttons = [
    <button
      type="submit"
      name="action"
      value="respond"
      class={`button ${m.defaultAction === 'respond' ? 'button-primary' : 'button-plain'}`}
      safe
    >
      {t('desk.reply.respond')}
    </button>,
    <button
      type="submit"
      name="action"
      value="note"
      class={`button ${m.defaultAction === 'note' ? 'button-primary' : 'button-plain'} button-note`}
      safe
    >
      {t('desk.reply.note')}
    </button>,
  ];
  return (
    <form
      method="post"
      action={multipartAction(v, `/desk/tickets/${m.number}/update`)}
      enctype="multipart/form-data"
      class="stack reply-form card"
      id="reply-form"
    >
      <Csrf v={v} />
      <FormError v={v} form={m.form} />
      {m.collision ? (
        <div class="alert alert-error" role="alert">
          <p safe>{t('desk.reply.collision', { count: m.collision })}</p>
          <button type="submit" name="force" value="1" class="button button-danger" safe>
            {t('desk.reply.sendAnyway')}
          </button>
          <input type="hidden" name="pendingAction" value={m.form.values.action ?? 'respond'} />
        </div>
      ) : (
        ''
      )}
      {Object.entries(m.baseline).map(([k, value]) => (
        <input type="hidden" name={`orig_${k}`} value={value} />
      ))}
      <input type="hidden" name="seenEventId" value={String(m.seenEventId)} />
      <MarkdownEditor
        v={v}
        form={m.form}
        name="body"
        label={t('desk.reply.message')}
        draftKey={`desk-reply-${m.number}`}
        maxlength={100000}
      />
      <AttachmentPicker v={v} uploaded={m.form.uploads} limits={m.limits} error={m.form.errors.files} />
      <details class="note-too" open={!!m.form.values.note}>
        <summary safe>{v.t.t('desk.reply.noteToo')}</summary>
        <div class={m.form.errors.note ? 'field field-invalid' : 'field'}>
          <label for="f-note" safe>
            {v.t.t('desk.reply.noteLabel')}
          </label>
          <textarea id="f-note" name="note" rows="3" maxlength={100000} aria-describedby="f-note-hint" safe>
            {m.form.values.note ?? ''}
          </textarea>
          <p class="field-hint" id="f-note-hint" safe>
            {v.t.t('desk.reply.noteHint')}
          </p>
        </div>
      </details>
      <div class="grid-4">
        <Pick v={v} name="statusId" label={t('queue.status')} options={m.statuses} value={val('statusId')} />
        <Pick
          v={v}
          name="categoryId"
          label={t('field.category')}
          options={m.categories}
          value={val('categoryId')}
        />
        <Pick
          v={v}
          name="priority"
          label={t('queue.priority')}
          options={m.priorities}
          value={val('priority')}
        />
        <Pick
          v={v}
          name="assigneeId"
          label={t('queue.assignee')}
          options={[{ value: '', label: t('desk.reply.unassigned') }, ...m.staff]}
          value={val('assigneeId')}
        />
      </div>
      <label class="choice" title={t('desk.reply.lockHint')}>
        <input type="hidden" name="locked" value="0" />
        <input type="checkbox" name="locked" value="1" checked={val('locked') === '1'} />{' '}
        <span safe>{t('desk.reply.lock')}</span>
      </label>
      <p class="field-hint" safe>
        {t('desk.reply.lockHint')}
      </p>
      <div class="button-row">
        {m.defaultAction === 'note' ? [buttons[1], buttons[0]] : buttons}
        {/* The message is required for the other two buttons only; the server checks there is a change. */}
        <button type="submit" name="action" value="update" class="button button-plain" formnovalidate safe>
          {t('desk.reply.update')}
        </button>
      </div>
    </form>
  );
}
