// A minimal Chrome DevTools Protocol client over the inspector's WebSocket: what a debugger (VS Code,
// chrome://inspect) speaks to a Node process started with --inspect. Node's own `inspector` module only
// inspects the process it runs in, so attaching to a worker takes a client like this.
import WebSocket from 'ws';

interface Pending {
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

type Listener = (method: string, params: Record<string, unknown>) => void;

export class CdpSession {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<Listener>();
  private closed = false;

  private constructor(private readonly socket: WebSocket) {
    // The debuggee may end (e.g. the invocation finished) before it answers the last command.
    socket.on('close', () => {
      this.closed = true;
      for (const waiting of this.pending.values()) waiting.reject(new Error('inspector connection closed'));
      this.pending.clear();
    });
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as {
        id?: number;
        method?: string;
        params?: Record<string, unknown>;
        result?: Record<string, unknown>;
        error?: { message: string };
      };
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error.message));
        else waiting?.resolve(message.result ?? {});
      } else if (message.method) {
        for (const listener of this.listeners) listener(message.method, message.params ?? {});
      }
    });
  }

  /** Attaches to the first target the inspector on host:port lists, retrying until it answers. */
  static async attach(port: number, host = '127.0.0.1', timeoutMs = 15_000): Promise<CdpSession> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const targets = (await (await fetch(`http://${host}:${port}/json/list`)).json()) as Array<{
          webSocketDebuggerUrl: string;
        }>;
        const url = targets[0]?.webSocketDebuggerUrl;
        if (url) {
          const socket = new WebSocket(url);
          await new Promise<void>((resolve, reject) => {
            socket.once('open', () => resolve());
            socket.once('error', reject);
          });
          return new CdpSession(socket);
        }
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`no inspector on ${host}:${port}`, { cause: error });
      }
      if (Date.now() > deadline) throw new Error(`no inspector target on ${host}:${port}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    if (this.closed) return Promise.reject(new Error('inspector connection closed'));
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** The next event of this method (optionally matching), or a rejection after timeoutMs. */
  next(
    method: string,
    matches: (params: Record<string, unknown>) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener: Listener = (name, params) => {
        if (name !== method || !matches(params)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(params);
      };
      this.listeners.add(listener);
    });
  }

  close(): void {
    this.socket.close();
  }
}
