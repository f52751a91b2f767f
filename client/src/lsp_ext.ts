// The protocol extensions Distro TOML adds to LSP (status notification, settings, effective config, render):
// one definition, in the server's protocol module, shared by both ends.
export * from '../../server/src/protocol';
