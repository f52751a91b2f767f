// Document links in TOML: URLs in strings and comments (not those holding a macro or a variable), and the
// files includes, overlay-files, spec paths and overlay sources name — only literal, existing, inside the project.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentLinks } from '../../../server/src/core/features/documentLinks';
import { c, corpus, markedProject, p } from './featureHarness';

function linksOf(files: Record<string, string>, file = 'azldev.toml') {
  const m = markedProject(files);
  const text = m.service.cache.get(p(file))?.text ?? '';
  return { links: documentLinks(m.service, p(file)).map((l) => ({ text: text.slice(l.span.start, l.span.end), target: l.target, kind: l.kind })), spans: m.spans.get(p(file)) ?? [] };
}

describe('TOML document links', () => {
  it('links literal includes and overlay-files to existing files inside the project, and URLs', () => {
    const { links } = linksOf({
      'proj/azldev.toml': [
        '# See https://example.org/guide. Or (https://example.org/x)',
        'includes = ["comps/a.comp.toml", "missing.toml", "comps/*.comp.toml", "../outside.toml", "comps"]',
        'overlay-files = ["comps/o.overlay.toml"]',
        '[distros.f]',
        'dist-git-base-uri = "https://src.fedoraproject.org/rpms/$pkg.git"',
        'description = "see https://docs.example.org/a?b=1"',
        'lookaside = "https://x.org/%{name}"',
      ].join('\n'),
      'proj/comps/a.comp.toml': '',
      'proj/comps/o.overlay.toml': '',
      // The project is /p/proj: this file exists, but outside it.
      'outside.toml': '',
    }, 'proj/azldev.toml');
    assert.deepEqual(links, [
      { text: 'https://example.org/guide', target: 'https://example.org/guide', kind: 'url' },
      { text: 'https://example.org/x', target: 'https://example.org/x', kind: 'url' },
      { text: 'comps/a.comp.toml', target: p('proj/comps/a.comp.toml'), kind: 'file' },
      { text: 'comps/o.overlay.toml', target: p('proj/comps/o.overlay.toml'), kind: 'file' },
      { text: 'https://docs.example.org/a?b=1', target: 'https://docs.example.org/a?b=1', kind: 'url' },
    ]);
  });

  it('links a local spec path and an overlay source relative to the file, not one that leaves the project', () => {
    const { links } = linksOf(
      {
        'proj/azldev.toml': 'includes = ["comps/*/*.comp.toml"]\n',
        'proj/comps/x/x.comp.toml': [
          '[components.x]',
          'spec = { type = "local", path = "x.spec" }',
          '[[components.x.overlays]]',
          'type = "file-add"',
          'file = "new.patch"',
          'source = "../../../secret.patch"',
          '[[components.x.overlays]]',
          'type = "file-add"',
          'source = "fix.patch"',
        ].join('\n'),
        'proj/comps/x/x.spec': 'Name: x\n',
        'proj/comps/x/fix.patch': '',
        'secret.patch': '',
      },
      'proj/comps/x/x.comp.toml',
    );
    assert.deepEqual(links.map((l) => [l.text, l.target]), [
      ['x.spec', p('proj/comps/x/x.spec')],
      ['fix.patch', p('proj/comps/x/fix.patch')],
    ]);
  });

  it('on the real tree: the top-level includes, overlay sources and the URLs in comments', () => {
    const service = corpus();
    const top = documentLinks(service, c('azldev.toml'));
    assert.deepEqual(top.map((l) => l.target), [c('distro/distro.toml'), c('base/project.toml')]);
    const ivy = documentLinks(service, c('base/comps/apache-sshd/apache-sshd.comp.toml'));
    assert.ok(ivy.some((l) => l.target === c('base/comps/apache-sshd/add-maven-compiler-release.patch')), JSON.stringify(ivy));
    const java = documentLinks(service, c('base/comps/javapackages-tools/javapackages-tools.comp.toml'));
    assert.ok(java.some((l) => l.target === 'https://src.fedoraproject.org/rpms/javapackages-tools/c/62dfe8f'));
  });
});
