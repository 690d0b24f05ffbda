/**
 * A once-only renderer of the same components, for the popup's first-paint script (entrypoints/popup-first.tsx),
 * whose build resolves `preact` and `preact/jsx-runtime` here (modules/first-paint.ts). That script draws one
 * frame that the popup's module replaces within tens of milliseconds, so it needs no diffing, state or events,
 * and carrying Preact (13 kB minified) a second time made it most of the popup's first-paint code.
 *
 * It builds the DOM Preact builds for the same tree on its first render (test/component/first-paint-dom.test.tsx
 * holds the two equal): text as text nodes, attributes as Preact sets them, a form field's `value` as a property
 * set after its children. Event handlers, `key` and `ref` are not applied; markup given as HTML is refused.
 */

export interface StaticNode {
  type: string | ((props: Props) => unknown);
  props: Props;
}
type Props = Record<string, unknown> & { children?: unknown };

export function jsx(type: StaticNode['type'], props: Props): StaticNode {
  return { type, props };
}
export { jsx as jsxs, jsx as jsxDEV };

export function Fragment(props: Props): unknown {
  return props.children;
}

/** Appends what `node` draws to `parent` (Preact's `render` into an empty element). */
export function render(node: unknown, parent: Element): void {
  if (node === null || node === undefined || typeof node === 'boolean') return;
  if (typeof node === 'string' || typeof node === 'number') {
    parent.append(document.createTextNode(String(node)));
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) render(child, parent);
    return;
  }
  const { type, props } = node as StaticNode;
  if (typeof type === 'function') {
    render(type(props), parent);
    return;
  }
  const el = document.createElement(type);
  const late: [string, unknown][] = [];
  for (const [name, value] of Object.entries(props)) {
    if (name === 'children' || name === 'key' || name === 'ref' || /^on[A-Z]/.test(name)) continue;
    if (name === 'dangerouslySetInnerHTML') throw new Error('The first paint draws text only.');
    if (name === 'value' || name === 'checked') late.push([name, value]);
    else if (name === 'style') setStyle(el, value);
    else setAttribute(el, name, value);
  }
  render(props.children, el);
  // After the children, as Preact does: a <select>'s value picks among its options.
  for (const [name, value] of late) (el as unknown as Record<string, unknown>)[name] = value ?? '';
  parent.append(el);
}

function setStyle(el: HTMLElement, value: unknown): void {
  if (typeof value === 'string') el.style.cssText = value;
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('-')) el.style.setProperty(k, v == null ? '' : String(v));
      else (el.style as unknown as Record<string, string>)[k] = v == null ? '' : String(v);
    }
}

/** As Preact's first render sets it: absent for null and undefined, and for false unless `aria-` or `data-`. */
function setAttribute(el: HTMLElement, name: string, value: unknown): void {
  const attr = name === 'className' ? 'class' : name === 'htmlFor' ? 'for' : name;
  if (value === null || value === undefined) return;
  const ariaOrData = /^(aria|data)-/.test(attr);
  // A boolean such as `disabled` or `hidden` is Preact's property: present when true, absent when false.
  if (typeof value === 'boolean' && !ariaOrData && attr in el) {
    (el as unknown as Record<string, boolean>)[attr] = value;
    return;
  }
  if (value === false && !ariaOrData) return;
  el.setAttribute(attr, String(value));
}
