// A conversation window: the other party, the transcript, and a send box
// (Enter sends with ConversationWnd.SendText, Shift+Enter is a new line).
import { h, setText } from "./dom.js";
import { presenceIcon, setPresence } from "./presence.js";
import { createTranscript } from "./transcript.js";

export function createConversation(ctx, handle) {
  const icon = presenceIcon("offline");
  const who = h("span", { class: "party-name" });
  const status = h("span", { class: "party-status" });
  const transcript = createTranscript("Conversation");
  const box = h("textarea", { class: "sendbox-input", rows: "2", "aria-label": "Message", placeholder: "Type a message" });
  const send = h("button", { type: "submit", class: "primary" }, "Send");
  const form = h("form", { class: "sendbox" }, box, send);

  async function submit() {
    const text = box.value;
    if (!text.trim()) return;
    send.disabled = true;
    const result = await ctx.act("ConversationWnd.SendText", { handle, text });
    send.disabled = false;
    if (result.ok && box.value === text) box.value = "";
    box.focus();
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });

  const el = h("div", { class: "conversation" },
    h("div", { class: "party" }, icon, h("span", { class: "party-text" }, who, status)),
    transcript.el, form);
  return {
    el,
    focus() {
      box.focus();
      return true;
    },
    update(window, view) {
      const contact = view.contacts.find((c) => c.signinName === window.contact);
      setPresence(icon, contact?.statusName ?? "unknown", contact?.blocked);
      setText(who, contact ? `${contact.friendlyName} <${contact.signinName}>` : window.contact ?? "");
      setText(status, contact?.statusText ?? "");
      transcript.update(window.transcript ?? []);
    },
  };
}
