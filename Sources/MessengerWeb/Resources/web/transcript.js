// A transcript list (conversation and page windows): lines are only ever
// appended, so new ones are added and the list scrolls to the newest.
import { h } from "./dom.js";

export function createTranscript(label) {
  const el = h("ol", { class: "transcript", "aria-label": label, "aria-live": "polite", tabindex: "0" });
  let shown = 0;
  return {
    el,
    update(lines) {
      if (lines.length < shown) {
        el.replaceChildren();
        shown = 0;
      }
      if (lines.length === shown) return;
      for (const line of lines.slice(shown)) el.append(transcriptLine(line));
      shown = lines.length;
      el.scrollTop = el.scrollHeight;
    },
  };
}

function transcriptLine(line) {
  const origin = ["local", "remote", "system"].includes(line.origin) ? line.origin : "system";
  const time = h("time", { datetime: line.time }, clock(line.time));
  if (origin === "system") {
    return h("li", { class: "line system" }, h("span", { class: "text" }, line.text), time);
  }
  return h("li", { class: `line ${origin}` },
    h("div", { class: "line-head" }, h("span", { class: "sender" }, line.sender), time),
    h("div", { class: "text" }, line.text));
}

/** "14:03" (24-hour) in the viewer's time zone; the raw text if it is not a date. */
function clock(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso ?? "");
  return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}
