import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// the cross-site form check runs in hooks.server.ts (src/lib/server/csrf.ts): the same rule,
		// but an SMS provider's signed callbacks and the e-mail one-click unsubscribe (form posts
		// without an Origin) may come in
		csrf: { trustedOrigins: ['*'] },
		// the client carries no list of routes (the server resolves a link when it is followed): each
		// staff route would otherwise add to every debtor page's JavaScript (60 KB budget)
		router: { resolution: 'server' },
		// Debtor pages carry a token in the URL and staff pages carry people's data: keep the
		// policy strict. SvelteKit adds nonces/hashes for its own inline scripts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self', 'https://checkout.stripe.com'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
