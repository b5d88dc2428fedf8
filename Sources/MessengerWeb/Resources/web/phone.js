// The Phone dialog: the number, the call's state and how long it has been
// connected, and the buttons the state allows — Call, Hang up, or Answer and
// Decline for a call ringing here. Every button is an API call.
import { h, setFlag, setText } from "./dom.js";

export function createPhoneDialog(ctx, handle) {
  const party = h("p", { class: "party-line" });
  const banner = h("p", { class: "incoming-banner", role: "alert", hidden: true });
  const number = h("input", { class: "phone-number", type: "tel", "aria-label": "Number", autocomplete: "off" });
  const type = h("output", { class: "phone-type-value" });
  const state = h("output", { class: "call-state", "aria-live": "polite" });
  const error = h("p", { class: "call-error", role: "status" });
  const call = h("button", { type: "submit", class: "primary dial" }, "Call");
  const answer = h("button", { type: "button", class: "primary answer", onclick: () => ctx.act("Window.AnswerCall", { handle }) }, "Answer");
  const decline = h("button", { type: "button", class: "danger decline", onclick: () => ctx.act("Window.DeclineCall", { handle }) }, "Decline");
  const hangUp = h("button", { type: "button", class: "hang-up danger", onclick: () => ctx.act("Window.HangUp", { handle }) }, "Hang up");
  let shownNumber = null;
  let phase = "idle";
  let connectedAt = null;
  let stateText = "";
  let timer = null;

  const form = h("form", { class: "phone-dialog" },
    party,
    banner,
    h("label", { class: "field" }, h("span", {}, "Number"), number),
    h("div", { class: "field" }, h("span", {}, "Type"), type),
    h("div", { class: "field" }, h("span", {}, "State"), state),
    error,
    h("div", { class: "buttons" }, call, answer, decline, hangUp));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = number.value.trim();
    ctx.act("Window.Dial", typed ? { handle, number: typed } : { handle });
  });

  // While connected the state reads "Connected 1:23", counted here from the
  // time the client recorded, so no view change is needed every second.
  function renderState() {
    let text = stateText;
    if (phase === "connected" && connectedAt) {
      const seconds = Math.max(0, Math.floor((Date.now() - connectedAt) / 1000));
      text += ` ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    }
    setText(state, text);
  }
  function keepTimer() {
    const wanted = phase === "connected";
    if (wanted && !timer) timer = setInterval(() => { if (!form.isConnected) { clearInterval(timer); timer = null; } else renderState(); }, 1000);
    if (!wanted && timer) { clearInterval(timer); timer = null; }
  }

  return {
    el: form,
    focus() {
      (phase === "incoming" ? answer : ["dialling", "ringing", "connected"].includes(phase) ? hangUp : number).focus();
      return true;
    },
    update(window, view) {
      const contact = view.contacts.find((c) => c.signinName === window.contact);
      const name = contact ? `${contact.friendlyName} <${contact.signinName}>` : window.contact ?? "";
      setText(party, name);
      const phone = window.phone ?? { number: "", type: "", state: "", phase: "idle" };
      // The box shows the newest number the API gave; a number being typed stays.
      if (phone.number !== shownNumber) {
        number.value = phone.number;
        shownNumber = phone.number;
      }
      phase = phone.phase ?? "idle";
      connectedAt = phone.connectedAt ?? null;
      stateText = phone.state ?? "";
      state.dataset.phase = phase;
      setText(type, phone.type);
      renderState();
      keepTimer();
      setText(error, phone.error ? `${phone.error}` : "");
      const active = ["dialling", "ringing", "connected"].includes(phase);
      setText(banner, phase === "incoming" ? `Incoming call from ${contact?.friendlyName ?? window.contact ?? "someone"}` : "");
      setFlag(banner, "hidden", phase !== "incoming");
      setFlag(call, "hidden", active || phase === "incoming");
      setFlag(answer, "hidden", phase !== "incoming");
      setFlag(decline, "hidden", phase !== "incoming");
      setFlag(hangUp, "hidden", !active);
      number.readOnly = active || phase === "incoming";
    },
  };
}
