// The product's version, from package.json: the build defines DISTRO_TOML_VERSION in every bundle, so the
// CLI's --version and the server's serverInfo say the same as the package.
declare const DISTRO_TOML_VERSION: string | undefined;

export const VERSION = typeof DISTRO_TOML_VERSION === 'string' ? DISTRO_TOML_VERSION : '0.0.0-dev';
