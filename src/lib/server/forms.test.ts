import { describe, expect, it } from 'vitest';
import { safeNext } from './forms';

describe('safeNext: only plain same-origin paths after sign-in', () => {
	it.each([
		'/%09/evil.example'.replace('%09', '\t'), // what searchParams.get returns for %09
		'/\n/evil.example',
		'/\r/x',
		'/\\evil.example',
		'/\u3000/evil.example', // a full-width space
		'//evil.example',
		'https://evil.example/',
		'javascript:alert(1)',
		'evil.example',
		'/' + 'a'.repeat(2001),
		'',
		null
	])('refuses %j', (next) => {
		expect(safeNext(next)).toBeNull();
	});

	it('keeps ordinary paths with their query and fragment, percent-encoded', () => {
		expect(safeNext('/expert')).toBe('/expert');
		expect(safeNext('/preview/abc?edition=2023-asia#top')).toBe(
			'/preview/abc?edition=2023-asia#top'
		);
		expect(safeNext('/coordinator/studies/x/rounds')).toBe('/coordinator/studies/x/rounds');
		expect(safeNext('/城市')).toBe('/%E5%9F%8E%E5%B8%82');
	});
});
