import { defineCustomClientStrategy, isLocale } from '$lib/paraglide/runtime';

/**
 * In the browser, a page speaks the language the server rendered it in (its `<html lang>`): the
 * server decides (the person's stored language, a visitor's cookie or browser, or the appendix's
 * ?lang=), so hydration never switches a page to another language.
 */
defineCustomClientStrategy('custom-page', {
	getLocale: () => {
		const lang = document.documentElement.lang.slice(0, 2);
		return isLocale(lang) ? lang : undefined;
	},
	setLocale: () => {}
});
