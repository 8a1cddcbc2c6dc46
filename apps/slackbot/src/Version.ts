/** The bot's version, for the traces' `service.version`; kept in step with package.json by a test (install.test.ts). */
export const version = "0.1.0"
