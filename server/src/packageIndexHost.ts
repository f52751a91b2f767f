// The language server's package index: which repositories (the project's plus settings), loading the cached
// index in the background (edits never wait; until it is in, package rules are silent and the status says
// why), syncing when it is missing or older than the refresh interval (never offline, never in an untrusted
// workspace), and the status the client shows ("Fedora 43 · 74,812 packages · synced 2 h ago"). The cached index
// is read as it is queried, so damage is found while answering: after a turn in which the index was used, the
// host looks at what was found and, when there is more, says so in the status and the log.
import * as path from 'node:path';
import { defaultPackageCacheDir } from './core/packages/indexCache';
import { groupThousands, loadPackageIndex, type LoadedPackageIndex, type RepoLoadState } from './core/packages/packageIndexLoader';
import { failureOf, syncRepositories, type RepositorySync } from './core/packages/packageIndexRefresh';
import type { SyncProgress } from './core/packages/fetchRepo';
import type { PackageIndex } from './core/packages/queries';
import { projectRepositories, PROJECT_REPO_REFUSED } from './core/packages/repositories';
import { chooseRepositories, credentialsProblem } from './core/packages/repoSources';
import type { ProjectModel } from './core/project/projectModel';
import type { PackageIndexSettings, PackageIndexStatus } from './protocol';
import { settingPath } from './settingPath';

export interface PackageIndexHostEvents {
  /** The index in use changed (loaded, reloaded after a sync): re-check package references. */
  changed(): void;
  status(s: PackageIndexStatus): void;
  log(message: string): void;
}

interface Plan {
  urls: string[];
  cacheDir: string;
  label: string;
  filelists: boolean;
  /** Repositories the project names that are not indexed (not http(s)), with why. */
  refused: string[];
}

function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60000));
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

export class PackageIndexHost {
  private plan: Plan | undefined;
  private planKey = '';
  private loaded: LoadedPackageIndex | undefined;
  private generation = 0;
  private syncing: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private settings: PackageIndexSettings | undefined;
  private trusted = true;
  private last: PackageIndexStatus = { state: 'disabled', text: 'no package index', detail: 'No project yet', packageCount: 0 };
  /** How many damaged parts of the loaded index the status reports, and the pending look for more. */
  private damageReported = 0;
  private damageLook: NodeJS.Immediate | undefined;

  /**
   * `sync`: what syncs the repositories into the cache — the server's, on a worker thread of its own
   * (packageSyncThread.ts), so that the download, decompression and index build never hold the main thread; by
   * default on this thread, with Node's fetch.
   */
  constructor(
    private readonly events: PackageIndexHostEvents,
    private readonly sync: RepositorySync = syncRepositories,
  ) {}

  /** The loaded index, or undefined while it is loading (package rules stay silent). */
  get index(): PackageIndex | undefined {
    const index = this.loaded && this.loaded.index.packageCount > 0 ? this.loaded.index : undefined;
    if (index && !this.damageLook) this.damageLook = setImmediate(() => this.reportDamage());
    return index;
  }

  /** After the index was used: reports damage found while answering that the status does not say yet. */
  private reportDamage(): void {
    this.damageLook = undefined;
    const loaded = this.loaded, plan = this.plan;
    if (!loaded || !plan) return;
    const damaged = loaded.index.damaged();
    const count = damaged.reduce((n, d) => n + d.what.length, 0);
    if (count <= this.damageReported) return;
    this.damageReported = count;
    for (const d of damaged) this.events.log(`Package index: the cached index of ${d.url} is damaged (${d.what.join('; ')}): answers may be missing; sync it again (force)`);
    if (this.last.state === 'ready') this.publish(this.statusOf(loaded, plan));
  }

  get status(): PackageIndexStatus {
    return this.last;
  }

  /** May the host download? Not offline, not in an untrusted workspace. */
  private get mayFetch(): boolean {
    return this.trusted && !(this.settings?.offline ?? false);
  }

  /** Applies settings and the project; starts a load when the repositories or the cache folder changed. */
  configure(settings: PackageIndexSettings, trusted: boolean, model: ProjectModel | undefined, base: string): void {
    this.settings = settings;
    this.trusted = trusted;
    const found = model ? projectRepositories(model, settings.arches) : undefined;
    // A URL with a user or password is left out and said with them hidden (never into the log as written).
    const withCredentials = settings.repositories.flatMap((r) => credentialsProblem(r) ?? []);
    const added = settings.repositories.filter((r) => !credentialsProblem(r)).map((r) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(r) ? r : settingPath(base, r)));
    const repos = chooseRepositories(found?.repos ?? [], added, settings.replaceRepositories);
    const cacheDir = settings.cacheDir ? settingPath(base, settings.cacheDir) : defaultPackageCacheDir();
    const label = found ? `${found.distro[0]?.toUpperCase() ?? ''}${found.distro.slice(1)} ${found.version}` : 'Packages';
    // Replaced by the user's repositories, the project's are not used: those refused are no longer worth a word.
    const refused = [...(settings.replaceRepositories ? [] : (found?.refused ?? []).map((r) => `${r.url} (${r.origin}): ${PROJECT_REPO_REFUSED}`)), ...withCredentials.map((p) => `distroToml.packageIndex.repositories: ${p}`)];
    const plan = { urls: repos.map((r) => r.url), cacheDir, label, filelists: settings.filelists, refused };
    const key = JSON.stringify(plan);
    if (key === this.planKey) return;
    this.planKey = key;
    this.plan = plan;
    for (const line of refused) this.events.log(`Package index: ${line}`);
    if (!plan.urls.length) {
      this.loaded = undefined;
      this.publish({ state: 'disabled', text: 'no package index', detail: ['The project names no repositories and distroToml.packageIndex.repositories is empty', ...refused].join('\n'), packageCount: 0 });
      this.events.changed();
      return;
    }
    void this.load(true);
  }

  private publish(s: PackageIndexStatus): void {
    this.last = s;
    this.events.status(s);
  }

  private statusOf(loaded: LoadedPackageIndex, plan: Plan): PackageIndexStatus {
    const synced = loaded.repos.filter((r) => r.state === 'loaded').map((r) => r.syncedAt ?? 0);
    const oldest = synced.length ? Math.min(...synced) : undefined;
    const count = loaded.index.packageCount;
    const files = (r: RepoLoadState): string => (!r.fileList ? '' : r.fileList.state === 'loaded' ? `, ${groupThousands(r.fileList.fileCount)} files` : ` (file dependencies outside primary not checked: ${r.fileList.reason})`);
    const damaged = loaded.index.damaged();
    const damageOf = (url: string): string => {
      const d = damaged.find((x) => x.url === url);
      return d ? `; the cached index is damaged (${d.what.join('; ')}): answers may be missing until it is synced again (force)` : '';
    };
    const detail = [...loaded.repos.map((r) => `${r.url}: ${r.state === 'loaded' ? `${groupThousands(r.packageCount ?? 0)} packages${files(r)}${damageOf(r.url)}` : r.reason ?? r.state}`), ...plan.refused].join('\n');
    if (!count) {
      const why = this.mayFetch ? 'not synced yet' : this.trusted ? 'not synced (offline)' : 'not synced (untrusted workspace: cached index only)';
      return { state: 'missing', text: `${plan.label} · ${why}`, detail: `Package rules are silent until the index is synced.\n${detail}`, packageCount: 0 };
    }
    const text = `${plan.label} · ${groupThousands(count)} packages${oldest ? ` · synced ${ago(Date.now() - oldest)}` : ''}${damaged.length ? ' · cache damaged' : ''}`;
    return { state: 'ready', text, detail, packageCount: count, ...(oldest ? { syncedAt: oldest } : {}) };
  }

  /** Loads the cached index; then, when allowed and needed, syncs in the background. */
  private async load(thenSync: boolean): Promise<void> {
    const plan = this.plan;
    if (!plan) return;
    const generation = ++this.generation;
    if (!this.loaded) this.publish({ ...this.last, state: 'loading', text: `${plan.label} · loading package index…`, detail: 'Package rules are silent until the index is loaded.' });
    try {
      const started = Date.now();
      const loaded = await loadPackageIndex(plan.cacheDir, plan.urls, { filelists: plan.filelists });
      if (generation !== this.generation) return;
      this.loaded = loaded;
      this.damageReported = 0;
      this.events.log(`Package index: ${loaded.summary} in ${Date.now() - started} ms`);
      this.publish(this.statusOf(loaded, plan));
      this.events.changed();
      if (thenSync && this.mayFetch && this.needsSync(loaded)) void this.refresh(false).catch((e: unknown) => this.events.log(`Package index sync failed: ${String(e)}`));
      this.scheduleRefresh();
    } catch (e) {
      if (generation !== this.generation) return;
      this.publish({ state: 'error', text: `${plan.label} · package index unusable`, detail: e instanceof Error ? e.message : String(e), packageCount: 0 });
    }
  }

  /** Checks again after the refresh interval (a window left open for days keeps its index fresh). */
  private scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    const hours = this.settings?.refreshIntervalHours ?? 0;
    if (hours <= 0) return;
    this.timer = setTimeout(() => void this.load(true), Math.min(hours * 3600_000, 2 ** 31 - 1));
    this.timer.unref();
  }

  private needsSync(loaded: LoadedPackageIndex): boolean {
    const hours = this.settings?.refreshIntervalHours ?? 24;
    return loaded.repos.some((r) => r.state !== 'loaded' || (r.fileList !== undefined && r.fileList.state !== 'loaded') || (hours > 0 && Date.now() - (r.syncedAt ?? 0) > hours * 3600_000));
  }

  /** Syncs every repository (a sync in flight is cancelled first) and reloads. */
  async refresh(force: boolean, onProgress?: (p: SyncProgress) => void, signal?: AbortSignal): Promise<PackageIndexStatus> {
    const plan = this.plan;
    if (!plan || !plan.urls.length) return this.last;
    if (!this.mayFetch) {
      return { ...this.last, detail: `${this.trusted ? 'distroToml.packageIndex.offline is set' : 'This workspace is not trusted'}: the cached index only.\n${this.last.detail}` };
    }
    this.syncing?.abort();
    const controller = new AbortController();
    this.syncing = controller;
    const abort = () => controller.abort();
    signal?.addEventListener('abort', abort, { once: true });
    const before = this.last;
    this.publish({ ...before, state: 'syncing', text: `${plan.label} · syncing…` });
    try {
      const results = await this.sync(plan.urls, { cacheDir: plan.cacheDir, force, filelists: plan.filelists, signal: controller.signal, ...(onProgress ? { onProgress } : {}) });
      const loaded = await loadPackageIndex(plan.cacheDir, plan.urls, { filelists: plan.filelists });
      for (const r of results) if (r.status === 'failed') this.events.log(`Package index: ${failureOf(r)}`);
      if (this.plan !== plan) return this.last;
      this.generation++;
      this.loaded = loaded;
      this.damageReported = 0;
      const failed = results.filter((r) => r.status === 'failed');
      const status = this.statusOf(loaded, plan);
      // Per repository: whether the index it had stays in use, or it has none yet (a first sync that failed).
      const outcome = (f: { repo: string; error: string }) => `${failureOf(f)} (${loaded.repos.some((r) => r.url === f.repo && r.state === 'loaded') ? 'its previous index stays in use' : 'no index of it yet'})`;
      this.publish(failed.length ? { ...status, detail: `${status.detail}\nSync failed for ${failed.length} of ${results.length} ${results.length === 1 ? 'repository' : 'repositories'}: ${failed.map((f) => outcome(f as { repo: string; error: string })).join('; ')}` } : status);
      this.events.changed();
      return this.last;
    } finally {
      signal?.removeEventListener('abort', abort);
      if (this.syncing === controller) this.syncing = undefined;
    }
  }

  dispose(): void {
    this.syncing?.abort();
    if (this.timer) clearTimeout(this.timer);
    if (this.damageLook) clearImmediate(this.damageLook);
  }
}
