// The Phone dialog (number, type, call state, hang up) and the Page window
// (compose within the pager's limit, send, the pages sent so far).
import { h, setText } from "./dom.js";
import { createSentPages } from "./sentpages.js";

const PHONE_TYPE_NUMBERS = { home: 0, work: 1, mobile: 2 };

export function createPhoneDialog(ctx, handle) {
  const party = h("p", { class: "party-line" });
  const number = h("input", { class: "phone-number", type: "tel", "aria-label": "Number", autocomplete: "off" });
  const type = h("output", { class: "phone-type-value" });
  const state = h("output", { class: "call-state" });
  const call = h("button", { type: "submit", class: "primary" }, "Call");
  const hangUp = h("button", { type: "button", class: "hang-up danger", onclick: () => ctx.act("Window.Close", { handle }) }, "Hang up");
  let shownNumber = null;
  let model = null;
  const form = h("form", { class: "phone-dialog" },
    party,
    h("label", { class: "field" }, h("span", {}, "Number"), number),
    h("div", { class: "field" }, h("span", {}, "Type"), type),
    h("div", { class: "field" }, h("span", {}, "State"), state),
    h("div", { class: "buttons" }, call, hangUp));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!model) return;
    ctx.act("Messenger.Phone", {
      contact: model.contact,
      type: PHONE_TYPE_NUMBERS[model.phone?.type] ?? 1,
      number: number.value.trim(),
    });
  });
  return {
    el: form,
    focus() {
      hangUp.focus();
      return true;
    },
    update(window, view) {
      model = window;
      const contact = view.contacts.find((c) => c.signinName === window.contact);
      setText(party, contact ? `${contact.friendlyName} <${contact.signinName}>` : window.contact ?? "");
      const phone = window.phone ?? { number: "", type: "", state: "" };
      // The box shows the newest number the API gave; a number being typed stays.
      if (phone.number !== shownNumber) {
        number.value = phone.number;
        shownNumber = phone.number;
      }
      setText(type, phone.type);
      setText(state, phone.state);
    },
  };
}

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
