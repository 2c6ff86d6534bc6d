/**
 * Registration when the tag is taken: a second load of the same bundle (each notebook output carries one) is silent;
 * another build keeps the first definition with one console warning; neither throws.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { define } from '../../src/elements/shared/define.js';

// Two evaluations of the same source, as two loads of one bundle give: different classes with the same text.
const load = () => new Function('return class extends HTMLElement { connectedCallback() { this.textContent = "v1"; } }')() as CustomElementConstructor;

afterEach(() => vi.restoreAllMocks());

describe('define', () => {
  it('a second load of the same bundle keeps the first definition without a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = load();
    define('tc-define-same', first);
    expect(() => define('tc-define-same', load())).not.toThrow();
    expect(customElements.get('tc-define-same')).toBe(first);
    expect(warn).not.toHaveBeenCalled();
  });

  it('another build of the element keeps the first definition and warns', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = load();
    define('tc-define-other', first);
    const other = class extends HTMLElement {
      connectedCallback() {
        this.textContent = 'v2';
      }
    };
    expect(() => define('tc-define-other', other)).not.toThrow();
    expect(customElements.get('tc-define-other')).toBe(first);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain('<tc-define-other> is already defined by another copy');
  });
});
