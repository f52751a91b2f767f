// What an LSP feature handler gets from the server: the connection, the open documents, the current
// language service (it is replaced when settings change, so always read it through `service()`), and
// helpers to move between URIs, paths, offsets and positions.
import type { ClientCapabilities, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core/languageService';
import type { PackageIndex } from '../core/packages/queries';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service(): LanguageService;
  /** Absolute path of a file: URI, or undefined for other schemes. */
  filePathOf(uri: string): string | undefined;
  uriOf(file: string): string;
  /** The text of a file: the open buffer when there is one, else the disk. */
  textOf(file: string): string | undefined;
  /** Project roots of the workspace folders the server was given (at initialize and since). */
  workspaceRoots(): string[];
  /** What the client said it can do at initialize (snippets, markdown, dynamic registration…). */
  clientCapabilities(): ClientCapabilities;
  /** Resolves once the files changed on disk so far have been taken in (a whole-project request waits for it). */
  filesSettled?(): Promise<void>;
  log(message: string): void;
  /** The loaded package index, when there is one (package completion and hover). */
  packageIndex?(): PackageIndex | undefined;
  /**
   * Whether the model of the project at `root` is at hand. While it is not (the start-up scan reads the tree
   * a file per turn), a request awaits `whenProjectLoaded` (completion only when its list needs the model),
   * instead of reading the whole tree at once and holding up every edit meanwhile.
   * Without these, the model is read when first asked for.
   */
  projectLoaded?(root: string): boolean;
  whenProjectLoaded?(root: string): Promise<void>;
}

/** A feature: the capabilities it adds, and its request handlers. */
export interface FeatureHandler {
  capabilities: ServerCapabilities;
  register(ctx: ServerContext): void;
}
