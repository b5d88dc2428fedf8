// Small DOM helpers: element creation and keyed reconciliation, so that
// re-rendering after every view change keeps focus, selection and typed text.

/** h("button", {class: "x", onclick: f, "aria-label": "Close"}, "text", child…) */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      element.className = value;
    } else if (name === "text") {
      element.textContent = value;
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Sets text only when it differs (avoids needless layout and keeps selections). */
export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** Toggles an attribute: present (empty) when `on`, absent otherwise. */
export function setFlag(element, name, on) {
  if (on) element.setAttribute(name, "");
  else element.removeAttribute(name);
}

/**
 * Makes `parent`'s children one per item, in order, reusing the child made
 * earlier for the same key. `create(item)` returns a controller whose `el` is
 * the element; `update(controller, item)` refreshes it. Returns the controllers.
 */
export function reconcile(parent, items, keyOf, create, update) {
  const previous = parent.__controllers ?? new Map();
  const next = new Map();
  let cursor = parent.firstChild;
  for (const item of items) {
    const key = keyOf(item);
    let controller = previous.get(key);
    if (!controller) controller = create(item);
    previous.delete(key);
    next.set(key, controller);
    update(controller, item);
    if (controller.el !== cursor) parent.insertBefore(controller.el, cursor);
    else cursor = cursor.nextSibling;
  }
  for (const controller of previous.values()) {
    controller.el.remove();
    controller.dispose?.();
  }
  parent.__controllers = next;
  return next;
}
