import { describe, expect, it } from 'vitest';
import { datasetToCsv, parseDatasetCsv } from './dataset';

const known = {
	cityIds: new Set(['1', '2', '3']),
	indicators: [
		{ code: 'A', rangeMin: 0, rangeMax: 100 },
		{ code: 'B', rangeMin: null, rangeMax: null }
	]
};

describe('dataset CSV', () => {
	it('round-trips, with empty cells as missing values', () => {
		const csv = datasetToCsv(
			['A', 'B'],
			[
				{ id: '1', name: '北京', country: 'China', region: 'Eastern Asia', values: [10, null] },
				{ id: '2', name: 'Paris', country: 'France', region: 'Western Europe', values: [99.5, -3] }
			]
		);
		const r = parseDatasetCsv(csv, known);
		expect(r.problems).toEqual([]);
		expect(r.values.get('1')).toEqual({ A: 10, B: null });
		expect(r.values.get('2')).toEqual({ A: 99.5, B: -3 });
	});

	it('reports every problem by row and column', () => {
		const r = parseDatasetCsv('city_id,name,A,B\n1,X,abc,1\n9,Y,5,1\n2,Z,120,1\n1,X,5,1\n', known);
		expect(r.problems).toEqual([
			{ row: 2, column: 'A', message: '“abc” is not a number.' },
			{ row: 3, column: 'city_id', message: 'Unknown city id “9”.' },
			{ row: 4, column: 'A', message: "120 is outside the indicator's range 0 … 100." },
			{ row: 5, column: 'city_id', message: 'City 1 also appears on row 2.' }
		]);
	});

	it('checks the header: unknown and missing indicator columns', () => {
		expect(parseDatasetCsv('city_id,A,C\n1,1,1\n', known).problems).toEqual([
			{ row: 1, column: 'C', message: '“C” is not an indicator of this framework.' },
			{ row: 1, column: 'B', message: 'The indicator B has no column.' }
		]);
	});
});
