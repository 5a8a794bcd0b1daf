/**
 * Zod's own messages (for checks that name no message of ours) in the reader's language: one error
 * map that asks Paraglide for the request's language each time a message is made (on the server,
 * the language of the request being served). Imported by the schema modules, so it is in place
 * wherever a schema parses.
 */
import { z } from 'zod';
import { getLocale, type Locale } from '../paraglide/runtime';

const maps: Record<Locale, z.core.$ZodErrorMap> = {
	en: z.locales.en().localeError,
	zh: z.locales.zhCN().localeError,
	ar: z.locales.ar().localeError
};

z.config({
	localeError: (issue) => {
		let locale: Locale = 'en';
		try {
			locale = getLocale();
		} catch {
			/* outside a request (a script): English */
		}
		return maps[locale](issue);
	}
});
