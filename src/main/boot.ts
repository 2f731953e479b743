import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config/config.ts';

/** Reads the configuration or stops the process with a message naming each bad variable. */
export function configOrExit(): Config {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`parley: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}
