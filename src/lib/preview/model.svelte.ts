import { m } from '$lib/paraglide/messages';
/**
 * The state of the author's ranking preview: which edition, which weights (a source or the what-if
 * sliders), what to compare with, the city table's search and sort, and the Monte Carlo run in a
 * worker. Every figure is computed by $lib/scoring; this class only holds choices and wires them.
 */
import type { previewFor } from '$lib/server/preview';
import { compareRankings } from '$lib/scoring/index';
import { bandWord } from '$lib/words';
import type { McMessage, McRequest } from '$lib/scoring/mc.worker';
import McWorker from '$lib/scoring/mc.worker?worker';
import {
	editionMatrix,
	effectiveImportance,
	joinWeights,
	splitWeights
} from '$lib/scoring/preview';
import { classChanges, CITY_CLASSES, type CityClass } from '$lib/scoring/groups';
import { scoringMethodOf, type ScoringMethod } from '$lib/scoring/method';
import { clusterRows, editionRanking } from '$lib/scoring/ranking';
import type { SensMessage, SensRequest } from '$lib/scoring/sensitivity.worker';
import SensWorker from '$lib/scoring/sensitivity.worker?worker';
import { classWord } from '$lib/words';
import { clusterTableForExport } from '$lib/preview/cluster-export';

export type PreviewData = ReturnType<typeof previewFor> & { studyId: string; studyTitle: string };
export type SortKey = 'rank' | 'name' | 'country' | 'shift' | 'interval';
type McResult = Extract<McMessage, { type: 'done' }>['result'];

const percentSliders = (w: readonly number[]) => w.map((x) => Math.round(100 * x));

export class PreviewModel {
	editionId = $state('');
	sourceKey = $state('');
	baselineKey = $state('equal');
	pillarSliders = $state<number[]>([]);
	localSliders = $state<number[]>([]);
	normalisation = $state<ScoringMethod['normalisation']>('min-max');
	aggregation = $state<ScoringMethod['aggregation']>('arithmetic');

	constructor(
		private data: () => PreviewData,
		q: URLSearchParams
	) {
		const d = data();
		this.editionId = q.get('edition') ?? d.editions[0]?.id ?? '';
		this.sourceKey = q.get('weights') ?? d.sources[0].key;
		this.baselineKey = q.get('baseline') ?? 'equal';
		// The study's ranking method, unless the what-if (or the no-JS form's URL) chooses another.
		const method = scoringMethodOf({
			normalisation: q.get('norm') ?? d.scoring.normalisation,
			aggregation: q.get('agg') ?? d.scoring.aggregation
		});
		this.normalisation = method.normalisation;
		this.aggregation = method.aggregation;
		this.customFrom(d.sources[0].weights);
	}

	get d(): PreviewData {
		return this.data();
	}
	pillarCodes = $derived.by(() => this.data().pillars.map((p) => p.code));
	edition = $derived.by(
		() => this.data().editions.find((e) => e.id === this.editionId) ?? this.data().editions[0]
	);
	source = $derived.by(() => {
		const sources = this.data().sources;
		return (
			sources.find((s) => s.key === this.sourceKey) ??
			(this.sourceKey === 'custom' ? null : sources[0])
		);
	});
	/** Sets the what-if sliders to a weight vector (used when switching to custom weights). */
	customFrom(weights: readonly number[]): void {
		const s = splitWeights(weights, this.data().indicators, this.pillarCodes);
		this.pillarSliders = percentSliders(s.pillarW);
		this.localSliders = percentSliders(s.local);
	}
	weights = $derived.by(() =>
		this.source
			? this.source.weights
			: joinWeights(this.pillarSliders, this.localSliders, this.data().indicators, this.pillarCodes)
	);
	baselineWeights = $derived.by(() => {
		const sources = this.data().sources;
		return (sources.find((s) => s.key === this.baselineKey) ?? sources.at(-1)!).weights;
	});

	cities = $derived.by(() =>
		this.data().cities.filter((c) => this.edition?.cityIds.includes(c.id))
	);
	method = $derived<ScoringMethod>({
		normalisation: this.normalisation,
		aggregation: this.aggregation
	});
	/** The method differs from the study's (a what-if). */
	methodChanged = $derived.by(
		() =>
			this.normalisation !== this.data().scoring.normalisation ||
			this.aggregation !== this.data().scoring.aggregation
	);
	classRule = $derived.by(() => ({ topBands: this.data().scoring.classTopBands as 1 | 2 | 3 }));
	matrix = $derived.by(() => editionMatrix(this.cities, this.data().indicators, this.method));
	#ranking = (weights: readonly number[]) =>
		editionRanking({
			cities: this.cities,
			indicators: this.data().indicators,
			pillars: this.pillarCodes,
			weights,
			method: this.method,
			groups: this.data().groups,
			classRule: this.classRule,
			matrix: this.matrix
		});
	ranking = $derived.by(() => this.#ranking(this.weights));
	baselineRanking = $derived.by(() => this.#ranking(this.baselineWeights));
	result = $derived(this.ranking.total);
	baseline = $derived(this.baselineRanking.total);
	/** The cluster table: figures under the chosen weights, rank shifts against the comparison. */
	clusters = $derived.by(() =>
		clusterRows(this.ranking, this.data().groups, this.cities, {
			baseline: this.baselineRanking,
			intervals: this.mcShown?.result.groupIntervals
		})
	);
	classCounts = $derived.by(() =>
		CITY_CLASSES.map((k) => this.ranking.classes.filter((c) => c === k).length)
	);
	/** Cities whose class differs between the comparison and the chosen weights. */
	classMoves = $derived.by(() =>
		classChanges(this.baselineRanking.classes, this.ranking.classes).map((x) => ({
			name: this.cities[x.index].name,
			from: x.from,
			to: x.to
		}))
	);
	comparison = $derived.by(() => compareRankings(this.baseline.ranks, this.result.ranks));
	bandChanges = $derived.by(
		() =>
			this.result.bands.filter(
				(b, i) => b !== null && this.baseline.bands[i] !== null && b !== this.baseline.bands[i]
			).length
	);
	importance = $derived.by(() => effectiveImportance(this.matrix, this.result.scores));

	// The city table: search, country filter, sort, the open city.
	search = $state('');
	country = $state('');
	sortKey = $state<SortKey>('rank');
	sortDir = $state<1 | -1>(1);
	selected = $state<string | null>(null);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway set inside a derivation
	countries = $derived.by(() => [...new Set(this.cities.map((c) => c.country))].sort());
	detail = $derived.by(() =>
		this.selected ? this.cities.findIndex((c) => c.id === this.selected) : -1
	);
	sortBy(k: SortKey): void {
		if (this.sortKey === k) this.sortDir = this.sortDir === 1 ? -1 : 1;
		else {
			this.sortKey = k;
			this.sortDir = 1;
		}
	}
	ariaSort = (k: SortKey) =>
		this.sortKey === k ? (this.sortDir === 1 ? 'ascending' : 'descending') : 'none';

	/** The Monte Carlo result, when it belongs to the edition shown. */
	mcShown = $derived.by(() =>
		this.mc && this.mc.edition === this.edition?.id && this.mc.method === this.methodKey
			? this.mc
			: null
	);
	methodKey = $derived(`${this.normalisation}|${this.aggregation}`);

	rows = $derived.by(() => {
		const { result, comparison, mcShown: mc, search, country, sortKey, sortDir } = this;
		const needle = search.toLowerCase();
		return this.cities
			.map((c, i) => ({
				c,
				i,
				rank: result.ranks[i],
				score: result.scores[i],
				band: result.bands[i],
				shift: comparison.shifts[i],
				pillarRanks: this.ranking.subscales.map((x) => x.ranks[i]),
				cityClass: this.ranking.classes[i] as CityClass | null,
				mc:
					mc && mc.result.median[i] !== null
						? {
								median: mc.result.median[i]!,
								p5: mc.result.p5[i]!,
								p95: mc.result.p95[i]!,
								top: mc.result.bandProbabilities[i]![0]
							}
						: null
			}))
			.filter(
				(r) =>
					(!needle || r.c.name.toLowerCase().includes(needle)) &&
					(!country || r.c.country === country)
			)
			.sort((a, b) => {
				const v = (r: typeof a) =>
					sortKey === 'name'
						? r.c.name
						: sortKey === 'country'
							? r.c.country
							: sortKey === 'shift'
								? -(r.shift ?? -1e9)
								: sortKey === 'interval'
									? r.mc
										? r.mc.p95 - r.mc.p5
										: 1e9
									: (r.rank ?? 1e9);
				const x = v(a);
				const y = v(b);
				return (typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number)) * sortDir;
			});
	});

	/** The ten cities that move most between the comparison and the chosen weights. */
	topMovers = $derived.by(
		() =>
			this.cities
				.map((c, i) => ({
					name: c.name,
					from: this.baseline.ranks[i],
					to: this.result.ranks[i],
					shift: this.comparison.shifts[i]
				}))
				.filter((m) => m.shift !== null && m.from !== null && m.to !== null)
				.sort((a, b) => Math.abs(b.shift!) - Math.abs(a.shift!))
				.slice(0, 10) as { name: string; from: number; to: number }[]
	);

	// Monte Carlo, in a worker.
	draws = $state(1000);
	noise = $state(0.1);
	seed = $state(2023);
	useBootstrap = $state(true);
	progress = $state<{ phase: string; done: number; total: number } | null>(null);
	mc = $state<{
		edition: string;
		method: string;
		result: McResult;
		ms: number;
		draws: number;
	} | null>(null);
	mcError = $state('');
	#worker: Worker | null = null;

	runMonteCarlo(): void {
		this.#worker?.terminate();
		this.mcError = '';
		const ed = this.edition!.id;
		const method = this.methodKey;
		const draws = Math.min(10_000, Math.max(100, this.draws));
		const worker = new McWorker();
		this.#worker = worker;
		worker.onmessage = (e: MessageEvent<McMessage>) => {
			const msg = e.data;
			if (msg.type === 'progress')
				this.progress = { phase: msg.phase, done: msg.done, total: msg.total };
			else if (msg.type === 'done') {
				this.mc = { edition: ed, method, result: msg.result, ms: msg.ms, draws: this.draws };
				this.progress = null;
				worker.terminate();
			} else {
				this.mcError = msg.message;
				this.progress = null;
			}
		};
		this.progress = { phase: 'weights', done: 0, total: this.draws };
		const panel = this.source ? this.data().bootstraps[this.source.key] : undefined;
		const req: McRequest = {
			matrix: $state.snapshot(this.matrix) as (number | null)[][],
			nominal: $state.snapshot(this.weights) as number[],
			draws,
			seed: this.seed,
			noise: this.noise,
			// The panel behind the chosen weights, never another round's.
			bootstrap: this.useBootstrap && panel ? (panel as McRequest['bootstrap']) : null,
			aggregation: this.aggregation,
			groups: this.ranking.clusters.map((f) => f.indices)
		};
		worker.postMessage(req);
	}

	/** The 25 best-ranked cities with their Monte Carlo interval and band probabilities. */
	topByRank = $derived.by(() => {
		const mc = this.mcShown;
		if (!mc) return [];
		return this.cities
			.map((c, i) => ({
				name: c.name,
				nominal: mc.result.nominal[i],
				p5: mc.result.p5[i],
				p95: mc.result.p95[i],
				p: mc.result.bandProbabilities[i]
			}))
			.filter((r) => r.nominal !== null && r.p5 !== null)
			.map((r) => ({ ...r, nominal: r.nominal!, p5: r.p5!, p95: r.p95!, p: r.p! }))
			.sort((a, b) => a.nominal - b.nominal)
			.slice(0, 25);
	});

	/** The table as shown (filtered and sorted), for the CSV and XLSX downloads. */
	tableForExport() {
		return {
			columns: [
				m.staff_csv_rank(),
				m.staff_csv_city(),
				m.staff_csv_country(),
				m.staff_csv_score(),
				m.staff_csv_band(),
				...this.data().pillars.map((p) => m.staff_csv_pillar_rank({ pillar: p.code })),
				m.staff_city_class(),
				m.staff_shift_vs_baseline(),
				m.staff_csv_mc_median(),
				'MC p5',
				'MC p95',
				`P(${m.band_top10()})`
			],
			rows: this.rows.map((r) => [
				r.rank,
				r.c.name,
				r.c.country,
				r.score === null ? null : +r.score.toFixed(3),
				r.band === null ? null : bandWord(r.band),
				...r.pillarRanks,
				r.cityClass === null ? null : classWord(r.cityClass),
				r.shift,
				r.mc ? r.mc.median : null,
				r.mc ? r.mc.p5 : null,
				r.mc ? r.mc.p95 : null,
				r.mc ? +r.mc.top.toFixed(3) : null
			])
		};
	}

	/** The cluster table as shown, for the CSV and XLSX downloads. */
	clustersForExport() {
		return clusterTableForExport(this.clusters, this.data().pillars);
	}

	// The sensitivity analysis (Sobol indices) and leave-one-expert-out, in a worker.
	sensN = $state(1000);
	sensNoise = $state(0.2);
	sensSeed = $state(2023);
	sensProgress = $state<{ done: number; total: number } | null>(null);
	sens = $state<{ key: string; result: Extract<SensMessage, { type: 'done' }> } | null>(null);
	sensError = $state('');
	#sensWorker: Worker | null = null;
	sensKey = $derived(
		`${this.edition?.id}|${this.sourceKey}|${this.methodKey}|${this.weights.join(',')}`
	);
	sensShown = $derived.by(() =>
		this.sens && this.sens.key === this.sensKey ? this.sens.result : null
	);

	runSensitivity(): void {
		this.#sensWorker?.terminate();
		this.sensError = '';
		const key = this.sensKey;
		const worker = new SensWorker();
		this.#sensWorker = worker;
		worker.onmessage = (e: MessageEvent<SensMessage>) => {
			const msg = e.data;
			if (msg.type === 'progress') this.sensProgress = { done: msg.done, total: msg.total };
			else if (msg.type === 'done') {
				this.sens = { key, result: msg };
				this.sensProgress = null;
				worker.terminate();
			} else {
				this.sensError = msg.message;
				this.sensProgress = null;
			}
		};
		const N = Math.min(4000, Math.max(100, Math.round(this.sensN)));
		this.sensProgress = { done: 0, total: N };
		const panel = this.source ? this.data().bootstraps[this.source.key] : undefined;
		const req: SensRequest = {
			cities: $state.snapshot(this.cities) as SensRequest['cities'],
			indicators: $state.snapshot(this.data().indicators) as SensRequest['indicators'],
			pillars: [...this.pillarCodes],
			nominalWeights: $state.snapshot(this.weights) as number[],
			nominalMethod: { normalisation: this.normalisation, aggregation: this.aggregation },
			panel: panel ? ($state.snapshot(panel) as SensRequest['panel']) : null,
			noise: Math.min(0.9, Math.max(0, this.sensNoise)),
			N,
			seed: this.sensSeed,
			bootstrap: 200
		};
		worker.postMessage(req);
	}

	/** The leave-one-expert-out rows with the panel's pseudonyms (staff only: experts get no panel). */
	leaveOneOut = $derived.by(() => {
		const r = this.sensShown;
		if (!r || !r.leaveOneOut.length || !this.source) return [];
		const names = this.data().pseudonyms[this.source.key] ?? [];
		return r.leaveOneOut
			.map((x) => ({ ...x, pseudonym: names[x.expert] ?? `#${x.expert + 1}` }))
			.sort((a, b) => b.meanAbsoluteShift - a.meanAbsoluteShift);
	});
}
