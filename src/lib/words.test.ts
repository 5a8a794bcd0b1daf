import { describe, expect, it } from 'vitest';
import { runInLocale } from './server/locale-store';
import {
	bandWord,
	plural,
	stateWord,
	stoppingReason,
	stoppingRuleText,
	type StoppingFacts
} from './words';
import { m } from './paraglide/messages';

const rule = { minSStar: 0.75, maxStabilityPP: 1, maxRounds: 3 };
const facts = (o: Partial<StoppingFacts>): StoppingFacts => ({
	consensusMet: false,
	stabilityMet: null,
	roundCapMet: false,
	minSStar: 0.6,
	changePP: null,
	unmeasurable: 'first-round',
	roundNumber: 1,
	...o
});

describe('shared words', () => {
	it('the stopping rule and its verdict read the same in English as recorded with an edition', () => {
		expect(stoppingRuleText(rule, 'en')).toBe(
			'S* ≥ 0.75 on every node and stability < 1 pp, or after 3 rounds'
		);
		expect(stoppingReason(facts({}), rule, 'en')).toBe(
			'Not yet: the lowest S* is 0.600 (needs ≥ 0.75).'
		);
		expect(
			stoppingReason(
				facts({ consensusMet: true, stabilityMet: true, changePP: 0.4, roundNumber: 2 }),
				rule,
				'en'
			)
		).toBe(
			'Consensus and stability reached: S* ≥ 0.75 on every node and the weights moved less than 1 pp.'
		);
		expect(stoppingReason(facts({ consensusMet: true }), rule, 'en')).toBe(
			'S* ≥ 0.75 on every node; stability is not measurable in round 1.'
		);
		// … and in the reader's language on the pages.
		expect(stoppingReason(facts({ roundCapMet: true, roundNumber: 3 }), rule, 'zh')).toBe(
			'已达轮数上限：这是最多 3 轮中的第 3 轮。'
		);
	});

	it('states, and plurals chosen by the count', () => {
		expect(runInLocale('zh', () => stateWord('open'))).toBe('进行中');
		expect(runInLocale('en', () => stateWord('carried over'))).toBe('carried over');
		expect(stateWord('no such state')).toBe('no such state');
		expect(runInLocale('zh', () => [0, 1, 3].map(bandWord))).toEqual([
			'前 10%',
			'10–30 %',
			'60–100 %'
		]);
		const one = m.staff_n_versions_one;
		const other = m.staff_n_versions_other;
		expect(runInLocale('en', () => plural(one, other, { n: 1 }))).toBe('1 version');
		expect(runInLocale('en', () => plural(one, other, { n: 2 }))).toBe('2 versions');
	});
});
