/** Form data as a plain object of strings (the last value wins), for zod to parse. */
export function formObject(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of data) if (typeof v === 'string') out[k] = v;
	return out;
}

const PROBE_ORIGIN = 'http://concord.invalid';

/**
 * A post-sign-in destination, or null when it is not a plain same-origin path. Browsers strip tabs
 * and newlines from URLs and read `\` as `/`, so `/%09/evil.example` would become `//evil.example`:
 * control characters, backslashes and whitespace of any kind (a full-width space too) are refused
 * before the path is parsed against a fixed origin, and only its path, query and fragment are kept
 * (percent-encoded, so the Location header is always valid).
 */
export function safeNext(next: string | null | undefined): string | null {
	if (!next || next.length > 2000) return null;
	if (hasControlOrSpace(next) || next.includes('\\')) return null;
	if (!next.startsWith('/') || next.startsWith('//')) return null;
	let url: URL;
	try {
		url = new URL(next, PROBE_ORIGIN);
	} catch {
		return null;
	}
	if (url.origin !== PROBE_ORIGIN) return null;
	const path = url.pathname + url.search + url.hash;
	return path.startsWith('//') ? null : path;
}

/** True when `s` holds a control character (C0, DEL, C1) or whitespace of any kind. */
export function hasControlOrSpace(s: string): boolean {
	for (const ch of s) {
		const c = ch.codePointAt(0)!;
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || /\s/u.test(ch)) return true;
	}
	return false;
}
