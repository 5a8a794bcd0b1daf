import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		csrf: { trustedOrigins: [] },
		// Content-Security-Policy, sent as a header on every server-rendered page. Scripts: only our own
		// files and Kit's inline boot script (a per-response nonce, or a hash where prerendered).
		// Styles: 'unsafe-inline' is allowed on purpose — pages render style="" attributes with computed
		// positions and sizes (scale marks, bars, progress), which CSP can only hash with 'unsafe-hashes'
		// one value at a time; Svelte escapes every attribute value, and scripts stay locked down.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
