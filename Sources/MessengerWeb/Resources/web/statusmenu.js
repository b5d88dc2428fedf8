// The "my status" menu button: lists me.selectableStatuses; choosing one is
// Messenger.put_MyStatus. Arrow keys move, Enter/Space choose, Escape closes.
import { h, reconcile, setText } from "./dom.js";
import { presenceIcon, setPresence } from "./presence.js";

export function createStatusMenu(ctx) {
  const icon = presenceIcon("offline");
  const label = h("span", { class: "status-label" });
  const button = h("button", {
    class: "status-button", type: "button", "aria-haspopup": "menu", "aria-expanded": "false",
    onclick: () => (menu.hidden ? open() : close()),
  }, icon, label, h("span", { class: "caret", "aria-hidden": "true" }));
  const menu = h("ul", { class: "menu status-menu", role: "menu", hidden: true });
  const el = h("div", { class: "status-picker" }, button, menu);

  const items = () => [...menu.querySelectorAll("[role=menuitemradio]")];
  function open() {
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    (menu.querySelector("[aria-checked=true]") ?? items()[0])?.focus();
  }
  function close(refocus = true) {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
    if (refocus) button.focus();
  }
  menu.addEventListener("keydown", (event) => {
    const all = items();
    const index = all.indexOf(document.activeElement);
    const moves = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in moves) {
      event.preventDefault();
      all[(index + moves[event.key] + all.length) % all.length]?.focus();
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      all[event.key === "Home" ? 0 : all.length - 1]?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      close(false);
    }
  });
  document.addEventListener("pointerdown", (event) => {
    if (!el.contains(event.target)) close(false);
  });

  function choose(status) {
    close();
    ctx.act("Messenger.put_MyStatus", { value: status });
  }

  return {
    el,
    update(me) {
      setPresence(icon, me.statusName);
      setText(label, me.statusText);
      button.disabled = me.phase !== "online";
      reconcile(menu, me.selectableStatuses ?? [], (s) => s.status, (s) => {
        const item = h("li", {
          role: "menuitemradio", tabindex: "-1", class: "menu-item", "data-status": s.status,
          onclick: () => choose(s.status),
          onkeydown: (event) => {
            if (event.key === "Enter" || event.key === " ") {
              event.preventDefault();
              choose(s.status);
            }
          },
        }, presenceIcon(s.name), h("span", {}, s.text));
        return { el: item };
      }, (item, s) => item.el.setAttribute("aria-checked", String(s.status === me.status)));
    },
  };
}
