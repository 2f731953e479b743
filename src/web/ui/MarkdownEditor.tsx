import type { FormState } from './Form.tsx';
import type { View } from './view.ts';

/**
 * A Markdown textarea with a formatting toolbar, a preview and a browser-side draft. Without
 * JavaScript it is a plain textarea that still posts.
 */
export function MarkdownEditor(props: {
  v: View;
  form: FormState;
  name: string;
  label: string;
  draftKey: string;
  maxlength: number;
}) {
  const { v, form, name } = props;
  const id = `f-${name}`;
  const error = form.errors[name];
  return (
    <div class={error ? 'field field-invalid md-editor' : 'field md-editor'}>
      <label for={id} safe>
        {props.label}
      </label>
      <markdown-toolbar for={id} class="md-toolbar js-only" aria-label={v.t.t('editor.toolbar')}>
        <md-bold class="button button-small button-plain" role="button" tabindex="0" safe>
          {v.t.t('editor.bold')}
        </md-bold>
        <md-italic class="button button-small button-plain" role="button" tabindex="0" safe>
          {v.t.t('editor.italic')}
        </md-italic>
        <md-code class="button button-small button-plain" role="button" tabindex="0" safe>
          {v.t.t('editor.code')}
        </md-code>
        <md-link class="button button-small button-plain" role="button" tabindex="0" safe>
          {v.t.t('editor.link')}
        </md-link>
        <md-unordered-list class="button button-small button-plain" role="button" tabindex="0" safe>
          {v.t.t('editor.list')}
        </md-unordered-list>
        <md-quote class="button button-small button-plain" role="button" tabindex="0" safe>
          {v.t.t('editor.quote')}
        </md-quote>
      </markdown-toolbar>
      <textarea
        id={id}
        name={name}
        rows="8"
        required
        maxlength={props.maxlength}
        data-autosave={props.draftKey}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
        safe
      >
        {form.values[name] ?? ''}
      </textarea>
      <p class="field-hint" id={`${id}-hint`} safe>
        {v.t.t('editor.hint')}
      </p>
      {error ? (
        <p class="field-error" id={`${id}-error`} safe>
          {v.t.t(error)}
        </p>
      ) : (
        ''
      )}
      <div class="md-preview-bar js-only">
        <button
          type="button"
          class="button button-small button-plain"
          hx-post="/markdown/preview"
          hx-include={`#${id}`}
          hx-target={`#${id}-preview`}
          safe
        >
          {v.t.t('editor.preview')}
        </button>
      </div>
      <div id={`${id}-preview`} class="md-preview message-body" aria-live="polite"></div>
    </div>
  );
}
