// Entry point: connects to the client, keeps the latest VIEW, renders it,
// and turns every action into an Automation API call whose failure is shown.
import { createConversation } from "./conversation.js";
import { createPageWindow } from "./dialogs.js";
import { createPhoneDialog } from "./phone.js";
import { h } from "./dom.js";
import { createMainWindow } from "./mainwindow.js";
import { RpcClient, socketURL } from "./rpc.js";
import { WindowManager } from "./windows.js";

const MAX_BANNERS = 4;
const NARROW = window.matchMedia("(max-width: 640px)");

const desktop = document.getElementById("desktop");
const tasks = document.getElementById("tasks");
const errors = document.getElementById("errors");
const connection = document.getElementById("connection");

let view = null;

const ctx = {
  /** Calls `method`; resolves {ok, value} or, after showing the error, {ok: false, error}. */
  async act(method, params = {}) {
    try {
      const result = await rpc.call(method, params);
      return { ok: true, value: result.value };
    } catch (error) {
      showError(error);
      return { ok: false, error };
    }
  },
};

const windows = new WindowManager(desktop, tasks, ctx, {
  main: createMainWindow,
  conversation: createConversation,
  phone: createPhoneDialog,
  page: createPageWindow,
});

const rpc = new RpcClient(socketURL(window.location), {
  async onOpen() {
    try {
      const result = await rpc.call("UI.GetView");
      view = result.value;
      render();
      await rpc.call("UI.Subscribe");
    } catch (error) {
      showError(error);
    }
  },
  onNotification(method, params) {
    if (method === "UI.ViewChanged" && view && params.view) {
      view = { ...view, ...params.view };
      render();
    }
  },
  onState(state, delay) {
    connection.dataset.state = state;
    const texts = {
      connecting: "Connecting…",
      connected: "Connected",
      waiting: `Disconnected — retrying in ${Math.round((delay ?? 0) / 1000)} s`,
    };
    connection.textContent = texts[state] ?? state;
    document.body.classList.toggle("disconnected", state !== "connected");
  },
});

function render() {
  if (view) windows.sync(view);
}

function showError(error) {
  const dismiss = h("button", { type: "button", class: "dismiss", "aria-label": "Dismiss", title: "Dismiss" });
  const banner = h("div", { class: "error-banner", role: "alert" },
    h("strong", { class: "error-name" }, error.name ?? "Error"),
    h("span", { class: "error-message" }, error.message ?? String(error)),
    dismiss);
  dismiss.addEventListener("click", () => banner.remove());
  errors.append(banner);
  while (errors.children.length > MAX_BANNERS) errors.firstElementChild.remove();
}

document.addEventListener("keydown", (event) => {
  // Escape dismisses the newest error when nothing else wants it.
  if (event.key === "Escape" && !event.defaultPrevented && errors.lastElementChild) {
    errors.lastElementChild.remove();
  }
});

function applyLayout() {
  desktop.classList.toggle("narrow", NARROW.matches);
}
NARROW.addEventListener("change", applyLayout);
applyLayout();
rpc.start();
