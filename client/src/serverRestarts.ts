// What the client does when the server process dies or its connection errors: restart it, log why,
// and give up only when it keeps crashing (the same limit vscode-languageclient uses by default).
import {
  CloseAction,
  ErrorAction,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type Message,
} from 'vscode-languageclient/node';

const MAX_RESTARTS = 4;
const CRASH_WINDOW_MS = 3 * 60 * 1000;
const MAX_CONSECUTIVE_ERRORS = 3;

export class RestartingErrorHandler implements ErrorHandler {
  private readonly crashes: number[] = [];

  constructor(
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  error(error: Error, message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    const what = message === undefined ? '' : ` while handling ${describe(message)}`;
    this.log(`Connection error${what}: ${error.message}`);
    if (count !== undefined && count <= MAX_CONSECUTIVE_ERRORS) return { action: ErrorAction.Continue, handled: true };
    return { action: ErrorAction.Shutdown, message: 'Distro TOML: the language server connection keeps failing; shutting it down.' };
  }

  closed(): CloseHandlerResult {
    const now = this.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - (this.crashes[0] ?? now) > CRASH_WINDOW_MS) this.crashes.shift();
    if (this.crashes.length > MAX_RESTARTS) {
      const message =
        `Distro TOML: the language server stopped ${this.crashes.length} times in the last 3 minutes and will not be restarted. ` +
        'See the "Distro TOML" output for its logs, then run "Distro TOML: Restart Language Server".';
      this.log(message);
      return { action: CloseAction.DoNotRestart, message };
    }
    this.log(`The language server stopped unexpectedly; restarting it (${this.crashes.length} of ${MAX_RESTARTS} within 3 minutes).`);
    return { action: CloseAction.Restart, handled: true };
  }

  /** A deliberate restart starts the crash count afresh. */
  reset(): void {
    this.crashes.length = 0;
  }
}

function describe(message: Message): string {
  return 'method' in message && typeof message.method === 'string' ? message.method : 'a response';
}
