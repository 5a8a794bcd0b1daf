import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The signed-in person's stored language wins (custom-user, defined in hooks.server.ts); the
			// cookie mirrors it for the browser; visitors get their browser's language.
			strategy: ['custom-user', 'cookie', 'preferredLanguage', 'baseLocale']
		})
	],
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		expect: { requireAssertions: true },
		testTimeout: 20_000
	}
});
