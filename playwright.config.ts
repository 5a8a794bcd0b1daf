import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's chromium where it is installed (CI, this machine); otherwise Playwright's own browser, so
// the suite also runs on an ordinary laptop. Never `playwright install` in a script: no downloads here.
const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchOptions = existsSync(systemChromium)
	? {
			executablePath: systemChromium,
			args: [
				'--no-sandbox',
				'--headless',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	: {};

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	fullyParallel: false,
	workers: process.env.CI ? 2 : 2,
	retries: 0,
	timeout: 30_000,
	expect: { timeout: 7_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		...devices['Desktop Chrome'],
		launchOptions,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	}
});
