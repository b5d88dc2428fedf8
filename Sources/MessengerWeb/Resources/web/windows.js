// Floating windows on the desktop: one frame per VIEW.windows entry, placed
// at its left/top/width/height and stacked by z. Dragging the title bar or
// the corner handle moves the frame locally and sends the new geometry on
// release; until the view shows that geometry, the view does not move it back.
import { h, reconcile, setFlag, setText } from "./dom.js";

const MINIMUM_WIDTH = 200;
const MINIMUM_HEIGHT = 120;
/** How long a released drag may wait for the view to catch up. */
const OVERRIDE_TIMEOUT = 3000;

export class WindowManager {
  /** bodies: kind → (ctx) => {el, update(window, view), focus?()} */
  constructor(desktop, taskbar, ctx, bodies) {
    this.desktop = desktop;
    this.taskbar = taskbar;
    this.ctx = ctx;
    this.bodies = bodies;
    this.initialised = false;
    this.topZ = 0;
  }

  sync(view) {
    const windows = view.windows ?? [];
    this.topZ = Math.max(0, ...windows.map((w) => w.z));
    const fresh = [];
    reconcile(
      this.desktop,
      windows,
      (w) => w.id,
      (w) => {
        const frame = new WindowFrame(w, this);
        if (this.initialised) fresh.push(frame);
        return frame;
      },
      (frame, w) => frame.update(w, view),
    );
    reconcile(
      this.taskbar,
      windows.filter((w) => w.minimized),
      (w) => w.id,
      (w) => taskButton(w, this.ctx),
      (button, w) => setText(button.label, w.title),
    );
    // A window that just opened and is in front takes the focus, as a desktop does.
    for (const frame of fresh) {
      if (frame.model.z === this.topZ && !frame.model.minimized) frame.focusInside();
    }
    this.initialised = true;
  }
}

function taskButton(w, ctx) {
  const label = h("span", { class: "task-label" }, w.title);
  const el = h("button", {
    class: "task",
    type: "button",
    "data-window-id": w.id,
    title: "Restore",
    onclick: () => ctx.act("Window.Show", { handle: `window:${w.id}` }),
  }, h("span", { class: "task-icon", "data-kind": w.kind, "aria-hidden": "true" }), label);
  return { el, label };
}

class WindowFrame {
  constructor(model, manager) {
    this.manager = manager;
    this.ctx = manager.ctx;
    this.model = model;
    this.override = null; // {left, top, width, height, until} while a drag is unconfirmed
    const handle = `window:${model.id}`;
    this.handle = handle;
    this.title = h("h2", { class: "title", id: `window-title-${model.id}` });
    this.minimizeButton = h("button", {
      class: "window-button minimize", type: "button", "aria-label": "Minimize", title: "Minimize",
      onclick: () => this.ctx.act("Window.Minimize", { handle }),
    });
    this.closeButton = h("button", {
      class: "window-button close", type: "button", "aria-label": "Close", title: "Close",
      onclick: () => this.ctx.act("Window.Close", { handle }),
    });
    this.titlebar = h("header", { class: "titlebar" },
      h("span", { class: "window-icon", "data-kind": model.kind, "aria-hidden": "true" }),
      this.title, this.minimizeButton, this.closeButton);
    this.body = manager.bodies[model.kind]?.(this.ctx, handle) ?? unknownBody(model.kind);
    this.resizeHandle = h("div", { class: "resize-handle", "aria-hidden": "true" });
    this.el = h("section", {
      class: "window", role: "dialog", "aria-labelledby": this.title.id,
      "data-window-id": model.id, "data-kind": model.kind,
    }, this.titlebar, h("div", { class: "window-body" }, this.body.el), this.resizeHandle);

    this.el.addEventListener("pointerdown", () => this.raise(), true);
    this.el.addEventListener("focusin", () => this.raise());
    this.titlebar.addEventListener("pointerdown", (event) => {
      if (event.target.closest("button")) return;
      this.track(event, (start, dx, dy) => ({ left: start.left + dx, top: start.top + dy }), ["left", "top"]);
    });
    this.resizeHandle.addEventListener("pointerdown", (event) => {
      this.track(event, (start, dx, dy) => ({
        width: Math.max(MINIMUM_WIDTH, start.width + dx),
        height: Math.max(MINIMUM_HEIGHT, start.height + dy),
      }), ["width", "height"]);
    });
  }

  update(model, view) {
    this.model = model;
    setText(this.title, model.title);
    this.el.setAttribute("aria-label", model.title);
    setFlag(this.el, "hidden", model.minimized);
    this.el.classList.toggle("active", model.z === this.manager.topZ);
    this.el.style.zIndex = String(model.z);
    // In the narrow layout the front window comes first.
    this.el.style.order = String(-model.z);
    this.applyGeometry();
    this.body.update(model, view);
  }

  applyGeometry() {
    const model = this.model;
    let geometry = { left: model.left, top: model.top, width: model.width, height: model.height };
    const override = this.override;
    if (override) {
      const caughtUp = override.released && override.fields.every((f) => model[f] === override.geometry[f]);
      if (caughtUp || (override.released && Date.now() > override.until)) this.override = null;
      else geometry = { ...geometry, ...override.geometry };
    }
    const style = this.el.style;
    style.left = `${geometry.left}px`;
    style.top = `${geometry.top}px`;
    style.width = `${geometry.width}px`;
    style.height = `${geometry.height}px`;
  }

  /** Brings this window to the front (Window.Show) unless it already is. */
  raise() {
    if (this.model.z !== this.manager.topZ || this.model.minimized) {
      this.manager.topZ = this.model.z; // one Show per click, not one per event
      this.ctx.act("Window.Show", { handle: this.handle });
    }
  }

  focusInside() {
    (this.body.focus?.() ?? false) || this.el.querySelector("textarea, input, button")?.focus();
  }

  /** Follows one pointer drag; `change(start, dx, dy)` returns the fields it changes. */
  track(event, change, fields) {
    if (event.button !== 0 || this.el.closest(".narrow")) return;
    event.preventDefault();
    const start = { left: this.model.left, top: this.model.top, width: this.model.width, height: this.model.height };
    Object.assign(start, this.override?.geometry ?? {});
    const origin = { x: event.clientX, y: event.clientY };
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    this.override = { geometry: { ...start }, fields, released: false, until: 0 };
    this.el.classList.add("dragging");
    const move = (e) => {
      Object.assign(this.override.geometry, change(start, Math.round(e.clientX - origin.x), Math.round(e.clientY - origin.y)));
      this.applyGeometry();
    };
    const release = (e) => {
      move(e);
      target.removeEventListener("pointermove", move);
      target.removeEventListener("pointerup", release);
      target.removeEventListener("pointercancel", release);
      this.el.classList.remove("dragging");
      this.send(fields);
    };
    target.addEventListener("pointermove", move);
    target.addEventListener("pointerup", release);
    target.addEventListener("pointercancel", release);
  }

  async send(fields) {
    const override = this.override;
    override.released = true;
    override.until = Date.now() + OVERRIDE_TIMEOUT;
    const changed = fields.filter((f) => override.geometry[f] !== this.model[f]);
    const names = { left: "Left", top: "Top", width: "Width", height: "Height" };
    const results = await Promise.all(changed.map((f) =>
      this.ctx.act(`Window.put_${names[f]}`, { handle: this.handle, value: override.geometry[f] })));
    if (this.override === override && results.some((r) => !r.ok)) this.override = null;
    this.applyGeometry();
  }
}

function unknownBody(kind) {
  return { el: h("p", { class: "empty" }, `A ${kind} window.`), update() {} };
}
