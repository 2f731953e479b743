import { checkContrast } from '../../../modules/taxonomy/contrast.ts';

const HEX = /^#[0-9a-f]{6}$/i;

function updateContrast(line: HTMLElement, background: string, text: string): void {
  const check = checkContrast(background.toLowerCase(), text.toLowerCase());
  const ratio = new Intl.NumberFormat(document.documentElement.lang || 'en').format(check.ratio);
  const suggestion = check.suggestion === '#000000' ? line.dataset.black : line.dataset.white;
  const template = (check.ok ? line.dataset.okTemplate : line.dataset.lowTemplate) ?? '';
  line.textContent = template.replace('{ratio}', ratio).replace('{suggestion}', suggestion ?? '');
  line.classList.toggle('contrast-low', !check.ok);
  line.dataset.suggestion = check.suggestion;
}

/**
 * The live label preview on the status and priority forms: the colour inputs set CSS custom
 * properties on the preview labels through the CSSOM (a strict CSP forbids style attributes in
 * markup, not this), and the contrast lines follow. Without JavaScript the preview shows the saved
 * colours and the server reports the contrast.
 */
export function enhanceLabelPreview(root: ParentNode): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-label-form]')) {
    const inputs = [...form.querySelectorAll<HTMLInputElement>('input[data-label-color]')];
    const value = (key: string) => inputs.find((i) => i.dataset.labelColor === key)?.value ?? '';
    const update = () => {
      for (const input of inputs) {
        if (!HEX.test(input.value)) continue;
        for (const label of form.querySelectorAll<HTMLElement>('[data-label-preview]'))
          label.style.setProperty(`--label-${input.dataset.labelColor}`, input.value);
      }
      for (const line of form.querySelectorAll<HTMLElement>('[data-contrast]')) {
        const scheme = line.dataset.contrast;
        const [bg, fg] = [value(`${scheme}-bg`), value(`${scheme}-fg`)];
        if (HEX.test(bg) && HEX.test(fg)) updateContrast(line, bg, fg);
      }
    };
    form.addEventListener('input', update);
    for (const button of form.querySelectorAll<HTMLButtonElement>('[data-use-suggestion]')) {
      button.addEventListener('click', () => {
        const scheme = button.dataset.useSuggestion;
        const line = form.querySelector<HTMLElement>(`[data-contrast="${scheme}"]`);
        const text = inputs.find((i) => i.dataset.labelColor === `${scheme}-fg`);
        if (!line || !text) return;
        text.value = line.dataset.suggestion ?? text.value;
        update();
      });
    }
    // A form re-rendered after an error holds unsaved colours: show them at once.
    update();
  }
}
