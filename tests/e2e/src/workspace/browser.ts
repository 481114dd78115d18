import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';

/** Keyboard-only helpers for the workspace's browser tests: no mouse, no `fill`, as a call handler works. */

/** The accessible label of the focused element (its <label>, else its own text). */
export async function focused(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => { const el = document.activeElement; if (!el) return ''; const label = el.labels && el.labels[0]; return ((label ? label.textContent : el.textContent) || '').replace(/\\s*\\*$/, '').trim(); })()`);
}

/** Presses Tab until the field labelled `label` has the focus: the way a call handler moves through the form. */
export async function tabTo(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if ((await focused(page)) === label) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached “${label}”; the focus is on “${await focused(page)}”`);
}

export async function typeInto(page: Page, label: string, text: string): Promise<void> {
  await tabTo(page, label);
  await page.keyboard.type(text);
}

let axeSource: string | undefined;
/** axe-core's WCAG 2.1 A and AA rules on the page as it is; the violations by rule and element. */
export async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate<{ id: string; nodes: string[] }[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) })))`,
  );
}
