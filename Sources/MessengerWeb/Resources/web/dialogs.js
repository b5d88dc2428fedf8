// The Page window: compose within the pager's limit, send, the pages sent so far.
import { h, setText } from "./dom.js";
import { createSentPages } from "./sentpages.js";

export function createPageWindow(ctx, handle) {
  const party = h("p", { class: "party-line" });
  const sent = createSentPages();
  const text = h("textarea", { class: "page-input", rows: "3", "aria-label": "Page text", placeholder: "Type a short page" });
  const counter = h("span", { class: "counter", "aria-live": "polite" });
  const send = h("button", { type: "submit", class: "primary" }, "Send");
  const form = h("form", { class: "pagebox" }, text, h("div", { class: "page-footer" }, counter, send));
  let limit = 160;

  function count() {
    // String length is in UTF-16 code units, the unit the limit is in.
    const used = text.value.length;
    setText(counter, `${used} / ${limit}`);
    const over = used > limit;
    counter.classList.toggle("over", over);
    send.disabled = over || used === 0;
  }
  text.addEventListener("input", count);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = text.value;
    if (!value || value.length > limit) return;
    const result = await ctx.act("Window.SendPage", { handle, text: value });
    if (result.ok && text.value === value) text.value = "";
    count();
  });

  const el = h("div", { class: "page-window" }, party, sent.el, form);
  return {
    el,
    focus() {
      text.focus();
      return true;
    },
    update(window, view) {
      const contact = view.contacts.find((c) => c.signinName === window.contact);
      setText(party, contact ? `To: ${contact.friendlyName} <${contact.signinName}>` : window.contact ?? "");
      limit = window.page?.maximumLength ?? 160;
      sent.update(window.page?.sent ?? []);
      count();
    },
  };
}
