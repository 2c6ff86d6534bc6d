/** A host that renders again on request. */
export interface Redrawable {
  requestUpdate(name?: PropertyKey, oldValue?: unknown): void;
}

/** The old value of a named request: the host has no property of that name, so Lit sees a change. */
const CHANGED = Symbol('changed');

/**
 * Asks the host to render again because of `what` (points appended, the crosshair or the brush moved). A named
 * request, because a bare `requestUpdate()` means "the data changed in place" and prepares the data again.
 */
export function redraw(host: Redrawable, what: string): void {
  host.requestUpdate(what, CHANGED);
}
