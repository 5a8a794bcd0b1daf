import { describe, expect, it } from 'vitest';
import { parseExpertsCsv } from './panel';

describe('experts CSV', () => {
	it('reads a clean file, with a BOM, semicolons and Chinese text intact', () => {
		const { rows, problems } = parseExpertsCsv(
			'\uFEFFName;Email;Affiliation;Region;Expertise\n王伟;Wang.Wei@Example.org;北京大学;East Asia;policy\nAda Obi;ada@example.org;;Africa;finance\n'
		);
		expect(problems).toEqual([]);
		expect(rows).toEqual([
			{
				name: '王伟',
				email: 'wang.wei@example.org',
				affiliation: '北京大学',
				region: 'East Asia',
				expertise: 'policy',
				locale: 'en'
			},
			{
				name: 'Ada Obi',
				email: 'ada@example.org',
				affiliation: '',
				region: 'Africa',
				expertise: 'finance',
				locale: 'en'
			}
		]);
	});

	it('reads each invitation’s language (en, zh or ar; English when empty) and refuses others', () => {
		const ok = parseExpertsCsv(
			'name,email,language\nA,a@example.org,ZH\nB,b@example.org,\nC,c@example.org, ar \n'
		);
		expect(ok.problems).toEqual([]);
		expect(ok.rows.map((r) => r.locale)).toEqual(['zh', 'en', 'ar']);
		expect(parseExpertsCsv('name,email,language\nA,a@example.org,fr\n').problems).toEqual([
			{ row: 2, column: 'language', message: 'Use en, zh or ar (or leave it empty for English).' }
		]);
	});

	it('reports every problem by row and column', () => {
		const { problems } = parseExpertsCsv(
			'name,email\nA,not-an-email\n,b@example.org\nC,b@example.org\n'
		);
		expect(problems).toEqual([
			{ row: 2, column: 'email', message: 'Enter a valid email address, like name@example.org.' },
			{ row: 3, column: 'name', message: 'Enter your name.' },
			{ row: 4, column: 'email', message: 'b@example.org also appears on row 3.' }
		]);
	});

	it('needs the name and email columns', () => {
		expect(parseExpertsCsv('who,mail\nA,a@b.org\n').problems.map((p) => p.column)).toEqual([
			'name',
			'email'
		]);
		expect(parseExpertsCsv('name,email\n').problems[0].message).toMatch(/no experts/);
	});
});
