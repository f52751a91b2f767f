// Loads project models without holding the thread: the include walk parses one file per turn of the event
// loop (ProjectService.modelStepwise), so edits, their diagnostics and requests are answered between the
// parses of a big tree (the turn is the server's background turn, serverTurn.ts: the client's messages first).
// One load per project root at a time; every caller that needs the model awaits it.
import type { LanguageService } from './core/languageService';
import { nextTurn } from './serverTurn';

export class ProjectLoads {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly service: () => LanguageService,
    private readonly turn: () => Promise<void> = nextTurn,
    /** Told each file the walk is about to read (the server traces it and hands it to the scan's worker). */
    private readonly onStep: (file: string) => void = () => undefined,
  ) {}

  /** Told each other step a load is about to take (`listing DIR`, `merging ROOT`, `checking ROOT: CHECK`; the server traces it). */
  onWork: (step: string) => void = () => undefined;

  /**
   * Whether the model of `root` is at hand (possibly to be merged again after an edit, which is quick) and its
   * cross-file checks computed: not while a load runs, which computes them in steps once the model is in.
   */
  isLoaded(root: string): boolean {
    return this.service().projects.isLoaded(root) && !this.running.has(root);
  }

  /** Resolves once the model of `root` is loaded: at once when it is, else after a load in steps. */
  ensure(root: string): Promise<void> {
    if (this.isLoaded(root)) return Promise.resolve();
    let run = this.running.get(root);
    if (!run) {
      run = this.load(root).finally(() => this.running.delete(root));
      this.running.set(root, run);
    }
    return run;
  }

  private async load(root: string): Promise<void> {
    const modelIn = () => this.service().projects.isLoaded(root);
    // A load can be overtaken (files appeared or vanished meanwhile, so the walk it stored is dropped):
    // walk again, a few times at most, then let the next synchronous use load it.
    for (let attempt = 0; attempt < 3 && !modelIn(); attempt++) {
      const steps = this.service().projects.modelStepwise(root);
      for (let next = steps.next(); !next.done; next = steps.next()) {
        await this.turn();
        const step = next.value;
        if ('file' in step) this.onStep(step.file);
        else this.onWork(step.work);
        // Someone needed the model at once and loaded it meanwhile: its steps are over.
        if (modelIn()) break;
      }
    }
    // The cross-file checks, in steps too, so that the first edit after the load does not compute them all.
    const checks = this.service().projects.checksStepwise(root);
    for (let next = checks.next(); !next.done; next = checks.next()) {
      await this.turn();
      this.onWork(next.value);
    }
  }
}
