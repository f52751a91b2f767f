// "Distro TOML: Select Schema": pick the bundled schema, the workspace's own, or a JSON file, and
// write the choice to `distroToml.schema`, which the server picks up through didChangeConfiguration.
import * as vscode from 'vscode';
import { readSettings, SECTION, settingsTarget } from '../config';

export const SELECT_SCHEMA = 'distroToml.selectSchema';

interface SchemaChoice extends vscode.QuickPickItem {
  /** The setting value to write; undefined for "Browse…", which asks for a file first. */
  value: string | undefined;
}

export function selectSchema(): () => Promise<void> {
  return async () => {
    const current = readSettings().schema;
    const choices: SchemaChoice[] = [
      {
        label: 'Bundled schema',
        description: 'the azldev schema shipped with Distro TOML',
        value: 'bundled',
      },
      {
        label: 'Workspace schema',
        description: "the schema the project's tree carries (external/schemas/azldev.schema.json)",
        value: 'workspace',
      },
      { label: 'Browse…', description: 'a JSON schema file', value: undefined },
    ];
    for (const choice of choices) {
      if (choice.value === current) choice.detail = '$(check) in use';
    }
    if (!choices.some((choice) => choice.value === current)) {
      choices.splice(2, 0, { label: current, description: 'the schema file in use', detail: '$(check) in use', value: current });
    }

    const picked = await vscode.window.showQuickPick(choices, { title: 'Distro TOML: schema for azldev files' });
    if (picked === undefined) return;
    const value = picked.value ?? (await browseForSchema());
    if (value === undefined || value === current) return;
    await vscode.workspace.getConfiguration(SECTION).update('schema', value, settingsTarget());
  };
}

async function browseForSchema(): Promise<string | undefined> {
  const files = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Use this schema',
    filters: { 'JSON schema': ['json'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  const file = files?.[0];
  if (file === undefined) return undefined;
  // A path inside the workspace is stored relative to it, so the setting can be shared in .vscode/settings.json.
  return vscode.workspace.asRelativePath(file, false);
}
