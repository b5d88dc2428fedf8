// JSON-RPC 2.0 over one WebSocket (one object per text frame), reconnecting
// with backoff (1 s, 2 s, 4 s, 8 s, then every 10 s) while the client is away.

const FIRST_DELAY = 1000;
const LONGEST_DELAY = 10000;

/** A failed call: `name` is the error's data.name (e.g. MSGR_E_NOT_LOGGED_ON). */
export class RpcError extends Error {
  constructor(error) {
    super(error.message ?? "unknown error");
    this.code = error.code;
    this.name = error.data?.name ?? (error.code !== undefined ? `JSON-RPC ${error.code}` : "ERROR");
  }
}

export class RpcClient {
  /**
   * listeners: onOpen() after each (re)connection, onNotification(method, params),
   * onState(state, detail) with state "connecting" | "connected" | "waiting".
   */
  constructor(url, listeners) {
    this.url = url;
    this.listeners = listeners;
    this.socket = null;
    this.nextId = 1;
    this.pending = new Map();
    this.delay = FIRST_DELAY;
    this.timer = null;
  }

  start() {
    this.listeners.onState("connecting");
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.delay = FIRST_DELAY;
      this.listeners.onState("connected");
      this.listeners.onOpen();
    });
    socket.addEventListener("message", (event) => this.receive(event.data));
    socket.addEventListener("close", () => this.lost(socket));
  }

  /** Resolves with `result` ({hr, value?}); rejects with an RpcError. */
  call(method, params = {}) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new RpcError({ message: "not connected to the client", data: { name: "DISCONNECTED" } }));
    }
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.id !== undefined && this.pending.has(message.id)) {
      const { resolve, reject } = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) reject(new RpcError(message.error));
      else resolve(message.result ?? {});
    } else if (typeof message.method === "string") {
      this.listeners.onNotification(message.method, message.params ?? {});
    }
  }

  lost(socket) {
    if (socket !== this.socket) return;
    this.socket = null;
    for (const { reject } of this.pending.values()) {
      reject(new RpcError({ message: "the connection to the client was lost", data: { name: "DISCONNECTED" } }));
    }
    this.pending.clear();
    const delay = this.delay;
    this.delay = Math.min(this.delay * 2, LONGEST_DELAY);
    this.listeners.onState("waiting", delay);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), delay);
  }
}

/** The WebSocket address next to the page: ws://host:port/TOKEN/ws. */
export function socketURL(location) {
  const url = new URL("ws", location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}
