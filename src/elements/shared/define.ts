/**
 * Registers a custom element unless the tag is taken. A second copy of the library on one page (a CDN script next to
 * a bundled copy, or a notebook cell run twice) must not throw "has already been used".
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (!existing) customElements.define(tag, element);
  // The same bundle loaded again (every notebook output carries one) has the same class source: nothing to say.
  // Another build or version keeps the first definition, and says so.
  else if (existing !== element && String(existing) !== String(element)) {
    console.warn(`<${tag}> is already defined by another copy of training-curves; keeping the first.`);
  }
}
