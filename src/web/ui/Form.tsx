import type { UploadedItem } from './Attachments.tsx';
import type { FieldErrors } from '../../platform/errors.ts';
import type { View } from './view.ts';

export function Csrf({ v }: { v: View }) {
  return <input type="hidden" name="_csrf" value={v.csrf} />;
}

export interface FormState {
  values: Record<string, string>;
  errors: FieldErrors;
  /** A message key for the whole form, e.g. wrong password. */
  error?: string | undefined;
  /** Files already uploaded with an earlier, refused submission: shown again, still attached. */
  uploads?: UploadedItem[] | undefined;
}

export const emptyForm: FormState = { values: {}, errors: {} };

/** A labelled input with its error, wired for screen readers. */
export function Field(props: {
  v: View;
  form: FormState;
  name: string;
  label: string;
  type?: string;
  autocomplete?: string;
  required?: boolean;
  hint?: string;
  maxlength?: number;
  minlength?: number;
  autofocus?: boolean;
  value?: string;
  inputmode?: 'numeric' | 'text';
}) {
  const id = `f-${props.name}`;
  const error = props.form.errors[props.name];
  const value = props.type === 'password' ? undefined : (props.value ?? props.form.values[props.name]);
  const describedBy = [error ? `${id}-error` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id} safe>
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={value}
        autocomplete={props.autocomplete}
        required={props.required}
        maxlength={props.maxlength}
        minlength={props.minlength}
        autofocus={props.autofocus}
        inputmode={props.inputmode}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.hint ? (
        <p class="field-hint" id={`${id}-hint`} safe>
          {props.hint}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={`${id}-error`} safe>
          {props.v.t.t(error)}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

/** The form-level error, announced to screen readers. */
export function FormError({ v, form }: { v: View; form: FormState }) {
  if (!form.error) return '';
  return (
    <div class="alert alert-error" role="alert" safe>
      {v.t.t(form.error)}
    </div>
  );
}

export function Submit({ label, variant }: { label: string; variant?: 'primary' | 'danger' | 'plain' }) {
  return (
    <button type="submit" class={`button button-${variant ?? 'primary'}`} safe>
      {label}
    </button>
  );
}

/** A one-button POST form, e.g. "Log out" or "Disable". */
export function ActionForm(props: {
  v: View;
  action: string;
  label: string;
  variant?: 'primary' | 'danger' | 'plain';
  hidden?: Record<string, string>;
  confirm?: string;
}) {
  return (
    <form method="post" action={props.action} class="inline-form" data-confirm={props.confirm}>
      <Csrf v={props.v} />
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={`button button-${props.variant ?? 'plain'}`} safe>
        {props.label}
      </button>
    </form>
  );
}

export function FlashMessage({ v }: { v: View }) {
  if (!v.flash) return '';
  return (
    <div class={`alert alert-${v.flash.kind}`} role="status" safe>
      {v.t.t(v.flash.key, v.flash.values)}
    </div>
  );
}
