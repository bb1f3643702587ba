export { loadConfig, ConfigError, type ConfigSources } from './load-config.js';
export { SETTINGS, type Config, type SettingSpec } from './settings.js';
export { helpText } from './help-text.js';
