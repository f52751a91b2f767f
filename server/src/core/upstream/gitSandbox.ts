// What keeps git from running programs a repository, the user's configuration or the environment name: a
// repository (a local checkout, a tree from the network) is data, never code. Every git run gets a clean
// environment (no inherited GIT_* variable, no system or global configuration, no attributes file) and
// command-line configuration that turns off each feature that starts a program on the commands we run:
// hooks, fsmonitor, pagers, prompts and credential helpers, signature checks, submodule recursion, automatic gc,
// and transports other than http(s), ssh, git and file. Filter drivers have free-form names, so the ones a
// repository's own configuration defines are listed (reading configuration runs nothing) and emptied before
// git checks files out of it.

/** `-c` pairs for every run; `offline` forbids every transport. */
export function sandboxConfigArgs(offline: boolean): string[] {
  const settings: [string, string][] = [
    ['core.hooksPath', '/dev/null'],
    ['core.fsmonitor', 'false'],
    ['core.pager', 'cat'],
    ['core.attributesFile', '/dev/null'],
    ['core.askPass', ''],
    ['credential.helper', ''],
    ['log.showSignature', 'false'],
    ['submodule.recurse', 'false'],
    ['fetch.recurseSubmodules', 'false'],
    ['gc.auto', '0'],
    ['maintenance.auto', 'false'],
    ['protocol.allow', 'never'],
  ];
  if (!offline) for (const scheme of ['https', 'http', 'ssh', 'git', 'file']) settings.push([`protocol.${scheme}.allow`, 'always']);
  return settings.flatMap(([k, v]) => ['-c', `${k}=${v}`]);
}

// Passed through because the network needs them (proxies, certificates, the ssh agent); none names a program git runs.
const KEPT_VARIABLES = [
  'PATH', 'HOME', 'USER', 'LOGNAME', 'TMPDIR', 'SYSTEMROOT', 'SSH_AUTH_SOCK',
  'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY',
  'SSL_CERT_FILE', 'SSL_CERT_DIR', 'CURL_CA_BUNDLE',
];

/** The environment of a git run: only the kept variables of `inherited`, then ours, then `extra`. */
export function sandboxEnvironment(inherited: NodeJS.ProcessEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of KEPT_VARIABLES) if (inherited[name] !== undefined) env[name] = inherited[name];
  Object.assign(env, {
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    LC_ALL: 'C',
    LANGUAGE: 'C',
  });
  return { ...env, ...extra };
}

/** The filter drivers named in `git config --name-only --get-regexp '^filter\.'` output (NUL-terminated with -z). */
export function filterDriverNames(configNames: string): string[] {
  const names = new Set<string>();
  for (const key of configNames.split('\0')) {
    const m = /^filter\.(.+)\.[^.]+$/s.exec(key.trim());
    if (m) names.add(m[1] as string);
  }
  return [...names].sort();
}

/** GIT_CONFIG_COUNT variables emptying each driver (any name, even one holding `=`), so no filter program starts. */
export function filterNeutralizingEnv(drivers: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  let n = 0;
  for (const driver of drivers) {
    for (const [field, value] of [['smudge', ''], ['clean', ''], ['process', ''], ['required', 'false']] as const) {
      env[`GIT_CONFIG_KEY_${n}`] = `filter.${driver}.${field}`;
      env[`GIT_CONFIG_VALUE_${n}`] = value;
      n++;
    }
  }
  if (n > 0) env.GIT_CONFIG_COUNT = String(n);
  return env;
}
